"""The batch_normalization assignment: ``dlcourse.mlp`` with BatchNorm and softmax wired in (the
reference solution's functions, as a student's would be), the consistency of the case file's
caches with the reference forward pass, the property checks of the hidden tests, and one
execution of the source notebook whose printed results are compared with the figures its text
describes.
"""
import copy
import json
import os
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

from autograder.cells import grade_id
from autograder.execution import execute, outputs_by_cell, table_rows

from autograder import samples
from autograder.cases import batch_normalization as bn_cases
from autograder.properties.batch_normalization import (check_backward_numerically,
                                                       check_backward_with_own_forward,
                                                       check_running_averages)
from autograder.references import reference_namespace
from conftest import assert_network_gradients
from dlcourse.mlp import FullyConnectedNet, train
from dlcourse.testing import CheckFailed, compare


NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "batch_normalization" / "batch_normalization.ipynb"


@pytest.fixture(scope="module")
def ref():
    return reference_namespace("batch_normalization")


def _net(ref, dims, batchnorm=True, seed=1):
    return FullyConnectedNet(dims, output=(ref["softmax"], ref["compute_softmax_cost"]),
                             batchnorm=(ref["batchnorm_forward"], ref["batchnorm_backward"]) if batchnorm else None,
                             seed=seed)


# ----------------------------------------------------------------- dlcourse.mlp with BN and softmax

def test_batchnorm_layers_have_gamma_beta_and_no_bias(ref):
    net = _net(ref, [5, 4, 3, 2])
    assert list(net.parameters) == ["W1", "gamma1", "beta1", "W2", "gamma2", "beta2", "W3", "b3"]
    assert [p["running_mean"].shape for p in net.bn_params] == [(4, 1), (3, 1)]
    assert all(p["momentum"] == 0.9 and p["eps"] == 1e-5 for p in net.bn_params)
    plain = _net(ref, [5, 4, 3, 2], batchnorm=False)
    assert list(plain.parameters) == ["W1", "b1", "W2", "b2", "W3", "b3"] and plain.bn_params == []


@pytest.mark.parametrize("dims", [[5, 4, 3, 3], [3, 6, 2], [4, 3, 5, 2, 4]])
def test_whole_network_gradients_with_batchnorm_and_softmax(ref, dims):
    rng = np.random.default_rng(len(dims))
    X = rng.standard_normal((dims[0], 8))
    Y = ref["one_hot"](rng.integers(0, dims[-1], size=8), dims[-1])
    net = _net(ref, dims)
    assert_network_gradients(net, X, Y)


def test_train_mode_updates_running_averages_and_test_mode_uses_them(ref):
    rng = np.random.default_rng(0)
    net = _net(ref, [3, 4, 2])
    X = 2 + 3 * rng.standard_normal((3, 16))
    Z1 = net.parameters["W1"] @ X
    net.forward(X, mode="train")
    assert np.allclose(net.bn_params[0]["running_mean"], 0.1 * Z1.mean(axis=1, keepdims=True))
    assert np.allclose(net.bn_params[0]["running_var"], 0.1 * Z1.var(axis=1, keepdims=True))
    before = copy.deepcopy(net.bn_params)
    A_test, _ = net.forward(X[:, :1], mode="test")
    for now, then in zip(net.bn_params, before):
        compare((now["running_mean"], now["running_var"]), (then["running_mean"], then["running_var"]))
    # one example in test mode = the same example inside a batch in test mode
    assert np.allclose(A_test, net.forward(X, mode="test")[0][:, :1])
    assert net.predict(X).shape == (16,)


def test_training_with_batchnorm_and_softmax_learns(ref):
    rng = np.random.default_rng(1)
    X = rng.standard_normal((20, 300))
    labels = np.argmax(rng.standard_normal((3, 20)) @ X, axis=0)
    net = _net(ref, [20, 16, 8, 3], seed=2)
    history = train(net, X, ref["one_hot"](labels, 3), learning_rate=0.01, num_epochs=30,
                    mini_batch_size=32, seed=3, eval_every=10)
    assert history.cost[-1] < 0.2 * history.cost[0]
    assert history.train_acc[-1] > 0.95 and net.accuracy(X, labels) == history.train_acc[-1]


# ----------------------------------------------------------------- cases and property checks

def test_case_caches_follow_the_reference_forward_pass(ref):
    for case in bn_cases.hidden()["batchnorm_backward"] + bn_cases.visible()["batchnorm_backward"]:
        _, cache = case.args
        Z, _, _, _, gamma, beta, eps = cache
        _, ref_cache = ref["batchnorm_forward"](Z, gamma, beta, {"mode": "train", "eps": eps})
        compare(cache, ref_cache, rtol=1e-12, atol=1e-14)


def test_test_mode_cases_compare_out_and_not_the_cache():
    """No contract fixes the cache of test mode (other courses' solutions return None there): the
    test-mode cases compare out only, the train-mode ones the whole (out, cache)."""
    from autograder import course
    from dlcourse.casefile import load_cases
    from dlcourse.testing import run_cases
    for path in (course.visible_reference_path("batch_normalization"),
                 course.hidden_reference_path("batch_normalization")):
        for case in load_cases(path)["batchnorm_forward"]:
            test_mode = case.args[3]["mode"] == "test"
            assert (case.options.get("checked_items") == [0]) == test_mode, case.label
            if test_mode:
                out = case.expected[0]
                run_cases(lambda Z, gamma, beta, bn_param: (out.copy(), None), "batchnorm_forward", [case])
                with pytest.raises(CheckFailed, match=r"result\[0\] has the wrong values"):
                    run_cases(lambda Z, gamma, beta, bn_param: (out + 0.1, None), "batchnorm_forward", [case])


def _sample(kind, function, label):
    namespace = {"np": np}
    exec(getattr(samples.load("batch_normalization"), kind)[function][label], namespace)
    return namespace[function]


def test_property_checks_pass_the_reference_and_alternatives(ref):
    check_running_averages(ref["batchnorm_forward"])
    check_backward_numerically(ref["batchnorm_backward"])
    check_backward_with_own_forward(ref["batchnorm_forward"], ref["batchnorm_backward"])
    for label in samples.load("batch_normalization").CORRECT["batchnorm_forward"]:
        forward = _sample("CORRECT", "batchnorm_forward", label)
        check_running_averages(forward)
        check_backward_with_own_forward(forward, ref["batchnorm_backward"])
    check_backward_numerically(_sample("CORRECT", "batchnorm_backward", "step by step on the computation graph"))


@pytest.mark.parametrize("label, message", [
    ("running averages not stored in bn_param", r"bn_param\['running_mean'\] after the call has the wrong "
                                                r"values .*; it should be momentum \* running"),
    ("momentum on the wrong side of the update", r"bn_param\['running_mean'\] after the call has the wrong values"),
])
def test_running_average_check_catches_mistakes(label, message):
    with pytest.raises(CheckFailed, match=r"^batchnorm_forward\(train mode.*" + message):
        check_running_averages(_sample("WRONG", "batchnorm_forward", label))


@pytest.mark.parametrize("label", ["mean and variance treated as constants",
                                   "gradient through the variance forgotten", "gamma forgotten in dZ"])
def test_numerical_gradient_check_catches_mistakes(label):
    with pytest.raises(CheckFailed, match=r"^batchnorm_backward\(a numerical check on several units\): dZ differs from the numerical"):
        check_backward_numerically(_sample("WRONG", "batchnorm_backward", label))


def test_own_forward_check_is_skipped_for_a_wrong_forward_and_catches_a_wrong_backward(ref, capsys):
    wrong_forward = _sample("WRONG", "batchnorm_forward", "unbiased variance (ddof=1)")
    check_backward_with_own_forward(wrong_forward, ref["batchnorm_backward"])
    assert "skipped" in capsys.readouterr().out
    with pytest.raises(CheckFailed, match=r"^batchnorm_backward\(.*\) on the cache of your batchnorm_forward"):
        check_backward_with_own_forward(ref["batchnorm_forward"],
                                        _sample("WRONG", "batchnorm_backward", "gamma forgotten in dZ"))


# ----------------------------------------------------------------- the notebook's experiment

def _execute(path):
    """Run a notebook with its experiments; no cell may fail. {grade_id: (text, figures)}."""
    nb, _ = execute(path)
    return outputs_by_cell(nb)


@pytest.mark.skipif(os.environ.get("DLCOURSE_SKIP_NOTEBOOK_TESTS") == "1", reason="notebook run disabled")
def test_notebook_runs_and_reproduces_its_results():
    outputs = _execute(NOTEBOOK)
    for gid in ("batchnorm_forward", "batchnorm_backward", "softmax", "one_hot", "compute_softmax_cost"):
        assert "passed" in outputs["test_" + gid][0]
    for gid in ("inputs_demo", "experiment_data", "experiment_runs", "experiment_predictions"):
        assert outputs[gid][1] == 1, f"{gid} shows its figure"
    for line in outputs["network_gradcheck"][0].splitlines() + outputs["gradcheck_demo"][0].splitlines():
        assert float(line.split()[-1]) < 1e-7, line

    rows = {}
    for row in table_rows(outputs["experiment_table"][0], "run "):
        fields = row.split()
        rows[" ".join(fields[:-4])] = [float(x) for x in fields[-4:]]
    assert list(rows) == ["no BN, lr=0.001", "BN, lr=0.001", "no BN, lr=0.01", "BN, lr=0.01"]
    # the figures the notebook's text describes (published with the notebook: train / dev accuracy
    # 0.890 / 0.500, 1.000 / 0.583, 0.334 / 0.283, 0.969 / 0.542), within a few images
    published = {"no BN, lr=0.001": (0.890, 0.500), "BN, lr=0.001": (1.000, 0.583),
                 "no BN, lr=0.01": (0.334, 0.283), "BN, lr=0.01": (0.969, 0.542)}
    for key, (train_acc, dev_acc) in published.items():
        assert rows[key][2] == pytest.approx(train_acc, abs=0.05), key
        assert rows[key][3] == pytest.approx(dev_acc, abs=0.06), key
    assert rows["BN, lr=0.01"][2] > 0.9 and rows["no BN, lr=0.01"][2] < 0.5, "BN makes lr=0.01 train"
    assert rows["BN, lr=0.001"][1] < rows["no BN, lr=0.001"][1], "BN ends with a lower cost"
    assert rows["BN, lr=0.001"][3] > rows["no BN, lr=0.001"][3], "and a better dev accuracy"
    assert min(r[1] for r in rows.values()) == rows["BN, lr=0.01"][1], "BN at lr=0.01: the lowest cost"
    assert rows["no BN, lr=0.01"][3] < 1 / 6 + 0.15, "not much better than guessing"
    for key in rows:
        if key != "no BN, lr=0.01":
            assert rows[key][3] > rows["no BN, lr=0.01"][3] + 0.2, key
            assert rows[key][3] < rows[key][2] - 0.3, f"{key}: dev accuracy well below train"
    bn_gap = abs(rows["BN, lr=0.001"][3] - rows["BN, lr=0.01"][3]) * 120
    assert 0 < round(bn_gap) <= 8, "the two BatchNorm runs end a few dev images apart"

    # the test set, once: the run chosen on the dev set, and its test accuracy
    final = outputs["experiment_predictions"][0]
    chosen = re.search(r"chosen on the dev set: (.+) \(dev accuracy ([0-9.]+)\)", final)
    best_dev = max(r[3] for r in rows.values())
    assert chosen.group(1) == next(k for k, r in rows.items() if r[3] == best_dev) == "BN, lr=0.001"
    test_acc = float(re.search(r"on the 120 test images: ([0-9.]+)", final).group(1))
    assert test_acc == pytest.approx(0.658, abs=0.06)
    assert round(abs(test_acc - float(chosen.group(2))) * 120) == 9, "the text: about nine images apart"


def test_the_test_set_is_used_once_at_the_end():
    """Only the data cell (which standardises it with the training statistics) and the last
    experiment cell (one call of predict) touch the test images; training evaluates on a dev split of
    the training images, drawn with a fixed seed."""
    nb = nbformat.read(str(NOTEBOOK), as_version=4)
    touching = [grade_id(c) for c in nb.cells if c.cell_type == "code" and "X_test" in c.source]
    assert touching == ["experiment_data", "experiment_predictions"]
    last = next(c.source for c in nb.cells if grade_id(c) == "experiment_predictions")
    assert re.findall(r"\w+\(X_test\b", last) == ["predict(X_test"], "one call on the test images"
    assert "accuracy(X_test" not in last and "X_dev=X_test" not in json.dumps(nb.cells)
    runs = next(c.source for c in nb.cells if grade_id(c) == "experiment_runs")
    assert "X_dev=X_dev, Y_dev=Y_dev" in runs
    data = next(c.source for c in nb.cells if grade_id(c) == "experiment_data")
    assert "train_dev_split(" in data and "seed=0" in data
    assert "standardize(X_train, X_dev, flatten_images(X_test_orig))" in data


def test_contract_backward_equals_the_stored_reference_gradients():
    """The own-forward property's formula (bn_backward) gives the stored hidden expected values,
    which the reference solution computed."""
    from autograder import course
    from autograder.properties.batch_normalization import bn_backward
    from dlcourse.casefile import load_cases
    from dlcourse.testing import compare
    for case in load_cases(course.hidden_reference_path("batch_normalization"))["batchnorm_backward"]:
        compare(bn_backward(*case.args), case.expected, where=case.label)
