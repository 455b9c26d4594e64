"""The checks behind every test cell of the course's notebooks.

A test calls a student's function on a case (an input and the reference
solution's output, see :mod:`dlcourse.casefile`) and compares what came back:
its type, then its shape, then its values. A failure raises ``AssertionError``
whose first line names the function, the input case and what is wrong, and
whose next lines show what was expected and what came back, e.g.::

    initialize_parameters_he([2, 4, 1]): ["W1"] has the wrong values (max |difference| 0.41 at (0, 1))
      expected: [[ 1.79 0.44] ...]
      got:      [[ 1.26 0.31] ...]

Visible tests use the cases stored with this package (``dlcourse/references``);
the autograder adds hidden cases that students never see.
"""
import copy
import numbers
from importlib import resources

import numpy as np

from .casefile import load_cases

#: default tolerances for float comparisons
RTOL = 1e-6
ATOL = 1e-9


class CheckFailed(AssertionError):
    """A test found a wrong answer. ``str(err)``'s first line says what is wrong."""


def _short(value, width=300):
    """A compact, bounded rendering of a value for failure messages."""
    if isinstance(value, np.ndarray):
        with np.printoptions(precision=6, threshold=24, edgeitems=3, linewidth=100):
            text = np.array2string(value, separator=", ")
        text = f"array({text}, shape={value.shape}, dtype={value.dtype})"
    else:
        text = repr(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _type_name(value):
    if isinstance(value, np.ndarray):
        return f"a NumPy array of shape {value.shape} and dtype {value.dtype}"
    return f"a {type(value).__name__}"


def _is_real_number(value):
    if isinstance(value, np.ndarray):
        return value.ndim == 0 and value.dtype.kind in "iuf"
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def compare(got, expected, where="result", rtol=RTOL, atol=ATOL, prefix_ok=False, checked_items=None):
    """Raise :class:`CheckFailed` if ``got`` differs from ``expected``.

    Arguments:
    got -- the value returned by the function under test
    expected -- the reference value: array, number, bool, str, None, or dict/list/tuple of those
    where -- how to name the value in the message, e.g. ``'result["W1"]'``
    rtol, atol -- tolerances for float values (``np.allclose`` semantics)
    prefix_ok -- for tuples: accept a longer tuple whose first items match
    checked_items -- for tuples (top level only): compare only the items at these positions; the
                     others may hold anything (e.g. a cache whose layout no contract fixes). The
                     number of items is still checked.

    Arrays must have the same shape; a float array must come back as floats and
    a boolean array as booleans; NaNs compare equal to NaNs.
    """
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            raise CheckFailed(f"{where} should be a dict, but it is {_type_name(got)}")
        missing = [k for k in expected if k not in got]
        extra = [k for k in got if k not in expected]
        if missing or extra:
            parts = []
            if missing:
                parts.append("missing keys " + ", ".join(map(repr, missing)))
            if extra:
                parts.append("unexpected keys " + ", ".join(map(repr, extra)))
            raise CheckFailed(f"{where} has {' and '.join(parts)} "
                              f"(expected keys: {', '.join(map(repr, expected))})")
        for key in expected:
            compare(got[key], expected[key], f"{where}[{key!r}]", rtol, atol)
        return
    if isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            raise CheckFailed(f"{where} should be a {type(expected).__name__} of {len(expected)} "
                              f"items, but it is {_type_name(got)}")
        if len(got) != len(expected) and not (prefix_ok and len(got) > len(expected)):
            raise CheckFailed(f"{where} should have {len(expected)} items, but it has {len(got)}")
        for i, item in enumerate(expected):
            if checked_items is None or i in checked_items:
                compare(got[i], item, f"{where}[{i}]", rtol, atol)
        return
    if isinstance(expected, np.ndarray):
        if not isinstance(got, np.ndarray):
            raise CheckFailed(f"{where} should be a NumPy array of shape {expected.shape}, "
                              f"but it is {_type_name(got)}")
        if got.shape != expected.shape:
            raise CheckFailed(f"{where} has shape {got.shape}, expected {expected.shape}")
        if expected.dtype.kind == "b" and got.dtype.kind != "b":
            raise CheckFailed(f"{where} should be a boolean array, but its dtype is {got.dtype}")
        if expected.dtype.kind == "f" and got.dtype.kind != "f":
            raise CheckFailed(f"{where} should hold floats, but its dtype is {got.dtype}")
        if got.dtype.kind not in "biuf":
            raise CheckFailed(f"{where} should hold numbers, but its dtype is {got.dtype}")
        if expected.dtype.kind == "b":
            bad = got != expected
        else:
            g = got.astype(np.float64)
            e = expected.astype(np.float64)
            bad = ~np.isclose(g, e, rtol=rtol, atol=atol, equal_nan=True)
        if np.any(bad):
            index = tuple(int(i) for i in np.argwhere(bad)[0])
            if expected.dtype.kind == "b":
                detail = f"{int(bad.sum())} of {bad.size} entries differ, first at {index}"
            else:
                diff = np.nanmax(np.abs(g - e)) if np.any(np.isfinite(g - e)) else np.nan
                detail = (f"{int(bad.sum())} of {bad.size} entries differ, first at {index}; "
                          f"max |difference| {diff:.3g}")
            raise CheckFailed(f"{where} has the wrong values ({detail})\n"
                              f"  expected: {_short(expected)}\n  got:      {_short(got)}")
        return
    if isinstance(expected, (bool, np.bool_)):
        if not isinstance(got, (bool, np.bool_)) or bool(got) != bool(expected):
            raise CheckFailed(f"{where} should be {bool(expected)!r}, but it is {_short(got)}")
        return
    if isinstance(expected, numbers.Real):
        if not _is_real_number(got):
            raise CheckFailed(f"{where} should be a number (like {_short(expected)}), "
                              f"but it is {_type_name(got)}: {_short(got)}")
        if isinstance(expected, numbers.Integral) and isinstance(got, numbers.Integral):
            ok = int(got) == int(expected)
        else:
            ok = bool(np.isclose(float(got), float(expected), rtol=rtol, atol=atol, equal_nan=True))
        if not ok:
            raise CheckFailed(f"{where} is {_short(got)}, expected {_short(expected)}")
        return
    if got != expected:
        raise CheckFailed(f"{where} is {_short(got)}, expected {_short(expected)}")


def _call_text(function_name, case):
    return f"{function_name}({case.label})"


def _from_source(source):
    """A function (or any value) from Python source: an expression, or a single ``def``."""
    namespace = {"np": np}
    source = source.strip()
    if source.startswith("def "):
        exec(source, namespace)
        name = source[4:source.index("(")].strip()
        return namespace[name]
    return eval(source, namespace)


def call_case(function, case):
    """Call ``function`` on deep copies of a case's inputs (the reference solution is run the same way).

    Case options that change the call:
    preseed -- set NumPy's global random state to this seed first, so that a function that must
               seed the generator itself is checked for doing it
    code_args -- ``{position: source}``: positional arguments that are functions (e.g. an
                 ``evaluate`` callback), given as Python source (a lambda or a ``def``)
    patch_globals -- ``{name: source}``: during the call, replace these names in the function's
                     global namespace (e.g. the ``forward_propagation`` a gradient check calls)
    """
    args = list(copy.deepcopy(case.args))
    kwargs = copy.deepcopy(case.kwargs)
    for position, source in case.options.get("code_args", {}).items():
        args[int(position)] = _from_source(source)
    patches = {name: _from_source(src) for name, src in case.options.get("patch_globals", {}).items()}
    namespace = getattr(function, "__globals__", {})
    missing = object()
    saved = {name: namespace.get(name, missing) for name in patches}
    if "preseed" in case.options:
        np.random.seed(case.options["preseed"])
    namespace.update(patches)
    try:
        return function(*args, **kwargs)
    finally:
        for name, value in saved.items():
            if value is missing:
                namespace.pop(name, None)
            else:
                namespace[name] = value


def compare_options(options):
    """:func:`compare`'s keyword arguments from a case's options.

    Case options that change the comparison (see :func:`compare`): ``rtol``, ``atol``,
    ``prefix_ok``, and ``checked_items`` (a list of positions: compare only those items of the
    returned tuple).
    """
    items = options.get("checked_items")
    return {"rtol": options.get("rtol", RTOL), "atol": options.get("atol", ATOL),
            "prefix_ok": options.get("prefix_ok", False),
            "checked_items": None if items is None else [int(i) for i in items]}


def checked_part(value, options):
    """``value`` with the items that a case does not compare (``checked_items``) replaced by
    ``None``: what is worth keeping of a returned value (any value is accepted there, even one a
    case file cannot hold)."""
    items = options.get("checked_items")
    if items is None or not isinstance(value, (tuple, list)):
        return value
    positions = {int(k) for k in items}
    kept = [item if i in positions else None for i, item in enumerate(value)]
    return tuple(kept) if isinstance(value, tuple) else kept


def run_case(function, function_name, case):
    """Call ``function`` on the case's inputs and compare with the expected value."""
    call = _call_text(function_name, case)
    try:
        got = call_case(function, case)
    except NotImplementedError:
        raise CheckFailed(f"{call}: not implemented yet (the function still raises "
                          f"NotImplementedError)") from None
    except Exception as exc:  # the student's code raised: report it as the failure
        raise CheckFailed(f"{call} raised {type(exc).__name__}: {exc}") from exc
    try:
        compare(got, case.expected, where="result", **compare_options(case.options))
    except CheckFailed as exc:
        raise CheckFailed(f"{call}: {exc}") from None
    return got


def run_cases(function, function_name, cases):
    """Run every case; stop at the first failure. Returns the number of cases passed."""
    if not callable(function):
        raise CheckFailed(f"{function_name} should be a function, but it is {_type_name(function)}")
    for case in cases:
        run_case(function, function_name, case)
    return len(cases)


def visible_cases(assignment):
    """The visible test cases of an assignment, shipped with this package."""
    path = resources.files("dlcourse") / "references" / f"{assignment}.h5"
    with resources.as_file(path) as real_path:
        return load_cases(real_path)


def check(function, assignment, function_name=None):
    """Run the visible test of ``function`` and print a one-line verdict.

    Arguments:
    function -- the function you wrote
    assignment -- the assignment's name, e.g. ``"initialization"``
    function_name -- the graded name, by default ``function.__name__``
    """
    name = function_name or getattr(function, "__name__", "function")
    cases = visible_cases(assignment).get(name)
    if cases is None:
        raise KeyError(f"the {assignment} assignment has no visible test for {name!r}")
    run_cases(function, name, cases)
    print(f"{name}: all {len(cases)} visible test(s) passed.")


def show_expected(assignment, function_name):
    """Print the expected return value(s) of the visible example(s) of a graded function."""
    for case in visible_cases(assignment)[function_name]:
        print(f"{function_name}({case.label}) should return:")
        print(_pretty(case.expected, unchecked=_unchecked(case)))


def _unchecked(case):
    """Positions of the returned tuple that the case does not compare."""
    items = case.options.get("checked_items")
    if items is None or not isinstance(case.expected, (tuple, list)):
        return ()
    return tuple(i for i in range(len(case.expected)) if i not in [int(k) for k in items])


def _pretty(value, indent="  ", unchecked=()):
    if isinstance(value, dict):
        return "\n".join(f"{indent}{k} = " + _pretty(v, indent + "  ").lstrip() for k, v in value.items())
    if isinstance(value, (tuple, list)):
        return "\n".join(f"{indent}[{i}] " + ("anything (not checked in this case)" if i in unchecked
                                               else _pretty(v, indent + "  ").lstrip())
                         for i, v in enumerate(value))
    if isinstance(value, np.ndarray):
        with np.printoptions(precision=8, suppress=False, linewidth=90):
            text = np.array2string(value)
        return "\n".join(indent + line for line in text.splitlines())
    return indent + repr(value)
