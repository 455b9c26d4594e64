"""nbgrader's distribution cycle through the course's exchange, end to end with the real tools.

The instructor releases with ``python -m autograder release`` into an exchange shared by two
accounts. A student, under an account of their own (``nobody``: nbgrader takes the student id
from the account, and the exchange's permissions only show between two accounts), with their
own HOME holding the ``nbgrader_config.py`` that ``python -m autograder student-config``
writes, starts JupyterLab in a folder outside the course, opens *Nbgrader > Assignment List* in
Chromium, fetches the assignment (click), solves it (one sample student's implementations
written into the fetched notebook) and submits it (click). The instructor collects, runs
``grade-all``, and the grade is the sample student's expected score; the formgrader's REST API
shows the assignment as released, not "draft". Then ``feedback`` and ``release-feedback``, and the
student presses *Fetch Feedback* (click) and receives exactly the page written for them. Where ``nobody`` cannot run the course's Python
(a clone under a folder closed to other accounts), the student runs under the current account:
the same cycle, without the test of the exchange's permissions between accounts.
"""
import json
import os
import pwd
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import pytest
from browser import chromium  # noqa: F401  (the browser fixture)
from conftest import ROOT, expected_sample_scores, run_cli
from lab_server import JupyterServer, click_menu

from traitlets.config.loader import PyFileConfigLoader

from autograder import cli, course as repository, samples
from autograder.nbgrader_run import load_config, private_course
from autograder.submissions import write_submission

A = "gradient_checking"  # the cheapest assignment to grade
SAMPLE = "ben"           # a sample student with a partial score (neither 0 nor full marks)
STUDENT = "nobody"       # a second account of every Debian machine


def _course(root):
    """A course folder with one assignment and the course's nbgrader_config.py (the formgrader
    started there reads it, as at the repository root)."""
    shutil.copytree(ROOT / "notebooks" / A, root / "notebooks" / A,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    shutil.copyfile(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    return root


def _student_account():
    """``(account, note)``: ``nobody``, a second account, so that the exchange's permissions are
    exercised for real; where that account cannot run this Python (a clone under a folder closed
    to other accounts, such as a ``mktemp -d`` folder), the current account, and the note why."""
    current = pwd.getpwuid(os.geteuid()).pw_name
    if os.geteuid() != 0:
        return current, "not root: the student runs under the current account"
    try:  # a folder above the venv closed to the account: exec fails (PermissionError)
        probe = subprocess.run([sys.executable, "-c", "import jupyterlab, nbgrader"], user=STUDENT,
                               cwd="/", capture_output=True, text=True)
        failed = probe.returncode != 0
    except OSError:
        failed = True
    if failed:
        return current, (f"the account {STUDENT} cannot run {sys.executable} (a folder above it "
                         f"is closed to other accounts?): the student runs under {current}")
    return STUDENT, ""


@pytest.fixture
def shared(monkeypatch):
    """``(folder, account)``: a folder every account can enter, holding the exchange
    (DLCOURSE_EXCHANGE) and the student's home and work folder; the student's account."""
    account, note = _student_account()
    if note:
        print(note)  # shown with -rP; the cycle is the same, only the permissions go untested
    folder = Path(tempfile.mkdtemp(prefix="dlcourse-shared-"))
    folder.chmod(0o755)
    monkeypatch.setenv("DLCOURSE_EXCHANGE", str(folder / "exchange"))
    monkeypatch.delenv("DLCOURSE_GRADEBOOK_URL", raising=False)
    yield folder, account
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def cli_main(capsys):
    """``python -m autograder``'s main() in this process (quicker than a new one per call):
    ``run(*args)`` returns ``(exit status, stdout, stderr)``."""
    previous = signal.getsignal(signal.SIGINT)  # main() installs its own Ctrl-C handler

    def run(*args):
        code = cli.main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err
    yield run
    signal.signal(signal.SIGINT, previous)


def _owned_by(account, *folders):
    entry = pwd.getpwnam(account)
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        for path in [folder, *folder.rglob("*")]:
            os.chown(path, entry.pw_uid, entry.pw_gid)


def _row(section, assignment):
    """Script: the row of ``assignment`` in one list of the Assignment List."""
    return ("[...document.querySelectorAll('#%s .list_item')]"
            ".find(e => e.querySelector('.item_name') &&"
            " e.querySelector('.item_name').textContent.trim() === %s)"
            % (section, json.dumps(assignment)))


def _open_assignment_list(browser, server):
    """Nbgrader > Assignment List; returns the course shown once the list has loaded."""
    browser.open(server.url("/lab"))
    click_menu(browser, "Nbgrader", "Assignment List")
    return browser.wait_for(
        "(() => { const t = document.querySelector('#course_list_default');"
        " return t && t.textContent !== 'Loading, please wait...' && t.textContent; })()")


def test_release_fetch_submit_collect_grade(tmp_path, shared, chromium, cli_main):
    shared, account = shared
    course = _course(tmp_path / "course")
    proc = run_cli("release", A, "--course", course, timeout=300)
    assert proc.returncode == 0, proc.stderr
    exchange = shared / "exchange"
    assert f"released {A} into the exchange: {exchange}/dl-course/outbound/{A}" in proc.stdout
    assert stat.S_IMODE(exchange.stat().st_mode) == 0o1777

    # the student: own account, own HOME with the course's student config, a folder outside the course
    home, work = shared / "home", shared / "work"
    code, _, err = cli_main("student-config", "--course", course,
                            "--out", home / ".jupyter" / "nbgrader_config.py")
    assert code == 0, err
    _owned_by(account, home, work)
    other = account != pwd.getpwuid(os.geteuid()).pw_name
    with JupyterServer(work, home=home, user=account if other else None) as student:
        courses = _open_assignment_list(chromium, student)
        assert courses == "dl-course", courses  # not "Error fetching courses!"
        chromium.wait_for(f"!!({_row('released_assignments_list', A)})")
        chromium.mouse_click(f"{_row('released_assignments_list', A)}.querySelector('button')")
        chromium.wait_for(f"!!({_row('fetched_assignments_list', A)})")
        fetched = work / A / f"{A}.ipynb"
        assert fetched.stat().st_uid == pwd.getpwnam(account).pw_uid, "fetched by the student's account"

        choices = samples.load(A).CLASS[SAMPLE]
        write_submission(fetched, nbformat.read(str(fetched), as_version=4), A,
                         samples.implementations_for(A, choices))
        chromium.mouse_click(f"{_row('fetched_assignments_list', A)}.querySelector('button')")
        chromium.wait_for(f"!!({_row('submitted_assignments_list', A)})")
        assert "Error" not in chromium.evaluate("document.querySelector('#assignments').innerText")

    code, out, err = cli_main("collect", A, "--course", course)
    assert code == 0, err
    assert f"{A}: 1 submission(s) in the exchange ({account})" in out
    proc = run_cli("grade-all", "--course", course, "--json", timeout=600)
    assert proc.returncode == 0, proc.stderr
    grades = {r["student"]: r["score"] for r in map(json.loads, proc.stdout.splitlines())}
    assert grades == {account: expected_sample_scores(A)[SAMPLE]}

    with JupyterServer(course) as instructor:
        assignments = {a["name"]: a for a in instructor.api("GET", "/formgrader/api/assignments")}
    assert assignments[A]["status"] == "released"
    assert assignments[A]["num_submissions"] == 1

    # the feedback: written, released into the exchange, fetched by the student (click)
    proc = run_cli("feedback", "--course", course, timeout=600)
    assert proc.returncode == 0, proc.stderr
    page = course / "grading" / "feedback" / account / A / f"{A}.html"
    code, out, err = cli_main("release-feedback", A, "--course", course)
    assert code == 0, err
    assert out == f"{A}: 1 feedback page(s) released into the exchange ({account}), to fetch with Fetch Feedback\n"
    fetch = (f"[...{_row('submitted_assignments_list', A)}.querySelectorAll('button')]"
             ".find(b => b.innerText.trim() === 'Fetch Feedback')")
    with JupyterServer(work, home=home, user=account if other else None) as student:
        _open_assignment_list(chromium, student)
        chromium.wait_for(f"!!({fetch})")
        chromium.mouse_click(fetch)
        fetched = _wait_for_files(work / A / "feedback", f"*/{A}.html")
    assert [f.read_bytes() for f in fetched] == [page.read_bytes()], "the student's own page, as written"
    assert fetched[0].stat().st_uid == pwd.getpwnam(account).pw_uid, "fetched by the student's account"


def _wait_for_files(folder, pattern, timeout=60):
    """The files under ``folder`` matching ``pattern``, once there is at least one."""
    deadline = time.monotonic() + timeout
    while not (found := sorted(folder.glob(pattern))):
        assert time.monotonic() < deadline, f"nothing matched {folder}/{pattern} after {timeout} s"
        time.sleep(0.25)
    return found


def test_feedback_of_submissions_from_elsewhere_is_not_released(tmp_path, shared, cli_main):
    """A page whose submission did not come through the exchange (no submit files beside it, like
    the sample class's) is named, not released; nothing released before a release is one line."""
    course = _course(tmp_path / "course")
    code, _, err = cli_main("release-feedback", A, "--course", course)
    assert code == 1 and err.startswith("autograder: error: nothing of dl-course was ever released"), err
    assert run_cli("release", A, "--course", course, timeout=300).returncode == 0
    code, out, err = cli_main("release-feedback", A, "--course", course)
    assert (code, out) == (0, f"{A}: no feedback page yet (python -m autograder feedback first)\n"), err
    page = course / "grading" / "feedback" / "ada" / A / f"{A}.html"
    page.parent.mkdir(parents=True)
    page.write_text("<html>ada's page</html>", encoding="utf-8")
    code, out, err = cli_main("release-feedback", A, "--course", course)
    assert code == 0, err
    assert out.splitlines() == [f"{A}: 0 feedback page(s) released into the exchange",
                                f"{A}: not submitted through the exchange, hand them their page "
                                "from grading/feedback/: ada"]
    assert not list((shared[0] / "exchange" / "dl-course" / "feedback").glob("*.html"))


@pytest.mark.parametrize("args, message", [
    (["release", "no_such_assignment"], "unknown assignment 'no_such_assignment'"),
    (["collect", "no_such_assignment"], "unknown assignment 'no_such_assignment'"),
    (["release", A, "--course", "{missing}"], "is not a course folder"),
    (["collect", A, "--course", "{missing}"], "is not a course folder"),
    (["collect", "initialization", "--course", "{course}"], "has no notebooks/initialization/ folder"),
    (["release-feedback", "no_such_assignment"], "unknown assignment 'no_such_assignment'"),
    (["release-feedback", A, "--course", "{missing}"], "is not a course folder"),
    (["student-config", "--course", "{missing}"], "is not a course folder"),
    (["student-config", "--out", "/proc/no/such/folder/nbgrader_config.py"], "cannot write"),
])
def test_bad_input_is_one_line(tmp_path, cli_main, args, message):
    course = _course(tmp_path / "course")
    code, out, err = cli_main(*[a.format(missing=tmp_path / "nowhere", course=course) for a in args])
    assert code == 2, out + err
    assert err.startswith("autograder: error: ") and message in err
    assert len(err.strip().splitlines()) == 1 and not out, err


def test_collect_before_any_release_says_so(tmp_path, monkeypatch, cli_main):
    monkeypatch.setenv("DLCOURSE_EXCHANGE", str(tmp_path / "exchange"))
    code, _, err = cli_main("collect", A, "--course", _course(tmp_path / "course"))
    assert code == 1
    assert err.strip() == (f"autograder: error: nothing to collect: nothing of dl-course was "
                           f"ever released into the exchange {tmp_path / 'exchange'} "
                           "(python -m autograder release first)")
    assert not (tmp_path / "exchange").exists(), "collect makes no exchange"


def test_student_config_holds_the_course_settings(tmp_path, monkeypatch, cli_main):
    """The student config carries nbgrader_config.py's exchange and course id, read by nbgrader."""
    monkeypatch.setenv("DLCOURSE_EXCHANGE", str(tmp_path / "elsewhere"))
    code, out, err = cli_main("student-config", "--out", tmp_path / "student" / "nbgrader_config.py")
    assert code == 0, err
    assert out == f"wrote {tmp_path / 'student' / 'nbgrader_config.py'}\n"
    student = PyFileConfigLoader("nbgrader_config.py", path=str(tmp_path / "student")).load_config()
    course = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()
    assert student.Exchange.root == str(tmp_path / "elsewhere") == course.Exchange.root
    assert student.CourseDirectory.course_id == course.CourseDirectory.course_id
    assert set(student) == {"Exchange", "CourseDirectory"}
    assert set(student.CourseDirectory) == {"course_id"}


def test_the_exchange_moves_with_the_course_unless_set_elsewhere(tmp_path, monkeypatch):
    """``--course DIR``: the repository's own exchange (grading/exchange) becomes DIR's, as its
    gradebook does; one named by DLCOURSE_EXCHANGE is shared and stays where it is."""
    monkeypatch.delenv("DLCOURSE_EXCHANGE", raising=False)
    assert load_config().Exchange.root == str(repository.ROOT / "grading" / "exchange")
    assert load_config(tmp_path).Exchange.root == str(tmp_path / "grading" / "exchange")
    monkeypatch.setenv("DLCOURSE_EXCHANGE", "/srv/nbgrader/exchange")
    assert load_config(tmp_path).Exchange.root == "/srv/nbgrader/exchange"


def test_a_private_grading_course_has_an_exchange_of_its_own(tmp_path, monkeypatch, caplog):
    """The temporary course that grades a notebook never reaches the course's exchange, even one
    set elsewhere (DLCOURSE_EXCHANGE), and nbgrader finds no missing exchange to log CRITICAL about."""
    monkeypatch.setenv("DLCOURSE_EXCHANGE", str(tmp_path / "shared-exchange"))
    with private_course(A) as (config, _):
        exchange = Path(config.Exchange.root)
        assert exchange.is_dir() and exchange.is_relative_to(config.CourseDirectory.root)
    assert "Unwritable directory" not in caplog.text
    assert not (tmp_path / "shared-exchange").exists()
