"""`tradedispute measures`, `duty`, and the measures in `state`, run in-process."""

import datetime as dt
import json
import sys
from pathlib import Path

import pytest

from tests.cli.examples import china_australia
from tests.cli.tables import table_rows
from tradedispute import (
    ALL,
    EventLog,
    ExclusionGranted,
    MeasureAmended,
    MeasureAnnounced,
    MeasureImposed,
    MeasureSuspended,
    Products,
    Rate,
    Tier,
)
from tradedispute.cli import main
from tradedispute.codec.state_json import intervention_to_json, state_to_json
from tradedispute.core.catalogue import kind_named

D = dt.date


def tariff_war() -> list:
    return [
        MeasureImposed(
            id="steel",
            measure="us-232-steel",
            actor="USA",
            targets=ALL,
            exempt={"CAN", "MEX"},
            kind="import tariff",
            products=Products(hs=["7208"]),
            rate=Rate(percent=25),
            legal_basis="Section 232",
            effective=D(2018, 3, 23),
        ),
        MeasureImposed(
            id="list3",
            measure="us-301-list3",
            actor="USA",
            targets={"CHN"},
            kind="import tariff",
            products=Products(hs=["72", "8473.30"], items=["bicycles"]),
            rate=Rate(percent=10),
            legal_basis="Section 301",
            effective=D(2018, 9, 24),
        ),
        ExclusionGranted(
            id="excl",
            measure="us-301-list3",
            exclusion="x1",
            products=Products(hs=["8473.30.11"]),
            until=D(2020, 8, 7),
            effective=D(2019, 8, 7),
        ),
        MeasureAmended(
            id="raised",
            measure="us-301-list3",
            rate=Rate(percent=25),
            effective=D(2019, 5, 10),
        ),
        MeasureImposed(
            id="wine",
            measure="us-wine",
            actor="USA",
            targets={"FRA"},
            kind="import tariff",
            products=Products(hs=["2204"]),
            rate=Rate(
                tiers=[
                    Tier(rate=Rate(percent=25), products=Products(hs=["2204.21"])),
                    Tier(
                        rate=Rate(amount=1.5, currency="USD", unit="litre"),
                        products=Products(hs=["2204.22"]),
                    ),
                ]
            ),
            effective=D(2019, 10, 18),
        ),
        MeasureSuspended(id="wine-off", measure="us-wine", effective=D(2021, 3, 11)),
        MeasureAnnounced(
            id="list4b",
            measure="us-301-list4b",
            actor="USA",
            targets={"CHN"},
            kind="import tariff",
            products=Products(hs=["8517.12"]),
            rate=Rate(percent=15),
            takes_effect=D(2019, 12, 15),
            effective=D(2019, 8, 13),
        ),
    ]


@pytest.fixture
def war(tmp_path: Path) -> Path:
    path = tmp_path / "war.jsonl"
    with EventLog.open(path) as log:
        log.extend(tariff_war())
    return path


@pytest.fixture
def australia(tmp_path: Path) -> Path:
    path = tmp_path / "china-australia.jsonl"
    with EventLog.open(path) as log:
        log.extend(china_australia())
    return path


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def run_json(capsys, *argv):
    code, out, err = run(capsys, *argv, "--json")
    assert (code, err) == (0, "")
    return json.loads(out)


def ids(document) -> list[str]:
    return [measure["measure"] for measure in document]


# --- measures ----------------------------------------------------------------------


def test_measures_json_is_the_api_answer_field_by_field(capsys, war):
    """`measures --json` is state.measures() written by intervention_to_json."""
    listed = run_json(capsys, "measures", war, "--at", "2019-09-01")
    with EventLog.open(war, read_only=True) as log:
        state = log.state_at(D(2019, 9, 1))
    assert listed == [intervention_to_json(m) for m in state.measures()]
    assert ids(listed) == ["us-232-steel", "us-301-list3"]
    list3 = listed[1]
    assert list3["products"] == {
        "hs": ["72", "8473.30"],
        "items": ["bicycles"],
        "all_goods": False,
        "edition": "",
    }
    assert list3["rate"]["percent"] == 25.0
    assert list3["rate"]["shape"] == "percent"
    assert [change["rate"]["text"] for change in list3["rates"]] == ["10%", "25%"]
    assert list3["since"] == "2018-09-24"
    assert list3["exclusions"] == [
        {
            "exclusion": "x1",
            "products": {
                "hs": ["8473.30.11"],
                "items": [],
                "all_goods": False,
                "edition": "",
            },
            "since": "2019-08-07",
            "until": "2020-08-07",
            "event_id": "excl",
            "extended_by": None,
        }
    ]
    steel = listed[0]
    assert (steel["targets"], steel["exempt"]) == (["ALL"], ["CAN", "MEX"])


def test_measures_filters(capsys, war):
    """--actor, --target, --kind, --product and --scheduled reach state.measures()."""
    at = ("--at", "2019-11-01")
    assert ids(run_json(capsys, "measures", war, *at, "--target", "chn")) == [
        "us-232-steel",
        "us-301-list3",
    ]
    assert ids(run_json(capsys, "measures", war, *at, "--target", "CAN")) == []
    assert ids(run_json(capsys, "measures", war, *at, "--product", "8473.30.11")) == [
        "us-301-list3"
    ]
    assert ids(run_json(capsys, "measures", war, *at, "--actor", "CHN")) == []
    assert ids(run_json(capsys, "measures", war, *at, "--kind", "import ban")) == []
    scheduled = run_json(capsys, "measures", war, *at, "--scheduled", "--target", "CHN")
    assert ids(scheduled) == ["us-232-steel", "us-301-list3", "us-301-list4b"]
    assert scheduled[2]["status"] == "scheduled"
    assert scheduled[2]["takes_effect"] == "2019-12-15"


def test_measures_default_to_the_day_of_the_last_event(capsys, war):
    """Without --at: on the day of the last event (2021-03-11: wine suspended)."""
    listed = run_json(capsys, "measures", war, "--target", "FRA")
    assert ids(listed) == ["us-232-steel", "us-wine"]
    wine = listed[1]
    assert (wine["status"], wine["suspended_since"]) == ("suspended", "2021-03-11")
    assert [tier["rate"]["text"] for tier in wine["rate"]["tiers"]] == [
        "25%",
        "1.5 USD/litre",
    ]
    code, out, _ = run(capsys, "measures", war, "--target", "FRA")
    assert code == 0
    assert "Measures in force on 2021-03-11" in out
    assert "suspended since" in out


def test_measures_table(capsys, war):
    code, out, err = run(capsys, "measures", "--log", war, "--at", "2019-12-16")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert "Measures in force on 2019-12-16" in lines[0]
    row = next(row for row in table_rows(out) if row[0] == "us-232-steel")
    assert [
        "us-232-steel",
        "import tariff",
        "USA → ALL except CAN, MEX",
        "HS 7208",
        "25%",
        "in force",
        "2018-03-23",
    ] == row
    # On 2019-12-15 the scheduled list took effect on its day, with no event.
    assert "us-301-list4b" in out


def test_measures_of_the_built_in_facts(capsys):
    """The Korea–Japan facts are measures of their kinds."""
    listed = run_json(
        capsys, "measures", "--dataset", "japan-korea", "--at", "2020-03-11"
    )
    kinds = {measure["kind"] for measure in listed}
    assert {"export restriction", "whitelist exclusion"} <= kinds
    licence = next(m for m in listed if m["kind"] == "export restriction")
    assert licence["label"] == kind_named("export restriction").label
    assert licence["rate"] is None


def test_measures_none_and_errors(capsys, war, tmp_path):
    code, out, _ = run(capsys, "measures", war, "--at", "2000-01-01")
    assert (0, "No measures in force on 2000-01-01\n") == (code, out)
    empty = tmp_path / "empty.jsonl"
    EventLog.open(empty).close()
    code, out, _ = run(capsys, "measures", empty)
    assert (0, "No measures: the log has no events\n") == (code, out)
    assert run_json(capsys, "measures", empty) == []
    code, out, err = run(capsys, "measures", war, "--kind", "tarif")
    assert (code, out) == (2, "")
    assert "--kind 'tarif': no measure kind is called that" in err
    assert "anti-dumping duty" in err
    assert "--plugin" in err or "plugin" in err
    code, _, err = run(capsys, "measures", war, "--actor", "XXX")
    assert code == 2
    assert "--actor" in err


def test_measures_table_without_rich(capsys, war, monkeypatch):
    for name in ("rich", "rich.console", "rich.table"):
        monkeypatch.setitem(sys.modules, name, None)
    code, out, err = run(capsys, "measures", war)
    assert (code, out) == (2, "")
    assert "pip install 'tradedispute[cli]'" in err
    assert run_json(capsys, "measures", war) != []


# --- duty --------------------------------------------------------------------------


def test_duty_stacks_and_names_each_part(capsys, war):
    args = ("duty", war, "--actor", "USA", "--target", "CHN", "--product", "7208.10")
    answer = run_json(capsys, *args, "--at", "2019-06-01")
    assert answer == {
        "actor": "USA",
        "target": "CHN",
        "product": "7208.10",
        "date": "2019-06-01",
        "percent": 50.0,
        "range": [50.0, 50.0],
        "exact": True,
        "parts": [
            {
                "measure": "us-232-steel",
                "kind": "import tariff",
                "label": "import tariff",
                "legal_basis": "Section 232",
                "rate": answer["parts"][0]["rate"],
            },
            {
                "measure": "us-301-list3",
                "kind": "import tariff",
                "label": "import tariff",
                "legal_basis": "Section 301",
                "rate": answer["parts"][1]["rate"],
            },
        ],
    }
    assert [part["rate"]["text"] for part in answer["parts"]] == ["25%", "25%"]
    code, out, err = run(capsys, *args, "--at", "2018-10-01")
    assert (code, err) == (0, "")
    assert (
        "Additional duty USA applies to CHN's 7208.10 on 2018-10-01: 35%"
        == (out.splitlines()[0])
    )
    assert [
        ["Measure", "Kind", "Legal basis", "Rate"],
        ["us-232-steel", "import tariff", "Section 232", "25%"],
        ["us-301-list3", "import tariff", "Section 301", "10%"],
    ] == table_rows(out)


def test_duty_leaves_out_exclusions_and_shows_none(capsys, war):
    args = ("duty", war, "--actor", "USA", "--target", "CHN")
    code, out, _ = run(capsys, *args, "--product", "8473.30.11", "--at", "2019-09-01")
    assert (code, out) == (
        0,
        "Additional duty USA applies to CHN's 8473.30.11 on 2019-09-01: none\n",
    )
    answer = run_json(capsys, *args, "--product", "8473.30.11", "--at", "2020-08-08")
    assert answer["percent"] == 25.0  # the exclusion ran out on 2020-08-07


def test_duty_of_tiers_ranges_and_specific_duties(capsys, war, australia):
    args = ("duty", war, "--actor", "USA", "--target", "FRA", "--at", "2020-01-01")
    answer = run_json(capsys, *args, "--product", "2204.21")
    assert (answer["percent"], answer["exact"]) == (25.0, True)
    answer = run_json(capsys, *args, "--product", "2204.22")
    assert (answer["percent"], answer["exact"]) == (0.0, False)
    assert [part["rate"]["text"] for part in answer["parts"]] == ["1.5 USD/litre"]
    code, out, _ = run(capsys, *args, "--product", "2204.22")
    assert code == 0
    assert out.splitlines()[0].endswith(": 1.5 USD/litre")
    wine = ("duty", australia, "--actor", "CHN", "--target", "AUS")
    answer = run_json(capsys, *wine, "--product", "2204.21", "--at", "2021-01-01")
    assert (answer["range"], answer["exact"]) == ([107.1, 212.1], False)
    code, out, _ = run(capsys, *wine, "--product", "2204.21", "--at", "2021-01-01")
    assert code == 0
    assert out.splitlines()[0].endswith("on 2021-01-01: 107.1–212.1%")


def test_duty_needs_its_three_options(capsys, war):
    code, out, err = run(capsys, "duty", war, "--actor", "USA", "--target", "CHN")
    assert (code, out) == (2, "")
    assert "--product" in err


def test_duty_of_an_empty_log(capsys, tmp_path):
    empty = tmp_path / "empty.jsonl"
    EventLog.open(empty).close()
    argv = ("duty", empty, "--actor", "USA", "--target", "CHN", "--product", "72")
    assert run_json(capsys, *argv)["date"] is None
    code, out, _ = run(capsys, *argv)
    assert (code, out) == (0, "Additional duty USA applies to CHN's 72: none\n")


# --- state -------------------------------------------------------------------------


def test_state_json_holds_the_measures_on_the_books(capsys, war):
    document = run_json(capsys, "state", war, "--at", "2019-11-01")
    with EventLog.open(war, read_only=True) as log:
        state = log.state_at(D(2019, 11, 1))
    assert document == state_to_json(state, D(2019, 11, 1))
    # Scheduled ones too, with their status; the built-in facts are not repeated.
    assert ids(document["measures"]) == [
        "us-232-steel",
        "us-301-list3",
        "us-301-list4b",
        "us-wine",
    ]
    assert document["measures"][2]["status"] == "scheduled"
    assert document["countries"] == {}


def test_state_table_shows_a_row_per_measure(capsys, war):
    code, out, err = run(capsys, "state", war, "--at", "2021-03-11")
    assert (code, err) == (0, "")
    rows = [
        [cell.strip() for cell in line.split("│")[1:-1]]
        for line in out.splitlines()
        if line.startswith("│ USA")
    ]
    assert [row[:3] + row[4:] for row in rows] == [
        ["USA", "import tariff", "ALL except CAN, MEX", "2018-03-23"],
        ["USA", "import tariff", "CHN", "2018-09-24"],
        ["USA", "import tariff", "CHN", "2019-12-15"],
        ["USA", "import tariff", "FRA", "2019-10-18"],
    ]
    assert "HS 7208 at 25%; Section 232" in out
    assert "suspended since 2021-03-11" in out


def test_state_table_of_a_scheduled_measure(capsys, war):
    code, out, _ = run(capsys, "state", war, "--at", "2019-09-01")
    assert code == 0
    assert "scheduled for 2019-12-15" in out
    assert "exclusion" in out  # "1 exclusion", wrapped in its cell


# --- timeline ------------------------------------------------------------------------


def test_timeline_shows_who_a_measure_event_is_between_and_its_values(capsys, war):
    """Later steps name the measure's sides; products and rates read as written."""
    code, out, err = run(capsys, "timeline", war)

    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert [
        "2018-03-23  measure imposed  USA → ALL except CAN, MEX  [steel]",
        "    measure: us-232-steel; kind: import tariff; products: HS 7208; rate: 25%;"
        " legal basis: Section 232",
    ] == lines[:2]
    excluded = lines.index(next(line for line in lines if "exclusion granted" in line))
    assert "  USA → CHN  " in lines[excluded]
    assert "measure: us-301-list3; exclusion: x1; " in lines[excluded + 1]
    assert "products: HS 8473.30.11" in lines[excluded + 1]


def test_timeline_country_filter_follows_a_measure_through_its_life(capsys, war):
    code, out, _ = run(capsys, "timeline", war, "--country", "CHN")

    assert code == 0
    assert "exclusion granted" in out
    assert "us-232-steel" in out  # a measure on ALL is aimed at CHN too
    code, out, _ = run(capsys, "timeline", war, "--country", "JPN")
    assert "us-301-list3" not in out
