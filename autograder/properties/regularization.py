"""Property checks of the ``regularization`` assignment (called from the hidden part of test cells).

They say *what* is wrong in terms of the lesson (a regularized bias, a dropped output layer, an
image whose dtype changed or that was modified in place), where a value comparison could only say
that some array differs (and a value case, which calls on copies, cannot see an in-place change). Each raises
:class:`dlcourse.testing.CheckFailed` whose first line names the function and the input.
"""
import copy
import numbers

import numpy as np

from dlcourse.testing import describe_exception, CheckFailed, Kind


def _problem(seed, dims, m):
    rs = np.random.RandomState(seed)
    X = rs.randn(dims[0], m)
    Y = (rs.rand(1, m) < 0.5).astype(np.int64)
    parameters = {}
    for l in range(1, len(dims)):
        parameters[f"W{l}"] = rs.randn(dims[l], dims[l - 1]) / np.sqrt(dims[l - 1]) * 1.5
        parameters[f"b{l}"] = 0.3 * rs.randn(dims[l], 1)
    return X, Y, parameters


def _call(function, name, label, *args):
    try:
        return function(*copy.deepcopy(args))
    except NotImplementedError:
        raise CheckFailed(f"{name}({label}): not implemented yet", Kind.NOT_IMPLEMENTED) from None
    except Exception as exc:
        raise CheckFailed(f"{name}({label}) raised {describe_exception(exc)}", Kind.RAISED) from exc


def check_biases_not_regularized(function, name="backward_propagation_with_regularization"):
    """Changing lambd must change each dW by exactly (lambd / m) * W and leave every db alone."""
    dims, m = (3, 4, 3, 1), 6
    X, Y, p = _problem(501, dims, m)
    Z1 = p["W1"] @ X + p["b1"]
    A1 = np.maximum(0, Z1)
    Z2 = p["W2"] @ A1 + p["b2"]
    A2 = np.maximum(0, Z2)
    Z3 = p["W3"] @ A2 + p["b3"]
    A3 = 1 / (1 + np.exp(-Z3))
    cache = (Z1, A1, p["W1"], p["b1"], Z2, A2, p["W2"], p["b2"], Z3, A3, p["W3"], p["b3"])
    label = "lambd = 0 and lambd = 2 on the same input"
    plain = _call(function, name, label, X, Y, cache, 0.0)
    regularized = _call(function, name, label, X, Y, cache, 2.0)
    for grads in (plain, regularized):
        if not isinstance(grads, dict):
            raise CheckFailed(f"{name}({label}): should return a dict of gradients, "
                              f"not a {type(grads).__name__}")
    for l in (1, 2, 3):
        db, dW = f"db{l}", f"dW{l}"
        for key in (db, dW):
            if key not in plain or key not in regularized:
                raise CheckFailed(f"{name}({label}): the gradients have no key {key!r}")
        if not np.allclose(regularized[db], plain[db], rtol=1e-9, atol=1e-12):
            raise CheckFailed(f"{name}({label}): {db} changes with lambd, but the biases must not be "
                              f"regularized (the L2 penalty involves the weights W only)")
        extra = np.asarray(regularized[dW], dtype=np.float64) - np.asarray(plain[dW], dtype=np.float64)
        if extra.shape != p[f"W{l}"].shape or not np.allclose(extra, 2.0 / m * p[f"W{l}"],
                                                              rtol=1e-7, atol=1e-12):
            raise CheckFailed(f"{name}({label}): {dW} with lambd=2 minus {dW} with lambd=0 should be "
                              f"lambd / m * W{l}, the gradient of the L2 penalty")


def check_dropout_forward_structure(function, name="forward_propagation_with_dropout"):
    """Dropout on the two hidden layers only, inverted (divided by keep_prob), masks in the cache."""
    dims, m, keep_prob = (3, 5, 4, 1), 8, 0.6
    X, _, p = _problem(502, dims, m)
    label = f"keep_prob = {keep_prob:g}, the cache checked layer by layer"
    out = _call(function, name, label, X, p, keep_prob)
    if not (isinstance(out, tuple) and len(out) == 2 and isinstance(out[1], (tuple, list))
            and len(out[1]) == 14):
        raise CheckFailed(f"{name}({label}): should return (A3, cache) with a cache of 14 items "
                          f"(Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)")
    A3, cache = out
    try:
        Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3c, W3, b3 = (np.asarray(v, dtype=np.float64)
                                                                 for v in cache)
        A3 = np.asarray(A3, dtype=np.float64)
    except (TypeError, ValueError):
        raise CheckFailed(f"{name}({label}): the cache should hold numeric arrays") from None

    def close(a, b):
        return a.shape == b.shape and np.allclose(a, b, rtol=1e-7, atol=1e-12)

    for D, layer in ((D1, 1), (D2, 2)):
        if not np.all((D == 0) | (D == 1)):
            raise CheckFailed(f"{name}({label}): the mask D{layer} should hold only 0/1 (or False/True)")
    if not close(Z1, p["W1"] @ X + p["b1"]):
        raise CheckFailed(f"{name}({label}): Z1 should be W1 X + b1: dropout is never applied to the input X")
    if not close(A1, np.maximum(0, Z1) * D1 / keep_prob):
        raise CheckFailed(f"{name}({label}): A1 in the cache should be relu(Z1) * D1 / keep_prob "
                          f"(drop with the mask, then divide by keep_prob)")
    if not close(Z2, p["W2"] @ A1 + p["b2"]):
        raise CheckFailed(f"{name}({label}): Z2 should be W2 A1 + b2 with the dropped-out A1")
    if not close(A2, np.maximum(0, Z2) * D2 / keep_prob):
        raise CheckFailed(f"{name}({label}): A2 in the cache should be relu(Z2) * D2 / keep_prob "
                          f"(drop with the mask, then divide by keep_prob)")
    if not (close(Z3, p["W3"] @ A2 + p["b3"]) and close(A3, 1 / (1 + np.exp(-Z3))) and close(A3c, A3)):
        raise CheckFailed(f"{name}({label}): A3 should be sigmoid(W3 A2 + b3): the output layer is "
                          f"never dropped")


def _images_for(kind):
    """A small non-square, multi-channel batch of ``uint8`` or ``bool`` images."""
    rs = np.random.RandomState(503 if kind == "uint8" else 504)
    if kind == "uint8":
        return rs.randint(1, 256, size=(2, 5, 7, 3)).astype(np.uint8)
    return rs.rand(1, 4, 6, 2) < 0.5


def check_images_kept(function, name, shift=()):
    """The result has the input's shape and dtype, and the input array is left unchanged.

    ``shift`` holds the extra arguments after ``images`` (``(dx, dy)`` for ``shift_images``)."""
    for kind in ("uint8", "bool"):
        images = _images_for(kind)
        before = images.copy()
        label = f"a batch of non-square {kind} images" + (", shifted" if shift else "")
        try:
            out = function(images, *shift)
        except NotImplementedError:
            raise CheckFailed(f"{name}({label}): not implemented yet", Kind.NOT_IMPLEMENTED) from None
        except Exception as exc:
            raise CheckFailed(f"{name}({label}) raised {describe_exception(exc)}", Kind.RAISED) from exc
        if not np.array_equal(images, before) or images.dtype != before.dtype:
            raise CheckFailed(f"{name}({label}): the input images were modified; work on a new array "
                              f"and leave the input as it was")
        if not isinstance(out, np.ndarray) or out.shape != before.shape:
            raise CheckFailed(f"{name}({label}): should return an array of the input's shape")
        if out.dtype != before.dtype:
            raise CheckFailed(f"{name}({label}): the result's dtype is {out.dtype}, but {kind} images "
                              f"must stay {kind}")


def check_early_stopping_types(function, name="early_stopping"):
    """Returns two ints and leaves the list of costs unchanged."""
    costs = [0.9, 0.7, 0.8, 0.6, 0.65, 0.7, 0.75, 0.5]
    before = list(costs)
    label = "a list of dev costs"
    try:
        out = function(costs, 3)
    except NotImplementedError:
        raise CheckFailed(f"{name}({label}): not implemented yet", Kind.NOT_IMPLEMENTED) from None
    except Exception as exc:
        raise CheckFailed(f"{name}({label}) raised {describe_exception(exc)}", Kind.RAISED) from exc
    if costs != before:
        raise CheckFailed(f"{name}({label}): the list of dev costs was modified; leave it as it was")
    if not (isinstance(out, (tuple, list)) and len(out) == 2
            and all(isinstance(v, numbers.Integral) and not isinstance(v, (bool, np.bool_)) for v in out)):
        raise CheckFailed(f"{name}({label}): should return (best_epoch, stop_epoch) as two ints")
