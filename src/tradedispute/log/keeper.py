"""The checkpoints a log keeps on disk: which to trust, and when to write them.

A store that `KeepsCheckpoints` holds states beside its events, so that a
log opens by replaying only what follows the latest. This module is the
policy: how many to keep and at which positions, when an append writes one,
which stored ones are still valid for the events read, and how a log opens
from one without reading the rows before it (a store that `ReadsTail`).
The log calls it; the stores only hold the rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

import attrs

from tradedispute._runtime import collector_paused
from tradedispute.codec.converter import RecordedEvent
from tradedispute.codec.state import decode_state, encode_state
from tradedispute.core.checkpointed import Checkpointed
from tradedispute.core.corrections import Entry, EventCorrected
from tradedispute.core.events import Event
from tradedispute.core.state import DisputeState
from tradedispute.exceptions import (
    ConcurrencyError,
    StorageError,
    TradeDisputeError,
)
from tradedispute.stores.protocol import (
    CheckpointTable,
    EventStore,
    KeepsCheckpoints,
    ReadsTail,
    StoredCheckpoint,
)

#: Checkpoints kept on disk: at most KEEP_MAX, at the multiples of a
#: spacing that starts at KEEP_SPACING events and doubles as the log grows.
KEEP_MAX = 4
KEEP_SPACING = 32768
#: An append writes a checkpoint once spacing // KEEP_SETTLE events (1,024
#: at first) follow it, so that back-dated appends seldom make it stale.
KEEP_SETTLE = 32


def keep_spacing(count: int) -> int:
    """Return the spacing of the checkpoints kept for a log of *count* events."""
    spacing = KEEP_SPACING
    while count // spacing > KEEP_MAX:
        spacing *= 2
    return spacing


def stale_from(entries: Sequence[Entry]) -> list[tuple[dt.date, int]]:
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


def usable(
    rows: Iterable[StoredCheckpoint],
    records: Sequence[RecordedEvent],
    replayed: Sequence[Event],
) -> list[StoredCheckpoint]:
    """The checkpoints a log of these *records* may start from, by position.

    One is usable if it is bound to the log's hash chain (the entry at its
    version carries its head), its last event is where it says in the
    replay order, and nothing recorded after it lands at or before it.
    """
    entries = [record.event for record in records]
    stale = stale_from(entries)
    return [
        row
        for row in sorted(rows, key=lambda row: (row.position, row.version))
        if 0 < row.position <= len(replayed)
        and 0 < row.version <= len(records)
        and records[row.version - 1].hash == row.head
        and stale[row.version] > (row.last_effective, 0)
        and replayed[row.position - 1].effective == row.last_effective
        and replayed[row.position - 1].id == row.last_id
    ]


@attrs.frozen
class OpenedFromCheckpoint:
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


class CheckpointKeeper:
    """Reads, checks and writes the checkpoints a log keeps in its store.

    A checkpoint on disk is a cache: one that cannot be read, or no longer
    fits the events, is skipped, and a failure to write one loses only time.

    Args:
        store: The log's store; one that does not `KeepsCheckpoints` keeps
            none, and every method here then does nothing.
        enabled: Whether to use and keep checkpoints at all.
        spacing: The log's in-memory checkpoint spacing.
    """

    def __init__(self, store: EventStore, *, enabled: bool, spacing: int) -> None:
        self._store = store
        self._enabled = enabled
        self._spacing = spacing
        # The positions of the checkpoints known valid, and those read but
        # not decoded yet (decoded when a question first needs one).
        self._kept: set[int] = set()
        self._stored: dict[int, bytes] = {}

    def _keeps(self) -> bool:
        """Whether checkpoints are used and the store can keep them."""
        return self._enabled and isinstance(self._store, KeepsCheckpoints)

    def _table(self, *, create: bool) -> CheckpointTable | None:
        if not self._keeps():
            return None
        assert isinstance(self._store, KeepsCheckpoints)  # as _keeps said
        try:
            return self._store.checkpoint_table(create=create)
        except StorageError:
            return None

    def _load(self) -> list[StoredCheckpoint] | None:
        table = self._table(create=False)
        if table is None:
            return None
        try:
            return table.load()
        except StorageError:
            return None

    def open_tail(self) -> OpenedFromCheckpoint | None:
        """Open from the latest valid checkpoint, reading only the events after it.

        Returns `None` (read everything) if the store cannot read a tail
        alone, no checkpoint is valid, or the tail does not read or replay
        (reading everything then raises the error, with its place).
        """
        store = self._store
        if not self._enabled or not isinstance(store, ReadsTail):
            return None
        stored = self._load()
        if stored is None:
            return None
        candidates = stored[::-1]  # by position: the latest first
        while candidates:
            try:
                found = store.tail_after(candidates)
            except TradeDisputeError:
                return None  # reading everything raises it, with its place
            if found is None:
                return None
            try:
                state = decode_state(found.checkpoint.state)
            except ValueError:
                # An unreadable state: an older checkpoint may do.
                candidates = candidates[candidates.index(found.checkpoint) + 1 :]
                continue
            tail = Checkpointed(found.events, spacing=self._spacing)
            tail.seed(0, state)
            try:
                with collector_paused():
                    tail.seed(len(found.events), tail.state_after(len(found.events)))
            except TradeDisputeError:
                return None
            return OpenedFromCheckpoint(
                found.version,
                found.checkpoint.last_effective,
                tail,
                stored,
                found.checkpoint.position,
                state,
            )
        return None

    def first_read(
        self,
        records: Sequence[RecordedEvent],
        replayed: Sequence[Event],
        opened: OpenedFromCheckpoint | None,
    ) -> tuple[int, DisputeState] | None:
        """Return the latest checkpoint valid for a log's first read, with its state.

        *records* are every entry read, in append order, and *replayed* the
        events they replay to; *opened*, the checkpoints already read (and
        the one already decoded) when the log was opened from one. `None`
        (replay everything) when none is valid. The others valid are kept,
        to decode when a question needs one.
        """
        decoded: dict[int, DisputeState] = {}
        if opened is not None:
            rows: list[StoredCheckpoint] | None = opened.stored
            decoded[opened.position] = opened.state
        else:
            rows = self._load()
        if not rows:
            return None
        # By position; of several rows at one, the one made latest.
        valid = {row.position: row.state for row in usable(rows, records, replayed)}
        for position in sorted(valid, reverse=True):
            data = valid.pop(position)
            try:
                state = decoded[position] if position in decoded else decode_state(data)
            except ValueError:
                continue
            self._kept = {*valid, position}
            self._stored = valid
            return position, state
        return None

    def seed(self, current: Checkpointed, stop: int) -> None:
        """Seed *current* with the nearest stored checkpoint at or before *stop*.

        Decodes it only if it is nearer than what *current* has.
        """
        nearest = current.nearest(stop)
        stored = [p for p in self._stored if nearest < p <= stop]
        if stored:
            best = max(stored)
            try:
                state = decode_state(self._stored.pop(best))
            except ValueError:
                self._kept.discard(best)
            else:
                current.seed(best, state)

    def forget_after(self, unchanged: int) -> None:
        """Forget the checkpoints after the first *unchanged* events (now stale)."""
        self._kept = {p for p in self._kept if p <= unchanged}
        self._stored = {p: d for p, d in self._stored.items() if p <= unchanged}

    def keep(
        self,
        events: Sequence[Event],
        *,
        version: int,
        head: str | None,
        state_after: Callable[[int], DisputeState],
        settled: bool = True,
    ) -> None:
        """Write the checkpoints a log of these *events* keeps, if missing.

        With *settled*, as appends do, only those that some events follow
        (see `KEEP_SETTLE`): a back-dated append that lands before a
        checkpoint makes it stale, and such appends land mostly among the
        last events. Rows are only added: one made stale stays, unused.

        Args:
            events: The log's events in replay order.
            version: The log's number of entries.
            head: The hash chain's hash after them; `None` (a log written
                before logs were chained) writes none, as none could be
                bound to the chain.
            state_after: The state after the first n events.
            settled: Write only checkpoints that enough events follow.
        """
        spacing = keep_spacing(len(events))
        wanted = range(spacing, len(events) + 1, spacing)
        settle = spacing // KEEP_SETTLE if settled else 0
        missing = self._missing(wanted, len(events) - settle)
        if not missing or head is None:
            return  # nothing to write: no transaction either
        if not self._keeps():
            return
        kept = self._kept & set(wanted)
        try:
            # A transaction of its own, after the append's: a checkpoint is a
            # cache, and failing to write one (or waiting too long for the
            # lock) must never fail the append it follows.
            with self._store.writing():
                # Made in the transaction, so its triggers come with it.
                table = self._table(create=True)
                if table is None:
                    return
                for position in missing:
                    try:
                        data = encode_state(state_after(position))
                    except ValueError:  # facts of user-defined types: not stored
                        break
                    last = events[position - 1]
                    table.save(
                        StoredCheckpoint(
                            position, version, last.effective, last.id, head, data
                        )
                    )
                    kept.add(position)
        except (StorageError, ConcurrencyError):  # a cache: it loses only time
            return
        # Known kept only once written: an interrupt above leaves it as it was.
        self._kept = kept

    def _missing(self, wanted: Iterable[int], last: int) -> list[int]:
        return [p for p in wanted if p not in self._kept and p <= last]
