"""Checks of the ``initialization`` assignment that are not value comparisons.

``normalize_inputs`` must leave ``X_train`` and ``X_test`` as they are (``X_train -= mu`` gives the
right values but changes the caller's data); the value cases, run on copies, cannot see that.
"""
from autograder.cases.initialization import normalize_cases
from autograder.properties.inputs import check_inputs_unchanged


def check_normalize_inputs_unchanged(normalize_inputs):
    """``normalize_inputs`` changes neither of its arrays, on every hidden input."""
    return check_inputs_unchanged(normalize_inputs, "normalize_inputs", normalize_cases())
