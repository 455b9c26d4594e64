"""nbgrader preprocessors of the course, enabled in nbgrader_config.py (so plain nbgrader uses them).

- ``RepairSubmission`` (autograde, before nbgrader's own sanitizing): a duplicated graded cell no
  longer aborts grading (nbgrader issue #1083). Extra copies of a test or other locked cell are
  dropped (nbgrader restores the real one from the source); of a duplicated solution cell, the
  last copy stays the graded cell and the earlier ones stay in the notebook as plain code cells, so
  the notebook runs exactly as the student ran it.
- ``HideHiddenTests`` (generate_feedback): the hidden part of every test cell is replaced by a
  one-line note, and error tracebacks are cut down to their last line, so neither hidden test code
  nor hidden test data reaches a student's feedback (nbgrader issues #917, #1363), while the
  failure message stays (a visible case's with its values; a hidden case's names the case and
  the kind of mistake, never a value: dlcourse.testing.concealed). Paths of temporary folders and
  of the grader's files are cut down to a file name.
- ``FeedbackPage`` (generate_feedback, after HideHiddenTests): what the course's feedback
  template (templates/feedback/) shows on top of the notebook: the summary of every graded
  function (autograder.summary, from the saved report with the gradebook's final scores, so a
  score changed in the formgrader shows; or from nbgrader's scores when there is no report),
  the shared stylesheet and MathJax, inline.
"""
import functools
import os
import re
import sys
import tempfile
from pathlib import Path

import nbformat
from nbconvert.preprocessors import Preprocessor
from nbgrader.api import Gradebook
from traitlets import Bool

from . import course, report as reports, summary, templates
from .cells import (HIDDEN_NOTE, grade_id, has_hidden_tests, hide_hidden_tests, is_code,
                    is_solution, is_test, tested_function)
from .cells import nbgrader_meta as _nbgrader
from .report import GradeReport, Outcome, TestResult

#: folders whose paths a feedback page never shows: temporary files (the kernel's cell files),
#: the course, the Python installation, the home folder
HIDDEN_FOLDERS = tuple(sorted({tempfile.gettempdir(), "/tmp", "/var/folders", str(course.ROOT),
                               sys.prefix, sys.base_prefix, os.path.expanduser("~")},
                              key=len, reverse=True))
_PATH = re.compile("(?:%s)(?:/[^\\s:'\"()]+)+" % "|".join(re.escape(f) for f in HIDDEN_FOLDERS))
#: a file IPython made for one cell of the student's notebook
_CELL_FILE = re.compile(r"ipykernel_\d+/\d+\.py$")
#: the marker of code the student has not written yet
NOT_WRITTEN = "raise NotImplementedError"


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
        scrub_outputs(cell, last_line_only=True)
        return cell, resources


class ScrubPaths(Preprocessor):
    """After nbgrader's run: the autograded notebook's outputs (tracebacks and printed text,
    which the formgrader shows) name files without the grading machine's folders."""
    enabled = Bool(True)

    def preprocess_cell(self, cell, resources, index):
        if is_code(cell):
            scrub_outputs(cell, last_line_only=False)
        return cell, resources


def scrub_outputs(cell, last_line_only):
    """Cut the paths out of a code cell's printed text and errors (see scrub_paths), in place;
    ``last_line_only``: an error's traceback becomes its one line "Name: message"."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            output["evalue"] = scrub_paths(output.get("evalue", ""))
            output["traceback"] = ([f"{output.get('ename', 'Error')}: {output['evalue']}"]
                                   if last_line_only else
                                   [scrub_paths(line) for line in output.get("traceback", [])])
        elif output.get("output_type") == "stream":
            output["text"] = scrub_paths(output.get("text", ""))


def scrub_paths(text):
    """``text`` with every path into a temporary folder, the course or the Python installation
    cut down to its file name (a cell of the notebook becomes "your notebook")."""
    def short(match):
        path = match.group(0)
        return "your notebook" if _CELL_FILE.search(path) else path.rsplit("/", 1)[-1]
    return _PATH.sub(short, text)


@functools.lru_cache(maxsize=1)
def _inline_mathjax():
    return templates.inline_mathjax_script()


def gradebook_scores(nb):
    """``{test name: score}`` of the test cells that hold a score: the gradebook's final scores
    (a manual score where there is one), which nbgrader's GetGrades writes into the cells."""
    return {grade_id(cell): float(_nbgrader(cell)["score"]) for cell in nb.cells
            if is_code(cell) and is_test(cell) and _nbgrader(cell).get("score") is not None}


def report_from_cells(nb, assignment):
    """A report made from nbgrader's scores in the notebook (GetGrades), for a page of a
    submission the course's grader did not grade (plain ``nbgrader generate_feedback``)."""
    report = GradeReport(assignment=assignment, notebook=assignment)
    for cell in nb.cells:
        if not (is_code(cell) and is_test(cell)):
            continue
        meta = _nbgrader(cell)
        score, points = float(meta.get("score") or 0), float(meta.get("points") or 0)
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        message = f"{errors[0].get('ename')}: {errors[0].get('evalue')}" if errors else ""
        passed = score >= points
        report.tests.append(TestResult(meta["grade_id"], score, points, passed, message,
                                       outcome=Outcome.PASSED if passed else Outcome.FAILED))
    return report.total()


def unattempted(nb):
    """Graded functions whose solution cell still raises NotImplementedError."""
    return {grade_id(c) for c in nb.cells if is_code(c) and is_solution(c) and NOT_WRITTEN in c.source}


def page_resources(nb, report):
    """What the feedback template needs besides the notebook (``resources["dlcourse"]``)."""
    rows = summary.rows(report, unattempted(nb))
    functions = [row.function for row in rows]
    sections = {}
    for i, row in enumerate(rows):
        sections[row.function] = {
            "row": row,
            "previous": functions[i - 1] if i > 0 else None,
            "next": functions[i + 1] if i + 1 < len(rows) else None,
        }
    return {"css": templates.stylesheet(), "mathjax_config": templates.mathjax_config_script(inline=True),
            "mathjax": _inline_mathjax(), "rows": rows, "sections": sections,
            "headline": summary.headline(report), "rule": summary.ALL_OR_NOTHING,
            "score": report.score, "max_score": report.max_score, "notes": report.notes,
            "assignment": report.assignment}


class FeedbackPage(Preprocessor):
    enabled = Bool(True)

    def preprocess(self, nb, resources):
        info = resources.get("nbgrader") or {}
        assignment, student = info.get("assignment", ""), info.get("student", "")
        root = self.config.CourseDirectory.get("root") or course.ROOT
        report = reports.load(Path(root), assignment, student) if assignment and student else None
        if report is None:
            report = report_from_cells(nb, assignment)
        else:
            report = reports.with_final_scores(report, gradebook_scores(nb))
        resources["dlcourse"] = page_resources(nb, report)
        nb.metadata["title"] = f"Feedback: {assignment}"
        return nb, resources
