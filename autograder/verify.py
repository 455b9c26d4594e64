"""The verification pass: grade each graded function outside the student's kernel.

nbgrader runs the tests inside the student's kernel, where a submission can monkeypatch
``np.allclose`` or the checks, read expected values from the caller's frame, or crash the kernel
and lose every grade. After nbgrader's run, this pass

1. takes the submission's solution cells (only those) and the source notebook's provided cells
   (imports, provided functions: the instructor's copies, not the student's);
2. runs them in a fresh, resource-limited child process (``autograder.verify_worker``) that
   calls each graded function on every visible and hidden test input, without ever receiving an
   expected value, and writes back plain values (HDF5, no pickle);
3. compares those values with the reference values here, in the grader's own process;
4. for a function that failed, asks autograder.diagnosis whether a known mistake's variant (the
   instructor's code, run here) reproduces its results (verify_with_diagnoses).

A child that dies or hangs costs only the function it was running (or whose solution cell it
was running); a new child runs the rest. Each step of a child (a cell, a graded function on all
its checks) gets one cell timeout (course.CELL_TIMEOUT): the child's alarm stops most loops, and
this process kills a child whose current step runs past it anyway (a loop that catches the
alarm's exception, or spins inside a C call).

Children are forked from the launcher (autograder.launcher), which has already imported NumPy,
h5py, matplotlib and dlcourse and never runs student code: each child starts clean, without
paying half a second of start-up per submission. If the launcher cannot be used, a child is a
fresh ``python -m autograder.verify_worker`` instead.
"""
import contextlib
import dataclasses
import functools
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from dlcourse.casefile import Case, load_cases, save_cases
from dlcourse.testing import CheckFailed, Kind, compare, compare_options, concealed

from . import checks, course, sandbox
from .diagnosis import diagnose
from .course import CELL_TIMEOUT, FILE_MB, MEMORY_MB
from .cells import grade_id, is_code, is_provided, is_solution
from .launcher import LAUNCHER, Launcher, child_env
from .policy import Failure, Verdict

#: how long past a step's time limit a child may take to stop by itself (its alarm's exception,
#: writing the step's results) before it is killed
GRACE = 2


def _plain_python(source):
    """Drop IPython-only lines (``%magic``, ``!shell``): the child runs plain Python."""
    return "\n".join(line for line in source.splitlines()
                     if not line.lstrip().startswith(("%", "!")))


def program_cells(source_nb, submission_nb):
    """Cells the child runs, as ``[grade_id, is_solution, source]``: the source's provided cells
    and the submission's solution cells, in the source notebook's order (several submitted
    cells with one grade_id all run, in order)."""
    submitted = {}
    for cell in submission_nb.cells:
        if is_code(cell) and is_solution(cell):
            submitted.setdefault(grade_id(cell), []).append(_plain_python(cell.source))
    cells = []
    for cell in source_nb.cells:
        if is_provided(cell):
            cells.append([grade_id(cell), False, _plain_python(cell.source)])
        elif is_solution(cell):
            cells.extend([grade_id(cell), True, source] for source in submitted.get(grade_id(cell), []))
    return cells


@functools.lru_cache(maxsize=16)
def _cases_and_inputs(assignment, stamp):
    """All cases of an assignment, and a case file of their inputs only (no expected values)
    for the children; read and written once per grading process (``stamp`` holds the
    reference files' modification times, so a regenerated reference is read again)."""
    visible = load_cases(course.visible_reference_path(assignment))
    hidden = load_cases(course.hidden_reference_path(assignment))
    for group in hidden.values():
        for case in group:  # their failures are described without values (concealed)
            case.options["hidden"] = True
    cases = {name: visible.get(name, []) + hidden.get(name, []) for name in visible}
    inputs = sandbox.scratch_dir("inputs") / f"{assignment}-{time.time_ns()}.h5"
    save_cases(inputs, {name: [Case(c.label, c.args, c.kwargs, None, c.options) for c in group]
                        for name, group in cases.items()})
    return cases, inputs


def _reference_stamp(assignment):
    paths = (course.visible_reference_path(assignment),
             course.hidden_reference_path(assignment))
    return tuple((str(p), p.stat().st_mtime_ns) for p in paths)


@functools.lru_cache(maxsize=4)
def _launcher(hidden):
    """The launcher whose children run verification jobs: in the sandbox, where ``hidden``
    folders look empty, the test inputs are read-only and only the jobs' folder is writable
    (unsandboxed where DLCOURSE_UNSANDBOXED=1 allows it and no sandbox can be made)."""
    if not sandbox.required():
        return LAUNCHER
    return Launcher(sandbox.command(hidden=hidden, readable=[sandbox.scratch_dir("inputs")],
                                    writable=[sandbox.scratch_dir("jobs")]))


def verification_launcher(course_root=None):
    """The launcher of the verification children for a course (None: this repository)."""
    return _launcher(tuple(course.instructor_folders(course_root)))


def _start_child(job_dir, launcher):
    """Start a child on the job; returns ``(wait, kill)``: ``wait(seconds)`` is its exit status,
    or None while it still runs after ``seconds``; ``kill()`` ends it and what it started."""
    try:
        pid = launcher.spawn({"job": str(job_dir)})
        return (lambda seconds: launcher.wait(pid, seconds, kill=False),
                lambda: launcher.kill(pid))
    except OSError:  # the launcher is unusable: a fresh interpreter does the job
        proc = subprocess.Popen([*launcher.prefix, sys.executable, "-m", "autograder.verify_worker",
                                 str(job_dir)],
                                cwd=job_dir, env={"MPLBACKEND": "Agg", **child_env()},
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)

        def wait(seconds):
            try:
                return proc.wait(seconds)
            except subprocess.TimeoutExpired:
                return None

        def kill():
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except OSError:
                proc.kill()
            proc.wait()
        return wait, kill


def _progress_size(progress):
    try:
        return progress.stat().st_size
    except OSError:  # removed by the code under test: no progress
        return -1


def _run_child(job_dir, seconds, steps, launcher):
    """Run one child on the job; its exit status, or None if it was killed because its current
    step ran more than ``seconds`` (plus GRACE): a step starts with each line the child writes to
    ``progress``. ``steps`` bounds the child's whole run, should its lines come from anything
    but its own progress."""
    progress = job_dir / "progress"
    wait, kill = _start_child(job_dir, launcher)
    start = time.monotonic()
    last_size, step_deadline = 0, start + seconds + GRACE
    while True:
        status = wait(0.1)
        if status is not None:
            return status
        now = time.monotonic()
        size = _progress_size(progress)
        if size != last_size:
            last_size, step_deadline = size, now + seconds + GRACE
        if now > step_deadline or now > start + steps * (seconds + GRACE):
            kill()
            return None


def _run_children(job_dir, functions, seconds, launcher):
    """Run workers until every function has a result file; returns ``{function: Verdict}``
    for the functions whose worker died or hung (while running the function, or its solution
    cell: that cell is then left out of the next workers)."""
    failures = {}
    remaining = list(functions)
    job = json.loads((job_dir / "job.json").read_text())
    while remaining:
        job["functions"] = remaining
        (job_dir / "job.json").write_text(json.dumps(job))
        progress = job_dir / "progress"
        progress.write_text("")
        status = _run_child(job_dir, seconds, 1 + len(job["cells"]) + len(remaining), launcher)
        timed_out = status is None
        if timed_out:
            ending = f"timed out after {seconds} s (the grading process was stopped)"
        else:
            ending = f"the grading process died (exit status {status})"
        lines = progress.read_text().splitlines() if progress.is_file() else []
        done = [line.split(" ", 1)[1] for line in lines if line.startswith("done ")]
        remaining = [name for name in remaining if name not in done]
        if not remaining:
            break
        step, _, name = (lines[-1] if lines else "").partition(" ")
        if step == "cell" and any(cell_id == name and solution for cell_id, solution, _ in job["cells"]):
            job["cells"] = [cell for cell in job["cells"] if not (cell[0] == name and cell[1])]
            if name in remaining:
                failures[name] = Verdict(False, f"{ending} while running the solution cell of {name}",
                                         timed_out)
                remaining.remove(name)
            continue
        culprit = name if step == "start" and name in remaining else remaining[0]
        failures[culprit] = Verdict(False, f"{ending} while running {culprit}", timed_out)
        remaining.remove(culprit)
    return failures


def verify_notebook(assignment, submission_nb, course_root=None):
    """``{function: policy.Verdict}`` for every graded function of the assignment (a
    :class:`course.Assignment`).

    ``course_root``: the course being graded, whose folders the code under test cannot read
    (see instructor_folders)."""
    return verify_with_diagnoses(assignment, submission_nb, course_root)[0]


def verify_with_diagnoses(assignment, submission_nb, course_root=None):
    """``(verdicts, diagnoses)``: verify_notebook's verdicts, and ``{function: {"id", "text"}}``
    for the failed functions whose results a known mistake reproduces (autograder.diagnosis)."""
    diagnoses = {}
    source_nb = course.source_notebook(assignment.name)
    functions = list(assignment.functions)
    cases, inputs = _cases_and_inputs(assignment.name, _reference_stamp(assignment.name))
    verdicts = {}
    with tempfile.TemporaryDirectory(prefix="job-", dir=sandbox.scratch_dir("jobs")) as tmp:
        job_dir = Path(tmp)
        launcher = verification_launcher(course_root)
        (job_dir / "job.json").write_text(json.dumps({
            "assignment": assignment.name, "cells": program_cells(source_nb, submission_nb), "functions": functions,
            "inputs": str(inputs), "seconds_per_step": CELL_TIMEOUT, "memory_mb": MEMORY_MB,
            "file_mb": FILE_MB}))
        crashed = _run_children(job_dir, functions, CELL_TIMEOUT, launcher)
        tampered = _tampered(job_dir)
        for name in functions:
            if name in crashed:
                verdicts[name] = crashed[name]
                continue
            if name in tampered:
                verdicts[name] = Verdict(False, f"its solution cell replaces {', '.join(tampered[name])}, "
                                                "which grading relies on", failure=Failure.TAMPERING)
                continue
            try:
                results = load_cases(job_dir / f"{name}.h5")[name]
            except Exception as exc:
                verdicts[name] = Verdict(False, f"no readable result ({type(exc).__name__})")
                continue
            verdicts[name] = _judge(name, checks.of(assignment.name, name), cases[name], results)
            if not verdicts[name].passed:
                found = diagnose(assignment.name, name, cases[name], results)
                if found is not None:
                    diagnoses[name] = found
    return verdicts, diagnoses


def _tampered(job_dir):
    """``{function: [what its solution cell replaced]}`` (see verify_worker.fingerprint)."""
    try:
        return json.loads((job_dir / "tampered.json").read_text())
    except (OSError, ValueError):
        return {}


def _judge(name, plan, expected_cases, results):
    """The verdict on one function: its results judged in the order of its checks."""
    properties = [c for c in plan if c is not checks.VALUES]
    if len(results) != len(expected_cases) + len(properties):
        return Verdict(False, f"{name}: {len(results)} results for "
                              f"{len(expected_cases) + len(properties)} checks")
    values, outcomes = results[:len(expected_cases)], results[len(expected_cases):]
    failing = _hidden_failures(expected_cases, values, properties, outcomes)
    outcomes = iter(outcomes)
    for check in plan:
        if check is checks.VALUES:
            verdict = _judge_values(name, expected_cases, values)
        else:
            verdict = _judge_property(name, check, next(outcomes))
        if not verdict.passed:
            if _a_visible_case_fails(expected_cases, values):  # whichever check failed first
                verdict = dataclasses.replace(verdict, failure=Failure.VISIBLE_CASE)
            return dataclasses.replace(verdict, hidden_failures=failing)
    return Verdict(True)


def _a_visible_case_fails(expected_cases, values):
    """Whether a visible case (one the notebook's test cell runs too) fails other than by
    running out of time."""
    return any(not case.options.get("hidden") and _judge_values("", [case], [result]).failure
               is Failure.VISIBLE_CASE for case, result in zip(expected_cases, values))


def _hidden_failures(expected_cases, values, properties, outcomes):
    """The labels of every hidden case (as a failure message names it) and every property
    check that fails, in order: what the class report counts."""
    failing = []
    for case, result in zip(expected_cases, values):
        if case.options.get("hidden") and not _judge_values("", [case], [result]).passed:
            failing.append(case.label)
    failing += [prop.label for prop, result in zip(properties, outcomes) if "error" in result.options]
    return tuple(failing)


def _judge_property(name, prop, result):
    if "error" not in result.options:
        return Verdict(True)
    timed_out = bool(result.options.get("timed_out"))
    return Verdict(False, f"{name} ({prop.label}): {result.options['error']}", timed_out=timed_out,
                   failure=Failure.RUNNING if timed_out else Failure.HIDDEN_CHECK,
                   kind=Kind.named(result.options.get("kind"), Kind.PROPERTY))


def _case_failure(case, timed_out=False):
    """Where a failing value case puts the function (see policy.Failure)."""
    if timed_out:
        return Failure.RUNNING
    return Failure.HIDDEN_CHECK if case.options.get("hidden") else Failure.VISIBLE_CASE


def _judge_values(name, expected_cases, results):
    for case, result in zip(expected_cases, results):
        call = f"{name}({case.label})"
        if "error" in result.options:
            timed_out = bool(result.options.get("timed_out"))
            return Verdict(False, f"{call} {result.options['error']}", timed_out=timed_out,
                           failure=_case_failure(case, timed_out),
                           kind=Kind.named(result.options.get("kind"), Kind.RAISED))
        try:
            with concealed() if case.options.get("hidden") else contextlib.nullcontext():
                compare(result.expected, case.expected, where="result", **compare_options(case.options))
        except CheckFailed as exc:
            return Verdict(False, f"{call}: {str(exc).splitlines()[0]}", failure=_case_failure(case),
                           kind=exc.kind or Kind.WRONG_VALUES)
    return Verdict(True)
