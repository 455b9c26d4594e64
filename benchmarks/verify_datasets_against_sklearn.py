#!/usr/bin/env python3
"""Check the course's 2-D data sets against an independent oracle: scikit-learn.

The canonical course made its circles and moons with scikit-learn after seeding
NumPy's global generator. ``dlcourse.datasets`` re-implements both functions
with NumPy alone; this script checks, point for point, that

* ``make_circles(300)`` after ``np.random.seed(1)`` (training set),
  ``make_circles(100)`` after ``np.random.seed(2)`` (test set) and
  ``make_moons(300)`` after ``np.random.seed(3)`` equal scikit-learn's
  ``make_circles(n_samples=..., noise=.05)`` / ``make_moons(n_samples=300, noise=.2)``
  under the same seeds (exactly: same NumPy, same operations), and
* the committed ``datasets/circles.h5`` and ``datasets/moons.h5`` equal them
  within ``FLOAT_TOLERANCE`` of ``tools/datasets.py`` (they may have been written on
  another CPU).

scikit-learn returns X of shape (m, 2) and y of shape (m,); ours are (2, m) and
(1, m), so the comparison transposes. Prints the largest absolute difference per
array. Exit status: 0 if everything matches or scikit-learn is not installed
(it is not a dependency of the course), 1 on a mismatch.

    python benchmarks/verify_datasets_against_sklearn.py
"""
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# The tool first: it makes dlcourse importable from a checkout without the package installed.
from tools.datasets import FLOAT_TOLERANCE  # noqa: E402

import dlcourse.datasets as ds  # noqa: E402

CASES = [  # (label, seed, ours, sklearn function name, n, noise)
    ("circles train", 1, ds.make_circles, "make_circles", 300, 0.05),
    ("circles test", 2, ds.make_circles, "make_circles", 100, 0.05),
    ("moons", 3, ds.make_moons, "make_moons", 300, 0.2),
]
COMMITTED = {  # label -> (file, X name, Y name)
    "circles train": ("circles.h5", "train_X", "train_Y"),
    "circles test": ("circles.h5", "test_X", "test_Y"),
    "moons": ("moons.h5", "train_X", "train_Y"),
}


def compare(what, X, Y, X_ref, y_ref, tolerance):
    """Print one line; return True if X, Y match the oracle."""
    if X.shape != X_ref.T.shape or Y.shape != (1, y_ref.size):
        print(f"FAIL {what}: shapes X{X.shape} Y{Y.shape} vs sklearn X{X_ref.shape} y{y_ref.shape}")
        return False
    dx = float(np.max(np.abs(X - X_ref.T)))
    label_diff = int(np.sum(Y.ravel() != y_ref))
    ok = dx <= tolerance and label_diff == 0
    print(f"{'ok  ' if ok else 'FAIL'} {what}: max |X - X_sklearn| = {dx:.3g} "
          f"(allowed {tolerance:g}), labels differing: {label_diff} of {y_ref.size}")
    return ok


def main():
    try:
        import sklearn
        import sklearn.datasets
    except ImportError:
        print("scikit-learn is not installed: nothing to compare against (skipped)")
        return 0
    print(f"oracle: scikit-learn {sklearn.__version__}, numpy {np.__version__}")
    try:
        import h5py  # noqa: F401  (needed only to read the committed files)
        have_h5py = True
    except ImportError:
        have_h5py = False
        print("h5py is not installed: the committed files are not compared")

    ok = True
    for label, seed, ours, name, n, noise in CASES:
        np.random.seed(seed)
        X_ref, y_ref = getattr(sklearn.datasets, name)(n_samples=n, noise=noise)
        np.random.seed(seed)
        X, Y = ours(n, noise=noise)
        ok &= compare(f"{label} generator (seed {seed}, n={n})", X, Y, X_ref, y_ref, 0.0)
        if have_h5py:
            filename, x_name, y_name = COMMITTED[label]
            path = ROOT / "datasets" / filename
            if path.is_file():
                arrays, _ = ds.read_file(path)
                ok &= compare(f"{label} in datasets/{filename}", arrays[x_name], arrays[y_name],
                              X_ref, y_ref, FLOAT_TOLERANCE)
            else:
                print(f"     datasets/{filename} not found: committed file not compared")
    print("all match" if ok else "MISMATCH")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
