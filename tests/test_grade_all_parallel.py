"""grade-all grades the same class to the same results sequentially, in parallel processes,
and on a Dask cluster (a scheduler and workers started here)."""
import json
import os
import shutil
import subprocess
import sys
import time

import pytest

from conftest import cli_env, run_cli, run_cli_with_terminal, sample_class_course

A = "initialization"


def _grade(course, *options):
    proc = run_cli("grade-all", "--course", course, "--json", *options, timeout=900)
    assert proc.returncode == 0, proc.stderr
    return {r["student"]: r for r in map(json.loads, proc.stdout.splitlines())}


def _summary(reports):
    return {s: (r["score"], [t["passed"] for t in r["tests"]]) for s, r in reports.items()}


@pytest.fixture
def dask_cluster(tmp_path):
    pytest.importorskip("distributed")
    scheduler_file = tmp_path / "scheduler.json"
    bindir = str(__import__("pathlib").Path(sys.executable).parent)
    scheduler = subprocess.Popen([f"{bindir}/dask", "scheduler", "--scheduler-file", scheduler_file,
                                  "--no-dashboard", "--port", "0"], env=cli_env(),
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = None
    try:
        for _ in range(300):
            if scheduler_file.exists() and scheduler_file.stat().st_size:
                break
            time.sleep(0.1)
        address = json.loads(scheduler_file.read_text())["address"]
        worker = subprocess.Popen([f"{bindir}/dask", "worker", address, "--nworkers", "2",
                                   "--nthreads", "1", "--no-dashboard"], env=cli_env(),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        yield address
    finally:
        for proc in (worker, scheduler):
            if proc is not None:
                proc.terminate()
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()


def test_sequential_parallel_and_dask_agree(tmp_path, dask_cluster):
    course = tmp_path / "course"
    expected = sample_class_course(course, A)
    sequential = _grade(course, "--workers", "1")
    assert {s: r["score"] for s, r in sequential.items()} == expected
    release = course / "grading" / "release" / A / f"{A}.ipynb"
    released_at = release.stat().st_mtime_ns

    # in parallel, from an instructor's terminal: JSON on stdout, a progress bar on the terminal
    code, stdout, terminal = run_cli_with_terminal("grade-all", "--course", course, "--json",
                                                   "--workers", "2")
    assert code == 0, terminal
    parallel = {r["student"]: r for r in map(json.loads, stdout.splitlines())}
    assert _summary(parallel) == _summary(sequential)
    n = len(expected)
    assert f"] {n}/{n} 100%" in terminal and "elapsed" in terminal, terminal
    assert "\r\x1b[K" in terminal, "the bar is redrawn in place"
    assert "Traceback" not in terminal
    assert release.stat().st_mtime_ns == released_at, "an up-to-date release is not regenerated"

    on_dask = _grade(course, "--scheduler", dask_cluster)
    assert _summary(on_dask) == _summary(sequential)

    # each report is saved; feedback is its own step and writes one page per submission
    for student, report in sequential.items():
        saved = json.loads((course / "grading" / "reports" / A / f"{student}.json").read_text())
        assert saved["score"] == report["score"]
    withdrawn = sorted(expected)[0]  # a submission removed after grading gets no page
    shutil.rmtree(course / "grading" / "submitted" / withdrawn)
    proc = run_cli("feedback", "--course", course, "--workers", "2")
    assert proc.returncode == 0, proc.stderr
    assert f"{n - 1} feedback pages in" in proc.stdout, proc.stdout
    for student in expected:
        page = course / "grading" / "feedback" / student / A / f"{A}.html"
        assert page.exists() == (student != withdrawn), student


def test_a_changed_source_is_released_again(tmp_path):
    course = tmp_path / "course"
    sample_class_course(course, A, students=1)
    _grade(course, "--workers", "1")
    release = course / "grading" / "release" / A / f"{A}.ipynb"
    released_at = release.stat().st_mtime_ns
    source = course / "notebooks" / A / f"{A}.ipynb"
    os.utime(source, ns=(released_at + 10**9, released_at + 10**9))
    _grade(course, "--workers", "1")
    assert release.stat().st_mtime_ns > released_at, "the edited source was not released again"


def test_feedback_before_grading_says_so(tmp_path):
    course = tmp_path / "course"
    sample_class_course(course, A, students=1)
    proc = run_cli("feedback", "--course", course)
    assert proc.returncode == 0, proc.stderr
    assert "run `python -m autograder grade-all` first" in proc.stdout


def test_unreachable_scheduler_is_one_line(tmp_path):
    sample_class_course(tmp_path / "course", A)
    proc = run_cli("grade-all", "--course", tmp_path / "course", "--scheduler", "tcp://127.0.0.1:9")
    assert proc.returncode != 0
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


class _ClusterStarted(Exception):
    """Raised by the stand-in LocalCluster: the test needs its arguments, not a cluster."""


@pytest.mark.parametrize("workers, started", [(3, 3), (None, os.cpu_count() or 1)])
def test_local_scheduler_starts_the_workers_asked_for(monkeypatch, workers, started):
    distributed = pytest.importorskip("distributed")
    from autograder.batch import LOCAL_SCHEDULER, run_jobs
    asked = {}

    def local_cluster(**options):
        asked.update(options)
        raise _ClusterStarted

    monkeypatch.setattr(distributed, "LocalCluster", local_cluster)
    with pytest.raises(_ClusterStarted):
        list(run_jobs(print, "/nowhere", [(A, "ada")], workers=workers, scheduler=LOCAL_SCHEDULER))
    assert asked["n_workers"] == started and asked["threads_per_worker"] == 1
