"""The grading kernels' launcher: imports what every grading kernel imports, once, then forks a
fresh kernel process for each submission. Started and spoken to by autograder.kernels.

    python -m autograder.kernel_zygote

Protocol (one JSON object per line): the grader writes ``{"argv": [...], "env": {...},
"cwd": "..."}`` (the arguments of ``python -m ipykernel_launcher``); this process answers
``{"pid": N}`` at once, and ``{"exit": N, "code": C}`` when that kernel ends (C negative for a
signal). It ends when its stdin closes.

No student code ever runs here: a forked kernel starts from the state right after the imports,
as a freshly started kernel would be, only without paying about a second of CPU for them.
"""
import json
import os
import select
import signal
import sys

MPL_INLINE = "module://matplotlib_inline.backend_inline"

#: what a grading kernel imports: ipykernel itself, then what every assignment imports
#: (not matplotlib_inline's backend: imported outside a kernel it would never hook into the
#: kernel's IPython, and figures would not be shown)
PRELOAD = ("ipykernel.kernelapp", "ipykernel.ipkernel", "IPython", "numpy", "matplotlib",
           "matplotlib.pyplot", "matplotlib.backends.backend_agg", "h5py",
           "dlcourse.activations", "dlcourse.casefile", "dlcourse.datasets", "dlcourse.gradcheck",
           "dlcourse.mlp", "dlcourse.plotting", "dlcourse.signs", "dlcourse.testing",
           "dlcourse.three_layer", "autograder.hidden")


def _preload():
    import importlib
    # as ipykernel sets it before a notebook can import matplotlib
    os.environ.setdefault("MPLBACKEND", MPL_INLINE)
    # as the grading kernel's exec_lines (nbgrader_config.py) set them before NumPy loads
    # OpenBLAS: one BLAS thread per kernel, several kernels share the cores
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    for module in PRELOAD:
        try:
            importlib.import_module(module)
        except Exception:  # only costs the import time later, in the kernel
            pass


def _become_kernel(request, keep):
    """In the forked child: a new session, the requested folder and environment, no pipe of the
    launcher's, fresh random state; then run ipykernel as ``python -m ipykernel_launcher`` would."""
    try:
        os.setsid()
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for fd in keep:
            os.close(fd)
        devnull = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(devnull, fd)
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
        if "numpy" in sys.modules:
            sys.modules["numpy"].random.seed()  # not the launcher's seed, shared by every kernel
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
                send({"exit": pid, "code": code})
        if stdin_fd in ready:
            chunk = os.read(stdin_fd, 65536)
            if not chunk:
                os._exit(0)
            buffer += chunk
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                if not line.strip():
                    continue
                request = json.loads(line)
                pid = os.fork()
                if pid == 0:
                    _become_kernel(request, keep=(stdin_fd, answer, wake_read, wake_write))
                send({"pid": pid})


if __name__ == "__main__":
    main()
