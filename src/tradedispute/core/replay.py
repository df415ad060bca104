"""Replay: fold events, in replay order, into a `DisputeState`.

Replay order is (effective date, append sequence): events apply by the day
they took effect, and events of the same day in the order they were recorded.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Sequence

from tradedispute.core.events import Event
from tradedispute.core.registry import reducer_for
from tradedispute.core.state import DisputeState
from tradedispute.core.timers import advance
from tradedispute.exceptions import InvalidQuery

EMPTY_STATE = DisputeState()


def apply(state: DisputeState, event: Event) -> DisputeState:
    """Return the state after *event*, using its registered reducer.

    Raises:
        InvalidTransition: the event makes no sense in *state*.
        UnknownEventType: no reducer is registered for the event's type.
    """
    due = state.due
    if due is not None and due <= event.effective:
        state = advance(state, event.effective)
    return reducer_for(type(event))(state, event)


def replay(
    events: Iterable[Event], *, initial: DisputeState = EMPTY_STATE
) -> DisputeState:
    """Fold *events*, taken to be in replay order already, into a state.

    The state is that of the last event's day; for the state on a later
    day (with the changes due by then that need no event), pass it to
    `state_on`.

    Raises:
        InvalidTransition: an event makes no sense in the state it meets.
        UnknownEventType: an event's type has no reducer.
    """
    state = initial
    for event in events:
        # Changes due by the event's day (a scheduled measure taking effect,
        # say) apply before it; one comparison when nothing is due.
        due = state.due
        if due is not None and due <= event.effective:
            state = advance(state, event.effective)
        state = reducer_for(type(event))(state, event)
    return state


def state_on(state: DisputeState, day: dt.date) -> DisputeState:
    """Return *state*, the state after the events effective by *day*, on *day*.

    It applies the changes due by *day* that need no event: a scheduled
    measure taking effect, an exclusion or a measure expiring.
    """
    due = state.due
    if due is not None and due <= day:
        return advance(state, day)
    return state


def replay_order(events: Sequence[Event]) -> list[Event]:
    """Sort events given in append order into replay order.

    The sort is stable, so events of the same effective date keep their
    append order.
    """
    return sorted(events, key=effective_date)


def effective_date(event: Event) -> dt.date:
    """The replay sort key of an event given in append order."""
    return event.effective


def check_replay_order(events: Sequence[Event]) -> None:
    """Check that *events*, said to be in replay order, are sorted by date.

    Raises:
        InvalidQuery: an event is effective before the one listed before it.
    """
    for earlier, later in itertools.pairwise(events):
        if later.effective < earlier.effective:
            raise InvalidQuery(
                f"events must be in replay order (by effective date), but "
                f"{later.id!r} effective {later.effective} comes after "
                f"{earlier.id!r} effective {earlier.effective}; pass log.events() "
                "or replay_order(events)"
            )
