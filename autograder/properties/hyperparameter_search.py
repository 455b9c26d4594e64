"""Checks of ``hyperparameter_search`` that are not value comparisons: ranges, shapes, types and
how the draws of the samplers spread over the decades.

Each check draws many values (with NumPy's global generator, seeded here and restored afterwards)
and raises :class:`dlcourse.testing.CheckFailed` with a one-line diagnosis, e.g.::

    sample_log_uniform(the example's bounds, 20000 draws): 0.1% of the draws fall in decade 1 of 4
    (counted from the low end); on a log scale each decade should get about 25% (a uniform draw,
    or another base than 10?)

These checks are hidden: a message names each call's input in words and says what is wrong with
the result (type, shape, dtype, how many draws and where, a share per decade), never the bounds
of a call nor a value the student's function returned.
"""
import contextlib
import numbers

import numpy as np

from dlcourse.testing import describe_exception, CheckFailed, Kind

from autograder.cases.hyperparameter_search import PATCH_LOG_UNIFORM

#: number of draws of the distribution checks, and the tolerance on the share of a decade
N_DRAWS = 20000
SHARE_TOLERANCE = 0.03


@contextlib.contextmanager
def _seeded(seed):
    state = np.random.get_state()
    np.random.seed(seed)
    try:
        yield
    finally:
        np.random.set_state(state)


@contextlib.contextmanager
def _contract_log_uniform(function):
    """While checking ``sample_beta``, its ``sample_log_uniform`` is the contract formula, so a
    mistake in Exercise 1 does not also fail Exercise 2 (the value tests do the same)."""
    namespace = getattr(function, "__globals__", {})
    missing = object()
    saved = namespace.get("sample_log_uniform", missing)
    formula = {"np": np}
    exec(PATCH_LOG_UNIFORM, formula)
    namespace["sample_log_uniform"] = formula["sample_log_uniform"]
    try:
        yield
    finally:
        if saved is missing:
            namespace.pop("sample_log_uniform", None)
        else:
            namespace["sample_log_uniform"] = saved


def _call(function, name, label, args, size=None):
    """``(call, value)``: the function's result and how a message names the call (``label``:
    the input in words)."""
    call = f"{name}({label})"
    try:
        value = function(*args) if size is None else function(*args, size=size)
    except Exception as exc:
        raise CheckFailed(f"{call} raised {describe_exception(exc)}", Kind.RAISED) from exc
    return call, value


def _slack(bound):
    """Rounding allowance at a bound: 10 ** log10(x) need not be exactly x."""
    return 1e-12 * max(abs(bound), 1.0)


def _first_index(mask):
    """Where the first True of ``mask`` is, as a tuple for 2-D arrays and an int for 1-D ones."""
    index = tuple(int(i) for i in np.argwhere(mask)[0])
    return index[0] if len(index) == 1 else index


def _check_scalar(call, value, low, high):
    if isinstance(value, np.ndarray) or not isinstance(value, numbers.Real) or isinstance(value, bool):
        kind = f"an array of shape {value.shape}" if isinstance(value, np.ndarray) else type(value).__name__
        raise CheckFailed(f"{call}: with size=None the result should be a single float, not {kind}")
    if not np.isfinite(value):
        raise CheckFailed(f"{call} returned NaN or infinity instead of a number between its bounds")
    if not low - _slack(low) <= value <= high + _slack(high):
        raise CheckFailed(f"{call} returned a value outside the bounds it was given")


def _check_array(call, value, shape, low, high):
    if not isinstance(value, np.ndarray):
        raise CheckFailed(f"{call} should return a NumPy array of shape {shape}, not {type(value).__name__}")
    if value.shape != shape:
        raise CheckFailed(f"{call} returned an array of shape {value.shape}, expected {shape}")
    if value.dtype.kind != "f":
        raise CheckFailed(f"{call} should return floats, not {value.dtype}")
    not_finite = ~np.isfinite(value)
    if not_finite.any():
        raise CheckFailed(f"{call}: {int(not_finite.sum())} of {value.size} draws are NaN or "
                          f"infinite (first at index {_first_index(not_finite)})")
    outside = (value < low - _slack(low)) | (value > high + _slack(high))
    if outside.any():
        raise CheckFailed(f"{call}: {int(outside.sum())} of {value.size} draws are outside the "
                          f"bounds it was given (first at index {_first_index(outside)})")


def _check_decades(call, what, values, edges, hint):
    """Every interval [edges[i], edges[i+1]) of equal log-width gets the same share of the draws."""
    decades = len(edges) - 1
    expected = 1 / decades
    for number, (lo, hi) in enumerate(zip(edges[:-1], edges[1:]), start=1):
        share = float(np.mean((values >= lo) & (values < hi)))
        if abs(share - expected) > SHARE_TOLERANCE:
            raise CheckFailed(
                f"{call}: {share:.1%} of the {what} fall in decade {number} of {decades} (counted "
                f"from the low end); on a log scale each decade should get about {expected:.0%} "
                f"({hint})")


def check_log_uniform_distribution(sample_log_uniform):
    """Types, shapes and ranges of ``sample_log_uniform``, and an equal share of draws per decade."""
    name = "sample_log_uniform"
    with _seeded(2024):
        call, value = _call(sample_log_uniform, name, "the example's bounds, size left out", (1e-4, 1.0))
        _check_scalar(call, value, 1e-4, 1.0)
        call, value = _call(sample_log_uniform, name, "a 2-D size", (3e-7, 3e-2), size=(50, 40))
        _check_array(call, value, (50, 40), 3e-7, 3e-2)
        call, value = _call(sample_log_uniform, name, f"the example's bounds, {N_DRAWS} draws",
                            (1e-4, 1.0), size=N_DRAWS)
        _check_array(call, value, (N_DRAWS,), 1e-4, 1.0)
        _check_decades(call, "draws", value, 10.0 ** np.arange(-4, 1),
                       "a uniform draw, or another base than 10?")
    print(f"{name}: ranges, shapes and the spread over the decades are right.")


def check_beta_distribution(sample_beta):
    """Types, shapes and ranges of ``sample_beta``, and 1 - beta spread evenly over the decades."""
    name = "sample_beta"
    with _seeded(2025), _contract_log_uniform(sample_beta):
        call, value = _call(sample_beta, name, "the default bounds 0.9 and 0.999, size left out", ())
        _check_scalar(call, value, 0.9, 0.999)
        call, value = _call(sample_beta, name, "a 2-D size", (0.5, 0.99), size=(100, 30))
        _check_array(call, value, (100, 30), 0.5, 0.99)
        call, value = _call(sample_beta, name, f"betas close to 1, {N_DRAWS} draws", (0.9, 0.9999),
                            size=N_DRAWS)
        _check_array(call, value, (N_DRAWS,), 0.9, 0.9999)
        _check_decades(call, "values of 1 - beta", 1 - value, 10.0 ** np.arange(-4, 0),
                       "1 - beta should be log-uniform between 1 - high and 1 - low")
    print(f"{name}: ranges, shapes and the spread of 1 - beta over the decades are right.")
