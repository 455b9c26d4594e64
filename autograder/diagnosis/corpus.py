"""The measure of the diagnosis: a mutant corpus, and how many of its failing mutants the
matcher names correctly.

The corpus is every ``WRONG`` and ``EXTRA_WRONG`` implementation of autograder.samples (each labelled here with
the catalogue id it should get, or ``None`` when no catalogue entry covers it) plus the extra
mutants of :data:`EXTRA` (written differently from the catalogue's variants). Each mutant runs
in this process on the function's visible and hidden cases and property checks (the worker's
results, see autograder.diagnosis.outcomes); a failing one is diagnosed by the matcher as the
grader would. The correct solutions (the reference and the samples' ``CORRECT``) are run
through the matcher too, failing or not: none may get a diagnosis.

``benchmarks/bench_diagnosis.py`` prints the figures; tests/test_diagnosis.py asserts them.
"""
import time
from dataclasses import dataclass, field

from dlcourse.casefile import load_cases
from dlcourse.testing import compare, compare_options, CheckFailed

from .. import course, samples
from . import matcher, mistakes, outcomes
from .expected import EXPECTED, EXTRA, EXTRA_SAMPLES

ASSIGNMENTS = ("initialization", "regularization", "gradient_checking", "optimization_methods",
               "hyperparameter_search", "batch_normalization", "cnn_step_by_step")


def all_cases(assignment):
    """``{function: [Case]}``: visible then hidden cases, with expected values."""
    visible = load_cases(course.visible_reference_path(assignment))
    hidden = load_cases(course.hidden_reference_path(assignment))
    for group in hidden.values():
        for case in group:
            case.options["hidden"] = True
    return {name: visible.get(name, []) + hidden.get(name, []) for name in visible}


def run_source(assignment, name, source, cases):
    """The worker-shaped results of ``source`` (a ``def`` of ``name``), defined in a copy of the
    reference namespace (so the other functions are the reference's)."""
    namespace = mistakes.reference_functions(assignment)
    exec(compile(source, f"<mutant of {name}>", "exec"), namespace)
    return outcomes.all_outcomes(assignment, name, cases, namespace)


def fails(cases, results):
    """Whether the results fail a check (a value case or a property), as the grader judges."""
    for case, result in zip(cases, results):
        if "error" in result.options:
            return True
        try:
            compare(result.expected, case.expected, where="result", **compare_options(case.options))
        except CheckFailed:
            return True
    return any("error" in r.options for r in results[len(cases):])


@dataclass
class Tally:
    """What the corpus gave: ``rows`` of ``(assignment, function, label, expected id, got id)``
    for the failing mutants, ``passing`` mutants that fail nothing, ``false`` diagnoses of
    correct solutions (``(assignment, function, label, id)``), ``seconds`` of each diagnosis of a
    failing mutant (a function's first runs its variants; the next ones mostly reuse them)."""
    rows: list = field(default_factory=list)
    seconds: list = field(default_factory=list)
    passing: list = field(default_factory=list)
    false: list = field(default_factory=list)
    correct_runs: int = 0

    @property
    def right(self):
        return sum(1 for *_, want, got in self.rows if want is not None and want == got)

    @property
    def share(self):
        return self.right / len(self.rows) if self.rows else 0.0


def mutants(assignment):
    """``[(function, label, source, expected id)]``: the samples' WRONG and EXTRA_WRONG, and
    the extra mutants."""
    out = []
    module = samples.load(assignment)
    for name, group in module.WRONG.items():
        for label, source in group.items():
            out.append((name, label, source, EXPECTED.get((assignment, name, label))))
    for name, group in getattr(module, "EXTRA_WRONG", {}).items():
        for label, source in group.items():
            out.append((name, f"{label} (extra)", source, EXTRA_SAMPLES.get((assignment, name, label))))
    for name, label, source, want in EXTRA.get(assignment, ()):
        out.append((name, label, source, want))
    return out


def correct_solutions(assignment):
    """``[(function, label, source)]``: the reference and the samples' CORRECT."""
    out = [(name, "reference", mistakes.reference_source(assignment, name))
           for name in course.assignment(assignment).functions]
    for name, group in samples.load(assignment).CORRECT.items():
        out.extend((name, label, source) for label, source in group.items())
    return out


def measure(assignments=ASSIGNMENTS, tally=None):
    """Run the whole corpus; a :class:`Tally`."""
    tally = tally or Tally()
    for assignment in assignments:
        cases = all_cases(assignment)
        for name, label, source, want in mutants(assignment):
            results = run_source(assignment, name, source, cases[name])
            if not fails(cases[name], results):
                tally.passing.append((assignment, name, label))
                continue
            start = time.perf_counter()
            got = matcher.diagnose(assignment, name, cases[name], results)
            tally.seconds.append(time.perf_counter() - start)
            tally.rows.append((assignment, name, label, want, got and got["id"]))
        for name, label, source in correct_solutions(assignment):
            results = run_source(assignment, name, source, cases[name])
            tally.correct_runs += 1
            got = matcher.diagnose(assignment, name, cases[name], results)
            if got is not None:
                tally.false.append((assignment, name, label, got["id"]))
    return tally
