"""The summary at the top of a feedback page: one row per graded function.

A row says what the function earned and why, in the words a student reads: passed, failed
(with the first reason), not attempted (its solution cell still raises NotImplementedError),
flagged (passed in the notebook, failed when run on its own), timed out, or not graded. It is
made from the saved report (:mod:`autograder.report`), which holds the final scores; the
messages in the report are the ones a student may see (a hidden case's message names the case
and the kind of mistake, never a value). A function that lost points is never called passed.
"""
import enum
from dataclasses import dataclass

from .report import Outcome

#: how every page states the scoring rule
ALL_OR_NOTHING = ("Points are all-or-nothing per function: a function earns its points only if "
                  "every one of its tests passes, the visible ones you could run and the hidden "
                  "ones run at grading time.")

_PREFIXES = ("CheckFailed: ", "AssertionError: ")


class RowStatus(enum.StrEnum):
    """What the summary says of one graded function: a closed set, whose values are the words
    a student reads (and the pages' CSS classes, spaces made dashes)."""
    PASSED = "passed"
    FAILED = "failed"
    NOT_ATTEMPTED = "not attempted"
    FLAGGED = "flagged"
    TIMED_OUT = "timed out"
    NOT_GRADED = "not graded"


@dataclass(frozen=True)
class Row:
    """One graded function on the summary.

    function -- its name (also the id of its section on the page)
    score, max_score -- points earned and possible
    status -- a :class:`RowStatus`
    reason -- the first line of what went wrong ("" when it passed or was not attempted)
    diagnosis -- the known mistake this looks like (text), or ""
    """
    function: str
    score: float
    max_score: float
    status: RowStatus
    reason: str = ""
    diagnosis: str = ""

    @property
    def passed(self):
        return self.status is RowStatus.PASSED


def first_reason(message):
    """The first line of a test's message, without the exception class the checks raise."""
    line = (message or "").strip().splitlines()[0] if (message or "").strip() else ""
    for prefix in _PREFIXES:
        if line.startswith(prefix):
            line = line[len(prefix):]
    return line


def diagnosis_text(test):
    """The diagnosis a test result may carry (``{"id", "text"}`` or None), as text."""
    diagnosis = getattr(test, "diagnosis", None)
    if not diagnosis:
        return ""
    if isinstance(diagnosis, dict):
        return str(diagnosis.get("text") or "")
    return str(getattr(diagnosis, "text", diagnosis) or "")


def status_of(test, attempted=True):
    """The :class:`RowStatus` of one :class:`autograder.report.TestResult`.

    ``attempted``: False when the function's solution cell still raises NotImplementedError."""
    if test.passed and test.score >= test.max_score:
        return RowStatus.PASSED
    if test.flagged or test.outcome is Outcome.FLAGGED:
        return RowStatus.FLAGGED
    if not attempted:
        return RowStatus.NOT_ATTEMPTED
    if test.outcome is Outcome.TIMED_OUT:
        return RowStatus.TIMED_OUT
    if test.outcome is Outcome.NOT_GRADED:
        return RowStatus.NOT_GRADED
    return RowStatus.FAILED


def rows(report, unattempted=()):
    """The summary rows of a :class:`autograder.report.GradeReport`, in its order.

    ``unattempted``: names of functions whose solution cell still raises NotImplementedError
    (a function counts as not attempted when its test also failed on that exception)."""
    out = []
    for test in report.tests:
        attempted = test.function not in set(unattempted) or "NotImplementedError" not in test.message
        status = status_of(test, attempted)
        reason = ("" if status in (RowStatus.PASSED, RowStatus.NOT_ATTEMPTED)
                  else first_reason(test.message) or status.value)
        out.append(Row(test.function, test.score, test.max_score, status, reason,
                       "" if status is RowStatus.PASSED else diagnosis_text(test)))
    return out


def headline(report):
    """One sentence on the whole submission, e.g. "3 of 5 functions passed: 4 / 7 points."."""
    passed = sum(1 for row in rows(report) if row.passed)
    return (f"{passed} of {len(report.tests)} functions passed: "
            f"{report.score:g} / {report.max_score:g} points.")
