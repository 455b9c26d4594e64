"""What a hidden test cell calls while an assignment is graded.

Hidden cases live in ``autograder/references/<assignment>.h5``, which is never part of a
student release; the grading kernel finds this package because nbgrader_config.py puts the
repository first on its ``sys.path``.
"""
from dlcourse.casefile import load_cases
from dlcourse.testing import run_cases, CheckFailed

from .course import hidden_reference_path


def check_hidden(function, assignment, function_name=None):
    """Run the hidden cases of a graded function; raise CheckFailed at the first wrong answer."""
    name = function_name or getattr(function, "__name__", "function")
    cases = load_cases(hidden_reference_path(assignment)).get(name)
    if not cases:
        raise CheckFailed(f"no hidden tests are stored for {assignment}.{name}")
    run_cases(function, name, cases)
    print(f"{name}: all {len(cases)} hidden test(s) passed.")
