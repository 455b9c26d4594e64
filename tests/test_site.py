"""The read-only solutions site (``autograder.site``).

Cheap checks run on every built assignment without executing anything (what the site would
show of each notebook: no hidden test, no solution marker). One small site (the
``initialization`` notebook, a few seconds to execute) is then built and checked twice: as
files (no external resource, links resolve, test cells folded) and in a real browser,
headless Chromium driven through the DevTools protocol over a pipe (Python standard library
only): the index opens, its links lead to every page, previous/next work, formulas are
typeset by the local MathJax, every figure decodes, nothing is fetched from the network, and
the console stays free of errors, from ``file://`` and from a local static web server.
"""
import functools
import http.server
import json
import re
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import NOTEBOOK_PAGE_STATE, chromium  # noqa: F401  (chromium: the browser fixture)

from autograder import course, site
from autograder.cells import graded_functions, grade_id, hide_hidden_tests, is_solution

SITE_ASSIGNMENTS = ["initialization"]  # a subset keeps the suite fast (~7 s of execution)


# ----------------------------------------------------------------------------- no execution

def test_strip_hidden_tests():
    source = ("# Test of f\ncheck(f, 'a')\n### BEGIN HIDDEN TESTS\nfrom autograder.hidden "
              "import check_hidden\ncheck_hidden(f, 'a')\n### END HIDDEN TESTS\n")
    assert hide_hidden_tests(source) == "# Test of f\ncheck(f, 'a')"
    assert hide_hidden_tests("a\n  ### BEGIN HIDDEN TESTS\nsecret\n") == "a"
    assert hide_hidden_tests("a\nb") == "a\nb"


def test_prepared_notebooks_show_no_hidden_test_and_no_marker(assignment):
    source = course.source_notebook(assignment)
    shown = site.prepare_notebook(source)
    text = json.dumps(shown)
    for secret in ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "check_hidden", "autograder.hidden",
                   "autograder.properties", "BEGIN SOLUTION", "END SOLUTION"):
        assert secret not in text, f"{assignment}: {secret!r} would reach the site"
    functions = graded_functions(source)
    tests = [c for c in shown.cells if site.TEST_TAG in c.metadata.get("tags", [])]
    assert [grade_id(c) for c in tests] == [f"test_{f}" for f in functions]
    for cell in tests:
        function = grade_id(cell)[len("test_"):]
        assert f"check({function}," in cell.source, "the visible part of the test is kept"
    for cell in shown.cells:
        if is_solution(cell):
            assert f"def {grade_id(cell)}(" in cell.source, "the solution itself is shown"
    assert json.dumps(source) != text and "BEGIN HIDDEN TESTS" in json.dumps(source), (
        "the source notebook itself is not modified")


def test_topics_come_from_the_section_headings():
    nb = course.source_notebook("initialization")
    topics = site.notebook_topics(nb)
    assert "He initialization" in topics and not any(t[0].isdigit() for t in topics)
    assert site.notebook_title(nb, "x").startswith("Initialization")


def test_refuses_a_foreign_folder_and_unknown_assignments(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(site.SiteError, match="not empty"):
        site.build_site(tmp_path, ["initialization"])
    assert (tmp_path / "notes.txt").read_text() == "mine"
    with pytest.raises(course.UnknownAssignment, match="no_such"):
        site.build_site(tmp_path / "new", ["no_such"])


def test_missing_mathjax_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(site, "mathjax_candidates", lambda: [])
    with pytest.raises(site.SiteError, match="django-static-mathjax"):
        site.build_site(tmp_path / "out", ["initialization"])
    assert not (tmp_path / "out").exists()
    assert [p.name for p in tmp_path.iterdir()] == [], "the staging folder is cleaned up"


# ----------------------------------------------------------------------------- the built site

@pytest.fixture(scope="module")
def built_site(tmp_path_factory):
    out = tmp_path_factory.mktemp("solutions") / "site"
    pages = site.build_site(out, SITE_ASSIGNMENTS)
    return out, pages


class _Page(HTMLParser):
    """Resources, links, text (outside scripts and styles) and folded cells of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.resources, self.links, self.text, self.details, self.stack = [], [], [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.stack.append(tag)
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        for name in ("src", "href", "data", "poster", "srcset"):
            if name in attrs and tag != "a":
                self.resources.append((tag, attrs[name]))
        if tag == "details":
            self.details.append(attrs)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if not {"script", "style"} & set(self.stack):
            self.text.append(data)


def _parse(path):
    parser = _Page()
    raw = path.read_text(encoding="utf-8")
    parser.feed(raw)
    return parser, raw, "".join(parser.text)


def _local_target(folder, href):
    target = href.split("#")[0].split("?")[0]
    return folder / target if target else None


def test_site_files_are_self_contained_and_hide_the_hidden_tests(built_site):
    out, pages = built_site
    assert [p.assignment for p in pages] == SITE_ASSIGNMENTS
    assert (out / site.MARKER).exists()
    assert (out / site.MATHJAX_DIR / site.MATHJAX_SCRIPT).stat().st_size > 100_000
    files = ["index.html"] + [p.filename for p in pages]
    for name in files:
        page, raw, text = _parse(out / name)
        for tag, value in page.resources:
            assert value.startswith("data:") or not re.match(r"^[a-z][a-z0-9+.-]*:|^//", value), (
                f"{name}: <{tag}> loads {value[:80]} from outside the site")
            if not value.startswith("data:"):
                assert _local_target(out, value).is_file(), f"{name}: missing {value}"
        assert not re.search(r"url\(\s*['\"]?(https?:)?//", raw), f"{name}: CSS loads a remote file"
        assert not re.search(r"@import\s+(url\()?['\"]?(https?:)?//", raw)
        assert "cdnjs" not in raw and "unpkg" not in raw and "require.min.js" not in raw
        for href in page.links:
            if not re.match(r"^(https?:|mailto:|#)", href):
                assert _local_target(out, href).is_file(), f"{name}: broken link {href}"
        assert "contenteditable" not in raw and "<textarea" not in raw, "read-only pages"

    index, _, index_text = _parse(out / "index.html")
    for page in pages:
        assert page.filename in index.links
        for function in page.graded_functions:
            assert function in index_text
        assert page.topics and all(t in index_text for t in page.topics)
        assert f"{page.seconds:.1f}\u00a0s" in index_text

    for number, page in enumerate(pages):
        parsed, raw, text = _parse(out / page.filename)
        source = course.source_notebook(page.assignment)
        functions = graded_functions(source)
        # folded test cells: one closed <details> per graded function
        assert len(parsed.details) == len(functions) and not any("open" in d for d in parsed.details)
        for function in functions:
            assert f"def {function}(" in text, "the reference solution is shown"
            assert f'check({function}, "{page.assignment}")' in text, "the visible test is shown"
        for cell in source.cells:
            if cell.cell_type == "code" and "### BEGIN HIDDEN TESTS" in cell.source:
                hidden = cell.source.split("### BEGIN HIDDEN TESTS", 1)[1].split(
                    "### END HIDDEN TESTS", 1)[0]
                for line in hidden.splitlines():
                    if len(line.strip()) > 12:
                        assert line.strip() not in text, f"hidden test code on the site: {line!r}"
        for secret in ("HIDDEN TESTS", "check_hidden", "hidden test(s) passed", "SOLUTION ###",
                       "### BEGIN SOLUTION", "### END SOLUTION"):
            assert secret not in text, f"{page.filename}: {secret!r}"
        assert raw.count('src="data:image/png;base64,') >= page.figures >= 1
        assert "index.html" in parsed.links
        if number + 1 < len(pages):
            assert pages[number + 1].filename in parsed.links


# ----------------------------------------------------------------------------- in a browser

def _check_formulas(state, page):
    assert state["mathjax"], f"{page}: MathJax did not load"
    assert state["formulas"] > 0, f"{page}: no formula was typeset"
    assert state["mathErrors"] == [], f"{page}: MathJax could not typeset: {state['mathErrors'][:3]}"
    assert state["rawTex"] == [], f"{page}: TeX left unrendered: {state['rawTex'][:3]}"


def _check_page(state, page):
    _check_formulas(state, page)
    assert state["images"], f"{page}: no figure"
    for image in state["images"]:
        assert image["ok"] and image["w"] > 0 and image["h"] > 0, f"{page}: a figure did not decode"
    assert state["details"] > 0 and state["closed"] == state["details"], "test cells start folded"
    assert state["shownWhenOpen"], "unfolding a test cell shows its code"
    assert state["editable"] == 0, "nothing on the page is editable"


def test_site_in_a_browser_from_file_urls(built_site, chromium):
    out, pages = built_site
    index_url = (out / "index.html").as_uri()
    chromium.open(index_url)
    assert chromium.evaluate("document.title") == "Reference solutions"
    listed = chromium.evaluate("[...document.querySelectorAll('table a')].map(a => a.getAttribute('href'))")
    assert listed == [p.filename for p in pages]

    for number, page in enumerate(pages):
        # from the index, follow the link in the table
        chromium.open(index_url)
        chromium.click(f"table a[href='{page.filename}']")
        state = chromium.evaluate(NOTEBOOK_PAGE_STATE)
        assert state["href"] == (out / page.filename).as_uri()
        _check_page(state, page.filename)
        assert len(state["images"]) >= page.figures
        expected_next = (out / pages[number + 1].filename).as_uri() if number + 1 < len(pages) else None
        assert state["next"] == expected_next
        expected_previous = (out / (pages[number - 1].filename if number else "index.html")).as_uri()
        assert state["previous"] == expected_previous
        # and back to the index through the navigation bar
        chromium.click(".dl-nav-top a.dl-site")
        assert chromium.evaluate("location.href") == index_url

    # previous/next walk the whole course: index -> first page -> ... -> last page -> back
    chromium.open(index_url)
    chromium.click(".dl-nav-top a.dl-next")
    visited = [chromium.evaluate("location.pathname.split('/').pop()")]
    while chromium.evaluate("!!document.querySelector('.dl-nav-top a.dl-next')"):
        chromium.click(".dl-nav-top a.dl-next")
        visited.append(chromium.evaluate("location.pathname.split('/').pop()"))
    assert visited == [p.filename for p in pages]
    chromium.click(".dl-nav-top a.dl-prev")

    assert chromium.problems() == []
    outside = [u for u in chromium.requested_urls() if not u.startswith(("file://", "data:"))]
    assert outside == [], "the site fetched something from outside: " + ", ".join(outside[:3])


def test_site_in_a_browser_behind_a_static_web_server(built_site, chromium):
    out, pages = built_site
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        chromium.open(base)  # index.html served as the folder's default page
        chromium.click(f"table a[href='{pages[0].filename}']")
        state = chromium.evaluate(NOTEBOOK_PAGE_STATE)
        assert state["href"] == base + pages[0].filename
        _check_page(state, pages[0].filename)
        assert chromium.problems() == []
        outside = [u for u in chromium.requested_urls()
                   if not u.startswith((base, "data:"))]
        assert outside == [], "the site fetched something from outside: " + ", ".join(outside[:3])
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


def test_every_notebooks_formulas_typeset_in_a_browser(assignment, chromium, tmp_path):
    """The lesson text of every built notebook (rendered as the site renders it, without
    executing it) has formulas that the site's MathJax typesets without an error."""
    site.copy_mathjax(tmp_path / site.MATHJAX_DIR)
    nb = site.prepare_notebook(course.source_notebook(assignment))
    nav = {"previous": {"href": "index.html", "label": "index"}, "next": None, "banner": ""}
    page = tmp_path / f"{assignment}.html"
    page.write_text(site.render(site.make_exporter(), nb, assignment, tmp_path, nav), encoding="utf-8")
    chromium.open(page.as_uri())
    _check_formulas(chromium.evaluate(NOTEBOOK_PAGE_STATE), page.name)
    assert chromium.problems() == []


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_solutions_command(tmp_path):
    """``python -m autograder solutions`` (once wired into autograder/cli.py)."""
    from conftest import run_cli
    probe = run_cli("solutions", "--help")
    if probe.returncode == 2 and "invalid choice" in probe.stderr:
        pytest.skip("the solutions subcommand is not wired into autograder/cli.py yet")
    out = tmp_path / "site"
    proc = run_cli("solutions", "initialization", "--out", out)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (out / "index.html").is_file() and (out / "initialization.html").is_file()
    assert str(out / "index.html") in proc.stdout
    again = run_cli("solutions", "initialization", "--out", out)  # a site is replaced whole
    assert again.returncode == 0, again.stderr
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine")
    for args, fragment in ((["--out", foreign], "not empty"), (["no_such"], "unknown assignment")):
        bad = run_cli("solutions", *args)
        assert bad.returncode == 2, bad.stdout + bad.stderr
        lines = bad.stderr.strip().splitlines()
        assert len(lines) == 1 and fragment in lines[0] and "Traceback" not in bad.stderr
    assert (foreign / "notes.txt").read_text() == "mine"
