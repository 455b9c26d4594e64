"""The kernels that run students' notebooks under ``python -m autograder``.

`configure(config)` makes nbgrader's Execute preprocessor start its kernels through
:class:`ForkedKernelManager`, a jupyter_client kernel provisioner, so nbgrader and nbclient
manage each kernel as usual (interrupts on timeout, kill, dead-kernel detection). Every such
kernel

- has :data:`autograder.hidden.OUTSIDE` set: its hidden checks run outside it, in the
  verification pass;
- runs in the sandbox (autograder.sandbox) where a sandbox can be made: forked from a launcher
  that runs in it, in its own view of the course (autograder.confine), talking over Unix
  sockets; only the course's own Python kernel runs there;
- is forked from a launcher that has already imported ipykernel, IPython, NumPy, matplotlib,
  h5py and dlcourse (about a second of CPU per submission, often more than the tests), yet is a
  new process in its own session, started from the state right after the imports.

Unsandboxed (DLCOURSE_UNSANDBOXED=1 where no sandbox can be made), DLCOURSE_FORKED_KERNELS=0
starts the kernels the usual way (`LocalProvisioner`). Plain `nbgrader` commands never use any
of this.
"""
import functools
import os
import signal
import subprocess
import sys
import time
import uuid
from importlib.metadata import EntryPoint
from pathlib import Path

from jupyter_client import AsyncKernelManager, KernelManager
from jupyter_client.provisioning import KernelProvisionerFactory, LocalProvisioner

from . import course, sandbox
from .hidden import OUTSIDE
from .launcher import LAUNCHER, Launcher

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


@functools.lru_cache(maxsize=4)
def _student_launcher(autograded):
    """The launcher of the student kernels of a course whose nbgrader autograded/ folder is
    ``autograded``: in the sandbox, where the instructor's folders (hidden expected values
    included) look empty, the sockets' folder is writable, and each kernel mounts only its own
    working folder (autograder.confine)."""
    course_root = Path(autograded).parent.parent
    return Launcher(sandbox.command(hidden=course.instructor_folders(course_root),
                                    writable=[sandbox.scratch_dir("kernels")], staged=autograded))


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
        env = {**(kwargs.get("env") or os.environ), OUTSIDE: "1"}
        sandboxed = getattr(self.parent, "sandboxed", False)
        if sandboxed and not _is_ipykernel(cmd):
            raise RuntimeError(f"only the course's Python kernel runs student code here, not {cmd[0]}")
        if not _is_ipykernel(cmd) or not (sandboxed or enabled()):
            return await super().launch_kernel(cmd, **{**kwargs, "env": env})
        cwd = str(kwargs.get("cwd") or os.getcwd())
        request = {"argv": list(cmd[3:]), "cwd": cwd, "env": {k: str(v) for k, v in env.items()}}
        launcher = LAUNCHER
        if sandboxed:
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
            self.connection_file = str(sandbox.scratch_dir("kernels") / f"{name}.json")
            self.ip = str(sandbox.scratch_dir("kernels") / name)


class BlockingForkedKernelManager(_ForkedSpec, KernelManager):
    """The same for blocking use of jupyter_client."""


def enabled():
    """Whether unsandboxed kernels are forked too (DLCOURSE_FORKED_KERNELS=0: no; sandboxed
    kernels always are)."""
    return os.environ.get("DLCOURSE_FORKED_KERNELS", "1") not in ("0", "", "no")


def configure(config):
    """Make nbgrader's Execute preprocessor, configured by ``config``, start the course's
    kernels (see the module's documentation)."""
    config.Execute.kernel_manager_class = f"{__name__}.ForkedKernelManager"
    return config
