"""Execute every built source notebook (experiments included) and print its wall time.

    .venv/bin/python benchmarks/bench_notebooks.py [ASSIGNMENT ...]

Budgets come from the issues: 30 s (initialization, regularization, gradient_checking,
cnn_step_by_step), 45 s (optimization_methods), 60 s (hyperparameter_search,
batch_normalization).
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from autograder import course  # noqa: E402
from autograder.execution import execute  # noqa: E402

BUDGET = {"optimization_methods": 45, "hyperparameter_search": 60, "batch_normalization": 60}


def main(names):
    names = names or course.built()
    print(f"{'assignment':<24}{'seconds':>9}{'budget':>8}")
    for name in names:
        _, seconds = execute(course.source_notebook_path(name))
        budget = BUDGET.get(name, 30)
        flag = "" if seconds <= budget else "  OVER BUDGET"
        print(f"{name:<24}{seconds:>9.1f}{budget:>8}{flag}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
