"""Grading accuracy: realistic wrong implementations score 0 on their function and nothing else
changes; correct implementations written differently from the reference score full marks.

Every graded function of every built assignment is covered; each test grades its notebooks
in one `python -m autograder grade ... --json` call.
"""
import pytest

from autograder import assignments, cases, samples
from autograder.submissions import write_submission

from conftest import grade_json, release_notebook

PAIRS = [(a, f) for a in assignments.built() for f in cases.load(a).FUNCTIONS]


@pytest.mark.parametrize("assignment, function", PAIRS, ids=[f"{a}.{f}" for a, f in PAIRS])
def test_wrong_scores_zero_and_correct_scores_full(assignment, function, tmp_path):
    module = samples.load(assignment)
    wrong, correct = module.WRONG.get(function, {}), module.CORRECT.get(function, {})
    assert len(wrong) >= 3, f"{function}: at least three realistic wrong implementations"
    assert len(correct) >= 1, f"{function}: at least one differently written correct one"
    release = release_notebook(assignment)
    variants = [("wrong", label, src) for label, src in wrong.items()] + \
               [("correct", label, src) for label, src in correct.items()]
    paths = []
    for i, (_, _, src) in enumerate(variants):
        paths.append(write_submission(tmp_path / f"{i}.ipynb", release, assignment, {function: src}))
    reports = grade_json(assignment, paths)
    target = "test_" + function
    for (kind, label, _), report in zip(variants, reports):
        assert "error" not in report, f"{label}: {report.get('error')}"
        tests = {t["name"]: t for t in report["tests"]}
        for name, t in tests.items():
            if name == target and kind == "wrong":
                assert t["score"] == 0 and not t["passed"], f"wrong '{label}' was not caught"
                assert function in t["message"], f"'{label}': the message names the function"
            else:
                assert t["passed"] and t["score"] == t["max_score"], (
                    f"{kind} '{label}': {name} lost points: {t['message']}")
