"""Every command of the guides works as written.

The shell commands are read from the fenced ``bash`` blocks of ``docs/student_guide.md`` and
``docs/instructor_guide.md``. Each one is either run here, word for word (in a temporary folder or
a temporary copy of the course wherever it would write into the repository), or listed in
``ELSEWHERE`` with the test of the suite that runs it. A command added to a guide that is in
neither list fails ``test_every_guide_command_is_exercised``.

Also checked: ``docs/assignments.md`` gives every built notebook's graded functions with the
notebook's own signatures, and the failure message quoted in the student guide is the real one.
"""
import ast
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest
from jupyterlab.commands import get_app_dir

from autograder import course
from autograder.cells import HIDDEN_NOTE, graded_functions, grade_id, is_solution
from autograder.submissions import write_submission

from conftest import ROOT, cli_env, release_notebook

DOCS = ROOT / "docs"
GUIDES = [DOCS / "student_guide.md", DOCS / "instructor_guide.md"]
A = "initialization"

#: guide command -> the test of this module that runs it word for word
RUN_HERE = {
    "python3 -m venv dlcourse-env": "test_student_install",
    ". dlcourse-env/bin/activate": "test_student_install",
    "pip install ./source jupyterlab nbgrader": "test_student_install",
    "jupyter lab initialization.ipynb": "test_student_opens_the_notebook_in_jupyterlab",
    "nbgrader validate initialization.ipynb": "test_validate_gives_the_visible_tests_verdicts",
    "DLCOURSE_SKIP_EXPERIMENTS=1 nbgrader validate initialization.ipynb":
        "test_validate_gives_the_visible_tests_verdicts",
    "python -m autograder release initialization": "test_release_and_references_in_a_course_copy",
    "python -m autograder references initialization": "test_release_and_references_in_a_course_copy",
    "python -m autograder references --check initialization":
        "test_release_and_references_in_a_course_copy",
    "jupyter lab": "test_formgrader_at_the_course_root",
    "export DLCOURSE_GRADEBOOK_URL=postgresql://grader:secret@db.example.org/dlcourse":
        "test_gradebook_url_comes_from_the_environment",
}

#: guide command -> (the test elsewhere in the suite that runs it, a word its module must use)
ELSEWHERE = {
    "python -m autograder check initialization":
        ("tests/test_cli.py::test_check_command_passes", 'run_cli("check"'),
    "nbgrader generate_assignment initialization":
        ("tests/test_nbgrader_plain.py::test_generate_autograde_feedback_export_at_the_root",
         '"generate_assignment"'),
    "nbgrader autograde initialization":
        ("tests/test_nbgrader_plain.py::test_generate_autograde_feedback_export_at_the_root",
         '"autograde"'),
    "python -m autograder feedback":
        ("tests/test_grade_all_parallel.py::test_sequential_parallel_and_dask_agree",
         'run_cli("feedback"'),
    "python -m autograder report":
        ("tests/test_class_report.py::test_a_manual_score_change_shows_after_report",
         'run_cli("report"'),
    "python -m autograder grade-all":
        ("tests/test_grade_all_parallel.py::test_sequential_parallel_and_dask_agree",
         'run_cli("grade-all"'),
    "python -m autograder grade initialization path/to/submission.ipynb":
        ("tests/test_cli.py::test_grade_json_and_table", 'run_cli("grade"'),
    "python tools/datasets.py check":
        ("tests/test_datasets.py::test_check_command_passes", '"tools/datasets.py", "check"'),
    "python tools/datasets.py build":
        ("tests/test_datasets.py::test_build_and_hashes_commands", 'tool.main(["build"'),
    "python -m autograder solutions":
        ("tests/test_site.py::test_solutions_command", '"solutions"'),
    "python -m autograder student-config --out /etc/jupyter/nbgrader_config.py":
        ("tests/test_exchange.py::test_release_fetch_submit_collect_grade",
         'cli_main("student-config"'),
    "python -m autograder collect initialization":
        ("tests/test_exchange.py::test_release_fetch_submit_collect_grade", 'cli_main("collect"'),
    "python -m autograder release-feedback initialization":
        ("tests/test_exchange.py::test_release_fetch_submit_collect_grade",
         'cli_main("release-feedback"'),
}


def guide_commands(path):
    """The shell commands of a Markdown file's ```bash blocks (one per line, comments dropped)."""
    commands, block = [], None
    for line in path.read_text(encoding="utf-8").splitlines():
        fence = line.strip()
        if block is None:
            if fence.startswith("```") and fence[3:].strip() in ("bash", "sh", "shell", "console"):
                block = []
        elif fence.startswith("```"):
            commands += block
            block = None
        else:
            text = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
            if block and block[-1].endswith("\\"):
                block[-1] = block[-1][:-1].rstrip() + " " + text
            elif text:
                block.append(text)
    return commands


ALL_COMMANDS = [c for guide in GUIDES for c in guide_commands(guide)]


def command(text):
    """A command exactly as a guide writes it (fails if the guide no longer has it)."""
    assert text in ALL_COMMANDS, f"the guides no longer contain {text!r}"
    return text


def sh(script, cwd, env=None, timeout=900):
    return subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=cwd,
                          env=env or cli_env(), capture_output=True, text=True, timeout=timeout)


# ----------------------------------------------------------------------------- the lists

def test_every_guide_command_is_exercised():
    assert ALL_COMMANDS, "the guides have shell commands"
    missing = [c for c in ALL_COMMANDS if c not in RUN_HERE and c not in ELSEWHERE]
    assert not missing, ("guide commands that no test runs (run them in tests/test_guides.py or "
                         "map them to the test that does, in ELSEWHERE): " + "; ".join(missing))
    stale = [c for c in list(RUN_HERE) + list(ELSEWHERE) if c not in ALL_COMMANDS]
    assert not stale, "commands listed here but no longer in a guide: " + "; ".join(stale)
    for name in set(RUN_HERE.values()):
        assert callable(globals().get(name)), f"{name} is not a test of this module"


@pytest.mark.parametrize("text", sorted(ELSEWHERE))
def test_mapped_commands_are_run_by_the_named_test(text):
    test_id, evidence = ELSEWHERE[text]
    file, function = test_id.split("::")
    source = (ROOT / file).read_text(encoding="utf-8")
    names = {n.name for n in ast.walk(ast.parse(source)) if isinstance(n, ast.FunctionDef)}
    assert function in names, f"{test_id} does not exist"
    assert evidence in source, f"{file} no longer runs {text!r} ({evidence!r} not found)"


def test_guides_link_to_files_that_exist():
    for guide in GUIDES + [DOCS / "assignments.md"]:
        for path in re.findall(r"`((?:docs|datasets|autograder|source|notebooks)/[\w./-]+\.\w+)`",
                               guide.read_text(encoding="utf-8")):
            if "<" not in path:
                assert (ROOT / path).exists(), f"{guide.name} mentions {path}, which does not exist"


# ----------------------------------------------------------------------------- docs/assignments.md

def _documented_signatures():
    """{assignment: {function: signature text}} from docs/assignments.md."""
    found, current = {}, None
    for line in (DOCS / "assignments.md").read_text(encoding="utf-8").splitlines():
        heading = re.match(r"^## \d+\. `(\w+)`", line)
        if heading:
            current = found.setdefault(heading.group(1), {})
        row = re.match(r"^\| `(\w+)\((.*?)\)` \|", line)
        if row and current is not None:
            current[row.group(1)] = f"{row.group(1)}({row.group(2)})"
    return found


def _arguments(signature):
    tree = ast.parse(f"def {signature}: pass")
    return ast.dump(tree.body[0].args)


def test_assignments_doc_lists_every_course_assignment():
    assert list(_documented_signatures()) == list(course.COURSE)


def test_assignments_doc_gives_the_notebooks_own_signatures(assignment):
    documented = _documented_signatures()[assignment]
    nb = course.source_notebook(assignment)
    assert list(documented) == list(graded_functions(nb)), (
        f"docs/assignments.md lists the graded functions of {assignment} in notebook order")
    for cell in nb.cells:
        if is_solution(cell) and grade_id(cell) in documented:  # ungraded exercises are not listed
            tree = ast.parse(re.sub(r"^\s*###.*$", "", cell.source, flags=re.M))
            definition = next(n for n in tree.body if isinstance(n, ast.FunctionDef)
                              and n.name == grade_id(cell))
            assert _arguments(documented[definition.name]) == ast.dump(definition.args), (
                f"{assignment}.{definition.name}: the documented signature differs from the notebook")


# ----------------------------------------------------------------------------- student guide

def _view_of_the_course_environment(tmp_path):
    """A folder of links to the course environment's third-party packages (not dlcourse nor
    autograder), so that a new environment can see them through a .pth file instead of
    downloading JupyterLab and nbgrader again."""
    site = Path(next(p for p in sys.path if p.endswith("site-packages") and Path(p).is_dir()))
    view = tmp_path / "packages"
    view.mkdir()
    for entry in site.iterdir():
        name = entry.name.lower()
        if name.startswith(("dlcourse", "autograder", "__editable__", "_distutils_hack",
                            "distutils-precedence")) or name.endswith(".pth") or name == "__pycache__":
            continue
        (view / entry.name).symlink_to(entry)
    return view


def test_student_install(tmp_path):
    folder = tmp_path / "student"
    shutil.copytree(ROOT / "source", folder / "source",
                    ignore=shutil.ignore_patterns("*.egg-info", "__pycache__", "build"))
    view = _view_of_the_course_environment(tmp_path)
    env = cli_env()
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    env.pop("DLCOURSE_DATA", None)
    env.pop("PYTHONPATH", None)
    script = "\n".join([
        command("python3 -m venv dlcourse-env"),
        # scaffolding: let the new environment see the packages already installed here
        f"echo {view} > dlcourse-env/lib/python{sys.version_info[0]}.{sys.version_info[1]}"
        "/site-packages/course-packages.pth",
        command(". dlcourse-env/bin/activate"),
        command("pip install ./source jupyterlab nbgrader"),
        "cd /",  # import from the installed copy, not from the folder
        "python -c 'import sys, dlcourse; print(sys.executable); print(dlcourse.__file__)'",
        "python -c 'from dlcourse.testing import visible_cases; "
        "print(sorted(visible_cases(\"initialization\")))'",
        "python -c 'from dlcourse.datasets import load_circles; print(load_circles()[0].shape)'",
    ])
    proc = sh(script, folder, env=env, timeout=900)
    output = proc.stdout + proc.stderr
    if proc.returncode and re.search(r"NewConnectionError|Temporary failure in name resolution|"
                                     r"No matching distribution found for setuptools", output):
        pytest.skip("pip could not reach the package index to fetch the build backend "
                    "(setuptools) of ./source: " + output.strip().splitlines()[-1])
    assert proc.returncode == 0, output[-4000:]
    lines = proc.stdout.strip().splitlines()
    executable, package, functions, circles = lines[-4:]
    assert executable.startswith(str(folder / "dlcourse-env"))
    assert package.startswith(str(folder / "dlcourse-env")), "dlcourse is installed, not linked"
    assert "initialize_parameters_he" in functions, "the visible tests ship with the package"
    assert circles == "(2, 300)", "the data are generated on first use, without the repository"
    assert (tmp_path / "cache" / "dlcourse").is_dir()


def _jupyter_lab(cwd, tmp_path, text, extra_env=None):
    """Start the guide's ``jupyter lab ...`` command (no browser, a free port, a known token)
    and return (process, base URL, headers). Configuration comes through the environment only."""
    config = tmp_path / "jupyter-config"
    config.mkdir()
    (config / "jupyter_server_config.py").write_text(
        'c.ServerApp.ip = "127.0.0.1"\nc.ServerApp.port = 0\nc.ServerApp.open_browser = False\n'
        'c.IdentityProvider.token = "guide-test"\n'
        f"c.ServerApp.allow_root = {os.geteuid() == 0}\n")
    env = cli_env()
    env.update({"JUPYTER_CONFIG_DIR": str(config), "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
                "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces")})
    env.update(extra_env or {})
    log = tmp_path / "jupyter.log"
    with open(log, "w") as out:
        proc = subprocess.Popen(["bash", "-c", "exec " + text], cwd=cwd, env=env,
                                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", log.read_text())
        if found:
            return proc, f"http://127.0.0.1:{found.group(1)}", {"Authorization": "token guide-test"}
        if proc.poll() is not None:
            break
        time.sleep(0.5)
    _stop(proc)
    raise AssertionError("JupyterLab did not start:\n" + log.read_text()[-3000:])


def _stop(proc):
    proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _get(url, headers):
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=60) as r:
        return r.status, r.read().decode("utf-8", "replace")


def test_student_opens_the_notebook_in_jupyterlab(tmp_path):
    folder = tmp_path / "work"
    folder.mkdir()
    nbformat.write(release_notebook(A), str(folder / f"{A}.ipynb"))
    proc, base, headers = _jupyter_lab(folder, tmp_path, command("jupyter lab initialization.ipynb"))
    try:
        status, body = _get(f"{base}/api/contents/{A}.ipynb?content=0", headers)
        assert status == 200 and json.loads(body)["type"] == "notebook"
        status, page = _get(f"{base}/lab/tree/{A}.ipynb", headers)
        assert status == 200 and "JupyterLab" in page
    finally:
        _stop(proc)


def test_validate_gives_the_visible_tests_verdicts(tmp_path):
    release = release_notebook(A)
    solved, blank = tmp_path / "solved", tmp_path / "blank"
    for folder in (solved, blank):
        folder.mkdir()
    write_submission(solved / f"{A}.ipynb", release, A)  # the reference solutions, typed in
    write_submission(blank / f"{A}.ipynb", release, A, fill="blank")

    start = time.perf_counter()
    proc = sh(command("nbgrader validate initialization.ipynb"), solved)
    seconds = time.perf_counter() - start
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Success! Your notebook passes all the tests." in proc.stdout, proc.stdout + proc.stderr
    print(f"nbgrader validate {A}.ipynb (experiments included): {seconds:.1f} s")

    proc = sh(command("DLCOURSE_SKIP_EXPERIMENTS=1 nbgrader validate initialization.ipynb"), blank)
    assert proc.returncode == 0, "nbgrader validate exits with status 0 even when tests fail"
    functions = graded_functions(course.source_notebook(A))
    assert f"VALIDATION FAILED ON {len(functions)} CELL(S)!" in proc.stdout, proc.stdout + proc.stderr
    for function in functions:
        assert f"check({function}, \"{A}\")" in proc.stdout, "each failing test cell is shown"
    assert proc.stdout.count("not implemented yet") >= len(functions)
    assert "check_hidden" not in proc.stdout, "validation knows only the visible tests"


def _jupyterlab_labels():
    """The text of the installed JupyterLab's front end (its bundled scripts hold every menu label)."""
    static = Path(get_app_dir()) / "static"
    return "".join(p.read_text(encoding="utf-8", errors="ignore") for p in static.glob("*.js"))


def test_student_guide_is_for_students():
    """The guide names no file students do not receive, quotes JupyterLab 4's own menu labels, and
    gives every environment variable of its shell commands in cmd and PowerShell syntax too."""
    guide = (DOCS / "student_guide.md").read_text(encoding="utf-8")
    for absent in ("docs/assignments.md", "benchmarks/", "instructor_guide"):
        assert absent not in guide, f"students do not receive {absent}"
    labels = _jupyterlab_labels()
    menus = [" ".join(m.split()) for m in re.findall(r"\*((?:Kernel|Run|File|View|Edit) > [^*]+)\*", guide)]
    assert {"Kernel > Restart Kernel and Run All Cells…", "Run > Run All Cells",
            "File > Save Notebook"} <= set(menus)
    for menu in menus:
        item = menu.split(" > ", 1)[1]
        known = item.replace("Save Notebook", "Save %1")  # JupyterLab fills in the document's kind
        assert f'"{known}"' in labels, f"{menu!r} is not a JupyterLab menu item"
    assert "Kernel → " not in guide and "Restart & Run All" not in guide, "JupyterLab 4's names"
    assert f"`{HIDDEN_NOTE}`" in " ".join(guide.split()), "the line that replaces hidden tests, as it reads"
    variables = {c.split("=", 1)[0] for c in guide_commands(DOCS / "student_guide.md")
                 if re.match(r"^[A-Z_]+=", c)}
    assert variables
    for name in variables:
        assert re.search(rf"^```bat\n(?:.*\n)*?set {name}=", guide, flags=re.M), f"cmd syntax for {name}"
        assert re.search(rf"^```powershell\n(?:.*\n)*?\$env:{name} = ", guide, flags=re.M), \
            f"PowerShell syntax for {name}"


def test_failure_example_in_the_student_guide_is_real():
    import numpy as np
    from dlcourse.testing import CheckFailed, check

    def initialize_parameters_he(layers_dims):  # the mistake the guide explains: sqrt(1 / n)
        np.random.seed(3)
        parameters = {}
        for l in range(1, len(layers_dims)):
            parameters["W" + str(l)] = (np.random.randn(layers_dims[l], layers_dims[l - 1])
                                        * np.sqrt(1 / layers_dims[l - 1]))
            parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
        return parameters

    with pytest.raises(CheckFailed) as failure:
        check(initialize_parameters_he, A)
    first_line = str(failure.value).splitlines()[0]
    guide = (DOCS / "student_guide.md").read_text(encoding="utf-8")
    assert f"CheckFailed: {first_line}\n" in guide


# ----------------------------------------------------------------------------- instructor guide

def _course_copy(root):
    """The repository's top level as a fresh clone would have it, for one assignment: the
    commands run there write into the copy, never into the repository."""
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "build", ".ipynb_checkpoints")
    shutil.copyfile(ROOT / "nbgrader_config.py", root / "nbgrader_config.py")
    shutil.copytree(ROOT / "autograder", root / "autograder", ignore=ignore)
    shutil.copytree(ROOT / "source", root / "source", ignore=ignore)
    shutil.copytree(ROOT / "notebooks" / A, root / "notebooks" / A, ignore=ignore)
    return root


def test_release_and_references_in_a_course_copy(tmp_path):
    root = _course_copy(tmp_path)
    stored = ROOT / "autograder" / "references" / f"{A}.h5"
    before = stored.stat().st_mtime_ns
    env = cli_env()
    env["DLCOURSE_DATA"] = str(ROOT / "datasets")
    env.pop("DLCOURSE_GRADEBOOK_URL", None)
    script = "\n".join([
        "python -c 'import autograder; print(autograder.__file__)'",
        command("python -m autograder release initialization"),
        command("python -m autograder references initialization"),
        command("python -m autograder references --check initialization"),
    ])
    proc = sh(script, root, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.splitlines()[0].startswith(str(root)), "the commands ran on the copy"
    release = root / "grading" / "release" / A / f"{A}.ipynb"
    text = release.read_text()
    assert "BEGIN HIDDEN TESTS" not in text and "raise NotImplementedError()" in text
    assert f"wrote autograder/references/{A}.h5" in proc.stdout
    assert f"wrote source/dlcourse/references/{A}.h5" in proc.stdout
    assert f"ok   {A}: references match a fresh generation" in proc.stdout
    assert stored.stat().st_mtime_ns == before, "the repository's own files were not touched"


def test_formgrader_at_the_course_root(tmp_path):
    course = tmp_path / "course"
    course.mkdir()
    root = _course_copy(course)
    gradebook = tmp_path / "gradebook.db"
    proc, base, headers = _jupyter_lab(root, tmp_path, command("jupyter lab"),
                                       {"DLCOURSE_GRADEBOOK_URL": f"sqlite:///{gradebook}"})
    try:
        status, body = _get(f"{base}/formgrader/api/assignments", headers)
        listed = {a["name"]: a for a in json.loads(body)}
        assert status == 200 and A in listed, body[:500]
        assert listed[A]["source_path"] == f"notebooks/{A}"
        status, page = _get(f"{base}/formgrader", headers)
        assert status == 200 and "formgrader" in page.lower()
        assert gradebook.exists(), "the formgrader uses the gradebook named in the environment"
    finally:
        _stop(proc)


def test_gradebook_url_comes_from_the_environment(tmp_path):
    shutil.copyfile(ROOT / "nbgrader_config.py", tmp_path / "nbgrader_config.py")
    show = ("python -c 'from traitlets.config.loader import PyFileConfigLoader; "
            "print(PyFileConfigLoader(\"nbgrader_config.py\", path=\".\").load_config()"
            ".CourseDirectory.db_url)'")
    env = cli_env()
    env.pop("DLCOURSE_GRADEBOOK_URL", None)
    url = "postgresql://grader:secret@db.example.org/dlcourse"
    proc = sh(command(f"export DLCOURSE_GRADEBOOK_URL={url}") + "\n" + show, tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == url
    proc = sh(show, tmp_path, env=env)
    assert proc.stdout.strip().startswith(f"sqlite:///{tmp_path}/grading/gradebook.db")
