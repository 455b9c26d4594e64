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

CORRECT.update({
    "bias_variance": {
        "named differences, comparisons in the dict": """
def bias_variance(train_error, dev_error, bayes_error=0.0, threshold=0.02):
    bias = train_error - bayes_error
    var = dev_error - train_error
    return dict(avoidable_bias=bias, variance=var, high_bias=bias > threshold,
                high_variance=var > threshold)
""",
    },
    "early_stopping": {
        "running minimum and a counter of epochs without improvement": """
def early_stopping(dev_costs, patience=3):
    best_cost, best_epoch, waited = float("inf"), 0, 0
    for epoch, cost in enumerate(dev_costs):
        if cost < best_cost:
            best_cost, best_epoch, waited = cost, epoch, 0
        else:
            waited += 1
        if waited == patience:
            return best_epoch, epoch
    return best_epoch, len(dev_costs) - 1
""",
        "argmin of each prefix with NumPy": """
def early_stopping(dev_costs, patience=3):
    costs = np.asarray(dev_costs, dtype=float)
    for e in range(len(costs)):
        best = int(np.argmin(costs[:e + 1]))
        if e - best == patience:
            return best, e
    return int(np.argmin(costs)), len(costs) - 1
""",
    },
    "flip_horizontal": {
        "np.flip along axis 2": """
def flip_horizontal(images):
    return np.flip(images, axis=2)
""",
        "a loop over the columns": """
def flip_horizontal(images):
    out = np.empty_like(images)
    n_W = images.shape[2]
    for c in range(n_W):
        out[:, :, c, :] = images[:, :, n_W - 1 - c, :]
    return out
""",
    },
    "shift_images": {
        "np.roll, then zero what wrapped around": """
def shift_images(images, dx, dy):
    _, n_H, n_W, _ = images.shape
    out = np.roll(images, (dy, dx), axis=(1, 2))
    if dy > 0:
        out[:, :min(dy, n_H)] = 0
    elif dy < 0:
        out[:, max(n_H + dy, 0):] = 0
    if dx > 0:
        out[:, :, :min(dx, n_W)] = 0
    elif dx < 0:
        out[:, :, max(n_W + dx, 0):] = 0
    return out
""",
        "pad with zeros, then crop": """
def shift_images(images, dx, dy):
    m, n_H, n_W, n_C = images.shape
    py, px = abs(dy), abs(dx)
    padded = np.pad(images, ((0, 0), (py, py), (px, px), (0, 0)))
    top, left = py - dy, px - dx
    return padded[:, top:top + n_H, left:left + n_W, :].copy()
""",
    },
})

WRONG.update({
    "bias_variance": {
        "variance measured from the Bayes error (dev - Bayes)": """
def bias_variance(train_error, dev_error, bayes_error=0.0, threshold=0.02):
    bias = train_error - bayes_error
    variance = dev_error - bayes_error
    return {"avoidable_bias": bias, "variance": variance,
            "high_bias": bias > threshold, "high_variance": variance > threshold}
""",
        "a gap equal to the threshold counts as high (>=)": """
def bias_variance(train_error, dev_error, bayes_error=0.0, threshold=0.02):
    bias = train_error - bayes_error
    variance = dev_error - train_error
    return {"avoidable_bias": bias, "variance": variance,
            "high_bias": bias >= threshold, "high_variance": variance >= threshold}
""",
        "Bayes error ignored (bias = training error)": """
def bias_variance(train_error, dev_error, bayes_error=0.0, threshold=0.02):
    variance = dev_error - train_error
    return {"avoidable_bias": train_error, "variance": variance,
            "high_bias": train_error > threshold, "high_variance": variance > threshold}
""",
        "threshold fixed at 0.02": """
def bias_variance(train_error, dev_error, bayes_error=0.0, threshold=0.02):
    bias = train_error - bayes_error
    variance = dev_error - train_error
    return {"avoidable_bias": bias, "variance": variance,
            "high_bias": bias > 0.02, "high_variance": variance > 0.02}
""",
    },
    "early_stopping": {
        "a tie keeps the later epoch (<=)": """
def early_stopping(dev_costs, patience=3):
    best = 0
    for e, cost in enumerate(dev_costs):
        if cost <= dev_costs[best]:
            best = e
        if e - best == patience:
            return best, e
    return best, len(dev_costs) - 1
""",
        "one epoch too late (e - best > patience)": """
def early_stopping(dev_costs, patience=3):
    best = 0
    for e, cost in enumerate(dev_costs):
        if cost < dev_costs[best]:
            best = e
        if e - best > patience:
            return best, e
    return best, len(dev_costs) - 1
""",
        "the overall minimum as the best epoch": """
def early_stopping(dev_costs, patience=3):
    best_overall = int(np.argmin(dev_costs))
    best = 0
    for e, cost in enumerate(dev_costs):
        if cost < dev_costs[best]:
            best = e
        if e - best == patience:
            return best_overall, e
    return best_overall, len(dev_costs) - 1
""",
        "counts consecutive rises instead of epochs since the best": """
def early_stopping(dev_costs, patience=3):
    best, rises = 0, 0
    for e, cost in enumerate(dev_costs):
        if cost < dev_costs[best]:
            best = e
        rises = rises + 1 if e > 0 and cost > dev_costs[e - 1] else 0
        if rises == patience:
            return best, e
    return best, len(dev_costs) - 1
""",
        "never stopping returns len(dev_costs)": """
def early_stopping(dev_costs, patience=3):
    best = 0
    for e, cost in enumerate(dev_costs):
        if cost < dev_costs[best]:
            best = e
        if e - best == patience:
            return best, e
    return best, len(dev_costs)
""",
    },
    "flip_horizontal": {
        "np.fliplr (flips the rows of a 4-D array: upside down)": """
def flip_horizontal(images):
    return np.fliplr(images)
""",
        "np.flip without an axis (reverses every axis)": """
def flip_horizontal(images):
    return np.flip(images)
""",
        "flipped in place": """
def flip_horizontal(images):
    images[:] = images[:, :, ::-1, :]
    return images
""",
        "converted to floats": """
def flip_horizontal(images):
    return images[:, :, ::-1, :].astype(float)
""",
        "the channels reversed (axis 3)": """
def flip_horizontal(images):
    return images[..., ::-1]
""",
    },
    "shift_images": {
        "np.roll alone (wrap-around)": """
def shift_images(images, dx, dy):
    return np.roll(images, (dy, dx), axis=(1, 2))
""",
        "dx and dy swapped": """
def shift_images(images, dx, dy):
    _, n_H, n_W, _ = images.shape
    out = np.zeros_like(images)
    rows, cols = n_H - abs(dx), n_W - abs(dy)
    if rows > 0 and cols > 0:
        out[:, max(dx, 0):max(dx, 0) + rows, max(dy, 0):max(dy, 0) + cols] = \
            images[:, max(-dx, 0):max(-dx, 0) + rows, max(-dy, 0):max(-dy, 0) + cols]
    return out
""",
        "the opposite direction (content moves left for dx > 0)": """
def shift_images(images, dx, dy):
    _, n_H, n_W, _ = images.shape
    out = np.zeros_like(images)
    rows, cols = n_H - abs(dy), n_W - abs(dx)
    if rows > 0 and cols > 0:
        out[:, max(-dy, 0):max(-dy, 0) + rows, max(-dx, 0):max(-dx, 0) + cols] = \
            images[:, max(dy, 0):max(dy, 0) + rows, max(dx, 0):max(dx, 0) + cols]
    return out
""",
        "slices ending at -d, which is empty for a shift of 0": """
def shift_images(images, dx, dy):
    out = np.zeros_like(images)
    if dy >= 0:
        dst_r, src_r = slice(dy, None), slice(None, -dy)
    else:
        dst_r, src_r = slice(None, dy), slice(-dy, None)
    if dx >= 0:
        dst_c, src_c = slice(dx, None), slice(None, -dx)
    else:
        dst_c, src_c = slice(None, dx), slice(-dx, None)
    out[:, dst_r, dst_c] = images[:, src_r, src_c]
    return out
""",
        "zeros of float64 (the dtype is lost)": """
def shift_images(images, dx, dy):
    _, n_H, n_W, _ = images.shape
    out = np.zeros(images.shape)
    rows, cols = n_H - abs(dy), n_W - abs(dx)
    if rows > 0 and cols > 0:
        out[:, max(dy, 0):max(dy, 0) + rows, max(dx, 0):max(dx, 0) + cols] = \
            images[:, max(-dy, 0):max(-dy, 0) + rows, max(-dx, 0):max(-dx, 0) + cols]
    return out
""",
    },
})

CLASS = {
    "ada": {"compute_cost_with_regularization": ("correct", "loop over the layers, Frobenius norm"),
            "backward_propagation_with_regularization": ("correct", "plain backward pass plus the penalty, bool masks"),
            "forward_propagation_with_dropout": ("correct", "boolean masks, two-argument rand, separate steps"),
            "backward_propagation_with_dropout": ("correct", "mask and scale in two steps"),
            "bias_variance": ("correct", "named differences, comparisons in the dict"),
            "early_stopping": ("correct", "running minimum and a counter of epochs without improvement"),
            "flip_horizontal": ("correct", "np.flip along axis 2"),
            "shift_images": ("correct", "np.roll, then zero what wrapped around")},
    "ben": {"backward_propagation_with_regularization": ("wrong", "db3 regularized too"),
            "forward_propagation_with_dropout": ("wrong", "no division by keep_prob"),
            "early_stopping": ("wrong", "a tie keeps the later epoch (<=)"),
            "shift_images": ("wrong", "np.roll alone (wrap-around)")},
    "cam": {"compute_cost_with_regularization": ("wrong", "lambd / m instead of lambd / (2 m)"),
            "backward_propagation_with_dropout": ("wrong", "a new mask drawn in the backward pass"),
            "bias_variance": ("wrong", "variance measured from the Bayes error (dev - Bayes)"),
            "flip_horizontal": ("wrong", "np.fliplr (flips the rows of a 4-D array: upside down)")},
    "dee": "blank",
}
