"""Other implementations of each assignment's graded functions, one module per assignment.

Each module defines
- ``CORRECT``: ``{function: {label: source}}``, correct solutions written differently from the
  reference (other loop forms, vectorised, comprehensions); they must score full marks;
- ``WRONG``: ``{function: {label: source}}``, realistic mistakes; each must score 0 on its
  function and leave every other function's score untouched;
- ``CLASS``: ``{student_id: {function: (kind, label)}}``, the sample class graded by
  ``python -m autograder demo`` (functions not listed get the reference solution; the
  special value ``"blank"`` leaves the whole notebook as released).
"""
import importlib


def load(assignment):
    return importlib.import_module(f"{__name__}.{assignment}")


def implementations_for(assignment, choices):
    """``{function: source}`` for ``{function: (kind, label)}`` with kind ``correct``/``wrong``."""
    module = load(assignment)
    table = {"correct": module.CORRECT, "wrong": module.WRONG}
    return {function: table[kind][function][label] for function, (kind, label) in choices.items()}
