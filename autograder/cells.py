"""Every rule about a course notebook's cells: the markers, and which cell is which.

The conventions (``docs/adding_an_assignment.md`` has the author's view):

- graded function ``f`` lives in one solution cell with ``grade_id`` ``f``; the part a student
  writes is fenced with BEGIN_SOLUTION / END_SOLUTION;
- its test is one locked test cell with ``grade_id`` ``test_f`` and points; the hidden part is
  fenced with BEGIN_HIDDEN / END_HIDDEN;
- code the student needs but does not write (imports, provided functions) sits in locked code
  cells whose ``grade_id`` is ``imports`` or starts with ``provided_``: the reference solution
  of an assignment is exactly those cells plus the solution cells;
- every other cell is locked too, with a descriptive ``grade_id``.
"""
import re

BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
HIDDEN_NOTE = "# (hidden tests: run by the grader; their code is not shown)"
TEST_PREFIX = "test_"


def nbgrader_meta(cell):
    """The cell's nbgrader metadata ({} when it has none, or a broken entry)."""
    meta = cell.get("metadata", {}).get("nbgrader")
    return meta if isinstance(meta, dict) else {}


def grade_id(cell):
    return nbgrader_meta(cell).get("grade_id")


def is_code(cell):
    return cell.get("cell_type") == "code"


def is_solution(cell):
    return bool(nbgrader_meta(cell).get("solution"))


def is_test(cell):
    """A graded test cell (``grade`` set, ``grade_id`` ``test_<function>``)."""
    meta = nbgrader_meta(cell)
    return bool(meta.get("grade")) and (meta.get("grade_id") or "").startswith(TEST_PREFIX)


def is_provided(cell):
    gid = grade_id(cell) or ""
    return is_code(cell) and (gid == "imports" or gid.startswith("provided_"))


def test_name(function):
    """The grade_id of a graded function's test cell."""
    return TEST_PREFIX + function


def tested_function(test):
    """The graded function a test cell's grade_id names (``test_f`` -> ``f``)."""
    return test[len(TEST_PREFIX):] if test.startswith(TEST_PREFIX) else test


def graded_functions(nb):
    """``{function: points}`` of a notebook's graded functions, in order (``nb``: an nbformat
    node or the notebook's JSON as a dict)."""
    return {tested_function(grade_id(c)): nbgrader_meta(c).get("points", 0)
            for c in nb["cells"] if is_test(c)}


def cell_by_id(nb, gid):
    return next(c for c in nb.cells if grade_id(c) == gid)


def strip_solution_markers(source):
    """The solution code with the BEGIN/END SOLUTION marker lines removed."""
    return "\n".join(line for line in source.splitlines()
                     if line.strip() not in (BEGIN_SOLUTION, END_SOLUTION))


def has_hidden_tests(source):
    return BEGIN_HIDDEN in source


def hide_hidden_tests(source, note=None):
    """``source`` without its hidden blocks (marker lines included); each block becomes the
    line ``note`` if given. An unterminated block runs to the end of the cell."""
    kept, hidden = [], False
    for line in source.splitlines():
        marker = line.strip()
        if marker == BEGIN_HIDDEN and not hidden:
            hidden = True
            if note is not None:
                kept.append(line[:len(line) - len(line.lstrip())] + note)
        elif marker == END_HIDDEN and hidden:
            hidden = False
        elif not hidden:
            kept.append(line)
    return "\n".join(kept).rstrip()


def reference_program(nb):
    """Source code of the reference solution: provided cells and solution cells, in order."""
    parts = [strip_solution_markers(c.source) for c in nb.cells
             if is_code(c) and (is_provided(c) or is_solution(c))]
    program = "\n\n".join(parts)
    if re.search(r"^\s*[%!]", program, flags=re.M):
        raise ValueError("provided and solution cells must be plain Python (no magics)")
    return program


def count_figures(nb):
    """How many figures (image outputs) an executed notebook shows."""
    return sum(1 for c in nb.cells for o in c.get("outputs", [])
               if "data" in o and any(k.startswith("image/") for k in o["data"]))
