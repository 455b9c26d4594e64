"""The progress display of grade-all and feedback: a bar on a terminal, plain lines elsewhere."""
import io

from autograder.progress import Progress, bar_text


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_bar_text_counts_and_estimates():
    text = bar_text(5, 20, elapsed=10.0, attention=2)
    assert "5/20" in text and " 25%" in text
    assert "0:10 elapsed" in text and "~0:30 left" in text  # 2 s per job, 15 to go
    assert "(2 to look at)" in text
    assert text.count("#") == 7  # a quarter of 28
    done = bar_text(20, 20, elapsed=3725.0)
    assert "20/20 100%" in done and "1:02:05 elapsed" in done and "left" not in done


def test_on_a_terminal_the_bar_is_redrawn_under_the_job_lines():
    out, terminal = io.StringIO(), _Terminal()
    progress = Progress("grading", out=out, bar=terminal)
    progress(1, 2, "[1/2] ada: 3 / 3")
    progress(2, 2, "[2/2] bob: 0 / 3", needs_attention=True)
    progress.close()
    assert out.getvalue() == "[1/2] ada: 3 / 3\n[2/2] bob: 0 / 3\n"
    shown = terminal.getvalue()
    assert shown.count("\r\x1b[K") == 1  # the first bar is cleared before the second line
    assert "1/2  50%" in shown and "2/2 100%" in shown and "(1 to look at)" in shown
    assert shown.endswith("\n")


def test_in_a_log_only_the_job_lines_appear():
    out, log = io.StringIO(), io.StringIO()
    progress = Progress("grading", out=out, bar=log)
    progress(1, 1, "[1/1] ada: 3 / 3")
    progress.close()
    assert out.getvalue() == "[1/1] ada: 3 / 3\n" and log.getvalue() == ""
