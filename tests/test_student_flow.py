"""A student's work in JupyterLab, in Chromium: the release notebook opens; on a solved copy,
*Run > Run All Cells* runs every cell without an error output; nbgrader's *Validate* toolbar
button shows the success dialog on the solved copy and, on a blank copy, a dialog that names
each failing test cell.

JupyterLab 4.6 and nbgrader 0.9.6's lab extension are driven as a person would: menus and
buttons are clicked with the mouse (DevTools input events). What a run left in the notebook is
read back from the file JupyterLab saves (the Validate button saves the notebook first).
"""
import json
import re

import nbformat
import pytest
from browser import chromium  # noqa: F401  (the browser fixture)
from conftest import release_notebook
from lab_server import JupyterServer, click_menu

from autograder import course
from autograder.cells import graded_functions
from autograder.submissions import write_submission

A = "gradient_checking"  # the quickest notebook to run (about 10 s)
PANEL = "[...document.querySelectorAll('.jp-NotebookPanel')].find(p => p.offsetParent !== null)"
VALIDATE = "[...document.querySelectorAll('.validate-button')].find(b => b.offsetParent !== null)"
DIALOG = "document.querySelector('.jp-Dialog')"


@pytest.fixture
def student(tmp_path):
    """A student's folder with the release notebook and a solved and a blank copy of it, and
    JupyterLab serving it."""
    release = release_notebook(A)
    nbformat.write(release, str(tmp_path / f"{A}.ipynb"))
    write_submission(tmp_path / "solved.ipynb", release, A)
    write_submission(tmp_path / "blank.ipynb", release, A, fill="blank")
    with JupyterServer(tmp_path) as server:
        yield server, tmp_path


def _open(browser, server, name):
    """Open a notebook of the student's folder (the first from its address, the others with a
    double click in the file browser); returns once its kernel is chosen."""
    item = ("[...document.querySelectorAll('.jp-DirListing-item')]"
            ".find(e => e.querySelector('.jp-DirListing-itemText').textContent.trim() === %s)"
            % json.dumps(name))
    if browser.evaluate(f"!!({item})"):
        browser.mouse_click(item, count=2)
    else:
        # a laptop's window: in the default 800 x 600 the toolbar folds Validate into its "..." menu
        browser.call("Emulation.setDeviceMetricsOverride", session=True, width=1400, height=900,
                     deviceScaleFactor=1, mobile=False)
        browser.open(server.url(f"/lab/tree/{name}"))
    tab = "document.querySelector('.lm-DockPanel-tabBar .lm-mod-current .lm-TabBar-tabLabel')"
    browser.wait_for(f"{tab} && {tab}.textContent === {json.dumps(name)} && (() => {{ const p = {PANEL};"
                     f" return !!(p && p.querySelector('.jp-Cell') && {VALIDATE}); }})()", timeout=90)
    # A fresh JupyterLab profile asks once which kernel to start (Python 3 is preselected).
    try:
        title = browser.wait_for(f"{DIALOG} && {DIALOG}.querySelector('.jp-Dialog-header').innerText",
                                 timeout=5)
    except TimeoutError:
        return
    assert title.strip() == "Select Kernel", title
    browser.mouse_click(f"{DIALOG}.querySelector('.jp-mod-accept')")
    browser.wait_for(f"!{DIALOG}")


def _validate(browser):
    """Click Validate; returns the results dialog's (classes, text) and closes it."""
    browser.mouse_click(VALIDATE)
    browser.wait_for(f"!!({DIALOG} && {DIALOG}.querySelector('#validation-message'))", timeout=180)
    found = browser.evaluate(f"[{DIALOG}.className, {DIALOG}.querySelector('#validation-message')"
                             f".className, {DIALOG}.innerText]")
    browser.mouse_click(f"{DIALOG}.querySelector('.jp-mod-accept')")
    browser.wait_for(f"!{DIALOG}")
    return found


def _test_cell_of(function):
    return f"check({function},"


def test_open_run_all_and_validate(student, chromium):
    server, folder = student
    functions = list(graded_functions(course.source_notebook(A)))

    _open(chromium, server, f"{A}.ipynb")  # the release notebook as received
    cells = len(release_notebook(A).cells)  # JupyterLab attaches them a few at a time
    chromium.wait_for(f"{PANEL}.querySelectorAll('.jp-Notebook .jp-Cell').length === {cells}")
    heading = release_notebook(A).cells[0].source.splitlines()[0].lstrip("# ")
    assert chromium.evaluate(f"{PANEL}.querySelector('.jp-Notebook h1').textContent").startswith(heading)

    _open(chromium, server, "solved.ipynb")
    code_cells = sum(c.cell_type == "code" for c in nbformat.read(str(folder / "solved.ipynb"), 4).cells)
    click_menu(chromium, "Run", "Run All Cells")
    prompts = f"[...{PANEL}.querySelectorAll('.jp-CodeCell .jp-InputPrompt')].map(e => e.textContent.trim())"
    # finished: no cell waits any more ([*]), and some ran (Run All stops at a cell that raises)
    done = chromium.wait_for(
        f"(() => {{ const p = {prompts}; return p.length === {code_cells}"
        f" && !p.includes('[*]:') && p.some(t => /^\\[\\d+\\]:$/.test(t)) && p; }})()", timeout=300)
    assert all(re.fullmatch(r"\[\d+\]:", t) for t in done), f"Run All stopped: {done}"

    dialog, message, text = _validate(chromium)  # saves the notebook, then validates it
    assert "nbgrader-SuccessDialog" in dialog and "validation-success" in message, text
    assert "Success! Your notebook passes all the tests." in text
    ran = nbformat.read(str(folder / "solved.ipynb"), 4)
    assert all(c.execution_count for c in ran.cells if c.cell_type == "code"), "every cell ran"
    errors = [o for c in ran.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert not errors, [f"{o.ename}: {o.evalue}" for o in errors]

    _open(chromium, server, "blank.ipynb")
    dialog, message, text = _validate(chromium)
    assert "nbgrader-ErrorDialog" in dialog and "validation-failed" in message, text
    named = [f for f in functions if _test_cell_of(f) in text]
    assert named == functions, f"every graded function's test cell is named as failing: {text[:2000]}"
    assert text.count("The following cell failed:") == len(functions)
