"""The shape of the code: no import circles among the course's modules (imports inside
functions included), and no module of the grader over 400 lines."""
import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = {"autograder": ROOT / "autograder", "dlcourse": ROOT / "source" / "dlcourse"}
#: data, not code: sample implementations and test inputs
DATA = ("autograder/samples/", "autograder/cases/")
MAX_LINES = 400


def _modules():
    """``{dotted name: path}`` of every module of the two packages."""
    found = {}
    for package, folder in PACKAGES.items():
        for path in folder.rglob("*.py"):
            parts = path.relative_to(folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join((package,) + parts)] = path
    return found


def _imports(name, path, modules):
    """The course modules ``name`` imports, anywhere in its code."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                       for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                out.add(target)
    return out


def test_no_import_circles():
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    # a package's __init__ imported only to reach a submodule is not an edge back to it
    state, stack, circles = {}, [], []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                circles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert not circles, "import circles: " + "; ".join(" -> ".join(c) for c in circles)


def test_the_circle_finder_can_fail(tmp_path):
    """The test above is not one that cannot fail: a two-module circle is found."""
    (tmp_path / "a.py").write_text("def f():\n    from autograder import b\n")
    modules = {"autograder.a": tmp_path / "a.py", "autograder.b": tmp_path / "b.py"}
    (tmp_path / "b.py").write_text("from .a import f\n")
    assert _imports("autograder.a", modules["autograder.a"], modules) == {"autograder.b"}
    assert _imports("autograder.b", modules["autograder.b"], modules) == {"autograder.a"}


def test_no_grader_module_over_400_lines():
    long = []
    for path in (ROOT / "autograder").rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith(DATA):
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            long.append(f"{relative}: {lines} lines")
    assert not long, long
