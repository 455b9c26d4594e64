"""The regularization assignment: published figures, property checks, and the notebook's experiment.

The fast tests run the reference solution (the notebook's provided and solution cells) on the classic
course's example inputs and compare with its published outputs, and check that the property checks of
the hidden tests accept the reference and reject typical mistakes. The slow test executes the whole
source notebook (about 20 s) and reads the results table it prints: regularization must beat the
unregularized network on the test set.
"""
import re

import numpy as np
import pytest

from autograder import course, samples
from autograder.execution import execute, outputs_by_cell
from autograder.cases import regularization as cases
from autograder.properties.regularization import (check_biases_not_regularized,
                                                  check_dropout_forward_structure)
from autograder.references import reference_namespace
from dlcourse.testing import CheckFailed


@pytest.fixture(scope="module")
def ref():
    return reference_namespace("regularization")


def test_reference_reproduces_the_published_values(ref):
    (cost_case,) = cases.visible()["compute_cost_with_regularization"]
    assert ref["compute_cost_with_regularization"](*cost_case.args) == pytest.approx(1.7864859451590758, rel=1e-12)

    (backward_case,) = cases.visible()["backward_propagation_with_regularization"]
    grads = ref["backward_propagation_with_regularization"](*backward_case.args)
    np.testing.assert_allclose(grads["dW1"], [[-0.25604646, 0.12298827, -0.28297129],
                                              [-0.17706303, 0.34536094, -0.4410571]], atol=1e-8)
    np.testing.assert_allclose(grads["dW2"], [[0.79276486, 0.85133918], [-0.0957219, -0.01720463],
                                              [-0.13100772, -0.03750433]], atol=1e-8)
    np.testing.assert_allclose(grads["dW3"], [[-1.77691347, -0.11832879, -0.09397446]], atol=1e-8)

    (forward_case,) = cases.visible()["forward_propagation_with_dropout"]
    A3, cache = ref["forward_propagation_with_dropout"](*forward_case.args, **forward_case.kwargs)
    np.testing.assert_allclose(A3, [[0.36974721, 0.00305176, 0.04565099, 0.49683389, 0.36974721]], atol=1e-8)
    assert len(cache) == 14


def test_dropout_with_keep_prob_one_is_the_plain_forward_pass(ref):
    from dlcourse.three_layer import forward_propagation
    X, _, parameters = cases._random_problem(5, (3, 6, 4, 1), 7)
    A3, cache = ref["forward_propagation_with_dropout"](X, parameters, keep_prob=1.0)
    A3_plain, plain = forward_propagation(X, parameters)
    np.testing.assert_allclose(A3, A3_plain, rtol=1e-12)
    assert np.all(cache[1] == 1) and np.all(cache[6] == 1)
    grads = ref["backward_propagation_with_dropout"](X, (A3 > 0.5).astype(int), cache, 1.0)
    grads_l2 = ref["backward_propagation_with_regularization"](X, (A3 > 0.5).astype(int), plain, 0.0)
    for key in grads_l2:
        np.testing.assert_allclose(grads[key], grads_l2[key], rtol=1e-12, atol=1e-15)


def test_property_checks_accept_the_reference_and_reject_mistakes(ref):
    check_biases_not_regularized(ref["backward_propagation_with_regularization"])
    check_dropout_forward_structure(ref["forward_propagation_with_dropout"])
    namespace = dict(ref)
    wrong = samples.load("regularization").WRONG
    exec(wrong["backward_propagation_with_regularization"]["db3 regularized too"], namespace)
    with pytest.raises(CheckFailed, match=r"^backward_propagation_with_regularization\(.*db3 changes with lambd"):
        check_biases_not_regularized(namespace["backward_propagation_with_regularization"])
    exec(wrong["forward_propagation_with_dropout"]["output layer dropped too"], namespace)
    with pytest.raises(CheckFailed, match=r"^forward_propagation_with_dropout\(.*output layer is never dropped"):
        check_dropout_forward_structure(namespace["forward_propagation_with_dropout"])
    exec(wrong["forward_propagation_with_dropout"]["no division by keep_prob"], namespace)
    with pytest.raises(CheckFailed, match=r"relu\(Z1\) \* D1 / keep_prob"):
        check_dropout_forward_structure(namespace["forward_propagation_with_dropout"])


# ----------------------------------------------------------------- the experiment, end to end

ROW = re.compile(r"^(?P<name>\S.*?)\s{2,}(?P<train>[01]\.\d{4})\s+(?P<test>[01]\.\d{4})$")

#: measured with this repository's reference solution (train, test accuracy); a different BLAS may
#: move a point or two across the boundary, hence the tolerance
MEASURED = {"no regularization": (0.9716, 0.9300), "L2, lambd = 0.7": (0.9479, 0.9500),
            "dropout, keep_prob = 0.86": (0.9763, 0.9400),
            "dropout, same mask every iteration": (0.9147, 0.9150)}


@pytest.fixture(scope="module")
def printed():
    """{grade_id: what the cell printed} of the executed source notebook (no cell may fail)."""
    nb, _ = execute(course.source_notebook_path("regularization"))
    return {gid: text for gid, (text, _) in outputs_by_cell(nb).items()}


def test_notebook_runs_and_regularization_beats_the_plain_network(printed):
    for gid in ("test_compute_cost_with_regularization", "test_backward_propagation_with_regularization",
                "test_forward_propagation_with_dropout", "test_backward_propagation_with_dropout"):
        assert "hidden test(s) passed" in printed[gid]
    assert "the gradients agree" in printed["gradcheck_l2"]
    assert "the gradients agree" in printed["gradcheck_dropout"]

    rows = {}
    for line in printed["conclusion"].splitlines():
        match = ROW.match(line.strip())
        if match:
            rows[match["name"]] = (float(match["train"]), float(match["test"]))
    assert set(rows) == set(MEASURED), rows
    for name, (train, test) in MEASURED.items():
        assert rows[name] == pytest.approx((train, test), abs=0.015), name

    none_train, none_test = rows["no regularization"]
    assert none_train - none_test > 0.02, "the unregularized network overfits"
    assert rows["L2, lambd = 0.7"][1] > none_test
    assert rows["dropout, keep_prob = 0.86"][1] > none_test
    assert rows["L2, lambd = 0.7"][0] < none_train, "L2 gives up some training accuracy"
    assert rows["dropout, same mask every iteration"][1] <= none_test, "a fixed mask does not regularize"
