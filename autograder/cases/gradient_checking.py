"""Test inputs of the ``gradient_checking`` assignment.

``gradient_check`` calls the student's ``forward_propagation`` and ``backward_propagation``; every
case of it (visible ones too) patches correct versions of those two into the notebook's namespace
during the call (``patch_globals``), so that a mistake in them costs their own points only, and
so that hidden cases can use a non-linear ``J = x * theta**3``, on which a one-sided difference
and a gradient taken at the wrong point are visible (for the linear ``J = theta * x`` they are
not).

``gradient_check_n`` calls the provided ``forward_propagation_n`` and the provided
``vector_to_dictionary``, whose default shapes are those of the classic ``[4, 5, 3, 1]`` network.
Hidden cases on other networks patch a ``vector_to_dictionary`` with their shapes (and, for a
2-layer net, a ``forward_propagation_n``), so a solution that calls ``vector_to_dictionary(theta)``
with one argument, as the classic one does, works unchanged.

Every case passes only arguments that every published version of the signatures accepts:
``epsilon``, by keyword, and never ``print_msg`` (the earlier ``gradient_check(x, theta,
epsilon=1e-7)`` and ``gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7)`` have none, and
solutions written for them must get full marks). Printing is not graded.

Which mistakes the hidden cases expose:
- a missing denominator: every case has ``||grad|| + ||gradapprox||`` far from 1;
- dividing by ``epsilon`` instead of ``2 * epsilon``: the approximation doubles;
- a one-sided difference, and perturbing the parameter vector in place without restoring it:
  cases with ``epsilon = 1e-3`` on non-linear costs, where the centred difference is exact to
  ``O(epsilon**2)`` and those mistakes err by ``O(epsilon)``.
Those cases also make the expected value depend on mathematics rather than on rounding noise
(with ``epsilon = 1e-7`` and a correct gradient the difference is rounding noise, which can change
with the machine), hence the tolerance ``rtol = 1e-3`` of the ``gradient_check_n`` cases (a relative change of the
cost by 4e-16, the size of a rounding difference, moves their expected values by 2e-5 at most).
"""
import numpy as np

from dlcourse.casefile import Case

FUNCTIONS = ("forward_propagation", "backward_propagation", "gradient_check", "gradient_check_n")

#: solution cells that are exercises without a grade (section 4: the student locates and corrects
#: the planted mistakes). The release clears them like the graded ones; no test cell grades them,
#: and the notebook runs on when they are left blank.
UNGRADED = ("compare_by_block", "backward_propagation_n_corrected")

# ----------------------------------------------------------------- patches (Python source)

LINEAR = {"forward_propagation": "lambda x, theta: theta * x",
          "backward_propagation": "lambda x, theta: x"}
CUBIC = {"forward_propagation": "lambda x, theta: x * theta * theta * theta",
         "backward_propagation": "lambda x, theta: 3 * x * theta * theta"}
#: differences are tiny numbers: compare them relative to their size only (the default atol of 1e-9
#: would accept any two values below 1e-9, e.g. a difference without its denominator)
TOLERANCE_1D = {"rtol": 1e-4, "atol": 0.0}
CUBIC_WRONG_DERIVATIVE = {"forward_propagation": CUBIC["forward_propagation"],
                          "backward_propagation": "lambda x, theta: 2 * x * theta * theta"}


def _unflatten_patch(shapes):
    """Source of a vector_to_dictionary(theta, shapes=None) that defaults to ``shapes``."""
    text = ", ".join(f'"{name}": {tuple(shape)!r}' for name, shape in shapes.items())
    return ("def vector_to_dictionary(theta, shapes=None):\n"
            "    from dlcourse.gradcheck import vector_to_dictionary as unflatten\n"
            f"    return unflatten(theta, shapes or {{{text}}})\n")


TWO_LAYER_FORWARD = '''def forward_propagation_n(X, Y, parameters):
    Z1 = parameters["W1"] @ X + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    A2 = 1 / (1 + np.exp(-Z2))
    cost = -np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    return cost, (Z1, A1, Z2, A2)
'''


# ----------------------------------------------------------------- networks and their gradients

def _relu(Z):
    return np.maximum(0, Z)


def _sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def _three_layer_gradients(X, Y, p, dW2_factor=1.0, db1_factor=1.0, dW1_factor=1.0):
    """Gradients of the mean cross-entropy of LINEAR-RELU-LINEAR-RELU-LINEAR-SIGMOID, written with the
    same operations as the notebook's backward_propagation_n (and its planted mistakes, as factors)."""
    m = X.shape[1]
    Z1 = np.dot(p["W1"], X) + p["b1"]
    A1 = _relu(Z1)
    Z2 = np.dot(p["W2"], A1) + p["b2"]
    A2 = _relu(Z2)
    Z3 = np.dot(p["W3"], A2) + p["b3"]
    A3 = _sigmoid(Z3)
    dZ3 = A3 - Y
    dW3 = 1. / m * np.dot(dZ3, A2.T)
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(p["W3"].T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1. / m * np.dot(dZ2, A1.T)
    if dW2_factor != 1.0:
        dW2 = dW2 * dW2_factor
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(p["W2"].T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1. / m * np.dot(dZ1, X.T) * dW1_factor
    db1 = db1_factor / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


def _two_layer_gradients(X, Y, p):
    """Gradients of TWO_LAYER_FORWARD's cost (tanh hidden layer, sigmoid output)."""
    m = X.shape[1]
    A1 = np.tanh(p["W1"] @ X + p["b1"])
    A2 = _sigmoid(p["W2"] @ A1 + p["b2"])
    dZ2 = (A2 - Y) / m
    dZ1 = (p["W2"].T @ dZ2) * (1 - A1 ** 2)
    return {"dW1": dZ1 @ X.T, "db1": dZ1.sum(axis=1, keepdims=True),
            "dW2": dZ2 @ A1.T, "db2": dZ2.sum(axis=1, keepdims=True)}


def classic_example():
    """The notebook's example (the classic course's): X (4, 3), Y, parameters of a [4, 5, 3, 1] net."""
    np.random.seed(1)
    X = np.random.randn(4, 3)
    Y = np.array([[1, 1, 0]])
    shapes = (("W1", (5, 4)), ("b1", (5, 1)), ("W2", (3, 5)), ("b2", (3, 1)), ("W3", (1, 3)), ("b3", (1, 1)))
    parameters = {name: np.random.randn(*shape) for name, shape in shapes}
    return X, Y, parameters


def _random_net(seed, dims, m):
    """Inputs, labels and parameters whose pre-activations stay clear of the ReLU kink at 0."""
    rs = np.random.RandomState(seed)
    while True:
        X = rs.randn(dims[0], m)
        Y = (rs.rand(1, m) < 0.5).astype(np.int64)
        p = {}
        for l in range(1, len(dims)):
            p[f"W{l}"] = rs.randn(dims[l], dims[l - 1])
            p[f"b{l}"] = rs.randn(dims[l], 1)
        A = X
        clear = 0 < Y.sum() < m
        for l in range(1, len(dims)):
            Z = p[f"W{l}"] @ A + p[f"b{l}"]
            # away from the kink, and (hidden layers) every unit active on some example,
            # so that every gradient entry is non-zero
            clear = clear and np.abs(Z).min() > 0.1 and (l == len(dims) - 1 or (Z > 0).any(axis=1).all())
            A = _relu(Z)
        if clear:
            return X, Y, p


def _shapes(p):
    return {name: p[name].shape for name in p}


# ----------------------------------------------------------------- visible

def visible():
    X, Y, parameters = classic_example()
    return {
        "forward_propagation": [Case("x=3, theta=4", args=(3, 4))],
        "backward_propagation": [Case("x=3, theta=4", args=(3, 4))],
        "gradient_check": [Case("x=3, theta=4, J = theta * x", args=(3, 4),
                                options={**TOLERANCE_1D, "patch_globals": dict(LINEAR)})],
        "gradient_check_n": [Case("the example above: layers [4, 5, 3, 1], m=3, the gradients of the "
                                  "provided backward_propagation_n", args=(parameters,
                                  _three_layer_gradients(X, Y, parameters, 2.0, 4.0), X, Y),
                                  kwargs={"epsilon": 1e-7},
                                  options={"rtol": 1e-4, "atol": 0.0})],
    }


# ----------------------------------------------------------------- hidden

def _scalar_cases():
    values = ((2, 4, "two positive integers"), (-1.5, 0.25, "a negative x"),
              (0.5, -3.0, "a negative theta"))
    cases = [Case(label, args=(x, theta)) for x, theta, label in values]
    x = np.array([0.734519, -1.208633, 2.461187])
    cases.append(Case("x an array, theta a float", args=(x, 1.5)))
    return cases


def _gradient_check_cases():
    return [
        Case("J = theta * x, the default epsilon", args=(2, 4),
             options={**TOLERANCE_1D, "patch_globals": dict(LINEAR)}),
        Case("J = theta * x, epsilon given by name", args=(-1.5, 0.3),
             kwargs={"epsilon": 1e-4}, options={**TOLERANCE_1D, "patch_globals": dict(LINEAR)}),
        Case("a non-linear cost, epsilon = 1e-3", args=(2.0, 1.5),
             kwargs={"epsilon": 1e-3}, options={**TOLERANCE_1D, "patch_globals": dict(CUBIC)}),
        Case("a non-linear cost, epsilon = 1e-4, a negative x",
             args=(-0.7, 2.0), kwargs={"epsilon": 1e-4},
             options={**TOLERANCE_1D, "patch_globals": dict(CUBIC)}),
        Case("a non-linear cost whose derivative is wrong",
             args=(1.0, 0.8), options={**TOLERANCE_1D, "patch_globals": dict(CUBIC_WRONG_DERIVATIVE)}),
    ]


def _gradient_check_n_cases():
    cases = []
    X, Y, p = classic_example()
    cases.append(Case("the example's network, correct gradients, epsilon = 1e-3",
                      args=(p, _three_layer_gradients(X, Y, p), X, Y), kwargs={"epsilon": 1e-3},
                      options={"rtol": 1e-3, "atol": 0.0}))

    X, Y, p = _random_net(61, (3, 4, 2, 1), 5)
    patch = {"vector_to_dictionary": _unflatten_patch(_shapes(p))}
    cases.append(Case("another three-layer network, gradients with dW1 doubled",
                      args=(p, _three_layer_gradients(X, Y, p, dW1_factor=2.0), X, Y),
                      options={"rtol": 1e-3, "atol": 0.0, "patch_globals": patch}))
    cases.append(Case("another three-layer network, correct gradients, epsilon = 1e-3",
                      args=(p, _three_layer_gradients(X, Y, p), X, Y),
                      kwargs={"epsilon": 1e-3},
                      options={"rtol": 1e-3, "atol": 0.0, "patch_globals": patch}))

    X, Y, p = _random_net(62, (5, 3, 3, 1), 4)
    patch = {"vector_to_dictionary": _unflatten_patch(_shapes(p))}
    cases.append(Case("a third three-layer network, correct gradients, epsilon = 3e-3",
                      args=(p, _three_layer_gradients(X, Y, p), X, Y), kwargs={"epsilon": 3e-3},
                      options={"rtol": 1e-3, "atol": 0.0, "patch_globals": patch}))

    rs = np.random.RandomState(63)
    X = rs.randn(2, 4)
    Y = np.array([[1, 0, 0, 1]])
    p = {"W1": rs.randn(3, 2), "b1": rs.randn(3, 1), "W2": rs.randn(1, 3), "b2": rs.randn(1, 1)}
    patch = {"vector_to_dictionary": _unflatten_patch(_shapes(p)),
             "forward_propagation_n": TWO_LAYER_FORWARD}
    cases.append(Case("a two-layer tanh network, correct gradients, epsilon = 1e-3",
                      args=(p, _two_layer_gradients(X, Y, p), X, Y), kwargs={"epsilon": 1e-3},
                      options={"rtol": 1e-3, "atol": 0.0, "patch_globals": patch}))
    return cases


def hidden():
    return {
        "forward_propagation": _scalar_cases(),
        "backward_propagation": _scalar_cases(),
        "gradient_check": _gradient_check_cases(),
        "gradient_check_n": _gradient_check_n_cases(),
    }
