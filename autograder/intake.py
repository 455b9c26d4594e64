"""A submitted notebook file, checked before grading: where it should be, and readable."""
from pathlib import Path

import nbformat

from .nbgrader_run import last_line


class Refused(ValueError):
    """The file is not a gradable notebook; the message says why, in one line."""


def read_notebook_file(path):
    """Read a notebook, or raise Refused (or FileNotFoundError) with a one-line reason."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no such file: {path}")
    if path.is_dir():
        raise Refused(f"{path} is a folder, not a notebook file")
    try:
        nb = nbformat.read(str(path), as_version=4)
    except Exception as exc:  # nbformat raises many kinds: JSON, schema, encoding
        reason = last_line(str(exc)) or type(exc).__name__
        raise Refused(f"{path} is not a readable notebook ({type(exc).__name__}: {reason[:200]})")
    if not isinstance(nb, dict) or "cells" not in nb:
        raise Refused(f"{path} is not a notebook (no cells)")
    return nb


def prepare_folder(path):
    """Make sure the notebook a submission should be at is there and readable.

    A single notebook under another name (a renamed file) is renamed to the expected name.
    Returns the notes to keep (the rename); raises Refused with the reason otherwise."""
    notes = []
    if not path.exists():
        found = sorted(path.parent.glob("*.ipynb"))
        if len(found) != 1:
            names = ", ".join(p.name for p in found)
            raise Refused(f"{path.name} is missing" + (f" (found {names})" if names else ""))
        found[0].rename(path)
        notes.append(f"graded {found[0].name} (renamed to {path.name})")
    read_notebook_file(path)
    return notes
