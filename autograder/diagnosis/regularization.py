"""Known mistakes of the ``regularization`` assignment (see autograder.diagnosis.mistakes)."""
from .mistakes import mistake

_L2 = "L2_regularization_cost = lambd / (2 * m) * (np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))"
_PENALTIES = (("lambd / m * W3", "{} * W3"), ("lambd / m * W2", "{} * W2"), ("lambd / m * W1", "{} * W1"))
_MASK1 = "D1 = (np.random.rand(*A1.shape) < keep_prob).astype(int)"
_MASK2 = "D2 = (np.random.rand(*A2.shape) < keep_prob).astype(int)"


def _penalty(factor):
    return tuple((old, new.format(factor)) for old, new in _PENALTIES)


MISTAKES = {
    "compute_cost_with_regularization": [
        mistake("l2-cost-no-half", "the penalty divided by m instead of 2m",
                "Look at the constant in front of the sum of squares in the regularized cost.",
                (_L2, _L2.replace("lambd / (2 * m)", "lambd / m"))),
        mistake("l2-cost-layer-missing", "a weight matrix left out of the penalty",
                "The penalty sums the squares of every layer's weights.",
                (_L2, _L2.replace(" + np.sum(np.square(W3))", ""))),
        mistake("l2-cost-norm-not-squared", "norms added instead of squared norms",
                "The penalty uses the squared Frobenius norm: the sum of the squared entries.",
                (_L2, "L2_regularization_cost = lambd / (2 * m) * (np.linalg.norm(W1) + np.linalg.norm(W2) + np.linalg.norm(W3))")),
        mistake("l2-cost-biases", "the biases penalized too",
                "L2 regularization penalizes the weights only, not the biases.",
                (_L2, "L2_regularization_cost = lambd / (2 * m) * sum(np.sum(np.square(p)) for p in parameters.values())")),
    ],
    "backward_propagation_with_regularization": [
        mistake("l2-grad-no-m", "the penalty's gradient not divided by m",
                "Differentiate the penalty term of the cost, with its constant, for one weight.",
                *_penalty("lambd")),
        mistake("l2-grad-half", "the penalty's gradient with the 1/2 kept",
                "The derivative of a square brings down a 2: what happens to the 1/2 in front?",
                *_penalty("lambd / (2 * m)")),
        mistake("l2-grad-last-layer-only", "only the last layer's gradient regularized",
                "Every weight matrix is in the penalty, so every dW gets its term.",
                ("lambd / m * W2", "0"), ("lambd / m * W1", "0")),
        mistake("l2-grad-bias", "a bias gradient regularized",
                "The penalty does not contain the biases, so their gradients do not change.",
                ("db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)",
                 "db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True) + lambd / m * b3")),
    ],
    "forward_propagation_with_dropout": [
        mistake("dropout-no-rescale", "activations not divided by keep_prob (not inverted dropout)",
                "Inverted dropout rescales the kept activations so that their expected value is unchanged.",
                ("A1 = A1 * D1 / keep_prob", "A1 = A1 * D1"), ("A2 = A2 * D2 / keep_prob", "A2 = A2 * D2")),
        mistake("dropout-mask-inverted", "units kept with probability 1 - keep_prob",
                "keep_prob is the probability of keeping a unit: check the direction of your comparison.",
                (_MASK1, _MASK1.replace("<", ">")), (_MASK2, _MASK2.replace("<", ">"))),
        mistake("dropout-output-layer", "dropout applied to the output layer too",
                "Dropout applies to the hidden layers only; the output is never dropped.",
                ("A3 = sigmoid(Z3)", "A3 = sigmoid(Z3) * (np.random.rand(*Z3.shape) < keep_prob) / keep_prob")),
        mistake("dropout-no-seed", "the random generator not seeded",
                "The function seeds NumPy's generator itself, as its first line, so that masks can be checked.",
                ("np.random.seed(1)", "pass")),
        mistake("dropout-one-mask-per-unit", "one mask shared by all the examples",
                "Each example gets its own mask: the mask has the shape of the activations.",
                (_MASK1, "D1 = (np.random.rand(A1.shape[0], 1) < keep_prob).astype(int)"),
                (_MASK2, "D2 = (np.random.rand(A2.shape[0], 1) < keep_prob).astype(int)")),
    ],
    "backward_propagation_with_dropout": [
        mistake("dropout-back-no-rescale", "gradients masked but not divided by keep_prob",
                "The backward pass repeats what the forward pass did to the activations, scaling included.",
                ("dA2 = dA2 * D2 / keep_prob", "dA2 = dA2 * D2"), ("dA1 = dA1 * D1 / keep_prob", "dA1 = dA1 * D1")),
        mistake("dropout-back-times-keep", "gradients multiplied by keep_prob instead of divided",
                "Check how the forward pass scaled the kept activations.",
                ("dA2 = dA2 * D2 / keep_prob", "dA2 = dA2 * D2 * keep_prob"),
                ("dA1 = dA1 * D1 / keep_prob", "dA1 = dA1 * D1 * keep_prob")),
        mistake("dropout-back-mask-missing", "a dropout mask not reapplied in the backward pass",
                "Every hidden layer dropped in the forward pass must drop the same units of its gradient.",
                ("dA1 = dA1 * D1 / keep_prob", "dA1 = dA1")),
        mistake("dropout-back-no-masks", "no dropout in the backward pass at all",
                "The dropped units received no signal forward, so they get no gradient back.",
                ("dA2 = dA2 * D2 / keep_prob", "dA2 = dA2"), ("dA1 = dA1 * D1 / keep_prob", "dA1 = dA1")),
    ],
}
