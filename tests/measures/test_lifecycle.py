"""A measure's life, example by example: each names the rule it shows."""

import datetime as dt

import pytest

from tradedispute import (
    ALL,
    EventLog,
    ExclusionExtended,
    ExclusionGranted,
    ExclusionRevoked,
    InvalidTransition,
    MeasureAmended,
    MeasureAnnounced,
    MeasureCancelled,
    MeasureImposed,
    MeasureLifted,
    MeasureMadeDefinitive,
    MeasurePostponed,
    MeasureResumed,
    MeasureSuspended,
    Products,
    Rate,
    RestrictionImposed,
    Tier,
    WhitelistRemoved,
)
from tradedispute.exceptions import InvalidCountryCode, InvalidEvent, InvalidQuery
from tradedispute.views import diff, escalation, escalation_between, intervals

D = dt.date


LIST3_DAY = D(2018, 9, 24)


def tariff(measure="us-301-list3", *, day=LIST3_DAY, **fields):
    """A US tariff on Chinese goods, as MeasureImposed."""
    values = {
        "actor": "USA",
        "targets": {"CHN"},
        "kind": "import tariff",
        "products": Products(hs=["72", "8541.40"]),
        "rate": Rate(percent=10),
        "legal_basis": "Section 301",
        **fields,
    }
    return MeasureImposed(measure=measure, effective=day, **values)


def log_of(*events):
    log = EventLog()
    for event in events:
        log.append(event)
    return log


def rejected(log, event, rule):
    """Append *event*, expecting InvalidTransition with *rule*; the log stays as it was."""
    before = (log.events(), log.state_at(D.max))
    with pytest.raises(InvalidTransition) as raised:
        log.append(event)
    assert raised.value.rule == rule
    assert raised.value.event_id == event.id
    assert (log.events(), log.state_at(D.max)) == before
    return str(raised.value)


# --- stacking -----------------------------------------------------------------------


def test_measures_on_the_same_goods_stack():
    """Rule: Section 232 and Section 301 duties on the same steel add up."""
    log = log_of(
        tariff(
            "us-232-steel",
            day=D(2018, 3, 23),
            targets=ALL,
            exempt={"CAN", "MEX"},
            products=Products(hs=["7208"]),
            rate=Rate(percent=25),
            legal_basis="Section 232",
        ),
        tariff(),
    )
    state = log.state_at(D(2018, 10, 1))

    duty = state.duty("USA", "CHN", "7208.10")
    assert duty.percent == 35.0
    assert [(p.measure, p.legal_basis) for p in duty.parts] == [
        ("us-232-steel", "Section 232"),
        ("us-301-list3", "Section 301"),
    ]
    assert state.duty("USA", "CAN", "7208.10").percent == 0.0
    assert state.duty("USA", "JPN", "7208.10").percent == 25.0
    assert state.duty("USA", "CHN", "0101").parts == ()
    assert str(state.duty("USA", "CHN", "0101")) == "no additional duty on 0101"


def test_a_measure_on_the_eu_is_aimed_at_each_member_state():
    """Rule: a query for DEU finds what is aimed at EUN; exempting EUN exempts DEU."""
    log = log_of(
        tariff("us-airbus", targets={"EUN"}, products=Products(hs=["2204"])),
        tariff(
            "us-232-alu",
            targets=ALL,
            exempt={"EUN"},
            products=Products(hs=["7601"]),
        ),
    )
    state = log.state_at(D(2019, 1, 1))

    assert [m.measure for m in state.measures(target="DEU")] == ["us-airbus"]
    assert state.duty("USA", "FRA", "2204.21").percent == 10.0
    assert state.duty("USA", "FRA", "7601").percent == 0.0
    assert state.duty("USA", "JPN", "7601").percent == 10.0


def test_measures_are_filtered_by_actor_target_kind_and_product():
    log = log_of(
        tariff(),
        MeasureImposed(
            measure="cn-retaliation",
            actor="CHN",
            targets={"USA"},
            kind="import tariff",
            products=Products(hs=["1201"]),
            rate=Rate(percent=25),
            effective=D(2018, 7, 6),
        ),
        MeasureImposed(
            measure="us-entity-huawei",
            actor="USA",
            targets={"CHN"},
            kind="entity listing",
            effective=D(2019, 5, 16),
        ),
    )
    state = log.state_at(D(2019, 6, 1))

    assert [m.measure for m in state.measures(actor="USA")] == [
        "us-entity-huawei",
        "us-301-list3",
    ]
    assert [m.measure for m in state.measures(product="1201.90")] == ["cn-retaliation"]
    assert [m.measure for m in state.measures(kind="entity listing")] == [
        "us-entity-huawei"
    ]
    assert state.measures(target="JPN") == ()
    with pytest.raises(InvalidQuery, match="no measure kind is called 'tarif'"):
        state.measures(kind="tarif")
    with pytest.raises(InvalidCountryCode):
        state.measures(actor="US")


def test_the_built_in_vocabulary_appears_under_its_kinds():
    """Rule: restrictions and whitelist removals are measures of their kinds."""
    log = log_of(
        RestrictionImposed(
            actor="JPN",
            target="KOR",
            items={"photoresist"},
            measure="individual export licence",
            effective=D(2019, 7, 4),
        ),
        WhitelistRemoved(actor="JPN", target="KOR", effective=D(2019, 8, 28)),
    )
    state = log.state_at(D(2019, 9, 1))

    found = {(m.kind, m.legal_basis) for m in state.measures(actor="JPN")}
    assert found == {
        ("export restriction", "individual export licence"),
        ("whitelist exclusion", ""),
    }
    assert [m.kind for m in state.measures(product="photoresist")] == [
        "export restriction"
    ]


# --- amendments -----------------------------------------------------------------------


def test_raising_a_rate_keeps_since_and_the_history_of_rates():
    """Rule: 10% to 25% is an amendment: since stays, the rates are kept in order."""
    log = log_of(
        tariff(),
        MeasureAmended(
            measure="us-301-list3", rate=Rate(percent=25), effective=D(2019, 5, 10)
        ),
    )
    measure = log.state_at(D(2019, 6, 1)).interventions["us-301-list3"]

    assert measure.since == D(2018, 9, 24)
    assert [(str(r.rate), r.since) for r in measure.rates] == [
        ("10%", D(2018, 9, 24)),
        ("25%", D(2019, 5, 10)),
    ]
    assert log.state_at(D(2019, 5, 9)).duty("USA", "CHN", "72").percent == 10.0
    assert log.state_at(D(2019, 5, 10)).duty("USA", "CHN", "72").percent == 25.0
    (interval,) = intervals(log.events())
    assert (interval.start, interval.end) == (D(2018, 9, 24), None)
    (change,) = diff(log.events(), D(2019, 5, 9), D(2019, 5, 10))
    assert change.change == "changed"
    assert "25%" in change.after.detail


def test_products_are_added_and_removed_by_amendment():
    log = log_of(
        tariff(),
        MeasureAmended(
            measure="us-301-list3",
            add=Products(hs=["9401"]),
            remove=Products(hs=["8541.40"]),
            effective=D(2019, 1, 1),
        ),
    )
    state = log.state_at(D(2019, 1, 1))

    assert state.duty("USA", "CHN", "9401.10").percent == 10.0
    assert state.duty("USA", "CHN", "8541.40").percent == 0.0
    message = rejected(
        log,
        MeasureAmended(
            measure="us-301-list3",
            remove=Products(hs=["7208"]),
            effective=D(2019, 2, 1),
        ),
        "remove-not-in-scope",
    )
    assert "'7208'" in message


def test_an_amendment_must_change_something():
    with pytest.raises(InvalidEvent, match="an amendment changes the rate"):
        MeasureAmended(measure="m", effective=D(2019, 1, 1))


# --- scheduled measures -------------------------------------------------------------


def test_a_scheduled_measure_takes_effect_on_its_day_with_no_event():
    """Rule: announced on one day, in force from takes_effect, in every view."""
    log = log_of(
        MeasureAnnounced(
            measure="us-301-list4a",
            actor="USA",
            targets={"CHN"},
            kind="import tariff",
            products=Products(hs=["9403"]),
            rate=Rate(percent=15),
            takes_effect=D(2019, 9, 1),
            effective=D(2019, 8, 13),
        ),
    )

    assert log.state_at(D(2019, 8, 31)).duty("USA", "CHN", "9403").percent == 0.0
    assert log.state_at(D(2019, 8, 31)).measures() == ()
    (scheduled,) = log.state_at(D(2019, 8, 31)).measures(scheduled=True)
    assert scheduled.status == "scheduled"
    on_day = log.state_at(D(2019, 9, 1))
    assert on_day.duty("USA", "CHN", "9403").percent == 15.0
    assert on_day.interventions["us-301-list4a"].since == D(2019, 9, 1)
    (change,) = diff(log.events(), D(2019, 8, 20), D(2019, 9, 10))
    assert (change.change, change.date) == ("started", D(2019, 9, 1))
    assert change.event_id == log.events()[0].id
    (interval,) = intervals(log.events())
    assert interval.start == D(2019, 9, 1)


def test_a_postponed_measure_takes_effect_on_the_new_day():
    announced = MeasureAnnounced(
        measure="us-301-list4b",
        actor="USA",
        targets={"CHN"},
        kind="import tariff",
        products=Products(hs=["8517.12"]),
        rate=Rate(percent=15),
        takes_effect=D(2019, 12, 15),
        effective=D(2019, 8, 13),
    )
    log = log_of(
        announced,
        MeasurePostponed(
            measure="us-301-list4b", takes_effect=None, effective=D(2019, 12, 13)
        ),
    )

    assert log.state_at(D(2020, 6, 1)).measures(scheduled=True)[0].takes_effect is None
    assert log.state_at(D(2020, 6, 1)).duty("USA", "CHN", "8517.12").percent == 0.0
    rejected(
        log,
        MeasureLifted(measure="us-301-list4b", effective=D(2020, 1, 1)),
        "lift-not-in-force",
    )
    log.append(MeasureCancelled(measure="us-301-list4b", effective=D(2020, 2, 14)))
    assert log.state_at(D(2020, 2, 14)).interventions == {}


def test_postponing_or_cancelling_a_measure_in_force_is_refused():
    log = log_of(tariff())

    rejected(
        log,
        MeasurePostponed(
            measure="us-301-list3", takes_effect=D(2020, 1, 1), effective=D(2019, 1, 1)
        ),
        "postpone-not-scheduled",
    )
    message = rejected(
        log,
        MeasureCancelled(measure="us-301-list3", effective=D(2019, 1, 1)),
        "cancel-not-scheduled",
    )
    assert "lift or suspend this one" in message


def test_a_measure_suspended_before_it_takes_effect_applies_only_once_resumed():
    log = log_of(
        MeasureAnnounced(
            measure="m",
            actor="USA",
            targets={"CHN"},
            kind="import tariff",
            products=Products(hs=["01"]),
            rate=Rate(percent=10),
            takes_effect=D(2020, 3, 1),
            effective=D(2020, 1, 1),
        ),
        MeasureSuspended(measure="m", effective=D(2020, 2, 1)),
        MeasureResumed(measure="m", effective=D(2020, 4, 1)),
    )

    assert log.state_at(D(2020, 3, 15)).duty("USA", "CHN", "01").percent == 0.0
    assert log.state_at(D(2020, 3, 15)).interventions["m"].since == D(2020, 3, 1)
    assert log.state_at(D(2020, 4, 1)).duty("USA", "CHN", "01").percent == 10.0


# --- suspension, expiry, definitive -------------------------------------------------


def test_a_suspended_measure_charges_nothing_and_weighs_half():
    log = log_of(
        tariff(rate=Rate(percent=25)),
        MeasureSuspended(measure="us-301-list3", effective=D(2019, 1, 1)),
    )
    state = log.state_at(D(2019, 1, 1))

    assert state.duty("USA", "CHN", "72").percent == 0.0
    assert escalation(state) == {"USA": 1.0}
    rejected(
        log,
        MeasureSuspended(measure="us-301-list3", effective=D(2019, 2, 1)),
        "already-suspended",
    )
    log.append(MeasureResumed(measure="us-301-list3", effective=D(2019, 3, 1)))
    assert log.state_at(D(2019, 3, 1)).duty("USA", "CHN", "72").percent == 25.0
    rejected(
        log,
        MeasureResumed(measure="us-301-list3", effective=D(2019, 4, 1)),
        "resume-not-suspended",
    )


def test_a_measure_expires_on_its_day():
    """Rule: expires is the first day it is no longer in force (a sunset)."""
    log = log_of(tariff(kind="anti-dumping duty", expires=D(2023, 9, 24)))

    assert log.state_at(D(2023, 9, 23)).duty("USA", "CHN", "72").percent == 10.0
    assert log.state_at(D(2023, 9, 24)).interventions == {}
    (interval,) = intervals(log.events())
    assert interval.end == D(2023, 9, 24)
    rejected(
        log,
        tariff("other", day=D(2020, 1, 1), expires=D(2020, 1, 1)),
        "expires-before-start",
    )


def test_a_provisional_duty_is_made_definitive():
    """Rule: provisional, then definitive at the final rate, with a five-year sunset."""
    log = log_of(
        tariff(
            "cn-barley-ad",
            day=D(2020, 5, 19),
            actor="CHN",
            targets={"AUS"},
            kind="anti-dumping duty",
            products=Products(hs=["1003"]),
            rate=Rate(percent=73.6),
            provisional=True,
        ),
        MeasureMadeDefinitive(
            measure="cn-barley-ad",
            rate=Rate(percent=73.6),
            expires=D(2025, 5, 19),
            effective=D(2020, 5, 20),
        ),
    )
    measure = log.state_at(D(2021, 1, 1)).interventions["cn-barley-ad"]

    assert not measure.provisional
    assert measure.definitive_since == D(2020, 5, 20)
    assert measure.expires == D(2025, 5, 19)
    assert "provisional" in rejected(
        log,
        MeasureMadeDefinitive(measure="cn-barley-ad", effective=D(2021, 1, 1)),
        "not-provisional",
    )


# --- exclusions ------------------------------------------------------------------------


def test_an_exclusion_takes_products_out_until_it_ends():
    """Rule: until is the last day an exclusion applies; extending it is no error."""
    log = log_of(
        tariff(),
        ExclusionGranted(
            measure="us-301-list3",
            exclusion="x-1",
            products=Products(hs=["8541.40.60"]),
            until=D(2020, 8, 7),
            effective=D(2019, 8, 7),
        ),
    )

    assert log.state_at(D(2020, 8, 7)).duty("USA", "CHN", "8541.40.60.20").parts == ()
    assert log.state_at(D(2020, 8, 8)).duty("USA", "CHN", "8541.40.60.20").percent == 10
    assert log.state_at(D(2020, 8, 8)).duty("USA", "CHN", "8541.40.20").percent == 10
    log.append(
        ExclusionExtended(
            measure="us-301-list3",
            exclusion="x-1",
            until=D(2020, 12, 31),
            effective=D(2020, 8, 5),
        )
    )
    assert log.state_at(D(2020, 12, 31)).duty("USA", "CHN", "8541.40.60").parts == ()
    assert log.state_at(D(2021, 1, 1)).duty("USA", "CHN", "8541.40.60").percent == 10
    log.append(
        ExclusionRevoked(
            measure="us-301-list3", exclusion="x-1", effective=D(2020, 9, 1)
        )
    )
    assert log.state_at(D(2020, 9, 1)).duty("USA", "CHN", "8541.40.60").percent == 10


def test_an_exclusion_covers_only_what_the_measure_covers():
    log = log_of(tariff())

    message = rejected(
        log,
        ExclusionGranted(
            measure="us-301-list3",
            exclusion="x-1",
            products=Products(hs=["9401"]),
            effective=D(2019, 1, 1),
        ),
        "exclusion-outside-scope",
    )
    assert "'9401'" in message
    log.append(
        ExclusionGranted(
            measure="us-301-list3",
            exclusion="x-1",
            products=Products(hs=["7208"]),
            effective=D(2019, 1, 1),
        )
    )
    rejected(
        log,
        ExclusionGranted(
            measure="us-301-list3",
            exclusion="x-1",
            products=Products(hs=["7209"]),
            effective=D(2019, 2, 1),
        ),
        "exclusion-exists",
    )
    rejected(
        log,
        ExclusionRevoked(
            measure="us-301-list3", exclusion="x-9", effective=D(2019, 2, 1)
        ),
        "exclusion-not-found",
    )


def test_a_retroactive_exclusion_is_effective_from_the_day_it_covers():
    """Rule: granted later, announced then, effective from the first day it covers."""
    log = log_of(tariff())
    log.append(
        ExclusionGranted(
            measure="us-301-list3",
            exclusion="x-retro",
            products=Products(hs=["7208"]),
            effective=D(2018, 9, 24),
            announced=D(2019, 3, 1),
        )
    )

    assert log.state_at(D(2018, 10, 1)).duty("USA", "CHN", "7208").parts == ()


# --- lifting ----------------------------------------------------------------------


def test_lifting_some_products_keeps_the_rest():
    log = log_of(
        tariff(),
        MeasureLifted(
            measure="us-301-list3",
            products=Products(hs=["8541.40"]),
            effective=D(2019, 6, 1),
        ),
    )
    state = log.state_at(D(2019, 6, 1))

    assert state.duty("USA", "CHN", "8541.40").parts == ()
    assert state.duty("USA", "CHN", "7208").percent == 10.0
    rejected(
        log,
        MeasureLifted(
            measure="us-301-list3",
            products=Products(hs=["7208"]),
            effective=D(2019, 7, 1),
        ),
        "lift-not-in-scope",
    )
    log.append(
        MeasureLifted(
            measure="us-301-list3",
            products=Products(hs=["72"]),
            effective=D(2019, 7, 1),
        )
    )
    assert log.state_at(D(2019, 7, 1)).interventions == {}


# --- kinds and rates that do not fit ---------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "rule", "needle"),
    [
        ({"kind": "tarif"}, "unknown-kind", "declared kinds:"),
        (
            {"kind": "export restriction"},
            "kind-has-own-events",
            "recorded with RestrictionImposed",
        ),
        ({"kind": "import ban"}, "rate-shape", "carries no rate"),
        (
            {
                "rate": Rate(
                    tiers=[
                        Tier(rate=Rate(percent=5), products=Products(hs=["72"])),
                        Tier(rate=Rate(percent=9), products=Products(hs=["94"])),
                    ]
                )
            },
            "tier-outside-scope",
            "'94'",
        ),
    ],
)
def test_a_measure_that_does_not_fit_its_kind_is_refused(fields, rule, needle):
    assert needle in rejected(EventLog(), tariff(**fields), rule)


def test_a_measure_id_is_taken_until_the_measure_ends():
    log = log_of(tariff())

    rejected(log, tariff(day=D(2019, 1, 1)), "measure-exists")
    rejected(
        log,
        MeasureAmended(measure="nope", rate=Rate(percent=1), effective=D(2019, 1, 1)),
        "amend-not-on-books",
    )
    log.append(MeasureLifted(measure="us-301-list3", effective=D(2019, 2, 1)))
    log.append(tariff(day=D(2019, 3, 1)))
    assert log.state_at(D(2019, 3, 1)).interventions["us-301-list3"].since == D(
        2019, 3, 1
    )


@pytest.mark.parametrize(
    ("fields", "needle"),
    [
        ({"targets": {"USA"}}, "a country cannot target itself"),
        ({"targets": {"ALL", "CHN"}}, "give ALL alone"),
        ({"targets": set()}, "must be country codes"),
        ({"exempt": {"CAN"}}, "only a measure on every country has"),
        ({"products": ["72"]}, "must be a Products value"),
        ({"measure": " padded"}, "without surrounding spaces"),
    ],
)
def test_a_badly_built_measure_event_is_refused(fields, needle):
    with pytest.raises(InvalidEvent) as raised:
        tariff(**fields)

    assert needle in str(raised.value)


def test_escalation_is_kept_per_pair():
    """Rule: a measure on two named targets counts towards each pair."""
    log = log_of(
        tariff(targets={"CHN", "HKG"}),
        tariff("us-232", targets=ALL, products=Products(hs=["7601"])),
    )

    assert escalation_between(log.state_at(D(2019, 1, 1))) == {
        ("USA", "ALL"): 2.0,
        ("USA", "CHN"): 2.0,
        ("USA", "HKG"): 2.0,
    }


def test_exemptions_change_without_ending_the_measure():
    """Rule: Canada and Mexico lose their exemption; the measure keeps its since."""
    log = log_of(
        tariff(
            "us-232-steel",
            day=D(2018, 3, 23),
            targets=ALL,
            exempt={"CAN", "MEX", "EUN"},
            products=Products(hs=["7208"]),
            rate=Rate(percent=25),
        ),
        MeasureAmended(measure="us-232-steel", exempt={"EUN"}, effective=D(2018, 6, 1)),
    )

    assert log.state_at(D(2018, 5, 31)).duty("USA", "CAN", "7208").percent == 0.0
    assert log.state_at(D(2018, 6, 1)).duty("USA", "CAN", "7208").percent == 25.0
    assert log.state_at(D(2018, 6, 1)).duty("USA", "DEU", "7208").percent == 0.0
    (interval,) = intervals(log.events())
    assert (interval.start, interval.target) == (D(2018, 3, 23), "ALL")
    assert "except EUN" in interval.detail
    (change,) = diff(log.events(), D(2018, 5, 31), D(2018, 6, 1))
    assert change.change == "changed"
    rejected(
        log_of(tariff()),
        MeasureAmended(measure="us-301-list3", exempt=set(), effective=D(2019, 1, 1)),
        "exempt-not-all",
    )
