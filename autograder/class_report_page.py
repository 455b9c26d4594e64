"""The class report as one HTML file: ``grading/report/index.html``.

Made from :mod:`autograder.class_report`'s statistics. The figures (matplotlib, Agg) are PNG
data URIs and the course stylesheet and the table-sorting script are inline, so the page loads
nothing: it opens from ``file://``, offline, and can be sent as one file.
"""
import base64
import datetime
import io

from . import templates
from .class_report import (AssignmentStats, class_stats, function_csv, report_dir,
                           summary_lines, write_function_csv)
from .nbgrader_run import export_csv, export_path, load_config

FIGURE_SIZE = (5.6, 2.6)   # inches; the page scales figures down to its width
DPI = 110


def _png_data_uri(figure):
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _new_figure():
    # matplotlib's Figure, without pyplot: no GUI backend, PNGs through Agg. Imported when a
    # report is drawn, not when the command line starts (it takes a quarter of a second).
    from matplotlib.figure import Figure  # noqa: PLC0415
    figure = Figure(figsize=FIGURE_SIZE)
    return figure, figure.add_subplot()


def histogram(stats: AssignmentStats):
    """A data URI of the assignment's score histogram, with the median and quartiles marked.

    ``stats.scores``: ``{student: total}``, totals between 0 and ``stats.max_score``."""
    figure, axes = _new_figure()
    top = max(stats.max_score, 1.0)
    if float(top).is_integer() and top <= 30:   # a bar per whole score, centred on it
        bins = [k - 0.5 for k in range(int(top) + 2)]
        axes.set_xticks(range(0, int(top) + 1, max(1, int(top) // 10)))
    else:
        bins = [top * k / 20 for k in range(21)]
    axes.hist(list(stats.scores.values()), bins=bins, color="#4a90d9", edgecolor="white")
    quartiles = stats.quartiles
    if quartiles:
        for value, label, style in zip(quartiles, ("Q1", "median", "Q3"), (":", "-", ":")):
            axes.axvline(value, color="#b22222", linestyle=style, linewidth=1.5,
                         label=f"{label} {value:g}")
        axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=8,
                    frameon=False)  # above the bars, never over them
    axes.set_xlabel(f"score (out of {stats.max_score:g})")
    axes.set_ylabel("students")
    axes.yaxis.get_major_locator().set_params(integer=True)
    return _png_data_uri(figure)


def pass_rate_chart(stats: AssignmentStats):
    """A data URI of a horizontal bar chart: each graded function's pass rate (%)."""
    figure, axes = _new_figure()
    figure.set_figheight(0.35 * len(stats.functions) + 0.8)
    names = [f.function for f in stats.functions][::-1]
    rates = [100 * f.pass_rate for f in stats.functions][::-1]
    axes.barh(names, rates, color="#2a7a2a")
    axes.set_xlim(0, 100)
    axes.set_xlabel("pass rate (%)")
    axes.tick_params(axis="y", labelsize=9)
    return _png_data_uri(figure)


def render_page(stats, generated=None):
    """The report page's HTML for ``[AssignmentStats]``."""
    sections = [{"stats": item, "histogram": histogram(item), "pass_rates": pass_rate_chart(item),
                 "total_seconds": sum(item.seconds.values())} for item in stats]
    generated = generated or datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    return templates.render("class_report.html.j2", sections=sections, generated=generated,
                            total_seconds=sum(s["total_seconds"] for s in sections))


def refresh(course_root=None):
    """Write the CSV export, the per-function CSV and the report page of a course (None: this
    repository) from its saved reports and gradebook. Returns ``(stats, summary lines)``;
    nothing is written before `grade-all` saved a report (there may be no gradebook yet)."""
    config = load_config(course_root)
    if not any(report_dir(course_root).parent.joinpath("reports").glob("*/*.json")):
        return [], []
    export_csv(config)
    stats = class_stats(course_root)
    write_function_csv(stats, function_csv(course_root))
    page = report_dir(course_root) / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(render_page(stats), encoding="utf-8")
    lines = summary_lines(stats, page)
    lines.append(f"CSV export: {export_path(config)}   per function: {function_csv(course_root)}")
    return stats, lines
