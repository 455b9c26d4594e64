'''Other implementations of the ``hyperparameter_search`` assignment's graded functions.'''

CORRECT = {
    "sample_log_uniform": {
        "low * (high / low) ** u": """
def sample_log_uniform(low, high, size=None):
    u = np.random.random_sample(size)
    return low * (high / low) ** u
""",
        "np.random.uniform on the exponents": """
def sample_log_uniform(low, high, size=None):
    exponents = np.random.uniform(np.log10(low), np.log10(high), size)
    return 10.0 ** exponents
""",
    },
    "sample_beta": {
        "the formula written out, np.random.rand with a shape": """
def sample_beta(low=0.9, high=0.999, size=None):
    shape = () if size is None else np.atleast_1d(size).tolist()
    lo, hi = np.log10(1 - high), np.log10(1 - low)
    u = np.random.rand(*shape)
    return 1 - np.power(10.0, lo + (hi - lo) * u)
""",
    },
    "random_search": {
        "match statement, np.random.choice, list.sort": """
def random_search(evaluate, space, n_trials, seed=0):
    np.random.seed(seed)
    results = []
    while len(results) < n_trials:
        config = {}
        for name in space:
            match space[name]:
                case ("log", low, high):
                    value = sample_log_uniform(low, high)
                case ("beta", low, high):
                    value = sample_beta(low, high)
                case ("int", low, high):
                    value = np.random.choice(range(low, high + 1))
                case ("choice", values):
                    value = values[np.random.choice(len(values))]
            config[name] = value
        results.append((config, evaluate(config)))
    results.sort(key=lambda item: -item[1])
    return results
""",
        "configurations drawn first, evaluated afterwards": """
def random_search(evaluate, space, n_trials, seed=0):
    np.random.seed(seed)
    draw = {
        "log": lambda spec: sample_log_uniform(spec[1], spec[2]),
        "beta": lambda spec: sample_beta(spec[1], spec[2]),
        "int": lambda spec: np.random.randint(spec[1], spec[2] + 1),
        "choice": lambda spec: spec[1][np.random.randint(len(spec[1]))],
    }
    configs = [{name: draw[spec[0]](spec) for name, spec in space.items()} for _ in range(n_trials)]
    scores = [evaluate(config) for config in configs]
    order = np.argsort(-np.array(scores), kind="stable")
    return [(configs[i], scores[i]) for i in order]
""",
    },
    "refine_space": {
        "heapq.nlargest, dict comprehension": """
import heapq

def refine_space(space, results, top_k=3):
    best = [config for config, _ in heapq.nlargest(top_k, results, key=lambda pair: pair[1])]

    def enclose(name, spec):
        values = [config[name] for config in best]
        if spec[0] == "choice":
            return ("choice", [v for v in spec[1] if v in values])
        return (spec[0], min(values), max(values))

    return {name: enclose(name, spec) for name, spec in space.items()}
""",
    },
}

WRONG = {
    "sample_log_uniform": {
        "np.exp instead of 10 **": """
def sample_log_uniform(low, high, size=None):
    r = np.log10(low) + (np.log10(high) - np.log10(low)) * np.random.random_sample(size)
    return np.exp(r)
""",
        "uniform between low and high": """
def sample_log_uniform(low, high, size=None):
    return low + (high - low) * np.random.random_sample(size)
""",
        "natural logarithms, then 10 **": """
def sample_log_uniform(low, high, size=None):
    r = np.log(low) + (np.log(high) - np.log(low)) * np.random.random_sample(size)
    return 10 ** r
""",
        "seeds the generator itself": """
def sample_log_uniform(low, high, size=None):
    np.random.seed(1)
    r = np.log10(low) + (np.log10(high) - np.log10(low)) * np.random.random_sample(size)
    return 10 ** r
""",
        "np.random.rand(size): fails for a tuple": """
def sample_log_uniform(low, high, size=None):
    u = np.random.rand() if size is None else np.random.rand(size)
    r = np.log10(low) + (np.log10(high) - np.log10(low)) * u
    return 10 ** r
""",
    },
    "sample_beta": {
        "bounds not swapped": """
def sample_beta(low=0.9, high=0.999, size=None):
    return 1 - sample_log_uniform(1 - low, 1 - high, size)
""",
        "beta itself log-uniform": """
def sample_beta(low=0.9, high=0.999, size=None):
    return sample_log_uniform(low, high, size)
""",
        "returns 1 - beta": """
def sample_beta(low=0.9, high=0.999, size=None):
    return sample_log_uniform(1 - high, 1 - low, size)
""",
        "uniform in [low, high]": """
def sample_beta(low=0.9, high=0.999, size=None):
    return np.random.uniform(low, high, size)
""",
    },
    "random_search": {
        "no seed": """
def random_search(evaluate, space, n_trials, seed=0):
    results = []
    for trial in range(n_trials):
        config = {}
        for name, spec in space.items():
            if spec[0] == "log":
                config[name] = sample_log_uniform(spec[1], spec[2])
            elif spec[0] == "beta":
                config[name] = sample_beta(spec[1], spec[2])
            elif spec[0] == "int":
                config[name] = np.random.randint(spec[1], spec[2] + 1)
            else:
                config[name] = spec[1][np.random.randint(len(spec[1]))]
        results.append((config, evaluate(config)))
    return sorted(results, key=lambda pair: pair[1], reverse=True)
""",
        "sorted worst first": """
def random_search(evaluate, space, n_trials, seed=0):
    np.random.seed(seed)
    results = []
    for trial in range(n_trials):
        config = {}
        for name, spec in space.items():
            if spec[0] == "log":
                config[name] = sample_log_uniform(spec[1], spec[2])
            elif spec[0] == "beta":
                config[name] = sample_beta(spec[1], spec[2])
            elif spec[0] == "int":
                config[name] = np.random.randint(spec[1], spec[2] + 1)
            else:
                config[name] = spec[1][np.random.randint(len(spec[1]))]
        results.append((config, evaluate(config)))
    return sorted(results, key=lambda pair: pair[1])
""",
        "keys drawn in alphabetical order": """
def random_search(evaluate, space, n_trials, seed=0):
    np.random.seed(seed)
    results = []
    for trial in range(n_trials):
        config = {}
        for name in sorted(space):
            spec = space[name]
            if spec[0] == "log":
                config[name] = sample_log_uniform(spec[1], spec[2])
            elif spec[0] == "beta":
                config[name] = sample_beta(spec[1], spec[2])
            elif spec[0] == "int":
                config[name] = np.random.randint(spec[1], spec[2] + 1)
            else:
                config[name] = spec[1][np.random.randint(len(spec[1]))]
        results.append((config, evaluate(config)))
    return sorted(results, key=lambda pair: pair[1], reverse=True)
""",
        "int upper bound excluded": """
def random_search(evaluate, space, n_trials, seed=0):
    np.random.seed(seed)
    results = []
    for trial in range(n_trials):
        config = {}
        for name, spec in space.items():
            if spec[0] == "log":
                config[name] = sample_log_uniform(spec[1], spec[2])
            elif spec[0] == "beta":
                config[name] = sample_beta(spec[1], spec[2])
            elif spec[0] == "int":
                config[name] = np.random.randint(spec[1], spec[2])
            else:
                config[name] = spec[1][np.random.randint(len(spec[1]))]
        results.append((config, evaluate(config)))
    return sorted(results, key=lambda pair: pair[1], reverse=True)
""",
        "beta drawn like a log kind": """
def random_search(evaluate, space, n_trials, seed=0):
    np.random.seed(seed)
    results = []
    for trial in range(n_trials):
        config = {}
        for name, spec in space.items():
            if spec[0] in ("log", "beta"):
                config[name] = sample_log_uniform(spec[1], spec[2])
            elif spec[0] == "int":
                config[name] = np.random.randint(spec[1], spec[2] + 1)
            else:
                config[name] = spec[1][np.random.randint(len(spec[1]))]
        results.append((config, evaluate(config)))
    return sorted(results, key=lambda pair: pair[1], reverse=True)
""",
    },
    "refine_space": {
        "assumes the results are sorted": """
def refine_space(space, results, top_k=3):
    best = results[:top_k]
    new_space = {}
    for name, spec in space.items():
        values = [config[name] for config, score in best]
        if spec[0] == "choice":
            new_space[name] = ("choice", [v for v in spec[1] if v in values])
        else:
            new_space[name] = (spec[0], min(values), max(values))
    return new_space
""",
        "log bounds stored as exponents": """
def refine_space(space, results, top_k=3):
    best = sorted(results, key=lambda pair: pair[1], reverse=True)[:top_k]
    new_space = {}
    for name, spec in space.items():
        values = [config[name] for config, score in best]
        if spec[0] == "choice":
            new_space[name] = ("choice", [v for v in spec[1] if v in values])
        elif spec[0] == "log":
            new_space[name] = ("log", np.log10(min(values)), np.log10(max(values)))
        else:
            new_space[name] = (spec[0], min(values), max(values))
    return new_space
""",
        "beta bounds of 1 - beta": """
def refine_space(space, results, top_k=3):
    best = sorted(results, key=lambda pair: pair[1], reverse=True)[:top_k]
    new_space = {}
    for name, spec in space.items():
        values = [config[name] for config, score in best]
        if spec[0] == "choice":
            new_space[name] = ("choice", [v for v in spec[1] if v in values])
        elif spec[0] == "beta":
            new_space[name] = ("beta", 1 - max(values), 1 - min(values))
        else:
            new_space[name] = (spec[0], min(values), max(values))
    return new_space
""",
        "choice keeps every value": """
def refine_space(space, results, top_k=3):
    best = sorted(results, key=lambda pair: pair[1], reverse=True)[:top_k]
    new_space = {}
    for name, spec in space.items():
        if spec[0] == "choice":
            new_space[name] = spec
        else:
            values = [config[name] for config, score in best]
            new_space[name] = (spec[0], min(values), max(values))
    return new_space
""",
        "ties: sorted worst first, the last top_k kept": """
def refine_space(space, results, top_k=3):
    best = sorted(results, key=lambda pair: pair[1])[-top_k:]
    new_space = {}
    for name, spec in space.items():
        values = [config[name] for config, score in best]
        if spec[0] == "choice":
            new_space[name] = ("choice", [v for v in spec[1] if v in values])
        else:
            new_space[name] = (spec[0], min(values), max(values))
    return new_space
""",
        "choices in the order of the results": """
def refine_space(space, results, top_k=3):
    best = sorted(results, key=lambda pair: pair[1], reverse=True)[:top_k]
    new_space = {}
    for name, spec in space.items():
        values = [config[name] for config, score in best]
        if spec[0] == "choice":
            new_space[name] = ("choice", list(dict.fromkeys(values)))
        else:
            new_space[name] = (spec[0], min(values), max(values))
    return new_space
""",
    },
}

CLASS = {
    "ada": {"sample_log_uniform": ("correct", "low * (high / low) ** u"),
            "sample_beta": ("correct", "the formula written out, np.random.rand with a shape"),
            "random_search": ("correct", "match statement, np.random.choice, list.sort"),
            "refine_space": ("correct", "heapq.nlargest, dict comprehension")},
    "ben": {"refine_space": ("wrong", "assumes the results are sorted")},
    "cam": {"sample_log_uniform": ("wrong", "np.exp instead of 10 **"),
            "random_search": ("wrong", "int upper bound excluded")},
    "dee": "blank",
}
