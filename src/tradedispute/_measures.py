"""A state flattened into measures: one value per fact in force.

`measures` is what the analyst's views (`tradedispute._views`) compare over
time: each `Measure` names its kind, the two sides and its subject, so a fact
can be followed from one state to the next by its `Measure.key`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import Literal, Protocol, TypeVar

import attrs

from tradedispute._state import (
    DisputeState,
    EntryRestriction,
    Restriction,
    VisaWaiverSuspension,
    WTOCase,
)

__all__ = ["Measure", "MeasureKey", "MeasureKind", "measure_map", "measures"]

MeasureKind = Literal[
    "export restriction",
    "whitelist exclusion",
    "visa waiver suspension",
    "entry restriction",
    "termination notice",
    "WTO case",
    "open demand",
]
"""What kind of fact a `Measure` is."""

MeasureKey = tuple[str, str, str, str]
"""(kind, actor, target, subject): what a measure is about, whatever its details."""


@attrs.frozen(kw_only=True)
class Measure:
    """One fact in force in a `DisputeState`, flattened.

    In force means: every export restriction (eased or not), whitelist
    exclusion, visa waiver suspension, entry restriction and open demand in
    the state; every termination notice on record, suspended or not; and
    every WTO case whose status is ``"active"`` (a suspended or withdrawn case
    is not pursued, so it is not in force).

    Attributes:
        kind: What kind of fact it is.
        actor: Who imposes or brings it: the restricting, excluding or
            suspending country, the notice-giver, the WTO complainant, the
            demander.
        target: The other side: the target, the counterparty, the
            respondent, the addressee.
        subject: The item, agreement, case number or demand; ``""`` for
            kinds that have none (whitelist, visa waiver, entry).
        since: The first day it has been in force without a break; for a
            resumed WTO case, the day it was resumed.
        event_id: The event that put it in force on that day.
        detail: What it is like now, in words: the restriction's measure and
            its easing, the case's stage, the notice's suspension, the
            quarantine, the demand's renewals.
        softened: Whether it is in force in a softened form: an eased
            restriction or a suspended termination notice.
    """

    kind: MeasureKind
    actor: str
    target: str
    subject: str
    since: dt.date
    event_id: str
    detail: str = ""
    softened: bool = False

    @property
    def key(self) -> MeasureKey:
        """(kind, actor, target, subject): the identity `diff` and `intervals` track."""
        return (self.kind, self.actor, self.target, self.subject)


def _restriction_detail(restriction: Restriction) -> str:
    if not restriction.eased:
        return restriction.measure
    eased = f"{restriction.measure}; eased since {restriction.eased_since}"
    return f"{eased}: {restriction.eased_detail}" if restriction.eased_detail else eased


def _case_detail(case: WTOCase) -> str:
    detail = f"{case.stage}; filed {case.filed}"
    return f"{detail}: {case.subject}" if case.subject else detail


def _visa_detail(visa: VisaWaiverSuspension) -> str:
    return "visas issued were invalidated" if visa.visas_invalidated else ""


def _entry_detail(entry: EntryRestriction) -> str:
    days = entry.quarantine_days
    quarantine = "" if days is None else f"{days} days' quarantine"
    return "; ".join(part for part in (quarantine, entry.detail) if part)


def _no_detail(fact: object) -> str:
    return ""


class _Begun(Protocol):
    """A fact that records the day it began and the event that began it."""

    @property
    def since(self) -> dt.date: ...

    @property
    def event_id(self) -> str: ...


_F = TypeVar("_F", bound=_Begun)


def _towards(
    kind: MeasureKind,
    actor: str,
    facts: Mapping[str, _F],
    detail: Callable[[_F], str],
) -> Iterator[Measure]:
    """Flatten a map of target → fact, for kinds that have no subject."""
    for target, fact in facts.items():
        yield Measure(
            kind=kind,
            actor=actor,
            target=target,
            subject="",
            since=fact.since,
            event_id=fact.event_id,
            detail=detail(fact),
        )


def _all_measures(state: DisputeState) -> Iterator[Measure]:
    for actor, policy in state.countries.items():
        for target, items in policy.restrictions.items():
            for item, restriction in items.items():
                yield Measure(
                    kind="export restriction",
                    actor=actor,
                    target=target,
                    subject=item,
                    since=restriction.since,
                    event_id=restriction.event_id,
                    detail=_restriction_detail(restriction),
                    softened=restriction.eased,
                )
        yield from _towards(
            "whitelist exclusion", actor, policy.whitelist_exclusions, _no_detail
        )
        yield from _towards(
            "visa waiver suspension",
            actor,
            policy.visa_waiver_suspensions,
            _visa_detail,
        )
        yield from _towards(
            "entry restriction", actor, policy.entry_restrictions, _entry_detail
        )
        for agreement, notice in policy.agreements_under_notice.items():
            yield Measure(
                kind="termination notice",
                actor=actor,
                target=notice.counterparty,
                subject=agreement,
                since=notice.since,
                event_id=notice.event_id,
                detail=f"suspended since {notice.suspended_since}"
                if notice.suspended
                else "",
                softened=notice.suspended,
            )
    for number, case in state.wto_cases.items():
        if case.status == "active":
            yield Measure(
                kind="WTO case",
                actor=case.complainant,
                target=case.respondent,
                subject=number,
                since=case.since,
                event_id=case.event_id,
                detail=_case_detail(case),
            )
    for (demander, addressee), demands in state.demands.items():
        for words, demand in demands.items():
            renewed = ", ".join(str(again.since) for again in demand.renewed)
            yield Measure(
                kind="open demand",
                actor=demander,
                target=addressee,
                subject=words,
                since=demand.since,
                event_id=demand.event_id,
                detail=f"renewed on {renewed}" if renewed else "",
            )


def measure_map(state: DisputeState) -> dict[MeasureKey, Measure]:
    """Return key → `Measure` for every fact in force in *state*, in no set order."""
    return {measure.key: measure for measure in _all_measures(state)}


def measures(state: DisputeState) -> tuple[Measure, ...]:
    """Return every fact in force in *state*, one `Measure` each, sorted by key.

    What counts as in force is said under `Measure`. Talks, unilateral steps
    and the facts of user-defined event types (``state.extensions``) are not
    measures.
    """
    return tuple(sorted(_all_measures(state), key=lambda measure: measure.key))
