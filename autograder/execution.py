"""Executing notebooks with nbclient (reproduction tests, benchmarks, the solutions site)."""
import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from .cells import cell_by_id, grade_id as cell_grade_id


def venv_on_path():
    """Kernels and nbgrader's helper programs (alembic) are started by name: make this
    interpreter's folder the first place they are looked up, even without an activated venv."""
    bindir = os.path.dirname(sys.executable)
    if os.environ.get("PATH", "").split(os.pathsep)[0] != bindir:
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")


def execute(path, timeout=600, env_skip_experiments=False, nb=None):
    """Execute a notebook in its own folder, experiments included unless ``env_skip_experiments``
    (never in nbgrader's autograde mode); returns ``(executed_notebook, seconds)``.

    ``nb``: a notebook already in memory (e.g. with a cell added), run as if it were at ``path``.
    Raises nbclient's CellExecutionError if a cell fails.
    """
    venv_on_path()
    path = Path(path)
    if nb is None:
        nb = nbformat.read(str(path), as_version=4)
    names = ("DLCOURSE_SKIP_EXPERIMENTS", "NBGRADER_EXECUTION")
    saved = {name: os.environ.pop(name, None) for name in names}
    os.environ["DLCOURSE_SKIP_EXPERIMENTS"] = "1" if env_skip_experiments else "0"
    try:
        start = time.perf_counter()
        NotebookClient(nb, timeout=timeout, kernel_name="python3",
                       extra_arguments=["--IPKernelApp.log_level=ERROR"],
                       resources={"metadata": {"path": str(path.parent)}}).execute()
        seconds = time.perf_counter() - start
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return nb, seconds


def cell_text(nb, grade_id):
    """Everything a cell printed (stdout streams and text/plain results), as one string."""
    cell = cell_by_id(nb, grade_id)
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "stream" and output.get("name") == "stdout":
            parts.append(output.get("text", ""))
        elif "data" in output and "text/plain" in output["data"]:
            parts.append(output["data"]["text/plain"])
    return "".join(parts)


def outputs_by_cell(nb):
    """``{grade_id: (printed text, number of figures)}`` of an executed notebook's code cells.

    Raises AssertionError naming the cell if any cell ended in an error."""
    outputs = {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        gid = cell_grade_id(cell)
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        assert not errors, f"{gid}: {errors[0].get('ename')}: {errors[0].get('evalue')}"
        outputs[gid] = ("".join(o.get("text", "") for o in cell.get("outputs", [])
                                if o.get("output_type") == "stream"),
                        sum("image/png" in o.get("data", {}) for o in cell.get("outputs", [])))
    return outputs


def table_rows(text, header):
    """Rows of a printed table: the lines after the one starting with ``header``, up to a blank line."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 1:]:
        if not line.strip():
            break
        rows.append(line)
    return rows
