"""The peak memory of a grading command's workers, sampled from outside through /proc.

:class:`WorkerMemory` watches a running ``grade-all`` (or ``feedback``) process. Every
``interval`` seconds it takes the process tree under it and sorts it out:

- a *worker* is a direct child of the command that runs Python grading code: a process of the
  local pool (forked, so its command line is the command's own, or spawned by multiprocessing)
  or a Dask worker of ``--scheduler local`` (spawned by multiprocessing). Other direct children
  are helpers and are not counted: multiprocessing's resource tracker, the short-lived
  ``alembic`` run that checks the gradebook's schema;
- a worker's *children* are every process below it: the two sandboxed launchers it starts
  (one for its kernels, one for its verification jobs), the bubblewrap processes around them,
  and the kernels and verification processes the launchers fork for each notebook.

For each worker it keeps the peak, over the samples, of three figures: the worker's own RSS;
the RSS of the worker and all its children added up; the same sum in PSS (proportional set
size, from /proc/PID/smaps_rollup: a page shared by k processes counts 1/k in each). RSS counts
shared pages (libraries, pages a forked worker still shares with its parent) in every process
that maps them, so the RSS sum overstates what a worker costs; the PSS sum is the fairer
"memory one more worker needs". The command's own process (in a Dask run it holds the
scheduler) is reported apart. Processes that live shorter than the interval can be missed,
and a peak between two samples is not seen: the figures are sampled peaks, not exact maxima.
"""
import threading
from dataclasses import dataclass, field

import psutil

MB = 2 ** 20
HELPERS = ("multiprocessing.resource_tracker", "multiprocessing.forkserver", "alembic")


def _pss(pid):
    """The PSS of a process in bytes (0 when it is gone or unreadable)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _rss(process):
    try:
        return process.memory_info().rss
    except psutil.Error:
        return 0


@dataclass
class Peak:
    """Sampled peaks of one worker, in bytes."""
    alone_rss: int = 0
    tree_rss: int = 0
    tree_pss: int = 0
    most_children: int = 0

    def update(self, alone_rss, tree_rss, tree_pss, children):
        self.alone_rss = max(self.alone_rss, alone_rss)
        self.tree_rss = max(self.tree_rss, tree_rss)
        self.tree_pss = max(self.tree_pss, tree_pss)
        self.most_children = max(self.most_children, children)


@dataclass
class Measured:
    """What one run's sampling found."""
    workers: dict = field(default_factory=dict)   # {pid: Peak}
    command_rss: int = 0                           # peak RSS of the command's own process
    all_workers_pss: int = 0                       # peak of the sum over workers of tree_pss
    samples: int = 0

    def lines(self):
        """The figures, in MB, for a benchmark's output."""
        if not self.workers:
            return ["  no worker process seen"]
        peaks = list(self.workers.values())

        def spread(values):
            low, high = min(values) / MB, max(values) / MB
            return f"{high:.0f}" if round(low) == round(high) else f"{low:.0f}-{high:.0f}"

        return [f"  peak memory per worker (MB, {len(peaks)} worker processes, {self.samples} samples): "
                f"worker alone RSS {spread([p.alone_rss for p in peaks])}; "
                f"with its children RSS {spread([p.tree_rss for p in peaks])}, "
                f"PSS {spread([p.tree_pss for p in peaks])}",
                f"  all workers together, peak PSS {self.all_workers_pss / MB:.0f} MB; "
                f"the command's own process, peak RSS {self.command_rss / MB:.0f} MB"]


def is_worker(process, command_line):
    """Whether a direct child of the command is a grading worker (see the module's doc)."""
    try:
        line = process.cmdline()
    except psutil.Error:
        return False
    text = " ".join(line)
    if any(helper in text for helper in HELPERS):
        return False
    return line == command_line or "multiprocessing.spawn" in text


class WorkerMemory:
    """Sample the workers of the process ``pid`` on a thread until :meth:`stop`; then
    ``.measured`` holds the peaks (a :class:`Measured`)."""

    def __init__(self, pid, interval=0.5):
        self.root = psutil.Process(pid)
        self.command_line = self.root.cmdline()
        self.interval = interval
        self.measured = Measured()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        self._stop.set()
        self._thread.join()

    def _run(self):
        while not self._stop.is_set():
            try:
                self.sample()
            except psutil.NoSuchProcess:
                return
            self._stop.wait(self.interval)

    def sample(self):
        measured = self.measured
        measured.command_rss = max(measured.command_rss, _rss(self.root))
        together = 0
        for child in self.root.children():
            if child.pid not in measured.workers and not is_worker(child, self.command_line):
                continue
            try:
                below = child.children(recursive=True)
            except psutil.Error:
                continue
            tree = [child] + below
            tree_pss = sum(_pss(p.pid) for p in tree)
            measured.workers.setdefault(child.pid, Peak()).update(
                _rss(child), sum(_rss(p) for p in tree), tree_pss, len(below))
            together += tree_pss
        measured.all_workers_pss = max(measured.all_workers_pss, together)
        measured.samples += 1


def measure(popen, interval=0.5):
    """Wait for ``popen`` (a subprocess.Popen) to end while sampling its workers; returns
    ``(returncode, Measured)``."""
    with WorkerMemory(popen.pid, interval) as sampler:
        code = popen.wait()
    return code, sampler.measured


__all__ = ["MB", "Measured", "Peak", "WorkerMemory", "is_worker", "measure"]
