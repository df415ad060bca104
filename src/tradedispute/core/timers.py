"""The passing of days: changes that take effect with no event of their own.

`keep` puts a measure on the books (or takes it off) and keeps the timer
table and the index of measures by actor in step with it: each day on which
the measure changes by itself (a scheduled start, an expiry, an exclusion
running out) lists the measure.
`advance` applies every change due on or before a day, in day order.
Replay advances the state to each event's day before applying the event,
and a question about a day advances the state to that day.
"""

from __future__ import annotations

import datetime as dt

from tradedispute.core.frozenmap import FrozenMap
from tradedispute.core.interventions import Intervention, on_day
from tradedispute.core.state import DisputeState, evolve

__all__ = ["advance", "keep"]

_NONE: FrozenMap[str, bool] = FrozenMap()


def keep(
    state: DisputeState, measure: str, intervention: Intervention | None
) -> DisputeState:
    """Return *state* with *measure* set to *intervention* (`None`: taken off).

    Its timers follow: the days it no longer changes on lose it, the new
    ones gain it. The cost is that of the measure's own timers, not of the
    table (except for finding the next due day when the first one empties).
    """
    old = state.interventions.get(measure)
    before = set(old.timers()) if old is not None else set()
    after = set(intervention.timers()) if intervention is not None else set()
    timers = state.timers
    for day in before - after:
        left = timers[day].delete(measure)
        timers = timers.set(day, left) if left else timers.delete(day)
    for day in after - before:
        timers = timers.set(day, timers.get(day, _NONE).set(measure, True))
    due = state.due
    if timers is not state.timers:
        if due is None or due not in timers:
            due = min(timers) if timers else None
        added = after - before
        if added and (due is None or min(added) < due):
            due = min(added)
    interventions = (
        state.interventions.set(measure, intervention)
        if intervention is not None
        else state.interventions.delete(measure)
        if old is not None
        else state.interventions
    )
    by_actor = state.by_actor
    if old is None and intervention is not None:
        mine = by_actor.get(intervention.actor, _NONE).set(measure, True)
        by_actor = by_actor.set(intervention.actor, mine)
    elif old is not None and intervention is None:
        left = by_actor[old.actor].delete(measure)
        by_actor = by_actor.set(old.actor, left) if left else by_actor.delete(old.actor)
    return evolve(
        state,
        interventions=interventions,
        timers=timers,
        due=due,
        by_actor=by_actor,
    )


def advance(state: DisputeState, day: dt.date) -> DisputeState:
    """Return *state* once *day* has come: every change due by then applied.

    Changes apply in day order; those of one day in measure-id order.
    """
    while state.due is not None and state.due <= day:
        when = state.due
        for measure in sorted(state.timers[when]):
            state = keep(state, measure, on_day(state.interventions[measure], when))
        if state.due == when:  # pragma: no cover - keep() removes every timer due
            raise AssertionError(f"timers due on {when} did not clear")
    return state
