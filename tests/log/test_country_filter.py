"""``timeline(country=)`` and ``intervals(country=)``: one rule of involvement.

Rules (tradedispute.core.involvement): a move involves its actor and its
target; an event on a declared measure involves the measure's actor and
targets, and a measure aimed at every country (``ALL``) involves every
country, the exempt ones too; talks and agreements involve their parties.
The filter keeps the log's order and changes nothing else.
"""

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradedispute import (
    EventLog,
    InvalidCountryCode,
    MeasureImposed,
    MeasureLifted,
    Products,
    Rate,
    TalksHeld,
)
from tradedispute.cli import main
from tradedispute.core.measures import measures
from tradedispute.datasets import load
from tradedispute.testing import DEFAULT_COUNTRIES, event_logs

US_CHINA = load("us-china")


def is_subsequence(part: tuple[object, ...], whole: tuple[object, ...]) -> bool:
    remaining = iter(whole)
    return all(any(item is other for other in remaining) for item in part)


@given(log=event_logs(), country=st.sampled_from(DEFAULT_COUNTRIES))
def test_a_countrys_timeline_is_the_timeline_kept_in_order(
    log: EventLog, country: str
) -> None:
    """Filtering keeps events of the whole timeline, in its order, never adding one."""
    everything = log.timeline()
    mine = log.timeline(country=country)
    assert is_subsequence(tuple(mine), tuple(everything))


@given(log=event_logs())
def test_every_event_involves_some_country_of_the_log(log: EventLog) -> None:
    """Every event of a generated log is in the timeline of one of its countries."""
    kept = {
        event.id for code in DEFAULT_COUNTRIES for event in log.timeline(country=code)
    }
    assert {event.id for event in log.timeline()} == kept


@given(
    log=event_logs(),
    country=st.sampled_from(DEFAULT_COUNTRIES),
    day=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
)
def test_a_countrys_intervals_on_a_day_are_its_measures_in_force_that_day(
    log: EventLog, country: str, day: dt.date
) -> None:
    """intervals(country=C).on(D) is state_at(D)'s measures C imposed or faces."""
    expected = sorted(
        measure.key
        for measure in measures(log.state_at(day))
        if country in (measure.actor, measure.target) or measure.target == "ALL"
    )
    actual = sorted(i.key for i in log.intervals(country=country).on(day))
    assert expected == actual


def test_a_measure_on_every_country_involves_an_exempt_one() -> None:
    """Canada is exempt from the washers safeguard, which is still its story."""
    subjects = {i.subject for i in US_CHINA.intervals(country="CAN")}
    assert {"us-201-solar", "us-201-washers", "us-232-aluminium"} <= subjects
    assert "us-301-list1" not in subjects


def test_later_events_on_a_measure_follow_its_declaration() -> None:
    """An event naming only the measure involves the sides its declaration named."""
    log = EventLog()
    imposed = MeasureImposed(
        measure="us-301-list1",
        actor="USA",
        targets={"CHN"},
        kind="import tariff",
        products=Products(hs=["8541.40"]),
        rate=Rate(percent=25),
        effective=dt.date(2018, 7, 6),
    )
    lifted = MeasureLifted(measure="us-301-list1", effective=dt.date(2020, 1, 1))
    log.extend([imposed, lifted])
    assert (imposed, lifted) == tuple(log.timeline(country="CHN"))
    assert (imposed, lifted) == tuple(log.timeline(country="USA"))
    assert () == tuple(log.timeline(country="JPN"))


def test_talks_involve_their_parties() -> None:
    log = EventLog()
    talks = TalksHeld(
        parties={"JPN", "KOR"},
        effective=dt.date(2020, 3, 10),
        level="director-general",
        format="video conference",
        outcome="no_deal",
    )
    log.append(talks)
    assert (talks,) == tuple(log.timeline(country="KOR"))
    assert () == tuple(log.timeline(country="CHN"))


@pytest.mark.parametrize("method", ["timeline", "intervals"])
def test_a_code_that_is_no_country_is_refused_with_the_one_meant(method: str) -> None:
    with pytest.raises(InvalidCountryCode, match="did you mean 'KOR'"):
        getattr(US_CHINA, method)(country="kor")


def _cli_json(capsys: pytest.CaptureFixture[str], *arguments: str) -> object:
    assert 0 == main([*arguments, "--json"])
    return json.loads(capsys.readouterr().out)


def test_the_command_lines_country_follows_the_same_rule(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """--country on intervals, timeline and diff keeps what the library keeps."""
    kept = _cli_json(capsys, "intervals", "--dataset", "us-china", "--country", "CAN")
    assert [
        (i.subject, i.start.isoformat()) for i in US_CHINA.intervals(country="CAN")
    ] == [(row["subject"], row["start"]) for row in kept]
    assert {"us-201-washers", "us-232-steel"} <= {row["subject"] for row in kept}

    events = _cli_json(capsys, "timeline", "--dataset", "us-china", "--country", "CAN")
    assert [event.id for event in US_CHINA.timeline(country="CAN")] == [
        row["id"] for row in events
    ]

    report = _cli_json(
        capsys,
        "diff",
        "2018-01-01",
        "2018-12-31",
        "--dataset",
        "us-china",
        "--country",
        "CAN",
    )
    started = {row["subject"] for row in report["started"]}
    assert {"us-201-washers", "us-232-steel"} <= started
