"""Reading a SQLite log's rows one by one: scanning them, or in replay order."""

from __future__ import annotations

import datetime as dt
import heapq
import sqlite3
from collections.abc import Iterator

from tradedispute.codec.converter import RecordedEvent, decode, format_timestamp
from tradedispute.core.corrections import CORRECTION_TYPES, Correction, CorrectionRules
from tradedispute.core.events import Event
from tradedispute.exceptions import CorruptRecord, InvalidCorrection, RecordError


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
        try:
            found = decode(record, location=location, seq=seq)
        except RecordError as error:
            yield location, error
            continue
        event = found.event
        stated = {
            "id": event.id,
            "type": type(event).__name__,
            "recorded_at": format_timestamp(found.recorded_at),
            "effective": None
            if isinstance(event, Correction)
            else event.effective.isoformat(),
        }
        columns = {
            "id": event_id,
            "type": kind,
            "recorded_at": recorded_at,
            "effective": effective,
        }
        wrong = [name for name in stated if stated[name] != columns[name]]
        if wrong:
            name = wrong[0]
            yield (
                location,
                CorruptRecord(
                    f"{location} (seq {seq}): the column {name!r} says "
                    f"{columns[name]!r} but the record says {stated[name]!r}; "
                    "the row was edited after it was written",
                    location=location,
                    seq=seq,
                    field=name,
                ),
            )
            continue
        yield location, found


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
    kinds = [kind.__name__ for kind in CORRECTION_TYPES]
    rules = CorrectionRules()
    for seq, record in db.execute(
        "SELECT seq, record FROM events WHERE type IN (?, ?) "
        "AND recorded_at <= ? ORDER BY seq",
        (*kinds, moment),
    ):
        fix = decode(record, location=location, seq=seq).event
        assert isinstance(fix, Correction)
        target = db.execute(
            "SELECT seq, type FROM events WHERE id = ? AND seq < ?",
            (fix.target_id, seq),
        ).fetchone()
        try:
            rules.apply(
                fix, target_recorded=target is not None and target[1] not in kinds
            )
        except InvalidCorrection as error:
            raise error.stored_at(location, seq) from error
    fixes = rules.standing
    replacements: list[tuple[dt.date, int, Event | str]] = []
    for target_id, standing in fixes.items():
        if standing is not None and standing.effective <= (until or dt.date.max):
            (seq,) = db.execute(
                "SELECT seq FROM events WHERE id = ?", (target_id,)
            ).fetchone()
            replacements.append((standing.effective, seq, standing))
    replacements.sort(key=lambda entry: entry[:2])
    rows = db.execute(
        "SELECT seq, effective, id, record FROM events "
        "WHERE effective IS NOT NULL AND effective <= ? AND recorded_at <= ? "
        "ORDER BY effective, seq",
        (last, moment),
    )

    def stored() -> Iterator[tuple[dt.date, int, Event | str]]:
        for seq, effective, event_id, record in rows:
            if event_id not in fixes:  # replaced or retracted
                yield dt.date.fromisoformat(effective), seq, record

    # Replacements replay on their own date, at their target's seq.
    for _, seq, item in heapq.merge(
        stored(), replacements, key=lambda entry: entry[:2]
    ):
        yield item if isinstance(item, Event) else decode_event(item, seq, location)


def decode_event(record: str, seq: int, location: str) -> Event:
    """Decode the record of row *seq*, which holds an event (not a correction)."""
    event = decode(record, location=location, seq=seq).event
    assert isinstance(event, Event)
    return event
