"""nbgrader's formgrader, used in a browser as a teaching assistant would.

A small class (two students of the initialization sample class, one of them named in
grading/roster.csv) is graded once with `grade-all` in a course folder that carries the
repository's nbgrader_config.py; a real JupyterLab (tests/lab_server.py) serves it and headless
Chromium (tests/browser.py) opens the formgrader. Checked: the submissions list shows every
student, named, with the score of the saved report; a submission page loads nothing from outside
the server, throws nothing and typesets its formulas with the local MathJax; a score typed into
a test cell's score box reaches the gradebook, and after `feedback` and `report` the feedback
page, both CSV exports and the class report.
"""
import csv
import json
import shutil
import time

import pytest
from nbgrader.api import Gradebook

from browser import chromium  # noqa: F401  (the browser fixture)
from conftest import ROOT, run_cli, sample_class_course
from lab_server import JupyterServer
from test_class_report import _page
from test_feedback_pages import SUMMARY_ROW

A = "initialization"
ROSTER = "id,first_name,last_name,email\nada,Ada,Lovelace,ada@example.org\n"
STUDENTS = 2  # ada (full marks, named in the roster) and ben (one function wrong): enough, and cheap


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """The graded course folder (with its own copy of nbgrader_config.py, as a deployment has)."""
    root = tmp_path_factory.mktemp("formgrader") / "course"
    sample_class_course(root, A, students=STUDENTS)
    (root / "grading" / "roster.csv").write_text(ROSTER)
    shutil.copyfile(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    proc = run_cli("grade-all", "--course", root, "--workers", "2")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root


@pytest.fixture(scope="module")
def lab(graded):
    with JupyterServer(graded) as server:
        yield server


def _saved(root):
    """``{student: the saved report's JSON}``."""
    folder = root / "grading" / "reports" / A
    return {p.stem: json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))}


def _roster_names():
    rows = csv.DictReader(ROSTER.splitlines())
    return {r["id"]: f"{r['last_name']}, {r['first_name']}" for r in rows}


def _submission_id(server, student):
    notebooks = server.api("GET", f"/formgrader/api/submitted_notebooks/{A}/{A}")
    return next(n["id"] for n in notebooks if n["student"] == student)


def _open_submission(browser, server, student):
    """Open a student's submission page and wait until its scores are in and MathJax is done."""
    browser.open(f"{server.base}/formgrader/submissions/{_submission_id(server, student)}/")
    browser.wait_for("window.formgrader && formgrader.grades.loaded")
    try:  # formgrade.js moves the focus once MathJax is done: wait for it before typing
        browser.wait_for("window.MathJax && MathJax.loaded === true", timeout=30)
    except TimeoutError:
        raise AssertionError(f"MathJax did not finish typesetting: {browser.problems()}") from None


def test_the_submissions_list_shows_every_student_named_with_the_reported_score(graded, lab, chromium):
    lab.sign_in(chromium)
    chromium.open(f"{lab.base}/formgrader/manage_submissions/{A}")
    chromium.wait_for("document.querySelectorAll('table tbody td.student-id').length")
    rows = chromium.evaluate("Array.from(document.querySelectorAll('table tbody tr'),"
                             " tr => Array.from(tr.cells, c => c.innerText.trim()))")
    listed = {row[1]: row for row in rows}  # name, id, timestamp, status, score, ...
    saved = _saved(graded)
    assert sorted(listed) == sorted(saved) and len(saved) == STUDENTS
    for student, report in saved.items():
        shown = [float(n) for n in listed[student][4].split("/")]
        assert shown == [report["score"], report["max_score"]], (student, listed[student])
        assert listed[student][3] == "graded", listed[student]
    named = _roster_names()
    for student, row in listed.items():
        # the JavaScript shows "last, first": the roster's name, else the id as last name
        assert row[0] == named.get(student, f"{student},"), row
        assert "None" not in row[0], row
    assert chromium.problems() == []


def test_a_submission_page_works_offline_with_formulas_typeset(graded, lab, chromium):
    saved = _saved(graded)
    student = next(s for s, r in saved.items() if r["score"] < r["max_score"])
    lab.sign_in(chromium)
    _open_submission(chromium, lab, student)
    assert chromium.problems() == [], "no console error, no exception (MathJax is defined)"
    outside = [u for u in chromium.requested_urls()
               if not (u.startswith(lab.base + "/") or u.startswith("data:"))]
    assert outside == [], "the page loads nothing from outside the server"
    typeset = chromium.evaluate("document.querySelectorAll('mjx-container').length")
    assert typeset > 0 and chromium.evaluate("document.querySelectorAll('mjx-merror').length") == 0
    # each test cell's score box: the score given by hand if any, else nbgrader's
    boxes = chromium.evaluate(
        "Object.fromEntries(Array.from(document.querySelectorAll('input.score'),"
        " e => [e.id, e.value || e.placeholder]))")
    assert {t["name"]: t["score"] for t in saved[student]["tests"]} == \
        {name: float(value) for name, value in boxes.items()}


def test_a_score_typed_in_the_formgrader_reaches_feedback_csv_and_report(graded, chromium, tmp_path):
    root = tmp_path / "course"
    shutil.copytree(graded, root)
    saved = _saved(root)
    student = next(s for s, r in saved.items() if 0 < r["score"] < r["max_score"])
    test = next(t for t in saved[student]["tests"] if not t["passed"])
    function = test["name"][len("test_"):]
    with JupyterServer(root) as server:
        server.sign_in(chromium)
        _open_submission(chromium, server, student)
        box, typed = f"document.querySelector('input.score#{test['name']}')", f"{test['max_score']:g}"
        # formgrade.js scrolls (a 500-ms animation) to the box it focused once MathJax was done:
        # a click during the scroll lands elsewhere, so wait for the page to stand still
        chromium.wait_for("!$('body, html').is(':animated')")
        chromium.mouse_click(box, hover=False)
        chromium.wait_for(f"document.activeElement === {box}")
        chromium.type_text(typed)
        chromium.wait_for(f"{box}.value === {json.dumps(typed)}")
        chromium.press("Escape")  # the formgrader's key to leave a box and save it
        gradebook = "sqlite:///" + str(root / "grading" / "gradebook.db")
        deadline = time.monotonic() + 30
        while True:
            with Gradebook(gradebook) as gb:
                manual = gb.find_grade(test["name"], A, A, student).manual_score
            if manual is not None or time.monotonic() > deadline:
                break
            time.sleep(0.3)
        assert manual == test["max_score"], "the score typed in the formgrader is in the gradebook"
        assert chromium.problems() == []

    for command in ("feedback", "report"):
        proc = run_cli(command, "--course", root)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    new_total = saved[student]["score"] + test["max_score"] - test["score"]

    page = (root / "grading" / "feedback" / student / A / f"{A}.html").read_text(encoding="utf-8")
    rows = {m.group(1): m.groups()[1:] for m in SUMMARY_ROW.finditer(page)}
    assert float(rows[function][0]) == test["max_score"], rows[function]
    assert f"Feedback: {A} \N{EM DASH} {new_total:g} / {saved[student]['max_score']:g} points" in page
    assert (f"{function}: the grader gave {test['max_score']:g} / {test['max_score']:g} by hand "
            f"(the tests gave {test['score']:g})") in page

    with open(root / "grading" / "grades.csv", newline="") as f:
        assert {r["student_id"]: float(r["score"]) for r in csv.DictReader(f)}[student] == new_total
    with open(root / "grading" / "scores_by_function.csv", newline="") as f:
        row = {r["student_id"]: r for r in csv.DictReader(f)}[student]
    assert float(row[f"{A}.{function}"]) == test["max_score"] and float(row["total"]) == new_total

    _, tables, _ = _page(root)
    assert [student, f"{new_total:g}"] in tables["dl-scores"]
    assert [student, function, f"{test['score']:g}", f"{test['max_score']:g}"] in tables["dl-changed"]
