'''Other implementations of the ``regularization`` assignment's graded functions.'''

CORRECT = {
    "compute_cost_with_regularization": {
        "loop over the layers, Frobenius norm": """
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    squares = 0.0
    for l in (1, 2, 3):
        squares += np.linalg.norm(parameters["W%d" % l], "fro") ** 2
    return compute_cost(A3, Y) + lambd * squares / (2 * m)
""",
    },
    "backward_propagation_with_regularization": {
        "plain backward pass plus the penalty, bool masks": """
def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = (dZ3 @ A2.T + lambd * W3) / m
    db3 = dZ3.mean(axis=1, keepdims=True)
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (Z2 > 0)
    dW2 = (dZ2 @ A1.T + lambd * W2) / m
    db2 = dZ2.mean(axis=1, keepdims=True)
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (Z1 > 0)
    dW1 = (dZ1 @ X.T + lambd * W1) / m
    db1 = dZ1.mean(axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
""",
    },
    "forward_propagation_with_dropout": {
        "boolean masks, two-argument rand, separate steps": """
def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    np.random.seed(1)
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    D1 = np.random.rand(A1.shape[0], A1.shape[1])
    D1 = D1 < keep_prob
    A1 = np.multiply(A1, D1)
    A1 = A1 / keep_prob
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    D2 = np.random.rand(A2.shape[0], A2.shape[1])
    D2 = D2 < keep_prob
    A2 = np.multiply(A2, D2)
    A2 = A2 / keep_prob
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
    return A3, cache
""",
        "float masks, loop over the hidden layers": """
def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    np.random.seed(1)
    A = X
    parts = []
    for l in (1, 2):
        W, b = parameters["W%d" % l], parameters["b%d" % l]
        Z = W @ A + b
        D = (np.random.rand(*Z.shape) < keep_prob).astype(float)
        A = np.maximum(Z, 0) * D / keep_prob
        parts += [Z, D, A, W, b]
    W3, b3 = parameters["W3"], parameters["b3"]
    Z3 = W3 @ A + b3
    A3 = 1 / (1 + np.exp(-Z3))
    return A3, tuple(parts) + (Z3, A3, W3, b3)
""",
    },
    "backward_propagation_with_dropout": {
        "mask and scale in two steps": """
def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1. / m * np.dot(dZ3, A2.T)
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dA2 = np.multiply(dA2, D2)
    dA2 = dA2 / keep_prob
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1. / m * np.dot(dZ2, A1.T)
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dA1 = np.multiply(dA1, D1)
    dA1 = dA1 / keep_prob
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1. / m * np.dot(dZ1, X.T)
    db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True)
    return {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}
""",
    },
}

_BACKWARD_REG = """
def backward_propagation_with_regularization(X, Y, cache, lambd):
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = {dW3}
    db3 = {db3}
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = {dW2}
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = {dW1}
    db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True)
    return {{"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}}
"""


def _backward_reg(dW3="1. / m * np.dot(dZ3, A2.T) + lambd / m * W3",
                  dW2="1. / m * np.dot(dZ2, A1.T) + lambd / m * W2",
                  dW1="1. / m * np.dot(dZ1, X.T) + lambd / m * W1",
                  db3="1. / m * np.sum(dZ3, axis=1, keepdims=True)"):
    return _BACKWARD_REG.format(dW3=dW3, dW2=dW2, dW1=dW1, db3=db3)


_FORWARD_DROPOUT = """
def forward_propagation_with_dropout(X, parameters, keep_prob=0.5):
    {seed}
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    W3 = parameters["W3"]
    b3 = parameters["b3"]
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    D1 = {mask1}
    A1 = {apply1}
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    D2 = {mask2}
    A2 = {apply2}
    Z3 = np.dot(W3, A2) + b3
    A3 = {output}
    cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
    return A3, cache
"""


def _forward_dropout(seed="np.random.seed(1)",
                     mask1="(np.random.rand(A1.shape[0], A1.shape[1]) < keep_prob).astype(int)",
                     apply1="A1 * D1 / keep_prob",
                     mask2="(np.random.rand(A2.shape[0], A2.shape[1]) < keep_prob).astype(int)",
                     apply2="A2 * D2 / keep_prob",
                     output="sigmoid(Z3)"):
    return _FORWARD_DROPOUT.format(seed=seed, mask1=mask1, apply1=apply1, mask2=mask2,
                                   apply2=apply2, output=output)


_BACKWARD_DROPOUT = """
def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    dZ3 = A3 - Y
    dW3 = 1. / m * np.dot(dZ3, A2.T)
    db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dA2 = {dA2}
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1. / m * np.dot(dZ2, A1.T)
    db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dA1 = {dA1}
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1. / m * np.dot(dZ1, X.T)
    db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True)
    return {{"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}}
"""


def _backward_dropout(dA2="dA2 * D2 / keep_prob", dA1="dA1 * D1 / keep_prob"):
    return _BACKWARD_DROPOUT.format(dA2=dA2, dA1=dA1)


WRONG = {
    "compute_cost_with_regularization": {
        "lambd / m instead of lambd / (2 m)": """
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]
    L2 = lambd / m * (np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))
    return compute_cost(A3, Y) + L2
""",
        "W3 forgotten": """
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1, W2 = parameters["W1"], parameters["W2"]
    L2 = lambd / (2 * m) * (np.sum(np.square(W1)) + np.sum(np.square(W2)))
    return compute_cost(A3, Y) + L2
""",
        "norms not squared": """
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    W1, W2, W3 = parameters["W1"], parameters["W2"], parameters["W3"]
    L2 = lambd / (2 * m) * (np.linalg.norm(W1) + np.linalg.norm(W2) + np.linalg.norm(W3))
    return compute_cost(A3, Y) + L2
""",
        "biases penalized too": """
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    m = Y.shape[1]
    L2 = lambd / (2 * m) * sum(np.sum(np.square(v)) for v in parameters.values())
    return compute_cost(A3, Y) + L2
""",
    },
    "backward_propagation_with_regularization": {
        "lambd * W without 1/m": _backward_reg(dW3="1. / m * np.dot(dZ3, A2.T) + lambd * W3",
                                              dW2="1. / m * np.dot(dZ2, A1.T) + lambd * W2",
                                              dW1="1. / m * np.dot(dZ1, X.T) + lambd * W1"),
        "lambd / (2 m) * W (half the gradient)": _backward_reg(
            dW3="1. / m * np.dot(dZ3, A2.T) + lambd / (2 * m) * W3",
            dW2="1. / m * np.dot(dZ2, A1.T) + lambd / (2 * m) * W2",
            dW1="1. / m * np.dot(dZ1, X.T) + lambd / (2 * m) * W1"),
        "only dW3 regularized": _backward_reg(dW2="1. / m * np.dot(dZ2, A1.T)",
                                              dW1="1. / m * np.dot(dZ1, X.T)"),
        "db3 regularized too": _backward_reg(db3="1. / m * np.sum(dZ3, axis=1, keepdims=True) + lambd / m * b3"),
    },
    "forward_propagation_with_dropout": {
        "no division by keep_prob": _forward_dropout(apply1="A1 * D1", apply2="A2 * D2"),
        "mask keeps with probability 1 - keep_prob": _forward_dropout(
            mask1="(np.random.rand(A1.shape[0], A1.shape[1]) > keep_prob).astype(int)",
            mask2="(np.random.rand(A2.shape[0], A2.shape[1]) > keep_prob).astype(int)"),
        "output layer dropped too": _forward_dropout(
            output="sigmoid(Z3) * (np.random.rand(*Z3.shape) < keep_prob) / keep_prob"),
        "no seed": _forward_dropout(seed="pass"),
        "one mask shared by all examples": _forward_dropout(
            mask1="(np.random.rand(A1.shape[0], 1) < keep_prob).astype(int)",
            mask2="(np.random.rand(A2.shape[0], 1) < keep_prob).astype(int)"),
    },
    "backward_propagation_with_dropout": {
        "no division by keep_prob": _backward_dropout(dA2="dA2 * D2", dA1="dA1 * D1"),
        "a new mask drawn in the backward pass": _backward_dropout(
            dA2="dA2 * (np.random.rand(*dA2.shape) < keep_prob) / keep_prob",
            dA1="dA1 * (np.random.rand(*dA1.shape) < keep_prob) / keep_prob"),
        "multiplied by keep_prob": _backward_dropout(dA2="dA2 * D2 * keep_prob", dA1="dA1 * D1 * keep_prob"),
        "dA1 not masked": _backward_dropout(dA1="dA1"),
    },
}

CLASS = {
    "ada": {"compute_cost_with_regularization": ("correct", "loop over the layers, Frobenius norm"),
            "backward_propagation_with_regularization": ("correct", "plain backward pass plus the penalty, bool masks"),
            "forward_propagation_with_dropout": ("correct", "boolean masks, two-argument rand, separate steps"),
            "backward_propagation_with_dropout": ("correct", "mask and scale in two steps")},
    "ben": {"backward_propagation_with_regularization": ("wrong", "db3 regularized too"),
            "forward_propagation_with_dropout": ("wrong", "no division by keep_prob")},
    "cam": {"compute_cost_with_regularization": ("wrong", "lambd / m instead of lambd / (2 m)"),
            "backward_propagation_with_dropout": ("wrong", "a new mask drawn in the backward pass")},
    "dee": "blank",
}
