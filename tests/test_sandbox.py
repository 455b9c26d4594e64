"""The verification pass runs student code in the sandbox (autograder.sandbox): the
instructor's folders look empty, nothing outside its job folder can be written, and no network
connection leaves it. Where no sandbox can be made, grading refuses in one line that names the
setting allowing it, and a report graded with that setting says so.

Each probe is a solution cell that does its forbidden thing and is correct only if that failed:
its verdict is `passed` exactly when the sandbox held (run unsandboxed, every probe fails).
"""
import os
import socket
import sys
import threading

import nbformat
import pytest

from autograder import course, sandbox, verify
from autograder.submissions import make_submission, reference_solutions

from conftest import ROOT, release_notebook, run_cli

A = "initialization"
ZEROS = "initialize_parameters_zeros"

needs_sandbox = pytest.mark.skipif(bool(sandbox.problem()), reason=sandbox.problem() or "")


def _probe(body):
    """The reference solution of ZEROS, preceded by ``body`` at the cell's top level."""
    return body + "\n" + reference_solutions(A)[ZEROS]


def _verdict(body):
    nb = make_submission(release_notebook(A), A, {ZEROS: _probe(body)})
    return verify.verify_notebook(course.assignment(A), nb)[ZEROS]


@needs_sandbox
@pytest.mark.parametrize("folder", [course.HIDDEN_REFERENCES, ROOT / "notebooks", ROOT / "grading"],
                         ids=["hidden references", "source notebooks", "grading"])
def test_the_instructor_folders_look_empty(folder):
    assert folder.is_dir()
    verdict = _verdict(f"import os\nassert os.listdir({str(folder)!r}) == [], 'the folder is readable'")
    assert verdict.passed, verdict.reason


@needs_sandbox
def test_nothing_outside_the_job_folder_can_be_written(tmp_path):
    target = ROOT / "README.md"
    before = target.read_bytes()
    verdict = _verdict(f"""
try:
    open({str(target)!r}, "a").write("changed by a student")
    wrote = True
except OSError:
    wrote = False
assert not wrote, "wrote into the course"
""")
    assert target.read_bytes() == before
    assert verdict.passed, verdict.reason


@needs_sandbox
def test_no_connection_leaves_the_sandbox():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(30)
    port = server.getsockname()[1]
    accepted = []

    def accept():
        try:
            accepted.append(server.accept())
        except OSError:
            pass
    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        verdict = _verdict(f"""
import socket
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=3).sendall(b"secrets")
    connected = True
except OSError:
    connected = False
assert not connected, "reached the grader's network"
""")
    finally:
        server.close()
        thread.join(5)
    assert not accepted, "a connection from the sandbox reached the test's server"
    assert verdict.passed, verdict.reason


def test_grading_refuses_without_a_sandbox_in_one_line(tmp_path, monkeypatch):
    notebook = tmp_path / f"{A}.ipynb"
    notebook.write_text("{}")
    # a PATH without bubblewrap: only this Python's own folder
    monkeypatch.setenv("PATH", os.path.dirname(sys.executable))
    monkeypatch.delenv(sandbox.UNSANDBOXED, raising=False)
    proc = run_cli("grade", A, notebook)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and sandbox.UNSANDBOXED in lines[0] and "bubblewrap" in lines[0], proc.stderr
    assert not proc.stdout


def test_an_unsandboxed_grade_says_so(tmp_path, monkeypatch):
    notebook = tmp_path / f"{A}.ipynb"
    nbformat.write(make_submission(release_notebook(A), A), str(notebook))
    monkeypatch.setenv("PATH", os.path.dirname(sys.executable))
    monkeypatch.setenv(sandbox.UNSANDBOXED, "1")
    proc = run_cli("grade", A, notebook, "--json")
    assert proc.returncode == 0, proc.stderr
    assert sandbox.UNSANDBOXED_NOTE in proc.stdout
