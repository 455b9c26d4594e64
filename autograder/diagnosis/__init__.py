"""Diagnosis of known mistakes: when a graded function fails, name the mistake it looks like.

Each assignment has a catalogue (``autograder/diagnosis/<assignment>.py``, entries defined in
:mod:`.mistakes`): mistakes students really make, each a small variant of the reference
solution with an id, a one-line name and a hint. After the verification pass found a function
wrong, :func:`diagnose` runs that function's variants on the same cases in the grader's process
(:mod:`.matcher`, :mod:`.outcomes`); a variant that reproduces the student's results becomes
the test's ``diagnosis``: ``{"id": ..., "text": "This looks like: <name>. Hint: <hint>"}``,
fixed catalogue prose that shows no value of any case. :mod:`.corpus` measures it on a mutant
corpus (``benchmarks/bench_diagnosis.py``).
"""
from .matcher import diagnose


def attach(report, diagnoses):
    """Give each failed, unflagged test of ``report`` (a GradeReport) its function's diagnosis
    (``{function: {"id", "text"}}``); returns the report."""
    for test in report.tests:
        if not test.passed and not test.flagged and test.function in diagnoses:
            test.diagnosis = dict(diagnoses[test.function])
    return report


__all__ = ["attach", "diagnose"]
