"""Progress on stderr: on a terminal only, after a delay, cleared before the answer.

Rules: the spinner shows only when stderr is a terminal and ``--quiet`` is
not given; it names the work under way; it is cleared before anything is
written to stdout; a pipe or a file never receives it.
"""

import io
import os
import pty
import select
import subprocess
import sys
import time

import pytest

from tradedispute.cli import main
from tradedispute.cli.progress import Progress, StopsProgress


class Terminal(io.StringIO):
    """A text stream that says it is a terminal, as rich asks."""

    def isatty(self) -> bool:
        return True


def wait_until_shown(progress: Progress) -> None:
    deadline = time.monotonic() + 5
    while not progress.showing:
        assert time.monotonic() < deadline, "the spinner never showed"
        time.sleep(0.01)


def test_the_spinner_names_the_work_under_way() -> None:
    terminal = Terminal()
    with Progress(terminal, enabled=True, delay=0) as progress:
        progress.step("reading log.sqlite")
        wait_until_shown(progress)
        progress.step("replaying 100,000 events")
    assert not progress.showing
    assert "reading log.sqlite" in terminal.getvalue()


def test_a_quick_command_shows_no_spinner() -> None:
    """The spinner waits its delay: work done sooner leaves stderr empty."""
    terminal = Terminal()
    with Progress(terminal, enabled=True, delay=60) as progress:
        progress.step("reading log.sqlite")
    assert "" == terminal.getvalue()


def test_writing_the_answer_clears_the_spinner_first() -> None:
    terminal, answer = Terminal(), io.StringIO()
    with Progress(terminal, enabled=True, delay=0) as progress:
        wait_until_shown(progress)
        StopsProgress(answer, progress).write("the answer\n")
        assert not progress.showing
        shown = terminal.getvalue()
        progress.step("after the answer")
        time.sleep(0.2)
        assert shown == terminal.getvalue()
    assert "the answer\n" == answer.getvalue()


def test_off_means_nothing_is_written() -> None:
    terminal = Terminal()
    with Progress(terminal, enabled=False, delay=0) as progress:
        progress.step("reading log.sqlite")
        time.sleep(0.1)
        assert not progress.showing
    assert "" == terminal.getvalue()


def test_stderr_that_is_no_terminal_gets_no_progress(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert 0 == main(["intervals", "--dataset", "us-china"])
    assert "" == capsys.readouterr().err


def _run_on_a_terminal(*arguments: str) -> tuple[str, str]:
    """Run the CLI with stderr on a pseudo-terminal; return (stdout, the terminal's)."""
    code = (
        "import sys\n"
        "import tradedispute.cli.progress as progress\n"
        "progress.DELAY = 0.0\n"
        # Work that takes a second, so the spinner has time to show.
        "import time, tradedispute.datasets as datasets\n"
        "real_load = datasets.load\n"
        "datasets.load = lambda name: time.sleep(1) or real_load(name)\n"
        "from tradedispute.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    leader, follower = pty.openpty()
    try:
        child = subprocess.Popen(
            [sys.executable, "-c", code, *arguments],
            stdout=subprocess.PIPE,
            stderr=follower,
            env={**os.environ, "TERM": "xterm", "COLUMNS": "100"},
        )
        os.close(follower)
        seen = b""
        while True:
            ready, _, _ = select.select([leader], [], [], 30)
            if not ready:
                break
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        stdout, _ = child.communicate(timeout=60)
    finally:
        os.close(leader)
    assert 0 == child.returncode
    return stdout.decode(), seen.decode(errors="replace")


def test_a_terminal_sees_the_spinner_and_the_pipe_does_not() -> None:
    stdout, terminal = _run_on_a_terminal("intervals", "--dataset", "us-china")
    assert "intervals: reading and replaying the dataset us-china" in terminal
    assert "reading" not in stdout
    assert "us-301-list1" in stdout


@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_before_or_after_the_command_silences_the_terminal(where: str) -> None:
    command = ["intervals", "--dataset", "us-china"]
    arguments = ["--quiet", *command] if where == "before" else [*command, "-q"]
    stdout, terminal = _run_on_a_terminal(*arguments)
    assert "" == terminal
    assert "us-301-list1" in stdout


def test_plot_says_it_is_drawing(tmp_path) -> None:
    chart = tmp_path / "chart.png"
    _, terminal = _run_on_a_terminal(
        "plot", "--dataset", "japan-korea", "-o", str(chart)
    )
    assert "plot: replaying the log and drawing the chart" in terminal
    assert chart.read_bytes().startswith(b"\x89PNG")
