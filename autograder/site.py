"""A read-only website of the executed reference solutions: ``python -m autograder solutions``.

Every built assignment's source notebook is executed top to bottom (experiments included),
after two changes that make it safe to show to students and TAs:

- the ``### BEGIN SOLUTION`` / ``### END SOLUTION`` marker lines are removed from the code;
- the hidden part of every test cell (``### BEGIN HIDDEN TESTS`` ... ``### END HIDDEN
  TESTS``) is cut out *before* execution, so neither the hidden code nor anything it would
  print reaches the site. Test cells are shown folded in a ``<details>`` element.

Pages are rendered by nbconvert's ``HTMLExporter`` (lab template) with a small template on
top that adds the navigation (index, previous, next), folds the test cells, and points every
script at local files: the site uses no CDN and no network at view time, so it works from
``file://`` as well as behind any static web server. Formulas are typeset in the browser by a
local copy of MathJax 3 (TeX input, SVG output, so no web fonts to fetch) taken from the
``django-static-mathjax`` package, which holds MathJax's own distribution files and nothing
else; figures are embedded in the pages as data URIs.

Layout of the output folder (flat, so that every relative link also works from ``file://``)::

    index.html              assignments, topics, graded functions, time to run
    <assignment>.html       one page per executed notebook
    static/mathjax/         MathJax 3: tex-svg-full.js, and the menu's on-demand components
    .dlcourse-solutions-site   marker: this folder may be replaced by the next build
"""
import contextlib
import copy
import datetime
import html
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

from . import cells, templates
from . import course
from .execution import execute

DEFAULT_OUT = course.ROOT / "grading" / "site"
MARKER = ".dlcourse-solutions-site"
MATHJAX_SCRIPT = templates.MATHJAX_SCRIPT
MATHJAX_DIR = "static/mathjax"
#: tag given to test cells, which the template folds into a <details> element
TEST_TAG = "dlcourse-test"


class SiteError(Exception):
    """The site cannot be built (missing MathJax, a notebook that fails, a bad output folder)."""


@dataclass
class Page:
    """One notebook page of the site."""
    assignment: str
    title: str
    filename: str
    seconds: float
    topics: list = field(default_factory=list)
    graded_functions: dict = field(default_factory=dict)
    figures: int = 0


# ----------------------------------------------------------------------------- MathJax

def mathjax_candidates():
    """Folders that may hold MathJax 3's browser components (``tex-svg-full.js``)."""
    try:
        return [templates.mathjax_folder()]
    except templates.MathJaxMissing:
        return []


def find_mathjax():
    for folder in mathjax_candidates():
        if (folder / MATHJAX_SCRIPT).is_file():
            return folder
    raise SiteError(
        "no local copy of MathJax 3 found: install the Python package django-static-mathjax "
        "(MathJax's own files; see requirements.txt): the site loads nothing from the "
        "network, so it needs MathJax on disk to typeset formulas")


def copy_mathjax(target):
    """Copy the one combined component the pages load (TeX input, SVG output: no web fonts
    to fetch, which file:// pages could not always do) and the few components its menu
    loads on demand."""
    source = find_mathjax()
    target.mkdir(parents=True)
    shutil.copy2(source / MATHJAX_SCRIPT, target / MATHJAX_SCRIPT)
    for folder in ("ui", "a11y"):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder)
    licence = source.parent / "LICENSE"
    if licence.is_file():
        shutil.copy2(licence, target / "LICENSE")
    return source


# ----------------------------------------------------------------------------- notebooks

def prepare_notebook(nb):
    """A copy of a source notebook as the site shows it: no solution markers, no hidden tests,
    no outputs; test cells tagged so that the template folds them."""
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if cell.get("cell_type") == "code":
            cell.outputs = []
            cell.execution_count = None
        cell.source = cells.strip_solution_markers(cell.source)
        if cells.is_code(cell) and (cells.is_test(cell) or cells.has_hidden_tests(cell.source)):
            cell.source = cells.hide_hidden_tests(cell.source)
            if cells.is_test(cell):
                tags = cell.metadata.setdefault("tags", [])
                if TEST_TAG not in tags:
                    tags.append(TEST_TAG)
    return nb


@contextlib.contextmanager
def execute_prepared(assignment, nb):
    """Execute the prepared notebook in a temporary copy of the assignment's folder (what a
    student's release folder holds), so nothing is written into the repository and no
    solution file ever sits in ``notebooks/`` where nbgrader would release it.

    Yields ``(executed_notebook, seconds, folder)``; the folder (with any file the notebook
    wrote) lives until the block ends, so that the page can be rendered from it."""
    source_path = course.source_notebook_path(assignment)
    with tempfile.TemporaryDirectory(prefix=f"dlcourse-site-{assignment}-") as tmp:
        folder = Path(tmp) / assignment
        shutil.copytree(source_path.parent, folder,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        path = folder / source_path.name
        nbformat.write(nb, str(path))
        try:
            executed, seconds = execute(path, timeout=1800)
        except Exception as exc:  # nbclient's CellExecutionError and kernel failures
            lines = str(exc).strip().splitlines()
            detail = lines[-1] if lines else type(exc).__name__
            raise SiteError(f"{assignment}: the reference notebook failed to execute: {detail}") from exc
        yield executed, seconds, folder


def notebook_title(nb, default):
    for cell in nb.cells:
        if cell.get("cell_type") == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return default


def notebook_topics(nb):
    """The notebook's section headings (``## ...``), without their numbers."""
    topics = []
    for cell in nb.cells:
        if cell.get("cell_type") != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.startswith("## "):
                topic = re.sub(r"^\d+(\.\d+)*\.?\s+", "", line[3:].strip())
                topics.append(topic)
    return topics


# ----------------------------------------------------------------------------- rendering



def make_exporter():
    exporter = HTMLExporter(template_name="lab", template_file="site.html.j2",
                            extra_loaders=[templates.LOADER], embed_images=True, theme="light")
    # Belt and braces: the template overrides every block that uses these, but make sure no
    # CDN address can come back through a block we did not override.
    exporter.require_js_url = ""
    exporter.mermaid_js_url = ""
    exporter.mermaid_layout_elk_js_url = ""
    exporter.jupyter_widgets_base_url = ""
    exporter.mathjax_url = f"{MATHJAX_DIR}/{MATHJAX_SCRIPT}"
    return exporter


def render(exporter, nb, name, folder, nav):
    resources = {
        "metadata": {"name": name, "path": str(folder)},
        "dlcourse": dict(nav, mathjax_url=f"{MATHJAX_DIR}/{MATHJAX_SCRIPT}",
                         mathjax_config=templates.mathjax_config_script(),
                         css=templates.stylesheet()),
    }
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    return body


def index_notebook(pages, built_at):
    rows = ["| # | assignment | topics | graded functions (points) | time to run |",
            "|---|---|---|---|---|"]
    for page in pages:
        number = course.COURSE.index(page.assignment) + 1
        functions = ", ".join(f"`{f}` ({p:g})" for f, p in page.graded_functions.items())
        topics = "; ".join(page.topics)
        rows.append(f"| {number} | [{page.assignment}]({page.filename}) — {_md_cell(page.title)} "
                    f"| {_md_cell(topics)} | {functions} | {page.seconds:.1f}&nbsp;s |")
    total = sum(p.seconds for p in pages)
    text = "\n".join([
        "# Reference solutions",
        "",
        "Each notebook of the course as the instructors wrote it: the lesson, the reference "
        "solution of every graded function, and every experiment run to the end with its "
        "printed results and figures. The test cells are folded and show only their visible "
        "part; the hidden tests are not published.",
        "",
        *rows,
        "",
        f"Built {built_at} by `python -m autograder solutions`; executing the notebooks took "
        f"{total:.1f} s in all. This site is read-only: to run the code, open the notebook "
        "in JupyterLab.",
    ])
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text)])
    nb.metadata["title"] = "Reference solutions"
    return nb


def _md_cell(text):
    return text.replace("|", "\\|")


# ----------------------------------------------------------------------------- the site

def check_out_dir(out):
    """Raise SiteError unless ``out`` is missing, empty, or a site made by a previous build."""
    out = Path(out)
    if out.exists():
        if not out.is_dir():
            raise SiteError(f"{out} exists and is not a folder")
        if any(out.iterdir()) and not (out / MARKER).exists():
            raise SiteError(f"{out} is not empty and was not made by `python -m autograder "
                            f"solutions`: choose another --out folder")


def build_site(out_dir=None, assignments=None, progress=None):
    """Execute and render the reference notebooks into a static site at ``out_dir``.

    ``assignments`` selects a subset (default: every built assignment, in course order).
    The site is written to a staging folder and then replaces ``out_dir`` whole, so a
    failed build leaves the previous site untouched. Returns the list of :class:`Page`.
    """
    built = course.built()
    names = list(assignments) if assignments else built
    for name in names:
        if name not in built:
            raise course.UnknownAssignment(
                f"unknown assignment {name!r} (built: {', '.join(built) or 'none'})")
    names = [n for n in course.COURSE if n in names]  # course order, no duplicates
    out = Path(out_dir) if out_dir is not None else DEFAULT_OUT
    out = out.resolve()
    check_out_dir(out)
    say = progress or (lambda line: None)

    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-staging-", dir=out.parent))
    try:
        copy_mathjax(staging / MATHJAX_DIR)
        exporter = make_exporter()
        built_at = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
        pages = []
        for i, name in enumerate(names):
            source = course.source_notebook(name)
            say(f"executing {name} ...")
            with execute_prepared(name, prepare_notebook(source)) as (nb, seconds, folder):
                page = Page(assignment=name, title=notebook_title(source, name),
                            filename=f"{name}.html", seconds=seconds,
                            topics=notebook_topics(source),
                            graded_functions=cells.graded_functions(source),
                            figures=cells.count_figures(nb))
                nav = {
                    "previous": ({"href": f"{names[i - 1]}.html", "label": names[i - 1]}
                                 if i > 0 else {"href": "index.html", "label": "index"}),
                    "next": ({"href": f"{names[i + 1]}.html", "label": names[i + 1]}
                             if i + 1 < len(names) else None),
                    "banner": html.escape(
                        f"Reference solution of {name}, executed in {seconds:.1f} s on "
                        f"{built_at}. Test cells are folded; hidden tests are not shown."),
                }
                nb.metadata["title"] = f"{name}: {page.title}"
                (staging / page.filename).write_text(render(exporter, nb, name, folder, nav),
                                                     encoding="utf-8")
            say(f"  {name}: {seconds:.1f} s, {page.figures} figure(s)")
            pages.append(page)
        nav = {"previous": None, "banner": "",
               "next": ({"href": pages[0].filename, "label": pages[0].assignment}
                        if pages else None)}
        (staging / "index.html").write_text(
            render(exporter, index_notebook(pages, built_at), "index", staging, nav),
            encoding="utf-8")
        (staging / MARKER).write_text("made by python -m autograder solutions; "
                                      "the next build replaces this folder\n")
        os.chmod(staging, 0o755)  # mkdtemp makes it private; a web server must read it
        check_out_dir(out)
        if out.exists():
            shutil.rmtree(out)
        os.replace(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    say(f"solutions site: {out / 'index.html'}")
    return pages
