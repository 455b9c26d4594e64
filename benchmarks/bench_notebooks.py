"""Execute every built source notebook (experiments included) and print its wall time.

    .venv/bin/python benchmarks/bench_notebooks.py [--cells N] [ASSIGNMENT ...]

Every notebook's budget is 30 s on the course's 2-core machine, experiments included (issue
"The notes' missing lessons"); a notebook over it is marked. ``--cells N`` also prints each
notebook's N slowest cells (by grade_id), from the execution times nbclient records in the
executed notebook's metadata; the rest of a notebook's time is the kernel's start and stop.
"""
import argparse
import sys
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from autograder import course  # noqa: E402
from autograder.cells import grade_id  # noqa: E402
from autograder.execution import execute  # noqa: E402

BUDGET = 30


def cell_seconds(nb):
    """``[(seconds, grade_id)]`` of an executed notebook's code cells, from nbclient's timestamps."""
    times = []
    for cell in nb.cells:
        stamps = cell.get("metadata", {}).get("execution", {})
        if cell.cell_type == "code" and "shell.execute_reply" in stamps:
            start = datetime.fromisoformat(stamps["iopub.execute_input"].replace("Z", "+00:00"))
            end = datetime.fromisoformat(stamps["shell.execute_reply"].replace("Z", "+00:00"))
            times.append(((end - start).total_seconds(), grade_id(cell)))
    return times


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cells", type=int, default=0, metavar="N",
                        help="also print each notebook's N slowest cells")
    parser.add_argument("assignments", nargs="*", metavar="ASSIGNMENT")
    args = parser.parse_args(argv)
    if unknown := [a for a in args.assignments if a not in course.built()]:
        parser.error(f"unknown assignment {unknown[0]!r} (built: {', '.join(course.built())})")
    print(f"{'assignment':<24}{'seconds':>9}{'budget':>8}")
    for name in args.assignments or course.built():
        nb, seconds = execute(course.source_notebook_path(name))
        flag = "" if seconds <= BUDGET else "  OVER BUDGET"
        print(f"{name:<24}{seconds:>9.1f}{BUDGET:>8}{flag}", flush=True)
        times = cell_seconds(nb)
        for cell_time, gid in sorted(times, reverse=True)[:args.cells]:
            print(f"    {gid:<32}{cell_time:>7.1f} s")
        if args.cells:
            print(f"    {'(all cells)':<32}{sum(t for t, _ in times):>7.1f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
