"""The analyst's views of a log: timeline, diff, intervals, escalation, tit-for-tat.

The views are computed by pure functions of the events in replay order (the
functional core); `EventLog` has a method for each, with ``known_at``:

* `EventLog.timeline` → `Timeline`, the events in replay order;
* `EventLog.diff` → the `Change` of each measure between two dates;
* `EventLog.intervals` → `Intervals`, each measure's [start, end) in force;
* `EventLog.escalation` → `EscalationSeries`, each country's escalation
  index as a step series (weights in `ESCALATION_WEIGHTS`);
* `EventLog.reciprocity` → each `Reciprocation`: a move answered in kind
  (families in `FAMILIES`).

`Timeline`, `Intervals` and `EscalationSeries` are tuples with a
``to_frame()`` method that returns a pandas DataFrame with typed columns, one
row per item. pandas is optional: ``pip install 'tradedispute[pandas]'``;
without it, ``to_frame()`` raises `MissingExtra` naming the extra. Their
repr is one line (how many, from when to when), and in a notebook they show
as a table of their first rows.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from tradedispute.core import display
from tradedispute.core.catalogue import kinds as catalogue_kinds
from tradedispute.core.catalogue import label_of
from tradedispute.core.events import CountryMove, Event
from tradedispute.core.measures import Measure, MeasureKind, measures
from tradedispute.core.reciprocity import FAMILIES, Reciprocation, reciprocity
from tradedispute.core.views import (
    ESCALATION_WEIGHTS,
    Cause,
    Change,
    EscalationPoint,
    Interval,
    diff,
    escalation,
    escalation_between,
    escalation_series,
    intervals,
)
from tradedispute.exceptions import missing_extra

if TYPE_CHECKING:  # pragma: no cover - pandas is an optional extra
    from pandas import DataFrame

__all__ = [
    "ESCALATION_WEIGHTS",
    "FAMILIES",
    "Cause",
    "Change",
    "EscalationPoint",
    "EscalationSeries",
    "Interval",
    "Intervals",
    "Measure",
    "MeasureKind",
    "Reciprocation",
    "Timeline",
    "diff",
    "escalation",
    "escalation_between",
    "escalation_series",
    "intervals",
    "measures",
    "reciprocity",
]


def _pandas() -> Any:
    try:
        import pandas
    except ImportError:
        raise missing_extra("to_frame()", "pandas", "pandas") from None
    return pandas


def _days(values: Iterable[dt.date | None]) -> Any:
    """A datetime64 column (day resolution, shown as dates); NaT for None."""
    pd = _pandas()
    return pd.Series(
        [pd.NaT if day is None else pd.Timestamp(day) for day in values],
        dtype="datetime64[s]",
    )


def _text(values: Iterable[str | None]) -> Any:
    return _pandas().Series(list(values), dtype="string")


_NOTE = 100
"""How much of an event's note a notebook's table of a timeline shows."""


def _who(event: Event) -> str:
    """Who did what to whom: ``JPN → KOR``, ``USA → ALL``, ``CHN+USA`` at talks."""
    if isinstance(event, CountryMove):
        return f"{event.actor} → {event.target}"
    actor, targets = getattr(event, "actor", None), getattr(event, "targets", None)
    if isinstance(actor, str) and isinstance(targets, frozenset):
        return f"{actor} → {', '.join(sorted(targets))}"
    parties = getattr(event, "parties", None)
    return "+".join(sorted(parties)) if isinstance(parties, frozenset) else ""


def _short(text: str) -> str:
    return text if len(text) <= _NOTE else text[: _NOTE - 1] + "…"


class Timeline(tuple[Event, ...]):
    """The events of a log in replay order, as corrected (a tuple)."""

    __slots__ = ()

    def __repr__(self) -> str:
        if not self:
            return "<Timeline: no events>"
        days = display.span(self[0].effective, self[-1].effective)
        return f"<Timeline: {display.count(len(self), 'event')}, {days}>"

    def _repr_html_(self) -> str:
        """The first events as a table (day, type, who, note), for notebooks."""
        rows = (
            (event.effective, type(event).__name__, _who(event), _short(event.note))
            for event in self
        )
        headers = ("Effective", "Event", "Who", "Note")
        return display.tables_html(
            repr(self)[1:-1], [("Events", headers, rows, len(self))]
        )

    def to_frame(self) -> DataFrame:
        """Return one row per event, with typed columns.

        Columns: ``effective`` and ``announced`` (datetime64, NaT when
        unknown), ``type``, ``id``, ``actor`` and ``target`` (strings, <NA>
        for events that are not one country's move on another),
        ``parties`` (the countries at talks, joined by ``+``), ``publisher``,
        ``title`` and ``url`` of the source, and ``note``.

        Raises:
            MissingExtra: pandas is not installed.
        """
        pd = _pandas()
        moves = [event if isinstance(event, CountryMove) else None for event in self]
        parties = [getattr(event, "parties", None) for event in self]
        sources = [event.source for event in self]
        frame: DataFrame = pd.DataFrame(
            {
                "effective": _days(event.effective for event in self),
                "announced": _days(event.announced for event in self),
                "type": _text(type(event).__name__ for event in self),
                "id": _text(event.id for event in self),
                "actor": _text(move.actor if move else None for move in moves),
                "target": _text(move.target if move else None for move in moves),
                "parties": _text(
                    "+".join(sorted(p)) if isinstance(p, frozenset) else None
                    for p in parties
                ),
                "publisher": _text(s.publisher if s else None for s in sources),
                "title": _text(s.title if s else None for s in sources),
                "url": _text(s.url if s else None for s in sources),
                "note": _text(event.note for event in self),
            }
        )
        return frame


class Intervals(tuple[Interval, ...]):
    """Every measure's periods in force, sorted by start (a tuple)."""

    __slots__ = ()

    def __repr__(self) -> str:
        if not self:
            return "<Intervals: none>"
        starts = display.span(self[0].start, self[-1].start)
        in_force = sum(interval.end is None for interval in self)
        return (
            f"<Intervals: {display.count(len(self), 'period')} starting {starts}, "
            f"{in_force:,} still in force>"
        )

    def _repr_html_(self) -> str:
        """The first periods as a table, for notebooks."""
        rows = (
            (
                label_of(i.kind),
                i.actor,
                i.target,
                i.subject,
                i.start,
                "in force" if i.end is None else i.end,
                i.days,
            )
            for i in self
        )
        headers = ("Kind", "Actor", "Target", "Subject", "Start", "End", "Days")
        return display.tables_html(
            repr(self)[1:-1], [("Periods in force", headers, rows, len(self))]
        )

    def on(self, day: dt.date) -> tuple[Interval, ...]:
        """Return the intervals in force on *day*."""
        return tuple(interval for interval in self if interval.covers(day))

    def to_frame(self) -> DataFrame:
        """Return one row per interval, with typed columns.

        Columns: ``kind`` (categorical), ``actor``, ``target``, ``subject``,
        ``start`` and ``end`` (datetime64; ``end`` is NaT while in force),
        ``days`` (nullable Int64, <NA> while in force), ``started_by``,
        ``ended_by`` (<NA> while in force) and ``detail``.

        Raises:
            MissingExtra: pandas is not installed.
        """
        pd = _pandas()
        kinds = [kind.name for kind in catalogue_kinds()]
        frame: DataFrame = pd.DataFrame(
            {
                "kind": pd.Categorical(
                    [interval.kind for interval in self], categories=kinds
                ),
                "actor": _text(interval.actor for interval in self),
                "target": _text(interval.target for interval in self),
                "subject": _text(interval.subject for interval in self),
                "start": _days(interval.start for interval in self),
                "end": _days(interval.end for interval in self),
                "days": pd.Series([interval.days for interval in self], dtype="Int64"),
                "started_by": _text(interval.started_by for interval in self),
                "ended_by": _text(interval.ended_by for interval in self),
                "detail": _text(interval.detail for interval in self),
            }
        )
        return frame


def _point_date(point: EscalationPoint) -> dt.date:
    return point.date


class EscalationSeries(tuple[EscalationPoint, ...]):
    """Each country's escalation index as a step series (a tuple of points).

    The points are sorted by (date, country), as `escalation_series` returns
    them; `at` relies on that order.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        if not self:
            return "<EscalationSeries: no points>"
        countries = {point.country for point in self}
        return (
            f"<EscalationSeries: {display.count(len(self), 'point')}, "
            f"{display.count(len(countries), 'country', 'countries')}, "
            f"{display.span(self[0].date, self[-1].date)}>"
        )

    def _repr_html_(self) -> str:
        """The first points as a table (date, country, score), for notebooks."""
        rows = ((point.date, point.country, f"{point.score:g}") for point in self)
        return display.tables_html(
            repr(self)[1:-1],
            [("Points", ("Date", "Country", "Score"), rows, len(self))],
        )

    def at(self, day: dt.date) -> dict[str, float]:
        """Return each country's index on *day* (countries at 0 left out)."""
        scores: dict[str, float] = {}
        # The points are sorted by date: read only those on or before *day*.
        for point in self[: bisect.bisect_right(self, day, key=_point_date)]:
            scores[point.country] = point.score
        return {country: score for country, score in scores.items() if score}

    def to_frame(self) -> DataFrame:
        """Return one row per point: ``date`` (datetime64), ``country``, ``score``.

        Raises:
            MissingExtra: pandas is not installed.
        """
        pd = _pandas()
        frame: DataFrame = pd.DataFrame(
            {
                "date": _days(point.date for point in self),
                "country": _text(point.country for point in self),
                "score": pd.Series([point.score for point in self], dtype="float64"),
            }
        )
        return frame
