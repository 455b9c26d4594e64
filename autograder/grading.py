"""Grading one submission, from its folder to its saved report.

    folder --intake--> notebook --nbgrader_run.autograde--> NbgraderPass  \
                               --verify.verify_with_diagnoses---> {function: Verdict} --policy.decide--> GradeReport
                                                                  {function: diagnosis} --diagnosis.attach--^
                                                                              --> gradebook, reports/, (feedback, tables)

nbgrader's pass (in the student's kernel) and the verification pass (out of it) run side by
side; the policy merges them. One broken submission is recorded with a reason, never raised, so
a batch goes on (nbgrader issue #1083).
"""
import concurrent.futures
import contextlib
import os
import shutil
import sys
import time
from pathlib import Path

from . import course, nbgrader_run, policy, report as reports, sandbox
from .diagnosis import attach
from .intake import Refused, prepare_folder, read_notebook_file
from .nbgrader_run import course_path, private_course, submitted_students
from .report import Status, not_graded
from .verify import verify_with_diagnoses


def grade_submission(api, config, assignment, student, label, notes=()):
    """Both passes over the submission already in nbgrader's submitted/ folder, then the policy.
    ``assignment``: a :class:`course.Assignment`."""
    submitted = course_path(config, "submitted", student, assignment.name)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        verification = pool.submit(verify_with_diagnoses, assignment, read_notebook_file(submitted),
                                   config.CourseDirectory.root)
        nbgrader = nbgrader_run.autograde(api, config, assignment, student)
        verdicts, diagnoses = verification.result()
    report = attach(policy.decide(assignment, label, nbgrader, verdicts), diagnoses)
    report.notes[:0] = notes
    if not sandbox.required():
        report.notes.append(sandbox.UNSANDBOXED_NOTE)
    problem = nbgrader_run.record_final_scores(config, assignment, student, report,
                                               nbgrader.manual_scores)
    if problem:
        report.notes.append(problem)
    return report


def grade_notebooks(assignment_name, paths, course_dir=None):
    """Grade notebook files (never modified) in one private course; GradeReports in order.

    ``course_dir``: an open ``private_course(assignment_name)`` to use instead of making one."""
    if course_dir is None:
        with private_course(assignment_name) as course_dir:
            return grade_notebooks(assignment_name, paths, course_dir)
    config, api = course_dir
    assignment = course.assignment(assignment_name)
    out = []
    first = len(submitted_students(config, assignment_name))  # the course may have graded before
    for number, path in enumerate(paths, start=first):
        student = f"submission{number:04d}"
        target = course_path(config, "submitted", student, assignment_name)
        target.parent.mkdir(parents=True)
        try:
            read_notebook_file(path)
        except (Refused, FileNotFoundError) as exc:
            out.append(not_graded(assignment, str(path), str(exc), Status.REFUSED))
            continue
        shutil.copyfile(path, target)
        start = time.monotonic()
        out.append(grade_submission(api, config, assignment, student, str(path)))
        out[-1].seconds = round(time.monotonic() - start, 3)
    return out


@contextlib.contextmanager
def stderr_to(path):
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


def log_path(root, student, assignment):
    return Path(root) / "grading" / "logs" / f"{student}-{assignment}.log"


def grade_one(course_root, assignment_name, student):
    """Grade one student's submission of one assignment in a course (None: this repository).

    A batch job (autograder.batch): never raises. The report is saved to
    grading/reports/<assignment>/<student>.json (read back by `feedback`); what the kernels
    print on stderr goes to grading/logs/<student>-<assignment>.log."""
    root = Path(course_root) if course_root is not None else course.ROOT
    start = time.monotonic()
    with stderr_to(log_path(root, student, assignment_name)):
        report = _grade_one(course_root, assignment_name, student)
        report.seconds = round(time.monotonic() - start, 3)
        try:
            reports.save(root, student, report)
        except OSError as exc:
            report.notes.append(f"report not saved: {exc}")
        return report


def _grade_one(course_root, assignment_name, student):
    label = f"{student}/{assignment_name}"
    assignment = course.assignment(assignment_name)
    try:
        config = nbgrader_run.load_config(course_root)
        api = nbgrader_run.make_api(config)
        try:
            notes = prepare_folder(course_path(config, "submitted", student, assignment_name))
        except (Refused, FileNotFoundError) as exc:
            return not_graded(assignment, label, str(exc), Status.REFUSED)
        return grade_submission(api, config, assignment, student, label, notes)
    except Exception as exc:  # the grader's own failure on this submission stays with it
        return not_graded(assignment, label, f"grading failed: {type(exc).__name__}: {exc}")
