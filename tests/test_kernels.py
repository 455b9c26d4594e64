"""Grading kernels forked from the preloaded launcher behave like freshly started ones: their
own process and session, the requested folder and environment, no state shared between
kernels, interrupts and deaths seen by jupyter_client; and without the launcher kernels still
start."""
import json
import os

from jupyter_client import KernelManager

from autograder import kernels
from autograder.launcher import LAUNCHER


def _run(km, code, timeout=60, displayed=None):
    """Execute ``code`` in the kernel; returns (stdout text, error name or None). The MIME types
    of what it displays are appended to ``displayed``."""
    client = km.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=timeout)
        out, error = [], None

        def keep(msg):
            nonlocal error
            if msg["msg_type"] == "stream":
                out.append(msg["content"]["text"])
            elif msg["msg_type"] == "error":
                error = msg["content"]["ename"]
            elif msg["msg_type"] == "display_data" and displayed is not None:
                displayed.extend(msg["content"]["data"])
        client.execute_interactive(code, timeout=timeout, output_hook=keep)
        return "".join(out), error
    finally:
        client.stop_channels()


def _start(tmp_path, **env):
    km = kernels.BlockingForkedKernelManager(kernel_name="python3")
    km.start_kernel(cwd=str(tmp_path), env={**os.environ, **env})
    return km


PROBE = """
import json, os, sys, numpy
import dlcourse.testing
seen = hasattr(dlcourse.testing, "LEFT_BEHIND")
dlcourse.testing.LEFT_BEHIND = True
print(json.dumps({"pid": os.getpid(), "ppid": os.getppid(), "sid": os.getsid(0),
                  "cwd": os.getcwd(), "marker": os.environ.get("DLCOURSE_TEST_MARKER"),
                  "seen": seen, "random": numpy.random.rand()}))
"""


def test_forked_kernels_are_fresh_and_separate(tmp_path):
    facts = []
    for k in range(2):
        km = _start(tmp_path, DLCOURSE_TEST_MARKER=f"kernel{k}")
        try:
            out, error = _run(km, PROBE)
            assert error is None, out
            facts.append(json.loads(out))
        finally:
            km.shutdown_kernel(now=True)
    launcher = LAUNCHER.proc.pid
    for k, fact in enumerate(facts):
        assert fact["ppid"] == launcher, "the kernel was not forked by the launcher"
        assert fact["sid"] == fact["pid"], "the kernel leads its own session"
        assert fact["cwd"] == str(tmp_path) and fact["marker"] == f"kernel{k}"
        assert not fact["seen"], "a module attribute set by the previous kernel is visible"
    assert facts[0]["random"] != facts[1]["random"], "kernels share the launcher's random state"


def test_figures_are_shown_as_in_a_fresh_kernel(tmp_path):
    km = _start(tmp_path)
    try:
        displayed = []
        out, error = _run(km, "import matplotlib.pyplot as plt\nplt.plot([0, 1], [1, 0])\nplt.show()",
                          displayed=displayed)
        assert error is None, out
        assert "image/png" in displayed, "the inline backend did not show the figure"
    finally:
        km.shutdown_kernel(now=True)


def _assert_ordinary_child(km, why):
    """The kernel is this process's own child (started the usual way), not the launcher's."""
    try:
        out, error = _run(km, "import os; print(os.getppid())")
        assert error is None and int(out) == os.getpid(), why
    finally:
        km.shutdown_kernel(now=True)


def test_other_kernel_managers_are_left_alone(tmp_path):
    km = KernelManager(kernel_name="python3")
    km.start_kernel(cwd=str(tmp_path))
    _assert_ordinary_child(km, "a plain KernelManager's kernel was forked")


def test_interrupt_and_death_reach_jupyter_client(tmp_path):
    km = _start(tmp_path)
    try:
        client = km.client()
        client.start_channels()
        client.wait_for_ready(timeout=60)
        msg_id = client.execute("print('looping', flush=True)\nwhile True: pass")
        import time
        while True:  # interrupt once the loop runs
            msg = client.get_iopub_msg(timeout=30)
            if msg["msg_type"] == "stream" and "looping" in msg["content"]["text"]:
                break
        time.sleep(0.2)
        km.interrupt_kernel()
        reply = client.get_shell_msg(timeout=30)
        while reply["parent_header"].get("msg_id") != msg_id:
            reply = client.get_shell_msg(timeout=30)
        assert reply["content"]["status"] == "error"
        assert reply["content"]["ename"] == "KeyboardInterrupt"
        # right after an error ipykernel aborts requests that arrive before it has posted
        # itself a "stop aborting" message, so the request may need sending again
        for _ in range(5):
            client.execute("import os; os._exit(7)")
            for _ in range(100):
                if not km.is_alive():
                    break
                time.sleep(0.05)
            if not km.is_alive():
                break
        assert not km.is_alive(), "a dead kernel must be seen as dead"
        assert km.provisioner.process.poll() == 7
        client.stop_channels()
    finally:
        km.shutdown_kernel(now=True)


def test_without_the_launcher_kernels_start_the_usual_way(tmp_path, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("no launcher")
    monkeypatch.setattr(LAUNCHER, "spawn", broken)
    _assert_ordinary_child(_start(tmp_path), "expected an ordinary child kernel")


def _running(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            return "\nState:\tZ" not in f.read()
    except FileNotFoundError:
        return False


def test_kernels_end_with_their_launcher_and_a_new_launcher_starts(tmp_path):
    import signal
    import time
    km = _start(tmp_path)
    try:
        out, _ = _run(km, "import os; print(os.getpid())")
        kernel = int(out)
        launcher = LAUNCHER.proc
        os.kill(launcher.pid, signal.SIGKILL)  # as when a grading process is killed
        launcher.wait()
        for _ in range(100):
            if not _running(kernel):
                break
            time.sleep(0.1)
        assert not _running(kernel), "the kernel outlived its launcher"
    finally:
        km.shutdown_kernel(now=True)
    km = _start(tmp_path)
    try:
        out, error = _run(km, "import os; print(os.getppid())")
        assert error is None and int(out) == LAUNCHER.proc.pid != launcher.pid
    finally:
        km.shutdown_kernel(now=True)


# The number of threads NumPy's bundled OpenBLAS really uses (fixed when NumPy loads it).
BLAS_THREADS = """
import ctypes, glob, os, numpy
library = glob.glob(os.path.join(os.path.dirname(numpy.__file__), "..", "numpy.libs", "*openblas*"))[0]
print(ctypes.CDLL(library).scipy_openblas_get_num_threads64_())
"""


def test_one_blas_thread_per_kernel_as_the_grading_config_sets(tmp_path, monkeypatch):
    # a launcher started where nothing limits BLAS threads (tasks.py sets one for the suite)
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    if LAUNCHER.alive():
        LAUNCHER.proc.kill()
        LAUNCHER.proc.wait()
    env = dict(os.environ)
    km = kernels.BlockingForkedKernelManager(kernel_name="python3")
    km.start_kernel(cwd=str(tmp_path), env=env)
    try:
        out, error = _run(km, BLAS_THREADS)
        assert error is None and out.strip() == "1", out
    finally:
        km.shutdown_kernel(now=True)
