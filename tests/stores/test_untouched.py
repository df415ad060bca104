"""Files we do not own stay untouched; read-only logs open for reading only."""

import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tradedispute import EventLog, WhitelistRemoved
from tradedispute.exceptions import (
    InvalidQuery,
    ReadOnlyLog,
    UnsupportedFile,
)
from tradedispute.stores import JsonLinesStore

D = dt.date
REMOVED = WhitelistRemoved(id="w", actor="JPN", target="KOR", effective=D(2019, 8, 28))
AGAIN = WhitelistRemoved(id="k", actor="KOR", target="JPN", effective=D(2019, 9, 18))


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file in *folder*, by name, with its bytes.

    SQLite's companion files of a WAL database (``-wal``, ``-shm``), which a
    reader may create in a folder it can write, are left out: they are
    SQLite's bookkeeping, not the log.
    """
    return {
        entry.name: entry.read_bytes()
        for entry in sorted(folder.iterdir())
        if not entry.name.endswith(("-wal", "-shm"))
    }


def foreign_database(path: Path, schema: str) -> None:
    """A database another program made, with rows of its own."""
    db = sqlite3.connect(path)
    db.executescript(schema)
    db.commit()
    db.close()


@pytest.mark.parametrize(
    "schema",
    [
        "CREATE TABLE events (id INTEGER PRIMARY KEY, title TEXT);"
        "INSERT INTO events (title) VALUES ('concert'), ('fair');",
        "CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('Ana');",
        "CREATE TABLE events (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, "
        "type TEXT NOT NULL, recorded_at TEXT NOT NULL, effective TEXT, "
        "record TEXT NOT NULL); CREATE TABLE invoices (n INTEGER);",
    ],
    ids=["own-events-table", "other-tables", "events-and-more"],
)
@pytest.mark.parametrize("read_only", [False, True], ids=["writable", "read-only"])
def test_a_foreign_database_is_refused_and_left_byte_for_byte(
    tmp_path, schema, read_only
):
    """Rule: opening inspects before it writes; a foreign schema is not touched."""
    path = tmp_path / "other.sqlite"
    foreign_database(path, schema)
    before = snapshot(tmp_path)

    with pytest.raises(UnsupportedFile, match="something else") as caught:
        EventLog.open(path, read_only=read_only)

    assert "left as it was" in str(caught.value)
    assert before == snapshot(tmp_path)
    db = sqlite3.connect(path)
    try:
        assert ("delete",) == db.execute("PRAGMA journal_mode").fetchone()
        db.execute("DELETE FROM " + ("people" if "people" in schema else "events"))
        db.commit()
    finally:
        db.close()


def test_a_damaged_log_gets_no_triggers_back_when_opened(tmp_path):
    """Opening never re-creates what a log lacks: the triggers stay dropped."""
    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.append(REMOVED)
    db = sqlite3.connect(path)
    db.execute("DROP TRIGGER events_append_only_delete")
    db.commit()
    db.close()

    with EventLog.open(path) as log:
        assert [REMOVED] == list(log)

    db = sqlite3.connect(path)
    try:
        triggers = {
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            )
        }
    finally:
        db.close()
    assert {"events_append_only_update"} == triggers


@pytest.mark.parametrize("suffix", [".jsonl", ".sqlite"])
def test_a_read_only_log_reads_and_refuses_to_write(tmp_path, suffix):
    """read_only=True: every question answers; appends raise; no byte changes."""
    path = tmp_path / f"log{suffix}"
    with EventLog.open(path) as log:
        log.append(REMOVED)
    before = snapshot(tmp_path)

    with EventLog.open(path, read_only=True) as log:
        assert [REMOVED] == list(log)
        assert {"KOR"} == set(
            log.state_at(D(2020, 1, 1)).country("JPN").whitelist_excluded
        )
        with pytest.raises(ReadOnlyLog) as caught:
            log.append(AGAIN)
        assert str(path) == caught.value.location
        with pytest.raises(ReadOnlyLog):
            log.write_checkpoints()
        assert [REMOVED] == list(log)

    assert before == snapshot(tmp_path)


@pytest.mark.parametrize("suffix", [".jsonl", ".sqlite"])
@pytest.mark.parametrize(
    "options",
    [{"create": False}, {"read_only": True}],
    ids=["create=False", "read-only"],
)
def test_a_missing_file_is_not_created_when_asked_not_to(tmp_path, suffix, options):
    """create=False (and read_only=True) refuse a missing file and make nothing."""
    path = tmp_path / f"log{suffix}"
    with pytest.raises(UnsupportedFile, match="no such log file"):
        EventLog.open(path, **options)
    assert [] == list(tmp_path.iterdir())


def test_repair_cannot_be_read_only(tmp_path):
    """repair=True cuts the file: it is refused with read_only=True."""
    path = tmp_path / "log.jsonl"
    path.write_bytes(b"")
    with pytest.raises(InvalidQuery, match="repair"):
        JsonLinesStore(path, repair=True, read_only=True)


CHILD = textwrap.dedent(
    """
    import json, os, sys
    from tradedispute import EventLog
    from tradedispute.cli import main
    from tradedispute.exceptions import StorageError
    import tradedispute.cli.state, tradedispute.stores.sqlite, tradedispute.stores.jsonl
    if os.geteuid() == 0:  # root may write anything: become nobody
        os.setgid(65534)
        os.setuid(65534)
    path = sys.argv[1]
    report = {}
    try:
        EventLog.open(path)
    except StorageError as error:
        report["writable"] = str(error)
    with EventLog.open(path, read_only=True) as log:
        report["events"] = [event.id for event in log]
    report["cli"] = main(["state", path, "--at", "2020-01-01", "--json"])
    print(json.dumps(report))
    """
)


@pytest.mark.parametrize("suffix", [".jsonl", ".sqlite"])
def test_a_log_in_a_read_only_folder_opens_for_reading(tmp_path_factory, suffix):
    """A user who may not write the file or folder reads the log, and the CLI too.

    Run as an unprivileged user (nobody, when the suite runs as root), since
    root may write whatever the permissions say.
    """
    folder = tmp_path_factory.mktemp("readonly")
    path = folder / f"log{suffix}"
    with EventLog.open(path) as log:
        log.append(REMOVED)
    os.chmod(path, 0o444)
    os.chmod(folder, 0o555)
    parents = [folder.parent, folder.parent.parent]
    modes = {parent: parent.stat().st_mode for parent in parents}
    for parent in parents:  # let the unprivileged user reach the folder
        os.chmod(parent, modes[parent] | 0o005)
    before = snapshot(folder)
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(path)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        for parent in parents:
            os.chmod(parent, modes[parent])
        os.chmod(folder, 0o755)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.splitlines()[-1])
    assert "read_only=True" in report["writable"]
    assert ["w"] == report["events"]
    assert report["cli"] == 0
    assert before == snapshot(folder)


def test_a_foreign_database_with_changes_in_its_wal_is_left_as_it_was(tmp_path):
    """Inspecting reads without writing: another program's -wal is not folded in."""
    source = tmp_path / "source.db"
    db = sqlite3.connect(source)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE notes (x)")
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("INSERT INTO notes VALUES ('hello')")  # in the -wal only
    db.commit()
    folder = tmp_path / "copy"
    folder.mkdir()
    target = folder / "app.db"
    target.write_bytes(source.read_bytes())
    (folder / "app.db-wal").write_bytes(Path(f"{source}-wal").read_bytes())
    db.close()
    before = {name: (folder / name).read_bytes() for name in ("app.db", "app.db-wal")}

    with pytest.raises(UnsupportedFile, match="something else"):
        EventLog.open(target)

    # The database and its -wal are as they were (SQLite may add its -shm index).
    assert before == {name: (folder / name).read_bytes() for name in before}
