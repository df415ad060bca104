"""Reading a SQLite log's rows one by one: scanning them, or in replay order.

The SQL is SQLite's; what is checked and how the replay order is merged is
shared with PostgreSQL in `tradedispute.stores.table_rows`.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator, Mapping

from tradedispute.codec.converter import RecordedEvent, format_timestamp
from tradedispute.core.corrections import Correction
from tradedispute.core.events import Event
from tradedispute.exceptions import RecordError
from tradedispute.stores.table_rows import (
    CORRECTION_KINDS,
    checked_row,
    decode_event,
)
from tradedispute.stores.table_rows import (
    replay_rows as replay_table_rows,
)

__all__ = ["decode_event", "replay_rows", "scan_rows"]


def _columns(found: RecordedEvent) -> Mapping[str, object]:
    """The columns of a SQLite row as its record states them."""
    event = found.event
    return {
        "id": event.id,
        "type": type(event).__name__,
        "recorded_at": format_timestamp(found.recorded_at),
        "effective": None
        if isinstance(event, Correction)
        else event.effective.isoformat(),
    }


def scan_rows(
    db: sqlite3.Connection, location: str
) -> Iterator[tuple[str, RecordedEvent | RecordError]]:
    """Yield every row's record, or its error, with the database's path.

    A row whose columns (id, type, commit time, effective date) disagree
    with its record is a `CorruptRecord`: the row was edited.
    """
    rows = db.execute(
        "SELECT seq, id, type, recorded_at, effective, record FROM events ORDER BY seq"
    )
    for seq, event_id, kind, recorded_at, effective, record in rows:
        columns = {
            "id": event_id,
            "type": kind,
            "recorded_at": recorded_at,
            "effective": effective,
        }
        yield location, checked_row(location, seq, record, columns, _columns)


def replay_rows(
    db: sqlite3.Connection,
    location: str,
    until: dt.date | None,
    known_at: dt.datetime | None,
) -> Iterator[Event]:
    """Yield the events in replay order, as corrected, one row at a time.

    For `SQLiteStore.replay_order`: only the corrections are held; the rows
    come in (effective date, seq) order through the table's index.
    """
    moment = "9999" if known_at is None else format_timestamp(known_at)
    last = "9999" if until is None else until.isoformat()

    def target_of(target_id: str, before: int) -> tuple[int, str] | None:
        found: tuple[int, str] | None = db.execute(
            "SELECT seq, type FROM events WHERE id = ? AND seq < ?",
            (target_id, before),
        ).fetchone()
        return found

    def seq_of(event_id: str) -> int:
        (seq,) = db.execute(
            "SELECT seq FROM events WHERE id = ?", (event_id,)
        ).fetchone()
        return int(seq)

    def rows() -> Iterator[tuple[int, dt.date, str, str]]:
        for seq, effective, event_id, record in db.execute(
            "SELECT seq, effective, id, record FROM events "
            "WHERE effective IS NOT NULL AND effective <= ? AND recorded_at <= ? "
            "ORDER BY effective, seq",
            (last, moment),
        ):
            yield seq, dt.date.fromisoformat(effective), event_id, record

    return replay_table_rows(
        location,
        until,
        corrections=db.execute(
            "SELECT seq, record FROM events WHERE type IN (?, ?) "
            "AND recorded_at <= ? ORDER BY seq",
            (*CORRECTION_KINDS, moment),
        ).fetchall(),
        target_of=target_of,
        seq_of=seq_of,
        rows=rows,
    )
