"""The big moves a chart labels: what each label says, and on which row.

`big_moves` words the moves of `BIG_MOVES` with their dates; `stack_labels`
puts each label on a row so that no two touch and no leader line, from the
date axis up to its label, crosses one, within a limit of rows that leaves
a label with no room unlabelled. Both are pure.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
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
    "Spot",
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


class Spot(NamedTuple):
    """Where `stack_labels` put a label: its row and its box on the axis.

    Attributes:
        row: Its row, 0 nearest the axis; `None` when it found no room.
        flush_right: Whether the text ends at its date instead of starting there.
        low: Where its box starts on the axis (the room before its date included).
        high: Where its box ends (the room after its date included).
    """

    row: int | None
    flush_right: bool
    low: float
    high: float


def stack_labels(
    labels: Sequence[tuple[float, float]],
    *,
    length: float,
    room: float,
    max_rows: int | None = None,
    leaders: bool = True,
) -> list[Spot]:
    """Return the row and box of each label: no two boxes of a row touch.

    Args:
        labels: (date, width) of each label, in the same unit as *length*
            (days, say), the date counted from the axis' start.
        length: The length of the axis.
        room: The gap to keep around a label's date: two boxes on one row
            are always at least this far apart.
        max_rows: At most this many rows; a label with no room in them
            gets no row (`None`), and so no leader line.
        leaders: Whether a leader line runs from the axis up to each label.

    A label starts at its date unless it would run past the end of the axis,
    and then ends there. With *leaders*, a label whose text spans another
    label's date goes on a higher row than that label, and a label's leader
    line stays below every label that spans its date, so no leader line
    crosses a label. Each takes the lowest row that does all that. Labels
    that span others' dates are placed after them; where two span each
    other's dates, the earlier goes first.
    """
    spots = [
        Spot(None, True, at - width, at + room)
        if at + width > length and at - width >= 0
        else Spot(None, False, at - room, at + width)
        for at, width in labels
    ]
    order = sorted(range(len(labels)), key=lambda n: (labels[n][0], n))
    dates = [labels[n][0] for n in order]
    spans = [_spanned(spot, labels[n][0], order, dates) for n, spot in enumerate(spots)]
    if not leaders:
        spans = [[] for _ in spots]
    spanned_by: list[list[int]] = [[] for _ in spots]
    for n, under in enumerate(spans):
        for other in under:
            spanned_by[other].append(n)
    rows: dict[int, int] = {}
    boxes: list[list[tuple[float, float]]] = []
    for n in _placing_order(spans, spanned_by, order):
        lowest = 1 + max((rows[o] for o in spans[n] if o in rows), default=-1)
        highest = min((rows[o] for o in spanned_by[n] if o in rows), default=None)
        row = lowest
        while (max_rows is None or row < max_rows) and (
            highest is None or row < highest
        ):
            if row == len(boxes):
                boxes.append([])
            if _fits(boxes[row], spots[n]):
                bisect.insort(boxes[row], (spots[n].low, spots[n].high))
                rows[n] = row
                break
            row += 1
    return [spot._replace(row=rows.get(n)) for n, spot in enumerate(spots)]


def _spanned(spot: Spot, at: float, order: list[int], dates: list[float]) -> list[int]:
    """The labels whose dates this label's text runs over (its own excepted)."""
    if spot.flush_right:
        first, stop = bisect.bisect_left(dates, spot.low), bisect.bisect_left(dates, at)
    else:
        first, stop = (
            bisect.bisect_right(dates, at),
            bisect.bisect_right(dates, spot.high),
        )
    return order[first:stop]


def _placing_order(
    spans: list[list[int]], spanned_by: list[list[int]], order: list[int]
) -> list[int]:
    """The labels, each after those it spans; the earliest first when free to choose."""
    waiting = [len(under) for under in spans]
    rank = {n: r for r, n in enumerate(order)}
    ready = [(rank[n], n) for n in order if not waiting[n]]
    heapq.heapify(ready)
    done: set[int] = set()
    placed: list[int] = []
    unplaced = iter(order)
    while len(placed) < len(spans):
        if not ready:  # labels that span each other: the earliest goes first
            n = next(n for n in unplaced if n not in done)
            heapq.heappush(ready, (rank[n], n))
        _, n = heapq.heappop(ready)
        if n in done:
            continue
        done.add(n)
        placed.append(n)
        for over in spanned_by[n]:
            waiting[over] -= 1
            if not waiting[over] and over not in done:
                heapq.heappush(ready, (rank[over], over))
    return placed


def _fits(row: list[tuple[float, float]], spot: Spot) -> bool:
    """Tell whether *spot* keeps clear of every box of *row* (sorted, disjoint)."""
    at = bisect.bisect_left(row, (spot.low, spot.high))
    before = row[at - 1][1] < spot.low if at else True
    after = spot.high < row[at][0] if at < len(row) else True
    return before and after
