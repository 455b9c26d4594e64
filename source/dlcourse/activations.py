"""Element-wise activation functions used throughout the course.

Both functions keep the textbook formula on purpose: the assignments compare
their numbers with the classic course's published outputs, so the order of the
floating-point operations must not change.
"""
import numpy as np


def sigmoid(x):
    """Logistic sigmoid, 1 / (1 + exp(-x)), element-wise.

    Arguments:
    x -- scalar or numpy array of any shape

    Returns:
    s -- sigmoid(x), same shape as x, values in [0, 1]

    Note: for x below about -709, exp(-x) overflows to inf (NumPy warns) and
    the result is exactly 0.0; for x above about 37 it rounds to exactly 1.0.
    """
    return 1 / (1 + np.exp(-x))


def relu(x):
    """Rectified linear unit, max(0, x), element-wise.

    Arguments:
    x -- scalar or numpy array of any shape

    Returns:
    s -- relu(x), same shape as x
    """
    return np.maximum(0, x)
