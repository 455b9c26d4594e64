"""The gradient_checking assignment: the classic course's published figures, and the notebook end to end.

Published: gradient_check(x=2, theta=4) = 2.919335883291695e-10 (x=3: 7.814075313343006e-11); on the
classic [4, 5, 3, 1] example, gradient_check_n exposes the planted mistakes of backward_propagation_n
(difference 0.2850931567761623) and passes the corrected backward pass (1.1890913024229996e-07 < 2e-7).
"""
import re

import nbformat
import numpy as np
import pytest

from autograder import course
from autograder.cells import grade_id
from autograder.execution import execute, outputs_by_cell
from autograder.cases import gradient_checking as cases
from autograder.references import reference_namespace
from autograder.submissions import make_submission
from dlcourse.testing import call_case

from conftest import release_notebook


@pytest.fixture(scope="module")
def ref():
    return reference_namespace("gradient_checking")


def test_one_dimensional_check_reproduces_the_published_values(ref):
    assert ref["gradient_check"](2, 4) == pytest.approx(2.919335883291695e-10, rel=1e-9)
    assert ref["gradient_check"](3, 4) == pytest.approx(7.814075313343006e-11, rel=1e-9)


def test_network_check_reproduces_the_published_values(ref):
    X, Y, parameters = cases.classic_example()
    cost, cache = ref["forward_propagation_n"](X, Y, parameters)
    buggy = ref["gradient_check_n"](parameters, ref["backward_propagation_n"](X, Y, cache), X, Y)
    assert buggy == pytest.approx(0.2850931567761623, abs=1e-9)
    # the corrected gradients: the case file's backward pass without the planted factors
    corrected = ref["gradient_check_n"](parameters, cases._three_layer_gradients(X, Y, parameters), X, Y)
    assert corrected == pytest.approx(1.1890913024229996e-07, rel=0.05)
    assert corrected < 2e-7


def test_case_file_gradients_match_the_notebooks_backward_pass(ref):
    """The visible case's gradients are the provided (buggy) backward pass's, bit for bit."""
    X, Y, parameters = cases.classic_example()
    _, cache = ref["forward_propagation_n"](X, Y, parameters)
    notebook = ref["backward_propagation_n"](X, Y, cache)
    case_file = cases._three_layer_gradients(X, Y, parameters, 2.0, 4.0)
    for key in notebook:
        np.testing.assert_array_equal(notebook[key], case_file[key])


def test_hidden_network_gradients_are_correct(ref):
    """The hidden cases' "correct gradients" really are (checked with the package's numerical gradient)."""
    from dlcourse.gradcheck import check_gradient, dictionary_to_vector, gradients_to_vector
    from dlcourse.testing import _from_source
    for case in cases.hidden()["gradient_check_n"]:
        if "correct gradients" not in case.label:
            continue
        parameters, gradients, X, Y = case.args
        patches = case.options.get("patch_globals", {})
        unflatten = _from_source(patches["vector_to_dictionary"]) if "vector_to_dictionary" in patches \
            else ref["vector_to_dictionary"]
        forward = _from_source(patches["forward_propagation_n"]) if "forward_propagation_n" in patches \
            else ref["forward_propagation_n"]
        theta, _ = dictionary_to_vector(parameters)
        difference, ok = check_gradient(lambda t: forward(X, Y, unflatten(t))[0], theta,
                                        gradients_to_vector(gradients), epsilon=1e-6, threshold=1e-6)
        assert ok, (case.label, difference)
        assert call_case(ref["gradient_check_n"], case) < 1e-5, case.label


# ----------------------------------------------------------------- the notebook, end to end

@pytest.fixture(scope="module")
def printed():
    """{grade_id: what the cell printed} of the executed source notebook (no cell may fail)."""
    nb, _ = execute(course.source_notebook_path("gradient_checking"))
    return {gid: text for gid, (text, _) in outputs_by_cell(nb).items()}


def _number_after(text, prefix):
    match = re.search(re.escape(prefix) + r" = ([0-9.e+-]+)", text)
    assert match, f"{prefix!r} not printed in:\n{text}"
    return float(match.group(1))


def test_notebook_reproduces_the_published_figures(printed):
    for function in cases.FUNCTIONS:
        assert "hidden test(s) passed" in printed["test_" + function]

    assert _number_after(printed["example_gradient_check"], "\ndifference") == pytest.approx(
        7.814075313343006e-11, rel=1e-9)
    buggy = _number_after(printed["example_gradient_check_n"], "difference with the provided backward pass")
    assert buggy == pytest.approx(0.2850931567761623, abs=1e-9)
    fixed = _number_after(printed["fixed_backward"], "difference with the corrected backward pass")
    assert fixed == pytest.approx(1.1890913024229996e-07, rel=0.05) and fixed < 2e-7
    assert "The gradients disagree" in printed["example_gradient_check_n"]
    assert "The gradients agree" in printed["fixed_backward"]

    # the reference compare_by_block points at W2 (twice too large: |2 - 1| / (2 + 1)) and b1 (four
    # times: |4 - 1| / (4 + 1)), the figures the notebook's reading tip gives
    diagnosis = {line.split()[0]: float(line.split()[1]) for line in printed["find_bug"].splitlines()[1:]}
    assert list(diagnosis) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert diagnosis["W2"] == pytest.approx(1 / 3, rel=1e-2)
    assert diagnosis["b1"] == pytest.approx(3 / 5, rel=1e-2)
    for name in ("W1", "b2", "W3", "b3"):
        assert diagnosis[name] < 1e-6, name

    # the cost statement: a centred check of n parameters evaluates the cost 2n times
    count = re.search(r"evaluated the cost (\d+) times for n = (\d+) parameters", printed["cost_of_checking"])
    assert count and int(count.group(1)) == 2 * int(count.group(2)) == 94

    # the figure's numbers: centred O(eps^2) beats one-sided O(eps)
    errors = re.findall(r"epsilon = (\S+):\s+one-sided error (\S+),\s+centred error (\S+)",
                        printed["error_vs_epsilon"])
    table = {float(e): (float(one), float(two)) for e, one, two in errors}
    assert table[1e-3][1] < 1e-3 * table[1e-3][0] and table[1e-5][1] < 1e-4 * table[1e-5][0]


def test_cases_pass_only_arguments_every_published_signature_accepts():
    """Solutions written for the earlier signatures (no print_msg) must get full marks, so no case,
    visible or hidden, may pass an argument that they, or the current signatures, would refuse."""
    import inspect

    def earlier_check(x, theta, epsilon=1e-7):
        pass

    def earlier_check_n(parameters, gradients, X, Y, epsilon=1e-7):
        pass

    def current_check(x, theta, epsilon=1e-7, print_msg=False):
        pass

    def current_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
        pass

    signatures = {"gradient_check": (earlier_check, current_check),
                  "gradient_check_n": (earlier_check_n, current_check_n)}
    for group in (cases.visible(), cases.hidden()):
        for function, versions in signatures.items():
            for case in group[function]:
                for version in versions:
                    inspect.signature(version).bind(*case.args, **case.kwargs)  # TypeError if refused


# ----------------------------------------------------------------- the student's own work

def test_notebook_does_not_hand_out_the_check():
    """dlcourse.gradcheck's numerical_gradient and relative_difference would make gradient_check_n a
    two-line call: the notebook never imports nor names them (other notebooks may)."""
    nb = course.source_notebook("gradient_checking")
    text = "\n".join(c.source for c in nb.cells)
    assert "numerical_gradient" not in text and "relative_difference" not in text
    assert "check_gradient" not in text


def test_cost_statements_count_2n_and_n_plus_1():
    nb = course.source_notebook("gradient_checking")
    text = " ".join(c.source for c in nb.cells if c.cell_type == "markdown")
    assert "exactly\nlike the one-sided one" not in text  # the old claim: same cost
    assert "$2n$" in text and "$n + 1$" in text


def test_debugging_is_the_students_exercise(tmp_path):
    """Section 4's diagnosis and correction are ungraded solution cells: the release shows neither the
    answer's code nor the culprits, and a notebook that leaves them blank still runs to the end."""
    release = release_notebook("gradient_checking")
    for name in cases.UNGRADED:
        cell = next(c for c in release.cells if grade_id(c) == name)
        assert "raise NotImplementedError()" in cell.source and "was:" not in cell.source
    prose = " ".join(c.source for c in release.cells if c.cell_type == "markdown")
    for giveaway in ("twice too large", "four times", "stray", "`W2` and `b1`"):
        assert giveaway not in prose, giveaway

    submission = make_submission(release, "gradient_checking")
    for cell in submission.cells:  # the graded functions solved, the two exercises left blank
        if grade_id(cell) in cases.UNGRADED:
            cell.source = next(c.source for c in release.cells if grade_id(c) == grade_id(cell))
    path = tmp_path / "gradient_checking.ipynb"
    nbformat.write(submission, str(path))
    executed, _ = execute(path)  # raises if a cell fails
    shown = {gid: text for gid, (text, _) in outputs_by_cell(executed).items()}
    assert "compare_by_block is not written yet" in shown["find_bug"]
    assert "backward_propagation_n_corrected is not written yet" in shown["fixed_backward"]
