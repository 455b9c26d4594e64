"""The README's main job: release every assignment (into grading/release/ and into the
exchange), grade the sample class, print the grade table, write the feedback pages and the class
report, build the solutions site.

The sample class (``autograder/samples/<assignment>.py``, ``CLASS``) is turned into submission
notebooks under ``grading/submitted/<student>/<assignment>/`` from the freshly released notebooks,
then graded with ``grade-all`` exactly as real submissions would be.
"""
import shutil
import sys

import nbformat

from . import course, exchange, samples
from .batch import all_feedback, grade_all
from .class_report_page import refresh as refresh_report
from .course import GRADING
from .nbgrader_run import release
from .progress import Progress
from .site import build_site
from .submissions import write_submission
from .tables import print_grade_table


def write_sample_class(names):
    written = []
    for assignment in names:
        nb_name = course.source_notebook_path(assignment).name
        release_nb = nbformat.read(str(GRADING / "release" / assignment / nb_name), as_version=4)
        for student, choices in samples.load(assignment).CLASS.items():
            folder = GRADING / "submitted" / student / assignment
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir(parents=True)
            if choices == "blank":
                write_submission(folder / nb_name, release_nb, assignment, fill="blank")
            else:
                write_submission(folder / nb_name, release_nb, assignment,
                                 samples.implementations_for(assignment, choices))
            written.append(folder)
    return written


class _Indented:
    """stdout, each line indented (the demo's job lines sit under its headings)."""

    def write(self, text):
        sys.stdout.write("\n".join("  " + line if line else line for line in text.split("\n")))

    def flush(self):
        sys.stdout.flush()


def run_demo(site=True):
    names = course.built()
    print(f"releasing {', '.join(names)}", flush=True)
    for path in release(names):
        print(f"  {path.relative_to(course.ROOT)}")
    released = exchange.release(names)
    print(f"  into the exchange (students fetch them there): {released[0].parent}", flush=True)
    folders = write_sample_class(names)
    print(f"grading {len(folders)} sample submissions", flush=True)
    progress = Progress("grading", out=_Indented())
    try:
        reports = grade_all(progress=progress)
    finally:
        progress.close()
    print_grade_table(reports)
    print("writing feedback pages", flush=True)
    for outcome in all_feedback(progress=lambda *job: None).values():
        if not outcome.written:
            print("  " + outcome.text)
    print(f"feedback HTML: {(GRADING / 'feedback').relative_to(course.ROOT)}/<student>/<assignment>/")
    print("writing the class report", flush=True)
    for line in refresh_report()[1]:
        print("  " + line.strip())
    if site:
        print("building the solutions site (runs every notebook with its experiments)", flush=True)
        build_site(GRADING / "site", names, progress=lambda line: print("  " + line, flush=True))
    return 0
