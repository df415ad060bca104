"""The record as it stood: an event's history of corrections, and past views.

A log keeps two times: when something applied (an event's effective date)
and when the record said so (the commit time of each append). `History`
gives one event as first recorded with every correction since; `PastViews`
answers ``known_at`` questions from the entries committed by then, keeping
the few views asked about lately.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence

import attrs

from tradedispute.codec.converter import RecordedEvent
from tradedispute.core.checkpointed import Checkpointed
from tradedispute.core.corrections import Correction, corrected, describe
from tradedispute.core.events import Event
from tradedispute.core.replay import replay_order
from tradedispute.exceptions import InvalidQuery

#: How many views of the record at past moments (known_at) a log keeps.
PAST_VIEWS = 4


@attrs.frozen(kw_only=True)
class History:
    """An event as first recorded, with every correction made to it since.

    Attributes:
        record: The event as appended, with its ``seq`` and commit time.
        corrections: The `EventRetracted` and `EventCorrected` entries that
            name it, in append order, each with its ``seq`` and commit time.
    """

    record: RecordedEvent
    corrections: tuple[RecordedEvent, ...] = ()

    @property
    def current(self) -> Event | None:
        """The event as the record now has it; `None` if it was retracted."""
        standing = corrected(
            [self.record.event, *(record.event for record in self.corrections)]
        )
        return standing[0] if standing else None

    @property
    def retracted(self) -> bool:
        """Whether the event has been retracted."""
        return self.current is None


def history_of(
    records: Sequence[RecordedEvent], event_id: str, *, location: str
) -> History:
    """Return the `History` of *event_id* among *records* (in append order).

    Raises:
        InvalidQuery: no event has that id (or it is a correction's id).
    """
    found = [
        record
        for record in records
        if record.event.id == event_id
        or (isinstance(record.event, Correction) and record.event.target_id == event_id)
    ]
    if not found or isinstance(found[0].event, Correction):
        what = (
            f"{describe(found[0].event)}, a correction; ask for the history "
            "of the event it names"
            if found
            else "no entry of the log"
        )
        raise InvalidQuery(
            f"{location}: {event_id!r} is {what}. history() takes the id "
            "of an event in the log"
        )
    return History(record=found[0], corrections=tuple(found[1:]))


def _recorded_at(record: RecordedEvent) -> dt.datetime:
    return record.recorded_at


class PastViews:
    """The events in replay order as the record stood at past moments.

    Entries are never edited, so a view of the first n entries never goes
    stale; the `PAST_VIEWS` asked about last are kept, each with its own
    checkpoints.

    Args:
        spacing: The checkpoint spacing of each view.
    """

    def __init__(self, *, spacing: int) -> None:
        self._spacing = spacing
        # Views by their number of entries; recently used last.
        self._views: dict[int, Checkpointed] = {}

    def at(
        self, records: Sequence[RecordedEvent], known_at: dt.datetime
    ) -> Checkpointed | None:
        """Return the view of *records* committed by *known_at*.

        `None` if every record was committed by then: the log's current
        view answers.
        """
        stop = bisect.bisect_right(records, known_at, key=_recorded_at)
        if stop == len(records):
            return None
        view = self._views.pop(stop, None)
        if view is None:
            entries = (record.event for record in records[:stop])
            view = Checkpointed(replay_order(corrected(entries)), spacing=self._spacing)
        # Dicts keep insertion order: the most recently used view goes last,
        # and the least recently used goes first when there are too many.
        self._views[stop] = view
        if len(self._views) > PAST_VIEWS:
            del self._views[next(iter(self._views))]
        return view
