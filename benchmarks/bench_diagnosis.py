"""How well the diagnosis of known mistakes names them (autograder.diagnosis).

    python benchmarks/bench_diagnosis.py

Runs the mutant corpus of autograder.diagnosis.corpus (autograder.samples' WRONG and
EXTRA_WRONG of every assignment) in this process, on each function's visible and hidden cases
and property checks, diagnoses every failing mutant as the grader does, and runs the correct
solutions (the reference and the samples' CORRECT) through the matcher too. Prints the share of
failing mutants diagnosed with the right catalogue entry, per assignment and in all, the misses,
the number of diagnoses given to correct solutions (must be 0), and how long one diagnosis takes. tests/test_diagnosis.py
asserts the same figures.
"""
import time

from autograder.course import limit_blas_threads
from autograder.diagnosis import corpus, mistakes


def main():
    limit_blas_threads()
    start = time.perf_counter()
    total = corpus.Tally()
    for assignment in corpus.ASSIGNMENTS:
        tally = corpus.measure([assignment])
        entries = sum(len(g) for g in mistakes.catalogue(assignment).values())
        print(f"{assignment:24s} {tally.right:3d}/{len(tally.rows):3d} failing mutants diagnosed right "
              f"({tally.share:.0%}); {entries} catalogue entries; "
              f"{len(tally.false)} diagnoses of {tally.correct_runs} correct solutions")
        total.rows += tally.rows
        total.passing += tally.passing
        total.false += tally.false
        total.correct_runs += tally.correct_runs
        total.seconds += tally.seconds
    for assignment, function, label, want, got in total.rows:
        if want != got or want is None:
            print(f"  missed: {assignment}.{function} [{label}]: expected {want}, got {got}")
    for row in total.passing:
        print(f"  not failing (left out): {row}")
    print(f"diagnosed correctly: {total.right}/{len(total.rows)} failing mutants = {total.share:.1%}")
    print(f"diagnoses of correct solutions: {len(total.false)} of {total.correct_runs}")
    print(f"one diagnosis: at most {max(total.seconds):.2f} s (a function's first, which runs its "
          f"variants), median {sorted(total.seconds)[len(total.seconds) // 2]:.3f} s")
    print(f"time: {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
