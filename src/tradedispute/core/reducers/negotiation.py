"""Reducers of talks and demands."""

from __future__ import annotations

from tradedispute.core.frozenmap import FrozenMap
from tradedispute.core.reducers._common import quoted, reject
from tradedispute.core.registry import reducer
from tradedispute.core.state import (
    Demand,
    DisputeState,
    Fact,
    TalksRound,
    evolve,
)
from tradedispute.core.vocabulary import (
    DemandDropped,
    DemandMade,
    DemandMet,
    TalksHeld,
)


@reducer(TalksHeld)
def hold_talks(state: DisputeState, event: TalksHeld) -> DisputeState:
    """Add the round to the talks held."""
    round_ = TalksRound(
        date=event.effective,
        parties=event.parties,
        level=event.level,
        format=event.format,
        outcome=event.outcome,
        event_id=event.id,
        duration_hours=event.duration_hours,
        agreed=event.agreed,
        next_meeting=event.next_meeting,
    )
    return evolve(state, talks=state.talks.append(round_))


def _with_demands(
    state: DisputeState, key: tuple[str, str], demands: FrozenMap[str, Demand]
) -> DisputeState:
    if demands:
        return evolve(state, demands=state.demands.set(key, demands))
    return evolve(state, demands=state.demands.delete(key))


@reducer(DemandMade)
def make_demand(state: DisputeState, event: DemandMade) -> DisputeState:
    """Open the demand, or record its renewal if it is open already."""
    key = (event.actor, event.target)
    demands = state.demands.get(key, FrozenMap())
    open_ = demands.get(event.demand)
    if open_ is None:
        made = Demand(since=event.effective, event_id=event.id)
    else:
        again = Fact(since=event.effective, event_id=event.id)
        made = evolve(open_, renewed=(*open_.renewed, again))
    return _with_demands(state, key, demands.set(event.demand, made))


def _close_demand(
    state: DisputeState, event: DemandMet | DemandDropped, key: tuple[str, str]
) -> DisputeState:
    demands = state.demands.get(key, FrozenMap())
    if event.demand not in demands:
        demander, addressee = key
        reject(
            event,
            "demand-not-open",
            f"{demander} has no open demand {event.demand!r} of {addressee}; "
            f"its open demands: {quoted(demands)}",
        )
    return _with_demands(state, key, demands.delete(event.demand))


@reducer(DemandMet)
def meet_demand(state: DisputeState, event: DemandMet) -> DisputeState:
    """Close the target's demand of the actor: the actor met it."""
    return _close_demand(state, event, (event.target, event.actor))


@reducer(DemandDropped)
def drop_demand(state: DisputeState, event: DemandDropped) -> DisputeState:
    """Close the actor's own demand of the target."""
    return _close_demand(state, event, (event.actor, event.target))
