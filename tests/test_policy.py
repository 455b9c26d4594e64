"""One unit test per rule of the grading policy (autograder.policy.decide), and the report's
JSON round trip."""
from pathlib import Path

import pytest

from autograder.course import Assignment
from autograder.policy import TAMPERING, Failure, KernelTest, NbgraderPass, Verdict, decide
from autograder.report import GradeReport, Outcome, Status

A = Assignment(name="toy", notebook=Path("toy/toy.ipynb"), functions=("f", "g"), points=(1, 2),
               hidden_references=Path("hidden.h5"), visible_references=Path("visible.h5"))
FULL = {"f": KernelTest(1.0, 1.0), "g": KernelTest(2.0, 2.0)}
PASS = {"f": Verdict(True), "g": Verdict(True)}


def _tests(report):
    return {t.function: t for t in report.tests}


def test_rule_1_without_nbgrader_the_verification_pass_grades_alone():
    report = decide(A, "toy", NbgraderPass("the kernel died"),
                    {"f": Verdict(True), "g": Verdict(False, "g(case 1): wrong values")})
    f, g = _tests(report)["f"], _tests(report)["g"]
    assert (f.score, f.passed, f.outcome) == (1.0, True, Outcome.PASSED)
    assert (g.score, g.passed, g.outcome, g.message) == (0.0, False, Outcome.FAILED, "g(case 1): wrong values")
    assert report.status is Status.PARTLY_GRADED and not report.complete
    assert "the kernel died" in report.error and report.score == 1.0 and report.max_score == 3.0


def test_rule_2_passing_in_both_passes_keeps_nbgrader_score():
    report = decide(A, "toy", NbgraderPass("", FULL), PASS)
    assert report.status is Status.GRADED and report.complete and not report.error
    assert report.score == report.nbgrader_score == 3.0
    assert all(t.outcome is Outcome.PASSED and t.verified and not t.flagged for t in report.tests)


@pytest.mark.parametrize("failure", [Failure.VISIBLE_CASE, Failure.TAMPERING])
def test_rule_3a_passing_in_the_kernel_what_fails_outside_is_flagged(failure):
    report = decide(A, "toy", NbgraderPass("", FULL),
                    {**PASS, "g": Verdict(False, "g(case 2): wrong values", failure=failure)})
    g = _tests(report)["g"]
    assert (g.score, g.nbgrader_score, g.flagged, g.outcome) == (0.0, 2.0, True, Outcome.FLAGGED)
    assert g.message == TAMPERING + "g(case 2): wrong values"
    assert report.flagged == ["test_g"] and report.score == 1.0 and report.nbgrader_score == 3.0
    assert _tests(report)["f"].score == 1.0


@pytest.mark.parametrize("verdict, outcome", [
    (Verdict(False, "g(a hidden case): wrong values", failure=Failure.HIDDEN_CHECK), Outcome.FAILED),
    (Verdict(False, "g (a property): not in place", failure=Failure.HIDDEN_CHECK), Outcome.FAILED),
    (Verdict(False, "the grading process died while running g"), Outcome.FAILED),
    (Verdict(False, "timed out after 5 s while running g", timed_out=True), Outcome.TIMED_OUT),
], ids=["hidden case", "property", "crash", "time out"])
def test_rule_3b_failing_only_what_the_kernel_never_runs_is_a_plain_failure(verdict, outcome):
    """Under python -m autograder the kernel runs the visible cases only: a hidden failure
    outside is the grade, not a sign of tampering."""
    report = decide(A, "toy", NbgraderPass("", FULL), {**PASS, "g": verdict})
    g = _tests(report)["g"]
    assert (g.score, g.nbgrader_score, g.flagged, g.outcome) == (0.0, 2.0, False, outcome)
    assert g.message == verdict.reason and report.flagged == [] and report.score == 1.0


def test_rule_4_an_interrupted_cell_is_a_time_out_only_if_the_verification_timed_out_too():
    interrupted = {**FULL, "g": KernelTest(0.0, 2.0, "KeyboardInterrupt", interrupted=True)}
    timed_out = decide(A, "toy", NbgraderPass("", interrupted),
                       {**PASS, "g": Verdict(False, "g(case 1) timed out after 5 s", timed_out=True)})
    g = _tests(timed_out)["g"]
    assert g.outcome is Outcome.TIMED_OUT and g.score == 0
    assert g.message == "timed out: g(case 1) timed out after 5 s (an infinite loop?)"
    raised = decide(A, "toy", NbgraderPass("", interrupted), {**PASS, "g": Verdict(False, "g raised KeyboardInterrupt")})
    g = _tests(raised)["g"]
    assert g.outcome is Outcome.FAILED and g.message == "KeyboardInterrupt: the code raised KeyboardInterrupt"


def test_rule_5_failing_in_the_kernel_keeps_nbgrader_message():
    report = decide(A, "toy", NbgraderPass("", {**FULL, "f": KernelTest(0.0, 1.0, "CheckFailed: f([1]): wrong")}),
                    PASS)
    f = _tests(report)["f"]
    assert (f.score, f.outcome, f.message, f.flagged) == (0.0, Outcome.FAILED, "CheckFailed: f([1]): wrong", False)
    assert f.verified, "the verification verdict is kept for the instructor"


def test_rule_6_a_test_without_a_result_is_not_graded():
    report = decide(A, "toy", NbgraderPass("", {"f": FULL["f"]}), PASS)
    g = _tests(report)["g"]
    assert (g.score, g.max_score, g.outcome) == (0.0, 2.0, Outcome.NOT_GRADED)
    assert g.message.startswith("not graded")


def test_report_json_round_trip_keeps_every_field():
    report = decide(A, "toy", NbgraderPass("", FULL), {**PASS, "g": Verdict(False, "x")})
    report.notes.append("graded old.ipynb (renamed to toy.ipynb)")
    data = report.to_json()
    assert data["status"] == "graded" and "error" not in data
    assert set(data["tests"][0]) >= {"name", "score", "max_score", "passed", "message",
                                     "nbgrader_score", "verified", "flagged", "outcome"}
    again = GradeReport.from_json(data)
    assert again == report and again.to_json() == data


def test_grade_table_marks_only_incomplete_grading():
    """A renamed notebook that graded completely carries a note, not a "!" (was: the rename
    was an error, and the table showed it as not graded completely)."""
    import io

    from dataclasses import replace

    from autograder.tables import print_grade_table
    name = "initialization"  # the table's columns are the course's assignments
    real = replace(A, name=name)
    renamed = decide(real, "ada", NbgraderPass("", FULL), PASS)
    renamed.notes.append("graded old.ipynb (renamed to initialization.ipynb)")
    died = decide(real, "bo", NbgraderPass("the kernel died"), PASS)
    out = io.StringIO()
    print_grade_table({("ada", name): renamed}, out=out)
    assert "3/3" in out.getvalue() and "!" not in out.getvalue()
    print_grade_table({("ada", name): renamed, ("bo", name): died}, out=out)
    bo = next(line for line in out.getvalue().splitlines() if line.startswith("bo"))
    assert "3/3!" in bo and "could not be graded completely" in out.getvalue()
