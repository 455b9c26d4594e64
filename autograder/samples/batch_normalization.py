'''Other implementations of the ``batch_normalization`` assignment's graded functions.'''

CORRECT = {
    "batchnorm_forward": {
        "explicit sums, setdefault for the running averages": """
def batchnorm_forward(Z, gamma, beta, bn_param):
    n, m = Z.shape
    eps = bn_param.get("eps", 1e-5)
    momentum = bn_param.get("momentum", 0.9)
    bn_param.setdefault("running_mean", np.zeros((n, 1)))
    bn_param.setdefault("running_var", np.zeros((n, 1)))
    if bn_param["mode"] == "train":
        mu = Z.sum(axis=1, keepdims=True) / m
        centred = Z - mu
        var = (centred ** 2).sum(axis=1, keepdims=True) / m
        bn_param["running_mean"] = momentum * bn_param["running_mean"] + (1 - momentum) * mu
        bn_param["running_var"] = momentum * bn_param["running_var"] + (1 - momentum) * var
    else:
        mu, var = bn_param["running_mean"], bn_param["running_var"]
        centred = Z - mu
    Z_norm = centred / np.sqrt(var + eps)
    out = gamma * Z_norm + beta
    return out, (Z, Z_norm, mu, var, gamma, beta, eps)
""",
        "running averages updated in place with *= and +=": """
def batchnorm_forward(Z, gamma, beta, bn_param):
    n = Z.shape[0]
    eps = bn_param.get("eps", 1e-5)
    momentum = bn_param.get("momentum", 0.9)
    if "running_mean" not in bn_param:
        bn_param["running_mean"] = np.zeros((n, 1))
        bn_param["running_var"] = np.zeros((n, 1))
    if bn_param["mode"] == "train":
        mu = np.mean(Z, axis=1, keepdims=True)
        var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)
        bn_param["running_mean"] *= momentum
        bn_param["running_mean"] += (1 - momentum) * mu
        bn_param["running_var"] *= momentum
        bn_param["running_var"] += (1 - momentum) * var
    else:
        mu = bn_param["running_mean"]
        var = bn_param["running_var"]
    inv_std = 1.0 / np.sqrt(var + eps)
    Z_norm = (Z - mu) * inv_std
    return Z_norm * gamma + beta, (Z, Z_norm, mu, var, gamma, beta, eps)
""",
        "cache None in test mode (as in other courses), mode dispatch first": """
def batchnorm_forward(Z, gamma, beta, bn_param):
    mode = bn_param["mode"]
    eps = bn_param.get("eps", 1e-5)
    momentum = bn_param.get("momentum", 0.9)
    shape = (Z.shape[0], 1)
    running_mean = bn_param.get("running_mean", np.zeros(shape))
    running_var = bn_param.get("running_var", np.zeros(shape))
    if mode == "test":
        scaled = (Z - running_mean) / np.sqrt(running_var + eps)
        return gamma * scaled + beta, None
    batch_mean = Z.mean(axis=1, keepdims=True)
    batch_var = Z.var(axis=1, keepdims=True)
    Z_hat = (Z - batch_mean) / np.sqrt(batch_var + eps)
    bn_param["running_mean"] = momentum * running_mean + (1 - momentum) * batch_mean
    bn_param["running_var"] = momentum * running_var + (1 - momentum) * batch_var
    cache = (Z, Z_hat, batch_mean, batch_var, gamma, beta, eps)
    return gamma * Z_hat + beta, cache
""",
    },
    "batchnorm_backward": {
        "step by step on the computation graph": """
def batchnorm_backward(dout, cache):
    Z, Z_norm, mu, var, gamma, beta, eps = cache
    m = Z.shape[1]
    D = Z - mu
    s = np.sqrt(var + eps)
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dgamma = np.sum(dout * Z_norm, axis=1, keepdims=True)
    dZ_norm = dout * gamma
    ds = -np.sum(dZ_norm * D, axis=1, keepdims=True) / s ** 2
    dvar = ds / (2 * s)
    dD = dZ_norm / s + dvar * 2 * D / m
    dmu = -np.sum(dD, axis=1, keepdims=True)
    dZ = dD + dmu / m
    return dZ, dgamma, dbeta
""",
    },
    "softmax": {
        "np.exp of shifted logits, division by the column sums in two steps": """
def softmax(Z):
    shifted = Z - Z.max(axis=0)
    expZ = np.exp(shifted)
    column_sums = expZ.sum(axis=0)
    return expZ / column_sums
""",
    },
    "one_hot": {
        "columns of np.eye": """
def one_hot(labels, C):
    return np.eye(C)[:, np.ravel(labels)]
""",
        "comparison with a column of classes": """
def one_hot(labels, C):
    flat = np.asarray(labels).flatten()
    return (np.arange(C).reshape(C, 1) == flat).astype(np.float64)
""",
    },
    "compute_softmax_cost": {
        "log-probability of the true class of each example": """
def compute_softmax_cost(A, Y):
    m = Y.shape[1]
    true_class = np.argmax(Y, axis=0)
    log_probs = np.log(A[true_class, np.arange(m)])
    return float(-np.mean(log_probs))
""",
    },
}

WRONG = {
    "batchnorm_forward": {
        "unbiased variance (ddof=1)": """
def batchnorm_forward(Z, gamma, beta, bn_param):
    mode = bn_param["mode"]
    eps = bn_param.get("eps", 1e-5)
    momentum = bn_param.get("momentum", 0.9)
    n = Z.shape[0]
    running_mean = bn_param.get("running_mean", np.zeros((n, 1)))
    running_var = bn_param.get("running_var", np.zeros((n, 1)))
    if mode == "train":
        mu = np.mean(Z, axis=1, keepdims=True)
        var = np.var(Z, axis=1, keepdims=True, ddof=1)
        bn_param["running_mean"] = momentum * running_mean + (1 - momentum) * mu
        bn_param["running_var"] = momentum * running_var + (1 - momentum) * var
    else:
        mu, var = running_mean, running_var
    Z_norm = (Z - mu) / np.sqrt(var + eps)
    out = gamma * Z_norm + beta
    return out, (Z, Z_norm, mu, var, gamma, beta, eps)
""",
        "statistics over the units (axis 0)": """
def batchnorm_forward(Z, gamma, beta, bn_param):
    mode = bn_param["mode"]
    eps = bn_param.get("eps", 1e-5)
    momentum = bn_param.get("momentum", 0.9)
    n = Z.shape[0]
    running_mean = bn_param.get("running_mean", np.zeros((n, 1)))
    running_var = bn_param.get("running_var", np.zeros((n, 1)))
    if mode == "train":
        mu = np.mean(Z, axis=0, keepdims=True)
        var = np.var(Z, axis=0, keepdims=True)
        bn_param["running_mean"] = momentum * running_mean + (1 - momentum) * mu
        bn_param["running_var"] = momentum * running_var + (1 - momentum) * var
    else:
        mu, var = running_mean, running_var
    Z_norm = (Z - mu) / np.sqrt(var + eps)
    out = gamma * Z_norm + beta
    return out, (Z, Z_norm, mu, var, gamma, beta, eps)
""",
        "test mode uses the batch statistics": """
def batchnorm_forward(Z, gamma, beta, bn_param):
    eps = bn_param.get("eps", 1e-5)
    momentum = bn_param.get("momentum", 0.9)
    n = Z.shape[0]
    running_mean = bn_param.get("running_mean", np.zeros((n, 1)))
    running_var = bn_param.get("running_var", np.zeros((n, 1)))
    mu = np.mean(Z, axis=1, keepdims=True)
    var = np.var(Z, axis=1, keepdims=True)
    if bn_param["mode"] == "train":
        bn_param["running_mean"] = momentum * running_mean + (1 - momentum) * mu
        bn_param["running_var"] = momentum * running_var + (1 - momentum) * var
    Z_norm = (Z - mu) / np.sqrt(var + eps)
    out = gamma * Z_norm + beta
    return out, (Z, Z_norm, mu, var, gamma, beta, eps)
""",
        "running averages not stored in bn_param": """
def batchnorm_forward(Z, gamma, beta, bn_param):
    mode = bn_param["mode"]
    eps = bn_param.get("eps", 1e-5)
    momentum = bn_param.get("momentum", 0.9)
    n = Z.shape[0]
    running_mean = bn_param.get("running_mean", np.zeros((n, 1)))
    running_var = bn_param.get("running_var", np.zeros((n, 1)))
    if mode == "train":
        mu = np.mean(Z, axis=1, keepdims=True)
        var = np.var(Z, axis=1, keepdims=True)
        running_mean = momentum * running_mean + (1 - momentum) * mu
        running_var = momentum * running_var + (1 - momentum) * var
    else:
        mu, var = running_mean, running_var
    Z_norm = (Z - mu) / np.sqrt(var + eps)
    out = gamma * Z_norm + beta
    return out, (Z, Z_norm, mu, var, gamma, beta, eps)
""",
        "momentum on the wrong side of the update": """
def batchnorm_forward(Z, gamma, beta, bn_param):
    mode = bn_param["mode"]
    eps = bn_param.get("eps", 1e-5)
    momentum = bn_param.get("momentum", 0.9)
    n = Z.shape[0]
    running_mean = bn_param.get("running_mean", np.zeros((n, 1)))
    running_var = bn_param.get("running_var", np.zeros((n, 1)))
    if mode == "train":
        mu = np.mean(Z, axis=1, keepdims=True)
        var = np.var(Z, axis=1, keepdims=True)
        bn_param["running_mean"] = (1 - momentum) * running_mean + momentum * mu
        bn_param["running_var"] = (1 - momentum) * running_var + momentum * var
    else:
        mu, var = running_mean, running_var
    Z_norm = (Z - mu) / np.sqrt(var + eps)
    out = gamma * Z_norm + beta
    return out, (Z, Z_norm, mu, var, gamma, beta, eps)
""",
        "eps outside the square root": """
def batchnorm_forward(Z, gamma, beta, bn_param):
    mode = bn_param["mode"]
    eps = bn_param.get("eps", 1e-5)
    momentum = bn_param.get("momentum", 0.9)
    n = Z.shape[0]
    running_mean = bn_param.get("running_mean", np.zeros((n, 1)))
    running_var = bn_param.get("running_var", np.zeros((n, 1)))
    if mode == "train":
        mu = np.mean(Z, axis=1, keepdims=True)
        var = np.var(Z, axis=1, keepdims=True)
        bn_param["running_mean"] = momentum * running_mean + (1 - momentum) * mu
        bn_param["running_var"] = momentum * running_var + (1 - momentum) * var
    else:
        mu, var = running_mean, running_var
    Z_norm = (Z - mu) / (np.sqrt(var) + eps)
    out = gamma * Z_norm + beta
    return out, (Z, Z_norm, mu, var, gamma, beta, eps)
""",
    },
    "batchnorm_backward": {
        "mean and variance treated as constants": """
def batchnorm_backward(dout, cache):
    Z, Z_norm, mu, var, gamma, beta, eps = cache
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dgamma = np.sum(dout * Z_norm, axis=1, keepdims=True)
    dZ = dout * gamma / np.sqrt(var + eps)
    return dZ, dgamma, dbeta
""",
        "gradient through the variance forgotten": """
def batchnorm_backward(dout, cache):
    Z, Z_norm, mu, var, gamma, beta, eps = cache
    m = Z.shape[1]
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dgamma = np.sum(dout * Z_norm, axis=1, keepdims=True)
    dZ_norm = dout * gamma
    dZ = (dZ_norm - np.mean(dZ_norm, axis=1, keepdims=True)) / np.sqrt(var + eps)
    return dZ, dgamma, dbeta
""",
        "dgamma and dbeta summed over every entry": """
def batchnorm_backward(dout, cache):
    Z, Z_norm, mu, var, gamma, beta, eps = cache
    m = Z.shape[1]
    dbeta = np.sum(dout)
    dgamma = np.sum(dout * Z_norm)
    s = np.sqrt(var + eps)
    dZ = gamma / (m * s) * (m * dout - np.sum(dout, axis=1, keepdims=True)
                             - Z_norm * np.sum(dout * Z_norm, axis=1, keepdims=True))
    return dZ, dgamma, dbeta
""",
        "gamma forgotten in dZ": """
def batchnorm_backward(dout, cache):
    Z, Z_norm, mu, var, gamma, beta, eps = cache
    m = Z.shape[1]
    dbeta = np.sum(dout, axis=1, keepdims=True)
    dgamma = np.sum(dout * Z_norm, axis=1, keepdims=True)
    s = np.sqrt(var + eps)
    dZ = 1 / (m * s) * (m * dout - dbeta - Z_norm * dgamma)
    return dZ, dgamma, dbeta
""",
    },
    "softmax": {
        "no shift: overflows for large logits": """
def softmax(Z):
    T = np.exp(Z)
    return T / np.sum(T, axis=0, keepdims=True)
""",
        "normalised over the rows (axis 1)": """
def softmax(Z):
    T = np.exp(Z - np.max(Z, axis=1, keepdims=True))
    return T / np.sum(T, axis=1, keepdims=True)
""",
        "normalised by the sum of the whole matrix": """
def softmax(Z):
    T = np.exp(Z - np.max(Z))
    return T / np.sum(T)
""",
        "shift by the maximum of the whole matrix": """
def softmax(Z):
    T = np.exp(Z - np.max(Z))
    return T / np.sum(T, axis=0, keepdims=True)
""",
    },
    "one_hot": {
        "shape (m, C) instead of (C, m)": """
def one_hot(labels, C):
    labels = np.asarray(labels).reshape(-1)
    return np.eye(C)[labels]
""",
        "labels of shape (1, m) not flattened": """
def one_hot(labels, C):
    return np.eye(C)[labels].T
""",
        "number of classes taken from the labels": """
def one_hot(labels, C):
    labels = np.asarray(labels).reshape(-1)
    n_classes = labels.max() + 1
    Y = np.zeros((n_classes, labels.size))
    Y[labels, np.arange(labels.size)] = 1
    return Y
""",
        "integer matrix": """
def one_hot(labels, C):
    labels = np.asarray(labels).reshape(-1)
    Y = np.zeros((C, labels.size), dtype=int)
    Y[labels, np.arange(labels.size)] = 1
    return Y
""",
    },
    "compute_softmax_cost": {
        "mean over classes and examples": """
def compute_softmax_cost(A, Y):
    return float(-np.mean(Y * np.log(A)))
""",
        "binary cross-entropy formula": """
def compute_softmax_cost(A, Y):
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)
""",
        "minus sign forgotten": """
def compute_softmax_cost(A, Y):
    m = Y.shape[1]
    return float(np.sum(Y * np.log(A)) / m)
""",
        "one cost per example": """
def compute_softmax_cost(A, Y):
    return -np.sum(Y * np.log(A), axis=0)
""",
    },
}

CLASS = {
    "ada": {"batchnorm_forward": ("correct", "explicit sums, setdefault for the running averages"),
            "batchnorm_backward": ("correct", "step by step on the computation graph"),
            "softmax": ("correct", "np.exp of shifted logits, division by the column sums in two steps"),
            "one_hot": ("correct", "columns of np.eye"),
            "compute_softmax_cost": ("correct", "log-probability of the true class of each example")},
    "ben": {"batchnorm_forward": ("wrong", "running averages not stored in bn_param"),
            "softmax": ("wrong", "no shift: overflows for large logits")},
    "cam": {"batchnorm_backward": ("wrong", "mean and variance treated as constants"),
            "one_hot": ("wrong", "labels of shape (1, m) not flattened")},
    "dee": "blank",
}
