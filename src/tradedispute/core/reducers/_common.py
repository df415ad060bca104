"""What every reducer needs: rejecting an event, and updating one country."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NoReturn

from tradedispute.core.events import CountryMove, Event
from tradedispute.core.state import DisputeState, evolve, policy_of
from tradedispute.exceptions import InvalidTransition


def reject(event: Event, rule: str, problem: str) -> NoReturn:
    """Raise `InvalidTransition` for *event*, naming *rule* and the *problem*.

    The message starts with the event's type, id and effective date, so the
    reader can find it in the log. Custom reducers should use it too.
    """
    raise InvalidTransition(
        f"{type(event).__name__} {event.id!r} effective "
        f"{event.effective.isoformat()}: {problem} [rule: {rule}]",
        event_id=event.id,
        effective=event.effective,
        rule=rule,
    )


def quoted(names: Iterable[str]) -> str:
    listed = ", ".join(repr(name) for name in sorted(names))
    return listed or "none"


def update_policy(
    state: DisputeState, event: CountryMove, **changes: Any
) -> DisputeState:
    policy = evolve(policy_of(state, event.actor), **changes)
    return state.with_country(event.actor, policy)
