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
import os
import signal
from importlib.metadata import EntryPoint
import subprocess
import sys
import time

from jupyter_client import AsyncKernelManager, KernelManager
from jupyter_client.provisioning import KernelProvisionerFactory, LocalProvisioner

from .launcher import LAUNCHER

NAME = "dlcourse-forked"


class _ForkedKernel:
    """What LocalProvisioner needs of a ``subprocess.Popen``, for a kernel that is the
    launcher's child, not ours."""
    stdin = stdout = stderr = None

    def __init__(self, pid):
        self.pid = pid
        self.returncode = None

    def poll(self):
        if self.returncode is None:
            self.returncode = LAUNCHER.exit_code(self.pid)
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
            os.kill(self.pid, signum)

    def kill(self):
        self.send_signal(signal.SIGKILL)

    def terminate(self):
        self.send_signal(signal.SIGTERM)


def _is_ipykernel(cmd):
    """A ``python -m ipykernel_launcher ...`` command of this very Python (the launcher's)."""
    if len(cmd) < 3 or list(cmd[1:3]) != ["-m", "ipykernel_launcher"]:
        return False
    try:
        return os.path.samefile(cmd[0], sys.executable) or cmd[0] in ("python", "python3")
    except OSError:
        return False


class ForkedProvisioner(LocalProvisioner):
    """LocalProvisioner whose python kernels are forked by the preloaded launcher."""

    async def launch_kernel(self, cmd, **kwargs):
        if not _is_ipykernel(cmd):
            return await super().launch_kernel(cmd, **kwargs)
        env = kwargs.get("env") or dict(os.environ)
        cwd = str(kwargs.get("cwd") or os.getcwd())
        try:
            pid = LAUNCHER.spawn({"kernel": {"argv": list(cmd[3:]), "cwd": cwd,
                                             "env": {k: str(v) for k, v in env.items()}}})
        except (OSError, ValueError):
            return await super().launch_kernel(cmd, **kwargs)
        self.process = _ForkedKernel(pid)
        self.pid = pid
        self.pgid = pid  # the kernel leads its own session and process group
        self.cwd = cwd
        return self.connection_info


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
    """For nbclient (and so nbgrader's Execute preprocessor): see `enabled`."""


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
