"""Corrections: entries that retract or replace an event already recorded.

A log never edits what it holds. When a source turns out wrong, the record
is corrected by appending a `Correction` that names the event it acts on:
`EventRetracted` takes the event out of replay, `EventCorrected` replaces it
with a corrected version. A correction has no effective date of its own; it
acts on its target wherever that lands in replay order. Replay as known
before the correction was recorded still sees the original, so old answers
stay reproducible.

`corrected` applies the corrections among a log's entries and returns the
events as they stand; it is the one place that knows the rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

import attrs

from tradedispute.core.events import Event, Source, _fail, is_str, is_text, new_event_id
from tradedispute.exceptions import InvalidCorrection


def _is_event(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Event):
        _fail(
            instance,
            attribute,
            f"must be an event (a tradedispute.Event), not {value!r}",
        )


@attrs.frozen(kw_only=True)
class Correction:
    """What every correction has: an id, the event it acts on, and why.

    Corrections are appended to a log like events (`EventLog.append`), share
    the id space of events, and are stored in the same file. They cannot be
    subclassed into new kinds: a log knows exactly these two.

    Attributes:
        id: Unique within a log; a fresh UUID when not given.
        target_id: The id of the event acted on. It must be an event (not a
            correction) recorded before this correction, or earlier in the
            same batch, and not retracted.
        reason: Why the record changes, e.g. "the decree took effect a day
            later than first reported".
        source: The citation for the correction.
        note: Free text.
    """

    #: The version of this type's fields in stored records.
    class_version: ClassVar[int] = 1

    id: str = attrs.field(factory=new_event_id, validator=is_text)
    target_id: str = attrs.field(validator=is_text)
    reason: str = attrs.field(validator=is_text)
    source: Source | None = attrs.field(default=None)
    note: str = attrs.field(default="", validator=is_str)

    @source.validator
    def _check_source(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not isinstance(value, Source):
            _fail(self, attribute, f"must be a Source or None, not {value!r}")


@attrs.frozen(kw_only=True)
class EventRetracted(Correction):
    """Take an event out of the record, as if it had never been appended.

    Examples:
        >>> import datetime as dt
        >>> from tradedispute import EventLog, EventRetracted, WhitelistRemoved
        >>> log = EventLog()
        >>> log.append(WhitelistRemoved(id="wl", actor="JPN", target="KOR",
        ...                             effective=dt.date(2019, 8, 28)))
        >>> log.append(EventRetracted(target_id="wl", reason="misreported"))
        >>> log.state_at(dt.date(2020, 1, 1)).country("JPN").whitelist_excluded
        frozenset()
    """


@attrs.frozen(kw_only=True)
class EventCorrected(Correction):
    """Replace an event with a corrected version of it.

    The replacement stands in for the target under the target's id, at the
    target's place in append order (so among events of the same effective
    date it keeps the original's turn), and replays on its own effective
    date, which may differ from the original's. Build it with
    ``attrs.evolve(original, ...)``; any other id it carries is ignored.
    It may be of another event type than the original.

    Attributes:
        replacement: The event as it should have been recorded.

    Examples:
        >>> import attrs, datetime as dt
        >>> from tradedispute import EventLog, EventCorrected, WhitelistRemoved
        >>> log = EventLog()
        >>> wrong = WhitelistRemoved(id="wl", actor="JPN", target="KOR",
        ...                          effective=dt.date(2019, 8, 2))
        >>> log.append(wrong)
        >>> log.append(EventCorrected(
        ...     target_id="wl",
        ...     replacement=attrs.evolve(wrong, effective=dt.date(2019, 8, 28)),
        ...     reason="2 August is the cabinet decision; it took effect on 28 August",
        ... ))
        >>> log.state_at(dt.date(2019, 8, 27)).country("JPN").whitelist_excluded
        frozenset()
    """

    replacement: Event = attrs.field(validator=_is_event)


Entry = Event | Correction
"""What a log holds: an event, or a correction of an event."""

CORRECTION_TYPES: tuple[type[Correction], ...] = (EventRetracted, EventCorrected)
"""The kinds of correction, by which records name them."""


def describe(entry: Entry) -> str:
    """Name *entry* for a message: its type, id, and date or target."""
    name = f"{type(entry).__name__} {entry.id!r}"
    if isinstance(entry, Correction):
        return f"{name} of {entry.target_id!r}"
    return f"{name} effective {entry.effective.isoformat()}"


class CorrectionRules:
    """The rules of corrections, applied one at a time in append order.

    The one place they are written: `corrected` applies them to a whole
    history in memory, and a store that replays straight from disk
    (`tradedispute.stores.SQLiteStore.replay_order`) to the corrections it
    reads. After each correction, `standing` maps every event corrected so
    far to what stands in its place: its latest replacement, under its own
    id, or `None` once retracted.
    """

    def __init__(self) -> None:
        self.standing: dict[str, Event | None] = {}
        self._retracted_by: dict[str, str] = {}
        self._ids: set[str] = set()

    def apply(self, correction: Correction, *, target_recorded: bool) -> Event | None:
        """Apply *correction*; return what now stands in its target's place.

        Args:
            correction: The next correction, in append order.
            target_recorded: Whether an event with the target's id was
                recorded before it (the caller knows where events are).

        Raises:
            InvalidCorrection: the target is not an event recorded before
                the correction (it is unknown, or a correction), or it was
                already retracted.
        """
        target = correction.target_id
        if not target_recorded:
            raise _unknown_target(correction, target in self._ids)
        if target in self._retracted_by:
            raise InvalidCorrection(
                f"{describe(correction)}: that event was already retracted by "
                f"{self._retracted_by[target]!r}; a retracted event cannot be "
                "retracted or corrected again. To restore it, append it anew "
                "under a new id",
                correction_id=correction.id,
                target_id=target,
                rule="target-retracted",
            )
        self._ids.add(correction.id)
        standing: Event | None
        if isinstance(correction, EventRetracted):
            self._retracted_by[target] = correction.id
            standing = None
        else:
            assert isinstance(correction, EventCorrected)
            standing = attrs.evolve(correction.replacement, id=target)
        self.standing[target] = standing
        return standing


def corrected(entries: Iterable[Entry]) -> list[Event]:
    """Apply the corrections among *entries*, given in append order.

    Returns the events as they stand after every correction, in append order:
    a retracted event is gone, a corrected one is replaced (under its own id
    and at its own place) by the latest replacement.

    Raises:
        InvalidCorrection: a correction names an id that is not an event
            recorded before it, or an event already retracted.
    """
    slots: list[Event | None] = []
    place: dict[str, int] = {}
    rules = CorrectionRules()
    for entry in entries:
        if isinstance(entry, Event):
            place[entry.id] = len(slots)
            slots.append(entry)
            continue
        slot = place.get(entry.target_id)
        standing = rules.apply(entry, target_recorded=slot is not None)
        assert slot is not None  # apply raised otherwise
        slots[slot] = standing
    return [event for event in slots if event is not None]


def _unknown_target(entry: Correction, is_correction: bool) -> InvalidCorrection:
    if is_correction:
        problem = (
            "that id is a correction; corrections act on events. To undo a "
            "correction, correct the event again"
        )
        rule = "target-is-correction"
    else:
        problem = (
            "no event with that id was recorded before it; name the id of an "
            "event already in the log (see EventLog.history)"
        )
        rule = "target-unknown"
    return InvalidCorrection(
        f"{describe(entry)}: {problem}",
        correction_id=entry.id,
        target_id=entry.target_id,
        rule=rule,
    )
