"""A log's entries in memory, the events they replay to, and validation by replay.

`Replayed` holds what a log has read: every entry in append order, the
events as corrected in replay order (with in-memory checkpoints), and the
state after them all. `Replayed.prepare` validates a batch against it by
replay and changes nothing; `Replayed.commit` takes a prepared batch in,
once the store has it.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Callable, Sequence

import attrs

from tradedispute.codec.converter import RecordedEvent
from tradedispute.core.checkpointed import Checkpointed, common_prefix, fold_marking
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
from tradedispute.core.replay import EMPTY_STATE, effective_date, replay, replay_order
from tradedispute.core.state import DisputeState
from tradedispute.exceptions import (
    DuplicateEventId,
    InvalidTransition,
    UnknownEventType,
)


@attrs.frozen
class Pending:
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


def check_types(batch: Sequence[Entry]) -> None:
    """Raise `UnknownEventType` for an item that is no event a log can hold."""
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


class Replayed:
    """What a log has read, replayed: entries, events in replay order, head state.

    Args:
        spacing: Keep the state after every this many events in replay order.
        seed: Called with the current events' checkpoints and a position
            before folding to it, to add a nearer checkpoint (one kept on
            disk) if there is one.
    """

    def __init__(
        self, *, spacing: int, seed: Callable[[Checkpointed, int], None]
    ) -> None:
        self._spacing = spacing
        self._seed = seed
        self.records: list[RecordedEvent] = []
        # The events as corrected now, in replay order (sorted by effective
        # date, ties in append order: sorting and merging keep that), with
        # checkpoints that answer state_at for any date in a few folds.
        self.current = Checkpointed([], spacing=spacing)
        # The state after every event; answers state_at(date.max) at once.
        self.head: DisputeState = EMPTY_STATE
        self._ids: set[str] = set()
        self._corrections = 0

    def state_after(self, stop: int) -> DisputeState:
        """The current state after *stop* events, from the nearest checkpoint."""
        self._seed(self.current, stop)
        return self.current.state_after(stop)

    def check_ids(self, batch: Sequence[Entry]) -> None:
        """Raise `DuplicateEventId` if an id of *batch* is taken or repeats."""
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

    def is_taken(self, event_id: str) -> bool:
        """Tell whether an entry read has the id *event_id*."""
        return event_id in self._ids

    def prepare_from(
        self,
        batch: list[Entry],
        replayed: list[Event],
        position: int,
        state: DisputeState,
    ) -> Pending:
        """Validate a first read *batch* from a checkpoint: *state* after *position*.

        *replayed* is the events of *batch* in replay order, as corrected.
        Only for a `Replayed` that holds nothing yet.
        """
        head, _ = self._replay_checked(batch, replayed, position, state)
        # Nothing was in memory, so everything stays.
        return Pending(head, replayed, [], len(replayed), ((position, state),))

    def prepare(self, batch: list[Entry]) -> Pending:
        """Validate *batch* against what was read by replay; change nothing.

        Raises:
            InvalidTransition: an event makes no sense where it lands, or
                the batch would make a recorded event invalid.
            InvalidCorrection: a correction names no event recorded before
                it, or one already retracted.
        """
        current = self.current.events
        if self._corrections or any(isinstance(e, Correction) for e in batch):
            # Correct the whole history again: a correction can move an
            # event anywhere in replay order. Replay from the last
            # checkpoint before the first event that differs.
            entries = [record.event for record in self.records]
            replayed = replay_order(corrected([*entries, *batch]))
            unchanged = common_prefix(current, replayed)
            head, seeds = self._replay_checked(
                batch, replayed, *self._restart(unchanged)
            )
            return Pending(head, replayed, [], unchanged, seeds)
        events = [event for event in batch if isinstance(event, Event)]
        # Sorting is stable, so same-day events keep their append order.
        landing = sorted(events, key=effective_date)
        if not current or landing[0].effective >= current[-1].effective:
            # The common case: the batch lands after everything recorded, so
            # folding it onto the current head validates it.
            return Pending(replay(landing, initial=self.head), None, landing)
        # A back-dated batch: what comes before its first date stays.
        unchanged = bisect.bisect_right(
            current, landing[0].effective, key=effective_date
        )
        # Merging is stable and takes the recorded events first among equal
        # dates: the batch goes after the events of its days, in its order.
        replayed = current[:unchanged]
        replayed.extend(heapq.merge(current[unchanged:], landing, key=effective_date))
        head, seeds = self._replay_checked(batch, replayed, *self._restart(unchanged))
        return Pending(head, replayed, landing, unchanged, seeds)

    def commit(self, recorded: Sequence[RecordedEvent], pending: Pending) -> None:
        """Take in *recorded* (the batch, as the store numbered it), as prepared.

        All or nothing: if anything stops it (Ctrl-C, say), what it changed
        is undone before the exception goes on.
        """
        count, head, corrections = len(self.records), self.head, self._corrections
        current = self.current.mark()
        try:
            self._commit(recorded, pending)
        except BaseException:
            del self.records[count:]
            self.current.restore(current)
            self.head, self._corrections = head, corrections
            self._ids.difference_update(record.event.id for record in recorded)
            raise

    def _commit(self, recorded: Sequence[RecordedEvent], pending: Pending) -> None:
        self.records.extend(recorded)
        if pending.replayed is None:
            self.current.extend(pending.landing)
        else:
            self.current.replace(pending.replayed, unchanged=pending.unchanged)
        for position, state in pending.seeds:
            self.current.seed(position, state)
        count = len(self.current.events)
        if count // self._spacing > (count - len(recorded)) // self._spacing:
            # Keep the head as a checkpoint once per spacing passed, so a
            # later back-dated append starts near where it lands.
            self.current.seed(count, pending.head)
        self._ids.update(record.event.id for record in recorded)
        self._corrections += sum(
            isinstance(record.event, Correction) for record in recorded
        )
        self.head = pending.head

    def _restart(self, unchanged: int) -> tuple[int, DisputeState]:
        """Where to replay from if the first *unchanged* events stay; the state there.

        The last multiple of the spacing within them: folding from there
        leaves checkpoints on the way, for the next back-dated append.
        """
        start = unchanged // self._spacing * self._spacing
        return start, self.state_after(start)

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
