"""Source notebooks follow the course's conventions; releases leak neither solutions nor hidden tests."""
import json

import numpy as np

from autograder import course, references
from autograder.cells import grade_id, graded_functions, is_solution
from autograder.submissions import reference_solutions
from dlcourse.casefile import load_cases
from dlcourse.testing import visible_cases

from conftest import release_notebook


def test_source_notebook_structure(assignment):
    nb = course.source_notebook(assignment)
    ids = [grade_id(c) for c in nb.cells]
    assert all(ids), "every cell has a grade_id (so every cell is locked or graded)"
    assert len(ids) == len(set(ids)), "grade_ids are unique"
    functions = graded_functions(nb)
    solutions = [grade_id(c) for c in nb.cells if is_solution(c)]
    assert functions, "the notebook grades at least one function"
    cases_module = references.cases.load(assignment)
    ungraded = list(getattr(cases_module, "UNGRADED", ()))
    assert sorted(solutions) == sorted(list(functions) + ungraded), (
        "one test cell per solution cell, named test_<f>, except the exercises the case module "
        "declares UNGRADED")
    module_functions = cases_module.FUNCTIONS
    assert list(functions) == list(module_functions)
    for cell in nb.cells:
        meta = cell.metadata["nbgrader"]
        if is_solution(cell):
            assert "### BEGIN SOLUTION" in cell.source and not meta["locked"]
            assert f"def {grade_id(cell)}(" in cell.source
        else:
            assert meta["locked"], f"cell {grade_id(cell)} is read-only"
        if meta.get("grade"):
            assert meta["points"] > 0
            assert "### BEGIN HIDDEN TESTS" in cell.source and "check_hidden(" in cell.source
            function = grade_id(cell)[len("test_"):]
            assert f'check({function}, "{assignment}")' in cell.source
        if cell.cell_type == "code":
            assert not cell.get("outputs") and cell.get("execution_count") is None, (
                f"source notebooks are stored without outputs ({grade_id(cell)})")
    text = " ".join(c.source for c in nb.cells if c.cell_type == "markdown").lower()
    assert "hidden tests" in text, "students are told that hidden tests exist"


def test_release_has_no_solutions_or_hidden_tests(assignment):
    release = release_notebook(assignment)
    text = json.dumps(release)
    assert "BEGIN HIDDEN TESTS" not in text and "check_hidden" not in text
    assert "import autograder" not in text and "from autograder" not in text, (
        "the release never imports the instructor-only package")
    assert "BEGIN SOLUTION" not in text
    # lines the lesson itself shows in its locked cells cannot leak (an ungraded exercise may ask
    # for a corrected copy of provided code)
    shown = "\n".join(c.source for c in course.source_notebook(assignment).cells if not is_solution(c))
    for function, source in reference_solutions(assignment).items():
        cell = next(c for c in release.cells if grade_id(c) == function)
        assert "raise NotImplementedError()" in cell.source
        # every line the student has to write is gone from the release
        skeleton = set(cell.source.splitlines())
        solution_only = [line for line in source.splitlines()
                         if line.strip() and line not in skeleton]
        assert solution_only, f"{function}: the release keeps the whole solution"
        for line in solution_only:
            if line.strip() in shown:
                continue
            assert line.strip() not in text, f"{function}: solution line leaked: {line.strip()}"


def test_hidden_references_stay_out_of_the_student_side(assignment):
    hidden = load_cases(course.hidden_reference_path(assignment))
    visible = visible_cases(assignment)
    assert set(visible) == set(hidden), "every graded function has visible and hidden cases"
    release_text = json.dumps(release_notebook(assignment))
    package_files = list(course.VISIBLE_REFERENCES.parent.rglob("*"))
    assert not any(p.suffix == ".h5" and "hidden" in p.name for p in package_files)
    for function, cases in hidden.items():
        visible_labels = {c.label for c in visible[function]}
        for case in cases:
            assert case.label not in visible_labels, f"{function}: a hidden case is also visible"
            for value in _arrays(case.expected):
                if np.unique(value).size < 3:
                    continue  # constant arrays (zeros, masks) say nothing about a case
                # no hidden expected array is stored among the visible cases ...
                for vcase in visible[function]:
                    for vvalue in _arrays(vcase.expected):
                        assert not (vvalue.shape == value.shape and np.array_equal(vvalue, value)), (
                            f"{function}({case.label}): hidden values shipped with the package")
                # ... nor printed in the release notebook
                if value.dtype.kind == "f":
                    flat = value.ravel()
                    probe = repr(float(flat[np.flatnonzero(flat)[0]]))[:10]
                    assert probe not in release_text, f"{function}({case.label}) value in release"


def _arrays(value):
    if isinstance(value, np.ndarray):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _arrays(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _arrays(v)


def test_release_is_generated_by_nbgrader_and_locked(assignment):
    release = release_notebook(assignment)
    source = course.source_notebook(assignment)
    assert [grade_id(c) for c in release.cells] == [grade_id(c) for c in source.cells]
    for cell in release.cells:
        meta = cell.metadata["nbgrader"]
        if not is_solution(cell):
            assert meta["locked"] and "checksum" in meta, "nbgrader can restore locked cells"


def test_source_notebook_text_has_no_control_characters(assignment):
    """A TeX command written in an unescaped Python string ("\\varepsilon", "\\beta", "\\frac")
    becomes a control character plus the rest of the word, and MathJax fails on the formula."""
    nb = json.loads(course.source_notebook_path(assignment).read_text(encoding="utf-8"))
    for index, cell in enumerate(nb["cells"]):
        source = "".join(cell["source"])
        bad = [source[max(0, i - 20):i + 20] for i, ch in enumerate(source)
               if ord(ch) < 32 and ch not in "\n\t\r"]
        assert not bad, f"{assignment} cell {index}: control character in {bad[0]!r}"
