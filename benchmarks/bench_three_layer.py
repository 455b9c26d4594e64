"""Time one training iteration of the 3-layer net (a script, not a test).

One iteration = forward_propagation + compute_loss + backward_propagation +
update_parameters, as in the assignments' training loops. Prints microseconds
per iteration (best of several repeats) for the two sizes the course uses:

    .venv/bin/python benchmarks/bench_three_layer.py [--iterations N] [--repeats R]
"""
import argparse
import time

import numpy as np

from dlcourse.three_layer import (backward_propagation, compute_loss,
                                  forward_propagation, update_parameters)

CASES = [
    ("init/regularization: layers [2,10,5,1], m=300", [2, 10, 5, 1], 300),
    ("optimization mini-batch: layers [2,5,2,1], m=64", [2, 5, 2, 1], 64),
]


def make_problem(layer_dims, m, seed=0):
    """Random He-initialised parameters and a random binary problem."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((layer_dims[0], m))
    Y = (rng.random((1, m)) > 0.5).astype(np.int64)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters[f"W{l}"] = (rng.standard_normal((layer_dims[l], layer_dims[l - 1]))
                               * np.sqrt(2. / layer_dims[l - 1]))
        parameters[f"b{l}"] = np.zeros((layer_dims[l], 1))
    return X, Y, parameters


def time_iterations(X, Y, parameters, iterations, with_cost=True):
    """Seconds taken by `iterations` training iterations."""
    start = time.perf_counter()
    for _ in range(iterations):
        A3, cache = forward_propagation(X, parameters)
        if with_cost:
            compute_loss(A3, Y)
        grads = backward_propagation(X, Y, cache)
        parameters = update_parameters(parameters, grads, 0.01)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    print(f"numpy {np.__version__}; best of {args.repeats} x {args.iterations} iterations")
    for name, layer_dims, m in CASES:
        X, Y, parameters = make_problem(layer_dims, m)
        for with_cost in (True, False):
            time_iterations(X, Y, parameters, 200, with_cost)          # warm up
            best = min(time_iterations(X, Y, parameters, args.iterations, with_cost)
                       for _ in range(args.repeats))
            what = "fwd+loss+bwd+update" if with_cost else "fwd+bwd+update     "
            print(f"{name:50s} {what} {1e6 * best / args.iterations:7.1f} us/iteration")


if __name__ == "__main__":
    main()
