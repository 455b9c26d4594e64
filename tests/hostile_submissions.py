"""A class of broken, hostile and clever submissions, generated from the release notebook.

Each entry: student id -> (how to make the file, what grading must conclude). The target of
the attacks is `initialize_parameters_he`; the other two functions are correct in every
notebook, so their scores must never move.
"""
import copy
import json

import nbformat

from autograder.cells import grade_id
from autograder.submissions import make_submission, reference_solutions

A = "initialization"
TARGET = "initialize_parameters_he"
OTHERS = ("initialize_parameters_zeros", "initialize_parameters_random")

WRONG_HE = '''
def initialize_parameters_he(layers_dims):
    np.random.seed(3)
    parameters = {}
    for l in range(1, len(layers_dims)):
        parameters["W" + str(l)] = np.random.randn(layers_dims[l], layers_dims[l - 1]) * 3.0
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    return parameters
'''


def he_with(body):
    """The reference He solution with `body` run first inside the function."""
    lines = reference_solutions(A)[TARGET].splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith("def "))
    inject = ["    " + line for line in body.strip().splitlines()]
    return "\n".join(lines[: i + 1] + inject + lines[i + 1:])


TAMPER_ISCLOSE = '''
import numpy as np
np.isclose = lambda a, b, **k: np.ones(np.broadcast(np.asarray(a), np.asarray(b)).shape, dtype=bool)
np.allclose = lambda *a, **k: True
np.testing.assert_allclose = lambda *a, **k: None
''' + WRONG_HE

TAMPER_CHECKS = '''
import dlcourse.testing
dlcourse.testing.compare = lambda *args, **kwargs: None
''' + WRONG_HE

TAMPER_BUILTINS = '''
import builtins, types
_real_import = builtins.__import__
def _import(name, *args, **kwargs):
    if name == "autograder.hidden":
        return types.SimpleNamespace(check_hidden=lambda *a, **k: None)
    return _real_import(name, *args, **kwargs)
builtins.__import__ = _import
check = lambda *args, **kwargs: None
''' + WRONG_HE

FRAME_READER = '''
import sys
def initialize_parameters_he(layers_dims):
    frame = sys._getframe(1)
    while frame is not None:
        case = frame.f_locals.get("case")
        if case is not None and getattr(case, "expected", None) is not None:
            import copy
            return copy.deepcopy(case.expected)
        frame = frame.f_back
    return {}
'''

# Reads the hidden expected values from the instructor's files on disk.
DISK_READER = '''
import os
import numpy as np
import dlcourse
from dlcourse.casefile import load_cases
def initialize_parameters_he(layers_dims):
    root = os.path.dirname(os.path.dirname(os.path.dirname(dlcourse.__file__)))
    for folder in ("autograder/references", "source/dlcourse/references"):
        try:
            cases = load_cases(os.path.join(root, folder, "initialization.h5"))
        except OSError:
            continue
        for case in cases.get("initialize_parameters_he", []):
            if np.array_equal(np.asarray(case.args[0]), np.asarray(layers_dims)):
                return case.expected
    return {}
'''

# Runs the reference solution from the instructor's source notebook.
SOLUTION_COPIER = '''
import json, os
import numpy
import dlcourse
def initialize_parameters_he(layers_dims):
    root = os.path.dirname(os.path.dirname(os.path.dirname(dlcourse.__file__)))
    with open(os.path.join(root, "notebooks", "initialization", "initialization.ipynb")) as f:
        cells = json.load(f)["cells"]
    for cell in cells:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == "initialize_parameters_he":
            namespace = {"np": numpy}
            exec("".join(cell["source"]), namespace)
            return namespace["initialize_parameters_he"](layers_dims)
    return {}
'''

FLOOD = "\nfor _line in range(10 ** 7):\n    print(_line)\n"


def _with_target(release, source):
    return make_submission(release, A, {TARGET: source})


def _edit_cells(release, edit):
    nb = make_submission(release, A)
    edit(nb)
    return nb


def _drop(gid):
    def edit(nb):
        nb.cells = [c for c in nb.cells if grade_id(c) != gid]
    return edit


def _set_source(gid, text):
    def edit(nb):
        for c in nb.cells:
            if grade_id(c) == gid:
                c.source = text
    return edit


def _duplicate(gid, first_source=None):
    def edit(nb):
        i = next(k for k, c in enumerate(nb.cells) if grade_id(c) == gid)
        dup = copy.deepcopy(nb.cells[i])
        dup["id"] = "duplicate-" + gid[:40]
        if first_source is not None:
            nb.cells[i].source = first_source
        nb.cells.insert(i + 1, dup)
    return edit


def _combine(*edits):
    def edit(nb):
        for e in edits:
            e(nb)
    return edit


def _json_text(nb):
    return nbformat.writes(nb)


def _without_ids(nb):
    d = json.loads(nbformat.writes(nb))
    d["nbformat_minor"] = 4
    for cell in d["cells"]:
        cell.pop("id", None)
    return json.dumps(d)


# expectation: he = expected score of the target, reason = fragment of its message (or of the
# report's error), flagged = whether the target must be flagged, error = fragment of the report error,
# note = fragment of one of the report's notes,
# nbgrader_grades = nbgrader itself must grade the notebook (no fallback to the verification pass)
CLASS = {
    "honest": dict(nbgrader_grades=True, make=lambda r: _json_text(make_submission(r, A)), he=1),
    "infinite_loop": dict(make=lambda r: _json_text(_with_target(r, he_with("while True:\n    pass"))),
                          he=0, reason="timed out"),
    "kernel_killed": dict(make=lambda r: _json_text(_with_target(r, he_with("import os\nos._exit(1)"))),
                          he=0, reason="died", error="kernel died"),
    "sys_exit": dict(make=lambda r: _json_text(_with_target(r, he_with("import sys\nsys.exit()"))),
                     he=0, reason="SystemExit"),
    "keyboard_interrupt": dict(make=lambda r: _json_text(_with_target(r, he_with("raise KeyboardInterrupt"))),
                               he=0, reason="KeyboardInterrupt"),
    "test_cell_deleted": dict(nbgrader_grades=True, make=lambda r: _json_text(_edit_cells(r, _drop("test_" + TARGET))), he=1),
    "test_cell_edited": dict(nbgrader_grades=True, make=lambda r: _json_text(_edit_cells(r, _combine(
        _set_source(TARGET, WRONG_HE), _set_source("test_" + TARGET, "print('all tests passed')")))),
        he=0, reason="wrong values"),
    "test_cell_emptied": dict(nbgrader_grades=True, make=lambda r: _json_text(_edit_cells(r, _combine(
        _set_source(TARGET, WRONG_HE), _set_source("test_" + TARGET, "")))), he=0, reason="wrong values"),
    "test_cell_duplicated": dict(nbgrader_grades=True, make=lambda r: _json_text(_edit_cells(r, _duplicate("test_" + TARGET))), he=1),
    "solution_cell_deleted": dict(make=lambda r: _json_text(_edit_cells(r, _drop(TARGET))),
                                  he=0, reason="not defined"),
    "solution_cell_emptied": dict(make=lambda r: _json_text(_edit_cells(r, _set_source(TARGET, ""))),
                                  he=0, reason="not defined"),
    "solution_cell_duplicated": dict(nbgrader_grades=True, make=lambda r: _json_text(_edit_cells(
        r, _duplicate(TARGET, first_source=WRONG_HE))), he=1),
    "numpy_comparisons_patched": dict(make=lambda r: _json_text(_with_target(r, TAMPER_ISCLOSE)),
                                      he=0, flagged=True, reason="possible tampering"),
    "checks_patched": dict(make=lambda r: _json_text(_with_target(r, TAMPER_CHECKS)),
                           he=0, flagged=True, reason="possible tampering"),
    "builtins_patched": dict(make=lambda r: _json_text(_with_target(r, TAMPER_BUILTINS)),
                             he=0, flagged=True, reason="possible tampering"),
    "reads_caller_frame": dict(make=lambda r: _json_text(_with_target(r, FRAME_READER)),
                               he=0, flagged=True, reason="possible tampering"),
    # the hidden references look empty to the student's kernel: what it finds there (the
    # visible references, shipped with the release) passes the visible case only
    "reads_instructor_files": dict(make=lambda r: _json_text(_with_target(r, DISK_READER)),
                                   he=0, reason="missing keys"),
    # the source notebooks look empty to the student's kernel (and to the verification pass)
    "copies_reference_solution": dict(make=lambda r: _json_text(_with_target(r, SOLUTION_COPIER)),
                                      he=0, reason="No such file or directory"),
    "output_flood": dict(make=lambda r: _json_text(_with_target(r, reference_solutions(A)[TARGET] + FLOOD)),
                         he=1),
    "huge_allocation": dict(make=lambda r: _json_text(_with_target(
        r, he_with("import numpy\nnumpy.ones(1 << 31)"))), he=0, reason="MemoryError"),
    "malformed_json": dict(make=lambda r: _json_text(make_submission(r, A))[:5000], he=0,
                           error="not a readable notebook", all_zero=True),
    "not_a_notebook": dict(make=lambda r: "W1 = np.random.randn(4, 2) * np.sqrt(2 / 2)\n", he=0,
                           error="not a readable notebook", all_zero=True),
    "old_nbformat_v3": dict(nbgrader_grades=True, make=lambda r: nbformat.writes(nbformat.convert(make_submission(r, A), 3)),
                            he=1),
    "cells_without_ids": dict(nbgrader_grades=True, make=lambda r: _without_ids(make_submission(r, A)), he=1),
    "renamed_file": dict(nbgrader_grades=True, make=lambda r: _json_text(make_submission(r, A)), he=1,
                         filename="initialization (1).ipynb", note="renamed"),
}
