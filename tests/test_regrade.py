"""A regrade starts from nbgrader's own scores: a final score the policy wrote into the gradebook
earlier (a flagged function's 0) does not stick to a fixed submission."""
import csv
import json
import shutil

from autograder import course

from conftest import release_notebook, run_cli
from hostile_submissions import A, CLASS, TARGET


def _grade(root):
    proc = run_cli("grade-all", "--course", root, "--workers", "1", "--json", timeout=900)
    assert proc.returncode == 0, proc.stderr
    (report,) = map(json.loads, proc.stdout.splitlines())
    with open(root / "grading" / "grades.csv", newline="") as f:
        (row,) = list(csv.DictReader(f))
    return {t["name"]: t for t in report["tests"]}["test_" + TARGET], float(row["score"])


def test_a_fixed_submission_loses_its_earlier_flag(tmp_path):
    root = tmp_path / "course"
    shutil.copytree(course.source_notebook_path(A).parent, root / "notebooks" / A)
    release = release_notebook(A)
    path = root / "grading" / "submitted" / "zoe" / A / f"{A}.ipynb"
    path.parent.mkdir(parents=True)
    path.write_text(CLASS["checks_patched"]["make"](release))
    first, exported = _grade(root)
    full = course.assignment(A).max_score
    assert first["flagged"] and first["score"] == 0 and exported == full - 1, (first, exported)
    path.write_text(CLASS["honest"]["make"](release))
    second, exported = _grade(root)
    assert second["score"] == second["max_score"] == 1 and not second["flagged"], second
    assert exported == full, "the gradebook export shows the regraded score"
