"""Known mistakes of the ``gradient_checking`` assignment (see autograder.diagnosis.mistakes)."""
from .mistakes import mistake

_DIFFERENCE = "difference = numerator / denominator"
_APPROX_1D = "gradapprox = (J_plus - J_minus) / (2 * epsilon)"
_APPROX_N = "gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)"
_PLUS_N = """        thetaplus = np.copy(parameters_values)
        thetaplus[i] = thetaplus[i] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(thetaplus))
"""
_MINUS_N = """        thetaminus = np.copy(parameters_values)
        thetaminus[i] = thetaminus[i] - epsilon
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(thetaminus))
"""
_NO_DENOMINATOR = "The difference is relative: divide by the sum of the two gradients' norms."
_ONE_EPSILON = "The two evaluations are 2 epsilon apart."
_ONE_SIDED = "Use the centred difference: one step up and one step down."

MISTAKES = {
    "forward_propagation": [
        mistake("forward-sum", "theta and x added instead of multiplied",
                "Read the model's formula again: how do theta and x combine?",
                ("J = theta * x", "J = theta + x")),
        mistake("forward-no-x", "x left out of J",
                "J depends on the input too.", ("J = theta * x", "J = theta")),
        mistake("forward-theta-squared", "theta squared in J",
                "J is linear in theta.", ("J = theta * x", "J = theta ** 2 * x")),
    ],
    "backward_propagation": [
        mistake("backward-theta", "the derivative returns theta",
                "Differentiate J with respect to theta: what is left of theta times x?",
                ("dtheta = x", "dtheta = theta")),
        mistake("backward-j", "the derivative returns J itself",
                "The backward pass returns the derivative of J, not J.",
                ("dtheta = x", "dtheta = theta * x")),
        mistake("backward-one", "the derivative of theta alone (1)",
                "Differentiate the whole product, not theta alone.", ("dtheta = x", "dtheta = 1")),
    ],
    "gradient_check": [
        mistake("check-no-denominator", "the difference not divided by the norms",
                _NO_DENOMINATOR, (_DIFFERENCE, "difference = numerator")),
        mistake("check-one-epsilon", "the centred difference divided by epsilon instead of 2 epsilon",
                _ONE_EPSILON, (_APPROX_1D, "gradapprox = (J_plus - J_minus) / epsilon")),
        mistake("check-one-sided", "a one-sided difference",
                _ONE_SIDED, (_APPROX_1D, "gradapprox = (J_plus - forward_propagation(x, theta)) / epsilon")),
        mistake("check-grad-shifted", "the analytic gradient taken at a shifted theta",
                "The backward pass is checked at theta itself.",
                ("grad = backward_propagation(x, theta)", "grad = backward_propagation(x, theta_plus)")),
        mistake("check-j-hard-coded", "J written out instead of calling forward_propagation",
                "Evaluate J by calling the provided forward_propagation: the check must work for any model.",
                ("J_plus = forward_propagation(x, theta_plus)", "J_plus = theta_plus * x"),
                ("J_minus = forward_propagation(x, theta_minus)", "J_minus = theta_minus * x")),
        mistake("check-grad-hard-coded", "the analytic gradient written out instead of calling backward_propagation",
                "Take the analytic gradient from the provided backward_propagation.",
                ("grad = backward_propagation(x, theta)", "grad = x")),
    ],
    "gradient_check_n": [
        mistake("check-n-no-denominator", "the difference not divided by the norms",
                _NO_DENOMINATOR, (_DIFFERENCE, "difference = numerator")),
        mistake("check-n-one-epsilon", "the centred difference divided by epsilon instead of 2 epsilon",
                _ONE_EPSILON, (_APPROX_N, "gradapprox[i] = (J_plus[i] - J_minus[i]) / epsilon")),
        mistake("check-n-in-place", "the parameter vector shifted in place and never restored",
                "Each entry is shifted on a copy of the parameters; the original must stay as it was.",
                (_PLUS_N + "\n" + _MINUS_N,
                 "        parameters_values[i] = parameters_values[i] + epsilon\n"
                 "        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(parameters_values))\n"
                 "        parameters_values[i] = parameters_values[i] - 2 * epsilon\n"
                 "        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(parameters_values))\n")),
        mistake("check-n-no-copy", "theta plus is the parameter vector itself, not a copy",
                "Assigning an array to a new name does not copy it.",
                ("thetaplus = np.copy(parameters_values)", "thetaplus = parameters_values")),
        mistake("check-n-one-sided", "a one-sided difference",
                _ONE_SIDED, (_MINUS_N, "        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(parameters_values))\n"),
                (_APPROX_N, "gradapprox[i] = (J_plus[i] - J_minus[i]) / epsilon")),
    ],
}
