"""The built-in reducers: the state each event leaves, and the events they reject."""

import copy
import datetime as dt
from typing import Any

import attrs
import pytest

from tradedispute import (
    AgreementEnteredIntoForce,
    AgreementResumed,
    AgreementSigned,
    AgreementSuspended,
    AgreementTerminated,
    AgreementTerminationNoticed,
    AgreementTerminationSuspended,
    AgreementTerminationWithdrawn,
    Demand,
    DemandDropped,
    DemandMade,
    DemandMet,
    DisputeState,
    EntryRestriction,
    EntryRestrictionImposed,
    EntryRestrictionLifted,
    Event,
    ExclusionExtended,
    ExclusionGranted,
    ExclusionRevoked,
    ExportControlStrengthened,
    Fact,
    FrozenMap,
    MeasureAmended,
    MeasureAnnounced,
    MeasureCancelled,
    MeasureImposed,
    MeasureLifted,
    MeasureMadeDefinitive,
    MeasurePostponed,
    MeasureResumed,
    MeasureSuspended,
    NextMeeting,
    PolicyState,
    Products,
    Rate,
    Restriction,
    RestrictionEased,
    RestrictionImposed,
    RestrictionLifted,
    TalksHeld,
    TalksRound,
    TerminationNotice,
    UnilateralStep,
    VisaWaiverRestored,
    VisaWaiverSuspended,
    VisaWaiverSuspension,
    WhitelistRemoved,
    WhitelistRestored,
    WTOAppellateReportCirculated,
    WTOCase,
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
    event_types,
    replay,
)
from tradedispute.exceptions import InvalidTransition

JPN_KOR = {"actor": "JPN", "target": "KOR"}
KOR_JPN = {"actor": "KOR", "target": "JPN"}
LICENCE = "individual export licence"
DEMAND = "restore export rules to the level before July 2019"

IMPOSED = RestrictionImposed(
    id="jpn-licences",
    effective=dt.date(2019, 7, 4),
    **JPN_KOR,
    items={"photoresist", "hydrogen fluoride"},
    measure=LICENCE,
)
REMOVED = WhitelistRemoved(
    id="jpn-whitelist", effective=dt.date(2019, 8, 28), **JPN_KOR, list_name="Group A"
)
NOTICED = AgreementTerminationNoticed(
    id="kor-gsomia-notice",
    effective=dt.date(2019, 8, 23),
    **KOR_JPN,
    agreement="GSOMIA",
)
FILED = WTOComplaintFiled(
    id="kor-ds590",
    effective=dt.date(2019, 9, 11),
    **KOR_JPN,
    case="DS590",
    subject="export licensing",
)
SUSPENDED_CASE = WTOComplaintDropped(
    id="kor-ds590-suspended",
    effective=dt.date(2019, 11, 22),
    **KOR_JPN,
    case="DS590",
    mode="suspended",
)
WITHDRAWN_CASE = WTOComplaintDropped(
    id="kor-ds590-withdrawn",
    effective=dt.date(2020, 6, 2),
    **KOR_JPN,
    case="DS590",
    mode="withdrawn",
)
DEMANDED = DemandMade(
    id="kor-demand", effective=dt.date(2019, 12, 24), **KOR_JPN, demand=DEMAND
)
VISA_SUSPENDED = VisaWaiverSuspended(
    id="jpn-visa", effective=dt.date(2020, 3, 9), **JPN_KOR, visas_invalidated=True
)
ENTRY_RESTRICTED = EntryRestrictionImposed(
    id="jpn-quarantine",
    effective=dt.date(2020, 3, 9),
    **JPN_KOR,
    quarantine_days=14,
    detail="no public transport",
)

PANEL_REQUESTED = WTOPanelRequested(
    id="kor-ds590-panel-request",
    effective=dt.date(2020, 6, 18),
    **KOR_JPN,
    case="DS590",
)
PHASE_ONE = {"agreement": "Phase One", "parties": {"USA", "CHN"}}
PANEL_ESTABLISHED = WTOPanelEstablished(
    id="kor-ds590-panel", effective=dt.date(2020, 7, 29), **KOR_JPN, case="DS590"
)


def assert_rejected(
    state: DisputeState, event: Event, rule: str, valid: str
) -> InvalidTransition:
    """Assert *event* breaks *rule* in *state*, and the message says what is valid.

    Also checks the rejection left *state* as it was.
    """
    before = copy.deepcopy(state)
    with pytest.raises(InvalidTransition) as excinfo:
        apply(state, event)
    error = excinfo.value

    assert rule == error.rule
    assert event.id == error.event_id
    assert event.effective == error.effective
    assert error.appended_id is None
    message = str(error)
    assert repr(event.id) in message
    assert f"effective {event.effective.isoformat()}" in message
    assert f"[rule: {rule}]" in message
    assert valid in message
    assert before == state
    return error


# --- export restrictions --------------------------------------------------------


def test_restriction_imposed_puts_each_item_in_force() -> None:
    """Imposing restricts each item towards the target, since the effective day."""
    after = apply(DisputeState(), IMPOSED)

    restriction = Restriction(
        measure=LICENCE, since=dt.date(2019, 7, 4), event_id="jpn-licences"
    )
    assert {
        "KOR": {"photoresist": restriction, "hydrogen fluoride": restriction}
    } == after.country("JPN").restrictions
    assert ["JPN"] == list(after.countries)


def test_restriction_imposed_adds_to_items_in_force() -> None:
    """Imposing more items keeps the items already in force."""
    more = RestrictionImposed(
        id="jpn-polyimide",
        effective=dt.date(2019, 7, 10),
        **JPN_KOR,
        items="fluorinated polyimide",
        measure="catch-all control",
    )

    after = apply(replay([IMPOSED]), more)

    first = Restriction(
        measure=LICENCE, since=dt.date(2019, 7, 4), event_id="jpn-licences"
    )
    assert {
        "photoresist": first,
        "hydrogen fluoride": first,
        "fluorinated polyimide": Restriction(
            measure="catch-all control",
            since=dt.date(2019, 7, 10),
            event_id="jpn-polyimide",
        ),
    } == after.country("JPN").restrictions_on("KOR")


def test_restriction_eased_marks_items_eased_and_keeps_them_in_force() -> None:
    """Easing marks only the eased items, with when, how and by which event."""
    eased = RestrictionEased(
        id="jpn-photoresist-eased",
        effective=dt.date(2019, 12, 20),
        **JPN_KOR,
        items={"photoresist"},
        detail="special general bulk licence",
    )

    after = apply(replay([IMPOSED]), eased)

    assert {
        "photoresist": Restriction(
            measure=LICENCE,
            since=dt.date(2019, 7, 4),
            event_id="jpn-licences",
            eased=True,
            eased_since=dt.date(2019, 12, 20),
            eased_detail="special general bulk licence",
            eased_by="jpn-photoresist-eased",
        ),
        "hydrogen fluoride": Restriction(
            measure=LICENCE, since=dt.date(2019, 7, 4), event_id="jpn-licences"
        ),
    } == after.country("JPN").restrictions_on("KOR")


def test_restriction_lifted_takes_only_the_lifted_items_out_of_force() -> None:
    """Lifting some items leaves the others in force."""
    lifted = RestrictionLifted(
        id="jpn-lift-hf", effective=dt.date(2020, 1, 1), **JPN_KOR, items="photoresist"
    )

    after = apply(replay([IMPOSED]), lifted)

    assert {
        "KOR": {
            "hydrogen fluoride": Restriction(
                measure=LICENCE, since=dt.date(2019, 7, 4), event_id="jpn-licences"
            )
        }
    } == after.country("JPN").restrictions


def test_restriction_lifted_of_every_item_leaves_no_trace() -> None:
    """Lifting every item drops the target and the empty country from the state."""
    lifted = RestrictionLifted(
        id="jpn-lift",
        effective=dt.date(2020, 1, 1),
        **JPN_KOR,
        items={"photoresist", "hydrogen fluoride"},
    )

    after = apply(replay([IMPOSED]), lifted)

    assert DisputeState() == after
    assert {} == after.countries


def test_eased_restriction_can_be_lifted() -> None:
    """An eased restriction is still in force, so it can be lifted."""
    events = [
        IMPOSED,
        RestrictionEased(
            id="jpn-ease",
            effective=dt.date(2019, 12, 20),
            **JPN_KOR,
            items="photoresist",
        ),
    ]
    lifted = RestrictionLifted(
        id="jpn-lift",
        effective=dt.date(2020, 1, 1),
        **JPN_KOR,
        items={"photoresist", "hydrogen fluoride"},
    )

    assert DisputeState() == apply(replay(events), lifted)


# --- whitelists -------------------------------------------------------------------


def test_whitelist_removed_records_the_exclusion() -> None:
    """Removal records since when, and by which event, the target is off the list."""
    after = apply(DisputeState(), REMOVED)

    assert {
        "JPN": PolicyState(
            whitelist_exclusions=FrozenMap(
                {"KOR": Fact(since=dt.date(2019, 8, 28), event_id="jpn-whitelist")}
            )
        )
    } == after.countries


def test_whitelist_restored_ends_the_exclusion() -> None:
    """Restoring the only exclusion returns to the empty state."""
    restored = WhitelistRestored(
        id="jpn-whitelist-back", effective=dt.date(2023, 7, 21), **JPN_KOR
    )

    assert DisputeState() == apply(replay([REMOVED]), restored)


# --- the WTO ----------------------------------------------------------------------


def test_wto_complaint_filed_opens_an_active_case() -> None:
    """Filing opens the case, active since the filing day."""
    after = apply(DisputeState(), FILED)

    assert {
        "DS590": WTOCase(
            case="DS590",
            complainant="KOR",
            respondent="JPN",
            subject="export licensing",
            filed=dt.date(2019, 9, 11),
            filed_by="kor-ds590",
            status="active",
            since=dt.date(2019, 9, 11),
            event_id="kor-ds590",
            stage="consultations",
            stage_since=dt.date(2019, 9, 11),
            stage_by="kor-ds590",
        )
    } == after.wto_cases
    assert {} == after.countries


def test_wto_complaint_dropped_suspends_the_case() -> None:
    """Suspending sets the status, since when and by which event; filing stays."""
    after = apply(replay([FILED]), SUSPENDED_CASE)

    assert (
        WTOCase(
            case="DS590",
            complainant="KOR",
            respondent="JPN",
            subject="export licensing",
            filed=dt.date(2019, 9, 11),
            filed_by="kor-ds590",
            status="suspended",
            since=dt.date(2019, 11, 22),
            event_id="kor-ds590-suspended",
            stage="consultations",
            stage_since=dt.date(2019, 9, 11),
            stage_by="kor-ds590",
        )
        == after.wto_cases["DS590"]
    )


def test_wto_complaint_dropped_withdraws_a_suspended_case() -> None:
    """A suspended case can be withdrawn for good."""
    after = apply(replay([FILED, SUSPENDED_CASE]), WITHDRAWN_CASE)

    case = after.wto_cases["DS590"]
    assert ("withdrawn", dt.date(2020, 6, 2), "kor-ds590-withdrawn") == (
        case.status,
        case.since,
        case.event_id,
    )
    assert dt.date(2019, 9, 11) == case.filed


def test_wto_complaint_dropped_withdraws_an_active_case() -> None:
    """An active case can be withdrawn directly."""
    after = apply(replay([FILED]), WITHDRAWN_CASE)

    assert "withdrawn" == after.wto_cases["DS590"].status


def test_wto_complaint_resumed_reactivates_a_suspended_case() -> None:
    """Resuming makes a suspended case active again, since the resumption."""
    resumed = WTOComplaintResumed(
        id="kor-ds590-resumed", effective=dt.date(2020, 6, 18), **KOR_JPN, case="DS590"
    )

    after = apply(replay([FILED, SUSPENDED_CASE]), resumed)

    assert (
        WTOCase(
            case="DS590",
            complainant="KOR",
            respondent="JPN",
            subject="export licensing",
            filed=dt.date(2019, 9, 11),
            filed_by="kor-ds590",
            status="active",
            since=dt.date(2020, 6, 18),
            event_id="kor-ds590-resumed",
            stage="consultations",
            stage_since=dt.date(2019, 9, 11),
            stage_by="kor-ds590",
        )
        == after.wto_cases["DS590"]
    )


# --- negotiation --------------------------------------------------------------------


def test_talks_held_adds_the_round() -> None:
    """A round of talks is recorded with every field of the event."""
    meeting = NextMeeting(place="Seoul", timing="near future")
    held = TalksHeld(
        id="talks-2020-03-10",
        effective=dt.date(2020, 3, 10),
        parties={"JPN", "KOR"},
        level="director general",
        format="video",
        outcome="no_deal",
        duration_hours=16,
        agreed={"boost cooperation on export control policy"},
        next_meeting=meeting,
    )

    after = apply(DisputeState(), held)

    assert (
        TalksRound(
            date=dt.date(2020, 3, 10),
            parties=frozenset({"JPN", "KOR"}),
            level="director general",
            format="video",
            outcome="no_deal",
            event_id="talks-2020-03-10",
            duration_hours=16,
            agreed=frozenset({"boost cooperation on export control policy"}),
            next_meeting=meeting,
        ),
    ) == after.talks


def test_talks_held_appends_rounds_in_apply_order() -> None:
    """Later rounds follow earlier ones."""
    rounds = [
        TalksHeld(
            id=f"round-{day}",
            effective=dt.date(2019, 12, day),
            parties={"JPN", "KOR"},
            level="director general",
            format="in person",
            outcome="progress",
        )
        for day in (16, 24)
    ]

    after = replay(rounds)

    assert ["round-16", "round-24"] == [round_.event_id for round_ in after.talks]


def test_demand_made_opens_the_demand() -> None:
    """A demand is open from the day it is made, keyed (demander, addressee)."""
    after = apply(DisputeState(), DEMANDED)

    assert {
        ("KOR", "JPN"): {
            DEMAND: Demand(since=dt.date(2019, 12, 24), event_id="kor-demand")
        }
    } == after.demands


def test_demand_made_again_is_a_renewal() -> None:
    """Making an open demand again records the renewal day, keeping its origin."""
    again = DemandMade(
        id="kor-demand-again", effective=dt.date(2020, 3, 8), **KOR_JPN, demand=DEMAND
    )

    after = apply(replay([DEMANDED]), again)

    assert {
        ("KOR", "JPN"): {
            DEMAND: Demand(
                since=dt.date(2019, 12, 24),
                event_id="kor-demand",
                renewed=(Fact(since=dt.date(2020, 3, 8), event_id="kor-demand-again"),),
            )
        }
    } == after.demands


def test_demand_met_closes_the_targets_demand() -> None:
    """The addressee meeting a demand closes it."""
    met = DemandMet(
        id="jpn-meets", effective=dt.date(2023, 3, 16), **JPN_KOR, demand=DEMAND
    )

    assert DisputeState() == apply(replay([DEMANDED]), met)


def test_demand_dropped_closes_the_actors_demand() -> None:
    """The demander dropping its demand closes it."""
    dropped = DemandDropped(
        id="kor-drops", effective=dt.date(2023, 3, 16), **KOR_JPN, demand=DEMAND
    )

    assert DisputeState() == apply(replay([DEMANDED]), dropped)


def test_closing_one_demand_keeps_the_others() -> None:
    """Closing a demand leaves other open demands of the same pair."""
    other = DemandMade(
        id="kor-other", effective=dt.date(2019, 12, 24), **KOR_JPN, demand="apologise"
    )
    dropped = DemandDropped(
        id="kor-drops", effective=dt.date(2020, 1, 1), **KOR_JPN, demand="apologise"
    )

    after = apply(replay([DEMANDED, other]), dropped)

    assert {
        ("KOR", "JPN"): {
            DEMAND: Demand(since=dt.date(2019, 12, 24), event_id="kor-demand")
        }
    } == after.demands


# --- people -------------------------------------------------------------------------


def test_visa_waiver_suspended_records_the_suspension() -> None:
    """Suspension records since when, by which event, and whether visas died."""
    after = apply(DisputeState(), VISA_SUSPENDED)

    assert {
        "KOR": VisaWaiverSuspension(
            since=dt.date(2020, 3, 9), event_id="jpn-visa", visas_invalidated=True
        )
    } == after.country("JPN").visa_waiver_suspensions


def test_visa_waiver_restored_ends_the_suspension() -> None:
    """Restoring the only suspension returns to the empty state."""
    restored = VisaWaiverRestored(
        id="jpn-visa-back", effective=dt.date(2022, 10, 11), **JPN_KOR
    )

    assert DisputeState() == apply(replay([VISA_SUSPENDED]), restored)


def test_entry_restriction_imposed_records_the_restriction() -> None:
    """The entry restriction keeps its day, event, quarantine and detail."""
    after = apply(DisputeState(), ENTRY_RESTRICTED)

    assert {
        "KOR": EntryRestriction(
            since=dt.date(2020, 3, 9),
            event_id="jpn-quarantine",
            quarantine_days=14,
            detail="no public transport",
        )
    } == after.country("JPN").entry_restrictions


def test_entry_restriction_lifted_ends_the_restriction() -> None:
    """Lifting the only entry restriction returns to the empty state."""
    lifted = EntryRestrictionLifted(
        id="jpn-entry-lifted", effective=dt.date(2022, 10, 11), **JPN_KOR
    )

    assert DisputeState() == apply(replay([ENTRY_RESTRICTED]), lifted)


# --- agreements and unilateral steps --------------------------------------------------


def test_agreement_termination_noticed_puts_the_agreement_under_notice() -> None:
    """Notice records the counterparty, the day and the event."""
    after = apply(DisputeState(), NOTICED)

    assert {
        "GSOMIA": TerminationNotice(
            counterparty="JPN", since=dt.date(2019, 8, 23), event_id="kor-gsomia-notice"
        )
    } == after.country("KOR").agreements_under_notice


def test_agreement_termination_suspended_marks_the_notice_suspended() -> None:
    """Suspending a notice keeps it, marked suspended since the day."""
    suspended = AgreementTerminationSuspended(
        id="kor-gsomia-suspended",
        effective=dt.date(2019, 11, 22),
        **KOR_JPN,
        agreement="GSOMIA",
    )

    after = apply(replay([NOTICED]), suspended)

    assert {
        "GSOMIA": TerminationNotice(
            counterparty="JPN",
            since=dt.date(2019, 8, 23),
            event_id="kor-gsomia-notice",
            suspended=True,
            suspended_since=dt.date(2019, 11, 22),
            suspended_by=suspended.id,
        )
    } == after.country("KOR").agreements_under_notice


def test_export_control_strengthened_adds_a_unilateral_step() -> None:
    """Strengthening is kept in the actor's history, in order."""
    first = ExportControlStrengthened(
        id="kor-kosti", effective=dt.date(2020, 3, 8), **KOR_JPN, detail="more staff"
    )
    second = ExportControlStrengthened(
        id="kor-law", effective=dt.date(2020, 3, 9), **KOR_JPN, detail="new law"
    )

    after = apply(replay([first]), second)

    assert (
        UnilateralStep(
            kind="ExportControlStrengthened",
            detail="more staff",
            target="JPN",
            date=dt.date(2020, 3, 8),
            event_id="kor-kosti",
        ),
        UnilateralStep(
            kind="ExportControlStrengthened",
            detail="new law",
            target="JPN",
            date=dt.date(2020, 3, 9),
            event_id="kor-law",
        ),
    ) == after.country("KOR").unilateral_steps


# --- purity -----------------------------------------------------------------------


def _other(event_type: type[Event], **fields: Any) -> Event:
    return event_type(id="under-test", effective=dt.date(2020, 6, 1), **fields)


D = dt.date
STEEL = Products(hs=["7208"])
LEVY = MeasureImposed(
    id="levy",
    measure="m",
    actor="USA",
    targets={"CHN"},
    kind="import tariff",
    products=Products(hs=["72"]),
    rate=Rate(percent=10),
    provisional=True,
    effective=D(2020, 1, 1),
)
PLANNED = MeasureAnnounced(
    id="planned",
    measure="p",
    actor="CHN",
    targets={"USA"},
    kind="import tariff",
    products=Products(hs=["1201"]),
    rate=Rate(percent=25),
    takes_effect=D(2020, 12, 1),
    effective=D(2020, 1, 1),
)
EXCLUDED = ExclusionGranted(
    id="excluded",
    measure="m",
    exclusion="x",
    products=STEEL,
    until=D(2020, 12, 31),
    effective=D(2020, 2, 1),
)
PAUSED = MeasureSuspended(id="paused", measure="m", effective=D(2020, 2, 1))

# (events replayed first, the event under test): one case per built-in type.
EVERY_REDUCER: list[tuple[list[Event], Event]] = [
    ([], IMPOSED),
    ([IMPOSED], _other(RestrictionEased, **JPN_KOR, items="photoresist")),
    ([IMPOSED], _other(RestrictionLifted, **JPN_KOR, items="photoresist")),
    ([], REMOVED),
    ([REMOVED], _other(WhitelistRestored, **JPN_KOR)),
    ([], FILED),
    ([FILED], SUSPENDED_CASE),
    ([FILED, SUSPENDED_CASE], _other(WTOComplaintResumed, **KOR_JPN, case="DS590")),
    (
        [],
        _other(
            TalksHeld,
            parties={"JPN", "KOR"},
            level="summit",
            format="in person",
            outcome="no_deal",
        ),
    ),
    ([], DEMANDED),
    ([DEMANDED], _other(DemandMet, **JPN_KOR, demand=DEMAND)),
    ([DEMANDED], _other(DemandDropped, **KOR_JPN, demand=DEMAND)),
    ([], VISA_SUSPENDED),
    ([VISA_SUSPENDED], _other(VisaWaiverRestored, **JPN_KOR)),
    ([], ENTRY_RESTRICTED),
    ([ENTRY_RESTRICTED], _other(EntryRestrictionLifted, **JPN_KOR)),
    ([], NOTICED),
    ([NOTICED], _other(AgreementTerminationSuspended, **KOR_JPN, agreement="GSOMIA")),
    ([], _other(ExportControlStrengthened, **KOR_JPN, detail="more staff")),
    ([NOTICED], _other(AgreementTerminationWithdrawn, **KOR_JPN, agreement="GSOMIA")),
    ([FILED], PANEL_REQUESTED),
    ([FILED, PANEL_REQUESTED], PANEL_ESTABLISHED),
    *[
        ([FILED], _other(step, **KOR_JPN, case="DS590"))
        for step in (
            WTOPanelComposed,
            WTOPanelReportCirculated,
            WTOPanelReportAppealed,
            WTOAppellateReportCirculated,
            WTOReportAdopted,
            WTOComplianceProceedingsStarted,
            WTORetaliationAuthorised,
            WTOSolutionAgreed,
            WTOPanelLapsed,
        )
    ],
    ([], _other(AgreementSigned, **PHASE_ONE)),
    ([], _other(AgreementEnteredIntoForce, **PHASE_ONE)),
    (
        [_other(AgreementEnteredIntoForce, **PHASE_ONE)],
        _other(AgreementSuspended, **PHASE_ONE),
    ),
    (
        [
            _other(AgreementEnteredIntoForce, **PHASE_ONE),
            _other(AgreementSuspended, **PHASE_ONE),
        ],
        _other(AgreementResumed, **PHASE_ONE),
    ),
    ([_other(AgreementSigned, **PHASE_ONE)], _other(AgreementTerminated, **PHASE_ONE)),
    ([], LEVY),
    ([], PLANNED),
    ([PLANNED], _other(MeasurePostponed, measure="p", takes_effect=D(2021, 1, 1))),
    ([PLANNED], _other(MeasureCancelled, measure="p")),
    ([LEVY], _other(MeasureAmended, measure="m", rate=Rate(percent=25))),
    ([LEVY], _other(MeasureMadeDefinitive, measure="m")),
    ([LEVY], _other(MeasureSuspended, measure="m")),
    ([LEVY, PAUSED], _other(MeasureResumed, measure="m")),
    ([LEVY], _other(MeasureLifted, measure="m")),
    (
        [LEVY],
        _other(ExclusionGranted, measure="m", exclusion="x", products=STEEL),
    ),
    (
        [LEVY, EXCLUDED],
        _other(ExclusionExtended, measure="m", exclusion="x", until=D(2021, 6, 30)),
    ),
    ([LEVY, EXCLUDED], _other(ExclusionRevoked, measure="m", exclusion="x")),
]


def test_purity_cases_cover_every_built_in_type() -> None:
    """The purity test below runs one event of each type the library registers.

    Read from the registry, so a new built-in type without a case here fails.
    """
    built_in = {
        kind for kind in event_types() if kind.__module__.startswith("tradedispute.")
    }
    assert built_in == {type(event) for _, event in EVERY_REDUCER}


@pytest.mark.parametrize(
    ("history", "event"),
    EVERY_REDUCER,
    ids=[type(event).__name__ for _, event in EVERY_REDUCER],
)
def test_reducers_do_not_mutate_their_input(history: list[Event], event: Event) -> None:
    """A reducer returns a new state and leaves the state it was given as it was."""
    # Unrelated facts in the input, so every reducer meets non-empty maps.
    background = [
        RestrictionImposed(
            id="chn-graphite",
            effective=dt.date(2019, 1, 1),
            actor="CHN",
            target="USA",
            items="graphite",
            measure="licence",
        ),
        WhitelistRemoved(
            id="usa-entity", effective=dt.date(2019, 1, 1), actor="USA", target="CHN"
        ),
        DemandMade(
            id="usa-demand",
            effective=dt.date(2019, 1, 1),
            actor="USA",
            target="CHN",
            demand="buy soybeans",
        ),
        WTOComplaintFiled(
            id="chn-ds543",
            effective=dt.date(2019, 1, 1),
            actor="CHN",
            target="USA",
            case="DS543",
        ),
    ]
    state = replay([*background, *history])
    snapshot = copy.deepcopy(state)

    after = apply(state, event)

    assert snapshot == state
    assert hash(snapshot) == hash(state)
    assert after != state
    assert snapshot.country("CHN") == after.country("CHN")
    assert snapshot.wto_cases["DS543"] == after.wto_cases["DS543"]
    assert snapshot.demands[("USA", "CHN")] == after.demands[("USA", "CHN")]


# --- rejected transitions ---------------------------------------------------------


def test_impose_in_force_is_rejected() -> None:
    """Imposing an item already restricted towards the target is rejected."""
    again = RestrictionImposed(
        id="jpn-again",
        effective=dt.date(2019, 7, 20),
        **JPN_KOR,
        items={"photoresist", "fluorinated polyimide"},
        measure=LICENCE,
    )

    error = assert_rejected(
        replay([IMPOSED]), again, "impose-in-force", "lift them first"
    )

    assert "already restricts 'photoresist' towards KOR" in str(error)


def test_impose_in_force_applies_to_eased_items() -> None:
    """An eased item is still in force, so imposing it again is rejected."""
    events = [
        IMPOSED,
        RestrictionEased(
            id="jpn-ease",
            effective=dt.date(2019, 12, 20),
            **JPN_KOR,
            items="photoresist",
        ),
    ]
    again = RestrictionImposed(
        id="jpn-again",
        effective=dt.date(2020, 1, 6),
        **JPN_KOR,
        items="photoresist",
        measure=LICENCE,
    )

    assert_rejected(replay(events), again, "impose-in-force", "lift them first")


def test_ease_not_in_force_is_rejected() -> None:
    """Easing an item not restricted towards the target is rejected."""
    eased = RestrictionEased(
        id="jpn-ease",
        effective=dt.date(2019, 12, 20),
        **JPN_KOR,
        items={"photoresist", "fluorinated polyimide"},
    )

    error = assert_rejected(
        replay([IMPOSED]),
        eased,
        "ease-not-in-force",
        "items in force: 'hydrogen fluoride', 'photoresist'",
    )

    assert "on 'fluorinated polyimide';" in str(error)


def test_ease_not_in_force_applies_to_other_targets() -> None:
    """A restriction towards one country cannot be eased towards another."""
    eased = RestrictionEased(
        id="jpn-ease",
        effective=dt.date(2019, 12, 20),
        actor="JPN",
        target="CHN",
        items="photoresist",
    )

    assert_rejected(
        replay([IMPOSED]), eased, "ease-not-in-force", "items in force: none"
    )


def test_ease_already_eased_is_rejected() -> None:
    """Easing an item that is already eased is rejected."""
    first = RestrictionEased(
        id="jpn-ease", effective=dt.date(2019, 12, 20), **JPN_KOR, items="photoresist"
    )
    second = RestrictionEased(
        id="jpn-ease-again",
        effective=dt.date(2020, 2, 1),
        **JPN_KOR,
        items={"photoresist", "hydrogen fluoride"},
    )

    error = assert_rejected(
        replay([IMPOSED, first]),
        second,
        "ease-already-eased",
        "lift it, or ease other items",
    )

    assert "restriction on 'photoresist' towards KOR is already eased" in str(error)


def test_lift_not_in_force_is_rejected() -> None:
    """Lifting a restriction never imposed is rejected."""
    lifted = RestrictionLifted(
        id="jpn-lift", effective=dt.date(2020, 1, 1), **JPN_KOR, items="photoresist"
    )

    assert_rejected(DisputeState(), lifted, "lift-not-in-force", "items in force: none")


def test_lift_not_in_force_applies_to_items_already_lifted() -> None:
    """Lifting an item twice is rejected the second time."""
    first = RestrictionLifted(
        id="jpn-lift", effective=dt.date(2020, 1, 1), **JPN_KOR, items="photoresist"
    )
    second = RestrictionLifted(
        id="jpn-lift-again",
        effective=dt.date(2020, 2, 1),
        **JPN_KOR,
        items="photoresist",
    )

    assert_rejected(
        replay([IMPOSED, first]),
        second,
        "lift-not-in-force",
        "items in force: 'hydrogen fluoride'",
    )


def test_whitelist_already_removed_is_rejected() -> None:
    """Removing a country already off the whitelist is rejected."""
    again = WhitelistRemoved(id="jpn-again", effective=dt.date(2019, 9, 1), **JPN_KOR)

    assert_rejected(
        replay([REMOVED]), again, "whitelist-already-removed", "since 2019-08-28"
    )


def test_whitelist_not_removed_is_rejected() -> None:
    """Restoring a country that is on the whitelist is rejected."""
    restored = WhitelistRestored(
        id="kor-restore", effective=dt.date(2020, 1, 1), **KOR_JPN
    )

    assert_rejected(
        replay([REMOVED]), restored, "whitelist-not-removed", "countries off it: none"
    )


def test_case_already_filed_is_rejected() -> None:
    """Filing a case number already on record is rejected."""
    again = WTOComplaintFiled(
        id="jpn-ds590", effective=dt.date(2019, 10, 1), **JPN_KOR, case="DS590"
    )

    assert_rejected(
        replay([FILED]), again, "case-already-filed", "already filed on 2019-09-11"
    )


def test_case_not_filed_is_rejected() -> None:
    """Dropping a case never filed is rejected, listing the cases on record."""
    dropped = WTOComplaintDropped(
        id="kor-ds600",
        effective=dt.date(2019, 11, 22),
        **KOR_JPN,
        case="DS600",
        mode="suspended",
    )

    assert_rejected(replay([FILED]), dropped, "case-not-filed", "on record: 'DS590'")


def test_case_not_filed_applies_to_resumption() -> None:
    """Resuming a case never filed is rejected."""
    resumed = WTOComplaintResumed(
        id="kor-ds590-resumed", effective=dt.date(2020, 1, 1), **KOR_JPN, case="DS590"
    )

    assert_rejected(DisputeState(), resumed, "case-not-filed", "on record: none")


@pytest.mark.parametrize(
    ("actor", "target"), [("JPN", "KOR"), ("KOR", "USA"), ("USA", "JPN")]
)
def test_case_parties_mismatch_is_rejected(actor: str, target: str) -> None:
    """Only the complainant acts on a case, against its respondent."""
    dropped = WTOComplaintDropped(
        id="drop",
        effective=dt.date(2019, 11, 22),
        actor=actor,
        target=target,
        case="DS590",
        mode="suspended",
    )

    assert_rejected(
        replay([FILED]),
        dropped,
        "case-parties-mismatch",
        "so actor='KOR', target='JPN'",
    )


def test_case_parties_mismatch_applies_to_resumption() -> None:
    """Only the complainant can resume its case."""
    resumed = WTOComplaintResumed(
        id="jpn-resume", effective=dt.date(2020, 1, 1), **JPN_KOR, case="DS590"
    )

    assert_rejected(
        replay([FILED, SUSPENDED_CASE]),
        resumed,
        "case-parties-mismatch",
        "DS590 is KOR v JPN",
    )


@pytest.mark.parametrize("mode", ["suspended", "withdrawn"])
def test_case_not_droppable_when_withdrawn(mode: str) -> None:
    """A withdrawn case can be neither suspended nor withdrawn again."""
    dropped = WTOComplaintDropped(
        id="kor-drop-again",
        effective=dt.date(2020, 7, 1),
        **KOR_JPN,
        case="DS590",
        mode=mode,
    )

    assert_rejected(
        replay([FILED, WITHDRAWN_CASE]),
        dropped,
        "case-not-droppable",
        "withdrawn since 2020-06-02",
    )


def test_case_not_droppable_when_suspending_a_suspended_case() -> None:
    """A suspended case cannot be suspended again (it can be withdrawn)."""
    again = WTOComplaintDropped(
        id="kor-suspend-again",
        effective=dt.date(2020, 1, 1),
        **KOR_JPN,
        case="DS590",
        mode="suspended",
    )

    assert_rejected(
        replay([FILED, SUSPENDED_CASE]),
        again,
        "case-not-droppable",
        "a suspended one withdrawn",
    )


def test_resume_not_suspended_is_rejected_for_an_active_case() -> None:
    """An active case cannot be resumed."""
    resumed = WTOComplaintResumed(
        id="kor-resume", effective=dt.date(2019, 10, 1), **KOR_JPN, case="DS590"
    )

    assert_rejected(
        replay([FILED]),
        resumed,
        "resume-not-suspended",
        "only a suspended case can be resumed",
    )


def test_resume_not_suspended_is_rejected_for_a_withdrawn_case() -> None:
    """A withdrawn case cannot be resumed."""
    resumed = WTOComplaintResumed(
        id="kor-resume", effective=dt.date(2020, 7, 1), **KOR_JPN, case="DS590"
    )

    error = assert_rejected(
        replay([FILED, SUSPENDED_CASE, WITHDRAWN_CASE]),
        resumed,
        "resume-not-suspended",
        "only a suspended case can be resumed",
    )

    assert "DS590 has been withdrawn since 2020-06-02" in str(error)


def test_demand_not_open_is_rejected_when_met() -> None:
    """Meeting a demand the target never made is rejected."""
    met = DemandMet(
        id="jpn-meets", effective=dt.date(2020, 1, 1), **JPN_KOR, demand="apologise"
    )

    error = assert_rejected(
        replay([DEMANDED]),
        met,
        "demand-not-open",
        f"its open demands: {DEMAND!r}",
    )

    assert "KOR has no open demand 'apologise' of JPN" in str(error)


def test_demand_not_open_is_rejected_when_met_by_the_demander() -> None:
    """A demander cannot meet its own demand; the addressee meets it."""
    met = DemandMet(
        id="kor-meets", effective=dt.date(2020, 1, 1), **KOR_JPN, demand=DEMAND
    )

    assert_rejected(
        replay([DEMANDED]), met, "demand-not-open", "its open demands: none"
    )


def test_demand_not_open_is_rejected_when_dropped() -> None:
    """Dropping a demand already dropped is rejected."""
    dropped = DemandDropped(
        id="kor-drops", effective=dt.date(2020, 1, 1), **KOR_JPN, demand=DEMAND
    )
    again = DemandDropped(
        id="kor-drops-again", effective=dt.date(2020, 2, 1), **KOR_JPN, demand=DEMAND
    )

    error = assert_rejected(
        replay([DEMANDED, dropped]), again, "demand-not-open", "its open demands: none"
    )

    assert f"KOR has no open demand {DEMAND!r} of JPN" in str(error)


def test_visa_waiver_already_suspended_is_rejected() -> None:
    """Suspending a waiver already suspended is rejected."""
    again = VisaWaiverSuspended(
        id="jpn-visa-again", effective=dt.date(2020, 4, 3), **JPN_KOR
    )

    assert_rejected(
        replay([VISA_SUSPENDED]),
        again,
        "visa-waiver-already-suspended",
        "suspended since 2020-03-09",
    )


def test_visa_waiver_not_suspended_is_rejected() -> None:
    """Restoring a waiver that is not suspended is rejected."""
    restored = VisaWaiverRestored(
        id="kor-visa-back", effective=dt.date(2020, 4, 3), **KOR_JPN
    )

    assert_rejected(
        replay([VISA_SUSPENDED]),
        restored,
        "visa-waiver-not-suspended",
        "suspended for: none",
    )


def test_entry_restriction_in_force_is_rejected() -> None:
    """Imposing an entry restriction already in force is rejected."""
    again = EntryRestrictionImposed(
        id="jpn-quarantine-again",
        effective=dt.date(2020, 4, 3),
        **JPN_KOR,
        quarantine_days=7,
    )

    error = assert_rejected(
        replay([ENTRY_RESTRICTED]),
        again,
        "entry-restriction-in-force",
        "lift it before imposing a new one",
    )

    assert "since 2020-03-09" in str(error)


def test_entry_restriction_not_in_force_is_rejected() -> None:
    """Lifting an entry restriction not in force is rejected, naming those that are."""
    lifted = EntryRestrictionLifted(
        id="jpn-lift-chn", effective=dt.date(2020, 4, 3), actor="JPN", target="CHN"
    )

    assert_rejected(
        replay([ENTRY_RESTRICTED]),
        lifted,
        "entry-restriction-not-in-force",
        "restricted: 'KOR'",
    )


def test_notice_already_given_is_rejected() -> None:
    """Giving notice on an agreement already under notice is rejected."""
    again = AgreementTerminationNoticed(
        id="kor-notice-again",
        effective=dt.date(2019, 9, 1),
        **KOR_JPN,
        agreement="GSOMIA",
    )

    assert_rejected(
        replay([NOTICED]), again, "notice-already-given", "on 2019-08-23 already"
    )


def test_notice_not_given_is_rejected() -> None:
    """Suspending a notice never given is rejected."""
    suspended = AgreementTerminationSuspended(
        id="kor-suspend",
        effective=dt.date(2019, 11, 22),
        **KOR_JPN,
        agreement="GSOMIA",
    )

    assert_rejected(
        DisputeState(),
        suspended,
        "notice-not-given",
        "agreements under notice: none",
    )


def test_notice_not_given_is_rejected_for_the_wrong_counterparty() -> None:
    """A notice given to one country cannot be suspended towards another."""
    suspended = AgreementTerminationSuspended(
        id="kor-suspend",
        effective=dt.date(2019, 11, 22),
        actor="KOR",
        target="USA",
        agreement="GSOMIA",
    )

    error = assert_rejected(
        replay([NOTICED]),
        suspended,
        "notice-not-given",
        "agreements under notice: 'GSOMIA'",
    )

    assert "KOR has given USA no notice to terminate 'GSOMIA'" in str(error)


def test_notice_already_suspended_is_rejected() -> None:
    """Suspending a notice that is already suspended is rejected."""
    first = AgreementTerminationSuspended(
        id="kor-suspend",
        effective=dt.date(2019, 11, 22),
        **KOR_JPN,
        agreement="GSOMIA",
    )
    second = AgreementTerminationSuspended(
        id="kor-suspend-again",
        effective=dt.date(2019, 12, 1),
        **KOR_JPN,
        agreement="GSOMIA",
    )

    assert_rejected(
        replay([NOTICED, first]),
        second,
        "notice-already-suspended",
        "suspended since 2019-11-22",
    )


def test_replay_raises_the_first_invalid_transition() -> None:
    """Replaying stops at the first event that cannot apply."""
    lifted = RestrictionLifted(
        id="jpn-lift", effective=dt.date(2020, 1, 1), **JPN_KOR, items="photoresist"
    )

    with pytest.raises(InvalidTransition) as excinfo:
        replay([REMOVED, lifted, lifted])

    assert ("jpn-lift", "lift-not-in-force") == (
        excinfo.value.event_id,
        excinfo.value.rule,
    )


# --- WTO panels and notice withdrawal ---------------------------------------------


def test_wto_panel_requested_and_established_advance_the_stage() -> None:
    """A panel request, then its establishment, move an active case's stage on."""
    requested = apply(replay([FILED]), PANEL_REQUESTED)
    established = apply(requested, PANEL_ESTABLISHED)

    case = requested.wto_cases["DS590"]
    assert ("panel requested", dt.date(2020, 6, 18), "kor-ds590-panel-request") == (
        case.stage,
        case.stage_since,
        case.stage_by,
    )
    case = established.wto_cases["DS590"]
    assert ("panel established", dt.date(2020, 7, 29), "active") == (
        case.stage,
        case.stage_since,
        case.status,
    )


def test_panel_for_a_suspended_case_is_rejected() -> None:
    """case-not-active: a suspended case must be resumed before a panel."""
    suspended = replay([FILED, SUSPENDED_CASE])

    assert_rejected(suspended, PANEL_REQUESTED, "case-not-active", "resume it")


def test_panel_established_without_a_recorded_request_is_accepted() -> None:
    """A request missing from the sources does not stop the establishment.

    (It was the rule panel-not-requested; see tests/core/test_wto_stages.py.)
    """
    case = apply(replay([FILED]), PANEL_ESTABLISHED).wto_cases["DS590"]

    assert ("panel established", "kor-ds590-panel") == (case.stage, case.stage_by)


@pytest.mark.parametrize(
    ("events", "step", "rule"),
    [
        ([PANEL_REQUESTED], PANEL_REQUESTED, "panel-already-requested"),
        (
            [PANEL_REQUESTED, PANEL_ESTABLISHED],
            PANEL_ESTABLISHED,
            "panel-already-established",
        ),
        (
            [PANEL_REQUESTED, PANEL_ESTABLISHED],
            PANEL_REQUESTED,
            "panel-already-established",
        ),
    ],
)
def test_panel_steps_repeated_are_rejected(events, step, rule) -> None:
    """panel-already-requested / -established: a stage is reached once."""
    state = replay([FILED, *events])
    repeat = attrs.evolve(step, id="again", effective=dt.date(2020, 8, 1))

    assert_rejected(state, repeat, rule, "this step needs the stage")


def test_agreement_termination_withdrawn_ends_the_notice() -> None:
    """Withdrawing a notice takes the agreement off notice altogether."""
    withdrawn = AgreementTerminationWithdrawn(
        id="kor-gsomia-normal",
        effective=dt.date(2023, 3, 21),
        **KOR_JPN,
        agreement="GSOMIA",
    )

    after = apply(replay([NOTICED]), withdrawn)

    assert {} == after.country("KOR").agreements_under_notice
    assert DisputeState() == after


def test_withdrawing_a_notice_never_given_is_rejected() -> None:
    """notice-not-given: only a notice given can be withdrawn."""
    withdrawn = AgreementTerminationWithdrawn(
        id="w", effective=dt.date(2023, 3, 21), **KOR_JPN, agreement="GSOMIA"
    )

    with pytest.raises(InvalidTransition) as caught:
        apply(DisputeState(), withdrawn)

    assert "notice-not-given" == caught.value.rule
