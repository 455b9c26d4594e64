"""Reports as text on the terminal: one submission's tests, and the class's grade table."""
import sys

from . import course


def print_report(report, out=sys.stdout):
    print(f"{report.assignment}  {report.notebook}  score {report.score:g} / {report.max_score:g}", file=out)
    if report.error:
        print(f"  error: {report.error}", file=out)
    for note in report.notes:
        print(f"  note: {note}", file=out)
    width = max((len(t.name) for t in report.tests), default=10)
    for t in report.tests:
        verdict = "passed" if t.passed else "FAILED"
        line = f"  {t.name:<{width}}  {t.score:g}/{t.max_score:g}  {verdict}"
        if t.message:
            line += f"  {t.message}"
        print(line, file=out)


def print_grade_table(reports, out=sys.stdout):
    """Students × assignments; ``!`` marks a submission that was not graded completely."""
    students = sorted({s for s, _ in reports})
    names = [a for a in course.COURSE if any(a == b for _, b in reports)]
    width = max(len(s) for s in students + ["student"])
    print(file=out)
    print(f"{'student':<{width}}  " + "  ".join(f"{a:>16}" for a in names) + f"  {'total':>9}", file=out)
    for student in students:
        cells, total, total_max = [], 0.0, 0.0
        for a in names:
            r = reports.get((student, a))
            if r is None:
                cells.append(f"{'-':>16}")
                continue
            total += r.score
            total_max += r.max_score
            mark = " " if r.complete else "!"
            cells.append(f"{f'{r.score:g}/{r.max_score:g}':>15}{mark}")
        print(f"{student:<{width}}  " + "  ".join(cells) + f"  {f'{total:g}/{total_max:g}':>9}", file=out)
    if not all(r.complete for r in reports.values()):
        print("! = could not be graded completely; the reason is in the lines above", file=out)
    print(file=out)
