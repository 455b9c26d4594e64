"""Grading accuracy: realistic wrong implementations score 0 on their function and nothing else
changes; correct implementations written differently from the reference score full marks.

Every graded function of every built assignment is covered (at least three wrong and one
correct implementation each, from autograder/samples/<assignment>.py); each assignment's
notebooks are graded in one `python -m autograder grade ... --json` call, one implementation
written into a copy of the release notebook per notebook.
"""
import pytest

from autograder import course, cases, samples
from autograder.submissions import write_submission

from conftest import grade_json, release_notebook


@pytest.mark.parametrize("assignment", course.built())
def test_wrong_scores_zero_and_correct_scores_full(assignment, tmp_path):
    module = samples.load(assignment)
    release = release_notebook(assignment)
    variants = []
    for function in cases.load(assignment).FUNCTIONS:
        wrong, correct = module.WRONG.get(function, {}), module.CORRECT.get(function, {})
        assert len(wrong) >= 3, f"{function}: at least three realistic wrong implementations"
        assert len(correct) >= 1, f"{function}: at least one differently written correct one"
        variants += [(function, "wrong", label, src) for label, src in wrong.items()]
        variants += [(function, "correct", label, src) for label, src in correct.items()]
    paths = [write_submission(tmp_path / f"{i}.ipynb", release, assignment, {function: src})
             for i, (function, _, _, src) in enumerate(variants)]
    reports = grade_json(assignment, paths)
    problems = []
    for (function, kind, label, _), report in zip(variants, reports):
        if "error" in report:
            problems.append(f"{function} {kind} '{label}': {report['error']}")
        for t in report["tests"]:
            if t["name"] == "test_" + function and kind == "wrong":
                if t["score"] != 0 or t["passed"]:
                    problems.append(f"{function}: wrong '{label}' was not caught")
                elif not t["message"]:
                    problems.append(f"{function}: wrong '{label}' failed without a message")
            elif not (t["passed"] and t["score"] == t["max_score"]):
                problems.append(f"{function} {kind} '{label}': {t['name']} lost points: {t['message']}")
            if t["flagged"]:
                problems.append(f"{function} {kind} '{label}': {t['name']} flagged as tampering")
    assert not problems, "\n".join(problems)
