"""The example in examples/ runs and shows what the seed article says."""

import datetime as dt
import runpy
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).parent.parent / "examples" / "march_2020.py"
DAY = dt.date(2020, 3, 11)


def build_state():
    return runpy.run_path(str(EXAMPLE))["build_log"]().state_at(DAY)


def test_example_runs_and_prints_the_state():
    """`python examples/march_2020.py` exits 0 and prints every point of the article."""
    result = subprocess.run(
        [sys.executable, str(EXAMPLE)], capture_output=True, text=True, check=True
    )
    out = result.stdout

    assert out.startswith("The dispute on 2020-03-11")
    for line in [
        "restricts fluorinated polyimide to KOR: individual export licence since 2019-07-04",
        "restricts hydrogen fluoride to KOR: individual export licence since 2019-07-04",
        "restricts photoresist to KOR: individual export licence since 2019-07-04, eased since 2019-12-20",
        "KOR off its whitelist since 2019-08-28",
        "JPN off its whitelist since 2019-09-18",
        "WTO DS590: KOR v JPN, filed 2019-09-11, suspended since 2019-11-22",
        "notice to end GSOMIA with JPN given 2019-08-23, suspended since 2019-11-22",
        "visa waiver for KOR suspended since 2020-03-09, issued visas invalidated",
        "visa waiver for JPN suspended since 2020-03-09, issued visas invalidated",
        "next meeting: Seoul, near future",
    ]:
        assert line in out


def test_example_state_matches_the_article():
    """On 2020-03-11 the record holds each move the article names."""
    state = build_state()
    japan, korea = state.country("JPN"), state.country("KOR")

    restrictions = japan.restrictions_on("KOR")
    assert {"fluorinated polyimide", "photoresist", "hydrogen fluoride"} == set(
        restrictions
    )
    assert dt.date(2019, 12, 20) == restrictions["photoresist"].eased_since
    assert not restrictions["hydrogen fluoride"].eased
    assert {"KOR"} == japan.whitelist_excluded
    assert {"JPN"} == korea.whitelist_excluded
    assert "suspended" == state.wto_cases["DS590"].status
    assert korea.agreements_under_notice["GSOMIA"].suspended
    assert {"KOR"} == japan.visa_waiver_suspended
    assert {"JPN"} == korea.visa_waiver_suspended
    assert japan.entry_restrictions["KOR"].quarantine_days == 14
    assert "25% more staff" in korea.unilateral_steps[-1].detail

    talks = state.negotiation("KOR", "JPN")
    last = talks.last_round
    assert (dt.date(2020, 3, 10), "video", 16, "no_deal") == (
        last.date,
        last.format,
        last.duration_hours,
        last.outcome,
    )
    assert {"boost cooperation on export control policy"} == set(talks.agreed)
    assert "Seoul" == talks.next_meeting.place
    assert {"restore export rules to the level before July 2019"} == set(
        talks.demands_of("KOR")
    )


def test_every_example_event_is_sourced():
    """Every event in the example cites a source."""
    log = runpy.run_path(str(EXAMPLE))["build_log"]()

    assert [] == [event.id for event in log if event.source is None]
