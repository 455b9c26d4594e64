"""Known mistakes of the ``regularization`` assignment (see autograder.diagnosis.mistakes)."""
from .mistakes import mistake

_L2 = "L2_regularization_cost = lambd / (2 * m) * (np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))"
_PENALTIES = (("lambd / m * W3", "{} * W3"), ("lambd / m * W2", "{} * W2"), ("lambd / m * W1", "{} * W1"))
_MASK1 = "D1 = (np.random.rand(*A1.shape) < keep_prob).astype(int)"
_MASK2 = "D2 = (np.random.rand(*A2.shape) < keep_prob).astype(int)"
_HIGH_BIAS = '"high_bias": bool(avoidable_bias > threshold)'
_HIGH_VARIANCE = '"high_variance": bool(variance > threshold)'
_FLIP = "flipped = images[:, :, ::-1, :].copy()"
_SHIFT_START = "    _, n_H, n_W, _ = images.shape"
_SHIFT_BLOCK = (
    "    if rows > 0 and cols > 0:\n"
    "        to_r, to_c = max(dy, 0), max(dx, 0)\n"
    "        from_r, from_c = max(-dy, 0), max(-dx, 0)\n"
    "        shifted[:, to_r:to_r + rows, to_c:to_c + cols, :] = \\\n"
    "            images[:, from_r:from_r + rows, from_c:from_c + cols, :]\n")
#: the block above written with slices that end at -dy and -dx
_SHIFT_NEGATIVE_ENDS = (
    "    to_rows, from_rows = (slice(dy, None), slice(None, -dy)) if dy >= 0 else (slice(None, dy), slice(-dy, None))\n"
    "    to_cols, from_cols = (slice(dx, None), slice(None, -dx)) if dx >= 0 else (slice(None, dx), slice(-dx, None))\n"
    "    shifted[:, to_rows, to_cols, :] = images[:, from_rows, from_cols, :]\n")


def _penalty(factor):
    return tuple((old, new.format(factor)) for old, new in _PENALTIES)


MISTAKES = {
    "compute_cost_with_regularization": [
        mistake("l2-cost-no-half", "the penalty divided by m instead of 2m",
                "Look at the constant in front of the sum of squares in the regularized cost.",
                (_L2, _L2.replace("lambd / (2 * m)", "lambd / m"))),
        mistake("l2-cost-layer-missing", "a weight matrix left out of the penalty",
                "The penalty sums the squares of every layer's weights.",
                (_L2, _L2.replace(" + np.sum(np.square(W3))", ""))),
        mistake("l2-cost-norm-not-squared", "norms added instead of squared norms",
                "The penalty uses the squared Frobenius norm: the sum of the squared entries.",
                (_L2, "L2_regularization_cost = lambd / (2 * m) * (np.linalg.norm(W1) + np.linalg.norm(W2) + np.linalg.norm(W3))")),
        mistake("l2-cost-biases", "the biases penalized too",
                "L2 regularization penalizes the weights only, not the biases.",
                (_L2, "L2_regularization_cost = lambd / (2 * m) * sum(np.sum(np.square(p)) for p in parameters.values())")),
    ],
    "backward_propagation_with_regularization": [
        mistake("l2-grad-no-m", "the penalty's gradient not divided by m",
                "Differentiate the penalty term of the cost, with its constant, for one weight.",
                *_penalty("lambd")),
        mistake("l2-grad-half", "the penalty's gradient with the 1/2 kept",
                "The derivative of a square brings down a 2: what happens to the 1/2 in front?",
                *_penalty("lambd / (2 * m)")),
        mistake("l2-grad-last-layer-only", "only the last layer's gradient regularized",
                "Every weight matrix is in the penalty, so every dW gets its term.",
                ("lambd / m * W2", "0"), ("lambd / m * W1", "0")),
        mistake("l2-grad-bias", "a bias gradient regularized",
                "The penalty does not contain the biases, so their gradients do not change.",
                ("db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)",
                 "db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True) + lambd / m * b3")),
    ],
    "forward_propagation_with_dropout": [
        mistake("dropout-no-rescale", "activations not divided by keep_prob (not inverted dropout)",
                "Inverted dropout rescales the kept activations so that their expected value is unchanged.",
                ("A1 = A1 * D1 / keep_prob", "A1 = A1 * D1"), ("A2 = A2 * D2 / keep_prob", "A2 = A2 * D2")),
        mistake("dropout-mask-inverted", "units kept with probability 1 - keep_prob",
                "keep_prob is the probability of keeping a unit: check the direction of your comparison.",
                (_MASK1, _MASK1.replace("<", ">")), (_MASK2, _MASK2.replace("<", ">"))),
        mistake("dropout-output-layer", "dropout applied to the output layer too",
                "Dropout applies to the hidden layers only; the output is never dropped.",
                ("A3 = sigmoid(Z3)", "A3 = sigmoid(Z3) * (np.random.rand(*Z3.shape) < keep_prob) / keep_prob")),
        mistake("dropout-no-seed", "the random generator not seeded",
                "The function seeds NumPy's generator itself, as its first line, so that masks can be checked.",
                ("np.random.seed(1)", "pass")),
        mistake("dropout-one-mask-per-unit", "one mask shared by all the examples",
                "Each example gets its own mask: the mask has the shape of the activations.",
                (_MASK1, "D1 = (np.random.rand(A1.shape[0], 1) < keep_prob).astype(int)"),
                (_MASK2, "D2 = (np.random.rand(A2.shape[0], 1) < keep_prob).astype(int)")),
    ],
    "backward_propagation_with_dropout": [
        mistake("dropout-back-no-rescale", "gradients masked but not divided by keep_prob",
                "The backward pass repeats what the forward pass did to the activations, scaling included.",
                ("dA2 = dA2 * D2 / keep_prob", "dA2 = dA2 * D2"), ("dA1 = dA1 * D1 / keep_prob", "dA1 = dA1 * D1")),
        mistake("dropout-back-times-keep", "gradients multiplied by keep_prob instead of divided",
                "Check how the forward pass scaled the kept activations.",
                ("dA2 = dA2 * D2 / keep_prob", "dA2 = dA2 * D2 * keep_prob"),
                ("dA1 = dA1 * D1 / keep_prob", "dA1 = dA1 * D1 * keep_prob")),
        mistake("dropout-back-mask-missing", "a dropout mask not reapplied in the backward pass",
                "Every hidden layer dropped in the forward pass must drop the same units of its gradient.",
                ("dA1 = dA1 * D1 / keep_prob", "dA1 = dA1")),
        mistake("dropout-back-no-masks", "no dropout in the backward pass at all",
                "The dropped units received no signal forward, so they get no gradient back.",
                ("dA2 = dA2 * D2 / keep_prob", "dA2 = dA2"), ("dA1 = dA1 * D1 / keep_prob", "dA1 = dA1")),
    ],
    "bias_variance": [
        mistake("bv-variance-from-bayes", "the variance measured from the Bayes error",
                "Variance is the gap between how well the model does on data it trained on and on new data.",
                ("variance = float(dev_error - train_error)", "variance = float(dev_error - bayes_error)")),
        mistake("bv-threshold-inclusive", "a gap equal to the threshold counted as high",
                "Only a gap strictly larger than the threshold is high.",
                (_HIGH_BIAS, _HIGH_BIAS.replace(">", ">=")), (_HIGH_VARIANCE, _HIGH_VARIANCE.replace(">", ">="))),
        mistake("bv-bayes-ignored", "the Bayes error ignored (the bias is the training error)",
                "Avoidable bias is measured from the best error any model could reach, not from zero.",
                ("avoidable_bias = float(train_error - bayes_error)", "avoidable_bias = float(train_error)")),
        mistake("bv-threshold-fixed", "the default threshold written in instead of the argument",
                "The caller may pass another threshold: use the argument.",
                (_HIGH_BIAS, _HIGH_BIAS.replace("threshold", "0.02")),
                (_HIGH_VARIANCE, _HIGH_VARIANCE.replace("threshold", "0.02"))),
    ],
    "early_stopping": [
        mistake("es-tie-later", "a tie moves the best epoch to the later one",
                "Only a strictly smaller cost is a new best; an equal cost keeps the earlier epoch.",
                ("if cost < dev_costs[best_epoch]:", "if cost <= dev_costs[best_epoch]:")),
        mistake("es-one-late", "stopped one epoch too late",
                "Stop at the first epoch that is exactly patience epochs after the best one.",
                ("if epoch - best_epoch == patience:", "if epoch - best_epoch > patience:")),
        mistake("es-overall-best", "the best epoch of the whole run instead of the best up to the stop",
                "Epochs after the stop were never trained: the best epoch is chosen among those before it.",
                ("return int(best_epoch), int(stop_epoch)", "return int(np.argmin(dev_costs)), int(stop_epoch)")),
        mistake("es-consecutive-rises", "consecutive rises of the cost counted instead of epochs since the best",
                "Patience counts the epochs since the best cost so far, whether the cost rose or fell in between.",
                ("    best_epoch = 0\n", "    best_epoch, rises = 0, 0\n"),
                ("if epoch - best_epoch == patience:",
                 "rises = rises + 1 if epoch > 0 and cost > dev_costs[epoch - 1] else 0\n        if rises == patience:")),
        mistake("es-stop-past-end", "a run that never stops ends one past the last epoch",
                "Epochs are numbered from 0: which number does the last one have?",
                ("stop_epoch = len(dev_costs) - 1", "stop_epoch = len(dev_costs)")),
    ],
    "flip_horizontal": [
        mistake("flip-upside-down", "the rows reversed (upside down) instead of the columns",
                "Axis 1 of the batch is the height; left-right mirroring reverses the width.",
                (_FLIP, "flipped = images[:, ::-1, :, :].copy()")),
        mistake("flip-every-axis", "every axis reversed",
                "Only one axis of the batch changes order; the examples, rows and channels stay as they are.",
                (_FLIP, "flipped = images[::-1, ::-1, ::-1, ::-1].copy()")),
        mistake("flip-in-place", "the input images flipped in place",
                "Build the mirrored images in a new array; the caller's images must stay as they were.",
                (_FLIP, "images[:] = images[:, :, ::-1, :].copy()\n    flipped = images")),
        mistake("flip-dtype-lost", "the images converted to another dtype",
                "Mirroring moves pixels around; their type stays the input's.",
                (_FLIP, "flipped = images[:, :, ::-1, :].astype(float)")),
        mistake("flip-channels", "the channels reversed instead of the columns",
                "The last axis holds the colour channels; the width is the axis before it.",
                (_FLIP, "flipped = images[:, :, :, ::-1].copy()")),
    ],
    "shift_images": [
        mistake("shift-wrap-around", "content leaving the frame wraps around to the other side",
                "The pixels shifted in are zeros: nothing comes back from the opposite edge.",
                ("shifted = np.zeros_like(images)", "shifted = np.roll(images, (dy, dx), axis=(1, 2))"),
                (_SHIFT_BLOCK, "")),
        mistake("shift-dx-dy-swapped", "the horizontal and vertical shifts swapped",
                "dx moves the content along the width (the columns), dy along the height (the rows).",
                (_SHIFT_START, "    dx, dy = dy, dx\n" + _SHIFT_START)),
        mistake("shift-opposite-direction", "the content moved the opposite way",
                "A positive dx moves the content to the right and a positive dy moves it down.",
                (_SHIFT_START, "    dx, dy = -dx, -dy\n" + _SHIFT_START)),
        mistake("shift-negative-slice-end", "slices ending at -d, empty for a shift of 0",
                "A slice ending at -0 ends at the start: think about a shift of 0.",
                (_SHIFT_BLOCK, _SHIFT_NEGATIVE_ENDS)),
        mistake("shift-dtype-lost", "the result created as floats whatever the input's dtype",
                "The result keeps the input's dtype: create it to match the images.",
                ("shifted = np.zeros_like(images)", "shifted = np.zeros(images.shape)")),
    ],
}
