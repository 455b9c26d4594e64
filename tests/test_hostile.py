"""Broken, hostile and clever submissions all grade to completion, each with a clear reason,
without touching any other function's score or any other student's grade.

The whole class (tests/hostile_submissions.py) is graded in one `grade-all --workers 2` run
in a private course folder.
"""
import json
import os
import shutil
from html import unescape

import pytest

from autograder import course

from conftest import release_notebook, run_cli
from hostile_submissions import A, CLASS, OTHERS, TARGET


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-course")
    shutil.copytree(course.source_notebook_path(A).parent, root / "notebooks" / A)
    release = release_notebook(A)
    for student, spec in CLASS.items():
        folder = root / "grading" / "submitted" / student / A
        folder.mkdir(parents=True)
        (folder / spec.get("filename", f"{A}.ipynb")).write_text(spec["make"](release))
    os.environ["DLCOURSE_CELL_TIMEOUT"] = "15"
    try:
        proc = run_cli("grade-all", "--course", root, "--workers", "2", "--json", timeout=1500)
        feedback = run_cli("feedback", "--course", root, "--workers", "2", timeout=600)
    finally:
        del os.environ["DLCOURSE_CELL_TIMEOUT"]
    assert proc.returncode == 0, proc.stderr
    assert feedback.returncode == 0 and "Traceback" not in feedback.stdout + feedback.stderr, \
        feedback.stdout + feedback.stderr
    reports = {r["student"]: r for r in map(json.loads, proc.stdout.splitlines())}
    return root, reports


def test_every_submission_is_graded(graded):
    _, reports = graded
    assert set(reports) == set(CLASS)


@pytest.mark.parametrize("student", sorted(CLASS))
def test_outcome(graded, student):
    course, reports = graded
    spec, report = CLASS[student], graded[1][student]
    tests = {t["name"][len("test_"):]: t for t in report["tests"]}
    target = tests[TARGET]
    assert target["score"] == spec["he"], f"{student}: {target}"
    if spec.get("reason"):
        assert spec["reason"] in target["message"] or spec["reason"] in report.get("error", ""), target
    if spec.get("error"):
        assert spec["error"] in report.get("error", ""), report
    if spec.get("note"):
        assert any(spec["note"] in note for note in report["notes"]), report
    if spec.get("nbgrader_grades"):
        assert "error" not in report, f"{student}: nbgrader did not grade it: {report.get('error')}"
        assert report["status"] == "graded", report
    assert target["flagged"] == spec.get("flagged", False), target
    if spec.get("flagged"):
        assert target["nbgrader_score"] == target["max_score"], "the tampering worked in the kernel"
        assert not target["verified"]
    for function in OTHERS:
        expected = 0 if spec.get("all_zero") else tests[function]["max_score"]
        assert tests[function]["score"] == expected, f"{student}: {function} moved: {tests[function]}"
    feedback = course / "grading" / "feedback" / student / A / f"{A}.html"
    assert feedback.exists(), f"{student}: no feedback"
    html = feedback.read_text()
    assert "from autograder.hidden import" not in html and "BEGIN HIDDEN TESTS" not in html
    assert "by hand (the tests gave" not in html, "nobody changed a score, so no page may say one was"
    if "error" in report and "nbgrader could not grade" in report["error"] or spec.get("all_zero"):
        # no autograded notebook to show: a plain page with the reason and each verdict
        assert "could not be run from top to bottom" in html, html[:500]
        assert spec.get("error", spec.get("reason", "")) in unescape(html)


def test_scores_reach_the_gradebook_export(graded):
    import csv
    course, reports = graded
    with open(course / "grading" / "grades.csv", newline="") as f:
        rows = {r["student_id"]: float(r["score"]) for r in csv.DictReader(f)}
    for student in ("numpy_comparisons_patched", "checks_patched", "builtins_patched",
                    "reads_caller_frame"):
        # everything but the attacked function (1 point)
        assert rows[student] == reports[student]["score"] == reports[student]["max_score"] - 1, student
