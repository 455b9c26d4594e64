"""The initialization notebook reproduces the canonical course's published results."""
import pytest

from autograder import course
from autograder.cells import count_figures
from autograder.execution import cell_text, execute


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
    # data (1) + variance demo (1) + one cost/boundary figure per run (3)
    assert count_figures(executed) == 5
    assert "Accuracy: 0.9933333333333333" in cell_text(executed, "he_run")
