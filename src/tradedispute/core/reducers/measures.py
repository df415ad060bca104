"""Reducers of a measure's lifecycle: announced, imposed, amended, excluded, lifted."""

from __future__ import annotations

import attrs

from tradedispute.core.catalogue import Kind, find_kind, kinds
from tradedispute.core.frozenlist import FrozenList
from tradedispute.core.frozenmap import FrozenMap
from tradedispute.core.interventions import Exclusion, Intervention, RateChange
from tradedispute.core.measure_events import (
    ALL,
    ExclusionExtended,
    ExclusionGranted,
    ExclusionRevoked,
    MeasureAmended,
    MeasureAnnounced,
    MeasureCancelled,
    MeasureEvent,
    MeasureImposed,
    MeasureLifted,
    MeasureMadeDefinitive,
    MeasurePostponed,
    MeasureResumed,
    MeasureSuspended,
)
from tradedispute.core.products import Scope
from tradedispute.core.rates import Rate
from tradedispute.core.reducers._common import reject
from tradedispute.core.registry import reducer
from tradedispute.core.state import DisputeState
from tradedispute.core.timers import keep

#: The most ids an error message lists.
_LISTED = 12


def _listed(names: list[str]) -> str:
    shown = ", ".join(repr(name) for name in sorted(names)[:_LISTED])
    more = len(names) - _LISTED
    return (shown + (f" and {more} more" if more > 0 else "")) or "none"


def _kind(event: MeasureImposed | MeasureAnnounced) -> Kind:
    kind = find_kind(event.kind)
    if kind is None:
        reject(
            event,
            "unknown-kind",
            f"no measure kind is called {event.kind!r}; declared kinds: "
            f"{_listed([k.name for k in kinds() if not k.recorded_by])} "
            "(declare it with tradedispute.measure_kind, or load the plugin "
            "that does: tradedispute --plugin MODULE)",
        )
    if kind.recorded_by:
        reject(
            event,
            "kind-has-own-events",
            f"measures of kind {kind.name!r} are recorded with "
            f"{kind.recorded_by}, not with {type(event).__name__}",
        )
    return kind


def _check_rate(
    event: MeasureEvent, kind: Kind, rate: Rate | None, scope: Scope
) -> None:
    if rate is None:
        return
    if rate.shape not in kind.rates:
        allowed = ", ".join(sorted(kind.rates))
        reject(
            event,
            "rate-shape",
            f"a measure of kind {kind.name!r} "
            + (
                f"takes a rate of shape {allowed}, not {rate.shape}"
                if allowed
                else "carries no rate; leave rate=None"
            ),
        )
    for tier in rate.tiers or ():
        missing = scope.uncovered(tier.products)
        if missing:
            reject(
                event,
                "tier-outside-scope",
                f"a tier's products ({_listed(missing)}) are not all in the "
                "measure's products; add them to its products, or take them out "
                "of the tier",
            )


def _on_books(state: DisputeState, event: MeasureEvent, rule: str) -> Intervention:
    measure = state.interventions.get(event.measure)
    if measure is None:
        reject(
            event,
            rule,
            f"no measure {event.measure!r} is announced or in force on "
            f"{event.effective}; measures on the books: "
            f"{_listed(list(state.interventions))}",
        )
    return measure


def _declare(
    state: DisputeState,
    event: MeasureImposed | MeasureAnnounced,
) -> DisputeState:
    kind = _kind(event)
    taken = state.interventions.get(event.measure)
    if taken is not None:
        reject(
            event,
            "measure-exists",
            f"measure {event.measure!r} is on the books already ({taken.status}, "
            f"by event {taken.event_id!r}); amend it, or give the new measure "
            "its own id",
        )
    scope = Scope.of(event.products)
    _check_rate(event, kind, event.rate, scope)
    scheduled = isinstance(event, MeasureAnnounced)
    start = event.takes_effect if isinstance(event, MeasureAnnounced) else None
    first = start or event.effective
    if event.expires is not None and event.expires <= first:
        reject(
            event,
            "expires-before-start",
            f"expires on {event.expires}, not after it starts ({first}); "
            "expires is the first day it is no longer in force",
        )
    intervention = Intervention(
        measure=event.measure,
        actor=event.actor,
        targets=event.targets,
        exempt=event.exempt,
        kind=event.kind,
        products=scope,
        rate=event.rate,
        legal_basis=event.legal_basis,
        status="scheduled" if scheduled else "in force",
        announced=event.announced if not scheduled else event.effective,
        since=None if scheduled else event.effective,
        takes_effect=start,
        suspended_since=None,
        expires=event.expires,
        provisional=event.provisional,
        definitive_since=None,
        rates=FrozenList([RateChange(rate=event.rate, since=first, event_id=event.id)]),
        exclusions=FrozenMap(),
        event_id=event.id,
        changed_by=event.id,
    )
    return keep(state, event.measure, intervention)


@reducer(MeasureImposed)
def impose_measure(state: DisputeState, event: MeasureImposed) -> DisputeState:
    """Put a measure in force from the event's day."""
    return _declare(state, event)


@reducer(MeasureAnnounced)
def announce_measure(state: DisputeState, event: MeasureAnnounced) -> DisputeState:
    """Schedule a measure; it takes effect on its day with no further event."""
    return _declare(state, event)


def _change(
    state: DisputeState, event: MeasureEvent, measure: Intervention, **changes: object
) -> DisputeState:
    changed = attrs.evolve(measure, changed_by=event.id, **changes)  # type: ignore[arg-type]
    return keep(state, event.measure, changed)


def _scheduled(state: DisputeState, event: MeasureEvent, rule: str) -> Intervention:
    measure = _on_books(state, event, rule)
    if measure.since is not None:
        reject(
            event,
            rule,
            f"measure {event.measure!r} has been in force since {measure.since}; "
            "only a measure not yet in force is postponed or cancelled (lift or "
            "suspend this one)",
        )
    return measure


@reducer(MeasurePostponed)
def postpone_measure(state: DisputeState, event: MeasurePostponed) -> DisputeState:
    """Move a scheduled measure's start."""
    measure = _scheduled(state, event, "postpone-not-scheduled")
    if (
        event.takes_effect is not None
        and measure.expires is not None
        and measure.expires <= event.takes_effect
    ):
        reject(
            event,
            "expires-before-start",
            f"the measure expires on {measure.expires}, not after the new start",
        )
    return _change(state, event, measure, takes_effect=event.takes_effect)


@reducer(MeasureCancelled)
def cancel_measure(state: DisputeState, event: MeasureCancelled) -> DisputeState:
    """Call off a scheduled measure."""
    _scheduled(state, event, "cancel-not-scheduled")
    return keep(state, event.measure, None)


@reducer(MeasureAmended)
def amend_measure(state: DisputeState, event: MeasureAmended) -> DisputeState:
    """Change a measure's rate, scope, expiry, basis or exemptions; keep its history."""
    measure = _on_books(state, event, "amend-not-on-books")
    scope = measure.products
    if event.remove is not None:
        missing = scope.missing(event.remove)
        if missing or event.remove.all_goods:
            reject(
                event,
                "remove-not-in-scope",
                f"cannot remove {_listed(missing) if missing else 'all goods'}: "
                f"not among the products of measure {event.measure!r} as written; "
                "remove codes exactly as in scope, or grant an exclusion",
            )
        scope = scope.removed(event.remove)
    if event.add is not None:
        scope = scope.added(event.add)
    if scope.is_empty() and not measure.products.is_empty():
        reject(
            event,
            "remove-all",
            f"the amendment leaves measure {event.measure!r} no products; "
            "lift it with MeasureLifted instead",
        )
    rated = _rated(event, measure, scope)
    exempt = measure.exempt if event.exempt is None else event.exempt
    if event.exempt is not None and ALL not in measure.targets:
        reject(
            event,
            "exempt-not-all",
            f"measure {event.measure!r} is aimed at {measure.target_label()}, not "
            "at every country, so it has no exemptions to change",
        )
    return _change(
        state,
        event,
        measure,
        **rated,
        products=scope,
        legal_basis=event.legal_basis or measure.legal_basis,
        exempt=exempt,
    )


def _rated(
    event: MeasureAmended | MeasureMadeDefinitive,
    measure: Intervention,
    scope: Scope,
) -> dict[str, object]:
    """The rate, history of rates and expiry after *event*, checked."""
    kind = find_kind(measure.kind)
    assert kind is not None  # checked when it was declared
    rate = event.rate if event.rate is not None else measure.rate
    _check_rate(event, kind, rate, scope)
    start = max(
        measure.since or measure.takes_effect or event.effective, event.effective
    )
    expires = event.expires if event.expires is not None else measure.expires
    if expires is not None and expires <= start:
        reject(
            event,
            "expires-before-start",
            f"expires on {expires}, not after {start}; expires is the first day "
            "it is no longer in force",
        )
    rates = measure.rates
    if event.rate is not None and event.rate != measure.rate:
        rates = rates.append(
            RateChange(rate=event.rate, since=event.effective, event_id=event.id)
        )
    return {"rate": rate, "rates": rates, "expires": expires}


@reducer(MeasureMadeDefinitive)
def make_definitive(state: DisputeState, event: MeasureMadeDefinitive) -> DisputeState:
    """Turn a provisional duty into a definitive one."""
    measure = _on_books(state, event, "definitive-not-on-books")
    if not measure.provisional:
        reject(
            event,
            "not-provisional",
            f"measure {event.measure!r} is not provisional"
            + (
                f" (definitive since {measure.definitive_since})"
                if measure.definitive_since
                else "; it was imposed as definitive"
            ),
        )
    return _change(
        state,
        event,
        measure,
        **_rated(event, measure, measure.products),
        provisional=False,
        definitive_since=event.effective,
    )


@reducer(MeasureSuspended)
def suspend_measure(state: DisputeState, event: MeasureSuspended) -> DisputeState:
    """Stop a measure applying for now (scheduled or in force)."""
    measure = _on_books(state, event, "suspend-not-on-books")
    if measure.status == "suspended":
        reject(
            event,
            "already-suspended",
            f"measure {event.measure!r} has been suspended since "
            f"{measure.suspended_since}; resume it first",
        )
    return _change(
        state, event, measure, status="suspended", suspended_since=event.effective
    )


@reducer(MeasureResumed)
def resume_measure(state: DisputeState, event: MeasureResumed) -> DisputeState:
    """Make a suspended measure apply again (or scheduled, if not yet in force)."""
    measure = _on_books(state, event, "resume-not-suspended")
    if measure.status != "suspended":
        reject(
            event,
            "resume-not-suspended",
            f"measure {event.measure!r} is {measure.status}, not suspended",
        )
    status = "in force" if measure.since is not None else "scheduled"
    return _change(state, event, measure, status=status, suspended_since=None)


@reducer(MeasureLifted)
def lift_measure(state: DisputeState, event: MeasureLifted) -> DisputeState:
    """End a measure, or take some products out of it."""
    measure = _on_books(state, event, "lift-not-in-force")
    if measure.since is None:
        reject(
            event,
            "lift-not-in-force",
            f"measure {event.measure!r} is scheduled, not in force; cancel it "
            "with MeasureCancelled",
        )
    if event.products is None:
        return keep(state, event.measure, None)
    missing = measure.products.missing(event.products)
    if missing or event.products.all_goods:
        reject(
            event,
            "lift-not-in-scope",
            f"cannot lift {_listed(missing) if missing else 'all goods'}: not "
            f"among the products of measure {event.measure!r} as written; lift "
            "codes exactly as in scope, or grant an exclusion",
        )
    scope = measure.products.removed(event.products)
    if scope.is_empty():
        return keep(state, event.measure, None)
    return _change(state, event, measure, products=scope)


def _exclusion(
    state: DisputeState,
    event: ExclusionExtended | ExclusionRevoked,
    rule: str,
) -> tuple[Intervention, Exclusion]:
    measure = _on_books(state, event, rule)
    exclusion = measure.exclusions.get(event.exclusion)
    if exclusion is None:
        reject(
            event,
            rule,
            f"measure {event.measure!r} has no exclusion {event.exclusion!r} in "
            f"force; its exclusions: {_listed(list(measure.exclusions))}",
        )
    return measure, exclusion


@reducer(ExclusionGranted)
def grant_exclusion(state: DisputeState, event: ExclusionGranted) -> DisputeState:
    """Exclude some of a measure's products from it, until a day or for good."""
    measure = _on_books(state, event, "exclude-not-on-books")
    if event.exclusion in measure.exclusions:
        reject(
            event,
            "exclusion-exists",
            f"measure {event.measure!r} already has an exclusion "
            f"{event.exclusion!r}; extend it, or give the new one its own id",
        )
    outside = measure.products.uncovered(event.products)
    if outside:
        reject(
            event,
            "exclusion-outside-scope",
            f"not among the products of measure {event.measure!r} "
            f"({measure.products}): {_listed(outside)}; an exclusion covers "
            "products the measure covers",
        )
    exclusion = Exclusion(
        exclusion=event.exclusion,
        products=event.products,
        since=event.effective,
        until=event.until,
        event_id=event.id,
    )
    return _change(
        state,
        event,
        measure,
        exclusions=measure.exclusions.set(event.exclusion, exclusion),
    )


@reducer(ExclusionExtended)
def extend_exclusion(state: DisputeState, event: ExclusionExtended) -> DisputeState:
    """Move an exclusion's last day."""
    measure, exclusion = _exclusion(state, event, "exclusion-not-found")
    extended = attrs.evolve(exclusion, until=event.until, extended_by=event.id)
    return _change(
        state,
        event,
        measure,
        exclusions=measure.exclusions.set(event.exclusion, extended),
    )


@reducer(ExclusionRevoked)
def revoke_exclusion(state: DisputeState, event: ExclusionRevoked) -> DisputeState:
    """End an exclusion before its time."""
    measure, _ = _exclusion(state, event, "exclusion-not-found")
    return _change(
        state, event, measure, exclusions=measure.exclusions.delete(event.exclusion)
    )
