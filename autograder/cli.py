"""``python -m autograder``: release, grade and check the course's assignments.

    python -m autograder release [ASSIGNMENT ...]       student versions: grading/release/, exchange
    python -m autograder collect [ASSIGNMENT ...]       exchange -> grading/submitted/
    python -m autograder student-config [--out FILE]    a student's nbgrader_config.py
    python -m autograder grade ASSIGNMENT NOTEBOOK ... [--json [--instructor-detail]]
    python -m autograder grade-all                      every submission in grading/submitted/
    python -m autograder feedback                       feedback pages of every graded submission
    python -m autograder release-feedback [ASSIGNMENT ...]   feedback pages -> exchange
    python -m autograder report [--course DIR]          class report and CSV exports, no regrading
    python -m autograder check [ASSIGNMENT ...]         instructor self-test
    python -m autograder references [ASSIGNMENT ...] [--check]
    python -m autograder solutions [ASSIGNMENT ...] [--out DIR]   the solutions website
    python -m autograder demo [--no-site]               the main job of the README

Bad arguments get one line on stderr and exit status 2.

``grade --json`` prints what a student may receive: a hidden case's failure names the case and
the kind of mistake, never a value. ``--instructor-detail`` adds, to each test that failed on a
hidden case, that case's inputs and expected values (``"hidden_case"``): for the instructor only.
"""
import argparse
import json
import os
import signal
import shutil
import sys
import tempfile
from pathlib import Path

from dlcourse.casefile import load_cases

from . import course, exchange, references, sandbox, tables
from .batch import LOCAL_SCHEDULER, all_feedback, grade_all, workers_problem
from .class_report_page import refresh as refresh_report
from .demo import run_demo
from .grading import grade_notebooks
from .instructor_detail import instructor_detail
from .intake import Refused, read_notebook_file
from .nbgrader_run import GradingError, course_path, load_config, private_course, release
from .progress import Progress
from .site import DEFAULT_OUT, SiteError, build_site, check_out_dir


class UsageError(Exception):
    """Bad command-line input: reported in one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError(message)


def _assignment_list(names):
    built = course.built()
    for name in names:
        if name not in built:
            known = ", ".join(built) or "none"
            coming = [a for a in course.COURSE if a not in built]
            hint = f" ({name} is not built yet)" if name in coming else ""
            raise UsageError(f"unknown assignment {name!r}{hint}; built assignments: {known}")
    return list(names) or built


def _exchange_course(args):
    """``(course root or None, assignments)`` from ``--course DIR`` and assignment names."""
    names = _assignment_list(args.assignments)
    if args.course is None:
        return None, names
    return course.folder_assignments(args.course, names, named=bool(args.assignments))


def cmd_release(args):
    root, names = _exchange_course(args)
    for path in release(names, root):
        print(f"released {path.name} -> {path.relative_to(root or course.ROOT)}")
    released = exchange.release(names, root)
    for path in released:
        print(f"released {path.name} into the exchange: {path}")
    if blocked := exchange.unreachable_parent(released[0]):
        print(f"note: other accounts cannot enter {blocked}, so students cannot reach the exchange; "
              "set DLCOURSE_EXCHANGE to a shared folder (docs/instructor_guide.md)")
    return 0


def cmd_collect(args):
    root, names = _exchange_course(args)
    where = (root or course.ROOT) / "grading" / "submitted"
    for assignment, students in exchange.collect(names, root).items():
        print(f"{assignment}: {len(students)} submission(s) in the exchange ({', '.join(students)}), "
              f"collected into {where}/<student>/{assignment}/" if students else
              f"{assignment}: no submission in the exchange yet")
    return 0


def cmd_release_feedback(args):
    root, names = _exchange_course(args)
    for assignment, (released, elsewhere) in exchange.release_feedback(names, root).items():
        if not released and not elsewhere:
            print(f"{assignment}: no feedback page yet (python -m autograder feedback first)")
            continue
        print(f"{assignment}: {len(released)} feedback page(s) released into the exchange"
              + (f" ({', '.join(released)}), to fetch with Fetch Feedback" if released else ""))
        if elsewhere:
            print(f"{assignment}: not submitted through the exchange, hand them their page from "
                  f"grading/feedback/: {', '.join(elsewhere)}")
    return 0


def cmd_student_config(args):
    text = exchange.student_config(load_config(args.course and course.course_folder(args.course)))
    if args.out is None:
        print(text, end="")
        return 0
    try:
        print(f"wrote {exchange.write(Path(args.out), text)}")
    except OSError as exc:
        raise UsageError(f"cannot write {args.out}: {exc.strerror}") from None
    return 0


def cmd_grade(args):
    if args.instructor_detail and not args.json:
        raise UsageError("--instructor-detail goes with --json")
    sandbox.required()  # refuses here, in one line, if student code cannot be sandboxed
    (assignment,) = _assignment_list([args.assignment])
    for path in args.notebooks:
        try:
            read_notebook_file(path)
        except (FileNotFoundError, Refused) as exc:
            raise UsageError(str(exc)) from None
    reports = grade_notebooks(assignment, [Path(p) for p in args.notebooks])
    hidden = load_cases(course.hidden_reference_path(assignment)) if args.instructor_detail else None
    for report in reports:
        if args.json:
            out = report.to_json()
            if hidden is not None:
                out = instructor_detail(out, hidden)
            print(json.dumps(out))
        else:
            tables.print_report(report)
    return 0


def _course_option(args):
    if problem := workers_problem(args.workers, args.scheduler):
        raise UsageError(problem)
    if args.course is None:
        return None
    root = Path(args.course).resolve()
    if not (root / "grading" / "submitted").is_dir():
        raise UsageError(f"{args.course} has no grading/submitted/ folder")
    return root


def cmd_grade_all(args):
    sandbox.required()  # refuses here, in one line, if student code cannot be sandboxed
    root = _course_option(args)
    progress = Progress("grading", out=None if args.json else sys.stdout)
    try:
        reports = grade_all(progress=progress, workers=args.workers, course_root=root,
                            scheduler=args.scheduler)
    finally:
        progress.close()
    if args.json:
        refresh_report(root)
        for (student, _), report in sorted(reports.items()):
            print(json.dumps({"student": student, **report.to_json()}))
        return 0
    if not reports:
        print("no submissions found under grading/submitted/ "
              "(expected grading/submitted/<student>/<assignment>/<assignment>.ipynb)")
        return 0
    tables.print_grade_table(reports)
    where = root or course.ROOT
    _, summary = refresh_report(root)
    print(f"reports: {where / 'grading' / 'reports'}")
    print("\n".join(summary))
    again = f" --course {where}" if root else ""
    print(f"after any manual grading: python -m autograder feedback{again}, "
          f"then python -m autograder report{again}")
    return 0


def cmd_feedback(args):
    root = _course_option(args)
    progress = Progress("feedback")
    try:
        outcomes = all_feedback(progress=progress, workers=args.workers, course_root=root,
                                scheduler=args.scheduler)
    finally:
        progress.close()
    where = (root or course.ROOT) / "grading" / "feedback"
    missing = sum(1 for o in outcomes.values() if not o.written)
    print(f"{len(outcomes) - missing} feedback pages in {where}"
          + (f"; {missing} not written (reasons above)" if missing else ""))
    if not outcomes:
        print("nothing graded yet: run `python -m autograder grade-all` first")
    return 0


def cmd_report(args):
    """The class report and the CSV exports, from the saved reports and the gradebook."""
    root = None
    if args.course is not None:
        root = Path(args.course).resolve()
        if not (root / "grading").is_dir():
            raise UsageError(f"{args.course} has no grading/ folder (nothing graded there)")
    stats, summary = refresh_report(root)
    if not stats:
        print("nothing graded yet: run `python -m autograder grade-all` first")
        return 0
    print("\n".join(summary))
    return 0


def cmd_check(args):
    """Every source notebook must score full marks, every blank release notebook 0."""
    sandbox.required()  # refuses here, in one line, if student code cannot be sandboxed
    failures = 0
    for assignment in _assignment_list(args.assignments):
        with tempfile.TemporaryDirectory(prefix="dlcourse-check-") as tmp:
            with private_course(assignment) as private:
                released = course_path(private[0], "release", None, assignment)
                blank = Path(tmp) / "blank.ipynb"
                shutil.copyfile(released, blank)
                source_report, blank_report = grade_notebooks(
                    assignment, [course.source_notebook_path(assignment), blank], private)
        ok_source = source_report.score == source_report.max_score > 0 and source_report.complete
        ok_blank = blank_report.score == 0 and blank_report.complete and all(
            t.message for t in blank_report.tests)
        for label, report, ok in (("solution", source_report, ok_source),
                                  ("blank release", blank_report, ok_blank)):
            print(f"{'ok  ' if ok else 'FAIL'} {assignment} {label}: "
                  f"{report.score:g} / {report.max_score:g}")
            if not ok:
                tables.print_report(report)
                failures += 1
    return 1 if failures else 0


def cmd_references(args):
    problems = []
    for assignment in _assignment_list(args.assignments):
        if args.check:
            found = references.differences(assignment)
            problems += found
            print(f"{'ok  ' if not found else 'FAIL'} {assignment}: references "
                  + ("match a fresh generation" if not found else "differ from a fresh generation"))
        else:
            for path in references.write(assignment):
                print(f"wrote {path.relative_to(course.ROOT)}")
    for line in problems:
        print("  " + line)
    return 1 if problems else 0


def cmd_solutions(args):
    """Execute the reference notebooks and build the read-only solutions website."""
    names = _assignment_list(args.assignments)
    out = Path(args.out) if args.out else DEFAULT_OUT
    try:
        check_out_dir(out)
    except SiteError as exc:
        raise UsageError(str(exc)) from None
    build_site(out, names, progress=lambda line: print(line, flush=True))
    return 0


def cmd_demo(args):
    """The main job: release everything, grade the sample class, print the grade table,
    build the solutions site."""
    sandbox.required()  # refuses here, in one line, if student code cannot be sandboxed
    return run_demo(site=not args.no_site)


#: the --course option of the commands that work on a course folder
COURSE_OPTION = {"default": None, "metavar": "DIR",
                 "help": "a course folder other than this repository (holding notebooks/ and grading/)"}


def _add_batch_options(p, what):
    """--workers, --scheduler and --course of a command that runs one job per submission
    (checked by `_course_option`)."""
    p.add_argument("--workers", type=int, default=None, help=f"parallel {what} processes (default: "
                   f"number of cores); with --scheduler {LOCAL_SCHEDULER}, the Dask workers started")
    p.add_argument("--scheduler", default=None, metavar="ADDRESS", help=f"run the {what} jobs on a "
                   f"Dask cluster at ADDRESS ('{LOCAL_SCHEDULER}' starts one on this machine)")
    p.add_argument("--course", **COURSE_OPTION)


def build_parser():
    parser = _Parser(prog="python -m autograder", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    for name, func, text in (
            ("release", cmd_release, "generate student versions (nbgrader generate_assignment) "
                                     "and release them into the exchange (release_assignment)"),
            ("collect", cmd_collect, "copy the latest submissions from the exchange into "
                                     "grading/submitted/ (nbgrader collect --update)"),
            ("release-feedback", cmd_release_feedback, "release the feedback pages of the "
             "submissions collected from the exchange (nbgrader release_feedback)")):
        p = sub.add_parser(name, help=text)
        p.add_argument("assignments", nargs="*")
        p.add_argument("--course", **COURSE_OPTION)
        p.set_defaults(func=func)
    p = sub.add_parser("student-config", help="print (--out FILE: write) the nbgrader_config.py "
                                              "with which students' Jupyter finds the exchange")
    p.add_argument("--course", **COURSE_OPTION)
    p.add_argument("--out", metavar="FILE")
    p.set_defaults(func=cmd_student_config)
    p = sub.add_parser("grade", help="grade notebook files (never modified)")
    p.add_argument("assignment")
    p.add_argument("notebooks", nargs="+", metavar="NOTEBOOK")
    p.add_argument("--json", action="store_true",
                   help="one JSON object per notebook (safe to give to students)")
    p.add_argument("--instructor-detail", action="store_true",
                   help="with --json: add each failed hidden case's inputs and expected values "
                        "(instructors only: never give this output to students)")
    p.set_defaults(func=cmd_grade)
    p = sub.add_parser("grade-all", help="grade every submission under grading/submitted/")
    _add_batch_options(p, "grading")
    p.add_argument("--json", action="store_true", help="one JSON object per submission")
    p.set_defaults(func=cmd_grade_all)
    p = sub.add_parser("feedback", help="write the feedback page of every graded submission")
    _add_batch_options(p, "feedback")
    p.set_defaults(func=cmd_feedback)
    p = sub.add_parser("report", help="the class report (grading/report/index.html) and CSV "
                                      "exports, from the saved reports and the gradebook")
    p.add_argument("--course", **COURSE_OPTION)
    p.set_defaults(func=cmd_report)
    p = sub.add_parser("check", help="solutions score full marks, blank releases score 0")
    p.add_argument("assignments", nargs="*")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("references", help="generate (or --check) the tests' reference values")
    p.add_argument("assignments", nargs="*")
    p.add_argument("--check", action="store_true")
    p.set_defaults(func=cmd_references)
    p = sub.add_parser("solutions", help="build the read-only website of the executed reference solutions")
    p.add_argument("assignments", nargs="*")
    p.add_argument("--out", metavar="DIR", help="output folder (default: grading/site/)")
    p.set_defaults(func=cmd_solutions)
    p = sub.add_parser("demo", help="release all, grade the sample class, print the grade table, "
                                    "build the solutions site")
    p.add_argument("--no-site", action="store_true", help="skip building the solutions site")
    p.set_defaults(func=cmd_demo)
    return parser


def command_names(parser):
    """The names of the commands of :func:`build_parser`'s parser, in order."""
    (commands,) = [a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return list(commands)


def _end_now(code):
    """End this process at once: not wait for grading threads still waiting on student code
    (the launcher sees its grader go and ends every process running student code)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _interrupted(signum=None, frame=None):
    print("autograder: interrupted", file=sys.stderr)
    _end_now(130)


def main(argv=None):
    parser = build_parser()
    # Ctrl-C ends the command at once: libraries it calls (nbgrader) would otherwise swallow
    # the KeyboardInterrupt and grading would go on
    signal.signal(signal.SIGINT, _interrupted)
    try:
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            raise UsageError(f"a command is required: {', '.join(command_names(parser))}")
        return args.func(args)
    except UsageError as exc:
        print(f"autograder: error: {exc}", file=sys.stderr)
        return 2
    except (course.UnknownAssignment, course.NotACourseFolder, sandbox.SandboxUnavailable) as exc:
        print(f"autograder: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        _interrupted()
    except Exception as exc:  # anything else: one line, not a traceback
        kind = "" if isinstance(exc, GradingError) else f"{type(exc).__name__}: "
        if os.environ.get("DLCOURSE_DEBUG"):
            raise
        print(f"autograder: error: {kind}{exc}", file=sys.stderr)
        return 1
