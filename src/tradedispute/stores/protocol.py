"""The storage protocol behind `EventLog`: what every store does, and what some can.

A store keeps recorded events in append order. It does not validate them:
the log replays before it appends. It guarantees what only storage can:
an append is atomic, lands only if the store is still at the version the
caller expected, and is stamped with a commit time that never decreases.

`EventStore` is what every store implements. Optional capabilities are
declared, not discovered: a store that can do more subclasses the
capability's abstract class, and the log asks ``isinstance``:

* `KeepsCheckpoints`: a table of states beside the events, so that opening
  replays only the events after the latest;
* `ReadsTail`: reading only the events after such a checkpoint, so that a
  log opens without reading the rows before it;
* `StreamsReplayOrder`: yielding the events in replay order straight from
  storage, in bounded memory (`tradedispute.stores.stream_state_at`);
* `ScansRecords`: reading every record through to the end, reporting each
  one that cannot be read instead of stopping at the first
  (``tradedispute validate``);
* `TransactionalAppends`: appends inside ``writing()`` commit together when
  it exits, not each when it returns;
* `ChainsRecords`: recomputing the hash chain from the records as stored;
* `Upgrades`: bringing a log of an earlier version up to date, when asked;
* `ImportsRecords`: appending records as another store recorded them (their
  ``seq``, commit times and ids), to copy a log between stores;
* `NotifiesAppends`: waking a waiting reader when another process commits,
  so that `tradedispute.EventLog.follow` need not poll.

A store raises the library's own errors (`StorageError`, `CorruptRecord`,
`ConcurrencyError`, ...), never its database driver's. The contract suite
every store passes ships in `tradedispute.testing.stores`.
"""

from __future__ import annotations

import abc
import contextlib
import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Protocol, runtime_checkable

import attrs

from tradedispute.codec.chain import hashes_of
from tradedispute.codec.converter import RecordedEvent, encode_chained
from tradedispute.core.corrections import Entry, describe
from tradedispute.core.events import Event
from tradedispute.exceptions import (
    ChainBroken,
    ConcurrencyError,
    CorruptRecord,
    DuplicateEventId,
    InvalidQuery,
    ReadOnlyLog,
    RecordError,
    UnsupportedFile,
)

Clock = Callable[[], dt.datetime]
"""Returns the current time, timezone-aware."""


def utc_now() -> dt.datetime:
    """Return the current time in UTC (the stores' default clock)."""
    return dt.datetime.now(dt.UTC)


@runtime_checkable
class EventStore(Protocol):
    """Where a log's events are kept: the small protocol every store implements.

    Implementations: `MemoryStore`, `JsonLinesStore`, `SQLiteStore`,
    `PostgresStore`. A new one passes the contract suite in
    `tradedispute.testing.stores`.
    """

    @property
    def location(self) -> str:
        """Where the events are (a path, or ``":memory:"``), for messages."""
        ...

    def version(self) -> int:
        """Return the number of events committed, as far as this store has read."""
        ...

    def read(self, *, after: int = 0) -> Iterator[RecordedEvent]:
        """Yield the committed events with ``seq > after``, in append order.

        Reading also picks up events other processes committed since.
        """
        ...

    def writing(self) -> contextlib.AbstractContextManager[None]:
        """Hold the store's write lock: no other writer commits until it exits.

        Inside, `read` sees every committed event, so a log can read, validate
        and append without racing another process. May be nested.
        """
        ...

    def append(
        self, events: Sequence[Entry], *, expected_version: int
    ) -> list[RecordedEvent]:
        """Commit *events* atomically, numbered from ``expected_version + 1``.

        Durable when it returns.

        Raises:
            ConcurrencyError: the store holds more (or fewer) events than
                *expected_version*; nothing was written.
        """
        ...

    def close(self) -> None:
        """Release files and connections; the store is unusable after."""
        ...


def stamp(
    events: Sequence[Entry], *, after: int, last: dt.datetime | None, clock: Clock
) -> list[RecordedEvent]:
    """Number *events* from ``after + 1`` and stamp them with the commit time.

    The time never goes back along ``seq``: if the clock reads earlier than
    the last commit, the last commit's time is used.
    """
    now = clock().astimezone(dt.UTC)
    if last is not None and now < last:
        now = last
    return [
        RecordedEvent(seq=after + n, recorded_at=now, event=event)
        for n, event in enumerate(events, start=1)
    ]


def numbered_hashes(
    location: str, records: Iterable[bytes]
) -> Iterator[tuple[int, str, str | None]]:
    """`ChainsRecords.chain` of stored *records*: ``(seq, by the chain, carried)``.

    Raises:
        CorruptRecord: a record is not a JSON object.
    """
    try:
        for seq, (digest, stored) in enumerate(hashes_of(records), start=1):
            yield seq, digest, stored
    except ValueError as error:
        raise CorruptRecord(
            f"{location}: a record is not a JSON object ({error})",
            location=location,
        ) from None


def chain_broken(location: str, seq: int, stored: str, computed: str) -> ChainBroken:
    """Return the error for record *seq* whose hash is not the chain's."""
    return ChainBroken(
        f"{location} (seq {seq}): the hash chain breaks here: the record says "
        f"{stored}, but the records up to it hash to {computed}; this record or "
        "one before it was changed after it was written",
        location=location,
        seq=seq,
        field="hash",
    )


def read_only_error(location: str) -> ReadOnlyLog:
    """Return the error for writing to a store opened read-only."""
    return ReadOnlyLog(
        f"{location} is open read-only: it cannot be appended to or written. "
        "Open it without read_only=True (and with write permission) to write",
        location=location,
    )


def missing_log(path: os.PathLike[str], *, read_only: bool) -> UnsupportedFile:
    """Return the error for a missing file that *read_only* (or create=False) keeps."""
    why = "read_only=True" if read_only else "create=False"
    return UnsupportedFile(
        f"{path}: no such log file (and {why} does not create one)",
        path=str(path),
    )


def conflict(location: str, *, expected: int, actual: int) -> ConcurrencyError:
    """Return the error for an append that expected another version."""
    return ConcurrencyError(
        f"{location}: the log is at version {actual}, not {expected} as the "
        "append expected; another writer appended since: read it and retry",
        expected_version=expected,
        actual_version=actual,
    )


def duplicate_id(
    location: str, entries: Iterable[Entry], taken: Callable[[str], bool]
) -> DuplicateEventId | None:
    """Return the error for the first of *entries* whose id is *taken* or repeats.

    `None` if every id is new. For the stores, before they write.
    """
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen or taken(entry.id):
            return DuplicateEventId(
                f"{location}: {describe(entry)}: an event with this id is "
                "already in the log",
                event_id=entry.id,
            )
        seen.add(entry.id)
    return None


def chained(
    records: Iterable[RecordedEvent], previous: str, *, batch_end: int | None = None
) -> list[tuple[bytes, RecordedEvent]]:
    """Encode *records* on the hash chain after *previous*, for a store to write.

    Returns each one's bytes, and the record as written: with its hash, and
    *batch_end*.
    """
    written = []
    for record in records:
        data, digest = encode_chained(
            record.event,
            seq=record.seq,
            recorded_at=record.recorded_at,
            batch_end=batch_end,
            previous=previous,
        )
        assert digest is not None  # chained, since previous was given
        previous = digest
        written.append((data, attrs.evolve(record, batch_end=batch_end, hash=digest)))
    return written


# --- optional capabilities -------------------------------------------------------


@attrs.frozen
class StoredCheckpoint:
    """A state kept beside a log's events: one row of its checkpoint table.

    Attributes:
        position: How many events, in replay order, the state folds.
        version: How many entries the log held when it was made.
        last_effective: The effective date of the last of those events.
        last_id: The id of the last of those events.
        head: The hash chain's hash after the log's first *version* entries:
            a checkpoint is used only where the log's entry *version*
            carries this hash, so one of another log, or of the log before
            an edit, is not.
        state: The state, as `tradedispute.codec.state.encode_state` wrote it.
    """

    position: int
    version: int
    last_effective: dt.date
    last_id: str
    head: str
    state: bytes


class CheckpointTable(Protocol):
    """Where a store keeps checkpoints: a cache that loses only time if lost.

    Rows are only ever added (`save`); `prune` is the one way to remove some.
    Writes take effect as the store commits. Failures raise `StorageError`.
    """

    def load(self) -> list[StoredCheckpoint]:
        """Return every checkpoint that can be read, by position then version."""
        ...

    def save(self, checkpoint: StoredCheckpoint) -> None:
        """Add *checkpoint*; one already there for its position and version stays."""
        ...

    def prune(self, keep: Iterable[StoredCheckpoint]) -> None:
        """Remove every checkpoint but those in *keep*."""
        ...


@attrs.frozen
class Tail:
    """What follows a checkpoint, read without the rows before it.

    Attributes:
        checkpoint: The checkpoint found valid for the store.
        version: The number of entries in the store.
        events: The events after the checkpoint, in replay order.
    """

    checkpoint: StoredCheckpoint
    version: int
    events: list[Event]


class KeepsCheckpoints(abc.ABC):
    """Capability: the store keeps checkpoints beside its events.

    A log over such a store writes the state after every so many events
    (see `EventLog`) and, when opened, replays only the events after the
    latest valid one.
    """

    @abc.abstractmethod
    def checkpoint_table(self, *, create: bool) -> CheckpointTable | None:
        """Return the store's checkpoints; `None` if it has none and not *create*.

        Raises:
            StorageError: the table cannot be opened or created.
        """


class ReadsTail(KeepsCheckpoints):
    """Capability: the store reads the events after a checkpoint alone.

    A log over such a store opens from its latest checkpoint without
    reading the rows before it; they are read when a question needs them.
    """

    @abc.abstractmethod
    def tail_after(self, checkpoints: Sequence[StoredCheckpoint]) -> Tail | None:
        """Return the first of *checkpoints* valid for the store, and what follows it.

        A checkpoint is valid if no entry recorded after it lands at or
        before its last event in replay order. `None` (read everything
        instead) if none is, or the store holds a correction, which can
        move any event.

        Raises:
            CorruptRecord: a record after the checkpoint is malformed.
            SchemaError: one has an unknown type or schema version.
            StorageError: the store cannot be read.
        """


class StreamsReplayOrder(abc.ABC):
    """Capability: the store yields its events in replay order, in bounded memory."""

    @abc.abstractmethod
    def replay_order(
        self, *, until: dt.date | None = None, known_at: dt.datetime | None = None
    ) -> Iterator[Event]:
        """Yield the events in replay order, as corrected, straight from storage.

        Args:
            until: Stop after the events effective on this day.
            known_at: Only entries committed by this moment count.

        Raises:
            CorruptRecord: a record is malformed.
            SchemaError: a record has an unknown type or schema version.
            StorageError: the store cannot be read.
        """


class ScansRecords(abc.ABC):
    """Capability: the store reads every record, reporting each bad one in place."""

    @abc.abstractmethod
    def scan(self) -> Iterator[tuple[str, RecordedEvent | RecordError]]:
        """Yield every record in append order, or the error of one that cannot be read.

        Each comes with where it is, for messages (``"log.jsonl, line 7"``).
        Unlike `EventStore.read`, a malformed record does not stop the scan:
        its `RecordError` comes where it stands, and the records after it
        follow. Checks between records (gaps in ``seq``) are the caller's.

        Raises:
            StorageError: the store cannot be read at all.
        """


class TransactionalAppends(abc.ABC):
    """Declares: appends made inside `EventStore.writing` commit when it exits.

    For such a store (SQLite, PostgreSQL), an append that returned is not
    yet committed: the transaction may still fail or be rolled back at the
    end of ``writing()``. A store without it commits each append when `append`
    returns (JSON Lines). The log needs to know which, to say whether a
    batch was committed when an append fails.
    """

    @abc.abstractmethod
    def landed(self, record: RecordedEvent) -> bool | None:
        """Tell whether *record* is committed, after ``writing()`` failed.

        An interrupt can arrive just after the commit returned; the store
        then holds what the caller was told failed. `None` if it cannot be
        told: a server that lost the connection during the commit, and
        cannot be reached again to ask.
        """


class ChainsRecords(abc.ABC):
    """Capability: the store recomputes its hash chain from the records as stored.

    Every store chains the records it appends (`tradedispute.codec.chain`);
    one that can read its records back as stored lets a reader check the
    chain, rather than trust the hashes the records carry.
    """

    @abc.abstractmethod
    def chain(self) -> Iterator[tuple[int, str, str | None]]:
        """Yield ``(seq, hash by the chain, hash the record carries)`` in order.

        The second is recomputed from the records' canonical bytes; the
        third is `None` for a record written before logs were chained.

        Raises:
            CorruptRecord: a record is not a JSON object.
            StorageError: the store cannot be read.
        """


class Upgrades(abc.ABC):
    """Capability: the store brings a log of an earlier version up to date.

    Opening never changes a file; ``tradedispute upgrade`` asks for this.
    """

    @abc.abstractmethod
    def upgrade(self) -> list[str]:
        """Bring the log up to date; return what was done, in words.

        Raises:
            ReadOnlyLog: the store was opened read-only.
            StorageError: the store could not be written.
        """


class ImportsRecords(abc.ABC):
    """Capability: the store appends records as another store recorded them.

    For copying a log between stores (`tradedispute.copy_log`,
    ``tradedispute copy``): each record keeps its ``seq``, its commit time
    and its event, so the copy answers every question the source does,
    ``known_at`` ones included, and its hash chain is the source's.
    """

    @abc.abstractmethod
    def import_records(
        self, records: Sequence[RecordedEvent], *, expected_version: int
    ) -> list[RecordedEvent]:
        """Commit *records* atomically, as they were recorded; return them as stored.

        Like `EventStore.append`, but the records come numbered and
        stamped: the first is ``expected_version + 1`` and the rest follow
        one by one, and no commit time is before the one before it (or
        before the store's last). The returned records carry this store's
        chain hashes, which are the source's for a source that chains.

        Raises:
            ConcurrencyError: the store is not at *expected_version*.
            InvalidQuery: the records are not numbered from there, or a
                commit time goes back (see `check_imported`); nothing was
                written.
            DuplicateEventId: an id is already in the store.
            StorageError: the store failed; nothing was written.
        """


def check_imported(
    location: str,
    records: Sequence[RecordedEvent],
    *,
    expected_version: int,
    last: dt.datetime | None,
) -> None:
    """Check *records* may follow a store at *expected_version*, last written at *last*.

    For `ImportsRecords.import_records`.

    Raises:
        InvalidQuery: a ``seq`` is out of turn, or a commit time goes back.
    """
    previous = last
    for place, record in enumerate(records, start=expected_version + 1):
        if record.seq != place:
            raise InvalidQuery(
                f"{location}: the record of {record.event.id!r} is numbered seq "
                f"{record.seq}, but it would be entry {place}: imported records "
                "continue the store's numbering with none missing"
            )
        if record.recorded_at.utcoffset() is None:
            raise InvalidQuery(
                f"{location} (seq {record.seq}): the record of {record.event.id!r} "
                f"was committed at {record.recorded_at}, a time with no zone; "
                "commit times are aware (UTC, or with an offset)"
            )
        if previous is not None and record.recorded_at < previous:
            raise InvalidQuery(
                f"{location} (seq {record.seq}): the record of "
                f"{record.event.id!r} was committed at {record.recorded_at}, "
                f"before the entry ahead of it ({previous}); commit times never "
                "go back along seq"
            )
        previous = record.recorded_at


class NotifiesAppends(abc.ABC):
    """Capability: the store wakes a waiting reader when another process commits.

    `tradedispute.EventLog.follow` waits on this instead of polling. The
    wake-up is only a hint: the reader then reads the store, which is the
    source of truth, so a lost or repeated notice costs time, never an entry.
    """

    @abc.abstractmethod
    def wait_for_appends(self, *, after: int, timeout: float) -> bool:
        """Wait until the store may hold an entry with ``seq > after``.

        Returns at once if it already may; else when another process
        commits, or after *timeout* seconds. `True` if woken by a commit,
        `False` on the timeout.

        Raises:
            StorageError: the store cannot be reached.
        """
