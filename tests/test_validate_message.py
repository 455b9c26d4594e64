"""What a student reads when `nbgrader validate` finds a failing visible test.

nbgrader prints each failing cell's error with every line cut at 87 columns, and IPython's
traceback of a failed check went through three frames of dlcourse/testing.py before the message.
The check's message must come first and whole (dlcourse.testing.CheckFailed wraps it to
FAILURE_WIDTH columns), with none of the helper's frames.
"""
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from autograder import samples
from autograder.submissions import write_submission
from conftest import cli_env, release_notebook
from dlcourse import testing

A = "initialization"
FUNCTION = "initialize_parameters_zeros"
MISTAKE = "integer zeros"  # its message's first line is longer than nbgrader's 87 columns
CUT_AT = 87  # nbgrader's Validator: width 90, every line cut to width - 3 and "..." added
INDENT = "    "  # nbgrader's Validator.indent


def _message(source):
    """The check's message for the function in ``source``, computed here."""
    namespace = {"np": np}
    exec(source, namespace)
    with pytest.raises(testing.CheckFailed) as failure:
        testing.check(namespace[FUNCTION], A)
    return f"CheckFailed: {failure.value}"


def _error_shown(stdout, function):
    """The lines nbgrader validate prints under "The error was:" for the test cell of ``function``."""
    for block in stdout.split("=" * 90):
        if f"check({function}," in block and "The error was:" in block:
            return block.split("The error was:", 1)[1].strip("\n").splitlines()
    raise AssertionError(f"no failing cell of {function} in:\n{stdout}")


def test_validate_shows_the_failure_message_first_and_whole(tmp_path):
    source = samples.load(A).WRONG[FUNCTION][MISTAKE]
    write_submission(tmp_path / f"{A}.ipynb", release_notebook(A), A, {FUNCTION: source})
    message = _message(source)
    assert len(INDENT + message.splitlines()[0]) > CUT_AT, "a message nbgrader would cut"

    env = dict(cli_env(), DLCOURSE_SKIP_EXPERIMENTS="1")
    proc = subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "validate", f"{A}.ipynb"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert "VALIDATION FAILED ON 1 CELL(S)!" in proc.stdout, proc.stdout + proc.stderr
    shown = _error_shown(proc.stdout, FUNCTION)

    assert shown[0].startswith(INDENT + message.split()[0] + " " + message.split()[1]), \
        f"the message comes first:\n{proc.stdout}"
    assert " ".join(message.split()) in " ".join(" ".join(shown).split()), \
        f"the whole message is shown:\n{proc.stdout}"
    assert not any(len(line) >= CUT_AT and line.endswith("...") for line in shown), \
        f"no line is cut:\n{proc.stdout}"
    assert "testing.py" not in proc.stdout, f"no frame of the check's helpers:\n{proc.stdout}"


def test_a_crash_in_the_students_code_shows_the_message_then_that_codes_traceback():
    def initialize_parameters_zeros(layers_dims):
        return {"W1": np.zeros(layers_dims[7])}  # an IndexError in the student's own line

    with pytest.raises(testing.CheckFailed) as failure:
        testing.check(initialize_parameters_zeros, A)
    shown = failure.value._render_traceback_()
    message = f"CheckFailed: {failure.value}"
    end = shown.index("")
    assert " ".join(shown[:end]).split() == message.split(), "the message first, whole"
    assert all(len(line) <= testing.FAILURE_WIDTH for line in shown[:end])
    rest = "\n".join(shown[end:])
    assert "np.zeros(layers_dims[7])" in rest and rest.rstrip().endswith("IndexError: list index out of range")
    assert "testing.py" not in rest, "the student's frames only"

    with testing.concealed(), pytest.raises(testing.CheckFailed) as failure:
        testing.check(initialize_parameters_zeros, A)
    assert "" not in failure.value._render_traceback_(), "a hidden case shows its message only"
