"""What the hidden part of a test cell calls while an assignment is graded.

Under ``python -m autograder`` the hidden checks are not run in the student's kernel at all:
its kernels start with :data:`OUTSIDE` set (autograder.kernels), the hidden expected values are
out of the kernel's sight (autograder.sandbox), and the verification pass runs every hidden
case and property check on plain values outside the kernel (autograder.verify), where the
policy decides the grade (autograder.policy, rule 3b). ``check_hidden`` then only says so.

Plain ``nbgrader autograde`` has nobody outside to ask: there ``check_hidden`` compares in the
kernel. Hidden cases live in ``autograder/references/<assignment>.h5``, which is never part of
a student release; the kernel finds this package because nbgrader_config.py puts the repository
first on its ``sys.path``. The checks run are the function's registered ones
(:mod:`autograder.checks`), the same the verification pass runs.

What the student's code prints while it runs on a hidden case is dropped: it could show the
hidden inputs on the feedback page. The one line printed at the end says that every check
passed, so it is printed only when every check, value cases and properties, did.
"""
import contextlib
import io
import os
import sys

from dlcourse.casefile import load_cases
from dlcourse.testing import CheckFailed, concealed, run_cases

from . import checks
from .course import hidden_reference_path

#: set in the environment of the kernels ``python -m autograder`` starts: their hidden checks
#: run outside, in the verification pass
OUTSIDE = "DLCOURSE_HIDDEN_CHECKS_OUTSIDE"


def check_hidden(function, assignment, function_name=None, namespace=None):
    """Under ``python -m autograder``: nothing but a line saying the grader checks outside.
    Elsewhere: run every registered check of a graded function: its hidden value cases and its
    property checks, in order; raise CheckFailed at the first failure.

    ``namespace``: where the other functions a property needs are found (default: the
    calling cell's globals, i.e. the notebook's)."""
    name = function_name or getattr(function, "__name__", "function")
    if os.environ.get(OUTSIDE):
        print(f"{name}: the hidden tests are run by the grader, outside this notebook "
              "(the summary at the top of the feedback page has their result).")
        return
    functions = dict(namespace if namespace is not None else sys._getframe(1).f_globals)
    functions[name] = function
    cases = load_cases(hidden_reference_path(assignment), name).get(name)
    if not cases:
        raise CheckFailed(f"no hidden tests are stored for {assignment}.{name}")
    discarded = io.StringIO()
    with concealed(), contextlib.redirect_stdout(discarded), contextlib.redirect_stderr(discarded):
        for check in checks.of(assignment, name):  # a failure names the mistake, never a value
            if check is checks.VALUES:
                run_cases(function, name, cases)
            else:
                check.run(functions)
    extra = len(checks.properties(assignment, name))
    print(f"{name}: all {len(cases)} hidden test(s) passed"
          + (f" (and {extra} property check(s))" if extra else "") + ".")
