"""Student code never outlives its grading: stopping `grade` or `grade-all` with SIGTERM,
SIGINT or SIGKILL leaves no process behind.

The submission's He function spins forever inside one C call (no alarm or interrupt stops it).
Once two processes descending from the grading command have spun for a while (the student's
kernel and the verification worker, both in their sandboxes, where they cannot write anything
the test could read), the test takes every process descending from the command (launchers,
sandboxes, kernels, verification workers, pool workers), signals the command, and checks that
all of them are gone a few seconds later. Before the fix, the forked kernel and the
verification worker were left behind as orphans at 100% CPU, with no time limit.
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
import collections, itertools
collections.deque(itertools.repeat(None), maxlen=0)
"""

#: CPU seconds after which a process counts as running the student's endless loop (more than
#: any launcher, kernel or worker spends starting up)
SPUN = 4.0


def _running(pid):
    """Whether the process exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _cpu_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def _submission(folder):
    notebook = folder / f"{A}.ipynb"
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(make_submission(release_notebook(A), A, {TARGET: he_with(SPIN)}), str(notebook))
    return notebook


def _descendants(root):
    """The process ids descending from ``root`` (not itself), from /proc."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    parent = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, todo = set(), [root]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _stop_and_check(command, signum):
    """Run ``python -m autograder COMMAND...``; once two of its processes spin in the student's
    loop, send ``signum`` to the command and check that every process it started is gone soon
    after."""
    env = {**cli_env(), "DLCOURSE_CELL_TIMEOUT": "600"}
    proc = subprocess.Popen([sys.executable, "-m", "autograder", *map(str, command)], cwd=ROOT,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started = set()
    try:
        deadline = time.monotonic() + 180
        spinning = set()
        while len(spinning) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.5)
            spinning = {pid for pid in _descendants(proc.pid) if _cpu_seconds(pid) > SPUN}
        assert len(spinning) >= 2, f"the student code did not spin in two processes: {spinning}"
        started = {pid for pid in _descendants(proc.pid) if _running(pid)}
        proc.send_signal(signum)
        proc.wait(30)
        deadline = time.monotonic() + GONE_WITHIN
        while time.monotonic() < deadline and any(_running(pid) for pid in started):
            time.sleep(0.2)
        left = sorted(pid for pid in started if _running(pid))
        assert not left, (f"{len(left)} of {len(started)} process(es) still running "
                          f"{GONE_WITHIN} s after {signal.Signals(signum).name} of {command[0]}: {left}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        # a failed test must not leave processes behind
        for pid in {pid for pid in started if _running(pid)}:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


SIGNALS = pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL],
                                  ids=["SIGTERM", "SIGINT", "SIGKILL"])


@SIGNALS
def test_stopping_grade_stops_the_student_code(tmp_path, signum):
    _stop_and_check(["grade", A, _submission(tmp_path)], signum)


@SIGNALS
def test_stopping_grade_all_stops_the_student_code(tmp_path, signum):
    """Two worker processes."""
    root = tmp_path / "course"
    shutil.copytree(course.source_notebook_path(A).parent, root / "notebooks" / A)
    _submission(root / "grading" / "submitted" / "spinner" / A)
    _stop_and_check(["grade-all", "--course", root, "--workers", 2], signum)
