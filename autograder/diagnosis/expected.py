"""The ground truth of the diagnosis measure (autograder.diagnosis.corpus).

EXPECTED -- ``{(assignment, function, WRONG label): catalogue id or None}``: which catalogue
            entry each of autograder.samples' WRONG mutants should be diagnosed as (``None``:
            no entry covers it, so it counts as a miss); a label not listed counts as ``None``
EXTRA -- ``{assignment: [(function, label, source, catalogue id)]}``: more mutants, written
         differently from the catalogue's variants (other code, same mistake)
"""

_INITIALIZATION = {
    "initialize_parameters_zeros": {
        "integer zeros": "zeros-int", "W transposed": "zeros-w-transposed",
        "b as a flat vector": "zeros-b-flat", "last layer forgotten": "zeros-last-layer"},
    "initialize_parameters_random": {
        "no seed": "random-no-seed", "seed inside the loop": "random-seed-in-loop",
        "uniform instead of normal": "random-uniform", "b drawn at random before W": "random-b-drawn"},
    "initialize_parameters_he": {
        "scaled by n[l] instead of n[l-1]": "he-fan-out", "Xavier scale sqrt(1/n)": "he-xavier",
        "variance 2/n used as the standard deviation": "he-variance-as-std",
        "seed after the first layer": "he-seed-late"},
    "normalize_inputs": {
        "divides by sigma2 instead of its square root": "norm-divide-by-variance",
        "test set normalized with its own mean and variance": "norm-test-own-statistics",
        "mean over the features instead of the examples": "norm-features-axis",
        "epsilon outside the square root": "norm-eps-outside-sqrt",
        "sample variance (divides by m - 1)": "norm-sample-variance",
        "normalizes X_train and X_test in place": "norm-in-place"},
}

_REGULARIZATION = {
    "compute_cost_with_regularization": {
        "lambd / m instead of lambd / (2 m)": "l2-cost-no-half", "W3 forgotten": "l2-cost-layer-missing",
        "norms not squared": "l2-cost-norm-not-squared", "biases penalized too": "l2-cost-biases"},
    "backward_propagation_with_regularization": {
        "lambd * W without 1/m": "l2-grad-no-m", "lambd / (2 m) * W (half the gradient)": "l2-grad-half",
        "only dW3 regularized": "l2-grad-last-layer-only", "db3 regularized too": "l2-grad-bias"},
    "forward_propagation_with_dropout": {
        "no division by keep_prob": "dropout-no-rescale",
        "mask keeps with probability 1 - keep_prob": "dropout-mask-inverted",
        "output layer dropped too": "dropout-output-layer", "no seed": "dropout-no-seed",
        "one mask shared by all examples": "dropout-one-mask-per-unit"},
    "backward_propagation_with_dropout": {
        "no division by keep_prob": "dropout-back-no-rescale",
        "a new mask drawn in the backward pass": None,  # depends on the generator's state: not reproducible
        "multiplied by keep_prob": "dropout-back-times-keep", "dA1 not masked": "dropout-back-mask-missing"},
    "bias_variance": {
        "variance measured from the Bayes error (dev - Bayes)": "bv-variance-from-bayes",
        "a gap equal to the threshold counts as high (>=)": "bv-threshold-inclusive",
        "Bayes error ignored (bias = training error)": "bv-bayes-ignored",
        "threshold fixed at 0.02": "bv-threshold-fixed"},
    "early_stopping": {
        "a tie keeps the later epoch (<=)": "es-tie-later", "one epoch too late (e - best > patience)": "es-one-late",
        "the overall minimum as the best epoch": "es-overall-best",
        "counts consecutive rises instead of epochs since the best": "es-consecutive-rises",
        "never stopping returns len(dev_costs)": "es-stop-past-end"},
    "flip_horizontal": {
        "np.fliplr (flips the rows of a 4-D array: upside down)": "flip-upside-down",
        "np.flip without an axis (reverses every axis)": "flip-every-axis", "flipped in place": "flip-in-place",
        "converted to floats": "flip-dtype-lost", "the channels reversed (axis 3)": "flip-channels"},
    "shift_images": {
        "np.roll alone (wrap-around)": "shift-wrap-around", "dx and dy swapped": "shift-dx-dy-swapped",
        "the opposite direction (content moves left for dx > 0)": "shift-opposite-direction",
        "slices ending at -d, which is empty for a shift of 0": "shift-negative-slice-end",
        "zeros of float64 (the dtype is lost)": "shift-dtype-lost"},
}

_GRADIENT_CHECKING = {
    "forward_propagation": {"sum instead of product": "forward-sum", "x forgotten": "forward-no-x",
                            "theta squared": "forward-theta-squared"},
    "backward_propagation": {"returns theta": "backward-theta", "returns J": "backward-j",
                             "derivative of theta with respect to itself": "backward-one"},
    "gradient_check": {
        "no denominator": "check-no-denominator", "divided by epsilon instead of 2 epsilon": "check-one-epsilon",
        "one-sided difference": "check-one-sided", "grad taken at theta + epsilon": "check-grad-shifted"},
    "gradient_check_n": {
        "no denominator": "check-n-no-denominator", "divided by epsilon instead of 2 epsilon": "check-n-one-epsilon",
        "parameter vector changed in place, never restored": "check-n-in-place",
        "copy forgotten for theta plus": "check-n-no-copy", "one-sided difference": "check-n-one-sided"},
}

_OPTIMIZATION_METHODS = {
    "update_parameters_with_gd": {
        "plus instead of minus": "gd-ascent", "last layer skipped (range(1, L))": "gd-last-layer",
        "b updated with dW": "gd-b-with-dw"},
    "random_mini_batches": {
        "last partial mini-batch dropped": "batches-last-dropped", "Y not shuffled with X": "batches-y-unshuffled",
        "X and Y shuffled with two different permutations": "batches-two-permutations",
        "an empty mini-batch added when m is a multiple of the size": "batches-empty-last"},
    "initialize_velocity": {
        "velocity copied from the parameters": "velocity-from-parameters",
        "keys without the d prefix": "velocity-keys", "db shaped like W": "velocity-db-shape"},
    "update_parameters_with_momentum": {
        "b updated with the W velocity": "momentum-b-with-w-velocity",
        "b velocity computed from dW": "momentum-b-velocity-from-dw",
        "no (1 - beta) factor": "momentum-no-one-minus-beta",
        "parameters moved with the raw gradient": "momentum-raw-gradient"},
    "initialize_adam": {
        "v and s are one dict (v = s = {})": "adam-one-dict", "s holds the same arrays as v": "adam-shared-arrays",
        "v and s returned in one dict": "adam-one-return"},
    "update_parameters_with_rmsprop": {
        "epsilon inside the square root": "rmsprop-eps-in-sqrt", "gradient not squared": "rmsprop-not-squared",
        "b computed from dW": "rmsprop-b-from-dw"},
    "update_parameters_with_adam": {
        "no bias correction": "adam-no-bias-correction", "epsilon inside the square root": "adam-eps-in-sqrt",
        "b updated with the W moments": "adam-b-with-w-moments", "b moments computed from dW": "adam-b-moments-from-dw",
        "corrected values stored back into v and s": "adam-corrected-stored"},
    "update_lr": {
        "operator precedence: lr0 / (1 + decay_rate) * epoch_num": "lr-precedence",
        "no 1 + in the denominator": "lr-no-one", "multiplied instead of divided": "lr-multiplied"},
    "schedule_lr_decay": {
        "without the floor": "schedule-no-floor", "round instead of floor": "schedule-round",
        "time_interval ignored (1000 written in)": "schedule-fixed-interval"},
}

_HYPERPARAMETER_SEARCH = {
    "sample_log_uniform": {
        "np.exp instead of 10 **": "log-uniform-exp", "uniform between low and high": "log-uniform-linear",
        "natural logarithms, then 10 **": "log-uniform-ln", "seeds the generator itself": "log-uniform-seeded",
        "np.random.rand(size): fails for a tuple": "log-uniform-rand-size"},
    "sample_beta": {
        "bounds not swapped": "beta-bounds-not-swapped", "beta itself log-uniform": "beta-itself-log",
        "returns 1 - beta": "beta-returns-one-minus", "uniform in [low, high]": "beta-uniform"},
    "random_search": {
        "no seed": "search-no-seed", "sorted worst first": "search-worst-first",
        "keys drawn in alphabetical order": "search-alphabetical", "int upper bound excluded": "search-int-exclusive",
        "beta drawn like a log kind": "search-beta-as-log"},
    "refine_space": {
        "assumes the results are sorted": "refine-assumes-sorted", "log bounds stored as exponents": "refine-log-exponents",
        "beta bounds of 1 - beta": "refine-beta-one-minus", "choice keeps every value": "refine-choice-all",
        "choices in the order of the results": "refine-choice-order"},
}

_BATCH_NORMALIZATION = {
    "batchnorm_forward": {
        "unbiased variance (ddof=1)": "bn-unbiased-variance", "statistics over the units (axis 0)": "bn-wrong-axis",
        "test mode uses the batch statistics": "bn-test-batch-stats",
        "running averages not stored in bn_param": "bn-running-not-stored",
        "momentum on the wrong side of the update": "bn-momentum-swapped",
        "eps outside the square root": "bn-eps-outside-sqrt"},
    "batchnorm_backward": {
        "mean and variance treated as constants": "bn-back-constants",
        "gradient through the variance forgotten": "bn-back-no-variance",
        "dgamma and dbeta summed over every entry": "bn-back-summed-all", "gamma forgotten in dZ": "bn-back-no-gamma"},
    "softmax": {
        "no shift: overflows for large logits": "softmax-no-shift", "normalised over the rows (axis 1)": "softmax-rows",
        "normalised by the sum of the whole matrix": "softmax-whole-sum",
        "shift by the maximum of the whole matrix": "softmax-global-max"},
    "one_hot": {
        "shape (m, C) instead of (C, m)": "one-hot-transposed", "labels of shape (1, m) not flattened": "one-hot-labels-2d",
        "number of classes taken from the labels": "one-hot-classes-from-labels", "integer matrix": "one-hot-int"},
    "compute_softmax_cost": {
        "mean over classes and examples": "softmax-cost-mean-all", "binary cross-entropy formula": "softmax-cost-binary",
        "minus sign forgotten": "softmax-cost-sign", "one cost per example": "softmax-cost-per-example"},
}

_CNN_STEP_BY_STEP = {
    "zero_pad": {"pads every axis": "pad-every-axis", "pads only after the image": "pad-one-side",
                 "slice assignment with -pad (breaks for pad = 0)": "pad-negative-slice"},
    "conv_single_step": {"float(b) (an error on NumPy 2)": "conv-step-float-b",
                         "returns a (1, 1, 1) array": "conv-step-array",
                         "bias added to every product": "conv-step-bias-everywhere"},
    "conv_forward": {"stride ignored in the window position": "conv-stride-ignored",
                     "flipped filter (a true convolution)": "conv-flipped",
                     "n_W computed from the height": "conv-width-from-height"},
    "pool_forward": {"mode ignored (always max)": "pool-mode-ignored",
                     "stride ignored in the window position": "pool-stride-ignored",
                     "pools over all channels at once": "pool-all-channels"},
    "conv_backward": {"[pad:-pad] crop (empty when pad = 0)": "conv-back-negative-crop",
                      "input gradient from the input window instead of the filter": "conv-back-input-window",
                      "dW and db averaged over the examples": "conv-back-averaged"},
    "create_mask_from_window": {"float mask instead of booleans": "mask-float",
                                "maximum of each column": "mask-column-max",
                                "returns the index of the maximum": "mask-argmax"},
    "distribute_value": {"dz not divided": "distribute-not-divided", "integer division": "distribute-int-division",
                         "returns the share as a number": "distribute-number"},
    "pool_backward": {"= instead of += (overlapping windows overwrite)": "pool-back-overwrite",
                      "stride ignored in the window position": "pool-back-stride-ignored",
                      "average mode: gradient copied, not shared": "pool-back-average-not-divided"},
    "network_shapes": {"bias forgotten": "shapes-no-bias", "ceil instead of floor": "shapes-ceil",
                       "pool layers counted like a conv with n_C_prev filters": "shapes-pool-parameters",
                       "padding counted on one side only": "shapes-pad-one-side"},
}

_BY_ASSIGNMENT = {
    "initialization": _INITIALIZATION,
    "regularization": _REGULARIZATION,
    "gradient_checking": _GRADIENT_CHECKING,
    "optimization_methods": _OPTIMIZATION_METHODS,
    "hyperparameter_search": _HYPERPARAMETER_SEARCH,
    "batch_normalization": _BATCH_NORMALIZATION,
    "cnn_step_by_step": _CNN_STEP_BY_STEP,
}

EXPECTED = {(assignment, function, label): want
            for assignment, table in _BY_ASSIGNMENT.items()
            for function, labels in table.items()
            for label, want in labels.items()}

#: autograder.samples' EXTRA_WRONG (mutants the samples keep out of the notebook-graded suite)
EXTRA_SAMPLES = {
    ("cnn_step_by_step", "zero_pad", "pads axes 0 and 1 instead of 1 and 2"): "pad-wrong-axes",
    ("cnn_step_by_step", "conv_single_step", "bias forgotten"): "conv-step-no-bias",
    ("cnn_step_by_step", "conv_single_step", "mean instead of sum"): "conv-step-mean",
    ("cnn_step_by_step", "conv_forward", "slices the unpadded input"): None,  # no entry
    ("cnn_step_by_step", "conv_forward", "output size without the padding"): "conv-size-no-pad",
    ("cnn_step_by_step", "pool_forward", "average computed as the sum"): "pool-average-sum",
    ("cnn_step_by_step", "conv_backward", "dW overwritten instead of accumulated"): "conv-back-dw-overwrite",
    ("cnn_step_by_step", "conv_backward", "stride ignored in the window position"): "conv-back-stride-ignored",
    ("cnn_step_by_step", "create_mask_from_window", "mask of the minimum"): "mask-min",
    ("cnn_step_by_step", "distribute_value", "divided by n_H + n_W"): "distribute-sides-added",
    ("cnn_step_by_step", "pool_backward", "mode ignored (always max)"): "pool-back-mode-ignored",
    ("cnn_step_by_step", "network_shapes", "fc reads only the last axis (no flatten)"): "shapes-fc-no-flatten",
    ("cnn_step_by_step", "network_shapes", "filter depth forgotten (f * f weights per filter)"): "shapes-filter-depth",
    ("cnn_step_by_step", "network_shapes", "one bias for a whole fc layer"): "shapes-fc-one-bias",
    ("cnn_step_by_step", "network_shapes", "consumes the layer list (pop)"): "shapes-layers-consumed",
    ("optimization_methods", "update_parameters_with_gd", "L = len(parameters) (no // 2)"): "gd-layer-count",
    ("optimization_methods", "random_mini_batches",
     "last mini-batch filled up to full size with earlier examples"): "batches-last-filled",
    ("optimization_methods", "initialize_velocity", "last layer forgotten"): "velocity-last-layer",
    ("optimization_methods", "update_parameters_with_momentum", "beta and 1 - beta swapped"): "momentum-beta-swapped",
    ("optimization_methods", "initialize_adam", "s started at ones (to avoid dividing by zero)"): "adam-s-ones",
    ("optimization_methods", "update_parameters_with_rmsprop", "divided by s, not by its square root"): "rmsprop-no-sqrt",
    ("optimization_methods", "update_lr", "exponential decay instead"): "lr-exponential",
    ("optimization_methods", "schedule_lr_decay", "ceil instead of floor"): "schedule-ceil",
}

_ADAM_T_MINUS_1 = """
def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    for layer in range(len(parameters) // 2):
        for kind in "Wb":
            p, g = f"{kind}{layer + 1}", f"d{kind}{layer + 1}"
            v[g] = beta1 * v[g] + (1 - beta1) * grads[g]
            s[g] = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
            step = t - 1
            v_hat = v[g] / (1 - beta1 ** step)
            s_hat = s[g] / (1 - beta2 ** step)
            parameters[p] = parameters[p] - learning_rate * v_hat / (s_hat ** 0.5 + epsilon)
    return parameters, v, s
"""

_GRADIENT_CHECK_LINEAR = """
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    J_plus, J_minus = x * (theta + epsilon), x * (theta - epsilon)
    approx = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    return abs(grad - approx) / (abs(grad) + abs(approx))
"""

_GRADIENT_CHECK_GRAD_X = """
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    approx = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    grad = x
    return np.linalg.norm(grad - approx) / (np.linalg.norm(grad) + np.linalg.norm(approx))
"""

_SEARCH_UNSORTED = """
def random_search(evaluate, space, n_trials, seed=0):
    np.random.seed(seed)
    draws = {"log": lambda spec: sample_log_uniform(spec[1], spec[2]),
             "beta": lambda spec: sample_beta(spec[1], spec[2]),
             "int": lambda spec: np.random.randint(spec[1], spec[2] + 1),
             "choice": lambda spec: spec[1][np.random.randint(len(spec[1]))]}
    results = []
    for _ in range(n_trials):
        config = {name: draws[spec[0]](spec) for name, spec in space.items()}
        results.append((config, evaluate(config)))
    return results
"""

_DROPOUT_BACK_PLAIN = """
def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    m = X.shape[1]
    Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3 = cache
    dZ3 = A3 - Y
    dA2 = W3.T @ dZ3
    dZ2 = dA2 * (A2 > 0)
    dA1 = W2.T @ dZ2
    dZ1 = dA1 * (A1 > 0)
    return {"dZ3": dZ3, "dW3": dZ3 @ A2.T / m, "db3": dZ3.sum(axis=1, keepdims=True) / m,
            "dA2": dA2, "dZ2": dZ2, "dW2": dZ2 @ A1.T / m, "db2": dZ2.sum(axis=1, keepdims=True) / m,
            "dA1": dA1, "dZ1": dZ1, "dW1": dZ1 @ X.T / m, "db1": dZ1.sum(axis=1, keepdims=True) / m}
"""

_SOFTMAX_UNSHIFTED = """
def softmax(Z):
    E = np.exp(Z)
    return E / E.sum(axis=0)
"""

_ONE_HOT_COLUMNS = """
def one_hot(labels, C):
    identity = np.identity(C)
    return identity[:, labels]
"""

_CROP_RETURNED = """
def conv_backward(dZ, cache):
    A_prev, W, b, hparameters = cache
    f, stride, pad = W.shape[0], hparameters["stride"], hparameters["pad"]
    m, n_H, n_W, n_C = dZ.shape
    A_pad = np.pad(A_prev, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
    dA_pad = np.zeros_like(A_pad)
    dW, db = np.zeros_like(W), np.zeros_like(b)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                rows, cols = slice(h * stride, h * stride + f), slice(w * stride, w * stride + f)
                for c in range(n_C):
                    dA_pad[i, rows, cols, :] += W[..., c] * dZ[i, h, w, c]
                    dW[..., c] += A_pad[i, rows, cols, :] * dZ[i, h, w, c]
                    db[..., c] += dZ[i, h, w, c]
    return dA_pad[:, pad:-pad, pad:-pad, :], dW, db
"""

_BN_SWAPPED = """
def batchnorm_forward(Z, gamma, beta, bn_param):
    eps, momentum = bn_param.get("eps", 1e-5), bn_param.get("momentum", 0.9)
    n = Z.shape[0]
    if bn_param["mode"] == "train":
        mu, var = Z.mean(axis=1, keepdims=True), Z.var(axis=1, keepdims=True)
        for key, batch in (("running_mean", mu), ("running_var", var)):
            old = bn_param.get(key, np.zeros((n, 1)))
            bn_param[key] = momentum * batch + (1 - momentum) * old
    else:
        mu, var = bn_param.get("running_mean", np.zeros((n, 1))), bn_param.get("running_var", np.zeros((n, 1)))
    Z_norm = (Z - mu) / np.sqrt(var + eps)
    return gamma * Z_norm + beta, (Z, Z_norm, mu, var, gamma, beta, eps)
"""

_HE_XAVIER = """
def initialize_parameters_he(layers_dims):
    np.random.seed(3)
    out = {}
    for l, (n_out, n_in) in enumerate(zip(layers_dims[1:], layers_dims[:-1]), start=1):
        out[f"W{l}"] = np.random.randn(n_out, n_in) / np.sqrt(n_in)
        out[f"b{l}"] = np.zeros((n_out, 1))
    return out
"""

_ZERO_PAD_SLICE = """
def zero_pad(X, pad):
    m, h, w, c = X.shape
    out = np.zeros((m, h + 2 * pad, w + 2 * pad, c), dtype=X.dtype)
    out[:, pad:-pad, pad:-pad] = X
    return out
"""

#: mutants written here, in other words than the catalogue's variants
EXTRA = {
    "optimization_methods": [
        ("update_parameters_with_adam", "bias correction with t - 1 (loop over names)", _ADAM_T_MINUS_1,
         "adam-bias-correction-t-minus-1"),
    ],
    "gradient_checking": [
        ("gradient_check", "J written out as x * theta", _GRADIENT_CHECK_LINEAR, "check-j-hard-coded"),
        ("gradient_check", "grad written out as x", _GRADIENT_CHECK_GRAD_X, "check-grad-hard-coded"),
    ],
    "hyperparameter_search": [
        ("random_search", "results in the order of the trials", _SEARCH_UNSORTED, "search-unsorted"),
    ],
    "regularization": [
        ("backward_propagation_with_dropout", "plain backward pass, no masks", _DROPOUT_BACK_PLAIN,
         "dropout-back-no-masks"),
    ],
    "batch_normalization": [
        ("softmax", "exp without a shift, sum without keepdims", _SOFTMAX_UNSHIFTED, "softmax-no-shift"),
        ("one_hot", "columns of the identity picked by the labels as given", _ONE_HOT_COLUMNS,
         "one-hot-labels-2d"),
        ("batchnorm_forward", "running averages weighted the wrong way (loop)", _BN_SWAPPED, "bn-momentum-swapped"),
    ],
    "initialization": [
        ("initialize_parameters_he", "divided by sqrt(n) (Xavier)", _HE_XAVIER, "he-xavier"),
    ],
    "cnn_step_by_step": [
        ("zero_pad", "[pad:-pad] slice, channels left implicit", _ZERO_PAD_SLICE, "pad-negative-slice"),
        ("conv_backward", "[pad:-pad] crop returned", _CROP_RETURNED, "conv-back-negative-crop"),
    ],
}
