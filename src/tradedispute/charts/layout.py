"""What the chart of a dispute shows, worked out without matplotlib.

`lay_out` turns events in replay order into a `ChartLayout`: the days the
chart covers, one lane per (actor, kind of measure) with a row per (target,
subject), a bar per interval in force (clipped to the chart), the spans in
which a measure was softened, a band per spell of an active WTO case, the
talks, the big moves to label (`tradedispute.charts.moves`) and each
country's escalation steps. `tradedispute.charts` draws it. Everything here
is pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import attrs
import pycountry

from tradedispute.charts.moves import Move, big_moves
from tradedispute.core.catalogue import kinds, label_of
from tradedispute.core.events import CountryMove, Event
from tradedispute.core.frozenmap import FrozenMap
from tradedispute.core.measure_events import MeasureAnnounced, MeasureImposed
from tradedispute.core.measures import MeasureKey, MeasureKind
from tradedispute.core.views import (
    DayChanges,
    Interval,
    daily_changes,
    escalation_from,
    intervals_from,
)
from tradedispute.core.vocabulary import TalksHeld
from tradedispute.exceptions import InvalidQuery

__all__ = ["Bar", "ChartLayout", "Lane", "Talks", "lay_out"]

ONE_DAY = dt.timedelta(days=1)

BAND_KIND: MeasureKind = "WTO case"
"""Intervals of this kind are drawn as bands across the lanes, not as bars."""


@attrs.frozen(kw_only=True)
class Lane:
    """The bars of one actor's measures of one kind, a row per (target, subject).

    Attributes:
        actor: The country whose measures these are.
        kind: Their kind.
        rows: (target, subject) of each row, sorted.
    """

    actor: str
    kind: MeasureKind
    rows: tuple[tuple[str, str], ...]

    @property
    def label(self) -> str:
        """The lane's name on the chart, such as ``"JPN · export restriction"``.

        The kind is shown by its label in the catalogue.
        """
        return f"{self.actor} · {label_of(self.kind)}"

    def row_label(self, target: str, subject: str) -> str:
        """What the bar of a row says: its subject, or else its target."""
        if not subject:
            return target
        if len({row_target for row_target, _ in self.rows}) > 1:
            return f"{subject} ({target})"
        return subject


@attrs.frozen(kw_only=True)
class Bar:
    """An interval in force, clipped to the chart: drawn over [left, right).

    Attributes:
        interval: The interval.
        lane: The index of its lane.
        row: The index of its row in the lane.
        left: Where the bar starts.
        right: Where it stops.
        softened: The [start, stop) spans, within the bar, in which the
            measure was in force in softened form (eased, suspended).
    """

    interval: Interval
    lane: int
    row: int
    left: dt.date
    right: dt.date
    softened: tuple[tuple[dt.date, dt.date], ...]

    @property
    def no_end(self) -> bool:
        """Whether the record gives the measure no end: it is still in force."""
        return self.interval.end is None


@attrs.frozen(kw_only=True)
class Talks:
    """A round of talks on the chart.

    Attributes:
        date: The day.
        summit: Whether leaders met (the round's level names a summit).
        parties: The countries at the table, joined by ``"–"``.
    """

    date: dt.date
    summit: bool
    parties: str


@attrs.frozen(kw_only=True)
class ChartLayout:
    """Everything the chart of a dispute shows, in dates and words.

    Attributes:
        left: The first day the chart shows.
        right: The day after the last day it shows: it covers [left, right).
        countries: The countries that act, sorted: one colour each.
        lanes: The lanes, from the top: by actor, then by kind.
        bars: One per interval in force on some day of the chart, except
            WTO cases.
        bands: The intervals of WTO cases, clipped: (case, start, stop).
        talks: The rounds of talks held on the chart's days.
        moves: The big moves made on the chart's days, by date.
        escalation: Country → its (date, index) steps over the chart: the
            index on *left*, then each change up to *right*.
        title: A title naming the countries and years.
    """

    left: dt.date
    right: dt.date
    countries: tuple[str, ...]
    lanes: tuple[Lane, ...]
    bars: tuple[Bar, ...]
    bands: tuple[tuple[str, dt.date, dt.date], ...]
    talks: tuple[Talks, ...]
    moves: tuple[Move, ...]
    escalation: FrozenMap[str, tuple[tuple[dt.date, float], ...]]
    title: str


def chart_range(
    events: Sequence[Event],
    start: dt.date | None,
    end: dt.date | None,
    *,
    last_change: dt.date | None = None,
) -> tuple[dt.date, dt.date]:
    """Return the [left, right) the chart covers: [start, end + 1 day) if given.

    The last day a chart can show is the day before `datetime.date.max`,
    which has no day after it to end the range: a chart asked for that day
    alone shows the day before.

    A bound not given leaves a margin of a few weeks (at least 30 days) around
    the first event, or the last event or change that needs no event of its
    own (*last_change*: a scheduled start, an expiry), whichever is later.

    Raises:
        InvalidQuery: *start* is after *end*, or there are no events and a
            bound is missing.
    """
    if start is not None and end is not None:
        if start > end:
            raise InvalidQuery(
                f"chart from {start} to {end}: the start is after the end; "
                "give a start on or before the end"
            )
        return _days(start, _later(end, ONE_DAY))
    if not events:
        raise InvalidQuery(
            "nothing to chart: the log has no events; record some, or give "
            "both a start and an end"
        )
    first, last = events[0].effective, events[-1].effective
    if last_change is not None and last_change > last:
        last = last_change
    margin = max(dt.timedelta(days=30), (last - first) / 40)
    if start is not None:
        return _days(start, _later(max(last, start), margin))
    if end is not None:
        return _earlier(min(first, end), margin), _later(end, ONE_DAY)
    return _earlier(first, margin), _later(last, margin)


def _days(left: dt.date, right: dt.date) -> tuple[dt.date, dt.date]:
    """[left, right), a day at least: the last date has no day after it."""
    return (_earlier(right, ONE_DAY), right) if left == right else (left, right)


def _later(day: dt.date, delta: dt.timedelta) -> dt.date:
    """*delta* after *day*, or the last day a date can be."""
    try:
        return day + delta
    except OverflowError:
        return dt.date.max


def _earlier(day: dt.date, delta: dt.timedelta) -> dt.date:
    """*delta* before *day*, or the first day a date can be."""
    try:
        return day - delta
    except OverflowError:
        return dt.date.min


def softened_spans(
    days: Iterable[DayChanges],
) -> dict[MeasureKey, list[tuple[dt.date, dt.date | None]]]:
    """Return key → the [start, stop) spans in which the measure was softened.

    *days* are the `daily_changes` of the events: measures are compared at
    the end of each effective date, as for `intervals`; *stop* is `None`
    while the measure is still softened.
    """
    spans: dict[MeasureKey, list[tuple[dt.date, dt.date | None]]] = {}
    since: dict[MeasureKey, dt.date] = {}
    for day, changes, _ in days:
        for key, (_, new) in changes.items():
            softened = new is not None and new.softened
            if key in since and not softened:
                spans.setdefault(key, []).append((since.pop(key), day))
            elif softened and key not in since:
                since[key] = day
    for key, day in since.items():
        spans.setdefault(key, []).append((day, None))
    return spans


def _clip(
    start: dt.date, stop: dt.date | None, left: dt.date, right: dt.date
) -> tuple[dt.date, dt.date] | None:
    """[start, stop) within [left, right), or None if they share no day."""
    low = max(start, left)
    high = right if stop is None else min(stop, right)
    return (low, high) if low < high else None


def _lanes(shown: Iterable[Interval]) -> tuple[Lane, ...]:
    order = [kind.name for kind in kinds()]
    rows: dict[tuple[str, MeasureKind], set[tuple[str, str]]] = {}
    for interval in shown:
        rows.setdefault((interval.actor, interval.kind), set()).add(
            (interval.target, interval.subject)
        )
    return tuple(
        Lane(actor=actor, kind=kind, rows=tuple(sorted(rows[actor, kind])))
        for actor, kind in sorted(rows, key=lambda ak: (ak[0], order.index(ak[1])))
    )


def _name(code: str) -> str:
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return "the EU" if code == "EUN" else code
    return str(getattr(country, "common_name", country.name))


def _title(countries: Sequence[str], left: dt.date, right: dt.date) -> str:
    """Such as "Japan and South Korea: measures in force, 2019–2023"."""
    last = (right - ONE_DAY).year
    years = str(left.year) if left.year == last else f"{left.year}–{last}"
    names = [_name(code) for code in countries]
    if not names:
        return f"Measures in force, {years}"
    who = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"{who}: measures in force, {years}"


def _escalation(
    days: Iterable[DayChanges], left: dt.date, right: dt.date
) -> FrozenMap[str, tuple[tuple[dt.date, float], ...]]:
    steps: dict[str, list[tuple[dt.date, float]]] = {}
    for point in escalation_from(days):
        country = steps.setdefault(point.country, [(left, 0.0)])
        if point.date <= left:
            country[0] = (left, point.score)
        elif point.date < right:
            country.append((point.date, point.score))
    return FrozenMap(
        (country, tuple(points)) for country, points in sorted(steps.items())
    )


def lay_out(
    events: Sequence[Event],
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> ChartLayout:
    """Return what the chart of *events* (in replay order) shows from *start* to *end*.

    Raises:
        InvalidQuery: *start* is after *end*, there is nothing to chart, or
            *events* are not in replay order.
        InvalidTransition: an event makes no sense in the state it meets.
    """
    # One replay for the three things the chart follows day by day.
    days = list(daily_changes(events))
    left, right = chart_range(
        events, start, end, last_change=days[-1].day if days else None
    )
    everything = intervals_from(days)
    shown = [
        (interval, span)
        for interval in everything
        if (span := _clip(interval.start, interval.end, left, right)) is not None
    ]
    lanes = _lanes(i for i, _ in shown if i.kind != BAND_KIND)
    lane_of = {(lane.actor, lane.kind): n for n, lane in enumerate(lanes)}
    softened = softened_spans(days)
    bars = []
    bands = []
    for interval, (low, high) in shown:
        if interval.kind == BAND_KIND:
            bands.append((interval.subject, low, high))
            continue
        lane = lane_of[interval.actor, interval.kind]
        in_bar = (
            _clip(soft_start, soft_stop, low, high)
            for soft_start, soft_stop in softened.get(interval.key, ())
        )
        bars.append(
            Bar(
                interval=interval,
                lane=lane,
                row=lanes[lane].rows.index((interval.target, interval.subject)),
                left=low,
                right=high,
                softened=tuple(span for span in in_bar if span is not None),
            )
        )
    on_chart = [event for event in events if left <= event.effective < right]
    talks = tuple(
        Talks(
            date=event.effective,
            summit="summit" in event.level.lower(),
            parties="–".join(sorted(event.parties)),
        )
        for event in on_chart
        if isinstance(event, TalksHeld)
    )
    moves = big_moves(on_chart)
    actors = sorted(
        {
            event.actor
            for event in events
            if isinstance(event, CountryMove | MeasureImposed | MeasureAnnounced)
        }
    )
    return ChartLayout(
        left=left,
        right=right,
        countries=tuple(actors),
        lanes=lanes,
        bars=tuple(bars),
        bands=tuple(bands),
        talks=talks,
        moves=moves,
        escalation=_escalation(days, left, right),
        title=_title(actors, left, right),
    )
