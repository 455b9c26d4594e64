"""The course's HTML templates (Jinja2), its one stylesheet ``course.css`` and its MathJax setup.

- ``site.html.j2``: the solutions site's pages (on top of nbconvert's lab template);
- ``feedback/``: the feedback page of a graded notebook, an nbconvert template named
  ``feedback`` (on top of the lab template) that nbgrader's ``generate_feedback`` uses instead
  of its own (nbgrader_config.py puts this folder first among the template folders);
- ``feedback_plain.html.j2``: the feedback page of a notebook nbgrader could not run;
- ``class_report.html.j2``: the class report (autograder.class_report_page);
- ``formgrade/mathjax.html.j2``: MathJax on nbgrader's formgrader pages (see
  :func:`formgrader_mathjax`).

The site, the feedback pages and the formgrader's submission page typeset formulas with a local
copy of MathJax 3 (TeX input, SVG output) taken from the ``django-static-mathjax`` package: the
site links to a copy next to its pages; a feedback page carries it inline, so that the one HTML
file a student receives works offline, and so does a formgrader page.
"""
import functools
import json
from pathlib import Path

import jinja2
import markupsafe

FOLDER = Path(__file__).resolve().parent
LOADER = jinja2.FileSystemLoader(FOLDER)
ENVIRONMENT = jinja2.Environment(loader=LOADER, autoescape=True, undefined=jinja2.StrictUndefined)

#: the one MathJax component the pages load: every TeX extension built in (nothing is fetched
#: on demand), SVG output (no web fonts to fetch)
MATHJAX_SCRIPT = "tex-svg-full.js"

#: MathJax's configuration on every page: the delimiters of Jupyter's markdown
MATHJAX_CONFIG = {
    "tex": {
        "inlineMath": [["$", "$"], ["\\(", "\\)"]],
        "displayMath": [["$$", "$$"], ["\\[", "\\]"]],
        "processEscapes": True,
        "processEnvironments": True,
        "tags": "ams",
    },
    "svg": {"fontCache": "global"},
}

#: what a page whose MathJax is inlined changes: no menu (it would load components from a
#: folder the page does not have), nothing loaded on demand
INLINE_MATHJAX_OPTIONS = {"options": {"enableMenu": False}, "loader": {"load": []}}


class MathJaxMissing(Exception):
    """No local copy of MathJax 3 is installed."""


def stylesheet():
    """The course's one stylesheet, shared by the feedback pages and the solutions site."""
    return (FOLDER / "course.css").read_text()


def mathjax_folder():
    """The folder of MathJax 3's browser components in the django-static-mathjax package."""
    try:
        import mathjax  # the PyPI package django-static-mathjax: MathJax's npm files, nothing else
    except ImportError:
        mathjax = None
    folder = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5" if mathjax else None
    if folder is None or not (folder / MATHJAX_SCRIPT).is_file():
        raise MathJaxMissing(
            "no local copy of MathJax 3 found: install the Python package django-static-mathjax "
            "(MathJax's own files; see requirements.txt): the course's pages load nothing from "
            "the network, so they need MathJax on disk to typeset formulas")
    return folder


def mathjax_config_script(inline=False):
    """The ``<script>`` element that configures MathJax (before MathJax itself loads)."""
    config = dict(MATHJAX_CONFIG, **(INLINE_MATHJAX_OPTIONS if inline else {}))
    return f"<script>window.MathJax = {json.dumps(config)};</script>"


def inline_mathjax_script():
    """MathJax itself as an inline ``<script>`` element, for a page that must work on its own."""
    code = (mathjax_folder() / MATHJAX_SCRIPT).read_text(encoding="utf-8")
    return "<script>" + code.replace("</script", "<\\/script") + "</script>"


#: nbgrader 0.9's formgrade.js waits for MathJax 2's start-up signal ("End") before it selects
#: the first score box; MathJax 3 has no such signal but a promise that settles when the first
#: typesetting is done, so the formgrader's pages give formgrade.js that one call on top of it
MATHJAX2_STARTUP_SIGNAL = """<script>
window.MathJax.Hub = {Startup: {signal: {Interest: function (listener) {
  window.MathJax.startup.promise.then(function () { listener("End"); });
}}}};
</script>"""


@functools.lru_cache(maxsize=1)
def formgrader_mathjax(cdn_url=None):
    """What a formgrader page loads instead of MathJax 2 from ``cdn_url`` (nbconvert's default
    CDN address, which nbgrader's template "formgrade" uses): the course's MathJax 3 inline, with
    the start-up signal formgrade.js waits for. A Jinja filter (see nbgrader_config.py)."""
    return markupsafe.Markup(mathjax_config_script(inline=True) + inline_mathjax_script()
                             + MATHJAX2_STARTUP_SIGNAL)


def render(name, **values):
    return ENVIRONMENT.get_template(name).render(css=stylesheet(), **values)
