"""The append-only event log, and the questions it answers by replay."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import os
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import NoReturn

from tradedispute._runtime import collector_paused
from tradedispute.codec.chain import Head
from tradedispute.codec.converter import RecordedEvent
from tradedispute.core.arguments import DayLike, check_day, check_moment
from tradedispute.core.checkpointed import DEFAULT_SPACING, Checkpointed
from tradedispute.core.corrections import Entry, corrected
from tradedispute.core.replay import effective_date, replay_order, state_on
from tradedispute.core.state import DisputeState
from tradedispute.exceptions import (
    AppendFailed,
    CorruptRecord,
    InvalidCorrection,
    InvalidQuery,
    InvalidTransition,
    LogClosed,
    StorageError,
    TradeDisputeError,
)
from tradedispute.log.following import check_follow, follow_entries
from tradedispute.log.history import History, PastViews, history_of
from tradedispute.log.keeper import CheckpointKeeper, OpenedFromCheckpoint
from tradedispute.log.questions import Questions
from tradedispute.log.replayed import Pending, Replayed, check_types
from tradedispute.log.verification import Verifiable
from tradedispute.stores.memory import MemoryStore
from tradedispute.stores.opener import open_store
from tradedispute.stores.protocol import (
    EventStore,
    TransactionalAppends,
    conflict,
)

__all__ = ["EventLog", "History"]


class EventLog(Questions, Verifiable):
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
            them (SQLite and JSON Lines stores can), so that opening replays
            only the events after the latest one bound to the log's hash
            chain. A SQLite log may open from one without reading the rows
            before it; a question that then needs them reads (and checks)
            them, raising what opening would have raised. When they are
            written and used: docs/performance.md. ``False`` reads and
            replays everything at once, as ``tradedispute validate`` does.

    Raises:
        InvalidQuery: *checkpoint_spacing* is not an integer >= 1.
        InvalidTransition: events already in *store* do not replay.
        CorruptRecord: a stored record is malformed, or an id repeats.
        SchemaError: a stored record has an unknown type or schema version.
    """

    __slots__ = ("_closed", "_keeper", "_opened", "_past", "_replayed", "_store")

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
        self._closed = False
        self._store: EventStore = store if store is not None else MemoryStore()
        self._keeper = CheckpointKeeper(
            self._store, enabled=checkpoints, spacing=checkpoint_spacing
        )
        self._replayed = Replayed(spacing=checkpoint_spacing, seed=self._keeper.seed)
        self._past = PastViews(spacing=checkpoint_spacing)
        # Opened from a checkpoint: the entries before it are read (and
        # checked) only when a question needs them.
        self._opened: OpenedFromCheckpoint | None = self._keeper.open_tail()
        if self._opened is None:
            self.refresh()

    @classmethod
    def open(
        cls,
        path: str | os.PathLike[str],
        *,
        repair: bool = False,
        read_only: bool = False,
        create: bool = True,
        verify: bool = False,
        expect_head: Head | str | None = None,
        checkpoint_spacing: int = DEFAULT_SPACING,
        checkpoints: bool = True,
    ) -> EventLog:
        """Open the log kept in *path*, creating the file if it is missing.

        Opening inspects before it writes: a file that is not a log (a
        database of another program, say) is refused and left untouched.

        The suffix picks the store: ``.jsonl`` for JSON Lines, ``.sqlite`` or
        ``.db`` for SQLite (`tradedispute.stores.open_store` chooses, and
        would take a server's URL by its scheme).

        Args:
            path: The log file, or a store's URL.
            repair: For a JSON Lines log whose last append was cut short by a
                crash: drop that torn tail (and warn with what was dropped)
                instead of raising `CorruptRecord`.
            read_only: Open for reading only. Nothing is written to the file
                or its folder; appends raise `ReadOnlyLog`. For a file or
                folder this process may not write (the CLI's read commands
                open this way).
            create: Create the file if it is missing; ``False`` refuses a
                missing file with `UnsupportedFile`, as *read_only* does.
            verify: For a reader who does not trust whoever writes the file:
                recompute the whole hash chain and check every record's
                hash, and use no checkpoint (every event is replayed).
            expect_head: A head published before (`Head`, or its text
                ``"412:sha256:..."``): check that the log extends it, its
                first entries hashing to that hash.
            checkpoint_spacing: As for `EventLog`.
            checkpoints: As for `EventLog`.

        Raises:
            UnsupportedFile: the suffix (or a URL's scheme) names no store,
                the file is not a log of that kind, or it is missing and may
                not be created.
            StorageError: the file cannot be opened (permissions, say).
            CorruptRecord: a record is malformed; the message names the file
                and line (or seq) and the field. A SQLite log opened from a
                checkpoint reads only the rows after it here; the others
                raise when a question first reads them (see *checkpoints*).
            SchemaError: a record has an unknown type or schema version (as
                for `CorruptRecord`, later for the rows a SQLite log opened
                from a checkpoint has not read).
            InvalidTransition: the stored events do not replay.
            ChainBroken: with *verify*, a record's hash does not follow from
                the records up to it; with *expect_head*, the log does not
                extend that head.
            InvalidQuery: *expect_head* is not a head.
        """
        if isinstance(expect_head, str):
            expect_head = Head.parse(expect_head)
        store = open_store(path, repair=repair, read_only=read_only, create=create)
        try:
            log = cls(
                store=store,
                checkpoint_spacing=checkpoint_spacing,
                checkpoints=checkpoints and not verify,
            )
            if verify or expect_head is not None:
                log.verify(extends=expect_head)
            return log
        except BaseException:
            store.close()
            raise

    def close(self) -> None:
        """Release the log's file or connection; it cannot be used after.

        Every later use (a question, an append, ``len``) raises `LogClosed`;
        closing again does nothing.
        """
        if self._closed:
            return
        self._closed = True
        self._store.close()

    @property
    def closed(self) -> bool:
        """Whether `close` was called."""
        return self._closed

    def _check_open(self) -> None:
        if self._closed:
            raise LogClosed(
                f"{self._store.location}: the log is closed; open it again "
                "(EventLog.open) to read or append",
                location=self._store.location,
            )

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
        return iter([record.event for record in self._replayed.records])

    def __repr__(self) -> str:
        if self._closed:
            return f"<closed EventLog at {self._store.location}>"
        return f"<EventLog of {len(self)} events at {self._store.location}>"

    def __getitem__(self, event_id: str) -> Entry:
        """Return the entry appended with the id *event_id*, as it was recorded.

        A correction does not change what this returns (see `history` for
        the event with its corrections, and `events` for the record as it
        stands).

        Raises:
            KeyError: no entry has that id.
        """
        found = self.get(event_id)
        if found is None:
            raise KeyError(event_id)
        return found

    def get(self, event_id: str, default: Entry | None = None) -> Entry | None:
        """Return the entry appended with the id *event_id*, or *default*."""
        self._load()
        if not self._replayed.is_taken(event_id):
            return default
        return next(
            record.event
            for record in self._replayed.records
            if record.event.id == event_id
        )

    def __contains__(self, event_id: object) -> bool:
        """Whether an entry with the id *event_id* was appended."""
        self._load()
        return isinstance(event_id, str) and self._replayed.is_taken(event_id)

    @property
    def version(self) -> int:
        """The number of entries appended: the ``seq`` of the last one."""
        self._check_open()
        if self._opened is not None:
            return self._opened.version
        return len(self._replayed.records)

    @property
    def location(self) -> str:
        """Where the events are kept: a path, or ``":memory:"``."""
        return self._store.location

    def records(self) -> tuple[RecordedEvent, ...]:
        """Return every entry with its ``seq`` and commit time, in append order."""
        self._load()
        return tuple(self._replayed.records)

    def history(self, event_id: str) -> History:
        """Return the event *event_id* as recorded, with every correction to it.

        Raises:
            InvalidQuery: no event has that id (or it is a correction's id).
        """
        self._load()
        return history_of(self._replayed.records, event_id, location=self.location)

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

    def follow(
        self,
        *,
        timeout: float | None = None,
        after: int | None = None,
        poll: float = 0.2,
    ) -> Iterator[RecordedEvent]:
        """Yield each entry committed to the store after *after*, as it comes.

        Every entry, whoever appended it (another process, another log on
        the same file, or this log), is yielded exactly once, in ``seq``
        order. The log takes each in before it is yielded (it `refresh`es,
        which validates by replay), so inside the loop `version` is at
        least the entry's ``seq`` and `state_at` already counts it (and any
        read with it).

        Between reads that find nothing the follower waits: on a store that
        notifies (`tradedispute.stores.NotifiesAppends`) until another
        process commits, else for *poll* seconds. The store is the source of
        truth: a wake-up is only a hint to read it, and the follower moves
        past an entry only once it has read it, so it cannot skip one that
        commits late. It holds no lock between entries, so a consumer may
        stop at any time (``break``) and leave nothing locked.

        Args:
            timeout: Seconds to wait for the next entry; if none arrives in
                that time, the iterator ends. ``0`` yields what the store
                holds and ends; `None` waits for ever.
            after: Follow from the entry after this ``seq``, from 0 (the
                whole log) to `version` (the default: what the log has not
                read yet, and all that comes).
            poll: Seconds between reads of a store that does not notify
                (JSON Lines, SQLite, memory).

        Raises:
            InvalidQuery: *timeout* is negative, *poll* not > 0, or *after*
                not a ``seq`` from 0 to `version`; raised by the call.
            StorageError: the store cannot be read (it was closed, say).
            CorruptRecord, SchemaError, InvalidTransition, InvalidCorrection:
                as for `refresh`, for an entry read.

        Examples:
            >>> import datetime as dt
            >>> from tradedispute import EventLog, WhitelistRemoved
            >>> log = EventLog()
            >>> log.append(WhitelistRemoved(id="jpn", actor="JPN", target="KOR",
            ...                             effective=dt.date(2019, 8, 28)))
            >>> for record in log.follow(after=0, timeout=0):
            ...     print(record.seq, record.event.id)
            ...     if record.event.id == "jpn":
            ...         log.append(WhitelistRemoved(id="kor", actor="KOR",
            ...             target="JPN", effective=dt.date(2019, 9, 18)))
            1 jpn
            2 kor
        """
        self._check_open()
        start = check_follow(
            timeout=timeout, after=after, poll=poll, version=self.version
        )

        def read(seen: int) -> list[RecordedEvent]:
            self.refresh()
            return self._replayed.records[seen:]

        return follow_entries(
            self._store, read, after=start, timeout=timeout, poll=poll
        )

    def _take(
        self, new: list[RecordedEvent], opened: OpenedFromCheckpoint | None = None
    ) -> None:
        """Validate entries read from the store by replay, and take them in.

        *opened*: what the log knew when opened from a checkpoint, to start
        from that checkpoint without reading it again.
        """
        if not new:
            return
        seen: set[str] = set()
        for record in new:
            if self._replayed.is_taken(record.event.id) or record.event.id in seen:
                raise CorruptRecord(
                    f"{self.location} (seq {record.seq}): the id "
                    f"{record.event.id!r} is already used by an earlier event",
                    location=self.location,
                    seq=record.seq,
                    field="id",
                )
            seen.add(record.event.id)
        batch = [record.event for record in new]
        seq = {record.event.id: record.seq for record in new}
        try:
            pending = self._prepare_first(new, batch, opened) or (
                self._replayed.prepare(batch)
            )
        except InvalidTransition as error:
            raise error.stored_at(self.location, seq.get(error.event_id)) from error
        except InvalidCorrection as error:
            raise error.stored_at(self.location, seq[error.correction_id]) from error
        self._commit(new, pending)

    def _commit(self, recorded: list[RecordedEvent], pending: Pending) -> None:
        """Take in a batch the store holds, as validated; drop stale checkpoints.

        The checkpoints go first: forgetting one only costs time, so if the
        commit is then stopped (and undone), nothing wrong is left behind.
        """
        if pending.replayed is not None:
            self._keeper.forget_after(pending.unchanged)
        self._replayed.commit(recorded, pending)

    def _prepare_first(
        self,
        new: list[RecordedEvent],
        batch: list[Entry],
        opened: OpenedFromCheckpoint | None,
    ) -> Pending | None:
        """Validate a first read from the latest valid checkpoint on disk, if any.

        *batch* is the entries of *new*, in the same order.
        """
        if self._replayed.records:
            return None
        replayed = replay_order(corrected(batch))
        found = self._keeper.first_read(new, replayed, opened)
        if found is None:
            return None
        return self._replayed.prepare_from(batch, replayed, *found)

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
            ReadOnlyLog: the log was opened read-only.
            AppendFailed: the store failed (a full disk, say); ``committed``
                says whether the event landed. The log is as it was.
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
            ReadOnlyLog: the log was opened read-only.
            AppendFailed: the store failed (a full disk, a failed commit);
                ``committed`` says whether the batch landed. Either way the
                log is as it was, and what landed is read on the next
                refresh or append. Ctrl-C goes on as `KeyboardInterrupt`,
                with a note that says the same.
        """
        if expected_version is not None and (
            isinstance(expected_version, bool)
            or not isinstance(expected_version, int)
            or expected_version < 0
        ):
            raise InvalidQuery(
                f"expected_version must be an integer >= 0, not {expected_version!r}"
            )
        self._check_open()
        batch = list(events)
        check_types(batch)
        with collector_paused():
            self._extend(batch, expected_version)

    def _extend(self, batch: list[Entry], expected_version: int | None) -> None:
        """Append *batch*: validate and write under the lock, then take it in.

        The log changes only once the store has committed the batch, and
        writes checkpoints after that, in a transaction of their own.
        """
        store = self._store
        recorded: list[RecordedEvent] | None = None
        try:
            # Hold the store's write lock from reading to writing, so that no
            # other writer can append between our validation and our append.
            with store.writing():
                self.refresh()
                if expected_version is not None and expected_version != self.version:
                    raise conflict(
                        self.location, expected=expected_version, actual=self.version
                    )
                self._replayed.check_ids(batch)
                if not batch:
                    return
                pending = self._replayed.prepare(batch)
                recorded = store.append(batch, expected_version=self.version)
        except BaseException as error:
            rejected = isinstance(error, TradeDisputeError) and not isinstance(
                error, StorageError
            )
            if recorded is None and rejected:
                raise  # refused for what it is: nothing was written
            committed: bool | None = recorded is not None and (
                not isinstance(store, TransactionalAppends)
                # An interrupt can land just after the commit returned; a
                # server that lost the connection may have committed.
                or store.landed(recorded[-1])
            )
            _append_failed(self.location, error, batch, committed=committed)
        try:
            self._commit(recorded, pending)
        except BaseException as error:
            _append_failed(self.location, error, batch, committed=True)
        self._keep_checkpoints()

    def write_checkpoints(self) -> None:
        """Write the checkpoints this log keeps on disk, if they are missing.

        Appends do this as they go; call it after filling a store without a
        log (say, a bulk load through `SQLiteStore.append`), so that the
        next `EventLog.open` starts from a checkpoint. It takes the store's
        write lock, and does nothing for a store that keeps none, or with
        ``checkpoints=False``.
        """
        self._check_open()
        with self._store.writing():
            self.refresh()
            self._keep_checkpoints(settled=False)

    def _keep_checkpoints(self, *, settled: bool = True) -> None:
        records = self._replayed.records
        self._keeper.keep(
            self._replayed.current.events,
            version=self.version,
            head=records[-1].hash if records else None,
            state_after=self._replayed.state_after,
            settled=settled,
        )

    def _load(self) -> None:
        """Read every entry, if the log was opened from a checkpoint.

        If reading fails (a malformed row, say), the log stays as it was
        opened, and the error is raised again by the next question that
        needs every entry.
        """
        self._check_open()
        opened = self._opened
        if opened is None:
            return
        self._opened = None
        try:
            # Only those the store held when the log was opened: what other
            # writers appended since waits for `refresh`, as it always does.
            with collector_paused():
                entries = list(itertools.islice(self._store.read(), opened.version))
                self._take(entries, opened)
        except BaseException:
            self._opened = opened
            raise

    def _view(self, known_at: dt.datetime | None) -> Checkpointed:
        """The events in replay order, as the record stood at *known_at*."""
        self._load()
        if known_at is not None:
            past = self._past.at(self._replayed.records, check_moment(known_at))
            if past is not None:
                return past
        return self._replayed.current

    def state_at(
        self, date: DayLike, *, known_at: dt.datetime | None = None
    ) -> DisputeState:
        """Return what was in force on *date*: every event effective on or before it.

        Args:
            date: The day asked about: a `datetime.date`, its ISO text
                (``"2020-03-11"``), or a `datetime` at midnight (a pandas
                ``Timestamp`` from ``to_frame()``).
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
        self._check_open()
        day = check_day("date", date)
        opened = self._opened
        if opened is not None and known_at is None and day >= opened.since:
            with collector_paused():
                return opened.tail.state_at(day)
        view = self._view(known_at)
        events = view.events
        replayed = self._replayed
        if view is replayed.current and (not events or day >= events[-1].effective):
            return state_on(replayed.head, day)
        with collector_paused():
            if view is not replayed.current:
                return view.state_at(day)
            return state_on(
                replayed.state_after(
                    bisect.bisect_right(events, day, key=effective_date)
                ),
                day,
            )


def _append_failed(
    location: str, error: BaseException, batch: list[Entry], *, committed: bool | None
) -> NoReturn:
    """Raise for a fault during an append, saying whether it was committed.

    An interrupt (Ctrl-C) goes on as it is, with a note; any other fault
    becomes `AppendFailed`. Either way the log is as it was.
    """
    what = f"appending {len(batch)} entr{'y' if len(batch) == 1 else 'ies'}"
    outcome = (
        "the batch was committed: the log will read it on its next refresh or append"
        if committed
        else "nothing was committed, and the log is as it was"
        if committed is not None
        else "whether the batch was committed cannot be told, as the store "
        "cannot be reached to ask; the log is as it was, and reads the batch "
        "on its next refresh if it was"
    )
    if not isinstance(error, Exception):
        error.add_note(f"tradedispute: {location}: {what}: {outcome}")
        raise error
    raise AppendFailed(
        f"{location}: {what} failed ({type(error).__name__}: {error}); {outcome}",
        location=location,
        committed=committed,
    ) from error
