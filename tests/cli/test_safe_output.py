"""Untrusted text reaches no terminal raw; charts are not written over uninvited."""

import datetime as dt
import json
import os
import stat

import pytest

from tradedispute import (
    EventLog,
    ExportControlStrengthened,
    RestrictionImposed,
    WhitelistRemoved,
)
from tradedispute.cli import main

D = dt.date
HOSTILE = "red\x1b[31m alarm\x07 back\r over\u202e reversed\u2066 \x85 next"
RAW = ["\x1b", "\x07", "\r", "\u202e", "\u2066", "\x85"]


def run(capsys, *argv):
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def hostile_log(tmp_path):
    path = tmp_path / "log.jsonl"
    with EventLog.open(path) as log:
        log.append(
            ExportControlStrengthened(
                id="step",
                actor="KOR",
                target="JPN",
                detail=HOSTILE,
                note=HOSTILE,
                effective=D(2020, 3, 8),
            )
        )
        log.append(
            RestrictionImposed(
                id="imposed",
                actor="JPN",
                target="KOR",
                items={HOSTILE},
                measure=HOSTILE,
                effective=D(2020, 3, 8),
            )
        )
    return path


def strings(document):
    """Every string in a JSON document, keys and values."""
    if isinstance(document, str):
        yield document
    elif isinstance(document, dict):
        for key, value in document.items():
            yield key
            yield from strings(value)
    elif isinstance(document, list):
        for item in document:
            yield from strings(item)


@pytest.mark.parametrize(
    "command",
    [
        ["state", "--at", "2020-03-09"],
        ["timeline"],
        ["diff", "2020-03-01", "2020-03-09"],
        ["intervals"],
    ],
    ids=lambda argv: argv[0],
)
def test_control_and_bidi_characters_are_escaped_in_what_people_read(
    capsys, hostile_log, command
):
    """Rule: human-readable output shows control characters escaped, never raw."""
    code, out, _ = run(capsys, *command, hostile_log)
    assert code == 0
    assert [] == [char for char in RAW if char in out]
    assert "\\u001b[31m" in out


@pytest.mark.parametrize(
    "command", [["state", "--at", "2020-03-09"], ["timeline"]], ids=lambda a: a[0]
)
def test_json_output_keeps_the_text_and_shows_no_raw_control(
    capsys, hostile_log, command
):
    """JSON output escapes them too, and still reads back to the very text."""
    code, out, _ = run(capsys, *command, hostile_log, "--json")
    assert code == 0
    assert [] == [char for char in RAW if char in out]
    assert HOSTILE in set(strings(json.loads(out)))


def test_an_error_quoting_hostile_text_is_escaped(capsys, tmp_path):
    """An error message that quotes a bad value from a file is escaped on stderr."""
    path = tmp_path / "log.jsonl"
    with EventLog.open(path) as log:
        log.append(
            WhitelistRemoved(actor="JPN", target="KOR", effective=D(2019, 8, 28))
        )
    record = json.loads(path.read_text(encoding="utf-8"))
    record["type"] = "\x1b[2J\u202eGone"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "timeline", path)
    assert code == 2
    assert [] == [char for char in RAW if char in err]
    assert "Gone" in err


def test_plot_refuses_to_write_over_a_file_without_force(capsys, tmp_path):
    """Rule: plot -o does not replace a file unless --force says so."""
    path = tmp_path / "log.jsonl"
    with EventLog.open(path) as log:
        log.append(
            WhitelistRemoved(actor="JPN", target="KOR", effective=D(2019, 8, 28))
        )
    chart = tmp_path / "chart.svg"
    chart.write_text("a chart of mine")
    os.chmod(chart, 0o600)

    code, _, err = run(capsys, "plot", path, "-o", chart)
    assert code == 2
    assert "--force" in err
    assert "a chart of mine" == chart.read_text()

    code, _, _ = run(capsys, "plot", path, "-o", chart, "--force")
    assert code == 0
    assert chart.read_text().startswith("<?xml")
    assert 0o600 == stat.S_IMODE(chart.stat().st_mode)


def test_no_colour_codes_whatever_the_environment_asks(
    capsys, hostile_log, monkeypatch
):
    """FORCE_COLOR does not make rich write escape codes that would show as text."""
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    code, out, _ = run(capsys, "state", "--at", "2020-03-09", hostile_log)
    assert code == 0
    assert "\\u001b[1m" not in out
    assert "Policy in force on 2020-03-09" in out
