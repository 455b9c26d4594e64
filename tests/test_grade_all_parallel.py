"""grade-all grades the same class to the same results sequentially, in parallel processes,
and on a Dask cluster (a scheduler and workers started here)."""
import json
import subprocess
import sys
import time

import pytest

from conftest import cli_env, run_cli, sample_class_course

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
    expected = sample_class_course(tmp_path / "course", A)
    sequential = _grade(tmp_path / "course", "--workers", "1")
    assert {s: r["score"] for s, r in sequential.items()} == expected
    parallel = _grade(tmp_path / "course", "--workers", "2")
    assert _summary(parallel) == _summary(sequential)
    on_dask = _grade(tmp_path / "course", "--scheduler", dask_cluster)
    assert _summary(on_dask) == _summary(sequential)


def test_unreachable_scheduler_is_one_line(tmp_path):
    sample_class_course(tmp_path / "course", A)
    proc = run_cli("grade-all", "--course", tmp_path / "course", "--scheduler", "tcp://127.0.0.1:9")
    assert proc.returncode != 0
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
