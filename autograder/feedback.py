"""The feedback page of one graded submission.

nbgrader's page (the autograded notebook with the final scores, rendered by the course's template
templates/feedback/: a summary per graded function, a bar per function, the stylesheet and MathJax
inline, hidden tests hidden by autograder.preprocessors.HideHiddenTests) when nbgrader ran the
notebook; a plain page made from the saved report (templates/feedback_plain.html.j2) when it
could not (dead kernel, broken file). Both show the gradebook's final scores (a score changed by
hand in the formgrader, with a note) and are single files that need no network. A submission
that came through the exchange keeps its submit files beside its page, for release_feedback.
"""
import enum
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import course, nbgrader_run, report as reports, summary, templates
from .exchange import SUBMISSION_FILES
from .grading import log_path, stderr_to
from .nbgrader_run import course_path
from .report import Status


class Kind(str, enum.Enum):
    NBGRADER = "feedback"
    PLAIN = "plain feedback page (nbgrader could not run the notebook)"
    NONE = "no feedback"


@dataclass(frozen=True)
class Written:
    """What a feedback job wrote: a page of one kind, or none and why."""
    kind: Kind
    reason: str = ""

    @property
    def written(self):
        return self.kind is not Kind.NONE

    @property
    def text(self):
        return f"{self.kind.value}: {self.reason}" if self.reason else self.kind.value

    def because(self, reason):
        return Written(self.kind, reason)


NO_FEEDBACK = Written(Kind.NONE)


def write_plain_page(path, report):
    """The plain page: the reason nbgrader could not run the notebook, and each function's
    verdict from the verification pass (the summary rows of autograder.summary)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    page = templates.render("feedback_plain.html.j2", report=report, rows=summary.rows(report),
                            headline=summary.headline(report), rule=summary.ALL_OR_NOTHING)
    path.write_text(page, encoding="utf-8")


def _keep_submission_files(config, student, assignment, page):
    """Copy the files nbgrader's submit put next to the submission (when it came through the
    exchange) beside its feedback page, where release_feedback looks for them."""
    submitted = course_path(config, "submitted", student, assignment).parent
    for name in SUBMISSION_FILES:
        if (submitted / name).is_file():
            shutil.copyfile(submitted / name, page.parent / name)


def feedback_one(course_root, assignment, student):
    """Write one graded submission's feedback page; returns a :class:`Written`.

    A batch job (autograder.batch): never raises."""
    root = Path(course_root) if course_root is not None else course.ROOT
    with stderr_to(log_path(root, student, assignment)):
        try:
            config = nbgrader_run.load_config(course_root)
            report = reports.load(root, assignment, student)
            if report is None:
                return NO_FEEDBACK.because("not graded yet (run grade-all first)")
            page = course_path(config, "feedback", student, assignment, suffix=".html")
            kind = _write_page(config, report, assignment, student, page)
            _keep_submission_files(config, student, assignment, page)
            return Written(kind)
        except Exception as exc:
            return NO_FEEDBACK.because(f"{type(exc).__name__}: {exc}")


def _write_page(config, report, assignment, student, page):
    """Write the page at ``page``: nbgrader's when it graded the notebook, else the plain one.
    Returns its :class:`Kind`."""
    if report.status is Status.GRADED and course_path(config, "autograded", student, assignment).exists():
        result = nbgrader_run.make_api(config).generate_feedback(assignment, student, force=True)
        if result.get("success") and page.exists():
            return Kind.NBGRADER
    final = nbgrader_run.final_scores(config, course.assignment(assignment))
    write_plain_page(page, reports.with_final_scores(report, final.get(student, {})))
    return Kind.PLAIN
