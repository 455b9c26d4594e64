"""The course's data sets: generators, loaders, and the command that builds them.

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

Command line::

    python -m dlcourse.datasets build [--out DIR] [--only NAME ...]
    python -m dlcourse.datasets check
    python -m dlcourse.datasets hashes [--dir DIR]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from . import signs

LICENSE = "CC0-1.0"
BUILD_COMMAND = "python -m dlcourse.datasets build"
#: Bump when a generator changes its output; cached files of another version are remade.
RECIPE_VERSION = 1
#: Regenerated float arrays may differ from the committed ones by this much
#: (sines and cosines can differ in the last bit between CPUs / NumPy builds).
FLOAT_TOLERANCE = 1e-12

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
    group: str                  # name for ``build --only``
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
            "created_by": BUILD_COMMAND,
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
GROUPS = sorted({f.group for f in FILES.values()})


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


def array_sha256(array) -> str:
    """sha256 of an array's values: its C-ordered raw bytes, little-endian."""
    array = np.asarray(array)
    little = array.astype(array.dtype.newbyteorder("<"), copy=False)
    return hashlib.sha256(np.ascontiguousarray(little).tobytes()).hexdigest()


def write_file(spec: DataFile, directory, arrays: dict | None = None) -> Path:
    """Generate ``spec`` (or write the given arrays) into ``directory``,
    atomically (a temporary file then a rename), and return the path."""
    import h5py
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
    import h5py
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
    import h5py
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


# ==========================================================================
# Command line
# ==========================================================================

PROG = "python -m dlcourse.datasets"


class _UsageError(Exception):
    """A bad command line: reported on one line, exit status 2."""

    def __init__(self, message, prog=PROG):
        super().__init__(f"{prog}: error: {message} (see --help)")


class _Parser(argparse.ArgumentParser):
    def error(self, message):           # instead of argparse's usage block + exit
        raise _UsageError(message, self.prog)


def _parser():
    parser = _Parser(prog=PROG,
                     description="Build or check the course's data files.")
    commands = parser.add_subparsers(dest="command", metavar="{build,check,hashes}",
                                     parser_class=_Parser)
    build = commands.add_parser(
        "build", help="regenerate the data files",
        description="Regenerate the data files: the committed ones into the data folder "
                    f"({REPO_DATA_DIR}, or $DLCOURSE_DATA), the SIGNS images into the cache; "
                    "with --out, all of them into DIR.")
    build.add_argument("--out", metavar="DIR", help="write every file into DIR")
    build.add_argument("--only", metavar="NAME", action="append", choices=GROUPS,
                       help=f"only this data set (repeatable; one of {', '.join(GROUPS)})")
    commands.add_parser(
        "check", help="regenerate in a temporary folder and compare with the committed files",
        description="Regenerate the committed files in a temporary folder and compare them "
                    "with those in the data folder; one line per file; exit 1 on a mismatch.")
    hashes = commands.add_parser(
        "hashes", help="print the sha256 of every array (README table rows)",
        description="Print, as Markdown table rows, the sha256 of every array of every data "
                    "file (loaded as the loaders would, generating missing ones).")
    hashes.add_argument("--dir", metavar="DIR", help="read the files from DIR instead")
    return parser


def _cmd_build(out, only):
    if out is not None:
        out_dir = Path(out)
        if out_dir.exists() and not out_dir.is_dir():
            raise _UsageError(f"--out {out}: not a directory")
    for spec in FILES.values():
        if only and spec.group not in only:
            continue
        if out is not None:
            target = out_dir
        elif spec.committed:
            target = data_dir()
            if not target.is_dir():
                raise _UsageError(f"data folder {target} does not exist; pass --out DIR")
        else:
            target = cache_dir()
        start = time.perf_counter()
        path = write_file(spec, target)
        print(f"wrote {path} ({path.stat().st_size:,} bytes, "
              f"{time.perf_counter() - start:.1f} s)", flush=True)
    return 0


def compare(spec: DataFile, reference: Path, regenerated: Path) -> tuple[bool, str]:
    """Compare a data file with a regeneration: ``(ok, one-line verdict)``."""
    ref_arrays, ref_attrs = read_file(reference)
    new_arrays, new_attrs = read_file(regenerated)
    problems = []
    if list(ref_arrays) != list(new_arrays):
        problems.append(f"data sets {list(ref_arrays)} != {list(new_arrays)}")
    exact = True
    for name in ref_arrays.keys() & new_arrays.keys():
        a, b = ref_arrays[name], new_arrays[name]
        if a.shape != b.shape or a.dtype != b.dtype:
            problems.append(f"{name}: {a.dtype}{a.shape} != {b.dtype}{b.shape}")
        elif not np.array_equal(a, b):
            exact = False
            if a.dtype.kind == "f":
                diff = float(np.max(np.abs(a - b)))
                if not diff <= FLOAT_TOLERANCE:
                    problems.append(f"{name}: max abs difference {diff:.3g}")
            else:
                problems.append(f"{name}: {int(np.sum(a != b))} values differ")
    changed = sorted(k for k in ref_attrs.keys() | new_attrs.keys()
                     if ref_attrs.get(k) != new_attrs.get(k))
    if changed:
        problems.append(f"attributes differ: {', '.join(changed)}")
    if problems:
        return False, "DIFFERS: " + "; ".join(problems)
    same_bytes = reference.read_bytes() == regenerated.read_bytes()
    return True, ("OK: arrays identical" if exact else
                  f"OK: arrays equal within {FLOAT_TOLERANCE:g}") + \
        (", file bytes identical" if same_bytes else ", file bytes differ (HDF5 layout)")


def _cmd_check():
    failures = 0
    with tempfile.TemporaryDirectory(prefix="dlcourse-check-") as tmp:
        for spec in FILES.values():
            reference = data_dir() / spec.filename
            if not spec.committed:
                print(f"{spec.filename}: skipped (not committed; generated into the cache on first use)")
                continue
            if not reference.is_file():
                failures += 1
                print(f"{spec.filename}: MISSING from {data_dir()} (run: {BUILD_COMMAND})")
                continue
            ok, verdict = compare(spec, reference, write_file(spec, tmp))
            failures += not ok
            print(f"{spec.filename}: {verdict}", flush=True)
    return 1 if failures else 0


def _cmd_hashes(directory):
    if directory is not None and not Path(directory).is_dir():
        raise _UsageError(f"--dir {directory}: not a directory")
    for spec in FILES.values():
        path = Path(directory) / spec.filename if directory else data_path(spec.filename)
        if not path.is_file():
            print(f"| `{spec.filename}` | (missing) | | | |")
            continue
        arrays, _ = read_file(path)
        order = [name for name in spec.arrays if name in arrays]
        for name in order + sorted(set(arrays) - set(order)):
            array = arrays[name]
            shape = "(" + ", ".join(map(str, array.shape)) + ("," if array.ndim == 1 else "") + ")"
            print(f"| `{spec.filename}` | `{name}` | {array.dtype} | {shape} | "
                  f"`{array_sha256(array)}` |")
    return 0


def main(argv=None) -> int:
    try:
        args = _parser().parse_args(argv)
        if args.command is None:
            raise _UsageError("a command is required: build, check or hashes")
        if args.command == "build":
            return _cmd_build(args.out, args.only)
        if args.command == "check":
            return _cmd_check()
        return _cmd_hashes(args.dir)
    except _UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    except BrokenPipeError:             # output piped into e.g. `head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
