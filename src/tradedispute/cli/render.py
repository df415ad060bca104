"""How the commands print: tables and lists by rich, JSON, one-line errors.

Every human-readable table and list goes through `table` and `entries`, so
that every command speaks with one voice: the same box, columns that fold
long text rather than cut it, and the width of the terminal (`width`).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any

from tradedispute.cli.options import UsageError

if TYPE_CHECKING:
    from rich.console import Console

JSONDict = dict[str, Any]

RICH_MISSING = (
    "the readable table needs rich: pip install 'tradedispute[cli]' "
    "(or use --json, which does not)"
)

#: The width when neither COLUMNS nor a terminal tells it.
DEFAULT_WIDTH = 80


def width() -> int:
    """The columns to print in: ``COLUMNS`` if set, else the terminal's, else 80."""
    return shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns


def console(out: IO[str]) -> Console:
    """A rich console printing to *out*, `width` wide, no colours, no highlighting.

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
        width=width(),
        highlight=False,
        soft_wrap=False,
        force_terminal=False,
        color_system=None,
        emoji=False,
        markup=False,
    )


def table(
    out: IO[str],
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    title: str = "",
    numbers: int = 0,
) -> None:
    """Print *rows* under *headers* as a table that fits the terminal.

    Long cells wrap at spaces, and a word longer than its column folds onto
    the next line: nothing is cut. The last *numbers* columns align right.
    Cells are text as given: no rich markup or emoji codes are read in them.

    Raises:
        UsageError: rich is not installed.
    """
    rows = list(rows)
    if len(rows) > LARGE_TABLE:
        _large_table(out, headers, rows, title=title, numbers=numbers)
    else:
        console(out).print(_table(headers, rows, title=title, numbers=numbers))


#: Above this many rows, `table` lays the table out itself: rich's `Table`
#: renders each cell through its whole pipeline, 30,000 rows in some 15 s.
LARGE_TABLE = 500


def _large_table(
    out: IO[str],
    headers: Sequence[str],
    rows: list[Sequence[str]],
    *,
    title: str,
    numbers: int,
) -> None:
    """Print a table as rich would, with rich wrapping only the cells too wide.

    Each column is as wide as its widest cell; the widest columns give up
    room until the table fits. rich's box draws the lines, and rich wraps
    (or folds) a cell only when it is wider than its column.
    """
    from rich.box import HEAVY_HEAD
    from rich.text import Text

    printer = console(out)
    widths = _layout(headers, rows, printer.width)
    first_number = len(headers) - numbers

    def lines(row: Sequence[str], left: str, middle: str, right: str) -> Iterable[str]:
        cells: list[list[str]] = []
        for text, size in zip(row, widths, strict=True):
            if _fits(text, size):
                cells.append([text])
            else:
                cells.append(wrap(printer, text, size))
        for n in range(max(map(len, cells))):
            parts = []
            for column, (cell, size) in enumerate(zip(cells, widths, strict=True)):
                text = cell[n] if n < len(cell) else ""
                pad = " " * (size - (len(text) if text.isascii() else _cells(text)))
                parts.append(pad + text if column >= first_number else text + pad)
            yield f"{left} {f' {middle} '.join(parts)} {right}\n"

    total = sum(widths) + 3 * len(widths) + 1
    if title:
        printer.print(Text(title), justify="center", width=total)
    box = HEAVY_HEAD
    out.write(box.get_top(size + 2 for size in widths) + "\n")
    out.write("".join(lines(headers, box.head_left, box.head_vertical, box.head_right)))
    out.write(box.get_row([size + 2 for size in widths], level="head") + "\n")
    for row in rows:
        out.write("".join(lines(row, box.mid_left, box.mid_vertical, box.mid_right)))
    out.write(box.get_bottom(size + 2 for size in widths) + "\n")


def _table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    title: str,
    numbers: int,
) -> Any:
    from rich.table import Table
    from rich.text import Text

    rows = list(rows)
    shown = Table(title=title or None)
    first_number = len(headers) - numbers
    layout = _layout(headers, rows, width())
    for n, (header, size) in enumerate(zip(headers, layout, strict=True)):
        shown.add_column(
            header,
            overflow="fold",
            justify="right" if n >= first_number else "left",
            width=size,
        )
    for row in rows:
        shown.add_row(*(Text(cell) for cell in row))
    return shown


def _layout(
    headers: Sequence[str], rows: Sequence[Sequence[str]], room: int
) -> list[int]:
    """The width of each column, so that the table is at most *room* wide.

    Each column is as wide as its widest line. While the table is too wide,
    the widest column that can wrap at a space without folding a word gives
    up a character; when none can, the widest column does, folding words.
    """
    widths = _widths(headers, rows)
    words = [
        max(map(_cells, " ".join(column).split() or [""]))
        for column in zip(headers, *rows, strict=True)
    ]
    excess = sum(widths) + 3 * len(widths) + 1 - room
    for floors in (words, [1] * len(widths)):
        while excess > 0:
            over = [n for n, size in enumerate(widths) if size > floors[n]]
            if not over:
                break
            widths[max(over, key=widths.__getitem__)] -= 1
            excess -= 1
    return widths


def _widths(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[int]:
    """The width of each column's widest line, its header's included."""
    return [
        max(_cells(line) for cell in column for line in cell.splitlines() or [""])
        for column in zip(headers, *rows, strict=True)
    ]


def entries(out: IO[str], items: Iterable[tuple[str, Sequence[str]]]) -> None:
    """Print a list: each entry a line, then its details indented beneath.

    Lines wrap at the terminal's width (a word too long for a line folds);
    what follows an entry's first line is indented, so that each entry
    starts at the margin.

    Raises:
        UsageError: rich is not installed.
    """
    from rich.text import Text

    printer = console(out)
    columns = printer.width
    room = columns - ENTRY_INDENT
    for head, details in items:
        if _fits(head, columns):
            lines = [head]
        else:
            first = Text(head, overflow="fold").wrap(printer, columns)[0].plain
            lines = [first, *_wrapped(printer, head[len(first) :].lstrip(), room)]
        for detail in details:
            lines.extend(_wrapped(printer, detail, room))
        out.write("".join(line.rstrip() + "\n" for line in lines))


def _fits(text: str, room: int) -> bool:
    """Whether *text* is one line of at most *room* columns."""
    return "\n" not in text and _cells(text) <= room


def _cells(text: str) -> int:
    """The columns *text* takes on a terminal: rich counts those of wide characters."""
    if _narrow(text):
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def _narrow(text: str) -> bool:
    r"""Whether each character of *text* takes one column, as rich counts them.

    ASCII, and the letters and signs the tables use most (accented Latin
    letters, dashes, quotes, the ellipsis, arrows, box lines): a test holds
    each of `NARROW_RANGES` one column wide by rich's count. A control
    character counts as one column here, though `SafeOutput` writes it as
    a six-character escape (ESC as ``\u001b``).
    """
    return text.isascii() or _NARROW.fullmatch(text) is not None


#: Ranges of characters one column wide on a terminal, beyond ASCII.
NARROW_RANGES = (
    (0x00A0, 0x02FF),  # Latin-1 and Latin Extended letters, spacing modifiers
    (0x2010, 0x2027),  # dashes, quotes, bullets, the ellipsis
    (0x2030, 0x205E),  # per mille, primes, more punctuation
    (0x2190, 0x21FF),  # arrows
    (0x2500, 0x257F),  # box drawing
)
_NARROW = re.compile(
    "[\x00-\x7f"
    + "".join(f"{chr(first)}-{chr(last)}" for first, last in NARROW_RANGES)
    + "]*"
)


def _wrapped(printer: Console, text: str, room: int) -> list[str]:
    """*text* wrapped to *room* columns, each line indented by `ENTRY_INDENT`."""
    if not text:
        return []
    if _fits(text, room):
        return [" " * ENTRY_INDENT + text]
    return [" " * ENTRY_INDENT + line for line in wrap(printer, text, room)]


def wrap(printer: Console, text: str, width: int) -> list[str]:
    """*text* wrapped to *width* columns as rich wraps it, each line right-stripped.

    Each line breaks at spaces; a word wider than a line folds. Text of
    narrow characters (`_narrow`) without tabs, what most cells are, is
    wrapped here by rich's own rule (`rich.text.Text.wrap` with
    ``overflow="fold"``, line by line; a test holds the two equal) at a
    tenth of its cost; anything else is wrapped by rich.
    """
    if not _narrow(text) or "\t" in text:
        from rich.text import Text

        lines = Text(text, overflow="fold").wrap(printer, width)
        return [line.plain.rstrip() for line in lines]
    return [part for line in text.split("\n") for part in _wrap_line(line, width)]


def _wrap_line(text: str, width: int) -> list[str]:
    """One line of narrow characters wrapped as rich's ``divide_line`` does."""
    breaks = [0]
    taken = 0  # columns of the current line used so far
    for word in _WORD.finditer(text):
        start, length = word.start(), len(word.group().rstrip())
        if width - taken >= length:
            taken += len(word.group())
        elif length > width:
            # Fold the word: pieces of *width*, each on a line of its own.
            whole = word.group()
            pieces = [whole[n : n + width] for n in range(0, len(whole), width)]
            for piece in pieces:
                if start:
                    breaks.append(start)
                start += len(piece)
            taken = len(pieces[-1])
        elif taken and start:
            breaks.append(start)
            taken = len(word.group())
    ends = [*breaks[1:], len(text)]
    return [text[begin:end].rstrip() for begin, end in zip(breaks, ends, strict=True)]


#: What rich wraps as a word: the spaces before it, it, the spaces after it.
_WORD = re.compile(r"\s*\S+\s*")


#: How far `entries` indents an entry's details.
ENTRY_INDENT = 4


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


_CONTROLS = re.compile("[" + "".join(re.escape(chr(code)) for code in _ESCAPES) + "]")


def safe(text: str) -> str:
    """Return *text* with terminal controls and bidi controls escaped."""
    # Searching is cheaper than translating, and most text has none.
    return text.translate(_ESCAPES) if _CONTROLS.search(text) else text


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


def one_line(message: str) -> str:
    """Fold a message onto one line."""
    return " ".join(message.split())
