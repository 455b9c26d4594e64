"""A check for graded functions whose contract says their inputs are never modified in place.

Value cases cannot see an in-place change: every test calls the function on deep copies
(:func:`dlcourse.testing.call_case`). :func:`check_inputs_unchanged` calls it on a copy of each
case's inputs and compares that copy, afterwards, with the original. The cases come from the
assignment's case module (their inputs only: the verification worker cannot read the stored
hidden references), through a check of the assignment's own property module. A failure names the
case and the argument, never a value.
"""
import copy

import numpy as np

from dlcourse.testing import CheckFailed, Kind, describe_exception


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


def check_inputs_unchanged(function, name, cases):
    """Raise CheckFailed if ``function`` (the graded function ``name``) changes one of its
    arguments on one of ``cases`` (a list of ``Case``, inputs only); return the number of cases."""
    for case in cases:
        args, kwargs = copy.deepcopy(case.args), copy.deepcopy(case.kwargs)
        try:
            function(*args, **kwargs)
        except Exception as exc:
            raise CheckFailed(f"{name}({case.label}) raised {describe_exception(exc)}", Kind.RAISED) from exc
        for position, (before, after) in enumerate(zip(case.args, args), start=1):
            if not unchanged(before, after):
                raise CheckFailed(f"{name}({case.label}): argument {position} was changed in place; "
                                  f"leave the inputs as they are and build new arrays or lists")
        for key in case.kwargs:
            if not unchanged(case.kwargs[key], kwargs[key]):
                raise CheckFailed(f"{name}({case.label}): argument {key!r} was changed in place")
    return len(cases)
