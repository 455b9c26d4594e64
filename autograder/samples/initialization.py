'''Other implementations of the ``initialization`` assignment's graded functions.'''

CORRECT = {
    "initialize_parameters_zeros": {
        "dict comprehension": """
def initialize_parameters_zeros(layers_dims):
    pairs = zip(layers_dims[1:], layers_dims[:-1])
    parameters = {}
    for l, (n_out, n_in) in enumerate(pairs, start=1):
        parameters.update({f"W{l}": np.zeros((n_out, n_in)), f"b{l}": np.zeros((n_out, 1))})
    return parameters
""",
    },
    "initialize_parameters_random": {
        "while loop, float scale": """
def initialize_parameters_random(layers_dims):
    np.random.seed(3)
    parameters = {}
    l = 1
    while l < len(layers_dims):
        parameters['W%d' % l] = 10.0 * np.random.randn(layers_dims[l], layers_dims[l - 1])
        parameters['b%d' % l] = np.zeros(shape=(layers_dims[l], 1))
        l += 1
    return parameters
""",
    },
    "initialize_parameters_he": {
        "standard_normal with a size tuple": """
def initialize_parameters_he(layers_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        shape = (layers_dims[l], layers_dims[l - 1])
        parameters["W" + str(l)] = np.random.standard_normal(shape) * (2 / layers_dims[l - 1]) ** 0.5
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
""",
    },
    "normalize_inputs": {
        "np.mean and np.var with keepdims": """
def normalize_inputs(X_train, X_test, epsilon=1e-8):
    mu = np.mean(X_train, axis=1, keepdims=True)
    sigma2 = np.var(X_train, axis=1, keepdims=True)
    std = np.sqrt(sigma2 + epsilon)
    return (X_train - mu) / std, (X_test - mu) / std, mu, sigma2
""",
        "examples as rows, then transposed back": """
def normalize_inputs(X_train, X_test, epsilon=1e-8):
    rows = X_train.T.astype(float)
    mu = rows.mean(axis=0).reshape(-1, 1)
    sigma2 = ((rows - mu.T) ** 2).mean(axis=0).reshape(-1, 1)
    X_train_norm = ((rows - mu.T) / (sigma2.T + epsilon) ** 0.5).T
    X_test_norm = (X_test - mu) / (sigma2 + epsilon) ** 0.5
    return X_train_norm, X_test_norm, mu, sigma2
""",
    },
}

WRONG = {
    "initialize_parameters_zeros": {
        "integer zeros": """
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]), dtype=int)
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1), dtype=int)
    return parameters
""",
        "W transposed": """
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.zeros((layers_dims[l - 1], layers_dims[l]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
""",
        "b as a flat vector": """
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros(layers_dims[l])
    return parameters
""",
        "last layer forgotten": """
def initialize_parameters_zeros(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims) - 1):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
""",
    },
    "initialize_parameters_random": {
        "no seed": """
def initialize_parameters_random(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
""",
        "seed inside the loop": """
def initialize_parameters_random(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        np.random.seed(3)
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
""",
        "uniform instead of normal": """
def initialize_parameters_random(layers_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.rand(layers_dims[l], layers_dims[l - 1]) * 10
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
""",
        "b drawn at random before W": """
def initialize_parameters_random(layers_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["b" + str(l)] = np.random.randn(layers_dims[l], 1) * 10
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10
    return parameters
""",
    },
    "initialize_parameters_he": {
        "scaled by n[l] instead of n[l-1]": """
def initialize_parameters_he(layers_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2 / layers_dims[l])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
""",
        "Xavier scale sqrt(1/n)": """
def initialize_parameters_he(layers_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(1 / layers_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
""",
        "variance 2/n used as the standard deviation": """
def initialize_parameters_he(layers_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * (2 / layers_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
""",
        "seed after the first layer": """
def initialize_parameters_he(layers_dims):
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * np.sqrt(2 / layers_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
        if l == 1:
            np.random.seed(3)
    return parameters
""",
    },
    "normalize_inputs": {
        "divides by sigma2 instead of its square root": """
def normalize_inputs(X_train, X_test, epsilon=1e-8):
    mu = np.mean(X_train, axis=1, keepdims=True)
    sigma2 = np.mean((X_train - mu) ** 2, axis=1, keepdims=True)
    return (X_train - mu) / (sigma2 + epsilon), (X_test - mu) / (sigma2 + epsilon), mu, sigma2
""",
        "test set normalized with its own mean and variance": """
def normalize_inputs(X_train, X_test, epsilon=1e-8):
    def normalize(X):
        mu = np.mean(X, axis=1, keepdims=True)
        sigma2 = np.mean((X - mu) ** 2, axis=1, keepdims=True)
        return (X - mu) / np.sqrt(sigma2 + epsilon), mu, sigma2
    X_train_norm, mu, sigma2 = normalize(X_train)
    X_test_norm, _, _ = normalize(X_test)
    return X_train_norm, X_test_norm, mu, sigma2
""",
        "mean over the features instead of the examples": """
def normalize_inputs(X_train, X_test, epsilon=1e-8):
    mu = np.mean(X_train, axis=0, keepdims=True)
    sigma2 = np.mean((X_train - mu) ** 2, axis=0, keepdims=True)
    return (X_train - mu) / np.sqrt(sigma2 + epsilon), (X_test - mu) / np.sqrt(sigma2 + epsilon), mu, sigma2
""",
        "epsilon outside the square root": """
def normalize_inputs(X_train, X_test, epsilon=1e-8):
    mu = np.mean(X_train, axis=1, keepdims=True)
    sigma2 = np.mean((X_train - mu) ** 2, axis=1, keepdims=True)
    std = np.sqrt(sigma2) + epsilon
    return (X_train - mu) / std, (X_test - mu) / std, mu, sigma2
""",
        "sample variance (divides by m - 1)": """
def normalize_inputs(X_train, X_test, epsilon=1e-8):
    mu = np.mean(X_train, axis=1, keepdims=True)
    sigma2 = np.var(X_train, axis=1, ddof=1, keepdims=True)
    std = np.sqrt(sigma2 + epsilon)
    return (X_train - mu) / std, (X_test - mu) / std, mu, sigma2
""",
        "normalizes X_train and X_test in place": """
def normalize_inputs(X_train, X_test, epsilon=1e-8):
    mu = np.mean(X_train, axis=1, keepdims=True)
    sigma2 = np.mean((X_train - mu) ** 2, axis=1, keepdims=True)
    std = np.sqrt(sigma2 + epsilon)
    X_train = X_train.astype(float, copy=False)
    X_test = X_test.astype(float, copy=False)
    X_train -= mu
    X_train /= std
    X_test -= mu
    X_test /= std
    return X_train, X_test, mu, sigma2
""",
    },
}

CLASS = {
    "ada": {"initialize_parameters_zeros": ("correct", "dict comprehension"),
            "initialize_parameters_random": ("correct", "while loop, float scale"),
            "initialize_parameters_he": ("correct", "standard_normal with a size tuple")},
    "ben": {"initialize_parameters_he": ("wrong", "scaled by n[l] instead of n[l-1]"),
            "normalize_inputs": ("correct", "np.mean and np.var with keepdims")},
    "cam": {"initialize_parameters_zeros": ("wrong", "integer zeros"),
            "initialize_parameters_random": ("wrong", "no seed"),
            "normalize_inputs": ("wrong", "test set normalized with its own mean and variance")},
    "dee": "blank",
}
