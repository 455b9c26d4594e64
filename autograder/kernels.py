"""Grading kernels forked from the preloaded launcher (autograder.launcher).

Every grading kernel imports ipykernel, IPython, NumPy, matplotlib, h5py and dlcourse: about a
second of CPU per submission, often more than the tests themselves. `configure(config)` makes
nbgrader's kernels come from a launcher that did those imports once:
each kernel is still a new process, in its own session, started from the state right after the
imports. It is a jupyter_client kernel provisioner, so nbgrader and nbclient manage the kernel
as usual (interrupts on timeout, kill, dead-kernel detection).

If the launcher cannot start or fails, kernels start the usual way (`LocalProvisioner`).
Plain `nbgrader` commands never use it. DLCOURSE_FORKED_KERNELS=0 turns it off.
"""
import atexit
import functools
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from importlib.metadata import EntryPoint
from pathlib import Path

from jupyter_client import AsyncKernelManager, KernelManager
from jupyter_client.provisioning import KernelProvisionerFactory, LocalProvisioner

from . import course, sandbox
from .launcher import LAUNCHER, Launcher
from .verify import instructor_folders

NAME = "dlcourse-forked"


class _ForkedKernel:
    """What LocalProvisioner needs of a ``subprocess.Popen``, for a kernel that is a launcher's
    child, not ours (its pid may be one of the launcher's sandbox: signals go through the
    launcher)."""
    stdin = stdout = stderr = None

    def __init__(self, launcher, pid):
        self.launcher = launcher
        self.pid = pid
        self.returncode = None

    def poll(self):
        if self.returncode is None:
            self.returncode = self.launcher.exit_code(self.pid)
        return self.returncode

    def wait(self, timeout=None):
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired("kernel", timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum):
        if self.poll() is None:
            self.launcher.signal(self.pid, signum)

    def kill(self):
        self.send_signal(signal.SIGKILL)

    def terminate(self):
        self.send_signal(signal.SIGTERM)


@functools.lru_cache(maxsize=1)
def _sockets_dir():
    """This process's folder for its sandboxed kernels' connection files and sockets."""
    path = Path(tempfile.mkdtemp(prefix="dlcourse-kernels-"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


@functools.lru_cache(maxsize=4)
def _student_launcher(autograded):
    """The launcher of the student kernels of a course whose nbgrader autograded/ folder is
    ``autograded``: in the sandbox, where its grading/ and notebooks/ look empty, the sockets'
    folder is writable, and each kernel mounts only its own working folder (autograder.confine).
    The hidden references stay readable to the kernel for now: its hidden tests compare there."""
    course_root = Path(autograded).parent.parent
    hidden = [f for f in instructor_folders(course_root) if f != str(course.HIDDEN_REFERENCES)]
    return Launcher(sandbox.command(hidden=hidden, writable=[_sockets_dir()], staged=autograded))


def _is_ipykernel(cmd):
    """A ``python -m ipykernel_launcher ...`` command of this very Python (the launcher's)."""
    if len(cmd) < 3 or list(cmd[1:3]) != ["-m", "ipykernel_launcher"]:
        return False
    try:
        return os.path.samefile(cmd[0], sys.executable) or cmd[0] in ("python", "python3")
    except OSError:
        return False


class ForkedProvisioner(LocalProvisioner):
    """LocalProvisioner whose python kernels are forked by the preloaded launcher: a student's
    kernel (see ForkedKernelManager) by the launcher in the sandbox, in its own view of the
    course."""

    async def launch_kernel(self, cmd, **kwargs):
        if not _is_ipykernel(cmd):
            return await super().launch_kernel(cmd, **kwargs)
        env = kwargs.get("env") or dict(os.environ)
        cwd = str(kwargs.get("cwd") or os.getcwd())
        request = {"argv": list(cmd[3:]), "cwd": cwd, "env": {k: str(v) for k, v in env.items()}}
        launcher = LAUNCHER
        if getattr(self.parent, "sandboxed", False):
            autograded = Path(cwd).parent.parent
            if autograded.name != "autograded":
                raise RuntimeError(f"a student's kernel runs in nbgrader's autograded/<student>/"
                                   f"<assignment> folder, not in {cwd}")
            launcher = _student_launcher(str(autograded))
            request["confine"] = {"workdir": cwd, "grading": str(autograded.parent),
                                  "staging": sandbox.STAGING, "staged_root": str(autograded)}
        try:
            pid = launcher.spawn({"kernel": request})
        except (OSError, ValueError):
            if launcher is not LAUNCHER:  # never run a student's kernel outside the sandbox
                raise
            return await super().launch_kernel(cmd, **kwargs)
        self.process = _ForkedKernel(launcher, pid)
        self.pid = pid
        self.pgid = None  # signals go to the kernel's process group through the launcher
        self.cwd = cwd
        return self.connection_info

    async def send_signal(self, signum):
        if self.process:
            self.process.send_signal(signum)


def _register():
    """Make the provisioner known to jupyter_client by name (no packaging entry point needed)."""
    KernelProvisionerFactory.instance().provisioners.setdefault(NAME, EntryPoint(
        name=NAME, value=f"{__name__}:ForkedProvisioner", group="jupyter_client.kernel_provisioners"))


class _ForkedSpec:
    """A kernel manager whose kernel spec names the forked provisioner (only its own kernels
    are forked; every other kernel manager in the process is left as it is)."""

    @property
    def kernel_spec(self):
        spec = super().kernel_spec
        if spec is not None and "kernel_provisioner" not in spec.metadata:
            _register()
            spec.metadata = {**spec.metadata, "kernel_provisioner": {"provisioner_name": NAME}}
        return spec


class ForkedKernelManager(_ForkedSpec, AsyncKernelManager):
    """For nbclient (and so nbgrader's Execute preprocessor), whose kernels run students' code:
    in the sandbox (unless DLCOURSE_UNSANDBOXED=1 allows otherwise), talking over Unix sockets
    in a folder the sandbox shares (it has no network). See `enabled`."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.sandboxed = sandbox.required()
        if self.sandboxed:
            self.transport = "ipc"
            name = f"kernel-{uuid.uuid4().hex}"
            self.connection_file = str(_sockets_dir() / f"{name}.json")
            self.ip = str(_sockets_dir() / name)


class BlockingForkedKernelManager(_ForkedSpec, KernelManager):
    """The same for blocking use of jupyter_client."""


def enabled():
    """Whether `python -m autograder` grades with forked kernels (DLCOURSE_FORKED_KERNELS=0: no)."""
    return os.environ.get("DLCOURSE_FORKED_KERNELS", "1") not in ("0", "", "no")


def configure(config):
    """Make nbgrader's Execute preprocessor, configured by ``config``, use forked kernels."""
    if enabled():
        config.Execute.kernel_manager_class = f"{__name__}.ForkedKernelManager"
    return config
