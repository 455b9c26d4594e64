"""nbgrader preprocessors of the course, enabled in nbgrader_config.py (so plain nbgrader uses them).

- ``RepairSubmission`` (autograde, before nbgrader's own sanitizing): a duplicated graded cell no
  longer aborts grading (nbgrader issue #1083). Extra copies of a test or other locked cell are
  dropped (nbgrader restores the real one from the source); of a duplicated solution cell, the
  last copy stays the graded cell and the earlier ones stay in the notebook as plain code cells, so
  the notebook runs exactly as the student ran it.
- ``HideHiddenTests`` (generate_feedback): the hidden part of every test cell is replaced by a
  one-line note, and error tracebacks are cut down to their last line, so neither hidden test code
  nor hidden test data reaches a student's feedback (nbgrader issues #917, #1363), while the
  failure message (which case, what was expected, what came back) stays.
"""
import nbformat
from nbconvert.preprocessors import Preprocessor
from nbgrader.api import Gradebook
from traitlets import Bool

from .cells import HIDDEN_NOTE, has_hidden_tests, hide_hidden_tests, is_code, tested_function
from .cells import nbgrader_meta as _nbgrader


class RepairSubmission(Preprocessor):
    enabled = Bool(True)

    def preprocess(self, nb, resources):
        last_solution = {}
        for index, cell in enumerate(nb.cells):
            meta = _nbgrader(cell)
            if meta.get("solution") and meta.get("grade_id"):
                last_solution[meta["grade_id"]] = index
        seen, cells = set(), []
        for index, cell in enumerate(nb.cells):
            meta = _nbgrader(cell)
            gid = meta.get("grade_id")
            if not gid:
                if "nbgrader" in cell.get("metadata", {}):
                    del cell.metadata["nbgrader"]  # an empty or broken nbgrader entry
                cells.append(cell)
                continue
            if meta.get("solution"):
                if index != last_solution[gid]:
                    self.log.warning("solution cell %r appears more than once: "
                                     "grading the last copy", gid)
                    del cell.metadata["nbgrader"]
                cells.append(cell)
                continue
            if gid in seen:
                self.log.warning("cell %r appears more than once: extra copy removed", gid)
                continue
            seen.add(gid)
            cells.append(cell)
        nb.cells = cells
        self._restore_missing_tests(nb, resources)
        return nb, resources

    def _restore_missing_tests(self, nb, resources):
        """Put deleted test cells back, right after their function's solution cell.

        nbgrader's own ``add_missing_cells`` crashes when the cell before the missing one in the
        source is an ordinary cell (a KeyError on its grade id); the restored copy here is then
        overwritten with the gradebook's version of the test, as any test cell is."""
        info = resources.get("nbgrader") or {}
        if not info.get("db_url"):
            return
        with Gradebook(info["db_url"]) as gb:
            source = gb.find_notebook(info["notebook"], info["assignment"])
            texts = {c.name: c.source for c in source.source_cells}
            tests = [(c.name, texts.get(c.name, ""), c.max_score) for c in source.grade_cells
                     if c.cell_type == "code"]
        present = {_nbgrader(c).get("grade_id") for c in nb.cells}
        for name, text, points in tests:
            if name in present:
                continue
            self.log.warning("test cell %r was deleted: restored", name)
            function = tested_function(name)
            position = next((i + 1 for i, c in enumerate(nb.cells)
                             if _nbgrader(c).get("grade_id") == function), len(nb.cells))
            nb.cells.insert(position, nbformat.v4.new_code_cell(text, metadata={"nbgrader": {
                "grade": True, "grade_id": name, "locked": True, "points": points,
                "schema_version": 3, "solution": False, "task": False}}))


class HideHiddenTests(Preprocessor):
    enabled = Bool(True)

    def preprocess_cell(self, cell, resources, index):
        if not is_code(cell):
            return cell, resources
        if has_hidden_tests(cell.source):
            cell.source = hide_hidden_tests(cell.source, note=HIDDEN_NOTE)
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                output["traceback"] = [f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"]
        return cell, resources
