"""Reducers of WTO disputes."""

from __future__ import annotations

import attrs

from tradedispute._reducers._common import quoted, reject
from tradedispute._registry import reducer
from tradedispute._state import (
    DisputeState,
    WTOCase,
)
from tradedispute._vocabulary import (
    WTOComplaintDropped,
    WTOComplaintFiled,
    WTOComplaintResumed,
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
    )
    return attrs.evolve(state, wto_cases=state.wto_cases.set(event.case, case))


def _filed_case(
    state: DisputeState, event: WTOComplaintDropped | WTOComplaintResumed
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
    changed = attrs.evolve(
        case, status=event.mode, since=event.effective, event_id=event.id
    )
    return attrs.evolve(state, wto_cases=state.wto_cases.set(event.case, changed))


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
    changed = attrs.evolve(
        case, status="active", since=event.effective, event_id=event.id
    )
    return attrs.evolve(state, wto_cases=state.wto_cases.set(event.case, changed))
