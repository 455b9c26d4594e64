"""Grading with nbgrader: one notebook in a private course, or every submission of the course.

nbgrader does the work (release, autograde, feedback, export); this module drives it one
student at a time, so that one broken submission is recorded and skipped instead of aborting
a batch (nbgrader issue #1083), and reads the per-test results back from the gradebook and
the autograded notebook.
"""
import contextlib
import csv
import json
import os
import re
import shutil
import sys
import tempfile
import warnings
from dataclasses import dataclass, field, asdict
from pathlib import Path

import nbformat

from . import assignments
from .assignments import ROOT
from .authoring import graded_functions, grade_id
from .execution import venv_on_path
from .verify import verify_notebook

GRADING = ROOT / "grading"

# nbgrader 0.9.6 with SQLAlchemy 2 warns about its own session handling on every autograde.
warnings.filterwarnings("ignore", message=r"Object of type <Submitted", module=r"nbgrader\.")
warnings.filterwarnings("ignore", message=r"Object of type <Submitted")


class GradingError(Exception):
    """A problem that prevents grading altogether (not a student's mistake)."""


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


@dataclass
class GradeReport:
    assignment: str
    notebook: str
    score: float = 0.0
    max_score: float = 0.0
    tests: list = field(default_factory=list)
    error: str = ""
    nbgrader_score: float = 0.0

    def to_json(self):
        out = asdict(self)
        if not self.error:
            del out["error"]
        return out

    @property
    def flagged(self):
        return [t.name for t in self.tests if t.flagged]


def load_config(course_root=None, private=False):
    """The repository's nbgrader configuration, optionally moved to another course root.

    The gradebook is then SQLite in that course's grading/ folder, unless DLCOURSE_GRADEBOOK_URL
    names one (e.g. PostgreSQL) and the course is not ``private`` (a temporary course of the
    `grade` command never writes to the real gradebook)."""
    from traitlets.config.loader import PyFileConfigLoader
    config = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()
    if course_root is not None:
        (Path(course_root) / "grading").mkdir(parents=True, exist_ok=True)
        config.CourseDirectory.root = str(course_root)
        url = os.environ.get("DLCOURSE_GRADEBOOK_URL")
        config.CourseDirectory.db_url = url if url and not private else (
            "sqlite:///" + str(Path(course_root) / "grading" / "gradebook.db") + "?timeout=30")
    config.NbGraderAPI.log_level = "WARN"
    from .kernels import configure
    return configure(config)


def make_api(config):
    venv_on_path()
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    coursedir = CourseDirectory(config=config)
    return NbGraderAPI(coursedir=coursedir, config=config)


def course_path(config, folder, student, assignment, suffix=".ipynb"):
    """A student's copy of an assignment's notebook in one of nbgrader's folders, e.g.
    ``course_path(config, "submitted", "ada", "initialization")``; ``student=None`` for the
    instructor's folders (release, source_with_tests)."""
    base = Path(config.CourseDirectory.root) / getattr(config.CourseDirectory, f"{folder}_directory")
    folder_path = (base / student if student else base) / assignment
    return folder_path / (assignments.source_notebook_path(assignment).stem + suffix)


def _last_line(text):
    lines = [line for line in (text or "").strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


def read_notebook_file(path):
    """Read a notebook or raise ValueError with a one-line reason."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no such file: {path}")
    if path.is_dir():
        raise ValueError(f"{path} is a folder, not a notebook file")
    try:
        nb = nbformat.read(str(path), as_version=4)
    except Exception as exc:  # nbformat raises many kinds: JSON, schema, encoding
        reason = _last_line(str(exc)) or type(exc).__name__
        raise ValueError(f"{path} is not a readable notebook ({type(exc).__name__}: {reason[:200]})")
    if not isinstance(nb, dict) or "cells" not in nb:
        raise ValueError(f"{path} is not a notebook (no cells)")
    return nb


KEYBOARD_INTERRUPT = "KeyboardInterrupt"


def _failure_message(cell):
    """First line of what went wrong in a test cell's outputs."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            ename, evalue = output.get("ename", "Error"), output.get("evalue", "")
            if ename == "KeyboardInterrupt":
                # nbclient interrupts a cell that runs past the time limit; the verification
                # pass tells that apart from code that raises KeyboardInterrupt itself
                return KEYBOARD_INTERRUPT
            first = (evalue or "").strip().splitlines()
            return f"{ename}: {first[0]}" if first else ename
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream" and output.get("name") == "stderr":
            return _last_line(output.get("text", ""))
    return "failed"


def collect_report(config, assignment, student, notebook_label):
    """Read one graded submission back from the gradebook and the autograded notebook."""
    from nbgrader.api import Gradebook, MissingEntry
    report = GradeReport(assignment=assignment, notebook=notebook_label)
    source_nb = assignments.source_notebook(assignment)
    nb_name = assignments.source_notebook_path(assignment).stem
    expected = graded_functions(source_nb)
    autograded_path = course_path(config, "autograded", student, assignment)
    cells = {}
    if autograded_path.exists():
        cells = {grade_id(c): c for c in nbformat.read(str(autograded_path), as_version=4).cells}
    with Gradebook(config.CourseDirectory.db_url) as gb:
        try:
            sub = gb.find_submission_notebook(nb_name, assignment, student)
            grades = {g.name: g for g in sub.grades}
        except MissingEntry:
            grades = {}
        for function, points in expected.items():
            name = "test_" + function
            grade = grades.get(name)
            score = float(grade.score) if grade is not None and grade.score is not None else 0.0
            max_score = float(grade.max_score) if grade is not None else float(points)
            passed = grade is not None and score >= max_score
            message = ""
            if not passed:
                message = (_failure_message(cells[name]) if name in cells
                           else "not graded: the test cell is missing")
            report.tests.append(TestResult(name, score, max_score, passed, message))
    report.score = sum(t.score for t in report.tests)
    report.max_score = sum(t.max_score for t in report.tests)
    return report


_EXCEPTION_LINE = re.compile(r"^\s*([A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt)): (.*)$")


def _reason_from_log(text):
    """The most telling line of nbgrader's log or traceback: the last exception that is not
    nbgrader's generic wrapper."""
    reason = ""
    for line in (text or "").splitlines():
        match = _EXCEPTION_LINE.match(line)
        if match and not match.group(1).endswith("NbGraderException"):
            reason = f"{match.group(1).split('.')[-1]}: {match.group(3).strip()}"
    if "DeadKernelError" in reason:
        return "the kernel died while running the notebook (e.g. os._exit, a crash, out of memory)"
    return reason or _last_line(text) or "unknown error"


def autograde_student(api, config, assignment, student, notebook_label):
    """Autograde one student's submission with nbgrader, then verify it outside the kernel.

    Failures become a report with a reason, never an exception.
    """
    import concurrent.futures
    submitted = course_path(config, "submitted", student, assignment)
    # The verification pass runs in its own process: start it now, alongside nbgrader's run.
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        verification = pool.submit(verify_notebook, assignment, read_notebook_file(submitted),
                                   config.CourseDirectory.root)
        try:
            result = api.autograde(assignment, student, force=True, create=True)
        except Exception as exc:  # nbgrader itself crashed on this submission
            result = {"success": False, "error": f"{type(exc).__name__}: {exc}"}
        verdicts = verification.result()
    error = ""
    if not result.get("success"):
        error = "nbgrader could not grade the notebook: " + _reason_from_log(
            (result.get("log") or "") + "\n" + (result.get("error") or ""))
    try:
        report = collect_report(config, assignment, student, notebook_label)
    except Exception as exc:
        report = GradeReport(assignment=assignment, notebook=notebook_label)
        error = error or f"could not read the grades back: {type(exc).__name__}: {exc}"
    report.error = error
    apply_verification(report, verdicts)
    if report.flagged or error:
        _record_final_scores(config, assignment, student, report)
    return report


def apply_verification(report, verdicts):
    """Combine nbgrader's scores with the verification pass's verdicts.

    A function keeps nbgrader's score only if it also passes outside the kernel; one that passes
    in the kernel but not outside is flagged. If nbgrader could not grade the notebook at all
    (dead kernel, broken file), the verification pass alone decides each function's score.
    """
    nbgrader_failed = bool(report.error)
    for test in report.tests:
        function = test.name[len("test_"):]
        test.nbgrader_score = test.score
        verified, reason = verdicts.get(function, (False, "not verified"))
        test.verified = verified
        if nbgrader_failed:
            test.score = test.max_score if verified else 0.0
            test.passed = verified
            test.message = "" if verified else reason
        elif test.passed and not verified:
            test.score, test.passed, test.flagged = 0.0, False, True
            test.message = ("possible tampering: passes in the notebook but not when graded "
                            "outside it: " + reason)
        elif test.message == KEYBOARD_INTERRUPT:
            test.message = (f"timed out: {reason} (an infinite loop?)" if "timed out" in reason
                            else "KeyboardInterrupt: the code raised KeyboardInterrupt")
    if nbgrader_failed:
        report.error += "; scores come from the verification pass"
    report.nbgrader_score = sum(t.nbgrader_score for t in report.tests)
    report.score = sum(t.score for t in report.tests)


def _record_final_scores(config, assignment, student, report):
    """Write scores that differ from nbgrader's into the gradebook as manual scores, so the
    formgrader and `nbgrader export` show the final grade."""
    from nbgrader.api import Gradebook, MissingEntry
    nb_name = assignments.source_notebook_path(assignment).stem
    try:
        with Gradebook(config.CourseDirectory.db_url) as gb:
            for test in report.tests:
                try:
                    grade = gb.find_grade(test.name, nb_name, assignment, student)
                except MissingEntry:
                    continue
                if grade.score != test.score:
                    grade.manual_score = test.score
            gb.db.commit()
    except Exception:  # no submission in the gradebook: nothing to override
        pass


@contextlib.contextmanager
def private_course(assignment):
    """A temporary course holding a copy of one assignment's source, released, with its own gradebook."""
    source_dir = assignments.source_notebook_path(assignment).parent
    with tempfile.TemporaryDirectory(prefix="dlcourse-grade-") as tmp:
        shutil.copytree(source_dir, Path(tmp) / "notebooks" / assignment,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        (Path(tmp) / "grading").mkdir()
        config = load_config(tmp, private=True)
        api = make_api(config)
        result = api.generate_assignment(assignment, force=True, create=True)
        if not result.get("success"):
            raise GradingError(f"could not generate {assignment}: "
                               + _last_line(result.get("error") or result.get("log")))
        yield config, api


def grade_notebooks(assignment, paths, course=None):
    """Grade notebook files (never modified) in one private course. Returns GradeReports in order.

    ``course``: an open ``private_course(assignment)`` to use instead of making one."""
    if course is None:
        with private_course(assignment) as course:
            return grade_notebooks(assignment, paths, course)
    config, api = course
    reports = []
    first = len(submitted_students(config, assignment))  # the course may have graded before
    for number, path in enumerate(paths, start=first):
        student = f"submission{number:04d}"
        target = course_path(config, "submitted", student, assignment)
        target.parent.mkdir(parents=True)
        try:
            read_notebook_file(path)
        except (ValueError, FileNotFoundError) as exc:
            reports.append(not_graded(assignment, str(path), str(exc)))
            continue
        shutil.copyfile(path, target)
        reports.append(autograde_student(api, config, assignment, student, str(path)))
    return reports


def release(names):
    """Generate the student versions of assignments into grading/release/ (nbgrader)."""
    config = load_config()
    api = make_api(config)
    out = []
    for assignment in names:
        result = api.generate_assignment(assignment, force=True, create=True)
        if not result.get("success"):
            raise GradingError(f"could not release {assignment}: "
                               + _last_line(result.get("error") or result.get("log")))
        out.append(GRADING / "release" / assignment)
    return out


def submitted_students(config, assignment):
    root = Path(config.CourseDirectory.root) / config.CourseDirectory.submitted_directory
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / assignment).is_dir())


def not_graded(assignment, label, problem):
    """A report of a submission that could not be graded at all: every test 0, with the reason."""
    report = GradeReport(assignment=assignment, notebook=label, error=problem)
    for function, points in graded_functions(assignments.source_notebook(assignment)).items():
        report.tests.append(TestResult("test_" + function, 0.0, float(points), False,
                                       "not graded: " + problem))
    report.max_score = sum(t.max_score for t in report.tests)
    return report


def _prepare_folder(path):
    """Check the notebook a submission should be at; returns ``(problem, note)`` ('' when none).

    A single notebook under another name (a renamed file) is renamed to the expected name."""
    note = ""
    if not path.exists():
        found = sorted(p for p in path.parent.glob("*.ipynb"))
        if len(found) != 1:
            names = ", ".join(p.name for p in found)
            return f"{path.name} is missing" + (f" (found {names})" if names else ""), ""
        found[0].rename(path)
        note = f"graded {found[0].name} (renamed to {path.name})"
    try:
        read_notebook_file(path)
    except ValueError as exc:
        return str(exc), note
    return "", note


@contextlib.contextmanager
def _stderr_to(path):
    """Send this process's stderr (file descriptor 2) to a file for a while: kernels and the
    messaging layer log shutdown noise there that would drown the grading table."""
    path.parent.mkdir(parents=True, exist_ok=True)
    sys.stderr.flush()
    saved = os.dup(2)
    with open(path, "ab") as log:
        os.dup2(log.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def grade_one(course_root, assignment, student):
    """Grade one student's submission of one assignment: nbgrader, then the verification pass.

    Runs in a worker process; never raises (a failure is the report's ``error``). The report is
    also saved to grading/reports/<assignment>/<student>.json (read back by `feedback`). What
    the kernels print on stderr goes to grading/logs/<student>-<assignment>.log."""
    root = Path(course_root) if course_root is not None else ROOT
    with _stderr_to(root / "grading" / "logs" / f"{student}-{assignment}.log"):
        report = _grade_one(course_root, assignment, student)
        try:
            save_report(root, student, report)
        except OSError as exc:
            report.error = "; ".join(filter(None, [report.error, f"report not saved: {exc}"]))
        return report


def _grade_one(course_root, assignment, student):
    label = f"{student}/{assignment}"
    try:
        config = load_config(course_root)
        api = make_api(config)
        problem, note = _prepare_folder(course_path(config, "submitted", student, assignment))
        if problem:
            return not_graded(assignment, label, problem)
        report = autograde_student(api, config, assignment, student, label)
        if note:
            report.error = "; ".join(filter(None, [note, report.error]))
        return report
    except Exception as exc:  # the grader's own failure on this submission stays with it
        return not_graded(assignment, label, f"grading failed: {type(exc).__name__}: {exc}")


def report_path(course_root, assignment, student):
    return Path(course_root) / "grading" / "reports" / assignment / f"{student}.json"


def save_report(course_root, student, report):
    path = report_path(course_root, report.assignment, student)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report.to_json(), indent=1))


def load_report(course_root, assignment, student):
    """The report `grade-all` saved for a submission, or None."""
    try:
        data = json.loads(report_path(course_root, assignment, student).read_text())
        tests = [TestResult(**t) for t in data.pop("tests")]
        return GradeReport(**data, tests=tests)
    except (OSError, ValueError, TypeError, KeyError):
        return None


def feedback_one(course_root, assignment, student):
    """Write one graded submission's feedback page; returns what was written, in a few words.

    nbgrader's feedback (the autograded notebook with final scores, hidden tests hidden) when
    nbgrader graded the notebook; a plain page from the saved report when it could not run it
    (dead kernel, broken file). Runs in a worker process; never raises."""
    root = Path(course_root) if course_root is not None else ROOT
    with _stderr_to(root / "grading" / "logs" / f"{student}-{assignment}.log"):
        try:
            config = load_config(course_root)
            report = load_report(root, assignment, student)
            if report is None:
                return "no feedback: not graded yet (run grade-all first)"
            page = course_path(config, "feedback", student, assignment, suffix=".html")
            if _nbgrader_graded(report) and course_path(config, "autograded", student, assignment).exists():
                result = make_api(config).generate_feedback(assignment, student, force=True)
                if result.get("success") and page.exists():
                    return "feedback"
            write_fallback_feedback(config, student, report)
            return "plain feedback page (nbgrader could not run the notebook)"
        except Exception as exc:
            return f"no feedback: {type(exc).__name__}: {exc}"


def _nbgrader_graded(report):
    """Whether nbgrader ran the notebook (its autograded copy is then the feedback's basis)."""
    failed = ("nbgrader could not grade", "grading failed")
    return (not any(reason in report.error for reason in failed)
            and not all(t.message.startswith("not graded:") for t in report.tests))


def write_fallback_feedback(config, student, report):
    """A plain feedback page for a submission nbgrader could not grade (e.g. a dead kernel):
    the reason, and each test's verdict from the verification pass."""
    import html
    path = course_path(config, "feedback", student, report.assignment, suffix=".html")
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = "\n".join(
        f"<tr><td>{html.escape(t.name)}</td><td>{t.score:g} / {t.max_score:g}</td>"
        f"<td>{html.escape(t.message or 'passed')}</td></tr>" for t in report.tests)
    path.write_text(f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Feedback: {html.escape(report.assignment)}</title></head>
<body><h1>{html.escape(report.assignment)}: {report.score:g} / {report.max_score:g}</h1>
<p>Your notebook could not be run from top to bottom by the autograder:
{html.escape(report.error or "unknown reason")}.</p>
<p>Each function was graded separately instead, by running its solution cell on its own:</p>
<table border="1" cellpadding="4"><tr><th>test</th><th>score</th><th>result</th></tr>
{rows}
</table></body></html>
""")


def _pool_context():
    """How grading processes start. Forked from this process when it is safe (no other thread
    running): they then share the already imported nbgrader and start in milliseconds, where
    a spawned process spends a couple of CPU seconds on imports. Spawned otherwise."""
    import multiprocessing
    import threading
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        sys.stdout.flush()
        sys.stderr.flush()
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _job_failed(function, job, problem):
    """What a job that could not run at all returns: a not-graded report, or a feedback note."""
    if function is feedback_one:
        return f"no feedback: {problem}"
    return not_graded(job[0], f"{job[1]}/{job[0]}", problem)


def _run_jobs(function, course_root, jobs, workers, scheduler):
    """Yield ``(job, result)`` as ``function(course_root, assignment, student)`` finishes for each
    job: in this process, in worker processes, or on Dask."""
    if scheduler is not None:
        from .cluster import run_on_dask
        yield from run_on_dask(scheduler, function, course_root, jobs)
        return
    if workers <= 1:
        for job in jobs:
            yield job, function(course_root, *job)
        return
    import concurrent.futures as cf
    pending = list(jobs)
    while pending:
        context = _pool_context()
        with cf.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            futures = {pool.submit(function, course_root, *job): job for job in pending}
            pending = []
            for future in cf.as_completed(futures):
                job = futures[future]
                try:
                    yield job, future.result()
                except cf.process.BrokenProcessPool:
                    pending.append(job)  # a worker died under it: run it again in a new pool
                except Exception as exc:
                    yield job, _job_failed(function, job, f"grading failed: {type(exc).__name__}: {exc}")
        if pending and workers > 1:
            workers = 1


def _released(config, assignment):
    """Whether nbgrader has already generated the assignment from its current source (the
    release copy is newer than the source notebook and its tests are in the gradebook), as after
    `release`: then grading needs no new generation."""
    from nbgrader.api import Gradebook, MissingEntry
    nb_name = assignments.source_notebook_path(assignment).stem
    source = course_path(config, "source", None, assignment)
    copy = course_path(config, "release", None, assignment)
    if not copy.exists() or not source.exists() or copy.stat().st_mtime < source.stat().st_mtime:
        return False
    try:
        with Gradebook(config.CourseDirectory.db_url) as gb:
            return bool(gb.find_notebook(nb_name, assignment).grade_cells)
    except MissingEntry:
        return False


def grade_all(progress=None, workers=None, course_root=None, scheduler=None):
    """Autograde every submission of every built assignment, each student separately.

    Arguments:
    progress -- called as ``progress(done, total, line, needs_attention)`` after each graded
                submission (see autograder.progress.Progress); default: print the line
    workers -- number of parallel grading processes (default: the number of cores)
    course_root -- a course folder other than this repository (tests, benchmarks)
    scheduler -- a Dask scheduler address, or "local" for a LocalCluster (see autograder.cluster)

    Saves each report (grading/reports/) and writes a CSV export (grading/grades.csv);
    feedback pages are a separate step (`all_feedback`), as in nbgrader, so that scores an
    instructor changes by hand after grading reach the feedback.
    Returns ``{(student, assignment): GradeReport}``.
    """
    config = load_config(course_root)
    api = make_api(config)
    jobs = []
    for assignment in assignments.built():
        students = submitted_students(config, assignment)
        if not students:
            continue
        if not _released(config, assignment):
            result = api.generate_assignment(assignment, force=True, create=True)
            if not result.get("success"):
                raise GradingError(f"could not prepare {assignment}: "
                                   + _last_line(result.get("error") or result.get("log")))
        jobs += [(assignment, student) for student in students]
    workers = workers or os.cpu_count() or 1
    progress = progress or _print_line
    reports = {}
    for k, ((assignment, student), report) in enumerate(
            _run_jobs(grade_one, course_root, jobs, workers, scheduler), start=1):
        reports[(student, assignment)] = report
        progress(k, len(jobs),
                 _job_line(k, len(jobs), student, assignment)
                 + f"{report.score:g} / {report.max_score:g}"
                 + (f"  flagged: {', '.join(report.flagged)}" if report.flagged else "")
                 + (f"  ({report.error})" if report.error else ""),
                 bool(report.flagged or report.error))
    root = Path(config.CourseDirectory.root)
    export_csv(config, root / "grading" / "grades.csv")
    return reports


def _job_line(k, total, student, assignment):
    """The start of a finished job's progress line: ``[ 3/20] ada/initialization: ``."""
    return f"[{k:>{len(str(total))}}/{total}] {student}/{assignment}: "


def _print_line(done, total, line, needs_attention=False):
    print(line, flush=True)


def all_feedback(progress=None, workers=None, course_root=None, scheduler=None):
    """Write the feedback page of every submission `grade_all` graded (grading/feedback/) and
    that is still submitted, in parallel like `grade_all`.
    Returns ``{(student, assignment): what was written}``."""
    config = load_config(course_root)
    root = Path(config.CourseDirectory.root)
    jobs = [(assignment, student) for assignment in assignments.built()
            for student in submitted_students(config, assignment)
            if report_path(root, assignment, student).exists()]
    progress = progress or _print_line
    outcomes = {}
    for k, ((assignment, student), outcome) in enumerate(
            _run_jobs(feedback_one, course_root, jobs, workers or os.cpu_count() or 1, scheduler),
            start=1):
        outcomes[(student, assignment)] = outcome
        progress(k, len(jobs), _job_line(k, len(jobs), student, assignment) + outcome,
                 outcome.startswith("no feedback"))
    return outcomes


def export_csv(config, path):
    """nbgrader's CSV export of the gradebook."""
    from nbgrader.api import Gradebook
    from nbgrader.plugins import CsvExportPlugin
    path.parent.mkdir(parents=True, exist_ok=True)
    plugin = CsvExportPlugin(config=config)
    plugin.to = str(path)
    with Gradebook(config.CourseDirectory.db_url) as gb:
        plugin.export(gb)
    with open(path, newline="") as f:
        return list(csv.DictReader(f))
