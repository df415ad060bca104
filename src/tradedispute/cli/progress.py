"""Progress on stderr while a command works: a spinner, what it does, the time.

Shown only when stderr is a terminal, rich is installed and ``--quiet`` is
not given, and only once the work has taken `DELAY` seconds, so a quick
command prints nothing of it. It is transient: it is cleared before the
command prints its answer, so it never mixes with what goes to stdout, and
it never reaches a pipe or a file (a script reading stderr sees only the
errors).

Commands name what they are doing with `Progress.step` (``reading
log.sqlite``, ``replaying 100,000 events``); the spinner shows the latest.
"""

from __future__ import annotations

import threading
from types import TracebackType
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID

__all__ = ["DELAY", "Progress", "StopsProgress"]

#: Seconds of work before the spinner shows: a quicker command shows none.
DELAY = 0.5


class Progress:
    """A transient spinner on *stream*, or nothing when it is off.

    Use it as a context manager; `step` names the work under way, `stop`
    clears the spinner for good (before the answer is printed).
    """

    def __init__(
        self, stream: IO[str], *, enabled: bool, delay: float | None = None
    ) -> None:
        self._lock = threading.Lock()
        self._text = "working"
        self._shown: RichProgress | None = None
        self._task: TaskID | None = None
        self._stopped = False
        self._timer: threading.Timer | None = None
        self._stream = stream
        self.enabled = enabled and _has_rich()
        self._delay = DELAY if delay is None else delay

    def __enter__(self) -> Progress:
        if self.enabled:
            self._timer = threading.Timer(self._delay, self._show)
            self._timer.daemon = True
            self._timer.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def step(self, text: str) -> None:
        """Say what the command is doing now (shown once the spinner is)."""
        with self._lock:
            self._text = text
            if self._shown is not None and self._task is not None:
                self._shown.update(self._task, description=text, refresh=True)

    def stop(self) -> None:
        """Clear the spinner, or make sure it never shows; idempotent."""
        with self._lock:
            self._stopped = True
            if self._timer is not None:
                self._timer.cancel()
            if self._shown is not None:
                self._shown.stop()
                self._shown = None

    @property
    def showing(self) -> bool:
        """Whether the spinner is on the terminal now."""
        return self._shown is not None

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import Progress as RichProgress
        from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

        with self._lock:
            if self._stopped:
                return
            console = Console(file=self._stream, stderr=True)
            shown = RichProgress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=console,
                transient=True,
            )
            self._task = shown.add_task(self._text, total=None)
            shown.start()
            self._shown = shown


def _has_rich() -> bool:
    try:
        import rich  # noqa: F401
    except ImportError:
        return False
    return True


class StopsProgress:
    """A text stream that clears the progress before anything is written to it.

    The command's answer goes through one, so the spinner on stderr never
    shares the terminal with the answer on stdout.
    """

    def __init__(self, stream: IO[str], progress: Progress) -> None:
        self._stream = stream
        self._progress = progress

    def write(self, text: str) -> int:
        """Clear the progress, then write *text*."""
        self._progress.stop()
        # Cleared for good: later writes go straight to the stream.
        self.write = self._stream.write  # type: ignore[method-assign,assignment]
        return self._stream.write(text)

    def flush(self) -> None:
        """Flush the stream beneath."""
        self._stream.flush()

    def isatty(self) -> bool:
        """Whether the stream beneath is a terminal."""
        return self._stream.isatty()
