"""Helpers to write a course notebook's cells, following the conventions of
:mod:`autograder.cells` (where every rule about the cells lives)."""
import nbformat

from .cells import test_name

SCHEMA_VERSION = 3


def _meta(grade_id, *, grade=False, solution=False, locked=True, points=None):
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked,
            "schema_version": SCHEMA_VERSION, "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def markdown(grade_id, text):
    """A locked markdown cell."""
    return nbformat.v4.new_markdown_cell(text.strip("\n"), metadata=_meta(grade_id))


def code(grade_id, source):
    """A locked code cell (provided code, examples, experiments)."""
    return nbformat.v4.new_code_cell(source.strip("\n"), metadata=_meta(grade_id))


def solution(function_name, source):
    """The cell in which a student writes ``function_name``."""
    return nbformat.v4.new_code_cell(source.strip("\n"),
                                     metadata=_meta(function_name, solution=True, locked=False))


def test(function_name, source, points):
    """The locked autograder test cell of ``function_name``."""
    return nbformat.v4.new_code_cell(
        source.strip("\n"), metadata=_meta(test_name(function_name), grade=True, points=points))


def new_notebook(cells):
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb
