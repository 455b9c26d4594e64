"""Every graded function's checks, registered in this one place.

A function's checks run in order: ``VALUES`` (its value cases: the reference solution's outputs
on the hidden inputs) and :class:`Property` checks (what a value comparison cannot see: two
dicts that must be separate, an in-place update, gradients that must match numerical ones).
Both passes run the same list:

- in the student's kernel, the hidden part of the test cell calls ``hidden.check_hidden``;
- outside it, the verification worker (``verify_worker``) runs them on plain inputs and hands
  back plain values and verdicts.

A property names its check function by module and attribute, looked up when it runs in the
kernel; the verification worker looks every check up *before* it runs a student's code, so a
solution cell that replaces a check (in ``sys.modules`` or in its module) changes only what the
kernel sees, and the function is flagged.
"""
import importlib
from dataclasses import dataclass, field

VALUES = "values"


@dataclass(frozen=True)
class Property:
    """A check of one graded function that is not a value comparison.

    ``check`` is ``"module:attribute"`` under ``autograder.properties``; it is called with the
    student's functions named in ``needs`` (positionally, in that order) and ``kwargs``, and
    raises ``dlcourse.testing.CheckFailed`` when the property does not hold."""
    label: str
    check: str
    needs: tuple
    kwargs: dict = field(default_factory=dict)

    def resolve(self):
        """The check function, looked up now."""
        module, attribute = self.check.split(":")
        return getattr(importlib.import_module(f"autograder.properties.{module}"), attribute)

    def run(self, functions):
        """Run the property on ``functions`` (``{name: callable}``), its check looked up now."""
        self.resolve()(*(functions[name] for name in self.needs), **self.kwargs)


def _prop(label, check, *needs, **kwargs):
    return Property(label, check, needs, kwargs)


#: ``{assignment: {function: [VALUES or Property, ...]}}``; a function not listed has
#: ``[VALUES]``
REGISTRY = {
    "regularization": {
        "backward_propagation_with_regularization": [
            _prop("biases left unregularized",
                  "regularization:check_biases_not_regularized",
                  "backward_propagation_with_regularization"),
            VALUES],
        "forward_propagation_with_dropout": [
            _prop("dropout on the hidden layers only, inverted",
                  "regularization:check_dropout_forward_structure",
                  "forward_propagation_with_dropout"),
            VALUES],
        "early_stopping": [
            VALUES,
            _prop("two ints, the costs left unchanged", "regularization:check_early_stopping_types",
                  "early_stopping")],
        "flip_horizontal": [
            VALUES,
            _prop("dtype kept, input unchanged", "regularization:check_images_kept",
                  "flip_horizontal", name="flip_horizontal")],
        "shift_images": [
            VALUES,
            _prop("dtype kept, input unchanged", "regularization:check_images_kept",
                  "shift_images", name="shift_images", shift=(2, -1))],
    },
    "optimization_methods": {
        "initialize_adam": [
            VALUES,
            _prop("v and s are separate", "optimization_methods:check_separate_state",
                  "initialize_adam", name="initialize_adam")],
    },
    "hyperparameter_search": {
        "sample_log_uniform": [
            VALUES,
            _prop("spread over the decades",
                  "hyperparameter_search:check_log_uniform_distribution", "sample_log_uniform")],
        "sample_beta": [
            VALUES,
            _prop("1 - beta spread over the decades",
                  "hyperparameter_search:check_beta_distribution", "sample_beta")],
    },
    "batch_normalization": {
        "batchnorm_forward": [
            VALUES,
            _prop("running averages", "batch_normalization:check_running_averages",
                  "batchnorm_forward")],
        "batchnorm_backward": [
            VALUES,
            _prop("numerical gradients", "batch_normalization:check_backward_numerically",
                  "batchnorm_backward"),
            _prop("on the cache of your own batchnorm_forward",
                  "batch_normalization:check_backward_with_own_forward",
                  "batchnorm_forward", "batchnorm_backward")],
    },
    "initialization": {
        "normalize_inputs": [
            VALUES,
            _prop("inputs unchanged", "initialization:check_normalize_inputs_unchanged",
                  "normalize_inputs")],
    },
    "cnn_step_by_step": {
        "network_shapes": [
            VALUES,
            _prop("inputs unchanged", "cnn_step_by_step:check_network_shapes_unchanged",
                  "network_shapes")],
        "conv_backward": [
            VALUES,
            _prop("numerical gradients", "cnn_step_by_step:check_conv_backward_gradients",
                  "conv_backward")],
        "pool_backward": [
            VALUES,
            _prop("numerical gradients", "cnn_step_by_step:check_pool_backward_gradients",
                  "pool_backward")],
    },
}


def of(assignment, function):
    """The checks of one graded function, in order."""
    return REGISTRY.get(assignment, {}).get(function, [VALUES])


def properties(assignment, function):
    return [c for c in of(assignment, function) if c is not VALUES]
