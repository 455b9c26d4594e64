"""Checks of ``cnn_step_by_step`` that are not value comparisons, and a vectorised oracle.

``network_shapes`` must leave its ``layers`` list and dicts unchanged
(:func:`check_network_shapes_unchanged`).

The backward passes are checked against numerical gradients
(:func:`dlcourse.gradcheck.numerical_gradient`) of a scalar ``J = sum(Z * G)``, ``G`` a fixed
random array: then ``dJ/dZ = G``, so ``conv_backward(G, cache)`` must return the gradients of
``J`` with respect to ``A_prev``, ``W`` and ``b``, and ``pool_backward(G, cache, mode)`` the
gradient with respect to ``A_prev``. ``J`` is evaluated with the vectorised forward passes of
this module, written independently of the notebook's loops (so a student's own forward pass,
right or wrong, plays no part in the grade of a backward pass).

This module is instructor-only (it ships with the autograder, not with ``dlcourse``): its
vectorised functions are complete solutions of graded functions.
"""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from dlcourse.casefile import Case
from dlcourse.gradcheck import numerical_gradient, relative_difference
from dlcourse.testing import describe_exception, CheckFailed, Kind, call_case

from autograder.cases.cnn_step_by_step import PATCHES, network_cases
from autograder.properties.inputs import check_inputs_unchanged

#: a backward pass passes when its relative difference to the numerical gradient is below this
THRESHOLD = 1e-6
#: the functions are piecewise linear, so a large step is exact and keeps rounding errors small
EPSILON = 1e-5


# ----------------------------------------------------------------- vectorised oracle

def _pad(X, pad):
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)))


def _out(n, f, pad, stride):
    return (n + 2 * pad - f) // stride + 1


def _offset_view(X, i, j, n_H, n_W, stride):
    """The entries at offset (i, j) of every window: ``X[:, i + h*stride, j + w*stride, :]``."""
    return X[:, i:i + stride * (n_H - 1) + 1:stride, j:j + stride * (n_W - 1) + 1:stride, :]


def conv_forward_fast(A_prev, W, b, hparameters):
    """``conv_forward`` without a loop over windows: one matrix product per filter offset (i, j).

    Z[n, h, w, c] = sum over i, j of A_pad[n, h*s + i, w*s + j, :] @ W[i, j, :, c], plus b[c].
    Returns ``(Z, (A_prev, W, b, hparameters))``.
    """
    f, stride, pad = W.shape[0], hparameters["stride"], hparameters["pad"]
    m, n_H_prev, n_W_prev, _ = A_prev.shape
    n_H, n_W = _out(n_H_prev, f, pad, stride), _out(n_W_prev, f, pad, stride)
    A_pad = _pad(A_prev, pad)
    Z = np.zeros((m, n_H, n_W, W.shape[3]))
    for i in range(f):
        for j in range(f):
            Z += _offset_view(A_pad, i, j, n_H, n_W, stride) @ W[i, j]
    Z += b.reshape(1, 1, 1, -1)
    return Z, (A_prev, W, b, hparameters)


def conv_forward_windows(A_prev, W, b, hparameters):
    """``conv_forward`` with ``sliding_window_view`` and ``tensordot`` (the notebook's hint).

    The view has shape (m, n_H, n_W, n_C_prev, f, f) after striding; ``tensordot`` contracts its
    last three axes with W's first three.
    """
    f, stride, pad = W.shape[0], hparameters["stride"], hparameters["pad"]
    windows = sliding_window_view(_pad(A_prev, pad), (f, f), axis=(1, 2))[:, ::stride, ::stride]
    Z = np.tensordot(windows, W, axes=([4, 5, 3], [0, 1, 2])) + b.reshape(1, 1, 1, -1)
    return Z, (A_prev, W, b, hparameters)


def conv_backward_fast(dZ, cache):
    """``conv_backward``, vectorised over examples and windows (a loop over filter offsets)."""
    A_prev, W, b, hparameters = cache
    f, stride, pad = W.shape[0], hparameters["stride"], hparameters["pad"]
    _, n_H_prev, n_W_prev, _ = A_prev.shape
    _, n_H, n_W, n_C = dZ.shape
    A_pad = _pad(A_prev, pad)
    dA_pad = np.zeros(A_pad.shape)
    dW = np.zeros(W.shape)
    for i in range(f):
        for j in range(f):
            window_entries = _offset_view(A_pad, i, j, n_H, n_W, stride)
            dW[i, j] = np.tensordot(window_entries, dZ, axes=([0, 1, 2], [0, 1, 2]))
            _offset_view(dA_pad, i, j, n_H, n_W, stride)[...] += dZ @ W[i, j].T
    db = dZ.sum(axis=(0, 1, 2)).reshape(1, 1, 1, n_C)
    dA_prev = dA_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :]
    return dA_prev, dW, db


def pool_forward_fast(A_prev, hparameters, mode="max"):
    """``pool_forward`` with ``sliding_window_view``; returns ``(A, (A_prev, hparameters))``."""
    f, stride = hparameters["f"], hparameters["stride"]
    windows = sliding_window_view(A_prev, (f, f), axis=(1, 2))[:, ::stride, ::stride]
    if mode == "max":
        A = windows.max(axis=(4, 5))
    elif mode == "average":
        A = windows.mean(axis=(4, 5))
    else:
        raise ValueError(f"mode must be 'max' or 'average', not {mode!r}")
    return A, (A_prev, hparameters)


def pool_backward_fast(dA, cache, mode="max"):
    """``pool_backward`` vectorised (a loop over window offsets); ties in a max window all
    receive the gradient, as with the mask ``x == np.max(x)``."""
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    _, n_H, n_W, _ = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    if mode == "max":
        A, _ = pool_forward_fast(A_prev, hparameters, "max")
    for i in range(f):
        for j in range(f):
            target = _offset_view(dA_prev, i, j, n_H, n_W, stride)
            if mode == "max":
                target[...] += (_offset_view(A_prev, i, j, n_H, n_W, stride) == A) * dA
            elif mode == "average":
                target[...] += dA / (f * f)
            else:
                raise ValueError(f"mode must be 'max' or 'average', not {mode!r}")
    return dA_prev


# ----------------------------------------------------------------- property checks

def _shape(shape):
    return "(" + ", ".join(map(str, shape)) + ")"


def _call(function, name, label, args, kwargs=None):
    """Call a student's function like a test case does (deep copies, correct helpers patched in)."""
    case = Case(label, args=args, kwargs=kwargs or {}, options={"patch_globals": PATCHES[name]})
    try:
        return call_case(function, case)
    except NotImplementedError:
        raise CheckFailed(f"{name}({label}): not implemented yet", Kind.NOT_IMPLEMENTED) from None
    except Exception as exc:
        raise CheckFailed(f"{name}({label}) raised {describe_exception(exc)}", Kind.RAISED) from exc


def _compare_gradient(name, label, what, got, numeric):
    if not isinstance(got, np.ndarray) or got.shape != numeric.shape:
        got_text = f"shape {got.shape}" if isinstance(got, np.ndarray) else type(got).__name__
        raise CheckFailed(f"{name}({label}): {what} should be an array of shape "
                          f"{_shape(numeric.shape)}, got {got_text}")
    difference = relative_difference(got, numeric)
    if not difference < THRESHOLD:
        raise CheckFailed(f"{name}({label}): {what} does not match the numerical gradient of "
                          f"J = sum(Z * dZ) (relative difference {difference:.3g})")


# (A_prev shape, f, n_C, pad, stride)
CONV_GRADIENT_CASES = [
    ((2, 5, 5, 2), 3, 3, 0, 2),
    ((1, 4, 5, 3), 2, 2, 1, 1),
    ((1, 6, 4, 1), 3, 2, 2, 3),
]

# (A_prev shape, f, stride)
POOL_GRADIENT_CASES = [
    ((2, 5, 5, 2), 3, 1),
    ((1, 6, 7, 2), 2, 2),
    ((1, 7, 6, 1), 2, 3),
]


def check_conv_backward_gradients(conv_backward, seed=2):
    """``conv_backward`` agrees with numerical gradients on small inputs (pad 0 to 2, stride 1 to 3)."""
    rng = np.random.default_rng(seed)
    for A_shape, f, n_C, pad, stride in CONV_GRADIENT_CASES:
        A_prev = rng.standard_normal(A_shape)
        W = rng.standard_normal((f, f, A_shape[3], n_C))
        b = rng.standard_normal((1, 1, 1, n_C))
        hparameters = {"pad": pad, "stride": stride}
        G = rng.standard_normal(conv_forward_fast(A_prev, W, b, hparameters)[0].shape)
        label = f"pad = {pad}, stride {stride}; gradient check"
        got = _call(conv_backward, "conv_backward", label, (G, (A_prev, W, b, hparameters)))
        if not isinstance(got, (tuple, list)) or len(got) != 3:
            raise CheckFailed(f"conv_backward({label}): should return a tuple (dA_prev, dW, db)")
        numeric = {
            "dA_prev": numerical_gradient(
                lambda A: np.sum(conv_forward_fast(A, W, b, hparameters)[0] * G), A_prev, EPSILON),
            "dW": numerical_gradient(
                lambda V: np.sum(conv_forward_fast(A_prev, V, b, hparameters)[0] * G), W, EPSILON),
            "db": numerical_gradient(
                lambda c: np.sum(conv_forward_fast(A_prev, W, c, hparameters)[0] * G), b, EPSILON),
        }
        for (what, expected), value in zip(numeric.items(), got):
            _compare_gradient("conv_backward", label, what, value, expected)
    return len(CONV_GRADIENT_CASES)


def check_pool_backward_gradients(pool_backward, seed=3):
    """``pool_backward`` agrees with numerical gradients on small inputs, in both modes."""
    rng = np.random.default_rng(seed)
    count = 0
    for A_shape, f, stride in POOL_GRADIENT_CASES:
        A_prev = rng.standard_normal(A_shape)
        hparameters = {"f": f, "stride": stride}
        for mode in ("max", "average"):
            G = rng.standard_normal(pool_forward_fast(A_prev, hparameters, mode)[0].shape)
            label = f"f = {f}, stride {stride}, mode={mode!r}; gradient check"
            got = _call(pool_backward, "pool_backward", label, (G, (A_prev, hparameters)),
                        {"mode": mode})
            numeric = numerical_gradient(
                lambda A: np.sum(pool_forward_fast(A, hparameters, mode)[0] * G), A_prev, EPSILON)
            _compare_gradient("pool_backward", label, "dA_prev", got, numeric)
            count += 1
    return count


def check_network_shapes_unchanged(network_shapes):
    """``network_shapes`` changes neither ``input_shape`` nor ``layers`` (nor a layer's dict)."""
    return check_inputs_unchanged(network_shapes, "network_shapes", network_cases())
