'''Other implementations of the ``optimization_methods`` assignment's graded functions.

The submissions run after the notebook's imports cell, so ``np``, ``math`` and ``copy`` are defined.
'''

CORRECT = {
    "update_parameters_with_gd": {
        "in-place updates with f-strings": """
def update_parameters_with_gd(parameters, grads, learning_rate):
    for l in range(1, len(parameters) // 2 + 1):
        parameters[f"W{l}"] -= learning_rate * grads[f"dW{l}"]
        parameters[f"b{l}"] -= learning_rate * grads[f"db{l}"]
    return parameters
""",
    },
    "random_mini_batches": {
        "math.floor and explicit last slice (classic layout)": """
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    mini_batches = []
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))
    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(0, num_complete_minibatches):
        mini_batch_X = shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size]
        mini_batch_Y = shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]
        mini_batches.append((mini_batch_X, mini_batch_Y))
    if m % mini_batch_size != 0:
        mini_batch_X = shuffled_X[:, num_complete_minibatches * mini_batch_size:m]
        mini_batch_Y = shuffled_Y[:, num_complete_minibatches * mini_batch_size:m]
        mini_batches.append((mini_batch_X, mini_batch_Y))
    return mini_batches
""",
        "shuffle of an index array, comprehension over range(0, m, size)": """
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    order = np.arange(m)
    np.random.shuffle(order)          # the same draws as np.random.permutation(m)
    X, Y = X[:, order], Y[:, order].reshape(1, m)
    return [(X[:, i:i + mini_batch_size], Y[:, i:i + mini_batch_size])
            for i in range(0, m, mini_batch_size)]
""",
    },
    "initialize_velocity": {
        "dict comprehension": """
def initialize_velocity(parameters):
    return {"d" + name: np.zeros(value.shape) for name, value in parameters.items()}
""",
    },
    "update_parameters_with_momentum": {
        "in-place velocity, loop over W and b": """
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            key = f"d{p}{l}"
            v[key] = v[key] * beta
            v[key] += (1 - beta) * grads[key]
            parameters[f"{p}{l}"] = parameters[f"{p}{l}"] - learning_rate * v[key]
    return parameters, v
""",
    },
    "initialize_adam": {
        "comprehensions, s copied from v": """
def initialize_adam(parameters):
    v = {"d" + name: np.zeros_like(value) for name, value in parameters.items()}
    s = {key: zeros.copy() for key, zeros in v.items()}
    return v, s
""",
    },
    "update_parameters_with_rmsprop": {
        "** 2 and a separate denominator": """
def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        s["dW" + str(l)] = beta2 * s["dW" + str(l)] + (1 - beta2) * grads["dW" + str(l)] ** 2
        s["db" + str(l)] = beta2 * s["db" + str(l)] + (1 - beta2) * grads["db" + str(l)] ** 2
        denominator_W = np.sqrt(s["dW" + str(l)]) + epsilon
        denominator_b = np.sqrt(s["db" + str(l)]) + epsilon
        parameters["W" + str(l)] -= learning_rate * grads["dW" + str(l)] / denominator_W
        parameters["b" + str(l)] -= learning_rate * grads["db" + str(l)] / denominator_b
    return parameters, s
""",
    },
    "update_parameters_with_adam": {
        "returns the 5-tuple of the later course version": """
def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    L = len(parameters) // 2
    v_corrected = {}
    s_corrected = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = beta1 * v["dW" + str(l)] + (1 - beta1) * grads["dW" + str(l)]
        v["db" + str(l)] = beta1 * v["db" + str(l)] + (1 - beta1) * grads["db" + str(l)]
        v_corrected["dW" + str(l)] = v["dW" + str(l)] / (1 - np.power(beta1, t))
        v_corrected["db" + str(l)] = v["db" + str(l)] / (1 - np.power(beta1, t))
        s["dW" + str(l)] = beta2 * s["dW" + str(l)] + (1 - beta2) * np.power(grads["dW" + str(l)], 2)
        s["db" + str(l)] = beta2 * s["db" + str(l)] + (1 - beta2) * np.power(grads["db" + str(l)], 2)
        s_corrected["dW" + str(l)] = s["dW" + str(l)] / (1 - np.power(beta2, t))
        s_corrected["db" + str(l)] = s["db" + str(l)] / (1 - np.power(beta2, t))
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v_corrected["dW" + str(l)] / (np.sqrt(s_corrected["dW" + str(l)]) + epsilon)
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v_corrected["db" + str(l)] / (np.sqrt(s_corrected["db" + str(l)]) + epsilon)
    return parameters, v, s, v_corrected, s_corrected
""",
    },
    "update_lr": {
        "one expression with float()": """
def update_lr(learning_rate0, epoch_num, decay_rate):
    return float(learning_rate0) / (1.0 + decay_rate * epoch_num)
""",
    },
    "schedule_lr_decay": {
        "np.floor": """
def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))
    return learning_rate
""",
        "math.floor, stair number first": """
def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    stair = math.floor(epoch_num / time_interval)
    return learning_rate0 * 1 / (1 + decay_rate * stair)
""",
    },
}

WRONG = {
    "update_parameters_with_gd": {
        "plus instead of minus": """
def update_parameters_with_gd(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] + learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] + learning_rate * grads["db" + str(l)]
    return parameters
""",
        "last layer skipped (range(1, L))": """
def update_parameters_with_gd(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters
""",
        "b updated with dW": """
def update_parameters_with_gd(parameters, grads, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["dW" + str(l)]
    return parameters
""",
    },
    "random_mini_batches": {
        "last partial mini-batch dropped": """
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    mini_batches = []
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))
    for k in range(m // mini_batch_size):
        mini_batches.append((shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size],
                             shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]))
    return mini_batches
""",
        "Y not shuffled with X": """
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    mini_batches = []
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y.reshape((1, m))
    n = m // mini_batch_size
    for k in range(n):
        mini_batches.append((shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size],
                             shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]))
    if m % mini_batch_size != 0:
        mini_batches.append((shuffled_X[:, n * mini_batch_size:], shuffled_Y[:, n * mini_batch_size:]))
    return mini_batches
""",
        "X and Y shuffled with two different permutations": """
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    mini_batches = []
    shuffled_X = X[:, list(np.random.permutation(m))]
    shuffled_Y = Y[:, list(np.random.permutation(m))].reshape((1, m))
    n = m // mini_batch_size
    for k in range(n):
        mini_batches.append((shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size],
                             shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]))
    if m % mini_batch_size != 0:
        mini_batches.append((shuffled_X[:, n * mini_batch_size:], shuffled_Y[:, n * mini_batch_size:]))
    return mini_batches
""",
        "an empty mini-batch added when m is a multiple of the size": """
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    mini_batches = []
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))
    n = m // mini_batch_size
    for k in range(n):
        mini_batches.append((shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size],
                             shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]))
    mini_batches.append((shuffled_X[:, n * mini_batch_size:], shuffled_Y[:, n * mini_batch_size:]))
    return mini_batches
""",
    },
    "initialize_velocity": {
        "velocity copied from the parameters": """
def initialize_velocity(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = parameters["W" + str(l)].copy()
        v["db" + str(l)] = parameters["b" + str(l)].copy()
    return v
""",
        "keys without the d prefix": """
def initialize_velocity(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["W" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["b" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v
""",
        "db shaped like W": """
def initialize_velocity(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
    return v
""",
    },
    "update_parameters_with_momentum": {
        "b updated with the W velocity": """
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]
        v["db" + str(l)] = beta * v["db" + str(l)] + (1 - beta) * grads["db" + str(l)]
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v["dW" + str(l)]
    return parameters, v
""",
        "b velocity computed from dW": """
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]
        v["db" + str(l)] = beta * v["db" + str(l)] + (1 - beta) * grads["dW" + str(l)]
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v["db" + str(l)]
    return parameters, v
""",
        "no (1 - beta) factor": """
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        v["dW" + str(l)] = beta * v["dW" + str(l)] + grads["dW" + str(l)]
        v["db" + str(l)] = beta * v["db" + str(l)] + grads["db" + str(l)]
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v["db" + str(l)]
    return parameters, v
""",
        "parameters moved with the raw gradient": """
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]
        v["db" + str(l)] = beta * v["db" + str(l)] + (1 - beta) * grads["db" + str(l)]
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters, v
""",
    },
    "initialize_adam": {
        "v and s are one dict (v = s = {})": """
def initialize_adam(parameters):
    L = len(parameters) // 2
    v = s = {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
        s["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        s["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v, s
""",
        "s holds the same arrays as v": """
def initialize_adam(parameters):
    L = len(parameters) // 2
    v, s = {}, {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
        s["dW" + str(l)] = v["dW" + str(l)]
        s["db" + str(l)] = v["db" + str(l)]
    return v, s
""",
        "v and s returned in one dict": """
def initialize_adam(parameters):
    L = len(parameters) // 2
    v, s = {}, {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
        s["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        s["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return {"v": v, "s": s}
""",
    },
    "update_parameters_with_rmsprop": {
        "epsilon inside the square root": """
def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            k = "d" + p + str(l)
            s[k] = beta2 * s[k] + (1 - beta2) * np.square(grads[k])
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads[k] / np.sqrt(s[k] + epsilon)
    return parameters, s
""",
        "gradient not squared": """
def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            k = "d" + p + str(l)
            s[k] = beta2 * s[k] + (1 - beta2) * grads[k]
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads[k] / (np.sqrt(np.abs(s[k])) + epsilon)
    return parameters, s
""",
        "b computed from dW": """
def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        s["dW" + str(l)] = beta2 * s["dW" + str(l)] + (1 - beta2) * np.square(grads["dW" + str(l)])
        s["db" + str(l)] = beta2 * s["db" + str(l)] + (1 - beta2) * np.square(grads["dW" + str(l)])
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)] / (np.sqrt(s["dW" + str(l)]) + epsilon)
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)] / (np.sqrt(s["db" + str(l)]) + epsilon)
    return parameters, s
""",
    },
    "update_parameters_with_adam": {
        "no bias correction": """
def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            k = "d" + p + str(l)
            v[k] = beta1 * v[k] + (1 - beta1) * grads[k]
            s[k] = beta2 * s[k] + (1 - beta2) * np.square(grads[k])
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v[k] / (np.sqrt(s[k]) + epsilon)
    return parameters, v, s
""",
        "epsilon inside the square root": """
def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            k = "d" + p + str(l)
            v[k] = beta1 * v[k] + (1 - beta1) * grads[k]
            s[k] = beta2 * s[k] + (1 - beta2) * np.square(grads[k])
            v_hat = v[k] / (1 - beta1 ** t)
            s_hat = s[k] / (1 - beta2 ** t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_hat / np.sqrt(s_hat + epsilon)
    return parameters, v, s
""",
        "b updated with the W moments": """
def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    L = len(parameters) // 2
    v_corrected, s_corrected = {}, {}
    for l in range(1, L + 1):
        for p in ("W", "b"):
            k = "d" + p + str(l)
            v[k] = beta1 * v[k] + (1 - beta1) * grads[k]
            s[k] = beta2 * s[k] + (1 - beta2) * np.square(grads[k])
            v_corrected[k] = v[k] / (1 - beta1 ** t)
            s_corrected[k] = s[k] / (1 - beta2 ** t)
        parameters["W" + str(l)] -= learning_rate * v_corrected["dW" + str(l)] / (np.sqrt(s_corrected["dW" + str(l)]) + epsilon)
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v_corrected["dW" + str(l)] / (np.sqrt(s_corrected["dW" + str(l)]) + epsilon)
    return parameters, v, s
""",
        "b moments computed from dW": """
def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            k = "d" + p + str(l)
            g = grads["dW" + str(l)]
            v[k] = beta1 * v[k] + (1 - beta1) * g
            s[k] = beta2 * s[k] + (1 - beta2) * np.square(g)
            v_hat = v[k] / (1 - beta1 ** t)
            s_hat = s[k] / (1 - beta2 ** t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v_hat / (np.sqrt(s_hat) + epsilon)
    return parameters, v, s
""",
        "corrected values stored back into v and s": """
def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            k = "d" + p + str(l)
            v[k] = beta1 * v[k] + (1 - beta1) * grads[k]
            s[k] = beta2 * s[k] + (1 - beta2) * np.square(grads[k])
            v[k] = v[k] / (1 - beta1 ** t)
            s[k] = s[k] / (1 - beta2 ** t)
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * v[k] / (np.sqrt(s[k]) + epsilon)
    return parameters, v, s
""",
    },
    "update_lr": {
        "operator precedence: lr0 / (1 + decay_rate) * epoch_num": """
def update_lr(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 / (1 + decay_rate) * epoch_num
    return learning_rate
""",
        "no 1 + in the denominator": """
def update_lr(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 / (decay_rate * epoch_num)
    return learning_rate
""",
        "multiplied instead of divided": """
def update_lr(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 * (1 + decay_rate * epoch_num)
    return learning_rate
""",
    },
    "schedule_lr_decay": {
        "without the floor": """
def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num / time_interval)
    return learning_rate
""",
        "round instead of floor": """
def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * round(epoch_num / time_interval))
    return learning_rate
""",
        "time_interval ignored (1000 written in)": """
def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * np.floor(epoch_num / 1000))
    return learning_rate
""",
    },
}

# More implementations, checked in-process (without nbgrader, in a second) by
# tests/test_optimization_methods.py: graded through notebooks they would only lengthen the suite.
EXTRA_CORRECT = {
    "update_parameters_with_gd": {
        "loop over the parameter names": """
def update_parameters_with_gd(parameters, grads, learning_rate):
    for name in list(parameters):
        parameters[name] = parameters[name] - learning_rate * grads["d" + name]
    return parameters
""",
    },
    "initialize_adam": {
        "calls initialize_velocity twice": """
def initialize_adam(parameters):
    return initialize_velocity(parameters), initialize_velocity(parameters)
""",
    },
    "update_parameters_with_adam": {
        "loop over parameter names, step size folded into one factor": """
def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,
                                beta1=0.9, beta2=0.999, epsilon=1e-8):
    for name in list(parameters):
        g = grads["d" + name]
        v["d" + name] = beta1 * v["d" + name] + (1 - beta1) * g
        s["d" + name] = beta2 * s["d" + name] + (1 - beta2) * g * g
        v_hat = v["d" + name] / (1 - beta1 ** t)
        s_hat = s["d" + name] / (1 - beta2 ** t)
        parameters[name] = parameters[name] - learning_rate * v_hat / (np.sqrt(s_hat) + epsilon)
    return parameters, v, s
""",
    },
}

EXTRA_WRONG = {
    "update_parameters_with_gd": {
        "L = len(parameters) (no // 2)": """
def update_parameters_with_gd(parameters, grads, learning_rate):
    L = len(parameters)
    for l in range(1, L + 1):
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
    return parameters
""",
    },
    "random_mini_batches": {
        "last mini-batch filled up to full size with earlier examples": """
def random_mini_batches(X, Y, mini_batch_size=64, seed=0):
    np.random.seed(seed)
    m = X.shape[1]
    mini_batches = []
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))
    n = m // mini_batch_size
    for k in range(n):
        mini_batches.append((shuffled_X[:, k * mini_batch_size:(k + 1) * mini_batch_size],
                             shuffled_Y[:, k * mini_batch_size:(k + 1) * mini_batch_size]))
    if m % mini_batch_size != 0:
        mini_batches.append((shuffled_X[:, -mini_batch_size:], shuffled_Y[:, -mini_batch_size:]))
    return mini_batches
""",
    },
    "initialize_velocity": {
        "last layer forgotten": """
def initialize_velocity(parameters):
    L = len(parameters) // 2
    v = {}
    for l in range(1, L):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
    return v
""",
    },
    "update_parameters_with_momentum": {
        "beta and 1 - beta swapped": """
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        v["dW" + str(l)] = (1 - beta) * v["dW" + str(l)] + beta * grads["dW" + str(l)]
        v["db" + str(l)] = (1 - beta) * v["db" + str(l)] + beta * grads["db" + str(l)]
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v["db" + str(l)]
    return parameters, v
""",
    },
    "initialize_adam": {
        "s started at ones (to avoid dividing by zero)": """
def initialize_adam(parameters):
    L = len(parameters) // 2
    v, s = {}, {}
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
        s["dW" + str(l)] = np.ones(parameters["W" + str(l)].shape)
        s["db" + str(l)] = np.ones(parameters["b" + str(l)].shape)
    return v, s
""",
    },
    "update_parameters_with_rmsprop": {
        "divided by s, not by its square root": """
def update_parameters_with_rmsprop(parameters, grads, s, beta2, learning_rate, epsilon=1e-8):
    L = len(parameters) // 2
    for l in range(1, L + 1):
        for p in ("W", "b"):
            k = "d" + p + str(l)
            s[k] = beta2 * s[k] + (1 - beta2) * np.square(grads[k])
            parameters[p + str(l)] = parameters[p + str(l)] - learning_rate * grads[k] / (s[k] + epsilon)
    return parameters, s
""",
    },
    "update_lr": {
        "exponential decay instead": """
def update_lr(learning_rate0, epoch_num, decay_rate):
    learning_rate = learning_rate0 * decay_rate ** epoch_num
    return learning_rate
""",
    },
    "schedule_lr_decay": {
        "ceil instead of floor": """
def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    learning_rate = learning_rate0 / (1 + decay_rate * np.ceil(epoch_num / time_interval))
    return learning_rate
""",
    },
}

CLASS = {
    "ada": {"update_parameters_with_gd": ("correct", "in-place updates with f-strings"),
            "random_mini_batches": ("correct", "shuffle of an index array, comprehension over range(0, m, size)"),
            "initialize_velocity": ("correct", "dict comprehension"),
            "update_parameters_with_momentum": ("correct", "in-place velocity, loop over W and b"),
            "initialize_adam": ("correct", "comprehensions, s copied from v"),
            "update_parameters_with_rmsprop": ("correct", "** 2 and a separate denominator"),
            "update_parameters_with_adam": ("correct", "returns the 5-tuple of the later course version"),
            "update_lr": ("correct", "one expression with float()"),
            "schedule_lr_decay": ("correct", "math.floor, stair number first")},
    "ben": {"random_mini_batches": ("wrong", "last partial mini-batch dropped"),
            "update_parameters_with_adam": ("wrong", "epsilon inside the square root")},
    "cam": {"initialize_adam": ("wrong", "v and s are one dict (v = s = {})"),
            "update_parameters_with_momentum": ("wrong", "b updated with the W velocity"),
            "schedule_lr_decay": ("wrong", "without the floor")},
    "dee": "blank",
}
