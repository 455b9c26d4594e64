"""Test inputs of the ``regularization`` assignment.

Visible inputs are built exactly as the notebook's example cells build them (the classic course's
test recipes: ``np.random.seed(1)`` then ``randn`` draws), so a student sees the same numbers in the
example and in the expected output.

Hidden inputs use other layer sizes and numbers of examples (one example only, too), other
``lambd`` (0 and large) and ``keep_prob`` (1, 0.86, 0.3 and the default 0.5), non-zero biases
(so that a regularized ``db`` is caught), dropout caches with boolean and with 0/1 masks, and a
scrambled global random state before every dropout forward pass (the function seeds itself).
Every hidden case draws its own parameters, so no hidden expected array appears among the
visible ones.

The four functions of the course notes' "practical aspects" week: ``bias_variance`` on the notes'
four cases, a larger Bayes error, a train error below it, and errors exactly at the threshold
(binary fractions, so that ``>`` and ``>=`` differ exactly); ``early_stopping`` on a tie with the
best cost, a run that never stops, a stop on the last epoch, a lower cost after the stop, bumps
shorter than the patience, one epoch only; ``flip_horizontal`` and ``shift_images`` on
non-square, multi-channel ``uint8``, ``bool`` and float images, with shifts of 0, negative shifts
and shifts larger than the image.

The reference solution stores its dropout masks as 0/1 integers: the comparison then accepts
boolean, integer and float masks alike (canonical solutions use both ``rand(...) < keep_prob``
and ``(rand(...) < keep_prob).astype(int)``).
"""
import numpy as np

from dlcourse.casefile import Case

FUNCTIONS = ("bias_variance", "compute_cost_with_regularization",
             "backward_propagation_with_regularization", "forward_propagation_with_dropout",
             "backward_propagation_with_dropout", "early_stopping", "flip_horizontal", "shift_images")

_NAMES = ("W1", "b1", "W2", "b2", "W3", "b3")


# ----------------------------------------------------------------- building blocks

def _seed1_parameters(draw_X):
    """The classic example: np.random.seed(1); [X = randn(3, 5)]; W1 (2, 3), b1, W2 (3, 2), ... in order."""
    np.random.seed(1)
    X = np.random.randn(3, 5) if draw_X else None
    shapes = ((2, 3), (2, 1), (3, 2), (3, 1), (1, 3), (1, 1))
    parameters = {name: np.random.randn(*shape) for name, shape in zip(_NAMES, shapes)}
    return X, parameters


def _random_problem(seed, dims, m):
    """X (dims[0], m), Y (1, m) with both labels, parameters with non-zero biases."""
    rs = np.random.RandomState(seed)
    X = rs.randn(dims[0], m)
    Y = (rs.rand(1, m) < 0.5).astype(np.int64)
    if m > 1:
        Y[0, :2] = (1, 0)
    parameters = {}
    for l in range(1, len(dims)):
        parameters[f"W{l}"] = rs.randn(dims[l], dims[l - 1]) / np.sqrt(dims[l - 1]) * 1.5
        parameters[f"b{l}"] = 0.3 * rs.randn(dims[l], 1)
    return X, Y, parameters


def _relu(Z):
    return np.maximum(0, Z)


def _sigmoid(Z):
    return 1 / (1 + np.exp(-Z))


def _plain_cache(X, p):
    """The non-dropout cache (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)."""
    Z1 = p["W1"] @ X + p["b1"]
    A1 = _relu(Z1)
    Z2 = p["W2"] @ A1 + p["b2"]
    A2 = _relu(Z2)
    Z3 = p["W3"] @ A2 + p["b3"]
    A3 = _sigmoid(Z3)
    return (Z1, A1, p["W1"], p["b1"], Z2, A2, p["W2"], p["b2"], Z3, A3, p["W3"], p["b3"])


def _dropout_cache(X, p, keep_prob, mask_seed, boolean_masks):
    """A dropout cache made independently of the reference solution (masks from their own stream)."""
    rs = np.random.RandomState(mask_seed)
    Z1 = p["W1"] @ X + p["b1"]
    D1 = rs.rand(*Z1.shape) < keep_prob
    A1 = _relu(Z1) * D1 / keep_prob
    Z2 = p["W2"] @ A1 + p["b2"]
    D2 = rs.rand(*Z2.shape) < keep_prob
    A2 = _relu(Z2) * D2 / keep_prob
    Z3 = p["W3"] @ A2 + p["b3"]
    A3 = _sigmoid(Z3)
    if not boolean_masks:
        D1, D2 = D1.astype(np.int64), D2.astype(np.int64)
    return (Z1, D1, A1, p["W1"], p["b1"], Z2, D2, A2, p["W2"], p["b2"], Z3, A3, p["W3"], p["b3"])


# ----------------------------------------------------------------- visible (the notebook's examples)

def visible():
    _, parameters = _seed1_parameters(draw_X=False)
    A3 = np.array([[0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402]])
    Y = np.array([[1, 1, 0, 1, 0]])
    cost = Case("lambd=0.1, the example above (layers [3, 2, 3, 1], m=5)",
                args=(A3, Y, parameters, 0.1))

    X, parameters = _seed1_parameters(draw_X=True)
    backward = Case("lambd=0.7, the example above (layers [3, 2, 3, 1], m=5)",
                    args=(X, Y, _plain_cache(X, parameters), 0.7))

    forward = Case("keep_prob=0.7, the example above (layers [3, 2, 3, 1], m=5)",
                   args=(X, parameters), kwargs={"keep_prob": 0.7})

    # the example's cache comes from the reference forward pass with dropout (seed 1 inside it)
    np.random.seed(1)
    Z1 = parameters["W1"] @ X + parameters["b1"]
    D1 = (np.random.rand(*Z1.shape) < 0.8).astype(np.int64)
    A1 = _relu(Z1) * D1 / 0.8
    Z2 = parameters["W2"] @ A1 + parameters["b2"]
    D2 = (np.random.rand(*Z2.shape) < 0.8).astype(np.int64)
    A2 = _relu(Z2) * D2 / 0.8
    Z3 = parameters["W3"] @ A2 + parameters["b3"]
    p = parameters
    cache = (Z1, D1, A1, p["W1"], p["b1"], Z2, D2, A2, p["W2"], p["b2"], Z3, _sigmoid(Z3), p["W3"], p["b3"])
    backward_dropout = Case("keep_prob=0.8, the example above (layers [3, 2, 3, 1], m=5)",
                            args=(X, Y, cache), kwargs={"keep_prob": 0.8})
    return {
        "bias_variance": [Case("train error 1%, dev error 11%, the example above",
                               args=(0.01, 0.11))],
        "compute_cost_with_regularization": [cost],
        "backward_propagation_with_regularization": [backward],
        "forward_propagation_with_dropout": [forward],
        "backward_propagation_with_dropout": [backward_dropout],
        "early_stopping": [Case("the example above (a minimum at epoch 3, patience 2)",
                                args=(list(EXAMPLE_DEV_COSTS),), kwargs={"patience": 2})],
        "flip_horizontal": [Case("the example above (2 images of 3 x 4 pixels, 1 channel)",
                                 args=(example_images(),))],
        "shift_images": [Case("the example above (dx=1, dy=-1)", args=(example_images(), 1, -1))],
    }


# ----------------------------------------------------------------- hidden

def _cost_cases():
    cases = []
    for seed, dims, m, lambd, label in (
            (11, (2, 20, 3, 1), 12, 0.7, "a wide first hidden layer"),
            (12, (4, 5, 3, 1), 6, 0.0, "lambd = 0 (no regularization)"),
            (13, (3, 4, 4, 1), 1, 2.5, "a large lambd, one example"),
            (14, (5, 3, 2, 1), 9, 0.05, "a small lambd")):
        X, Y, parameters = _random_problem(seed, dims, m)
        A3 = _plain_cache(X, parameters)[9]
        cases.append(Case(label, args=(A3, Y, parameters, lambd)))
    return cases


def _backward_cases():
    cases = []
    for seed, dims, m, lambd, label in (
            (21, (2, 20, 3, 1), 8, 0.7, "a wide first hidden layer"),
            (22, (4, 5, 3, 1), 6, 0.0, "lambd = 0 (no regularization)"),
            (23, (3, 4, 2, 1), 1, 3.0, "a large lambd, one example"),
            (24, (5, 3, 3, 1), 10, 0.1, "a small lambd")):
        X, Y, parameters = _random_problem(seed, dims, m)
        cases.append(Case(label, args=(X, Y, _plain_cache(X, parameters), lambd)))
    return cases


def _forward_dropout_cases():
    cases = []
    for i, (seed, dims, m, keep_prob, label) in enumerate((
            (31, (2, 20, 3, 1), 10, 0.86, "keep_prob = 0.86, a wide first hidden layer"),
            (32, (4, 5, 3, 1), 6, None, "keep_prob left at its default 0.5"),
            (33, (3, 4, 2, 1), 4, 1.0, "keep_prob = 1 (nothing dropped)"),
            (34, (3, 6, 4, 1), 7, 0.3, "keep_prob = 0.3 (most units dropped)"))):
        X, _, parameters = _random_problem(seed, dims, m)
        kwargs = {} if keep_prob is None else {"keep_prob": keep_prob}
        cases.append(Case(label, args=(X, parameters), kwargs=kwargs, options={"preseed": 300 + i}))
    return cases


def _backward_dropout_cases():
    cases = []
    for seed, dims, m, keep_prob, boolean, what in (
            (41, (2, 20, 3, 1), 9, 0.86, True, "keep_prob = 0.86, a wide first hidden layer"),
            (42, (4, 5, 3, 1), 6, 0.5, False, "keep_prob = 0.5"),
            (43, (3, 4, 2, 1), 5, 1.0, True, "keep_prob = 1 (nothing dropped)"),
            (44, (3, 6, 4, 1), 1, 0.6, False, "one example")):
        X, Y, parameters = _random_problem(seed, dims, m)
        cache = _dropout_cache(X, parameters, keep_prob, seed + 1000, boolean)
        kind = "boolean masks" if boolean else "0/1 integer masks"
        cases.append(Case(f"{what}, {kind}", args=(X, Y, cache, keep_prob)))
    return cases


def _bias_variance_cases():
    def case(label, train, dev, **kwargs):
        return Case(label, args=(train, dev), kwargs=kwargs)
    return [
        case("high bias only (the notes' second case)", 0.15, 0.16, bayes_error=0.0),
        case("high bias and high variance (the notes' third case)", 0.15, 0.30),
        case("neither high bias nor high variance (the notes' fourth case)", 0.005, 0.01),
        case("a Bayes error close to the training error: low bias", 0.15, 0.16, bayes_error=0.14),
        case("a non-zero Bayes error and a large dev error: variance counted from the training error",
             0.12, 0.30, bayes_error=0.10),
        case("train error below the Bayes error (negative avoidable bias)", 0.02, 0.07,
             bayes_error=0.035),
        case("avoidable bias and variance exactly at the threshold (not high)", 0.375, 0.5,
             bayes_error=0.25, threshold=0.125),
        case("a larger threshold than the default", 0.08, 0.12, bayes_error=0.01, threshold=0.05),
        case("small errors, default Bayes error and threshold", 0.04, 0.045),
    ]


#: the notebook's example: falls to a minimum at epoch 3, then rises
EXAMPLE_DEV_COSTS = (0.9, 0.6, 0.5, 0.45, 0.47, 0.52, 0.58)


def _early_stopping_cases():
    falling = [1.0 / (e + 1) for e in range(8)]
    return [
        Case("a tie with the best cost later on (the earlier epoch stays best)",
             args=([1.0, 0.5, 0.7, 0.5, 0.6, 0.8, 0.9, 0.95],)),
        Case("the costs keep falling: never stops", args=(falling,), kwargs={"patience": 3}),
        Case("the last improvement less than patience epochs before the end: never stops",
             args=([0.8, 0.7, 0.75, 0.6, 0.65, 0.7],), kwargs={"patience": 3}),
        Case("the stop falls on the last epoch", args=([0.8, 0.6, 0.7, 0.75, 0.9],),
             kwargs={"patience": 3}),
        Case("a lower cost after the stop (the best epoch as of the stop)",
             args=([1.0, 0.6, 0.7, 0.8, 0.9, 0.2, 0.1],), kwargs={"patience": 3}),
        Case("bumps shorter than the patience, then a new best",
             args=([0.9, 0.7, 0.72, 0.71, 0.6, 0.65, 0.62, 0.64, 0.63, 0.7],),
             kwargs={"patience": 4}),
        Case("costs that go up and down without beating the best (patience 3)",
             args=([0.9, 0.5, 0.6, 0.55, 0.58, 0.57, 0.56],), kwargs={"patience": 3}),
        Case("patience 1", args=([0.9, 0.8, 0.85, 0.7, 0.6],), kwargs={"patience": 1}),
        Case("a single epoch", args=([0.3],), kwargs={"patience": 2}),
        Case("patience left at its default 3", args=([0.5, 0.4, 0.41, 0.42, 0.43, 0.3],)),
    ]


def example_images():
    """The notebook's example: 2 images of 3 x 4 pixels, one channel, values 0..23 (int64)."""
    return np.arange(24, dtype=np.int64).reshape(2, 3, 4, 1)


def _images(seed, shape, kind):
    """Random images of ``shape`` (m, n_H, n_W, n_C): ``uint8``, ``bool`` or ``float64``."""
    rs = np.random.RandomState(seed)
    if kind == "uint8":
        return rs.randint(1, 256, size=shape).astype(np.uint8)
    if kind == "bool":
        return rs.rand(*shape) < 0.5
    return rs.randn(*shape)


def _flip_cases():
    return [Case(label, args=(_images(seed, shape, kind),))
            for seed, shape, kind, label in (
                (61, (3, 5, 7, 3), "uint8", "non-square RGB images, uint8"),
                (62, (2, 4, 6, 2), "bool", "two-channel boolean images"),
                (63, (4, 6, 3, 1), "float64", "one-channel float images, taller than wide"),
                (64, (1, 2, 1, 3), "uint8", "images one pixel wide, uint8"),
                (65, (2, 8, 8, 3), "float64", "square RGB float images"))]


def _shift_cases():
    cases = []
    for seed, shape, kind, dx, dy, what in (
            (71, (2, 5, 7, 3), "uint8", 0, 0, "no shift at all"),
            (72, (2, 5, 7, 3), "uint8", 2, 0, "a shift to the right only (dy is 0)"),
            (73, (2, 5, 7, 3), "uint8", 0, 3, "a shift down only (dx is 0)"),
            (74, (3, 6, 4, 1), "float64", -1, 2, "a shift to the left and down"),
            (75, (3, 6, 4, 1), "float64", 3, -4, "a shift to the right and up"),
            (76, (2, 5, 7, 2), "bool", -3, -1, "a shift to the left and up"),
            (77, (1, 4, 6, 3), "uint8", 9, 1, "dx larger than the width (all content leaves)"),
            (78, (1, 4, 6, 3), "uint8", 1, -4, "dy minus the height (all content leaves)"),
            (79, (2, 3, 5, 1), "float64", -6, -10, "both shifts larger than the image, negative"),
            (80, (2, 6, 6, 3), "uint8", 5, -5, "a single pixel of content left in the corner")):
        names = {"uint8": "RGB uint8", "bool": "boolean", "float64": "float"}
        cases.append(Case(f"{what}, {names[kind] if shape[3] != 1 else 'one-channel float'} images",
                          args=(_images(seed, shape, kind), dx, dy)))
    return cases


def hidden():
    return {
        "bias_variance": _bias_variance_cases(),
        "early_stopping": _early_stopping_cases(),
        "flip_horizontal": _flip_cases(),
        "shift_images": _shift_cases(),
        "compute_cost_with_regularization": _cost_cases(),
        "backward_propagation_with_regularization": _backward_cases(),
        "forward_propagation_with_dropout": _forward_dropout_cases(),
        "backward_propagation_with_dropout": _backward_dropout_cases(),
    }
