"""Tampering, as someone who can write the file would: validate reports each edit.

The hash chain catches edits of records; binding checkpoints to the chain
keeps one of another log (a planted sidecar) or of another chain from ever
being used; re-deriving checkpoints by replay catches one crafted to match.
"""

import datetime as dt
import json
import shutil
import sqlite3

import pytest

import tradedispute.log.keeper
from tests.helpers import tamper
from tradedispute import EventLog, WhitelistRemoved
from tradedispute.codec.state import encode_state
from tradedispute.exceptions import ChainBroken
from tradedispute.log.validation import validate

D = dt.date
PARTNERS = ["CHN", "USA", "DEU", "FRA", "GBR", "ITA"]


@pytest.fixture(autouse=True)
def small_spacing(monkeypatch):
    """Keep checkpoints on disk every 2 events, so small logs have some."""
    monkeypatch.setattr(tradedispute.log.keeper, "KEEP_SPACING", 2)
    monkeypatch.setattr(tradedispute.log.keeper, "KEEP_MAX", 4)


def removal(n: int, actor: str = "KOR") -> WhitelistRemoved:
    return WhitelistRemoved(
        id=f"e{n}", actor=actor, target=PARTNERS[n], effective=D(2019, 9, n + 1)
    )


DAYS = [D(2019, 9, n) for n in range(1, 9)]


def answers(log):
    return [log.state_at(day) for day in DAYS]


def make(path, count=5, actor="KOR"):
    with EventLog.open(path) as log:
        for n in range(count):
            log.append(removal(n, actor))
        return log.head, answers(log)


def edit_jsonl_line(path, index, change):
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    record = json.loads(lines[index])
    change(record)
    lines[index] = json.dumps(record, sort_keys=True, separators=(",", ":")) + "\n"
    path.write_text("".join(lines), encoding="utf-8")


def swap(record):
    record["actor"], record["target"] = record["target"], record["actor"]


EDITS = {
    "a changed value": lambda record: record.update(target="BRA"),
    "actor and target swapped": swap,
    "recorded_at moved back": lambda record: record.update(
        recorded_at="2000-01-01T00:00:00.000000Z"
    ),
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_an_edited_jsonl_record_breaks_the_chain_where_it_is(tmp_path, edit):
    """Rule: an edit that still parses is caught by the chain, at its seq."""
    path = tmp_path / "log.jsonl"
    make(path)
    edit_jsonl_line(path, 2, EDITS[edit])

    found = validate(path)

    assert not found.ok
    assert any("(seq 3): the hash chain breaks here" in p for p in found.problems)
    with pytest.raises(ChainBroken) as caught:
        EventLog.open(path, verify=True)
    assert caught.value.seq == 3


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_an_edited_sqlite_record_breaks_the_chain_where_it_is(tmp_path, edit):
    """The same edits of a SQLite row's record, the triggers dropped to make them."""
    path = tmp_path / "log.sqlite"
    make(path)

    def edited(text):
        record = json.loads(text)
        EDITS[edit](record)
        return json.dumps(record, sort_keys=True, separators=(",", ":"))

    tamper(path, 3, edited)
    found = validate(path)
    assert any("(seq 3)" in p for p in found.problems)
    with pytest.raises(ChainBroken):
        EventLog.open(path, verify=True)


def test_recorded_at_moved_back_is_reported_as_such(tmp_path):
    """A commit time before the one before it is a problem of its own."""
    path = tmp_path / "log.jsonl"
    make(path)
    edit_jsonl_line(path, 3, EDITS["recorded_at moved back"])
    problems = validate(path).problems
    assert any("commit times never go back" in p for p in problems)


def test_a_sqlite_column_edited_apart_from_its_record_is_reported(tmp_path):
    """Rule: a row's columns must say what its record says."""
    path = tmp_path / "log.sqlite"
    make(path)
    db = sqlite3.connect(path)
    db.execute("DROP TRIGGER events_append_only_update")
    db.execute("UPDATE events SET effective = '2000-01-01' WHERE seq = 2")
    db.commit()
    db.close()
    problems = validate(path).problems
    assert any("(seq 2): the column 'effective'" in p for p in problems)


@pytest.mark.parametrize("suffix", [".jsonl", ".sqlite"])
def test_the_last_entry_deleted_is_caught_against_a_published_head(tmp_path, suffix):
    """A log cut short still chains; the head published before it was cut does not."""
    path = tmp_path / f"log{suffix}"
    head, _ = make(path)
    if suffix == ".jsonl":
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(lines[:-1]), encoding="utf-8")
    else:
        db = sqlite3.connect(path)
        db.execute("DROP TRIGGER events_append_only_delete")
        db.execute("DELETE FROM events WHERE seq = 5")
        db.commit()
        db.close()

    assert validate(path).ok  # alone, a shorter log is a valid log
    problems = validate(path, head=str(head)).problems
    assert any("does not extend the head" in p for p in problems)
    with pytest.raises(ChainBroken):
        EventLog.open(path, expect_head=head)


@pytest.mark.parametrize("suffix", [".jsonl", ".sqlite"])
def test_a_log_extends_every_head_it_had(tmp_path, suffix):
    """A head published earlier is extended by every later append."""
    path = tmp_path / f"log{suffix}"
    head, _ = make(path, count=3)
    with EventLog.open(path) as log:
        log.append(removal(4))
        assert log.head.position == 4
    assert validate(path, head=str(head)).ok
    with EventLog.open(path, expect_head=head) as log:
        assert [f"e{n}" for n in (0, 1, 2, 4)] == [event.id for event in log]


def test_a_planted_sidecar_is_never_used_and_is_reported(tmp_path):
    """Rule: the checkpoints of another log are never used; validate names them."""
    other, path = tmp_path / "other.jsonl", tmp_path / "log.jsonl"
    make(other, count=5, actor="JPN")
    _, expected = make(path, count=2)
    (tmp_path / "log.jsonl.checkpoints").unlink(missing_ok=True)
    shutil.copy(
        tmp_path / "other.jsonl.checkpoints", tmp_path / "log.jsonl.checkpoints"
    )

    with EventLog.open(path) as log:
        assert expected == answers(log)
    problems = validate(path).problems
    assert any("another hash chain" in p or "longer log" in p for p in problems)


def test_a_checkpoint_crafted_to_match_is_caught_by_validate(tmp_path):
    """A checkpoint edited but kept bound to the chain: validate re-derives it."""
    path = tmp_path / "log.sqlite"
    _, expected = make(path, count=5)
    db = sqlite3.connect(path)
    position, version = db.execute(
        "SELECT position, version FROM checkpoints ORDER BY position DESC LIMIT 1"
    ).fetchone()
    db.execute("DROP TRIGGER checkpoints_append_only_update")
    forged = encode_state(EventLog().state_at(D(2019, 1, 1)))  # nothing in force
    db.execute(
        "UPDATE checkpoints SET state = ? WHERE position = ? AND version = ?",
        (forged, position, version),
    )
    db.commit()
    db.close()

    problems = validate(path).problems
    assert any("does not match a replay" in p for p in problems)
    with EventLog.open(path, verify=True) as log:  # no checkpoint is trusted
        assert expected == answers(log)
