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
}

_BY_ASSIGNMENT = {
    "initialization": _INITIALIZATION,
    "regularization": _REGULARIZATION,
}

EXPECTED = {(assignment, function, label): want
            for assignment, table in _BY_ASSIGNMENT.items()
            for function, labels in table.items()
            for label, want in labels.items()}

EXTRA = {}
