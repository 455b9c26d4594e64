"""The course's nbgrader exchange: the shared folder through which, on one server, the
instructor releases assignments, students fetch and submit them (JupyterLab's *Assignment List*,
or ``nbgrader fetch_assignment`` / ``nbgrader submit``), and the instructor collects them.

Where the exchange is and the course's id are set once, in ``nbgrader_config.py``
(``Exchange.root``, ``CourseDirectory.course_id``); everything here reads them from the loaded
configuration, and :func:`student_config` writes them into the small configuration file a
student's Jupyter needs to find the same exchange and course from any folder.

- ``ensure_exchange``: the exchange folder, made with the permissions nbgrader needs;
- ``release``: nbgrader's release_assignment of assignments (generated first if needed);
- ``collect``: nbgrader's collect, into ``grading/submitted/<student>/<assignment>/``, where
  ``grade-all`` reads them;
- ``release_feedback``: nbgrader's release_feedback of the feedback pages, which students fetch
  (*Fetch Feedback* in the Assignment List, or ``nbgrader fetch_feedback``);
- ``student_config``: the text of a student's ``nbgrader_config.py``.
"""
import os
import stat
from pathlib import Path

from nbgrader.exchange import ExchangeError

from .nbgrader_run import GradingError, course_root, ensure_released, load_config, make_api

#: the files nbgrader's submit puts next to a submitted notebook: when it was submitted, and the
#: secret from which the name of its released feedback page is made (only the student who
#: submitted can find that page). collect brings them into grading/submitted/, the feedback
#: folder keeps a copy (autograder.feedback), and release_feedback needs both there.
SUBMISSION_FILES = ("timestamp.txt", "submission_secret.txt")

#: the exchange folder's mode: every account creates its course folders and submissions below it
#: (nbgrader wants it world-writable), and the sticky bit (as on /tmp) keeps one account from
#: removing or renaming what another made there
ROOT_MODE = 0o1777


def settings(config):
    """``(exchange folder, course id)`` of a loaded nbgrader configuration."""
    return Path(config.Exchange.root), config.CourseDirectory.course_id


def unreachable_parent(folder):
    """The first folder above ``folder`` that other accounts may not enter (no ``o+x``), or None:
    students whose own account cannot pass it cannot reach the exchange."""
    for parent in reversed(Path(folder).parents):
        if parent.exists() and not os.stat(parent).st_mode & stat.S_IXOTH:
            return parent
    return None


def ensure_exchange(config):
    """Create the exchange folder (and its parents) if missing, with :data:`ROOT_MODE`; give an
    existing one that mode when this account owns it. Returns the folder."""
    root, _ = settings(config)
    try:
        root.mkdir(parents=True, exist_ok=True)
        if root.stat().st_uid == os.getuid() and stat.S_IMODE(root.stat().st_mode) != ROOT_MODE:
            os.chmod(root, ROOT_MODE)
    except OSError as exc:
        raise GradingError(f"could not create the exchange {root}: {exc.strerror}") from None
    if stat.S_IMODE(root.stat().st_mode) & 0o777 != 0o777:
        raise GradingError(f"the exchange {root} is not writable by everyone "
                           f"(its owner can fix that: chmod {ROOT_MODE:o} {root})")
    return root


def _run(api, make, assignment, what):
    """Run one of nbgrader's exchange steps (``make(coursedir)`` builds it) for an assignment;
    returns the step; GradingError with nbgrader's reason if it fails."""
    api.coursedir.assignment_id = assignment
    step = make(api.coursedir)
    try:
        step.start()
    except ExchangeError as exc:
        raise GradingError(f"could not {what} {assignment}: {exc}") from None
    return step


def release(names, course_root=None):
    """Release assignments into the exchange (nbgrader's release_assignment, replacing an
    earlier release of the same assignment), generating each one's student version first when
    it is missing or older than its source. Returns the released folders in the exchange."""
    config = load_config(course_root)
    config.ExchangeReleaseAssignment.force = True
    ensure_exchange(config)
    api = make_api(config)
    released = []
    for assignment in names:
        ensure_released(config, api, assignment)
        step = _run(api, lambda coursedir: api.exchange.ReleaseAssignment(
            coursedir=coursedir, authenticator=api.authenticator, parent=api),
            assignment, "release")
        released.append(Path(step.dest_path))
    return released


def collect(names, course_root=None):
    """Collect the latest submission of each student from the exchange (nbgrader's collect, with
    ``--update``: a newer submission replaces one collected earlier) into
    ``grading/submitted/<student>/<assignment>/``. Returns ``{assignment: [student, ...]}``, the
    students whose submissions were in the exchange."""
    config = load_config(course_root)
    root, course_id = settings(config)
    if not (root / course_id / "inbound").is_dir():
        raise GradingError(f"nothing to collect: nothing of {course_id} was ever released into "
                           f"the exchange {root} (python -m autograder release first)")
    api = make_api(config)
    found = {}
    for assignment in names:
        def make(coursedir):
            step = api.exchange.Collect(coursedir=coursedir, authenticator=api.authenticator,
                                        parent=api)
            step.update = True
            return step
        step = _run(api, make, assignment, "collect")
        found[assignment] = sorted(record["username"] for record in step.src_records)
    return found


def release_feedback(names, course_root=None):
    """Release the feedback pages of the submissions that came through the exchange (nbgrader's
    release_feedback, replacing pages released earlier). Returns ``{assignment: (released,
    elsewhere)}``: the students whose pages were released, and those whose submission did not come
    through the exchange (no :data:`SUBMISSION_FILES` next to their page): their page can only be
    handed to them."""
    config = load_config(course_root)
    root, course_id = settings(config)
    if not (root / course_id).is_dir():
        raise GradingError(f"nothing of {course_id} was ever released into the exchange {root}, "
                           "so no student can fetch feedback there (python -m autograder release first)")
    api = make_api(config)
    found = {}
    for assignment in names:
        folders = [page.parent for page in sorted(feedback_root(config).glob(f"*/{assignment}/*.html"))]
        through = {f.parent.name for f in folders if all((f / name).is_file() for name in SUBMISSION_FILES)}
        elsewhere = sorted({f.parent.name for f in folders} - through)
        if through:
            def make(coursedir):
                coursedir.student_id_exclude = ",".join(elsewhere)
                return api.exchange.ReleaseFeedback(coursedir=coursedir, authenticator=api.authenticator,
                                                    parent=api)
            _run(api, make, assignment, "release the feedback of")
        found[assignment] = (sorted(through), elsewhere)
    return found


def feedback_root(config):
    """The folder of the feedback pages, ``grading/feedback/`` (``<student>/<assignment>/``)."""
    return course_root(config) / config.CourseDirectory.feedback_directory


def student_config(config):
    """A student's ``nbgrader_config.py``: the course's exchange folder and course id, so that
    the Assignment List and ``nbgrader fetch_assignment``/``submit`` find them from any folder."""
    root, course_id = settings(config)
    return (
        "# nbgrader settings for the students of this course, written by\n"
        "# `python -m autograder student-config` from the course's nbgrader_config.py.\n"
        "# Put it in ~/.jupyter/nbgrader_config.py (one student) or in a folder that every\n"
        "# student's Jupyter reads, such as /etc/jupyter/nbgrader_config.py (a shared server).\n"
        "c = get_config()  # noqa: F821\n"
        f"c.Exchange.root = {str(root)!r}\n"
        f"c.CourseDirectory.course_id = {course_id!r}\n")


def write(path, text):
    """Write ``text`` to ``path``, making its folders; returns the path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
