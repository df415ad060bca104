"""The command line, run in-process through tradedispute.cli.main."""

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.tables import table_rows
from tradedispute import (
    AgreementTerminationNoticed,
    AgreementTerminationSuspended,
    EntryRestrictionImposed,
    EventLog,
    EventRetracted,
    ExportControlStrengthened,
    NextMeeting,
    RestrictionEased,
    RestrictionImposed,
    Source,
    TalksHeld,
    VisaWaiverSuspended,
    WhitelistRemoved,
    WhitelistRestored,
    WTOComplaintDropped,
    WTOComplaintFiled,
    datasets,
)
from tradedispute.cli import main
from tradedispute.codec.state_json import state_to_json

D = dt.date
SOURCE = Source(
    title="Japan to ease export curbs",
    publisher="Yonhap",
    published=D(2019, 12, 20),
    url="https://example.org/ease",
)


def events() -> list:
    return [
        RestrictionImposed(
            id="imposed",
            actor="JPN",
            target="KOR",
            items={"photoresist", "fluoride"},
            measure="licence",
            effective=D(2019, 7, 4),
        ),
        WhitelistRemoved(id="wl", actor="JPN", target="KOR", effective=D(2019, 8, 28)),
        AgreementTerminationNoticed(
            id="notice",
            actor="KOR",
            target="JPN",
            agreement="GSOMIA",
            effective=D(2019, 8, 23),
        ),
        WTOComplaintFiled(
            id="ds590",
            actor="KOR",
            target="JPN",
            case="DS590",
            effective=D(2019, 9, 11),
        ),
        AgreementTerminationSuspended(
            id="notice-suspended",
            actor="KOR",
            target="JPN",
            agreement="GSOMIA",
            effective=D(2019, 11, 22),
        ),
        WTOComplaintDropped(
            id="ds590-suspended",
            actor="KOR",
            target="JPN",
            case="DS590",
            mode="suspended",
            effective=D(2019, 11, 22),
        ),
        TalksHeld(
            id="talks",
            parties={"JPN", "KOR"},
            level="director general",
            format="video",
            outcome="progress",
            duration_hours=10,
            agreed={"keep talking"},
            next_meeting=NextMeeting(place="Seoul", date=D(2020, 3, 10)),
            effective=D(2019, 12, 16),
        ),
        RestrictionEased(
            id="eased",
            actor="JPN",
            target="KOR",
            items={"photoresist"},
            detail="bulk licence",
            effective=D(2019, 12, 20),
            source=SOURCE,
        ),
        EntryRestrictionImposed(
            id="entry",
            actor="JPN",
            target="CHN",
            quarantine_days=14,
            effective=D(2020, 3, 9),
        ),
        VisaWaiverSuspended(
            id="visa",
            actor="JPN",
            target="KOR",
            visas_invalidated=True,
            effective=D(2020, 3, 9),
        ),
        ExportControlStrengthened(
            id="staff",
            actor="KOR",
            target="JPN",
            detail="more staff",
            effective=D(2020, 3, 8),
        ),
    ]


@pytest.fixture
def log_path(tmp_path: Path) -> Path:
    path = tmp_path / "x.jsonl"
    with EventLog.open(path) as log:
        log.extend(events())
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def expect_usage_error(capsys, *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.startswith("tradedispute: error: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err
    return err


# --- state -------------------------------------------------------------------------


def test_state_json_matches_the_api(capsys, log_path):
    """`state --json` of a log matches the Python API's state field by field."""
    code, out, err = run(capsys, "state", "--at", "2020-03-11", "--log", log_path)
    assert (code, err) == (0, "")
    # The same command with --json:
    code, out, _ = run(capsys, "state", "--at", "2020-03-11", "--json", log_path)
    assert code == 0
    document = json.loads(out)
    with EventLog.open(log_path) as log:
        state = log.state_at(D(2020, 3, 11))
    assert document == state_to_json(state, D(2020, 3, 11))
    assert document["as_of"] == "2020-03-11"
    assert sorted(document["countries"]) == sorted(state.countries)

    jpn = document["countries"]["JPN"]
    api = state.country("JPN")
    rows = {row["item"]: row for row in jpn["restrictions"]["KOR"]}
    assert set(rows) == set(api.restrictions_on("KOR"))
    for item, restriction in api.restrictions_on("KOR").items():
        assert rows[item]["measure"] == restriction.measure
        assert rows[item]["since"] == restriction.since.isoformat()
        assert rows[item]["eased"] is restriction.eased
    assert rows["photoresist"]["eased_since"] == "2019-12-20"
    assert rows["fluoride"]["eased_since"] is None
    assert jpn["whitelist_excluded"] == sorted(api.whitelist_excluded) == ["KOR"]
    assert jpn["visa_waiver_suspended"] == sorted(api.visa_waiver_suspended)
    assert jpn["entry_restrictions"] == {
        "CHN": {"quarantine_days": 14, "since": "2020-03-09", "detail": ""}
    }

    kor = document["countries"]["KOR"]
    notice = state.country("KOR").agreements_under_notice["GSOMIA"]
    assert kor["agreements_under_notice"]["GSOMIA"] == {
        "counterparty": notice.counterparty,
        "since": notice.since.isoformat(),
        "suspended": True,
        "suspended_since": "2019-11-22",
    }
    assert kor["unilateral_steps"] == [
        {
            "kind": "ExportControlStrengthened",
            "detail": "more staff",
            "target": "JPN",
            "date": "2020-03-08",
        }
    ]

    case = state.wto_cases["DS590"]
    assert document["wto_cases"]["DS590"] == {
        "complainant": case.complainant,
        "respondent": case.respondent,
        "subject": "",
        "filed": "2019-09-11",
        "status": "suspended",
        "since": "2019-11-22",
        "stage": case.stage,
        "stage_since": case.stage_since.isoformat(),
        "into_the_void": case.into_the_void,
    }
    (talks,) = document["talks"]
    assert talks == {
        "date": "2019-12-16",
        "parties": ["JPN", "KOR"],
        "level": "director general",
        "format": "video",
        "outcome": "progress",
        "duration_hours": 10.0,
        "agreed": ["keep talking"],
        "next_meeting": {"place": "Seoul", "date": "2020-03-10", "timing": ""},
    }


def test_state_before_anything_is_empty(capsys, log_path):
    """`state` at a date before the first event prints an empty state document."""
    code, out, _ = run(
        capsys, "state", "--at", "2000-01-01", "--json", "--log", log_path
    )
    assert code == 0
    assert json.loads(out) == {
        "as_of": "2000-01-01",
        "countries": {},
        "wto_cases": {},
        "talks": [],
        "demands": [],
        "agreements": {},
        "measures": [],
    }


def test_state_table(capsys, log_path):
    """`state` without --json prints a table of countries, items, cases and talks."""
    code, out, err = run(capsys, "state", "--at", "2020-03-11", log_path)
    assert (code, err) == (0, "")
    for text in (
        "JPN",
        "KOR",
        "photoresist",
        "GSOMIA",
        "DS590",
        "suspended",
        "2019-12-16",
    ):
        assert text in out


def test_state_table_without_rich(capsys, log_path, monkeypatch):
    """Without rich the table is a usage error naming the extra; --json still works."""
    for name in ("rich", "rich.console", "rich.table"):
        monkeypatch.setitem(sys.modules, name, None)
    err = expect_usage_error(capsys, "state", "--at", "2020-03-11", log_path)
    assert "pip install 'tradedispute[cli]'" in err
    # --json needs no rich.
    code, out, _ = run(capsys, "state", "--at", "2020-03-11", "--json", log_path)
    assert code == 0
    assert json.loads(out)["as_of"] == "2020-03-11"


def test_state_of_a_sqlite_log(capsys, tmp_path):
    """`state --log` reads a SQLite log as well as a JSON Lines one."""
    path = tmp_path / "x.sqlite"
    with EventLog.open(path) as log:
        log.extend(events())
    code, out, _ = run(capsys, "state", "--at", "2019-08-28", "--json", "--log", path)
    assert code == 0
    assert json.loads(out)["countries"]["JPN"]["whitelist_excluded"] == ["KOR"]


def test_state_of_a_dataset(capsys, monkeypatch, log_path):
    """`state --dataset NAME` replays the log that datasets.load(NAME) returns."""
    with EventLog.open(log_path) as stored:
        recorded = list(stored.events())

    def load(name: str) -> EventLog:
        assert name == "demo"
        log = EventLog()
        log.extend(recorded)
        return log

    monkeypatch.setattr(datasets, "load", load)
    code, out, _ = run(
        capsys, "state", "--at", "2019-08-28", "--json", "--dataset", "demo"
    )
    assert code == 0
    assert json.loads(out)["countries"]["JPN"]["whitelist_excluded"] == ["KOR"]


def test_state_of_the_shipped_dataset_agrees_with_the_seed_article(capsys):
    """`state --dataset japan-korea --at 2020-03-11 --json` holds every point of the article."""
    code, out, _ = run(
        capsys, "state", "--at", "2020-03-11", "--json", "--dataset", "japan-korea"
    )
    assert code == 0
    state = json.loads(out)
    assert state["as_of"] == "2020-03-11"
    japan, korea = state["countries"]["JPN"], state["countries"]["KOR"]
    restricted = {r["item"]: r for r in japan["restrictions"]["KOR"]}
    assert set(restricted) == {
        "fluorinated polyimide",
        "photoresist",
        "hydrogen fluoride",
    }
    assert restricted["photoresist"]["eased_since"] == "2019-12-20"
    assert not restricted["hydrogen fluoride"]["eased"]
    assert (japan["whitelist_excluded"], korea["whitelist_excluded"]) == (
        ["KOR"],
        ["JPN"],
    )
    assert state["wto_cases"]["DS590"]["status"] == "suspended"
    assert korea["agreements_under_notice"]["GSOMIA"]["suspended"] is True
    assert (japan["visa_waiver_suspended"], korea["visa_waiver_suspended"]) == (
        ["KOR"],
        ["JPN"],
    )
    assert japan["entry_restrictions"]["KOR"]["quarantine_days"] == 14
    last = state["talks"][-1]
    assert (last["date"], last["format"], last["outcome"]) == (
        "2020-03-10",
        "video",
        "no_deal",
    )


def test_readme_shows_the_main_job_output():
    """The output quoted in the README is what the main-job command prints, 120 wide."""
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    quoted = readme.split("The first command prints:\n\n```text\n", 1)[1]
    quoted = quoted.split("\n```", 1)[0]
    printed = subprocess.run(
        [
            sys.executable,
            "-m",
            "tradedispute",
            "state",
            "--dataset",
            "japan-korea",
            "--at",
            "2020-03-11",
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "120"},
    ).stdout

    assert quoted == printed.rstrip("\n")


# --- timeline ------------------------------------------------------------------------


def test_timeline_lists_events_in_replay_order_with_sources(capsys, log_path):
    """`timeline` lists every event in date order with parties, fields and source."""
    code, out, _ = run(capsys, "timeline", "--log", log_path)
    assert code == 0
    dates = [line.split()[0] for line in out.splitlines() if not line.startswith(" ")]
    assert dates == sorted(dates)
    assert len(dates) == len(events())
    assert "2019-07-04  export restriction imposed  JPN → KOR  [imposed]" in out
    assert "    items: fluoride, photoresist; measure: licence\n" in out
    assert "JPN + KOR" in out
    assert (
        "source: Yonhap, “Japan to ease export curbs”, 2019-12-20, https://example.org/ease"
        in out
    )


def test_timeline_filters(capsys, log_path):
    """`timeline` --from, --to and --country (any case) filter events, text and JSON."""
    code, out, _ = run(
        capsys,
        "timeline",
        log_path,
        "--from",
        "2019-08-28",
        "--to",
        "2020-03-09",
        "--country",
        "chn",
    )
    assert code == 0
    assert out.splitlines() == [
        "2020-03-09  entry restriction imposed  JPN → CHN  [entry]",
        "    quarantine: 14 days",
    ]
    code, out, _ = run(
        capsys, "timeline", log_path, "--country", "KOR", "--to", "2019-12-16", "--json"
    )
    assert [record["id"] for record in json.loads(out)] == [
        "imposed",
        "notice",
        "wl",
        "ds590",
        "notice-suspended",
        "ds590-suspended",
        "talks",
    ]
    assert json.loads(out)[0]["type"] == "RestrictionImposed"


def test_timeline_bad_country_and_reversed_range(capsys, log_path):
    """`timeline` rejects an unknown --country and a --from later than --to."""
    assert "country" in expect_usage_error(
        capsys, "timeline", log_path, "--country", "XX"
    )
    err = expect_usage_error(
        capsys, "timeline", log_path, "--from", "2020-01-01", "--to", "2019-01-01"
    )
    assert "--from" in err


# --- diff ----------------------------------------------------------------------------


def test_diff_json(capsys, log_path):
    """`diff --json` lists the measures started, changed and ended, and the talks."""
    code, out, _ = run(
        capsys, "diff", "2019-09-01", "2020-03-09", "--log", log_path, "--json"
    )
    assert code == 0
    report = json.loads(out)
    assert (report["from"], report["to"]) == ("2019-09-01", "2020-03-09")
    started = {
        (item["kind"], item["actor"], item["target"], item["subject"])
        for item in report["started"]
    }
    assert started == {
        ("entry restriction", "JPN", "CHN", ""),
        ("visa waiver suspension", "JPN", "KOR", ""),
    }
    changed = {(item["kind"], item["subject"]): item for item in report["changed"]}
    assert set(changed) == {
        ("export restriction", "photoresist"),
        ("termination notice", "GSOMIA"),
    }
    photoresist = changed[("export restriction", "photoresist")]
    assert photoresist["fields"] == ["detail", "softened"]
    assert (photoresist["before"]["softened"], photoresist["after"]["softened"]) == (
        False,
        True,
    )
    assert report["ended"] == []
    assert [round_["date"] for round_ in report["talks"]] == ["2019-12-16"]


@pytest.mark.parametrize(
    ("d1", "d2"),
    [
        ("2019-07-03", "2019-07-04"),
        ("2019-07-04", "2019-07-05"),
        ("2019-09-01", "2020-03-09"),
        ("2019-09-11", "2019-11-22"),
        ("2019-01-01", "2024-01-01"),
        ("2020-03-09", "2020-03-11"),
    ],
)
def test_diff_gives_the_changes_of_log_diff(capsys, log_path, d1, d2):
    """Rule: one diff. The command's changes are exactly EventLog.diff's."""
    code, out, _ = run(capsys, "diff", d1, d2, log_path, "--json")
    assert code == 0
    report = json.loads(out)
    with EventLog.open(log_path) as log:
        expected = log.diff(D.fromisoformat(d1), D.fromisoformat(d2))
    printed = [
        (
            item["kind"],
            item["actor"],
            item["target"],
            item["subject"],
            heading,
            item["event_id"],
            item["date"],
        )
        for heading in ("started", "changed", "ended")
        for item in report[heading]
    ]
    assert sorted(
        (*change.key, change.change, change.event_id, change.date.isoformat())
        for change in expected
    ) == sorted(printed)


def test_diff_ended_and_wto_changes(capsys, log_path):
    """`diff` spans (D1, D2]; a suspended WTO case is no longer in force; D2 >= D1."""
    code, out, _ = run(capsys, "diff", "2020-03-09", "2020-03-11", log_path, "--json")
    assert code == 0
    report = json.loads(out)
    assert report == {
        "from": "2020-03-09",
        "to": "2020-03-11",
        "started": [],
        "changed": [],
        "ended": [],
        "talks": [],
    }
    code, out, _ = run(capsys, "diff", "2019-09-11", "2019-11-22", log_path, "--json")
    report = json.loads(out)
    (case,) = (item for item in report["ended"] if item["kind"] == "WTO case")
    assert (case["subject"], case["event_id"], case["date"]) == (
        "DS590",
        "ds590-suspended",
        "2019-11-22",
    )
    assert case["details"]["since"] == "2019-09-11"
    code, out, _ = run(capsys, "diff", "2019-07-04", "2019-07-05", log_path, "--json")
    assert json.loads(out)["started"] == []
    code, out, _ = run(capsys, "diff", "2019-07-03", "2019-07-04", log_path, "--json")
    assert [item["subject"] for item in json.loads(out)["started"]] == [
        "fluoride",
        "photoresist",
    ]
    code, out, _ = run(capsys, "diff", "2019-07-04", "2019-07-03", log_path)
    assert code == 2


def test_diff_text(capsys, log_path):
    """`diff` text marks starts +, ends -, changes ~ and talks *, or prints no change."""
    code, out, _ = run(capsys, "diff", "2019-09-01", "2020-03-09", log_path)
    assert code == 0
    rows = table_rows(out)
    assert ["Change", "Measure", "Who", "Detail [by event]", "On"] == rows[0]
    started = next(row for row in rows if row[0] == "started")
    assert ["entry restriction", "JPN → CHN", "2020-03-09"] == started[1:3] + started[
        4:
    ]
    assert started[3].startswith("14 days")
    assert started[3].endswith("; since 2020-03-09")
    changed = next(row for row in rows if "photoresist" in row[1])
    assert changed[1:3] == ["export restriction: photoresist", "JPN → KOR"]
    assert changed[3].startswith("licence → licence; eased")
    assert "2019-12-16" in [row[0] for row in rows]
    code, out, _ = run(capsys, "diff", "2019-09-11", "2019-11-22", log_path)
    ended = next(row for row in table_rows(out) if row[0] == "ended")
    assert ["WTO case: DS590", "KOR → JPN", "2019-11-22"] == ended[1:3] + ended[4:]
    assert "[ds590-suspended]" in out
    code, out, _ = run(capsys, "diff", "2020-03-10", "2020-03-11", log_path)
    assert (
        "From 2020-03-10 to 2020-03-11: no change to a measure" == out.splitlines()[0]
    )


def test_diff_shows_what_ended(capsys, tmp_path):
    """`diff` reports a lifted whitelist exclusion as ended, in JSON and as a - line."""
    path = tmp_path / "x.jsonl"
    with EventLog.open(path) as log:
        log.append(
            WhitelistRemoved(
                id="a", actor="JPN", target="KOR", effective=D(2019, 8, 28)
            )
        )
        log.append(
            WhitelistRestored(
                id="b", actor="JPN", target="KOR", effective=D(2023, 7, 21)
            )
        )
    code, out, _ = run(capsys, "diff", "2020-01-01", "2024-01-01", path, "--json")
    assert code == 0
    (ended,) = json.loads(out)["ended"]
    assert ended == {
        "kind": "whitelist exclusion",
        "actor": "JPN",
        "target": "KOR",
        "subject": "",
        "date": "2023-07-21",
        "event_id": "b",
        "details": {
            "since": "2019-08-28",
            "detail": "",
            "softened": False,
            "event_id": "a",
        },
    }
    _, out, _ = run(capsys, "diff", "2020-01-01", "2024-01-01", path)
    assert [
        ["ended", "whitelist exclusion", "JPN → KOR", "since 2019-08-28", "2023-07-21"],
        ["", "", "", "[b]", ""],
    ] == table_rows(out)[1:]


# --- intervals, escalation, reciprocity -------------------------------------------


def test_intervals_json_matches_the_api(capsys, log_path):
    """`intervals --json` lists each interval of log.intervals() with every field."""
    code, out, _ = run(capsys, "intervals", "--json", log_path)
    assert code == 0
    with EventLog.open(log_path) as log:
        expected = log.intervals()
    document = json.loads(out)
    assert len(expected) == len(document)
    for interval, row in zip(expected, document, strict=True):
        assert {
            "kind": interval.kind,
            "actor": interval.actor,
            "target": interval.target,
            "subject": interval.subject,
            "start": interval.start.isoformat(),
            "end": None if interval.end is None else interval.end.isoformat(),
            "days": interval.days,
            "started_by": interval.started_by,
            "ended_by": interval.ended_by,
            "detail": interval.detail,
        } == row
    ended = next(row for row in document if row["kind"] == "WTO case")
    assert ("2019-11-22", 72, "ds590-suspended") == (
        ended["end"],
        ended["days"],
        ended["ended_by"],
    )


def test_intervals_table_and_country(capsys, log_path):
    """`intervals` prints a table, `in force` for open ends; --country filters."""
    code, out, _ = run(capsys, "intervals", log_path, "--country", "chn")
    assert code == 0
    assert [
        ["Kind", "Who", "Subject", "Start", "End", "Days"],
        ["entry restriction", "JPN → CHN", "", "2020-03-09", "in force", ""],
    ] == table_rows(out)
    _, out, _ = run(capsys, "intervals", "--log", log_path)
    assert [
        ["Kind", "Who", "Subject", "Start", "End", "Days"],
        ["export restriction", "JPN → KOR", "fluoride", "2019-07-04", "in force", ""],
        [
            "export restriction",
            "JPN → KOR",
            "photoresist",
            "2019-07-04",
            "in force",
            "",
        ],
        ["termination notice", "KOR → JPN", "GSOMIA", "2019-08-23", "in force", ""],
        ["whitelist exclusion", "JPN → KOR", "", "2019-08-28", "in force", ""],
        ["WTO case", "KOR → JPN", "DS590", "2019-09-11", "2019-11-22", "72"],
        ["entry restriction", "JPN → CHN", "", "2020-03-09", "in force", ""],
        ["visa waiver suspension", "JPN → KOR", "", "2020-03-09", "in force", ""],
    ] == table_rows(out)


def test_intervals_known_at_before_the_record(capsys):
    """`intervals --known-at` before anything was recorded finds nothing."""
    code, out, _ = run(
        capsys,
        "intervals",
        "--dataset",
        "japan-korea",
        "--known-at",
        "2020-01-01T00:00:00Z",
    )
    assert (0, "No measure was in force\n") == (code, out)
    _, out, _ = run(
        capsys,
        "intervals",
        "--json",
        "--dataset",
        "japan-korea",
        "--known-at",
        "2020-01-01T00:00:00Z",
    )
    assert [] == json.loads(out)


def test_escalation_json_and_table(capsys, log_path):
    """`escalation --json` is the series' points; the table has each country's index."""
    code, out, _ = run(capsys, "escalation", "--json", log_path)
    assert code == 0
    with EventLog.open(log_path) as log:
        series = log.escalation()
    assert [
        {"date": p.date.isoformat(), "country": p.country, "score": p.score}
        for p in series
    ] == json.loads(out)
    _, out, _ = run(capsys, "escalation", log_path)
    assert [
        ["Date", "JPN", "KOR"],
        ["2019-07-04", "4.0", "0.0"],
        ["2019-08-23", "4.0", "3.0"],
        ["2019-08-28", "7.0", "3.0"],
        ["2019-09-11", "7.0", "4.0"],
        ["2019-11-22", "7.0", "1.5"],
        ["2019-12-20", "6.0", "1.5"],
        ["2020-03-09", "9.0", "1.5"],
    ] == table_rows(out)


def test_escalation_of_nothing(capsys):
    """`escalation` of a record with nothing in force says so."""
    code, out, _ = run(
        capsys,
        "escalation",
        "--dataset",
        "japan-korea",
        "--known-at",
        "2020-01-01T00:00:00Z",
    )
    assert (0, "No country's index changes on the days asked about\n") == (code, out)


def test_reciprocity(capsys):
    """`reciprocity` pairs moves answered in kind within --window-days."""
    code, out, _ = run(capsys, "reciprocity", "--dataset", "japan-korea")
    assert code == 0
    assert [
        ["Move", "Who", "Family", "Answer", "Days"],
        ["2019-08-28", "JPN → KOR", "whitelist removal", "2019-09-18", "21"],
        ["2020-03-09", "JPN → KOR", "visa waiver suspension", "2020-03-09", "0"],
        ["2022-10-11", "JPN → KOR", "visa waiver restoration", "2022-11-01", "21"],
    ] == table_rows(out)
    _, out, _ = run(
        capsys,
        "reciprocity",
        "--dataset",
        "japan-korea",
        "--window-days",
        "88",
        "--json",
    )
    last = json.loads(out)[-1]
    assert {
        "family": "whitelist restoration",
        "days": 88,
        "move": {
            "id": "kor-whitelist-restored-2023-04",
            "type": "WhitelistRestored",
            "actor": "KOR",
            "target": "JPN",
            "effective": "2023-04-24",
        },
        "answer": {
            "id": "jpn-whitelist-restored-2023-07",
            "type": "WhitelistRestored",
            "actor": "JPN",
            "target": "KOR",
            "effective": "2023-07-21",
        },
    } == last


def test_reciprocity_with_none(capsys, log_path):
    """`reciprocity` with no answer in the window says so, naming the window."""
    code, out, _ = run(capsys, "reciprocity", log_path, "--window-days", "0")
    assert (0, "No move was answered in kind within 0 days\n") == (code, out)
    _, out, _ = run(capsys, "reciprocity", log_path, "--json")
    assert [] == json.loads(out)


@pytest.mark.parametrize("bad", ["-1", "1.5", "sixty", ""])
def test_reciprocity_bad_window(capsys, log_path, bad):
    """A --window-days that is not a whole number >= 0 is a usage error naming it."""
    err = expect_usage_error(capsys, "reciprocity", log_path, "--window-days", bad)
    assert "--window-days" in err


# --- plot ------------------------------------------------------------------------------


def test_plot_writes_a_png(capsys, log_path, tmp_path):
    """`plot -o PATH` writes the chart and says where; the footer names the log."""
    path = tmp_path / "chart.png"
    code, out, err = run(capsys, "plot", log_path, "-o", path)
    assert (0, f"wrote {path}\n", "") == (code, out, err)
    assert b"\x89PNG\r\n\x1a\n" == path.read_bytes()[:8]


def test_plot_options_reach_the_chart(capsys, monkeypatch, tmp_path):
    """--from, --to, --known-at and --title reach plot_dispute; a dataset is cited."""
    from tradedispute.cli import plot as cli

    seen = {}

    def plot(log, **options):
        seen.update(options)
        return "figure"

    monkeypatch.setattr(cli, "plot_dispute", plot)
    monkeypatch.setattr(cli, "save_chart", lambda figure, path: seen.update(path=path))
    code, _, _ = run(
        capsys,
        "plot",
        "--dataset",
        "japan-korea",
        "--output",
        "out.svg",
        "--from",
        "2019-07-01",
        "--to",
        "2019-12-31",
        "--known-at",
        "2030-01-01T00:00:00+09:00",
        "--title",
        "Six months",
    )
    assert code == 0
    assert {
        "known_at": dt.datetime(2030, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=9))),
        "start": D(2019, 7, 1),
        "end": D(2019, 12, 31),
        "title": "Six months",
        "source": "Source: tradedispute japan-korea record; see docs/record.md",
        "path": "out.svg",
    } == seen


def test_plot_errors(capsys, log_path, tmp_path):
    """`plot` needs -o; bad ranges, folders and suffixes are one-line errors."""
    assert "-o/--output" in expect_usage_error(capsys, "plot", log_path)
    err = expect_usage_error(
        capsys,
        "plot",
        log_path,
        "-o",
        tmp_path / "x.png",
        "--from",
        "2020-01-01",
        "--to",
        "2019-01-01",
    )
    assert "--from 2020-01-01 is after --to 2019-01-01" in err
    missing = tmp_path / "charts" / "x.png"
    assert f"{missing}: the folder" in expect_usage_error(
        capsys, "plot", log_path, "-o", missing
    )
    assert "'.gif'" in expect_usage_error(
        capsys, "plot", log_path, "-o", tmp_path / "x.gif"
    )
    assert ["x.jsonl"] == [p.name for p in tmp_path.iterdir()]


def test_plot_checks_the_output_path_before_drawing(capsys, monkeypatch, log_path):
    """Rule: a bad -o is reported before the log is read or anything drawn."""
    from tradedispute.cli import plot as cli

    def plot(log, **options):
        raise AssertionError("drew the chart before checking where it goes")

    monkeypatch.setattr(cli, "plot_dispute", plot)
    err = expect_usage_error(capsys, "plot", log_path, "-o", "nowhere/x.png")
    assert "nowhere/x.png: the folder nowhere does not exist" in err


def test_plot_without_matplotlib(capsys, log_path, tmp_path, monkeypatch):
    """Without matplotlib, `plot` is a one-line error naming the extra to install."""
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    err = expect_usage_error(capsys, "plot", log_path, "-o", tmp_path / "x.png")
    assert "pip install 'tradedispute[plot]'" in err


# --- validate ------------------------------------------------------------------------


def test_validate_ok(capsys, log_path):
    """`validate` of a sound log prints `ok: N events` and exits 0."""
    code, out, err = run(capsys, "validate", log_path)
    assert (code, out, err) == (0, f"ok: {len(events())} events\n", "")


def test_validate_sqlite(capsys, tmp_path):
    """`validate` accepts a sound SQLite log and exits 1 on a non-database file."""
    path = tmp_path / "x.sqlite"
    with EventLog.open(path) as log:
        log.extend(events()[:2])
    assert run(capsys, "validate", path) == (0, "ok: 2 events\n", "")
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database at all" * 10)
    code, out, _ = run(capsys, "validate", bad)
    assert code == 1
    assert str(bad) in out


def test_validate_reports_every_problem_with_its_line(capsys, log_path):
    """`validate` lists every bad record with its line number, then a count; exits 1."""
    lines = log_path.read_text().splitlines(keepends=True)
    lines[2] = "{not json\n"
    record = json.loads(lines[4])
    record["actor"] = "XXX"
    lines[4] = json.dumps(record) + "\n"
    log_path.write_text("".join(lines))
    code, out, err = run(capsys, "validate", log_path)
    assert code == 1
    assert err == ""
    problems = out.splitlines()
    assert f"{log_path}, line 3" in problems[0]
    assert f"{log_path}, line 5" in problems[1]
    assert problems[-1] == f"invalid: 2 problems in {log_path}"


def test_validate_replay_and_seq_problems(capsys, tmp_path):
    """`validate` reports out-of-order seq, replay conflicts and a torn last line."""
    path = tmp_path / "x.jsonl"
    with EventLog.open(path) as log:
        log.append(
            WhitelistRemoved(
                id="a", actor="JPN", target="KOR", effective=D(2019, 8, 28)
            )
        )
        log.append(
            WhitelistRemoved(
                id="b", actor="KOR", target="JPN", effective=D(2019, 9, 18)
            )
        )
    lines = path.read_text().splitlines(keepends=True)
    second = json.loads(lines[1])
    second["actor"], second["target"] = "JPN", "KOR"  # removed twice
    second["seq"] = 3
    lines[1] = json.dumps(second) + "\n"
    path.write_text("".join(lines) + '{"torn":')
    code, out, _ = run(capsys, "validate", path)
    assert code == 1
    problems = [line for line in out.splitlines() if not line.startswith(" ")]
    assert 4 == len(problems)
    assert "line 2 (seq 3): seq 3 follows seq 1" in problems[0]
    assert "line 2 (seq 3)" in problems[1]
    assert "line 3" in problems[2]
    assert "torn" in problems[2]


def test_validate_missing_and_unsupported(capsys, tmp_path):
    """`validate` of a missing file or an unknown suffix is a usage error."""
    missing = tmp_path / "missing.jsonl"
    assert "no such log file" in expect_usage_error(capsys, "validate", missing)
    assert not missing.exists()
    other = tmp_path / "x.txt"
    other.write_text("")
    assert "suffix" in expect_usage_error(capsys, "validate", other)


# --- datasets ------------------------------------------------------------------------


def test_datasets(capsys, monkeypatch, log_path):
    """`datasets` lists each dataset's name, event count and date span, also as JSON."""
    with EventLog.open(log_path) as stored:
        recorded = list(stored.events())

    def load(name: str) -> EventLog:
        log = EventLog()
        if name == "demo":
            log.extend(recorded)
        return log

    monkeypatch.setattr(datasets, "names", lambda: ("demo", "empty"))
    monkeypatch.setattr(datasets, "load", load)
    code, out, _ = run(capsys, "datasets")
    assert code == 0
    assert [
        ["Name", "Events", "First", "Last"],
        ["demo", str(len(recorded)), "2019-07-04", "2020-03-09"],
        ["empty", "0", "—", "—"],
    ] == table_rows(out)
    code, out, _ = run(capsys, "datasets", "--json")
    assert json.loads(out)[0] == {
        "name": "demo",
        "events": len(recorded),
        "first": "2019-07-04",
        "last": "2020-03-09",
    }


def test_no_datasets(capsys, monkeypatch):
    """`datasets` says that none ship when there are none, and exits 0."""
    monkeypatch.setattr(datasets, "names", lambda: ())
    assert (0, "No datasets ship with this version\n", "") == run(capsys, "datasets")


# --- errors --------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["2020-13-01", "2020-3-1", "yesterday", "20200311"])
def test_bad_date_names_the_option(capsys, log_path, bad):
    """A malformed date is a usage error naming its option and the YYYY-MM-DD format."""
    err = expect_usage_error(capsys, "state", "--at", bad, log_path)
    assert "--at" in err
    assert "YYYY-MM-DD" in err
    assert "--from" in expect_usage_error(capsys, "timeline", log_path, "--from", bad)
    assert "D2" in expect_usage_error(capsys, "diff", "2020-01-01", bad, log_path)


def test_unknown_dataset(capsys):
    """An unknown --dataset name is a usage error that names it."""
    err = expect_usage_error(
        capsys, "state", "--at", "2020-03-11", "--dataset", "atlantis"
    )
    assert "atlantis" in err


def test_missing_file_is_not_created(capsys, tmp_path):
    """A missing --log file is a usage error for every command and is not created."""
    for command in (
        ["state", "--at", "2020-03-11"],
        ["timeline"],
        ["diff", "2020-01-01", "2020-02-01"],
        ["intervals"],
        ["escalation"],
        ["reciprocity"],
        ["plot", "-o", tmp_path / "chart.png"],
    ):
        missing = tmp_path / "missing.jsonl"
        err = expect_usage_error(capsys, *command, "--log", missing)
        assert f"{missing}: no such log file" in err
        assert [] == list(tmp_path.iterdir())


def test_corrupt_file(capsys, log_path):
    """A corrupt log is a usage error naming the bad line; `validate` reports it too."""
    lines = log_path.read_text().splitlines(keepends=True)
    lines[1] = "garbage\n"
    log_path.write_text("".join(lines))
    err = expect_usage_error(capsys, "state", "--at", "2020-03-11", "--json", log_path)
    assert "line 2" in err
    code, out, _ = run(capsys, "validate", log_path)
    assert code == 1
    assert f"{log_path}, line 2" in out


def test_no_log_given(capsys):
    """A command given neither a log nor --dataset is a usage error."""
    assert "no log given" in expect_usage_error(capsys, "state", "--at", "2020-03-11")


def test_both_log_and_dataset(capsys, log_path):
    """Giving more than one log source is a usage error asking for exactly one."""
    err = expect_usage_error(
        capsys, "state", "--at", "2020-03-11", "--log", log_path, "--dataset", "x"
    )
    assert "exactly one" in err
    err = expect_usage_error(capsys, "timeline", log_path, "--log", log_path)
    assert "exactly one" in err


def test_usage_errors_are_one_line(capsys):
    """No command, an unknown command or a missing option value is a one-line error."""
    expect_usage_error(capsys)
    expect_usage_error(capsys, "frobnicate")
    expect_usage_error(capsys, "state", "--at")


def test_help(capsys):
    """`--help` exits 0 and lists the subcommands."""
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    assert "timeline" in capsys.readouterr().out


def test_python_dash_m():
    """`python -m tradedispute --help` exits 0 and lists every subcommand."""
    result = subprocess.run(
        [sys.executable, "-m", "tradedispute", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    for command in ("state", "timeline", "diff", "validate", "datasets"):
        assert command in result.stdout


def test_main_module_in_process(capsys, monkeypatch):
    """`python -m tradedispute` runs the same main(): a bad command exits 2."""
    import runpy

    # Collecting doctests imports tradedispute.__main__; run it afresh.
    monkeypatch.delitem(sys.modules, "tradedispute.__main__", raising=False)
    monkeypatch.setattr(sys, "argv", ["tradedispute", "frobnicate"])
    with pytest.raises(SystemExit) as exit_:
        runpy.run_module("tradedispute", run_name="__main__")
    assert exit_.value.code == 2
    assert capsys.readouterr().err.startswith("tradedispute: error: ")


def test_diff_of_demands(capsys, tmp_path):
    """`diff --json` reports a new demand as a started measure with its date."""
    from tradedispute import DemandMade

    path = tmp_path / "x.jsonl"
    with EventLog.open(path) as log:
        log.append(
            DemandMade(
                id="d",
                actor="KOR",
                target="JPN",
                demand="retract",
                effective=D(2019, 12, 24),
            )
        )
    code, out, _ = run(capsys, "diff", "2019-01-01", "2020-01-01", path, "--json")
    assert code == 0
    (started,) = json.loads(out)["started"]
    assert (started["kind"], started["actor"], started["target"]) == (
        "open demand",
        "KOR",
        "JPN",
    )
    assert (started["subject"], started["details"]["since"]) == (
        "retract",
        "2019-12-24",
    )


def test_state_table_shows_what_the_seed_article_says_of_the_talks(capsys):
    """The table shows the 16-hour video round, the next meeting and the open demand."""
    code, out, _ = run(
        capsys, "state", "--dataset", "japan-korea", "--at", "2020-03-11"
    )

    assert code == 0
    assert "Seoul, near future" in out
    assert "restore export rules to the level before July 2019" in out
    row = next(row for row in table_rows(out) if row[0] == "2020-03-10")
    assert ["director general, video", "16 h", "no deal"] == row[2:5]


# --- known-at ------------------------------------------------------------------------


@pytest.fixture
def corrected_path(tmp_path: Path) -> tuple[Path, str]:
    """A log whose whitelist removal was retracted after it was recorded."""
    path = tmp_path / "corrected.sqlite"
    with EventLog.open(path) as log:
        log.append(
            WhitelistRemoved(
                id="wl", actor="JPN", target="KOR", effective=D(2019, 8, 28)
            )
        )
        before = log.records()[-1].recorded_at
        log.append(EventRetracted(target_id="wl", reason="misreported"))
    return path, before.isoformat()


def test_state_known_at_answers_as_the_record_stood(capsys, corrected_path):
    """`state --known-at` replays only what was recorded by then."""
    path, before = corrected_path
    _, then, _ = run(
        capsys, "state", path, "--at", "2020-01-01", "--json", "--known-at", before
    )
    _, now, _ = run(capsys, "state", path, "--at", "2020-01-01", "--json")
    assert ["KOR"] == json.loads(then)["countries"]["JPN"]["whitelist_excluded"]
    assert {} == json.loads(now)["countries"]


def test_diff_and_timeline_take_known_at(capsys, corrected_path):
    """`diff --known-at` and `timeline --known-at` see the retracted event."""
    path, before = corrected_path
    _, out, _ = run(
        capsys, "diff", "2019-08-01", "2019-09-01", path, "--json", "--known-at", before
    )
    assert ["whitelist exclusion"] == [
        item["kind"] for item in json.loads(out)["started"]
    ]
    _, out, _ = run(capsys, "timeline", path, "--json", "--known-at", before)
    assert ["wl"] == [event["id"] for event in json.loads(out)]
    _, out, _ = run(capsys, "timeline", path, "--json")
    assert [] == json.loads(out)


@pytest.mark.parametrize(
    ("moment", "problem"),
    [("2020-01-01", "no time zone"), ("yesterday", "ISO 8601")],
)
def test_known_at_needs_a_moment_with_a_zone(capsys, corrected_path, moment, problem):
    """A day or a word is not a moment; the error shows what is valid."""
    path, _ = corrected_path
    err = expect_usage_error(
        capsys, "state", path, "--at", "2020-01-01", "--known-at", moment
    )
    assert problem in err
    assert "2024-01-01T00:00:00Z" in err


def test_state_json_shows_agreements(capsys, tmp_path):
    """Agreements between parties are in the state's JSON, with their dates."""
    from tradedispute import AgreementEnteredIntoForce, AgreementSigned

    path = tmp_path / "phase-one.jsonl"
    with EventLog.open(path) as log:
        log.extend(
            [
                AgreementSigned(
                    agreement="Phase One",
                    parties={"USA", "CHN"},
                    effective=dt.date(2020, 1, 15),
                ),
                AgreementEnteredIntoForce(
                    agreement="Phase One",
                    parties={"USA", "CHN"},
                    effective=dt.date(2020, 2, 14),
                ),
            ]
        )
    code, out, _ = run(capsys, "state", "--at", "2020-03-01", "--json", "--log", path)

    assert code == 0
    assert json.loads(out)["agreements"] == {
        "Phase One": {
            "parties": ["CHN", "USA"],
            "status": "in force",
            "since": "2020-02-14",
            "signed": "2020-01-15",
            "in_force_since": "2020-02-14",
        }
    }
