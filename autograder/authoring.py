"""Conventions of the course's notebooks, and small helpers to read and write their cells.

Every source notebook in ``notebooks/<assignment>/`` follows these rules, which the
grading code relies on:

- graded function ``f`` lives in one solution cell with ``grade_id`` ``f``; the part a
  student writes is fenced with ``### BEGIN SOLUTION`` / ``### END SOLUTION``;
- its test is one locked test cell with ``grade_id`` ``test_f`` and points; the hidden
  part is fenced with ``### BEGIN HIDDEN TESTS`` / ``### END HIDDEN TESTS``;
- code the student needs but does not write (imports, provided functions) sits in locked
  cells whose ``grade_id`` is ``imports`` or starts with ``provided_``: the reference
  solution of an assignment is exactly those cells plus the solution cells;
- every other cell is locked too (read-only), with a descriptive ``grade_id``.
"""
import re

import nbformat

SCHEMA_VERSION = 3
BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"


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
        source.strip("\n"), metadata=_meta("test_" + function_name, grade=True, points=points))


def new_notebook(cells):
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


def grade_id(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def is_solution(cell):
    return bool(cell.get("metadata", {}).get("nbgrader", {}).get("solution"))


def is_provided(cell):
    gid = grade_id(cell) or ""
    return cell.get("cell_type") == "code" and (gid == "imports" or gid.startswith("provided_"))


def graded_functions(nb):
    """Names of the graded functions of a notebook, in order, with their points."""
    out = {}
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        gid = meta.get("grade_id") or ""
        if meta.get("grade") and gid.startswith("test_"):
            out[gid[len("test_"):]] = meta.get("points", 0)
    return out


def strip_solution_markers(source):
    """The solution code with the BEGIN/END SOLUTION marker lines removed."""
    return "\n".join(line for line in source.splitlines()
                     if line.strip() not in (BEGIN_SOLUTION, END_SOLUTION))


def reference_program(nb):
    """Source code of the reference solution: provided cells and solution cells, in order."""
    parts = []
    for cell in nb.cells:
        if cell.get("cell_type") != "code":
            continue
        if is_provided(cell) or is_solution(cell):
            parts.append(strip_solution_markers(cell.source))
    program = "\n\n".join(parts)
    if re.search(r"^\s*[%!]", program, flags=re.M):
        raise ValueError("provided and solution cells must be plain Python (no magics)")
    return program
