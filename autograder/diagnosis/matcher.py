"""The matcher: which catalogue mistake, if any, reproduces a failing student's results.

Called by the verification pass (autograder.verify) in the grader's process, after a function
failed, with the student's results as the worker wrote them. Each catalogue variant of that
function is run here, on the same cases (instructor code, never the student's), and a variant
*reproduces* the student's results when

- on every value case where the variant's outcome is determined (the same under two different
  states of NumPy's global generator: a variant that forgets to seed it is judged only on the
  cases that seed it first), both returned values are equal under the case's own comparison
  (dlcourse.testing.compare with the case's tolerances, both ways), or both raised the same
  kind of exception;
- every property check the variant fails, the student failed too;
- and the variant itself fails somewhere on those cases (it is never mistaken for the
  reference).

Among the entries that reproduce it, the one whose failed property checks fail with the same
messages as the student's (else the first, in catalogue order) is the diagnosis: ``{"id": ..., "text": ...}``,
whose text is fixed catalogue prose (no value of any case).
"""
import re

import numpy as np

from dlcourse.testing import CheckFailed, compare, compare_options

from . import mistakes, outcomes

#: how a worker's error names the exception the student's code raised
_RAISED = re.compile(r"^raised (\w+)")
#: exceptions that say "not written yet", not a mistake
_UNWRITTEN = {"NotImplementedError"}

#: the two global generator states a variant runs under
_STATES = (12345, 54321)

_CACHE = {}


def _key(assignment, name, entry, cases):
    return (assignment, name, entry, tuple(c.label for c in cases))


def variant_values(assignment, name, entry, cases):
    """``(values, determined)`` of a catalogue entry's variant on ``cases`` (cached for this
    process): ``values`` one result per case, ``determined`` one bool per case (the result did
    not depend on the global generator's state)."""
    key = _key(assignment, name, entry, cases) + ("values",)
    if key not in _CACHE:
        function, _ = mistakes.variant_function(assignment, name, entry)
        runs = []
        for state in _STATES:
            np.random.seed(state)
            runs.append(outcomes.value_outcomes(function, cases))
        _CACHE[key] = (runs[0], [same_outcome(a, b, c) for a, b, c in zip(*runs, cases)])
    return _CACHE[key]


def variant_properties(assignment, name, entry, cases):
    """``{label: error}`` of the property checks the variant fails (cached for this process)."""
    key = _key(assignment, name, entry, cases) + ("properties",)
    if key not in _CACHE:
        _, namespace = mistakes.variant_function(assignment, name, entry)
        _CACHE[key] = {r.label: r.options["error"]
                       for r in outcomes.property_outcomes(assignment, name, namespace)
                       if "error" in r.options}
    return _CACHE[key]


def variant_outcomes(assignment, name, entry, cases):
    """``(values, determined, failed_properties)``: variant_values and variant_properties."""
    return (*variant_values(assignment, name, entry, cases),
            variant_properties(assignment, name, entry, cases))


def raised(result):
    """The exception type a result's error names (``None``: it returned, or did not raise)."""
    found = _RAISED.match(result.options.get("error", ""))
    return found.group(1) if found else None


def same_value(got, expected, case):
    """Whether two values are equal under ``case``'s comparison, both ways (the comparison
    accepts integers where it expects floats, not the other way round)."""
    try:
        compare(got, expected, where="result", **compare_options(case.options))
        compare(expected, got, where="result", **compare_options(case.options))
        return True
    except CheckFailed:
        return False
    except Exception:  # values of kinds the comparison cannot hold side by side
        return False


def same_outcome(student, variant, case):
    """Whether the student's and a variant's result on one case are the same outcome."""
    if "error" in student.options or "error" in variant.options:
        kind = raised(student)
        return kind is not None and kind == raised(variant)
    return same_value(student.expected, variant.expected, case)


def diagnosable(values):
    """Whether the student's value results can be matched at all: the code ran (it returned, or
    raised an exception of its own) on every case."""
    kinds = [raised(r) if "error" in r.options else "" for r in values]
    return bool(kinds) and all(k is not None and k not in _UNWRITTEN for k in kinds)


def variant_fails(values, determined, failed, cases):
    """Whether a variant's outcomes (see variant_outcomes) fail a check somewhere: a failed
    property, or a determined case whose value differs from the case's expected one."""
    return bool(failed) or not all("error" not in v.options and same_value(v.expected, c.expected, c)
                                   for v, d, c in zip(values, determined, cases) if d)


def reproduction(assignment, name, entry, cases, values, failed):
    """How well ``entry``'s variant reproduces the student's ``values`` (value results, one per
    case) and ``failed`` (``{label: error}`` of the property checks the student failed): None if
    it does not, else the number of failed property checks whose errors read the same (the
    better of two reproducing entries)."""
    variant, determined = variant_values(assignment, name, entry, cases)
    if not all(same_outcome(s, v, c) for s, v, d, c in zip(values, variant, determined, cases) if d):
        return None  # the property checks (slower) run only for a variant whose values match
    variant_failed = variant_properties(assignment, name, entry, cases)
    if set(variant_failed) <= set(failed) and variant_fails(variant, determined, variant_failed, cases):
        return sum(failed[label] == error for label, error in variant_failed.items())
    return None


def diagnose(assignment, name, cases, results):
    """The diagnosis of a failing function, or None.

    Arguments:
    assignment -- the assignment's name
    name -- the graded function's name
    cases -- its cases (visible then hidden, with ``expected`` values), as the grader holds them
    results -- the worker's results: one per case, then one per property check

    Never raises: a diagnosis that cannot be made is None, and grading goes on.
    """
    try:
        return _diagnose(assignment, name, cases, results)
    except Exception:
        return None


def _diagnose(assignment, name, cases, results):
    values, properties = results[:len(cases)], results[len(cases):]
    if len(values) != len(cases) or not diagnosable(values):
        return None
    failed = {r.label: r.options["error"] for r in properties if "error" in r.options}
    best, best_score = None, -1
    for entry in mistakes.catalogue(assignment).get(name, []):
        for variant in entry.variants():
            try:
                score = reproduction(assignment, name, variant, cases, values, failed)
            except Exception:  # a broken catalogue entry never stops grading
                continue
            if score is not None and score > best_score:
                best, best_score = entry, score
    return None if best is None else {"id": best.id, "text": best.text}
