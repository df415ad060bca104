"""Reading a log kept in a database table, whatever the database: SQLite or PostgreSQL.

Both stores keep one row an entry, with columns for what queries need (the
id, the type, the commit time, the effective date) beside the record, the
source of truth. These functions hold what the two share: checking that a
row's columns agree with its record, and yielding the events in replay
order, as corrected, with only the corrections held in memory. Each store
supplies its own SQL through small callables.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Callable, Iterable, Iterator, Mapping

from tradedispute.codec.converter import RecordedEvent, decode
from tradedispute.core.corrections import CORRECTION_TYPES, Correction, CorrectionRules
from tradedispute.core.events import Event
from tradedispute.exceptions import CorruptRecord, InvalidCorrection, RecordError

#: The type names of corrections, as the ``type`` column holds them.
CORRECTION_KINDS = tuple(kind.__name__ for kind in CORRECTION_TYPES)

Record = str | bytes


def decode_event(record: Record, seq: int, location: str) -> Event:
    """Decode the record of row *seq*, which holds an event (not a correction)."""
    event = decode(record, location=location, seq=seq).event
    assert isinstance(event, Event)
    return event


def checked_row(
    location: str,
    seq: int,
    record: Record,
    columns: Mapping[str, object],
    stated: Callable[[RecordedEvent], Mapping[str, object]],
) -> RecordedEvent | RecordError:
    """Decode row *seq*'s record and check its *columns* agree with it.

    *stated* gives, for the decoded record, the value each column should
    hold, in the database's own form. A disagreement is a `CorruptRecord`:
    the row was edited after it was written.
    """
    try:
        found = decode(record, location=location, seq=seq)
    except RecordError as error:
        return error
    should = stated(found)
    for name, value in should.items():
        if columns[name] != value:
            return CorruptRecord(
                f"{location} (seq {seq}): the column {name!r} says "
                f"{columns[name]!r} but the record says {value!r}; "
                "the row was edited after it was written",
                location=location,
                seq=seq,
                field=name,
            )
    return found


def replay_rows(
    location: str,
    until: dt.date | None,
    *,
    corrections: Iterable[tuple[int, Record]],
    target_of: Callable[[str, int], tuple[int, str] | None],
    seq_of: Callable[[str], int],
    rows: Callable[[], Iterable[tuple[int, dt.date, str, Record]]],
) -> Iterator[Event]:
    """Yield the events in replay order, as corrected, one row at a time.

    Args:
        location: The log, for messages.
        until: The last effective date *rows* yields (for the replacements).
        corrections: The ``(seq, record)`` of each correction that counts,
            in seq order.
        target_of: ``(seq, type)`` of the entry with an id recorded before
            a seq, or `None`.
        seq_of: The seq of the entry with an id.
        rows: ``(seq, effective, id, record)`` of each event that counts, in
            (effective date, seq) order: called once the corrections are read.
    """
    rules = CorrectionRules()
    for seq, record in corrections:
        fix = decode(record, location=location, seq=seq).event
        assert isinstance(fix, Correction)
        target = target_of(fix.target_id, seq)
        try:
            rules.apply(
                fix,
                target_recorded=target is not None
                and target[1] not in CORRECTION_KINDS,
            )
        except InvalidCorrection as error:
            raise error.stored_at(location, seq) from error
    fixes = rules.standing
    replacements: list[tuple[dt.date, int, Event | Record]] = []
    for target_id, standing in fixes.items():
        if standing is not None and standing.effective <= (until or dt.date.max):
            replacements.append((standing.effective, seq_of(target_id), standing))
    replacements.sort(key=lambda entry: entry[:2])

    def stored() -> Iterator[tuple[dt.date, int, Event | Record]]:
        for seq, effective, event_id, record in rows():
            if event_id not in fixes:  # replaced or retracted
                yield effective, seq, record

    # Replacements replay on their own date, at their target's seq.
    for _, seq, item in heapq.merge(
        stored(), replacements, key=lambda entry: entry[:2]
    ):
        yield item if isinstance(item, Event) else decode_event(item, seq, location)
