"""Grading accuracy: realistic wrong implementations score 0 on their function and nothing else
changes; correct implementations written differently from the reference score full marks.

Every graded function of every built assignment is covered (at least three wrong and one
correct implementation each, from autograder/samples/<assignment>.py); each assignment's
notebooks are graded in one `python -m autograder grade ... --json` call. A wrong implementation
gets a copy of the release notebook of its own (the reference everywhere else), so that what it
breaks shows; the correct ones share notebooks, the first of every function in one, the second
ones in the next, and so on: every function's points must survive all the others written
differently too.
"""
import pytest

from autograder import course, cases, samples
from autograder.submissions import write_submission

from conftest import grade_json, release_notebook


@pytest.mark.parametrize("assignment", course.built())
def test_wrong_scores_zero_and_correct_scores_full(assignment, tmp_path):
    module = samples.load(assignment)
    release = release_notebook(assignment)
    variants, correct_sets = [], []
    for function in cases.load(assignment).FUNCTIONS:
        wrong, correct = module.WRONG.get(function, {}), module.CORRECT.get(function, {})
        assert len(wrong) >= 3, f"{function}: at least three realistic wrong implementations"
        assert len(correct) >= 1, f"{function}: at least one differently written correct one"
        variants += [("wrong", {function: (label, src)}) for label, src in wrong.items()]
        for j, (label, src) in enumerate(correct.items()):
            if j == len(correct_sets):
                correct_sets.append({})
            correct_sets[j][function] = (label, src)
    variants += [("correct", implementations) for implementations in correct_sets]
    paths = [write_submission(tmp_path / f"{i}.ipynb", release, assignment,
                              {function: src for function, (_, src) in implementations.items()})
             for i, (_, implementations) in enumerate(variants)]
    reports = grade_json(assignment, paths)
    problems = []
    for (kind, implementations), report in zip(variants, reports):
        written = "; ".join(f"{function} {kind} '{label}'" for function, (label, _) in implementations.items())
        if "error" in report:
            problems.append(f"{written}: {report['error']}")
        for t in report["tests"]:
            function = t["name"][len("test_"):]
            if kind == "wrong" and function in implementations:
                label = implementations[function][0]
                if t["score"] != 0 or t["passed"]:
                    problems.append(f"{function}: wrong '{label}' was not caught")
                elif not t["message"]:
                    problems.append(f"{function}: wrong '{label}' failed without a message")
            elif not (t["passed"] and t["score"] == t["max_score"]):
                problems.append(f"{written}: {t['name']} lost points: {t['message']}")
            if t["flagged"]:
                problems.append(f"{written}: {t['name']} flagged as tampering")
    assert not problems, "\n".join(problems)
