"""nbgrader's side of grading: its configuration, its runs, and its gradebook.

- ``load_config``/``make_api``: the repository's nbgrader_config.py, optionally for another
  course root (a private temporary course for `grade`, a ``--course`` folder);
- ``release``/``ensure_released``/``private_course``: generate student versions;
- ``autograde``: one student's nbgrader pass, read back as a :class:`policy.NbgraderPass`;
- ``record_final_scores``: final scores that differ from nbgrader's become manual scores, so
  that the formgrader and ``nbgrader export`` show the final grade;
- ``register_students``: students in the gradebook with names (from ``grading/roster.csv``);
- ``final_scores``: every graded test's final score as the gradebook holds it (manual scores
  entered in the formgrader included);
- ``export_csv``: nbgrader's CSV export of the gradebook.
"""
import contextlib
import csv
import os
import re
import shutil
import tempfile
import warnings
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from nbgrader.plugins import CsvExportPlugin
from traitlets.config.loader import PyFileConfigLoader

from . import course, kernels
from .cells import grade_id, test_name
from .execution import venv_on_path
from .policy import KernelTest, NbgraderPass

# nbgrader 0.9.6 with SQLAlchemy 2 warns about its own session handling on every autograde.
warnings.filterwarnings("ignore", message=r"Object of type <Submitted")


class GradingError(Exception):
    """A problem that prevents grading altogether (not a student's mistake)."""


def load_config(course_root=None, private=False):
    """The repository's nbgrader configuration, optionally moved to another course root.

    The gradebook is then SQLite in that course's grading/ folder, unless DLCOURSE_GRADEBOOK_URL
    names one (e.g. PostgreSQL) and the course is not ``private`` (a temporary course of the
    `grade` command never writes to the real gradebook); an exchange inside the repository
    (``grading/exchange``) moves into that course too, one set elsewhere (DLCOURSE_EXCHANGE)
    stays."""
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course.ROOT)).load_config()
    if course_root is not None:
        (Path(course_root) / "grading").mkdir(parents=True, exist_ok=True)
        config.CourseDirectory.root = str(course_root)
        url = os.environ.get("DLCOURSE_GRADEBOOK_URL")
        config.CourseDirectory.db_url = url if url and not private else (
            "sqlite:///" + str(Path(course_root) / "grading" / "gradebook.db") + "?timeout=30")
        config.ExportPlugin.to = str(Path(course_root) / export_path(config).relative_to(course.ROOT))
        exchange = Path(config.Exchange.root)
        if exchange.is_relative_to(course.ROOT):  # the course's own exchange moves with it
            config.Exchange.root = str(Path(course_root) / exchange.relative_to(course.ROOT))
    config.NbGraderAPI.log_level = "WARN"
    return kernels.configure(config)


def export_path(config):
    """Where the gradebook's CSV export goes: ``ExportPlugin.to`` of nbgrader_config.py
    (``grading/grades.csv``), moved with the course root by :func:`load_config`."""
    return Path(config.ExportPlugin.to)


def make_api(config):
    venv_on_path()
    return NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)


def course_root(config):
    return Path(config.CourseDirectory.root)


def course_path(config, folder, student, assignment, suffix=".ipynb"):
    """A student's copy of an assignment's notebook in one of nbgrader's folders, e.g.
    ``course_path(config, "submitted", "ada", "initialization")``; ``student=None`` for the
    instructor's folders (release, source)."""
    base = course_root(config) / getattr(config.CourseDirectory, f"{folder}_directory")
    folder_path = (base / student if student else base) / assignment
    return folder_path / (course.source_notebook_path(assignment).stem + suffix)


def submitted_students(config, assignment):
    root = course_root(config) / config.CourseDirectory.submitted_directory
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / assignment).is_dir())


def last_line(text):
    lines = [line for line in (text or "").strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


# ----------------------------------------------------------------------------- release

def generate(api, assignment):
    """nbgrader's generate_assignment; GradingError if it fails."""
    result = api.generate_assignment(assignment, force=True, create=True)
    if not result.get("success"):
        raise GradingError(f"could not generate {assignment}: "
                           + last_line(result.get("error") or result.get("log")))


def release(names, course_root=None):
    """Generate the student versions of assignments into grading/release/ (of this repository,
    or of the course folder ``course_root``)."""
    config = load_config(course_root)
    api = make_api(config)
    for assignment in names:
        generate(api, assignment)
    return [course_path(config, "release", None, assignment).parent for assignment in names]


def is_released(config, assignment):
    """Whether nbgrader has already generated the assignment from its current source (the
    release copy is newer than the source notebook and its tests are in the gradebook)."""
    source = course_path(config, "source", None, assignment)
    copy = course_path(config, "release", None, assignment)
    if not copy.exists() or not source.exists() or copy.stat().st_mtime < source.stat().st_mtime:
        return False
    try:
        with Gradebook(config.CourseDirectory.db_url) as gb:
            return bool(gb.find_notebook(copy.stem, assignment).grade_cells)
    except MissingEntry:
        return False


def ensure_released(config, api, assignment):
    if not is_released(config, assignment):
        generate(api, assignment)


@contextlib.contextmanager
def private_course(assignment):
    """A temporary course holding a copy of one assignment's source, released, with its own
    gradebook and exchange; yields ``(config, api)``."""
    source_dir = course.source_notebook_path(assignment).parent
    with tempfile.TemporaryDirectory(prefix="dlcourse-grade-") as tmp:
        shutil.copytree(source_dir, Path(tmp) / "notebooks" / assignment,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        (Path(tmp) / "grading" / "exchange").mkdir(parents=True)
        config = load_config(tmp, private=True)
        # an exchange of its own, never the course's: nbgrader sets one up for every course (and
        # logs CRITICAL "Unwritable directory" when it is missing), but nothing here uses it
        config.Exchange.root = str(Path(tmp) / "grading" / "exchange")
        api = make_api(config)
        generate(api, assignment)
        yield config, api


# ----------------------------------------------------------------------------- autograde

_EXCEPTION_LINE = re.compile(r"^\s*([A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt)): (.*)$")
DEAD_KERNEL = "the kernel died while running the notebook (e.g. os._exit, a crash, out of memory)"


def _reason_from_log(text):
    """The most telling line of nbgrader's log or traceback: the last exception that is not
    nbgrader's generic wrapper."""
    name, reason = "", ""
    for line in (text or "").splitlines():
        match = _EXCEPTION_LINE.match(line)
        if match and not match.group(1).endswith("NbGraderException"):
            name = match.group(1).split(".")[-1]
            reason = f"{name}: {match.group(3).strip()}"
    if name == "DeadKernelError":
        return DEAD_KERNEL
    return reason or last_line(text) or "unknown error"


def _kernel_test(cell, grade):
    """A test cell's result: nbgrader's own score (not a manual score written earlier), and
    what went wrong in its outputs."""
    score = float(grade.auto_score) if grade.auto_score is not None else 0.0
    max_score = float(grade.max_score)
    if score >= max_score:
        return KernelTest(score, max_score)
    if cell is None:
        return KernelTest(score, max_score, "not graded: the test cell is missing")
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            ename, evalue = output.get("ename", "Error"), output.get("evalue", "")
            if ename == "KeyboardInterrupt":
                # nbclient interrupts a cell that runs past the time limit; the policy tells
                # that apart from code that raises KeyboardInterrupt itself
                return KernelTest(score, max_score, "KeyboardInterrupt", interrupted=True)
            first = (evalue or "").strip().splitlines()
            return KernelTest(score, max_score, f"{ename}: {first[0]}" if first else ename)
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream" and output.get("name") == "stderr":
            return KernelTest(score, max_score, last_line(output.get("text", "")))
    return KernelTest(score, max_score, "failed")


def read_back(config, assignment, student):
    """``({function: KernelTest}, {function: manual score})`` from the gradebook and the
    autograded notebook."""
    autograded = course_path(config, "autograded", student, assignment.name)
    cells = {}
    if autograded.exists():
        cells = {grade_id(c): c for c in nbformat.read(str(autograded), as_version=4).cells}
    with Gradebook(config.CourseDirectory.db_url) as gb:
        try:
            sub = gb.find_submission_notebook(assignment.notebook_stem, assignment.name, student)
            grades = {g.name: g for g in sub.grades}
        except MissingEntry:
            grades = {}
        found = [(function, grades[test_name(function)]) for function in assignment.functions
                 if test_name(function) in grades]
        return ({function: _kernel_test(cells.get(test_name(function)), grade) for function, grade in found},
                {function: float(grade.manual_score) for function, grade in found
                 if grade.manual_score is not None})


def autograde(api, config, assignment, student):
    """nbgrader's pass over one submission, as a :class:`NbgraderPass`; never raises."""
    try:
        result = api.autograde(assignment.name, student, force=True, create=True)
    except Exception as exc:  # nbgrader itself crashed on this submission
        result = {"success": False, "error": f"{type(exc).__name__}: {exc}"}
    problem = ""
    if not result.get("success"):
        problem = _reason_from_log((result.get("log") or "") + "\n" + (result.get("error") or ""))
    try:
        tests, manual_scores = read_back(config, assignment, student)
    except Exception as exc:
        return NbgraderPass(problem or f"could not read the grades back: {type(exc).__name__}: {exc}")
    return NbgraderPass(problem, tests, manual_scores)


def record_final_scores(config, assignment, student, report, manual_scores):
    """Make the gradebook show the final scores: a final score that differs from nbgrader's
    becomes a manual score (so the formgrader and `nbgrader export` agree with the report), and
    an earlier manual score of a regraded test is cleared. ``manual_scores``: what the gradebook
    holds now (the gradebook is not opened when nothing changes). Returns a problem in words
    ("" if none): the report stands either way."""
    wanted = {t.function: None if t.score == t.nbgrader_score else t.score for t in report.tests}
    if all(manual_scores.get(function) == score for function, score in wanted.items()):
        return ""
    try:
        with Gradebook(config.CourseDirectory.db_url) as gb:
            for test in report.tests:
                try:
                    grade = gb.find_grade(test.name, assignment.notebook_stem, assignment.name, student)
                except MissingEntry:
                    continue
                final = wanted[test.function]
                if grade.manual_score != final:
                    grade.manual_score = final
                    if final is None:  # nbgrader asked for a review of the old manual score
                        grade.needs_manual_grade = False
            gb.db.commit()
    except MissingEntry:  # no submission in the gradebook: nothing to override
        pass
    except Exception as exc:  # the database refused: the saved report still has the grade
        return f"final scores not written to the gradebook: {type(exc).__name__}: {exc}"
    return ""


def export_csv(config):
    """nbgrader's CSV export of the gradebook to :func:`export_path`; returns its rows."""
    path = export_path(config)
    path.parent.mkdir(parents=True, exist_ok=True)
    plugin = CsvExportPlugin(config=config)
    plugin.to = str(path)
    with Gradebook(config.CourseDirectory.db_url) as gb:
        plugin.export(gb)
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


# ----------------------------------------------------------------------------- students and scores

def roster_path(config):
    """The optional class roster: a CSV with the columns of ``nbgrader db student import``
    (``id``, and optionally ``first_name``, ``last_name``, ``email``)."""
    return course_root(config) / "grading" / "roster.csv"


def read_roster(path):
    """``{student id: {"first_name", "last_name", "email"}}`` from a roster CSV ({} if there is
    none); empty cells are left out."""
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    except FileNotFoundError:
        return {}
    return {row["id"].strip(): {k: row[k].strip() for k in ("first_name", "last_name", "email")
                                if (row.get(k) or "").strip()}
            for row in rows if (row.get("id") or "").strip()}


def register_students(config, students):
    """Add the students to the gradebook with names (``nbgrader db student add`` semantics), so
    that the formgrader does not list them as "None, None": names from the roster, else the
    id as last name. A name already in the gradebook (entered by hand) is kept unless the
    roster gives one. Returns the number of students written."""
    roster = read_roster(roster_path(config))
    written = 0
    with Gradebook(config.CourseDirectory.db_url) as gb:
        for student in students:
            fields = roster.get(student, {})
            try:
                existing = gb.find_student(student)
            except MissingEntry:
                existing = None
            if existing is not None and not fields and existing.last_name is not None:
                continue
            wanted = {"last_name": student, "first_name": ""} if not fields else fields
            gb.update_or_create_student(student, **wanted)
            written += 1
    return written


def final_scores(config, assignment):
    """``{student: {test name: final score}}`` of one assignment (a :class:`course.Assignment`)
    from the gradebook: the manual score where there is one (a change in the formgrader, or a
    final score ``record_final_scores`` wrote), else nbgrader's."""
    scores = {}
    with Gradebook(config.CourseDirectory.db_url) as gb:
        try:
            submissions = gb.find_assignment(assignment.name).submissions
        except MissingEntry:
            return {}
        for submission in submissions:
            for notebook in submission.notebooks:
                if notebook.name == assignment.notebook_stem:
                    scores[submission.student_id] = {g.name: float(g.score) for g in notebook.grades
                                                     if g.score is not None}
    return scores
