"""cnn_step_by_step: the vectorised oracle, the property checks, the extra sample implementations,
the notebook's examples, and a full run of the source notebook.

The oracle (``autograder.properties.cnn_step_by_step``) and the notebook's reference solution
(four nested loops) are written independently; they must agree with each other and with
numerical gradients.
"""
import contextlib
import io
import re

import nbformat
import numpy as np
import pytest

from autograder.execution import execute
from autograder import course, references
from autograder.cells import grade_id
from autograder.hidden import check_hidden
from autograder.cases import cnn_step_by_step as cases
from autograder.properties import cnn_step_by_step as props
from autograder.samples import cnn_step_by_step as samples
from dlcourse.casefile import load_cases
from dlcourse.gradcheck import numerical_gradient, relative_difference
from dlcourse.testing import CheckFailed, _from_source, compare, run_cases, visible_cases

A = "cnn_step_by_step"


@pytest.fixture(scope="module")
def reference():
    return references.reference_namespace(A)


def _random_configs(count, seed):
    """Random small convolution settings, every one valid (the filter fits the padded input)."""
    rng = np.random.default_rng(seed)
    out = []
    while len(out) < count:
        m, H, W, C, n_C = (int(v) for v in rng.integers(1, [3, 9, 9, 4, 4]))
        f, pad, stride = int(rng.integers(1, 5)), int(rng.integers(0, 3)), int(rng.integers(1, 4))
        if H + 2 * pad >= f and W + 2 * pad >= f:
            out.append((rng, (m, H, W, C), f, n_C, pad, stride))
    return out


# ----------------------------------------------------------------- the oracle

def test_oracle_matches_the_reference_loops(reference):
    for rng, shape, f, n_C, pad, stride in _random_configs(60, seed=0):
        A_prev = rng.standard_normal(shape)
        W = rng.standard_normal((f, f, shape[3], n_C))
        b = rng.standard_normal((1, 1, 1, n_C))
        hp = {"pad": pad, "stride": stride}
        Z, cache = reference["conv_forward"](A_prev, W, b, hp)
        for fast in (props.conv_forward_fast, props.conv_forward_windows):
            Z_fast, cache_fast = fast(A_prev, W, b, hp)
            compare(Z_fast, Z, atol=1e-12)
            assert cache_fast[0] is A_prev and cache_fast[3] is hp
        dZ = rng.standard_normal(Z.shape)
        compare(props.conv_backward_fast(dZ, cache), reference["conv_backward"](dZ, cache), atol=1e-12)
        if shape[1] >= f and shape[2] >= f:
            hpool = {"f": f, "stride": stride}
            for mode in ("max", "average"):
                P, pcache = reference["pool_forward"](A_prev, hpool, mode)
                compare(props.pool_forward_fast(A_prev, hpool, mode)[0], P, atol=1e-12)
                dP = rng.standard_normal(P.shape)
                compare(props.pool_backward_fast(dP, pcache, mode),
                        reference["pool_backward"](dP, pcache, mode), atol=1e-12)


def test_oracle_backward_passes_match_numerical_gradients():
    rng = np.random.default_rng(1)
    A_prev, W, b = rng.standard_normal((2, 5, 4, 2)), rng.standard_normal((3, 3, 2, 2)), rng.standard_normal((1, 1, 1, 2))
    hp = {"pad": 1, "stride": 2}
    G = rng.standard_normal(props.conv_forward_fast(A_prev, W, b, hp)[0].shape)
    grads = props.conv_backward_fast(G, (A_prev, W, b, hp))
    for k, x in enumerate((A_prev, W, b)):
        def J(v, k=k):
            args = [A_prev, W, b]
            args[k] = v
            return np.sum(props.conv_forward_fast(*args, hp)[0] * G)
        assert relative_difference(grads[k], numerical_gradient(J, x, 1e-5)) < 1e-8
    hpool = {"f": 3, "stride": 1}
    for mode in ("max", "average"):
        G = rng.standard_normal(props.pool_forward_fast(A_prev, hpool, mode)[0].shape)
        numeric = numerical_gradient(lambda v: np.sum(props.pool_forward_fast(v, hpool, mode)[0] * G),
                                     A_prev, 1e-5)
        assert relative_difference(props.pool_backward_fast(G, (A_prev, hpool), mode), numeric) < 1e-8


def test_max_pool_ties_all_receive_the_gradient():
    """The oracle follows the contract's mask x == max(x) also when entries tie."""
    A_prev = np.zeros((1, 2, 2, 1))
    dA_prev = props.pool_backward_fast(np.full((1, 1, 1, 1), 2.0), (A_prev, {"f": 2, "stride": 2}))
    assert np.all(dA_prev == 2.0)


def test_patched_helpers_agree_with_the_reference(reference):
    visible, hidden = visible_cases(A), load_cases(course.hidden_reference_path(A))
    for name, source in cases.HELPERS.items():
        helper = _from_source(source)
        for case in visible[name] + hidden[name]:
            compare(helper(*case.args), case.expected)


# ----------------------------------------------------------------- network_shapes

def _shapes_by_forward_passes(input_shape, layers, rng):
    """``network_shapes`` computed independently: run one example through real layers (the
    vectorised oracle for conv and max pool, a matrix product for fc) and count the arrays."""
    A = rng.standard_normal((1, *input_shape))
    out = []
    for layer in layers:
        if layer["type"] == "conv":
            W = rng.standard_normal((layer["f"], layer["f"], A.shape[3], layer["n_C"]))
            b = rng.standard_normal((1, 1, 1, layer["n_C"]))
            A, _ = props.conv_forward_fast(A, W, b, {"pad": layer["pad"], "stride": layer["stride"]})
            count = W.size + b.size
        elif layer["type"] == "pool":
            A, _ = props.pool_forward_fast(A, {"f": layer["f"], "stride": layer["stride"]}, "max")
            count = 0
        else:
            x = A.reshape(1, -1)
            W, b = rng.standard_normal((x.shape[1], layer["units"])), rng.standard_normal(layer["units"])
            A = x @ W + b
            count = W.size + b.size
        out.append((A.shape[1:], count))
    return out


def _random_network(rng):
    n_H, n_W = (int(v) for v in rng.integers(8, 30, 2))
    shape, layers = (n_H, n_W, int(rng.integers(1, 4))), []
    size = (n_H, n_W)
    for _ in range(int(rng.integers(1, 4))):
        f, stride, pad = int(rng.integers(1, 5)), int(rng.integers(1, 4)), int(rng.integers(0, 3))
        if rng.random() < 0.6 and min(size) + 2 * pad >= f:
            layers.append({"type": "conv", "f": f, "n_C": int(rng.integers(1, 6)), "stride": stride, "pad": pad})
            size = tuple((n + 2 * pad - f) // stride + 1 for n in size)
        elif min(size) >= f:
            layers.append({"type": "pool", "f": f, "stride": stride})
            size = tuple((n - f) // stride + 1 for n in size)
    layers += [{"type": "fc", "units": int(rng.integers(1, 9))} for _ in range(int(rng.integers(0, 3)))]
    return shape, layers


def test_network_shapes_agrees_with_real_forward_passes(reference):
    rng = np.random.default_rng(5)
    networks = [_random_network(rng) for _ in range(40)]
    networks += [(case.args[0], case.args[1]) for case in cases.network_cases()]
    for input_shape, layers in networks:
        expected = _shapes_by_forward_passes(input_shape, layers, rng)
        got = reference["network_shapes"](input_shape, layers)
        assert [(tuple(s), n) for s, n in got] == expected, (input_shape, layers)
        assert all(type(n) is int and all(type(d) is int for d in s) for s, n in got)


def test_lenet_table_is_what_real_layers_give():
    """The notebook's LeNet-5 table, checked row by row against real forward passes."""
    cell = _cells()["lenet_table"]
    namespace = {"np": np, "experiments_enabled": lambda: False}
    exec(cell.source, namespace)
    layers = [layer for _, layer in namespace["lenet"]]
    rows = _shapes_by_forward_passes((32, 32, 3), layers, np.random.default_rng(0))
    text = _executed_text()["lenet_table"]
    for (name, _), (shape, count) in zip(namespace["lenet"], rows):
        assert re.search(rf"^{name}\s+{re.escape(str(shape))}\s+{int(np.prod(shape))}\s+{count}$", text, re.M), name
    assert re.search(rf"^total\s+{sum(c for _, c in rows)}$", text, re.M), text
    conv = rows[0][1]
    fully_connected = (32 * 32 * 3 + 1) * int(np.prod(rows[0][0]))
    why = _executed_text()["why_conv"]
    assert f"{conv} parameters" in why and f"{fully_connected} parameters" in why, why


# ----------------------------------------------------------------- property checks and samples

def _implementation(reference, function, source):
    namespace = dict(reference)
    exec(source, namespace)
    return namespace[function]


_CASES = {}


def _stored_cases():
    if not _CASES:
        _CASES["visible"] = visible_cases(A)
        _CASES["hidden"] = load_cases(course.hidden_reference_path(A))
    return _CASES["visible"], _CASES["hidden"]


def _grade_in_process(reference, function, source):
    """Visible, hidden and property checks of one implementation; the first failure or None."""
    f = _implementation(reference, function, source)
    visible, _ = _stored_cases()
    try:
        run_cases(f, function, visible[function])
        with contextlib.redirect_stdout(io.StringIO()):
            check_hidden(f, A, function, namespace={})
    except CheckFailed as exc:
        return str(exc).splitlines()[0]
    return None


def test_gradient_checks_accept_correct_and_reject_wrong_backward_passes(reference):
    checks = {"conv_backward": props.check_conv_backward_gradients,
              "pool_backward": props.check_pool_backward_gradients}
    for function, check in checks.items():
        check(reference[function])
        correct = {**samples.CORRECT[function], **samples.EXTRA_CORRECT.get(function, {})}
        for source in correct.values():
            check(_implementation(reference, function, source))
        wrong = {**samples.WRONG[function], **samples.EXTRA_WRONG.get(function, {})}
        for label, source in wrong.items():
            with pytest.raises(CheckFailed) as err:
                check(_implementation(reference, function, source))
            first_line = str(err.value).splitlines()[0]
            assert first_line.startswith(function + "(") and "gradient check" in first_line, label


def test_extra_samples_grade_as_expected(reference):
    """The variants left out of the (slow) nbgrader grading-accuracy test, checked in-process."""
    for function, variants in samples.EXTRA_WRONG.items():
        for label, source in variants.items():
            failure = _grade_in_process(reference, function, source)
            assert failure is not None, f"wrong '{label}' of {function} was not caught"
            assert failure.startswith(function + "("), failure
    for function, variants in samples.EXTRA_CORRECT.items():
        for label, source in variants.items():
            assert _grade_in_process(reference, function, source) is None, label


def test_canonical_float_b_fails_with_a_clear_message(reference):
    message = _grade_in_process(reference, "conv_single_step",
                                samples.WRONG["conv_single_step"]["float(b) (an error on NumPy 2)"])
    assert "TypeError" in message and "0-dimensional" in message


# ----------------------------------------------------------------- the notebook

def _cells():
    return {grade_id(c): c for c in course.source_notebook(A).cells}


def test_example_cells_build_the_visible_test_inputs(reference):
    """Each example cell calls its function on exactly the inputs of the visible cases."""
    cells = _cells()
    visible = visible_cases(A)
    for function in cases.FUNCTIONS:
        calls = []

        def recorder(*args, _f=reference[function], **kwargs):
            calls.append((args, kwargs))
            return _f(*args, **kwargs)

        namespace = {**reference, function: recorder, "show_expected": lambda *a: None,
                     "print": lambda *a, **k: None}
        exec(cells["example_" + function].source, namespace)
        assert len(calls) == len(visible[function]), function
        for (args, kwargs), case in zip(calls, visible[function]):
            compare(tuple(args), tuple(case.args), rtol=0, atol=0)
            assert kwargs == case.kwargs, function


_EXECUTED = {}


def _executed():
    """The source notebook run once (as a student who also did the optional exercise)."""
    if not _EXECUTED:
        nb = course.source_notebook(A)
        ids = [grade_id(c) for c in nb.cells]
        student = samples.CORRECT["conv_forward"]["vectorised: sliding_window_view and einsum"]
        nb.cells.insert(ids.index("fast_md") + 1,
                        nbformat.v4.new_code_cell(student.replace("def conv_forward(", "def conv_forward_fast(")))
        _EXECUTED["nb"], _ = execute(course.source_notebook_path(A), nb=nb)
    return _EXECUTED["nb"]


def _executed_text():
    text = {}
    for cell in _executed().cells:
        for output in cell.get("outputs", []):
            if output.output_type == "stream":
                text[grade_id(cell)] = text.get(grade_id(cell), "") + output.text
    return text


def test_source_notebook_runs_and_reports_its_figures():
    """Run the whole source notebook (as a student who also did the optional exercise)."""
    nb = _executed()
    text, images = {}, 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.outputs:
            assert output.output_type != "error", f"{grade_id(cell)}: {output.get('evalue')}"
            if output.output_type == "stream":
                text[grade_id(cell)] = text.get(grade_id(cell), "") + output.text
            images += "image/png" in output.get("data", {})
    assert images >= 6, "padding, windows, edges, pooling, coverage figures and the data"
    for cell_id, count in (("conv_gradcheck", 6), ("pool_gradcheck", 2)):
        differences = [float(v) for v in re.findall(r"relative difference ([0-9.e+-]+)", text[cell_id])]
        assert len(differences) == count and max(differences) < 1e-8, text[cell_id]
    gaps = [float(v) for v in re.findall(r"\s([0-9.]+e[+-][0-9]+)\s*$", text["fast_agreement"], re.M)]
    assert len(gaps) == 3 and max(gaps) < 1e-10, text["fast_agreement"]
    speedup = float(re.search(r"speed-up:\s+([0-9.]+)x", text["fast_timing"]).group(1))
    assert speedup > 20, text["fast_timing"]          # ~100x or more on an idle machine
    for function in cases.FUNCTIONS:
        assert f"{function}: all" in text["test_" + function]
    # a window of ReLU zeros: the mask marks every entry, the ReLU's backward pass zeroes them all
    ties = text["ties_demo"].split("after the ReLU's backward pass")
    assert ties[0].count("True") == 4 and "False" not in ties[0], text["ties_demo"]
    assert re.findall(r"-?[0-9.]+", ties[1].split(":", 1)[1]) == ["0.", "0.", "0.", "0."], text["ties_demo"]
