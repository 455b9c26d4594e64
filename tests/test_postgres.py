"""The gradebook in PostgreSQL (DLCOURSE_GRADEBOOK_URL): grade-all with two worker processes
writes every score to one PostgreSQL database, with the same results as SQLite, and the
`grade` command's private courses never touch it.

The test starts its own throwaway PostgreSQL server (Debian's postgresql package, which
.ci/run installs when it is missing); without one it is skipped with a message.
"""
import glob
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from conftest import cli_env, run_cli, sample_class_course

A = "initialization"


def _pg_bin(name):
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                                                   reverse=True)), None)
    if found is None:
        pytest.skip(f"PostgreSQL's {name} is not installed (Debian package postgresql)")
    return found


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def postgres_url(tmp_path):
    pytest.importorskip("psycopg")
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    # outside pytest's private temporary folder, which the server's own user cannot enter
    data = Path(tempfile.mkdtemp(prefix="dlcourse-pg-"))
    as_user = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        shutil.chown(data, "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    run = lambda *cmd: subprocess.run(as_user + list(cmd), capture_output=True, text=True,
                                      timeout=120, cwd="/")
    proc = run(initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
    assert proc.returncode == 0, proc.stderr
    proc = run(pg_ctl, "-D", str(data), "-l", str(data / "server.log"), "-w", "-o",
               f"-p {port} -k {data} -c listen_addresses=127.0.0.1", "start")
    assert proc.returncode == 0, proc.stderr + (data / "server.log").read_text()
    try:
        import psycopg
        for _ in range(100):
            try:
                conn = psycopg.connect(host="127.0.0.1", port=port, user="postgres",
                                       dbname="postgres", autocommit=True)
                break
            except psycopg.OperationalError:
                time.sleep(0.1)
        conn.execute("CREATE DATABASE gradebook")
        conn.close()
        yield f"postgresql://postgres@127.0.0.1:{port}/gradebook"
    finally:
        run(pg_ctl, "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(data, ignore_errors=True)


def test_grade_all_in_parallel_against_postgresql(tmp_path, postgres_url, monkeypatch):
    course = tmp_path / "course"
    expected = sample_class_course(course, A)
    monkeypatch.setenv("DLCOURSE_GRADEBOOK_URL", postgres_url)
    assert cli_env()["DLCOURSE_GRADEBOOK_URL"] == postgres_url
    proc = run_cli("grade-all", "--course", course, "--workers", "2", "--json")
    assert proc.returncode == 0, proc.stderr
    reports = {r["student"]: r for r in map(json.loads, proc.stdout.splitlines())}
    assert {s: r["score"] for s, r in reports.items()} == expected
    assert not (course / "grading" / "gradebook.db").exists(), "SQLite was used instead"

    # every score is in the PostgreSQL gradebook, as nbgrader reads it
    from nbgrader.api import Gradebook
    with Gradebook(postgres_url) as gb:
        stored = {s.student_id: s.score for s in gb.assignment_submissions(A)}
    assert stored == expected

    # the `grade` command's private course keeps its own SQLite gradebook
    notebook = course / "grading" / "submitted" / next(iter(expected)) / A / f"{A}.ipynb"
    proc = run_cli("grade", A, notebook, "--json")
    assert proc.returncode == 0, proc.stderr
    with Gradebook(postgres_url) as gb:
        assert {s.student_id for s in gb.assignment_submissions(A)} == set(expected)
