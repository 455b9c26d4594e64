"""The class benchmark's parts: the synthetic class is the same for a given seed and has the
promised mix; a tiny class grades to the same scores in the pool and on a local Dask cluster,
and the comparison reports a score that differs."""
import json
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import bench_class  # noqa: E402
from synthetic_class import Kind, SHARES, Source, kind_counts, plan, write_class  # noqa: E402

from autograder.report import report_path  # noqa: E402

A = "gradient_checking"


def test_the_class_is_the_same_for_a_seed_and_another_for_another_seed():
    assert plan(A, 300, seed=1) == plan(A, 300, seed=1)
    assert plan(A, 300, seed=1) != plan(A, 300, seed=2)


def test_the_class_has_the_promised_mix():
    students = plan(A, 300)
    counts = kind_counts(300)
    assert {k: sum(s.kind is k for s in students.values()) for k in Kind} == counts
    assert {k: round(300 * share) for k, share in SHARES.items()} == counts
    sources = {k: {source for s in students.values() if s.kind is k for _, (source, _) in s.choices}
               for k in Kind}
    assert sources[Kind.BLANK] == set()
    assert sources[Kind.CORRECT] == {Source.REFERENCE, Source.CORRECT}
    assert sources[Kind.WRONG] == set(Source)  # sample wrong implementations and mutants both
    for student in students.values():
        wrong = [f for f, (source, _) in student.choices if source in (Source.WRONG, Source.MUTANT)]
        assert len(wrong) in ((1, 2) if student.kind is Kind.WRONG else (0,))


def test_written_class_is_byte_for_byte_the_same(tmp_path):
    for folder in ("one", "two"):
        write_class(tmp_path / folder, A, n=6, seed=3)
    files = sorted(p.relative_to(tmp_path / "one") for p in (tmp_path / "one").rglob("*.ipynb"))
    assert len(files) == 7  # the source notebook and six submissions
    for name in files:
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()


def test_tiny_class_same_grades_on_both_schedulers_and_a_difference_is_caught(tmp_path):
    pytest.importorskip("distributed")
    students, runs, scores = bench_class.build_and_grade(tmp_path, 4, A, workers=2,
                                                         report=lambda line: None)
    assert set(runs) == {"pool", "dask"}
    for run in runs.values():
        assert len(run.memory.workers) == 2, run  # the two workers, and no helper process
        assert all(p.tree_pss > p.alone_rss > 0 for p in run.memory.workers.values())
    pool, dask = scores["pool"], scores["dask"]
    assert len(pool) == 4 * 4 and None not in pool.values()  # four students, four functions
    assert bench_class.verdict(pool, dask) == [f"identical grades: yes ({len(pool)} scores)"]

    # one score changed in the Dask run's saved report: the comparison names it
    student = next(s for s, p in students.items() if p.kind is Kind.CORRECT)
    path = report_path(tmp_path / "dask", A, student)
    saved = json.loads(path.read_text())
    test = saved["tests"][0]
    test["score"] -= 1
    path.write_text(json.dumps(saved))
    lines = bench_class.verdict(pool, bench_class.read_scores(tmp_path / "dask", A, students))
    assert lines[0] == f"identical grades: no (1 of {len(pool)} scores differ)"
    assert lines[1:] == [f"  {student} {test['name']}: pool {test['score'] + 1}, dask {test['score']}"]

    # a report missing from one run is a difference too
    path.unlink()
    lines = bench_class.verdict(pool, bench_class.read_scores(tmp_path / "dask", A, students))
    assert lines[0].startswith("identical grades: no") and f"  {student} (no report): pool missing, dask None" in lines
