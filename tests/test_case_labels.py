"""Hidden cases are named in words (issue 14, point 1).

A hidden case's label is what a student sees of it: on the feedback page, in the class report and
in ``grade --json`` a failure reads ``function(label): what is wrong``. So a label says what the
case is about ("``pad = 0``", "logits of +-1000", "a deep, narrow net") and never spells out the
case's inputs: no sequence of numbers in brackets or parentheses at all (a list of layer sizes, a
shape, a list of values), no sizes of its arrays written ``5x5x3``, no seed, no number of more
than two significant digits taken from its inputs (unless the release shows it anyway), and never
every number of an all-scalar input. A single small parameter that characterizes the case
(``t = 1``, ``eps = 1e-3``) may be named.

Fast: these tests read the case modules (``autograder/cases/*.py``) and call the property checks
on a function that raises; no reference solution runs and nothing is graded.
:class:`SequenceScan` looks for the hidden cases' input lists and tuples in printed text; the
scan of the sample class's feedback pages (``test_feedback_pages.py``) uses it.
"""
import numbers
import re

import numpy as np
import pytest

from autograder import cases, checks, course
from autograder.cells import hide_hidden_tests, is_solution
from dlcourse.casefile import Case, load_cases
from dlcourse.testing import CheckFailed

#: a group in brackets or parentheses (``[4, 6]``, ``(2, 3)``, ``[1 0 3]``), without nesting
BRACKETED = re.compile(r"[\[(]([^\[\]()]*)[\])]")
#: sizes written with an ``x``: ``5x5x3``, ``2 x 4``
SIZES = re.compile(r"(?<![\w.])\d+(?:\s*x\s*\d+)+(?![\w.])")
#: a number as a label or a page prints it: 3, -0.25, 1.5e-07, .5
NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?(?![\w.])")
#: a seed named by its number: ``seed=3``, ``np.random.seed(4)``, ``seed 7``
SEED = re.compile(r"seed\s*[=(]?\s*\d")
#: numbers with at most this many significant digits may be named (``t = 1``, ``eps = 1e-3``)
SMALL_DIGITS = 2


def _is_number(value):
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def input_sequences(value):
    """Every list or tuple of two or more numbers in ``value`` (a case's argument, nested in
    dicts, lists and tuples), as tuples of floats."""
    if isinstance(value, dict):
        for v in value.values():
            yield from input_sequences(v)
    elif isinstance(value, (list, tuple)):
        if len(value) >= 2 and all(_is_number(v) for v in value):
            yield tuple(float(v) for v in value)
        for v in value:
            yield from input_sequences(v)


def array_shapes(value):
    """The shape of every array of two or more dimensions in ``value``, as tuples of floats."""
    if isinstance(value, np.ndarray):
        if value.ndim >= 2:
            yield tuple(float(n) for n in value.shape)
        if value.dtype.kind == "O":
            for v in value.ravel():
                yield from array_shapes(v)
    elif isinstance(value, dict):
        for v in value.values():
            yield from array_shapes(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from array_shapes(v)


def input_numbers(value):
    """Every number in ``value``: scalars, entries of lists, tuples, dicts and numeric arrays."""
    if isinstance(value, dict):
        for v in value.values():
            yield from input_numbers(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from input_numbers(v)
    elif isinstance(value, np.ndarray):
        if value.dtype.kind in "fiu":
            yield from (float(x) for x in value.ravel())
    elif _is_number(value):
        yield float(value)


def printed_sequences(text):
    """Every sequence of two or more numbers that ``text`` prints in brackets or parentheses
    (``[4, 6]``, ``(2, 3)``, ``[1 0 3]``), as tuples of floats."""
    for match in BRACKETED.finditer(text):
        parts = [p for p in re.split(r"[\s,]+", match.group(1)) if p]
        try:
            values = tuple(float(p) for p in parts)
        except ValueError:
            continue
        if len(values) >= 2:
            yield values


def printed_sizes(text):
    """Sizes written with an ``x`` (``5x5x3``), as tuples of floats."""
    for match in SIZES.finditer(text):
        yield tuple(float(n) for n in re.split(r"\s*x\s*", match.group(0)))


def _significant_digits(token):
    return len(token.lower().lstrip("+-").split("e")[0].replace(".", "").lstrip("0"))


def _same(token, value):
    """``token`` (a printed number) is ``value`` as printed: equal to its printed precision."""
    digits = max(_significant_digits(token), 1)
    return value != 0 and f"{float(token):.{digits - 1}e}" == f"{value:.{digits - 1}e}" \
        or value == 0 == float(token)


def release_text(assignment):
    """What the release shows of an assignment: its notebook without solutions and hidden
    tests, and its visible cases' labels."""
    nb = course.source_notebook(assignment)
    texts = [hide_hidden_tests(cell.source) for cell in nb.cells if not is_solution(cell)]
    texts += [case.label for group in cases.load(assignment).visible().values() for case in group]
    return "\n".join(texts)


def arguments(case):
    """A case's arguments, positional then by keyword, one by one."""
    return list(case.args) + list(case.kwargs.values())


def label_leaks(case, shown_numbers=frozenset()):
    """How ``case``'s label spells out the case's inputs (empty: it does not).
    ``shown_numbers``: numbers the release prints, which a label may repeat."""
    label = case.label
    inputs = arguments(case)
    found = []
    own = set()
    for value in inputs:
        own.update(input_sequences(value))
        own.update(array_shapes(value))
    for printed in printed_sequences(label):
        found.append(f"a sequence of numbers {printed}" + (" (one of its inputs)" if printed in own else ""))
    found += [f"the sizes {printed} of one of its inputs" for printed in printed_sizes(label) if printed in own]
    if SEED.search(label):
        found.append("a seed")
    values = [v for value in inputs for v in input_numbers(value)]
    tokens = NUMBER.findall(label)
    for token in tokens:
        if _significant_digits(token) > SMALL_DIGITS and float(token) not in shown_numbers \
                and any(_same(token, v) for v in values):
            found.append(f"the input value {token}")
    scalars = [v for v in inputs if _is_number(v)]
    if scalars and len(scalars) == len(inputs) \
            and all(any(_same(t, float(v)) for t in tokens) for v in scalars):
        found.append(f"every input ({', '.join(map(repr, scalars))})")
    return found


# ----------------------------------------------------------------------------- a scan of printed text

#: what a hidden case's message may say about sizes and places: shapes and indices (issue 14)
DISCLOSED = re.compile(r"\b(?:at|shape|expected)\s+[\[(][^\[\]()]*[\])]")


def _case_sequences(path, with_expected=False):
    """The lists and tuples of numbers in the arguments (and expected values) of a case file."""
    found = set()
    for group in load_cases(path).values():
        for case in group:
            for value in arguments(case) + ([case.expected] if with_expected else []):
                found.update(input_sequences(value))
    return found


def _case_shapes(path):
    found = set()
    for group in load_cases(path).values():
        for case in group:
            for part in (case.args, case.kwargs, case.expected):
                found.update(array_shapes(part))
    return found


class SequenceScan:
    """Lists and tuples of numbers among the hidden cases' inputs (a list of layer sizes, a
    window's shape, a list of costs) that the release does not show: a label written from the
    inputs (``initialize_parameters_he([5, 3, 4, 2, 1])``) prints them on a failure."""

    def __init__(self):
        hidden, shown = set(), set()
        for assignment in course.built():
            hidden |= _case_sequences(course.hidden_reference_path(assignment))
            visible = course.visible_reference_path(assignment)
            shown |= _case_sequences(visible, with_expected=True) | _case_shapes(visible)
            shown.update(printed_sequences(release_text(assignment)))
        self.hidden = hidden - shown

    def leaks(self, text, also_shown=frozenset()):
        """The hidden-only sequences printed in ``text``, shapes and indices aside.
        ``also_shown``: sequences the student's own notebook printed."""
        text = DISCLOSED.sub(" ", text)
        return [f"{printed} in: ...{text[max(0, m.start() - 80):m.end() + 20]}..."
                for m in BRACKETED.finditer(text) for printed in printed_sequences(m.group(0))
                if printed in self.hidden and printed not in also_shown]


def _hidden_cases():
    for assignment in course.built():
        for function, group in cases.load(assignment).hidden().items():
            for case in group:
                yield assignment, function, case


@pytest.fixture(scope="module")
def shown_numbers():
    return {assignment: {float(t) for t in NUMBER.findall(release_text(assignment))}
            for assignment in course.built()}


def test_no_hidden_label_spells_out_its_inputs(shown_numbers):
    found = [f"{assignment}.{function}({case.label}): {leak}"
             for assignment, function, case in _hidden_cases()
             for leak in label_leaks(case, shown_numbers[assignment])]
    assert found == [], "\n".join(found)


def test_hidden_labels_are_distinct():
    """Failures are matched back to their case by ``function(label)`` (the instructor's
    ``grade --json --instructor-detail``, the diagnosis' cache): labels must tell cases apart,
    from each other and from the visible ones."""
    for assignment in course.built():
        module = cases.load(assignment)
        visible = module.visible()
        for function, group in module.hidden().items():
            labels = [case.label for case in group] + [case.label for case in visible[function]]
            assert len(set(labels)) == len(labels), (assignment, function, labels)


def test_the_label_check_finds_labels_made_of_inputs():
    """The check above flags labels written from the inputs, as they were before issue 14."""
    dims = [5, 3, 4, 2, 1]
    assert label_leaks(Case(repr(dims), args=(dims,)))
    assert label_leaks(Case("layers [4, 3], learning_rate=0.1", args=({"W1": np.zeros((3, 4))}, 0.1)))
    assert label_leaks(Case("x=2, theta=4", args=(2, 4)))
    assert label_leaks(Case("learning_rate0=0.1, epoch_num=0, decay_rate=1", args=(0.1, 0, 1)))
    assert label_leaks(Case("b = -1.23", args=(np.ones((2, 2)), np.array([[[-1.2345]]]))))
    assert label_leaks(Case("0.0001, 1, size=10 after np.random.seed(4)", args=(1e-4, 1.0)))
    assert label_leaks(Case("a 5x5x3 slice", args=(np.zeros((5, 5, 3)),)))
    assert label_leaks(Case("dz=-1.2, shape=(3, 3)", args=(-1.2, (3, 3))))
    # words, and a single small parameter that characterizes the case, are fine
    assert label_leaks(Case("a deep, narrow net", args=(dims,))) == []
    assert label_leaks(Case("pad = 0", args=(np.zeros((1, 5, 5, 3)), 0))) == []
    assert label_leaks(Case("t = 1, v and s zeros", args=({}, {}, {}, {}), kwargs={"t": 1})) == []


def _raising(*args, **kwargs):
    raise RuntimeError("a function that always fails")


PROPERTIES = [(assignment, function, prop) for assignment, functions in checks.REGISTRY.items()
              for function, registered in functions.items()
              for prop in registered if prop is not checks.VALUES]


@pytest.mark.parametrize("assignment, function, prop", PROPERTIES,
                         ids=[f"{a}.{f}:{p.label}" for a, f, p in PROPERTIES])
def test_property_checks_name_their_input_in_words(assignment, function, prop):
    """A property check's failure names its (hidden) input too: ``function(label) raised ...``.
    Called with functions that always raise, each check fails on its first input."""
    try:
        prop.run({name: _raising for name in prop.needs})
    except CheckFailed as exc:
        first = str(exc).splitlines()[0]
        assert "raised RuntimeError" in first, first
        called = first.split(" raised RuntimeError")[0]
        assert list(printed_sequences(called)) == [] and not SEED.search(called), first
    else:  # a check that skips when another function fails (batchnorm_backward's own-forward one)
        assert prop.needs[0] != function, f"{prop.label}: passed on a function that always raises"
