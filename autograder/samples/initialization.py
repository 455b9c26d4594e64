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
}

CLASS = {
    "ada": {"initialize_parameters_zeros": ("correct", "dict comprehension"),
            "initialize_parameters_random": ("correct", "while loop, float scale"),
            "initialize_parameters_he": ("correct", "standard_normal with a size tuple")},
    "ben": {"initialize_parameters_he": ("wrong", "scaled by n[l] instead of n[l-1]")},
    "cam": {"initialize_parameters_zeros": ("wrong", "integer zeros"),
            "initialize_parameters_random": ("wrong", "no seed")},
    "dee": "blank",
}
