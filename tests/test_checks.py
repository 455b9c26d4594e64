"""The registered checks (autograder.checks) run in both passes: a property check switched off
from inside the student's kernel still runs outside it, and the function is flagged."""
import json

import pytest

from autograder import checks, course
from autograder.cells import graded_functions
from autograder.submissions import write_submission

from conftest import release_notebook, run_cli

A = "optimization_methods"
TARGET = "initialize_adam"

# one dict under two names: the value cases pass, the separate-state property does not
SHARED = '''
def initialize_adam(parameters):
    v = s = {}
    for l in range(1, len(parameters) // 2 + 1):
        for p in ("W", "b"):
            v["d" + p + str(l)] = np.zeros_like(parameters[p + str(l)])
    return v, s
'''

# the attack: a no-op module in place of the properties module
NOOP_MODULE = '''
import sys, types
sys.modules["autograder.properties.optimization_methods"] = types.SimpleNamespace(
    check_separate_state=lambda *args, **kwargs: None)
''' + SHARED

# the second attack: the check replaced inside the already imported module
PATCHED_FUNCTION = '''
import autograder.properties.optimization_methods as _props
_props.check_separate_state = lambda *args, **kwargs: None
''' + SHARED

# a third: the check's code swapped, which reaches every reference to the function
CODE_SWAPPED = '''
import autograder.properties.optimization_methods as _props
_props.check_separate_state.__code__ = (lambda *args, **kwargs: None).__code__
''' + SHARED


def test_every_registered_check_names_a_graded_function_and_resolves():
    for assignment, functions in checks.REGISTRY.items():
        graded = graded_functions(course.source_notebook(assignment))
        for function, plan in functions.items():
            assert function in graded, f"{assignment}.{function} is not graded"
            assert plan.count(checks.VALUES) == 1, f"{assignment}.{function}: values once"
            for prop in checks.properties(assignment, function):
                assert callable(prop.resolve()), prop
                assert set(prop.needs) <= set(graded), prop


def test_no_test_cell_calls_a_property_itself():
    """The registry is the one place: a test cell's hidden part only calls check_hidden."""
    for assignment in course.built():
        nb = course.source_notebook(assignment)
        for cell in nb.cells:
            assert "autograder.properties" not in cell.source, (assignment, cell.source[:80])


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("adam")
    release = release_notebook(A)
    paths = []
    for name, source in (("shared", SHARED), ("noop_module", NOOP_MODULE),
                         ("patched_function", PATCHED_FUNCTION), ("code_swapped", CODE_SWAPPED)):
        paths.append(write_submission(folder / f"{name}.ipynb", release, A, {TARGET: source}))
    proc = run_cli("grade", A, *paths, "--json", timeout=900)
    assert proc.returncode == 0, proc.stderr
    reports = [json.loads(line) for line in proc.stdout.splitlines()]
    return {path.stem: {t["name"]: t for t in r["tests"]} for path, r in zip(paths, reports)}


def test_a_shared_dict_fails_the_property_in_both_passes(graded):
    test = graded["shared"]["test_" + TARGET]
    assert test["score"] == 0 and not test["flagged"] and test["outcome"] == "failed", test
    assert "same dict" in test["message"], test["message"]


@pytest.mark.parametrize("attack, replaced", [
    ("noop_module", "replaces autograder.properties.optimization_methods,"),
    ("patched_function", "replaces autograder.properties.optimization_methods.check_separate_state"),
    ("code_swapped", "replaces autograder.properties.optimization_methods.check_separate_state")])
def test_switching_the_property_off_in_the_kernel_is_flagged(graded, attack, replaced):
    tests = graded[attack]
    test = tests["test_" + TARGET]
    assert test["nbgrader_score"] == test["max_score"], "the attack works inside the kernel"
    assert test["score"] == 0 and test["flagged"] and test["outcome"] == "flagged", test
    assert "possible tampering" in test["message"] and replaced in test["message"], test["message"]
    others = [t for name, t in tests.items() if name != "test_" + TARGET]
    assert all(t["score"] == t["max_score"] for t in others), "no other function loses points"
