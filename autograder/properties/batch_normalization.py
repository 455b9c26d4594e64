"""Checks of ``batch_normalization`` that are not plain value comparisons.

- :func:`check_running_averages`: ``batchnorm_forward`` updates ``bn_param`` **in place**, in
  train mode ``running = momentum * running + (1 - momentum) * batch statistic`` (the biased
  variance), creating zeros first when the keys are missing; in test mode it leaves them alone.
- :func:`check_backward_numerically`: ``batchnorm_backward`` agrees with numerical gradients
  (:func:`dlcourse.gradcheck.check_gradient`) of ``J = sum(dout * BN(Z, gamma, beta))``, BN
  being the forward pass of the contract written here (so the student's own forward pass,
  right or wrong, plays no part).
- :func:`check_backward_with_own_forward`: ``batchnorm_backward`` applied to the cache that the
  student's own ``batchnorm_forward`` returns gives the gradients of the contract's formulas
  (:func:`bn_backward`, on the hidden inputs: no stored expected value is read, so the check
  also runs in the verification pass, where the stored values are out of reach). When that forward
  pass is wrong (its own test reports it) the check is skipped, so one mistake costs one test.

Expected values come from the contract's formulas; a failure raises :class:`dlcourse.testing.CheckFailed` whose first line
names the function and the input.
"""
import copy

import numpy as np

from dlcourse.gradcheck import check_gradient
from dlcourse.testing import describe_exception, CheckFailed, Kind, compare

from autograder.cases.batch_normalization import bn_cache, hidden

ASSIGNMENT = "batch_normalization"
#: largest accepted relative difference between an analytic and a numerical gradient
GRADIENT_THRESHOLD = 1e-6
GRADIENT_EPSILON = 1e-6


def _bn_out(Z, gamma, beta, eps):
    """The forward pass of the contract (train mode), output only."""
    mu = Z.mean(axis=1, keepdims=True)
    var = Z.var(axis=1, keepdims=True)
    return gamma * (Z - mu) / np.sqrt(var + eps) + beta


def _call(function, call, *args):
    try:
        return function(*copy.deepcopy(args))
    except NotImplementedError:
        raise CheckFailed(f"{call}: not implemented yet (the function still raises "
                          f"NotImplementedError)", Kind.NOT_IMPLEMENTED) from None
    except Exception as exc:
        raise CheckFailed(f"{call} raised {describe_exception(exc)}", Kind.RAISED) from exc


def _inputs(seed, n, m, loc=1.0):
    rng = np.random.default_rng(seed)
    Z = loc + 2.0 * rng.standard_normal((n, m))
    gamma = 1.0 + 0.5 * rng.standard_normal((n, 1))
    beta = 0.5 * rng.standard_normal((n, 1))
    return rng, Z, gamma, beta


# ----------------------------------------------------------------- running averages

def _running_scenarios():
    """(label, [(Z, gamma, beta)] successive batches, initial bn_param)."""
    rng, Z1, gamma, beta = _inputs(101, 3, 5)
    full = {"mode": "train", "eps": 1e-5, "momentum": 0.9,
            "running_mean": rng.standard_normal((3, 1)), "running_var": rng.uniform(0.5, 2, (3, 1))}
    _, Z2, _, _ = _inputs(102, 3, 5, loc=-2.0)
    _, Z3, g3, b3 = _inputs(103, 4, 6)
    _, Z4, _, _ = _inputs(104, 4, 6, loc=5.0)
    return [
        ("train mode, running averages given, momentum=0.9", [(Z1, gamma, beta)], full),
        ("train mode, bn_param = {'mode': 'train'} (defaults: zeros, momentum 0.9)",
         [(Z3, g3, b3)], {"mode": "train"}),
        ("train mode, momentum=0.5, two batches in a row",
         [(Z3, g3, b3), (Z4, g3, b3)], {"mode": "train", "momentum": 0.5}),
    ]


def check_running_averages(batchnorm_forward):
    """The running averages in ``bn_param`` after train-mode and test-mode calls."""
    name = "batchnorm_forward"
    for label, batches, initial in _running_scenarios():
        bn_param = copy.deepcopy(initial)
        momentum = initial.get("momentum", 0.9)
        n = batches[0][0].shape[0]
        mean = initial.get("running_mean", np.zeros((n, 1)))
        var = initial.get("running_var", np.zeros((n, 1)))
        for k, (Z, gamma, beta) in enumerate(batches, start=1):
            call = f"{name}({label}), batch {k}"
            try:
                batchnorm_forward(Z.copy(), gamma.copy(), beta.copy(), bn_param)
            except NotImplementedError:
                raise CheckFailed(f"{call}: not implemented yet", Kind.NOT_IMPLEMENTED) from None
            except Exception as exc:
                raise CheckFailed(f"{call} raised {describe_exception(exc)}", Kind.RAISED) from exc
            mean = momentum * mean + (1 - momentum) * Z.mean(axis=1, keepdims=True)
            var = momentum * var + (1 - momentum) * Z.var(axis=1, keepdims=True)
            for key, expected in (("running_mean", mean), ("running_var", var)):
                if key not in bn_param:
                    raise CheckFailed(f"{call}: bn_param[{key!r}] is missing after the call; store "
                                      f"the updated running average in bn_param (it is updated in place)")
                try:
                    compare(bn_param[key], expected, where=f"bn_param[{key!r}] after the call")
                except CheckFailed as exc:
                    first, _, details = str(exc).partition("\n")
                    statistic = "mean" if key == "running_mean" else "biased variance"
                    raise CheckFailed(f"{call}: {first}; it should be momentum * running + "
                                      f"(1 - momentum) * the batch's {statistic}\n{details}") from None
    # test mode: the running averages are used, not changed
    rng, Z, gamma, beta = _inputs(105, 3, 4, loc=4.0)
    bn_param = {"mode": "test", "eps": 1e-5, "momentum": 0.9,
                "running_mean": rng.standard_normal((3, 1)), "running_var": rng.uniform(0.5, 2, (3, 1))}
    before = copy.deepcopy(bn_param)
    call = f"{name}(test mode, running averages given)"
    _call(lambda *a: batchnorm_forward(a[0], a[1], a[2], bn_param), call, Z, gamma, beta)
    for key in ("running_mean", "running_var"):
        try:
            compare(bn_param.get(key), before[key], where=f"bn_param[{key!r}] after the call")
        except CheckFailed as exc:
            first, _, details = str(exc).partition("\n")
            raise CheckFailed(f"{call}: {first}; test mode must not change the running averages"
                              f"\n{details}") from None
    print(f"{name}: the running averages are updated in place in train mode and kept in test mode.")


# ----------------------------------------------------------------- backward: numerical gradients

_GRADIENT_INPUTS = [  # (label, seed, n, m, eps)
    ("a numerical check on several units", 201, 3, 5, 1e-5),
    ("a numerical check on one unit", 202, 1, 7, 1e-5),
    ("a numerical check with eps = 1e-3", 203, 4, 6, 1e-3),
]


def check_backward_numerically(batchnorm_backward):
    """dZ, dgamma, dbeta against numerical gradients of the contract's forward pass."""
    name = "batchnorm_backward"
    for label, seed, n, m, eps in _GRADIENT_INPUTS:
        rng, Z, gamma, beta = _inputs(seed, n, m)
        dout = rng.standard_normal((n, m))
        call = f"{name}({label})"
        result = _call(batchnorm_backward, call, dout, bn_cache(Z, gamma, beta, eps))
        if not isinstance(result, (tuple, list)) or len(result) != 3:
            raise CheckFailed(f"{call} should return a tuple (dZ, dgamma, dbeta)")
        targets = (("dZ", Z, lambda x: np.sum(dout * _bn_out(x, gamma, beta, eps))),
                   ("dgamma", gamma, lambda x: np.sum(dout * _bn_out(Z, x, beta, eps))),
                   ("dbeta", beta, lambda x: np.sum(dout * _bn_out(Z, gamma, x, eps))))
        for (what, x, J), got in zip(targets, result):
            if not isinstance(got, np.ndarray) or got.shape != x.shape:
                shape = got.shape if isinstance(got, np.ndarray) else type(got).__name__
                raise CheckFailed(f"{call}: {what} should be an array of shape {x.shape}, not {shape}")
            difference, ok = check_gradient(J, x, got, epsilon=GRADIENT_EPSILON,
                                            threshold=GRADIENT_THRESHOLD)
            if not ok:
                raise CheckFailed(f"{call}: {what} differs from the numerical gradient of the forward "
                                  f"pass (relative difference {difference:.2g}, should be below "
                                  f"{GRADIENT_THRESHOLD:g})")
    print(f"{name}: dZ, dgamma and dbeta agree with numerical gradients.")


# ----------------------------------------------------------------- backward: own forward cache

def bn_backward(dout, cache):
    """The gradients ``(dZ, dgamma, dbeta)`` of the contract's train-mode forward pass, written
    here from the formulas (so the check needs no stored expected value)."""
    Z, Z_norm, mu, var, gamma, beta, eps = cache
    m = Z.shape[1]
    dZ_norm = dout * gamma
    dZ = (m * dZ_norm - dZ_norm.sum(axis=1, keepdims=True)
          - Z_norm * (dZ_norm * Z_norm).sum(axis=1, keepdims=True)) / (m * np.sqrt(var + eps))
    return dZ, (dout * Z_norm).sum(axis=1, keepdims=True), dout.sum(axis=1, keepdims=True)


def check_backward_with_own_forward(batchnorm_forward, batchnorm_backward):
    """Backward on the cache of the student's own forward pass gives the contract's gradients
    (:func:`bn_backward`), on the hidden inputs."""
    checked = skipped = 0
    for case in hidden()["batchnorm_backward"]:
        dout, cache = case.args
        Z, Z_norm, mu, var, gamma, beta, eps = cache
        call = f"batchnorm_backward({case.label}) on the cache of your batchnorm_forward"
        try:
            forward = batchnorm_forward(Z.copy(), gamma.copy(), beta.copy(), {"mode": "train", "eps": eps})
            compare(forward, (gamma * Z_norm + beta, cache), rtol=1e-6, atol=1e-9)
        except Exception:  # batchnorm_forward is wrong or unfinished: its own test reports it
            skipped += 1
            continue
        expected = bn_backward(dout, cache)
        result = _call(batchnorm_backward, call, dout, forward[1])
        try:
            compare(result, expected, where="result")
        except CheckFailed as exc:
            raise CheckFailed(f"{call}: {exc}") from None
        checked += 1
    if skipped:
        print(f"batchnorm_backward: {skipped} check(s) with your own forward cache skipped "
              f"(batchnorm_forward does not pass its test yet).")
    if checked:
        print(f"batchnorm_backward: correct on the cache of your own batchnorm_forward ({checked} inputs).")
