"""Expected values of every test, computed from the reference solutions (never typed by hand).

``python -m autograder references [ASSIGNMENT ...]`` runs, for each assignment, the reference
solution (the provided and solution cells of its source notebook) on the inputs of
``autograder/cases/<assignment>.py`` and writes two case files:

- ``source/dlcourse/references/<assignment>.h5``: the visible cases, shipped to students;
- ``autograder/references/<assignment>.h5``: the hidden cases, instructor-only.

``python -m autograder references --check`` regenerates into memory and reports any difference
from the stored files (the test suite runs it).
"""
import tempfile
from pathlib import Path


from dlcourse.casefile import load_cases, save_cases
from dlcourse.testing import call_case, compare, CheckFailed

from . import cases, course
from .cells import reference_program


def reference_namespace(assignment):
    """Execute the reference solution of an assignment; return its global namespace."""
    nb = course.source_notebook(assignment)
    namespace = {"__name__": f"reference_{assignment}"}
    exec(compile(reference_program(nb), f"<reference solution of {assignment}>", "exec"), namespace)
    return namespace


def compute(assignment):
    """``(visible, hidden)``: the assignment's cases with ``expected`` filled in."""
    namespace = reference_namespace(assignment)
    module = cases.load(assignment)
    out = []
    for specs in (module.visible(), module.hidden()):
        filled = {}
        for function, function_cases in specs.items():
            for case in function_cases:
                case.expected = call_case(namespace[function], case)
            filled[function] = function_cases
        out.append(filled)
    return tuple(out)


def write(assignment, visible_path=None, hidden_path=None):
    visible, hidden = compute(assignment)
    visible_path = visible_path or course.visible_reference_path(assignment)
    hidden_path = hidden_path or course.hidden_reference_path(assignment)
    attrs = {"assignment": assignment,
             "generated_by": "python -m autograder references " + assignment}
    Path(visible_path).parent.mkdir(parents=True, exist_ok=True)
    Path(hidden_path).parent.mkdir(parents=True, exist_ok=True)
    save_cases(visible_path, visible, {**attrs, "visibility": "visible"})
    save_cases(hidden_path, hidden, {**attrs, "visibility": "hidden"})
    return visible_path, hidden_path


def differences(assignment):
    """Lines describing how the stored case files differ from a fresh generation (empty: none).

    Floats may differ in their last bits from one CPU to another (BLAS kernels), so values are
    compared to 1e-10 relative; everything else (labels, shapes, dtypes, integers) exactly."""
    problems = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = write(assignment, Path(tmp) / "visible.h5", Path(tmp) / "hidden.h5")
        stored = (course.visible_reference_path(assignment),
                  course.hidden_reference_path(assignment))
        for kind, new, old in zip(("visible", "hidden"), fresh, stored):
            if not old.exists():
                problems.append(f"{assignment}: {kind} references missing ({old})")
                continue
            a, b = load_cases(new), load_cases(old)
            if list(a) != list(b):
                problems.append(f"{assignment}: {kind} functions differ: {list(b)} stored, {list(a)} fresh")
                continue
            for function in a:
                if len(a[function]) != len(b[function]):
                    problems.append(f"{assignment}: {kind} {function}: number of cases differs")
                    continue
                for fresh_case, old_case in zip(a[function], b[function]):
                    for part in ("label", "args", "kwargs", "expected", "options"):
                        try:
                            compare(getattr(old_case, part), getattr(fresh_case, part),
                                    where=part, rtol=1e-10, atol=1e-13)
                        except CheckFailed as exc:
                            problems.append(f"{assignment}: {kind} {function}({fresh_case.label}): "
                                            f"{str(exc).splitlines()[0]}")
    return problems
