"""Known mistakes of the ``initialization`` assignment (see autograder.diagnosis.mistakes)."""
from .mistakes import mistake

_SEED = "    np.random.seed(3)  # fixed seed so that your results can be checked\n"
_W_ZEROS = 'parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))'
_B_ZEROS = 'parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))'
_W_RANDOM = 'parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 10'
_HE_SCALE = "np.sqrt(2.0 / layers_dims[l - 1])"
_SCALE = "scale = np.sqrt(sigma2 + epsilon)"
_TEST_NORM = "X_test_norm = (X_test - mu) / scale"

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
    "normalize_inputs": [
        mistake("norm-divide-by-variance", "divided by the variance instead of the standard deviation",
                "Normalizing to unit variance divides by the spread in the data's own units.",
                (_SCALE, "scale = sigma2 + epsilon")),
        mistake("norm-test-own-statistics", "the test set normalized with its own mean and variance",
                "Every set goes through the same transformation, the one fitted on the training set.",
                (_TEST_NORM, "X_test_norm = (X_test - np.mean(X_test, axis=1, keepdims=True)) "
                             "/ np.sqrt(np.var(X_test, axis=1, keepdims=True) + epsilon)")),
        mistake("norm-features-axis", "statistics over the features instead of the examples",
                "Each feature gets its own mean and variance, taken across the examples (one per column).",
                ("m = X_train.shape[1]", "m = X_train.shape[0]"), ("axis=1", "axis=0")),
        mistake("norm-eps-outside-sqrt", "epsilon added after the square root",
                "Check where the small constant goes: it guards the variance, before the root.",
                (_SCALE, "scale = np.sqrt(sigma2) + epsilon")),
        mistake("norm-sample-variance", "the sample variance (divided by m - 1)",
                "The variance here is the mean of the squared deviations over the training examples.",
                ("keepdims=True) / m\n    scale", "keepdims=True) / (m - 1)\n    scale")),
        mistake("norm-in-place", "the input arrays normalized in place",
                "Compute the normalized sets as new arrays; the caller's data must stay as it was.",
                ("X_train_norm = (X_train - mu) / scale",
                 "X_train_norm = X_train.astype(float, copy=False)\n    X_train_norm -= mu\n    X_train_norm /= scale"),
                (_TEST_NORM,
                 "X_test_norm = X_test.astype(float, copy=False)\n    X_test_norm -= mu\n    X_test_norm /= scale")),
    ],
}
