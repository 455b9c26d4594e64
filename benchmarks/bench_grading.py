"""Time grading through `python -m autograder grade`: one submission alone, and N in one call.

    .venv/bin/python benchmarks/bench_grading.py [ASSIGNMENT] [N]

Prints the wall time of grading one correct submission (a fresh private course, nbgrader's
generate_assignment, one autograde) and the time per submission when N are graded in one call.
"""
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from autograder import course  # noqa: E402


def grade(assignment, paths):
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "autograder", "grade", assignment, *map(str, paths),
                           "--json"], cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(proc.stderr)
    return seconds


def main(argv):
    assignment = argv[0] if argv else "initialization"
    n = int(argv[1]) if len(argv) > 1 else 5
    source = course.source_notebook_path(assignment)
    one = grade(assignment, [source])
    with tempfile.TemporaryDirectory() as tmp:
        copies = []
        for i in range(n):
            copy = Path(tmp) / f"s{i}.ipynb"
            copy.write_bytes(source.read_bytes())
            copies.append(copy)
        many = grade(assignment, copies)
    print(f"{assignment}: one submission {one:.1f} s (command start to finish); "
          f"{n} in one call {many:.1f} s = {many / n:.1f} s per submission")


if __name__ == "__main__":
    main(sys.argv[1:])
