"""Test inputs of the ``batch_normalization`` assignment.

``batchnorm_forward`` returns ``(out, cache)``; in train mode the cache has the layout the notebook
fixes (``batchnorm_backward`` reads it)::

    cache = (Z, Z_norm, mu, var, gamma, beta, eps)

In test mode no contract fixes the cache (the notebook's solution keeps the layout with the running
averages as ``mu`` and ``var``; other courses' solutions return ``None``, and nothing reads it), so
test-mode cases compare ``out`` only (case option ``checked_items = [0]``); that the running averages
are left alone is checked by a property. ``batchnorm_backward`` is tested on caches in that layout, built here by
:func:`bn_cache` (the forward pass of the contract, written independently of the notebook), and,
in its hidden part, through the student's own forward pass and against numerical gradients
(``autograder/properties/batch_normalization.py``). The in-place update of the running averages
in ``bn_param`` is checked by a property too: a test case only compares return values.
"""
import numpy as np

from dlcourse.casefile import Case

FUNCTIONS = ("batchnorm_forward", "batchnorm_backward", "softmax", "one_hot", "compute_softmax_cost")


def bn_cache(Z, gamma, beta, eps=1e-5):
    """The train-mode cache ``(Z, Z_norm, mu, var, gamma, beta, eps)`` of the contract."""
    mu = Z.mean(axis=1, keepdims=True)
    var = Z.var(axis=1, keepdims=True)
    Z_norm = (Z - mu) / np.sqrt(var + eps)
    return (Z, Z_norm, mu, var, gamma, beta, float(eps))


def _stable_softmax(Z):
    E = np.exp(Z - Z.max(axis=0, keepdims=True))
    return E / E.sum(axis=0, keepdims=True)


# ----------------------------------------------------------------- batch norm

def _bn_inputs(seed, n, m, loc=1.0, scale=2.0):
    rng = np.random.default_rng(seed)
    Z = loc + scale * rng.standard_normal((n, m))
    gamma = 1.0 + 0.5 * rng.standard_normal((n, 1))
    beta = 0.5 * rng.standard_normal((n, 1))
    return rng, Z, gamma, beta


def _forward_case(label, seed, n, m, mode, keys=("eps", "momentum", "running"), eps=1e-5,
                  momentum=0.9, loc=1.0, scale=2.0):
    rng, Z, gamma, beta = _bn_inputs(seed, n, m, loc, scale)
    bn_param = {"mode": mode}
    if "eps" in keys:
        bn_param["eps"] = eps
    if "momentum" in keys:
        bn_param["momentum"] = momentum
    if "running" in keys:
        bn_param["running_mean"] = loc + rng.standard_normal((n, 1))
        bn_param["running_var"] = scale ** 2 * rng.uniform(0.5, 2.0, (n, 1))
    # test mode: only out is fixed by the contract, the cache may be anything (e.g. None)
    options = {"checked_items": [0]} if mode == "test" else {}
    return Case(label=label, args=(Z, gamma, beta, bn_param), options=options)


def _backward_case(label, seed, n, m, eps=1e-5, loc=1.0, scale=2.0, dout_scale=1.0):
    rng, Z, gamma, beta = _bn_inputs(seed, n, m, loc, scale)
    dout = dout_scale * rng.standard_normal((n, m))
    return Case(label=label, args=(dout, bn_cache(Z, gamma, beta, eps)))


# ----------------------------------------------------------------- softmax and friends

def _softmax_case(label, Z):
    return Case(label=label, args=(np.asarray(Z, dtype=np.float64),))


def _random_logits(seed, C, m, scale=2.0):
    return scale * np.random.default_rng(seed).standard_normal((C, m))


def _labels(seed, C, m):
    return np.random.default_rng(seed).integers(0, C, size=m)


def _cost_case(label, seed, C, m, scale=2.0):
    rng = np.random.default_rng(seed)
    A = _stable_softmax(scale * rng.standard_normal((C, m)))
    Y = np.eye(C)[rng.integers(0, C, size=m)].T
    return Case(label=label, args=(A, Y))


def visible():
    return {
        "batchnorm_forward": [
            _forward_case("train mode, Z of shape (3, 4)", 1, 3, 4, "train"),
            _forward_case("test mode, Z of shape (3, 4): the running averages are used", 2, 3, 4, "test"),
        ],
        "batchnorm_backward": [
            _backward_case("dout (3, 4), cache of a train-mode forward pass on Z (3, 4)", 3, 3, 4),
        ],
        "softmax": [_softmax_case("Z of shape (3, 4)", _random_logits(4, 3, 4))],
        "one_hot": [Case(label="labels [1 0 3 2 1] of shape (5,), C=4",
                         args=(np.array([1, 0, 3, 2, 1]), 4))],
        "compute_softmax_cost": [_cost_case("A = softmax of (3, 5) logits, one-hot Y", 5, 3, 5)],
    }


def hidden():
    return {
        "batchnorm_forward": [
            _forward_case("train mode, bn_param = {'mode': 'train'} only (defaults)", 11, 4, 6, "train",
                          keys=()),
            _forward_case("train mode, eps = 1e-3 and momentum = 0.5", 12, 5, 8, "train",
                          eps=1e-3, momentum=0.5),
            _forward_case("train mode, one unit, values centred far from 0", 13, 1, 20, "train",
                          loc=100.0, scale=0.5),
            _forward_case("train mode, two examples", 14, 3, 2, "train"),
            _forward_case("test mode, running averages far from the batch's", 15, 4, 6, "test",
                          loc=3.0),
            _forward_case("test mode, eps = 0.01, one example", 16, 5, 1, "test", eps=1e-2),
            _forward_case("test mode, no running averages yet (defaults: zeros)", 17, 2, 3, "test",
                          keys=("eps",)),
        ],
        "batchnorm_backward": [
            _backward_case("several units and examples", 21, 5, 8),
            _backward_case("one unit", 22, 1, 10),
            _backward_case("two examples", 23, 3, 2),
            _backward_case("eps = 1e-3, small Z (variance near eps)", 24, 4, 6, eps=1e-3, scale=0.03),
            _backward_case("Z centred far from 0, a large dout", 25, 6, 16, loc=50.0, dout_scale=10.0),
        ],
        "softmax": [
            _softmax_case("several classes and examples", _random_logits(31, 6, 10)),
            _softmax_case("logits of +-1000",
                          [[1000.0, -1000.0, 1000.5, -999.0], [999.0, -999.5, 1000.0, -1000.0],
                           [-1000.0, -1001.0, 0.0, -998.5]]),
            _softmax_case("one example", _random_logits(32, 5, 1, scale=5.0)),
            _softmax_case("a single class", _random_logits(33, 1, 4)),
            _softmax_case("equal logits in every column", np.tile([[7.0, -3.0, 0.5, 800.0]], (3, 1))),
            _softmax_case("large random logits", _random_logits(34, 4, 7, scale=400.0)),
        ],
        "one_hot": [
            Case(label="labels of shape (1, m)", args=(_labels(41, 6, 8).reshape(1, -1), 6)),
            Case(label="a flat vector of labels, some classes absent",
                 args=(np.array([0, 3, 3, 1, 0, 2, 3]), 10)),
            Case(label="one example, its label in a 2-D array", args=(np.array([[2]]), 3)),
            Case(label="int32 labels",
                 args=(_labels(42, 6, 12).astype(np.int32), 6)),
        ],
        "compute_softmax_cost": [
            _cost_case("several classes and examples", 51, 6, 12),
            _cost_case("one example", 52, 4, 1),
            _cost_case("confident predictions", 53, 3, 20, scale=8.0),
            _cost_case("two classes", 54, 2, 9),
        ],
    }
