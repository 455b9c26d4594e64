"""Naive vs vectorised convolution forward pass (a script, not a test).

The naive version is the reference solution of the ``cnn_step_by_step`` notebook (four nested
Python loops over examples, rows, columns and filters, calling ``conv_single_step``); the
vectorised ones are the autograder's oracle (``autograder.properties.cnn_step_by_step``):

- ``sliding_window_view + tensordot``: every window at once, contracted with the filters;
- ``offset loop + matmul``: one matrix product per filter offset (f*f Python iterations).

Default shape (a realistic first layer): 64 images of 64x64x3, 8 filters of 4x4, pad 2,
stride 1. Prints the best time of each (naive: ``--naive-repeats`` runs, default 1) and the
speed-ups::

    .venv/bin/python benchmarks/bench_conv.py [--m 64] [--size 64] [--repeats 5] [--naive-repeats 1]
"""
import argparse
import os
import time

import numpy as np

from autograder.properties.cnn_step_by_step import conv_forward_fast, conv_forward_windows
from autograder.references import reference_namespace


def best_time(function, args, repeats):
    """Shortest wall-clock time of ``repeats`` calls, in seconds, and the last result."""
    best, result = np.inf, None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function(*args)
        best = min(best, time.perf_counter() - start)
    return best, result


def make_inputs(m=64, size=64, channels=3, f=4, filters=8, pad=2, stride=1, seed=0):
    rng = np.random.default_rng(seed)
    return (rng.standard_normal((m, size, size, channels)),
            rng.standard_normal((f, f, channels, filters)),
            rng.standard_normal((1, 1, 1, filters)),
            {"pad": pad, "stride": stride})


def run(m=64, size=64, repeats=5, naive_repeats=1, out=print):
    """Time the three versions; returns ``{name: seconds}`` (and checks they agree)."""
    naive = reference_namespace("cnn_step_by_step")["conv_forward"]
    args = make_inputs(m=m, size=size)
    A_prev, W, _, hparameters = args
    out(f"numpy {np.__version__}; load average {os.getloadavg()[0]:.2f}; "
        f"A_prev {A_prev.shape}, W {W.shape}, pad {hparameters['pad']}, "
        f"stride {hparameters['stride']}")
    versions = [("naive loops (reference solution)", naive, naive_repeats),
                ("sliding_window_view + tensordot", conv_forward_windows, repeats),
                ("offset loop + matmul", conv_forward_fast, repeats)]
    times, outputs = {}, {}
    for name, function, count in versions:
        function(*make_inputs(m=1, size=8))                          # warm up
        times[name], (outputs[name], _) = best_time(function, args, count)
    reference = outputs[versions[0][0]]
    for name, _, count in versions:
        gap = np.max(np.abs(outputs[name] - reference))
        speedup = times[versions[0][0]] / times[name]
        out(f"{name:<34} {1000 * times[name]:10.1f} ms  (best of {count})  "
            f"speed-up {speedup:7.1f}x  max |difference| {gap:.1e}")
        assert gap < 1e-9, f"{name} disagrees with the naive loops"
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--m", type=int, default=64, help="number of images (default 64)")
    parser.add_argument("--size", type=int, default=64, help="image height and width (default 64)")
    parser.add_argument("--repeats", type=int, default=5, help="runs of each vectorised version")
    parser.add_argument("--naive-repeats", type=int, default=1, help="runs of the naive loops")
    args = parser.parse_args()
    run(args.m, args.size, args.repeats, args.naive_repeats)


if __name__ == "__main__":
    main()
