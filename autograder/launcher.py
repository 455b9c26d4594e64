"""The launcher: one process per grading process that imports, once, what every grading kernel
and every verification process imports, and forks each of them from there. No student code ever
runs in it, so each child starts from the state right after the imports, as a freshly started
interpreter would, only without paying about a second of CPU for them.

    python -m autograder.launcher          (started by `Launcher`, below)

Protocol, one JSON object per line. Requests on stdin: ``{"kernel": {"argv": [...], "env":
{...}, "cwd": "..."}}`` (the arguments of ``python -m ipykernel_launcher``), ``{"job":
"JOB_DIR"}`` (a verification job, autograder.verify_worker) or ``{"signal": PID, "signum": N}`` (to
one of its children and what it started: its process group). Answers on stdout: ``{"pid": N}`` at
once, and ``{"exit": N, "code": C}`` when that child ends (C negative for a signal). The
launcher ends when its stdin closes (its grading process is gone, however it ended), and
takes every child with it: student code never outlives its grading.
"""
import ctypes
import json
import os
import select
import signal
import subprocess
import sys
import threading
import time

from . import checks
from .confine import confine
from .course import PACKAGE_PATHS, ROOT, limit_blas_threads


MPL_INLINE = "module://matplotlib_inline.backend_inline"

#: what a grading kernel imports: ipykernel itself, then what every assignment imports
#: (not matplotlib_inline's backend: imported outside a kernel it would never hook into the
#: kernel's IPython, and figures would not be shown)
PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "IPython", "numpy", "matplotlib",
           "matplotlib.pyplot", "matplotlib.backends.backend_agg", "h5py",
           "dlcourse.activations", "dlcourse.casefile", "dlcourse.datasets", "dlcourse.gradcheck",
           "dlcourse.mlp", "dlcourse.plotting", "dlcourse.signs", "dlcourse.testing",
           "dlcourse.three_layer", "autograder.hidden", "autograder.checks",
           *(f"autograder.properties.{name}" for name in checks.REGISTRY))


def _preload():
    import importlib
    # as ipykernel sets it before a notebook can import matplotlib
    os.environ.setdefault("MPLBACKEND", MPL_INLINE)
    # as the grading kernel's exec_lines (nbgrader_config.py) set them before NumPy loads
    limit_blas_threads()
    for module in PRELOAD:
        try:
            importlib.import_module(module)
        except Exception:  # only costs the import time later, in the kernel
            pass


#: prctl(2) option: the signal a process gets when its parent ends
PR_SET_PDEATHSIG = 1


def die_with_parent():
    """Be killed when the parent process (the thread of it that started this one) ends, even
    by SIGKILL (Linux only; elsewhere nothing happens): for the launcher's children, and for
    grade-all's worker processes, whose launchers then end their children in turn."""
    parent = os.getppid()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent ended before the setting took effect
        os._exit(1)


def _signal_children(pids, signum=signal.SIGKILL):
    """Signal each child and what it started (each leads its own session and process group)."""
    for pid in pids:
        try:
            os.killpg(pid, signum)
        except OSError:
            try:
                os.kill(pid, signum)
            except OSError:
                pass


def _leave_launcher(keep):
    """In a forked child: a new session, tied to the launcher's life, the default signal
    handling, none of the launcher's pipes, /dev/null for standard streams, fresh random
    state."""
    os.setsid()
    die_with_parent()
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for fd in keep:
        os.close(fd)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()  # not the launcher's seed, shared by every child


def _become_verifier(job_dir, keep):
    """In the forked child: run a verification job (autograder.verify_worker), without a display."""
    try:
        _leave_launcher(keep)
        os.chdir(job_dir)
        os.environ["MPLBACKEND"] = "Agg"
        import matplotlib
        matplotlib.use("Agg")
        from autograder.verify_worker import run_job
        run_job(job_dir)
    finally:
        os._exit(3)


def _become_kernel(request, keep):
    """In the forked child: the requested folder and environment, then ipykernel, as
    ``python -m ipykernel_launcher`` would run it."""
    try:
        _leave_launcher(keep)
        if request.get("confine"):  # a student's kernel in the sandbox: its own view first
            confine(**request["confine"])
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        # ipykernel ends itself when its parent (this launcher) goes, as the launcher does when
        # the grader goes. Given as an option: ipykernel read JPY_PARENT_PID when the launcher
        # imported it, so the environment alone would not reach it.
        launcher = str(os.getppid())
        os.environ["JPY_PARENT_PID"] = launcher
        os.environ.setdefault("MPLBACKEND", MPL_INLINE)
        # ipykernel_launcher drops the working folder from sys.path while ipykernel loads;
        # IPython puts it back at the front
        sys.path[:] = [p for p in sys.path if p not in ("", os.getcwd())]
        sys.argv = (["ipykernel_launcher"] + list(request["argv"])
                    + [f"--IPKernelApp.parent_handle={launcher}"])
        from ipykernel import kernelapp
        kernelapp.launch_new_instance()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        code = 1
    os._exit(code)


def main():
    _preload()
    answer = os.dup(1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the grader interrupts kernels, never this
    requests = sys.stdin.buffer.raw if hasattr(sys.stdin.buffer, "raw") else sys.stdin.buffer
    stdin_fd = requests.fileno()
    buffer = b""
    children = set()

    def send(message):
        os.write(answer, (json.dumps(message) + "\n").encode())

    while True:
        try:
            ready, _, _ = select.select([stdin_fd, wake_read], [], [])
        except InterruptedError:
            continue
        if wake_read in ready:
            os.read(wake_read, 4096)
            while True:
                try:
                    pid, status = os.waitpid(-1, os.WNOHANG)
                except ChildProcessError:
                    break
                if pid == 0:
                    break
                code = -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)
                children.discard(pid)
                send({"exit": pid, "code": code})
        if stdin_fd in ready:
            chunk = os.read(stdin_fd, 65536)
            if not chunk:  # the grading process is gone
                _signal_children(children)
                os._exit(0)
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                if not line.strip():
                    continue
                request = json.loads(line)
                if "signal" in request:
                    if request["signal"] in children:
                        _signal_children([request["signal"]], request["signum"])
                    continue
                pid = os.fork()
                if pid == 0:
                    keep = (stdin_fd, answer, wake_read, wake_write)
                    if "job" in request:
                        _become_verifier(request["job"], keep)
                    _become_kernel(request["kernel"], keep)
                children.add(pid)
                send({"pid": pid})


def child_env():
    """This process's environment with the repository's packages first on PYTHONPATH: what the
    launcher, or a grading process started without it, runs with."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(p) for p in PACKAGE_PATHS] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    return env


class Launcher:
    """The grading process's side: starts the launcher on first use (again if it died), asks it
    for children and keeps the exit codes it reports.

    ``prefix``: a command the launcher runs under (autograder.sandbox.command: its children's
    process ids are then the sandbox's own, so they are killed through the launcher)."""

    def __init__(self, prefix=()):
        self.prefix = list(prefix)
        self.lock = threading.Lock()
        self.changed = threading.Condition()
        self.proc = None
        self.pids = []     # answers to requests, in order
        self.exits = {}    # pid -> exit code

    def _start(self):
        if self.proc is not None:  # a launcher that died: let what is left of it end too
            try:
                self.proc.stdin.close()
            except OSError:
                pass
        with self.changed:  # process ids are the new launcher's from now on
            self.exits.clear()
        self.proc = subprocess.Popen([*self.prefix, sys.executable, "-m", "autograder.launcher"], cwd=ROOT,
                                     env=child_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, start_new_session=True)
        threading.Thread(target=self._read, args=(self.proc,), daemon=True).start()

    def _read(self, proc):
        for line in proc.stdout:
            try:
                message = json.loads(line)
            except ValueError:
                continue
            with self.changed:
                if proc is not self.proc:  # a launcher replaced since
                    break
                if "pid" in message:
                    self.pids.append(message["pid"])
                elif "exit" in message:
                    self.exits[message["exit"]] = message["code"]
                self.changed.notify_all()
        with self.changed:  # the launcher is gone: its children cannot be reaped by it any more
            self.changed.notify_all()

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def _send(self, request):
        self.proc.stdin.write((json.dumps(request) + "\n").encode())
        self.proc.stdin.flush()

    def spawn(self, request, timeout=60):
        """Fork a child (``{"kernel": ...}`` or ``{"job": ...}``); returns its pid. Raises
        OSError if the launcher cannot do it."""
        with self.lock:
            if not self.alive():
                self._start()
            with self.changed:
                self.pids.clear()
            self._send(request)
            deadline = time.monotonic() + timeout
            with self.changed:
                while not self.pids:
                    if not self.alive() or time.monotonic() > deadline:
                        raise OSError("the launcher did not answer")
                    self.changed.wait(0.5)
                return self.pids.pop(0)

    def exit_code(self, pid):
        """The child's exit code, or None while it runs."""
        with self.changed:
            if pid in self.exits:
                return self.exits[pid]
        if not self.alive():  # nobody reports any more: its children ended with it
            return -signal.SIGKILL
        return None

    def wait(self, pid, timeout, kill=True):
        """The child's exit code; None if it was still running after ``timeout`` seconds (it is
        then killed, unless ``kill`` is false)."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while self.exit_code(pid) is None and time.monotonic() < deadline:
                self.changed.wait(min(0.5, max(0.01, deadline - time.monotonic())))
        code = self.exit_code(pid)
        if code is None and kill:
            self.kill(pid)
        return code

    def signal(self, pid, signum):
        """Send a signal to a child and what it started (through the launcher: the pid may be
        one of its sandbox's own); False if the launcher is gone (and its children with it)."""
        with self.lock:
            if not self.alive():
                return False
            try:
                self._send({"signal": pid, "signum": int(signum)})
            except OSError:
                return False
            return True

    def kill(self, pid):
        """Kill a child and what it started (its process group: it leads its own session), and
        wait (up to 10 s) until the launcher has reaped it. The launcher does the killing: the
        pid may be one of its sandbox's own."""
        if not self.signal(pid, signal.SIGKILL):
            return
        with self.changed:
            for _ in range(100):
                if self.exit_code(pid) is not None:
                    break
                self.changed.wait(0.1)


#: this grading process's launcher
LAUNCHER = Launcher()


if __name__ == "__main__":
    main()
