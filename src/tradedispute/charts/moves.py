"""The big moves a chart labels: what each label says, and on which row.

`big_moves` words the moves of `BIG_MOVES` with their dates; `stack_labels`
puts each label on a row so that none overlaps another and no leader line,
from the date axis up to its label, crosses one. Both are pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

import attrs

from tradedispute.core.catalogue import label_of
from tradedispute.core.events import CountryMove, Event
from tradedispute.core.frozenmap import FrozenMap
from tradedispute.core.measure_events import ALL, MeasureAnnounced, MeasureImposed
from tradedispute.core.vocabulary import (
    AgreementTerminationNoticed,
    RestrictionImposed,
    RestrictionLifted,
    VisaWaiverSuspended,
    WhitelistRemoved,
    WhitelistRestored,
    WTOComplaintFiled,
)

__all__ = [
    "BIG_MOVES",
    "Move",
    "big_moves",
    "day_text",
    "measure_move",
    "stack_labels",
]

BIG_MOVES: Mapping[type[CountryMove], tuple[str, str]] = FrozenMap(
    {
        RestrictionImposed: (
            "{move.actor} restricts exports to {move.target}",
            "{both} restrict exports to each other",
        ),
        AgreementTerminationNoticed: (
            "{move.actor} gives notice to end {move.agreement}",
            "{both} give notice to end {move.agreement}",
        ),
        WhitelistRemoved: (
            "{move.actor} drops {move.target} from whitelist",
            "{both} drop each other from whitelists",
        ),
        WTOComplaintFiled: (
            "{move.actor} takes {move.target} to the WTO ({move.case})",
            "{both} take each other to the WTO",
        ),
        VisaWaiverSuspended: (
            "{move.actor} suspends visa waiver for {move.target}",
            "{both} suspend visa waivers for each other",
        ),
        RestrictionLifted: (
            "{move.actor} lifts export restrictions on {move.target}",
            "{both} lift export restrictions on each other",
        ),
        WhitelistRestored: (
            "{move.actor} puts {move.target} back on whitelist",
            "{both} put each other back on whitelists",
        ),
    }
)
"""The moves the chart labels with their date: type → (label, mutual label).

In a label, ``{move}`` is the move. When two sides make the same move on
each other on one day, one mutual label tells both, ``{both}`` naming them.
"""


@attrs.frozen(kw_only=True)
class Move:
    """A big move (or two mirrored moves of one day), labelled with its date.

    Attributes:
        date: Its effective date.
        text: The label, such as ``"28 Aug 2019  JPN drops KOR from whitelist"``.
        actors: The country that moved, or both.
    """

    date: dt.date
    text: str
    actors: tuple[str, ...]


_MONTHS = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
)


def day_text(day: dt.date) -> str:
    """A date as a reader of any locale reads it: ``"28 Aug 2019"``."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def measure_move(event: MeasureImposed | MeasureAnnounced) -> str:
    """A measure announced or imposed, in words: ``"USA imposes levy on CHN"``."""
    label = label_of(event.kind)
    if ALL in event.targets:
        targets = "all" + (
            f" but {', '.join(sorted(event.exempt))}" if event.exempt else ""
        )
    else:
        targets = ", ".join(sorted(event.targets))
    verb = "announces" if isinstance(event, MeasureAnnounced) else "imposes"
    return f"{event.actor} {verb} {label} on {targets}"


def big_moves(events: Iterable[Event]) -> tuple[Move, ...]:
    """The labels of the big moves, one for two sides' same move on each other.

    Measures announced or imposed (`MeasureAnnounced`, `MeasureImposed`)
    are big moves too, of any kind, built-in or declared by a user.
    """
    moves: list[Move] = []
    last: CountryMove | None = None
    for event in events:
        if isinstance(event, MeasureImposed | MeasureAnnounced):
            text = f"{day_text(event.effective)}  {measure_move(event)}"
            moves.append(Move(date=event.effective, text=text, actors=(event.actor,)))
            last = None
            continue
        if not isinstance(event, CountryMove) or type(event) not in BIG_MOVES:
            continue
        one, mutual = BIG_MOVES[type(event)]
        mirrors = (
            last is not None
            and type(last) is type(event)
            and last.effective == event.effective
            and (last.actor, last.target) == (event.target, event.actor)
        )
        if mirrors:
            both = " and ".join(sorted((event.actor, event.target)))
            words = mutual.format(move=event, both=both)
            actors = tuple(sorted((event.actor, event.target)))
            moves[-1] = Move(
                date=event.effective,
                text=f"{day_text(event.effective)}  {words}",
                actors=actors,
            )
            last = None
            continue
        moves.append(
            Move(
                date=event.effective,
                text=f"{day_text(event.effective)}  {one.format(move=event)}",
                actors=(event.actor,),
            )
        )
        last = event
    return tuple(moves)


class _Label(NamedTuple):
    """Where a label lies on the date axis, in days."""

    at: float  # its move's date
    low: float
    high: float
    flush_right: bool  # the text ends at the date instead of starting there

    def spans(self, other: _Label) -> bool:
        """Tell whether this label's text runs over *other*'s date."""
        if self.flush_right:
            return self.low <= other.at < self.at
        return self.at < other.at <= self.high

    def overlaps(self, other: _Label) -> bool:
        """Tell whether the two labels share some of the axis."""
        return not (self.high < other.low or self.low > other.high)


def stack_labels(
    labels: Sequence[tuple[float, float]], *, length: float, room: float
) -> list[tuple[int, bool]]:
    """Return the row of each label, and whether it ends at its date.

    Args:
        labels: (date, width) of each label, in the same unit as *length*
            (days, say), the date counted from the axis' start.
        length: The length of the axis.
        room: The gap to keep around a label's date.

    A label starts at its date unless it would run past the end of the axis,
    and then ends there. A label whose text spans another label's date goes
    on a higher row than that label, so no leader line (from the axis up to
    its label) crosses a label; two labels on one row do not overlap. Each
    takes the lowest row that does both. (Labels that span each other's
    dates cannot both be kept clear; the earlier goes first.)
    """
    placed = [
        _Label(at, at - width, at + room, flush_right=True)
        if at + width > length
        else _Label(at, at - room, at + width, flush_right=False)
        for at, width in labels
    ]
    under = [
        {n for n, other in enumerate(placed) if label.spans(other)} for label in placed
    ]
    levels: dict[int, int] = {}
    while len(levels) < len(placed):
        waiting = [n for n in range(len(placed)) if n not in levels]
        # A label waits for those it spans to be placed.
        n = next((n for n in waiting if under[n] <= levels.keys()), waiting[0])
        level = 1 + max((levels[o] for o in under[n] if o in levels), default=-1)
        while any(levels[o] == level and placed[n].overlaps(placed[o]) for o in levels):
            level += 1
        levels[n] = level
    return [(levels[n], placed[n].flush_right) for n in range(len(placed))]
