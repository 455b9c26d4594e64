"""Known mistakes of the ``optimization_methods`` assignment (see autograder.diagnosis.mistakes)."""
from .mistakes import mistake

_GD_W = 'parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]'
_GD_B = 'parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]'
_LAST_BATCH = """    if m % mini_batch_size != 0:
        start = num_complete_minibatches * mini_batch_size
        mini_batches.append((shuffled_X[:, start:], shuffled_Y[:, start:]))
"""
_V_W = 'v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]'
_V_B = 'v["db" + str(l)] = beta * v["db" + str(l)] + (1 - beta) * grads["db" + str(l)]'
_MOM_W = 'parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]'
_MOM_B = 'parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v["db" + str(l)]'
_RMS_S = 's["d" + name] = beta2 * s["d" + name] + (1 - beta2) * np.square(gradient)'
_RMS_STEP = "learning_rate * gradient / (np.sqrt(s[\"d\" + name]) + epsilon)"
_ADAM_V = "v[key] = beta1 * v[key] + (1 - beta1) * grads[key]"
_ADAM_S = "s[key] = beta2 * s[key] + (1 - beta2) * np.square(grads[key])"
_ADAM_VC = "v_corrected[key] = v[key] / (1 - beta1 ** t)"
_ADAM_SC = "s_corrected[key] = s[key] / (1 - beta2 ** t)"
_ADAM_STEP = "parameters[name] = parameters[name] - learning_rate * v_corrected[key] / (np.sqrt(s_corrected[key]) + epsilon)"
_EPS_HINT = "epsilon only keeps the division safe: it is added after the square root."
_B_FROM_W = "Each parameter is updated with its own gradient: b with db."
_LR = "learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)"
_SCHEDULE = "learning_rate = learning_rate0 / (1 + decay_rate * (epoch_num // time_interval))"

MISTAKES = {
    "update_parameters_with_gd": [
        mistake("gd-ascent", "a step up the gradient instead of down",
                "Gradient descent moves against the gradient.",
                (_GD_W, _GD_W.replace(" - ", " + ")), (_GD_B, _GD_B.replace(" - ", " + "))),
        mistake("gd-last-layer", "the last layer not updated",
                "Check the bounds of your loop: layers are numbered from 1 to L.",
                ("for l in range(1, L + 1):", "for l in range(1, L):")),
        mistake("gd-b-with-dw", "b updated with dW", _B_FROM_W, (_GD_B, _GD_B.replace('"db"', '"dW"'))),
        mistake("gd-layer-count", "the number of layers taken as the number of parameters",
                "Each layer has two parameters, W and b.",
                ("L = len(parameters) // 2", "L = len(parameters)")),
    ],
    "random_mini_batches": [
        mistake("batches-last-dropped", "the last, smaller mini-batch left out",
                "When m is not a multiple of the mini-batch size, the examples left over form one more mini-batch.",
                (_LAST_BATCH, "")),
        mistake("batches-y-unshuffled", "Y not shuffled with X",
                "The labels must follow their examples: shuffle both the same way.",
                ("shuffled_Y = Y[:, permutation].reshape((1, m))", "shuffled_Y = Y.reshape((1, m))")),
        mistake("batches-two-permutations", "X and Y shuffled with two different permutations",
                "Draw one random order and use it for both X and Y.",
                ("shuffled_Y = Y[:, permutation].reshape((1, m))",
                 "shuffled_Y = Y[:, list(np.random.permutation(m))].reshape((1, m))")),
        mistake("batches-empty-last", "an empty mini-batch added when m is a multiple of the size",
                "Add the last mini-batch only when examples are left over.",
                ("    if m % mini_batch_size != 0:\n", "    if True:\n")),
        mistake("batches-last-filled", "the last mini-batch filled up with earlier examples",
                "The last mini-batch holds only the examples left over, so it is smaller.",
                ("mini_batches.append((shuffled_X[:, start:], shuffled_Y[:, start:]))",
                 "mini_batches.append((shuffled_X[:, -mini_batch_size:], shuffled_Y[:, -mini_batch_size:]))")),
    ],
    "initialize_velocity": [
        mistake("velocity-from-parameters", "the velocity started at the parameters' values",
                "The velocity starts at zero, with the shape of each parameter.",
                ('np.zeros_like(parameters["W" + str(l)])', 'parameters["W" + str(l)].copy()'),
                ('np.zeros_like(parameters["b" + str(l)])', 'parameters["b" + str(l)].copy()')),
        mistake("velocity-keys", "keys named like the parameters, without the d",
                "The velocity's keys follow the gradients' names.",
                ('v["dW" + str(l)]', 'v["W" + str(l)]'), ('v["db" + str(l)]', 'v["b" + str(l)]')),
        mistake("velocity-db-shape", "db's velocity shaped like W",
                "Each velocity has the shape of its own parameter.",
                ('np.zeros_like(parameters["b" + str(l)])', 'np.zeros_like(parameters["W" + str(l)])')),
        mistake("velocity-last-layer", "the last layer left out",
                "Layers are numbered from 1 to L: check the loop's bounds.",
                ("for l in range(1, L + 1):", "for l in range(1, L):")),
    ],
    "update_parameters_with_momentum": [
        mistake("momentum-b-with-w-velocity", "b moved with W's velocity", _B_FROM_W,
                (_MOM_B, _MOM_B.replace('v["db"', 'v["dW"'))),
        mistake("momentum-b-velocity-from-dw", "b's velocity built from dW", _B_FROM_W,
                (_V_B, _V_B.replace('grads["db"', 'grads["dW"'))),
        mistake("momentum-no-one-minus-beta", "the new gradient not weighted by 1 - beta",
                "The velocity is an exponentially weighted average: the two weights add up to one.",
                (_V_W, _V_W.replace("(1 - beta) * ", "")), (_V_B, _V_B.replace("(1 - beta) * ", ""))),
        mistake("momentum-raw-gradient", "parameters moved with the gradient, not the velocity",
                "With momentum, the step follows the velocity.",
                (_MOM_W, _MOM_W.replace('v["dW"', 'grads["dW"')), (_MOM_B, _MOM_B.replace('v["db"', 'grads["db"'))),
        mistake("momentum-beta-swapped", "beta and 1 - beta swapped",
                "beta weighs the past velocity; the new gradient gets the small weight.",
                (_V_W, 'v["dW" + str(l)] = (1 - beta) * v["dW" + str(l)] + beta * grads["dW" + str(l)]'),
                (_V_B, 'v["db" + str(l)] = (1 - beta) * v["db" + str(l)] + beta * grads["db" + str(l)]')),
    ],
    "initialize_adam": [
        mistake("adam-one-dict", "one dict for v and s",
                "v and s are two separate states: each needs its own dict.",
                ("    s = {}\n", "    s = v\n")),
        mistake("adam-shared-arrays", "s holds the very arrays of v",
                "v and s are updated separately, so they cannot share arrays: create new zeros for s.",
                ('s["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)', 's["dW" + str(l)] = v["dW" + str(l)]'),
                ('s["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)', 's["db" + str(l)] = v["db" + str(l)]')),
        mistake("adam-one-return", "v and s returned together in one dict",
                "The function returns two dicts, v and s, as a pair.",
                ("    return v, s", '    return {"v": v, "s": s}')),
        mistake("adam-s-ones", "s started at ones",
                "Both moments start at zero; epsilon is what keeps the division safe.",
                ('s["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)', 's["dW" + str(l)] = np.ones(parameters["W" + str(l)].shape)'),
                ('s["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)', 's["db" + str(l)] = np.ones(parameters["b" + str(l)].shape)')),
    ],
    "update_parameters_with_rmsprop": [
        mistake("rmsprop-eps-in-sqrt", "epsilon inside the square root", _EPS_HINT,
                (_RMS_STEP, "learning_rate * gradient / np.sqrt(s[\"d\" + name] + epsilon)")),
        mistake("rmsprop-not-squared", "the gradient averaged without squaring it",
                "RMSprop averages the squares of the gradients.",
                (_RMS_S, 's["d" + name] = beta2 * s["d" + name] + (1 - beta2) * gradient'),
                (_RMS_STEP, "learning_rate * gradient / (np.sqrt(np.abs(s[\"d\" + name])) + epsilon)")),
        mistake("rmsprop-b-from-dw", "b's average built from dW", _B_FROM_W,
                (_RMS_S, _RMS_S.replace("np.square(gradient)", 'np.square(grads["dW" + str(l)])'))),
        mistake("rmsprop-no-sqrt", "divided by s instead of its square root",
                "s averages squared gradients: its square root has the gradient's scale.",
                (_RMS_STEP, "learning_rate * gradient / (s[\"d\" + name] + epsilon)")),
    ],
    "update_parameters_with_adam": [
        mistake("adam-no-bias-correction", "bias correction missing",
                "The first steps' averages start at zero: Adam divides them by a factor depending on t.",
                (_ADAM_VC, "v_corrected[key] = v[key]"), (_ADAM_SC, "s_corrected[key] = s[key]")),
        mistake("adam-bias-correction-t-minus-1", "bias correction with t - 1 instead of t",
                "The correction uses the number of steps taken so far, t itself, counting from 1.",
                (_ADAM_VC, _ADAM_VC.replace("** t", "** (t - 1)")), (_ADAM_SC, _ADAM_SC.replace("** t", "** (t - 1)"))),
        mistake("adam-eps-in-sqrt", "epsilon inside the square root", _EPS_HINT,
                (_ADAM_STEP, "parameters[name] = parameters[name] - learning_rate * v_corrected[key] / np.sqrt(s_corrected[key] + epsilon)")),
        mistake("adam-b-with-w-moments", "b moved with W's moments", _B_FROM_W,
                (_ADAM_STEP, 'w = "dW" + str(l)\n            parameters[name] = parameters[name] - learning_rate * '
                             'v_corrected[w] / (np.sqrt(s_corrected[w]) + epsilon)')),
        mistake("adam-b-moments-from-dw", "b's moments built from dW", _B_FROM_W,
                (_ADAM_V, _ADAM_V.replace("grads[key]", 'grads["dW" + str(l)]')),
                (_ADAM_S, _ADAM_S.replace("grads[key]", 'grads["dW" + str(l)]'))),
        mistake("adam-corrected-stored", "the bias-corrected values stored back into v and s",
                "The corrected moments are for this step only; v and s keep the uncorrected averages.",
                (_ADAM_VC, "v[key] = " + _ADAM_VC), (_ADAM_SC, "s[key] = " + _ADAM_SC)),
        mistake("adam-beta-swapped", "beta and 1 - beta swapped in a moment",
                "beta weighs the past average; the new gradient gets the small weight.",
                (_ADAM_V, "v[key] = (1 - beta1) * v[key] + beta1 * grads[key]"),
                (_ADAM_S, "s[key] = (1 - beta2) * s[key] + beta2 * np.square(grads[key])")),
    ],
    "update_lr": [
        mistake("lr-precedence", "the epoch multiplies the whole fraction (operator precedence)",
                "Put parentheses around the whole denominator.",
                (_LR, "learning_rate = learning_rate0 / (1 + decay_rate) * epoch_num")),
        mistake("lr-no-one", "the 1 left out of the denominator",
                "At epoch 0 the learning rate is the initial one.",
                (_LR, "learning_rate = learning_rate0 / (decay_rate * epoch_num)")),
        mistake("lr-multiplied", "the learning rate multiplied by the factor instead of divided",
                "The learning rate decays: it gets smaller as the epochs go.",
                (_LR, "learning_rate = learning_rate0 * (1 + decay_rate * epoch_num)")),
        mistake("lr-exponential", "an exponential decay instead of the inverse-time one",
                "Read the formula again: the epoch number is in a denominator, not an exponent.",
                (_LR, "learning_rate = learning_rate0 * decay_rate ** epoch_num")),
    ],
    "schedule_lr_decay": [
        mistake("schedule-no-floor", "the epoch divided without rounding down",
                "The rate changes in steps, once every time_interval epochs.",
                (_SCHEDULE, "learning_rate = learning_rate0 / (1 + decay_rate * epoch_num / time_interval)")),
        mistake("schedule-round", "rounded to the nearest step instead of down",
                "The step count only goes up once a whole interval has passed.",
                (_SCHEDULE, "learning_rate = learning_rate0 / (1 + decay_rate * round(epoch_num / time_interval))")),
        mistake("schedule-fixed-interval", "the interval written in instead of using time_interval",
                "Use the argument: the interval is not always the default.",
                (_SCHEDULE, "learning_rate = learning_rate0 / (1 + decay_rate * (epoch_num // 1000))")),
        mistake("schedule-ceil", "rounded up instead of down",
                "During the first interval the rate is still the initial one.",
                (_SCHEDULE, "learning_rate = learning_rate0 / (1 + decay_rate * np.ceil(epoch_num / time_interval))")),
    ],
}
