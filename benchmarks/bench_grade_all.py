"""Grade the same 20 generated submissions three ways and print wall times and ratios:

1. plain `nbgrader autograde initialization` (sequential, in the student's kernel only),
2. `python -m autograder grade-all --workers 1` (nbgrader + the verification pass),
3. `python -m autograder grade-all --workers 2`,

and, for the whole picture, the feedback step that follows (`python -m autograder feedback
--workers 2`, the counterpart of `nbgrader generate_feedback`), timed on the third course.

    .venv/bin/python benchmarks/bench_grade_all.py [N]

Each run starts from a fresh copy of the same course folder (same submissions, new gradebook),
released with `nbgrader generate_assignment` before the clock starts.
Half of the submissions are correct, half carry one of the sample wrong implementations.
"""
import itertools
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from autograder import samples  # noqa: E402
from autograder.execution import venv_on_path  # noqa: E402
from autograder.submissions import write_submission  # noqa: E402
from conftest import release_notebook  # noqa: E402

A = "initialization"


def make_course(folder, n):
    shutil.copytree(ROOT / "notebooks" / A, folder / "notebooks" / A)
    shutil.copyfile(ROOT / "nbgrader_config.py", folder / "nbgrader_config.py")
    release = release_notebook(A)
    wrongs = itertools.cycle([(f, src) for f, variants in samples.load(A).WRONG.items()
                              for src in variants.values()])
    for i in range(n):
        sub = folder / "grading" / "submitted" / f"student{i:02d}" / A
        sub.mkdir(parents=True)
        impl = dict([next(wrongs)]) if i % 2 else {}
        write_submission(sub / f"{A}.ipynb", release, A, impl)


def timed(cmd, cwd):
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(map(str, cmd))} failed:\n{proc.stderr[-2000:]}")
    return time.perf_counter() - start


def main(argv):
    n = int(argv[0]) if argv else 20
    venv_on_path()
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "template"
        make_course(template, n)
        runs = {}
        for label, cmd in [
            ("nbgrader autograde", ["nbgrader", "autograde", A]),
            ("grade-all --workers 1", [sys.executable, "-m", "autograder", "grade-all", "--workers", "1"]),
            ("grade-all --workers 2", [sys.executable, "-m", "autograder", "grade-all", "--workers", "2"]),
        ]:
            course = Path(tmp) / label.replace(" ", "_")
            shutil.copytree(template, course)
            # Release first, untimed, as an instructor does before grading; the copied
            # nbgrader_config.py makes the copy its own course root.
            subprocess.run(["nbgrader", "generate_assignment", A], cwd=course,
                           capture_output=True, check=True)
            if cmd[0] == "nbgrader":
                runs[label] = timed(cmd, course)
            else:
                runs[label] = timed(cmd + ["--course", str(course), "--json"], ROOT)
            print(f"{label:<24} {runs[label]:7.1f} s   {runs[label] / n:5.2f} s per submission", flush=True)
        feedback = timed([sys.executable, "-m", "autograder", "feedback", "--workers", "2",
                          "--course", str(course)], ROOT)
        print(f"{'then feedback --workers 2':<24} {feedback:7.1f} s   {feedback / n:5.2f} s per submission")
        base = runs["nbgrader autograde"]
        print(f"\n{n} submissions, {os.cpu_count()} cores")
        for label, seconds in runs.items():
            print(f"{label:<24} {seconds / base:5.2f} x plain nbgrader")


if __name__ == "__main__":
    main(sys.argv[1:])
