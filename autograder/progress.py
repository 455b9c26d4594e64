"""Progress of a long batch (`grade-all`, `feedback`): a bar on a terminal, plain lines in a log.

On a terminal (stderr is a TTY) one bar line at the bottom is redrawn after every finished job,
with the count, the elapsed time, an estimate of the time left and how many jobs need a look;
each job's own line is printed above it. Anywhere else (a pipe, a CI log) only the job lines
are printed, so logs stay readable.
"""
import sys
import time

WIDTH = 28


def _clock(seconds):
    seconds = int(round(seconds))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 \
        else f"{seconds // 60}:{seconds % 60:02d}"


def bar_text(done, total, elapsed, attention=0, label="grading"):
    """One line: ``grading [#########.........]  9/20  45%  0:12 elapsed  ~0:15 left``."""
    fraction = done / total if total else 1.0
    filled = int(WIDTH * fraction)
    text = (f"{label} [{'#' * filled}{'.' * (WIDTH - filled)}] {done}/{total} "
            f"{int(100 * fraction):3d}%  {_clock(elapsed)} elapsed")
    if 0 < done < total:
        text += f"  ~{_clock(elapsed / done * (total - done))} left"
    if attention:
        text += f"  ({attention} to look at)"
    return text


class Progress:
    """``progress(done, total, line, needs_attention=False)`` for `grade_all`/`all_feedback`.

    Arguments:
    out -- where job lines go (default stdout); None prints none (e.g. with --json)
    bar -- where the bar goes (default stderr); drawn only if that stream is a terminal
    """

    def __init__(self, label="grading", out=sys.stdout, bar=sys.stderr):
        self.label, self.out, self.bar = label, out, bar
        self.tty = bar is not None and hasattr(bar, "isatty") and bar.isatty()
        self.start = time.monotonic()
        self.attention = 0
        self.drawn = False

    def __call__(self, done, total, line, needs_attention=False):
        self.attention += bool(needs_attention)
        if self.tty and self.drawn:
            self.bar.write("\r\033[K")  # clear the bar: the job line takes its place
            self.bar.flush()
        if self.out is not None:
            print(line, file=self.out, flush=True)
        if self.tty:
            self.bar.write(bar_text(done, total, time.monotonic() - self.start,
                                    self.attention, self.label))
            self.bar.flush()
            self.drawn = True

    def close(self):
        """End the bar's line (call once the batch is over)."""
        if self.tty and self.drawn:
            self.bar.write("\n")
            self.bar.flush()
            self.drawn = False
