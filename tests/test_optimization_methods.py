"""The optimization_methods assignment: its reference solution, its separate-state property check,
the executed notebook's figures, and its runs reproducing the classic course's published train
accuracies at 5000 epochs."""
import contextlib
import copy
import io
import re

import matplotlib.pyplot as plt
import numpy as np
import pytest

from autograder.execution import execute
from autograder import course, samples
from autograder.cells import grade_id
from autograder.cases import optimization_methods as cases
from autograder.properties.optimization_methods import check_separate_state
from autograder.references import reference_namespace
from dlcourse.casefile import load_cases
from dlcourse.testing import CheckFailed, run_cases, visible_cases

A = "optimization_methods"

# Train accuracies published by the classic course for the same runs; RMSprop is not in it.
PUBLISHED = {"mini-batch GD": 0.7167, "momentum": 0.7167, "Adam": 0.9433,
             "GD + update_lr": 0.6533, "GD + schedule_lr_decay": 0.9433,
             "momentum + schedule_lr_decay": 0.9533, "Adam + schedule_lr_decay": 0.94}


@pytest.fixture(scope="module")
def ref():
    return reference_namespace(A)


def _params(dims, seed=0):
    return cases._params(dims, seed)


def test_mini_batches_partition_every_example_once(ref):
    X = np.arange(2 * 148, dtype=float).reshape(2, 148)
    Y = (np.arange(148) % 3 == 0).astype(int).reshape(1, 148)
    batches = ref["random_mini_batches"](X, Y, 64, seed=4)
    assert [b[0].shape[1] for b in batches] == [64, 64, 20]
    columns = np.concatenate([b[0] for b in batches], axis=1)
    labels = np.concatenate([b[1] for b in batches], axis=1)
    assert sorted(columns[0]) == list(X[0])                       # a permutation of the columns
    assert np.array_equal(labels, Y[:, columns[0].astype(int)])   # labels travel with their example
    assert len(ref["random_mini_batches"](X[:, :128], Y[:, :128], 64)) == 2   # no empty batch


def test_adam_first_step_has_the_size_of_the_learning_rate(ref):
    params = _params([3, 4, 1])
    grads = cases._grads([3, 4, 1], 1)
    v, s = ref["initialize_adam"](params)
    before = copy.deepcopy(params)
    out = ref["update_parameters_with_adam"](params, grads, v, s, 1, learning_rate=0.01, epsilon=1e-12)
    assert len(out) == 3
    for key in before:
        step = before[key] - out[0][key]
        assert np.allclose(step, 0.01 * np.sign(grads["d" + key]), rtol=1e-5)


def test_rmsprop_first_step_is_oversized_without_bias_correction(ref):
    params = _params([2, 3])
    grads = cases._grads([2, 3], 2)
    _, s = ref["initialize_adam"](params)
    before = copy.deepcopy(params)
    new, s = ref["update_parameters_with_rmsprop"](params, grads, s, 0.999, 0.001, epsilon=1e-12)
    step = np.abs(before["W1"] - new["W1"])
    assert np.allclose(step, 0.001 / np.sqrt(1 - 0.999), rtol=1e-5)


def test_schedules(ref):
    assert ref["update_lr"](0.1, 9, 1) == pytest.approx(0.01)
    assert ref["schedule_lr_decay"](0.1, 1999, 1) == pytest.approx(0.05)
    assert ref["schedule_lr_decay"](0.1, 2000, 1) == pytest.approx(0.1 / 3)


def test_separate_state_property(ref):
    check_separate_state(ref["initialize_adam"])                  # the reference passes
    wrong = samples.load(A).WRONG["initialize_adam"]
    for label in ("v and s are one dict (v = s = {})", "s holds the same arrays as v"):
        namespace = {"np": np}
        exec(wrong[label], namespace)
        with pytest.raises(CheckFailed, match=r"^initialize_adam\(the notebook's network"):
            check_separate_state(namespace["initialize_adam"])


def _all_samples():
    module = samples.load(A)
    for kind, tables in (("correct", (module.CORRECT, module.EXTRA_CORRECT)),
                         ("wrong", (module.WRONG, module.EXTRA_WRONG))):
        for table in tables:
            for function, implementations in table.items():
                for label, source in implementations.items():
                    yield kind, function, label, source


def test_every_sample_in_process(ref):
    """Mutation test without nbgrader (a second): every sample, the extra ones included, against the
    visible and hidden cases (and the property check of initialize_adam), as the test cells run them."""
    visible = visible_cases(A)
    hidden = load_cases(course.hidden_reference_path(A))
    covered = set()
    for kind, function, label, source in _all_samples():
        namespace = dict(ref)
        exec(source, namespace)
        student = namespace[function]
        try:
            run_cases(student, function, visible[function])
            run_cases(student, function, hidden[function])
            if function == "initialize_adam":
                check_separate_state(student)
            verdict = None
        except CheckFailed as exc:
            verdict = str(exc).splitlines()[0]
        if kind == "correct":
            assert verdict is None, f"correct '{label}' failed: {verdict}"
        else:
            assert verdict is not None, f"wrong '{label}' of {function} was not caught"
            assert verdict.startswith(function + "("), verdict
            covered.add(function)
    assert covered == set(cases.FUNCTIONS)


def test_every_listed_mistake_has_a_wrong_sample():
    wrong = samples.load(A).WRONG
    required = {"update_parameters_with_momentum": ["b updated with the W velocity", "b velocity computed from dW"],
                "update_parameters_with_adam": ["no bias correction", "epsilon inside the square root",
                                                "b moments computed from dW"],
                "update_parameters_with_rmsprop": ["epsilon inside the square root"],
                "initialize_adam": ["v and s are one dict (v = s = {})", "v and s returned in one dict"],
                "random_mini_batches": ["last partial mini-batch dropped", "Y not shuffled with X"],
                "schedule_lr_decay": ["without the floor"]}
    for function, labels in required.items():
        for label in labels:
            assert label in wrong[function], (function, label)
    correct = samples.load(A).CORRECT["update_parameters_with_adam"]
    assert any("5-tuple" in label for label in correct)


def test_example_cell_uses_the_visible_inputs():
    nb = course.source_notebook(A)
    cell = next(c for c in nb.cells if grade_id(c) == "example_random_mini_batches")
    namespace = {"np": np}
    exec("\n".join(line for line in cell.source.splitlines() if line.startswith(("X =", "Y ="))),
         namespace)
    case = cases.visible()["random_mini_batches"][0]
    assert np.array_equal(namespace["X"], case.args[0]) and np.array_equal(namespace["Y"], case.args[1])
    assert case.kwargs == {"mini_batch_size": 4, "seed": 1} and "mini_batch_size=4, seed=1" in cell.source


@pytest.fixture(scope="module")
def executed_notebook():
    """The source notebook, executed with its experiments."""
    nb, _ = execute(course.source_notebook_path(A))
    return nb


def _text(cell):
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def _results_table(text):
    """{run: (train accuracy, published or None, final cost)} from the results cell's printed table."""
    table = {}
    for line in text.splitlines():
        match = re.match(r"^(.+?)\s{2,}(\d\.\d{4})\s+(?:(\d\.\d{4}|-)\s+)?(\d+\.\d{4})$", line)
        if match:
            table[match.group(1)] = (float(match.group(2)), match.group(3), float(match.group(4)))
    return table


def test_notebook_runs_show_what_the_text_says(executed_notebook):
    """The default runs (EPOCHS epochs): every run in the table, no published column (those figures are
    for 5000 epochs), and every accuracy the text quotes is what the runs printed."""
    cells = {grade_id(c): c for c in executed_notebook.cells}
    errors = [grade_id(c) for c in executed_notebook.cells
              if c.cell_type == "code" and any(o.output_type == "error" for o in c.outputs)]
    assert not errors, f"cells raised: {errors}"
    epochs = int(re.search(r"^EPOCHS = (\d+)", cells["runs_helper"].source, flags=re.M).group(1))
    assert epochs < 5000, "the default runs are shorter than the classic course's"
    text = _text(cells["results"])
    table = _results_table(text)
    assert set(table) == set(PUBLISHED) | {"RMSprop"}, table
    assert all(published is None for _, published, _ in table.values()), "published figures shown for other runs"
    assert f"trained {epochs} epochs" in text and "are for 5000" in text
    percent = {name: round(100 * accuracy) for name, (accuracy, _, _) in table.items()}
    quoted = [("runs_after_md", r"straight line \((\d+)% of the points right\)", ["mini-batch GD", "momentum"]),
              ("runs_after_md", r"reach (\d+)% accuracy", ["RMSprop", "Adam"]),
              ("decay_after_md", r"section 8 \((\d+)% of the points right\)", ["GD + update_lr"]),
              ("decay_after_md", r"gradient descent reaches (\d+)%", ["GD + schedule_lr_decay"]),
              ("decay_after_md", r"staircase end at (\d+)%", ["momentum + schedule_lr_decay", "Adam + schedule_lr_decay"])]
    for cell, pattern, names in quoted:
        figure = int(re.search(pattern, cells[cell].source).group(1))
        assert all(percent[name] == figure for name in names), f"{cell} says {figure}%, the runs printed {percent}"
    assert f"after {epochs:,} epochs".replace(",", " ") in cells["runs_after_md"].source
    accuracy = {name: row[0] for name, row in table.items()}
    # what the text claims about them
    assert accuracy["GD + update_lr"] <= accuracy["mini-batch GD"], "update_lr ends no better than the fixed rate"
    assert accuracy["GD + schedule_lr_decay"] >= accuracy["Adam"], "the staircase makes GD as good as Adam"
    staircase = [accuracy[n] for n in ("GD + schedule_lr_decay", "momentum + schedule_lr_decay", "Adam + schedule_lr_decay")]
    assert max(staircase) - min(staircase) <= 3 / 300 + 1e-9, "the staircase runs end within a few points"
    # the learning rate of update_lr summed over the run, as the schedule section says (in epochs at the full rate)
    moved = round(sum(1 / (1 + i) for i in range(epochs)))
    assert f"about as far as **{moved} epochs**" in cells["schedule_md"].source
    # the summary shows one cost figure (the decision boundaries are in sections 8 and 9)
    images = [o for o in cells["results"].outputs if "image/png" in o.get("data", {})]
    assert len(images) == 1


def test_the_runs_at_5000_epochs_reproduce_the_published_accuracies(monkeypatch):
    """The notebook's own run cells with EPOCHS = 5000, as its text tells a student to set: every
    train accuracy equals the classic course's published one, and the results table shows both."""
    monkeypatch.setenv("DLCOURSE_SKIP_EXPERIMENTS", "0")
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.setattr(plt, "show", lambda *args, **kwargs: plt.close("all"))
    nb = course.source_notebook(A)
    cells = {grade_id(c): c.source for c in nb.cells}
    namespace = reference_namespace(A)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for gid in ("data", "runs_helper", "runs", "decay_runs", "results"):
            if gid == "runs":  # as the text says: EPOCHS set to the published runs' length
                assert namespace["PUBLISHED_EPOCHS"] == 5000
                namespace["EPOCHS"] = namespace["PUBLISHED_EPOCHS"]
            exec(compile(cells[gid], f"<optimization_methods cell {gid}>", "exec"), namespace)
    assert namespace["PUBLISHED"] == PUBLISHED
    table = _results_table(out.getvalue())
    assert set(table) == set(PUBLISHED) | {"RMSprop"}, table
    for name, published in PUBLISHED.items():
        accuracy, shown, _ = table[name]
        assert accuracy == pytest.approx(published, abs=1e-4), f"{name}: {accuracy} != {published}"
        assert shown == f"{published:.4f}"
    assert table["RMSprop"][0] >= 0.9 and table["RMSprop"][1] == "-"


def _steps_table(text):
    """{surface: {method: [steps or None per learning rate]}} and the learning rates, from the
    saddle/plateau cell's printed table."""
    tables, rates, current = {}, None, None
    for line in text.splitlines():
        fields = line.split()
        if fields and fields[0] in ("saddle", "plateau"):
            current, rates = tables.setdefault(fields[0], {}), [float(x) for x in fields[1:]]
        elif current is not None and fields:
            method = " ".join(f for f in fields if not re.fullmatch(r"\d+|-", f))
            current[method] = [None if f == "-" else int(f) for f in fields[len(method.split()):]]
    return tables, rates


def test_saddle_and_plateau_section_shows_what_its_text_says(executed_notebook):
    """Section 7.2: random Hessians are rarely positive definite; on a saddle and a plateau, the best run
    of gradient descent is the slowest, momentum's best learning rate is ten times larger and at
    gradient descent's it is not faster, Adam leaves first; one figure with every method on it."""
    cells = {grade_id(c): c for c in executed_notebook.cells}
    shares = dict(re.findall(r"^\s*(\d+)\s+([0-9.]+)$", _text(cells["critical_points"]), flags=re.M))
    assert float(shares["1"]) == pytest.approx(0.5, abs=0.01)
    assert 1 / 500 < float(shares["4"]) < 1 / 300, "the text: about 1 in 400"
    assert float(shares["6"]) == float(shares["8"]) == 0.0, "the text: none of the 20 000"

    tables, rates = _steps_table(_text(cells["saddle_demo"]))
    assert rates == [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30]
    for surface, rows in tables.items():
        assert list(rows) == ["gradient descent", "momentum", "Adam"]
        best = {m: min((s, lr) for s, lr in zip(row, rates) if s is not None) for m, row in rows.items()}
        assert best["Adam"][0] < best["momentum"][0] < best["gradient descent"][0], surface
        gd_lr = best["gradient descent"][1]
        assert best["momentum"][1] == pytest.approx(10 * gd_lr), surface
        column = rates.index(gd_lr)
        assert rows["momentum"][column] >= rows["gradient descent"][column], surface
        assert all(s is None for s, lr in zip(rows["gradient descent"], rates) if lr > 3 * gd_lr), surface
    assert tables["plateau"]["Adam"][rates.index(1)] <= 5, "walks off the plain at full speed"
    images = [o for o in cells["saddle_demo"].outputs if "image/png" in o.get("data", {})]
    assert len(images) == 1
