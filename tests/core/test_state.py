"""DisputeState and PolicyState: the questions a state answers, and its value."""

import datetime as dt

import pytest

from tradedispute import (
    Demand,
    DemandMade,
    DisputeState,
    EntryRestrictionImposed,
    EntryRestrictionLifted,
    Fact,
    FrozenMap,
    NextMeeting,
    PolicyState,
    Restriction,
    RestrictionEased,
    RestrictionImposed,
    RestrictionLifted,
    TalksHeld,
    VisaWaiverRestored,
    VisaWaiverSuspended,
    WhitelistRemoved,
    WhitelistRestored,
    replay,
)
from tradedispute.exceptions import InvalidCountryCode, InvalidQuery

JPN_KOR = {"actor": "JPN", "target": "KOR"}
KOR_JPN = {"actor": "KOR", "target": "JPN"}
DEMAND = "restore export rules to the level before July 2019"
SEOUL_SOON = NextMeeting(place="Seoul", timing="near future")
SEOUL_EARLY = NextMeeting(place="Seoul", timing="at an early date")


def talks(
    event_id: str,
    effective: dt.date,
    parties: set[str],
    *,
    agreed: frozenset[str] = frozenset(),
    next_meeting: NextMeeting | None = None,
) -> TalksHeld:
    """Build a round of talks with the fields these tests vary."""
    return TalksHeld(
        id=event_id,
        effective=effective,
        parties=parties,
        level="director general",
        format="in person",
        outcome="progress",
        agreed=agreed,
        next_meeting=next_meeting,
    )


# --- country ----------------------------------------------------------------------


def test_country_without_events_has_an_empty_policy() -> None:
    """A country that took no step has an empty PolicyState."""
    state = replay(
        [WhitelistRemoved(id="w", effective=dt.date(2019, 8, 28), **JPN_KOR)]
    )

    policy = state.country("USA")

    assert PolicyState() == policy
    assert policy.is_empty()
    assert {} == policy.restrictions_on("KOR")
    assert "USA" not in state.countries


def test_country_of_the_empty_state_is_empty() -> None:
    """The empty state holds an empty policy for every country, EUN included."""
    assert PolicyState() == DisputeState().country("EUN")


def test_country_with_an_alpha_2_code_raises_invalid_country_code() -> None:
    """'KR' is not a code a state is asked about; the message suggests 'KOR'."""
    with pytest.raises(InvalidCountryCode) as excinfo:
        DisputeState().country("KR")

    assert "KR" == excinfo.value.code
    assert "did you mean 'KOR'" in str(excinfo.value)


def test_country_with_a_step_is_not_empty() -> None:
    """A country's policy holds what it put in force."""
    state = replay(
        [WhitelistRemoved(id="w", effective=dt.date(2019, 8, 28), **JPN_KOR)]
    )

    policy = state.country("JPN")

    assert not policy.is_empty()
    assert {"KOR": Fact(since=dt.date(2019, 8, 28), event_id="w")} == (
        policy.whitelist_exclusions
    )


def test_whitelist_excluded_lists_the_countries_off_the_whitelist() -> None:
    """whitelist_excluded is the set of countries removed from the list."""
    state = replay(
        [
            WhitelistRemoved(id="w1", effective=dt.date(2019, 8, 28), **JPN_KOR),
            WhitelistRemoved(
                id="w2", effective=dt.date(2019, 9, 1), actor="JPN", target="CHN"
            ),
            WhitelistRemoved(id="w3", effective=dt.date(2019, 9, 18), **KOR_JPN),
        ]
    )

    assert frozenset({"CHN", "KOR"}) == state.country("JPN").whitelist_excluded
    assert frozenset({"JPN"}) == state.country("KOR").whitelist_excluded
    assert frozenset() == state.country("USA").whitelist_excluded


def test_visa_waiver_suspended_lists_the_countries_whose_waiver_is_suspended() -> None:
    """visa_waiver_suspended is the set of countries whose nationals need visas."""
    state = replay(
        [
            VisaWaiverSuspended(id="v1", effective=dt.date(2020, 3, 9), **JPN_KOR),
            VisaWaiverSuspended(
                id="v2", effective=dt.date(2020, 3, 9), actor="JPN", target="CHN"
            ),
            VisaWaiverRestored(
                id="v3", effective=dt.date(2020, 6, 1), actor="JPN", target="CHN"
            ),
        ]
    )

    assert frozenset({"KOR"}) == state.country("JPN").visa_waiver_suspended
    assert frozenset() == state.country("KOR").visa_waiver_suspended


# --- negotiation --------------------------------------------------------------------


def negotiation_state() -> DisputeState:
    """JPN and KOR: two bilateral rounds, one trilateral with CHN, and demands."""
    return replay(
        [
            DemandMade(
                id="d1", effective=dt.date(2019, 7, 10), **KOR_JPN, demand=DEMAND
            ),
            talks(
                "r1",
                dt.date(2019, 12, 16),
                {"JPN", "KOR"},
                agreed=frozenset({"keep talking"}),
                next_meeting=SEOUL_EARLY,
            ),
            talks(
                "r2",
                dt.date(2019, 12, 24),
                {"CHN", "JPN", "KOR"},
                agreed=frozenset({"free trade talks"}),
                next_meeting=NextMeeting(place="Tokyo"),
            ),
            DemandMade(
                id="d2", effective=dt.date(2020, 3, 8), **KOR_JPN, demand=DEMAND
            ),
            DemandMade(
                id="d3",
                effective=dt.date(2020, 3, 8),
                **JPN_KOR,
                demand="honour the 1965 agreement",
            ),
            talks(
                "r3",
                dt.date(2020, 3, 10),
                {"JPN", "KOR"},
                agreed=frozenset({"keep talking", "boost cooperation"}),
                next_meeting=SEOUL_SOON,
            ),
            talks("r4", dt.date(2020, 3, 12), {"CHN", "USA"}),
        ]
    )


def test_negotiation_counts_every_round_both_attended() -> None:
    """Rounds are those both countries attended, trilateral included, in order."""
    negotiation = negotiation_state().negotiation("JPN", "KOR")

    assert ["r1", "r2", "r3"] == [round_.event_id for round_ in negotiation.rounds]
    assert frozenset({"JPN", "KOR"}) == negotiation.parties


def test_negotiation_last_round_is_the_latest_round() -> None:
    """last_round is the latest round both attended."""
    last = negotiation_state().negotiation("JPN", "KOR").last_round

    assert last is not None
    assert ("r3", dt.date(2020, 3, 10)) == (last.event_id, last.date)


def test_negotiation_agreed_keeps_the_date_first_agreed() -> None:
    """A point agreed twice is dated to its first agreement."""
    negotiation = negotiation_state().negotiation("JPN", "KOR")

    assert {
        "keep talking": Fact(since=dt.date(2019, 12, 16), event_id="r1"),
        "free trade talks": Fact(since=dt.date(2019, 12, 24), event_id="r2"),
        "boost cooperation": Fact(since=dt.date(2020, 3, 10), event_id="r3"),
    } == negotiation.agreed


def test_negotiation_next_meeting_is_the_one_announced_last() -> None:
    """next_meeting is the meeting announced at the latest round."""
    assert SEOUL_SOON == negotiation_state().negotiation("JPN", "KOR").next_meeting


def test_negotiation_next_meeting_is_none_if_the_last_round_announced_none() -> None:
    """An earlier announcement does not outlive a later round without one."""
    state = replay(
        [
            talks("r1", dt.date(2019, 12, 16), {"JPN", "KOR"}, next_meeting=SEOUL_SOON),
            talks("r2", dt.date(2019, 12, 24), {"JPN", "KOR"}),
        ]
    )

    assert state.negotiation("JPN", "KOR").next_meeting is None


def test_negotiation_open_demands_of_each_side_with_renewals() -> None:
    """Each side's open demands of the other, with first day and renewals."""
    negotiation = negotiation_state().negotiation("JPN", "KOR")

    assert {
        DEMAND: Demand(
            since=dt.date(2019, 7, 10),
            event_id="d1",
            renewed=(Fact(since=dt.date(2020, 3, 8), event_id="d2"),),
        )
    } == negotiation.demands_of("KOR")
    assert {
        "honour the 1965 agreement": Demand(since=dt.date(2020, 3, 8), event_id="d3")
    } == negotiation.demands_of("JPN")
    assert {"JPN", "KOR"} == set(negotiation.open_demands)


def test_negotiation_is_the_same_either_way_round() -> None:
    """negotiation(a, b) equals negotiation(b, a)."""
    state = negotiation_state()

    assert state.negotiation("JPN", "KOR") == state.negotiation("KOR", "JPN")


def test_trilateral_talks_count_for_each_pair() -> None:
    """A three-party round counts for every pair at the table, and no other."""
    state = negotiation_state()

    assert ["r2"] == [r.event_id for r in state.negotiation("CHN", "JPN").rounds]
    assert ["r2"] == [r.event_id for r in state.negotiation("KOR", "CHN").rounds]
    assert ["r4"] == [r.event_id for r in state.negotiation("USA", "CHN").rounds]
    assert {
        "free trade talks": Fact(since=dt.date(2019, 12, 24), event_id="r2")
    } == state.negotiation("CHN", "KOR").agreed


def test_negotiation_without_talks_is_empty() -> None:
    """Countries that never talked have no rounds, agreements or next meeting."""
    negotiation = negotiation_state().negotiation("USA", "KOR")

    assert () == negotiation.rounds
    assert negotiation.last_round is None
    assert negotiation.next_meeting is None
    assert {} == negotiation.agreed
    assert {} == negotiation.open_demands
    assert {} == negotiation.demands_of("USA")


def test_negotiation_of_a_country_with_itself_raises_invalid_query() -> None:
    """A negotiation needs two different countries."""
    with pytest.raises(InvalidQuery, match="needs two different countries"):
        DisputeState().negotiation("JPN", "JPN")


@pytest.mark.parametrize(("a", "b"), [("KR", "JPN"), ("JPN", "jpn")])
def test_negotiation_with_a_bad_code_raises_invalid_country_code(
    a: str, b: str
) -> None:
    """Both countries of a negotiation are country codes."""
    with pytest.raises(InvalidCountryCode):
        DisputeState().negotiation(a, b)


# --- value semantics ------------------------------------------------------------------


def test_lifting_everything_returns_the_empty_state() -> None:
    """Ended facts are dropped, so undoing every measure gives DisputeState()."""
    day = dt.date(2019, 7, 4)
    later = dt.date(2022, 10, 11)
    items = {"photoresist", "hydrogen fluoride"}
    state = replay(
        [
            RestrictionImposed(
                id="r", effective=day, **JPN_KOR, items=items, measure="licence"
            ),
            RestrictionEased(id="e", effective=day, **JPN_KOR, items="photoresist"),
            WhitelistRemoved(id="w", effective=day, **JPN_KOR),
            VisaWaiverSuspended(id="v", effective=day, **KOR_JPN),
            EntryRestrictionImposed(id="n", effective=day, **JPN_KOR),
            RestrictionLifted(id="rl", effective=later, **JPN_KOR, items=items),
            WhitelistRestored(id="wl", effective=later, **JPN_KOR),
            VisaWaiverRestored(id="vl", effective=later, **KOR_JPN),
            EntryRestrictionLifted(id="nl", effective=later, **JPN_KOR),
        ]
    )

    assert DisputeState() == state
    assert hash(DisputeState()) == hash(state)
    assert {} == state.countries


def test_empty_restriction_maps_are_dropped_from_a_policy() -> None:
    """A target with no restriction in force is not kept in restrictions."""
    policy = PolicyState(restrictions=FrozenMap({"KOR": FrozenMap()}))

    assert PolicyState() == policy
    assert policy.is_empty()


def test_with_country_drops_an_empty_policy() -> None:
    """Giving a country an empty policy removes it from the state."""
    state = replay(
        [WhitelistRemoved(id="w", effective=dt.date(2019, 8, 28), **JPN_KOR)]
    )

    assert DisputeState() == state.with_country("JPN", PolicyState())
    assert DisputeState() == DisputeState().with_country("KOR", PolicyState())


def test_states_from_equal_events_are_equal_and_hash_alike() -> None:
    """States compare and hash by value, not identity."""

    def build() -> DisputeState:
        return replay(
            [
                RestrictionImposed(
                    id="r",
                    effective=dt.date(2019, 7, 4),
                    **JPN_KOR,
                    items={"photoresist"},
                    measure="licence",
                ),
                talks("t", dt.date(2019, 12, 16), {"JPN", "KOR"}),
                DemandMade(
                    id="d", effective=dt.date(2020, 1, 1), **KOR_JPN, demand="x"
                ),
            ]
        )

    first, second = build(), build()

    assert first == second
    assert first is not second
    assert hash(first) == hash(second)
    assert len({first, second}) == 1


def test_states_with_different_facts_are_not_equal() -> None:
    """A different fact makes a different state."""
    first = replay(
        [WhitelistRemoved(id="w", effective=dt.date(2019, 8, 28), **JPN_KOR)]
    )
    second = replay(
        [WhitelistRemoved(id="w", effective=dt.date(2019, 8, 29), **JPN_KOR)]
    )

    assert first != second


def test_restrictions_imposed_in_either_order_give_equal_states() -> None:
    """Map order does not matter to a state's value."""
    a = RestrictionImposed(
        id="a", effective=dt.date(2019, 7, 4), **JPN_KOR, items="x", measure="m"
    )
    b = RestrictionImposed(
        id="b",
        effective=dt.date(2019, 7, 4),
        actor="JPN",
        target="CHN",
        items="y",
        measure="m",
    )

    first, second = replay([a, b]), replay([b, a])

    assert first == second
    assert hash(first) == hash(second)


def test_restrictions_on_returns_the_items_towards_a_target() -> None:
    """restrictions_on(target) is item -> Restriction, empty for other targets."""
    state = replay(
        [
            RestrictionImposed(
                id="r",
                effective=dt.date(2019, 7, 4),
                **JPN_KOR,
                items="photoresist",
                measure="licence",
            )
        ]
    )
    policy = state.country("JPN")

    assert {
        "photoresist": Restriction(
            measure="licence", since=dt.date(2019, 7, 4), event_id="r"
        )
    } == policy.restrictions_on("KOR")
    assert {} == policy.restrictions_on("CHN")
