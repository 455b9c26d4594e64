"""The sandbox that processes running student code start in: bubblewrap (Debian's
``bubblewrap``, the ``bwrap`` command).

Inside, a process sees the whole file system read-only, except:

- the instructor's folders (``hidden``: hidden expected values, reference solutions, nbgrader's
  folders with the gradebook and every student's work) are empty;
- ``/tmp`` is private, empty and small (course.FILE_MB), and only the ``writable`` folders are writable;
- ``readable`` folders (under ``/tmp``, say) are visible, read-only;

and it has no network (its own empty network namespace), no view of other processes (its own
process-id namespace) and no capabilities. What runs in it ends with the grading process that
started it: the launcher (autograder.launcher) ends, with its children, when its grader goes,
and the sandbox ends with the launcher. (Not bubblewrap's --die-with-parent: that ties the
sandbox to the *thread* that started it, and grading starts it from short-lived threads.)

Where bubblewrap is missing or cannot make a sandbox (no user namespaces, not Linux), grading
refuses to run unless DLCOURSE_UNSANDBOXED=1 allows it; the reports then say so.
"""
import atexit
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .course import FILE_MB, ROOT

#: the setting that allows grading without a sandbox
UNSANDBOXED = "DLCOURSE_UNSANDBOXED"

#: the note a report carries when its student code ran without a sandbox
UNSANDBOXED_NOTE = f"graded without a sandbox ({UNSANDBOXED}=1): student code could read the course"


class SandboxUnavailable(Exception):
    """No sandbox can be made here, and running without one was not allowed."""


def unsandboxed_allowed():
    return os.environ.get(UNSANDBOXED, "") not in ("", "0", "no")


#: where the kernels' launcher sees the course's autograded/ folder (autograder.confine)
STAGING = "/tmp/.dlcourse-autograded"


def command(hidden=(), writable=(), readable=(), staged=None):
    """The argument list that runs a command (appended to it) in the sandbox.

    ``staged``: the course's autograded/ folder, for the grading kernels' launcher. It then
    also keeps one capability, inside the sandbox only, with which each kernel it forks makes
    its own view (its working folder) before dropping every capability (autograder.confine);
    and no process inside can make a user namespace of its own."""
    argv = ["bwrap", "--unshare-all"]
    if staged is None:
        argv += ["--cap-drop", "ALL"]
    else:
        argv += ["--unshare-user", "--disable-userns", "--cap-drop", "ALL",
                 "--cap-add", "CAP_SYS_ADMIN"]
    argv += ["--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
             "--size", str(FILE_MB << 20), "--tmpfs", "/tmp"]
    for folder in _code_under_tmp():  # a course cloned under /tmp still runs in its sandbox
        argv += ["--ro-bind", folder, folder]
    for folder in hidden:
        if os.path.isdir(folder):
            argv += ["--tmpfs", str(folder), "--remount-ro", str(folder)]
    for folder in readable:
        argv += ["--ro-bind", str(folder), str(folder)]
    for folder in writable:
        argv += ["--bind", str(folder), str(folder)]
    if staged is not None:
        argv += ["--bind", str(staged), STAGING]
    return argv + ["--"]


def _code_under_tmp():
    """The folders of the course's code and of the Python installation that lie under /tmp
    (which the sandbox replaces with its own): they are shown again, read-only."""
    folders = {str(p) for p in (ROOT, sys.prefix, sys.base_prefix)
               if Path(p).resolve().is_relative_to("/tmp")}
    return sorted(folders)


@functools.lru_cache(maxsize=None)
def scratch_dir(kind):
    """This grading process's own temporary folder for ``kind``, shared with its sandboxes
    (removed when the process ends): "inputs" (the verification pass's test inputs, read-only
    there), "jobs" (its job folders, writable there), "kernels" (the grading kernels'
    connection files and sockets)."""
    path = Path(tempfile.mkdtemp(prefix=f"dlcourse-{kind}-"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


@functools.lru_cache(maxsize=1)
def problem():
    """Why no sandbox can be made here ("" if one can)."""
    if shutil.which("bwrap") is None:
        return "bubblewrap (the bwrap command) is not installed"
    try:
        run = subprocess.run(command() + ["true"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bubblewrap cannot start: {exc}"
    if run.returncode != 0:
        lines = run.stderr.strip().splitlines()
        return f"bubblewrap cannot make a sandbox here: {lines[-1] if lines else run.returncode}"
    return ""


def required():
    """Whether student code runs sandboxed: True if a sandbox can be made, False if not and
    DLCOURSE_UNSANDBOXED=1 allows that; raises SandboxUnavailable (one line, naming the
    setting) otherwise."""
    reason = problem()
    if not reason:
        return True
    if unsandboxed_allowed():
        return False
    raise SandboxUnavailable(f"{reason}; student code is only run in a sandbox "
                             f"(install bubblewrap, or set {UNSANDBOXED}=1 to grade without one)")
