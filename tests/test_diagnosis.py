"""Diagnosis of known mistakes (autograder.diagnosis): the catalogues are well formed, no
variant passes for the reference, the mutant corpus is diagnosed correctly (>= 80%) and no
correct solution ever is, the diagnosis travels in the report's JSON, and one mutant graded
end to end (``python -m autograder grade --json``) carries it."""
import json
import re

import pytest

from autograder import course, samples
from autograder.diagnosis import attach, corpus, diagnose, matcher, mistakes
from autograder import report as reports
from autograder.report import GradeReport, Outcome
from autograder.submissions import make_submission

from conftest import release_notebook, run_cli

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def _entries():
    return [(a, f, e) for a in corpus.ASSIGNMENTS for f, group in mistakes.catalogue(a).items() for e in group]


def _variants():
    return [(a, f, v) for a, f, e in _entries() for v in e.variants()]


@pytest.fixture(scope="module")
def tally():
    return corpus.measure()


def test_every_catalogue_entry_is_well_formed_and_builds():
    for assignment in corpus.ASSIGNMENTS:
        functions = course.assignment(assignment).functions
        table = mistakes.catalogue(assignment)
        assert table, f"{assignment} has no catalogue"
        ids = [e.id for group in table.values() for e in group]
        assert len(ids) == len(set(ids)), f"{assignment}: duplicate ids"
        for function, group in table.items():
            assert function in functions, (assignment, function)
            for entry in group:
                assert SLUG.match(entry.id), entry.id
                assert "\n" not in entry.name + entry.hint and entry.name and entry.hint
                assert entry.text == f"This looks like: {entry.name}. Hint: {entry.hint}"
                assert bool(entry.edits) != bool(entry.source), entry.id
                for variant in entry.variants():
                    built, _ = mistakes.variant_function(assignment, function, variant)
                    assert callable(built) and built.__name__ == function, entry.id


def test_an_edit_that_is_not_in_the_reference_is_refused():
    entry = mistakes.mistake("x", "x", "x", ("this text is in no reference", ""))
    with pytest.raises(mistakes.BadEdit):
        mistakes.variant_source("initialization", "initialize_parameters_he", entry)


def test_no_variant_passes_for_the_reference():
    """Every variant fails a check on its function's cases: it can never match a solution the
    grader accepts."""
    for assignment, function, entry in _variants():
        cases = corpus.all_cases(assignment)[function]
        outcome = matcher.variant_outcomes(assignment, function, entry, cases)
        assert any(outcome[1]), f"{assignment}.{function} [{entry.id}] depends on the random state everywhere"
        assert matcher.variant_fails(*outcome, cases), f"{assignment}.{function} [{entry.id}] passes"


def test_mutants_are_diagnosed_and_correct_solutions_never(tally):
    wrong = [row for row in tally.rows if row[3] != row[4]]
    assert len(tally.rows) >= 150, len(tally.rows)
    assert tally.share >= 0.8, (tally.share, wrong)
    assert tally.false == [], tally.false
    assert tally.correct_runs >= 60
    # a mutant given a diagnosis gets the right one: no confusions, only misses
    assert [row for row in wrong if row[4] is not None] == []


def test_the_mistakes_the_issue_names_are_in_the_catalogues():
    ids = {e.id for _, _, e in _entries()}
    assert {"dropout-back-mask-missing", "dropout-back-no-rescale", "he-fan-out", "he-xavier",
            "adam-eps-in-sqrt", "bn-eps-outside-sqrt", "adam-no-bias-correction",
            "adam-bias-correction-t-minus-1", "pad-negative-slice", "conv-back-negative-crop",
            "pool-back-stride-ignored", "conv-back-stride-ignored", "pool-back-average-not-divided",
            "check-j-hard-coded", "adam-one-dict", "softmax-no-shift", "bn-momentum-swapped",
            "search-unsorted", "one-hot-labels-2d"} <= ids


def test_the_diagnosis_is_fixed_prose_and_names_the_mistake():
    a, f = "initialization", "initialize_parameters_he"
    cases = corpus.all_cases(a)[f]
    source = samples.load(a).WRONG[f]["scaled by n[l] instead of n[l-1]"]
    found = diagnose(a, f, cases, corpus.run_source(a, f, source, cases))
    entry = next(e for e in mistakes.catalogue(a)[f] if e.id == "he-fan-out")
    assert found == {"id": "he-fan-out", "text": entry.text}


def test_code_that_does_not_run_gets_no_diagnosis():
    a, f = "initialization", "initialize_parameters_he"
    cases = corpus.all_cases(a)[f]
    unwritten = corpus.run_source(a, f, "def initialize_parameters_he(layers_dims):\n"
                                        "    raise NotImplementedError\n", cases)
    assert diagnose(a, f, cases, unwritten) is None
    assert diagnose(a, f, cases, unwritten[:1]) is None  # fewer results than cases


def test_the_diagnosis_is_kept_in_the_json_and_old_reports_still_load():
    test = reports.TestResult("test_f", 0.0, 1.0, False, "wrong", outcome=Outcome.FAILED,
                      diagnosis={"id": "x", "text": "This looks like: x. Hint: y"})
    report = GradeReport("a", "nb", tests=[test]).total()
    back = GradeReport.from_json(json.loads(json.dumps(report.to_json())))
    assert back.tests[0].diagnosis == test.diagnosis
    old = report.to_json()
    del old["tests"][0]["diagnosis"]
    assert GradeReport.from_json(old).tests[0].diagnosis is None


def test_attach_skips_passed_and_flagged_tests():
    tests = [reports.TestResult("test_f", 0.0, 1.0, False), reports.TestResult("test_g", 1.0, 1.0, True),
             reports.TestResult("test_h", 0.0, 1.0, False, flagged=True)]
    found = {"id": "x", "text": "t"}
    report = attach(GradeReport("a", "nb", tests=tests), {"f": found, "g": found, "h": found})
    assert [t.diagnosis for t in report.tests] == [found, None, None]


def test_a_graded_mutant_notebook_carries_its_diagnosis(tmp_path):
    a, f = "initialization", "initialize_parameters_he"
    wrong = samples.load(a).WRONG[f]["scaled by n[l] instead of n[l-1]"]
    path = tmp_path / "mutant.ipynb"
    path.write_text(json.dumps(make_submission(release_notebook(a), a, {f: wrong})))
    proc = run_cli("grade", a, path, "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    tests = {t["name"]: t for t in report["tests"]}
    he = tests["test_" + f]
    assert he["passed"] is False and he["diagnosis"]["id"] == "he-fan-out", he
    assert he["diagnosis"]["text"].startswith("This looks like: He scaling")
    assert all(t["diagnosis"] is None for name, t in tests.items() if t["passed"])
