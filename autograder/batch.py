"""Grading (or writing feedback for) every submission of a course: one job per submission, run
here, in a pool of worker processes, or on a Dask cluster.

A job is ``function(course_root, assignment, student)``: :func:`grading.grade_one` or
:func:`feedback.feedback_one`. Each does its whole work against the course folder and its
gradebook, so any process that can see them can run it: a worker of the local pool, or a Dask
worker (``--scheduler ADDRESS``; ``"local"`` starts a ``LocalCluster`` of single-threaded
worker processes for the run, ``--workers`` of them, default one per core). A job that cannot
run at all (its worker died twice, the cluster lost it) gets the result ``failed(job, problem)``
instead.
"""
import concurrent.futures as cf
import multiprocessing
import os
import sys
import threading

from . import course, nbgrader_run
from .feedback import NO_FEEDBACK, feedback_one
from .grading import grade_one
from .launcher import die_with_parent
from .report import not_graded, report_path


#: the --scheduler value that starts a Dask cluster on this machine for the run
LOCAL_SCHEDULER = "local"


def workers_problem(workers, scheduler):
    """Why ``--workers`` cannot be given with ``--scheduler`` this way (None if it can)."""
    if workers is not None and workers < 1:
        return "--workers must be at least 1"
    if workers is not None and scheduler not in (None, LOCAL_SCHEDULER):
        return (f"--workers goes with the local pool or --scheduler {LOCAL_SCHEDULER}; "
                f"a cluster at {scheduler} has the workers it was started with")
    return None


def default_workers():
    """How many grading processes run when --workers is not given: one per core."""
    return os.cpu_count() or 1


def _pool_context():
    """How worker processes start. Forked from this process when it is safe (no other thread
    running): they then share the already imported nbgrader and start in milliseconds, where
    a spawned process spends a couple of CPU seconds on imports. Spawned otherwise."""
    if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods():
        sys.stdout.flush()
        sys.stderr.flush()
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _run_in_pool(function, course_root, jobs, workers, failed):
    pending = list(jobs)
    while pending:
        # a worker (and so its launcher, and the student code it runs) ends with this process
        with cf.ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context(),
                                    initializer=die_with_parent) as pool:
            futures = {pool.submit(function, course_root, *job): job for job in pending}
            pending = []
            for future in cf.as_completed(futures):
                job = futures[future]
                try:
                    yield job, future.result()
                except cf.process.BrokenProcessPool:
                    pending.append(job)  # a worker died under it: run it again in a new pool
                except Exception as exc:
                    yield job, failed(job, f"grading failed: {type(exc).__name__}: {exc}")
        workers = 1


def _run_on_dask(scheduler, function, course_root, jobs, failed, workers=None):
    # Dask is imported only here, for --scheduler: it would add a fifth of a second to the
    # start of every command that never uses it.
    from distributed import Client, LocalCluster, as_completed  # noqa: PLC0415
    cluster = None
    if scheduler == LOCAL_SCHEDULER:
        cluster = LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        client = Client(scheduler, timeout="30s")
    try:
        futures = {client.submit(function, course_root, assignment, student, pure=False,
                                 key=f"{function.__name__}-{assignment}-{student}"): (assignment, student)
                   for assignment, student in jobs}
        for future in as_completed(futures):
            job = futures[future]
            try:
                yield job, future.result()
            except Exception as exc:  # the worker running it died or the job was lost
                yield job, failed(job, f"grading failed on the cluster: {type(exc).__name__}: {exc}")
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_jobs(function, course_root, jobs, workers=None, scheduler=None, failed=None):
    """Yield ``(job, result)`` as ``function(course_root, assignment, student)`` finishes for
    each ``(assignment, student)`` job, in completion order."""
    if scheduler is not None:
        yield from _run_on_dask(scheduler, function, course_root, jobs, failed, workers)
    elif (workers or default_workers()) <= 1:
        for job in jobs:
            yield job, function(course_root, *job)
    else:
        yield from _run_in_pool(function, course_root, jobs, workers or default_workers(), failed)


def job_line(k, total, student, assignment):
    """The start of a finished job's progress line: ``[ 3/20] ada/initialization: ``."""
    return f"[{k:>{len(str(total))}}/{total}] {student}/{assignment}: "


def print_line(done, total, line, needs_attention=False):
    print(line, flush=True)


def _grading_failed(job, problem):
    assignment, student = job
    return not_graded(course.assignment(assignment), f"{student}/{assignment}", problem)


def grade_all(progress=None, workers=None, course_root=None, scheduler=None):
    """Autograde every submission of every built assignment, each student separately.

    Arguments:
    progress -- called as ``progress(done, total, line, needs_attention)`` after each graded
                submission (see autograder.progress.Progress); default: print the line
    workers -- number of parallel grading processes (default: the number of cores); with
               scheduler "local", the number of Dask workers started
    course_root -- a course folder other than this repository (tests, benchmarks)
    scheduler -- a Dask scheduler address, or "local" for a LocalCluster

    Registers the students in the gradebook (names from grading/roster.csv if there is one)
    and saves each report (grading/reports/). The CSV exports and the class report are made
    from those by `class_report_page.refresh`, and feedback pages by `all_feedback`: separate
    steps, as in nbgrader, so that scores an instructor changes by hand after grading reach
    them.
    Returns ``{(student, assignment): GradeReport}``.
    """
    config = nbgrader_run.load_config(course_root)
    api = nbgrader_run.make_api(config)
    jobs = []
    for assignment in course.built():
        students = nbgrader_run.submitted_students(config, assignment)
        if students:
            nbgrader_run.ensure_released(config, api, assignment)
            jobs += [(assignment, student) for student in students]
    nbgrader_run.register_students(config, sorted({student for _, student in jobs}))
    progress = progress or print_line
    reports = {}
    for k, ((assignment, student), report) in enumerate(
            run_jobs(grade_one, course_root, jobs, workers, scheduler, _grading_failed), start=1):
        reports[(student, assignment)] = report
        progress(k, len(jobs),
                 job_line(k, len(jobs), student, assignment)
                 + f"{report.score:g} / {report.max_score:g}"
                 + (f"  flagged: {', '.join(report.flagged)}" if report.flagged else "")
                 + "".join(f"  ({text})" for text in [report.error] + report.notes if text),
                 bool(report.flagged or not report.complete))
    return reports


def all_feedback(progress=None, workers=None, course_root=None, scheduler=None):
    """Write the feedback page of every submission `grade_all` graded (grading/feedback/) and
    that is still submitted, in parallel like `grade_all`.
    Returns ``{(student, assignment): feedback.Written}``."""
    config = nbgrader_run.load_config(course_root)
    root = nbgrader_run.course_root(config)
    jobs = [(assignment, student) for assignment in course.built()
            for student in nbgrader_run.submitted_students(config, assignment)
            if report_path(root, assignment, student).exists()]
    progress = progress or print_line
    outcomes = {}
    for k, ((assignment, student), outcome) in enumerate(
            run_jobs(feedback_one, course_root, jobs, workers, scheduler,
                     lambda job, problem: NO_FEEDBACK.because(problem)), start=1):
        outcomes[(student, assignment)] = outcome
        progress(k, len(jobs), job_line(k, len(jobs), student, assignment) + outcome.text,
                 not outcome.written)
    return outcomes
