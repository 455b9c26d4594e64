"""The verification pass's child process: run a student's solution cells, call the graded
functions on the test inputs, write back plain values. Never imported by the grader itself.

    python -m autograder.verify_worker JOB_DIR

(usually forked by the launcher instead, autograder.launcher, which calls `run_job`).

``JOB_DIR/job.json`` holds ``{"assignment": name, "cells": [[grade_id, is_solution, source],
...], "functions": [name, ...], "seconds_per_step": s, "memory_mb": m, "file_mb": f, "inputs": path}``;
the inputs file is a case file whose expected values are all ``None``: this process never sees a
reference value. It runs in the sandbox (autograder.sandbox), where the instructor's files look
empty, the job folder is the only writable one, and there is no network.

Progress goes to ``JOB_DIR/progress``, a line per step: ``cell <grade_id>`` before each cell;
for each function ``start <name>``, then ``JOB_DIR/<name>.h5`` (a case file: one entry per input
case, whose ``expected`` holds what the function returned or whose options hold ``error``; then
one entry per property check of autograder.checks, whose options hold ``error`` if it failed),
then ``done <name>``. Each step has ``s`` seconds: an alarm stops it, and the grader kills a
worker whose step runs on regardless (a loop that catches the alarm's exception, or spins in a C
call); from ``progress`` it knows which cell or function was running, and starts a new worker
for the rest. Values travel as HDF5 (dlcourse.casefile), never as pickles.

The property checks are looked up before any student code runs, so a solution cell cannot
replace them here; a solution cell that replaces a module grading relies on, an attribute of one
or a function's code (``numpy.allclose``, a check) is named in ``JOB_DIR/tampered.json``
(``{function: [what, ...]}``), which fails that function.
"""
import contextlib
import json
import os
import resource
import signal
import sys
import traceback
from signal import setitimer  # bound here: the code under test may replace signal.setitimer
from time import monotonic    # and time.monotonic

from dlcourse.casefile import Case, load_cases, save_cases
from dlcourse.testing import CheckFailed, Kind, call_case, checked_part, concealed, describe_exception

from autograder import checks


class _Timeout(BaseException):
    pass


def _limit_resources(memory_mb, file_mb):
    """Address space and file size (MB each; 0: no limit)."""
    for which, mb in ((resource.RLIMIT_AS, memory_mb), (resource.RLIMIT_FSIZE, file_mb)):
        if mb:
            resource.setrlimit(which, (int(mb) << 20, int(mb) << 20))


#: the modules whose functions grading relies on in this process (the property checks, the
#: value conversions): a solution cell that replaces one of their attributes, or a function's
#: code, is recorded as tampering
WATCHED = ("builtins", "copy", "math", "numpy", "dlcourse", "autograder")


def fingerprint():
    """``({module: identity}, {(module, attribute): identity})`` of the watched modules in
    ``sys.modules`` and of their attributes (with the code of those that are functions)."""
    modules, attributes = {}, {}
    for name, module in list(sys.modules.items()):
        if module is None or name.split(".")[0] not in WATCHED:
            continue
        modules[name] = id(module)
        try:
            items = list(vars(module).items())
        except TypeError:
            continue
        for attribute, value in items:
            attributes[name, attribute] = (id(value), id(getattr(value, "__code__", None)))
    return modules, attributes


def _replaced(before, after):
    """The modules replaced in ``sys.modules``, and the attributes replaced in the others."""
    (modules, attributes), (modules_after, attributes_after) = before, after
    gone = [name for name, identity in modules.items() if modules_after.get(name) != identity]
    return sorted(gone) + sorted(f"{name}.{attribute}"
                                 for (name, attribute), identity in attributes.items()
                                 if name not in gone
                                 and attributes_after.get((name, attribute)) != identity)


def _silence_output():
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    sys.stdout = open(os.devnull, "w")
    sys.stderr = open(os.devnull, "w")


def _kind_of(exc, raised):
    """What kind of failure ``exc`` is (a :class:`Kind`'s value): what a property check says of
    itself, or else the student's code raised."""
    if isinstance(exc, NotImplementedError):
        return Kind.NOT_IMPLEMENTED.value
    if isinstance(exc, CheckFailed) and not raised:
        return (exc.kind or Kind.PROPERTY).value
    return Kind.RAISED.value


def _describe(exc):
    """The first line of a failure: a check's own message as it is (it says what is wrong), any
    other exception with its class."""
    text = str(exc).strip().splitlines()
    if isinstance(exc, CheckFailed) and text:
        return text[0]
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def main(job_dir):
    with open(os.path.join(job_dir, "job.json")) as f:
        job = json.load(f)
    progress = open(os.path.join(job_dir, "progress"), "a", buffering=1)
    _limit_resources(job.get("memory_mb"), job.get("file_mb"))
    _silence_output()

    inputs = load_cases(job["inputs"])
    # Everything the property checks need, looked up now, before any student code runs, into
    # tuples it cannot change: replacing a check in its module or in sys.modules, or a method
    # of checks.Property, changes nothing here.
    plan = tuple((name, tuple((p.label, p.resolve(), tuple(p.needs), tuple(p.kwargs.items()))
                              for p in checks.properties(job["assignment"], name)))
                 for name in job["functions"])
    seconds = int(job.get("seconds_per_step", 60))

    def on_alarm(signum, frame):
        raise _Timeout()

    signal.signal(signal.SIGALRM, on_alarm)

    def run_step(left, call, raised=False):
        """``call()`` with ``left`` seconds; returns ``(value, options)``, options holding the
        ``error`` (and ``timed_out``) if it did not return."""
        if left <= 0:
            return None, {"error": f"not run: the earlier checks used up the {seconds} s",
                          "timed_out": True}
        try:
            setitimer(signal.ITIMER_REAL, left)
            return call(), {}
        except _Timeout:
            return None, {"error": f"timed out after {seconds} s", "timed_out": True}
        except BaseException as exc:  # sys.exit and KeyboardInterrupt included
            return None, {"error": f"raised {describe_exception(exc)}" if raised else _describe(exc),
                          "kind": _kind_of(exc, raised)}
        finally:
            setitimer(signal.ITIMER_REAL, 0)

    namespace = {"__name__": "__main__"}
    tampered, timed_out = {}, set()
    for cell_id, solution, source in job["cells"]:
        progress.write(f"cell {cell_id}\n")
        before = fingerprint() if solution else None
        _, problem = run_step(seconds, lambda: exec(compile(source, "<solution cell>", "exec"), namespace))
        if problem.get("timed_out"):
            timed_out.add(cell_id)
        if solution:
            replaced = _replaced(before, fingerprint())
            if replaced:
                tampered.setdefault(cell_id, []).extend(replaced[:3])
    with open(os.path.join(job_dir, "tampered.json"), "w") as f:
        json.dump(tampered, f)

    for name, properties in plan:
        progress.write(f"start {name}\n")
        deadline = monotonic() + seconds  # one time limit for all the function's checks
        function = namespace.get(name)
        undefined = f"{name} is not defined by its solution cell" + (
            f" (the cell timed out after {seconds} s)" if name in timed_out else "")
        results = []
        for case in inputs.get(name, []):
            if not callable(function):
                results.append(Case(label=case.label, options={"error": undefined}))
                continue
            # items the case does not compare are dropped (any value is accepted there, even
            # one a case file cannot hold); a hidden case's exception is described without values
            with concealed() if case.options.get("hidden") else contextlib.nullcontext():
                value, problem = run_step(deadline - monotonic(),
                                          lambda: checked_part(call_case(function, case), case.options),
                                          raised=True)
            results.append(Case(label=case.label, expected=value, options=problem))
        for label, check, needs, kwargs in properties:
            missing = [n for n in needs if not callable(namespace.get(n))]
            if missing:
                results.append(Case(label=label, options={
                    "error": f"{missing[0]} is not defined by its solution cell"}))
                continue
            with concealed():  # property checks are hidden tests
                _, problem = run_step(deadline - monotonic(),
                                      lambda: check(*(namespace[n] for n in needs), **dict(kwargs)))
            results.append(Case(label=label, options=problem))
        path = os.path.join(job_dir, f"{name}.h5")
        try:
            save_cases(path, {name: results})
        except Exception as exc:
            kinds = ", ".join(sorted({type(r.expected).__name__ for r in results}))
            save_cases(path, {name: [Case(label=r.label, options={
                "error": f"returned a value that cannot be checked ({kinds}): {_describe(exc)}"})
                for r in results]})
        progress.write(f"done {name}\n")
    progress.close()
    os._exit(0)  # skip interpreter teardown: a student's atexit hook cannot change anything


def run_job(job_dir):
    """Run the job; never returns (the process ends with status 0, or 3 on the grader's own
    error)."""
    try:
        main(job_dir)
    except BaseException:
        traceback.print_exc()
        os._exit(3)


if __name__ == "__main__":
    run_job(sys.argv[1])
