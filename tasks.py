#!/usr/bin/env python3
"""The two set-up commands of the course, runnable with nothing but Python 3.11.

    python3 tasks.py main   # set up, release every assignment, grade the sample
                            # submissions, print the grade table
    python3 tasks.py test   # set up, run the test suite

Both create ``.venv`` (if missing) and install ``requirements.txt`` into it
(pip skips what is already there), then hand over to the course's own tools
inside that environment.
"""
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
STAMP = VENV / ".requirements-installed"


def ensure_environment():
    if sys.version_info[:2] != (3, 11):
        print(f"warning: the course is pinned for Python 3.11, this is {sys.version.split()[0]}",
              file=sys.stderr)
    if not PY.exists():
        print(f"creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    requirements = (ROOT / "requirements.txt").read_bytes()
    if not STAMP.exists() or STAMP.read_bytes() != requirements:
        print("installing requirements.txt", flush=True)
        subprocess.run([str(PY), "-m", "pip", "install", "-q", "-r", "requirements.txt"],
                       cwd=ROOT, check=True)
        STAMP.write_bytes(requirements)


def run(*args):
    env = dict(os.environ)
    # nbgrader runs helper programs (alembic) by name: the venv must be on PATH.
    env["PATH"] = str(BIN) + os.pathsep + env.get("PATH", "")
    env["VIRTUAL_ENV"] = str(VENV)
    # Grading runs several kernels and workers side by side: one BLAS thread each, or the
    # threads oversubscribe the cores and tiny matrix products slow down many times over.
    env.setdefault("OPENBLAS_NUM_THREADS", "1")
    env.setdefault("OMP_NUM_THREADS", "1")
    return subprocess.run([str(PY), *args], cwd=ROOT, env=env).returncode


def main(argv):
    commands = {
        "main": ("-m", "autograder", "demo"),
        "test": ("-m", "pytest", "-n", "auto", "-q", "--durations=15"),  # the slowest, for CI's budget
    }
    if len(argv) < 1 or argv[0] not in commands:
        print("usage: python3 tasks.py {main|test} [extra arguments]", file=sys.stderr)
        return 2
    try:
        ensure_environment()
    except subprocess.CalledProcessError as exc:
        print(f"error: installing the requirements failed ({exc})", file=sys.stderr)
        return 1
    return run(*commands[argv[0]], *argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
