"""The US–China dataset: it ships, replays, is sourced, and says what happened.

Every change the record makes (a measure announced or in force, a rate, an
exemption, an exclusion, a suspension, an agreement, a WTO stage) is checked
on the day before and the day it applies, through the Python API and through
the command line's JSON, so an off-by-one date in the record fails a test.
"""

from __future__ import annotations

import datetime as dt
import json
import runpy
import shutil
from pathlib import Path
from typing import Any

import pytest
from matplotlib.figure import Figure

from tradedispute import (
    DisputeState,
    EventLog,
    ExclusionGranted,
    charts,
    cli,
    datasets,
    replay,
    replay_order,
)

D = dt.date
ROOT = Path(__file__).parents[2]
BUILDER = ROOT / "tools" / "build_us_china.py"
SHIPPED = ROOT / "src" / "tradedispute" / "datasets" / "us-china.jsonl"
BUILT: dict[str, Any] = runpy.run_path(str(BUILDER))

LIST1 = BUILT["LIST1"]
LIST1_EXTENDED = BUILT["LIST1_EXTENDED"]
LIST2 = BUILT["LIST2"]
LIST3 = BUILT["LIST3"]
LIST4A = BUILT["LIST4A"]
LIST4B = BUILT["LIST4B"]
CN_ROUND1 = BUILT["CN_ROUND1"]
CN_ROUND1_EXCL_1 = BUILT["CN_ROUND1_EXCL_1"]
CN_ROUND1_EXCL_2 = BUILT["CN_ROUND1_EXCL_2"]
CN_ROUND2 = BUILT["CN_ROUND2"]
CN_ROUND3 = BUILT["CN_ROUND3"]
CN_ROUND3_EXCL_1 = BUILT["CN_ROUND3_EXCL_1"]
CN_ROUND3_EXCL_2 = BUILT["CN_ROUND3_EXCL_2"]
CN_ROUND3_EXCL_3 = BUILT["CN_ROUND3_EXCL_3"]
CN_AUTOS = BUILT["CN_AUTOS"]
CN_232_FRUIT = BUILT["CN_232_FRUIT"]
CN_232_PORK = BUILT["CN_232_PORK"]
CN_R4B1_PART1 = BUILT["CN_R4B1_PART1"]
CN_R4B1_PART3 = BUILT["CN_R4B1_PART3"]
CN_R4B2_PART1 = BUILT["CN_R4B2_PART1"]
HUAWEI_TGL = BUILT["HUAWEI_TGL"]
FDPR = "foreign-produced direct products for Huawei (semiconductors)"


@pytest.fixture(scope="module")
def record() -> EventLog:
    return datasets.load("us-china")


def test_names_include_us_china():
    assert "us-china" in datasets.names()


def test_load_replays(record):
    events = list(record)
    assert len(events) == 68
    final = replay(replay_order(events))
    assert final == record.state_at(D(2100, 1, 1))


def test_date_range(record):
    days = [event.effective for event in record]
    assert (min(days), max(days)) == (D(2018, 2, 7), D(2023, 9, 20))
    first_announced = min(event.announced or event.effective for event in record)
    assert first_announced == D(2018, 1, 22)


def test_ids_are_unique_and_readable(record):
    ids = [event.id for event in record]
    assert len(ids) == len(set(ids))
    for event_id in ids:
        assert event_id == event_id.lower()
        assert " " not in event_id


def test_every_event_has_a_source(record):
    for event in record:
        assert event.source is not None, event.id
        assert event.source.title.strip(), event.id
        assert event.source.publisher.strip(), event.id
        assert event.source.url is not None, event.id
        assert event.source.url.startswith(("https://", "http://")), event.id


def test_every_event_has_a_note(record):
    for event in record:
        assert len(event.note) > 40, event.id


def test_announced_only_when_it_differs(record):
    """Announced before it applied, or after, for an exclusion granted retroactively."""
    for event in record:
        if event.announced is None:
            continue
        if isinstance(event, ExclusionGranted) and event.announced > event.effective:
            continue
        assert event.announced < event.effective, event.id
    retroactive = {
        event.id
        for event in record
        if event.announced is not None and event.announced > event.effective
    }
    assert retroactive == {
        "us-301-list1-excl-2018-12",
        "us-301-list1-excl-2018-12-extended-items",
        "us-301-list3-excl-2019-08",
    }


def test_month_precision_is_the_first_of_the_month(record):
    months = {event.id for event in record if event.precision == "month"}
    assert months == {"us-entity-list-huawei-affiliates-2020-08-imposed"}


def test_shipped_file_matches_the_builder(record):
    assert list(record) == BUILT["build_events"]()


def test_validate_passes_on_the_shipped_file(capsys, tmp_path):
    """`tradedispute validate` takes a file: it checks a copy of the shipped one."""
    copy = tmp_path / "us-china.jsonl"
    shutil.copyfile(SHIPPED, copy)
    code = cli.main(["validate", str(copy)])
    out, err = capsys.readouterr()
    assert (code, out, err) == (0, "ok: 68 events\n", "")


def test_the_chart_renders(record):
    """The whole record, to 2023, and the trade war itself, 2018-2020."""
    assert isinstance(charts.plot_dispute(record), Figure)
    assert isinstance(charts.plot_dispute(record, end=D(2020, 12, 31)), Figure)


def test_datasets_command_lists_it(capsys):
    assert cli.main(["datasets"]) == 0
    assert "us-china" in capsys.readouterr().out


# --- what to look at, through the API and through the CLI's JSON ----------------


def run_json(capsys, argv: list[str]) -> Any:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    return json.loads(out)


def state_json(capsys, day: dt.date) -> dict[str, Any]:
    argv = ["state", "--dataset", "us-china", "--at", day.isoformat(), "--json"]
    return run_json(capsys, argv)


def _measure(state: DisputeState, measure: str):
    for found in state.measures(scheduled=True):
        if found.measure == measure:
            return found
    return None


def _measure_json(doc: dict[str, Any], measure: str) -> dict[str, Any] | None:
    return next((m for m in doc["measures"] if m["measure"] == measure), None)


class Duty:
    """The additional duty (lowest, highest) *actor* applies to *target*'s *product*."""

    def __init__(self, actor: str, target: str, product: str) -> None:
        self.args = (actor, target, product)

    def api(self, state: DisputeState) -> tuple[float, float]:
        return state.duty(*self.args).range

    def cli(self, capsys, day: dt.date) -> tuple[float, float]:
        actor, target, product = self.args
        argv = ["duty", "--dataset", "us-china", "--actor", actor, "--target"]
        argv += [target, "--product", product, "--at", day.isoformat(), "--json"]
        low, high = run_json(capsys, argv)["range"]
        return (low, high)


class Status:
    """A measure's status (scheduled, in force, suspended), None if not on the books."""

    def __init__(self, measure: str) -> None:
        self.measure = measure

    def api(self, state: DisputeState) -> str | None:
        found = _measure(state, self.measure)
        return None if found is None else found.status

    def cli(self, capsys, day: dt.date) -> str | None:
        found = _measure_json(state_json(capsys, day), self.measure)
        return None if found is None else found["status"]


class RateText:
    """A measure's rate, as text."""

    def __init__(self, measure: str) -> None:
        self.measure = measure

    def api(self, state: DisputeState) -> str | None:
        found = _measure(state, self.measure)
        return None if found is None or found.rate is None else str(found.rate)

    def cli(self, capsys, day: dt.date) -> str | None:
        found = _measure_json(state_json(capsys, day), self.measure)
        return None if found is None or found["rate"] is None else found["rate"]["text"]


class TakesEffect:
    """A scheduled measure's day to take effect, as ISO text (None: not set)."""

    def __init__(self, measure: str) -> None:
        self.measure = measure

    def api(self, state: DisputeState) -> str | None:
        found = _measure(state, self.measure)
        assert found is not None
        return None if found.takes_effect is None else found.takes_effect.isoformat()

    def cli(self, capsys, day: dt.date) -> str | None:
        found = _measure_json(state_json(capsys, day), self.measure)
        assert found is not None
        return found["takes_effect"]


class Exempt:
    """The countries a measure on every country leaves out."""

    def __init__(self, measure: str) -> None:
        self.measure = measure

    def api(self, state: DisputeState) -> frozenset[str]:
        found = _measure(state, self.measure)
        assert found is not None
        return frozenset(found.exempt)

    def cli(self, capsys, day: dt.date) -> frozenset[str]:
        found = _measure_json(state_json(capsys, day), self.measure)
        assert found is not None
        return frozenset(found["exempt"])


class Excluded:
    """Whether a measure's exclusion applies."""

    def __init__(self, measure: str, exclusion: str) -> None:
        self.measure, self.exclusion = measure, exclusion

    def api(self, state: DisputeState) -> bool:
        found = _measure(state, self.measure)
        return found is not None and self.exclusion in found.exclusions

    def cli(self, capsys, day: dt.date) -> bool:
        found = _measure_json(state_json(capsys, day), self.measure)
        rows = [] if found is None else found["exclusions"]
        return any(row["exclusion"] == self.exclusion for row in rows)


class Case:
    """A WTO case's (status, stage, into the void), None before it is filed."""

    def __init__(self, case: str) -> None:
        self.case = case

    def api(self, state: DisputeState) -> tuple[str, str, bool] | None:
        case = state.wto_cases.get(self.case)
        if case is None:
            return None
        return (case.status, case.stage, case.into_the_void)

    def cli(self, capsys, day: dt.date) -> tuple[str, str, bool] | None:
        case = state_json(capsys, day)["wto_cases"].get(self.case)
        if case is None:
            return None
        return (case["status"], case["stage"], case["into_the_void"])


class Agreement:
    """The Phase One agreement's status, None before it is signed."""

    def api(self, state: DisputeState) -> str | None:
        agreement = state.agreements.get("Phase One")
        return None if agreement is None else agreement.status

    def cli(self, capsys, day: dt.date) -> str | None:
        agreement = state_json(capsys, day)["agreements"].get("Phase One")
        return None if agreement is None else agreement["status"]


class Restricted:
    """The items the US restricts in exports to China."""

    def api(self, state: DisputeState) -> frozenset[str]:
        return frozenset(state.country("USA").restrictions_on("CHN"))

    def cli(self, capsys, day: dt.date) -> frozenset[str]:
        country = state_json(capsys, day)["countries"].get("USA", {})
        rows = country.get("restrictions", {}).get("CHN", [])
        return frozenset(row["item"] for row in rows)


def flat(percent: float) -> tuple[float, float]:
    return (percent, percent)


NONE = flat(0.0)
CONSULTATIONS = ("active", "consultations", False)
VOID = ("active", "appealed", True)

CHANGES = [
    # --- Section 201 safeguards -------------------------------------------------
    pytest.param(
        D(2018, 2, 7), Duty("USA", "CHN", "8541.40.60"), NONE, flat(30), id="solar"
    ),
    pytest.param(
        D(2018, 2, 7),
        Duty("USA", "CHN", "8450.11.00"),
        NONE,
        (20.0, 50.0),
        id="washers",
    ),
    # --- Section 232 and its exemptions -----------------------------------------
    pytest.param(
        D(2018, 3, 23), Duty("USA", "CHN", "7208"), NONE, flat(25), id="steel"
    ),
    pytest.param(
        D(2018, 3, 23), Duty("USA", "JPN", "7208"), NONE, flat(25), id="steel-on-jpn"
    ),
    pytest.param(
        D(2018, 3, 23), Duty("USA", "CHN", "7601"), NONE, flat(10), id="aluminium"
    ),
    pytest.param(
        D(2018, 5, 1),
        Duty("USA", "KOR", "7601"),
        NONE,
        flat(10),
        id="aluminium-kor-exemption-ends",
    ),
    pytest.param(
        D(2018, 5, 1),
        Exempt("us-232-aluminium"),
        {"ARG", "AUS", "BRA", "CAN", "MEX", "KOR", "EUN"},
        {"ARG", "AUS", "BRA", "CAN", "MEX", "EUN"},
        id="aluminium-exempt-2018-05",
    ),
    pytest.param(
        D(2018, 6, 1),
        Duty("USA", "DEU", "7208"),
        NONE,
        flat(25),
        id="steel-eu-exemption-ends",
    ),
    pytest.param(
        D(2018, 6, 1),
        Duty("USA", "CAN", "7208"),
        NONE,
        flat(25),
        id="steel-can-exemption-ends",
    ),
    pytest.param(
        D(2018, 6, 1),
        Exempt("us-232-steel"),
        {"ARG", "AUS", "BRA", "CAN", "MEX", "KOR", "EUN"},
        {"ARG", "AUS", "BRA", "KOR"},
        id="steel-exempt-2018-06",
    ),
    pytest.param(
        D(2018, 6, 1),
        Duty("USA", "BRA", "7601"),
        NONE,
        flat(10),
        id="aluminium-bra-exemption-ends",
    ),
    pytest.param(
        D(2018, 6, 1),
        Exempt("us-232-aluminium"),
        {"ARG", "AUS", "BRA", "CAN", "MEX", "EUN"},
        {"ARG", "AUS"},
        id="aluminium-exempt-2018-06",
    ),
    pytest.param(
        D(2019, 5, 20),
        Duty("USA", "CAN", "7208"),
        flat(25),
        NONE,
        id="steel-can-exempt-again",
    ),
    pytest.param(
        D(2019, 5, 20),
        Duty("USA", "MEX", "7601"),
        flat(10),
        NONE,
        id="aluminium-mex-exempt-again",
    ),
    pytest.param(
        D(2019, 5, 20),
        Exempt("us-232-steel"),
        {"ARG", "AUS", "BRA", "KOR"},
        {"ARG", "AUS", "BRA", "KOR", "CAN", "MEX"},
        id="steel-exempt-2019-05",
    ),
    pytest.param(
        D(2019, 5, 20),
        Exempt("us-232-aluminium"),
        {"ARG", "AUS"},
        {"ARG", "AUS", "CAN", "MEX"},
        id="aluminium-exempt-2019-05",
    ),
    pytest.param(
        D(2018, 4, 2), Duty("CHN", "USA", CN_232_PORK), NONE, flat(25), id="cn-232-pork"
    ),
    pytest.param(
        D(2018, 4, 2),
        Duty("CHN", "USA", CN_232_FRUIT),
        NONE,
        flat(15),
        id="cn-232-fruit",
    ),
    # --- Section 301 -------------------------------------------------------------
    pytest.param(
        D(2018, 6, 15), Status("us-301-list1"), None, "scheduled", id="list1-announced"
    ),
    pytest.param(D(2018, 7, 6), Duty("USA", "CHN", LIST1), NONE, flat(25), id="list1"),
    pytest.param(
        D(2018, 8, 7), Status("us-301-list2"), None, "scheduled", id="list2-announced"
    ),
    pytest.param(D(2018, 8, 23), Duty("USA", "CHN", LIST2), NONE, flat(25), id="list2"),
    pytest.param(
        D(2018, 9, 17), Status("us-301-list3"), None, "scheduled", id="list3-announced"
    ),
    pytest.param(D(2018, 9, 24), Duty("USA", "CHN", LIST3), NONE, flat(10), id="list3"),
    pytest.param(
        D(2019, 5, 10),
        Duty("USA", "CHN", LIST3),
        flat(10),
        flat(25),
        id="list3-raised-to-25",
    ),
    pytest.param(
        D(2019, 8, 13),
        Status("us-301-list4a"),
        None,
        "scheduled",
        id="list4a-announced",
    ),
    pytest.param(
        D(2019, 8, 13),
        Status("us-301-list4b"),
        None,
        "scheduled",
        id="list4b-announced",
    ),
    pytest.param(
        D(2019, 8, 23), RateText("us-301-list4a"), "10%", "15%", id="list4a-rate-15"
    ),
    pytest.param(
        D(2019, 8, 23), RateText("us-301-list4b"), "10%", "15%", id="list4b-rate-15"
    ),
    pytest.param(
        D(2019, 9, 1), Duty("USA", "CHN", LIST4A), NONE, flat(15), id="list4a"
    ),
    pytest.param(
        D(2019, 9, 1),
        Duty("USA", "CHN", "9101.11.40"),
        NONE,
        flat(15),
        id="list4a-watches",
    ),
    pytest.param(
        D(2019, 12, 13),
        TakesEffect("us-301-list4b"),
        "2019-12-15",
        None,
        id="list4b-suspended",
    ),
    pytest.param(
        D(2019, 12, 15),
        Duty("USA", "CHN", LIST4B),
        NONE,
        NONE,
        id="list4b-never-applies",
    ),
    pytest.param(
        D(2020, 2, 14),
        Duty("USA", "CHN", LIST4A),
        flat(15),
        flat(7.5),
        id="list4a-halved",
    ),
    # --- China's retaliation ------------------------------------------------------
    pytest.param(
        D(2018, 6, 16),
        Status("cn-retaliation-301-round1"),
        None,
        "scheduled",
        id="cn-round1-announced",
    ),
    pytest.param(
        D(2018, 7, 6), Duty("CHN", "USA", CN_ROUND1), NONE, flat(25), id="cn-round1"
    ),
    pytest.param(
        D(2018, 7, 6), Duty("CHN", "USA", CN_AUTOS), NONE, flat(25), id="cn-autos"
    ),
    pytest.param(
        D(2018, 8, 8),
        Status("cn-retaliation-301-round2"),
        None,
        "scheduled",
        id="cn-round2-announced",
    ),
    pytest.param(
        D(2018, 8, 23), Duty("CHN", "USA", CN_ROUND2), NONE, flat(25), id="cn-round2"
    ),
    pytest.param(
        D(2018, 9, 18),
        Status("cn-retaliation-301-round3"),
        None,
        "scheduled",
        id="cn-round3-announced",
    ),
    pytest.param(
        D(2018, 9, 24),
        Duty("CHN", "USA", CN_ROUND3),
        NONE,
        (5.0, 10.0),
        id="cn-round3",
    ),
    pytest.param(
        D(2019, 1, 1),
        Duty("CHN", "USA", CN_AUTOS),
        flat(25),
        NONE,
        id="cn-autos-suspended",
    ),
    pytest.param(
        D(2019, 1, 1),
        Status("cn-retaliation-autos"),
        "in force",
        "suspended",
        id="cn-autos-status",
    ),
    pytest.param(
        D(2019, 6, 1),
        Duty("CHN", "USA", CN_ROUND3),
        (5.0, 10.0),
        (5.0, 25.0),
        id="cn-round3-raised",
    ),
    pytest.param(
        D(2019, 8, 23),
        Status("cn-retaliation-301-round4-batch1"),
        None,
        "scheduled",
        id="cn-round4-batch1-announced",
    ),
    pytest.param(
        D(2019, 8, 23),
        Status("cn-retaliation-301-round4-batch2"),
        None,
        "scheduled",
        id="cn-round4-batch2-announced",
    ),
    pytest.param(
        D(2019, 9, 1),
        Duty("CHN", "USA", CN_R4B1_PART1),
        NONE,
        flat(10),
        id="cn-round4-batch1-10",
    ),
    pytest.param(
        D(2019, 9, 1),
        Duty("CHN", "USA", CN_R4B1_PART3),
        NONE,
        flat(5),
        id="cn-round4-batch1-5",
    ),
    pytest.param(
        D(2019, 12, 15),
        Status("cn-retaliation-301-round4-batch2"),
        "scheduled",
        "suspended",
        id="cn-round4-batch2-suspended",
    ),
    pytest.param(
        D(2019, 12, 15),
        Duty("CHN", "USA", CN_R4B2_PART1),
        NONE,
        NONE,
        id="cn-round4-batch2-never-applies",
    ),
    pytest.param(
        D(2020, 2, 14),
        Duty("CHN", "USA", CN_R4B1_PART1),
        flat(10),
        flat(5),
        id="cn-round4-batch1-halved-10",
    ),
    pytest.param(
        D(2020, 2, 14),
        Duty("CHN", "USA", CN_R4B1_PART3),
        flat(5),
        flat(2.5),
        id="cn-round4-batch1-halved-5",
    ),
    # --- exclusions ------------------------------------------------------------------
    pytest.param(
        D(2019, 12, 29),
        Duty("USA", "CHN", "8418.69.0120"),
        NONE,
        flat(25),
        id="list1-exclusion-lapses",
    ),
    pytest.param(
        D(2019, 12, 29),
        Duty("USA", "CHN", LIST1_EXTENDED),
        NONE,
        NONE,
        id="list1-exclusion-extended",
    ),
    pytest.param(
        D(2020, 12, 29),
        Duty("USA", "CHN", LIST1_EXTENDED),
        NONE,
        flat(25),
        id="list1-extended-exclusion-lapses",
    ),
    pytest.param(
        D(2018, 9, 24),
        Duty("USA", "CHN", "7323.99.9080"),
        NONE,
        NONE,
        id="list3-exclusion-retroactive",
    ),
    pytest.param(
        D(2020, 8, 8),
        Duty("USA", "CHN", "7323.99.9080"),
        NONE,
        flat(25),
        id="list3-exclusion-lapses",
    ),
    pytest.param(
        D(2019, 9, 17),
        Duty("CHN", "USA", CN_ROUND1_EXCL_1),
        flat(25),
        NONE,
        id="cn-exclusion-2019-list1",
    ),
    pytest.param(
        D(2019, 9, 17),
        Duty("CHN", "USA", CN_ROUND1_EXCL_2),
        flat(25),
        NONE,
        id="cn-exclusion-2019-list2",
    ),
    pytest.param(
        D(2020, 9, 17),
        Duty("CHN", "USA", CN_ROUND1_EXCL_1),
        NONE,
        flat(25),
        id="cn-exclusion-2019-lapses",
    ),
    pytest.param(
        D(2020, 2, 28),
        Duty("CHN", "USA", CN_ROUND3_EXCL_1),
        (5.0, 25.0),
        NONE,
        id="cn-exclusion-2020-02-list1",
    ),
    pytest.param(
        D(2020, 2, 28),
        Duty("CHN", "USA", CN_ROUND3_EXCL_2),
        (5.0, 25.0),
        NONE,
        id="cn-exclusion-2020-02-list2",
    ),
    pytest.param(
        D(2021, 2, 28),
        Duty("CHN", "USA", CN_ROUND3_EXCL_1),
        NONE,
        (5.0, 25.0),
        id="cn-exclusion-2020-02-lapses",
    ),
    pytest.param(
        D(2020, 5, 19),
        Duty("CHN", "USA", CN_ROUND3_EXCL_3),
        (5.0, 25.0),
        NONE,
        id="cn-exclusion-2020-05",
    ),
    pytest.param(
        D(2021, 5, 21),
        Duty("CHN", "USA", CN_ROUND3_EXCL_3),
        NONE,
        (5.0, 25.0),
        id="cn-exclusion-2020-05-lapses",
    ),
    # --- the Entity List ---------------------------------------------------------------
    pytest.param(
        D(2019, 5, 16),
        Status("us-entity-list-huawei"),
        None,
        "in force",
        id="huawei-listed",
    ),
    pytest.param(
        D(2019, 5, 20),
        Excluded("us-entity-list-huawei", "huawei-tgl"),
        False,
        True,
        id="huawei-tgl",
    ),
    pytest.param(
        D(2019, 8, 19),
        Status("us-entity-list-huawei-affiliates-2019-08"),
        None,
        "in force",
        id="huawei-affiliates-2019-08",
    ),
    pytest.param(
        D(2019, 8, 20),
        Excluded("us-entity-list-huawei", "huawei-tgl"),
        True,
        True,
        id="huawei-tgl-extended-2019-08",
    ),
    pytest.param(
        D(2019, 11, 19),
        Excluded("us-entity-list-huawei", "huawei-tgl"),
        True,
        True,
        id="huawei-tgl-extended-2019-11",
    ),
    pytest.param(
        D(2020, 2, 17),
        Excluded("us-entity-list-huawei", "huawei-tgl"),
        True,
        True,
        id="huawei-tgl-extended-2020-02",
    ),
    pytest.param(
        D(2020, 4, 2),
        Excluded("us-entity-list-huawei", "huawei-tgl"),
        True,
        True,
        id="huawei-tgl-extended-2020-03",
    ),
    pytest.param(
        D(2020, 5, 16),
        Excluded("us-entity-list-huawei", "huawei-tgl"),
        True,
        True,
        id="huawei-tgl-extended-2020-05",
    ),
    pytest.param(
        D(2020, 8, 14),
        Excluded("us-entity-list-huawei", "huawei-tgl"),
        True,
        False,
        id="huawei-tgl-expires",
    ),
    pytest.param(
        D(2020, 5, 15), Restricted(), frozenset(), {FDPR}, id="huawei-direct-product"
    ),
    pytest.param(
        D(2020, 8, 1),
        Status("us-entity-list-huawei-affiliates-2020-08"),
        None,
        "in force",
        id="huawei-affiliates-2020-08",
    ),
    # --- Phase One -------------------------------------------------------------------------
    pytest.param(D(2020, 1, 15), Agreement(), None, "signed", id="phase-one-signed"),
    pytest.param(
        D(2020, 2, 14), Agreement(), "signed", "in force", id="phase-one-in-force"
    ),
    # --- the WTO ---------------------------------------------------------------------------
    pytest.param(D(2018, 4, 4), Case("DS543"), None, CONSULTATIONS, id="ds543-filed"),
    pytest.param(
        D(2019, 1, 28),
        Case("DS543"),
        CONSULTATIONS,
        ("active", "panel established", False),
        id="ds543-panel-established",
    ),
    pytest.param(
        D(2020, 9, 15),
        Case("DS543"),
        ("active", "panel established", False),
        ("active", "panel report circulated", False),
        id="ds543-report",
    ),
    pytest.param(
        D(2020, 10, 26),
        Case("DS543"),
        ("active", "panel report circulated", False),
        VOID,
        id="ds543-appealed",
    ),
    pytest.param(D(2018, 4, 5), Case("DS544"), None, CONSULTATIONS, id="ds544-filed"),
    pytest.param(
        D(2022, 12, 9),
        Case("DS544"),
        CONSULTATIONS,
        ("active", "panel report circulated", False),
        id="ds544-report",
    ),
    pytest.param(
        D(2023, 1, 30),
        Case("DS544"),
        ("active", "panel report circulated", False),
        VOID,
        id="ds544-appealed",
    ),
    pytest.param(D(2018, 7, 19), Case("DS558"), None, CONSULTATIONS, id="ds558-filed"),
    pytest.param(
        D(2023, 8, 16),
        Case("DS558"),
        CONSULTATIONS,
        ("active", "panel report circulated", False),
        id="ds558-report",
    ),
    pytest.param(
        D(2023, 9, 20),
        Case("DS558"),
        ("active", "panel report circulated", False),
        VOID,
        id="ds558-appealed",
    ),
    pytest.param(D(2018, 8, 14), Case("DS562"), None, CONSULTATIONS, id="ds562-filed"),
    pytest.param(
        D(2019, 7, 11),
        Case("DS562"),
        CONSULTATIONS,
        ("active", "panel requested", False),
        id="ds562-panel-requested",
    ),
    pytest.param(
        D(2019, 8, 15),
        Case("DS562"),
        ("active", "panel requested", False),
        ("active", "panel established", False),
        id="ds562-panel-established",
    ),
    pytest.param(
        D(2019, 10, 24),
        Case("DS562"),
        ("active", "panel established", False),
        ("active", "panel composed", False),
        id="ds562-panel-composed",
    ),
    pytest.param(
        D(2021, 9, 2),
        Case("DS562"),
        ("active", "panel composed", False),
        ("active", "panel report circulated", False),
        id="ds562-report",
    ),
    pytest.param(D(2018, 8, 23), Case("DS565"), None, CONSULTATIONS, id="ds565-filed"),
]


def _normal(value: object) -> object:
    """Sets compare as frozensets, whatever the table wrote."""
    return frozenset(value) if isinstance(value, set) else value


@pytest.mark.parametrize(("day", "look", "before", "after"), CHANGES)
def test_change_applies_on_its_day(record, day, look, before, after):
    assert look.api(record.state_at(day - dt.timedelta(days=1))) == _normal(before)
    assert look.api(record.state_at(day)) == _normal(after)


@pytest.mark.parametrize(("day", "look", "before", "after"), CHANGES)
def test_change_applies_on_its_day_in_the_cli_json(capsys, day, look, before, after):
    """`state --json` and `duty --json` show each change on its day, not the day before."""
    assert look.cli(capsys, day - dt.timedelta(days=1)) == _normal(before)
    assert look.cli(capsys, day) == _normal(after)


# --- questions the record answers ----------------------------------------------------


def test_steel_from_china_in_2019_pays_section_232_only(record):
    """No Section 301 list has a steel line on record: the lists are named items."""
    duty = record.state_at(D(2019, 6, 1)).duty("USA", "CHN", "7208")
    assert [part.measure for part in duty.parts] == ["us-232-steel"]
    assert duty.percent == 25.0


def test_the_tgl_is_an_exclusion_of_named_transactions(record):
    state = record.state_at(D(2019, 6, 1))
    (listing,) = state.measures(actor="USA", kind="entity listing")
    assert listing.excluded(HUAWEI_TGL) is not None
    assert listing.rate is None


def test_list2_exclusion_has_no_end_on_record(record):
    """The Federal Register date of the List 2 exclusions is not sourced."""
    state = record.state_at(D(2023, 12, 31))
    (list2,) = [m for m in state.measures(target="CHN") if m.measure == "us-301-list2"]
    assert list2.exclusions["list2-excl-2019-07"].until is None


def test_solar_safeguard_and_list_rates_on_one_day(record):
    state = record.state_at(D(2019, 12, 31))
    rates = {m.measure: str(m.rate) for m in state.measures(actor="USA")}
    assert rates["us-301-list1"] == "25%"
    assert rates["us-301-list3"] == "25%"
    assert rates["us-301-list4a"] == "15%"
    assert rates["us-201-solar"] == "30%"
    assert "us-301-list4b" not in rates
