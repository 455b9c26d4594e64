"""Student code never outlives its grading: stopping `grade` or `grade-all` with SIGTERM,
SIGINT or SIGKILL leaves no process running the student's code.

The submission's He function writes its process id to a file, then spins forever inside one C
call (no alarm or interrupt stops it). Once both the student's kernel (nbgrader's pass) and the
verification worker are spinning, the test signals the grading command and checks that every
process that wrote its id is gone a few seconds later. Before the fix, the forked kernel and
the verification worker were left behind as orphans at 100% CPU, with no time limit.
"""
import os
import shutil
import signal
import subprocess
import sys
import time

import nbformat
import pytest

from conftest import ROOT, cli_env, release_notebook
from hostile_submissions import A, TARGET, he_with
from autograder import course
from autograder.submissions import make_submission

#: how long the processes running student code may take to go once `grade` is gone
GONE_WITHIN = 10

SPIN = """
import os, collections, itertools
with open({path!r}, "a") as f:
    f.write(f"{{os.getpid()}}\\n")
collections.deque(itertools.repeat(None), maxlen=0)
"""


def _running(pid):
    """Whether the process exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _pids(path):
    try:
        return {int(line) for line in path.read_text().split()}
    except (OSError, ValueError):
        return set()


def _submission(folder, pid_file):
    notebook = folder / f"{A}.ipynb"
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(make_submission(release_notebook(A), A,
                                   {TARGET: he_with(SPIN.format(path=str(pid_file)))}), str(notebook))
    return notebook


def _stop_and_check(command, pid_file, signum):
    """Run ``python -m autograder COMMAND...``; once two processes run the student's code,
    send ``signum`` to the command and check they are all gone soon after."""
    env = {**cli_env(), "DLCOURSE_CELL_TIMEOUT": "600"}
    proc = subprocess.Popen([sys.executable, "-m", "autograder", *map(str, command)], cwd=ROOT,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    spinning = set()
    try:
        deadline = time.monotonic() + 180
        # the kernel and the verification worker both call the function
        while len(spinning) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.5)
            spinning = {pid for pid in _pids(pid_file) if _running(pid)}
        assert len(spinning) >= 2, f"the student code did not start in two processes: {spinning}"
        proc.send_signal(signum)
        proc.wait(30)
        deadline = time.monotonic() + GONE_WITHIN
        while time.monotonic() < deadline and any(_running(pid) for pid in spinning):
            time.sleep(0.2)
        left = sorted(pid for pid in spinning if _running(pid))
        assert not left, (f"{len(left)} process(es) still running the student's code "
                          f"{GONE_WITHIN} s after {signal.Signals(signum).name} of {command[0]}: {left}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pid in _pids(pid_file):  # a failed test must not leave spinning processes behind
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


SIGNALS = pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL],
                                  ids=["SIGTERM", "SIGINT", "SIGKILL"])


@SIGNALS
def test_stopping_grade_stops_the_student_code(tmp_path, signum):
    pid_file = tmp_path / "pids"
    _stop_and_check(["grade", A, _submission(tmp_path, pid_file)], pid_file, signum)


@SIGNALS
def test_stopping_grade_all_stops_the_student_code(tmp_path, signum):
    """Two worker processes."""
    root, pid_file = tmp_path / "course", tmp_path / "pids"
    shutil.copytree(course.source_notebook_path(A).parent, root / "notebooks" / A)
    _submission(root / "grading" / "submitted" / "spinner" / A, pid_file)
    _stop_and_check(["grade-all", "--course", root, "--workers", 2], pid_file, signum)
