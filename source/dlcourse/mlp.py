"""An L-layer fully-connected network, trained with mini-batch Adam.

Used by the experiments of ``hyperparameter_search`` (tuning a small network)
and ``batch_normalization`` (a deep net with and without BatchNorm).

The network is::

    [LINEAR -> (BATCHNORM) -> RELU] x (L - 1)  ->  LINEAR -> OUTPUT

where OUTPUT is one or more independent logistic (sigmoid) units with the
binary cross-entropy cost (built in), or any activation/cost pair you pass in,
e.g. your own ``softmax`` and ``compute_softmax_cost``. BatchNorm is optional
and is **not implemented here**: pass your own ``(batchnorm_forward,
batchnorm_backward)`` pair and the network calls it for every hidden layer.
Softmax, its cost, one-hot encoding and BatchNorm are exercises of the
batch_normalization assignment, so this module only wires yours in. (Its Adam
optimizer is a small class working in place, not the dict-based functions of
the optimization_methods assignment.)

Layers are written as ``*_forward -> (out, cache)`` / ``*_backward(dout, cache)``
pairs. Conventions of the course: one example per column, ``X.shape == (n_x, m)``,
labels ``Y.shape == (n_L, m)`` (0/1 for sigmoid outputs, one-hot for softmax).

Parameters (a dict): ``W1 .. WL`` with ``W[l].shape == (n[l], n[l-1])``;
``b[l]`` of shape ``(n[l], 1)`` for layers without BatchNorm; for a hidden layer
with BatchNorm ``gamma[l]``, ``beta[l]`` of shape ``(n[l], 1)`` and no ``b[l]``
(the shift ``beta`` makes the bias redundant). Gradients use the same keys with a
``d`` in front.

Speed: the matrices of these networks are small, and OpenBLAS's worker threads gain little on
them but lose a lot when the machine is busy (a 20-epoch run measured 0.17 s single-threaded and
6 s with two threads on two cores shared with other jobs). ``train`` and the predictions
therefore run with a single BLAS thread (:func:`single_blas_thread`), and restore the previous
setting afterwards.

Randomness: initialization and the order of the mini-batches use a private
``np.random.default_rng(seed)``; NumPy's global random state is never touched,
so a network can be trained inside code that relies on ``np.random.seed``.
"""
from __future__ import annotations

import contextlib
import ctypes
import functools
import time

import numpy as np

__all__ = [
    "affine_forward", "affine_backward", "relu_forward", "relu_backward",
    "sigmoid_forward", "sigmoid_cross_entropy", "output_backward",
    "FullyConnectedNet", "Adam", "train", "TrainingHistory",
    "flatten_images", "standardize", "train_dev_split", "single_blas_thread",
]


# ==========================================================================
# BLAS threads
# ==========================================================================

_OPENBLAS_SETTERS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
                     "openblas_set_num_threads64_", "openblas_set_num_threads")


@functools.lru_cache(maxsize=None)
def _openblas_controls():
    """``(get, set)`` functions of the OpenBLAS that NumPy loaded, or None if not found."""
    try:
        with open("/proc/self/maps") as maps:
            paths = sorted({line.split()[-1] for line in maps if "openblas" in line.lower()
                            and line.split()[-1].startswith("/")})
    except OSError:
        return None
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for setter in _OPENBLAS_SETTERS:
            getter = setter.replace("_set_", "_get_")
            if hasattr(lib, setter) and hasattr(lib, getter):
                get, set_ = getattr(lib, getter), getattr(lib, setter)
                get.restype, get.argtypes = ctypes.c_int, []
                set_.restype, set_.argtypes = None, [ctypes.c_int]
                return get, set_
    return None


@contextlib.contextmanager
def single_blas_thread():
    """Run the block with one OpenBLAS thread, then restore the previous number.

    Does nothing if NumPy's BLAS is not an OpenBLAS this function can find.
    """
    controls = _openblas_controls()
    if controls is None:
        yield
        return
    get, set_ = controls
    before = get()
    set_(1)
    try:
        yield
    finally:
        set_(before)


def _single_threaded(function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with single_blas_thread():
            return function(*args, **kwargs)
    return wrapper


# ==========================================================================
# Layers: (out, cache) = *_forward(...);  d_inputs = *_backward(dout, cache)
# ==========================================================================

def affine_forward(A_prev, W, b=None):
    """Linear part of a layer: ``Z = W A_prev + b``.

    Arguments:
    A_prev -- activations of the previous layer, shape (n_prev, m)
    W -- weights, shape (n, n_prev)
    b -- bias, shape (n, 1), or None for a layer without bias (BatchNorm follows)

    Returns:
    Z -- pre-activations, shape (n, m)
    cache -- (A_prev, W, b) for affine_backward
    """
    Z = W @ A_prev
    if b is not None:
        Z += b
    return Z, (A_prev, W, b)


def affine_backward(dZ, cache, need_dA_prev=True):
    """Backward pass of affine_forward.

    Arguments:
    dZ -- gradient of the cost with respect to Z, shape (n, m)
    cache -- (A_prev, W, b) from affine_forward
    need_dA_prev -- False for the first layer, whose input X needs no gradient

    Returns:
    dA_prev -- shape (n_prev, m), or None if not needed
    dW -- shape (n, n_prev)
    db -- shape (n, 1), or None if the layer has no bias
    """
    A_prev, W, b = cache
    dW = dZ @ A_prev.T
    db = dZ.sum(axis=1, keepdims=True) if b is not None else None
    dA_prev = W.T @ dZ if need_dA_prev else None
    return dA_prev, dW, db


def relu_forward(Z):
    """``A = max(0, Z)`` element-wise; returns ``(A, cache)`` with ``cache = Z``."""
    return np.maximum(Z, 0), Z


def relu_backward(dA, cache):
    """Backward pass of relu_forward: ``dZ = dA`` where ``Z > 0``, else 0 (shape of dA)."""
    return dA * (cache > 0)


def sigmoid_forward(Z):
    """Logistic sigmoid without overflow warnings.

    Arguments:
    Z -- pre-activations, any shape

    Returns:
    A -- ``1 / (1 + exp(-Z))``, shape of Z
    cache -- Z
    """
    E = np.exp(-np.abs(Z))                      # never overflows
    A = np.where(Z >= 0, 1 / (1 + E), E / (1 + E))
    return A, Z


def sigmoid_cross_entropy(A, Y):
    """Binary cross-entropy of independent logistic outputs.

    Arguments:
    A -- sigmoid outputs, shape (n_L, m)
    Y -- labels 0/1, shape (n_L, m) (one row per output unit)

    Returns:
    cost -- float, ``-1/m * sum over units and examples of Y log A + (1 - Y) log(1 - A)``
            (probabilities are clipped to [1e-12, 1 - 1e-12] so the cost stays finite)
    """
    m = Y.shape[1]
    A = np.clip(A, 1e-12, 1 - 1e-12)
    return float(-np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m)


def output_backward(A, Y):
    """Gradient of the mean cost with respect to the output pre-activations.

    For sigmoid units with the binary cross-entropy, and for a softmax with the
    categorical cross-entropy, the result is the same simple expression:

    ``dZ = (A - Y) / m``, shape (n_L, m).
    """
    return (A - Y) / Y.shape[1]


# ==========================================================================
# The network
# ==========================================================================

class FullyConnectedNet:
    """``[LINEAR -> (BATCHNORM) -> RELU] x (L-1) -> LINEAR -> OUTPUT``.

    Arguments:
    layers_dims -- [n_x, n_1, ..., n_L], the input size first
    output -- ``"sigmoid"`` (independent logistic units, binary cross-entropy), or a
              pair ``(activation, cost)`` of functions: ``activation(Z) -> A`` column by
              column and ``cost(A, Y) -> float``, the mean over examples; the pair must
              satisfy ``dcost/dZ = (A - Y) / m`` (softmax with the categorical
              cross-entropy does), e.g. ``output=(softmax, compute_softmax_cost)``
    batchnorm -- None, or a pair ``(batchnorm_forward, batchnorm_backward)`` with the
                 API of the batch_normalization assignment, used in every hidden layer
    seed -- seed of the He initialization (a private generator)
    bn_momentum, bn_eps -- stored in each hidden layer's ``bn_param``

    Attributes:
    parameters -- dict of arrays (see the module docstring for the keys)
    bn_params -- list of L - 1 dicts (one per hidden layer) holding ``mode``, ``eps``,
                 ``momentum``, ``running_mean``, ``running_var``; empty without BatchNorm
    """

    def __init__(self, layers_dims, output="sigmoid", batchnorm=None, seed=0,
                 bn_momentum=0.9, bn_eps=1e-5):
        layers_dims = [int(n) for n in layers_dims]
        if len(layers_dims) < 2:
            raise ValueError("layers_dims needs an input size and at least one layer")
        self.layers_dims = layers_dims
        self.L = len(layers_dims) - 1
        if output == "sigmoid":
            self.output_activation = lambda Z: sigmoid_forward(Z)[0]
            self.output_cost = sigmoid_cross_entropy
        else:
            self.output_activation, self.output_cost = output
        if batchnorm is not None:
            self.bn_forward, self.bn_backward = batchnorm
        self.use_batchnorm = batchnorm is not None

        rng = np.random.default_rng(seed)
        self.parameters = {}
        for l in range(1, self.L + 1):
            n, n_prev = layers_dims[l], layers_dims[l - 1]
            self.parameters[f"W{l}"] = rng.standard_normal((n, n_prev)) * np.sqrt(2.0 / n_prev)
            if self.use_batchnorm and l < self.L:
                self.parameters[f"gamma{l}"] = np.ones((n, 1))
                self.parameters[f"beta{l}"] = np.zeros((n, 1))
            else:
                self.parameters[f"b{l}"] = np.zeros((n, 1))
        self.bn_params = []
        if self.use_batchnorm:
            self.bn_params = [{"mode": "train", "eps": bn_eps, "momentum": bn_momentum,
                               "running_mean": np.zeros((n, 1)), "running_var": np.zeros((n, 1))}
                              for n in layers_dims[1:-1]]

    # ---------------------------------------------------------------- passes
    def forward(self, X, mode="train"):
        """Forward pass.

        Arguments:
        X -- inputs, shape (n_x, m)
        mode -- "train" (BatchNorm uses the batch's statistics and updates its running
                averages) or "test" (BatchNorm uses the running averages)

        Returns:
        AL -- outputs, shape (n_L, m)
        caches -- one tuple per layer, for backward
        """
        p = self.parameters
        caches = []
        A = X
        for l in range(1, self.L):
            Z, affine_cache = affine_forward(A, p[f"W{l}"], p.get(f"b{l}"))
            bn_cache = None
            if self.use_batchnorm:
                bn_param = self.bn_params[l - 1]
                bn_param["mode"] = mode
                Z, bn_cache = self.bn_forward(Z, p[f"gamma{l}"], p[f"beta{l}"], bn_param)
            A, relu_cache = relu_forward(Z)
            caches.append((affine_cache, bn_cache, relu_cache))
        ZL, affine_cache = affine_forward(A, p[f"W{self.L}"], p[f"b{self.L}"])
        caches.append((affine_cache, None, None))
        return self.output_activation(ZL), caches

    def backward(self, AL, Y, caches):
        """Backward pass of the mean cost (train mode).

        Arguments:
        AL -- outputs of forward, shape (n_L, m)
        Y -- labels, shape (n_L, m)
        caches -- from forward

        Returns:
        grads -- dict with a ``d<name>`` entry for every parameter, of the same shape
        """
        grads = {}
        L = self.L
        dZ = output_backward(AL, Y)
        dA, grads[f"dW{L}"], grads[f"db{L}"] = affine_backward(dZ, caches[L - 1][0], need_dA_prev=L > 1)
        for l in range(L - 1, 0, -1):
            affine_cache, bn_cache, relu_cache = caches[l - 1]
            dZ = relu_backward(dA, relu_cache)
            if self.use_batchnorm:
                dZ, grads[f"dgamma{l}"], grads[f"dbeta{l}"] = self.bn_backward(dZ, bn_cache)
            dA, grads[f"dW{l}"], db = affine_backward(dZ, affine_cache, need_dA_prev=l > 1)
            if db is not None:
                grads[f"db{l}"] = db
        return grads

    def loss(self, X, Y):
        """``(cost, grads)`` on a (mini-)batch, in train mode."""
        AL, caches = self.forward(X, mode="train")
        return self.output_cost(AL, Y), self.backward(AL, Y, caches)

    # ----------------------------------------------------------- prediction
    @_single_threaded
    def predict_proba(self, X, batch_size=2048):
        """Outputs in test mode, shape (n_L, m) (computed in chunks of ``batch_size``)."""
        parts = [self.forward(X[:, i:i + batch_size], mode="test")[0]
                 for i in range(0, X.shape[1], batch_size)]
        return np.concatenate(parts, axis=1)

    def predict(self, X):
        """Predicted labels, shape (m,): the most probable class (``argmax`` over the
        outputs), or 0/1 by thresholding at 0.5 when there is a single output unit."""
        A = self.predict_proba(X)
        if A.shape[0] == 1:
            return (A[0] > 0.5).astype(np.int64)
        return np.argmax(A, axis=0)

    def accuracy(self, X, Y):
        """Fraction of examples classified correctly; Y is (n_L, m) 0/1 or one-hot, or
        integer labels of shape (m,) or (1, m) when n_L > 1."""
        return float(np.mean(self.predict(X) == _labels(Y, self.layers_dims[-1])))


def _labels(Y, n_out):
    """Integer labels, shape (m,), from 0/1 rows or one-hot columns (shape (n_out, m)),
    or from integer labels of shape (m,) or (1, m)."""
    Y = np.asarray(Y)
    if n_out > 1 and Y.ndim == 2 and Y.shape[0] == n_out:
        return np.argmax(Y, axis=0)
    return Y.reshape(-1).astype(np.int64)


# ==========================================================================
# Optimizer and training loop
# ==========================================================================

class Adam:
    """Adam with bias correction, updating arrays in place.

    Arguments:
    parameters -- dict name -> array; ``step`` updates these very arrays
    learning_rate, beta1, beta2, epsilon -- the usual Adam hyper-parameters

    ``step(grads)`` takes the dict ``d<name> -> gradient`` returned by
    FullyConnectedNet.backward and increments the step counter ``t``.
    """

    def __init__(self, parameters, learning_rate=1e-3, beta1=0.9, beta2=0.999, epsilon=1e-8):
        self.parameters = parameters
        self.learning_rate, self.beta1, self.beta2, self.epsilon = (
            learning_rate, beta1, beta2, epsilon)
        self.m = {k: np.zeros_like(v) for k, v in parameters.items()}
        self.v = {k: np.zeros_like(v) for k, v in parameters.items()}
        self.t = 0

    def step(self, grads):
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        correction1 = 1 - b1 ** self.t
        correction2 = 1 - b2 ** self.t
        step_size = self.learning_rate * np.sqrt(correction2) / correction1
        eps = self.epsilon * np.sqrt(correction2)
        for name, w in self.parameters.items():
            g = grads["d" + name]
            m, v = self.m[name], self.v[name]
            m *= b1
            m += (1 - b1) * g
            v *= b2
            v += (1 - b2) * (g * g)
            # lr * m_hat / (sqrt(v_hat) + epsilon), rearranged to save two array operations
            w -= step_size * m / (np.sqrt(v) + eps)


class TrainingHistory(dict):
    """What ``train`` records, a dict with attribute access:

    cost -- list, the mean training cost of each epoch (over its mini-batches)
    train_acc, dev_acc -- lists of accuracies measured every ``eval_every`` epochs
                          (dev_acc only if a dev set was given)
    eval_epochs -- the epochs (1-based) at which accuracies were measured
    diverged -- True if training stopped because the cost became NaN or infinite
    seconds -- wall-clock time of the training run
    """

    __getattr__ = dict.__getitem__


@_single_threaded
def train(net, X, Y, learning_rate=1e-3, num_epochs=10, mini_batch_size=64, beta1=0.9,
          beta2=0.999, epsilon=1e-8, seed=0, X_dev=None, Y_dev=None, eval_every=1,
          eval_train=True, print_every=0):
    """Train a FullyConnectedNet with mini-batch Adam.

    Arguments:
    net -- a FullyConnectedNet (its parameters are updated in place)
    X, Y -- training data, shapes (n_x, m) and (n_L, m)
    learning_rate, beta1, beta2, epsilon -- Adam's hyper-parameters
    num_epochs -- passes over the training set
    mini_batch_size -- examples per step; each epoch visits the examples in a new random
                       order (private generator seeded by ``seed``); the last mini-batch of
                       an epoch may be smaller
    X_dev, Y_dev -- optional dev set, evaluated every ``eval_every`` epochs
    eval_every -- 0 to never measure accuracies
    eval_train -- False to measure only the dev accuracy (saves a pass over the training set)
    print_every -- print the cost every this many epochs (0: never)

    Returns:
    history -- a TrainingHistory (see its docstring). Training stops early, with
               ``history.diverged = True``, if a cost is NaN or infinite.
    """
    start = time.perf_counter()
    rng = np.random.default_rng(seed)
    m = X.shape[1]
    optimizer = Adam(net.parameters, learning_rate, beta1, beta2, epsilon)
    history = TrainingHistory(cost=[], train_acc=[], dev_acc=[], eval_epochs=[],
                              diverged=False, seconds=0.0)
    XT, YT = np.ascontiguousarray(X.T), np.ascontiguousarray(Y.T)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore", under="ignore"):
        for epoch in range(1, num_epochs + 1):
            order = rng.permutation(m)
            total = 0.0
            for k in range(0, m, mini_batch_size):
                batch = order[k:k + mini_batch_size]
                # rows of the transposed copies are examples: gathering them copies whole rows
                X_batch = XT[batch].T
                cost, grads = net.loss(X_batch, YT[batch].T)
                if not np.isfinite(cost):
                    history["diverged"] = True
                    break
                total += cost * X_batch.shape[1]
                optimizer.step(grads)
            if history["diverged"]:
                history["cost"].append(float("nan"))
                break
            history["cost"].append(total / m)
            if eval_every and (epoch % eval_every == 0 or epoch == num_epochs):
                history["eval_epochs"].append(epoch)
                if eval_train:
                    history["train_acc"].append(net.accuracy(X, Y))
                if X_dev is not None:
                    history["dev_acc"].append(net.accuracy(X_dev, Y_dev))
            if print_every and epoch % print_every == 0:
                print(f"epoch {epoch:3d}: cost {history['cost'][-1]:.4f}")
    history["seconds"] = time.perf_counter() - start
    return history


# ==========================================================================
# Data preparation
# ==========================================================================

def flatten_images(images, pool=1):
    """Images ``(m, h, w, c)`` -> a float matrix ``(h * w * c / pool**2, m)``, one image per column.

    Arguments:
    images -- array (m, h, w, c), e.g. uint8 pixels
    pool -- average non-overlapping ``pool x pool`` blocks first (h and w must be
            multiples of pool): ``pool=4`` turns 64x64 images into 16x16 ones

    Returns:
    X -- float64 array, shape (features, m)
    """
    images = np.asarray(images, dtype=np.float64)
    m, h, w, c = images.shape
    if pool > 1:
        if h % pool or w % pool:
            raise ValueError(f"image size {h}x{w} is not a multiple of pool={pool}")
        images = images.reshape(m, h // pool, pool, w // pool, pool, c).mean(axis=(2, 4))
    return images.reshape(m, -1).T


def standardize(X_train, *others, eps=1e-8):
    """Standardise every feature with the mean and standard deviation of the training set.

    Arguments:
    X_train -- shape (n_x, m_train); its per-feature (per-row) statistics are used
    others -- more matrices of shape (n_x, m_k) (dev, test): transformed with the
              *training* statistics, as new data must be
    eps -- added to the standard deviation (constant features)

    Returns:
    the standardised X_train, followed by the standardised others (a tuple if others)
    """
    mu = X_train.mean(axis=1, keepdims=True)
    sigma = X_train.std(axis=1, keepdims=True) + eps
    out = tuple((X - mu) / sigma for X in (X_train,) + others)
    return out if others else out[0]


def train_dev_split(X, Y, dev_size, seed=0):
    """Split columns into a training and a dev set, at random (private generator).

    Returns:
    X_train, Y_train, X_dev, Y_dev -- the dev set has ``dev_size`` examples
    """
    order = np.random.default_rng(seed).permutation(X.shape[1])
    dev, tr = order[:dev_size], order[dev_size:]
    return X[:, tr], Y[:, tr], X[:, dev], Y[:, dev]
