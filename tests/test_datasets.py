"""Tests of the course's data sets (dlcourse.datasets, dlcourse.signs, datasets/) and of the
instructor's tool that builds and checks them (tools/datasets.py).

The full SIGNS set (1200 images, about 2 s) is generated once per session, by
the ``signs_dir`` fixture, which only one test uses (so xdist workers do not
each make it); the other SIGNS tests render single images.
"""
import ast
import importlib
import os
import re
import subprocess
import sys
from pathlib import Path

import h5py
import numpy as np
import pytest

from dlcourse import datasets as ds
from dlcourse import signs
from tools import datasets as tool

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "datasets"
README = DATA / "README.md"
COMMITTED = [spec for spec in ds.FILES.values() if spec.committed]
CACHED = [spec for spec in ds.FILES.values() if not spec.committed]
PROVENANCE = ("description", "assignment", "generator", "parameters", "seed", "rng",
              "license", "created_by", "recipe_version")


@pytest.fixture(autouse=True)
def isolated_locations(monkeypatch, tmp_path):
    """No inherited DLCOURSE_DATA; a fresh, private cache for every test."""
    monkeypatch.delenv("DLCOURSE_DATA", raising=False)
    monkeypatch.setenv("DLCOURSE_CACHE", str(tmp_path / "cache"))


@pytest.fixture(scope="session")
def signs_dir(tmp_path_factory):
    """Both SIGNS files, generated once."""
    out = tmp_path_factory.mktemp("signs")
    for spec in CACHED:
        ds.write_file(spec, out)
    return out


def readme_hashes():
    """{(file, data set): (dtype, shape, sha256)} from the table in datasets/README.md."""
    row = re.compile(r"^\|\s*`([\w.]+\.h5)`\s*\|\s*`(\w+)`\s*\|\s*(\w+)\s*\|\s*\(([\d,\s]*)\)\s*\|"
                     r"\s*`([0-9a-f]{64})`\s*\|\s*$")
    table = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        match = row.match(line)
        if match:
            filename, name, dtype, shape, digest = match.groups()
            shape = tuple(int(s) for s in shape.replace(" ", "").split(",") if s)
            assert (filename, name) not in table, f"README lists {filename}/{name} twice"
            table[filename, name] = (dtype, shape, digest)
    return table


def assert_hashes_match_readme(spec, arrays):
    table = readme_hashes()
    listed = {name for (filename, name) in table if filename == spec.filename}
    assert listed == set(arrays), f"README's checksum rows for {spec.filename}: {listed} != {set(arrays)}"
    for name, array in arrays.items():
        dtype, shape, digest = table[spec.filename, name]
        assert (str(array.dtype), array.shape) == (dtype, shape), f"{spec.filename}/{name}"
        assert tool.array_sha256(array) == digest, f"{spec.filename}/{name}: sha256 differs from README"


def assert_provenance(spec, attrs):
    missing = [key for key in PROVENANCE if key not in attrs or attrs[key] in ("", None)]
    assert not missing, f"{spec.filename} lacks provenance attributes {missing}"
    assert attrs == spec.attributes()
    assert attrs["license"] == "CC0-1.0"
    assert attrs["created_by"] == f"{tool.PROG} build"
    assert not any("time" in key or "date" in key for key in attrs), "no timestamps"
    module, _, function = attrs["generator"].rpartition(".")
    assert callable(getattr(importlib.import_module(module), function))
    assert "\n" not in attrs["description"]


# --------------------------------------------------------------------------
# The committed files
# --------------------------------------------------------------------------

@pytest.mark.parametrize("spec", COMMITTED, ids=lambda s: s.filename)
def test_committed_file_is_present_small_and_documented(spec):
    path = DATA / spec.filename
    assert path.is_file(), f"{path} missing: run {tool.PROG} build"
    assert path.stat().st_size < 100_000
    arrays, attrs = ds.read_file(path)
    assert set(arrays) == set(spec.arrays)
    assert_provenance(spec, attrs)
    assert_hashes_match_readme(spec, arrays)


@pytest.mark.parametrize("spec", COMMITTED, ids=lambda s: s.filename)
def test_regeneration_equals_committed_file(spec, tmp_path):
    committed, committed_attrs = ds.read_file(DATA / spec.filename)
    regenerated, attrs = ds.read_file(ds.write_file(spec, tmp_path))
    assert set(regenerated) == set(committed)
    for name, array in committed.items():
        new = regenerated[name]
        assert (new.dtype, new.shape) == (array.dtype, array.shape), name
        if array.dtype.kind == "f":
            np.testing.assert_allclose(new, array, rtol=0, atol=tool.FLOAT_TOLERANCE, err_msg=name)
        else:
            np.testing.assert_array_equal(new, array, err_msg=name)
    assert attrs == committed_attrs
    assert tool.compare(DATA / spec.filename, tmp_path / spec.filename)[0]


def test_rebuild_is_byte_identical(tmp_path):
    spec = ds.FILES["circles.h5"]
    first = ds.write_file(spec, tmp_path / "a").read_bytes()
    assert ds.write_file(spec, tmp_path / "b").read_bytes() == first


def test_readme_lists_every_file_and_array():
    table = readme_hashes()
    expected = {(spec.filename, name) for spec in ds.FILES.values() for name in spec.arrays}
    assert set(table) == expected
    text = README.read_text(encoding="utf-8")
    assert "CC0-1.0" in text and f"{tool.PROG} check" in text


# --------------------------------------------------------------------------
# Generators and loaders
# --------------------------------------------------------------------------

def test_circles_follow_the_global_seed_and_are_balanced():
    train_X, train_Y, test_X, test_Y = ds.load_circles()
    np.random.seed(1)
    X, Y = ds.make_circles(300)
    np.testing.assert_allclose(X, train_X, rtol=0, atol=tool.FLOAT_TOLERANCE)
    np.testing.assert_array_equal(Y, train_Y)
    np.random.seed(2)
    X, Y = ds.make_circles(100)
    np.testing.assert_allclose(X, test_X, rtol=0, atol=tool.FLOAT_TOLERANCE)
    np.testing.assert_array_equal(Y, test_Y)
    assert train_X.shape == (2, 300) and test_X.shape == (2, 100)
    assert np.bincount(train_Y.ravel()).tolist() == [150, 150]
    assert np.bincount(test_Y.ravel()).tolist() == [50, 50]
    radius = np.hypot(*train_X)
    assert radius[train_Y[0] == 0].mean() > radius[train_Y[0] == 1].mean() + 0.1


def test_moons_follow_the_global_seed():
    train_X, train_Y = ds.load_moons()
    np.random.seed(3)
    X, Y = ds.make_moons(300)
    np.testing.assert_allclose(X, train_X, rtol=0, atol=tool.FLOAT_TOLERANCE)
    np.testing.assert_array_equal(Y, train_Y)
    np.testing.assert_array_equal(ds.make_moons(300, random_state=3)[0], X)


def test_football_generator_matches_file():
    made = ds.make_football()
    for new, old in zip(made, ds.load_football()):
        np.testing.assert_allclose(new, old, rtol=0, atol=tool.FLOAT_TOLERANCE)
    assert [a.shape for a in made] == [(2, 211), (1, 211), (2, 200), (1, 200)]


@pytest.mark.parametrize("loader, shapes", [
    (ds.load_circles, [(2, 300), (1, 300), (2, 100), (1, 100)]),
    (ds.load_moons, [(2, 300), (1, 300)]),
    (ds.load_football, [(2, 211), (1, 211), (2, 200), (1, 200)]),
])
def test_2d_loaders_return_documented_shapes_and_dtypes(loader, shapes):
    result = loader()
    assert [a.shape for a in result] == shapes
    for X, Y in zip(result[0::2], result[1::2]):
        assert X.dtype == np.float64 and Y.dtype == np.int64
        assert set(np.unique(Y)) == {0, 1}


def test_generators_shapes_and_validation():
    X, Y = ds.make_circles(7, noise=None, random_state=0)
    assert X.shape == (2, 7) and Y.shape == (1, 7) and Y.dtype == np.int64
    assert np.bincount(Y.ravel()).tolist() == [3, 4]
    np.testing.assert_allclose(np.hypot(*X)[Y[0] == 1], 0.8)
    X, Y = ds.make_moons(5, noise=None, shuffle=False)
    np.testing.assert_array_equal(Y, [[0, 0, 1, 1, 1]])
    for bad in (lambda: ds.make_circles(0), lambda: ds.make_circles(10, factor=1.0),
                lambda: ds.make_moons(2.5), lambda: ds.make_moons(10, noise=-1)):
        with pytest.raises(ValueError):
            bad()


def test_loading_does_not_touch_the_global_random_state(monkeypatch, tmp_path):
    monkeypatch.setenv("DLCOURSE_DATA", str(tmp_path / "empty"))   # forces regeneration
    np.random.seed(123)
    expected = np.random.rand(3)
    np.random.seed(123)
    ds.load_circles(), ds.load_moons(), ds.load_football()
    np.testing.assert_array_equal(np.random.rand(3), expected)


# --------------------------------------------------------------------------
# Locations: DLCOURSE_DATA, the cache
# --------------------------------------------------------------------------

def test_dlcourse_data_overrides_the_folder(monkeypatch, tmp_path):
    spec = ds.FILES["moons.h5"]
    X = np.arange(6.0).reshape(2, 3)
    Y = np.array([[0, 1, 0]])
    ds.write_file(spec, tmp_path, {"train_X": X, "train_Y": Y})
    monkeypatch.setenv("DLCOURSE_DATA", str(tmp_path))
    assert ds.data_dir() == tmp_path
    train_X, train_Y = ds.load_moons()
    np.testing.assert_array_equal(train_X, X)
    np.testing.assert_array_equal(train_Y, Y)


def test_missing_file_is_generated_into_the_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("DLCOURSE_DATA", str(tmp_path / "nothing here"))
    cache = tmp_path / "cache"                    # DLCOURSE_CACHE, set by the autouse fixture
    assert ds.cache_dir() == cache and not cache.exists()
    loaded = ds.load_football()
    path = cache / "football.h5"
    assert path.is_file()
    committed, _ = ds.read_file(DATA / "football.h5")
    for new, name in zip(loaded, ds.FILES["football.h5"].arrays):
        np.testing.assert_allclose(new, committed[name], rtol=0, atol=tool.FLOAT_TOLERANCE)
    stamp = path.stat().st_mtime_ns
    ds.load_football()                             # read back, not remade
    assert path.stat().st_mtime_ns == stamp
    with h5py.File(path, "r+") as f:               # a cache made by another recipe ...
        f.attrs["recipe_version"] = -1
    ds.load_football()                             # ... is remade
    assert ds.read_file(path)[1]["recipe_version"] == ds.RECIPE_VERSION
    assert [p.name for p in cache.iterdir()] == ["football.h5"], "no temporary files left"


def test_default_locations(monkeypatch, tmp_path):
    monkeypatch.delenv("DLCOURSE_CACHE")
    assert ds.data_dir() == DATA
    if os.access(DATA, os.W_OK):
        assert ds.cache_dir() == DATA / "cache"
    monkeypatch.setattr(ds, "REPO_DATA_DIR", tmp_path / "site-packages-only" / "datasets")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert ds.cache_dir() == tmp_path / "xdg" / "dlcourse"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert ds.cache_dir() == tmp_path / "home" / ".cache" / "dlcourse"


def test_cache_gitignored():
    assert "datasets/cache/" in (ROOT / ".gitignore").read_text().split()


# --------------------------------------------------------------------------
# SIGNS
# --------------------------------------------------------------------------

def test_signs_labels_are_balanced_and_fixed():
    train, test = signs.labels("train"), signs.labels("test")
    assert train.shape == (1080,) and test.shape == (120,)
    assert train.dtype == test.dtype == np.int64
    assert np.bincount(train).tolist() == [180] * 6
    assert np.bincount(test).tolist() == [20] * 6
    np.testing.assert_array_equal(signs.labels("train"), train)
    assert not np.array_equal(train[:120], test)          # shuffled, differently per split
    with pytest.raises(ValueError):
        signs.labels("validation")


def test_signs_images_are_deterministic_per_image():
    first = [signs.render("train", i) for i in (0, 1, 1079)] + [signs.render("test", 5)]
    again = [signs.render("test", 5), signs.render("train", 1079), signs.render("train", 0)]
    for image in first:
        assert image.shape == (64, 64, 3) and image.dtype == np.uint8
    np.testing.assert_array_equal(again[0], first[3])
    np.testing.assert_array_equal(again[1], first[2])
    np.testing.assert_array_equal(again[2], first[0])
    assert not np.array_equal(first[0], first[1])
    assert first[0].std() > 10                              # not a blank image
    with pytest.raises(IndexError):
        signs.render("test", 120)


def test_signs_files_and_loader(signs_dir, monkeypatch):
    for spec in CACHED:
        arrays, attrs = ds.read_file(signs_dir / spec.filename)
        assert_provenance(spec, attrs)
        assert_hashes_match_readme(spec, arrays)
    arrays, _ = ds.read_file(signs_dir / "train_signs.h5")
    for i in (0, 537, 1079):              # the full split agrees with single renders
        np.testing.assert_array_equal(arrays["train_set_x"][i], signs.render("train", i))
    np.testing.assert_array_equal(arrays["train_set_y"], signs.labels("train"))

    # The loader, pointed at these files (one test, so that xdist workers do
    # not each generate the whole set).
    monkeypatch.setenv("DLCOURSE_DATA", str(signs_dir))
    X_train, Y_train, X_test, Y_test, classes = ds.load_signs()
    assert X_train.shape == (1080, 64, 64, 3) and X_test.shape == (120, 64, 64, 3)
    assert X_train.dtype == X_test.dtype == np.uint8
    assert Y_train.shape == (1, 1080) and Y_test.shape == (1, 120)
    assert Y_train.dtype == Y_test.dtype == np.int64
    np.testing.assert_array_equal(classes, np.arange(6))
    assert np.bincount(Y_train[0]).tolist() == [180] * 6
    assert np.bincount(Y_test[0]).tolist() == [20] * 6


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    [], ["frobnicate"], ["build", "--only", "cats"], ["check", "--verbose"],
    ["build", "--out", str(README)], ["hashes", "--dir", "/no/such/folder"], ["build", "--out"],
])
def test_bad_arguments_exit_2_with_one_line(argv, capsys):
    assert tool.main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and err.startswith(tool.PROG)
    assert "Traceback" not in err


def test_bad_arguments_from_the_real_command():
    run = subprocess.run([sys.executable, "tools/datasets.py", "bulid"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2 and run.stdout == ""
    assert len(run.stderr.strip().splitlines()) == 1 and "invalid choice" in run.stderr


def test_check_command_passes():
    run = subprocess.run([sys.executable, "tools/datasets.py", "check"],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == len(ds.FILES)
    for spec in COMMITTED:
        assert f"{spec.filename}: OK" in run.stdout


def test_the_student_package_has_no_command_line(tmp_path):
    """Building, checking and hashing belong to tools/datasets.py: dlcourse.datasets has no
    parser and no commands, no module of dlcourse imports the tool, and running the module
    fails on one line that names the tool (instead of exiting 0 having done nothing)."""
    for name in ("main", "compare", "array_sha256", "FLOAT_TOLERANCE", "GROUPS"):
        assert not hasattr(ds, name), f"dlcourse.datasets.{name} belongs to tools/datasets.py"
    for path in (ROOT / "source" / "dlcourse").rglob("*.py"):
        imported = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                imported.add(node.module.split(".")[0])
        assert not imported & {"argparse", "tools"}, f"{path.name} imports {imported & {'argparse', 'tools'}}"
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "dlcourse.datasets", "build", "--out", str(out)],
                         capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2 and run.stdout == "" and not out.exists()
    assert len(run.stderr.strip().splitlines()) == 1 and "tools/datasets.py" in run.stderr
    assert "Traceback" not in run.stderr


def test_build_and_hashes_commands(tmp_path, capsys):
    assert tool.main(["build", "--out", str(tmp_path), "--only", "moons", "--only", "circles"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["circles.h5", "moons.h5"]
    capsys.readouterr()
    assert tool.main(["hashes", "--dir", str(tmp_path)]) == 0
    rows = [line for line in capsys.readouterr().out.splitlines() if "`" in line and ".h5" in line]
    digests = {(f, n): d for (f, n), (_, _, d) in readme_hashes().items()}
    labels = [r for r in rows if "_Y`" in r]
    assert len(labels) == 3 and all(digests[r.split("`")[1], r.split("`")[3]] in r for r in labels)
