"""Reducers of agreements, termination notices and unilateral steps."""

from __future__ import annotations

from tradedispute.core.reducers._common import quoted, reject, update_policy
from tradedispute.core.registry import reducer
from tradedispute.core.state import (
    Agreement,
    AgreementStatus,
    DisputeState,
    TerminationNotice,
    UnilateralStep,
    evolve,
    policy_of,
)
from tradedispute.core.vocabulary import (
    AgreementEnteredIntoForce,
    AgreementEvent,
    AgreementResumed,
    AgreementSigned,
    AgreementSuspended,
    AgreementTerminated,
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


# --- agreements between parties -------------------------------------------------


def _set(state: DisputeState, agreement: Agreement) -> DisputeState:
    return evolve(
        state, agreements=state.agreements.set(agreement.agreement, agreement)
    )


def _parties(parties: frozenset[str]) -> str:
    return ", ".join(sorted(parties))


def _recorded(state: DisputeState, event: AgreementEvent) -> Agreement:
    """The agreement *event* names, which must be on record and not terminated."""
    agreement = state.agreements.get(event.agreement)
    if agreement is None:
        reject(
            event,
            "agreement-not-on-record",
            f"no agreement {event.agreement!r} was signed or entered into force; "
            f"agreements on record: {quoted(state.agreements)}",
        )
    return _checked(event, agreement)


def _checked(event: AgreementEvent, agreement: Agreement) -> Agreement:
    """*agreement*, if *event* names its parties and it was not terminated."""
    if agreement.parties != event.parties:
        reject(
            event,
            "agreement-parties-mismatch",
            f"{event.agreement!r} is between {_parties(agreement.parties)}, not "
            f"{_parties(event.parties)}; name the same parties, or give another "
            "agreement its own name",
        )
    if agreement.status == "terminated":
        reject(
            event,
            "agreement-terminated",
            f"{event.agreement!r} was terminated on {agreement.since.isoformat()}; "
            "it takes no more steps",
        )
    return agreement


def _require(
    event: AgreementEvent,
    agreement: Agreement,
    status: AgreementStatus,
    rule: str,
    valid: str,
) -> None:
    if agreement.status != status:
        reject(
            event,
            rule,
            f"{event.agreement!r} has been {agreement.status} since "
            f"{agreement.since.isoformat()}; {valid}",
        )


def _with_status(
    agreement: Agreement, event: AgreementEvent, status: AgreementStatus
) -> Agreement:
    return evolve(agreement, status=status, since=event.effective, event_id=event.id)


@reducer(AgreementSigned)
def sign_agreement(state: DisputeState, event: AgreementSigned) -> DisputeState:
    """Put an agreement on record, signed and not yet in force."""
    agreement = state.agreements.get(event.agreement)
    if agreement is not None:
        reject(
            event,
            "agreement-already-signed",
            f"{event.agreement!r} has been on record since "
            f"{(agreement.signed or agreement.since).isoformat()} "
            f"({agreement.status} since {agreement.since.isoformat()}); an "
            "agreement is signed once, so give a new one its own name",
        )
    signed = Agreement(
        agreement=event.agreement,
        parties=event.parties,
        status="signed",
        since=event.effective,
        event_id=event.id,
        signed=event.effective,
        signed_by=event.id,
    )
    return _set(state, signed)


@reducer(AgreementEnteredIntoForce)
def enter_into_force(
    state: DisputeState, event: AgreementEnteredIntoForce
) -> DisputeState:
    """Put a signed agreement in force, or one whose signing is not on record."""
    agreement = state.agreements.get(event.agreement)
    if agreement is None:
        agreement = Agreement(
            agreement=event.agreement,
            parties=event.parties,
            status="in force",
            since=event.effective,
            event_id=event.id,
        )
    else:
        _require(
            event,
            _checked(event, agreement),
            "signed",
            "agreement-already-in-force",
            "an agreement enters into force once",
        )
    in_force = evolve(
        _with_status(agreement, event, "in force"),
        in_force_since=event.effective,
        in_force_by=event.id,
    )
    return _set(state, in_force)


@reducer(AgreementSuspended)
def suspend_agreement(state: DisputeState, event: AgreementSuspended) -> DisputeState:
    """Suspend an agreement in force."""
    agreement = _recorded(state, event)
    _require(
        event,
        agreement,
        "in force",
        "agreement-not-in-force",
        "only an agreement in force can be suspended",
    )
    return _set(state, _with_status(agreement, event, "suspended"))


@reducer(AgreementResumed)
def resume_agreement(state: DisputeState, event: AgreementResumed) -> DisputeState:
    """Apply a suspended agreement again."""
    agreement = _recorded(state, event)
    _require(
        event,
        agreement,
        "suspended",
        "agreement-not-suspended",
        "only a suspended agreement can be resumed",
    )
    return _set(state, _with_status(agreement, event, "in force"))


@reducer(AgreementTerminated)
def terminate_agreement(
    state: DisputeState, event: AgreementTerminated
) -> DisputeState:
    """End an agreement, signed, in force or suspended; it stays on record."""
    agreement = _recorded(state, event)
    return _set(state, _with_status(agreement, event, "terminated"))
