"""Tit for tat: which moves the other side answered in kind, and how fast.

A pure function of events already in replay order; it needs no replay, only
who moved against whom, when, and with what kind of move.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from tradedispute.core.events import CountryMove, Event
from tradedispute.core.frozenmap import FrozenMap
from tradedispute.core.measure_events import ALL, MeasureAnnounced, MeasureImposed
from tradedispute.core.replay import check_replay_order
from tradedispute.core.vocabulary import (
    AgreementTerminationNoticed,
    AgreementTerminationSuspended,
    AgreementTerminationWithdrawn,
    EntryRestrictionImposed,
    EntryRestrictionLifted,
    RestrictionEased,
    RestrictionImposed,
    RestrictionLifted,
    VisaWaiverRestored,
    VisaWaiverSuspended,
    WhitelistRemoved,
    WhitelistRestored,
    WTOComplaintFiled,
)
from tradedispute.exceptions import InvalidQuery

__all__ = ["FAMILIES", "Reciprocation", "reciprocity"]

_EASING = "export restriction easing or lifting"
_NOTICE_RELIEF = "agreement termination suspension or withdrawal"

FAMILIES: Mapping[type[Event], str] = FrozenMap(
    {
        WhitelistRemoved: "whitelist removal",
        WhitelistRestored: "whitelist restoration",
        RestrictionImposed: "export restriction",
        RestrictionEased: _EASING,
        RestrictionLifted: _EASING,
        VisaWaiverSuspended: "visa waiver suspension",
        VisaWaiverRestored: "visa waiver restoration",
        EntryRestrictionImposed: "entry restriction",
        EntryRestrictionLifted: "entry restriction lifting",
        WTOComplaintFiled: "WTO complaint",
        AgreementTerminationNoticed: "agreement termination",
        AgreementTerminationSuspended: _NOTICE_RELIEF,
        AgreementTerminationWithdrawn: _NOTICE_RELIEF,
    }
)
"""Move type → its family: moves of one family answer each other in kind.

The later steps of a WTO case, demands and unilateral export-control steps
belong to no family: only the complainant acts on a case, and a demand or a
step of one's own is no measure against the other side.

A measure announced or imposed (`MeasureAnnounced`, `MeasureImposed`) is a
move against each of its named targets, in the family of its kind (a
tariff answers a tariff, whatever its rate); a measure on every country is
aimed at no one in particular, so it answers and is answered by nothing.
"""

Move = CountryMove | MeasureImposed | MeasureAnnounced
"""A move in `reciprocity`: a country move, or a measure announced or imposed."""


@attrs.frozen(kw_only=True)
class Reciprocation:
    """A move answered in kind by the side it was aimed at.

    Attributes:
        move: The earlier move.
        answer: The target's move of the same family against the move's actor.
        family: Their family.
        days: Days from the move's effective date to the answer's.
        pair: (the move's actor, its target): the pair of countries the
            move went between; the answer went the other way.
    """

    move: Move
    answer: Move
    family: str
    days: int
    pair: tuple[str, str]


def _check_window(window_days: object) -> int:
    if (
        isinstance(window_days, bool)
        or not isinstance(window_days, int)
        or window_days < 0
    ):
        raise InvalidQuery(
            f"window_days must be a whole number of days >= 0, not {window_days!r}"
        )
    return window_days


def _check_families(families: Mapping[type[Event], str]) -> Mapping[type[Event], str]:
    wrong = [
        key
        for key in families
        if not (
            isinstance(key, type)
            and issubclass(key, CountryMove | MeasureImposed | MeasureAnnounced)
        )
    ]
    if wrong:
        raise InvalidQuery(
            f"families maps move types to family names, and moves are "
            f"CountryMove subclasses (with an actor and a target); {wrong!r} "
            "are not"
        )
    return families


def reciprocity(
    events: Sequence[Event],
    *,
    window_days: int = 60,
    families: Mapping[type[Event], str] | None = None,
) -> tuple[Reciprocation, ...]:
    """Return every move answered in kind within *window_days*.

    An answer to a move is a move of the same family (by exact type) by the
    move's target against the move's actor, effective 0 to *window_days*
    days after it and later in replay order. Going through the events in
    replay order, each move answers the most recent move it can answer that
    is still unanswered: a move is answered at most once, and an answer
    answers one move (and may itself be answered later). Sorted by (answer
    date, move date).

    Args:
        events: The events in replay order.
        window_days: The most days an answer may come after its move.
        families: Move type → family name; `FAMILIES` by default.

    Raises:
        InvalidQuery: *window_days* is not an int >= 0, a key of *families*
            is not a `CountryMove` subclass, or *events* are not in replay
            order.
    """
    window = _check_window(window_days)
    family_of = FAMILIES if families is None else _check_families(families)
    check_replay_order(events)
    unanswered: list[tuple[Move, str, str, str]] = []
    links: list[Reciprocation] = []
    for event in events:
        for actor, target, family in _moves(event, family_of):
            found = _latest_answerable(unanswered, event, actor, target, family, window)
            if found is not None:
                move, move_actor, move_target, _ = unanswered.pop(found)
                days = (event.effective - move.effective).days
                links.append(
                    Reciprocation(
                        move=move,
                        answer=event,  # type: ignore[arg-type]  # _moves checked
                        family=family,
                        days=days,
                        pair=(move_actor, move_target),
                    )
                )
            unanswered.append((event, actor, target, family))  # type: ignore[arg-type]
    return tuple(
        sorted(links, key=lambda link: (link.answer.effective, link.move.effective))
    )


def _moves(
    event: Event, family_of: Mapping[type[Event], str]
) -> list[tuple[str, str, str]]:
    """(actor, target, family) of each move *event* makes."""
    family = family_of.get(type(event))
    if isinstance(event, CountryMove):
        return [] if family is None else [(event.actor, event.target, family)]
    if isinstance(event, MeasureImposed | MeasureAnnounced):
        if ALL in event.targets:
            return []
        family = family or event.kind
        return [(event.actor, target, family) for target in sorted(event.targets)]
    return []


def _latest_answerable(
    unanswered: Sequence[tuple[Move, str, str, str]],
    answer: Event,
    actor: str,
    target: str,
    family: str,
    window: int,
) -> int | None:
    """The index of the latest unanswered move the move (actor, target) answers."""
    for index in range(len(unanswered) - 1, -1, -1):
        move, move_actor, move_target, move_family = unanswered[index]
        if (answer.effective - move.effective).days > window:
            return None
        if (
            move is not answer
            and move_family == family
            and (
                move_actor,
                move_target,
            )
            == (target, actor)
        ):
            return index
    return None
