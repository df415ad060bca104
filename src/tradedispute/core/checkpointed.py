"""Checkpoints: states kept at intervals of replay position, to answer any date fast.

`Checkpointed` holds events in replay order and the state after every
`spacing`-th of them. ``state_at(day)`` starts from the nearest checkpoint at
or before the day's position and folds only the events between, so asking
for any date costs at most `spacing` reducer calls once the checkpoints
exist. They are made lazily, on the first question that passes them.

A change to the events at some position (a back-dated append, a correction)
invalidates exactly the checkpoints after that position; those before stay.
Since states are immutable values sharing structure, keeping a checkpoint
costs little memory. It is pure: it reads no clock and no file.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from tradedispute.core.events import Event
from tradedispute.core.replay import EMPTY_STATE, effective_date, replay, state_on
from tradedispute.core.state import DisputeState

#: Events between checkpoints: at most this many reducer calls per question.
DEFAULT_SPACING = 128


class CheckpointedMark(NamedTuple):
    """A `Checkpointed` as it was: its events list, their number, its checkpoints."""

    events: list[Event]
    length: int
    positions: list[int]
    states: dict[int, DisputeState]


class Checkpointed:
    """Events in replay order, with the states at every `spacing`-th position.

    Args:
        events: The events, in replay order. The list is taken over, not
            copied: change it only through this object.
        spacing: Events between two checkpoints.
    """

    __slots__ = ("_events", "_positions", "_spacing", "_states")

    def __init__(self, events: list[Event], *, spacing: int = DEFAULT_SPACING) -> None:
        if spacing < 1:
            raise ValueError(f"spacing must be >= 1, not {spacing}")
        self._events = events
        self._spacing = spacing
        # The state after the first n events, for each n in _positions
        # (sorted): multiples of spacing, and states given by `seed`.
        self._states: dict[int, DisputeState] = {0: EMPTY_STATE}
        self._positions: list[int] = [0]

    @property
    def events(self) -> list[Event]:
        """The events in replay order (do not mutate)."""
        return self._events

    @property
    def spacing(self) -> int:
        """Events between two checkpoints."""
        return self._spacing

    def positions(self) -> tuple[int, ...]:
        """Return the positions that have a checkpoint (0, the empty state, too)."""
        return tuple(self._positions)

    def mark(self) -> CheckpointedMark:
        """Return what `restore` needs to undo every change made after now."""
        return CheckpointedMark(
            self._events, len(self._events), list(self._positions), dict(self._states)
        )

    def restore(self, mark: CheckpointedMark) -> None:
        """Undo every change made since *mark* was taken."""
        del mark.events[mark.length :]
        self._events = mark.events
        self._positions = mark.positions
        self._states = mark.states

    def seed(self, position: int, state: DisputeState) -> None:
        """Take *state* as the state after the first *position* events."""
        if position not in self._states:
            bisect.insort(self._positions, position)
        self._states[position] = state

    def nearest(self, stop: int) -> int:
        """Return the position of the last checkpoint at or before *stop*."""
        return self._positions[bisect.bisect_right(self._positions, stop) - 1]

    def state_after(self, stop: int) -> DisputeState:
        """Return the state after the first *stop* events."""
        base = self.nearest(stop)
        # Fold on, keeping a checkpoint at each multiple of spacing passed.
        state, marks = fold_marking(
            self._events, base, stop, self._states[base], self._spacing
        )
        for position, passed in marks:
            self.seed(position, passed)
        return state

    def state_at(self, day: dt.date) -> DisputeState:
        """Return the state on *day*: every event effective on or before it.

        The changes due by *day* that need no event (a scheduled measure
        taking effect, say) are applied too.
        """
        stop = bisect.bisect_right(self._events, day, key=effective_date)
        return state_on(self.state_after(stop), day)

    def extend(self, events: Sequence[Event]) -> None:
        """Add *events* after all others (none may be effective earlier)."""
        self._events.extend(events)

    def replace(self, events: list[Event], *, unchanged: int) -> None:
        """Take *events* as the new replay order.

        Args:
            events: The new events in replay order.
            unchanged: How many leading events are the same as before; the
                checkpoints within them are kept, the rest dropped.
        """
        self._events = events
        keep = bisect.bisect_right(self._positions, unchanged)
        for position in self._positions[keep:]:
            del self._states[position]
        del self._positions[keep:]


def fold_marking(
    events: Sequence[Event],
    start: int,
    stop: int,
    state: DisputeState,
    spacing: int,
) -> tuple[DisputeState, list[tuple[int, DisputeState]]]:
    """Fold ``events[start:stop]`` onto *state*, which is the state after *start*.

    Returns the state after *stop*, and the state at each multiple of
    *spacing* passed on the way, by position: checkpoints to keep.
    """
    marks = []
    mark = (start // spacing + 1) * spacing
    while mark <= stop:
        state = replay(events[start:mark], initial=state)
        marks.append((mark, state))
        start = mark
        mark += spacing
    return replay(events[start:stop], initial=state), marks


def common_prefix(old: Sequence[Event], new: Sequence[Event]) -> int:
    """Return how many leading events *old* and *new* share (by identity or value)."""
    count = 0
    for before, after in zip(old, new, strict=False):
        if before is not after and before != after:
            break
        count += 1
    return count
