"""Known mistakes of the ``hyperparameter_search`` assignment (see autograder.diagnosis.mistakes)."""
from .mistakes import mistake

_R = "r = np.log10(low) + (np.log10(high) - np.log10(low)) * np.random.random_sample(size)"
_BETA = "values = 1 - sample_log_uniform(1 - high, 1 - low, size)"
_SORT = "results = sorted(results, key=lambda pair: pair[1], reverse=True)"
_BEST = "best = sorted(results, key=lambda pair: pair[1], reverse=True)[:top_k]"
_BOUNDS = "new_space[name] = (spec[0], min(values), max(values))"
_CHOICE = 'new_space[name] = ("choice", [v for v in spec[1] if v in values])'
_SEED = "    np.random.seed(seed)\n"

MISTAKES = {
    "sample_log_uniform": [
        mistake("log-uniform-exp", "exponentiated with e instead of 10",
                "The exponent was drawn in base-10 logarithms: undo it in the same base.",
                ("values = 10 ** r", "values = np.exp(r)")),
        mistake("log-uniform-linear", "drawn uniformly between the bounds, not on a log scale",
                "Draw the exponent uniformly, not the value: every decade should get the same share.",
                (_R, "r = np.log10(low + (high - low) * np.random.random_sample(size))")),
        mistake("log-uniform-ln", "natural logarithms undone with 10 **",
                "The logarithm and the power must use the same base.",
                (_R, _R.replace("log10", "log"))),
        mistake("log-uniform-seeded", "the generator seeded inside the sampler",
                "A sampler uses the generator's current state: the caller seeds it, once.",
                (_R, "np.random.seed(1)\n    " + _R)),
        mistake("log-uniform-rand-size", "np.random.rand called with the size, which fails for a tuple",
                "Use a sampler that takes a size argument (None, an int or a shape tuple).",
                ("np.random.random_sample(size)", "(np.random.rand() if size is None else np.random.rand(size))")),
    ],
    "sample_beta": [
        mistake("beta-bounds-not-swapped", "the bounds of 1 - beta not swapped",
                "If beta goes from low to high, 1 - beta goes from 1 - high to 1 - low.",
                (_BETA, "values = 1 - sample_log_uniform(1 - low, 1 - high, size)")),
        mistake("beta-itself-log", "beta itself sampled on a log scale",
                "It is 1 - beta that spans decades, not beta.",
                (_BETA, "values = sample_log_uniform(low, high, size)")),
        mistake("beta-returns-one-minus", "1 - beta returned instead of beta",
                "You sampled 1 - beta: turn it back into beta.",
                (_BETA, "values = sample_log_uniform(1 - high, 1 - low, size)")),
        mistake("beta-uniform", "beta drawn uniformly between the bounds",
                "Near 1, a uniform draw wastes most samples: sample 1 - beta on a log scale.",
                (_BETA, "values = np.random.uniform(low, high, size)")),
    ],
    "random_search": [
        mistake("search-no-seed", "the generator not seeded",
                "The function seeds NumPy's generator with its seed argument, before any draw.",
                (_SEED, "")),
        mistake("search-worst-first", "results sorted worst first",
                "The best score comes first.",
                (_SORT, "results = sorted(results, key=lambda pair: pair[1])")),
        mistake("search-unsorted", "results not sorted",
                "Return the results from the best score to the worst.",
                (_SORT, "results = list(results)")),
        mistake("search-alphabetical", "the hyperparameters drawn in alphabetical order",
                "Draw the hyperparameters in the order the space lists them: the order of draws decides the values.",
                ("for name, spec in space.items():", "for name, spec in sorted(space.items()):")),
        mistake("search-int-exclusive", "the upper bound of an integer range left out",
                "An integer range includes both of its bounds; check what NumPy's integer sampler excludes.",
                ("np.random.randint(spec[1], spec[2] + 1)", "np.random.randint(spec[1], spec[2])")),
        mistake("search-beta-as-log", "a beta hyperparameter sampled like a log one",
                "A beta kind has its own sampler.",
                ('if kind == "log":', 'if kind in ("log", "beta"):')),
    ],
    "refine_space": [
        mistake("refine-assumes-sorted", "the results taken as already sorted",
                "The results may come in any order: pick the best by their scores.",
                (_BEST, "best = results[:top_k]")),
        mistake("refine-log-exponents", "log bounds stored as exponents",
                "The refined space uses the same units as the original: values, not their logarithms.",
                (_BOUNDS, 'new_space[name] = (spec[0], min(values), max(values)) if spec[0] != "log" '
                          'else ("log", np.log10(min(values)), np.log10(max(values)))')),
        mistake("refine-beta-one-minus", "beta bounds given for 1 - beta",
                "A beta kind's bounds are bounds on beta itself.",
                (_BOUNDS, 'new_space[name] = (spec[0], min(values), max(values)) if spec[0] != "beta" '
                          'else ("beta", 1 - max(values), 1 - min(values))')),
        mistake("refine-choice-all", "every choice kept",
                "Keep only the choices the best trials used.",
                (_CHOICE, 'new_space[name] = ("choice", list(spec[1]))')),
        mistake("refine-choice-order", "choices listed in the order of the results",
                "Keep the choices in the order the original space lists them.",
                (_CHOICE, 'new_space[name] = ("choice", list(dict.fromkeys(values)))')),
    ],
}
