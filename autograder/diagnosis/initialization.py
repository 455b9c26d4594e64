"""Known mistakes of the ``initialization`` assignment (see autograder.diagnosis.mistakes)."""
from .mistakes import mistake

_SEED = "    np.random.seed(3)  # fixed seed so that your results can be checked\n"
_W_ZEROS = 'parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))'
_B_ZEROS = 'parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))'
_W_RANDOM = 'parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10'
_HE_SCALE = "np.sqrt(2.0 / layers_dims[l - 1])"

MISTAKES = {
    "initialize_parameters_zeros": [
        mistake("zeros-int", "integer zeros instead of floats",
                "Weights are real numbers: check the dtype of the arrays you create.",
                (_W_ZEROS, _W_ZEROS[:-1] + ", dtype=int)"), (_B_ZEROS, _B_ZEROS[:-1] + ", dtype=int)")),
        mistake("zeros-w-transposed", "W[l] with its two dimensions swapped",
                "W[l] maps layer l-1 to layer l: its rows are the units of layer l.",
                (_W_ZEROS, 'parameters["W" + str(l)] = np.zeros((layers_dims[l - 1], layers_dims[l]))')),
        mistake("zeros-b-flat", "b[l] as a one-dimensional vector",
                "b[l] is a column: it has two dimensions, the second of size 1.",
                (_B_ZEROS, 'parameters["b" + str(l)] = np.zeros(layers_dims[l])')),
        mistake("zeros-last-layer", "the last layer left out",
                "Count the layers again: the loop should reach the output layer.",
                ("for l in range(1, L):", "for l in range(1, L - 1):")),
    ],
    "initialize_parameters_random": [
        mistake("random-no-seed", "the random generator not seeded",
                "The function must seed NumPy's generator itself, before any draw.",
                (_SEED, "")),
        mistake("random-seed-in-loop", "the generator re-seeded for every layer",
                "Seed once, before the loop: every layer should continue the same stream.",
                (_SEED, ""), ("    for l in range(1, L):\n", "    for l in range(1, L):\n        np.random.seed(3)\n")),
        mistake("random-uniform", "uniform draws instead of standard normal ones",
                "Which NumPy function draws from a standard normal distribution?",
                (_W_RANDOM, _W_RANDOM.replace("randn", "rand"))),
        mistake("random-b-drawn", "b drawn at random (before W)",
                "Only the weights are random here; the biases start at zero.",
                (_W_RANDOM + "\n        " + _B_ZEROS,
                 'parameters["b" + str(l)] = np.random.randn(layers_dims[l], 1) * 10\n        ' + _W_RANDOM)),
    ],
    "initialize_parameters_he": [
        mistake("he-fan-out", "He scaling by the layer's own size",
                "He scaling uses the number of inputs of the layer, i.e. the size of the previous layer.",
                (_HE_SCALE, "np.sqrt(2.0 / layers_dims[l])")),
        mistake("he-xavier", "He scaling with 1/n (Xavier) instead of 2/n",
                "Check the numerator of He scaling: ReLU layers need a larger variance than Xavier's.",
                (_HE_SCALE, "np.sqrt(1.0 / layers_dims[l - 1])")),
        mistake("he-variance-as-std", "the variance 2/n used as the standard deviation",
                "Multiplying a standard normal draw by a number sets its standard deviation, not its variance.",
                (_HE_SCALE, "(2.0 / layers_dims[l - 1])")),
        mistake("he-seed-late", "the generator seeded after the first layer's draw",
                "The seed must come before any draw.",
                (_SEED, ""), ('parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))\n',
                              'parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))\n'
                              '        if l == 1:\n            np.random.seed(3)\n')),
    ],
}
