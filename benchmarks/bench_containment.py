"""What an endless loop in one graded function costs: one submission of `initialization` whose
He initialization starts with `while True: pass` (the other two functions correct), graded by
plain `nbgrader autograde` and by `python -m autograder grade-all --workers 1`, at the cell
timeout DLCOURSE_CELL_TIMEOUT (default 60 s).

    DLCOURSE_CELL_TIMEOUT=60 .venv/bin/python benchmarks/bench_containment.py

Prints both wall times, in seconds and in cell timeouts, and the looping function's verdict.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(Path(__file__).resolve().parent)]

from autograder.course import CELL_TIMEOUT  # noqa: E402
from autograder.execution import venv_on_path  # noqa: E402
from autograder.submissions import write_submission  # noqa: E402
from bench_grade_all import timed  # noqa: E402
from conftest import release_notebook  # noqa: E402
from hostile_submissions import A, TARGET, he_with  # noqa: E402


def make_course(folder):
    shutil.copytree(ROOT / "notebooks" / A, folder / "notebooks" / A)
    shutil.copyfile(ROOT / "nbgrader_config.py", folder / "nbgrader_config.py")
    sub = folder / "grading" / "submitted" / "looper" / A
    sub.mkdir(parents=True)
    write_submission(sub / f"{A}.ipynb", release_notebook(A), A,
                     {TARGET: he_with("while True:\n    pass")})
    subprocess.run(["nbgrader", "generate_assignment", A], cwd=folder, capture_output=True, check=True)


def main():
    venv_on_path()
    with tempfile.TemporaryDirectory() as tmp:
        plain, ours = Path(tmp) / "plain", Path(tmp) / "ours"
        make_course(plain)
        make_course(ours)
        seconds = {"nbgrader autograde": timed(["nbgrader", "autograde", A], plain)}
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-m", "autograder", "grade-all", "--workers", "1",
                              "--course", str(ours), "--json"], cwd=ROOT, capture_output=True,
                             text=True, check=True)
        seconds["grade-all --workers 1"] = time.perf_counter() - start
    print(f"cell timeout {CELL_TIMEOUT} s, {os.cpu_count()} cores")
    for label, value in seconds.items():
        print(f"{label:<24} {value:7.1f} s   {value / CELL_TIMEOUT:4.1f} cell timeouts")
    test = next(t for t in json.loads(out.stdout)["tests"] if t["name"] == "test_" + TARGET)
    print(f"{TARGET}: {test['score']:g}/{test['max_score']:g}  {test['message']}")


if __name__ == "__main__":
    main()
