"""Grade one synthetic class of N submissions twice, in the local pool and on a local Dask
cluster, and print the time per notebook, the peak memory per worker and whether both runs
gave the same grades.

    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/bench_class.py [N] [--assignment A] [--seed S] [--workers W]

The class (benchmarks/synthetic_class.py, default 300 submissions of gradient_checking) is
built once and copied twice; each copy gets its own gradebook. Then, each timed as a whole
(start-up, release, grading, class report and CSV export):

    python -m autograder grade-all --workers W --course COPY1 --json
    python -m autograder grade-all --scheduler local --workers W --course COPY2 --json

while benchmarks/process_memory.py samples the workers' memory. Last, every student's score on
every graded function, read from the reports each run saved (grading/reports/), is compared
between the two runs.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from autograder import course  # noqa: E402
from autograder.batch import LOCAL_SCHEDULER  # noqa: E402
from autograder.execution import venv_on_path  # noqa: E402
from autograder.report import report_path  # noqa: E402
from process_memory import measure  # noqa: E402
from synthetic_class import (DEFAULT_ASSIGNMENT, DEFAULT_SEED, Kind, OneLineParser,  # noqa: E402
                             write_class)

#: the two ways of grading compared: (label, options after `grade-all`)
RUNS = (("pool", lambda w: ["--workers", str(w)]),
        ("dask", lambda w: ["--scheduler", LOCAL_SCHEDULER, "--workers", str(w)]))


@dataclass
class Run:
    label: str
    command: str
    seconds: float
    memory: object      # process_memory.Measured


def grade(course, options):
    """Run grade-all on ``course`` with ``options`` while sampling its workers; returns
    ``(seconds, Measured)``. Exits with grade-all's error if it fails."""
    env = dict(os.environ)
    env.pop("DLCOURSE_GRADEBOOK_URL", None)  # each copy keeps its own SQLite gradebook
    cmd = [sys.executable, "-m", "autograder", "grade-all", *options, "--course", str(course), "--json"]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=err)
        code, memory = measure(proc)
        seconds = time.perf_counter() - start
        if code != 0:
            err.seek(0)
            sys.exit(f"{' '.join(cmd)} failed ({code}): {err.read().decode(errors='replace')[-2000:]}")
    return seconds, memory


def read_scores(course, assignment, students):
    """``{(student, test name): score}`` from the reports grade-all saved; a student without a
    report gets ``{(student, None): None}``."""
    scores = {}
    for student in students:
        path = report_path(course, assignment, student)
        if not path.exists():
            scores[(student, None)] = None
            continue
        for test in json.loads(path.read_text())["tests"]:
            scores[(student, test["name"])] = test["score"]
    return scores


def differences(first, second, labels=("pool", "dask")):
    """Lines naming every (student, test) whose score differs between two :func:`read_scores`."""
    lines = []
    for key in sorted(set(first) | set(second), key=lambda k: (k[0], k[1] or "")):
        a, b = first.get(key, "missing"), second.get(key, "missing")
        if a != b:
            student, test = key
            lines.append(f"  {student} {test or '(no report)'}: {labels[0]} {a}, {labels[1]} {b}")
    return lines


def verdict(first, second, labels=("pool", "dask")):
    """``"identical grades: yes (K scores)"``, or ``"identical grades: no"`` and the differences."""
    found = differences(first, second, labels)
    if not found:
        return [f"identical grades: yes ({len(first)} scores)"]
    return [f"identical grades: no ({len(found)} of {len(set(first) | set(second))} scores differ)"] + found


def build_and_grade(folder, n, assignment=DEFAULT_ASSIGNMENT, seed=DEFAULT_SEED, workers=2,
                    report=print):
    """Build the class under ``folder``, grade a copy of it each way of :data:`RUNS`, report
    each run's figures as it ends; returns ``(students, {label: Run}, {label: scores})``."""
    folder = Path(folder)
    students = write_class(folder / "class", assignment, n, seed)
    counts = ", ".join(f"{sum(s.kind is k for s in students.values())} {k.value}" for k in Kind)
    report(f"{n} submissions of {assignment} ({counts}; seed {seed}), {os.cpu_count()} cores, "
           f"{workers} workers")
    runs, scores = {}, {}
    for label, options in RUNS:
        course = folder / label
        shutil.copytree(folder / "class", course)
        seconds, memory = grade(course, options(workers))
        command = "grade-all " + " ".join(options(workers))
        runs[label] = Run(label, command, seconds, memory)
        scores[label] = read_scores(course, assignment, students)
        report(f"{command:<42} {seconds:7.1f} s in all, {seconds / n:5.2f} s per notebook")
        for line in memory.lines():
            report(line)
    return students, runs, scores


def _load():
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv):
    parser = OneLineParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=300)
    parser.add_argument("--assignment", default=DEFAULT_ASSIGNMENT)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    if args.n < 1 or args.workers < 1:
        parser.error("N and --workers must be at least 1")
    if args.assignment not in course.built():
        parser.error(f"unknown assignment {args.assignment!r}; built: {', '.join(course.built())}")
    venv_on_path()
    print(f"before: {_load()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-class-") as tmp:
        _, _, scores = build_and_grade(tmp, args.n, args.assignment, args.seed, args.workers,
                                       report=lambda line: print(line, flush=True))
    print("\n".join(verdict(scores["pool"], scores["dask"])))
    print(f"after: {_load()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
