"""Gradient checking: numerical gradients and parameter <-> vector helpers.

The vector helpers flatten a parameters dict W1, b1, W2, b2, ... (any number of
layers, any sizes) into one column vector and back, so a gradient check can
perturb one number at a time.
"""
import re

import numpy as np

# Shapes of the classic gradient-checking net, layer sizes [4, 5, 3, 1].
CLASSIC_SHAPES = {"W1": (5, 4), "b1": (5, 1),
                  "W2": (3, 5), "b2": (3, 1),
                  "W3": (1, 3), "b3": (1, 1)}


def numerical_gradient(f, x, epsilon=1e-7):
    """Centred-difference estimate of the gradient of a scalar function.

    Arguments:
    f -- function taking an array shaped like x and returning a scalar
    x -- numpy array (any shape), the point where the gradient is estimated;
         it is not modified (f is evaluated on a perturbed copy)
    epsilon -- step size of the centred difference

    Returns:
    grad -- float array of x's shape, grad[i] = (f(x + eps e_i) - f(x - eps e_i)) / (2 eps)
    """
    x = np.array(x, dtype=np.result_type(np.asarray(x).dtype, np.float64))  # a copy
    grad = np.zeros(x.shape, dtype=x.dtype)
    for i in np.ndindex(x.shape):
        old = x[i]
        x[i] = old + epsilon
        f_plus = f(x)
        x[i] = old - epsilon
        f_minus = f(x)
        x[i] = old
        grad[i] = (f_plus - f_minus) / (2 * epsilon)
    return grad


def relative_difference(a, b):
    """Relative difference ||a - b|| / (||a|| + ||b||) of two arrays.

    Arguments:
    a, b -- numpy arrays of the same shape (norms are 2-norms of the flattened arrays)

    Returns:
    difference -- float in [0, 1]; 0.0 when both arrays are all zeros
    """
    a = np.asarray(a, dtype=np.float64).ravel()
    b = np.asarray(b, dtype=np.float64).ravel()
    numerator = np.linalg.norm(a - b)
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    if denominator == 0:
        return 0.0
    return float(numerator / denominator)


def check_gradient(f, x, analytic_grad, epsilon=1e-7, threshold=2e-7):
    """Compare an analytic gradient with the numerical one.

    Arguments:
    f -- function taking an array shaped like x and returning a scalar
    x -- numpy array, the point where the gradient is checked (not modified)
    analytic_grad -- numpy array of x's shape, the gradient to check
    epsilon -- step size of the centred difference
    threshold -- largest relative difference accepted as correct

    Returns:
    difference -- float, relative_difference(analytic_grad, numerical gradient)
    ok -- bool, difference < threshold
    """
    numeric = numerical_gradient(f, x, epsilon)
    difference = relative_difference(analytic_grad, numeric)
    return difference, bool(difference < threshold)


def _layer_count(mapping, prefix):
    """Largest l such that prefix + str(l) is a key (W for parameters, dW for grads)."""
    pattern = re.compile(re.escape(prefix) + r"([0-9]+)")
    layers = [int(mt.group(1)) for key in mapping
              if (mt := pattern.fullmatch(key)) is not None]
    return max(layers, default=0)


def _parameter_names(L):
    """["W1", "b1", ..., "WL", "bL"]."""
    if L == 0:
        raise ValueError("no W1/dW1 entry: expected a dict of parameters or gradients")
    return [name for l in range(1, L + 1) for name in (f"W{l}", f"b{l}")]


def parameter_shapes(parameters):
    """Shapes of the parameters, to rebuild a dict from a vector.

    Arguments:
    parameters -- dict with W1, b1, ..., WL, bL (other keys are ignored)

    Returns:
    shapes -- dict name -> shape tuple, in the order W1, b1, W2, b2, ...
    """
    names = _parameter_names(_layer_count(parameters, "W"))
    return {name: tuple(np.shape(parameters[name])) for name in names}


def dictionary_to_vector(parameters):
    """Flatten W1, b1, W2, b2, ... into a single column vector.

    Arguments:
    parameters -- dict with W1, b1, ..., WL, bL (any L and sizes; other keys ignored)

    Returns:
    theta -- column vector, shape (n, 1): each parameter flattened in C (row) order,
             concatenated in the order W1, b1, W2, b2, ...
    keys -- list of length n, keys[i] is the name of the parameter theta[i] comes from
    """
    names = _parameter_names(_layer_count(parameters, "W"))
    pieces = [np.reshape(parameters[name], (-1, 1)) for name in names]
    keys = [name for name, piece in zip(names, pieces) for _ in range(piece.shape[0])]
    theta = np.concatenate(pieces, axis=0)
    return theta, keys


def vector_to_dictionary(theta, shapes=None):
    """Inverse of dictionary_to_vector.

    Arguments:
    theta -- vector of all parameters, shape (n, 1) (or (n,))
    shapes -- dict name -> shape in the order W1, b1, W2, b2, ..., e.g. from
              parameter_shapes; None means the classic [4, 5, 3, 1] net
              (W1 (5, 4), b1 (5, 1), W2 (3, 5), b2 (3, 1), W3 (1, 3), b3 (1, 1))

    Returns:
    parameters -- dict name -> array of the given shape (a copy, independent of theta)
    """
    if shapes is None:
        shapes = CLASSIC_SHAPES
    flat = np.asarray(theta).reshape(-1)
    sizes = [int(np.prod(shape, dtype=np.int64)) for shape in shapes.values()]
    if sum(sizes) != flat.size:
        raise ValueError(f"theta has {flat.size} entries but the shapes need {sum(sizes)}")
    parameters = {}
    start = 0
    for (name, shape), size in zip(shapes.items(), sizes):
        parameters[name] = flat[start:start + size].reshape(shape).copy()
        start += size
    return parameters


def gradients_to_vector(gradients):
    """Flatten dW1, db1, dW2, db2, ... into a single column vector.

    Arguments:
    gradients -- dict with dW1, db1, ..., dWL, dbL (any L); other keys such as
                 dZ1 or dA2 are ignored

    Returns:
    theta -- column vector, shape (n, 1), in the same order as dictionary_to_vector
    """
    L = _layer_count(gradients, "dW")
    names = [f"d{name}" for name in _parameter_names(L)]
    return np.concatenate([np.reshape(gradients[name], (-1, 1)) for name in names], axis=0)
