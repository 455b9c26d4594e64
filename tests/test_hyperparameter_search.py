"""The hyperparameter_search assignment: the helper network of ``dlcourse.mlp`` (unit checks with
independent oracles: finite differences, textbook formulas, loops), the property checks of the
hidden tests, and one execution of the source notebook whose printed results are compared with
the figures the notebook's text describes.
"""
import os
import re
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import nbformat  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from autograder import samples  # noqa: E402
from autograder.cases import hyperparameter_search as cases  # noqa: E402
from autograder.cells import cell_by_id  # noqa: E402
from autograder.execution import execute, outputs_by_cell, table_rows  # noqa: E402
from autograder.properties.hyperparameter_search import (  # noqa: E402
    check_beta_distribution, check_log_uniform_distribution)
from autograder.references import reference_namespace  # noqa: E402
from conftest import assert_network_gradients  # noqa: E402
from dlcourse.gradcheck import numerical_gradient, relative_difference  # noqa: E402
from dlcourse.mlp import (Adam, FullyConnectedNet, affine_backward, affine_forward,  # noqa: E402
                          flatten_images, relu_backward, relu_forward, sigmoid_cross_entropy,
                          sigmoid_forward, single_blas_thread, standardize, train,
                          train_dev_split)
from dlcourse.testing import CheckFailed, call_case  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "hyperparameter_search" / "hyperparameter_search.ipynb"


# ----------------------------------------------------------------- dlcourse.mlp: layers

def test_affine_and_relu_layers_match_finite_differences():
    rng = np.random.default_rng(0)
    A_prev, W, b = rng.standard_normal((4, 5)), rng.standard_normal((3, 4)), rng.standard_normal((3, 1))
    G = rng.standard_normal((3, 5))
    Z, cache = affine_forward(A_prev, W, b)
    assert np.allclose(Z, W @ A_prev + b)
    dA_prev, dW, db = affine_backward(G, cache)
    for analytic, x, f in ((dA_prev, A_prev, lambda v: np.sum(G * affine_forward(v, W, b)[0])),
                           (dW, W, lambda v: np.sum(G * affine_forward(A_prev, v, b)[0])),
                           (db, b, lambda v: np.sum(G * affine_forward(A_prev, W, v)[0]))):
        assert relative_difference(analytic, numerical_gradient(f, x)) < 1e-7
    assert affine_backward(G, cache, need_dA_prev=False)[0] is None
    assert affine_backward(G, affine_forward(A_prev, W, None)[1])[2] is None

    Zr = np.array([[-1.0, 2.0], [0.5, -3.0]])
    A, relu_cache = relu_forward(Zr)
    assert np.array_equal(A, [[0, 2], [0.5, 0]])
    assert np.array_equal(relu_backward(np.ones((2, 2)), relu_cache), [[0, 1], [1, 0]])


def test_sigmoid_is_stable_and_exact():
    z = np.array([[-1000.0, -30.0, -1.0, 0.0, 2.0, 40.0, 1000.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        A, _ = sigmoid_forward(z)
    assert np.allclose(A[0, 1:-1], 1 / (1 + np.exp(-z[0, 1:-1])), rtol=1e-14, atol=0)
    assert A[0, 0] == 0.0 and A[0, -1] == 1.0
    Y = np.array([[0, 1, 1, 0, 1, 1, 1]], dtype=float)
    A = np.clip(A, 1e-12, 1 - 1e-12)
    loop = -sum(y * np.log(a) + (1 - y) * np.log(1 - a) for a, y in zip(A[0], Y[0])) / 7
    assert sigmoid_cross_entropy(A, Y) == pytest.approx(loop, rel=1e-12)


@pytest.mark.parametrize("dims, n_out", [([4, 5, 3, 1], 1), ([3, 6, 4], 4), ([5, 2], 2)])
def test_network_gradients_match_finite_differences(dims, n_out):
    rng = np.random.default_rng(len(dims))
    X = rng.standard_normal((dims[0], 7))
    Y = (rng.random((n_out, 7)) > 0.5).astype(float)
    net = FullyConnectedNet(dims, seed=3)
    for name in net.parameters:        # biases away from zero, so no ReLU sits on its kink
        if name.startswith("b"):
            net.parameters[name] += 0.1 * rng.standard_normal(net.parameters[name].shape)
    assert_network_gradients(net, X, Y)


def test_initialization_is_he_and_private():
    state = np.random.get_state()
    net = FullyConnectedNet([400, 300, 2], seed=5)
    assert np.array_equal(np.random.get_state()[1], state[1]), "the global generator is untouched"
    assert net.parameters["W1"].std() == pytest.approx(np.sqrt(2 / 400), rel=0.02)
    assert np.all(net.parameters["b1"] == 0) and net.parameters["b1"].shape == (300, 1)
    again = FullyConnectedNet([400, 300, 2], seed=5)
    assert np.array_equal(net.parameters["W2"], again.parameters["W2"])
    assert net.bn_params == []


# ----------------------------------------------------------------- dlcourse.mlp: training

def test_adam_matches_the_textbook_update():
    rng = np.random.default_rng(1)
    w0 = rng.standard_normal((3, 2))
    parameters = {"W1": w0.copy()}
    optimizer = Adam(parameters, learning_rate=0.01, beta1=0.8, beta2=0.99, epsilon=1e-3)
    m = np.zeros_like(w0)
    v = np.zeros_like(w0)
    w = w0.copy()
    for t in range(1, 6):
        g = rng.standard_normal((3, 2))
        optimizer.step({"dW1": g})
        m = 0.8 * m + 0.2 * g
        v = 0.99 * v + 0.01 * g ** 2
        w = w - 0.01 * (m / (1 - 0.8 ** t)) / (np.sqrt(v / (1 - 0.99 ** t)) + 1e-3)
        assert np.allclose(parameters["W1"], w, rtol=1e-12, atol=1e-15)


def test_train_learns_is_deterministic_and_leaves_the_global_generator_alone():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((2, 200))
    Y = (X[0:1] * X[1:2] > 0).astype(float)              # XOR-like quadrants
    np.random.seed(123)
    state = np.random.get_state()[1].copy()
    histories = []
    for _ in range(2):
        net = FullyConnectedNet([2, 16, 1], seed=0)
        histories.append(train(net, X, Y, learning_rate=0.03, num_epochs=60, mini_batch_size=32,
                               X_dev=X, Y_dev=Y, eval_every=20, seed=4))
    assert np.array_equal(np.random.get_state()[1], state)
    a, b = histories
    assert a.cost == b.cost and a.dev_acc == b.dev_acc, "same seeds, same run"
    assert a.cost[-1] < 0.5 * a.cost[0] and a.train_acc[-1] > 0.9
    assert a.eval_epochs == [20, 40, 60] and not a.diverged and len(a.cost) == 60


def test_train_stops_when_the_cost_is_not_finite():
    net = FullyConnectedNet([2, 3, 2], output=(lambda Z: Z, lambda A, Y: float("nan")))
    history = train(net, np.ones((2, 10)), np.zeros((2, 10)), num_epochs=5)
    assert history.diverged and len(history.cost) == 1 and np.isnan(history.cost[0])


def test_predictions_and_accuracy():
    net = FullyConnectedNet([3, 4, 3], seed=0)
    X = np.random.default_rng(2).standard_normal((3, 9))
    labels = net.predict(X)
    assert labels.shape == (9,) and np.array_equal(labels, np.argmax(net.forward(X, "test")[0], axis=0))
    Y = np.eye(3)[labels].T
    assert net.accuracy(X, Y) == 1.0 and net.accuracy(X, labels.reshape(1, -1)) == 1.0
    binary = FullyConnectedNet([3, 2, 1], seed=0)
    p = binary.predict_proba(X)[0]
    assert np.array_equal(binary.predict(X), (p > 0.5).astype(int))


def test_data_helpers():
    images = np.random.default_rng(3).integers(0, 256, size=(5, 8, 8, 3)).astype(np.uint8)
    X = flatten_images(images, pool=4)
    assert X.shape == (2 * 2 * 3, 5) and X.dtype == np.float64
    assert X[0, 1] == pytest.approx(images[1, :4, :4, 0].mean())          # pixel (0, 0), red
    assert X[3 * 1 + 2, 4] == pytest.approx(images[4, :4, 4:, 2].mean())  # pixel (0, 1), blue
    assert np.array_equal(flatten_images(images)[:, 2], images[2].reshape(-1))
    A, B = np.random.default_rng(4).normal(5, 3, size=(2, 4, 50))
    A_std, B_std = standardize(A, B)
    assert np.allclose(A_std.mean(axis=1), 0) and np.allclose(A_std.std(axis=1), 1)
    assert np.allclose(B_std, (B - A.mean(axis=1, keepdims=True)) / (A.std(axis=1, keepdims=True) + 1e-8))
    Y = np.arange(50).reshape(1, -1)
    X_tr, Y_tr, X_dev, Y_dev = train_dev_split(A, Y, 10, seed=1)
    assert X_dev.shape == (4, 10) and sorted(np.concatenate([Y_tr[0], Y_dev[0]])) == list(range(50))
    assert np.array_equal(X_dev, A[:, Y_dev[0]])


def test_single_blas_thread_restores_the_setting():
    from dlcourse.mlp import _openblas_controls
    controls = _openblas_controls()
    if controls is None:
        pytest.skip("NumPy's BLAS is not an OpenBLAS")
    get, _ = controls
    before = get()
    with single_blas_thread():
        assert get() == 1
    assert get() == before


# ----------------------------------------------------------------- property checks

def _define(source):
    namespace = {"np": np}
    exec(source, namespace)
    return namespace


def test_property_checks_pass_the_reference_and_catch_distribution_mistakes():
    reference = reference_namespace("hyperparameter_search")
    check_log_uniform_distribution(reference["sample_log_uniform"])
    check_beta_distribution(reference["sample_beta"])
    wrong = samples.load("hyperparameter_search").WRONG
    with pytest.raises(CheckFailed, match=r"^sample_log_uniform\(the example's bounds, 20000 draws\): .*decade 1 of 4"):
        check_log_uniform_distribution(_define(wrong["sample_log_uniform"]["uniform between low and high"])
                                       ["sample_log_uniform"])
    with pytest.raises(CheckFailed, match=r"^sample_log_uniform\(a 2-D size\) raised"):
        check_log_uniform_distribution(_define(wrong["sample_log_uniform"]
                                               ["np.random.rand(size): fails for a tuple"])["sample_log_uniform"])
    # sample_beta is checked with the contract's sample_log_uniform, whatever the student's is
    namespace = _define(wrong["sample_beta"]["uniform in [low, high]"])
    with pytest.raises(CheckFailed, match=r"^sample_beta\(betas close to 1, 20000 draws\): .*1 - beta"):
        check_beta_distribution(namespace["sample_beta"])
    namespace = _define(reference_program_of("sample_beta"))
    namespace["sample_log_uniform"] = lambda *a, **k: 1 / 0
    check_beta_distribution(namespace["sample_beta"])
    assert namespace["sample_log_uniform"].__name__ == "<lambda>", "the student's function is put back"


def _property_failures(function_name, implementation):
    """The message of the property check of ``function_name`` on ``implementation`` (None if it passes)."""
    check = {"sample_log_uniform": check_log_uniform_distribution,
             "sample_beta": check_beta_distribution}[function_name]
    try:
        check(implementation)
    except CheckFailed as failure:
        return str(failure)
    return None


def _spellings(x):
    return {repr(x), str(x), f"{x:g}", f"{x:e}", f"{x:.1e}"}


def test_property_messages_name_inputs_in_words_and_show_no_value():
    """The property checks are hidden: their messages may not show a call's bounds (other than
    the example's, which the notebook prints) nor a value the student's function returned."""
    hidden_bounds = [3e-7, 3e-2, 0.5, 0.99, 0.9999]
    sentinel = 123.456789  # a value the mutants return: it must not be echoed
    mutants = {
        "sample_log_uniform": [
            lambda low, high, size=None: sentinel if size is None else np.full(size, sentinel),
            lambda low, high, size=None: (np.nan if size is None
                                          else np.where(np.arange(np.prod(size)).reshape(size) == 7,
                                                        np.nan, (low + high) / 2)),
        ],
        "sample_beta": [
            lambda low=0.9, high=0.999, size=None: sentinel if size is None else np.full(size, sentinel),
        ],
    }
    wrong = samples.load("hyperparameter_search").WRONG
    messages = [_property_failures(name, _define(source)[name])
                for name in mutants for source in wrong[name].values()]
    messages += [_property_failures(name, f) for name, fs in mutants.items() for f in fs]
    messages = [m for m in messages if m is not None]
    assert len(messages) >= 8, messages
    assert any("NaN" in m for m in messages) and any("outside the bounds" in m for m in messages)
    for message in messages:
        for value in [*hidden_bounds, sentinel]:
            for spelled in _spellings(value):
                shown = re.search(rf"(?<![\d.]){re.escape(spelled)}(?![\d])", message)
                assert not shown, f"{spelled!r} shown in: {message}"


def test_ties_of_refine_space_are_specified_and_tested():
    """Of two equal scores the earlier result counts as the better (a stable sort, best first). The
    hidden tie cases are the ones that catch a sort keeping the later of equal scores, and the other
    correct implementation (heapq.nlargest) follows the rule."""
    reference = reference_namespace("hyperparameter_search")["refine_space"]
    module = samples.load("hyperparameter_search")
    later = _define(module.WRONG["refine_space"]["ties: sorted worst first, the last top_k kept"])["refine_space"]
    other = _define(module.CORRECT["refine_space"]["heapq.nlargest, dict comprehension"])["refine_space"]
    tie_labels = []
    for case in cases.visible()["refine_space"] + cases.hidden()["refine_space"]:
        expected = call_case(reference, case)
        assert call_case(other, case) == expected, case.label
        if call_case(later, case) != expected:
            tie_labels.append(case.label)
    assert len(tie_labels) == 3 and all("tie" in label or "equal" in label for label in tie_labels)
    # the rule itself, on the case with a tie at the cut: the earlier 0.65 (learning rate 7e-4) is in
    space, results = next(c.args for c in cases.hidden()["refine_space"] if "top_k-th place" in c.label)
    assert reference(space, results, 3)["learning_rate"] == ("log", 7.0e-4, 9.0e-3)
    notebook = NOTEBOOK.read_text(encoding="utf-8")
    assert "earlier in `results`" in notebook and "stable" in notebook


def reference_program_of(function):
    from autograder.submissions import reference_solutions
    return reference_solutions("hyperparameter_search")[function]


# ----------------------------------------------------------------- the notebook's experiment

def _execute(path):
    """Run a notebook with its experiments; no cell may fail. {grade_id: (text, figures)}."""
    nb, _ = execute(path)
    return outputs_by_cell(nb)


def _markdown(gid):
    """A markdown cell of the source notebook, its line breaks and runs of spaces made single spaces."""
    nb = nbformat.read(str(NOTEBOOK), as_version=4)
    return " ".join(cell_by_id(nb, gid).source.split())


def _quoted(pattern, text, where):
    """The groups of the one place where ``text`` matches ``pattern`` (the figures a sentence quotes)."""
    found = re.findall(pattern, text)
    assert len(found) == 1, f"{where}: expected one sentence matching {pattern!r}, found {len(found)}"
    return found[0]


@pytest.mark.skipif(os.environ.get("DLCOURSE_SKIP_NOTEBOOK_TESTS") == "1", reason="notebook run disabled")
def test_notebook_runs_and_reproduces_its_results():
    """Every figure the text quotes is the one its cell prints, and every claim the text makes of
    the figures holds for them: no expected value is typed here."""
    outputs = _execute(NOTEBOOK)
    for gid, (_, images) in outputs.items():
        if gid in ("decades", "grid_vs_random", "coarse_to_fine"):
            assert images == 1, f"{gid} shows its figure"
    for gid in ("sample_log_uniform", "sample_beta", "random_search", "refine_space"):
        assert "passed" in outputs["test_" + gid][0]

    decades = outputs["decades"][0]
    shares = [float(x) for x in re.findall(r"(\d+\.\d)%", decades)]
    assert shares[1::2] == pytest.approx([25.0] * 4, abs=2.0), "log-uniform: a quarter per decade"
    assert shares[-2] > 85, "uniform: about 90% in the last decade"

    # experiment_md: the size of the shrunk images and of the network's input
    shapes = re.search(r"train: \((\d+), (\d+)\)\s+dev: \((\d+), (\d+)\)", outputs["experiment_data"][0])
    n_features, n_dev = int(shapes.group(1)), int(shapes.group(4))
    text = _markdown("experiment_md")
    side, block, channels, numbers = map(int, _quoted(
        r"shrunk to \$(\d+) \\times \1\$ by averaging blocks of \$(\d+) \\times \2\$ pixels, then flattened "
        r"into a column of \$\1 \\cdot \1 \\cdot (\d+) = (\d+)\$ numbers", text, "experiment_md"))
    assert side * block == 64 and side * side * channels == numbers == n_features
    assert int(_quoted(r"`\[(\d+), n_h, 6\]`", text, "experiment_md")) == n_features

    # grid_vs_random: the table, the tally and the pooled figures it prints
    printed = outputs["grid_vs_random"][0]
    rows = {" ".join(r.split()[:-5]): r.split()[-5:] for r in table_rows(printed, "search ")}
    seeds = range(6)
    assert set(rows) == {"grid"} | {f"random, seed {s}" for s in seeds}
    assert rows["grid"][1] == "5" and all(rows[f"random, seed {s}"][1] == "25" for s in seeds)
    grid_best, grid_alpha = rows["grid"][2], rows["grid"][3]
    random_best = [rows[f"random, seed {s}"][2] for s in seeds]
    random_alpha = [float(rows[f"random, seed {s}"][3]) for s in seeds]
    tally = re.search(r"(\d+) seeds: better (\d+), equal (\d+), worse (\d+)", printed)
    n, better, equal, worse = map(int, tally.groups())
    assert n == len(seeds) and better + equal + worse == n
    assert better == sum(float(b) > float(grid_best) + 1e-9 for b in random_best)
    pooled = re.search(r"above the grid's best: (\d+) of (\d+) \((\d+\.\d)%\)\n.*1 - \(1 - (\d\.\d+)\)\*\*25 = (\d+)%",
                       printed)
    above, trials, share, q, chance = pooled.groups()
    assert int(trials) == 25 * n and int(chance) == round(100 * (1 - (1 - int(above) / int(trials)) ** 25))

    # grid_after_md: the figures it quotes are the printed ones, its claims hold for them
    text = _markdown("grid_after_md")
    assert _quoted(r"better (\d+), equal (\d+), worse (\d+)", text, "grid_after_md") == tally.groups()[1:]
    assert "wins with every seed" in text and "six wins out of six" in text and better == n == 6
    low, high, grid_quoted, grid_alpha_quoted = _quoted(
        r"go from (0\.\d{4}) to (0\.\d{4}), against (0\.\d{4}) for the grid, which it reaches at `([^`]+)`",
        text, "grid_after_md")
    assert (low, high, grid_quoted) == (min(random_best), max(random_best), grid_best)
    assert grid_alpha_quoted == grid_alpha
    assert 0 < float(low) - float(grid_best) and float(high) - float(grid_best) < 0.1, "by a few points"
    columns = [f"{a:.2e}" for a in np.logspace(-5, 0, 5)]
    assert grid_alpha in columns, "the grid's best learning rate is one of its columns"
    below, above_band = _quoted(r"lies between the grid's columns `([^`]+)` and `([^`]+)`", text, "grid_after_md")
    assert columns.index(above_band) == columns.index(below) + 1, "two neighbouring columns"
    assert all(float(below) < a < float(above_band) for a in random_alpha), \
        "every seed's best learning rate lies strictly between the two columns, on no grid value"
    assert "its column just above the band" in text and grid_alpha == above_band
    assert _quoted(r"(\d+) of the (\d+) random trials \((\d+\.\d)%\)", text, "grid_after_md") == (above, trials, share)
    assert _quoted(r"\$1 - \(1 - (\d\.\d+)\)\^\{25\}\$, that is (\d+)%", text, "grid_after_md") == (q, chance)
    assert int(_quoted(r"about one search in (\d+) would not beat the grid", text, "grid_after_md")) \
        == round(1 / (1 - int(chance) / 100))
    dev_images, one_image = _quoted(r"with (\d+) dev images, one image is \$(\d\.\d\d)\\%\$", text, "grid_after_md")
    assert int(dev_images) == n_dev and one_image == f"{100 / n_dev:.2f}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert _quoted(r"random beats the grid in (\d+), ties in (\d+), loses (\d+)", readme, "README.md") \
        == tally.groups()[1:], "the README's tally"

    # final_table and final_after_md
    final = {r.split()[0]: r.split() for r in table_rows(outputs["final_table"][0], "round ")}
    (coarse_n, coarse_median, coarse_best, coarse_test), (fine_n, fine_median, fine_best, fine_test) = (
        final[name][1:5] for name in ("coarse", "fine"))
    text = _markdown("final_after_md")
    assert _quoted(r"spent its (\d+) trials", text, "final_after_md") == fine_n
    assert _quoted(r"median dev accuracy is (0\.\d{4}), against (0\.\d{4}) for the (\d+) coarse trials",
                   text, "final_after_md") == (fine_median, coarse_median, coarse_n)
    assert float(fine_median) > float(coarse_median), "the fine round's trials are better as a whole"
    assert _quoted(r"Its best dev score is higher too, (0\.\d{4}) against (0\.\d{4})", text,
                   "final_after_md") == (fine_best, coarse_best)
    assert float(fine_best) > float(coarse_best), "the fine round's best is higher"
    assert _quoted(r"the two chosen configurations score the same, (0\.\d{4}) each", text,
                   "final_after_md") == fine_test == coarse_test
    assert "as it is here for both rounds" in text
    assert float(coarse_test) < float(coarse_best) and float(fine_test) < float(fine_best), \
        "the test accuracy is a bit lower than the best dev score"
    assert "fine log" in outputs["coarse_to_fine"][0], "the refined learning rate stays on a log scale"
