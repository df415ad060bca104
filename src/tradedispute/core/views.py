"""The analyst's views of a log: what changed, for how long, and how hard.

Every function here is pure and takes events already in replay order (as
``log.events()`` returns them: by effective date, ties in append order).
They replay the events and follow the states' measures (`measure_changes`,
event by event and date by date): `diff` between two dates, `intervals` over
the whole record, and the escalation index of each country (`escalation`,
`escalation_series`). The chart's layout reads one pass of `daily_changes`
for its intervals, escalation and softened spans.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Literal, NamedTuple, cast

import attrs

from tradedispute.core.arguments import check_day
from tradedispute.core.catalogue import find_kind, kind_named, kinds
from tradedispute.core.events import Event
from tradedispute.core.frozenmap import FrozenMap
from tradedispute.core.measures import (
    Measure,
    MeasureChanges,
    MeasureKey,
    MeasureKind,
    measure_changes,
    measures,
)
from tradedispute.core.registry import reducer_for
from tradedispute.core.replay import (
    EMPTY_STATE,
    check_replay_order,
    effective_date,
    replay,
    state_on,
)
from tradedispute.core.state import DisputeState
from tradedispute.core.timers import advance
from tradedispute.exceptions import InvalidQuery

__all__ = [
    "ESCALATION_WEIGHTS",
    "Change",
    "EscalationPoint",
    "Interval",
    "diff",
    "escalation",
    "escalation_between",
    "escalation_series",
    "intervals",
]


# --- diff -----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Change:
    """How one measure differs between two dates, and the event that did it.

    Attributes:
        change: ``"started"`` (in force only at the end), ``"ended"`` (only
            at the start) or ``"changed"`` (at both, with other details).
        before: The measure at the start, `None` if it started.
        after: The measure at the end, `None` if it ended.
        date: The effective date of the event that did it.
        event_id: The last event in the window that changed this measure.
    """

    change: Literal["started", "changed", "ended"]
    before: Measure | None
    after: Measure | None
    date: dt.date
    event_id: str

    @property
    def key(self) -> MeasureKey:
        """The key of the measure that changed."""
        # A change has an after unless the measure ended, and a before then.
        return cast("Measure", self.after or self.before).key


class Cause(NamedTuple):
    """What changed a measure: the day, and the event.

    A change that needs no event of its own (a scheduled measure taking
    effect, an expiry, an exclusion running out) is put down to the last
    event that changed the measure before it (`Measure.changed_by`).
    """

    date: dt.date
    event_id: str


def _timer_cause(day: dt.date, old: Measure | None, new: Measure | None) -> Cause:
    measure = cast("Measure", old or new)
    return Cause(day, measure.changed_by or measure.event_id)


def _last_touches(
    state: DisputeState, events: Sequence[Event]
) -> tuple[DisputeState, MeasureChanges, dict[MeasureKey, Cause]]:
    """Apply *events*; return the state after them, what changed, and why.

    The changes are `measure_changes` from *state* to the state after
    *events*, the changes due that day with no event of their own
    included. The last mapping gives, for each measure key, the cause of
    the last change to it.
    """
    touched: dict[MeasureKey, Cause] = {}
    # key -> (its measure before the first change to it, after the last)
    spans: MeasureChanges = {}

    def record(before: DisputeState, after: DisputeState, cause: Cause | None) -> None:
        for key, (old, new) in measure_changes(before, after).items():
            touched[key] = cause or _timer_cause(day, old, new)
            spans[key] = (spans[key][0] if key in spans else old, new)

    for event in events:
        # What is due by the event's day comes first, each on its own day.
        while state.due is not None and state.due <= event.effective:
            day = state.due
            after = advance(state, day)
            record(state, after, None)
            state = after
        day = event.effective
        after = reducer_for(type(event))(state, event)
        record(state, after, Cause(day, event.id))
        state = after
    changes = {key: span for key, span in spans.items() if span[0] != span[1]}
    return state, changes, touched


def _timed(
    state: DisputeState, until: dt.date | None
) -> tuple[DisputeState, list[DayChanges]]:
    """Apply each day before *until* (or every day left) with changes due.

    Returns the state after them, and what each of those days changed.
    """
    days = []
    while state.due is not None and (until is None or state.due < until):
        day = state.due
        after = advance(state, day)
        changes = measure_changes(state, after)
        touched = {
            key: _timer_cause(day, old, new) for key, (old, new) in changes.items()
        }
        days.append(DayChanges(day, changes, touched))
        state = after
    return state, days


class DayChanges(NamedTuple):
    """What one day's events and timers changed, for the views that go day by day.

    Attributes:
        day: The day.
        changes: `measure_changes` from the end of the previous day with a
            change to the end of this one.
        touched: For each measure key touched that day, the cause of its last
            change (a key changed and changed back is here, not in
            *changes*).
    """

    day: dt.date
    changes: MeasureChanges
    touched: dict[MeasureKey, Cause]


def daily_changes(events: Sequence[Event]) -> Iterator[DayChanges]:
    """Yield what each day of *events* (in replay order) and of timers changed.

    The days are the events' effective dates and the days on which a
    measure changes with no event of its own (a scheduled start, an
    expiry, an exclusion running out), up to the last such day.

    Raises:
        InvalidQuery: *events* are not in replay order (before anything is
            yielded).
        InvalidTransition: an event makes no sense in the state it meets.
    """
    check_replay_order(events)
    return _daily_changes(events)


def _daily_changes(events: Sequence[Event]) -> Iterator[DayChanges]:
    state = EMPTY_STATE
    for day, group in _by_day(events):
        state, timed = _timed(state, day)
        yield from timed
        state, changes, touched = _last_touches(state, group)
        yield DayChanges(day, changes, touched)
    yield from _timed(state, None)[1]


def diff(events: Sequence[Event], start: dt.date, end: dt.date) -> tuple[Change, ...]:
    """Return how the measures in force on *end* differ from those on *start*.

    The state on a date replays the events effective on or before it. A
    measure whose key is in force only on *end* started, only on *start*
    ended, and on both but unequal changed; one that is equal on both dates
    is left out, whatever happened in between. Each change is put down to the
    last event effective in (*start*, *end*] whose application changed that
    measure, or to the day a change needing no event of its own took effect
    (see `Cause`). Sorted by (date, key).

    Args:
        events: The events in replay order.
        start: The first date; its events are part of the state compared.
        end: The second date, not before *start*.

    Raises:
        InvalidQuery: *start* or *end* is not a date, *start* is after
            *end*, or *events* are not in replay order.
        InvalidTransition: an event makes no sense in the state it meets.
    """
    start = check_day("start", start)
    end = check_day("end", end)
    if start > end:
        raise InvalidQuery(
            f"diff from {start} to {end}: the start is after the end; "
            "give a start on or before the end"
        )
    check_replay_order(events)
    split = bisect.bisect_right(events, start, key=effective_date)
    stop = bisect.bisect_right(events, end, key=effective_date)
    state = state_on(replay(events[:split]), start)
    state, spans, touched = _last_touches(state, events[split:stop])
    # And what falls due after the last event, up to the end.
    for _, timed, causes in _timed(state, end + dt.timedelta(days=1))[1]:
        for key, (old, new) in timed.items():
            spans[key] = (spans[key][0] if key in spans else old, new)
        touched.update(causes)
    changes = []
    for key, (old, new) in spans.items():
        if old == new:
            continue
        cause = touched[key]
        change: Literal["started", "changed", "ended"] = (
            "started" if old is None else "ended" if new is None else "changed"
        )
        changes.append(
            Change(
                change=change,
                before=old,
                after=new,
                date=cause.date,
                event_id=cause.event_id,
            )
        )
    return tuple(sorted(changes, key=lambda change: (change.date, change.key)))


# --- intervals ------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Interval:
    """One unbroken period in which a measure was in force: [start, end).

    Attributes:
        kind: The measure's kind.
        actor: Who imposed it.
        target: The other side.
        subject: The item, agreement, case number or demand, or ``""``.
        start: The first day it was in force.
        end: The first day it was no longer in force; `None` while in force.
        started_by: The event that put it in force on *start*.
        ended_by: The event that took it out of force on *end*, if it ended.
        detail: The measure's detail on its last day in force (or now).
    """

    kind: MeasureKind
    actor: str
    target: str
    subject: str
    start: dt.date
    end: dt.date | None
    started_by: str
    ended_by: str | None
    detail: str

    @property
    def key(self) -> MeasureKey:
        """(kind, actor, target, subject), as for `Measure.key`."""
        return (self.kind, self.actor, self.target, self.subject)

    @property
    def days(self) -> int | None:
        """How many days it was in force; `None` while it still is."""
        return None if self.end is None else (self.end - self.start).days

    def covers(self, day: dt.date) -> bool:
        """Tell whether the measure was in force on *day*."""
        return self.start <= day and (self.end is None or day < self.end)


def _by_day(events: Sequence[Event]) -> Iterator[tuple[dt.date, list[Event]]]:
    for day, group in itertools.groupby(events, key=effective_date):
        yield day, list(group)


def intervals(events: Sequence[Event]) -> tuple[Interval, ...]:
    """Return every period in which a measure was in force, sorted by (start, key).

    Measures are compared at the end of each effective date: a key in force
    after a date's events but not after the previous date's starts an
    interval on that date; a key no longer in force ends it on that date, so
    the interval is closed-open. A measure taken out of force on the day it
    was put in force never shows; a measure that only changed (a restriction
    eased, a notice suspended, a case's stage) keeps its interval.

    For every date, the keys of the intervals covering it are the keys of
    `measures` of the state on that date.

    Raises:
        InvalidQuery: *events* are not in replay order.
        InvalidTransition: an event makes no sense in the state it meets.
    """
    return intervals_from(daily_changes(events))


def intervals_from(days: Iterable[DayChanges]) -> tuple[Interval, ...]:
    """`intervals` of the events whose `daily_changes` are *days*."""
    current: dict[MeasureKey, Measure] = {}
    opened: dict[MeasureKey, tuple[dt.date, str]] = {}
    done: list[Interval] = []
    for day, changes, touched in days:
        for key, (old, new) in changes.items():
            if new is None:
                start, started_by = opened.pop(key)
                ended_by = touched[key].event_id
                done.append(
                    _interval(current.pop(key), start, started_by, day, ended_by)
                )
            else:
                if old is None:
                    opened[key] = (day, new.event_id)
                current[key] = new
    for key, (start, started_by) in opened.items():
        done.append(_interval(current[key], start, started_by, None, None))
    return tuple(sorted(done, key=lambda interval: (interval.start, interval.key)))


def _interval(
    measure: Measure,
    start: dt.date,
    started_by: str,
    end: dt.date | None,
    ended_by: str | None,
) -> Interval:
    return Interval(
        kind=measure.kind,
        actor=measure.actor,
        target=measure.target,
        subject=measure.subject,
        start=start,
        end=end,
        started_by=started_by,
        ended_by=ended_by,
        detail=measure.detail,
    )


# --- escalation -----------------------------------------------------------------


class _Weights(Mapping[MeasureKind, float]):
    """Kind → weight, read from the catalogue each time (so user kinds are in it)."""

    def __getitem__(self, kind: MeasureKind) -> float:
        found = find_kind(kind)
        if found is None:
            raise KeyError(kind)
        return found.weight

    def __iter__(self) -> Iterator[MeasureKind]:
        return iter([kind.name for kind in kinds()])

    def __len__(self) -> int:
        return len(kinds())

    def __repr__(self) -> str:
        return f"ESCALATION_WEIGHTS({dict(self)!r})"


ESCALATION_WEIGHTS: Mapping[MeasureKind, float] = _Weights()
"""Kind → the weight of one measure of that kind in the escalation index.

Read from the catalogue (`tradedispute.kinds`): each `Kind` has its weight
and the reason for it, and a kind declared with `tradedispute.measure_kind`
is here too. A softened measure (an eased restriction, a suspended notice or
measure) weighs half.
"""


def _weight(measure: Measure) -> float:
    weight = kind_named(measure.kind).weight
    return weight / 2 if measure.softened else weight


def escalation(state: DisputeState) -> FrozenMap[str, float]:
    """Return country → its escalation index in *state*.

    A country's index is the sum of `ESCALATION_WEIGHTS` over the measures it
    has in force as actor, a softened measure counting half. Only countries
    whose index is above zero appear, in code order.
    """
    scores: dict[str, float] = {}
    for measure in measures(state):
        scores[measure.actor] = scores.get(measure.actor, 0.0) + _weight(measure)
    return FrozenMap(
        {country: score for country, score in sorted(scores.items()) if score > 0}
    )


def escalation_between(state: DisputeState) -> FrozenMap[tuple[str, str], float]:
    """Return (actor, target) → the escalation index of *actor* towards *target*.

    The index of a pair sums the weights of the measures *actor* has in
    force aimed at *target*, as `escalation` does for the actor alone. A
    measure on several named targets counts towards each; a measure on
    every country counts towards the pair (actor, ``"ALL"``), and one on
    the European Union towards (actor, ``"EUN"``). Only pairs above zero
    appear, sorted.
    """
    scores: dict[tuple[str, str], float] = {}
    for measure in measures(state):
        on_books = state.interventions.get(measure.subject)
        targets: Iterable[str] = (
            sorted(on_books.targets)
            if on_books is not None
            and (on_books.kind, on_books.actor) == (measure.kind, measure.actor)
            else (measure.target,)
        )
        for target in targets:
            pair = (measure.actor, target)
            scores[pair] = scores.get(pair, 0.0) + _weight(measure)
    return FrozenMap({pair: score for pair, score in sorted(scores.items()) if score})


@attrs.frozen(kw_only=True)
class EscalationPoint:
    """A country's escalation index from one date on, until its next point.

    Attributes:
        date: The effective date from which the score holds.
        country: The country.
        score: Its index from that date; ``0.0`` when it fell back to none.
    """

    date: dt.date
    country: str
    score: float


def escalation_series(events: Sequence[Event]) -> tuple[EscalationPoint, ...]:
    """Return each country's escalation index over time, as a step series.

    There is a point for each (date, country) where the country's `escalation`
    at the end of that effective date differs from its value at the end of
    the previous one (a country absent from `escalation` scores ``0.0``).
    The value on any day is the country's latest point on or before it, or
    ``0.0`` if it has none. Sorted by (date, country).

    Raises:
        InvalidQuery: *events* are not in replay order.
        InvalidTransition: an event makes no sense in the state it meets.
    """
    return escalation_from(daily_changes(events))


def escalation_from(days: Iterable[DayChanges]) -> tuple[EscalationPoint, ...]:
    """`escalation_series` of the events whose `daily_changes` are *days*."""
    scores: dict[str, float] = {}
    points: list[EscalationPoint] = []
    for day, changes, _ in days:
        moved: dict[str, float] = {}
        for old, new in changes.values():
            # The weights are halves and whole numbers, so these sums are
            # exact in any order: the same as summing afresh in `escalation`.
            if old is not None:
                moved[old.actor] = moved.get(old.actor, 0.0) - _weight(old)
            if new is not None:
                moved[new.actor] = moved.get(new.actor, 0.0) + _weight(new)
        for country in sorted(moved):
            score = scores.get(country, 0.0) + moved[country]
            if score != scores.get(country, 0.0):
                points.append(EscalationPoint(date=day, country=country, score=score))
            scores[country] = score
    return tuple(points)
