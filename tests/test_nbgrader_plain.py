"""Plain nbgrader commands work at the repository root with the repository's nbgrader_config.py.

The test runs them in a copy of the repository's top level (config + notebooks), so the
developer's own grading/ folder is untouched; the copy behaves exactly like a fresh clone.
"""
import csv
import shutil
import subprocess

import nbformat

from autograder import course
from autograder.submissions import write_submission

from conftest import ROOT, cli_env


def nbgrader(root, *args):
    proc = subprocess.run(["nbgrader", *args], cwd=root, env=cli_env(),
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def test_generate_autograde_feedback_export_at_the_root(tmp_path):
    root = tmp_path / "course"
    root.mkdir()
    shutil.copyfile(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    shutil.copytree(ROOT / "notebooks" / "initialization", root / "notebooks" / "initialization")
    nbgrader(root, "generate_assignment", "initialization")
    release = root / "grading" / "release" / "initialization" / "initialization.ipynb"
    assert release.exists()
    release_nb = nbformat.read(str(release), as_version=4)
    for student, impl in (("alice", None), ("bob", {"initialize_parameters_he": (
            "def initialize_parameters_he(layers_dims):\n    return {}\n")})):
        folder = root / "grading" / "submitted" / student / "initialization"
        folder.mkdir(parents=True)
        write_submission(folder / "initialization.ipynb", release_nb, "initialization", impl)
    nbgrader(root, "autograde", "initialization")
    nbgrader(root, "generate_feedback", "initialization")
    assert (root / "grading" / "feedback" / "alice" / "initialization" / "initialization.html").exists()
    nbgrader(root, "export")
    assert not (root / "grades.csv").exists(), "the one export is grading/grades.csv"
    with open(root / "grading" / "grades.csv", newline="") as f:
        scores = {r["student_id"]: float(r["score"]) for r in csv.DictReader(f)}
    full = course.assignment("initialization").max_score      # bob loses He's 1 point
    assert scores == {"alice": full, "bob": full - 1}
