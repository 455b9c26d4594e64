"""Run trusted code (a catalogue variant, a mutant of the test corpus) on a function's checks,
in this process, and return what the verification worker would have written back.

The result has the worker's layout (autograder.verify_worker): one :class:`Case` per value
case, whose ``expected`` holds the returned value (only the items the case compares) or whose
options hold ``error`` (``"raised <ExceptionType>..."``); then one per property check, whose
options hold ``error`` if it failed. Values go through a case file and back, as the worker's
do, so that both sides of a comparison have the same Python types.
"""
import contextlib
import io
import os
import tempfile

import numpy as np

from dlcourse.casefile import Case, load_cases, save_cases
from dlcourse.testing import call_case, checked_part, concealed

from .. import checks


def quiet():
    """NumPy's floating-point warnings off (thread-local: the grader runs this beside nbgrader's
    pass; what the code prints is dropped by mistakes.reference_functions)."""
    return np.errstate(all="ignore")


def describe(exc):
    """An exception as the worker records a failed property check: ``"Type: first line"``."""
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def value_outcomes(function, cases):
    """``[Case]``: ``function`` called on each case's inputs (``cases``: the function's cases)."""
    with quiet():
        return _value_outcomes(function, cases)


def _value_outcomes(function, cases):
    results = []
    for case in cases:
        try:
            value = checked_part(call_case(function, case), case.options)
            results.append(Case(label=case.label, expected=value))
        except Exception as exc:
            results.append(Case(label=case.label, options={"error": f"raised {type(exc).__name__}"}))
    return plain(results)


def property_outcomes(assignment, name, functions):
    """``[Case]``: the function's property checks run on ``functions`` (``{name: callable}``,
    which must hold every function a check needs), in the order of autograder.checks."""
    results = []
    for prop in checks.properties(assignment, name):
        try:
            # concealed: as the worker runs them; what a check prints on success is dropped
            # (stdout is the process's: this runs only for a variant whose values matched)
            with quiet(), concealed(), contextlib.redirect_stdout(io.StringIO()):
                prop.run(functions)
            results.append(Case(label=prop.label))
        except Exception as exc:
            results.append(Case(label=prop.label, options={"error": describe(exc)}))
    return results


def plain(results):
    """``results`` written to a case file and read back (the worker's round trip); a value a
    case file cannot hold becomes an error, as in the worker."""
    fd, path = tempfile.mkstemp(suffix=".h5", prefix="dlcourse-diagnosis-")
    os.close(fd)
    try:
        try:
            save_cases(path, {"f": results})
        except Exception:
            return [Case(label=r.label, options={"error": "returned a value that cannot be checked"})
                    for r in results]
        return load_cases(path)["f"]
    finally:
        os.remove(path)


def all_outcomes(assignment, name, cases, functions):
    """Values then properties, as the worker writes them for function ``name``."""
    return value_outcomes(functions[name], cases) + property_outcomes(assignment, name, functions)
