"""The append-only event log, and the questions it answers by replay."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Iterator

from tradedispute._events import Event
from tradedispute._registry import reducer_for
from tradedispute._replay import EMPTY_STATE, effective_date, replay
from tradedispute._state import DisputeState
from tradedispute.exceptions import (
    DuplicateEventId,
    InvalidQuery,
    InvalidTransition,
    UnknownEventType,
)


def _check_day(name: str, value: object) -> dt.date:
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidQuery(
            f"{name} must be a datetime.date such as date(2020, 3, 11), not {value!r}"
        )
    return value


class EventLog:
    """An append-only record of a dispute that answers questions by replay.

    Events may be appended in any date order, since history is often
    recorded late; they replay in (effective date, append sequence) order.
    Every append is validated by replay, all or nothing: an event that makes
    no sense where it lands, or that makes an already recorded later event
    invalid, is rejected and the log stays exactly as it was. No method edits
    or deletes an event; a correction is a new event.

    Iterating a log yields its events in append order; ``len(log)`` counts
    them.
    """

    __slots__ = ("_appended", "_head", "_ids", "_replayed")

    def __init__(self) -> None:
        self._appended: list[Event] = []
        # The same events in replay order: sorted by effective date, ties
        # in append order (insort_right keeps that).
        self._replayed: list[Event] = []
        self._ids: set[str] = set()
        # The state after every event; answers state_at(date.max) at once.
        self._head: DisputeState = EMPTY_STATE

    def __len__(self) -> int:
        return len(self._appended)

    def __iter__(self) -> Iterator[Event]:
        return iter(tuple(self._appended))

    def __repr__(self) -> str:
        return f"<EventLog of {len(self)} events>"

    def append(self, event: Event) -> None:
        """Validate *event* by replay and append it.

        Raises:
            InvalidTransition: the event makes no sense where it lands in
                replay order, or it would make a recorded event invalid.
            DuplicateEventId: its id is already in the log.
            UnknownEventType: it is not an event with a registered reducer.
        """
        self.extend((event,))

    def extend(self, events: Iterable[Event]) -> None:
        """Validate a batch by replay and append all of it, or none of it.

        Raises:
            InvalidTransition: an event makes no sense where it lands, or
                the batch would make a recorded event invalid.
            DuplicateEventId: an id is already in the log or twice in the batch.
            UnknownEventType: an item is not an event with a registered reducer.
        """
        batch = list(events)
        self._check_batch(batch)
        if not batch:
            return
        # Sorting is stable, so same-day events keep their append order.
        landing = sorted(batch, key=effective_date)
        if not self._replayed or landing[0].effective >= self._replayed[-1].effective:
            # The common case: the batch lands after everything recorded, so
            # folding it onto the current head validates it.
            head = replay(landing, initial=self._head)
            replayed = self._replayed
            replayed.extend(landing)
        else:
            replayed = list(self._replayed)
            for event in batch:
                bisect.insort_right(replayed, event, key=effective_date)
            head = self._replay_back_dated(batch, replayed)
        # Commit only after everything was checked: all or nothing.
        self._appended.extend(batch)
        self._replayed = replayed
        self._ids.update(event.id for event in batch)
        self._head = head

    def _check_batch(self, batch: list[Event]) -> None:
        seen: set[str] = set()
        for event in batch:
            if not isinstance(event, Event):
                raise UnknownEventType(
                    f"cannot append {event!r}: a log holds tradedispute.Event "
                    "instances",
                    event_type=type(event),
                )
            reducer_for(type(event))
            if event.id in self._ids or event.id in seen:
                where = "the log" if event.id in self._ids else "this batch"
                raise DuplicateEventId(
                    f"{type(event).__name__} {event.id!r} effective "
                    f"{event.effective.isoformat()}: an event with this id is "
                    f"already in {where}; ids are unique, so give a new one or "
                    "leave id unset to have one generated",
                    event_id=event.id,
                )
            seen.add(event.id)

    @staticmethod
    def _replay_back_dated(batch: list[Event], replayed: list[Event]) -> DisputeState:
        """Replay everything; blame the batch if a recorded event turns invalid."""
        try:
            return replay(replayed)
        except InvalidTransition as error:
            if error.event_id in {event.id for event in batch}:
                raise
            culprit = batch[0] if len(batch) == 1 else None
            appended = (
                f"appending {type(culprit).__name__} {culprit.id!r} effective "
                f"{culprit.effective.isoformat()}"
                if culprit
                else "appending this batch"
            )
            raise InvalidTransition(
                f"{appended} would make a recorded event invalid: {error}",
                event_id=error.event_id,
                effective=error.effective,
                rule=error.rule,
                appended_id=culprit.id if culprit else None,
            ) from error

    def events(
        self, *, since: dt.date | None = None, until: dt.date | None = None
    ) -> tuple[Event, ...]:
        """Return the events effective from *since* to *until* (both included).

        Events come in replay order; either bound may be left open.

        Raises:
            InvalidQuery: a bound is not a `datetime.date`.
        """
        start = 0
        stop = len(self._replayed)
        if since is not None:
            day = _check_day("since", since)
            start = bisect.bisect_left(self._replayed, day, key=effective_date)
        if until is not None:
            day = _check_day("until", until)
            stop = bisect.bisect_right(self._replayed, day, key=effective_date)
        return tuple(self._replayed[start:stop])

    def state_at(self, date: dt.date) -> DisputeState:
        """Return what was in force on *date*: every event effective on or before it.

        Raises:
            InvalidQuery: *date* is not a `datetime.date`.
        """
        day = _check_day("date", date)
        stop = bisect.bisect_right(self._replayed, day, key=effective_date)
        if stop == len(self._replayed):
            return self._head
        return replay(self._replayed[:stop])
