"""Reducers of WTO disputes."""

from __future__ import annotations

from typing import Any

from tradedispute.core.reducers._common import quoted, reject
from tradedispute.core.registry import reducer
from tradedispute.core.state import (
    CASE_STAGES,
    CaseStage,
    DisputeState,
    WTOCase,
    evolve,
)
from tradedispute.core.vocabulary import (
    WTOAppellateReportCirculated,
    WTOComplaintDropped,
    WTOComplaintFiled,
    WTOComplaintResumed,
    WTOComplianceProceedingsStarted,
    WTOPanelComposed,
    WTOPanelEstablished,
    WTOPanelLapsed,
    WTOPanelReportAppealed,
    WTOPanelReportCirculated,
    WTOPanelRequested,
    WTOReportAdopted,
    WTORetaliationAuthorised,
    WTOSolutionAgreed,
    WTOStep,
)

_RANK = {stage: rank for rank, stage in enumerate(CASE_STAGES)}

#: The stages that end a case: it takes no more steps.
_ENDED: tuple[CaseStage, ...] = ("mutually agreed solution", "lapsed")

#: After adoption, compliance proceedings and authorised retaliation may
#: follow each other in either order, and again (a second Article 21.5
#: panel; retaliation authorised, then compliance disputed).
_AFTER_ADOPTION: tuple[CaseStage, ...] = (
    "compliance proceedings",
    "retaliation authorised",
)

#: The stages a case appealed into the void cannot reach: no Appellate
#: Body hears the appeal, so no report of it follows, and the panel report
#: cannot be adopted while it is under appeal.
_BEYOND_THE_VOID: tuple[CaseStage, ...] = (
    "Appellate Body report circulated",
    "report adopted",
    *_AFTER_ADOPTION,
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
    event: WTOComplaintDropped | WTOComplaintResumed | WTOStep,
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
    if case.stage in _ENDED:
        reject(
            event,
            "case-ended",
            f"{event.case} ended with the stage {case.stage!r} on "
            f"{case.stage_since.isoformat()}; it cannot be resumed",
        )
    if case.status != "suspended":
        reject(
            event,
            "resume-not-suspended",
            f"{event.case} has been {case.status} since {case.since.isoformat()}; "
            "only a suspended case can be resumed",
        )
    changed = evolve(case, status="active", since=event.effective, event_id=event.id)
    return evolve(state, wto_cases=state.wto_cases.set(event.case, changed))


def _next_stages(stage: CaseStage) -> str:
    """The stages a case at *stage* may still go on to, for messages."""
    later = [s for s in CASE_STAGES if _RANK[s] > _RANK[stage]]
    if stage in _AFTER_ADOPTION:
        later = [*_AFTER_ADOPTION, *later]
    return ", ".join(repr(s) for s in dict.fromkeys(later))


def _backwards_rule(stage: CaseStage, current: CaseStage) -> str:
    """The rule a step to *stage* breaks when the case is at *current* or beyond."""
    if stage == "panel requested" and current == "panel requested":
        return "panel-already-requested"
    if stage in ("panel requested", "panel established"):
        return "panel-already-established"
    return "stage-already-reached" if stage == current else "stage-goes-back"


def _advance_stage(
    state: DisputeState,
    event: WTOStep,
    stage: CaseStage,
    *,
    while_suspended: bool = False,
    **changes: Any,
) -> DisputeState:
    """Move the case on to *stage*, however many steps the sources skipped.

    A case never goes back to an earlier stage, except between the stages
    after adoption; a case that ended takes no more steps; only an active
    case moves on, or also a suspended one if *while_suspended*.
    """
    case = _filed_case(state, event)
    if case.stage in _ENDED:
        reject(
            event,
            "case-ended",
            f"{event.case} ended with the stage {case.stage!r} on "
            f"{case.stage_since.isoformat()}; it takes no more steps",
        )
    if case.status == "withdrawn" or (
        case.status == "suspended" and not while_suspended
    ):
        valid = (
            "resume it before it goes further"
            if case.status == "suspended"
            else "a withdrawn case takes no more steps"
        )
        reject(
            event,
            "case-not-active",
            f"{event.case} has been {case.status} since {case.since.isoformat()}; "
            f"{valid}",
        )
    if case.into_the_void and stage in _BEYOND_THE_VOID:
        reject(
            event,
            "appealed-into-the-void",
            f"{event.case} was appealed into the void on "
            f"{case.stage_since.isoformat()}: no Appellate Body hears the appeal, "
            f"so the case cannot reach {stage!r}; it can end with a mutually "
            "agreed solution, or be suspended or withdrawn",
        )
    repeatable = stage in _AFTER_ADOPTION and case.stage in _AFTER_ADOPTION
    if _RANK[stage] <= _RANK[case.stage] and not repeatable:
        reject(
            event,
            _backwards_rule(stage, case.stage),
            f"{event.case} has been at the stage {case.stage!r} since "
            f"{case.stage_since.isoformat()}; this step needs the stage to be "
            f"before {stage!r}, as a case never goes back; from {case.stage!r} "
            f"it can go on to {_next_stages(case.stage)}",
        )
    changed = evolve(
        case, stage=stage, stage_since=event.effective, stage_by=event.id, **changes
    )
    return evolve(state, wto_cases=state.wto_cases.set(event.case, changed))


#: The stage each step moves a case on to.
_STAGE_OF: dict[type[WTOStep], CaseStage] = {
    WTOPanelRequested: "panel requested",
    WTOPanelEstablished: "panel established",
    WTOPanelComposed: "panel composed",
    WTOPanelReportCirculated: "panel report circulated",
    WTOPanelReportAppealed: "appealed",
    WTOAppellateReportCirculated: "Appellate Body report circulated",
    WTOReportAdopted: "report adopted",
    WTOComplianceProceedingsStarted: "compliance proceedings",
    WTORetaliationAuthorised: "retaliation authorised",
    WTOSolutionAgreed: "mutually agreed solution",
    WTOPanelLapsed: "lapsed",
}


def advance_case(state: DisputeState, event: WTOStep) -> DisputeState:
    """Move an active case on to the stage of *event*'s type (see `_STAGE_OF`).

    The steps that end a case (a mutually agreed solution, a lapse) take a
    suspended case too; an appeal records whether it went into the void.
    """
    changes = {}
    if isinstance(event, WTOPanelReportAppealed):
        changes["into_the_void"] = event.into_the_void
    stage = _STAGE_OF[type(event)]
    return _advance_stage(
        state, event, stage, while_suspended=stage in _ENDED, **changes
    )


for _step_type in _STAGE_OF:
    reducer(_step_type)(advance_case)
