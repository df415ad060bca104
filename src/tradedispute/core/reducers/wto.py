"""Reducers of WTO disputes."""

from __future__ import annotations

from tradedispute.core.reducers._common import quoted, reject
from tradedispute.core.registry import reducer
from tradedispute.core.state import (
    CaseStage,
    DisputeState,
    WTOCase,
    evolve,
)
from tradedispute.core.vocabulary import (
    WTOComplaintDropped,
    WTOComplaintFiled,
    WTOComplaintResumed,
    WTOPanelEstablished,
    WTOPanelRequested,
)


@reducer(WTOComplaintFiled)
def file_complaint(state: DisputeState, event: WTOComplaintFiled) -> DisputeState:
    """Open a WTO case, active from the filing date."""
    if event.case in state.wto_cases:
        reject(
            event,
            "case-already-filed",
            f"{event.case} was already filed on "
            f"{state.wto_cases[event.case].filed.isoformat()}",
        )
    case = WTOCase(
        case=event.case,
        complainant=event.actor,
        respondent=event.target,
        subject=event.subject,
        filed=event.effective,
        filed_by=event.id,
        status="active",
        since=event.effective,
        event_id=event.id,
        stage="consultations",
        stage_since=event.effective,
        stage_by=event.id,
    )
    return evolve(state, wto_cases=state.wto_cases.set(event.case, case))


def _filed_case(
    state: DisputeState,
    event: WTOComplaintDropped
    | WTOComplaintResumed
    | WTOPanelRequested
    | WTOPanelEstablished,
) -> WTOCase:
    case = state.wto_cases.get(event.case)
    if case is None:
        reject(
            event,
            "case-not-filed",
            f"{event.case} was never filed; cases on record: {quoted(state.wto_cases)}",
        )
    if (case.complainant, case.respondent) != (event.actor, event.target):
        reject(
            event,
            "case-parties-mismatch",
            f"{event.case} is {case.complainant} v {case.respondent}; only the "
            f"complainant acts on it, so actor={case.complainant!r}, "
            f"target={case.respondent!r}",
        )
    return case


@reducer(WTOComplaintDropped)
def drop_complaint(state: DisputeState, event: WTOComplaintDropped) -> DisputeState:
    """Suspend or withdraw an active (or suspended) case."""
    case = _filed_case(state, event)
    if case.status == "withdrawn" or case.status == event.mode:
        reject(
            event,
            "case-not-droppable",
            f"{event.case} has been {case.status} since {case.since.isoformat()}; "
            "an active case can be suspended or withdrawn, a suspended one "
            "withdrawn",
        )
    changed = evolve(case, status=event.mode, since=event.effective, event_id=event.id)
    return evolve(state, wto_cases=state.wto_cases.set(event.case, changed))


@reducer(WTOComplaintResumed)
def resume_complaint(state: DisputeState, event: WTOComplaintResumed) -> DisputeState:
    """Make a suspended case active again."""
    case = _filed_case(state, event)
    if case.status != "suspended":
        reject(
            event,
            "resume-not-suspended",
            f"{event.case} has been {case.status} since {case.since.isoformat()}; "
            "only a suspended case can be resumed",
        )
    changed = evolve(case, status="active", since=event.effective, event_id=event.id)
    return evolve(state, wto_cases=state.wto_cases.set(event.case, changed))


def _advance_stage(
    state: DisputeState,
    event: WTOPanelRequested | WTOPanelEstablished,
    *,
    before: CaseStage,
    after: CaseStage,
) -> DisputeState:
    case = _filed_case(state, event)
    if case.status != "active":
        reject(
            event,
            "case-not-active",
            f"{event.case} has been {case.status} since {case.since.isoformat()}; "
            "resume it before it goes further",
        )
    if case.stage != before:
        rule = (
            "panel-not-requested"
            if case.stage == "consultations"
            else "panel-already-" + case.stage.split()[-1]
        )
        reject(
            event,
            rule,
            f"{event.case} has been at the stage {case.stage!r} since "
            f"{case.stage_since.isoformat()}; this step needs the stage {before!r}",
        )
    changed = evolve(case, stage=after, stage_since=event.effective, stage_by=event.id)
    return evolve(state, wto_cases=state.wto_cases.set(event.case, changed))


@reducer(WTOPanelRequested)
def request_panel(state: DisputeState, event: WTOPanelRequested) -> DisputeState:
    """Move an active case from consultations to a requested panel."""
    return _advance_stage(state, event, before="consultations", after="panel requested")


@reducer(WTOPanelEstablished)
def establish_panel(state: DisputeState, event: WTOPanelEstablished) -> DisputeState:
    """Move an active case from a requested panel to an established one."""
    return _advance_stage(
        state, event, before="panel requested", after="panel established"
    )
