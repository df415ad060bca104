"""The questions a log answers over its events: the analyst's views.

`Questions` is mixed into `EventLog`: each method takes the events in
replay order as the record stood at ``known_at`` (from the log's `_view`)
and hands them to the pure views of `tradedispute.views`.
"""

from __future__ import annotations

import abc
import bisect
import datetime as dt
from collections.abc import Mapping

from tradedispute.core.arguments import DayLike, check_day
from tradedispute.core.checkpointed import Checkpointed
from tradedispute.core.countries import check_country_code
from tradedispute.core.events import Event
from tradedispute.core.involvement import interval_involves, involving
from tradedispute.core.replay import effective_date
from tradedispute.views import (
    Change,
    EscalationSeries,
    Intervals,
    Reciprocation,
    Timeline,
    diff,
    escalation_series,
    intervals,
    reciprocity,
)


class Questions(abc.ABC):
    """The analyst's views of a log, answered from its events in replay order."""

    __slots__ = ()

    @abc.abstractmethod
    def _view(self, known_at: dt.datetime | None) -> Checkpointed:
        """The events in replay order, as the record stood at *known_at*."""

    def events(
        self,
        *,
        since: DayLike | None = None,
        until: DayLike | None = None,
        known_at: dt.datetime | None = None,
    ) -> tuple[Event, ...]:
        """Return the events effective from *since* to *until* (both included).

        Events come in replay order, as corrected; either bound may be left
        open.

        Args:
            since: The first effective date to include.
            until: The last effective date to include.
            known_at: Answer as the record stood at this moment (an aware
                `datetime`): only entries committed by then count. `None`
                means now.

        Raises:
            InvalidQuery: a bound is not a `datetime.date`, or *known_at* is
                not an aware `datetime.datetime`.
        """
        replayed = self._view(known_at).events
        start = 0
        stop = len(replayed)
        if since is not None:
            day = check_day("since", since)
            start = bisect.bisect_left(replayed, day, key=effective_date)
        if until is not None:
            day = check_day("until", until)
            stop = bisect.bisect_right(replayed, day, key=effective_date)
        return tuple(replayed[start:stop])

    def timeline(
        self, *, country: str | None = None, known_at: dt.datetime | None = None
    ) -> Timeline:
        """Return every event in replay order, as corrected.

        Args:
            country: Keep only the events that involve this country: its
                moves and those aimed at it, the events on measures it
                imposed or that are aimed at it (or at every country), and
                talks and agreements it is a party to (the rule of
                `tradedispute.core.involvement`). `None`: every event.
            known_at: Answer as the record stood at this moment; `None`: now.

        Raises:
            InvalidCountryCode: *country* is not an ISO 3166-1 alpha-3 code.
            InvalidQuery: *known_at* is not an aware `datetime.datetime`.
        """
        events = self._view(known_at).events
        if country is None:
            return Timeline(events)
        return Timeline(involving(events, country))

    def diff(
        self, start: DayLike, end: DayLike, *, known_at: dt.datetime | None = None
    ) -> tuple[Change, ...]:
        """Return the measures that started, changed or ended from *start* to *end*.

        The net difference between the measures in force on *start* and on
        *end*, each `Change` with the last event in (start, end] that made
        it (see `tradedispute.views.diff`).

        Args:
            start: The earlier day.
            end: The later day (not before *start*).
            known_at: Answer as the record stood at this moment; `None`: now.

        Raises:
            InvalidQuery: a day is not a `datetime.date`, *start* is after
                *end*, or *known_at* is not an aware `datetime.datetime`.
        """
        first = check_day("start", start)
        last = check_day("end", end)
        return diff(self._view(known_at).events, first, last)

    def intervals(
        self, *, country: str | None = None, known_at: dt.datetime | None = None
    ) -> Intervals:
        """Return each measure's periods in force, [start, end), by start.

        At any date, the intervals covering it are exactly the measures in
        force in `state_at` that date.

        Args:
            country: Keep only the measures this country imposed or is the
                target of, and those aimed at every country (target
                ``"ALL"``). `None`: every measure.
            known_at: Answer as the record stood at this moment; `None`: now.

        Raises:
            InvalidCountryCode: *country* is not an ISO 3166-1 alpha-3 code.
            InvalidQuery: *known_at* is not an aware `datetime.datetime`.
        """
        code = None if country is None else check_country_code(country)
        found = intervals(self._view(known_at).events)
        if code is None:
            return Intervals(found)
        return Intervals(i for i in found if interval_involves(i, code))

    def escalation(self, *, known_at: dt.datetime | None = None) -> EscalationSeries:
        """Return each country's escalation index over time, as a step series.

        The index on a date is `tradedispute.views.escalation` of `state_at`
        that date: the weighted count of the measures the country has in
        force (weights in `tradedispute.views.ESCALATION_WEIGHTS`).

        Args:
            known_at: Answer as the record stood at this moment; `None`: now.

        Raises:
            InvalidQuery: *known_at* is not an aware `datetime.datetime`.
        """
        return EscalationSeries(escalation_series(self._view(known_at).events))

    def reciprocity(
        self,
        *,
        window_days: int = 60,
        families: Mapping[type[Event], str] | None = None,
        known_at: dt.datetime | None = None,
    ) -> tuple[Reciprocation, ...]:
        """Return the moves answered in kind by the other side within *window_days*.

        Args:
            window_days: How many days after a move an answer may come.
            families: Event type → family; moves answer each other when of
                the same family. `tradedispute.views.FAMILIES` if not given.
            known_at: Answer as the record stood at this moment; `None`: now.

        Raises:
            InvalidQuery: *window_days* is not an integer >= 0, or *known_at*
                is not an aware `datetime.datetime`.
        """
        return reciprocity(
            self._view(known_at).events, window_days=window_days, families=families
        )
