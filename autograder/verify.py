"""The verification pass: grade each graded function outside the student's kernel.

nbgrader runs the tests inside the student's kernel, where a submission can monkeypatch
``np.allclose`` or the checks, read expected values from the caller's frame, or crash the kernel
and lose every grade. After nbgrader's run, this pass

1. takes the submission's solution cells (only those) and the source notebook's provided cells
   (imports, provided functions: the instructor's copies, not the student's);
2. runs them in a fresh, resource-limited child process (``autograder.verify_worker``) that
   calls each graded function on every visible and hidden test input, without ever receiving an
   expected value, and writes back plain values (HDF5, no pickle);
3. compares those values with the reference values here, in the grader's own process.

A child that dies or hangs costs only the function it was running; a new child runs the rest.
"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from dlcourse.casefile import Case, load_cases, save_cases
from dlcourse.testing import CheckFailed, compare, RTOL, ATOL

from . import assignments
from .assignments import ROOT
from .authoring import grade_id, graded_functions, is_provided, is_solution

MEMORY_MB = int(os.environ.get("DLCOURSE_KERNEL_MEMORY_MB", "4096"))
SECONDS_PER_FUNCTION = int(os.environ.get("DLCOURSE_CELL_TIMEOUT", "60"))


def _plain_python(source):
    """Drop IPython-only lines (``%magic``, ``!shell``): the child runs plain Python."""
    return "\n".join(line for line in source.splitlines()
                     if not line.lstrip().startswith(("%", "!")))


def program_cells(source_nb, submission_nb):
    """Cells the child runs: the source's provided cells and the submission's solution cells,
    in the source notebook's order (several submitted cells with one grade_id all run, in order)."""
    submitted = {}
    for cell in submission_nb.cells:
        if cell.get("cell_type") == "code" and is_solution(cell):
            submitted.setdefault(grade_id(cell), []).append(_plain_python(cell.source))
    cells = []
    for cell in source_nb.cells:
        if is_provided(cell):
            cells.append(_plain_python(cell.source))
        elif is_solution(cell):
            cells.extend(submitted.get(grade_id(cell), []))
    return cells


def all_cases(assignment):
    """Visible and hidden cases of every graded function, visible first."""
    visible = load_cases(assignments.visible_reference_path(assignment))
    hidden = load_cases(assignments.hidden_reference_path(assignment))
    return {name: visible.get(name, []) + hidden.get(name, []) for name in visible}


def _run_children(job_dir, functions, timeout_per_function):
    """Run workers until every function has a result file; returns ``{function: failure}``
    for the functions whose worker died or hung."""
    failures = {}
    remaining = list(functions)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "source"), str(ROOT)])
    while remaining:
        job = json.loads((job_dir / "job.json").read_text())
        job["functions"] = remaining
        (job_dir / "job.json").write_text(json.dumps(job))
        progress = job_dir / "progress"
        progress.write_text("")
        budget = timeout_per_function * (len(remaining) + 1) + 30
        try:
            proc = subprocess.run([sys.executable, "-m", "autograder.verify_worker", str(job_dir)],
                                  cwd=job_dir, env=env, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  timeout=budget)
            ending = f"the grading process died (exit status {proc.returncode})"
        except subprocess.TimeoutExpired:
            ending = f"timed out (the grading process was stopped after {budget} s)"
        done = [line.split(" ", 1)[1] for line in progress.read_text().splitlines()
                if line.startswith("done ")]
        started = [line.split(" ", 1)[1] for line in progress.read_text().splitlines()
                   if line.startswith("start ")]
        remaining = [name for name in remaining if name not in done]
        if not remaining:
            break
        culprit = started[-1] if started and started[-1] not in done else remaining[0]
        failures[culprit] = f"{ending} while running {culprit}"
        remaining.remove(culprit)
    return failures


def verify_notebook(assignment, submission_nb):
    """``{function: (passed, message)}`` for every graded function of the assignment."""
    source_nb = assignments.source_notebook(assignment)
    functions = list(graded_functions(source_nb))
    cases = all_cases(assignment)
    verdicts = {}
    with tempfile.TemporaryDirectory(prefix="dlcourse-verify-") as tmp:
        job_dir = Path(tmp)
        inputs = {name: [Case(c.label, c.args, c.kwargs, None, c.options) for c in cases[name]]
                  for name in functions}
        save_cases(job_dir / "inputs.h5", inputs)
        (job_dir / "job.json").write_text(json.dumps({
            "cells": program_cells(source_nb, submission_nb), "functions": functions,
            "seconds_per_function": SECONDS_PER_FUNCTION, "memory_mb": MEMORY_MB}))
        crashed = _run_children(job_dir, functions, SECONDS_PER_FUNCTION)
        for name in functions:
            if name in crashed:
                verdicts[name] = (False, crashed[name])
                continue
            try:
                results = load_cases(job_dir / f"{name}.h5")[name]
            except Exception as exc:
                verdicts[name] = (False, f"no readable result ({type(exc).__name__})")
                continue
            verdicts[name] = _judge(name, cases[name], results)
    return verdicts


def _judge(name, expected_cases, results):
    if len(results) != len(expected_cases):
        return False, f"{name}: {len(results)} results for {len(expected_cases)} cases"
    for case, result in zip(expected_cases, results):
        call = f"{name}({case.label})"
        if "error" in result.options:
            return False, f"{call} {result.options['error']}"
        try:
            compare(result.expected, case.expected, where="result",
                    rtol=case.options.get("rtol", RTOL), atol=case.options.get("atol", ATOL),
                    prefix_ok=case.options.get("prefix_ok", False))
        except CheckFailed as exc:
            return False, f"{call}: {str(exc).splitlines()[0]}"
    return True, ""
