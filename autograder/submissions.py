"""Submission notebooks made from a release notebook and chosen implementations.

Used by the test suite (wrong and alternative implementations must grade as expected), by
``python -m autograder demo`` (the sample class) and by the benchmarks.
"""
import copy

import nbformat

from . import course
from .cells import grade_id, is_solution, strip_solution_markers


def reference_solutions(assignment):
    """``{function_name: source}``: the reference solution cell of each graded function."""
    nb = course.source_notebook(assignment)
    return {grade_id(c): strip_solution_markers(c.source) for c in nb.cells if is_solution(c)}


def make_submission(release_nb, assignment, implementations=None, fill="reference"):
    """A copy of ``release_nb`` with its solution cells filled in.

    Arguments:
    release_nb -- the student version of the notebook (nbformat NotebookNode)
    assignment -- the assignment's name
    implementations -- ``{function_name: source code}`` written into that function's cell
    fill -- what the other solution cells get: ``"reference"`` (the reference solution) or
            ``"blank"`` (left as released, i.e. ``raise NotImplementedError()``)
    """
    implementations = dict(implementations or {})
    references = reference_solutions(assignment) if fill == "reference" else {}
    nb = copy.deepcopy(release_nb)
    for cell in nb.cells:
        if not is_solution(cell):
            continue
        name = grade_id(cell)
        if name in implementations:
            cell.source = implementations.pop(name)
        elif name in references:
            cell.source = references[name]
    if implementations:
        raise KeyError(f"no solution cell for {', '.join(implementations)} in {assignment}")
    return nb


def write_submission(path, release_nb, assignment, implementations=None, fill="reference"):
    nb = make_submission(release_nb, assignment, implementations, fill)
    nbformat.write(nb, str(path))
    return path
