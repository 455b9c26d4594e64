"""The course's data sets: generators and loaders.

Every data set is synthetic and made by this module (license CC0-1.0):

- ``circles.h5`` (initialization): two noisy circles, 300 train / 100 test; committed.
- ``football.h5`` (regularization): 2-D points, 211 train / 200 test; committed.
- ``moons.h5`` (optimization_methods): two noisy half-moons, 300 points; committed.
- ``train_signs.h5``, ``test_signs.h5`` (batch_normalization): 64x64 hand images
  of 0-5 raised digits, 1080 / 120; not committed, generated on first use.

Where the files are read from
    ``$DLCOURSE_DATA`` if set, else the repository's ``datasets/`` folder. A
    file missing there is generated (deterministically) into the cache and read
    from it: ``$DLCOURSE_CACHE`` if set, else ``datasets/cache/`` in the
    repository when that is writable, else ``$XDG_CACHE_HOME/dlcourse``
    (``~/.cache/dlcourse``). A cached file made by a different recipe (its
    provenance attributes differ from the current ones) is regenerated.

Loaders (return conventions of the canonical course; one example per column)
    :func:`load_circles`, :func:`load_moons`, :func:`load_football`,
    :func:`load_signs`.

Generators (NumPy only)
    :func:`make_circles` and :func:`make_moons` draw from NumPy's global legacy
    RandomState exactly as scikit-learn's functions of the same name do, so
    ``np.random.seed(1); make_circles(300)`` is the canonical course's training
    set. :func:`make_football` has its own seed. The SIGNS-like images come from
    :mod:`dlcourse.signs`.

This module is not a command. The committed files are built, checked and hashed
by the instructor's tool ``tools/datasets.py`` at the root of the course
repository, which uses :data:`FILES` and :func:`write_file` from here.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import h5py
import numpy as np

from . import signs

LICENSE = "CC0-1.0"
#: Provenance attribute ``created_by``: the command, run at the course repository's
#: root, that writes the committed files.
CREATED_BY = "python tools/datasets.py build"
#: Bump when a generator changes its output; cached files of another version are remade.
RECIPE_VERSION = 1

REPO_DATA_DIR = Path(__file__).resolve().parents[2] / "datasets"


# ==========================================================================
# Generators
# ==========================================================================

def _random_state(random_state):
    """None -> NumPy's global RandomState (what ``np.random.seed`` seeds); an
    int -> a new RandomState; a RandomState -> itself (as scikit-learn does)."""
    if random_state is None:
        return np.random.mtrand._rand
    if isinstance(random_state, np.random.RandomState):
        return random_state
    if isinstance(random_state, (int, np.integer)):
        return np.random.RandomState(int(random_state))
    raise TypeError(f"random_state must be None, an int or a RandomState, not {random_state!r}")


def _check_count(n, name="n"):
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"{name} must be a positive integer, got {n!r}")
    return int(n)


def _shuffle_and_jitter(X, y, noise, shuffle, rs):
    """scikit-learn's order of draws: shuffle indices first, then the noise."""
    if shuffle:
        order = np.arange(y.size)
        rs.shuffle(order)
        X, y = X[order], y[order]
    if noise is not None:
        if noise < 0:
            raise ValueError(f"noise must be >= 0, got {noise!r}")
        X = X + rs.normal(scale=noise, size=X.shape)
    return np.ascontiguousarray(X.T), y.reshape(1, -1)


def make_circles(n, noise=0.05, factor=0.8, *, shuffle=True, random_state=None):
    """Two concentric circles: ``n // 2`` points on the unit circle (label 0),
    the rest on a circle of radius ``factor`` (label 1), plus Gaussian noise.

    Draws from NumPy's global RandomState unless ``random_state`` is given, in
    the same order as ``sklearn.datasets.make_circles``, so after
    ``np.random.seed(1)``, ``make_circles(300)`` is the canonical course's
    training set and after ``np.random.seed(2)``, ``make_circles(100)`` its test
    set. Returns ``X`` (2, n) float64 and ``Y`` (1, n) int64.
    """
    n = _check_count(n)
    if not 0 <= factor < 1:
        raise ValueError(f"factor must be in [0, 1), got {factor!r}")
    rs = _random_state(random_state)
    n_out = n // 2
    n_in = n - n_out
    t_out = np.linspace(0, 2 * np.pi, n_out, endpoint=False)
    t_in = np.linspace(0, 2 * np.pi, n_in, endpoint=False)
    X = np.vstack([np.append(np.cos(t_out), factor * np.cos(t_in)),
                   np.append(np.sin(t_out), factor * np.sin(t_in))]).T
    y = np.concatenate([np.zeros(n_out, dtype=np.int64), np.ones(n_in, dtype=np.int64)])
    return _shuffle_and_jitter(X, y, noise, shuffle, rs)


def make_moons(n, noise=0.2, *, shuffle=True, random_state=None):
    """Two interleaving half circles (label 0 on top, 1 below), plus noise.

    Same draws as ``sklearn.datasets.make_moons``: after ``np.random.seed(3)``,
    ``make_moons(300)`` is the canonical course's optimization data set.
    Returns ``X`` (2, n) float64 and ``Y`` (1, n) int64.
    """
    n = _check_count(n)
    rs = _random_state(random_state)
    n_out = n // 2
    n_in = n - n_out
    t_out = np.linspace(0, np.pi, n_out)
    t_in = np.linspace(0, np.pi, n_in)
    X = np.vstack([np.append(np.cos(t_out), 1 - np.cos(t_in)),
                   np.append(np.sin(t_out), 1 - np.sin(t_in) - 0.5)]).T
    y = np.concatenate([np.zeros(n_out, dtype=np.int64), np.ones(n_in, dtype=np.int64)])
    return _shuffle_and_jitter(X, y, noise, shuffle, rs)


def make_football(n_train=211, n_test=200, seed=5, flip=0.08):
    """A 2-D set on which an unregularised 3-layer network overfits.

    Stands in for the canonical course's goalkeeper data (which cannot be
    redistributed): points on a pitch, x1 in [-0.6, 0.3], x2 in [-0.75, 0.6];
    label 1 above a smooth wavy boundary, 0 below it. Near the boundary some
    labels are flipped (probability ``2.5 * flip * exp(-|margin| / 0.12)``,
    at most 1/2), so a network that follows every point learns a ragged
    boundary and L2 or dropout helps. Uses its own ``RandomState(seed)``;
    training points are drawn before test points.

    Returns ``(train_X, train_Y, test_X, test_Y)``: X (2, m) float64, Y (1, m) int64.
    """
    n_train, n_test = _check_count(n_train, "n_train"), _check_count(n_test, "n_test")
    rs = np.random.RandomState(seed)

    def draw(m):
        x1 = rs.uniform(-0.6, 0.3, m)
        x2 = rs.uniform(-0.75, 0.6, m)
        boundary = -0.05 + 1.1 * (x1 + 0.15) + 0.18 * np.sin(9 * x1 + 1.0) + 0.25 * x1 ** 2
        margin = boundary - x2                       # > 0: below the boundary
        y = (margin < 0).astype(np.int64)
        p_flip = np.minimum(2.5 * flip * np.exp(-np.abs(margin) / 0.12), 0.5)
        y = np.where(rs.rand(m) < p_flip, 1 - y, y)
        return np.vstack([x1, x2]), y.reshape(1, -1)

    train_X, train_Y = draw(n_train)
    test_X, test_Y = draw(n_test)
    return train_X, train_Y, test_X, test_Y


# ==========================================================================
# The data files
# ==========================================================================

def _seeded(seed, make, *args, **kwargs):
    """``np.random.seed(seed); make(...)``, but on a private RandomState(seed):
    the same stream, and the global generator is left alone (loading a data
    set must not depend on whether it was cached)."""
    return make(*args, random_state=np.random.RandomState(seed), **kwargs)


def _build_circles():
    train_X, train_Y = _seeded(1, make_circles, 300, noise=0.05)
    test_X, test_Y = _seeded(2, make_circles, 100, noise=0.05)
    return {"train_X": train_X, "train_Y": train_Y, "test_X": test_X, "test_Y": test_Y}


def _build_moons():
    train_X, train_Y = _seeded(3, make_moons, 300, noise=0.2)
    return {"train_X": train_X, "train_Y": train_Y}


def _build_football():
    train_X, train_Y, test_X, test_Y = make_football(211, 200, seed=5, flip=0.08)
    return {"train_X": train_X, "train_Y": train_Y, "test_X": test_X, "test_Y": test_Y}


def _build_signs(split):
    def build():
        X, y = signs.make_split(split)
        return {f"{split}_set_x": X, f"{split}_set_y": y,
                "list_classes": np.arange(signs.N_CLASSES, dtype=np.int64)}
    return build


@dataclass(frozen=True)
class DataFile:
    """One HDF5 file of the course and how to make it."""
    filename: str
    group: str                  # data set name (the build tool's ``--only``)
    committed: bool             # in git (else generated into the cache on first use)
    assignment: str
    description: str
    arrays: tuple               # data set names, in file order
    generator: str              # qualified name of the generating function
    parameters: dict
    seed: dict
    rng: str
    build: Callable[[], dict]   # -> {dataset name: array}, in file order

    def attributes(self) -> dict:
        """Provenance, stored as HDF5 attributes of the file (no timestamp)."""
        return {
            "description": self.description,
            "assignment": self.assignment,
            "generator": self.generator,
            "parameters": json.dumps(self.parameters, sort_keys=True),
            "seed": json.dumps(self.seed, sort_keys=True),
            "rng": self.rng,
            "license": LICENSE,
            "created_by": CREATED_BY,
            "recipe_version": RECIPE_VERSION,
        }


def _signs_file(split):
    split_id, per_class = signs.SPLITS[split]
    count = per_class * signs.N_CLASSES
    return DataFile(
        filename=f"{split}_signs.h5", group="signs", committed=False,
        assignment="batch_normalization",
        arrays=(f"{split}_set_x", f"{split}_set_y", "list_classes"),
        description=(f"SIGNS-like hand images, {split} split: {count} RGB 64x64 images, "
                     f"label = number of raised digits (0-5), {per_class} per class"),
        generator="dlcourse.signs.make_split",
        parameters={"split": split, "n_per_class": per_class, "image_size": signs.IMAGE_SIZE,
                    "supersample": signs.SUPERSAMPLE, "p_random_digits": signs.P_RANDOM_DIGITS,
                    "max_rotation_deg": signs.MAX_ROTATION_DEG, "scale_range": list(signs.SCALE_RANGE),
                    "shift_sd": signs.SHIFT_SD, "shift_max": signs.SHIFT_MAX,
                    "p_mirror": signs.P_MIRROR, "noise_sd_range": list(signs.NOISE_SD_RANGE)},
        seed={"base": signs.SEED, "split_id": split_id,
              "image_i": f"RandomState([{signs.SEED}, {split_id}, i])",
              "label_order": f"RandomState({signs.SEED + 1000 * split_id}).permutation"},
        rng="numpy legacy RandomState, one stream per image",
        build=_build_signs(split),
    )


FILES: dict[str, DataFile] = {f.filename: f for f in (
    DataFile(
        filename="circles.h5", group="circles", committed=True, assignment="initialization",
        arrays=("train_X", "train_Y", "test_X", "test_Y"),
        description="Two concentric noisy circles in 2-D (outer label 0, inner label 1); "
                    "300 training and 100 test points",
        generator="dlcourse.datasets.make_circles",
        parameters={"train": {"n": 300, "noise": 0.05, "factor": 0.8},
                    "test": {"n": 100, "noise": 0.05, "factor": 0.8}},
        seed={"train": 1, "test": 2},
        rng="numpy legacy RandomState(seed): the stream np.random.seed(seed) gives the "
            "global generator, as the canonical course seeded it before each call",
        build=_build_circles),
    DataFile(
        filename="moons.h5", group="moons", committed=True, assignment="optimization_methods",
        arrays=("train_X", "train_Y"),
        description="Two interleaving noisy half-moons in 2-D; 300 points",
        generator="dlcourse.datasets.make_moons",
        parameters={"train": {"n": 300, "noise": 0.2}},
        seed={"train": 3},
        rng="numpy legacy RandomState(seed): the stream np.random.seed(seed) gives the "
            "global generator, as the canonical course seeded it before the call",
        build=_build_moons),
    DataFile(
        filename="football.h5", group="football", committed=True, assignment="regularization",
        arrays=("train_X", "train_Y", "test_X", "test_Y"),
        description="2-D points on a pitch labelled by a wavy boundary with label noise near it "
                    "(an unregularised net overfits); 211 training and 200 test points",
        generator="dlcourse.datasets.make_football",
        parameters={"n_train": 211, "n_test": 200, "seed": 5, "flip": 0.08},
        seed={"train+test": 5},
        rng="numpy legacy RandomState(seed), training points drawn first",
        build=_build_football),
    _signs_file("train"),
    _signs_file("test"),
)}


# ==========================================================================
# Locations, reading, writing
# ==========================================================================

def data_dir() -> Path:
    """Where the data files are looked for first: ``$DLCOURSE_DATA`` or the
    repository's ``datasets/`` folder."""
    override = os.environ.get("DLCOURSE_DATA")
    return Path(override).expanduser() if override else REPO_DATA_DIR


def cache_dir() -> Path:
    """Where missing files are generated: ``$DLCOURSE_CACHE``, else
    ``datasets/cache`` in the repository if writable, else the user's cache."""
    override = os.environ.get("DLCOURSE_CACHE")
    if override:
        return Path(override).expanduser()
    repo_cache = REPO_DATA_DIR / "cache"
    if REPO_DATA_DIR.is_dir() and os.access(REPO_DATA_DIR, os.W_OK):
        if not repo_cache.exists() or os.access(repo_cache, os.W_OK):
            return repo_cache
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "dlcourse"


def write_file(spec: DataFile, directory, arrays: dict | None = None) -> Path:
    """Generate ``spec`` (or write the given arrays) into ``directory``,
    atomically (a temporary file then a rename), and return the path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    arrays = spec.build() if arrays is None else arrays
    if tuple(arrays) != spec.arrays:
        raise ValueError(f"{spec.filename}: arrays {tuple(arrays)} != layout {spec.arrays}")
    fd, tmp = tempfile.mkstemp(prefix=f".{spec.filename}.", suffix=".tmp", dir=directory)
    os.close(fd)
    try:
        with h5py.File(tmp, "w") as f:
            for name, array in arrays.items():
                f.create_dataset(name, data=array, track_times=False)
            for key, value in spec.attributes().items():
                f.attrs[key] = value
        os.chmod(tmp, 0o644)
        os.replace(tmp, directory / spec.filename)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return directory / spec.filename


def read_file(path) -> tuple[dict, dict]:
    """``(arrays, attributes)`` of an HDF5 data file, in the file's order."""
    with h5py.File(path, "r") as f:
        arrays = {name: f[name][()] for name in f.keys()}
        attrs = {key: _plain(value) for key, value in f.attrs.items()}
    return arrays, attrs


def _plain(value):
    if isinstance(value, bytes):
        return value.decode()
    if isinstance(value, np.generic):
        return value.item()
    return value


def _is_current(path: Path, spec: DataFile) -> bool:
    try:
        with h5py.File(path, "r") as f:
            stored = {key: _plain(f.attrs.get(key)) for key in spec.attributes()}
            layout_ok = all(name in f for name in spec.arrays)
    except (OSError, KeyError):
        return False
    return layout_ok and stored == spec.attributes()


def data_path(filename: str) -> Path:
    """Path of a data file, generating it into the cache if it is missing."""
    spec = _spec(filename)
    found = data_dir() / filename
    if found.is_file():
        return found
    cached = cache_dir() / filename
    if cached.is_file() and _is_current(cached, spec):
        return cached
    try:
        return write_file(spec, cached.parent)
    except OSError as exc:
        raise OSError(f"{filename} is not in {data_dir()} and could not be generated into "
                      f"{cached.parent} ({exc}); set DLCOURSE_CACHE to a writable folder") from exc


def _spec(filename: str) -> DataFile:
    try:
        return FILES[filename]
    except KeyError:
        raise ValueError(f"unknown data file {filename!r}; known: {', '.join(FILES)}") from None


def _load(filename: str, *names: str):
    path = data_path(filename)
    arrays, _ = read_file(path)
    missing = [name for name in names if name not in arrays]
    if missing:
        raise KeyError(f"{path} has no data set(s) {', '.join(missing)}")
    return tuple(arrays[name] for name in names)


# ==========================================================================
# Loaders
# ==========================================================================

def load_circles():
    """Two-circles set of ``initialization``: ``(train_X, train_Y, test_X, test_Y)``,
    X (2, 300) / (2, 100) float64, Y (1, 300) / (1, 100) int64."""
    return _load("circles.h5", "train_X", "train_Y", "test_X", "test_Y")


def load_moons():
    """Two-moons set of ``optimization_methods``: ``(train_X, train_Y)``,
    X (2, 300) float64, Y (1, 300) int64."""
    return _load("moons.h5", "train_X", "train_Y")


def load_football():
    """Overfitting set of ``regularization``: ``(train_X, train_Y, test_X, test_Y)``,
    X (2, 211) / (2, 200) float64, Y (1, 211) / (1, 200) int64."""
    return _load("football.h5", "train_X", "train_Y", "test_X", "test_Y")


def load_signs():
    """SIGNS-like images: ``(X_train_orig, Y_train_orig, X_test_orig, Y_test_orig, classes)``;
    X (1080, 64, 64, 3) / (120, 64, 64, 3) uint8, Y (1, 1080) / (1, 120) int64,
    classes (6,) int64. Generated into the cache on first use (about 2 s)."""
    X_train, y_train, classes = _load("train_signs.h5", "train_set_x", "train_set_y", "list_classes")
    X_test, y_test = _load("test_signs.h5", "test_set_x", "test_set_y")
    return X_train, y_train.reshape(1, -1), X_test, y_test.reshape(1, -1), classes


if __name__ == "__main__":       # an old `-m` call must fail, not exit 0 having done nothing
    print("dlcourse.datasets is not a command: the course repository's tools/datasets.py "
          f"builds, checks and hashes the data sets (at its root: {CREATED_BY})", file=sys.stderr)
    sys.exit(2)

