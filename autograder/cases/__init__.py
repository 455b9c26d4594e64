"""The inputs of every graded function's tests, one module per assignment.

Each module defines ``visible()`` and ``hidden()``, returning ``{function_name: [Case, ...]}``
with inputs only (``expected`` left as ``None``). ``python -m autograder references`` calls the
reference solution on them and stores the results: visible cases in the helper package
(``source/dlcourse/references/``, shipped to students), hidden ones in ``autograder/references/``
(instructor-only). Inputs are built from fixed seeds, so a regeneration is identical.
"""
import importlib


def load(assignment):
    return importlib.import_module(f"{__name__}.{assignment}")
