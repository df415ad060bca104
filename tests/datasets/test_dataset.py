"""The Japan–Korea dataset: it ships, replays, is sourced, and says what happened.

The dated checks look at the day before and the day a change applies, so an
off-by-one date in the record fails a test.
"""

import datetime as dt
import json
import runpy
from pathlib import Path

import pytest

from tradedispute import DisputeState, cli, datasets, replay, replay_order
from tradedispute.datasets import UnknownDataset

D = dt.date
BUILDER = Path(__file__).parents[2] / "tools" / "build_japan_korea.py"
THREE = frozenset({"fluorinated polyimide", "photoresist", "hydrogen fluoride"})
DEMAND = "restore export rules to the level before July 2019"


@pytest.fixture(scope="module")
def record():
    return datasets.load("japan-korea")


def test_names_include_japan_korea():
    assert "japan-korea" in datasets.names()


def test_load_replays(record):
    events = list(record)
    assert len(events) >= 30
    # The whole record replays from scratch, not only as stored.
    final = replay(replay_order(events))
    assert final == record.state_at(D(2100, 1, 1))


def test_ids_are_unique_and_readable(record):
    ids = [event.id for event in record]
    assert len(ids) == len(set(ids))
    for event_id in ids:
        assert event_id == event_id.lower()
        assert any(char.isdigit() for char in event_id)


def test_every_event_has_a_source(record):
    for event in record:
        assert event.source is not None, event.id
        assert event.source.title.strip(), event.id
        assert event.source.publisher.strip(), event.id


def test_announced_only_when_it_differs(record):
    for event in record:
        if event.announced is not None:
            assert event.announced < event.effective, event.id


def test_shipped_file_matches_the_builder(record):
    build_events = runpy.run_path(str(BUILDER))["build_events"]
    assert list(record) == build_events()


def test_unknown_dataset_names_the_datasets():
    with pytest.raises(UnknownDataset, match="japan-korea") as caught:
        datasets.load("nope")
    assert caught.value.name == "nope"
    assert "nope" in str(caught.value)


# --- dated checks -------------------------------------------------------------


def jpn_items(state: DisputeState) -> frozenset[str]:
    return frozenset(state.country("JPN").restrictions_on("KOR"))


def photoresist_eased(state: DisputeState) -> bool:
    return state.country("JPN").restrictions_on("KOR")["photoresist"].eased


def jpn_whitelist(state: DisputeState) -> bool:
    return "KOR" in state.country("JPN").whitelist_excluded


def kor_whitelist(state: DisputeState) -> bool:
    return "JPN" in state.country("KOR").whitelist_excluded


def ds590(state: DisputeState) -> tuple[str, str] | None:
    case = state.wto_cases.get("DS590")
    return None if case is None else (case.status, case.stage)


def gsomia(state: DisputeState) -> str | None:
    notice = state.country("KOR").agreements_under_notice.get("GSOMIA")
    if notice is None:
        return None
    return "suspended" if notice.suspended else "pending"


def jpn_visas(state: DisputeState) -> frozenset[str]:
    return state.country("JPN").visa_waiver_suspended


def kor_visas(state: DisputeState) -> frozenset[str]:
    return state.country("KOR").visa_waiver_suspended


def jpn_quarantine(state: DisputeState) -> dict[str, int | None]:
    entries = state.country("JPN").entry_restrictions
    return {code: entry.quarantine_days for code, entry in entries.items()}


def kor_demand_open(state: DisputeState) -> bool:
    return DEMAND in state.negotiation("JPN", "KOR").demands_of("KOR")


def last_talks(state: DisputeState) -> tuple[dt.date, str] | None:
    last = state.negotiation("JPN", "KOR").last_round
    return None if last is None else (last.date, last.level)


ACTIVE = ("active", "consultations")

CHANGES = [
    pytest.param(
        D(2019, 7, 4), jpn_items, frozenset(), THREE, id="jpn-three-items-restricted"
    ),
    pytest.param(
        D(2019, 8, 28), jpn_whitelist, False, True, id="jpn-whitelist-removed"
    ),
    pytest.param(
        D(2019, 9, 18), kor_whitelist, False, True, id="kor-whitelist-removed"
    ),
    pytest.param(D(2019, 8, 23), gsomia, None, "pending", id="gsomia-notice-given"),
    pytest.param(D(2019, 9, 11), ds590, None, ACTIVE, id="ds590-filed"),
    pytest.param(
        D(2019, 11, 22),
        ds590,
        ACTIVE,
        ("suspended", "consultations"),
        id="ds590-suspended",
    ),
    pytest.param(
        D(2019, 11, 22), gsomia, "pending", "suspended", id="gsomia-notice-suspended"
    ),
    pytest.param(
        D(2019, 12, 20), photoresist_eased, False, True, id="jpn-photoresist-eased"
    ),
    pytest.param(D(2019, 12, 24), kor_demand_open, False, True, id="kor-demand-made"),
    pytest.param(
        D(2020, 3, 9), jpn_visas, frozenset(), {"KOR"}, id="jpn-visa-waiver-suspended"
    ),
    pytest.param(
        D(2020, 3, 9), kor_visas, frozenset(), {"JPN"}, id="kor-visa-waiver-suspended"
    ),
    pytest.param(
        D(2020, 3, 9),
        jpn_quarantine,
        {},
        {"KOR": 14, "CHN": 14},
        id="jpn-14-day-quarantine",
    ),
    pytest.param(
        D(2020, 3, 10),
        last_talks,
        (D(2019, 12, 24), "summit"),
        (D(2020, 3, 10), "director general"),
        id="talks-8th-dialogue-held",
    ),
    pytest.param(
        D(2020, 6, 2), ds590, ("suspended", "consultations"), ACTIVE, id="ds590-resumed"
    ),
    pytest.param(
        D(2020, 6, 18),
        ds590,
        ACTIVE,
        ("active", "panel requested"),
        id="ds590-panel-requested",
    ),
    pytest.param(
        D(2020, 7, 29),
        ds590,
        ("active", "panel requested"),
        ("active", "panel established"),
        id="ds590-panel-established",
    ),
    pytest.param(
        D(2022, 10, 11), jpn_visas, {"KOR"}, frozenset(), id="jpn-visa-waiver-restored"
    ),
    pytest.param(
        D(2022, 11, 1), kor_visas, {"JPN"}, frozenset(), id="kor-visa-waiver-restored"
    ),
    pytest.param(
        D(2022, 10, 11),
        jpn_quarantine,
        {"KOR": 14, "CHN": 14},
        {"CHN": 14},
        id="jpn-quarantine-on-kor-lifted",
    ),
    pytest.param(
        D(2023, 3, 6),
        ds590,
        ("active", "panel established"),
        ("suspended", "panel established"),
        id="ds590-halted",
    ),
    pytest.param(
        D(2023, 3, 16),
        last_talks,
        (D(2023, 3, 14), "director general"),
        (D(2023, 3, 16), "summit"),
        id="talks-2023-summit-held",
    ),
    pytest.param(
        D(2023, 3, 21), gsomia, "suspended", None, id="gsomia-notice-withdrawn"
    ),
    pytest.param(
        D(2023, 3, 23), jpn_items, THREE, frozenset(), id="jpn-three-items-lifted"
    ),
    pytest.param(
        D(2023, 3, 23),
        ds590,
        ("suspended", "panel established"),
        ("withdrawn", "panel established"),
        id="ds590-withdrawn",
    ),
    pytest.param(D(2023, 3, 23), kor_demand_open, True, False, id="kor-demand-met"),
    pytest.param(
        D(2023, 4, 24), kor_whitelist, True, False, id="kor-whitelist-restored"
    ),
    pytest.param(
        D(2023, 7, 21), jpn_whitelist, True, False, id="jpn-whitelist-restored"
    ),
]


@pytest.mark.parametrize(("day", "look", "before", "after"), CHANGES)
def test_change_applies_on_its_day(record, day, look, before, after):
    assert look(record.state_at(day - dt.timedelta(days=1))) == before
    assert look(record.state_at(day)) == after


def test_only_the_restriction_on_china_stays_in_force(record):
    """No lifting date is sourced for arrivals from China, so it stays in force."""
    assert {"CHN": 14} == jpn_quarantine(record.state_at(D(2023, 12, 31)))


def test_state_on_2020_03_11_matches_the_seed_article(record):
    """Yonhap, 'S. Korea, Japan end marathon talks with no deal' (2020-03-11)."""
    state = record.state_at(D(2020, 3, 11))
    japan = state.country("JPN")
    korea = state.country("KOR")

    restrictions = japan.restrictions_on("KOR")
    assert frozenset(restrictions) == THREE
    for item, restriction in restrictions.items():
        assert restriction.since == D(2019, 7, 4)
        assert restriction.eased == (item == "photoresist")
    assert restrictions["photoresist"].eased_since == D(2019, 12, 20)

    assert japan.whitelist_excluded == {"KOR"}
    assert korea.whitelist_excluded == {"JPN"}

    case = state.wto_cases["DS590"]
    assert (case.complainant, case.respondent) == ("KOR", "JPN")
    assert case.status == "suspended"

    notice = korea.agreements_under_notice["GSOMIA"]
    assert notice.counterparty == "JPN"
    assert notice.suspended

    assert japan.visa_waiver_suspended == {"KOR"}
    assert korea.visa_waiver_suspended == {"JPN"}
    assert japan.visa_waiver_suspensions["KOR"].visas_invalidated
    assert korea.visa_waiver_suspensions["JPN"].visas_invalidated
    assert japan.entry_restrictions["KOR"].quarantine_days == 14

    talks = state.negotiation("JPN", "KOR")
    last = talks.last_round
    assert last is not None
    assert last.date == D(2020, 3, 10)
    assert last.format == "video"
    assert last.outcome == "no_deal"
    assert last.duration_hours == 16
    assert "boost cooperation on export control policy" in talks.agreed
    assert talks.next_meeting is not None
    assert talks.next_meeting.place == "Seoul"
    assert DEMAND in talks.demands_of("KOR")


# --- the same checks through the command line's JSON ----------------------------


def _country(doc: dict, code: str) -> dict:
    return doc["countries"].get(code, {})


def _items(doc: dict) -> frozenset[str]:
    rows = _country(doc, "JPN").get("restrictions", {}).get("KOR", [])
    return frozenset(row["item"] for row in rows)


def _eased(doc: dict) -> bool:
    rows = _country(doc, "JPN").get("restrictions", {}).get("KOR", [])
    return {row["item"]: row["eased"] for row in rows}["photoresist"]


def _notice(doc: dict) -> str | None:
    notice = _country(doc, "KOR").get("agreements_under_notice", {}).get("GSOMIA")
    if notice is None:
        return None
    return "suspended" if notice["suspended"] else "pending"


def _case(doc: dict) -> tuple[str, str] | None:
    case = doc["wto_cases"].get("DS590")
    return None if case is None else (case["status"], case["stage"])


def _last_talks(doc: dict) -> tuple[dt.date, str] | None:
    rounds = [t for t in doc["talks"] if {"JPN", "KOR"} <= set(t["parties"])]
    if not rounds:
        return None
    return (dt.date.fromisoformat(rounds[-1]["date"]), rounds[-1]["level"])


IN_JSON = {
    jpn_items: _items,
    photoresist_eased: _eased,
    jpn_whitelist: lambda doc: (
        "KOR" in _country(doc, "JPN").get("whitelist_excluded", [])
    ),
    kor_whitelist: lambda doc: (
        "JPN" in _country(doc, "KOR").get("whitelist_excluded", [])
    ),
    ds590: _case,
    gsomia: _notice,
    jpn_visas: lambda doc: frozenset(
        _country(doc, "JPN").get("visa_waiver_suspended", [])
    ),
    kor_visas: lambda doc: frozenset(
        _country(doc, "KOR").get("visa_waiver_suspended", [])
    ),
    jpn_quarantine: lambda doc: {
        code: entry["quarantine_days"]
        for code, entry in _country(doc, "JPN").get("entry_restrictions", {}).items()
    },
    kor_demand_open: lambda doc: any(
        (d["by"], d["of"], d["demand"]) == ("KOR", "JPN", DEMAND)
        for d in doc["demands"]
    ),
    last_talks: _last_talks,
}


def cli_state(capsys, day: dt.date) -> dict:
    code = cli.main(
        ["state", "--dataset", "japan-korea", "--at", day.isoformat(), "--json"]
    )
    assert code == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(("day", "look", "before", "after"), CHANGES)
def test_change_applies_on_its_day_in_the_cli_json(capsys, day, look, before, after):
    """`tradedispute state --json` shows each change on its day, not the day before."""
    in_json = IN_JSON[look]

    assert before == in_json(cli_state(capsys, day - dt.timedelta(days=1)))
    assert after == in_json(cli_state(capsys, day))
