"""Test inputs of the ``hyperparameter_search`` assignment.

Randomness: the sampling functions and ``random_search`` draw from NumPy's global generator.
Every case of the samplers sets it first (``preseed``); ``random_search`` must seed it itself
(``np.random.seed(seed)``), which the ``preseed`` of its cases (a different seed) checks.

Isolation: ``sample_beta`` and ``random_search`` call the student's ``sample_log_uniform`` /
``sample_beta``. Their cases replace those helpers during the call (``patch_globals``) by the
one-line formulas that the notebook states as the contract, so a mistake in one exercise does
not cost the points of the next one. The notebook says so.
"""
from dlcourse.casefile import Case

FUNCTIONS = ("sample_log_uniform", "sample_beta", "random_search", "refine_space")

#: The contract formulas (stated in the notebook), patched in while other functions are tested.
PATCH_LOG_UNIFORM = (
    "def sample_log_uniform(low, high, size=None):\n"
    "    r = np.log10(low) + (np.log10(high) - np.log10(low)) * np.random.rand(*(() if size is None "
    "else (size,) if isinstance(size, int) else size))\n"
    "    return 10 ** r")
PATCH_BETA = (
    "def sample_beta(low=0.9, high=0.999, size=None):\n"
    "    lo, hi = np.log10(1 - high), np.log10(1 - low)\n"
    "    r = lo + (hi - lo) * np.random.rand(*(() if size is None "
    "else (size,) if isinstance(size, int) else size))\n"
    "    return 1 - 10 ** r")
PATCHES = {"sample_log_uniform": PATCH_LOG_UNIFORM, "sample_beta": PATCH_BETA}


def _fmt(value):
    return f"{value:g}" if isinstance(value, float) else repr(value)


def _sampler_case(name, args, size, preseed, patch=None, label=None):
    """A case of a sampler; visible ones are named by their arguments and seed (the notebook
    shows them), hidden ones by ``label``, in words."""
    shown = ", ".join(_fmt(a) for a in args)
    if size is not None:
        shown += f"{', ' if shown else ''}size={size!r}"
    label = label or f"{shown} after np.random.seed({preseed})"
    options = {"preseed": preseed, "rtol": 1e-9}
    if patch:
        options["patch_globals"] = {k: PATCHES[k] for k in patch}
    kwargs = {} if size is None else {"size": size}
    return Case(label=label, args=tuple(args), kwargs=kwargs, options=options)


# ----------------------------------------------------------------- random_search

#: scores are distinct for distinct configurations, so any stable or unstable sort agrees
EVAL_VISIBLE = ("lambda config: -abs(np.log10(config['learning_rate']) + 2.5) "
                "- abs(config['hidden_units'] - 40) / 25 + config['mini_batch_size'] / 1000")
SPACE_VISIBLE = {"learning_rate": ("log", 1e-4, 1e-1), "hidden_units": ("int", 10, 60),
                 "mini_batch_size": ("choice", [32, 64, 128])}

EVAL_ALL = ("lambda c: -(np.log10(c['learning_rate']) + 3) ** 2 - (np.log10(1 - c['beta']) + 2) ** 2 "
            "- (c['layers'] - 3) ** 2 / 10 + {'relu': 0.3, 'tanh': 0.2, 'sigmoid': 0.0}[c['activation']]")
SPACE_ALL = {"learning_rate": ("log", 1e-5, 1.0), "beta": ("beta", 0.9, 0.999),
             "layers": ("int", 1, 6), "activation": ("choice", ["relu", "tanh", "sigmoid"])}

# the same kinds in another order: values must be drawn in the order of the space's keys
SPACE_REORDERED = {"activation": ("choice", ["relu", "tanh", "sigmoid"]), "layers": ("int", 1, 6),
                   "beta": ("beta", 0.9, 0.999), "learning_rate": ("log", 1e-5, 1.0)}

EVAL_INT = "lambda c: float(c['units'] * 7 % 11) + c['units'] / 100"
SPACE_INT = {"units": ("int", 3, 4)}   # two values only: an exclusive upper bound never draws 4

EVAL_BATCH = "lambda c: np.log2(c['batch']) + np.log10(c['alpha'])"
SPACE_BATCH = {"batch": ("choice", [16, 32, 64, 128, 256, 512]), "alpha": ("log", 0.001, 0.01),
               "momentum": ("beta", 0.8, 0.99)}


def _search_case(label, space, n_trials, evaluate, seed=None, preseed=12345):
    args = (None, space, n_trials) + (() if seed is None else (seed,))
    return Case(label=label, args=args, options={
        "code_args": {"0": evaluate}, "preseed": preseed, "rtol": 1e-9,
        "patch_globals": dict(PATCHES)})


# ----------------------------------------------------------------- refine_space

def _results(space, rows):
    """[(config, score)] from rows of values given in the space's key order."""
    return [(dict(zip(space, values)), score) for *values, score in rows]


SPACE_REFINE = {"learning_rate": ("log", 1e-5, 1.0), "beta1": ("beta", 0.8, 0.999),
                "hidden_units": ("int", 8, 64), "mini_batch_size": ("choice", [16, 32, 64, 128])}
ROWS_SORTED = [
    (3.2e-3, 0.95, 40, 32, 0.71),
    (1.1e-2, 0.99, 23, 64, 0.69),
    (6.0e-4, 0.97, 55, 32, 0.66),
    (2.5e-1, 0.85, 12, 128, 0.40),
    (4.0e-5, 0.995, 30, 16, 0.22),
    (8.0e-2, 0.9, 60, 64, 0.52),
]
ROWS_UNSORTED = [
    (2.5e-1, 0.85, 12, 128, 0.40),
    (6.0e-4, 0.97, 55, 32, 0.66),
    (4.0e-5, 0.995, 30, 16, 0.22),
    (3.2e-3, 0.95, 40, 16, 0.71),
    (8.0e-2, 0.9, 60, 64, 0.52),
    (1.1e-2, 0.99, 23, 64, 0.69),
    (1.5e-3, 0.93, 33, 128, 0.68),
]
SPACE_LOGS = {"alpha": ("log", 1e-6, 1e-1), "weight_decay": ("log", 1e-8, 1e-2)}
ROWS_LOGS = [(2e-4, 3e-7, 0.5), (5e-3, 1e-3, 0.9), (1e-5, 1e-8, 0.1), (7e-4, 2e-5, 0.8),
             (3e-2, 4e-4, 0.7), (9e-6, 5e-6, 0.3)]
SPACE_MIXED = {"activation": ("choice", ["relu", "tanh", "sigmoid", "leaky"]),
               "depth": ("int", 1, 8), "beta2": ("beta", 0.9, 0.9999)}
ROWS_MIXED = [("tanh", 2, 0.999, -1.5), ("relu", 5, 0.9995, -0.2), ("leaky", 3, 0.95, -0.9),
              ("relu", 4, 0.99, -0.3), ("sigmoid", 1, 0.9, -3.0)]

# ties (the contract: of two equal scores, the one earlier in ``results`` counts as the better):
# 0.65 twice at the 3rd place; the earlier one must be enclosed, and every key tells them apart
ROWS_TIE_AT_CUT = [
    (2.0e-3, 0.96, 36, 64, 0.70),
    (7.0e-4, 0.93, 20, 16, 0.65),
    (9.0e-3, 0.98, 50, 32, 0.72),
    (3.0e-2, 0.85, 60, 128, 0.65),
    (1.0e-4, 0.9, 10, 16, 0.30),
]
# every score equal: the first top_k results
ROWS_ALL_TIED = [row[:-1] + (0.5,) for row in ROWS_LOGS]
# a tie inside the top_k and one at the cut, with negative scores and mixed kinds
ROWS_MIXED_TIES = [("sigmoid", 1, 0.9, -0.5), ("relu", 5, 0.9995, -0.2), ("tanh", 2, 0.999, -0.5),
                   ("leaky", 7, 0.95, -0.2), ("relu", 3, 0.99, -0.5)]


def _refine_case(label, space, rows, top_k=None):
    kwargs = {} if top_k is None else {"top_k": top_k}
    return Case(label=label, args=(space, _results(space, rows)), kwargs=kwargs)


def visible():
    return {
        "sample_log_uniform": [_sampler_case("sample_log_uniform", (1e-4, 1.0), 5, 1)],
        "sample_beta": [_sampler_case("sample_beta", (0.9, 0.999), 5, 1, patch=["sample_log_uniform"])],
        "random_search": [_search_case(
            "evaluate=score of the example, space={learning_rate: log, hidden_units: int, "
            "mini_batch_size: choice}, n_trials=5, seed=0", SPACE_VISIBLE, 5, EVAL_VISIBLE, seed=0)],
        "refine_space": [_refine_case("the example: 4 kinds, 6 results best first, top_k=3",
                                      SPACE_REFINE, ROWS_SORTED, 3)],
    }


def hidden():
    return {
        "sample_log_uniform": [
            _sampler_case("sample_log_uniform", (1e-4, 1.0), None, 3,
                          label="size left out: a single float"),
            _sampler_case("sample_log_uniform", (1e-5, 1e-1), 10, 4, label="a vector of draws"),
            _sampler_case("sample_log_uniform", (0.5, 50.0), (2, 3), 5,
                          label="a 2-D size given as a tuple, bounds that are not powers of ten"),
            _sampler_case("sample_log_uniform", (1e-3, 3e-3), 1, 6,
                          label="bounds less than a decade apart, an array of one draw"),
            _sampler_case("sample_log_uniform", (2e-8, 7e-2), 12, 7,
                          label="bounds many decades apart, not powers of ten"),
        ],
        "sample_beta": [
            _sampler_case("sample_beta", (), None, 3, patch=["sample_log_uniform"],
                          label="the default bounds, a single float"),
            _sampler_case("sample_beta", (0.5, 0.99), 8, 4, patch=["sample_log_uniform"],
                          label="a wide range, far from 1"),
            _sampler_case("sample_beta", (0.99, 0.9999), (3, 2), 5, patch=["sample_log_uniform"],
                          label="betas very close to 1, a 2-D size"),
            _sampler_case("sample_beta", (0.0, 0.9), 6, 6, patch=["sample_log_uniform"],
                          label="low = 0 (1 - low is 1)"),
        ],
        "random_search": [
            _search_case("all four kinds (log, beta, int, choice)", SPACE_ALL, 12, EVAL_ALL, seed=3),
            _search_case("all four kinds, keys in another order", SPACE_REORDERED, 10, EVAL_ALL, seed=3),
            _search_case("all four kinds, the default seed", SPACE_ALL, 8, EVAL_ALL),
            _search_case("an int range of two values (both ends included)", SPACE_INT, 12, EVAL_INT,
                         seed=11),
            _search_case("a choice among batch sizes, with log and beta", SPACE_BATCH, 9, EVAL_BATCH,
                         seed=5),
            _search_case("a single trial", SPACE_ALL, 1, EVAL_ALL, seed=42),
        ],
        "refine_space": [
            _refine_case("results not sorted, top_k=3", SPACE_REFINE, ROWS_UNSORTED, 3),
            _refine_case("results not sorted, default top_k", SPACE_REFINE, ROWS_UNSORTED),
            _refine_case("two log kinds, top_k=2", SPACE_LOGS, ROWS_LOGS, 2),
            _refine_case("two log kinds, top_k=4", SPACE_LOGS, ROWS_LOGS, 4),
            _refine_case("choice, int and beta, negative scores, top_k=3", SPACE_MIXED, ROWS_MIXED, 3),
            _refine_case("top_k=1: a single configuration", SPACE_REFINE, ROWS_SORTED, 1),
            _refine_case("top_k larger than the number of results", SPACE_MIXED, ROWS_MIXED, 10),
            _refine_case("a tie at the top_k-th place (the earlier result counts as better)",
                         SPACE_REFINE, ROWS_TIE_AT_CUT, 3),
            _refine_case("every score equal, top_k=2", SPACE_LOGS, ROWS_ALL_TIED, 2),
            _refine_case("ties inside the top_k and at its edge, negative scores", SPACE_MIXED,
                         ROWS_MIXED_TIES, 3),
        ],
    }
