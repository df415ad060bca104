"""The append-only event log, and the questions it answers by replay."""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import itertools
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from types import TracebackType

import attrs

from tradedispute._runtime import collector_paused
from tradedispute.codec.converter import RecordedEvent
from tradedispute.codec.state import decode_state, encode_state
from tradedispute.core.arguments import check_day, check_moment
from tradedispute.core.checkpointed import (
    DEFAULT_SPACING,
    Checkpointed,
    common_prefix,
    fold_marking,
)
from tradedispute.core.corrections import (
    CORRECTION_TYPES,
    Correction,
    Entry,
    EventCorrected,
    corrected,
    describe,
)
from tradedispute.core.events import Event
from tradedispute.core.registry import reducer_for
from tradedispute.core.replay import (
    EMPTY_STATE,
    effective_date,
    replay,
    replay_order,
)
from tradedispute.core.state import DisputeState
from tradedispute.exceptions import (
    CorruptRecord,
    DuplicateEventId,
    InvalidCorrection,
    InvalidQuery,
    InvalidTransition,
    TradeDisputeError,
    UnknownEventType,
    UnsupportedFile,
)
from tradedispute.stores.checkpoint_table import CheckpointTable, StoredCheckpoint
from tradedispute.stores.jsonl import SUFFIXES as JSONL_SUFFIXES
from tradedispute.stores.jsonl import JsonLinesStore
from tradedispute.stores.protocol import EventStore, MemoryStore, conflict
from tradedispute.stores.sqlite import SUFFIXES as SQLITE_SUFFIXES
from tradedispute.stores.sqlite import SQLiteStore
from tradedispute.views import (
    Change,
    EscalationSeries,
    Intervals,
    Reciprocation,
    Timeline,
    diff,
    escalation_series,
    intervals,
    reciprocity,
)

_SUFFIXES = {
    **dict.fromkeys(JSONL_SUFFIXES, "JSON Lines"),
    **dict.fromkeys(SQLITE_SUFFIXES, "SQLite"),
}

#: How many views of the record at past moments (known_at) a log keeps.
_PAST_VIEWS = 4

#: Checkpoints kept on disk: at most _KEEP_MAX, at the multiples of a
#: spacing that starts at _KEEP_SPACING events and doubles as the log grows.
_KEEP_MAX = 4
_KEEP_SPACING = 32768
#: An append writes a checkpoint once spacing // _KEEP_SETTLE events (1,024
#: at first) follow it, so that back-dated appends seldom make it stale.
_KEEP_SETTLE = 32


def _keep_spacing(count: int) -> int:
    spacing = _KEEP_SPACING
    while count // spacing > _KEEP_MAX:
        spacing *= 2
    return spacing


def _stale_from(entries: list[Entry]) -> list[tuple[dt.date, int]]:
    """For each n, the earliest place an entry after the first n lands.

    A checkpoint made when the log held n entries, whose last event is
    effective on day D, stays valid if that place is after (D, 0): later
    events effective on D or after land after it; a correction of an event
    effective on or before D, or moving one there, does not.
    """
    effective = {e.id: e.effective for e in entries if isinstance(e, Event)}
    marks: list[tuple[dt.date, int]] = [(dt.date.max, 1)] * (len(entries) + 1)
    for n in range(len(entries) - 1, -1, -1):
        entry = entries[n]
        if isinstance(entry, Event):
            mark = (entry.effective, 1)
        else:
            days = [effective.get(entry.target_id, dt.date.min)]
            if isinstance(entry, EventCorrected):
                days.append(entry.replacement.effective)
            mark = (min(days), 0)
        marks[n] = min(mark, marks[n + 1])
    return marks


def _recorded_at(record: RecordedEvent) -> dt.datetime:
    return record.recorded_at


@attrs.frozen(kw_only=True)
class History:
    """An event as first recorded, with every correction made to it since.

    Attributes:
        record: The event as appended, with its ``seq`` and commit time.
        corrections: The `EventRetracted` and `EventCorrected` entries that
            name it, in append order, each with its ``seq`` and commit time.
    """

    record: RecordedEvent
    corrections: tuple[RecordedEvent, ...] = ()

    @property
    def current(self) -> Event | None:
        """The event as the record now has it; `None` if it was retracted."""
        standing = corrected(
            [self.record.event, *(record.event for record in self.corrections)]
        )
        return standing[0] if standing else None

    @property
    def retracted(self) -> bool:
        """Whether the event has been retracted."""
        return self.current is None


@attrs.frozen
class _Pending:
    """A validated batch, ready to commit.

    Attributes:
        head: The state after every event, the batch included.
        replayed: The new replay order, when the batch lands among recorded
            events or corrects one; `None` when it lands after them all and
            is appended to the replay order as it is (no copy of a long list).
        landing: The batch in replay order (when ``replayed`` is `None`).
        unchanged: How many leading events of the replay order stay as
            they were (their checkpoints stay valid).
        seeds: States met on the way, by position in the new replay order:
            checkpoints to keep once the batch is committed.
    """

    head: DisputeState
    replayed: list[Event] | None
    landing: list[Event]
    unchanged: int = 0
    seeds: tuple[tuple[int, DisputeState], ...] = ()


@attrs.frozen
class _Deferred:
    """What a log opened from a checkpoint knows before it reads every entry.

    Attributes:
        version: The number of entries in the store.
        since: The effective date of the checkpoint's last event: `state_at`
            any day from it on is answered from *tail* alone.
        tail: The events after the checkpoint in replay order, with the
            checkpoint's state as their starting point.
        stored: Every checkpoint read from disk, for reading every entry
            later without reading them again.
        position: The checkpoint's position in replay order.
        state: Its state, decoded.
    """

    version: int
    since: dt.date
    tail: Checkpointed
    stored: list[StoredCheckpoint]
    position: int
    state: DisputeState


class EventLog:
    """An append-only record of a dispute that answers questions by replay.

    ``EventLog()`` keeps its events in memory; `EventLog.open` keeps them in
    a JSON Lines or SQLite file, behind the same methods.

    Events may be appended in any date order, since history is often
    recorded late; they replay in (effective date, append sequence) order.
    Every append is validated by replay, all or nothing: an event that makes
    no sense where it lands, or that makes an already recorded later event
    invalid, is rejected and the log stays exactly as it was. No method edits
    or deletes an event; a correction is a new entry (`EventRetracted`,
    `EventCorrected`).

    The log keeps two times: when something applied (an event's effective
    date) and when the record said so (the commit time the store gave each
    append). Every question takes ``known_at``, to be answered as the record
    stood at that moment.

    Iterating a log yields its entries (events and corrections) in append
    order; ``len(log)`` counts them. A log backed by a file sees what other
    processes appended when it appends (before it validates) and when
    `refresh` is called.

    Args:
        store: Where the events are kept; a new `MemoryStore` if not given.
            Events already in it are read and replayed.
        checkpoint_spacing: The log keeps the state after every this many
            events in replay order, so that `state_at` any date folds at most
            this many events once they exist. Smaller is faster to ask and
            takes more memory; the default suits most logs.
        checkpoints: Use and keep checkpoints on disk, if the store can hold
            them (SQLite and JSON Lines stores can): opening a log then
            replays only the events after the latest valid one. They are
            kept at multiples of 32,768 events (a spacing that doubles as
            the log grows, so at most four are kept), each written by the
            append after which 1/32 of the spacing follows it, and trusted
            when read, so the events before them are not replayed again.
            A SQLite log holding no correction opens from one without
            reading the rows before it: they are read, and checked, when a
            question first needs them: any but ``len``, `version` and
            `state_at` a day on or after the checkpoint's last event, with
            no ``known_at``. That question then raises what opening would
            have raised for them (`CorruptRecord`, `SchemaError`). ``False``
            reads and replays everything at once, as ``tradedispute
            validate`` does.

    Raises:
        InvalidQuery: *checkpoint_spacing* is not an integer >= 1.
        InvalidTransition: events already in *store* do not replay.
        CorruptRecord: a stored record is malformed, or an id repeats.
        SchemaError: a stored record has an unknown type or schema version.
    """

    __slots__ = (
        "_corrections",
        "_current",
        "_deferred",
        "_head",
        "_ids",
        "_keeping",
        "_kept",
        "_past",
        "_records",
        "_spacing",
        "_store",
        "_stored",
    )

    def __init__(
        self,
        *,
        store: EventStore | None = None,
        checkpoint_spacing: int = DEFAULT_SPACING,
        checkpoints: bool = True,
    ) -> None:
        if (
            isinstance(checkpoint_spacing, bool)
            or not isinstance(checkpoint_spacing, int)
            or checkpoint_spacing < 1
        ):
            raise InvalidQuery(
                "checkpoint_spacing must be an integer >= 1, not "
                f"{checkpoint_spacing!r}"
            )
        self._spacing = checkpoint_spacing
        # Checkpoints on disk: whether to use them, the positions of those
        # known valid, and those read but not decoded yet (decoded when a
        # question first needs one).
        self._keeping = checkpoints
        self._kept: set[int] = set()
        self._stored: dict[int, bytes] = {}
        self._store: EventStore = store if store is not None else MemoryStore()
        self._records: list[RecordedEvent] = []
        # The events as corrected now, in replay order (sorted by effective
        # date, ties in append order: sorting and merging keep that), with
        # checkpoints that answer state_at for any date in a few folds.
        self._current = Checkpointed([], spacing=checkpoint_spacing)
        # The same for the record as it stood after its first n entries,
        # for known_at questions; recently used first. Entries are never
        # edited, so such a view never goes stale.
        self._past: dict[int, Checkpointed] = {}
        self._ids: set[str] = set()
        self._corrections = 0
        # The state after every event; answers state_at(date.max) at once.
        self._head: DisputeState = EMPTY_STATE
        # Opened from a checkpoint: the entries before it are read (and
        # checked) only when a question needs them.
        self._deferred: _Deferred | None = None
        if not self._open_deferred():
            self.refresh()

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        repair: bool = False,
        checkpoint_spacing: int = DEFAULT_SPACING,
        checkpoints: bool = True,
    ) -> EventLog:
        """Open the log kept in *path*, creating the file if it is missing.

        The suffix picks the store: ``.jsonl`` for JSON Lines, ``.sqlite`` or
        ``.db`` for SQLite.

        Args:
            path: The log file.
            repair: For a JSON Lines log whose last append was cut short by a
                crash: drop that torn tail (and warn with what was dropped)
                instead of raising `CorruptRecord`.
            checkpoint_spacing: As for `EventLog`.
            checkpoints: As for `EventLog`.

        Raises:
            UnsupportedFile: the suffix is none of those, or the file is not
                a log of that kind.
            CorruptRecord: a record is malformed; the message names the file
                and line (or seq) and the field. A SQLite log opened from a
                checkpoint reads only the rows after it here; the others
                raise when a question first reads them (see *checkpoints*).
            SchemaError: a record has an unknown type or schema version (as
                for `CorruptRecord`, later for the rows a SQLite log opened
                from a checkpoint has not read).
            InvalidTransition: the stored events do not replay.
        """
        where = Path(path)
        kind = _SUFFIXES.get(where.suffix.lower())
        if kind is None:
            known = ", ".join(sorted(_SUFFIXES))
            raise UnsupportedFile(
                f"{where}: cannot tell the kind of log from the suffix "
                f"{where.suffix!r}; use one of {known}",
                path=str(where),
            )
        if not where.parent.is_dir():
            raise UnsupportedFile(
                f"{where}: the folder {where.parent} does not exist; create it "
                "first, or give a path in an existing folder",
                path=str(where),
            )
        store: EventStore = (
            JsonLinesStore(where, repair=repair)
            if kind == "JSON Lines"
            else SQLiteStore(where)
        )
        try:
            return cls(
                store=store,
                checkpoint_spacing=checkpoint_spacing,
                checkpoints=checkpoints,
            )
        except BaseException:
            store.close()
            raise

    def close(self) -> None:
        """Release the log's file or connection; it cannot be used after."""
        self._store.close()

    def __enter__(self) -> EventLog:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __len__(self) -> int:
        return self.version

    def __iter__(self) -> Iterator[Entry]:
        self._load()
        return iter([record.event for record in self._records])

    def __repr__(self) -> str:
        return f"<EventLog of {len(self)} events at {self._store.location}>"

    @property
    def version(self) -> int:
        """The number of entries appended: the ``seq`` of the last one."""
        if self._deferred is not None:
            return self._deferred.version
        return len(self._records)

    @property
    def location(self) -> str:
        """Where the events are kept: a path, or ``":memory:"``."""
        return self._store.location

    def records(self) -> tuple[RecordedEvent, ...]:
        """Return every entry with its ``seq`` and commit time, in append order."""
        self._load()
        return tuple(self._records)

    def history(self, event_id: str) -> History:
        """Return the event *event_id* as recorded, with every correction to it.

        Raises:
            InvalidQuery: no event has that id (or it is a correction's id).
        """
        self._load()
        found = [
            record
            for record in self._records
            if record.event.id == event_id
            or (
                isinstance(record.event, Correction)
                and record.event.target_id == event_id
            )
        ]
        if not found or isinstance(found[0].event, Correction):
            what = (
                f"{describe(found[0].event)}, a correction; ask for the history "
                "of the event it names"
                if found
                else "no entry of the log"
            )
            raise InvalidQuery(
                f"{self.location}: {event_id!r} is {what}. history() takes the id "
                "of an event in the log"
            )
        return History(record=found[0], corrections=tuple(found[1:]))

    def refresh(self) -> None:
        """Read the events other writers appended since, and replay them.

        A log opened from a checkpoint reads the rows before it first.

        Raises:
            CorruptRecord: a record read is malformed, or repeats an id.
            SchemaError: a record read has an unknown type or schema version.
            InvalidTransition: the new events do not replay.
            InvalidCorrection: a new correction names no event recorded
                before it, or one already retracted.
        """
        self._load()
        with collector_paused():
            new = list(self._store.read(after=self.version))
        self._take(new)

    def _take(
        self, new: list[RecordedEvent], deferred: _Deferred | None = None
    ) -> None:
        """Validate entries read from the store by replay, and take them in.

        *deferred*: what the log knew when opened from a checkpoint, to
        start from that checkpoint without reading it again.
        """
        if not new:
            return
        seen: set[str] = set()
        for record in new:
            if record.event.id in self._ids or record.event.id in seen:
                raise CorruptRecord(
                    f"{self.location} (seq {record.seq}): the id "
                    f"{record.event.id!r} is already used by an earlier event",
                    location=self.location,
                    seq=record.seq,
                    field="id",
                )
            seen.add(record.event.id)
        batch = [record.event for record in new]
        try:
            pending = self._prepare_from_disk(batch, deferred) or self._prepare(batch)
        except InvalidTransition as error:
            seq = {record.event.id: record.seq for record in new}.get(error.event_id)
            raise InvalidTransition(
                f"{self.location} (seq {seq}): the stored events do not replay: "
                f"{error}",
                event_id=error.event_id,
                effective=error.effective,
                rule=error.rule,
            ) from error
        except InvalidCorrection as error:
            seq = {record.event.id: record.seq for record in new}[error.correction_id]
            raise InvalidCorrection(
                f"{self.location} (seq {seq}): the stored entries do not replay: "
                f"{error}",
                correction_id=error.correction_id,
                target_id=error.target_id,
                rule=error.rule,
            ) from error
        self._commit(new, pending)

    def append(self, event: Entry, *, expected_version: int | None = None) -> None:
        """Validate *event* (or a correction) by replay and append it.

        Args:
            event: The event, or an `EventRetracted` or `EventCorrected`.
            expected_version: If given, append only if the log is at this
                version (see `version`), else raise `ConcurrencyError`.

        Raises:
            InvalidTransition: the event makes no sense where it lands in
                replay order, or it would make a recorded event invalid (a
                correction: the corrected history does not replay).
            InvalidCorrection: a correction names no recorded event, or one
                already retracted.
            DuplicateEventId: its id is already in the log.
            UnknownEventType: it is not an event with a registered reducer.
            ConcurrencyError: the log is not at *expected_version*.
        """
        self.extend((event,), expected_version=expected_version)

    def extend(
        self, events: Iterable[Entry], *, expected_version: int | None = None
    ) -> None:
        """Validate a batch by replay and append all of it, or none of it.

        The log holds its store's write lock while it reads what other
        writers appended, validates the batch and appends it, so concurrent
        writers take turns and none validates against a stale log.

        Raises:
            InvalidTransition: an event makes no sense where it lands, or
                the batch would make a recorded event invalid.
            InvalidCorrection: a correction names no event recorded before
                it, or one already retracted.
            DuplicateEventId: an id is already in the log or twice in the batch.
            UnknownEventType: an item is not an event with a registered reducer.
            ConcurrencyError: the log is not at *expected_version*.
            InvalidQuery: *expected_version* is not an integer >= 0.
        """
        if expected_version is not None and (
            isinstance(expected_version, bool)
            or not isinstance(expected_version, int)
            or expected_version < 0
        ):
            raise InvalidQuery(
                f"expected_version must be an integer >= 0, not {expected_version!r}"
            )
        batch = list(events)
        self._check_types(batch)
        # Hold the store's write lock from reading to writing, so that no
        # other writer can append between our validation and our append.
        # The collector is paused once the lock is held, not while waiting
        # for it; the work is done in a call of its own, so that what it
        # made and did not keep is freed before the collector runs again.
        with self._store.writing(), collector_paused():
            self._extend(batch, expected_version)

    def _extend(self, batch: list[Entry], expected_version: int | None) -> None:
        self.refresh()
        if expected_version is not None and expected_version != self.version:
            raise conflict(
                self.location, expected=expected_version, actual=self.version
            )
        self._check_ids(batch)
        if not batch:
            return
        pending = self._prepare(batch)
        recorded = self._store.append(batch, expected_version=self.version)
        self._commit(recorded, pending)
        self._keep_checkpoints()

    @staticmethod
    def _check_types(batch: list[Entry]) -> None:
        for event in batch:
            if type(event) in CORRECTION_TYPES:
                if isinstance(event, EventCorrected):
                    reducer_for(type(event.replacement))
            elif isinstance(event, Event):
                reducer_for(type(event))
            else:
                raise UnknownEventType(
                    f"cannot append {event!r}: a log holds tradedispute.Event "
                    "instances and corrections (EventRetracted or EventCorrected "
                    "themselves, not subclasses)",
                    event_type=type(event),
                )

    def _check_ids(self, batch: list[Entry]) -> None:
        seen: set[str] = set()
        for event in batch:
            if event.id in self._ids or event.id in seen:
                where = "the log" if event.id in self._ids else "this batch"
                raise DuplicateEventId(
                    f"{describe(event)}: an entry with this id is "
                    f"already in {where}; ids are unique, so give a new one or "
                    "leave id unset to have one generated",
                    event_id=event.id,
                )
            seen.add(event.id)

    def _prepare(self, batch: list[Entry]) -> _Pending:
        """Validate *batch* against the log by replay; change nothing."""
        current = self._current.events
        if self._corrections or any(isinstance(e, Correction) for e in batch):
            # Correct the whole history again: a correction can move an
            # event anywhere in replay order. Replay from the last
            # checkpoint before the first event that differs.
            entries = [record.event for record in self._records]
            replayed = replay_order(corrected([*entries, *batch]))
            unchanged = common_prefix(current, replayed)
            head, seeds = self._replay_checked(
                batch, replayed, *self._restart(unchanged)
            )
            return _Pending(head, replayed, [], unchanged, seeds)
        events = [event for event in batch if isinstance(event, Event)]
        # Sorting is stable, so same-day events keep their append order.
        landing = sorted(events, key=effective_date)
        if not current or landing[0].effective >= current[-1].effective:
            # The common case: the batch lands after everything recorded, so
            # folding it onto the current head validates it.
            return _Pending(replay(landing, initial=self._head), None, landing)
        # A back-dated batch: what comes before its first date stays.
        unchanged = bisect.bisect_right(
            current, landing[0].effective, key=effective_date
        )
        # Merging is stable and takes the recorded events first among equal
        # dates: the batch goes after the events of its days, in its order.
        replayed = current[:unchanged]
        replayed.extend(heapq.merge(current[unchanged:], landing, key=effective_date))
        head, seeds = self._replay_checked(batch, replayed, *self._restart(unchanged))
        return _Pending(head, replayed, landing, unchanged, seeds)

    def _commit(self, recorded: list[RecordedEvent], pending: _Pending) -> None:
        self._records.extend(recorded)
        if pending.replayed is None:
            self._current.extend(pending.landing)
        else:
            self._current.replace(pending.replayed, unchanged=pending.unchanged)
        for position, state in pending.seeds:
            self._current.seed(position, state)
        count = len(self._current.events)
        if count // self._spacing > (count - len(recorded)) // self._spacing:
            # Keep the head as a checkpoint once per spacing passed, so a
            # later back-dated append starts near where it lands.
            self._current.seed(count, pending.head)
        if pending.replayed is not None:
            self._kept = {p for p in self._kept if p <= pending.unchanged}
            self._stored = {
                p: data for p, data in self._stored.items() if p <= pending.unchanged
            }
        self._ids.update(record.event.id for record in recorded)
        self._corrections += sum(
            isinstance(record.event, Correction) for record in recorded
        )
        self._head = pending.head

    def _restart(self, unchanged: int) -> tuple[int, DisputeState]:
        """Where to replay from if the first *unchanged* events stay; the state there.

        The last multiple of the spacing within them: folding from there
        leaves checkpoints on the way, for the next back-dated append.
        """
        start = unchanged // self._spacing * self._spacing
        return start, self._state_after(start)

    def _replay_checked(
        self,
        batch: list[Entry],
        replayed: list[Event],
        start: int,
        state: DisputeState,
    ) -> tuple[DisputeState, tuple[tuple[int, DisputeState], ...]]:
        """Fold *replayed* from *start* to the end onto *state*, the state there.

        Returns the head and the states at each multiple of the spacing on
        the way (the next back-dated append starts from one of them). Blame
        the batch if a recorded event turns invalid.
        """
        try:
            head, seeds = fold_marking(
                replayed, start, len(replayed), state, self._spacing
            )
            return head, tuple(seeds)
        except InvalidTransition as error:
            if error.event_id in {
                event.id for event in batch if isinstance(event, Event)
            }:
                raise
            culprit = batch[0] if len(batch) == 1 else None
            appended = (
                f"appending {describe(culprit)}" if culprit else "appending this batch"
            )
            raise InvalidTransition(
                f"{appended} would make a recorded event invalid: {error}",
                event_id=error.event_id,
                effective=error.effective,
                rule=error.rule,
                appended_id=culprit.id if culprit else None,
            ) from error

    def write_checkpoints(self) -> None:
        """Write the checkpoints this log keeps on disk, if they are missing.

        Appends do this as they go; call it after filling a store without a
        log (say, a bulk load through `SQLiteStore.append`), so that the
        next `EventLog.open` starts from a checkpoint. It takes the store's
        write lock, and does nothing for a store that keeps none, or with
        ``checkpoints=False``.
        """
        with self._store.writing():
            self.refresh()
            self._keep_checkpoints(settled=False)

    def _load(self) -> None:
        """Read every entry, if the log was opened from a checkpoint.

        If reading fails (a malformed row, say), the log stays as it was
        opened, and the error is raised again by the next question that
        needs every entry.
        """
        deferred = self._deferred
        if deferred is None:
            return
        self._deferred = None
        try:
            # Only those the store held when the log was opened: what other
            # writers appended since waits for `refresh`, as it always does.
            with collector_paused():
                entries = list(itertools.islice(self._store.read(), deferred.version))
            self._take(entries, deferred)
        except BaseException:
            self._deferred = deferred
            raise

    def _open_deferred(self) -> bool:
        """Open from the latest valid checkpoint, reading only the events after it.

        Returns `False` (read everything) if the store cannot read a tail
        alone, no checkpoint is valid, or the tail does not read or replay
        (reading everything then raises the error, with its place).
        """
        tail_after = getattr(self._store, "tail_after", None)
        table = self._table(create=False)
        if tail_after is None or table is None:
            return False
        try:
            stored = table.load()
        except sqlite3.Error:
            return False
        candidates = stored[::-1]  # by position: the latest first
        while candidates:
            try:
                found = tail_after(candidates)
            except (TradeDisputeError, sqlite3.Error):
                return False  # reading everything raises it, with its place
            if found is None:
                return False
            checkpoint, version, events = found
            try:
                state = decode_state(checkpoint.state)
            except ValueError:
                # An unreadable state: an older checkpoint may do.
                candidates = candidates[candidates.index(checkpoint) + 1 :]
                continue
            tail = Checkpointed(events, spacing=self._spacing)
            tail.seed(0, state)
            try:
                tail.seed(len(events), tail.state_after(len(events)))
            except TradeDisputeError:
                return False
            self._deferred = _Deferred(
                version,
                checkpoint.last_effective,
                tail,
                stored,
                checkpoint.position,
                state,
            )
            return True
        return False

    def _table(self, *, create: bool) -> CheckpointTable | None:
        table_of = getattr(self._store, "checkpoint_table", None)
        if not self._keeping or table_of is None:
            return None
        table: CheckpointTable | None = table_of(create=create)
        return table

    def _prepare_from_disk(
        self, batch: list[Entry], deferred: _Deferred | None = None
    ) -> _Pending | None:
        """Validate a first read from the latest valid checkpoint on disk.

        *deferred*: the checkpoints already read, and the one already
        decoded, when the log was opened from it. Returns `None` (replay
        everything) when there is none to use.
        """
        if self._records:
            return None
        decoded: dict[int, DisputeState] = {}
        if deferred is not None:
            rows = deferred.stored
            decoded[deferred.position] = deferred.state
        else:
            table = self._table(create=False)
            if table is None:
                return None
            try:
                rows = table.load()
            except sqlite3.Error:
                return None
        stale = _stale_from(batch)
        replayed = replay_order(corrected(batch))
        valid = {
            row.position: row.state
            for row in rows
            if 0 < row.position <= len(replayed)
            and row.version <= len(batch)
            and stale[row.version] > (row.last_effective, 0)
            and replayed[row.position - 1].effective == row.last_effective
            and replayed[row.position - 1].id == row.last_id
        }
        for position in sorted(valid, reverse=True):
            data = valid.pop(position)
            try:
                state = decoded[position] if position in decoded else decode_state(data)
            except ValueError:
                continue
            self._kept = {*valid, position}
            self._stored = valid
            head, _ = self._replay_checked(batch, replayed, position, state)
            # Nothing was in memory, so everything stays.
            return _Pending(head, replayed, [], len(replayed), ((position, state),))
        return None

    def _keep_checkpoints(self, *, settled: bool = True) -> None:
        """Write the checkpoints a log of this length keeps on disk, if missing.

        With *settled*, as appends do, only those that some events follow
        (see `_KEEP_SETTLE`): a back-dated append that lands before a
        checkpoint makes it stale, and such appends land mostly among the
        last events.
        """
        events = self._current.events
        spacing = _keep_spacing(len(events))
        wanted = range(spacing, len(events) + 1, spacing)
        settle = spacing // _KEEP_SETTLE if settled else 0
        # A short log has none, and gets no table or sidecar file for them.
        table = self._table(create=bool(wanted))
        if table is None:
            return
        try:
            table.keep_only(p for p in self._kept if p in wanted)
            self._kept &= set(wanted)
            for position in wanted:
                if position in self._kept or position + settle > len(events):
                    continue
                try:
                    data = encode_state(self._state_after(position))
                except ValueError:  # facts of user-defined types: not stored
                    return
                last = events[position - 1]
                table.save(
                    StoredCheckpoint(
                        position, self.version, last.effective, last.id, data
                    )
                )
                self._kept.add(position)
        except sqlite3.Error:  # a cache: a failure to write it loses only time
            return

    def _state_after(self, stop: int) -> DisputeState:
        """The current state after *stop* events, from the nearest checkpoint."""
        nearest = self._current.nearest(stop)
        stored = [p for p in self._stored if nearest < p <= stop]
        if stored:
            best = max(stored)
            try:
                state = decode_state(self._stored.pop(best))
            except ValueError:
                self._kept.discard(best)
            else:
                self._current.seed(best, state)
        return self._current.state_after(stop)

    def _view(self, known_at: dt.datetime | None) -> Checkpointed:
        """The events in replay order, as the record stood at *known_at*."""
        self._load()
        if known_at is None:
            return self._current
        stop = bisect.bisect_right(
            self._records, check_moment(known_at), key=_recorded_at
        )
        if stop == len(self._records):
            return self._current
        view = self._past.pop(stop, None)
        if view is None:
            entries = (record.event for record in self._records[:stop])
            view = Checkpointed(replay_order(corrected(entries)), spacing=self._spacing)
        # Dicts keep insertion order: the most recently used view goes last,
        # and the least recently used goes first when there are too many.
        self._past[stop] = view
        if len(self._past) > _PAST_VIEWS:
            del self._past[next(iter(self._past))]
        return view

    def events(
        self,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        known_at: dt.datetime | None = None,
    ) -> tuple[Event, ...]:
        """Return the events effective from *since* to *until* (both included).

        Events come in replay order, as corrected; either bound may be left
        open.

        Args:
            since: The first effective date to include.
            until: The last effective date to include.
            known_at: Answer as the record stood at this moment (an aware
                `datetime`): only entries committed by then count. `None`
                means now.

        Raises:
            InvalidQuery: a bound is not a `datetime.date`, or *known_at* is
                not an aware `datetime.datetime`.
        """
        replayed = self._view(known_at).events
        start = 0
        stop = len(replayed)
        if since is not None:
            day = check_day("since", since)
            start = bisect.bisect_left(replayed, day, key=effective_date)
        if until is not None:
            day = check_day("until", until)
            stop = bisect.bisect_right(replayed, day, key=effective_date)
        return tuple(replayed[start:stop])

    def state_at(
        self, date: dt.date, *, known_at: dt.datetime | None = None
    ) -> DisputeState:
        """Return what was in force on *date*: every event effective on or before it.

        Args:
            date: The day asked about.
            known_at: Answer as the record stood at this moment (an aware
                `datetime`): only events and corrections committed by then
                count, so an answer given then can be given again. `None`
                means now.

        Raises:
            InvalidQuery: *date* is not a `datetime.date`, or *known_at* is
                not an aware `datetime.datetime`.
            CorruptRecord, SchemaError: the log was opened from a checkpoint
                (see `EventLog`) and a row before it, read now, is malformed.
        """
        day = check_day("date", date)
        deferred = self._deferred
        if deferred is not None and known_at is None and day >= deferred.since:
            return deferred.tail.state_at(day)
        view = self._view(known_at)
        events = view.events
        if view is self._current and (not events or day >= events[-1].effective):
            return self._head
        with collector_paused():
            if view is not self._current:
                return view.state_at(day)
            return self._state_after(
                bisect.bisect_right(events, day, key=effective_date)
            )

    # --- the analyst's views (see tradedispute.views) -----------------------------

    def timeline(self, *, known_at: dt.datetime | None = None) -> Timeline:
        """Return every event in replay order, as corrected.

        Args:
            known_at: Answer as the record stood at this moment; `None`: now.

        Raises:
            InvalidQuery: *known_at* is not an aware `datetime.datetime`.
        """
        return Timeline(self._view(known_at).events)

    def diff(
        self, start: dt.date, end: dt.date, *, known_at: dt.datetime | None = None
    ) -> tuple[Change, ...]:
        """Return the measures that started, changed or ended from *start* to *end*.

        The net difference between the measures in force on *start* and on
        *end*, each `Change` with the last event in (start, end] that made
        it (see `tradedispute.views.diff`).

        Args:
            start: The earlier day.
            end: The later day (not before *start*).
            known_at: Answer as the record stood at this moment; `None`: now.

        Raises:
            InvalidQuery: a day is not a `datetime.date`, *start* is after
                *end*, or *known_at* is not an aware `datetime.datetime`.
        """
        first = check_day("start", start)
        last = check_day("end", end)
        return diff(self._view(known_at).events, first, last)

    def intervals(self, *, known_at: dt.datetime | None = None) -> Intervals:
        """Return each measure's periods in force, [start, end), by start.

        At any date, the intervals covering it are exactly the measures in
        force in `state_at` that date.

        Args:
            known_at: Answer as the record stood at this moment; `None`: now.

        Raises:
            InvalidQuery: *known_at* is not an aware `datetime.datetime`.
        """
        return Intervals(intervals(self._view(known_at).events))

    def escalation(self, *, known_at: dt.datetime | None = None) -> EscalationSeries:
        """Return each country's escalation index over time, as a step series.

        The index on a date is `tradedispute.views.escalation` of `state_at`
        that date: the weighted count of the measures the country has in
        force (weights in `tradedispute.views.ESCALATION_WEIGHTS`).

        Args:
            known_at: Answer as the record stood at this moment; `None`: now.

        Raises:
            InvalidQuery: *known_at* is not an aware `datetime.datetime`.
        """
        return EscalationSeries(escalation_series(self._view(known_at).events))

    def reciprocity(
        self,
        *,
        window_days: int = 60,
        families: Mapping[type[Event], str] | None = None,
        known_at: dt.datetime | None = None,
    ) -> tuple[Reciprocation, ...]:
        """Return the moves answered in kind by the other side within *window_days*.

        Args:
            window_days: How many days after a move an answer may come.
            families: Event type → family; moves answer each other when of
                the same family. `tradedispute.views.FAMILIES` if not given.
            known_at: Answer as the record stood at this moment; `None`: now.

        Raises:
            InvalidQuery: *window_days* is not an integer >= 0, or *known_at*
                is not an aware `datetime.datetime`.
        """
        return reciprocity(
            self._view(known_at).events, window_days=window_days, families=families
        )
