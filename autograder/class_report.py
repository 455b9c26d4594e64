"""The class report's data: what the saved reports and the gradebook say about a whole class.

    python -m autograder report [--course DIR]

reads, for every built assignment, the report `grade-all` saved for each submission
(``grading/reports/<assignment>/<student>.json``) and the gradebook's final scores (so a score
changed by hand in the formgrader shows), and makes, without regrading anything:

- ``grading/grades.csv``: nbgrader's CSV export of the gradebook (the one export; nbgrader's
  own ``nbgrader export`` writes the same file, see nbgrader_config.py);
- ``grading/scores_by_function.csv``: one row per student, one column per graded function;
- ``grading/report/index.html``: the report page (autograder.class_report_page);
- a few summary lines for the terminal (:func:`summary_lines`).

Scores come from the gradebook; outcomes, failure kinds, hidden cases, flags and times from the
saved reports. A failure's kind is its outcome (timed out, flagged, not graded) or, for a plain
failure, the :class:`dlcourse.testing.Kind` the checks outside the kernel reported (data in the
saved report, never read back from a message); it is only ever shown, never used for a score.
"""
import csv
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import course, nbgrader_run
from .report import Outcome, Status, load, report_path

#: how many of the slowest submissions and most failed hidden cases are listed
TOP = 5

OTHER = "other failure"  # a failure the checks outside the kernel did not explain (or an old report)


def failure_kind(test):
    """The kind of a failed test (a :class:`report.TestResult`), or None if it passed."""
    if test.outcome is Outcome.PASSED:
        return None
    if test.outcome is Outcome.TIMED_OUT:
        return "timed out"
    if test.outcome is Outcome.FLAGGED:
        return "flagged (possible tampering)"
    if test.outcome is Outcome.NOT_GRADED:
        return "not graded"
    return test.kind.value if test.kind else OTHER


@dataclass
class FunctionStats:
    """One graded function across a class."""
    function: str
    points: float
    graded: int = 0                                    # submissions with a saved report
    passed: int = 0
    kinds: list = field(default_factory=list)          # [(kind, count)], most common first
    diagnoses: list = field(default_factory=list)      # [(text, count, [student])]

    @property
    def pass_rate(self):
        return self.passed / self.graded if self.graded else 0.0


@dataclass
class AssignmentStats:
    """One assignment's class: its scores, functions, problems and times."""
    name: str
    max_score: float
    scores: dict = field(default_factory=dict)         # {student: final total}
    function_scores: dict = field(default_factory=dict)  # {student: {function: final score}}
    functions: list = field(default_factory=list)      # [FunctionStats], notebook order
    hidden: list = field(default_factory=list)         # [(function, label, count)]
    flagged: list = field(default_factory=list)        # [(student, function, reason)]
    not_graded: list = field(default_factory=list)     # [(student, status, reason)]
    changed: list = field(default_factory=list)        # [(student, function, saved, final)]
    seconds: dict = field(default_factory=dict)        # {student: grading seconds}

    @property
    def quartiles(self):
        """``(q1, median, q3)`` of the final scores (inclusive method; None with no score)."""
        values = sorted(self.scores.values())
        if not values:
            return None
        if len(values) == 1:
            return (values[0],) * 3
        return tuple(statistics.quantiles(values, n=4, method="inclusive"))

    @property
    def slowest(self):
        return sorted(self.seconds.items(), key=lambda item: -item[1])[:TOP]


def diagnosis_of(test):
    """The diagnosed mistake of a failed test as ``(id, text)``, or None: the optional
    ``diagnosis`` ({"id", "text"}) a report may carry (read so that reports with and without
    it both work)."""
    found = getattr(test, "diagnosis", None)
    if isinstance(found, dict) and found.get("id"):
        return found["id"], found.get("text") or found["id"]
    return None


def students_of(config, root, assignment):
    """Students with a submission or a saved report of the assignment."""
    saved = report_path(root, assignment, "_").parent  # the assignment's folder of reports
    reported = [p.stem for p in saved.glob("*.json")] if saved.is_dir() else []
    return sorted(set(nbgrader_run.submitted_students(config, assignment)) | set(reported))


def assignment_stats(config, root, name):
    """The :class:`AssignmentStats` of one assignment from the saved reports and the
    gradebook (``config``: nbgrader's, of the course at ``root``)."""
    assignment = course.assignment(name)
    stats = AssignmentStats(name, assignment.max_score)
    by_function = {f: FunctionStats(f, assignment.points_of(f)) for f in assignment.functions}
    kinds = {f: Counter() for f in assignment.functions}
    hidden, diagnosed = Counter(), {}
    final = nbgrader_run.final_scores(config, assignment)
    for student in students_of(config, root, name):
        report = load(root, name, student)
        if report is None:
            stats.not_graded.append((student, "no report", "no saved report: run grade-all"))
            continue
        stats.seconds[student] = report.seconds
        if report.status is not Status.GRADED:
            stats.not_graded.append((student, report.status.value, report.error or "; ".join(report.notes)))
        in_gradebook = final.get(student, {})
        stats.function_scores[student] = {}
        for test in report.tests:
            function = test.function
            if function not in by_function:
                continue
            score = in_gradebook.get(test.name, test.score)
            stats.function_scores[student][function] = score
            if score != test.score:
                stats.changed.append((student, function, test.score, score))
            by_function[function].graded += 1
            by_function[function].passed += test.outcome is Outcome.PASSED
            kind = failure_kind(test)
            if kind:
                kinds[function][kind] += 1
            if test.flagged:
                stats.flagged.append((student, function, test.message))
            hidden.update((function, label) for label in dict.fromkeys(test.hidden_failures))
            mistake = diagnosis_of(test)
            if mistake and kind:
                entry = diagnosed.setdefault((function, mistake[0]), [mistake[1], []])
                entry[1].append(student)
        stats.scores[student] = sum(stats.function_scores[student].values())
    for function, item in by_function.items():
        item.kinds = kinds[function].most_common()
        item.diagnoses = sorted(((text, len(who), who) for (f, _), (text, who) in diagnosed.items()
                                 if f == function), key=lambda d: (-d[1], d[0]))
        stats.functions.append(item)
    stats.hidden = [(f, label, n) for (f, label), n in
                    sorted(hidden.items(), key=lambda item: (-item[1], item[0]))[:TOP * 2]]
    return stats


def class_stats(course_root=None):
    """``[AssignmentStats]`` of every built assignment with a submission or a saved report."""
    config = nbgrader_run.load_config(course_root)
    root = nbgrader_run.course_root(config)
    found = [assignment_stats(config, root, name) for name in course.built()]
    return [stats for stats in found if stats.scores or stats.not_graded]


# ----------------------------------------------------------------------------- files

def report_dir(course_root=None):
    return Path(course_root or course.ROOT) / "grading" / "report"


def function_csv(course_root=None):
    return Path(course_root or course.ROOT) / "grading" / "scores_by_function.csv"


def function_columns(stats):
    """The per-function CSV's columns: ``student_id``, then ``<assignment>.<function>`` for
    each graded function and ``<assignment>`` for the assignment's total, then ``total``."""
    columns = ["student_id"]
    for item in stats:
        columns += [f"{item.name}.{f.function}" for f in item.functions] + [item.name]
    return columns + ["total"]


def function_rows(stats):
    """The per-function CSV's rows as dicts (a cell is empty where nothing was graded)."""
    students = sorted({s for item in stats for s in item.function_scores})
    rows = []
    for student in students:
        row = {"student_id": student}
        for item in stats:
            scores = item.function_scores.get(student)
            if scores is None:
                continue
            row.update({f"{item.name}.{f}": f"{v:g}" for f, v in scores.items()})
            row[item.name] = f"{item.scores[student]:g}"
        row["total"] = f"{sum(item.scores.get(student, 0.0) for item in stats):g}"
        rows.append(row)
    return rows


def write_function_csv(stats, path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=function_columns(stats), restval="")
        writer.writeheader()
        writer.writerows(function_rows(stats))
    return path


def summary_lines(stats, page):
    """What the terminal shows of the report: a line per assignment, then where it is."""
    lines = []
    for item in stats:
        q = item.quartiles
        spread = (f"median {q[1]:g}/{item.max_score:g} (quartiles {q[0]:g}-{q[2]:g})"
                  if q else "no score")
        hardest = min(item.functions, key=lambda f: f.pass_rate, default=None)
        parts = [f"{item.name}: {len(item.scores)} graded", spread]
        if hardest is not None and hardest.graded:
            parts.append(f"lowest pass rate {hardest.function} {hardest.pass_rate:.0%}")
        if item.flagged:
            parts.append(f"{len(item.flagged)} flagged")
        if item.not_graded:
            parts.append(f"{len(item.not_graded)} not (fully) graded")
        if item.changed:
            parts.append(f"{len(item.changed)} score(s) changed by hand")
        lines.append("  " + ", ".join(parts))
    total = sum(sum(item.seconds.values()) for item in stats)
    lines.append(f"  grading time {total:.1f} s in all")
    lines.append(f"class report: {page}")
    return lines
