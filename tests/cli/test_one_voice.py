"""One voice: every command's tables fit the width and read as words, and filter alike."""

import contextlib
import datetime as dt
import io
import json
import re
from unittest import mock

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

import tradedispute
from tests.cli.tables import table_rows
from tradedispute import EventLog, RestrictionImposed, datasets
from tradedispute.cli import labels, main, options, render
from tradedispute.cli.state import FIRST_ROWS, SUMMARY_ABOVE
from tradedispute.core.registry import event_types
from tradedispute.testing import DEFAULT_COUNTRIES, event_logs

D = dt.date


def run(*argv: str) -> tuple[int, str, str]:
    """Run the command line in-process; return its status, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def span(name: str) -> tuple[str, str]:
    """The first and last effective days of a shipped dataset."""
    events = datasets.load(name).events()
    return events[0].effective.isoformat(), events[-1].effective.isoformat()


def human_commands(name: str) -> list[list[str]]:
    """Every command that prints for people, on the dataset *name*."""
    first, last = span(name)
    log = ["--dataset", name]
    return [
        ["state", "--at", last, *log],
        ["state", "--at", last, "--all", *log],
        ["measures", *log],
        ["duty", "--actor", "CHN", "--target", "AUS", "--product", "1003", *log],
        ["duty", "--actor", "USA", "--target", "CHN", "--product", "7208", *log],
        ["timeline", *log],
        ["diff", first, last, *log],
        ["intervals", *log],
        ["escalation", *log],
        ["reciprocity", "--window-days", "365", *log],
        ["validate", *log],
        ["datasets"],
    ]


CASES = [
    pytest.param(argv, id=f"{name}:{' '.join(argv[:1])}:{n}")
    for name in datasets.names()
    for n, argv in enumerate(human_commands(name))
]

CLASS_NAMES = sorted(
    {kind.__name__ for kind in event_types()}
    | {
        name
        for name in tradedispute.__all__
        if isinstance(getattr(tradedispute, name), type)
        and re.fullmatch(r"[A-Z][a-z]+[A-Z]\w*", name)
    }
)
LEAKS = re.compile(
    r"\b(?:None|True|False|" + "|".join(CLASS_NAMES) + r")\b|->|\d\.\d{4,}"
)


def without_notes(name: str) -> EventLog:
    """The dataset *name* without its notes and sources: the text only it wrote.

    A note may name a class or an HS code with four decimals, as its author
    wrote it; what is tested is what the command line writes.
    """
    log = EventLog()
    log.extend(
        attrs.evolve(event, note="", source=None)
        for event in datasets.load(name).events()
    )
    return log


@pytest.mark.parametrize("argv", CASES)
def test_what_people_read_holds_no_code_names(monkeypatch, argv):
    """No class name, None, True, False, '->' or float of 4+ decimals is printed."""
    monkeypatch.setenv("COLUMNS", "120")
    name = argv[argv.index("--dataset") + 1] if "--dataset" in argv else ""
    with on(without_notes(name)) if name else contextlib.nullcontext():
        code, out, err = run(*argv)

    assert (0, "") == (code, err)
    assert out
    assert [] == LEAKS.findall(out)


@pytest.mark.parametrize("columns", [60, 200])
@pytest.mark.parametrize(
    "argv",
    [case for case in CASES if "japan-korea" in case.id or "datasets" in case.id],
)
def test_every_line_fits_the_width(monkeypatch, columns, argv):
    """With COLUMNS=N, no line printed is wider than N: cells wrap or fold."""
    monkeypatch.setenv("COLUMNS", str(columns))
    _, out, _ = run(*argv)

    assert max(map(cell_len, out.splitlines())) <= columns


def test_width_is_the_terminals_when_columns_is_not_set(monkeypatch):
    """Without COLUMNS, the width is the terminal's; not a terminal, 80."""
    monkeypatch.delenv("COLUMNS")
    monkeypatch.setattr(
        "shutil.os.get_terminal_size",
        lambda *_: __import__("os").terminal_size((132, 40)),
    )
    assert 132 == render.width()

    def no_terminal(*_):
        raise OSError("not a terminal")

    monkeypatch.setattr("shutil.os.get_terminal_size", no_terminal)
    assert 80 == render.width()


# --- labels ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("WhitelistRemoved", "removed from whitelist"),
        ("ExportControlStrengthened", "export controls tightened"),
        ("TalksHeld", "talks held"),
        ("WTOPanelLapsed", "WTO panel lapsed"),
        ("TravelWarningIssued", "travel warning issued"),
        ("HS2Reclassified", "HS 2 reclassified"),
    ],
)
def test_event_types_read_as_words(name, label):
    """A type's label is written by hand, or its CamelCase name split, acronyms kept."""
    assert label == labels.event_label(name)


@pytest.mark.parametrize(
    ("hours", "shown"),
    [(0.8333333333333334, "50 min"), (10, "10 h"), (1.5, "1 h 30 min"), (16.0, "16 h")],
)
def test_durations_read_in_hours_and_minutes(hours, shown):
    """Talks' durations are hours and minutes to the minute, never a raw float."""
    assert shown == labels.duration(hours)


def test_values_read_as_words():
    """Enumerations spelt out, true flags by their meaning, nothing for None/False."""
    assert "outcome: no deal" == labels.field("outcome", "no_deal")
    assert "issued visas invalidated" == labels.field("visas_invalidated", True)
    assert "" == labels.field("visas_invalidated", False)
    assert "" == labels.field("takes_effect", None)
    assert "takes effect: 2020-01-01" == labels.field("takes_effect", D(2020, 1, 1))
    assert "quarantine: 1 day" == labels.field("quarantine_days", 1)
    assert "share: 0.33" == labels.field("share", 1 / 3)


# --- filters ----------------------------------------------------------------------


def on(log: EventLog):
    """Make the command line read a copy of *log*, whatever log it is given."""

    def open_copy(args):
        copy = EventLog()
        copy.extend(list(log))
        return copy

    return mock.patch.object(options, "open_log", open_copy)


def json_of(log: EventLog, *argv: str):
    with on(log):
        code, out, err = run(*argv, "--dataset", "any", "--json")
    assert (0, "") == (code, err)
    return json.loads(out)


days = st.dates(D(2019, 6, 15), D(2019, 10, 15))
countries = st.sampled_from(DEFAULT_COUNTRIES)


def window(since: dt.date, until: dt.date) -> tuple[dt.date, dt.date]:
    return min(since, until), max(since, until)


@given(
    log=event_logs(), country=countries, bounds=st.tuples(days, days), data=st.data()
)
def test_intervals_filters_keep_exactly_the_matching_intervals(
    log, country, bounds, data
):
    """--country, --kind, --from, --to keep the intervals that match, in order."""
    since, until = window(*bounds)
    found = log.intervals()
    kind = data.draw(st.sampled_from(sorted({i.kind for i in found} | {"WTO case"})))
    shown = json_of(
        log,
        "intervals",
        *("--country", country.lower(), "--kind", kind.upper()),
        *("--from", since.isoformat(), "--to", until.isoformat()),
    )
    expected = [
        (i.kind, i.actor, i.target, i.subject, i.start.isoformat())
        for i in found
        if (country in (i.actor, i.target) or i.target == "ALL")
        and i.kind == kind
        and i.start <= until
        and (i.end is None or since < i.end)
    ]
    assert expected == [
        (i["kind"], i["actor"], i["target"], i["subject"], i["start"]) for i in shown
    ]


@given(log=event_logs(), bounds=st.tuples(days, days), data=st.data())
def test_timeline_filters_keep_exactly_the_matching_events(log, bounds, data):
    """--kind (a type's label or name), --from and --to keep the matching events."""
    since, until = window(*bounds)
    events = log.events()
    kind = data.draw(
        st.sampled_from(sorted({type(e).__name__ for e in events} | {"TalksHeld"}))
    )
    spelt = data.draw(st.sampled_from([kind, labels.event_label(kind)]))
    shown = json_of(
        log,
        "timeline",
        *("--kind", spelt, "--from", since.isoformat(), "--to", until.isoformat()),
    )
    expected = [
        event.id
        for event in log.events(since=since, until=until)
        if type(event).__name__ == kind
    ]
    assert expected == [record["id"] for record in shown]


@given(log=event_logs(), country=countries, bounds=st.tuples(days, days))
def test_escalation_and_reciprocity_filters_keep_exactly_the_matching_rows(
    log, country, bounds
):
    """Escalation and reciprocity keep one country's rows, within the days asked."""
    since, until = window(*bounds)
    dates = ("--from", since.isoformat(), "--to", until.isoformat())
    points = json_of(log, "escalation", "--country", country, *dates)
    assert [
        (p.date.isoformat(), p.score)
        for p in log.escalation()
        if p.country == country and since <= p.date <= until
    ] == [(p["date"], p["score"]) for p in points]
    links = json_of(log, "reciprocity", "--country", country, *dates)
    assert [
        link.move.id
        for link in log.reciprocity()
        if country in link.pair and since <= link.move.effective <= until
    ] == [link["move"]["id"] for link in links]


@given(
    log=event_logs(), country=countries, bounds=st.tuples(days, days), data=st.data()
)
def test_diff_filters_keep_exactly_the_matching_changes(log, country, bounds, data):
    """Diff --country and --kind keep the changes to matching measures."""
    start, end = window(*bounds)
    changes = log.diff(start, end)
    kind = data.draw(
        st.sampled_from(sorted({c.key[0] for c in changes} | {"WTO case"}))
    )
    report = json_of(
        log, "diff", start.isoformat(), end.isoformat(), "--country", country
    )
    assert sorted(
        c.event_id
        for c in changes
        if country in (c.key[1], c.key[2]) or c.key[2] == "ALL"
    ) == sorted(
        item["event_id"]
        for name in ("started", "changed", "ended")
        for item in report[name]
    )
    assert all(country in round_["parties"] for round_ in report["talks"])
    report = json_of(log, "diff", start.isoformat(), end.isoformat(), "--kind", kind)
    assert sorted(c.event_id for c in changes if c.key[0] == kind) == sorted(
        item["event_id"]
        for name in ("started", "changed", "ended")
        for item in report[name]
    )
    assert [] == report["talks"]


@pytest.mark.parametrize(
    ("argv", "valid"),
    [
        (["intervals", "--kind", "tariff"], "import tariff"),
        (["measures", "--kind", "tariff"], "anti-dumping duty"),
        (["diff", "2019-01-01", "2020-01-01", "--kind", "tariff"], "WTO case"),
        (["timeline", "--kind", "WhitelistGone"], "removed from whitelist"),
        (["reciprocity", "--kind", "tariff"], "whitelist removal"),
    ],
)
def test_an_unknown_kind_is_a_usage_error_listing_the_valid_ones(argv, valid):
    """A --kind that names nothing is exit 2, naming it and listing what is valid."""
    code, out, err = run(*argv, "--dataset", "japan-korea")

    assert (2, "") == (code, out)
    assert f"--kind '{argv[-1]}'" in err
    assert valid in err


# --- validate --dataset -------------------------------------------------------------


@pytest.mark.parametrize("name", datasets.names())
def test_validate_checks_a_shipped_dataset(name):
    """`validate --dataset NAME` checks the file that ships, and finds it sound."""
    count = len(datasets.load(name).events())
    assert (0, f"ok: {count} events\n", "") == run("validate", "--dataset", name)


def test_validate_refuses_an_unknown_dataset_or_two_logs(tmp_path):
    """An unknown dataset names those that ship; a file and a dataset is one too many."""
    code, _, err = run("validate", "--dataset", "atlantis")
    assert 2 == code
    assert "japan-korea" in err
    code, _, err = run("validate", str(tmp_path / "x.jsonl"), "--dataset", "us-china")
    assert 2 == code
    assert "exactly one log" in err


# --- a large state ------------------------------------------------------------------


@pytest.fixture
def many_rows(tmp_path):
    """A log whose state has more rows than a table shows unless --all."""
    path = tmp_path / "many.jsonl"
    items = {f"item {n:03d}" for n in range(SUMMARY_ABOVE + 10)}
    with EventLog.open(path) as log:
        log.append(
            RestrictionImposed(
                id="many",
                actor="JPN",
                target="KOR",
                items=items,
                measure="licence",
                effective=D(2019, 7, 4),
            )
        )
    return str(path)


def test_a_large_state_prints_a_summary_and_its_first_rows(many_rows):
    """Over the limit: rows by kind and by country, the first rows, how many more."""
    code, out, _ = run("state", many_rows, "--at", "2019-08-01")
    rows = table_rows(out)
    total = SUMMARY_ABOVE + 10

    assert 0 == code
    assert ["export restriction", str(total)] in rows
    assert ["JPN", str(total)] in rows
    listed = [row for row in rows if row[0] == "JPN" and len(row) == 5]
    assert FIRST_ROWS == len(listed)
    assert "item 000: licence" == listed[0][3]
    assert (
        f"{total - FIRST_ROWS:,} more rows: use --all to see every row"
        == (out.splitlines()[-1])
    )


def test_all_prints_every_row_of_a_large_state(many_rows):
    """--all prints every row, and no summary."""
    _, out, _ = run("state", many_rows, "--at", "2019-08-01", "--all")
    listed = [row[3] for row in table_rows(out) if len(row) == 5 and row[0] == "JPN"]

    assert [f"item {n:03d}: licence" for n in range(SUMMARY_ABOVE + 10)] == listed
    assert "more rows" not in out
    assert "Rows by" not in out


@pytest.mark.parametrize("columns", [40, 80, 200])
def test_a_large_table_prints_as_a_small_one(monkeypatch, columns):
    """Above LARGE_TABLE rows the table is laid out without rich's Table, alike."""
    monkeypatch.setenv("COLUMNS", str(columns))
    rows = [
        (f"row {n}", "a longer cell that may have to wrap " * (n % 3), str(n))
        for n in range(30)
    ]

    def printed() -> str:
        out = io.StringIO()
        render.table(out, ("Name", "Text", "Count"), rows, title="Rows", numbers=1)
        return out.getvalue()

    small = printed()
    monkeypatch.setattr(render, "LARGE_TABLE", 0)
    large = printed()

    assert [line.rstrip() for line in small.splitlines()] == [
        line.rstrip() for line in large.splitlines()
    ]
