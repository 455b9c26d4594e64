"""Execute every built source notebook (experiments included) and print its wall time.

    .venv/bin/python benchmarks/bench_notebooks.py [ASSIGNMENT ...]

Every notebook's budget is 30 s on the course's 2-core machine, experiments included (issue
"The notes' missing lessons"); a notebook over it is marked.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from autograder import course  # noqa: E402
from autograder.execution import execute  # noqa: E402

BUDGET = 30


def main(names):
    names = names or course.built()
    print(f"{'assignment':<24}{'seconds':>9}{'budget':>8}")
    for name in names:
        _, seconds = execute(course.source_notebook_path(name))
        budget = BUDGET
        flag = "" if seconds <= budget else "  OVER BUDGET"
        print(f"{name:<24}{seconds:>9.1f}{budget:>8}{flag}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
