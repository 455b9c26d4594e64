"""The sample class's feedback pages: they never show a hidden value, they say honestly what each
function earned, and they work offline in a browser.

The whole sample class (every built assignment) is graded once for this module in a temporary
course, with ``grade-all`` and ``feedback`` as the demo runs them.
"""
import contextlib
import html
import json
import math
import re
import sys
import tempfile

import nbformat
import numpy as np
import pytest
from nbconvert import HTMLExporter
from nbgrader.preprocessors import GetGrades

from conftest import run_cli, sample_class_course
from test_case_labels import SequenceScan, printed_sequences
from browser import CHROMIUM, NOTEBOOK_PAGE_STATE, Chromium

from autograder import course, hidden, nbgrader_run
from autograder.diagnosis.mistakes import catalogue
from dlcourse.casefile import load_cases
from dlcourse.testing import CheckFailed, concealed, run_cases

# ----------------------------------------------------------------------------- the leak scan

#: a number as pages print it: 3, -0.25, 1.5e-07, .5 (not part of a word or a longer number)
NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?(?![\w.])")
#: numbers printed with fewer significant digits match too many values by chance
MIN_DIGITS, MAX_DIGITS = 4, 12


def _numbers(value):
    """Every number in a case's arguments or expected value (arrays, dicts, lists, scalars)."""
    if isinstance(value, dict):
        for v in value.values():
            yield from _numbers(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _numbers(v)
    elif isinstance(value, np.ndarray):
        if value.dtype.kind in "fiu":
            yield from (float(x) for x in value.ravel())
        elif value.dtype.kind == "O":
            for v in value.ravel():
                yield from _numbers(v)
    elif isinstance(value, (bool, np.bool_)):
        return
    elif isinstance(value, (int, float, np.integer, np.floating)):
        yield float(value)


def _case_numbers(path):
    found = set()
    for group in load_cases(path).values():
        for case in group:
            for part in (case.args, case.kwargs, case.expected):
                found.update(_numbers(part))
    return found


def _significant_digits(token):
    mantissa = token.lower().lstrip("+-").split("e")[0].replace(".", "").lstrip("0")
    return len(mantissa)


def _key(value, digits):
    return f"{value:.{digits - 1}e}"


def _keys(values):
    """``{digits: {value rounded to that many significant digits}}``."""
    values = [v for v in values if math.isfinite(v) and v != 0]
    return {d: {_key(v, d) for v in values} for d in range(MIN_DIGITS, MAX_DIGITS + 1)}


def _trivial(value):
    return value == 0 or (value.is_integer() and abs(value) < 1e6)


class LeakScan:
    """Numbers of the hidden cases (``autograder/references/*.h5``: inputs and expected values)
    that the release does not show (the visible cases, ``source/dlcourse/references/*.h5``,
    and the numbers written in the release notebooks)."""

    def __init__(self):
        hidden, shown = set(), set()
        for assignment in course.built():
            hidden |= _case_numbers(course.hidden_reference_path(assignment))
            shown |= _case_numbers(course.visible_reference_path(assignment))
            source = course.source_notebook(assignment)
            for cell in source.cells:
                shown.update(float(t) for t in NUMBER.findall(cell.source))
        self.hidden_count = len(hidden - shown)
        self.hidden, self.shown = _keys(hidden), _keys(shown)

    def leaks(self, text, also_shown=frozenset()):
        """The hidden-only numbers in ``text``: every number printed with 4 or more significant
        digits is rounded, as printed, and compared with every hidden value rounded the same way.
        ``also_shown``: numbers the student's own notebook printed on the release's inputs."""
        shown_here = _keys(also_shown)
        found = []
        for match in NUMBER.finditer(text):
            token = match.group(0)
            digits = min(_significant_digits(token), MAX_DIGITS)
            value = float(token)
            if digits < MIN_DIGITS or _trivial(value):
                continue
            key = _key(value, digits)
            if key in self.hidden[digits] and key not in self.shown[digits] \
                    and key not in shown_here[digits]:
                found.append(f"{token} in: ...{text[max(0, match.start() - 80):match.end() + 20]}...")
        return found


@pytest.fixture(scope="module")
def scan():
    return LeakScan()


@pytest.fixture(scope="module")
def sequence_scan():
    return SequenceScan()


def page_text(page_html):
    """What a reader sees of a page: the text outside scripts and styles, entities decoded."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", page_html, flags=re.S | re.I)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def without_own_results(text):
    """``text`` without the "got:" line of a visible case's failure: the student's own result on
    an input the release shows (a hidden case's message never has one)."""
    return re.sub(r"got:[^\n]*", " ", text)


def own_output(notebook):
    """What the student's notebook printed outside its test cells: its own code on the
    release's inputs (the hidden checks run only in test cells)."""
    texts = []
    for cell in notebook.cells:
        if cell.cell_type != "code" or cell.metadata.get("nbgrader", {}).get("grade"):
            continue
        for output in cell.get("outputs", []):
            texts.append(output.get("text", "") + "".join(
                str(v) for k, v in output.get("data", {}).items() if k.startswith("text/plain")))
    return "\n".join(texts)


def own_numbers(notebook):
    """Numbers the student's notebook printed outside its test cells."""
    return {float(t) for t in NUMBER.findall(own_output(notebook))}


# ----------------------------------------------------------------------------- the sample class

@pytest.fixture(scope="module")
def sample_feedback(tmp_path_factory):
    """The whole sample class graded and its feedback written, in a temporary course.
    Returns ``(root, {(student, assignment): report JSON}, {(student, assignment): page path})``."""
    root = tmp_path_factory.mktemp("feedback") / "course"
    for assignment in course.built():
        sample_class_course(root, assignment)
    graded = run_cli("grade-all", "--course", root, "--json", "--workers", "2", timeout=3600)
    assert graded.returncode == 0, graded.stderr
    reports = {(r["student"], r["assignment"]): r for r in map(json.loads, graded.stdout.splitlines())}
    written = run_cli("feedback", "--course", root, "--workers", "2", timeout=1800)
    assert written.returncode == 0, written.stdout + written.stderr
    pages = {key: root / "grading" / "feedback" / key[0] / key[1] / f"{key[1]}.html" for key in reports}
    assert reports and all(p.exists() for p in pages.values()), written.stdout
    return root, reports, pages


def test_no_feedback_page_or_report_shows_a_hidden_value(sample_feedback, scan, sequence_scan):
    """No hidden number (inputs and expected values), and no list or tuple of a hidden case's
    inputs (what a label written from the inputs prints), on any page or in any report."""
    root, reports, pages = sample_feedback
    assert scan.hidden_count > 1000, "the hidden cases hold numbers to look for"
    assert len(sequence_scan.hidden) >= 10, "the hidden cases hold lists and tuples to look for"
    failures = sum(1 for r in reports.values() for t in r["tests"] if not t["passed"])
    assert failures >= 20, "the sample class fails on hidden cases too"
    found = []
    for (student, assignment), page in sorted(pages.items()):
        autograded = root / "grading" / "autograded" / student / assignment / f"{assignment}.ipynb"
        output = own_output(nbformat.read(str(autograded), as_version=4)) if autograded.exists() else ""
        own = {float(t) for t in NUMBER.findall(output)}
        own_sequences = set(printed_sequences(output))
        text = without_own_results(page_text(page.read_text(encoding="utf-8")))
        messages = without_own_results("\n".join(t["message"] for t in reports[(student, assignment)]["tests"]))
        for where, shown in ((f"{student}/{assignment}", text), (f"{student}/{assignment} report", messages)):
            found += [f"{where}: {leak}" for leak in scan.leaks(shown, own)]
            found += [f"{where}: {leak}" for leak in sequence_scan.leaks(shown, own_sequences)]
    assert found == [], "\n".join(found[:20])


def _wrong_softmax(Z):
    """A softmax 10 % too small everywhere: it fails the first hidden case of softmax."""
    e = np.exp(Z - Z.max(axis=0, keepdims=True))
    return 0.9 * e / e.sum(axis=0, keepdims=True)


def _kernel_failure(reveal):
    """The message the kernel's hidden check (autograder.hidden) raises on _wrong_softmax, with
    concealment on, or switched off (``reveal``)."""
    with pytest.MonkeyPatch.context() as patch:
        if reveal:
            patch.setattr(hidden, "concealed", contextlib.nullcontext)
        with pytest.raises(CheckFailed) as failure:
            hidden.check_hidden(_wrong_softmax, "batch_normalization", "softmax", namespace={})
    return str(failure.value)


def _feedback_page_of(message, function="softmax", assignment="batch_normalization"):
    """The feedback page (the course's nbgrader template and preprocessors, as nbgrader_config.py
    sets them, GetGrades aside) of a notebook whose test cell of ``function`` failed with
    ``message``."""
    solution = nbformat.v4.new_code_cell(f"def {function}(Z):\n    return Z", metadata={"nbgrader": {
        "grade": False, "grade_id": function, "locked": False, "solution": True}})
    test = nbformat.v4.new_code_cell(
        f'check({function}, "{assignment}")\n### BEGIN HIDDEN TESTS\n'
        f'check_hidden({function}, "{assignment}")\n### END HIDDEN TESTS',
        metadata={"nbgrader": {"grade": True, "grade_id": f"test_{function}", "locked": True,
                               "points": 1, "score": 0.0, "solution": False}})
    test.outputs = [nbformat.v4.new_output("stream", name="stdout",
                                           text=f"{function}: all 1 visible test(s) passed.\n"),
                    nbformat.v4.new_output("error", ename="CheckFailed", evalue=message,
                                           traceback=["(grader frames)", "CheckFailed: " + message])]
    nb = nbformat.v4.new_notebook(cells=[solution, test])
    config = nbgrader_run.load_config()
    exporter = HTMLExporter(config=config, template_name="feedback")
    for preprocessor in config.GenerateFeedback.preprocessors:
        if preprocessor is not GetGrades:  # it reads the scores from a gradebook
            exporter.register_preprocessor(preprocessor, enabled=True)
    page, _ = exporter.from_notebook_node(nb, resources={"nbgrader": {
        "assignment": assignment, "student": "nobody-graded-this"}})
    return page


def test_the_leak_scan_finds_hidden_values_when_concealment_is_off(scan):
    concealed = page_text(_feedback_page_of(_kernel_failure(reveal=False)))
    assert "softmax(several classes and examples)" in concealed and "0 / 1" in concealed
    assert scan.leaks(without_own_results(concealed)) == []
    revealed = page_text(_feedback_page_of(_kernel_failure(reveal=True)))
    assert "expected:" in revealed
    assert len(scan.leaks(without_own_results(revealed))) >= 4, revealed[-2000:]


def _zero_parameters(layers_dims):
    """An initialization that returns zeros everywhere: wrong for initialize_parameters_he."""
    return {f"{p}{l}": np.zeros((layers_dims[l], layers_dims[l - 1] if p == "W" else 1))
            for l in range(1, len(layers_dims)) for p in "Wb"}


def test_the_sequence_scan_finds_a_label_made_of_the_inputs(sequence_scan):
    """The concealed failure on a hidden case whose input list the release does not show: its page
    names the case in words; with the label written from the input, as before issue 14
    (``initialize_parameters_he([5, 3, 4, 2, 1])``), the scan finds the list."""
    name = "initialize_parameters_he"
    stored = load_cases(course.hidden_reference_path("initialization"))[name]
    case = next(c for c in stored if tuple(map(float, c.args[0])) in sequence_scan.hidden)
    with concealed(), pytest.raises(CheckFailed) as failure:
        run_cases(_zero_parameters, name, [case])
    message = str(failure.value)
    assert message.startswith(f"{name}({case.label})"), message
    page = page_text(_feedback_page_of(message, name, "initialization"))
    assert f"{name}({case.label})" in page
    assert sequence_scan.leaks(without_own_results(page)) == []
    spelled_out = message.replace(f"({case.label})", f"({list(case.args[0])!r})", 1)
    page = page_text(_feedback_page_of(spelled_out, name, "initialization"))
    assert sequence_scan.leaks(without_own_results(page)) != [], page[-2000:]


# ----------------------------------------------------------------------------- an honest page

SUMMARY_ROW = re.compile(
    r'<a href="#fn-(\w+)"><code>\w+</code></a></td>\s*<td>([\d.]+)(?:\s|&nbsp;)*/(?:\s|&nbsp;)*([\d.]+)</td>'
    r'\s*<td><span class="dl-status [\w-]+">([\w ]+)</span></td>\s*</tr>'
    r'(?:\s*<tr class="dl-reason"><td colspan="3"><div class="dl-message">([^<]*)</div>)?')


def test_every_page_opens_with_an_honest_summary(sample_feedback):
    root, reports, pages = sample_feedback
    statuses = set()
    for key, page in sorted(pages.items()):
        text = page.read_text(encoding="utf-8")
        report = reports[key]
        rows = {m.group(1): m.groups()[1:] for m in SUMMARY_ROW.finditer(text)}
        assert list(rows) == [t["name"][len("test_"):] for t in report["tests"]], key
        assert "Points are all-or-nothing per function" in text, key
        assert "Test cell" not in page_text(text), f"{key}: the contents name functions"
        for test in report["tests"]:
            function = test["name"][len("test_"):]
            score, points, status, reason = rows[function]
            statuses.add(status)
            assert (float(score), float(points)) == (test["score"], test["max_score"]), (key, function)
            assert f'id="fn-{function}"' in text, f"{key}: the summary links to {function}'s section"
            if test["score"] < test["max_score"]:
                assert status != "passed", (key, function, status)
                if status == "not attempted":
                    assert "NotImplementedError" in test["message"], (key, function, test["message"])
                else:
                    first = test["message"].splitlines()[0]
                    assert reason and html.unescape(reason) in first, (key, function, reason, first)
                if not test["flagged"]:
                    assert not re.search(rf"{function}: all \d+ hidden test\(s\) passed", text), \
                        f"{key}: {function} lost its points but its cell says all hidden tests passed"
            else:
                assert status == "passed", (key, function)
    assert {"passed", "failed", "not attempted"} <= statuses, statuses


def test_pages_show_no_temporary_path_and_no_grader_traceback(sample_feedback):
    root, reports, pages = sample_feedback
    forbidden = [str(root), tempfile.gettempdir() + "/", "ipykernel_", "Traceback",
                 "dlcourse/testing.py", "testing.py:", "autograder/", "site-packages"]
    for key, page in sorted(pages.items()):
        text = page_text(page.read_text(encoding="utf-8"))
        seen = [word for word in forbidden if word in text]
        assert seen == [], f"{key}: {seen}"


def test_autograded_notebooks_name_no_folder_of_the_grading_machine(sample_feedback):
    """The formgrader shows the autograded notebooks' tracebacks: files are named, not where they
    sit on the grading machine (issue 16)."""
    root = sample_feedback[0]
    notebooks = sorted((root / "grading" / "autograded").glob("*/*/*.ipynb"))
    assert notebooks, "the sample class was autograded"
    folders = [str(root), str(course.ROOT), tempfile.gettempdir() + "/", sys.prefix]
    errors = 0
    for path in notebooks:
        for cell in nbformat.read(str(path), as_version=4).cells:
            for output in cell.get("outputs", []):
                errors += output.get("output_type") == "error"
                text = json.dumps(output)
                seen = [folder for folder in folders if folder in text]
                assert seen == [], f"{path.relative_to(root)}: {seen}"
    assert errors, "the sample class has failing cells whose tracebacks were checked"


# ----------------------------------------------------------------------------- in a browser

# What a feedback page looks like once its scripts ran, besides NOTEBOOK_PAGE_STATE: its width, its summary
# and function bars, and the computation-graph table of batch_normalization (3 cells a row).
FEEDBACK_STATE = r"""
(() => ({
  scrollWidth: document.documentElement.scrollWidth,
  clientWidth: document.documentElement.clientWidth,
  summaryRows: document.querySelectorAll("#summary tbody").length,
  bars: document.querySelectorAll("nav.dl-fnbar").length,
  brokenLinks: [...document.querySelectorAll("a[href^='#fn-']")]
      .filter(a => !document.getElementById(a.getAttribute("href").slice(1))).length,
  graphTable: (() => {
    const t = [...document.querySelectorAll("table")].find(t => t.textContent.includes("backward (from"));
    return t ? [...t.querySelectorAll("tbody tr")].map(r =>
        [r.cells.length, r.querySelectorAll("mjx-container").length]) : null;
  })(),
}))()
"""


@pytest.fixture(scope="module")
def offline_chromium():
    if CHROMIUM is None:
        pytest.skip("no browser: install Debian's chromium package to run the browser checks "
                    "(.ci/run does it with apt-get where it can)")
    browser = Chromium(timeout=120)
    browser.call("Network.emulateNetworkConditions", session=True, offline=True, latency=0,
                 downloadThroughput=-1, uploadThroughput=-1)
    yield browser
    browser.close()


@pytest.mark.parametrize("width", [1280, 420])
def test_pages_work_offline_in_a_browser(sample_feedback, offline_chromium, width):
    root, reports, pages = sample_feedback
    browser = offline_chromium
    browser.call("Emulation.setDeviceMetricsOverride", session=True, width=width, height=900,
                 deviceScaleFactor=1, mobile=False)
    for (student, assignment), page in sorted(pages.items()):
        where = f"{student}/{assignment} at {width} px"
        browser.open(page.as_uri())
        state = browser.evaluate(NOTEBOOK_PAGE_STATE)
        assert state["mathjax"] and state["formulas"] > 0, f"{where}: MathJax did not typeset"
        assert state["mathErrors"] == [], f"{where}: {state['mathErrors'][:3]}"
        assert state["rawTex"] == [], f"{where}: TeX left unrendered: {state['rawTex'][:3]}"
        shape = browser.evaluate(FEEDBACK_STATE)
        assert shape["scrollWidth"] <= shape["clientWidth"], f"{where}: wider than the window {shape}"
        assert shape["summaryRows"] == len(reports[(student, assignment)]["tests"]), where
        assert shape["bars"] >= shape["summaryRows"] and shape["brokenLinks"] == 0, (where, shape)
        if assignment == "batch_normalization":
            assert shape["graphTable"] and all(cells == 3 and formulas >= 2
                                               for cells, formulas in shape["graphTable"]), (where, shape)
    outside = [u for u in browser.requested_urls() if not u.startswith(("file:", "data:"))]
    assert outside == [], f"requests left the page: {outside[:5]}"
    assert browser.problems() == [], browser.problems()[:5]


# ----------------------------------------------------------------------------- the summary's rules

def test_statuses_and_diagnosis_on_the_summary(tmp_path):
    from autograder import feedback, summary
    from autograder.report import GradeReport, Outcome, TestResult
    tests = [TestResult("test_a", 2.0, 2.0, True, outcome=Outcome.PASSED),
             TestResult("test_b", 0.0, 1.0, False, "CheckFailed: b(pad = 0): result has shape (0, 0, 3), "
                        "expected (6, 6, 3)\nmore", outcome=Outcome.FAILED),
             TestResult("test_c", 0.0, 1.0, False, "CheckFailed: c(x): not implemented yet (the "
                        "function still raises NotImplementedError)", outcome=Outcome.FAILED),
             TestResult("test_d", 0.0, 3.0, False, "possible tampering: ...", nbgrader_score=3.0,
                        flagged=True, outcome=Outcome.FLAGGED),
             TestResult("test_e", 0.0, 1.0, False, "timed out: e(x)", outcome=Outcome.TIMED_OUT)]
    (entry,) = [m for ms in catalogue("cnn_step_by_step").values() for m in ms
                if m.id == "pad-negative-slice"]
    tests[1].diagnosis = {"id": entry.id, "text": entry.text}  # as the grader attaches it
    report = GradeReport("cnn_step_by_step", "x.ipynb", tests=tests, error="a test").total()
    rows = summary.rows(report, unattempted={"c"})
    S = summary.RowStatus
    assert [r.status for r in rows] == [S.PASSED, S.FAILED, S.NOT_ATTEMPTED, S.FLAGGED, S.TIMED_OUT]
    assert rows[1].reason == "b(pad = 0): result has shape (0, 0, 3), expected (6, 6, 3)"
    assert rows[1].diagnosis == entry.text and rows[0].diagnosis == ""
    assert summary.headline(report) == "1 of 5 functions passed: 2 / 8 points."
    feedback.write_plain_page(tmp_path / "page.html", report)
    text = page_text((tmp_path / "page.html").read_text())
    assert f"This looks like: {entry.name}. Hint: {entry.hint}" in text
    assert text.count("This looks like") == 1, "the catalogue's text says it once"
    assert "all-or-nothing per function" in text and "timed out" in text
    assert "RowStatus" not in text, "a status shows as its word"
    assert all(f" {row.status.value} " in text for row in summary.rows(report))  # the plain page's rows


def test_a_score_changed_by_hand_shows_on_the_plain_page_with_a_note(tmp_path):
    from autograder import feedback
    from autograder.report import GradeReport, Outcome, TestResult, with_final_scores
    tests = [TestResult("test_a", 2.0, 2.0, True, outcome=Outcome.PASSED),
             TestResult("test_b", 0.0, 1.0, False, "CheckFailed: b(x): result is wrong",
                        outcome=Outcome.FAILED)]
    report = GradeReport("cnn_step_by_step", "x.ipynb", tests=tests).total()
    assert with_final_scores(report, {"test_a": 2.0, "test_b": 0.0}) == report, "no change, no note"
    changed = with_final_scores(report, {"test_b": 1.0})
    assert (report.score, changed.score, changed.max_score) == (2.0, 3.0, 3.0)
    assert [t.outcome for t in changed.tests] == [t.outcome for t in tests], "what grading found stays"
    feedback.write_plain_page(tmp_path / "page.html", changed)
    text = page_text((tmp_path / "page.html").read_text())
    assert "b: the grader gave 1 / 1 by hand (the tests gave 0)." in text
    assert "1 of 2 functions passed: 3 / 3 points." in text
