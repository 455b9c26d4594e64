"""Tests of the dlcourse helpers: activations, three_layer, gradcheck, plotting.

The checks use independent oracles (finite differences, explicit loops, hand
values) rather than numbers copied from the implementation. The last test
reproduces the classic initialization result (He init: train 0.9933, test 0.96).
"""
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from dlcourse.activations import relu, sigmoid  # noqa: E402
from dlcourse.gradcheck import (check_gradient, dictionary_to_vector,  # noqa: E402
                                gradients_to_vector, numerical_gradient,
                                parameter_shapes, relative_difference,
                                vector_to_dictionary)
from dlcourse.plotting import (plot_costs, plot_dataset,  # noqa: E402
                               plot_decision_boundary)
from dlcourse.three_layer import (accuracy, backward_propagation,  # noqa: E402
                                  compute_cost, compute_cost_total, compute_loss,
                                  forward_propagation, predict, predict_dec,
                                  update_parameters)


# ----------------------------------------------------------------- helpers

def random_parameters(layer_dims, rng, scale=1.0):
    """W[l] ~ scale * N(0, 1), b[l] ~ 0.1 * N(0, 1), for any layer sizes."""
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = scale * rng.standard_normal((layer_dims[l], layer_dims[l - 1]))
        parameters[f"b{l}"] = 0.1 * rng.standard_normal((layer_dims[l], 1))
    return parameters


def small_problem(seed=0, layer_dims=(3, 4, 3, 1), m=6):
    """A small random 3-layer problem whose pre-activations stay away from the
    ReLU kink, so that finite differences are valid."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((layer_dims[0], m))
    Y = (rng.random((1, m)) > 0.5).astype(np.float64)
    parameters = random_parameters(layer_dims, rng)
    _, cache = forward_propagation(X, parameters)
    Z1, Z2 = cache[0], cache[4]
    assert min(np.abs(Z1).min(), np.abs(Z2).min()) > 1e-3, "pick another seed"
    assert (Z1 > 0).any() and (Z2 > 0).any(), "pick another seed"
    return X, Y, parameters


def loss_of(X, Y, parameters):
    return compute_loss(forward_propagation(X, parameters)[0], Y)


def circles(n, noise=0.05, factor=0.8):
    """scikit-learn's make_circles, drawn from NumPy's global RNG."""
    n_out = n // 2
    n_in = n - n_out
    lo = np.linspace(0, 2 * np.pi, n_out, endpoint=False)
    li = np.linspace(0, 2 * np.pi, n_in, endpoint=False)
    X = np.vstack([np.append(np.cos(lo), factor * np.cos(li)),
                   np.append(np.sin(lo), factor * np.sin(li))]).T
    y = np.hstack([np.zeros(n_out, dtype=np.int64), np.ones(n_in, dtype=np.int64)])
    idx = np.arange(n)
    np.random.shuffle(idx)
    X, y = X[idx], y[idx]
    X += np.random.normal(scale=noise, size=X.shape)
    return X.T, y[None, :]


def one_unit_net(b3=0.0):
    """1-1-1-1 net with identity weights: Z3 = relu(relu(x)) + b3."""
    one = np.ones((1, 1))
    return {"W1": one, "b1": np.zeros((1, 1)), "W2": one, "b2": np.zeros((1, 1)),
            "W3": one, "b3": np.full((1, 1), b3)}


# ------------------------------------------------------------- activations

def test_sigmoid_values():
    assert sigmoid(0.0) == 0.5
    assert sigmoid(np.log(3.0)) == pytest.approx(0.75, rel=1e-15)
    x = np.linspace(-5, 5, 11)
    np.testing.assert_allclose(sigmoid(x) + sigmoid(-x), 1.0, rtol=1e-15)
    assert sigmoid(np.zeros((2, 3))).shape == (2, 3)


def test_relu_values():
    x = np.array([[-2.0, -0.0, 0.0, 3.5]])
    np.testing.assert_array_equal(relu(x), [[0.0, 0.0, 0.0, 3.5]])
    assert relu(x).shape == x.shape


# --------------------------------------------------------- forward / backward

def test_forward_matches_explicit_formula_and_cache_layout():
    X, Y, p = small_problem()
    A3, cache = forward_propagation(X, p)
    Z1 = p["W1"] @ X + p["b1"]
    A1 = np.where(Z1 > 0, Z1, 0)
    Z2 = p["W2"] @ A1 + p["b2"]
    A2 = np.where(Z2 > 0, Z2, 0)
    Z3 = p["W3"] @ A2 + p["b3"]
    expected = (Z1, A1, p["W1"], p["b1"], Z2, A2, p["W2"], p["b2"],
                Z3, 1 / (1 + np.exp(-Z3)), p["W3"], p["b3"])
    assert len(cache) == 12
    for got, want in zip(cache, expected):
        np.testing.assert_allclose(got, want, rtol=1e-12, atol=1e-15)
    assert A3 is cache[9] and A3.shape == (1, X.shape[1])


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_backward_matches_numerical_gradient(seed):
    X, Y, p = small_problem(seed)
    _, cache = forward_propagation(X, p)
    grads = backward_propagation(X, Y, cache)
    assert set(grads) == {"dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2",
                          "dA1", "dZ1", "dW1", "db1"}
    for name, value in p.items():
        def f(v, name=name):
            return loss_of(X, Y, {**p, name: v})
        numeric = numerical_gradient(f, value, epsilon=1e-6)
        assert grads["d" + name].shape == value.shape
        assert relative_difference(grads["d" + name], numeric) < 1e-7, name


def test_backward_intermediate_gradients():
    X, Y, p = small_problem(0)
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = forward_propagation(X, p)[1]
    grads = backward_propagation(X, Y, (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3))

    def from_z3(z3):
        return compute_loss(sigmoid(z3), Y)

    def from_a2(a2):
        return from_z3(W3 @ a2 + b3)

    def from_a1(a1):
        return from_a2(relu(W2 @ a1 + b2))

    for key, f, x in [("dZ3", from_z3, Z3), ("dA2", from_a2, A2), ("dA1", from_a1, A1)]:
        numeric = numerical_gradient(f, x, epsilon=1e-6)
        assert relative_difference(grads[key], numeric) < 1e-7, key


# --------------------------------------------------------------------- costs

def test_cost_of_half_is_log_two():
    A3 = np.full((1, 8), 0.5)
    Y = np.array([[0, 1, 1, 0, 1, 0, 0, 1]])
    for fn in (compute_loss, compute_cost):
        value = fn(A3, Y)
        assert type(value) is float
        assert value == pytest.approx(np.log(2), rel=1e-15)
    total = compute_cost_total(A3, Y)
    assert type(total) is float
    assert total == pytest.approx(8 * np.log(2), rel=1e-15)


def test_cost_hand_values():
    A3 = np.array([[0.9, 0.2, 0.6]])
    Y = np.array([[1, 0, 0]])
    by_hand = -(np.log(0.9) + np.log(0.8) + np.log(0.4))
    assert compute_cost_total(A3, Y) == pytest.approx(by_hand, rel=1e-14)
    assert compute_loss(A3, Y) == pytest.approx(by_hand / 3, rel=1e-14)
    assert compute_cost(A3, Y) == compute_loss(A3, Y)


def test_cost_with_exact_zero_and_one_is_warning_free():
    A3 = np.array([[0.0, 1.0, 0.25]])
    Y = np.array([[0, 1, 1]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = compute_loss(A3, Y)
        cost = compute_cost(A3, Y)
        total = compute_cost_total(A3, Y)
        wrong = compute_loss(np.array([[1.0, 0.5]]), np.array([[0, 1]]))
    # the confident correct predictions cost nothing; only log(0.25) counts
    assert np.isfinite(loss)
    assert loss == pytest.approx(-np.log(0.25) / 3, rel=1e-14)
    assert cost == loss
    assert total == pytest.approx(-np.log(0.25), rel=1e-14)
    assert wrong == np.inf          # a confident wrong prediction costs inf


# ------------------------------------------------------------------ update

def test_update_parameters_matches_explicit_loop():
    rng = np.random.default_rng(5)
    layer_dims = [3, 7, 2, 4, 1]
    p = random_parameters(layer_dims, rng)
    grads = {"d" + k: rng.standard_normal(v.shape) for k, v in p.items()}
    grads["dZ1"] = np.ones(3)               # extra keys are ignored
    old = {k: v.copy() for k, v in p.items()}
    held = p["W1"]                          # an array the caller kept

    result = update_parameters(p, grads, 0.05)

    assert result is p
    assert set(result) == set(old)
    for l in range(1, len(layer_dims)):
        for name in (f"W{l}", f"b{l}"):
            want = old[name] - 0.05 * grads["d" + name]
            np.testing.assert_array_equal(result[name], want)
    np.testing.assert_array_equal(held, old["W1"])


# ------------------------------------------------------------------ predict

def test_predict_threshold_is_strictly_above_half(capsys):
    X = np.array([[0.0, 1e-9, 3.0, 1.0, 1.0 + 1e-9]])
    # b3 = 0: A3 = sigmoid(x) -> exactly 0.5 at x = 0
    p0 = predict(X, np.array([[0, 1, 1, 1, 1]]), one_unit_net(0.0))
    assert p0.dtype == np.int64 and p0.shape == (1, 5)
    np.testing.assert_array_equal(p0, [[0, 1, 1, 1, 1]])
    assert capsys.readouterr().out.strip() == "Accuracy: 1.0"
    # b3 = -1: A3 = sigmoid(x - 1) -> exactly 0.5 at x = 1
    Y = np.array([[0, 0, 1, 0, 0]])
    p1 = predict(X, Y, one_unit_net(-1.0))
    np.testing.assert_array_equal(p1, [[0, 0, 1, 0, 1]])
    assert capsys.readouterr().out.strip() == "Accuracy: " + str(np.mean([1, 1, 1, 1, 0]))
    assert accuracy(X, Y, one_unit_net(-1.0)) == pytest.approx(0.8)
    assert capsys.readouterr().out == ""
    np.testing.assert_array_equal(predict_dec(one_unit_net(-1.0), X), p1.astype(bool))


def test_predict_quietly():
    X = np.array([[0.0, 2.0]])
    predict(X, np.array([[0, 1]]), one_unit_net(), print_accuracy=False)


# ---------------------------------------------------------------- gradcheck

def test_numerical_gradient_known_function_and_no_mutation():
    x = np.array([[1.0, -2.0, 0.5], [3.0, 0.0, -1.0]])
    x_before = x.copy()
    grad = numerical_gradient(lambda v: np.sum(v ** 3) + 2 * v[0, 1], x, epsilon=1e-5)
    assert grad.shape == x.shape
    want = 3 * x ** 2
    want[0, 1] += 2
    np.testing.assert_allclose(grad, want, rtol=1e-8, atol=1e-8)
    np.testing.assert_array_equal(x, x_before)


def test_numerical_gradient_sees_its_own_copy():
    x = np.array([2.0, 3.0])
    seen = []

    def f(v):
        seen.append(v is x)
        return float(v @ v)

    np.testing.assert_allclose(numerical_gradient(f, x), 2 * x, rtol=1e-6)
    assert not any(seen)
    # integer input is promoted, otherwise the step would be rounded away
    np.testing.assert_allclose(numerical_gradient(lambda v: np.sum(v ** 2), np.array([1, 2])),
                               [2.0, 4.0], rtol=1e-6)


def test_relative_difference():
    a = np.array([[1.0, 0.0]])
    b = np.array([[0.0, 1.0]])
    assert relative_difference(a, a) == 0.0
    assert relative_difference(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_difference(a, b) == pytest.approx(np.sqrt(2) / 2)
    assert relative_difference(a, -a) == pytest.approx(1.0)
    assert relative_difference(a, np.zeros_like(a)) == pytest.approx(1.0)
    assert type(relative_difference(a, b)) is float


def test_check_gradient():
    x = np.array([0.3, -1.2, 2.0])

    def f(v):
        return np.sum(np.sin(v))

    difference, ok = check_gradient(f, x, np.cos(x))
    assert ok is True and difference < 2e-7
    difference, ok = check_gradient(f, x, 2 * np.cos(x))
    assert ok is False and difference == pytest.approx(1 / 3, rel=1e-6)


LAYER_SIZES = [[4, 5, 3, 1], [3, 7, 2, 4, 1], [2, 10, 5, 1], [1, 1]]


@pytest.mark.parametrize("layer_dims", LAYER_SIZES)
def test_dictionary_vector_round_trip(layer_dims):
    rng = np.random.default_rng(len(layer_dims))
    p = random_parameters(layer_dims, rng)
    L = len(layer_dims) - 1
    order = [name for l in range(1, L + 1) for name in (f"W{l}", f"b{l}")]
    p_shuffled = {name: p[name] for name in reversed(order)}   # dict order must not matter

    theta, keys = dictionary_to_vector(p_shuffled)
    n = sum(v.size for v in p.values())
    assert theta.shape == (n, 1)
    assert keys == [name for name in order for _ in range(p[name].size)]
    np.testing.assert_array_equal(theta[:, 0], np.concatenate([p[k].ravel() for k in order]))

    shapes = parameter_shapes(p_shuffled)
    assert list(shapes) == order
    assert all(shapes[k] == p[k].shape for k in order)
    back = vector_to_dictionary(theta, shapes)
    assert list(back) == order
    for k in order:
        assert back[k].shape == p[k].shape
        np.testing.assert_array_equal(back[k], p[k])

    grads = {"d" + k: v for k, v in p.items()}
    grads.update({f"dZ{l}": np.ones((3, 3)) for l in range(1, L + 1)})
    grads.update({f"dA{l}": np.ones((2, 2)) for l in range(1, L)})
    np.testing.assert_array_equal(gradients_to_vector(grads), theta)

    theta[0, 0] += 1.0                     # the dict does not share memory with theta
    np.testing.assert_array_equal(back["W1"], p["W1"])


def test_vector_to_dictionary_defaults_to_classic_net():
    p = random_parameters([4, 5, 3, 1], np.random.default_rng(0))
    theta, _ = dictionary_to_vector(p)
    assert theta.shape == (47, 1)
    back = vector_to_dictionary(theta)
    assert {k: v.shape for k, v in back.items()} == {
        "W1": (5, 4), "b1": (5, 1), "W2": (3, 5), "b2": (3, 1), "W3": (1, 3), "b3": (1, 1)}
    for k in p:
        np.testing.assert_array_equal(back[k], p[k])
    with pytest.raises(ValueError):
        vector_to_dictionary(np.zeros((46, 1)))


def test_full_gradient_check_through_vectors():
    """The gradient check of the assignment, on a net of non-classic sizes."""
    rng = np.random.default_rng(11)
    X = rng.standard_normal((3, 5))
    Y = np.array([[1.0, 0.0, 1.0, 1.0, 0.0]])
    p = random_parameters([3, 6, 4, 1], rng)
    _, cache = forward_propagation(X, p)
    assert min(np.abs(cache[0]).min(), np.abs(cache[4]).min()) > 1e-3
    grads = backward_propagation(X, Y, cache)

    theta, _ = dictionary_to_vector(p)
    shapes = parameter_shapes(p)

    def J(t):
        return loss_of(X, Y, vector_to_dictionary(t, shapes))

    difference, ok = check_gradient(J, theta, gradients_to_vector(grads))
    assert ok, difference
    # a wrong backward pass (the classic bug: an extra factor of 2 on dW2) is caught
    bad = dict(grads, dW2=2 * grads["dW2"])
    difference, ok = check_gradient(J, theta, gradients_to_vector(bad))
    assert not ok and difference > 1e-3


# ----------------------------------------------------------------- plotting

@pytest.fixture
def fresh_figure(monkeypatch):
    def no_show(*args, **kwargs):
        raise AssertionError("plt.show() must not be called")
    monkeypatch.setattr(plt, "show", no_show)
    fig, ax = plt.subplots()
    yield ax
    plt.close(fig)


def test_plot_decision_boundary(fresh_figure):
    X = np.array([[-1.0, 0.0, 1.0, 0.5], [0.0, 1.0, -1.0, 0.5]])
    Y = np.array([[0, 1, 1, 0]])
    shapes_seen = []

    def predict_fn(points):
        shapes_seen.append(points.shape)
        return points[0:1, :] > 0           # (1, k) booleans, like predict_dec

    ax = plot_decision_boundary(predict_fn, X, Y, ax=fresh_figure, title="boundary")
    assert ax is fresh_figure
    assert shapes_seen and shapes_seen[0][0] == 2
    assert len(ax.collections) >= 2         # the filled contour and the scatter
    assert ax.get_title() == "boundary"
    x_lo, x_hi = ax.get_xlim()
    assert x_lo < X[0].min() and x_hi > X[0].max()


def test_plot_decision_boundary_with_the_network(fresh_figure):
    X, Y, p = small_problem(0, layer_dims=(2, 4, 3, 1), m=20)
    ax = plot_decision_boundary(lambda x: predict_dec(p, x), X, Y, ax=fresh_figure)
    assert len(ax.collections) >= 2


def test_plot_dataset_and_costs(fresh_figure, monkeypatch):
    X = np.array([[0.0, 1.0, 2.0], [1.0, 0.0, 1.0]])
    ax = plot_dataset(X, np.array([[0, 1, 0]]), ax=fresh_figure, title="data")
    assert ax is fresh_figure and ax.collections[0].get_offsets().shape == (3, 2)

    fig, ax2 = plt.subplots()
    try:
        out = plot_costs([0.7, 0.5, 0.3], learning_rate=0.01, ax=ax2, every=100, label="he")
        assert out is ax2
        line, = ax2.get_lines()
        np.testing.assert_array_equal(line.get_xdata(), [0, 100, 200])
        np.testing.assert_array_equal(line.get_ydata(), [0.7, 0.5, 0.3])
        assert "0.01" in ax2.get_title()
        assert ax2.get_legend() is not None
        plt.sca(ax2)
        assert plot_costs(np.array([1.0, 0.5])) is ax2      # ax=None: current Axes
    finally:
        plt.close(fig)


# ------------------------------------------------------------- reproduction

def test_reproduces_classic_he_initialization_result():
    """Classic initialization assignment, He init: train 0.9933, test 0.96."""
    np.random.seed(1)
    train_X, train_Y = circles(300)
    np.random.seed(2)
    test_X, test_Y = circles(100)

    layer_dims = [2, 10, 5, 1]
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = (np.random.randn(layer_dims[l], layer_dims[l - 1])
                               * np.sqrt(2. / layer_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))

    costs = {}
    for i in range(15000):
        A3, cache = forward_propagation(train_X, parameters)
        if i in (0, 14000):
            costs[i] = compute_loss(A3, train_Y)
        grads = backward_propagation(train_X, train_Y, cache)
        parameters = update_parameters(parameters, grads, 0.01)

    # published: "Cost after iteration 0: 0.8830537463419761" and
    # "Cost after iteration 14000: 0.07357895962677366" (the last digits vary
    # between BLAS builds: ...63, ...66 and ...69 are all in circulation)
    assert costs[0] == pytest.approx(0.8830537463419761, rel=1e-12)
    assert costs[14000] == pytest.approx(0.07357895962677366, rel=1e-9)
    assert accuracy(train_X, train_Y, parameters) == pytest.approx(298 / 300, abs=1e-12)
    assert accuracy(test_X, test_Y, parameters) == pytest.approx(0.96, abs=1e-12)
