"""Reference values are generated from the reference solutions, and regenerate identically;
the case files and the comparison behind every test."""
import copy

import numpy as np
import pytest

from autograder import course, references
from dlcourse.casefile import Case, load_cases, save_cases
from dlcourse.testing import CheckFailed, _pretty, _unchecked, checked_part, compare, compare_options, run_cases


def test_stored_references_match_a_fresh_generation(assignment):
    assert references.differences(assignment) == []


def test_check_command_reports_a_stale_reference(tmp_path, monkeypatch):
    """`references --check` is not a test that cannot fail: a changed stored value is reported."""
    assignment = course.built()[0]
    hidden = load_cases(course.hidden_reference_path(assignment))
    function = next(iter(hidden))
    case = hidden[function][0]
    key = next(k for k in case.expected if isinstance(case.expected[k], np.ndarray)) \
        if isinstance(case.expected, dict) else None
    if key is not None:
        case.expected[key] = case.expected[key] + 1.0
    else:
        case.expected = "tampered"
    stale = tmp_path / "hidden.h5"
    save_cases(stale, hidden)
    monkeypatch.setattr(course, "hidden_reference_path", lambda a: stale)
    problems = references.differences(assignment)
    assert len(problems) == 1 and function in problems[0]


def test_case_files_round_trip_every_value_kind(tmp_path):
    value = {"a": np.arange(6.0).reshape(2, 3), "b": (1, 2.5, True, None, "text"),
             "c": [np.array([True, False]), np.int64(3), np.float32(1.5)], "d": {}}
    cases = {"f": [Case("x=1", args=(np.ones((2, 1)), [1, 2]), kwargs={"k": 0.5},
                        expected=value, options={"rtol": 1e-3})]}
    save_cases(tmp_path / "c.h5", cases)
    back = load_cases(tmp_path / "c.h5")["f"][0]
    compare(back.expected, value, rtol=0, atol=0)
    assert type(back.expected["c"][1]) is np.int64 and type(back.expected["c"][2]) is np.float32
    assert back.args[1] == [1, 2] and back.kwargs == {"k": 0.5} and back.options == {"rtol": 1e-3}



def test_one_function_is_read_alone_and_the_same_as_in_the_whole_file(assignment):
    """Test cells read their function's cases only (load_cases(path, name)): the same cases as a
    whole read gives, nothing of another function's, and nothing for an unknown name."""
    path = course.hidden_reference_path(assignment)
    whole = load_cases(path)
    for name, cases in whole.items():
        alone = load_cases(path, name)
        assert list(alone) == [name]
        assert [c.label for c in alone[name]] == [c.label for c in cases]
        for a, b in zip(alone[name], cases):
            compare(a.expected, b.expected, rtol=0, atol=0)
            assert a.options == b.options
    assert load_cases(path, "no_such_function") == {}

@pytest.mark.parametrize("got, message", [
    ({"W1": np.zeros((2, 3))}, "missing keys 'b1'"),
    ({"W1": np.zeros((3, 2)), "b1": np.zeros((2, 1))}, "has shape (3, 2), expected (2, 3)"),
    ({"W1": np.zeros((2, 3), dtype=int), "b1": np.zeros((2, 1))}, "should hold floats"),
    ({"W1": np.ones((2, 3)), "b1": np.zeros((2, 1))}, "has the wrong values"),
    ([np.zeros((2, 3))], "should be a dict"),
])
def test_failure_messages_name_the_input_and_the_problem(got, message):
    case = Case("[3, 2]", args=(), expected={"W1": np.zeros((2, 3)), "b1": np.zeros((2, 1))})
    with pytest.raises(CheckFailed) as err:
        run_cases(lambda: got, "init", [case])
    first_line = str(err.value).splitlines()[0]
    assert first_line.startswith("init([3, 2]): result")
    assert message in first_line
    if "wrong values" in message:
        assert "expected:" in str(err.value) and "got:" in str(err.value)


def test_inputs_are_deep_copied_and_exceptions_reported():
    arg = np.zeros(3)

    def mutating(x):
        x += 1
        return x

    case = Case("x", args=(arg,), expected=np.ones(3))
    run_cases(mutating, "f", [case])
    assert np.all(case.args[0] == 0), "the case's stored input is untouched"

    def broken(x):
        raise NotImplementedError()

    with pytest.raises(CheckFailed, match="not implemented yet"):
        run_cases(broken, "f", [case])
    with pytest.raises(CheckFailed, match=r"f\(x\) raised ZeroDivisionError"):
        run_cases(lambda x: 1 / 0, "f", [case])


def test_code_args_and_patched_globals_apply_during_the_call_only():
    namespace = {}
    exec("def square_of(x):\n    return helper(x) ** 2\n\ndef helper(x):\n    return x\n", namespace)
    function = namespace["square_of"]
    case = Case("x=3 with helper(x) = x + 1", args=(3,), expected=16,
                options={"patch_globals": {"helper": "def helper(x):\n    return x + 1"}})
    run_cases(function, "square_of", [case])
    assert function(3) == 9, "the patch is undone after the call"
    apply = Case("f=abs", args=(None, -2), expected=2, options={"code_args": {"0": "lambda v: abs(v)"}})
    run_cases(lambda f, v: f(v), "apply", [apply])


# ----------------------------------------------------------------- compare: what a failure says

def _first_line_and_arrays(got, expected, **kwargs):
    with pytest.raises(CheckFailed) as err:
        compare(got, expected, **kwargs)
    lines = str(err.value).splitlines()
    printed = {line.split(":", 1)[0].strip(): line.split(":", 1)[1].strip() for line in lines[1:]}
    return lines[0], printed


def test_nan_in_a_result_is_named_with_its_index():
    expected = np.arange(6.0).reshape(2, 3)
    got = expected.copy()
    got[0, 2] = np.nan
    first, _ = _first_line_and_arrays(got, expected)
    assert first.startswith("result has the wrong values (")
    assert "has NaN at (0, 2)" in first
    assert "max |difference| 0 " not in first and "max |difference| 0)" not in first
    assert "max |difference| nan at (0, 2)" in first
    got[1, 0] = np.nan  # a second NaN: counted
    first, _ = _first_line_and_arrays(got, expected)
    assert "has NaN at (0, 2) and 1 other entry" in first


def test_infinity_in_a_result_is_named_with_its_index():
    expected = np.linspace(0.0, 1.0, 5)
    got = expected.copy()
    got[3] = np.inf
    first, _ = _first_line_and_arrays(got, expected)
    assert "has inf at index 3" in first and "max |difference| inf at index 3" in first
    got[3] = -np.inf
    first, _ = _first_line_and_arrays(got, expected)
    assert "has -inf at index 3" in first


def test_a_small_difference_is_visible_in_the_printed_arrays():
    expected = np.array([[0.123456, -0.25], [0.5, 0.75]])
    got = expected.copy()
    got[0, 0] += 3e-7
    first, printed = _first_line_and_arrays(got, expected)
    assert "max |difference| 3e-07 at (0, 0)" in first
    assert printed["expected"] != printed["got"], "the two arrays print identically"
    assert "0.1234563" in printed["got"]
    # also around 1, with a tight tolerance, and in scientific notation
    for values, index in ((np.array([1.0, 2.0, 4.0]), 2), (np.array([1e-12, 2e-12]), 1)):
        got = values.copy()
        got[index] += 3e-7 * values[index]
        _, printed = _first_line_and_arrays(got, values, rtol=1e-9, atol=0.0)
        assert printed["expected"] != printed["got"]


def test_equal_values_still_pass():
    expected = {"A": np.array([[0.1, np.nan], [np.inf, -2.0]]), "n": 3, "x": 0.5,
                "t": (np.arange(3), True, None)}
    compare(copy.deepcopy(expected), expected)
    compare(np.array([1.0, 2.0]) + 1e-12, np.array([1.0, 2.0]))  # within the tolerance


def test_checked_items_compare_only_those_items_of_a_tuple():
    out = np.array([[1.0, 2.0]])
    expected = (out, (out, 1e-5))
    options = {"checked_items": [0]}
    compare((out.copy(), None), expected, **compare_options(options))
    compare([out.copy(), "anything"], expected, **compare_options(options))
    with pytest.raises(CheckFailed, match=r"^result\[0\] has the wrong values"):
        compare((out + 1, None), expected, **compare_options(options))
    with pytest.raises(CheckFailed, match="should have 2 items, but it has 1"):
        compare((out.copy(),), expected, **compare_options(options))
    with pytest.raises(CheckFailed, match=r"^result\[1\] should be a tuple"):
        compare((out.copy(), None), expected)  # without the option, the cache is compared
    assert checked_part((out, object()), options)[1] is None
    assert checked_part((out, 2), {})[1] == 2
    case = Case("test mode", expected=expected, options=options)
    assert "[1] anything (not checked in this case)" in _pretty(case.expected, unchecked=_unchecked(case))


def test_concealed_failures_name_the_mistake_but_show_no_value():
    """For hidden cases (dlcourse.testing.concealed), no expected value, input or returned value
    reaches the message; outside it, visible cases keep expected/got."""
    from dlcourse.testing import concealed, run_case
    from dlcourse.casefile import Case
    secret_in, secret_exp, secret_got = 0.918273, 7.654321, 3.141592
    pairs = [
        (np.full((2, 3), secret_got), np.full((2, 3), secret_exp), "has the wrong values"),
        (np.full((3, 2), secret_got), np.full((2, 3), secret_exp), "has the wrong shape"),
        (secret_got, secret_exp, "is wrong"),
        ({"a": secret_got}, {"a": secret_exp, "b": secret_exp}, "missing keys 'b'"),
        ("text 3.141592", "text 7.654321", "is wrong"),
        (np.array([np.nan, secret_got]), np.array([secret_exp, secret_got]), "NaN at index 0"),
    ]
    for got, expected, kind in pairs:
        with pytest.raises(CheckFailed) as err, concealed():
            compare(got, expected)
        text = str(err.value)
        assert kind in text, text
        for secret in ("7.65", "3.14", "(2, 3)", "(3, 2)"):
            assert secret not in text, (secret, text)

    def wrong(x):
        raise ValueError(f"cannot use {x}")   # the message would hold the hidden input
    with pytest.raises(CheckFailed) as err, concealed():
        run_case(wrong, "wrong", Case(label="a hidden input", args=(secret_in,), kwargs={}, expected=1.0))
    text = str(err.value)
    assert "ValueError" in text and "line" in text and "0.918" not in text, text
    with pytest.raises(CheckFailed) as err:
        run_case(wrong, "wrong", Case(label="the example", args=(secret_in,), kwargs={}, expected=1.0))
    assert "0.918273" in str(err.value), "visible cases keep the whole message"
