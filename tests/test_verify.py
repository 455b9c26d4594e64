"""The verification pass's children are forked from the preloaded launcher (the one that forks
the grading kernels), yet each starts clean: what one submission changes in NumPy or dlcourse
never reaches the next one."""
import os
import signal

from dlcourse.casefile import load_cases

from autograder import course, samples, verify
from autograder.policy import Failure, Verdict
from dlcourse.testing import Kind
from autograder.submissions import make_submission, reference_solutions

from conftest import release_notebook

A = "initialization"
ZEROS = "initialize_parameters_zeros"

# Runs when the solution cell is executed: changes preloaded modules in place.
POLLUTE = """
import numpy, dlcourse.testing
numpy.zeros = lambda *a, **k: numpy.ones(*a, **k)
dlcourse.testing.POLLUTED = True
"""

# A correct solution that refuses to run where another submission's changes are visible.
GUARD = """
import numpy, dlcourse.testing
assert not hasattr(dlcourse.testing, "POLLUTED"), "state leaked from another submission"
assert numpy.zeros(1)[0] == 0, "numpy.zeros leaked from another submission"
"""


def _verdicts(implementations):
    nb = make_submission(release_notebook(A), A, implementations)
    return verify.verify_notebook(course.assignment(A), nb)


def test_children_share_a_launcher_but_not_state():
    LAUNCHER = verify.verification_launcher()
    polluting = _verdicts({ZEROS: POLLUTE + reference_solutions(A)[ZEROS]})
    assert polluting[ZEROS].passed is False, "numpy.zeros -> ones must make zeros fail"
    launcher = LAUNCHER.proc
    assert launcher is not None and launcher.poll() is None, "the preloaded launcher is used"

    clean = _verdicts({ZEROS: GUARD + reference_solutions(A)[ZEROS]})
    assert clean[ZEROS] == Verdict(True), clean[ZEROS]
    assert all(v.passed for v in clean.values()), clean
    assert LAUNCHER.proc is launcher, "one launcher serves every submission"


def test_a_dead_launcher_is_replaced():
    LAUNCHER = verify.verification_launcher()
    _verdicts({})
    old = LAUNCHER.proc
    os.kill(old.pid, signal.SIGKILL)
    old.wait()
    verdicts = _verdicts({})
    assert all(v.passed for v in verdicts.values()), verdicts
    assert LAUNCHER.proc is not None and LAUNCHER.proc.pid != old.pid


def test_fingerprint_names_what_a_cell_replaced():
    import numpy
    from autograder.verify_worker import _replaced, fingerprint
    before = fingerprint()
    real = numpy.allclose
    numpy.allclose = lambda *a, **k: True
    try:
        assert _replaced(before, fingerprint()) == ["numpy.allclose"]
    finally:
        numpy.allclose = real
    assert _replaced(before, fingerprint()) == [], "nothing else moved"


def test_each_failure_says_where_it_failed():
    """The policy tells a hidden failure (only the grader runs those) from a visible one (the
    notebook's own test cell runs it too, so passing there is suspicious): a function right on
    the visible cases only is HIDDEN_CHECK, one wrong on them VISIBLE_CASE, one that replaces
    what grading relies on TAMPERING."""
    visible = [list(c.args[0]) for c in load_cases(course.visible_reference_path(A))[ZEROS]]
    right = reference_solutions(A)[ZEROS].replace(f"def {ZEROS}(", f"def _right_{ZEROS}(")
    only_visible = right + f"""
def {ZEROS}(layers_dims):
    if list(layers_dims) in {visible!r}:
        return _right_{ZEROS}(layers_dims)
    return {{}}
"""
    wrong = f"def {ZEROS}(layers_dims):\n    return {{}}\n"
    verdicts = [_verdicts({ZEROS: source})[ZEROS] for source in
                (only_visible, wrong, "import numpy\nnumpy.allclose = lambda *a, **k: True\n"
                 + reference_solutions(A)[ZEROS])]
    assert [v.failure for v in verdicts] == [Failure.HIDDEN_CHECK, Failure.VISIBLE_CASE,
                                             Failure.TAMPERING], [v.reason for v in verdicts]
    assert not any(v.passed for v in verdicts)
    assert [v.suspicious for v in verdicts] == [False, True, True]


def test_each_failure_says_what_kind_it_is():
    """The kind the class report counts comes from the checks outside the kernel (data in the
    verdict), never from a message: one wrong ``initialize_parameters_zeros`` per kind."""
    head = f"import numpy as np\ndef {ZEROS}(layers_dims):\n"
    shapes = ("    return {f'{p}{l}': np.zeros((layers_dims[l], layers_dims[l - 1]) if p == 'W' "
              "else (layers_dims[l], 1)) %s for l in range(1, len(layers_dims)) for p in 'Wb'}\n")
    variants = {
        Kind.NOT_IMPLEMENTED: head + "    raise NotImplementedError\n",
        Kind.RAISED: head + "    return {}[0]\n",
        Kind.WRONG_TYPE: head + "    return [1, 2]\n",
        Kind.WRONG_KEYS: head + "    return {}\n",
        Kind.WRONG_SHAPE: head + shapes.replace("(layers_dims[l], 1)", "(layers_dims[l],)") % "",
        Kind.NOT_FINITE: head + shapes % "* np.nan",
        Kind.WRONG_VALUES: head + shapes % "+ 1",
    }
    found = {kind: _verdicts({ZEROS: source})[ZEROS] for kind, source in variants.items()}
    assert {kind: v.kind for kind, v in found.items()} == {kind: kind for kind in variants}, (
        {kind: v.reason for kind, v in found.items()})
    assert not any(v.passed for v in found.values())


def test_a_property_failure_reads_as_the_checks_own_sentence():
    """A property check outside the kernel reports its own message, kind PROPERTY, without the
    exception's class in the middle of the line ("initialize_adam (...): CheckFailed: ..." before)."""
    adam = "initialize_adam"
    wrong = samples.load("optimization_methods").WRONG[adam]["v and s are one dict (v = s = {})"]
    nb = make_submission(release_notebook("optimization_methods"), "optimization_methods", {adam: wrong})
    verdict = verify.verify_notebook(course.assignment("optimization_methods"), nb)[adam]
    assert verdict.passed is False and verdict.kind is Kind.PROPERTY, verdict
    assert verdict.reason.startswith(f"{adam} (") and "CheckFailed" not in verdict.reason, verdict.reason
