"""Test inputs of the ``optimization_methods`` assignment.

The update functions change the dicts they receive; ``dlcourse.testing.call_case`` gives every call a
deep copy of its inputs, so the reference solution and the student's function see the same values.
Inputs come from fixed seeds. Visible cases are named by their layer sizes and hyper-parameters
(the release shows them anyway); hidden ones are named in words (``label``), never by their inputs.
"""
import numpy as np

from dlcourse.casefile import Case

FUNCTIONS = ("update_parameters_with_gd", "random_mini_batches", "initialize_velocity",
             "update_parameters_with_momentum", "initialize_adam", "update_parameters_with_rmsprop",
             "update_parameters_with_adam", "update_lr", "schedule_lr_decay")

# Layer sizes of the hidden cases: the course's network, one layer, four layers, and layers of
# size 1 (where b[l] and W[l+1] have the same shape, so mixing up W and b is not a shape error).
_COURSE, _ONE, _DEEP, _NARROW = [2, 5, 2, 1], [4, 3], [1, 3, 2, 2, 1], [3, 1, 2]
#: how a hidden case names its network
_NET = {tuple(_COURSE): "the notebook's network", tuple(_ONE): "a single layer",
        tuple(_DEEP): "a deep, narrow net", tuple(_NARROW): "a layer of one unit"}


def _net(dims):
    return _NET[tuple(dims)]


def _dims_label(dims):
    return "layers " + repr(list(dims))


def _params(dims, seed):
    """Random parameters W1, b1, ..., WL, bL (b non-zero, so that b updates are visible)."""
    rng = np.random.default_rng(seed)
    params = {}
    for l in range(1, len(dims)):
        params[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1]))
        params[f"b{l}"] = rng.standard_normal((dims[l], 1))
    return params


def _grads(dims, seed, extra=False):
    """Random gradients dW1, db1, ..., of the shapes of the parameters; optionally with the dZ and
    dA entries that backward_propagation also returns."""
    rng = np.random.default_rng(seed)
    grads = {}
    for l in range(1, len(dims)):
        grads[f"dW{l}"] = 0.1 * rng.standard_normal((dims[l], dims[l - 1]))
        grads[f"db{l}"] = 0.1 * rng.standard_normal((dims[l], 1))
        if extra:
            grads[f"dZ{l}"] = rng.standard_normal((dims[l], 7))
            grads[f"dA{l}"] = rng.standard_normal((dims[l], 7))
    return grads


def _average(dims, seed, kind):
    """A moving average of the gradients ('v', signed) or of their squares ('s', positive); 'zero'
    gives the state of a first step."""
    rng = np.random.default_rng(seed)
    out = {}
    for l in range(1, len(dims)):
        for p, shape in (("W", (dims[l], dims[l - 1])), ("b", (dims[l], 1))):
            if kind == "zero":
                out[f"d{p}{l}"] = np.zeros(shape)
            elif kind == "v":
                out[f"d{p}{l}"] = 0.05 * rng.standard_normal(shape)
            else:
                out[f"d{p}{l}"] = 0.01 * rng.random(shape) ** 2
    return out


def _gd(dims, seed, learning_rate, extra=False, label=None):
    label = label or f"{_dims_label(dims)}, learning_rate={learning_rate}"
    return Case(label, args=(_params(dims, seed), _grads(dims, seed + 1, extra), learning_rate))


def _xy(n_x, m, seed):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n_x, m)), rng.integers(0, 2, size=(1, m))


def _batches(label, n_x, m, size, seed, preseed, defaults=False):
    """A hidden case of random_mini_batches (``size`` and ``seed`` None: the defaults)."""
    X, Y = _xy(n_x, m, 100 + m + n_x)
    options = {"preseed": preseed}
    if defaults:
        return Case(label, args=(X, Y), options=options)
    return Case(label, args=(X, Y, size, seed), options=options)


def _init(dims, seed, label=None):
    return Case(label or _dims_label(dims), args=(_params(dims, seed),))


def _momentum(dims, seed, beta, learning_rate, velocity="v", label=None):
    note = ", v zeros (first step)" if velocity == "zero" else ""
    return Case(label or f"{_dims_label(dims)}, beta={beta}, learning_rate={learning_rate}{note}",
                args=(_params(dims, seed), _grads(dims, seed + 1), _average(dims, seed + 2, velocity),
                      beta, learning_rate))


def _rmsprop(dims, seed, beta2, learning_rate, epsilon=None, state="s", label=None):
    kwargs = {} if epsilon is None else {"epsilon": epsilon}
    note = (f", epsilon={epsilon}" if epsilon is not None else "") + \
        (", s zeros (first step)" if state == "zero" else "")
    return Case(label or f"{_dims_label(dims)}, beta2={beta2}, learning_rate={learning_rate}{note}",
                args=(_params(dims, seed), _grads(dims, seed + 1), _average(dims, seed + 2, state),
                      beta2, learning_rate), kwargs=kwargs)


def _adam(dims, seed, t, state="vs", positional=False, label=None, **hyper):
    v = _average(dims, seed + 2, "zero" if state == "zero" else "v")
    s = _average(dims, seed + 3, "zero" if state == "zero" else "s")
    shown = ", ".join(f"{k}={val}" for k, val in hyper.items()) or "default hyper-parameters"
    note = (", v and s zeros (first step)" if state == "zero" else "") + \
        (", all arguments positional" if positional else "")
    label = label or f"{_dims_label(dims)}, t={t}, {shown}{note}"
    args = (_params(dims, seed), _grads(dims, seed + 1), v, s)
    if positional:
        order = ("learning_rate", "beta1", "beta2", "epsilon")
        return Case(label, args=args + (t,) + tuple(hyper[k] for k in order),
                    options={"prefix_ok": True})
    return Case(label, args=args, kwargs={"t": t, **hyper}, options={"prefix_ok": True})


def _lr(args, kwargs=None, label=None):
    kwargs = kwargs or {}
    names = ("learning_rate0", "epoch_num", "decay_rate", "time_interval")
    shown = [f"{n}={a}" for n, a in zip(names, args)] + [f"{k}={v}" for k, v in kwargs.items()]
    return Case(label or ", ".join(shown), args=tuple(args), kwargs=kwargs)


# The visible examples. random_mini_batches' inputs are written out in the notebook's example cell:
# keep the two identical.
_EXAMPLE_X = np.arange(20, dtype=np.float64).reshape(2, 10)
_EXAMPLE_Y = np.array([[1, 0, 1, 1, 0, 0, 1, 0, 1, 0]])


def visible():
    dims = [3, 2, 1]
    return {
        "update_parameters_with_gd": [_gd(dims, 1, 0.01)],
        "random_mini_batches": [Case("X of shape (2, 10), mini_batch_size=4, seed=1",
                                     args=(_EXAMPLE_X, _EXAMPLE_Y),
                                     kwargs={"mini_batch_size": 4, "seed": 1})],
        "initialize_velocity": [_init(dims, 2)],
        "update_parameters_with_momentum": [_momentum(dims, 3, 0.9, 0.01)],
        "initialize_adam": [_init(dims, 4)],
        "update_parameters_with_rmsprop": [_rmsprop(dims, 5, 0.9, 0.01)],
        "update_parameters_with_adam": [_adam(dims, 6, 2, learning_rate=0.01)],
        "update_lr": [_lr((0.5, 4, 0.5))],
        "schedule_lr_decay": [_lr((0.5, 2500, 0.5))],
    }


def hidden():
    return {
        "update_parameters_with_gd": [
            _gd(_COURSE, 11, 0.0007, label="the notebook's network and learning rate"),
            _gd(_ONE, 12, 0.1, label="a single layer"),
            _gd(_DEEP, 13, 1.0, label="a deep, narrow net, learning rate 1"),
            _gd(_NARROW, 14, 0.5, extra=True, label="a layer of one unit, grads with extra dZ and dA keys"),
        ],
        "random_mini_batches": [
            _batches("a last mini-batch smaller than the others", 2, 148, 64, 2, preseed=1),
            _batches("m a multiple of the mini-batch size", 3, 128, 32, 7, preseed=2),
            _batches("fewer examples than one mini-batch (one partial mini-batch)", 2, 5, 8, 3, preseed=3),
            _batches("stochastic: one example per mini-batch", 4, 6, 1, 5, preseed=4),
            _batches("default mini_batch_size and seed", 2, 300, None, None, preseed=5, defaults=True),
            _batches("batch: one mini-batch holding the whole set", 2, 300, 300, 11, preseed=6),
        ],
        "initialize_velocity": [_init(d, 20 + i, _net(d)) for i, d in enumerate((_COURSE, _ONE, _DEEP, _NARROW))],
        "update_parameters_with_momentum": [
            _momentum(_COURSE, 31, 0.9, 0.0007, velocity="zero",
                      label="the notebook's network, v zeros (first step)"),
            _momentum(_ONE, 32, 0.5, 0.1, label="a single layer, beta = 0.5"),
            _momentum(_DEEP, 33, 0.99, 0.05, label="a deep, narrow net, beta = 0.99"),
            _momentum(_NARROW, 34, 0, 0.2, label="a layer of one unit, beta = 0 (plain gradient descent)"),
            _momentum(_NARROW, 35, 0.9, 1.0, label="a layer of one unit, learning rate 1"),
        ],
        "initialize_adam": [_init(d, 40 + i, _net(d)) for i, d in enumerate((_COURSE, _ONE, _DEEP, _NARROW))],
        "update_parameters_with_rmsprop": [
            _rmsprop(_COURSE, 51, 0.999, 0.0007, state="zero",
                     label="the notebook's network, s zeros (first step)"),
            _rmsprop(_ONE, 52, 0.9, 0.01, epsilon=0.1, label="a single layer, a large epsilon given by name"),
            _rmsprop(_DEEP, 53, 0.99, 0.001, epsilon=1e-4, label="a deep, narrow net, epsilon given by name"),
            _rmsprop(_NARROW, 54, 0.5, 0.1, label="a layer of one unit, beta2 = 0.5"),
        ],
        "update_parameters_with_adam": [
            _adam(_COURSE, 61, 1, state="zero",
                  label="t = 1, v and s zeros (first step), default hyper-parameters"),
            _adam(_ONE, 62, 10, learning_rate=0.02, beta1=0.8, beta2=0.99, epsilon=0.1,
                  label="a single layer, t = 10, every hyper-parameter by name, a large epsilon"),
            _adam(_DEEP, 63, 1000, learning_rate=0.001, beta1=0.9, beta2=0.999, epsilon=1e-4,
                  label="a deep, narrow net, t = 1000 (bias corrections close to 1)"),
            _adam(_NARROW, 64, 3, learning_rate=0.1, beta1=0.5, beta2=0.9, epsilon=0.5,
                  label="a layer of one unit, small betas"),
            _adam(_NARROW, 65, 7, positional=True, learning_rate=0.05, beta1=0.9, beta2=0.999,
                  epsilon=1e-8, label="every argument given by position"),
        ],
        "update_lr": [
            _lr((0.1, 0, 1), label="epoch 0 (no decay yet)"),
            _lr((0.01, 10, 0.3), label="a few epochs, a decay rate below 1"),
            _lr((1.0, 1000, 0.01), label="many epochs, a small decay rate"),
            _lr((0.0007, 3, 2), label="a decay rate above 1"),
        ],
        "schedule_lr_decay": [
            _lr((0.1, 999, 1), label="the epoch just before the first decay step"),
            _lr((0.1, 1000, 1), label="the epoch of the first decay step"),
            _lr((0.2, 4999, 1), label="the epoch just before a later decay step"),
            _lr((0.5, 0, 1), label="epoch 0"),
            _lr((0.3, 1550, 0.3, 100), label="time_interval given by position, between two steps"),
            _lr((0.01, 250, 2), {"time_interval": 100}, label="time_interval given by name"),
        ],
    }
