"""How the commands print: JSON, columns, values, one-line errors."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

from tradedispute.cli.options import UsageError

if TYPE_CHECKING:
    from rich.console import Console

JSONDict = dict[str, Any]

RICH_MISSING = (
    "the readable table needs rich: pip install 'tradedispute[cli]' "
    "(or use --json, which does not)"
)


def console(out: IO[str]) -> Console:
    """A rich console printing to *out*: 120 columns, no colours, no highlighting.

    No colours, whatever the environment asks (FORCE_COLOR): what is
    printed is escaped, and escape codes would show as text.

    Raises:
        UsageError: rich is not installed (the message says how to get it).
    """
    try:
        from rich.console import Console
    except ImportError:
        raise UsageError(RICH_MISSING) from None
    return Console(
        file=out,
        width=120,
        highlight=False,
        soft_wrap=False,
        force_terminal=False,
        color_system=None,
    )


def _escapes() -> dict[int, str]:
    r"""Each character that can move, hide or reorder text on a terminal, escaped.

    C0 controls but newline (ESC, CR, BEL, backspace...), DEL, C1 controls,
    and the Unicode bidirectional controls, written as JSON and Python write
    them (``\u001b``), so that text stays readable and JSON stays valid.
    """
    codes = [*range(0x20), 0x7F, *range(0x80, 0xA0)]
    codes += [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
    return {code: f"\\u{code:04x}" for code in codes if code != ord("\n")}


_ESCAPES = _escapes()


def safe(text: str) -> str:
    """Return *text* with terminal controls and bidi controls escaped."""
    return text.translate(_ESCAPES)


class ReaderGone(Exception):
    """The reader of stdout went away (``| head`` had enough): stop, quietly."""


class SafeOutput:
    """A text stream that escapes controls in everything written through it.

    The command line prints through one, so that text from a log (a note, a
    title, a bad value quoted in an error) cannot move the cursor, ring the
    bell or reorder a line. It is no terminal, so rich adds no colour codes
    of its own. A closed pipe beneath raises `ReaderGone`, not the
    `BrokenPipeError` any other file or socket may raise.
    """

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        """Write *text*, escaped."""
        try:
            return self._stream.write(safe(text))
        except BrokenPipeError:
            raise ReaderGone from None

    def flush(self) -> None:
        """Flush the stream beneath."""
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise ReaderGone from None

    def isatty(self) -> bool:
        """Say no terminal, so rich writes no escape codes of its own."""
        return False


def print_json(document: object, out: IO[str]) -> None:
    """Print *document* as indented JSON, keeping text outside ASCII as it is."""
    out.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def columns(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    out: IO[str],
    *,
    numbers: int = 0,
) -> None:
    """Print rows under headers in columns; the last *numbers* columns align right."""
    widths = [
        max(len(cell) for cell in column) for column in zip(headers, *rows, strict=True)
    ]
    first_number = len(headers) - numbers
    for row in (headers, *rows):
        cells = [
            cell.rjust(width) if n >= first_number else cell.ljust(width)
            for n, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        out.write("  ".join(cells).rstrip() + "\n")


def value(value: object) -> str:
    """Write a value of a record for a reader: lists and objects flattened."""
    if isinstance(value, list):
        return ", ".join(str(part) for part in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items() if v not in (None, ""))
    return str(value)


def one_line(message: str) -> str:
    """Fold a message onto one line."""
    return " ".join(message.split())
