"""Test inputs of the ``cnn_step_by_step`` assignment.

Visible inputs are rounded to two decimals (so students can read them) and built exactly as the
notebook's example cells build them. Hidden inputs cover other shapes, odd and non-square
images, strides 1 to 3, ``pad = 0``, both pooling modes, overlapping pooling windows and windows
that leave the last rows/columns of the input unused. They stay small: a student's naive loops
grade them in well under a second.

Functions that call other graded functions (``conv_forward`` -> ``zero_pad``,
``conv_single_step``; ``conv_backward`` -> ``zero_pad``; ``pool_backward`` ->
``create_mask_from_window``, ``distribute_value``) are tested with correct versions of those
helpers patched into the notebook's namespace during the call (:data:`PATCHES`), so that one
mistake costs the points of one function only.
"""
import numpy as np

from dlcourse.casefile import Case

FUNCTIONS = ("zero_pad", "conv_single_step", "conv_forward", "pool_forward",
             "conv_backward", "create_mask_from_window", "distribute_value", "pool_backward",
             "network_shapes")

#: correct helpers, as Python source, patched in while a function that may call them is tested
HELPERS = {
    "zero_pad": "lambda X, pad: np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)))",
    "conv_single_step": "lambda a_slice_prev, W, b: np.sum(a_slice_prev * W) + np.sum(b)",
    "create_mask_from_window": "lambda x: x == np.max(x)",
    "distribute_value": "lambda dz, shape: np.full(shape, dz / (shape[0] * shape[1]))",
}

#: which helpers each graded function is tested with
PATCHES = {
    "conv_forward": {name: HELPERS[name] for name in ("zero_pad", "conv_single_step")},
    "conv_backward": {"zero_pad": HELPERS["zero_pad"]},
    "pool_backward": {name: HELPERS[name] for name in ("create_mask_from_window", "distribute_value")},
}


def _options(function, **extra):
    options = dict(extra)
    if function in PATCHES:
        options["patch_globals"] = dict(PATCHES[function])
    return options


def _shape(shape):
    return "(" + ", ".join(map(str, shape)) + ")"


# ----------------------------------------------------------------- visible (the notebook's examples)

def example_inputs():
    """The inputs of the notebook's example cells (the same code is in the notebook)."""
    ex = {}
    rng = np.random.default_rng(2024)
    ex["zero_pad"] = (np.round(rng.standard_normal((2, 3, 3, 2)), 2), 1)

    rng = np.random.default_rng(7)
    a_slice_prev = np.round(rng.standard_normal((2, 2, 3)), 2)
    W = np.round(rng.standard_normal((2, 2, 3)), 2)
    b = np.round(rng.standard_normal((1, 1, 1)), 2)
    ex["conv_single_step"] = (a_slice_prev, W, b)

    rng = np.random.default_rng(31)
    A_prev = np.round(rng.standard_normal((2, 4, 4, 2)), 2)
    W = np.round(rng.standard_normal((2, 2, 2, 3)), 2)
    b = np.round(rng.standard_normal((1, 1, 1, 3)), 2)
    ex["conv_forward"] = (A_prev, W, b, {"pad": 1, "stride": 2})

    rng = np.random.default_rng(5)
    ex["pool_forward"] = (np.round(rng.standard_normal((1, 4, 5, 2)), 2),)

    rng = np.random.default_rng(12)
    A_prev = np.round(rng.standard_normal((1, 4, 4, 2)), 2)
    W = np.round(rng.standard_normal((2, 2, 2, 2)), 2)
    b = np.round(rng.standard_normal((1, 1, 1, 2)), 2)
    dZ = np.round(rng.standard_normal((1, 5, 5, 2)), 2)
    ex["conv_backward"] = (dZ, (A_prev, W, b, {"pad": 1, "stride": 1}))

    rng = np.random.default_rng(3)
    ex["create_mask_from_window"] = (np.round(rng.standard_normal((2, 3)), 2),)
    ex["distribute_value"] = (3.0, (2, 3))

    rng = np.random.default_rng(9)
    A_prev = np.round(rng.standard_normal((1, 4, 4, 2)), 2)
    dA = np.round(rng.standard_normal((1, 3, 3, 2)), 2)
    ex["pool_backward"] = (dA, (A_prev, {"f": 2, "stride": 1}))

    ex["network_shapes"] = ((10, 10, 1), [{"type": "conv", "f": 3, "n_C": 4, "stride": 1, "pad": 1},
                                          {"type": "pool", "f": 2, "stride": 2},
                                          {"type": "fc", "units": 3}])
    return ex


def visible():
    ex = example_inputs()
    X, pad = ex["zero_pad"]
    a, W, b = ex["conv_single_step"]
    A_prev, Wc, bc, hp = ex["conv_forward"]
    (A_pool,) = ex["pool_forward"]
    dZ, cache = ex["conv_backward"]
    (x,) = ex["create_mask_from_window"]
    dA, pool_cache = ex["pool_backward"]
    return {
        "zero_pad": [Case(f"X of shape {_shape(X.shape)}, pad=1", args=(X, pad))],
        "conv_single_step": [Case(f"a_slice_prev and W of shape {_shape(a.shape)}, b = {b.item()}",
                                  args=(a, W, b))],
        "conv_forward": [Case("A_prev (2, 4, 4, 2), W (2, 2, 2, 3), pad=1, stride=2",
                              args=(A_prev, Wc, bc, hp), options=_options("conv_forward"))],
        "pool_forward": [
            Case("A_prev (1, 4, 5, 2), f=2, stride=2, mode='max'",
                 args=(A_pool, {"f": 2, "stride": 2}), kwargs={"mode": "max"}),
            Case("A_prev (1, 4, 5, 2), f=3, stride=1, mode='average'",
                 args=(A_pool, {"f": 3, "stride": 1}), kwargs={"mode": "average"}),
        ],
        "conv_backward": [Case("A_prev (1, 4, 4, 2), W (2, 2, 2, 2), pad=1, stride=1",
                               args=(dZ, cache), options=_options("conv_backward"))],
        "create_mask_from_window": [Case("x of shape (2, 3)", args=(x,))],
        "distribute_value": [Case("dz=3.0, shape=(2, 3)", args=ex["distribute_value"])],
        "pool_backward": [
            Case("A_prev (1, 4, 4, 2), f=2, stride=1 (overlapping windows), mode='max'",
                 args=(dA, pool_cache), kwargs={"mode": "max"}, options=_options("pool_backward")),
            Case("A_prev (1, 4, 4, 2), f=2, stride=1 (overlapping windows), mode='average'",
                 args=(dA, pool_cache), kwargs={"mode": "average"}, options=_options("pool_backward")),
        ],
        "network_shapes": [Case("a 10x10x1 input, a 'same' conv, a 2x2 pool and an fc layer",
                                args=ex["network_shapes"])],
    }


# ----------------------------------------------------------------- hidden

def _conv_inputs(rng, A_shape, f, n_C):
    A_prev = rng.standard_normal(A_shape)
    W = rng.standard_normal((f, f, A_shape[3], n_C))
    b = rng.standard_normal((1, 1, 1, n_C))
    return A_prev, W, b


def _out(n, f, pad, stride):
    return (n + 2 * pad - f) // stride + 1


# (A_prev shape, f, n_C, pad, stride, label): hidden cases are named in words, not by their shapes
_CONV = [
    ((2, 5, 7, 4), 3, 8, 1, 2, "odd, non-square images, stride 2"),
    ((1, 6, 6, 3), 3, 2, 0, 1, "pad = 0"),
    ((2, 7, 5, 2), 2, 3, 2, 3, "a stride of 3 that does not divide the size"),
    ((3, 4, 3, 5), 1, 2, 0, 1, "a 1x1 filter"),
    ((1, 5, 5, 1), 3, 1, 1, 1, "'same' padding"),
    ((2, 9, 7, 3), 4, 2, 2, 2, "an even filter size"),
    ((2, 3, 3, 2), 3, 4, 0, 1, "a filter as large as the image"),
    ((1, 5, 5, 2), 2, 2, 0, 2, "pad = 0, stride 2, last row and column unused"),
]

# (A_prev shape, f, stride, label)
_POOL = [
    ((2, 5, 5, 3), 3, 1, "overlapping windows"),
    ((2, 5, 7, 2), 2, 2, "odd size, last column unused"),
    ((1, 7, 6, 2), 2, 3, "a stride larger than f"),
    ((1, 3, 4, 2), 1, 1, "f = 1"),
    ((2, 7, 5, 1), 3, 2, "overlapping windows, stride 2"),
]


def hidden():
    cases = {name: [] for name in FUNCTIONS}

    rng = np.random.default_rng(101)
    for shape, pad, label in [((3, 2, 4, 1), 3, "a pad larger than the images, non-square images"),
                              ((1, 5, 5, 3), 0, "pad = 0"),
                              ((2, 1, 1, 1), 2, "images of a single pixel"),
                              ((4, 3, 2, 5), 1, "many channels")]:
        X = rng.standard_normal(shape)
        cases["zero_pad"].append(Case(label, args=(X, pad)))

    rng = np.random.default_rng(102)
    for shape, note in [((1, 1, 1), "a slice of a single entry"), ((3, 3, 4), "a negative bias"),
                        ((5, 5, 3), "a larger slice with three channels"), ((2, 2, 8), "a zero bias")]:
        a = rng.standard_normal(shape)
        W = rng.standard_normal(shape)
        b = rng.standard_normal((1, 1, 1))
        if note == "a negative bias":
            b = -np.abs(b) - 1.0
        if note == "a zero bias":
            b = np.zeros((1, 1, 1))
        cases["conv_single_step"].append(Case(note, args=(a, W, b)))

    rng = np.random.default_rng(103)
    for A_shape, f, n_C, pad, stride, label in _CONV:
        A_prev, W, b = _conv_inputs(rng, A_shape, f, n_C)
        cases["conv_forward"].append(
            Case(label,
                 args=(A_prev, W, b, {"pad": pad, "stride": stride}), options=_options("conv_forward")))

    rng = np.random.default_rng(104)
    for A_shape, f, stride, label in _POOL:
        A_prev = rng.standard_normal(A_shape)
        for mode in ("max", "average"):
            cases["pool_forward"].append(
                Case(f"{label}, mode={mode!r}",
                     args=(A_prev, {"f": f, "stride": stride}), kwargs={"mode": mode}))
    A_prev = rng.standard_normal((1, 4, 4, 2))
    cases["pool_forward"].append(Case("mode not given (max)",
                                      args=(A_prev, {"f": 2, "stride": 2})))

    rng = np.random.default_rng(105)
    for A_shape, f, n_C, pad, stride, label in _CONV:
        A_prev, W, b = _conv_inputs(rng, A_shape, f, n_C)
        dZ = rng.standard_normal((A_shape[0], _out(A_shape[1], f, pad, stride),
                                  _out(A_shape[2], f, pad, stride), n_C))
        cache = (A_prev, W, b, {"pad": pad, "stride": stride})
        cases["conv_backward"].append(
            Case(label, args=(dZ, cache),
                 options=_options("conv_backward")))

    rng = np.random.default_rng(106)
    for shape, label in [((2, 2), "a small square window"), ((3, 3), "a larger square window"),
                         ((1, 1), "a window of a single entry"),
                         ((4, 2), "a tall window, its max in the last corner"),
                         ((3, 4), "a wide window, all negative")]:
        x = rng.standard_normal(shape)
        if "corner" in label:
            x[-1, -1] = np.max(x) + 1.0
        if "negative" in label:
            x = -np.abs(x) - 0.5
        cases["create_mask_from_window"].append(Case(label, args=(x,)))

    for dz, shape, label in [(2.0, (2, 2), "a float dz, a square window"),
                             (-1.2, (3, 3), "a negative dz"),
                             (5, (2, 4), "an int dz, a non-square window"),
                             (0.7, (1, 1), "a window of a single entry"),
                             (np.float64(3.3), (3, 2), "a NumPy float dz")]:
        cases["distribute_value"].append(Case(label, args=(dz, shape)))

    rng = np.random.default_rng(107)
    for A_shape, f, stride, label in _POOL:
        A_prev = rng.standard_normal(A_shape)
        n_H, n_W = _out(A_shape[1], f, 0, stride), _out(A_shape[2], f, 0, stride)
        dA = rng.standard_normal((A_shape[0], n_H, n_W, A_shape[3]))
        for mode in ("max", "average"):
            cases["pool_backward"].append(
                Case(f"{label}, mode={mode!r}",
                     args=(dA, (A_prev, {"f": f, "stride": stride})), kwargs={"mode": mode},
                     options=_options("pool_backward")))
    A_prev = rng.standard_normal((1, 4, 4, 1))
    dA = rng.standard_normal((1, 3, 3, 1))
    cases["pool_backward"].append(
        Case("overlapping windows, mode not given (max)",
             args=(dA, (A_prev, {"f": 2, "stride": 1})), options=_options("pool_backward")))
    cases["network_shapes"] = network_cases()
    return cases


def _conv(f, n_C, stride, pad):
    return {"type": "conv", "f": f, "n_C": n_C, "stride": stride, "pad": pad}


def _pool(f, stride):
    return {"type": "pool", "f": f, "stride": stride}


def _fc(units):
    return {"type": "fc", "units": units}


#: (input_shape, layers, what the case is about); none of them is the notebook's LeNet-5
_NETWORKS = [
    ((7, 9, 2), [_conv(3, 5, 2, 1), _fc(4)],
     "odd non-square input, a conv with stride 2 and pad 1, then an fc layer"),
    ((11, 11, 3), [_conv(4, 6, 3, 2), _pool(3, 2), _fc(7)],
     "stride 3 that does not divide the size (floor), overlapping pooling, then fc"),
    ((13, 10, 4), [_pool(2, 3), _conv(1, 2, 1, 0), _fc(5), _fc(3)],
     "a pool with stride larger than f, a 1x1 conv, then two fc layers in a row"),
    ((6, 6, 3), [_fc(10), _fc(2)], "fc layers only: the first flattens the image"),
    ((20, 20, 3), [_conv(5, 4, 1, 2), _conv(3, 8, 2, 0), _pool(2, 2), _conv(3, 16, 1, 1),
                   _pool(3, 3), _fc(12), _fc(1)],
     "a deeper chain: 'same' conv, strided conv, pools and convs, then fc"),
    ((15, 8, 2), [_conv(7, 3, 1, 3), _pool(2, 2), _pool(2, 1)],
     "pad 3 on both sides with a 7x7 filter, then two pools, no fc"),
    ((9, 9, 1), [_conv(9, 2, 1, 0), _fc(3)], "a filter as large as the input (1x1 output)"),
    ((5, 12, 6), [_conv(2, 3, 2, 1), _conv(2, 4, 1, 0), _pool(2, 2)],
     "even filters, stride 2 and pad 1 on a wide input, then a conv and a pool"),
]


def network_cases():
    """Hidden ``network_shapes`` cases: stride and pad combinations, pool layers, fc layers after
    conv, pool and fc layers, odd sizes where the floor matters."""
    return [Case(label, args=(shape, layers)) for shape, layers, label in _NETWORKS]
