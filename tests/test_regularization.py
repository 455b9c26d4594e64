"""The regularization assignment: published figures, property checks, and the notebook's experiment.

The fast tests run the reference solution (the notebook's provided and solution cells) on the classic
course's example inputs and compare with its published outputs, check ``shift_images`` and
``flip_horizontal`` against their index definitions, and check that the property checks of the hidden
tests accept the reference and reject typical mistakes. The slow tests execute the whole source
notebook once (about 20 s) and read what it prints: the runs must show what the text says about
them, and every figure the notebook's text and the README quote must be one the notebook printed.
"""
import re
from pathlib import Path

import numpy as np
import pytest

from autograder import course, samples
from autograder.execution import execute, outputs_by_cell
from autograder.cases import regularization as cases
from autograder.properties.regularization import (check_biases_not_regularized,
                                                  check_dropout_forward_structure,
                                                  check_early_stopping_types, check_images_kept)
from autograder.references import reference_namespace
from dlcourse.datasets import make_football
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


def test_shift_and_flip_follow_their_index_definitions(ref):
    """shifted[i, r, c, k] = images[i, r - dy, c - dx, k] inside the frame, 0 outside; a flip maps
    column c to n_W - 1 - c. Checked pixel by pixel, independently of the slicing in the solution."""
    images = np.random.RandomState(0).randint(1, 256, size=(2, 4, 6, 3)).astype(np.uint8)
    n_H, n_W = images.shape[1:3]
    for dx, dy in ((0, 0), (2, 1), (-1, 3), (5, -3), (-6, 0), (0, -4), (7, 9)):
        shifted = ref["shift_images"](images, dx, dy)
        assert shifted.dtype == np.uint8 and shifted.shape == images.shape
        for r in range(n_H):
            for c in range(n_W):
                inside = 0 <= r - dy < n_H and 0 <= c - dx < n_W
                want = images[:, r - dy, c - dx] if inside else 0
                assert np.array_equal(shifted[:, r, c], np.broadcast_to(want, (2, 3))), (dx, dy, r, c)
    flipped = ref["flip_horizontal"](images)
    for c in range(n_W):
        assert np.array_equal(flipped[:, :, c], images[:, :, n_W - 1 - c])


def test_early_stopping_agrees_with_stopping_inside_the_loop(ref):
    """Calling early_stopping on the whole record gives the epoch an online loop would stop at (what
    the notebook's text claims): the first prefix whose answer says "stopped"."""
    rs = np.random.RandomState(3)
    for trial in range(200):
        costs = list(np.round(rs.rand(rs.randint(1, 15)), 1))  # rounded: many ties
        patience = int(rs.randint(1, 5))
        online = None
        for e in range(len(costs)):
            best, stop = ref["early_stopping"](costs[:e + 1], patience)
            if stop - best == patience:
                online = (best, stop)
                break
        whole = ref["early_stopping"](costs, patience)
        if online is None:
            assert whole[1] == len(costs) - 1 and whole[1] - whole[0] < patience
        else:
            assert whole == online


def test_flip_zero_draws_the_same_points_with_their_unflipped_labels():
    """Section 4 measures the Bayes error by comparing make_football with flip=0.0 (same seed): the
    points must be the same, and the labels differ only where a label was flipped (near the curve)."""
    X, noisy, _, _ = make_football(n_train=5000, n_test=1, seed=11)
    X_clean, clean, _, _ = make_football(n_train=5000, n_test=1, seed=11, flip=0.0)
    np.testing.assert_array_equal(X, X_clean)
    flipped = float(np.mean(noisy != clean))
    assert 0.01 < flipped < 0.1


def test_new_property_checks_accept_the_reference_and_reject_mistakes(ref):
    check_early_stopping_types(ref["early_stopping"])
    check_images_kept(ref["flip_horizontal"], "flip_horizontal")
    check_images_kept(ref["shift_images"], "shift_images", shift=(2, -1))
    wrong = samples.load("regularization").WRONG
    namespace = dict(ref)
    exec(wrong["flip_horizontal"]["flipped in place"], namespace)
    with pytest.raises(CheckFailed, match=r"^flip_horizontal\(.*the input images were modified"):
        check_images_kept(namespace["flip_horizontal"], "flip_horizontal")
    exec(wrong["shift_images"]["zeros of float64 (the dtype is lost)"], namespace)
    with pytest.raises(CheckFailed, match=r"^shift_images\(.*dtype is float64, but uint8 images must stay uint8"):
        check_images_kept(namespace["shift_images"], "shift_images", shift=(2, -1))
    exec("def early_stopping(dev_costs, patience=3):\n    dev_costs.sort()\n    return 0, 0", namespace)
    with pytest.raises(CheckFailed, match="list of dev costs was modified"):
        check_early_stopping_types(namespace["early_stopping"])
    exec("def early_stopping(dev_costs, patience=3):\n    return 1.0, 4.0", namespace)
    with pytest.raises(CheckFailed, match="two ints"):
        check_early_stopping_types(namespace["early_stopping"])


# ----------------------------------------------------------------- the experiment, end to end

ROOT = Path(__file__).resolve().parents[1]
FIGURE = re.compile(r"\b[01]\.\d{4}\b")  # how the notebook prints accuracies, errors and costs
ROW = re.compile(r"^(?P<name>\S.*?)\s{2,}(?P<train>[01]\.\d{4})\s+(?P<dev>[01]\.\d{4})\s+(?P<cost>\d\.\d{4})$")
#: the README's names of the runs -> the names the notebook prints
README_NAMES = {"no regularisation": "no regularization", "L2 λ=0.7": "L2, lambd = 0.7",
                "dropout 0.86": "dropout, keep_prob = 0.86", "early stopping": "early stopping, patience 3"}


@pytest.fixture(scope="module")
def printed():
    """{grade_id: what the cell printed} of the executed source notebook (no cell may fail)."""
    nb, _ = execute(course.source_notebook_path("regularization"))
    return {gid: text for gid, (text, _) in outputs_by_cell(nb).items()}


@pytest.fixture(scope="module")
def table(printed):
    """{run: (train accuracy, dev accuracy, dev cost)} as the conclusion prints it."""
    rows = {}
    for line in printed["conclusion"].splitlines():
        match = ROW.match(line.strip())
        if match:
            rows[match["name"]] = (float(match["train"]), float(match["dev"]), float(match["cost"]))
    return rows


def _markdown(gid):
    nb = course.source_notebook("regularization")
    (cell,) = [c for c in nb.cells if c.metadata["nbgrader"]["grade_id"] == gid]
    return cell.source


def _readme_row():
    (row,) = [line for line in (ROOT / "README.md").read_text().splitlines()
              if line.startswith("| 2 | `regularization` |")]
    return row


def test_notebook_runs_and_the_runs_show_what_the_text_says(printed, table):
    for function in cases.FUNCTIONS:
        assert "hidden test(s) passed" in printed["test_" + function], function
    assert "the gradients agree" in printed["gradcheck_l2"]
    assert "the gradients agree" in printed["gradcheck_dropout"]
    assert set(table) == {"no regularization", "L2, lambd = 0.7", "dropout, keep_prob = 0.86",
                          "dropout, same mask every iteration", "early stopping, patience 3"}, table

    none_train, none_dev, none_cost = table["no regularization"]
    bayes = float(re.search(r"Bayes error .*: ([01]\.\d{4})", printed["diagnosis"]).group(1))
    assert 1 - none_train < bayes, "section 4: the training error is below the Bayes error"
    assert "high_variance: True" in printed["diagnosis"] and "high_bias: False" in printed["diagnosis"]
    for name in ("L2, lambd = 0.7", "dropout, keep_prob = 0.86", "early stopping, patience 3"):
        assert table[name][2] < none_cost, f"{name}: a lower dev cost than the plain network"
        assert abs(table[name][1] - none_dev) < 0.0101, f"{name}: dev accuracy within a point"
    assert table["L2, lambd = 0.7"][0] < none_train, "L2 gives up some training accuracy"
    assert table["L2, lambd = 0.7"][2] < 0.6 * none_cost, "L2: the dev cost falls by about half"
    assert table["L2, lambd = 0.7"][2] < table["dropout, keep_prob = 0.86"][2], "dropout: less than L2"
    assert table["early stopping, patience 3"][0] < none_train
    assert table["dropout, same mask every iteration"][1] < none_dev, "a fixed mask does not regularize"
    assert table["dropout, same mask every iteration"][0] < none_train

    best, stop = map(int, re.search(r"best epoch (\d+) .*stop at epoch (\d+)", printed["early_stopping_run"]).groups())
    assert stop - best == 3, "the run stops: its dev cost rises after the best epoch"
    chosen = re.search(r"chosen on the dev set: (.*)", printed["final_test"]).group(1).strip()
    by_rule = min(table, key=lambda name: (-table[name][1], table[name][2]))
    assert chosen == by_rule


def test_every_quoted_figure_is_one_the_notebook_printed(printed, table):
    """The notebook's text and the README quote only figures the notebook printed (4 decimals)."""
    shown = set(FIGURE.findall("\n".join(printed.values())))
    nb = course.source_notebook("regularization")
    quoted = {(c.metadata["nbgrader"]["grade_id"], figure) for c in nb.cells if c.cell_type == "markdown"
              for figure in FIGURE.findall(c.source)}
    quoted |= {("README", figure) for figure in FIGURE.findall(_readme_row())}
    assert quoted, "nothing quoted: the patterns no longer match the text"
    assert not [q for q in quoted if q[1] not in shown], "quoted but never printed"

    # the dropout paragraph: dropout's training accuracy against the plain network's, in examples
    match = re.search(r"(0\.\d{4}) against\s+(0\.\d{4}) is (\d+) against (\d+) training points",
                      _markdown("dropout_after_md"))
    assert match, "the dropout paragraph no longer quotes the two training accuracies"
    m_train = 211
    dropout_train, none_train = table["dropout, keep_prob = 0.86"][0], table["no regularization"][0]
    assert (float(match[1]), float(match[2])) == (dropout_train, none_train)
    assert (int(match[3]), int(match[4])) == (round(dropout_train * m_train), round(none_train * m_train))

    # the README row: train/dev of each run, and the test accuracy of the one chosen
    row = _readme_row()
    for readme_name, name in README_NAMES.items():
        pair = re.search(re.escape(readme_name) + r" ([01]\.\d{4})/([01]\.\d{4})", row)
        assert pair, readme_name
        assert (float(pair[1]), float(pair[2])) == table[name][:2], readme_name
    chosen = re.search(r"chosen on the dev set: (.*)", printed["final_test"]).group(1).strip()
    test_accuracy = re.search(r"test accuracy .*: ([01]\.\d{4})", printed["final_test"]).group(1)
    readme_choice = re.search(r"chosen on the dev set, ([^,]+), ([01]\.\d{4}) on the test set", row)
    assert readme_choice and README_NAMES[readme_choice[1]] == chosen and readme_choice[2] == test_accuracy
