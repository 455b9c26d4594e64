"""The 3-layer network LINEAR->RELU->LINEAR->RELU->LINEAR->SIGMOID.

Several assignments (initialization, regularization, optimization) train this
same small binary classifier, so its pieces live here once.

Conventions:
- X has one example per column, shape (n_x, m); labels Y have shape (1, m).
- parameters is a dict with keys W1, b1, W2, b2, W3, b3, where
  W[l] has shape (n[l], n[l-1]) and b[l] has shape (n[l], 1).

The operations are written in the same order as in the classic course so the
printed numbers match its published outputs. The networks are tiny and are
trained for tens of thousands of iterations, so Python overhead dominates the
run time: the functions below avoid copies and extra temporaries.
"""
from functools import lru_cache

import numpy as np

from dlcourse.activations import relu, sigmoid


def forward_propagation(X, parameters):
    """Forward pass of LINEAR->RELU->LINEAR->RELU->LINEAR->SIGMOID.

    Arguments:
    X -- input data, shape (n_x, m)
    parameters -- dict with
        W1 (n1, n_x), b1 (n1, 1), W2 (n2, n1), b2 (n2, 1), W3 (1, n2), b3 (1, 1)

    Returns:
    A3 -- output of the sigmoid, shape (1, m)
    cache -- tuple (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) for the
             backward pass
    """
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]
    W3 = parameters["W3"]
    b3 = parameters["b3"]

    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)

    cache = (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)
    return A3, cache


def backward_propagation(X, Y, cache):
    """Backward pass: gradients of the mean cross-entropy cost.

    Arguments:
    X -- input data, shape (n_x, m)
    Y -- true labels (0 or 1), shape (1, m)
    cache -- the cache returned by forward_propagation

    Returns:
    gradients -- dict with dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1;
                 each gradient has the shape of the quantity it differentiates
    """
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache

    # sigmoid + cross-entropy: the 1/m of the mean cost enters here only.
    dZ3 = 1. / m * (A3 - Y)
    dW3 = np.dot(dZ3, A2.T)
    db3 = dZ3.sum(axis=1, keepdims=True)

    dA2 = np.dot(W3.T, dZ3)
    dZ2 = dA2 * (A2 > 0)          # ReLU'(Z2) is 1 where A2 > 0, else 0
    dW2 = np.dot(dZ2, A1.T)
    db2 = dZ2.sum(axis=1, keepdims=True)

    dA1 = np.dot(W2.T, dZ2)
    dZ1 = dA1 * (A1 > 0)
    dW1 = np.dot(dZ1, X.T)
    db1 = dZ1.sum(axis=1, keepdims=True)

    return {"dZ3": dZ3, "dW3": dW3, "db3": db3,
            "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


def _cross_entropy_sum(A3, Y):
    """Sum over examples of -Y log(A3) - (1 - Y) log(1 - A3), NaN terms ignored.

    A term is NaN only when 0 * log(0) appears, i.e. when A3 is exactly 0 or 1
    and agrees with the label; such a term contributes 0 to the cost.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        logprobs = np.multiply(-np.log(A3), Y) + np.multiply(-np.log(1 - A3), 1 - Y)
    total = logprobs.sum()
    if total != total:            # NaN: redo without the 0 * log(0) terms
        total = np.nansum(logprobs)
    return total


def compute_loss(A3, Y):
    """Mean cross-entropy cost (the name used by the initialization assignment).

    Arguments:
    A3 -- output of forward_propagation, probabilities, shape (1, m)
    Y -- true labels (0 or 1), shape (1, m)

    Returns:
    loss -- float, 1/m * sum(-Y log(A3) - (1 - Y) log(1 - A3)); it is inf when
            a prediction is exactly 0 or 1 and wrong. No RuntimeWarning is
            emitted for such values.
    """
    m = Y.shape[1]
    return float(1. / m * _cross_entropy_sum(A3, Y))


def compute_cost(A3, Y):
    """Mean cross-entropy cost (the name used by the regularization assignment).

    Arguments and result as in compute_loss.
    """
    m = Y.shape[1]
    return float(1. / m * _cross_entropy_sum(A3, Y))


def compute_cost_total(A3, Y):
    """Summed (not averaged) cross-entropy cost, for mini-batch training.

    The optimization assignment adds this over the mini-batches of an epoch and
    divides by the number of examples itself.

    Arguments:
    A3 -- output of forward_propagation, probabilities, shape (1, m)
    Y -- true labels (0 or 1), shape (1, m)

    Returns:
    cost_total -- float, sum(-Y log(A3) - (1 - Y) log(1 - A3))
    """
    return float(_cross_entropy_sum(A3, Y))


@lru_cache(maxsize=None)
def _layer_keys(L):
    """(("W1", "b1", "dW1", "db1"), ...) for layers 1..L, built once per L."""
    return tuple((f"W{l}", f"b{l}", f"dW{l}", f"db{l}") for l in range(1, L + 1))


def update_parameters(parameters, grads, learning_rate):
    """One step of plain gradient descent on every layer.

    Arguments:
    parameters -- dict with W1, b1, ..., WL, bL (any number of layers L)
    grads -- dict with dW1, db1, ..., dWL, dbL of the same shapes (other keys
             are ignored)
    learning_rate -- scalar step size

    Returns:
    parameters -- the same dict, its entries replaced by
                  W[l] - learning_rate * dW[l] and b[l] - learning_rate * db[l]

    The dict is updated in place but the arrays are new: arrays the caller took
    out of the dict before the call keep their old values.
    """
    for W, b, dW, db in _layer_keys(len(parameters) // 2):
        parameters[W] = parameters[W] - learning_rate * grads[dW]
        parameters[b] = parameters[b] - learning_rate * grads[db]
    return parameters


def predict(X, Y, parameters, print_accuracy=True):
    """Predict labels with the 3-layer net (threshold 0.5) and report accuracy.

    Arguments:
    X -- input data, shape (n_x, m)
    Y -- true labels (0 or 1), shape (1, m)
    parameters -- dict with W1, b1, W2, b2, W3, b3
    print_accuracy -- if True, print "Accuracy: <fraction correct>"

    Returns:
    p -- int64 predictions, shape (1, m): 1 where A3 > 0.5, else 0
    """
    A3, _ = forward_propagation(X, parameters)
    p = (A3 > 0.5).astype(np.int64)
    if print_accuracy:
        print("Accuracy: " + str(np.mean(p[0, :] == Y[0, :])))
    return p


def accuracy(X, Y, parameters):
    """Fraction of examples classified correctly, without printing.

    Arguments:
    X -- input data, shape (n_x, m)
    Y -- true labels (0 or 1), shape (1, m)
    parameters -- dict with W1, b1, W2, b2, W3, b3

    Returns:
    acc -- float in [0, 1]
    """
    p = predict(X, Y, parameters, print_accuracy=False)
    return float(np.mean(p[0, :] == Y[0, :]))


def predict_dec(parameters, X):
    """Boolean predictions, for plotting decision boundaries.

    Arguments:
    parameters -- dict with W1, b1, W2, b2, W3, b3
    X -- points to classify, shape (2, k) (one point per column)

    Returns:
    predictions -- bool array, shape (1, k): True where A3 > 0.5
    """
    A3, _ = forward_propagation(X, parameters)
    return A3 > 0.5
