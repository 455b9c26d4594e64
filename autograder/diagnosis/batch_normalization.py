"""Known mistakes of the ``batch_normalization`` assignment (see autograder.diagnosis.mistakes)."""
from .mistakes import mistake

_MU = "mu = np.mean(Z, axis=1, keepdims=True)"
_VAR = "var = np.var(Z, axis=1, keepdims=True)"
_RUN_MEAN = 'bn_param["running_mean"] = momentum * running_mean + (1 - momentum) * mu'
_RUN_VAR = 'bn_param["running_var"] = momentum * running_var + (1 - momentum) * var'
_DZ = "dZ = gamma / (m * s) * (m * dout - dbeta - Z_norm * dgamma)"
_EXP = "T = np.exp(Z - np.max(Z, axis=0, keepdims=True))"
_NORMALISE = "A = T / np.sum(T, axis=0, keepdims=True)"
_ONE_HOT = """    labels = np.asarray(labels).reshape(-1)
    Y = np.zeros((C, labels.size))
    Y[labels, np.arange(labels.size)] = 1.0
"""
_COST = "cost = -np.sum(Y * np.log(A)) / m"

MISTAKES = {
    "batchnorm_forward": [
        mistake("bn-unbiased-variance", "the unbiased variance (divided by m - 1)",
                "Batch normalization uses the batch's own variance, divided by m.",
                (_VAR, "var = np.var(Z, axis=1, keepdims=True, ddof=1)")),
        mistake("bn-wrong-axis", "statistics over the units instead of the examples",
                "Each unit is normalized over the examples of the batch: the examples are the columns.",
                (_MU, _MU.replace("axis=1", "axis=0")), (_VAR, _VAR.replace("axis=1", "axis=0"))),
        mistake("bn-test-batch-stats", "test mode normalizing with the batch's statistics",
                "At test time there may be one example only: use the averages gathered during training.",
                ("mu, var = running_mean, running_var", "mu, var = np.mean(Z, axis=1, keepdims=True), "
                                                        "np.var(Z, axis=1, keepdims=True)")),
        mistake("bn-running-not-stored", "the running averages not stored back in bn_param",
                "The next call reads the running averages from bn_param: update them there.",
                (_RUN_MEAN, _RUN_MEAN.replace('bn_param["running_mean"]', "running_mean")),
                (_RUN_VAR, _RUN_VAR.replace('bn_param["running_var"]', "running_var"))),
        mistake("bn-momentum-swapped", "running averages with momentum and 1 - momentum swapped",
                "momentum weighs the old running average; the batch's statistics get the small weight.",
                (_RUN_MEAN, 'bn_param["running_mean"] = (1 - momentum) * running_mean + momentum * mu'),
                (_RUN_VAR, 'bn_param["running_var"] = (1 - momentum) * running_var + momentum * var')),
        mistake("bn-eps-outside-sqrt", "eps added outside the square root",
                "In batch normalization eps is added to the variance, under the square root.",
                ("Z_norm = (Z - mu) / np.sqrt(var + eps)", "Z_norm = (Z - mu) / (np.sqrt(var) + eps)")),
    ],
    "batchnorm_backward": [
        mistake("bn-back-constants", "the batch's mean and variance treated as constants",
                "The mean and the variance depend on every entry of the batch: the gradient flows through them too.",
                (_DZ, "dZ = dout * gamma / s")),
        mistake("bn-back-no-variance", "the gradient through the variance left out",
                "Besides the mean, the variance depends on the inputs too.",
                (_DZ, "dZ = gamma / s * (dout - np.mean(dout, axis=1, keepdims=True))")),
        mistake("bn-back-summed-all", "dgamma and dbeta summed over every entry",
                "gamma and beta hold one value per unit: sum over the examples only.",
                ("dbeta = np.sum(dout, axis=1, keepdims=True)", "dbeta = np.sum(dout)"),
                ("dgamma = np.sum(dout * Z_norm, axis=1, keepdims=True)", "dgamma = np.sum(dout * Z_norm)"),
                (_DZ, "dZ = gamma / (m * s) * (m * dout - np.sum(dout, axis=1, keepdims=True) "
                      "- Z_norm * np.sum(dout * Z_norm, axis=1, keepdims=True))")),
        mistake("bn-back-no-gamma", "gamma left out of dZ",
                "The output was scaled by gamma: so is the gradient flowing back.",
                (_DZ, _DZ.replace("gamma / (m * s)", "1 / (m * s)"))),
    ],
    "softmax": [
        mistake("softmax-no-shift", "softmax without subtracting the maximum",
                "Large logits overflow the exponential: shift each column first (softmax does not change).",
                (_EXP, "T = np.exp(Z)")),
        mistake("softmax-rows", "normalized over the rows instead of the columns",
                "Each column is one example: its probabilities add up to one.",
                (_EXP, _EXP.replace("axis=0", "axis=1")), (_NORMALISE, _NORMALISE.replace("axis=0", "axis=1"))),
        mistake("softmax-whole-sum", "divided by the sum of the whole matrix",
                "Normalize each example (column) separately.",
                (_EXP, "T = np.exp(Z - np.max(Z))"), (_NORMALISE, "A = T / np.sum(T)")),
        mistake("softmax-global-max", "shifted by the maximum of the whole matrix",
                "Shift each column by its own maximum: one global shift can still underflow a column.",
                (_EXP, "T = np.exp(Z - np.max(Z))")),
    ],
    "one_hot": [
        mistake("one-hot-transposed", "the matrix shaped (m, C) instead of (C, m)",
                "One column per example, one row per class.",
                (_ONE_HOT, "    labels = np.asarray(labels).reshape(-1)\n    Y = np.eye(C)[labels]\n")),
        mistake("one-hot-labels-2d", "labels of shape (1, m) used as they are",
                "Labels may come as a row (1, m): flatten them first.",
                (_ONE_HOT, "    Y = np.eye(C)[np.asarray(labels)].T\n"),
                also=[[(_ONE_HOT, "    Y = np.eye(C)[:, np.asarray(labels)]\n")]]),
        mistake("one-hot-classes-from-labels", "the number of classes taken from the labels",
                "A batch need not contain every class: use C.",
                ("Y = np.zeros((C, labels.size))", "Y = np.zeros((labels.max() + 1, labels.size))")),
        mistake("one-hot-int", "an integer matrix instead of floats",
                "The one-hot matrix is compared with probabilities: make it hold floats.",
                ("Y = np.zeros((C, labels.size))", "Y = np.zeros((C, labels.size), dtype=int)")),
    ],
    "compute_softmax_cost": [
        mistake("softmax-cost-mean-all", "averaged over the classes too",
                "The cost sums over the classes and averages over the examples only.",
                (_COST, "cost = -np.mean(Y * np.log(A))")),
        mistake("softmax-cost-binary", "the binary cross-entropy formula",
                "With several classes, only the true class's log-probability counts.",
                (_COST, "cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m")),
        mistake("softmax-cost-sign", "the minus sign left out",
                "Log-probabilities are negative; a cost is positive.",
                (_COST, "cost = np.sum(Y * np.log(A)) / m")),
        mistake("softmax-cost-per-example", "one cost per example instead of their mean",
                "The cost is one number: the average over the examples.",
                (_COST + "\n", _COST + "\n    return -np.sum(Y * np.log(A), axis=0)\n")),
    ],
}
