"""Where each assignment's files live."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
HIDDEN_REFERENCES = ROOT / "autograder" / "references"
VISIBLE_REFERENCES = ROOT / "source" / "dlcourse" / "references"

#: every assignment of the course, in teaching order
COURSE = ("initialization", "regularization", "gradient_checking", "optimization_methods",
          "hyperparameter_search", "batch_normalization", "cnn_step_by_step")


class UnknownAssignment(ValueError):
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
    import nbformat
    return nbformat.read(source_notebook_path(assignment), as_version=4)


def hidden_reference_path(assignment):
    return HIDDEN_REFERENCES / f"{assignment}.h5"


def visible_reference_path(assignment):
    return VISIBLE_REFERENCES / f"{assignment}.h5"
