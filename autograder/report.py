"""The grade report of one submission: what every other step reads and writes.

A report's ``status`` is one of a closed set (:class:`Status`) and each test's ``outcome`` one
of :class:`Outcome`; nothing is decided by reading English text back. ``notes`` are for people
(e.g. a renamed notebook); ``error`` says why a submission was not graded completely.

JSON layout (``grade --json``, ``grade-all --json``, ``grading/reports/<assignment>/<student>.json``)::

    {"assignment", "notebook", "score", "max_score", "nbgrader_score",
     "status": "graded" | "partly graded" | "not graded" | "refused",
     "notes": [text, ...], "error": text (only when there is one),
     "seconds": grading time in seconds (0 in reports saved before it was recorded),
     "tests": [{"name", "score", "max_score", "passed", "message", "nbgrader_score",
                "verified", "flagged", "outcome", "diagnosis",
                "hidden_failures": [label, ...], "kind"}, ...]}

``diagnosis`` is ``null``, or ``{"id", "text"}`` when a failed function's results are those of
a known mistake (autograder.diagnosis): fixed catalogue prose, never a test's value.
``hidden_failures`` lists the hidden cases (by the label students see in a failure message, e.g.
``[2, 10, 5, 1]``) and the property checks the verification pass found failing; reports saved
before it existed read back with an empty list. ``kind`` is ``null`` or, for a failure the
checks outside the kernel explained, one of the values of :class:`dlcourse.testing.Kind`
("wrong shape or length", ...); reports saved before it existed read back with ``null``.
"""
import copy
import enum
import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from dlcourse.testing import Kind

from .cells import test_name, tested_function


class Status(str, enum.Enum):
    GRADED = "graded"                  # nbgrader ran the notebook; every function graded
    PARTLY_GRADED = "partly graded"    # nbgrader could not run it; verification pass alone
    NOT_GRADED = "not graded"          # the grader itself failed on it; nothing graded
    REFUSED = "refused"                # not a gradable notebook (missing, unreadable)


class Outcome(str, enum.Enum):
    PASSED = "passed"
    FAILED = "failed"          # a wrong answer, an exception
    TIMED_OUT = "timed out"    # ran past the time limit
    FLAGGED = "flagged"        # passed in the kernel, failed outside it: possible tampering
    NOT_GRADED = "not graded"  # the test never ran


@dataclass
class TestResult:
    name: str
    score: float
    max_score: float
    passed: bool
    message: str = ""
    nbgrader_score: float = 0.0   # what nbgrader's run in the student's kernel gave
    verified: bool = False        # passed the verification pass (outside the kernel)
    flagged: bool = False         # passed in the kernel, failed outside it: possible tampering
    outcome: Outcome = Outcome.NOT_GRADED
    diagnosis: dict = None        # {"id", "text"}: the known mistake a failure looks like
    hidden_failures: list = field(default_factory=list)  # labels of the failing hidden checks
    kind: Kind = None             # what kind of thing the checks outside the kernel found wrong

    @property
    def function(self):
        return tested_function(self.name)


@dataclass
class GradeReport:
    assignment: str
    notebook: str
    score: float = 0.0
    max_score: float = 0.0
    tests: list = field(default_factory=list)
    error: str = ""
    nbgrader_score: float = 0.0
    status: Status = Status.GRADED
    notes: list = field(default_factory=list)
    seconds: float = 0.0          # wall-clock time grading took (grade_one, grade_notebooks)

    @property
    def flagged(self):
        return [t.name for t in self.tests if t.flagged]

    @property
    def complete(self):
        """Whether every function was graded the normal way (nbgrader, confirmed outside)."""
        return self.status is Status.GRADED

    def total(self):
        """Set the report's totals from its tests."""
        self.score = sum(t.score for t in self.tests)
        self.max_score = sum(t.max_score for t in self.tests)
        self.nbgrader_score = sum(t.nbgrader_score for t in self.tests)
        return self

    def to_json(self):
        out = asdict(self)
        out["status"] = self.status.value
        for test in out["tests"]:
            test["outcome"] = Outcome(test["outcome"]).value
            test["kind"] = test["kind"].value if test["kind"] else None
        if not self.error:
            del out["error"]
        return out

    @classmethod
    def from_json(cls, data):
        data = dict(data)
        known = {f.name for f in fields(TestResult)}
        tests = [TestResult(**{k: v for k, v in t.items() if k in known}) for t in data.pop("tests")]
        for test in tests:
            test.outcome = Outcome(test.outcome)
            test.kind = Kind.named(test.kind)
        known = {f.name for f in fields(cls)}
        report = cls(**{k: v for k, v in data.items() if k in known}, tests=tests)
        report.status = Status(report.status)
        return report


def not_graded(assignment, label, problem, status=Status.NOT_GRADED):
    """A report of a submission nothing of which could be graded: every test 0, with the reason.

    ``assignment``: a :class:`autograder.course.Assignment`."""
    report = GradeReport(assignment=assignment.name, notebook=label, error=problem, status=status)
    report.tests = [TestResult(test_name(function), 0.0, assignment.points_of(function), False,
                               "not graded: " + problem)
                    for function in assignment.functions]
    return report.total()


def with_final_scores(report, final):
    """A copy of ``report`` with the gradebook's final scores (``final``: ``{test name: score}``).

    A score changed by hand (in the formgrader) replaces the graded one and a note tells the
    student; the outcome and message of each test stay what grading found."""
    changed = copy.deepcopy(report)
    for test in changed.tests:
        score = final.get(test.name)
        if score is not None and score != test.score:
            changed.notes.append(f"{test.function}: the grader gave {score:g} / {test.max_score:g} "
                                 f"by hand (the tests gave {test.score:g}).")
            test.score = score
    return changed.total()


# ----------------------------------------------------------------------------- saved reports

def report_path(course_root, assignment, student):
    return Path(course_root) / "grading" / "reports" / assignment / f"{student}.json"


def save(course_root, student, report):
    path = report_path(course_root, report.assignment, student)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report.to_json(), indent=1))


def load(course_root, assignment, student):
    """The report `grade-all` saved for a submission, or None."""
    try:
        return GradeReport.from_json(json.loads(report_path(course_root, assignment, student).read_text()))
    except (OSError, ValueError, TypeError, KeyError):
        return None
