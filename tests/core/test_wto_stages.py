"""A WTO case through every stage: steps the sources skip, and stages never undone."""

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.core.test_reducers import assert_rejected
from tradedispute import (
    CASE_STAGES,
    DisputeState,
    Event,
    InvalidTransition,
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
    apply,
    replay,
)
from tradedispute.exceptions import InvalidEvent
from tradedispute.testing import event_logs

CASE = {"actor": "USA", "target": "CHN", "case": "DS543"}
FILED = WTOComplaintFiled(id="filed", effective=dt.date(2018, 9, 4), **CASE)

#: Each step and the stage it leaves the case at, in the order of the stages.
STEPS: list[tuple[type[Event], str]] = [
    (WTOPanelRequested, "panel requested"),
    (WTOPanelEstablished, "panel established"),
    (WTOPanelComposed, "panel composed"),
    (WTOPanelReportCirculated, "panel report circulated"),
    (WTOPanelReportAppealed, "appealed"),
    (WTOAppellateReportCirculated, "Appellate Body report circulated"),
    (WTOReportAdopted, "report adopted"),
    (WTOComplianceProceedingsStarted, "compliance proceedings"),
    (WTORetaliationAuthorised, "retaliation authorised"),
    (WTOSolutionAgreed, "mutually agreed solution"),
    (WTOPanelLapsed, "lapsed"),
]
STAGE_OF = dict(STEPS)
RANK = {stage: rank for rank, stage in enumerate(CASE_STAGES)}
AFTER_ADOPTION = {"compliance proceedings", "retaliation authorised"}
STAGE_RULES = {
    "panel-already-requested",
    "panel-already-established",
    "stage-already-reached",
    "stage-goes-back",
    "case-ended",
    "appealed-into-the-void",
}


def step(kind: type[Event], day: int, **fields: object) -> Event:
    """A step of DS543, *day* days after its filing."""
    return kind(
        id=f"{kind.__name__}-{day}",
        effective=FILED.effective + dt.timedelta(days=day),
        **CASE,
        **fields,
    )


def at(*steps: Event) -> DisputeState:
    return replay([FILED, *steps])


def test_the_stages_are_listed_in_their_order() -> None:
    """CASE_STAGES is every stage, consultations first, the two endings last."""
    assert ["consultations", *(stage for _, stage in STEPS)] == list(CASE_STAGES)


def test_a_case_goes_through_every_stage_in_turn() -> None:
    """Each step moves the case on and records its day and event."""
    state = at()
    for day, (kind, stage) in enumerate(STEPS[:-2], start=1):
        event = step(kind, day * 30)
        state = apply(state, event)
        case = state.wto_cases["DS543"]

        assert (stage, event.effective, event.id) == (
            case.stage,
            case.stage_since,
            case.stage_by,
        )
        assert "active" == case.status


@pytest.mark.parametrize(
    ("before", "kind"),
    [
        ([], WTOPanelEstablished),
        ([], WTOPanelComposed),
        ([WTOPanelComposed], WTOReportAdopted),
        ([WTOPanelReportCirculated], WTOAppellateReportCirculated),
        ([], WTORetaliationAuthorised),
        ([WTOPanelRequested], WTOSolutionAgreed),
    ],
)
def test_a_step_whose_earlier_steps_are_not_on_record_is_accepted(
    before: list[type[Event]], kind: type[Event]
) -> None:
    """Sources often skip a step (a panel's request, its composition): accepted."""
    state = at(*(step(earlier, 10) for earlier in before))

    case = apply(state, step(kind, 20)).wto_cases["DS543"]

    assert STAGE_OF[kind] == case.stage


@pytest.mark.parametrize(
    ("before", "kind", "rule"),
    [
        ([WTOReportAdopted], WTOPanelReportAppealed, "stage-goes-back"),
        ([WTOPanelReportCirculated], WTOPanelComposed, "stage-goes-back"),
        ([WTOPanelComposed], WTOPanelComposed, "stage-already-reached"),
        ([WTOPanelComposed], WTOPanelRequested, "panel-already-established"),
        ([WTOPanelRequested], WTOPanelRequested, "panel-already-requested"),
        ([WTOReportAdopted], WTOPanelEstablished, "panel-already-established"),
        ([WTOComplianceProceedingsStarted], WTOReportAdopted, "stage-goes-back"),
    ],
)
def test_a_case_never_goes_back(
    before: list[type[Event]], kind: type[Event], rule: str
) -> None:
    """A step to a stage the case has reached or passed names the rule and what is next."""
    state = at(*(step(earlier, 10) for earlier in before))

    error = assert_rejected(state, step(kind, 20), rule, "this step needs the stage")

    assert "as a case never goes back" in str(error)
    assert "it can go on to" in str(error)


def test_the_message_names_the_stages_a_case_can_go_on_to() -> None:
    """After adoption, the valid next stages start with compliance proceedings."""
    state = at(step(WTOReportAdopted, 10))

    assert_rejected(
        state,
        step(WTOPanelComposed, 20),
        "stage-goes-back",
        "it can go on to 'compliance proceedings', 'retaliation authorised', "
        "'mutually agreed solution', 'lapsed'",
    )


def test_compliance_and_retaliation_follow_each_other_and_repeat() -> None:
    """Article 21.5 and 22 proceedings come in either order, more than once."""
    kinds = [
        WTOComplianceProceedingsStarted,
        WTORetaliationAuthorised,
        WTOComplianceProceedingsStarted,
        WTOComplianceProceedingsStarted,
        WTORetaliationAuthorised,
    ]
    state = at(step(WTOReportAdopted, 10))
    for day, kind in enumerate(kinds, start=2):
        state = apply(state, step(kind, day * 10))

        assert STAGE_OF[kind] == state.wto_cases["DS543"].stage


def test_an_appeal_into_the_void_is_recorded_with_its_appellant() -> None:
    """The flag and the stage say the case waits at the appeal."""
    appeal = step(WTOPanelReportAppealed, 10, appellant="USA", into_the_void=True)

    case = apply(at(step(WTOPanelReportCirculated, 5)), appeal).wto_cases["DS543"]

    assert ("appealed", True) == (case.stage, case.into_the_void)
    assert "USA" == appeal.appellant


@pytest.mark.parametrize(
    "kind",
    [
        WTOAppellateReportCirculated,
        WTOReportAdopted,
        WTOComplianceProceedingsStarted,
        WTORetaliationAuthorised,
    ],
)
def test_no_report_follows_an_appeal_into_the_void(kind: type[Event]) -> None:
    """appealed-into-the-void: no Appellate Body sits, so nothing comes after."""
    state = at(step(WTOPanelReportAppealed, 10, into_the_void=True))

    assert_rejected(
        state,
        step(kind, 20),
        "appealed-into-the-void",
        "it can end with a mutually agreed solution, or be suspended or withdrawn",
    )


def test_a_case_appealed_into_the_void_can_be_settled() -> None:
    """A mutually agreed solution ends a case waiting in the void."""
    state = at(step(WTOPanelReportAppealed, 10, into_the_void=True))

    case = apply(state, step(WTOSolutionAgreed, 400)).wto_cases["DS543"]

    assert ("mutually agreed solution", True) == (case.stage, case.into_the_void)


def test_an_ordinary_appeal_is_followed_by_the_report_and_adoption() -> None:
    """Without the flag, the Appellate Body's report and adoption follow."""
    state = at(
        step(WTOPanelReportAppealed, 10),
        step(WTOAppellateReportCirculated, 100),
        step(WTOReportAdopted, 130),
    )

    assert "report adopted" == state.wto_cases["DS543"].stage


@pytest.mark.parametrize("ending", [WTOSolutionAgreed, WTOPanelLapsed])
@pytest.mark.parametrize("kind", [kind for kind, _ in STEPS])
def test_a_case_that_ended_takes_no_more_steps(
    ending: type[Event], kind: type[Event]
) -> None:
    """case-ended: after a mutually agreed solution or a lapse, no step is valid."""
    state = at(step(ending, 10))

    assert_rejected(state, step(kind, 20), "case-ended", "it takes no more steps")


def test_a_suspended_case_lapses_and_cannot_be_resumed() -> None:
    """A panel whose work was suspended for over a year lapses; the case is over."""
    suspended = WTOComplaintDropped(
        id="suspended", effective=dt.date(2019, 11, 22), mode="suspended", **CASE
    )
    lapsed = WTOPanelLapsed(id="lapsed", effective=dt.date(2020, 11, 23), **CASE)
    state = at(step(WTOPanelComposed, 30), suspended, lapsed)
    resumed = WTOComplaintResumed(id="r", effective=dt.date(2021, 1, 4), **CASE)

    assert ("lapsed", "suspended") == (
        state.wto_cases["DS543"].stage,
        state.wto_cases["DS543"].status,
    )
    assert_rejected(state, resumed, "case-ended", "it cannot be resumed")


def test_a_suspended_case_moves_on_only_to_its_end() -> None:
    """case-not-active: a suspended case is resumed before other steps."""
    suspended = WTOComplaintDropped(
        id="suspended", effective=dt.date(2019, 1, 1), mode="suspended", **CASE
    )
    state = at(suspended)

    assert_rejected(state, step(WTOPanelComposed, 200), "case-not-active", "resume it")
    settled = apply(state, step(WTOSolutionAgreed, 200)).wto_cases["DS543"]
    assert "mutually agreed solution" == settled.stage


def test_a_withdrawn_case_takes_no_step_at_all() -> None:
    """case-not-active: a withdrawn case is final, even for a settlement."""
    withdrawn = WTOComplaintDropped(
        id="withdrawn", effective=dt.date(2019, 1, 1), mode="withdrawn", **CASE
    )

    assert_rejected(
        at(withdrawn),
        step(WTOSolutionAgreed, 200),
        "case-not-active",
        "a withdrawn case takes no more steps",
    )


def test_the_appellant_is_a_party_to_the_case() -> None:
    """An appellant who is neither complainant nor respondent is refused."""
    with pytest.raises(InvalidEvent) as caught:
        step(WTOPanelReportAppealed, 10, appellant="JPN")

    assert "appellant" == caught.value.field
    assert "'USA' or 'CHN'" in str(caught.value)


@given(st.lists(st.sampled_from([kind for kind, _ in STEPS]), max_size=12))
def test_a_stage_never_goes_back_whatever_the_steps(kinds: list[type[Event]]) -> None:
    """Law: a step is accepted only forward (or between the after-adoption stages).

    A step that is refused names one of the stage rules and changes nothing.
    """
    state = at()
    rules = set()
    for day, kind in enumerate(kinds, start=1):
        before = state.wto_cases["DS543"]
        try:
            state = apply(state, step(kind, day))
        except InvalidTransition as error:
            rules.add(error.rule)
            continue
        after = state.wto_cases["DS543"]
        assert RANK[after.stage] > RANK[before.stage] or (
            {after.stage, before.stage} <= AFTER_ADOPTION
        )
    assert rules <= STAGE_RULES


@given(event_logs(max_chains=6, max_chain_length=6))
def test_drawn_logs_never_take_a_case_back(log) -> None:
    """Law: replayed one event at a time, no case's stage goes back."""
    state = replay([])
    for event in log.events():
        before = dict(state.wto_cases)
        state = apply(state, event)
        for number, case in state.wto_cases.items():
            if number in before:
                earlier = before[number].stage
                assert RANK[case.stage] >= RANK[earlier] or (
                    {case.stage, earlier} <= AFTER_ADOPTION
                )


def test_a_step_is_a_move_of_the_complainant() -> None:
    """As for every step of a case, the actor is the complainant."""
    swapped = attrs.evolve(step(WTOPanelComposed, 10), actor="CHN", target="USA")

    assert_rejected(at(), swapped, "case-parties-mismatch", "actor='USA'")
