"""The initialization notebook reproduces the canonical course's published results; its
normalize_inputs and the lessons around it."""
import contextlib
import io
import re

import numpy as np
import pytest

from autograder import course, references
from autograder.cases import initialization as cases
from autograder.cells import count_figures, grade_id
from autograder.execution import cell_text, execute
from autograder.hidden import check_hidden
from autograder.properties import initialization as props
from autograder.samples import initialization as samples
from dlcourse.casefile import load_cases
from dlcourse.testing import CheckFailed, run_cases, visible_cases


@pytest.fixture(scope="module")
def executed():
    nb, _ = execute(course.source_notebook_path("initialization"))
    return nb


def test_published_accuracies_are_reproduced(executed):
    rows = {}
    for line in cell_text(executed, "conclusion").splitlines()[1:]:
        name, train, test, first, last = line.split()
        rows[name] = (float(train), float(test), first, float(last))
    assert set(rows) == {"zeros", "random", "he"}
    assert rows["zeros"][:2] == (0.5, 0.5)
    assert rows["random"][:2] == (0.83, 0.86) and rows["random"][2] == "inf"
    assert rows["he"][:2] == (0.9933, 0.96)
    assert rows["he"][3] < 0.08 < rows["random"][3] < rows["zeros"][3]


def test_every_training_run_draws_its_figures(executed):
    # data (1) + deep linear net (1) + variance demo (1) + one cost/boundary figure per run (3)
    # + cost contours (1)
    assert count_figures(executed) == 7
    assert "Accuracy: 0.9933333333333333" in cell_text(executed, "he_run")


# ----------------------------------------------------------------- normalize_inputs

A = "initialization"


@pytest.fixture(scope="module")
def reference():
    return references.reference_namespace(A)


def _grade_in_process(reference, source):
    """Visible, hidden and property checks of one normalize_inputs; the first failure or None."""
    namespace = dict(reference)
    exec(source, namespace)
    function = namespace["normalize_inputs"]
    try:
        run_cases(function, "normalize_inputs", visible_cases(A)["normalize_inputs"])
        with contextlib.redirect_stdout(io.StringIO()):
            check_hidden(function, A, "normalize_inputs", namespace={})
    except CheckFailed as exc:
        return str(exc).splitlines()[0]
    return None


def test_normalized_training_features_have_mean_0_and_variance_1(reference):
    rng = np.random.default_rng(0)
    X_train = rng.normal([[100.0], [0.0], [-3.0]], [[30.0], [0.01], [2.0]], size=(3, 50))
    X_train[1] = 4.0                                     # a constant feature
    X_test = rng.normal(50.0, 9.0, (3, 7))
    kept = (X_train.copy(), X_test.copy())
    X_train_norm, X_test_norm, mu, sigma2 = reference["normalize_inputs"](X_train, X_test)
    assert mu.shape == sigma2.shape == (3, 1)
    np.testing.assert_allclose(X_train_norm.mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(X_train_norm.var(axis=1), [1, 0, 1], atol=1e-6)
    assert sigma2[1, 0] == 0 and np.all(X_train_norm[1] == 0)
    # the test set goes through the training statistics, not its own
    np.testing.assert_allclose(X_test_norm * np.sqrt(sigma2 + 1e-8) + mu, X_test)
    assert np.array_equal(kept[0], X_train) and np.array_equal(kept[1], X_test)


def test_normalize_inputs_samples_grade_as_expected(reference):
    for label, source in samples.CORRECT["normalize_inputs"].items():
        assert _grade_in_process(reference, source) is None, label
    for label, source in samples.WRONG["normalize_inputs"].items():
        failure = _grade_in_process(reference, source)
        assert failure is not None and failure.startswith("normalize_inputs("), label
    in_place = _grade_in_process(reference, samples.WRONG["normalize_inputs"]["normalizes X_train and X_test in place"])
    assert "changed in place" in in_place


def test_inputs_unchanged_check_runs_every_hidden_input(reference):
    assert props.check_normalize_inputs_unchanged(reference["normalize_inputs"]) == len(
        load_cases(course.hidden_reference_path(A))["normalize_inputs"])


def test_example_cell_builds_the_visible_input(reference):
    calls = []
    cell = next(c for c in course.source_notebook(A).cells if grade_id(c) == "example_normalize_inputs")
    namespace = {**reference, "show_expected": lambda *a: None, "print": lambda *a, **k: None,
                 "normalize_inputs": lambda *args, **kwargs: calls.append(args) or
                 reference["normalize_inputs"](*args, **kwargs)}
    exec(cell.source, namespace)
    assert len(calls) == 1
    for got, expected in zip(calls[0], cases.normalize_example()):
        assert np.array_equal(got, expected)


def test_lessons_print_what_their_text_says(executed):
    """Deep linear net: the curves are gain ** 50 apart, the gain-1 one stays of order 1;
    normalizing makes the curvatures equal and gradient descent many times faster."""
    signals = cell_text(executed, "signals_demo")
    found = [(float(g), float(f), float(b)) for g, f, b in re.findall(
        r"gain ([0-9.]+): .* x ([0-9.e+-]+), the gradients' x ([0-9.e+-]+)", signals)]
    assert [g for g, _, _ in found] == [0.9, 1.0, 1.1], signals
    _, forward_1, backward_1 = found[1]
    assert 0.5 < forward_1 < 2 and 0.5 < backward_1 < 2, signals
    for gain, forward, backward in found:
        assert forward / forward_1 == pytest.approx(gain ** 50, rel=0.01), signals
        assert backward / backward_1 == pytest.approx(gain ** 50, rel=0.01), signals
    assert 1 / 0.9 ** 50 > 150 and 1.1 ** 50 > 100           # "about 200 or 100" in the text
    contours = cell_text(executed, "contours_demo")
    (raw_ratio, raw_steps), (norm_ratio, norm_steps) = [
        (float(r), int(s)) for r, s in re.findall(r"curvatures\s+([0-9.]+), .*minimum: (\d+)", contours)]
    assert raw_ratio > 20 and norm_ratio < 1.1, contours
    assert raw_steps > 10 * max(norm_steps, 1), contours
