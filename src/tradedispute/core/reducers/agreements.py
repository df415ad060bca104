"""Reducers of agreement termination notices and unilateral steps."""

from __future__ import annotations

from tradedispute.core.reducers._common import quoted, reject, update_policy
from tradedispute.core.registry import reducer
from tradedispute.core.state import (
    DisputeState,
    TerminationNotice,
    UnilateralStep,
    evolve,
    policy_of,
)
from tradedispute.core.vocabulary import (
    AgreementTerminationNoticed,
    AgreementTerminationSuspended,
    AgreementTerminationWithdrawn,
    ExportControlStrengthened,
)


@reducer(AgreementTerminationNoticed)
def notice_termination(
    state: DisputeState, event: AgreementTerminationNoticed
) -> DisputeState:
    """Record the actor's notice to terminate the agreement."""
    notices = policy_of(state, event.actor).agreements_under_notice
    if event.agreement in notices:
        reject(
            event,
            "notice-already-given",
            f"{event.actor} gave notice to terminate {event.agreement!r} on "
            f"{notices[event.agreement].since.isoformat()} already",
        )
    notice = TerminationNotice(
        counterparty=event.target, since=event.effective, event_id=event.id
    )
    return update_policy(
        state, event, agreements_under_notice=notices.set(event.agreement, notice)
    )


@reducer(AgreementTerminationSuspended)
def suspend_termination(
    state: DisputeState, event: AgreementTerminationSuspended
) -> DisputeState:
    """Suspend the effect of the actor's termination notice."""
    notices = policy_of(state, event.actor).agreements_under_notice
    notice = notices.get(event.agreement)
    if notice is None or notice.counterparty != event.target:
        reject(
            event,
            "notice-not-given",
            f"{event.actor} has given {event.target} no notice to terminate "
            f"{event.agreement!r}; agreements under notice: {quoted(notices)}",
        )
    if notice.suspended:
        reject(
            event,
            "notice-already-suspended",
            f"{event.actor}'s notice to terminate {event.agreement!r} has been "
            f"suspended since {notice.suspended_since}",
        )
    suspended = evolve(
        notice, suspended=True, suspended_since=event.effective, suspended_by=event.id
    )
    return update_policy(
        state, event, agreements_under_notice=notices.set(event.agreement, suspended)
    )


@reducer(ExportControlStrengthened)
def strengthen_export_control(
    state: DisputeState, event: ExportControlStrengthened
) -> DisputeState:
    """Add the step to the actor's history."""
    step = UnilateralStep(
        kind=type(event).__name__,
        detail=event.detail,
        target=event.target,
        date=event.effective,
        event_id=event.id,
    )
    policy = policy_of(state, event.actor)
    return update_policy(
        state, event, unilateral_steps=policy.unilateral_steps.append(step)
    )


@reducer(AgreementTerminationWithdrawn)
def withdraw_termination(
    state: DisputeState, event: AgreementTerminationWithdrawn
) -> DisputeState:
    """Take the actor's notice back: the agreement is no longer under notice."""
    notices = policy_of(state, event.actor).agreements_under_notice
    notice = notices.get(event.agreement)
    if notice is None or notice.counterparty != event.target:
        reject(
            event,
            "notice-not-given",
            f"{event.actor} has given {event.target} no notice to terminate "
            f"{event.agreement!r}; agreements under notice: {quoted(notices)}",
        )
    return update_policy(
        state, event, agreements_under_notice=notices.delete(event.agreement)
    )
