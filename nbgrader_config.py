# nbgrader configuration of the course. Plain nbgrader commands work at the repository root:
#   nbgrader generate_assignment initialization
#   nbgrader autograde initialization
#   nbgrader generate_feedback initialization
#   nbgrader export            (to grading/grades.csv)
#
# Layout:
#   notebooks/<assignment>/   instructor notebooks = nbgrader's "source" step
#   source/dlcourse/          the course's helper package (not nbgrader's "source")
#   autograder/               hidden test cases and the `python -m autograder` command
#   grading/                  everything nbgrader generates, and the gradebook (git-ignored)
#
# `python -m autograder` loads this file too, and only overrides the course root and the
# gradebook when it grades in a private temporary course.
import os

c = get_config()  # noqa: F821  (traitlets injects get_config and __file__)
HERE = os.path.dirname(os.path.abspath(__file__))

# SQLite creates the gradebook file but not its folder: make sure grading/ exists for plain
# `nbgrader` commands on a fresh clone.
os.makedirs(os.path.join(HERE, "grading"), exist_ok=True)

c.CourseDirectory.course_id = "dl-course"
c.CourseDirectory.root = HERE
c.CourseDirectory.source_directory = "notebooks"
c.CourseDirectory.release_directory = "grading/release"
c.CourseDirectory.submitted_directory = "grading/submitted"
c.CourseDirectory.autograded_directory = "grading/autograded"
c.CourseDirectory.feedback_directory = "grading/feedback"
c.CourseDirectory.solution_directory = "grading/solution"
c.CourseDirectory.source_with_tests_directory = "grading/source_with_tests"
# An environment variable lets a deployment use PostgreSQL instead of SQLite
# (e.g. postgresql://user:password@host/gradebook). SQLite's busy timeout is raised
# from 5 s so that several grading processes can share one file.
c.CourseDirectory.db_url = os.environ.get(
    "DLCOURSE_GRADEBOOK_URL",
    "sqlite:///" + os.path.join(HERE, "grading", "gradebook.db") + "?timeout=30",
)
# One CSV export, inside the git-ignored grading/ folder: `nbgrader export` and
# `python -m autograder report` both write it there (never ./grades.csv at the root).
c.ExportPlugin.to = os.path.join(HERE, "grading", "grades.csv")
# Never copy checkpoints or caches, nor a student's own copy of the helper or grading packages.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback",
                            "dlcourse", "dlcourse.py", "autograder", "autograder.py"]

# Grading kernel: a per-cell time limit (interrupting the kernel, so later cells still run),
# and the repository's own packages first on sys.path, ahead of the submission's folder,
# so that a file in a submission cannot shadow the helper package or the hidden tests.
# The limits are autograder.course's (CELL_TIMEOUT, MEMORY_MB, FILE_MB, ONE_BLAS_THREAD), set from
# the environment variables DLCOURSE_CELL_TIMEOUT, DLCOURSE_KERNEL_MEMORY_MB and DLCOURSE_FILE_MB.
from autograder import course  # noqa: E402

c.Execute.timeout = course.CELL_TIMEOUT
c.Execute.interrupt_on_timeout = True
# A memory limit (address space) per grading kernel: a multi-GB allocation fails with MemoryError
# in that cell instead of taking the machine down; a file size limit: writing a huge file fails
# with "File too large"; one BLAS thread per kernel.
c.Execute.extra_arguments = [
    "--HistoryManager.hist_file=:memory:",
    "--IPKernelApp.log_level=ERROR",
    "--IPKernelApp.exec_lines=import os, sys, resource; sys.path[:0] = %r; "
    "resource.setrlimit(resource.RLIMIT_AS, (%d, %d)); "
    "resource.setrlimit(resource.RLIMIT_FSIZE, (%d, %d)); "
    "[os.environ.setdefault(k, v) for k, v in %r.items()]"
    % ([str(p) for p in course.PACKAGE_PATHS], course.MEMORY_MB << 20, course.MEMORY_MB << 20,
       course.FILE_MB << 20, course.FILE_MB << 20, course.ONE_BLAS_THREAD),
]
# Submissions are repaired before nbgrader's own checks (a duplicated graded cell would abort the
# grading, nbgrader #1083), and feedback never shows hidden test code or data (#917, #1363).
from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor  # noqa: E402
from nbgrader.preprocessors import (CheckCellMetadata, ClearOutput, DeduplicateIds,  # noqa: E402
                                    GetGrades, OverwriteCells, OverwriteKernelspec)
from nbconvert.preprocessors import ClearMetadataPreprocessor  # noqa: E402
from nbgrader.preprocessors import (AssignLatePenalties, Execute, IgnorePattern,  # noqa: E402
                                    LimitOutput, SaveAutoGrades)
from autograder.preprocessors import (FeedbackPage, HideHiddenTests,  # noqa: E402
                                      RepairSubmission, ScrubPaths)
from autograder.templates import FOLDER as TEMPLATES  # noqa: E402

c.Autograde.sanitize_preprocessors = [ClearOutput, RepairSubmission, DeduplicateIds,
                                      OverwriteKernelspec, OverwriteCells, CheckCellMetadata]
# nbgrader's own list, with the machine's folders cut from the outputs right after the run (the
# formgrader shows the autograded notebook's tracebacks)
c.Autograde.autograde_preprocessors = [Execute, ScrubPaths, IgnorePattern, ClearMetadataPreprocessor,
                                       LimitOutput, SaveAutoGrades, AssignLatePenalties,
                                       CheckCellMetadata]
c.GenerateFeedback.preprocessors = [GetGrades, HideHiddenTests, FeedbackPage,
                                    CSSHTMLHeaderPreprocessor]
# The feedback page is the course's template "feedback" (autograder/templates/feedback/):
# a summary per graded function, the course's stylesheet and MathJax inline, no CDN. This file
# is read after the formgrader sets its own template folder, so nbgrader's folder stays listed
# (after the course's) for the formgrader's "formgrade" template.
import nbgrader  # noqa: E402

c.HTMLExporter.extra_template_basedirs = [
    str(TEMPLATES),
    os.path.join(os.path.dirname(nbgrader.__file__), "server_extensions", "formgrader", "templates"),
]
# The formgrader's submission page would load MathJax 2 from a CDN: the course's formgrade/
# folder replaces nbconvert's mathjax macro for that template with this filter, which puts the
# local MathJax 3 inline (autograder.templates.formgrader_mathjax).
c.HTMLExporter.filters = {"formgrader_mathjax": "autograder.templates.formgrader_mathjax"}

# A deleted test cell is put back from the source notebook instead of losing its points silently.
c.OverwriteCells.add_missing_cells = True
# The exchange (nbgrader's release/fetch/submit/collect between accounts on one server) defaults
# to /usr/local/share/nbgrader/exchange; keep it inside the course unless a deployment sets it.
c.Exchange.root = os.environ.get("DLCOURSE_EXCHANGE", os.path.join(HERE, "grading", "exchange"))
