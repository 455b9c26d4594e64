"""The course's HTML templates (Jinja2) and its one stylesheet, ``course.css``.

- ``site.html.j2``: the solutions site's pages (on top of nbconvert's lab template);
- ``feedback_plain.html.j2``: the feedback page of a notebook nbgrader could not run;
- ``class_report.html.j2``: the class report (autograder.class_report_page).
"""
from pathlib import Path

import jinja2

FOLDER = Path(__file__).resolve().parent
LOADER = jinja2.FileSystemLoader(FOLDER)
ENVIRONMENT = jinja2.Environment(loader=LOADER, autoescape=True, undefined=jinja2.StrictUndefined)


def stylesheet():
    """The course's one stylesheet, shared by the feedback pages and the solutions site."""
    return (FOLDER / "course.css").read_text()


def render(name, **values):
    return ENVIRONMENT.get_template(name).render(css=stylesheet(), **values)
