"""Known mistakes of the ``cnn_step_by_step`` assignment (see autograder.diagnosis.mistakes)."""
from .mistakes import mistake

_PAD = 'X_pad = np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant", constant_values=0)'
_STRIDE_HINT = "Window number h starts stride rows further down than window h - 1, not one row."
_WINDOW = (("vert_start = h * stride", "vert_start = h"), ("horiz_start = w * stride", "horiz_start = w"))
_CROP = "dA_prev = dA_prev_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :]"
_DA = "da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += W[:, :, :, c] * dZ[i, h, w, c]"
_MAX_BACK = "dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += mask * dA[i, h, w, c]"
_AVG_BACK = "dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += distribute_value(da, (f, f))"

MISTAKES = {
    "zero_pad": [
        mistake("pad-every-axis", "every axis padded, the examples and channels too",
                "Only the height and the width get a border.",
                (_PAD, 'X_pad = np.pad(X, pad, mode="constant")')),
        mistake("pad-one-side", "the border added after the image only",
                "The border goes on both sides of the image.",
                (_PAD, 'X_pad = np.pad(X, ((0, 0), (0, pad), (0, pad), (0, 0)), mode="constant")')),
        mistake("pad-negative-slice", "the [pad:-pad] slice, empty when pad = 0",
                "A slice ending at -0 ends at the start: think about pad = 0.",
                (_PAD, "X_pad = np.zeros((X.shape[0], X.shape[1] + 2 * pad, X.shape[2] + 2 * pad, X.shape[3]))\n"
                       "    X_pad[:, pad:-pad, pad:-pad, :] = X")),
    ],
    "conv_single_step": [
        mistake("conv-step-float-b", "float() of the bias array",
                "Converting an array with several dimensions to a float fails on NumPy 2; take its single item.",
                ("Z = Z + b.item()", "Z = Z + float(b)")),
        mistake("conv-step-array", "the bias array added as it is",
                "The result is one number, not an array of shape (1, 1, 1).",
                ("Z = Z + b.item()", "Z = Z + b")),
        mistake("conv-step-bias-everywhere", "the bias added to every product",
                "The bias is added once, after the sum.",
                ("s = a_slice_prev * W", "s = a_slice_prev * W + b.item()"), ("Z = Z + b.item()", "Z = Z")),
    ],
    "conv_forward": [
        mistake("conv-stride-ignored", "stride ignored in the window position", _STRIDE_HINT, *_WINDOW),
        mistake("conv-flipped", "the filter flipped (a true convolution)",
                "A CNN's convolution is a cross-correlation: the filter is not flipped.",
                ("W[:, :, :, c], b[:, :, :, c])", "W[::-1, ::-1, :, c], b[:, :, :, c])")),
        mistake("conv-width-from-height", "the output width computed from the height",
                "The width has its own formula, with the input's width.",
                ("n_W = (n_W_prev + 2 * pad - f) // stride + 1", "n_W = n_H")),
    ],
    "pool_forward": [
        mistake("pool-mode-ignored", "the mode ignored (always max)",
                "Average pooling takes the mean of the window.",
                ("elif mode == \"average\":", "elif False:"), ("if mode == \"max\":", "if True:")),
        mistake("pool-stride-ignored", "stride ignored in the window position", _STRIDE_HINT, *_WINDOW),
        mistake("pool-all-channels", "pooled over all the channels at once",
                "Pooling works on each channel separately.",
                ("A_prev[i, vert_start:vert_end, horiz_start:horiz_end, c]",
                 "A_prev[i, vert_start:vert_end, horiz_start:horiz_end, :]")),
    ],
    "conv_backward": [
        mistake("conv-back-negative-crop", "the [pad:-pad] crop, empty when pad = 0",
                "A slice ending at -0 ends at the start: think about pad = 0.",
                (_CROP, "dA_prev[:, :, :, :] = dA_prev_pad[:, pad:-pad, pad:-pad, :]")),
        mistake("conv-back-input-window", "the input gradient built from the input window instead of the filter",
                "dA_prev collects the filter's weights times dZ; the input window is for dW.",
                (_DA, "da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += a_slice * dZ[i, h, w, c]")),
        mistake("conv-back-averaged", "dW and db averaged over the examples",
                "Sum the examples' contributions; the cost's 1/m is already in dZ.",
                ("    return dA_prev, dW, db", "    return dA_prev, dW / m, db / m")),
        mistake("conv-back-stride-ignored", "stride ignored in the backward pass", _STRIDE_HINT, *_WINDOW),
    ],
    "create_mask_from_window": [
        mistake("mask-float", "a float mask instead of booleans",
                "A comparison already gives booleans: keep them.",
                ("mask = x == np.max(x)", "mask = (x == np.max(x)).astype(float)")),
        mistake("mask-column-max", "the maximum of each column",
                "The mask marks the maximum of the whole window.",
                ("mask = x == np.max(x)", "mask = x == np.max(x, axis=0)")),
        mistake("mask-argmax", "the index of the maximum instead of a mask",
                "Return an array of the window's shape.",
                ("mask = x == np.max(x)", "mask = np.argmax(x)")),
    ],
    "distribute_value": [
        mistake("distribute-not-divided", "the average-pool gradient not divided",
                "Every entry of the window had the same share of the average.",
                ("average = dz / (n_H * n_W)", "average = dz")),
        mistake("distribute-int-division", "integer division of the gradient",
                "Floor division rounds the share down to a whole number.",
                ("average = dz / (n_H * n_W)", "average = dz // (n_H * n_W)")),
        mistake("distribute-number", "the share returned as a number, not a matrix",
                "Return a matrix of the given shape.",
                ("a = np.ones(shape) * average", "a = average")),
    ],
    "pool_backward": [
        mistake("pool-back-overwrite", "= instead of += (overlapping windows overwrite each other)",
                "When windows overlap, an entry receives gradient from each of them.",
                (_MAX_BACK, _MAX_BACK.replace("+=", "=")), (_AVG_BACK, _AVG_BACK.replace("+=", "="))),
        mistake("pool-back-stride-ignored", "stride ignored in the backward pass", _STRIDE_HINT, *_WINDOW),
        mistake("pool-back-average-not-divided", "the average-pool gradient not divided",
                "In average pooling each entry of the window had the same share of the output.",
                (_AVG_BACK, "dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += da")),
    ],
}
