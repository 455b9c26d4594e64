'''Other implementations of the ``gradient_checking`` assignment's graded functions.'''

CORRECT = {
    "forward_propagation": {
        "np.multiply": """
def forward_propagation(x, theta):
    return np.multiply(theta, x)
""",
    },
    "backward_propagation": {
        "returns x directly": """
def backward_propagation(x, theta):
    return x
""",
    },
    "gradient_check": {
        "one expression, absolute values": """
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta + epsilon) - forward_propagation(x, theta - epsilon)) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    difference = abs(grad - gradapprox) / (abs(grad) + abs(gradapprox))
    if print_msg:
        print("difference =", difference)
    return difference
""",
        "earlier signature without print_msg, prints its verdict": """
def gradient_check(x, theta, epsilon=1e-7):
    J_up = forward_propagation(x, theta + epsilon)
    J_down = forward_propagation(x, theta - epsilon)
    estimate = (J_up - J_down) / (2.0 * epsilon)
    exact = backward_propagation(x, theta)
    gap = np.linalg.norm(exact - estimate)
    scale = np.linalg.norm(exact) + np.linalg.norm(estimate)
    difference = gap / scale
    verdict = "backward pass looks right" if difference < 2e-7 else "backward pass looks wrong"
    print(verdict + ", difference =", difference)
    return difference
""",
        "halved then divided by epsilon, np.abs": """
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    J_plus, J_minus = forward_propagation(x, theta + epsilon), forward_propagation(x, theta - epsilon)
    gradapprox = (J_plus - J_minus) / 2 / epsilon
    grad = backward_propagation(x, theta)
    return float(np.abs(grad - gradapprox) / (np.abs(grad) + np.abs(gradapprox)))
""",
    },
    "gradient_check_n": {
        "in place, restored after each parameter": """
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    theta, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    gradapprox = np.zeros_like(theta)
    for i in range(theta.shape[0]):
        old = theta[i, 0]
        theta[i, 0] = old + epsilon
        J_plus = forward_propagation_n(X, Y, vector_to_dictionary(theta))[0]
        theta[i, 0] = old - epsilon
        J_minus = forward_propagation_n(X, Y, vector_to_dictionary(theta))[0]
        theta[i, 0] = old
        gradapprox[i, 0] = (J_plus - J_minus) / (2 * epsilon)
    difference = np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))
    if print_msg:
        print("difference =", difference)
    return difference
""",
        "earlier signature without print_msg, prints its verdict": """
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7):
    values, _ = dictionary_to_vector(parameters)
    exact = gradients_to_vector(gradients)
    estimate = np.zeros(values.shape)
    for k in range(values.shape[0]):
        shifted_up = values.copy()
        shifted_up[k, 0] += epsilon
        shifted_down = values.copy()
        shifted_down[k, 0] -= epsilon
        cost_up, _ = forward_propagation_n(X, Y, vector_to_dictionary(shifted_up))
        cost_down, _ = forward_propagation_n(X, Y, vector_to_dictionary(shifted_down))
        estimate[k, 0] = (cost_up - cost_down) / (2.0 * epsilon)
    difference = np.linalg.norm(exact - estimate) / (np.linalg.norm(exact) + np.linalg.norm(estimate))
    if difference > 2e-7:
        print("gradient check failed: difference =", difference)
    else:
        print("gradient check passed: difference =", difference)
    return difference
""",
        "perturbation vectors from an identity matrix": """
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    n = parameters_values.shape[0]
    steps = epsilon * np.eye(n)
    approx = []
    for i in range(n):
        step = steps[:, [i]]
        J_plus, _ = forward_propagation_n(X, Y, vector_to_dictionary(parameters_values + step))
        J_minus, _ = forward_propagation_n(X, Y, vector_to_dictionary(parameters_values - step))
        approx.append((J_plus - J_minus) / (2 * epsilon))
    gradapprox = np.array(approx).reshape(n, 1)
    numerator = np.sqrt(np.sum((grad - gradapprox) ** 2))
    denominator = np.sqrt(np.sum(grad ** 2)) + np.sqrt(np.sum(gradapprox ** 2))
    return numerator / denominator
""",
    },
}

_CHECK_1D = """
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = {gradapprox}
    grad = {grad}
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = {denominator}
    difference = {difference}
    return difference
"""


def _check_1d(gradapprox="(J_plus - J_minus) / (2 * epsilon)", grad="backward_propagation(x, theta)",
              denominator="np.linalg.norm(grad) + np.linalg.norm(gradapprox)",
              difference="numerator / denominator"):
    return _CHECK_1D.format(gradapprox=gradapprox, grad=grad, denominator=denominator,
                            difference=difference)


_CHECK_N = """
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    parameters_values, _ = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    num_parameters = parameters_values.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))
    for i in range(num_parameters):
{loop}
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = {denominator}
    difference = {difference}
    return difference
"""

_LOOP_OK = """\
        thetaplus = np.copy(parameters_values)
        thetaplus[i] = thetaplus[i] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(thetaplus))
        thetaminus = np.copy(parameters_values)
        thetaminus[i] = thetaminus[i] - epsilon
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(thetaminus))
        gradapprox[i] = {gradapprox}"""


def _check_n(loop=None, gradapprox="(J_plus[i] - J_minus[i]) / (2 * epsilon)",
             denominator="np.linalg.norm(grad) + np.linalg.norm(gradapprox)",
             difference="numerator / denominator"):
    loop = loop or _LOOP_OK.format(gradapprox=gradapprox)
    return _CHECK_N.format(loop=loop, denominator=denominator, difference=difference)


WRONG = {
    "forward_propagation": {
        "sum instead of product": """
def forward_propagation(x, theta):
    J = theta + x
    return J
""",
        "x forgotten": """
def forward_propagation(x, theta):
    J = theta
    return J
""",
        "theta squared": """
def forward_propagation(x, theta):
    J = theta ** 2 * x
    return J
""",
    },
    "backward_propagation": {
        "returns theta": """
def backward_propagation(x, theta):
    dtheta = theta
    return dtheta
""",
        "returns J": """
def backward_propagation(x, theta):
    dtheta = theta * x
    return dtheta
""",
        "derivative of theta with respect to itself": """
def backward_propagation(x, theta):
    dtheta = 1
    return dtheta
""",
    },
    "gradient_check": {
        "no denominator": _check_1d(difference="numerator"),
        "divided by epsilon instead of 2 epsilon": _check_1d(gradapprox="(J_plus - J_minus) / epsilon"),
        "one-sided difference": _check_1d(
            gradapprox="(J_plus - forward_propagation(x, theta)) / epsilon"),
        "grad taken at theta + epsilon": _check_1d(grad="backward_propagation(x, theta_plus)"),
    },
    "gradient_check_n": {
        "no denominator": _check_n(difference="numerator"),
        "divided by epsilon instead of 2 epsilon": _check_n(gradapprox="(J_plus[i] - J_minus[i]) / epsilon"),
        "parameter vector changed in place, never restored": _check_n(loop="""\
        parameters_values[i] = parameters_values[i] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(parameters_values))
        parameters_values[i] = parameters_values[i] - 2 * epsilon
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(parameters_values))
        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)"""),
        "copy forgotten for theta plus": _check_n(loop="""\
        thetaplus = parameters_values
        thetaplus[i] = thetaplus[i] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(thetaplus))
        thetaminus = np.copy(parameters_values)
        thetaminus[i] = thetaminus[i] - epsilon
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(thetaminus))
        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)"""),
        "one-sided difference": _check_n(loop="""\
        J, _ = forward_propagation_n(X, Y, vector_to_dictionary(parameters_values))
        thetaplus = np.copy(parameters_values)
        thetaplus[i] = thetaplus[i] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(thetaplus))
        gradapprox[i] = (J_plus[i] - J) / epsilon"""),
    },
}

CLASS = {
    "ada": {"forward_propagation": ("correct", "np.multiply"),
            "backward_propagation": ("correct", "returns x directly"),
            "gradient_check": ("correct", "one expression, absolute values"),
            "gradient_check_n": ("correct", "perturbation vectors from an identity matrix")},
    "ben": {"gradient_check_n": ("wrong", "one-sided difference")},
    "cam": {"backward_propagation": ("wrong", "returns theta"),
            "gradient_check": ("wrong", "no denominator")},
    "dee": "blank",
}
