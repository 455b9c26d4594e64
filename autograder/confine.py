"""One grading kernel's view of the course, made in the kernel's own process before any student
code runs (Linux system calls through ctypes).

The kernels' launcher runs in the sandbox (autograder.sandbox.kernel_command): the course's
``grading/`` looks empty there, and the course's ``autograded/`` folder is mounted at a staging
path only the launcher uses. A forked kernel then

1. takes a private mount namespace;
2. puts a fresh tmpfs over the course's ``grading/`` and mounts its own working folder (one
   student's ``autograded/<student>/<assignment>``) back at its usual path, read-write;
3. makes that tmpfs read-only and covers the staging mount with an empty one;
4. drops every capability, for good (bounding set, effective/permitted/inheritable sets,
   no_new_privs).

Student code then sees its own folder and nothing else of any student or of the gradebook, and
cannot undo any of it.
"""
import ctypes
import os

CLONE_NEWNS = 0x00020000
MS_RDONLY, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 32, 4096, 1 << 14, 1 << 18
PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS, PR_SET_DUMPABLE = 24, 38, 4
LINUX_CAPABILITY_VERSION_3 = 0x20080522
LAST_CAPABILITY = 63


class ConfineError(OSError):
    pass


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _check(result, what):
    if result != 0:
        errno = ctypes.get_errno()
        raise ConfineError(errno, f"{what}: {os.strerror(errno)}")


def _mount(libc, source, target, fstype, flags, data=None):
    enc = lambda s: None if s is None else os.fsencode(s)  # noqa: E731
    _check(libc.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)),
           f"mount {target}")


def drop_capabilities(libc):
    """No capability now or after any exec; the process cannot be traced by its peers."""
    for cap in range(LAST_CAPABILITY + 1):
        libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)  # fails past the kernel's last one: fine
    header = (ctypes.c_uint32 * 2)(LINUX_CAPABILITY_VERSION_3, 0)
    data = (ctypes.c_uint32 * 6)()
    _check(libc.capset(header, data), "capset")
    _check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def confine(workdir, grading, staging, staged_root):
    """Give this process its own view: ``grading`` (the course's grading/ folder) empty but for
    ``workdir`` (inside it), mounted from ``staging`` (where the launcher sees ``staged_root``,
    the folder of grading/ that holds ``workdir``); then drop every capability."""
    libc = _libc()
    relative = os.path.relpath(workdir, staged_root)
    if relative.startswith(".."):
        raise ConfineError(0, f"{workdir} is not inside {staged_root}")
    _check(libc.unshare(CLONE_NEWNS), "unshare")
    _mount(libc, None, "/", None, MS_REC | MS_PRIVATE)
    _mount(libc, "tmpfs", grading, "tmpfs", 0, "size=64k,mode=755")
    os.makedirs(workdir, exist_ok=True)
    _mount(libc, os.path.join(staging, relative), workdir, None, MS_BIND)
    _mount(libc, None, grading, None, MS_REMOUNT | MS_RDONLY)
    # the staging mount came from the launcher's namespace: locked, it cannot be unmounted here,
    # but an empty read-only tmpfs covers it for good
    _mount(libc, "tmpfs", staging, "tmpfs", MS_RDONLY, "size=4k")
    drop_capabilities(libc)
