"""Test inputs of the ``initialization`` assignment."""
from dlcourse.casefile import Case

FUNCTIONS = ("initialize_parameters_zeros", "initialize_parameters_random", "initialize_parameters_he")


def _layers_case(layers_dims, **options):
    return Case(label=repr(list(layers_dims)), args=(list(layers_dims),), options=options)


def visible():
    return {
        "initialize_parameters_zeros": [_layers_case([3, 2, 1])],
        "initialize_parameters_random": [_layers_case([3, 2, 1])],
        "initialize_parameters_he": [_layers_case([2, 4, 1])],
    }


# Hidden layer lists: the course's network, deeper and wider ones, a single layer, unit sizes.
# `preseed` scrambles NumPy's global random state before the call: a function that sets
# np.random.seed(3) itself, at the start, is unaffected; one that forgets it is caught.
_HIDDEN_LAYERS = ([2, 10, 5, 1], [5, 3, 4, 2, 1], [4, 6], [1, 1, 1], [7, 3, 2])


def hidden():
    cases = {}
    for name in FUNCTIONS:
        seeded = name != "initialize_parameters_zeros"
        cases[name] = [_layers_case(dims, **({"preseed": 1000 + i} if seeded else {}))
                       for i, dims in enumerate(_HIDDEN_LAYERS)]
    return cases
