"""The checks behind every test cell of the course's notebooks.

A test calls a student's function on a case (an input and the reference
solution's output, see :mod:`dlcourse.casefile`) and compares what came back:
its type, then its shape, then its values. A failure raises ``AssertionError``
whose first line names the function, the input case and what is wrong, and
whose next lines show what was expected and what came back, e.g.::

    initialize_parameters_he([2, 4, 1]): result['W1'] has the wrong values (8 of 8 entries differ, first at (0, 0); max |difference| 0.546 at (1, 1))
      expected: array([[ 1.788628, 0.43651 ], [ 0.096497, -1.863493], ...], shape=(4, 2), dtype=float64)
      got:      array([[ 1.264751, 0.308659], [ 0.068234, -1.317688], ...], shape=(4, 2), dtype=float64)

NaN and infinities are named with their index (``it has NaN at (0, 2)``), and the arrays are
printed with enough digits that entries which differ print differently.

Visible tests use the cases stored with this package (``dlcourse/references``);
the autograder adds hidden cases that students never see.
"""
import contextlib
import contextvars
import copy
import enum
import numbers
import textwrap
import traceback
from importlib import resources

import numpy as np

from .casefile import load_cases

#: default tolerances for float comparisons
RTOL = 1e-6
ATOL = 1e-9


#: inside :func:`concealed`: failure messages say what kind of thing is wrong, never a value
_CONCEALED = contextvars.ContextVar("dlcourse_concealed", default=False)


@contextlib.contextmanager
def concealed():
    """Checks of hidden cases: their failure messages name the kind of mistake (type, shape,
    missing keys, how many entries differ, the largest difference and where, NaN or inf and
    where, the exception and the line of your code that raised it) and never show an expected
    value, a hidden input or what the function returned on one."""
    token = _CONCEALED.set(True)
    try:
        yield
    finally:
        _CONCEALED.reset(token)


def _conceal():
    return _CONCEALED.get()


class Kind(enum.Enum):
    """What kind of thing a failed check found wrong: a closed set (the class report counts
    these; a message is for people and is never read back)."""
    NOT_IMPLEMENTED = "not implemented"
    RAISED = "raised an exception"
    NOT_FINITE = "NaN or inf in the result"
    WRONG_TYPE = "wrong type"
    WRONG_SHAPE = "wrong shape or length"
    WRONG_KEYS = "missing or extra keys"
    WRONG_VALUES = "wrong values"
    PROPERTY = "a property check failed"

    @classmethod
    def named(cls, value, default=None):
        """The kind whose value is ``value``, or ``default`` for anything else (a value read back
        from a file or out of a sandboxed process, which may be old, forged or missing)."""
        try:
            return cls(value)
        except (ValueError, TypeError):
            return default


#: the width of a failure as a notebook, ``nbgrader validate`` and JupyterLab's Validate dialog
#: show it (validate indents every line by 4 columns and cuts it at 87)
FAILURE_WIDTH = 80


class CheckFailed(AssertionError):
    """A test found a wrong answer. ``str(err)``'s first line says what is wrong; ``kind`` (a
    :class:`Kind`, or None where a check does not say) says what kind of thing it is.

    In a notebook (IPython calls ``_render_traceback_``) a failure shows as its message first,
    wrapped to ``FAILURE_WIDTH`` columns so that nothing is cut, instead of a traceback through
    this module's helpers; when the student's function raised on a visible case, the traceback
    of the student's own code follows the message."""

    def __init__(self, message="", kind=None):
        super().__init__(message)
        self.kind = kind
        self.concealed = _conceal()  # a hidden case: its traceback stays out of sight

    def _render_traceback_(self):
        lines = []
        for line in f"{type(self).__name__}: {self}".splitlines():
            indent = line[:len(line) - len(line.lstrip())]
            lines += textwrap.wrap(line, FAILURE_WIDTH, subsequent_indent=indent + "    ",
                                   break_on_hyphens=False) or [""]
        cause = self.__cause__
        if cause is not None and not self.concealed:
            frames = cause.__traceback__
            while frames is not None and frames.tb_frame.f_code.co_filename == __file__:
                frames = frames.tb_next  # this module's calls, down to the student's function
            lines += [""] + "".join(traceback.format_exception(type(cause), cause, frames)).rstrip().splitlines()
        return lines


#: digits printed by default in failure messages, and at most (a float64 has about 17)
PRINT_DIGITS = 6
MAX_PRINT_DIGITS = 17


def _short(value, width=300, precision=PRINT_DIGITS):
    """A compact, bounded rendering of a value for failure messages (``precision``: digits of the
    floats of an array; the width grows with it, so as many entries fit)."""
    if isinstance(value, np.ndarray):
        width = width * (precision + 4) // (PRINT_DIGITS + 4)
        with np.printoptions(precision=precision, threshold=24, edgeitems=3, linewidth=100):
            text = np.array2string(value, separator=", ")
        text = f"array({text}, shape={value.shape}, dtype={value.dtype})"
    else:
        text = repr(value)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _position(index):
    """An array index as a message names it: ``index 3`` in a 1-d array, ``(0, 2)`` otherwise."""
    index = tuple(int(i) for i in index)
    return f"index {index[0]}" if len(index) == 1 else str(index)


def _number(x):
    """A difference for a message: ``nan`` and ``inf`` as such, other numbers to 3 digits."""
    return str(x) if not np.isfinite(x) else f"{x:.3g}"


def _digits_to_show(g, e, bad):
    """How many digits make the differing entries of ``g`` and ``e`` print differently: enough
    for the smallest difference among them, as decimals when NumPy prints the arrays with a fixed
    number of decimals, relative to the largest value when it prints them in scientific notation."""
    diff = np.abs(g - e)[bad]
    diff = diff[np.isfinite(diff) & (diff > 0)]
    values = np.abs(np.concatenate([g.ravel(), e.ravel()]))
    values = values[np.isfinite(values) & (values > 0)]
    if diff.size == 0 or values.size == 0:
        return PRINT_DIGITS
    smallest, low, high = diff.min(), values.min(), values.max()
    # NumPy's rule (np.printoptions, suppress=False): scientific when a value is >= 1e8, or
    # below 1e-4, or the largest is more than 1000 times the smallest
    scientific = high >= 1e8 or low < 1e-4 or high / low > 1e3
    if scientific:
        digits = int(np.ceil(np.log10(high / smallest))) + 1
    else:
        digits = int(-np.floor(np.log10(smallest))) + 1
    return int(min(MAX_PRINT_DIGITS, max(PRINT_DIGITS, digits)))


def _non_finite(g, bad):
    """``"it has NaN at (0, 2), inf at index 3"``: where ``g`` holds NaN or infinities at the
    differing entries ("" if nowhere)."""
    parts = []
    for name, mask in (("NaN", np.isnan(g)), ("inf", np.isposinf(g)), ("-inf", np.isneginf(g))):
        found = np.argwhere(mask & bad)
        if len(found):
            more = len(found) - 1
            parts.append(f"{name} at {_position(found[0])}"
                         + (f" and {more} other {'entry' if more == 1 else 'entries'}" if more else ""))
    return "it has " + ", ".join(parts) if parts else ""


def _largest_difference(g, e, bad):
    """``(|difference|, index)`` of the largest difference among the differing entries; a NaN
    difference (NaN on one side only) counts as the largest, then an infinite one."""
    diff = np.where(bad, np.abs(g - e), 0.0)
    for special in (np.isnan(diff), np.isinf(diff)):
        if special.any():
            index = tuple(np.argwhere(special)[0])
            return diff[index], index
    index = np.unravel_index(np.argmax(diff), diff.shape)
    return diff[index], index


def _type_name(value):
    if isinstance(value, np.ndarray):
        return f"a NumPy array of shape {value.shape} and dtype {value.dtype}"
    return f"a {type(value).__name__}"


def _kind(value):
    """What kind of value this is, and nothing of its contents or shape."""
    if isinstance(value, np.ndarray):
        return f"a NumPy array of dtype {value.dtype}"
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
            raise CheckFailed(f"{where} should be a dict, but it is {_type_name(got)}", Kind.WRONG_TYPE)
        missing = [k for k in expected if k not in got]
        extra = [k for k in got if k not in expected]
        if missing or extra:
            parts = []
            if missing:
                parts.append("missing keys " + ", ".join(map(repr, missing)))
            if extra:
                parts.append("unexpected keys " + ", ".join(map(repr, extra)))
            raise CheckFailed(f"{where} has {' and '.join(parts)}" + (
                "" if _conceal() else f" (expected keys: {', '.join(map(repr, expected))})"),
                Kind.WRONG_KEYS)
        for key in expected:
            compare(got[key], expected[key], f"{where}[{key!r}]", rtol, atol)
        return
    if isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            raise CheckFailed(f"{where} should be a {type(expected).__name__} of {len(expected)} "
                              f"items, but it is {_type_name(got)}", Kind.WRONG_TYPE)
        if len(got) != len(expected) and not (prefix_ok and len(got) > len(expected)):
            raise CheckFailed(f"{where} should have {len(expected)} items, but it has {len(got)}",
                              Kind.WRONG_SHAPE)
        for i, item in enumerate(expected):
            if checked_items is None or i in checked_items:
                compare(got[i], item, f"{where}[{i}]", rtol, atol)
        return
    if isinstance(expected, np.ndarray):
        if not isinstance(got, np.ndarray):
            raise CheckFailed(f"{where} should be a NumPy array, but it is {_kind(got)}" if _conceal()
                              else f"{where} should be a NumPy array of shape {expected.shape}, "
                                   f"but it is {_type_name(got)}", Kind.WRONG_TYPE)
        if got.shape != expected.shape:
            raise CheckFailed(f"{where} has the wrong shape ({got.ndim} dimension(s), "
                              f"{expected.ndim} expected)" if _conceal()
                              else f"{where} has shape {got.shape}, expected {expected.shape}",
                              Kind.WRONG_SHAPE)
        if expected.dtype.kind == "b" and got.dtype.kind != "b":
            raise CheckFailed(f"{where} should be a boolean array, but its dtype is {got.dtype}",
                              Kind.WRONG_TYPE)
        if expected.dtype.kind == "f" and got.dtype.kind != "f":
            raise CheckFailed(f"{where} should hold floats, but its dtype is {got.dtype}", Kind.WRONG_TYPE)
        if got.dtype.kind not in "biuf":
            raise CheckFailed(f"{where} should hold numbers, but its dtype is {got.dtype}", Kind.WRONG_TYPE)
        if expected.dtype.kind == "b":
            bad = got != expected
        else:
            g = got.astype(np.float64)
            e = expected.astype(np.float64)
            bad = ~np.isclose(g, e, rtol=rtol, atol=atol, equal_nan=True)
        if np.any(bad):
            first = _position(np.argwhere(bad)[0])
            detail = f"{int(bad.sum())} of {bad.size} entries differ, first at {first}"
            digits, kind = PRINT_DIGITS, Kind.WRONG_VALUES
            if expected.dtype.kind != "b":
                with np.errstate(invalid="ignore", over="ignore"):
                    non_finite = _non_finite(g, bad)
                    largest, at = _largest_difference(g, e, bad)
                    digits = _digits_to_show(g, e, bad)
                if non_finite:
                    detail += "; " + non_finite
                    kind = Kind.NOT_FINITE
                detail += f"; max |difference| {_number(largest)} at {_position(at)}"
            if _conceal():
                raise CheckFailed(f"{where} has the wrong values ({detail})", kind)
            raise CheckFailed(f"{where} has the wrong values ({detail})\n"
                              f"  expected: {_short(expected, precision=digits)}\n"
                              f"  got:      {_short(got, precision=digits)}", kind)
        return
    if isinstance(expected, (bool, np.bool_)):
        if not isinstance(got, (bool, np.bool_)) or bool(got) != bool(expected):
            is_bool = isinstance(got, (bool, np.bool_))
            kind = Kind.WRONG_VALUES if is_bool else Kind.WRONG_TYPE
            if _conceal():
                raise CheckFailed(f"{where} is the wrong truth value" if is_bool
                                  else f"{where} should be a bool, but it is {_kind(got)}", kind)
            raise CheckFailed(f"{where} should be {bool(expected)!r}, but it is {_short(got)}", kind)
        return
    if isinstance(expected, numbers.Real):
        if not _is_real_number(got):
            raise CheckFailed(f"{where} should be a number, but it is {_kind(got)}" if _conceal()
                              else f"{where} should be a number (like {_short(expected)}), "
                                   f"but it is {_type_name(got)}: {_short(got)}", Kind.WRONG_TYPE)
        if isinstance(expected, numbers.Integral) and isinstance(got, numbers.Integral):
            ok = int(got) == int(expected)
        else:
            ok = bool(np.isclose(float(got), float(expected), rtol=rtol, atol=atol, equal_nan=True))
        if not ok:
            kind = Kind.WRONG_VALUES if np.isfinite(float(got)) else Kind.NOT_FINITE
            if _conceal():
                with np.errstate(invalid="ignore", over="ignore"):
                    off = abs(float(got) - float(expected))
                raise CheckFailed(f"{where} is wrong (off by {_number(off)})", kind)
            raise CheckFailed(f"{where} is {_short(got)}, expected {_short(expected)}", kind)
        return
    if got != expected:
        raise CheckFailed(f"{where} is wrong ({_kind(got)})" if _conceal()
                          else f"{where} is {_short(got)}, expected {_short(expected)}", Kind.WRONG_VALUES)


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
                          f"NotImplementedError)", Kind.NOT_IMPLEMENTED) from None
    except Exception as exc:  # the student's code raised: report it as the failure
        raise CheckFailed(f"{call} raised {describe_exception(exc)}", Kind.RAISED) from exc
    try:
        compare(got, case.expected, where="result", **compare_options(case.options))
    except CheckFailed as exc:
        raise CheckFailed(f"{call}: {exc}", exc.kind) from None
    return got


def describe_exception(exc):
    """``"ValueError: <message>"``; for a hidden case (:func:`concealed`) the message, which may
    hold hidden values, is replaced by the line of the student's code that raised it."""
    if not _conceal():
        return f"{type(exc).__name__}: {exc}"
    own = [frame for frame in traceback.extract_tb(exc.__traceback__)
           if not any(part in frame.filename for part in ("site-packages", "/dlcourse/", "/autograder/",
                                                          "<frozen", "/lib/python"))]
    if not own:
        return f"{type(exc).__name__} (its message is not shown for a hidden case)"
    frame = own[-1]
    text = (frame.line or "").strip()
    return (f"{type(exc).__name__} in {frame.name}, line {frame.lineno} of its cell"
            + (f": {text}" if text else "") + " (the message is not shown for a hidden case)")


def run_cases(function, function_name, cases):
    """Run every case; stop at the first failure. Returns the number of cases passed."""
    if not callable(function):
        raise CheckFailed(f"{function_name} should be a function, but it is {_type_name(function)}",
                          Kind.NOT_IMPLEMENTED)
    for case in cases:
        run_case(function, function_name, case)
    return len(cases)


def visible_cases(assignment, function_name=None):
    """The visible test cases of an assignment, shipped with this package
    (only ``function_name``'s, if given: see :func:`dlcourse.casefile.load_cases`)."""
    path = resources.files("dlcourse") / "references" / f"{assignment}.h5"
    with resources.as_file(path) as real_path:
        return load_cases(real_path, function_name)


def check(function, assignment, function_name=None):
    """Run the visible test of ``function`` and print a one-line verdict.

    Arguments:
    function -- the function you wrote
    assignment -- the assignment's name, e.g. ``"initialization"``
    function_name -- the graded name, by default ``function.__name__``
    """
    name = function_name or getattr(function, "__name__", "function")
    cases = visible_cases(assignment, name).get(name)
    if cases is None:
        raise KeyError(f"the {assignment} assignment has no visible test for {name!r}")
    run_cases(function, name, cases)
    print(f"{name}: all {len(cases)} visible test(s) passed.")


def show_expected(assignment, function_name):
    """Print the expected return value(s) of the visible example(s) of a graded function."""
    for case in visible_cases(assignment, function_name)[function_name]:
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
