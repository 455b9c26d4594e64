"""Checks of the ``optimization_methods`` assignment that are not value comparisons.

``initialize_adam`` must return two *separate* moving averages: ``v = s = {}`` (one dict under two
names) or arrays shared between ``v`` and ``s`` return the right zeros, so the value tests pass, but
the two averages then overwrite each other during training. The check below catches that.
"""
import copy

import numpy as np

from dlcourse.testing import describe_exception, CheckFailed, Kind

_LAYERS = [2, 5, 2, 1]


def _parameters():
    rng = np.random.default_rng(2024)
    params = {}
    for l in range(1, len(_LAYERS)):
        params[f"W{l}"] = rng.standard_normal((_LAYERS[l], _LAYERS[l - 1]))
        params[f"b{l}"] = rng.standard_normal((_LAYERS[l], 1))
    return params


def check_separate_state(function, name="initialize_adam"):
    """Raise CheckFailed unless ``function(parameters)`` returns two dicts ``(v, s)`` that share no
    dict or array with each other or with ``parameters``, and leaves ``parameters`` unchanged."""
    call = f"{name}(the notebook's network; v and s checked for shared arrays)"
    parameters = _parameters()
    original = copy.deepcopy(parameters)
    try:
        v, s = function(parameters)
    except Exception as exc:
        raise CheckFailed(f"{call} raised {describe_exception(exc)}", Kind.RAISED) from exc
    if v is s:
        raise CheckFailed(f"{call}: v and s are the same dict (e.g. v = s = {{}}); create two "
                          f"separate dicts, or the two moving averages overwrite each other")
    for key, value in v.items():
        if key in s and isinstance(value, np.ndarray) and isinstance(s[key], np.ndarray) \
                and np.shares_memory(value, s[key]):
            raise CheckFailed(f"{call}: v[{key!r}] and s[{key!r}] are the same array; give each "
                              f"its own np.zeros(...)")
    for which, state in (("v", v), ("s", s)):
        for key, value in state.items():
            for pname, param in parameters.items():
                if isinstance(value, np.ndarray) and np.shares_memory(value, param):
                    raise CheckFailed(f"{call}: {which}[{key!r}] is the array parameters[{pname!r}] "
                                      f"itself (or a view of it); create new zero arrays")
    for pname in original:
        if pname not in parameters or not np.array_equal(parameters[pname], original[pname]):
            raise CheckFailed(f"{call}: the function changed parameters[{pname!r}]; it must only "
                              f"read the shapes of the parameters")
