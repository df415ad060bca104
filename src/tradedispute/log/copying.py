"""Copying a log between stores, as recorded: `copy_log` (``tradedispute copy``).

The destination imports the source's records (`ImportsRecords`): each keeps
its ``seq``, its commit time and its event, so the copy answers every
question the source does, ``known_at`` ones included, and carries the same
hash chain. A copy goes in batches, each one atomic, so one cut short
leaves a prefix of the source, which the next copy completes.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from typing import Any

import attrs

from tradedispute.codec.chain import Head
from tradedispute.codec.converter import RecordedEvent, encode, format_timestamp
from tradedispute.exceptions import (
    CopyRefused,
    InvalidQuery,
    StorageError,
    UnsupportedFile,
)
from tradedispute.log.eventlog import EventLog
from tradedispute.stores.opener import open_store
from tradedispute.stores.protocol import (
    ChainsRecords,
    EventStore,
    ImportsRecords,
    KeepsCheckpoints,
)

__all__ = ["CopyReport", "Progress", "copy_log"]

Progress = Callable[[int, int], object]
"""Told, after each batch, the entries the destination holds and the source's."""

#: How long a value a refusal quotes may be.
_SHOWN = 80
#: A field one record has and the other lacks.
_NOTHING = object()


@attrs.frozen
class CopyReport:
    """What `copy_log` did.

    Attributes:
        source: Where the log was copied from.
        destination: Where it was copied to.
        before: How many entries the destination held before (the source's
            first entries, from a copy cut short or made before).
        copied: How many entries were copied now.
        batches: How many batches they were written in.
        head: The destination's hash chain after the copy: the source's.
    """

    source: str
    destination: str
    before: int
    copied: int
    batches: int
    head: Head

    @property
    def entries(self) -> int:
        """How many entries the destination holds now: all of the source's."""
        return self.before + self.copied


def copy_log(
    source: str | os.PathLike[str] | EventStore,
    destination: str | os.PathLike[str] | EventStore,
    *,
    batch: int = 1000,
    progress: Progress | None = None,
) -> CopyReport:
    """Copy the log in *source* into *destination*, record by record, as recorded.

    The source is read, replayed and its hash chain checked first (a log
    that does not replay, or whose chain breaks, is not copied). An empty
    destination gets every entry; one that holds exactly the source's first
    entries (same ``seq``, id, commit time and event) gets the rest, so
    copying again copies nothing, and a copy cut short is completed by the
    next. Any other destination is refused, and nothing is written. Then the
    destination is opened as a log (every event replayed) and checked
    against the source: the same records (so the same answers), and the
    same hash chain where the source's records carry one. Last, the
    destination's checkpoints are written, so that it opens fast.

    Args:
        source: A log file or store URL (opened read-only), or an open store.
        destination: A log file or store URL (created if missing), or an
            open store; it must import records (`ImportsRecords`). Stores
            given open are left open.
        batch: How many entries each batch holds: each is one atomic
            `ImportsRecords.import_records`.
        progress: Called after each batch with the number of entries the
            destination holds and the number the source holds.

    Returns:
        What was copied, and the head of the copy.

    Raises:
        InvalidQuery: *batch* is not an integer >= 1.
        UnsupportedFile: a path names no log (see `tradedispute.stores.open_store`),
            the source is missing, or the destination's store cannot import
            records.
        CopyRefused: the destination holds entries other than the source's
            first ones; nothing was written.
        ConcurrencyError: another writer appended to the destination during
            the copy; the batches before stay, a prefix of the source.
        StorageError: a store failed (the batches before stay, a prefix of
            the source), or the copy does not read back as the source.
        ChainBroken: a record of the source does not carry its hash by the
            chain: it, or one before it, was changed after it was written.
        CorruptRecord, SchemaError, InvalidTransition: the source, or the
            destination, holds records that cannot be read or replayed.
    """
    if isinstance(batch, bool) or not isinstance(batch, int) or batch < 1:
        raise InvalidQuery(f"batch must be an integer >= 1, not {batch!r}")
    opened: list[EventStore] = []
    try:
        source_store = _store(source, opened, read_only=True)
        original = EventLog(store=source_store, checkpoints=False)
        if isinstance(source_store, ChainsRecords):
            original.verify()
        records = original.records()
        target = _store(destination, opened, read_only=False)
        if not isinstance(target, ImportsRecords):
            raise UnsupportedFile(
                f"{target.location}: this kind of store cannot import records "
                "(it does not declare ImportsRecords), so a log cannot be copied "
                "into it",
                path=target.location,
            )
        before = _check_prefix(source_store.location, target, records)
        batches = 0
        for start in range(before, len(records), batch):
            chunk = records[start : start + batch]
            target.import_records(chunk, expected_version=start)
            batches += 1
            if progress is not None:
                progress(start + len(chunk), len(records))
        head = _check_copy(original, target)
        if isinstance(target, KeepsCheckpoints):
            EventLog(store=target).write_checkpoints()
        return CopyReport(
            source=source_store.location,
            destination=target.location,
            before=before,
            copied=len(records) - before,
            batches=batches,
            head=head,
        )
    finally:
        for store in reversed(opened):
            store.close()


def _store(
    given: str | os.PathLike[str] | EventStore,
    opened: list[EventStore],
    *,
    read_only: bool,
) -> EventStore:
    """The store *given*, opened (and added to *opened*) if it is a location."""
    if isinstance(given, EventStore):
        return given
    store = open_store(given, read_only=read_only)
    opened.append(store)
    return store


def _check_prefix(
    source: str, target: EventStore, records: Sequence[RecordedEvent]
) -> int:
    """Return how many of *records* the destination holds, as their first entries.

    Raises:
        CopyRefused: it holds anything else.
    """
    held = 0
    for held, record in enumerate(target.read(), start=1):
        if held > len(records):
            raise _refused(
                source,
                target.location,
                held,
                "entry",
                f"the destination holds {record.event.id!r}, the source ends "
                f"at seq {len(records)}",
            )
        found = _difference(record, records[held - 1])
        if found is not None:
            raise _refused(source, target.location, held, *found)
    return held


def _refused(
    source: str, destination: str, seq: int, field: str, said: str
) -> CopyRefused:
    return CopyRefused(
        f"cannot copy {source} into {destination}: the destination holds "
        f"entries that are not the source's first ones; seq {seq}: {said}. "
        "Copy into an empty log, or one that holds only the source's first "
        "entries (a copy cut short)",
        source=source,
        destination=destination,
        seq=seq,
        field=field,
    )


def _difference(held: RecordedEvent, wanted: RecordedEvent) -> tuple[str, str] | None:
    """What differs between a destination's record and the source's: field, said."""
    if held.event.id != wanted.event.id:
        return "id", _held_and_wanted("id", held.event.id, wanted.event.id)
    if held.recorded_at != wanted.recorded_at:
        return "recorded_at", _held_and_wanted(
            "recorded_at",
            format_timestamp(held.recorded_at),
            format_timestamp(wanted.recorded_at),
        )
    mine = encode(held.event, seq=held.seq, recorded_at=held.recorded_at)
    theirs = encode(wanted.event, seq=wanted.seq, recorded_at=wanted.recorded_at)
    if mine == theirs:
        return None
    mine_fields, their_fields = json.loads(mine), json.loads(theirs)
    for key in sorted(mine_fields.keys() | their_fields.keys()):
        held_value = mine_fields.get(key, _NOTHING)
        wanted_value = their_fields.get(key, _NOTHING)
        if held_value != wanted_value:
            said = _held_and_wanted(key, held_value, wanted_value)
            return "event", f"the event {held.event.id!r} differs in {said}"
    return "event", (  # pragma: no cover - equal fields, spelled otherwise
        f"the event {held.event.id!r} is written differently"
    )


def _held_and_wanted(key: str, held: Any, wanted: Any) -> str:
    return f"{key!r}: the destination holds {_shown(held)}, the source {_shown(wanted)}"


def _shown(value: Any) -> str:
    if value is _NOTHING:
        return "nothing"
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


def _check_copy(original: EventLog, target: EventStore) -> Head:
    """Replay the destination as a log, and check it against the source's.

    Returns:
        The destination's head.

    Raises:
        StorageError: its records, or its head (where the source's records
            carry their hashes), differ from the source's.
    """
    copy = EventLog(store=target, checkpoints=False)
    expected, found = original.records(), copy.records()
    for place, (mine, theirs) in enumerate(zip(found, expected, strict=False), 1):
        if mine != theirs:
            raise _not_a_copy(target, f"seq {place} reads back as {mine!r}")
    if len(found) != len(expected):
        raise _not_a_copy(
            target, f"it holds {len(found)} entries, the source {len(expected)}"
        )
    # Opening the copy replayed every entry, as the source did: with the
    # records alike, the answers are too (replay is a pure function of them).
    head = copy.head
    # Compared where the source chains: its records carry their hashes.
    if expected and expected[-1].hash is not None and head != original.head:
        raise _not_a_copy(
            target, f"its hash chain ends at {head}, the source's at {original.head}"
        )
    return head


def _not_a_copy(target: EventStore, said: str) -> StorageError:
    return StorageError(
        f"{target.location}: the copy does not read back as the source: {said}; "
        "the store did not keep what it imported",
        location=target.location,
    )
