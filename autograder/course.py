"""The course: where its files live, the limits grading runs under, and its assignments.

Every path, environment setting and limit the grader uses is defined here once; the other
modules (and ``nbgrader_config.py``) read them from here.
"""
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .cells import graded_functions

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
GRADING = ROOT / "grading"
HIDDEN_REFERENCES = ROOT / "autograder" / "references"
VISIBLE_REFERENCES = ROOT / "source" / "dlcourse" / "references"
#: folders put first on a grading process's sys.path (the helper package, then this one)
PACKAGE_PATHS = (ROOT / "source", ROOT)

#: every assignment of the course, in teaching order
COURSE = ("initialization", "regularization", "gradient_checking", "optimization_methods",
          "hyperparameter_search", "batch_normalization", "cnn_step_by_step")

# ----------------------------------------------------------------------------- limits

#: seconds one notebook cell (and one graded function in the verification pass) may run
CELL_TIMEOUT = int(os.environ.get("DLCOURSE_CELL_TIMEOUT", "60"))
#: address-space limit of every process that runs student code, in MB
MEMORY_MB = int(os.environ.get("DLCOURSE_KERNEL_MEMORY_MB", "4096"))
#: the largest file a process running student code may write, in MB (and the size of its
#: private /tmp in the sandbox): a bigger write fails with "File too large" (or "No space")
FILE_MB = int(os.environ.get("DLCOURSE_FILE_MB", "64"))
#: one BLAS thread per process: several grading kernels share the cores, and oversubscribed
#: threads slow tiny matrix products down many times over
ONE_BLAS_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}


def limit_blas_threads(environ=os.environ):
    """Set ONE_BLAS_THREAD in ``environ`` where not already set (before NumPy loads)."""
    for name, value in ONE_BLAS_THREAD.items():
        environ.setdefault(name, value)
    return environ


# ----------------------------------------------------------------------------- assignments

class UnknownAssignment(ValueError):
    pass


class NotACourseFolder(ValueError):
    pass


def built():
    """The assignments that exist in this repository (have a source notebook), in course order."""
    return [name for name in COURSE if source_notebook_path(name, must_exist=False).exists()]


def source_notebook_path(assignment, must_exist=True):
    path = NOTEBOOKS / assignment / f"{assignment}.ipynb"
    if must_exist and not path.exists():
        raise UnknownAssignment(
            f"unknown assignment {assignment!r} (built: {', '.join(built()) or 'none'})")
    return path


def source_notebook(assignment):
    """The source notebook, as an nbformat node.

    nbformat is imported here, not at the top: it takes most of a second to import
    (jsonschema), and every grading kernel imports this module (autograder.hidden) without
    ever reading a notebook."""
    import nbformat  # noqa: PLC0415  (see above)
    return nbformat.read(source_notebook_path(assignment), as_version=4)


def course_folder(path):
    """A course folder other than this repository (``--course DIR``: it holds notebooks/),
    resolved; NotACourseFolder if it is not one."""
    root = Path(path).resolve()
    if not (root / "notebooks").is_dir():
        raise NotACourseFolder(f"{path} is not a course folder (it has no notebooks/ folder)")
    return root


def folder_assignments(path, names, named=True):
    """``(root, assignments)``: those of ``names`` that the course folder ``path`` holds. Each
    must be there when they were ``named`` (UnknownAssignment), else at least one."""
    root = course_folder(path)
    found = [a for a in names if (root / "notebooks" / a).is_dir()]
    if found != names and (named or not found):
        missing = next(a for a in names if a not in found)
        raise UnknownAssignment(f"{path} has no notebooks/{missing}/ folder")
    return root, found


def instructor_folders(course_root=None):
    """What code under test must not read: the hidden expected values, the source notebooks
    (reference solutions) and nbgrader's folders (other students' work, the gradebook), of this
    repository and of the course being graded (``course_root``; None: this repository)."""
    roots = [ROOT] + ([Path(course_root)] if course_root is not None else [])
    folders = [HIDDEN_REFERENCES]
    for root in roots:
        folders += [root / "notebooks", root / "grading"]
    return list(dict.fromkeys(str(f) for f in folders))


def hidden_reference_path(assignment):
    return HIDDEN_REFERENCES / f"{assignment}.h5"


def visible_reference_path(assignment):
    return VISIBLE_REFERENCES / f"{assignment}.h5"


@dataclass(frozen=True)
class Assignment:
    """One assignment, as grading needs it: passed down instead of its name."""
    name: str
    notebook: Path              # the source notebook (reference solution and tests)
    functions: tuple            # graded functions, in notebook order
    points: tuple               # their points, same order
    hidden_references: Path
    visible_references: Path

    @property
    def notebook_stem(self):
        """nbgrader's name of the notebook (the file name without .ipynb)."""
        return self.notebook.stem

    @property
    def max_score(self):
        return float(sum(self.points))

    def points_of(self, function):
        return float(self.points[self.functions.index(function)])


@lru_cache(maxsize=None)
def _assignment(name, stamp):
    graded = graded_functions(json.loads(source_notebook_path(name).read_text(encoding="utf-8")))
    return Assignment(name=name, notebook=source_notebook_path(name),
                      functions=tuple(graded), points=tuple(graded.values()),
                      hidden_references=hidden_reference_path(name),
                      visible_references=visible_reference_path(name))


def assignment(name):
    """The :class:`Assignment` called ``name`` (read again when its notebook changes)."""
    path = source_notebook_path(name)
    return _assignment(name, path.stat().st_mtime_ns)
