"""A check for graded functions whose contract says their inputs are never modified in place.

Value cases cannot see an in-place change: every test calls the function on deep copies
(:func:`dlcourse.testing.call_case`). This check calls it on a copy of each stored hidden case's
inputs and compares that copy, afterwards, with the stored original. A failure names the case
and the argument, never a value.
"""
import copy

import numpy as np

from dlcourse.casefile import load_cases
from dlcourse.testing import CheckFailed, describe_exception

from autograder.course import hidden_reference_path


def unchanged(before, after):
    """True if ``after`` still equals ``before``: same types, arrays of the same dtype, shape and
    entries (NaN equal to NaN), dicts with the same keys, sequences of the same length."""
    if isinstance(before, np.ndarray):
        return (isinstance(after, np.ndarray) and after.dtype == before.dtype
                and after.shape == before.shape and np.array_equal(after, before, equal_nan=True))
    if isinstance(before, dict):
        return (isinstance(after, dict) and list(after) == list(before)
                and all(unchanged(before[k], after[k]) for k in before))
    if isinstance(before, (list, tuple)):
        return (type(after) is type(before) and len(after) == len(before)
                and all(unchanged(b, a) for b, a in zip(before, after)))
    return type(after) is type(before) and after == before


def check_inputs_unchanged(function, assignment, name):
    """Raise CheckFailed if ``function`` changes one of its arguments on a hidden case of
    ``assignment``'s ``name``; return the number of cases checked."""
    stored = load_cases(hidden_reference_path(assignment)).get(name, [])
    for case in stored:
        args, kwargs = copy.deepcopy(case.args), copy.deepcopy(case.kwargs)
        try:
            function(*args, **kwargs)
        except Exception as exc:
            raise CheckFailed(f"{name}({case.label}) raised {describe_exception(exc)}") from exc
        for position, (before, after) in enumerate(zip(case.args, args), start=1):
            if not unchanged(before, after):
                raise CheckFailed(f"{name}({case.label}): argument {position} was changed in place; "
                                  f"leave the inputs as they are and build new arrays or lists")
        for key in case.kwargs:
            if not unchanged(case.kwargs[key], kwargs[key]):
                raise CheckFailed(f"{name}({case.label}): argument {key!r} was changed in place")
    return len(stored)
