"""A real Jupyter server for the browser tests: headless, on a free port, behind a token.
(Named lab_server: a tests/jupyter_server.py would shadow the jupyter_server package, since
tests/ is on sys.path.)

``JupyterServer(root)`` starts ``jupyter lab`` (the course's pinned JupyterLab, with the
nbgrader extensions the venv enables) serving ``root``, waits until its REST API answers, and
stops the whole process group on ``close()``. ``url(path)`` gives a browser address that carries
the token; ``api(method, path, body)`` calls the REST API with it; ``sign_in(browser)`` logs a
browser in for the whole server. Each server gets its own
runtime folder and ``HOME`` under a temporary folder, so one test's sessions, settings and
nbgrader user config never reach another's (pass ``home`` to share one on purpose, as a student
would keep theirs between two starts). ``user`` runs the server under another account (the
caller must be root): nbgrader takes a student's id from the account, not from ``USER``, and
permissions of a shared folder only show between two accounts. ``click_menu(browser, "Run",
"Run All Cells")`` clicks through JupyterLab's menu bar in a ``browser.Chromium``, as a person
would.
"""
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
START_TIMEOUT = 120  # seconds: JupyterLab's first start on a loaded 2-core machine takes ~10 s


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class JupyterServer:
    """One ``jupyter lab`` process serving ``root`` (see the module docstring)."""

    def __init__(self, root, home=None, env=None, app="lab", user=None):
        self.root = Path(root)
        self.scratch = Path(tempfile.mkdtemp(prefix="jupyter-server-"))
        self.home = Path(home) if home else self.scratch / "home"
        self.home.mkdir(parents=True, exist_ok=True)
        self.token = secrets.token_hex(16)
        self.port = free_port()
        full_env = dict(os.environ)
        full_env.update({
            "HOME": str(self.home),
            "JUPYTER_RUNTIME_DIR": str(self.scratch / "runtime"),
            "PATH": str(VENV_BIN) + os.pathsep + full_env.get("PATH", ""),
            "PYTHONUNBUFFERED": "1",
        })
        full_env.pop("JUPYTER_CONFIG_DIR", None)
        account = {}
        if user is not None:  # the account owns its scratch folder (HOME and runtime folder)
            entry = pwd.getpwnam(user)
            for path in [self.scratch, *self.scratch.rglob("*")]:
                os.chown(path, entry.pw_uid, entry.pw_gid)
            account = {"user": entry.pw_uid, "group": entry.pw_gid, "extra_groups": []}
            full_env.update({"USER": user, "LOGNAME": user})
        full_env.update(env or {})
        self.log = open(self.scratch / "server.log", "w")
        self.proc = subprocess.Popen(
            [str(VENV_BIN / "jupyter"), app, "--no-browser", "--allow-root",
             "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
             "--ServerApp.port_retries=0", f"--ServerApp.root_dir={self.root}",
             f"--IdentityProvider.token={self.token}"],
            cwd=self.root, env=full_env, stdin=subprocess.DEVNULL, stdout=self.log,
            stderr=subprocess.STDOUT, start_new_session=True, **account)
        try:
            self._wait_until_up()
        except BaseException:
            self.close()
            raise

    @property
    def base(self):
        return f"http://127.0.0.1:{self.port}"

    def url(self, path="/lab"):
        sep = "&" if "?" in path else "?"
        return f"{self.base}{path}{sep}token={self.token}"

    def api(self, method, path, body=None, timeout=60):
        """Call the server's REST API; returns the decoded JSON reply (None when empty)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.base + path, data=data, method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as reply:
            raw = reply.read()
        return json.loads(raw) if raw else None

    def sign_in(self, browser):
        """Open the server once with the token in a ``browser.Chromium``, as a person's first
        visit does, so that the login cookie covers every page. (A first visit straight to a
        formgrader page would not do: nbgrader's handlers give the cookie an empty path, so the
        browser keeps it for that one folder and the page's own API calls go to the login page.)"""
        browser.open(self.url("/api/status"))

    def log_tail(self, chars=3000):
        self.log.flush()
        return (self.scratch / "server.log").read_text(errors="replace")[-chars:]

    def _wait_until_up(self):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyter {self.proc.args[1]} exited at start:\n{self.log_tail()}")
            try:
                self.api("GET", "/api/status", timeout=5)
                return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        raise TimeoutError(f"jupyter did not answer within {START_TIMEOUT} s:\n{self.log_tail()}")

    def close(self):
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
            except ProcessLookupError:
                pass
        self.log.close()
        shutil.rmtree(self.scratch, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def click_menu(browser, top, entry):
    """Click ``top`` in JupyterLab's menu bar, then its item ``entry`` (e.g. "Nbgrader",
    "Assignment List"), with the mouse: Lumino's menus answer pointer events only."""
    bar = ("[...document.querySelectorAll('.lm-MenuBar-item')]"
           ".find(e => e.textContent.trim() === %s)" % json.dumps(top))
    item = ("[...document.querySelectorAll('.lm-Menu-item')]"
            ".find(e => e.querySelector('.lm-Menu-itemLabel').textContent.trim() === %s)"
            % json.dumps(entry))
    browser.wait_for(f"!!({bar})", timeout=START_TIMEOUT)
    for _ in range(40):  # the menu bar answers once JupyterLab has finished starting
        browser.mouse_click(bar)
        try:
            browser.wait_for(f"!!({item})", timeout=1.5)
            break
        except TimeoutError:
            continue
    browser.mouse_click(item)
