"""What ``grade --json --instructor-detail`` adds for the instructor: the hidden case each failed
test stopped on, with its inputs and expected values. Never for students: these are the hidden
values the feedback never shows."""


def _plain(value):
    """A case's value as JSON can hold it (arrays as nested lists)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "tolist"):
        return value.tolist()
    return value


def instructor_detail(report_json, hidden):
    """A report's JSON with, on each test that failed on a hidden case, the case itself
    (``"hidden_case": {"label", "args", "kwargs", "expected"}``, or None when the failure is not
    on one case, e.g. a property check). Never for students: these are the hidden values.

    ``hidden``: ``{function: [Case]}`` of the assignment's hidden references."""
    out = dict(report_json, instructor_detail=True)
    out["tests"] = []
    for test in report_json["tests"]:
        test = dict(test)
        if not test["passed"]:
            function = test["name"][len("test_"):]
            case = next((c for c in hidden.get(function, [])
                         if f"{function}({c.label})" in test["message"]), None)
            test["hidden_case"] = None if case is None else {
                "label": case.label, "args": _plain(case.args), "kwargs": _plain(case.kwargs),
                "expected": _plain(case.expected)}
        out["tests"].append(test)
    return out
