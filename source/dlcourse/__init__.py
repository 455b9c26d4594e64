"""dlcourse: the helper package of the self-grading deep-learning course.

Each helper is written once here and imported by every assignment:

- ``dlcourse.activations``  sigmoid, relu
- ``dlcourse.three_layer``  the 3-layer LINEAR->RELU->LINEAR->RELU->LINEAR->SIGMOID net
- ``dlcourse.datasets``     loaders and generators of the course's data sets (built and checked
                            by the course repository's ``tools/datasets.py``, not by this package)
- ``dlcourse.plotting``     decision boundaries and cost curves
- ``dlcourse.gradcheck``    numerical gradients and parameter <-> vector helpers
- ``dlcourse.mlp``          an L-layer network (optional BatchNorm, softmax) for the week-3 experiments
- ``dlcourse.signs``        the generator of the SIGNS-like hand images
- ``dlcourse.testing``      the checks the notebooks' tests use
- ``dlcourse.casefile``     test cases (inputs and expected values) stored as HDF5
"""
__version__ = "0.1.0"

import os as _os


def experiments_enabled():
    """False while the autograder runs a notebook (or when DLCOURSE_SKIP_EXPERIMENTS is set).

    Notebooks wrap their training runs and other long, ungraded experiments in
    ``if experiments_enabled():`` so that grading a submission takes seconds, not minutes.
    The experiments never influence a grade.
    """
    if _os.environ.get("NBGRADER_EXECUTION") == "autograde":
        return False
    return _os.environ.get("DLCOURSE_SKIP_EXPERIMENTS", "") in ("", "0")
