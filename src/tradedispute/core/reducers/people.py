"""Reducers of visa waivers and entry restrictions."""

from __future__ import annotations

from tradedispute.core.reducers._common import quoted, reject, update_policy
from tradedispute.core.registry import reducer
from tradedispute.core.state import (
    DisputeState,
    EntryRestriction,
    VisaWaiverSuspension,
    policy_of,
)
from tradedispute.core.vocabulary import (
    EntryRestrictionImposed,
    EntryRestrictionLifted,
    VisaWaiverRestored,
    VisaWaiverSuspended,
)


@reducer(VisaWaiverSuspended)
def suspend_visa_waiver(
    state: DisputeState, event: VisaWaiverSuspended
) -> DisputeState:
    """Record the target's nationals as needing visas."""
    suspended = policy_of(state, event.actor).visa_waiver_suspensions
    if event.target in suspended:
        reject(
            event,
            "visa-waiver-already-suspended",
            f"{event.actor}'s visa waiver for {event.target} nationals has been "
            f"suspended since {suspended[event.target].since.isoformat()}",
        )
    suspension = VisaWaiverSuspension(
        since=event.effective,
        event_id=event.id,
        visas_invalidated=event.visas_invalidated,
    )
    return update_policy(
        state, event, visa_waiver_suspensions=suspended.set(event.target, suspension)
    )


@reducer(VisaWaiverRestored)
def restore_visa_waiver(state: DisputeState, event: VisaWaiverRestored) -> DisputeState:
    """Restore visa-free entry for the target's nationals."""
    suspended = policy_of(state, event.actor).visa_waiver_suspensions
    if event.target not in suspended:
        reject(
            event,
            "visa-waiver-not-suspended",
            f"{event.actor}'s visa waiver for {event.target} nationals is not "
            f"suspended; suspended for: {quoted(suspended)}",
        )
    return update_policy(
        state, event, visa_waiver_suspensions=suspended.delete(event.target)
    )


@reducer(EntryRestrictionImposed)
def impose_entry_restriction(
    state: DisputeState, event: EntryRestrictionImposed
) -> DisputeState:
    """Put the entry restriction on arrivals from the target in force."""
    in_force = policy_of(state, event.actor).entry_restrictions
    if event.target in in_force:
        reject(
            event,
            "entry-restriction-in-force",
            f"{event.actor} has restricted entry from {event.target} since "
            f"{in_force[event.target].since.isoformat()}; lift it before "
            "imposing a new one",
        )
    restriction = EntryRestriction(
        since=event.effective,
        event_id=event.id,
        quarantine_days=event.quarantine_days,
        detail=event.detail,
    )
    return update_policy(
        state, event, entry_restrictions=in_force.set(event.target, restriction)
    )


@reducer(EntryRestrictionLifted)
def lift_entry_restriction(
    state: DisputeState, event: EntryRestrictionLifted
) -> DisputeState:
    """End the entry restriction on arrivals from the target."""
    in_force = policy_of(state, event.actor).entry_restrictions
    if event.target not in in_force:
        reject(
            event,
            "entry-restriction-not-in-force",
            f"{event.actor} has no entry restriction on {event.target}; "
            f"restricted: {quoted(in_force)}",
        )
    return update_policy(state, event, entry_restrictions=in_force.delete(event.target))
