"""The grading policy: nbgrader's pass and the verification pass in, final scores out.

One pure function, :func:`decide`, with one rule per case (each has a unit test in
tests/test_policy.py):

1. nbgrader could not run the notebook (dead kernel, broken file): the verification pass alone
   grades each function, full marks if it passes outside the kernel, else 0;
2. a test passed in the kernel and outside it: nbgrader's score stands;
3. a test passed in the kernel but not outside it:

   a. outside, a case the test cell also runs in the kernel failed, or the solution cell
      replaced what grading relies on: 0, flagged as possible tampering;
   b. outside, only what the kernel never runs failed (under ``python -m autograder`` the hidden
      cases and property checks are run outside the kernel alone, see autograder.hidden), or the
      function crashed or ran out of time there: 0, failed (or timed out) with that reason;
4. a test failed in the kernel because the cell was interrupted: "timed out" if the
   verification pass also ran out of time on it, else the code raised KeyboardInterrupt itself;
5. a test failed in the kernel: nbgrader's score and its message stand;
6. no result for a test at all (the test cell is gone): 0, not graded.
"""
import enum
from dataclasses import dataclass, field

from dlcourse.testing import Kind

from .cells import test_name
from .report import GradeReport, Outcome, Status, TestResult

TAMPERING = "possible tampering: passes in the notebook but not when graded outside it: "


class Failure(enum.Enum):
    """Where the verification pass found a function wrong."""
    VISIBLE_CASE = "visible case"   # a case the notebook's own test cell runs too
    HIDDEN_CHECK = "hidden check"   # a hidden case or a property check: run outside the kernel only
    RUNNING = "running"             # it crashed, ran out of time, or left no readable result
    TAMPERING = "tampering"         # its solution cell replaced something grading relies on


@dataclass(frozen=True)
class Verdict:
    """The verification pass's verdict on one function (outside the kernel)."""
    passed: bool
    reason: str = ""
    timed_out: bool = False
    hidden_failures: tuple = ()   # labels of the hidden cases and property checks that failed
    failure: Failure = Failure.RUNNING  # where it failed (when not ``passed``)
    kind: Kind = None             # what kind of thing was wrong (when a check said), see dlcourse.testing.Kind

    @property
    def suspicious(self):
        """A failure that a pass in the kernel cannot honestly explain (rule 3a)."""
        return not self.passed and self.failure in (Failure.VISIBLE_CASE, Failure.TAMPERING)


@dataclass(frozen=True)
class KernelTest:
    """One test cell's result in nbgrader's run (inside the student's kernel)."""
    score: float
    max_score: float
    message: str = ""            # the first line of what went wrong ("" if it passed)
    interrupted: bool = False    # the cell was interrupted (nbgrader's time limit, or the code)

    @property
    def passed(self):
        return self.score >= self.max_score


@dataclass(frozen=True)
class NbgraderPass:
    """nbgrader's run of the whole notebook: ``problem`` says why it could not run ("" if it ran);
    ``tests`` maps a function to its test cell's result; ``manual_scores`` holds the manual
    scores the gradebook already had for this submission (``{function: score}``)."""
    problem: str = ""
    tests: dict = field(default_factory=dict)
    manual_scores: dict = field(default_factory=dict)


NOT_VERIFIED = Verdict(False, "not verified")


def decide(assignment, label, nbgrader, verdicts):
    """The final report of one submission.

    Arguments:
    assignment -- the :class:`autograder.course.Assignment`
    label -- how the report names the notebook (a path, or ``student/assignment``)
    nbgrader -- the :class:`NbgraderPass`
    verdicts -- ``{function: Verdict}`` of the verification pass
    """
    report = GradeReport(assignment=assignment.name, notebook=label)
    for function in assignment.functions:
        verdict = verdicts.get(function, NOT_VERIFIED)
        max_score = assignment.points_of(function)
        if nbgrader.problem:
            test = _from_verification(function, max_score, nbgrader.tests.get(function), verdict)
        else:
            test = _combine(function, max_score, nbgrader.tests.get(function), verdict)
        report.tests.append(test)
    if nbgrader.problem:
        report.status = Status.PARTLY_GRADED
        report.error = (f"nbgrader could not grade the notebook: {nbgrader.problem}; "
                        "scores come from the verification pass")
    return report.total()


def _outcome(verdict):
    if verdict.passed:
        return Outcome.PASSED
    return Outcome.TIMED_OUT if verdict.timed_out else Outcome.FAILED


def _from_verification(function, max_score, kernel, verdict):
    """Rule 1 (``kernel``: whatever nbgrader recorded before it stopped, or None)."""
    return TestResult(test_name(function), max_score if verdict.passed else 0.0, max_score,
                      verdict.passed, "" if verdict.passed else verdict.reason,
                      nbgrader_score=kernel.score if kernel else 0.0, verified=verdict.passed,
                      outcome=_outcome(verdict), hidden_failures=list(verdict.hidden_failures),
                      kind=None if verdict.passed else verdict.kind)


def _combine(function, max_score, kernel, verdict):
    """Rules 2 to 6."""
    name = test_name(function)
    if kernel is None:                                              # rule 6
        return TestResult(name, 0.0, max_score, False, "not graded: the test cell is missing",
                          verified=verdict.passed, outcome=Outcome.NOT_GRADED,
                          hidden_failures=list(verdict.hidden_failures))
    test = TestResult(name, kernel.score, kernel.max_score, kernel.passed, kernel.message,
                      nbgrader_score=kernel.score, verified=verdict.passed,
                      hidden_failures=list(verdict.hidden_failures))
    if kernel.passed and verdict.passed:                            # rule 2
        test.outcome = Outcome.PASSED
    elif kernel.passed and verdict.suspicious:                      # rule 3a
        test.score, test.passed, test.flagged = 0.0, False, True
        test.message = TAMPERING + verdict.reason
        test.outcome = Outcome.FLAGGED
    elif kernel.passed:                                             # rule 3b
        test.score, test.passed = 0.0, False
        test.message = verdict.reason
        test.outcome = _outcome(verdict)
    elif kernel.interrupted and verdict.timed_out:                  # rule 4
        test.message = f"timed out: {verdict.reason} (an infinite loop?)"
        test.outcome = Outcome.TIMED_OUT
    elif kernel.interrupted:
        test.message = "KeyboardInterrupt: the code raised KeyboardInterrupt"
        test.outcome = Outcome.FAILED
    else:                                                           # rule 5
        test.outcome = Outcome.FAILED
    if not test.passed and not verdict.passed:
        test.kind = verdict.kind    # what the checks outside the kernel found, never the kernel's text
    return test
