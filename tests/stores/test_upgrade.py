"""Logs written before the hash chain, and `tradedispute upgrade`.

They open untouched, chain from the next append, and upgrade brings them up
to date when asked.
"""

import datetime as dt
import json
import sqlite3

from tradedispute import EventLog, WhitelistRemoved
from tradedispute.cli import main
from tradedispute.log.validation import validate

D = dt.date
PARTNERS = ["CHN", "USA", "DEU", "FRA"]


def removal(n: int) -> WhitelistRemoved:
    return WhitelistRemoved(
        id=f"e{n}", actor="KOR", target=PARTNERS[n], effective=D(2019, 9, n + 1)
    )


def as_written_before_the_chain(path):
    """Make a SQLite log look as an earlier version wrote it.

    No hashes, an old checkpoints table, and (damaged) no delete trigger.
    """
    db = sqlite3.connect(path)
    db.execute("DROP TRIGGER events_append_only_update")
    db.execute("DROP TRIGGER events_append_only_delete")
    for seq, record in db.execute("SELECT seq, record FROM events").fetchall():
        old = json.loads(record)
        del old["hash"]
        db.execute(
            "UPDATE events SET record = ? WHERE seq = ?",
            (json.dumps(old, sort_keys=True, separators=(",", ":")), seq),
        )
    db.execute(
        "CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events "
        "BEGIN SELECT RAISE(ABORT, 'no'); END"
    )
    db.execute(
        "CREATE TABLE checkpoints (position INTEGER PRIMARY KEY, version INTEGER "
        "NOT NULL, last_effective TEXT NOT NULL, last_id TEXT NOT NULL, state "
        "BLOB NOT NULL)"
    )
    db.commit()
    db.close()


def test_an_old_log_opens_untouched_and_upgrades_when_asked(tmp_path, capsys):
    """Rule: opening rewrites no byte; upgrade restores triggers, checkpoints, hashes."""
    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.extend([removal(0), removal(1), removal(2)])
        head = log.head
    as_written_before_the_chain(path)
    before = path.read_bytes()

    with EventLog.open(path) as log:
        assert head == log.head  # the chain is the same, computed
        assert [None, None, None] == [r.hash for r in log.records()]
    assert before == path.read_bytes()

    assert main(["upgrade", str(path)]) == 0
    said = capsys.readouterr().out
    assert "made again: events_append_only_delete" in said
    assert "replaced the checkpoints table of the old format" in said
    assert "chained 3 records" in said

    with EventLog.open(path) as log:
        assert head == log.head
        assert [head.hash] == [log.records()[-1].hash]
    assert validate(path).ok
    db = sqlite3.connect(path)
    try:
        triggers = {n for (n,) in db.execute("SELECT name FROM sqlite_master")}
    finally:
        db.close()
    assert {"events_append_only_update", "events_append_only_delete"} <= triggers

    assert main(["upgrade", str(path)]) == 0
    assert capsys.readouterr().out.startswith("up to date")


def test_an_old_log_gets_its_chain_from_the_next_append(tmp_path):
    """The next append's hash covers the records written before the chain."""
    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.extend([removal(0), removal(1)])
    as_written_before_the_chain(path)
    with EventLog.open(path) as log:
        log.append(removal(2))
        head = log.head
        assert head.hash == log.records()[-1].hash
    with EventLog.open(path, verify=True) as log:
        assert head == log.verify()


def test_an_old_sidecar_is_replaced_by_upgrade(tmp_path, capsys):
    """A JSON Lines log's sidecar of the old format is removed when asked."""
    path = tmp_path / "log.jsonl"
    with EventLog.open(path) as log:
        log.append(removal(0))
    sidecar = tmp_path / "log.jsonl.checkpoints"
    db = sqlite3.connect(sidecar)
    db.execute("CREATE TABLE checkpoints (position INTEGER PRIMARY KEY)")
    db.commit()
    db.close()
    with EventLog.open(path) as log:
        log.append(removal(1))
    assert sidecar.exists()  # opening and appending leave it alone
    assert main(["upgrade", str(path)]) == 0
    assert "removed the sidecar" in capsys.readouterr().out
    assert not sidecar.exists()


def test_the_head_of_an_old_log_is_of_its_own_entries(tmp_path):
    """The head computed for a log written before the chain is of what it read.

    Not of what another writer appended since.
    """
    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.append(removal(0))
        one = log.head
    as_written_before_the_chain(path)
    with EventLog.open(path) as first, EventLog.open(path) as second:
        second.append(removal(1))
        assert one == first.head
