"""Test inputs of the ``initialization`` assignment."""
import numpy as np

from dlcourse.casefile import Case

FUNCTIONS = ("initialize_parameters_zeros", "initialize_parameters_random", "initialize_parameters_he",
             "normalize_inputs")


def _layers_case(layers_dims, label=None, **options):
    """A case on a list of layer sizes; visible cases are named by the list (the notebook shows
    it), hidden ones by ``label``, in words."""
    return Case(label=label or repr(list(layers_dims)), args=(list(layers_dims),), options=options)


def normalize_example():
    """The inputs of the notebook's ``normalize_inputs`` example (the same code is in the notebook)."""
    rng = np.random.default_rng(11)
    X_train = np.round(rng.normal([[50.0], [0.5]], [[20.0], [0.2]], size=(2, 5)), 1)
    X_test = np.round(rng.normal([[50.0], [0.5]], [[20.0], [0.2]], size=(2, 3)), 1)
    return X_train, X_test


def visible():
    X_train, X_test = normalize_example()
    return {
        "initialize_parameters_zeros": [_layers_case([3, 2, 1])],
        "initialize_parameters_random": [_layers_case([3, 2, 1])],
        "initialize_parameters_he": [_layers_case([2, 4, 1])],
        "normalize_inputs": [Case("X_train (2, 5) and X_test (2, 3), features on different scales",
                                  args=(X_train, X_test))],
    }


# Hidden layer lists, named in words: the course's network, deeper and wider ones, a single
# layer, unit sizes. `preseed` scrambles NumPy's global random state before the call: a function
# that sets np.random.seed(3) itself, at the start, is unaffected; one that forgets it is caught.
_HIDDEN_LAYERS = (([2, 10, 5, 1], "the notebook's network"),
                  ([5, 3, 4, 2, 1], "a deeper network (four layers)"),
                  ([4, 6], "a single layer"),
                  ([1, 1, 1], "layers of one unit each"),
                  ([7, 3, 2], "two layers, several output units"))


def normalize_cases():
    """Hidden ``normalize_inputs`` cases: scales, a constant feature (variance 0, where epsilon
    matters), a test set drawn from other statistics, a single test example, a single training
    example, integer inputs, a square matrix (n_x == m) and an epsilon given by name."""
    rng = np.random.default_rng(2031)
    out = []

    def add(label, X_train, X_test, **kwargs):
        out.append(Case(label, args=(X_train, X_test), kwargs=kwargs))

    scales = np.array([[1000.0], [1.0], [0.01]])
    add("three features on very different scales",
        rng.normal(5.0, 1.0, (3, 40)) * scales, rng.normal(5.0, 1.0, (3, 15)) * scales)
    X_train, X_test = rng.normal(0.0, 3.0, (4, 30)), rng.normal(0.0, 3.0, (4, 10))
    X_train[2, :] = 7.0
    add("a feature that is constant on the training set (its variance is 0) but not on the test set",
        X_train, X_test)
    add("a test set with another mean and variance than the training set",
        rng.normal(2.0, 1.0, (3, 25)), rng.normal(6.0, 4.0, (3, 12)))
    add("a single test example", rng.normal(-3.0, 2.0, (2, 20)), rng.normal(-3.0, 2.0, (2, 1)))
    add("a single training example (every variance is 0)",
        rng.normal(0.0, 1.0, (3, 1)), rng.normal(0.0, 1.0, (3, 4)))
    add("integer inputs (pixel values)",
        rng.integers(0, 256, (5, 16)), rng.integers(0, 256, (5, 6)))
    add("as many features as training examples",
        rng.normal(1.0, 2.0, (4, 4)), rng.normal(1.0, 2.0, (4, 3)))
    add("a large epsilon given by name", rng.normal(0.0, 0.5, (2, 10)), rng.normal(0.0, 0.5, (2, 5)),
        epsilon=0.5)
    return out


def hidden():
    cases = {}
    for name in FUNCTIONS[:3]:
        seeded = name != "initialize_parameters_zeros"
        cases[name] = [_layers_case(dims, label, **({"preseed": 1000 + i} if seeded else {}))
                       for i, (dims, label) in enumerate(_HIDDEN_LAYERS)]
    cases["normalize_inputs"] = normalize_cases()
    return cases
