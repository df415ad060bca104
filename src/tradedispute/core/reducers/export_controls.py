"""Reducers of export restrictions and preferential export-control lists."""

from __future__ import annotations

from tradedispute.core.frozenmap import FrozenMap
from tradedispute.core.reducers._common import quoted, reject, update_policy
from tradedispute.core.registry import reducer
from tradedispute.core.state import (
    DisputeState,
    Fact,
    PolicyState,
    Restriction,
    evolve,
    policy_of,
)
from tradedispute.core.vocabulary import (
    RestrictionEased,
    RestrictionImposed,
    RestrictionLifted,
    WhitelistRemoved,
    WhitelistRestored,
)


@reducer(RestrictionImposed)
def impose_restriction(state: DisputeState, event: RestrictionImposed) -> DisputeState:
    """Put each item under the measure towards the target."""
    policy = policy_of(state, event.actor)
    in_force = policy.restrictions_on(event.target)
    already = event.items & in_force.keys()
    if already:
        reject(
            event,
            "impose-in-force",
            f"{event.actor} already restricts {quoted(already)} towards "
            f"{event.target}; lift them first, or impose only items not in force",
        )
    added = Restriction(measure=event.measure, since=event.effective, event_id=event.id)
    items = FrozenMap({**in_force, **dict.fromkeys(event.items, added)})
    return update_policy(
        state, event, restrictions=policy.restrictions.set(event.target, items)
    )


def _restrictions_in_force(
    state: DisputeState, event: RestrictionEased | RestrictionLifted, rule: str
) -> tuple[PolicyState, FrozenMap[str, Restriction]]:
    policy = policy_of(state, event.actor)
    in_force = policy.restrictions_on(event.target)
    missing = event.items - in_force.keys()
    if missing:
        reject(
            event,
            rule,
            f"{event.actor} has no restriction in force towards {event.target} "
            f"on {quoted(missing)}; items in force: {quoted(in_force)}",
        )
    return policy, in_force


@reducer(RestrictionEased)
def ease_restriction(state: DisputeState, event: RestrictionEased) -> DisputeState:
    """Mark each item eased; it stays in force."""
    policy, in_force = _restrictions_in_force(state, event, "ease-not-in-force")
    eased = sorted(item for item in event.items if in_force[item].eased)
    if eased:
        reject(
            event,
            "ease-already-eased",
            f"{event.actor}'s restriction on {quoted(eased)} towards "
            f"{event.target} is already eased; lift it, or ease other items",
        )
    items = in_force
    for item in event.items:
        items = items.set(
            item,
            evolve(
                in_force[item],
                eased=True,
                eased_since=event.effective,
                eased_detail=event.detail,
                eased_by=event.id,
            ),
        )
    return update_policy(
        state, event, restrictions=policy.restrictions.set(event.target, items)
    )


@reducer(RestrictionLifted)
def lift_restriction(state: DisputeState, event: RestrictionLifted) -> DisputeState:
    """Take each item out of force."""
    policy, in_force = _restrictions_in_force(state, event, "lift-not-in-force")
    items = {item: r for item, r in in_force.items() if item not in event.items}
    # A target with nothing left in force goes, as PolicyState's converter
    # would drop it (update_policy skips converters).
    restrictions = (
        policy.restrictions.set(event.target, FrozenMap(items))
        if items
        else policy.restrictions.delete(event.target)
    )
    return update_policy(state, event, restrictions=restrictions)


@reducer(WhitelistRemoved)
def remove_from_whitelist(state: DisputeState, event: WhitelistRemoved) -> DisputeState:
    """Record the target as off the actor's whitelist."""
    excluded = policy_of(state, event.actor).whitelist_exclusions
    if event.target in excluded:
        reject(
            event,
            "whitelist-already-removed",
            f"{event.target} has been off {event.actor}'s whitelist since "
            f"{excluded[event.target].since.isoformat()}",
        )
    fact = Fact(since=event.effective, event_id=event.id)
    return update_policy(
        state, event, whitelist_exclusions=excluded.set(event.target, fact)
    )


@reducer(WhitelistRestored)
def restore_to_whitelist(state: DisputeState, event: WhitelistRestored) -> DisputeState:
    """Put the target back on the actor's whitelist."""
    excluded = policy_of(state, event.actor).whitelist_exclusions
    if event.target not in excluded:
        reject(
            event,
            "whitelist-not-removed",
            f"{event.target} is on {event.actor}'s whitelist; countries off it: "
            f"{quoted(excluded)}",
        )
    return update_policy(
        state, event, whitelist_exclusions=excluded.delete(event.target)
    )
