"""Headless Chromium for the browser tests, driven through the DevTools protocol over a pipe.

Python standard library only. ``Chromium`` opens pages, runs scripts in them, clicks and types
like a person (mouse and keyboard events) and records what went wrong (console errors,
exceptions, failed loads, requests); the ``chromium`` fixture gives a fresh browser per test, or
skips with the reason when Debian's chromium is missing (``.ci/run`` installs it where it can).
"""
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium")


# What a rendered notebook page (the solutions site, a feedback page) looks like once its scripts
# ran: MathJax's output, formulas left as raw TeX in the text, figures and their decoded sizes,
# folded test cells.
NOTEBOOK_PAGE_STATE = r"""
(async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  const skip = new Set(["SCRIPT", "STYLE", "PRE", "CODE", "MJX-CONTAINER", "MJX-ASSISTIVE-MML"]);
  const raw = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    let inside = false;
    for (let e = node.parentElement; e; e = e.parentElement) {
      if (skip.has(e.tagName)) { inside = true; break; }
    }
    const t = node.textContent;
    if (!inside && (t.includes("$$") || /\$[^$\s][^$]*\\[a-zA-Z]+/.test(t) || /\\\(|\\\[/.test(t)))
      raw.push(t.slice(0, 120));
  }
  const details = [...document.querySelectorAll("details.dl-test")];
  const closed = details.filter(d => !d.open).length;
  details.forEach(d => { d.open = true; });
  const shownWhenOpen = details.every(d => d.querySelector(".jp-InputArea").offsetHeight > 0);
  return {
    href: location.href,
    mathjax: !!(window.MathJax && MathJax.version),
    formulas: document.querySelectorAll("mjx-container svg").length,
    mathErrors: [...document.querySelectorAll("[data-mjx-error]")].map(e =>
      e.getAttribute("data-mjx-error") + " in: " +
      ((e.closest("p, li, td, div") || e).textContent || "").replace(/\s+/g, " ").slice(0, 160)),
    rawTex: raw,
    images: [...document.images].map(i => ({w: i.naturalWidth, h: i.naturalHeight, ok: i.complete})),
    details: details.length, closed: closed, shownWhenOpen: shownWhenOpen,
    editable: document.querySelectorAll("[contenteditable], textarea, input").length,
    next: (document.querySelector(".dl-nav-top a.dl-next") || {}).href || null,
    previous: (document.querySelector(".dl-nav-top a.dl-prev") || {}).href || null,
  };
})()
"""


class Chromium:
    """Headless Chromium driven through the DevTools protocol on a pipe (fds 3 and 4)."""

    FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--disable-extensions", "--remote-debugging-pipe"]

    def __init__(self, timeout=60):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="chromium-profile-")
        read_end, self._to_browser = os.pipe()
        self._from_browser, write_end = os.pipe()
        # Park the browser's ends above 10 so that putting them at 3 and 4 cannot clobber them.
        high_read = fcntl.fcntl(read_end, fcntl.F_DUPFD, 10)
        high_write = fcntl.fcntl(write_end, fcntl.F_DUPFD, 10)
        os.close(read_end)
        os.close(write_end)

        def child():
            os.dup2(high_read, 3)
            os.dup2(high_write, 4)

        self.log = open(Path(self.profile) / "stderr.log", "w")
        self.proc = subprocess.Popen(
            [CHROMIUM, *self.FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.log,
            preexec_fn=child, pass_fds=(3, 4))
        os.close(high_read)
        os.close(high_write)
        self._buffer, self._next_id, self.events = b"", 0, []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable", session=True)

    def call(self, method, session=False, **params):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        wanted = self._next_id
        reply = self._wait(lambda m: m.get("id") == wanted)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def _wait(self, predicate):
        deadline = time.monotonic() + self.timeout
        while True:
            while b"\0" not in self._buffer:
                left = deadline - time.monotonic()
                ready, _, _ = select.select([self._from_browser], [], [], max(left, 0))
                if not ready:
                    raise TimeoutError("the browser did not answer in time")
                chunk = os.read(self._from_browser, 1 << 20)
                if not chunk:
                    raise RuntimeError("the browser exited: " + Path(self.log.name).read_text()[-2000:])
                self._buffer += chunk
            raw, self._buffer = self._buffer.split(b"\0", 1)
            message = json.loads(raw)
            if "method" in message:
                self.events.append(message)
            if predicate(message):
                return message

    def wait_for_load(self, start):
        """Wait for the load event of the navigation that began after events[start]."""
        def loaded(m):
            return m.get("method") == "Page.loadEventFired"
        if not any(loaded(m) for m in self.events[start:]):
            self._wait(loaded)

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", session=True, expression=expression,
                           awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in result:
            raise AssertionError(f"page script failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def open(self, url):
        start = len(self.events)
        self.call("Page.navigate", session=True, url=url)
        self.wait_for_load(start)

    def click(self, selector):
        start = len(self.events)
        script = ("(() => { const a = document.querySelector(%s);"
                  " if (!a) return false; a.click(); return true; })()" % json.dumps(selector))
        assert self.evaluate(script), f"nothing matches {selector}"
        self.wait_for_load(start)

    def wait_for(self, expression, timeout=60, every=0.25):
        """Evaluate ``expression`` until it gives a true value (returned); TimeoutError after
        ``timeout`` seconds, with the last value."""
        deadline = time.monotonic() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"still false after {timeout} s: {expression} (last: {value!r})")
            time.sleep(every)

    def mouse_click(self, expression, count=1, hover=True):
        """Click with the mouse (pressed and released, as a person would; ``count=2`` for a
        double click) at the middle of the element a script ``expression`` gives: for widgets
        that listen to pointer events at a place, such as JupyterLab's menus, where
        ``element.click()`` does nothing. ``hover``: move the pointer there first (JupyterLab's
        menus open on it; the formgrader's score boxes then lose the focus the click gives)."""
        box = self.evaluate("(() => { const e = (%s); if (!e) return null;"
                            " e.scrollIntoView({block: 'center'});"
                            " const r = e.getBoundingClientRect();"
                            " return [r.x + r.width / 2, r.y + r.height / 2]; })()" % expression)
        assert box, f"nothing to click: {expression}"
        if hover:
            self.call("Input.dispatchMouseEvent", session=True, type="mouseMoved", x=box[0], y=box[1])
        for clicks in range(1, count + 1):
            for kind in ("mousePressed", "mouseReleased"):
                self.call("Input.dispatchMouseEvent", session=True, type=kind, x=box[0], y=box[1],
                          button="left", clickCount=clicks)

    #: the keys ``press`` knows, with their key codes
    KEYS = {"Tab": 9, "Enter": 13, "Escape": 27}

    def type_text(self, text):
        """Type ``text`` into the focused element (what a keyboard would insert)."""
        self.call("Input.insertText", session=True, text=text)

    def press(self, key):
        """Press and release one of ``KEYS`` on the focused element."""
        code = self.KEYS[key]
        for kind in ("rawKeyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", session=True, type=kind, key=key, code=key,
                      windowsVirtualKeyCode=code, nativeVirtualKeyCode=code)

    def problems(self):
        """Console errors, uncaught exceptions and failed loads seen so far."""
        found = []
        for m in self.events:
            p = m.get("params", {})
            if m["method"] == "Log.entryAdded" and p["entry"]["level"] == "error":
                found.append(f"{p['entry']['text']} ({p['entry'].get('url', '')})")
            elif m["method"] == "Runtime.consoleAPICalled" and p["type"] in ("error", "assert"):
                found.append(" ".join(str(a.get("value", a.get("description"))) for a in p["args"]))
            elif m["method"] == "Runtime.exceptionThrown":
                found.append(p["exceptionDetails"].get("exception", {}).get("description", "exception"))
            elif m["method"] == "Network.loadingFailed":
                found.append(f"load failed: {p.get('errorText')}")
        return found

    def requested_urls(self):
        return [m["params"]["request"]["url"] for m in self.events
                if m["method"] == "Network.requestWillBeSent"]

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_browser)
        os.close(self._from_browser)
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)



@pytest.fixture
def chromium():
    if CHROMIUM is None:
        pytest.skip("no browser: install Debian's chromium package to run the browser checks "
                    "(.ci/run does it with apt-get where it can)")
    browser = Chromium()
    yield browser
    browser.close()
