"""The class report (autograder.class_report, class_report_page) and the CSV exports.

One small class (the initialization sample class: four students) is graded once with
`grade-all`; the report it writes is checked against figures computed here from the saved
reports' JSON, a manual score change made through nbgrader's gradebook API must show in the
report and both CSVs after `python -m autograder report`, and the page is opened offline in
headless Chromium (tests/browser.py) at 420 px.
"""
import base64
import contextlib
import csv
import json
import re
import shutil
import statistics
from html.parser import HTMLParser

import numpy as np
import pytest
from dlcourse.casefile import Case
from dlcourse.testing import CheckFailed, Kind, compare, concealed, run_case
from nbgrader.api import Gradebook

from autograder import class_report, class_report_page
from autograder import report as reports

from conftest import run_cli, sample_class_course
from browser import Chromium, chromium  # noqa: F401  (the browser fixture)

A = "initialization"
ROSTER = "id,first_name,last_name,email\nada,Ada,Lovelace,ada@example.org\n"


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """``(course folder, grade-all's stdout, expected scores)`` of the graded sample class."""
    root = tmp_path_factory.mktemp("report") / "course"
    expected = sample_class_course(root, A)
    (root / "grading" / "roster.csv").write_text(ROSTER)
    proc = run_cli("grade-all", "--course", root, "--workers", "2")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return root, proc.stdout, expected


def _saved(root):
    """``{student: the saved report's JSON}``."""
    folder = root / "grading" / "reports" / A
    return {p.stem: json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))}


class _Tables(HTMLParser):
    """Every table of a page: ``[(classes, [[cell text, ...], ...])]`` and row attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self.cell, self.images = [], None, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append((attrs.get("class", ""), []))
        elif tag == "tr" and self.tables:
            self.tables[-1][1].append([])
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "img":
            self.images.append(attrs.get("src", ""))

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][1][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def _page(root):
    parser = _Tables()
    raw = (root / "grading" / "report" / "index.html").read_text(encoding="utf-8")
    parser.feed(raw)
    tables = {}
    for classes, rows in parser.tables:
        for name in classes.split():
            if name.startswith("dl-") and name not in ("dl-results", "dl-sortable"):
                tables[name] = rows
    return raw, tables, parser.images


def test_report_shows_what_the_saved_reports_hold(graded):
    root, stdout, expected = graded
    saved = _saved(root)
    assert {s: r["score"] for s, r in saved.items()} == expected
    assert all(r["seconds"] > 0 for r in saved.values()), "grading time is recorded"
    raw, tables, images = _page(root)

    # pass rate of each function, from the saved JSON
    functions = [t["name"][len("test_"):] for t in next(iter(saved.values()))["tests"]]
    rows = {row[0]: row for row in tables["dl-functions"][1:]}
    assert list(rows) == functions
    for function in functions:
        results = [t for r in saved.values() for t in r["tests"] if t["name"] == "test_" + function]
        passed = sum(t["outcome"] == "passed" for t in results)
        assert rows[function][2] == f"{100 * passed / len(results):.0f}% ({passed} / {len(results)})"
        failing = len(results) - passed
        counts = [int(n) for n in re.findall(r": (\d+)", rows[function][3])]
        assert sum(counts) == failing, (function, rows[function][3])

    # median and quartiles of the saved scores
    scores = sorted(r["score"] for r in saved.values())
    q1, median, q3 = statistics.quantiles(scores, n=4, method="inclusive")
    assert f"median {median:g}, quartiles {q1:g} and {q3:g}" in " ".join(re.sub("<[^>]+>", "", raw).split())
    total = next(iter(saved.values()))["max_score"]
    assert f"median {median:g}/{total:g} (quartiles {q1:g}-{q3:g})" in stdout

    # hidden cases, named by their label, counted per submission
    hidden = {}
    for report in saved.values():
        for test in report["tests"]:
            for label in set(test["hidden_failures"]):
                key = (test["name"][len("test_"):], label)
                hidden[key] = hidden.get(key, 0) + 1
    assert hidden, "the sample class fails hidden cases"
    shown = {(f, label): int(n) for f, label, n in tables["dl-hidden"][1:]}
    assert shown.items() <= hidden.items() and len(shown) == min(len(hidden), 2 * class_report.TOP)
    assert max(shown.values()) == max(hidden.values())

    # grading time, the slowest first
    slowest = [row[0] for row in tables["dl-slowest"][1:]]
    assert slowest == sorted(saved, key=lambda s: -saved[s]["seconds"])[:class_report.TOP]
    assert f"grading time {sum(r['seconds'] for r in saved.values()):.1f} s in all" in stdout
    flagged = [(s, t["name"]) for s, r in saved.items() for t in r["tests"] if t["flagged"]]
    assert [(row[0], "test_" + row[1]) for row in tables.get("dl-flagged", [[]])[1:]] == flagged
    assert ("None flagged." in raw) == (not flagged)
    incomplete = sorted((s, r["status"]) for s, r in saved.items() if r["status"] != "graded")
    assert sorted((row[0], row[1]) for row in tables.get("dl-not-graded", [[]])[1:]) == incomplete
    assert ("Every submission was graded completely." in raw) == (not incomplete)
    # diagnosed mistakes (the optional diagnosis of a failed test), with their students
    diagnosed = {}
    for student, report in sorted(saved.items()):
        for test in report["tests"]:
            if not test["passed"] and test.get("diagnosis"):
                key = (test["name"][len("test_"):], test["diagnosis"]["text"])
                diagnosed.setdefault(key, []).append(student)
    shown = {(f, text): (int(n), who.split(", ")) for f, text, n, who in tables.get("dl-diagnosed", [[]])[1:]}
    assert shown == {key: (len(who), who) for key, who in diagnosed.items()}
    assert ("No diagnosed mistake in these reports" in raw) == (not diagnosed)
    assert len(images) == 2 and all(src.startswith("data:image/png;base64,") for src in images)
    assert not re.search(r"(src|href)=\"(https?:)?//", raw), "the page loads nothing"


def test_the_export_and_the_per_function_csv_agree_with_the_reports(graded):
    root, stdout, expected = graded
    saved = _saved(root)
    with open(root / "grading" / "grades.csv", newline="") as f:
        exported = {r["student_id"]: float(r["score"]) for r in csv.DictReader(f)}
    assert exported == expected
    with open(root / "grading" / "scores_by_function.csv", newline="") as f:
        rows = {r["student_id"]: r for r in csv.DictReader(f)}
    assert set(rows) == set(saved)
    for student, report in saved.items():
        for test in report["tests"]:
            assert float(rows[student][f"{A}.{test['name'][len('test_'):]}"]) == test["score"]
        assert float(rows[student][A]) == float(rows[student]["total"]) == report["score"]
    assert not (root / "grades.csv").exists(), "no second export at the course root"


def test_students_are_registered_with_names(graded):
    root, _, expected = graded
    with Gradebook("sqlite:///" + str(root / "grading" / "gradebook.db")) as gb:
        names = {s.id: (s.first_name, s.last_name) for s in gb.students}
    assert names.pop("ada") == ("Ada", "Lovelace"), "names from the roster"
    assert names == {s: ("", s) for s in expected if s != "ada"}, "the id where no roster row"


def test_a_manual_score_change_shows_after_report(graded, tmp_path):
    root = tmp_path / "course"
    shutil.copytree(graded[0], root)
    saved = _saved(root)
    student = next(s for s, r in saved.items() if 0 < r["score"] < r["max_score"])
    test = next(t for t in saved[student]["tests"] if not t["passed"])
    with Gradebook("sqlite:///" + str(root / "grading" / "gradebook.db")) as gb:
        grade = gb.find_grade(test["name"], A, A, student)
        grade.manual_score = test["max_score"]
        gb.db.commit()
    proc = run_cli("report", "--course", root)
    assert proc.returncode == 0, proc.stderr
    new_total = saved[student]["score"] + test["max_score"]
    with open(root / "grading" / "grades.csv", newline="") as f:
        assert {r["student_id"]: float(r["score"]) for r in csv.DictReader(f)}[student] == new_total
    with open(root / "grading" / "scores_by_function.csv", newline="") as f:
        row = {r["student_id"]: r for r in csv.DictReader(f)}[student]
    assert float(row["total"]) == new_total
    _, tables, _ = _page(root)
    assert [student, f"{new_total:g}"] in tables["dl-scores"]
    assert tables["dl-changed"][1:] == [[student, test["name"][len("test_"):], f"{test['score']:g}",
                                          f"{test['max_score']:g}"]]
    assert "1 score(s) changed by hand" in proc.stdout
    assert _saved(root) == saved, "the report command regrades nothing"


def test_report_before_grading_says_so(tmp_path):
    (tmp_path / "grading").mkdir()
    proc = run_cli("report", "--course", tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "run `python -m autograder grade-all` first" in proc.stdout
    assert not (tmp_path / "grading" / "report").exists()


@pytest.mark.parametrize("args, fragment", [
    (["report", "--course", "/nonexistent"], "has no grading/ folder"),  # also in test_cli
    (["report", "--workers", "2"], "unrecognized arguments"),
    (["report", "--course"], "expected one argument"),
])
def test_report_bad_arguments_are_one_line(args, fragment):
    proc = run_cli(*args)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and fragment in lines[0] and "Traceback" not in proc.stderr


def test_failure_kinds_come_from_the_report_not_from_the_message():
    """The page counts the kind the checks recorded (TestResult.kind, a closed set); a message,
    which a student's code can shape, is never read back."""
    def kind(message, outcome=reports.Outcome.FAILED, recorded=None):
        return class_report.failure_kind(reports.TestResult("test_f", 0, 1, False, message,
                                                            outcome=outcome, kind=recorded))
    assert kind("result has shape (2, 3), expected (3, 2)", recorded=Kind.WRONG_VALUES) == "wrong values"
    assert kind("result has shape (2, 3), expected (3, 2)") == class_report.OTHER
    assert kind("", recorded=Kind.NOT_FINITE) == "NaN or inf in the result"
    assert kind("", reports.Outcome.TIMED_OUT, Kind.RAISED) == "timed out"
    assert kind("possible tampering", reports.Outcome.FLAGGED) == "flagged (possible tampering)"
    assert kind("x", reports.Outcome.PASSED) is None
    # the kind survives the saved JSON; an old report (no kind) or an unknown value reads as None
    report = reports.GradeReport("a", "nb", tests=[reports.TestResult(
        "test_f", 0, 1, False, "m", outcome=reports.Outcome.FAILED, kind=Kind.WRONG_SHAPE)])
    data = json.loads(json.dumps(report.to_json()))
    assert data["tests"][0]["kind"] == "wrong shape or length"
    assert reports.GradeReport.from_json(data).tests[0].kind is Kind.WRONG_SHAPE
    for old in ({}, {"kind": "made up by a student"}, {"kind": ["wrong values"]}, {"kind": {"a": 1}}):
        test = {k: v for k, v in data["tests"][0].items() if k != "kind"} | old
        assert reports.GradeReport.from_json({**data, "tests": [test]}).tests[0].kind is None


def test_a_kind_is_read_back_by_its_value_or_not_at_all():
    """Kind.named is the one place a kind is read from a plain value (a saved report, the
    verification worker's output): every kind by its value, anything else as the default."""
    for kind in Kind:
        assert Kind.named(kind.value) is kind
    for value in (None, "", "Wrong values", ["wrong values"], {"a": 1}, 3):
        assert Kind.named(value) is None
        assert Kind.named(value, Kind.PROPERTY) is Kind.PROPERTY


def test_the_checks_say_what_kind_of_thing_is_wrong():
    """Each of dlcourse.testing's failures carries its kind, the same for a hidden case."""
    cases = [
        (np.zeros(3, dtype=int), np.zeros(3), Kind.WRONG_TYPE),
        ([1.0], np.zeros(1), Kind.WRONG_TYPE),
        (np.zeros((2, 3)), np.zeros((3, 2)), Kind.WRONG_SHAPE),
        ((1.0,), (1.0, 2.0), Kind.WRONG_SHAPE),
        ({"a": 1.0}, {"b": 1.0}, Kind.WRONG_KEYS),
        (np.array([np.nan, 0.0]), np.zeros(2), Kind.NOT_FINITE),
        (float("inf"), 1.0, Kind.NOT_FINITE),
        (np.ones(2), np.zeros(2), Kind.WRONG_VALUES),
        (2.0, 1.0, Kind.WRONG_VALUES),
        (np.ones(2, dtype=bool), np.zeros(2, dtype=bool), Kind.WRONG_VALUES),
        ("x", 1.0, Kind.WRONG_TYPE),
    ]
    for hidden in (False, True):
        for got, expected, wanted in cases:
            with concealed() if hidden else contextlib.nullcontext():
                with pytest.raises(CheckFailed) as failure:
                    compare(got, expected)
            assert failure.value.kind is wanted, (got, expected, hidden, str(failure.value))
    case = Case(label="a case", args=(1,), expected=1.0)

    def unfinished(x):
        raise NotImplementedError

    with pytest.raises(CheckFailed) as failure:
        run_case(unfinished, "f", case)
    assert failure.value.kind is Kind.NOT_IMPLEMENTED
    with pytest.raises(CheckFailed) as failure:
        run_case(lambda x: [][x], "f", case)
    assert failure.value.kind is Kind.RAISED
    with pytest.raises(CheckFailed) as failure:
        run_case(lambda x: np.zeros(2), "f", case)
    assert failure.value.kind is Kind.WRONG_TYPE, "run_case keeps compare's kind"


def test_old_reports_and_diagnoses(graded, monkeypatch):
    """A report saved before hidden_failures and seconds existed still loads; a diagnosis
    (the optional ``diagnosis`` of a test, {"id", "text"}) is counted with its students."""
    root = graded[0]
    old = _saved(root)["dee"]
    del old["seconds"]
    for test in old["tests"]:
        del test["hidden_failures"]
    report = reports.GradeReport.from_json(old)
    assert report.seconds == 0.0 and all(t.hidden_failures == [] for t in report.tests)

    real_load = class_report.load

    def load_with_diagnosis(course_root, assignment, student):
        found = real_load(course_root, assignment, student)
        for test in found.tests:
            if not test.passed and test.function == "initialize_parameters_he":
                test.diagnosis = {"id": "he-scale", "text": "scaled by sqrt(1/n) instead of sqrt(2/n)"}
        return found

    monkeypatch.setattr(class_report, "load", load_with_diagnosis)
    (stats,) = class_report.class_stats(root)
    he = next(f for f in stats.functions if f.function == "initialize_parameters_he")
    failing = sorted(s for s, r in _saved(root).items()
                     if not {t["name"]: t for t in r["tests"]}["test_initialize_parameters_he"]["passed"])
    assert he.diagnoses == [("scaled by sqrt(1/n) instead of sqrt(2/n)", len(failing), failing)]
    html = class_report_page.render_page([stats])
    assert "scaled by sqrt(1/n) instead of sqrt(2/n)" in html and ", ".join(failing) in html


# ----------------------------------------------------------------------------- in a browser

REPORT_PAGE_STATE = r"""
(async () => {
  await Promise.all([...document.images].map(i => i.decode().catch(() => null)));
  const table = document.querySelector("table.dl-functions");
  const rates = () => [...table.tBodies[0].rows].map(r => Number(r.cells[2].dataset.sort));
  const before = rates();
  table.tHead.rows[0].cells[2].click();
  const ascending = rates();
  table.tHead.rows[0].cells[2].click();
  const descending = rates();
  return {
    images: [...document.images].map(i => ({w: i.naturalWidth, h: i.naturalHeight, ok: i.complete,
                                            shown: i.getBoundingClientRect().width})),
    scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
    clientWidth: document.documentElement.clientWidth,
    widest: Math.max(...[...document.querySelectorAll("main *")].map(e => e.getBoundingClientRect().right)),
    before: before, ascending: ascending, descending: descending,
    sections: document.querySelectorAll("main > section").length,
  };
})()
"""


def test_report_in_a_browser_offline_at_420_px(graded, chromium, tmp_path):
    root = graded[0]
    page = root / "grading" / "report" / "index.html"
    mailed = tmp_path / "class-report.html"  # one file: it works anywhere on its own
    shutil.copyfile(page, mailed)
    chromium.call("Network.emulateNetworkConditions", session=True, offline=True, latency=0,
                  downloadThroughput=-1, uploadThroughput=-1)
    chromium.call("Emulation.setDeviceMetricsOverride", session=True, width=420, height=900,
                  deviceScaleFactor=1, mobile=False)
    chromium.open(mailed.as_uri())
    state = chromium.evaluate(REPORT_PAGE_STATE)
    assert state["sections"] == 1
    assert len(state["images"]) == 2
    for image in state["images"]:
        assert image["ok"] and image["w"] > 0 and image["h"] > 0, "a figure did not decode"
        assert 0 < image["shown"] <= 420, "a figure wider than the window"
    assert state["innerWidth"] == 420
    assert state["scrollWidth"] <= state["clientWidth"] and state["widest"] <= state["clientWidth"], (
        f"the page is wider than a 420-px window: {state}")
    assert state["ascending"] == sorted(state["before"])
    assert state["descending"] == sorted(state["before"], reverse=True)
    assert chromium.problems() == []
    outside = [u for u in chromium.requested_urls() if not u.startswith(("file://", "data:"))]
    assert outside == [], "the report fetched something: " + ", ".join(outside[:3])
    chromium.call("Emulation.setDeviceMetricsOverride", session=True, width=420, deviceScaleFactor=1,
                  height=chromium.evaluate("document.documentElement.scrollHeight"), mobile=False)
    shot = chromium.call("Page.captureScreenshot", session=True, format="png")
    png = base64.b64decode(shot["data"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    (tmp_path / "class-report-420px.png").write_bytes(png)
