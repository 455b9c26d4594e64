"""Containment: an endless loop in one function costs about two cell timeouts of wall time for
the whole submission, and only that function's points.

nbgrader's run (in the student's kernel) and the verification pass (autograder.verify, in a
separate process) run side by side. nbgrader loses one cell timeout on the example cell that
calls the function and one on its test cell; the verification pass must take no longer, whether
its per-function alarm stops the loop or the loop ignores the alarm (catches every exception,
spins inside a C call, or sits at the top level of the solution cell).

Each test grades one notebook through the CLI with a short cell timeout and times the whole
command.
"""
import json
import time

import nbformat
import pytest

from conftest import release_notebook, run_cli
from hostile_submissions import A, OTHERS, TARGET, he_with, reference_solutions
from autograder.submissions import make_submission

TIMEOUT = 6  # DLCOURSE_CELL_TIMEOUT for these gradings, in seconds

# What the loop may cost beyond grading a correct notebook on the same machine at the same time
# (timed first, so a busy machine raises both): two cell timeouts (nbgrader's example cell and
# test cell; the verification pass runs alongside and must take no longer), the verification
# pass's 2-s grace before it kills a child, and time for kernel interrupts and restarts, which
# take longest on a loaded machine (up to 13 s more than a correct notebook was seen here).
# Before the fix the verification pass alone cost 6 timeouts for a simple loop (one per case of
# He: 47 s in all at TIMEOUT = 6) and 151 s for a loop at the top level of a cell.
ALLOWANCE = 2 * TIMEOUT + 15


@pytest.fixture
def honest_seconds(tmp_path_factory):
    """Wall time of grading a correct notebook, as the loops are graded, just before each one:
    the machine's load at that moment (once per module, it was measured up to minutes earlier,
    and a CI run whose neighbours had grown busy in between saw a loop exceed it)."""
    mp = pytest.MonkeyPatch()
    try:
        _, report, seconds = _grade(tmp_path_factory.mktemp("honest"), mp, reference_solutions(A)[TARGET])
    finally:
        mp.undo()
    assert report["score"] == report["max_score"], report
    return seconds


# Spins forever although the alarm interrupts it: it catches what the alarm raises.
CATCHES_EVERYTHING = """
while True:
    try:
        while True:
            pass
    except BaseException:
        pass
"""

# Spins forever inside one C call that never checks for signals.
INSIDE_A_C_CALL = """
import collections, itertools
collections.deque(itertools.repeat(None), maxlen=0)
"""


def _grade(tmp_path, monkeypatch, he_source):
    """Grade a notebook whose He cell is ``he_source`` (the other two functions correct);
    returns ``({function: test result}, report, wall seconds)``."""
    path = tmp_path / f"{A}.ipynb"
    nbformat.write(make_submission(release_notebook(A), A, {TARGET: he_source}), str(path))
    monkeypatch.setenv("DLCOURSE_CELL_TIMEOUT", str(TIMEOUT))
    start = time.monotonic()
    proc = run_cli("grade", A, path, "--json", timeout=600)
    seconds = time.monotonic() - start
    print(f"graded in {seconds:.1f} s")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    tests = {t["name"][len("test_"):]: t for t in report["tests"]}
    return tests, report, seconds


def _assert_contained(tests, report, seconds, honest_seconds):
    limit = honest_seconds + ALLOWANCE
    assert seconds < limit, f"grading took {seconds:.1f} s (limit {limit:.1f} s): {report}"
    for function in OTHERS:
        assert tests[function]["score"] == tests[function]["max_score"] > 0, tests[function]
        assert tests[function]["verified"] and not tests[function]["flagged"], tests[function]
    assert tests[TARGET]["score"] == 0 and not tests[TARGET]["verified"], tests[TARGET]
    assert not tests[TARGET]["flagged"], tests[TARGET]


def test_an_endless_loop_costs_two_cell_timeouts(tmp_path, monkeypatch, honest_seconds):
    tests, report, seconds = _grade(tmp_path, monkeypatch, he_with("while True:\n    pass"))
    _assert_contained(tests, report, seconds, honest_seconds)
    assert "timed out" in tests[TARGET]["message"], tests[TARGET]


@pytest.mark.parametrize("loop", [CATCHES_EVERYTHING, INSIDE_A_C_CALL],
                         ids=["catches_base_exception", "inside_a_c_call"])
def test_a_loop_the_alarm_cannot_stop_is_killed_at_the_deadline(tmp_path, monkeypatch, loop,
                                                               honest_seconds):
    tests, report, seconds = _grade(tmp_path, monkeypatch, he_with(loop))
    _assert_contained(tests, report, seconds, honest_seconds)
    # the kernel never answers the interrupt either: nbgrader gives up on the notebook and the
    # verification pass alone decides, so its reason is the one shown
    assert "timed out" in tests[TARGET]["message"], tests[TARGET]


@pytest.mark.parametrize("loop, reason", [
    # interrupted in both passes; nbgrader's reason is kept: the example and test cells cannot
    # find the function
    ("while True:\n    pass\n", "is not defined"),
    # the kernel never answers the interrupt: the verification pass decides
    (CATCHES_EVERYTHING, "timed out"),
], ids=["interruptible", "catches_base_exception"])
def test_a_loop_at_the_top_level_of_a_solution_cell(tmp_path, monkeypatch, loop, reason,
                                                    honest_seconds):
    # the loop comes before the function's definition: the cell never defines it
    tests, report, seconds = _grade(tmp_path, monkeypatch, loop + reference_solutions(A)[TARGET])
    _assert_contained(tests, report, seconds, honest_seconds)
    assert reason in tests[TARGET]["message"], tests[TARGET]
