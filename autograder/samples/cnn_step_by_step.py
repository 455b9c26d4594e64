'''Other implementations of the ``cnn_step_by_step`` assignment's graded functions.

``CORRECT`` and ``EXTRA_CORRECT`` hold, between them, a solution in the structure of the canonical
course for every function (so a student's existing solution is known to drop in; the one
exception is ``conv_single_step``'s ``float(b)``, an error on NumPy 2, see ``WRONG``) and
differently written ones (vectorised, other loop forms). ``WRONG`` and ``EXTRA_WRONG`` hold
realistic mistakes; several only show on hidden inputs (``pad = 0``, ``m > 1``, non-square
images, stride > 1). The notebook tests a function that calls other graded functions with
correct versions of them patched in, so every mistake costs the points of its own function only.
'''

CORRECT = {
    "zero_pad": {
        "zeros and a slice assignment": """
def zero_pad(X, pad):
    m, n_H, n_W, n_C = X.shape
    X_pad = np.zeros((m, n_H + 2 * pad, n_W + 2 * pad, n_C), dtype=X.dtype)
    X_pad[:, pad:pad + n_H, pad:pad + n_W, :] = X
    return X_pad
""",
        "canonical np.pad with a constant_values pair": """
def zero_pad(X, pad):
    X_pad = np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode='constant', constant_values=(0, 0))
    return X_pad
""",
    },
    "conv_single_step": {
        "einsum and b[0, 0, 0]": """
def conv_single_step(a_slice_prev, W, b):
    return np.einsum("ijk,ijk->", a_slice_prev, W) + b[0, 0, 0]
""",
        "np.multiply and np.squeeze": """
def conv_single_step(a_slice_prev, W, b):
    s = np.multiply(a_slice_prev, W)
    Z = np.sum(s)
    Z = Z + np.squeeze(b)
    return Z
""",
    },
    "conv_forward": {
        "canonical structure (int(), helper calls, assert)": """
def conv_forward(A_prev, W, b, hparameters):
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    (f, f, n_C_prev, n_C) = W.shape
    stride = hparameters['stride']
    pad = hparameters['pad']
    n_H = int((n_H_prev - f + 2 * pad) / stride) + 1
    n_W = int((n_W_prev - f + 2 * pad) / stride) + 1
    Z = np.zeros((m, n_H, n_W, n_C))
    A_prev_pad = zero_pad(A_prev, pad)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        for h in range(n_H):
            vert_start = stride * h
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = stride * w
                horiz_end = horiz_start + f
                for c in range(n_C):
                    a_slice_prev = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                    weights = W[:, :, :, c]
                    biases = b[:, :, :, c]
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, weights, biases)
    assert(Z.shape == (m, n_H, n_W, n_C))
    cache = (A_prev, W, b, hparameters)
    return Z, cache
""",
        "vectorised: sliding_window_view and einsum": """
def conv_forward(A_prev, W, b, hparameters):
    f, s, p = W.shape[0], hparameters["stride"], hparameters["pad"]
    A_pad = np.pad(A_prev, ((0, 0), (p, p), (p, p), (0, 0)))
    windows = np.lib.stride_tricks.sliding_window_view(A_pad, (f, f), axis=(1, 2))[:, ::s, ::s]
    Z = np.einsum("mhwkuv,uvkc->mhwc", windows, W) + b[0, 0, 0]
    return Z, (A_prev, W, b, hparameters)
""",
    },
    "pool_forward": {
        "canonical structure (int(), if/elif on mode)": """
def pool_forward(A_prev, hparameters, mode = "max"):
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    f = hparameters["f"]
    stride = hparameters["stride"]
    n_H = int(1 + (n_H_prev - f) / stride)
    n_W = int(1 + (n_W_prev - f) / stride)
    n_C = n_C_prev
    A = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            vert_start = h * stride
            vert_end = vert_start + f
            for w in range(n_W):
                horiz_start = w * stride
                horiz_end = horiz_start + f
                for c in range(n_C):
                    a_prev_slice = A_prev[i, vert_start:vert_end, horiz_start:horiz_end, c]
                    if mode == "max":
                        A[i, h, w, c] = np.max(a_prev_slice)
                    elif mode == "average":
                        A[i, h, w, c] = np.mean(a_prev_slice)
    cache = (A_prev, hparameters)
    assert(A.shape == (m, n_H, n_W, n_C))
    return A, cache
""",
        "vectorised: sliding_window_view": """
def pool_forward(A_prev, hparameters, mode="max"):
    f, s = hparameters["f"], hparameters["stride"]
    windows = np.lib.stride_tricks.sliding_window_view(A_prev, (f, f), axis=(1, 2))[:, ::s, ::s]
    reduce = {"max": np.max, "average": np.mean}[mode]
    return reduce(windows, axis=(-2, -1)), (A_prev, hparameters)
""",
    },
    "conv_backward": {
        "canonical structure, crop with an explicit end": """
def conv_backward(dZ, cache):
    (A_prev, W, b, hparameters) = cache
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    (f, f, n_C_prev, n_C) = W.shape
    stride = hparameters["stride"]
    pad = hparameters["pad"]
    (m, n_H, n_W, n_C) = dZ.shape
    dA_prev = np.zeros((m, n_H_prev, n_W_prev, n_C_prev))
    dW = np.zeros((f, f, n_C_prev, n_C))
    db = np.zeros((1, 1, 1, n_C))
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = zero_pad(dA_prev, pad)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        da_prev_pad = dA_prev_pad[i]
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    vert_start = stride * h
                    vert_end = vert_start + f
                    horiz_start = stride * w
                    horiz_end = horiz_start + f
                    a_slice = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                    da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += a_slice * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
        dA_prev[i, :, :, :] = da_prev_pad[pad:pad + n_H_prev, pad:pad + n_W_prev, :]
    assert(dA_prev.shape == (m, n_H_prev, n_W_prev, n_C_prev))
    return dA_prev, dW, db
""",
        "vectorised: one matrix product per filter offset": """
def conv_backward(dZ, cache):
    A_prev, W, b, hparameters = cache
    f, s, p = W.shape[0], hparameters["stride"], hparameters["pad"]
    m, n_H, n_W, n_C = dZ.shape
    A_pad = np.pad(A_prev, ((0, 0), (p, p), (p, p), (0, 0)))
    dA_pad = np.zeros_like(A_pad)
    dW = np.zeros_like(W)
    for u in range(f):
        for v in range(f):
            rows = slice(u, u + s * (n_H - 1) + 1, s)
            cols = slice(v, v + s * (n_W - 1) + 1, s)
            dW[u, v] = np.einsum("mhwk,mhwc->kc", A_pad[:, rows, cols, :], dZ)
            dA_pad[:, rows, cols, :] += dZ @ W[u, v].T
    db = dZ.sum(axis=(0, 1, 2), keepdims=True)
    dA_prev = dA_pad[:, p:p + A_prev.shape[1], p:p + A_prev.shape[2], :]
    return dA_prev, dW, db
""",
    },
    "create_mask_from_window": {
        "x >= x.max()": """
def create_mask_from_window(x):
    return x >= x.max()
""",
        "argmax and unravel_index": """
def create_mask_from_window(x):
    mask = np.zeros(x.shape, dtype=bool)
    mask[np.unravel_index(np.argmax(x), x.shape)] = True
    return mask
""",
    },
    "distribute_value": {
        "np.full": """
def distribute_value(dz, shape):
    n_H, n_W = shape
    return np.full((n_H, n_W), dz / (n_H * n_W))
""",
        "canonical: average times ones": """
def distribute_value(dz, shape):
    (n_H, n_W) = shape
    average = dz / (n_H * n_W)
    a = np.ones(shape) * average
    return a
""",
    },
    "pool_backward": {
        "canonical structure (np.multiply, shape variable)": """
def pool_backward(dA, cache, mode = "max"):
    (A_prev, hparameters) = cache
    stride = hparameters["stride"]
    f = hparameters["f"]
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        a_prev = A_prev[i]
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    vert_start = h * stride
                    vert_end = vert_start + f
                    horiz_start = w * stride
                    horiz_end = horiz_start + f
                    if mode == "max":
                        a_prev_slice = a_prev[vert_start:vert_end, horiz_start:horiz_end, c]
                        mask = create_mask_from_window(a_prev_slice)
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += np.multiply(mask, dA[i, h, w, c])
                    elif mode == "average":
                        da = dA[i, h, w, c]
                        shape = (f, f)
                        dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += distribute_value(da, shape)
    assert(dA_prev.shape == A_prev.shape)
    return dA_prev
""",
        "vectorised: one pass per window offset": """
def pool_backward(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, s = hparameters["f"], hparameters["stride"]
    _, n_H, n_W, _ = dA.shape
    windows = np.lib.stride_tricks.sliding_window_view(A_prev, (f, f), axis=(1, 2))[:, ::s, ::s]
    A = windows.max(axis=(-2, -1))
    dA_prev = np.zeros(A_prev.shape)
    for u in range(f):
        for v in range(f):
            rows = slice(u, u + s * (n_H - 1) + 1, s)
            cols = slice(v, v + s * (n_W - 1) + 1, s)
            if mode == "max":
                dA_prev[:, rows, cols, :] += (A_prev[:, rows, cols, :] == A) * dA
            else:
                dA_prev[:, rows, cols, :] += dA / (f * f)
    return dA_prev
""",
    },
    "network_shapes": {
        "running dimensions and math.prod": """
def network_shapes(input_shape, layers):
    import math
    n_H, n_W, n_C = input_shape
    size = None
    out = []
    for layer in layers:
        kind = layer["type"]
        if kind in ("conv", "pool"):
            f, s = layer["f"], layer["stride"]
            p = layer.get("pad", 0)
            n_C_prev = n_C
            n_H = math.floor((n_H + 2 * p - f) / s) + 1
            n_W = math.floor((n_W + 2 * p - f) / s) + 1
            if kind == "conv":
                n_C = layer["n_C"]
                count = (f * f * n_C_prev + 1) * n_C
            else:
                count = 0
            size = None
            out.append(((n_H, n_W, n_C), count))
        else:
            inputs = size if size is not None else math.prod((n_H, n_W, n_C))
            size = layer["units"]
            out.append(((size,), (inputs + 1) * size))
    return out
""",
        "one helper per layer type": """
def network_shapes(input_shape, layers):
    def conv(shape, f, n_C, stride, pad):
        side = lambda n: int((n + 2 * pad - f) / stride) + 1
        return (side(shape[0]), side(shape[1]), n_C), f * f * shape[2] * n_C + n_C
    def pool(shape, f, stride):
        side = lambda n: (n - f) // stride + 1
        return (side(shape[0]), side(shape[1]), shape[2]), 0
    def fc(shape, units):
        return (units,), int(np.prod(shape)) * units + units
    result, shape = [], tuple(input_shape)
    for layer in layers:
        options = {k: v for k, v in layer.items() if k != "type"}
        shape, count = {"conv": conv, "pool": pool, "fc": fc}[layer["type"]](shape, **options)
        result.append((shape, count))
    return result
""",
    },
}

WRONG = {
    "zero_pad": {
        "pads every axis": """
def zero_pad(X, pad):
    return np.pad(X, pad, mode="constant")
""",
        "pads axes 0 and 1 instead of 1 and 2": """
def zero_pad(X, pad):
    return np.pad(X, ((pad, pad), (pad, pad), (0, 0), (0, 0)), mode="constant")
""",
        "pads only after the image": """
def zero_pad(X, pad):
    return np.pad(X, ((0, 0), (0, pad), (0, pad), (0, 0)), mode="constant")
""",
        "slice assignment with -pad (breaks for pad = 0)": """
def zero_pad(X, pad):
    m, n_H, n_W, n_C = X.shape
    X_pad = np.zeros((m, n_H + 2 * pad, n_W + 2 * pad, n_C))
    X_pad[:, pad:-pad, pad:-pad, :] = X
    return X_pad
""",
    },
    "conv_single_step": {
        "float(b) (an error on NumPy 2)": """
def conv_single_step(a_slice_prev, W, b):
    s = a_slice_prev * W
    Z = np.sum(s)
    Z = Z + float(b)
    return Z
""",
        "returns a (1, 1, 1) array": """
def conv_single_step(a_slice_prev, W, b):
    return np.sum(a_slice_prev * W) + b
""",
        "bias added to every product": """
def conv_single_step(a_slice_prev, W, b):
    return np.sum(a_slice_prev * W + b)
""",
        "bias forgotten": """
def conv_single_step(a_slice_prev, W, b):
    return np.sum(a_slice_prev * W)
""",
        "mean instead of sum": """
def conv_single_step(a_slice_prev, W, b):
    return np.mean(a_slice_prev * W) + b.item()
""",
    },
    "conv_forward": {
        "stride ignored in the window position": """
def conv_forward(A_prev, W, b, hparameters):
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, f, n_C_prev, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    Z = np.zeros((m, n_H, n_W, n_C))
    A_prev_pad = zero_pad(A_prev, pad)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    a_slice_prev = A_prev_pad[i, h:h + f, w:w + f, :]
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])
    return Z, (A_prev, W, b, hparameters)
""",
        "slices the unpadded input": """
def conv_forward(A_prev, W, b, hparameters):
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, f, n_C_prev, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    Z = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    a_slice_prev = A_prev[i, h * stride:h * stride + f, w * stride:w * stride + f, :]
                    Z[i, h, w, c] = np.sum(a_slice_prev * W[:a_slice_prev.shape[0], :a_slice_prev.shape[1], :, c]) + b[0, 0, 0, c]
    return Z, (A_prev, W, b, hparameters)
""",
        "output size without the padding": """
def conv_forward(A_prev, W, b, hparameters):
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, f, n_C_prev, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    n_H = (n_H_prev - f) // stride + 1
    n_W = (n_W_prev - f) // stride + 1
    Z = np.zeros((m, n_H, n_W, n_C))
    A_prev_pad = zero_pad(A_prev, pad)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                a_slice_prev = A_prev_pad[i, h * stride:h * stride + f, w * stride:w * stride + f, :]
                for c in range(n_C):
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])
    return Z, (A_prev, W, b, hparameters)
""",
        "flipped filter (a true convolution)": """
def conv_forward(A_prev, W, b, hparameters):
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, f, n_C_prev, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = (n_W_prev + 2 * pad - f) // stride + 1
    Z = np.zeros((m, n_H, n_W, n_C))
    A_prev_pad = zero_pad(A_prev, pad)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                a_slice_prev = A_prev_pad[i, h * stride:h * stride + f, w * stride:w * stride + f, :]
                for c in range(n_C):
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[::-1, ::-1, :, c], b[:, :, :, c])
    return Z, (A_prev, W, b, hparameters)
""",
        "n_W computed from the height": """
def conv_forward(A_prev, W, b, hparameters):
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f, f, n_C_prev, n_C = W.shape
    stride, pad = hparameters["stride"], hparameters["pad"]
    n_H = (n_H_prev + 2 * pad - f) // stride + 1
    n_W = n_H
    Z = np.zeros((m, n_H, n_W, n_C))
    A_prev_pad = zero_pad(A_prev, pad)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                a_slice_prev = A_prev_pad[i, h * stride:h * stride + f, w * stride:w * stride + f, :]
                for c in range(n_C):
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])
    return Z, (A_prev, W, b, hparameters)
""",
    },
    "pool_forward": {
        "mode ignored (always max)": """
def pool_forward(A_prev, hparameters, mode="max"):
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    f, stride = hparameters["f"], hparameters["stride"]
    n_H = (n_H_prev - f) // stride + 1
    n_W = (n_W_prev - f) // stride + 1
    A = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    A[i, h, w, c] = np.max(A_prev[i, h * stride:h * stride + f, w * stride:w * stride + f, c])
    return A, (A_prev, hparameters)
""",
        "average computed as the sum": """
def pool_forward(A_prev, hparameters, mode="max"):
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    f, stride = hparameters["f"], hparameters["stride"]
    n_H = (n_H_prev - f) // stride + 1
    n_W = (n_W_prev - f) // stride + 1
    A = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    window = A_prev[i, h * stride:h * stride + f, w * stride:w * stride + f, c]
                    A[i, h, w, c] = np.max(window) if mode == "max" else np.sum(window)
    return A, (A_prev, hparameters)
""",
        "stride ignored in the window position": """
def pool_forward(A_prev, hparameters, mode="max"):
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    f, stride = hparameters["f"], hparameters["stride"]
    n_H = (n_H_prev - f) // stride + 1
    n_W = (n_W_prev - f) // stride + 1
    A = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    window = A_prev[i, h:h + f, w:w + f, c]
                    A[i, h, w, c] = np.max(window) if mode == "max" else np.mean(window)
    return A, (A_prev, hparameters)
""",
        "pools over all channels at once": """
def pool_forward(A_prev, hparameters, mode="max"):
    m, n_H_prev, n_W_prev, n_C = A_prev.shape
    f, stride = hparameters["f"], hparameters["stride"]
    n_H = (n_H_prev - f) // stride + 1
    n_W = (n_W_prev - f) // stride + 1
    A = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                window = A_prev[i, h * stride:h * stride + f, w * stride:w * stride + f, :]
                A[i, h, w, :] = np.max(window) if mode == "max" else np.mean(window)
    return A, (A_prev, hparameters)
""",
    },
    "conv_backward": {
        "[pad:-pad] crop (empty when pad = 0)": """
def conv_backward(dZ, cache):
    (A_prev, W, b, hparameters) = cache
    (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
    (f, f, n_C_prev, n_C) = W.shape
    stride = hparameters["stride"]
    pad = hparameters["pad"]
    (m, n_H, n_W, n_C) = dZ.shape
    dA_prev = np.zeros(A_prev.shape)
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = zero_pad(dA_prev, pad)
    for i in range(m):
        a_prev_pad = A_prev_pad[i]
        da_prev_pad = dA_prev_pad[i]
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    vert_start, horiz_start = h * stride, w * stride
                    a_slice = a_prev_pad[vert_start:vert_start + f, horiz_start:horiz_start + f, :]
                    da_prev_pad[vert_start:vert_start + f, horiz_start:horiz_start + f, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += a_slice * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
        dA_prev[i, :, :, :] = da_prev_pad[pad:-pad, pad:-pad, :]
    return dA_prev, dW, db
""",
        "dW overwritten instead of accumulated": """
def conv_backward(dZ, cache):
    A_prev, W, b, hparameters = cache
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f = W.shape[0]
    stride, pad = hparameters["stride"], hparameters["pad"]
    m, n_H, n_W, n_C = dZ.shape
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = np.zeros(A_prev_pad.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    vs, hs = h * stride, w * stride
                    dA_prev_pad[i, vs:vs + f, hs:hs + f, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] = A_prev_pad[i, vs:vs + f, hs:hs + f, :] * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
    return dA_prev_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :], dW, db
""",
        "input gradient from the input window instead of the filter": """
def conv_backward(dZ, cache):
    A_prev, W, b, hparameters = cache
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f = W.shape[0]
    stride, pad = hparameters["stride"], hparameters["pad"]
    m, n_H, n_W, n_C = dZ.shape
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = np.zeros(A_prev_pad.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    vs, hs = h * stride, w * stride
                    a_slice = A_prev_pad[i, vs:vs + f, hs:hs + f, :]
                    dA_prev_pad[i, vs:vs + f, hs:hs + f, :] += a_slice * dZ[i, h, w, c]
                    dW[:, :, :, c] += a_slice * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
    return dA_prev_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :], dW, db
""",
        "stride ignored in the window position": """
def conv_backward(dZ, cache):
    A_prev, W, b, hparameters = cache
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f = W.shape[0]
    pad = hparameters["pad"]
    m, n_H, n_W, n_C = dZ.shape
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = np.zeros(A_prev_pad.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    dA_prev_pad[i, h:h + f, w:w + f, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += A_prev_pad[i, h:h + f, w:w + f, :] * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
    return dA_prev_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :], dW, db
""",
        "dW and db averaged over the examples": """
def conv_backward(dZ, cache):
    A_prev, W, b, hparameters = cache
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    f = W.shape[0]
    stride, pad = hparameters["stride"], hparameters["pad"]
    m, n_H, n_W, n_C = dZ.shape
    dW = np.zeros(W.shape)
    db = np.zeros(b.shape)
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = np.zeros(A_prev_pad.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    vs, hs = h * stride, w * stride
                    dA_prev_pad[i, vs:vs + f, hs:hs + f, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += A_prev_pad[i, vs:vs + f, hs:hs + f, :] * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
    return dA_prev_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :], dW / m, db / m
""",
    },
    "create_mask_from_window": {
        "float mask instead of booleans": """
def create_mask_from_window(x):
    return (x == np.max(x)).astype(float)
""",
        "maximum of each column": """
def create_mask_from_window(x):
    return x == np.max(x, axis=0)
""",
        "returns the index of the maximum": """
def create_mask_from_window(x):
    return np.argmax(x)
""",
        "mask of the minimum": """
def create_mask_from_window(x):
    return x == np.min(x)
""",
    },
    "distribute_value": {
        "dz not divided": """
def distribute_value(dz, shape):
    return np.ones(shape) * dz
""",
        "divided by n_H + n_W": """
def distribute_value(dz, shape):
    n_H, n_W = shape
    return np.ones(shape) * dz / (n_H + n_W)
""",
        "integer division": """
def distribute_value(dz, shape):
    n_H, n_W = shape
    return np.ones(shape) * (dz // (n_H * n_W))
""",
        "returns the share as a number": """
def distribute_value(dz, shape):
    n_H, n_W = shape
    return dz / (n_H * n_W)
""",
    },
    "pool_backward": {
        "= instead of += (overlapping windows overwrite)": """
def pool_backward(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    vs, hs = h * stride, w * stride
                    if mode == "max":
                        mask = create_mask_from_window(A_prev[i, vs:vs + f, hs:hs + f, c])
                        dA_prev[i, vs:vs + f, hs:hs + f, c] = mask * dA[i, h, w, c]
                    elif mode == "average":
                        dA_prev[i, vs:vs + f, hs:hs + f, c] = distribute_value(dA[i, h, w, c], (f, f))
    return dA_prev
""",
        "stride ignored in the window position": """
def pool_backward(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f = hparameters["f"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    if mode == "max":
                        mask = create_mask_from_window(A_prev[i, h:h + f, w:w + f, c])
                        dA_prev[i, h:h + f, w:w + f, c] += mask * dA[i, h, w, c]
                    elif mode == "average":
                        dA_prev[i, h:h + f, w:w + f, c] += distribute_value(dA[i, h, w, c], (f, f))
    return dA_prev
""",
        "average mode: gradient copied, not shared": """
def pool_backward(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    vs, hs = h * stride, w * stride
                    if mode == "max":
                        mask = create_mask_from_window(A_prev[i, vs:vs + f, hs:hs + f, c])
                        dA_prev[i, vs:vs + f, hs:hs + f, c] += mask * dA[i, h, w, c]
                    else:
                        dA_prev[i, vs:vs + f, hs:hs + f, c] += dA[i, h, w, c]
    return dA_prev
""",
        "mode ignored (always max)": """
def pool_backward(dA, cache, mode="max"):
    A_prev, hparameters = cache
    f, stride = hparameters["f"], hparameters["stride"]
    m, n_H, n_W, n_C = dA.shape
    dA_prev = np.zeros(A_prev.shape)
    for i in range(m):
        for h in range(n_H):
            for w in range(n_W):
                for c in range(n_C):
                    vs, hs = h * stride, w * stride
                    mask = create_mask_from_window(A_prev[i, vs:vs + f, hs:hs + f, c])
                    dA_prev[i, vs:vs + f, hs:hs + f, c] += mask * dA[i, h, w, c]
    return dA_prev
""",
    },
    "network_shapes": {
        "bias forgotten": """
def network_shapes(input_shape, layers):
    shapes, shape = [], tuple(input_shape)
    for layer in layers:
        if layer["type"] == "conv":
            f, s, p, n_C = layer["f"], layer["stride"], layer["pad"], layer["n_C"]
            count = f * f * shape[2] * n_C
            shape = ((shape[0] + 2 * p - f) // s + 1, (shape[1] + 2 * p - f) // s + 1, n_C)
        elif layer["type"] == "pool":
            f, s = layer["f"], layer["stride"]
            count = 0
            shape = ((shape[0] - f) // s + 1, (shape[1] - f) // s + 1, shape[2])
        else:
            count = int(np.prod(shape)) * layer["units"]
            shape = (layer["units"],)
        shapes.append((shape, count))
    return shapes
""",
        "ceil instead of floor": """
def network_shapes(input_shape, layers):
    shapes, shape = [], tuple(input_shape)
    for layer in layers:
        if layer["type"] == "conv":
            f, s, p, n_C = layer["f"], layer["stride"], layer["pad"], layer["n_C"]
            count = (f * f * shape[2] + 1) * n_C
            shape = (int(np.ceil((shape[0] + 2 * p - f) / s)) + 1, int(np.ceil((shape[1] + 2 * p - f) / s)) + 1, n_C)
        elif layer["type"] == "pool":
            f, s = layer["f"], layer["stride"]
            count = 0
            shape = (int(np.ceil((shape[0] - f) / s)) + 1, int(np.ceil((shape[1] - f) / s)) + 1, shape[2])
        else:
            count = (int(np.prod(shape)) + 1) * layer["units"]
            shape = (layer["units"],)
        shapes.append((shape, count))
    return shapes
""",
        "pool layers counted like a conv with n_C_prev filters": """
def network_shapes(input_shape, layers):
    shapes, shape = [], tuple(input_shape)
    for layer in layers:
        if layer["type"] == "conv":
            f, s, p, n_C = layer["f"], layer["stride"], layer["pad"], layer["n_C"]
            count = (f * f * shape[2] + 1) * n_C
            shape = ((shape[0] + 2 * p - f) // s + 1, (shape[1] + 2 * p - f) // s + 1, n_C)
        elif layer["type"] == "pool":
            f, s = layer["f"], layer["stride"]
            count = (f * f * shape[2] + 1) * shape[2]
            shape = ((shape[0] - f) // s + 1, (shape[1] - f) // s + 1, shape[2])
        else:
            count = (int(np.prod(shape)) + 1) * layer["units"]
            shape = (layer["units"],)
        shapes.append((shape, count))
    return shapes
""",
        "padding counted on one side only": """
def network_shapes(input_shape, layers):
    shapes, shape = [], tuple(input_shape)
    for layer in layers:
        if layer["type"] == "conv":
            f, s, p, n_C = layer["f"], layer["stride"], layer["pad"], layer["n_C"]
            count = (f * f * shape[2] + 1) * n_C
            shape = ((shape[0] + p - f) // s + 1, (shape[1] + p - f) // s + 1, n_C)
        elif layer["type"] == "pool":
            f, s = layer["f"], layer["stride"]
            count = 0
            shape = ((shape[0] - f) // s + 1, (shape[1] - f) // s + 1, shape[2])
        else:
            count = (int(np.prod(shape)) + 1) * layer["units"]
            shape = (layer["units"],)
        shapes.append((shape, count))
    return shapes
""",
        "fc reads only the last axis (no flatten)": """
def network_shapes(input_shape, layers):
    shapes, shape = [], tuple(input_shape)
    for layer in layers:
        if layer["type"] == "conv":
            f, s, p, n_C = layer["f"], layer["stride"], layer["pad"], layer["n_C"]
            count = (f * f * shape[2] + 1) * n_C
            shape = ((shape[0] + 2 * p - f) // s + 1, (shape[1] + 2 * p - f) // s + 1, n_C)
        elif layer["type"] == "pool":
            f, s = layer["f"], layer["stride"]
            count = 0
            shape = ((shape[0] - f) // s + 1, (shape[1] - f) // s + 1, shape[2])
        else:
            count = (shape[-1] + 1) * layer["units"]
            shape = (layer["units"],)
        shapes.append((shape, count))
    return shapes
""",
        "filter depth forgotten (f * f weights per filter)": """
def network_shapes(input_shape, layers):
    shapes, shape = [], tuple(input_shape)
    for layer in layers:
        if layer["type"] == "conv":
            f, s, p, n_C = layer["f"], layer["stride"], layer["pad"], layer["n_C"]
            count = (f * f + 1) * n_C
            shape = ((shape[0] + 2 * p - f) // s + 1, (shape[1] + 2 * p - f) // s + 1, n_C)
        elif layer["type"] == "pool":
            f, s = layer["f"], layer["stride"]
            count = 0
            shape = ((shape[0] - f) // s + 1, (shape[1] - f) // s + 1, shape[2])
        else:
            count = (int(np.prod(shape)) + 1) * layer["units"]
            shape = (layer["units"],)
        shapes.append((shape, count))
    return shapes
""",
        "one bias for a whole fc layer": """
def network_shapes(input_shape, layers):
    shapes, shape = [], tuple(input_shape)
    for layer in layers:
        if layer["type"] == "conv":
            f, s, p, n_C = layer["f"], layer["stride"], layer["pad"], layer["n_C"]
            count = (f * f * shape[2] + 1) * n_C
            shape = ((shape[0] + 2 * p - f) // s + 1, (shape[1] + 2 * p - f) // s + 1, n_C)
        elif layer["type"] == "pool":
            f, s = layer["f"], layer["stride"]
            count = 0
            shape = ((shape[0] - f) // s + 1, (shape[1] - f) // s + 1, shape[2])
        else:
            count = int(np.prod(shape)) * layer["units"] + 1
            shape = (layer["units"],)
        shapes.append((shape, count))
    return shapes
""",
        "consumes the layer list (pop)": """
def network_shapes(input_shape, layers):
    shapes, shape = [], tuple(input_shape)
    while layers:
        layer = layers.pop(0)
        if layer["type"] == "conv":
            f, s, p, n_C = layer["f"], layer["stride"], layer["pad"], layer["n_C"]
            count = (f * f * shape[2] + 1) * n_C
            shape = ((shape[0] + 2 * p - f) // s + 1, (shape[1] + 2 * p - f) // s + 1, n_C)
        elif layer["type"] == "pool":
            f, s = layer["f"], layer["stride"]
            count = 0
            shape = ((shape[0] - f) // s + 1, (shape[1] - f) // s + 1, shape[2])
        else:
            count = (int(np.prod(shape)) + 1) * layer["units"]
            shape = (layer["units"],)
        shapes.append((shape, count))
    return shapes
""",
    },
}

# Grading a notebook through nbgrader takes seconds, so the grading-accuracy test (which grades
# every variant of WRONG and CORRECT) gets three mistakes and one or two correct versions per
# function. The variants below move to EXTRA_WRONG / EXTRA_CORRECT, which
# tests/test_cnn_step_by_step.py runs in-process against the same visible, hidden and
# gradient checks (milliseconds each).
_EXTRA_WRONG_LABELS = {
    "zero_pad": ["pads axes 0 and 1 instead of 1 and 2"],
    "conv_single_step": ["bias forgotten", "mean instead of sum"],
    "conv_forward": ["slices the unpadded input", "output size without the padding"],
    "pool_forward": ["average computed as the sum"],
    "conv_backward": ["dW overwritten instead of accumulated", "stride ignored in the window position"],
    "create_mask_from_window": ["mask of the minimum"],
    "distribute_value": ["divided by n_H + n_W"],
    "pool_backward": ["mode ignored (always max)"],
    "network_shapes": ["fc reads only the last axis (no flatten)",
                       "filter depth forgotten (f * f weights per filter)",
                       "one bias for a whole fc layer", "consumes the layer list (pop)"],
}
_EXTRA_CORRECT_LABELS = {
    "zero_pad": ["canonical np.pad with a constant_values pair"],
    "conv_single_step": ["einsum and b[0, 0, 0]"],
    "pool_forward": ["canonical structure (int(), if/elif on mode)"],
    "create_mask_from_window": ["x >= x.max()"],
    "distribute_value": ["canonical: average times ones"],
    "network_shapes": ["one helper per layer type"],
}
EXTRA_WRONG = {f: {label: WRONG[f].pop(label) for label in labels}
               for f, labels in _EXTRA_WRONG_LABELS.items()}
EXTRA_CORRECT = {f: {label: CORRECT[f].pop(label) for label in labels}
                 for f, labels in _EXTRA_CORRECT_LABELS.items()}

CLASS = {
    "ada": {"zero_pad": ("correct", "zeros and a slice assignment"),
            "conv_single_step": ("correct", "np.multiply and np.squeeze"),
            "conv_forward": ("correct", "vectorised: sliding_window_view and einsum"),
            "pool_forward": ("correct", "vectorised: sliding_window_view"),
            "conv_backward": ("correct", "vectorised: one matrix product per filter offset"),
            "create_mask_from_window": ("correct", "argmax and unravel_index"),
            "distribute_value": ("correct", "np.full"),
            "pool_backward": ("correct", "vectorised: one pass per window offset"),
            "network_shapes": ("correct", "running dimensions and math.prod")},
    "ben": {"conv_forward": ("correct", "canonical structure (int(), helper calls, assert)"),
            "conv_backward": ("wrong", "[pad:-pad] crop (empty when pad = 0)"),
            "create_mask_from_window": ("wrong", "float mask instead of booleans"),
            "network_shapes": ("wrong", "ceil instead of floor")},
    "cam": {"conv_single_step": ("wrong", "float(b) (an error on NumPy 2)"),
            "conv_forward": ("wrong", "stride ignored in the window position"),
            "pool_backward": ("wrong", "= instead of += (overlapping windows overwrite)")},
    "dee": "blank",
}
