#!/usr/bin/env python3
"""Build, check and hash the course's data files (an instructor's tool).

Run from the root of the course repository::

    python tools/datasets.py build [--out DIR] [--only NAME ...]
    python tools/datasets.py check
    python tools/datasets.py hashes [--dir DIR]

What the files contain, and how a student's notebook loads or generates them,
is the helper package's business (:mod:`dlcourse.datasets`: the generators, the
``FILES`` specifications, ``write_file`` and ``read_file``). This tool only
drives it: it writes the committed files, compares them with a fresh
generation, and prints the checksum rows of ``datasets/README.md``. Bad
arguments give one line on stderr and exit status 2.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
try:
    from dlcourse import datasets as ds
except ImportError:                      # a checkout whose helper package is not installed
    sys.path.insert(0, str(ROOT / "source"))
    from dlcourse import datasets as ds

PROG = "python tools/datasets.py"
#: Regenerated float arrays may differ from the committed ones by this much
#: (sines and cosines can differ in the last bit between CPUs / NumPy builds).
FLOAT_TOLERANCE = 1e-12
GROUPS = sorted({spec.group for spec in ds.FILES.values()})


def array_sha256(array) -> str:
    """sha256 of an array's values: its C-ordered raw bytes, little-endian."""
    array = np.asarray(array)
    little = array.astype(array.dtype.newbyteorder("<"), copy=False)
    return hashlib.sha256(np.ascontiguousarray(little).tobytes()).hexdigest()


def compare(reference: Path, regenerated: Path) -> tuple[bool, str]:
    """Compare a data file with a regeneration of it: ``(ok, one-line verdict)``.

    Data set names, order, dtypes and shapes must agree, integer arrays must be
    equal, float arrays equal within ``FLOAT_TOLERANCE``, and every attribute
    (the provenance, ``created_by`` included) equal.
    """
    ref_arrays, ref_attrs = ds.read_file(reference)
    new_arrays, new_attrs = ds.read_file(regenerated)
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
    changed = sorted(key for key in ref_attrs.keys() | new_attrs.keys()
                     if ref_attrs.get(key) != new_attrs.get(key))
    if changed:
        problems.append(f"attributes differ: {', '.join(changed)}")
    if problems:
        return False, "DIFFERS: " + "; ".join(problems)
    verdict = "OK: arrays identical" if exact else f"OK: arrays equal within {FLOAT_TOLERANCE:g}"
    if reference.read_bytes() == regenerated.read_bytes():
        return True, verdict + ", file bytes identical"
    return True, verdict + ", file bytes differ (HDF5 layout)"


# ==========================================================================
# The commands
# ==========================================================================

class UsageError(Exception):
    """A bad command line: reported on one line, exit status 2."""

    def __init__(self, message, prog=PROG):
        super().__init__(f"{prog}: error: {message} (see --help)")


class _Parser(argparse.ArgumentParser):
    def error(self, message):           # one line instead of argparse's usage block
        raise UsageError(message, self.prog)


def _parser():
    parser = _Parser(prog=PROG, description="Build or check the course's data files.")
    commands = parser.add_subparsers(dest="command", metavar="{build,check,hashes}",
                                     parser_class=_Parser)
    build_command = commands.add_parser(
        "build", help="regenerate the data files",
        description="Regenerate the data files: the committed ones into the data folder "
                    f"({ds.REPO_DATA_DIR}, or $DLCOURSE_DATA), the SIGNS images into the cache; "
                    "with --out, all of them into DIR.")
    build_command.add_argument("--out", metavar="DIR", help="write every file into DIR")
    build_command.add_argument("--only", metavar="NAME", action="append", choices=GROUPS,
                       help=f"only this data set (repeatable; one of {', '.join(GROUPS)})")
    commands.add_parser(
        "check", help="regenerate in a temporary folder and compare with the committed files",
        description="Regenerate the committed files in a temporary folder and compare them "
                    "with those in the data folder; one line per file; exit 1 on a mismatch.")
    hashes_command = commands.add_parser(
        "hashes", help="print the sha256 of every array (README table rows)",
        description="Print, as Markdown table rows, the sha256 of every array of every data "
                    "file (loaded as the loaders would, generating missing ones).")
    hashes_command.add_argument("--dir", metavar="DIR", help="read the files from DIR instead")
    return parser


def build(out=None, only=None) -> int:
    if out is not None and Path(out).exists() and not Path(out).is_dir():
        raise UsageError(f"--out {out}: not a directory")
    for spec in ds.FILES.values():
        if only and spec.group not in only:
            continue
        if out is not None:
            target = Path(out)
        elif spec.committed:
            target = ds.data_dir()
            if not target.is_dir():
                raise UsageError(f"data folder {target} does not exist; pass --out DIR")
        else:
            target = ds.cache_dir()
        start = time.perf_counter()
        path = ds.write_file(spec, target)
        print(f"wrote {path} ({path.stat().st_size:,} bytes, "
              f"{time.perf_counter() - start:.1f} s)", flush=True)
    return 0


def check() -> int:
    failures = 0
    with tempfile.TemporaryDirectory(prefix="dlcourse-check-") as tmp:
        for spec in ds.FILES.values():
            reference = ds.data_dir() / spec.filename
            if not spec.committed:
                print(f"{spec.filename}: skipped (not committed; generated into the cache on first use)")
                continue
            if not reference.is_file():
                failures += 1
                print(f"{spec.filename}: MISSING from {ds.data_dir()} (run: {PROG} build)")
                continue
            ok, verdict = compare(reference, ds.write_file(spec, tmp))
            failures += not ok
            print(f"{spec.filename}: {verdict}", flush=True)
    return 1 if failures else 0


def hashes(directory=None) -> int:
    if directory is not None and not Path(directory).is_dir():
        raise UsageError(f"--dir {directory}: not a directory")
    for spec in ds.FILES.values():
        path = Path(directory) / spec.filename if directory else ds.data_path(spec.filename)
        if not path.is_file():
            print(f"| `{spec.filename}` | (missing) | | | |")
            continue
        arrays, _ = ds.read_file(path)
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
            raise UsageError("a command is required: build, check or hashes")
        if args.command == "build":
            return build(args.out, args.only)
        if args.command == "check":
            return check()
        return hashes(args.dir)
    except UsageError as exc:
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
