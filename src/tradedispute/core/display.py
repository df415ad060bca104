"""How the library's values show themselves: a one-line repr and a small HTML table.

A notebook calls ``_repr_html_`` on the last value of a cell, and a console
``__repr__``. Both are bounded whatever the size of the value: the repr is a
summary in one line, and the table shows the first `ROWS` rows with a line
saying how many more there are, so a state of 30,000 measures or a timeline
of 100,000 events shows at once. Every text in a cell comes from a log and
is escaped.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
from collections.abc import Iterable, Sequence

from tradedispute.core.interventions import Intervention

__all__ = [
    "ROWS",
    "Table",
    "count",
    "describe",
    "names",
    "span",
    "status",
    "tables_html",
]

ROWS = 20
"""How many rows a table shows before saying how many more there are."""

Table = tuple[str, Sequence[str], Iterable[Sequence[object]], int]
"""(caption, headers, rows, how many rows in all): the rows are read lazily."""


def count(number: int, one: str, many: str | None = None) -> str:
    """Return *number* with the noun that agrees: ``1 country``, ``3 countries``."""
    return f"{number:,} {one if number == 1 else many or one + 's'}"


def names(codes: Iterable[str], *, shown: int = 3) -> str:
    """Return at most *shown* of *codes*, sorted, then ``+N`` for the rest."""
    ordered = sorted(codes)
    rest = len(ordered) - shown
    return ", ".join(ordered[:shown]) + (f" +{rest}" if rest > 0 else "")


def span(first: dt.date, last: dt.date) -> str:
    """Return the days from *first* to *last* as ``2019-07-01 … 2023-03-16``."""
    return f"{first.isoformat()} … {last.isoformat()}"


def status(measure: Intervention) -> str:
    """Where a measure stands, in words: ``in force``, ``suspended since ...``."""
    if measure.status == "suspended":
        return f"suspended since {measure.suspended_since}"
    if measure.status == "scheduled":
        return f"scheduled for {measure.takes_effect or 'a day not yet set'}"
    return measure.status


def describe(measure: Intervention) -> str:
    """Return a measure's products, rate, legal basis and status in words.

    The detail the command line's tables and a notebook's table both show.
    """
    goods = "" if measure.products.is_empty() else str(measure.products)
    if measure.rate is not None:
        goods = f"{goods} at {measure.rate}" if goods else str(measure.rate)
    exclusions = len(measure.exclusions)
    notes = [
        goods,
        measure.legal_basis,
        "provisional" if measure.provisional else "",
        "" if measure.applies else status(measure),
        "" if measure.expires is None else f"expires {measure.expires}",
        count(exclusions, "exclusion") if exclusions else "",
    ]
    return "; ".join(note for note in notes if note)


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return f"<td>{html.escape(text)}</td>"


def _table_html(table: Table) -> str:
    caption, headers, rows, total = table
    head = "".join(f"<th>{html.escape(header)}</th>" for header in headers)
    body = "".join(
        "<tr>" + "".join(_cell(value) for value in row) + "</tr>"
        for row in itertools.islice(rows, ROWS)
    )
    more = f"<p>… {total - ROWS:,} more</p>" if total > ROWS else ""
    return (
        f"<table><caption>{html.escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"
    )


def tables_html(summary: str, tables: Iterable[Table]) -> str:
    """Return *summary* and the non-empty *tables* as a small HTML fragment.

    Each table shows its first `ROWS` rows, then ``… N more``; every text is
    escaped with `html.escape`.
    """
    shown = "".join(_table_html(table) for table in tables if table[3])
    return f'<div class="tradedispute"><p>{html.escape(summary)}</p>{shown}</div>'
