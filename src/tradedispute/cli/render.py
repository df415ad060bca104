"""How the commands print: JSON, columns, values, one-line errors."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO, Any

JSONDict = dict[str, Any]

RICH_MISSING = (
    "the readable table needs rich: pip install 'tradedispute[cli]' "
    "(or use --json, which does not)"
)


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
