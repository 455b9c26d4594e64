"""What the hidden part of a test cell calls while an assignment is graded.

Hidden cases live in ``autograder/references/<assignment>.h5``, which is never part of a
student release; the grading kernel finds this package because nbgrader_config.py puts the
repository first on its ``sys.path``. The checks run are the function's registered ones
(:mod:`autograder.checks`), the same the verification pass runs outside the kernel.
"""
import sys

from dlcourse.casefile import load_cases
from dlcourse.testing import CheckFailed, concealed, run_cases

from . import checks
from .course import hidden_reference_path


def check_hidden(function, assignment, function_name=None, namespace=None):
    """Run every registered check of a graded function: its hidden value cases and its
    property checks, in order; raise CheckFailed at the first failure.

    ``namespace``: where the other functions a property needs are found (default: the
    calling cell's globals, i.e. the notebook's)."""
    name = function_name or getattr(function, "__name__", "function")
    functions = dict(namespace if namespace is not None else sys._getframe(1).f_globals)
    functions[name] = function
    cases = load_cases(hidden_reference_path(assignment)).get(name)
    if not cases:
        raise CheckFailed(f"no hidden tests are stored for {assignment}.{name}")
    with concealed():  # a failure names the mistake, never a hidden value
        for check in checks.of(assignment, name):
            if check is checks.VALUES:
                run_cases(function, name, cases)
            else:
                check.run(functions)
    extra = len(checks.properties(assignment, name))
    print(f"{name}: all {len(cases)} hidden test(s) passed"
          + (f" (and {extra} property check(s))" if extra else "") + ".")
