"""A synthetic class for the benchmarks: a course folder holding N submissions of one assignment.

    .venv/bin/python benchmarks/synthetic_class.py N FOLDER [--assignment A] [--seed S]

Each student is one of three kinds, in fixed shares (:data:`SHARES`): a correct submission
(each graded function the reference solution or one of the samples' other correct
implementations), a wrong one (one or two functions replaced by a sample's wrong
implementation or by a mutant of the diagnosis catalogue, the rest correct), or a blank one
(the release notebook as students receive it). Which student is which, and which
implementations they get, is drawn from a random generator seeded with ``seed``: the same
arguments always give the same class.
"""
import argparse
import enum
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from autograder import course, samples  # noqa: E402
from autograder.cells import graded_functions  # noqa: E402
from autograder.diagnosis.mistakes import catalogue, variant_source  # noqa: E402
from autograder.submissions import reference_solutions, write_submission  # noqa: E402
from conftest import release_notebook  # noqa: E402

DEFAULT_ASSIGNMENT = "gradient_checking"  # the cheapest assignment to grade
DEFAULT_SEED = 16


class Kind(str, enum.Enum):
    CORRECT = "correct"
    WRONG = "wrong"
    BLANK = "blank"


#: the share of each kind of student in the class
SHARES = {Kind.CORRECT: 0.50, Kind.WRONG: 0.35, Kind.BLANK: 0.15}


class Source(str, enum.Enum):
    """Where a function's implementation comes from."""
    REFERENCE = "reference"   # the reference solution
    CORRECT = "correct"       # a sample's other correct implementation (samples.CORRECT)
    WRONG = "wrong"           # a sample's wrong implementation (samples.WRONG)
    MUTANT = "mutant"         # a variant of the diagnosis catalogue ("<id>#<variant>")


@dataclass(frozen=True)
class Student:
    kind: Kind
    #: ``{function: (Source, label)}``; empty for a blank notebook
    choices: tuple = ()


def kind_counts(n):
    """``{Kind: count}`` for a class of ``n``: the shares, rounded, wrong taking the rest."""
    correct = round(n * SHARES[Kind.CORRECT])
    blank = min(round(n * SHARES[Kind.BLANK]), n - correct)
    return {Kind.CORRECT: correct, Kind.WRONG: n - correct - blank, Kind.BLANK: blank}


def _correct_options(assignment, function):
    return [(Source.REFERENCE, "")] + [(Source.CORRECT, label) for label in
                                       samples.load(assignment).CORRECT.get(function, {})]


def _wrong_options(assignment, function):
    options = [(Source.WRONG, label) for label in samples.load(assignment).WRONG.get(function, {})]
    for entry in catalogue(assignment).get(function, []):
        options += [(Source.MUTANT, f"{entry.id}#{k}") for k in range(len(entry.variants()))]
    return options


def plan(assignment=DEFAULT_ASSIGNMENT, n=300, seed=DEFAULT_SEED):
    """``{student_id: Student}``: who submits what, drawn from ``seed``."""
    rng = random.Random(seed)
    functions = list(graded_functions(course.source_notebook(assignment)))
    kinds = [kind for kind, count in kind_counts(n).items() for _ in range(count)]
    rng.shuffle(kinds)
    can_be_wrong = [f for f in functions if _wrong_options(assignment, f)]
    students = {}
    for i, kind in enumerate(kinds):
        choices = {}
        if kind is not Kind.BLANK:
            choices = {f: rng.choice(_correct_options(assignment, f)) for f in functions}
        if kind is Kind.WRONG:
            for f in rng.sample(can_be_wrong, k=min(len(can_be_wrong), rng.choice((1, 2)))):
                choices[f] = rng.choice(_wrong_options(assignment, f))
        students[f"s{i:03d}"] = Student(kind, tuple(sorted(choices.items())))
    return students


def implementations(assignment, student):
    """``{function: source}`` of a student's choices."""
    module = samples.load(assignment)
    references = reference_solutions(assignment)
    entries = catalogue(assignment)
    out = {}
    for function, (source, label) in student.choices:
        if source is Source.REFERENCE:
            out[function] = references[function]
        elif source is Source.CORRECT:
            out[function] = module.CORRECT[function][label]
        elif source is Source.WRONG:
            out[function] = module.WRONG[function][label]
        else:
            entry_id, k = label.split("#")
            entry = next(e for e in entries[function] if e.id == entry_id)
            out[function] = variant_source(assignment, function, entry.variants()[int(k)])
    return out


def write_class(folder, assignment=DEFAULT_ASSIGNMENT, n=300, seed=DEFAULT_SEED):
    """Write a course folder (the assignment's source notebook, one submission per student)
    that `grade-all --course FOLDER` grades. Returns :func:`plan`'s ``{student_id: Student}``."""
    folder = Path(folder)
    shutil.copytree(course.source_notebook_path(assignment).parent, folder / "notebooks" / assignment)
    release = release_notebook(assignment)
    students = plan(assignment, n, seed)
    for student_id, student in students.items():
        sub = folder / "grading" / "submitted" / student_id / assignment
        sub.mkdir(parents=True)
        path = sub / f"{assignment}.ipynb"
        if student.kind is Kind.BLANK:
            write_submission(path, release, assignment, fill="blank")
        else:
            write_submission(path, release, assignment, implementations(assignment, student))
    return students


class OneLineParser(argparse.ArgumentParser):
    """Bad arguments get one line on stderr (no usage block) and exit status 2."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message}\n")


def main(argv):
    parser = OneLineParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("folder")
    parser.add_argument("--assignment", default=DEFAULT_ASSIGNMENT)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    if args.n < 1:
        parser.error("N must be at least 1")
    if args.assignment not in course.built():
        parser.error(f"unknown assignment {args.assignment!r}; built: {', '.join(course.built())}")
    if Path(args.folder).exists():
        parser.error(f"{args.folder} already exists")
    students = write_class(args.folder, args.assignment, args.n, args.seed)
    counts = {kind.value: sum(s.kind is kind for s in students.values()) for kind in Kind}
    print(f"{args.n} submissions of {args.assignment} in {args.folder}: "
          + ", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
