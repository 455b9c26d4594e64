"""The command line: bad input gets one clear line and status 2; grade prints the documented JSON;
check passes; the main job (demo) grades the sample class."""
import csv
import json
import re
import shutil

import pytest

from autograder import cli, course, exchange
from autograder.course import GRADING
from autograder.nbgrader_run import load_config

from conftest import expected_sample_scores, run_cli


@pytest.mark.parametrize("args, fragment", [
    ([], "a command is required"),
    (["frobnicate"], "invalid choice"),
    (["grade"], "the following arguments are required"),
    (["grade", "no_such_assignment", "x.ipynb"], "unknown assignment 'no_such_assignment'"),
    (["release", "no_such_assignment"], "unknown assignment"),
    (["check", "../notebooks"], "unknown assignment"),
    (["grade", "initialization", "missing.ipynb"], "no such file"),
    (["grade", "initialization", "TEXT"], "not a readable notebook"),
    (["grade", "initialization", "notebooks"], "is a folder"),
    (["grade", "initialization", "BROKEN"], "not a readable notebook"),
    (["grade-all", "--workers", "0"], "--workers must be at least 1"),
    (["grade-all", "--workers", "two"], "invalid int value"),
    (["grade-all", "--scheduler", "local", "--workers", "0"], "--workers must be at least 1"),
    (["grade-all", "--scheduler", "tcp://127.0.0.1:9", "--workers", "2"], "--workers goes with"),
    (["feedback", "--scheduler", "tcp://127.0.0.1:9", "--workers", "2"], "--workers goes with"),
    (["grade-all", "--course", "/nonexistent"], "has no grading/submitted/ folder"),
    (["grade", "initialization", "x.ipynb", "--instructor-detail"], "--instructor-detail goes with --json"),
    (["report", "--course", "/nonexistent"], "has no grading/ folder"),
])
def test_bad_arguments_get_one_line_and_status_2(args, fragment, tmp_path):
    (tmp_path / "broken.ipynb").write_text('{"cells": [ {"cell_type": "code", ')  # cut short
    (tmp_path / "notes.txt").write_text("my answers: W = randn * sqrt(2/n)\n")
    files = {"BROKEN": tmp_path / "broken.ipynb", "TEXT": tmp_path / "notes.txt"}
    args = [str(files.get(a, a)) for a in args]
    proc = run_cli(*args)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("autograder: error: "), proc.stderr
    assert fragment in lines[0]
    assert "Traceback" not in proc.stderr + proc.stdout


def test_grade_json_and_table(tmp_path):
    source = course.source_notebook_path("initialization")
    copy = tmp_path / "my work (final).ipynb"
    shutil.copyfile(source, copy)
    before = copy.read_bytes()
    proc = run_cli("grade", "initialization", copy, "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    # every field the JSON had before the report was typed stays; status and notes were added
    assert set(report) == {"assignment", "notebook", "score", "max_score", "tests", "nbgrader_score",
                           "status", "notes", "seconds"}
    assert report["seconds"] > 0
    assert report["status"] == "graded" and report["notes"] == []
    assert report["assignment"] == "initialization" and report["notebook"] == str(copy)
    assert report["score"] == report["max_score"] == 4
    assert [t["name"] for t in report["tests"]] == [
        "test_initialize_parameters_zeros", "test_initialize_parameters_random",
        "test_initialize_parameters_he", "test_normalize_inputs"]
    for t in report["tests"]:
        assert set(t) == {"name", "score", "max_score", "passed", "message",
                          "nbgrader_score", "verified", "flagged", "outcome", "diagnosis", "hidden_failures",
                          "kind"}
        assert t["kind"] is None, "a passed test has no failure kind"
        assert t["hidden_failures"] == []
        assert t["passed"] and t["outcome"] == "passed" and t["message"] == "" and t["verified"] and not t["flagged"]
    assert copy.read_bytes() == before, "grading never modifies the file"
    table = run_cli("grade", "initialization", copy)
    assert table.returncode == 0
    assert "score 4 / 4" in table.stdout and "test_initialize_parameters_he" in table.stdout


def test_check_command_passes(assignment):
    proc = run_cli("check", assignment)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f"ok   {assignment} solution" in proc.stdout
    assert f"ok   {assignment} blank release" in proc.stdout


def test_demo_releases_grades_the_sample_class_and_exports():
    proc = run_cli("demo", "--no-site")  # the site is built and browsed in tests/test_site.py
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    exchange_root, course_id = exchange.settings(load_config())
    for assignment in course.built():
        assert (GRADING / "release" / assignment / f"{assignment}.ipynb").exists()
        released = exchange_root / course_id / "outbound" / assignment / f"{assignment}.ipynb"
        assert released.exists(), "students find every assignment in the exchange"
    with open(GRADING / "grades.csv", newline="") as f:
        rows = {(r["student_id"], r["assignment"]): float(r["score"]) for r in csv.DictReader(f)}
    for assignment in course.built():
        for student, expected in expected_sample_scores(assignment).items():
            assert rows[(student, assignment)] == expected, (student, assignment)
            feedback = GRADING / "feedback" / student / assignment / f"{assignment}.html"
            assert feedback.exists(), f"feedback for {student}"
            assert f"{student}" in proc.stdout
    page = GRADING / "report" / "index.html"
    assert f"class report: {page}" in proc.stdout, "the main job says where the class report is"
    text = page.read_text(encoding="utf-8")
    assert all(f'<section id="{a}">' in text for a in course.built())


def test_grade_json_is_safe_and_the_instructor_flag_adds_the_hidden_case(tmp_path):
    """ben's softmax (batch_normalization's sample class) fails only on the hidden logits of
    +-1000: the default JSON names the case without a value; --instructor-detail adds its inputs
    and expected values."""
    from autograder import samples
    from autograder.submissions import write_submission
    from conftest import release_notebook
    from dlcourse.casefile import load_cases
    a = "batch_normalization"
    path = tmp_path / f"{a}.ipynb"
    write_submission(path, release_notebook(a), a,
                     samples.implementations_for(a, samples.load(a).CLASS["ben"]))
    safe = json.loads(run_cli("grade", a, path, "--json").stdout)
    detailed = json.loads(run_cli("grade", a, path, "--json", "--instructor-detail").stdout)
    softmax = {t["name"]: t for t in safe["tests"]}["test_softmax"]
    assert not softmax["passed"] and "1000" in softmax["message"], softmax
    assert all("hidden_case" not in t for t in safe["tests"]) and "instructor_detail" not in safe
    assert "expected" not in softmax["message"]
    assert detailed["instructor_detail"] is True
    assert [t["score"] for t in detailed["tests"]] == [t["score"] for t in safe["tests"]]
    case = {t["name"]: t for t in detailed["tests"]}["test_softmax"]["hidden_case"]
    stored = next(c for c in load_cases(course.hidden_reference_path(a))["softmax"]
                  if c.label == case["label"])
    assert f"softmax({stored.label})" in softmax["message"]
    assert case["expected"] == stored.expected.tolist() and case["args"][0] == stored.args[0].tolist()
    assert all(t["hidden_case"] is None or t["hidden_case"]["label"] for t in detailed["tests"]
               if not t["passed"])


def test_readme_module_docstring_and_parser_name_the_same_commands(capsys):
    """Every subcommand is in the README's list and in cli.py's usage text, and neither names one
    that does not exist (release-feedback was added to all three at once)."""
    names = cli.command_names(cli.build_parser())
    commands = set(names)
    readme = (course.ROOT / "README.md").read_text(encoding="utf-8")
    assert set(re.findall(r"^\.venv/bin/python -m autograder ([a-z-]+)", readme, flags=re.M)) == commands - {"demo"}
    assert set(re.findall(r"^\s+python -m autograder ([a-z-]+)", cli.__doc__, flags=re.M)) == commands
    assert cli.main([]) == 2
    assert capsys.readouterr().err == f"autograder: error: a command is required: {', '.join(names)}\n"
