"""The SQLite store's own promises, and how EventLog.open picks a store.

The contract every store keeps is in tests/stores/test_contract.py (the
suite that ships as tradedispute.testing.stores).
"""

import datetime as dt
import runpy
import sqlite3
from pathlib import Path

import pytest

import tradedispute.stores.sqlite
from tests.clocks import FakeClock
from tradedispute import EventLog, RestrictionImposed, WhitelistRemoved
from tradedispute.exceptions import ConcurrencyError, UnsupportedFile
from tradedispute.stores import JsonLinesStore, SQLiteStore

D = dt.date
EXAMPLE = Path(__file__).parents[2] / "examples" / "march_2020.py"


@pytest.fixture
def opened():
    """Every store a test opens; each is closed once at teardown."""
    stores = []
    yield stores
    for each in {id(store): store for store in stores}.values():
        each.close()


def impose(event_id: str, day: dt.date, items=("photoresist",)) -> RestrictionImposed:
    return RestrictionImposed(
        id=event_id,
        actor="JPN",
        target="KOR",
        items=set(items),
        measure="individual export licence",
        effective=day,
    )


def remove(event_id: str, day: dt.date) -> WhitelistRemoved:
    return WhitelistRemoved(id=event_id, actor="JPN", target="KOR", effective=day)


# --- SQLite ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statement", "verb"),
    [
        ("UPDATE events SET type = 'RestrictionLifted'", "updated"),
        ("UPDATE events SET record = '{}' WHERE seq = 1", "updated"),
        ("DELETE FROM events", "deleted"),
        ("DELETE FROM events WHERE seq = 1", "deleted"),
    ],
)
def test_sqlite_events_table_is_append_only(tmp_path, opened, statement, verb):
    """The database itself refuses UPDATE and DELETE on the events table."""
    path = tmp_path / "log.sqlite"
    store = SQLiteStore(path, clock=FakeClock())
    opened.append(store)
    recorded = store.append([impose("a", D(2019, 7, 4))], expected_version=0)
    db = sqlite3.connect(path)
    try:
        with pytest.raises(
            sqlite3.IntegrityError, match=f"append-only: events cannot be {verb}"
        ):
            db.execute(statement)
    finally:
        db.close()

    opened.append(SQLiteStore(path))
    assert recorded == list(opened[-1].read())


def test_sqlite_log_runs_in_wal_mode(tmp_path, opened):
    """A SQLite log is in write-ahead-log mode, as another connection sees it."""
    path = tmp_path / "log.sqlite"
    opened.append(SQLiteStore(path))
    db = sqlite3.connect(path)
    try:
        assert ("wal",) == db.execute("PRAGMA journal_mode").fetchone()
    finally:
        db.close()


# --- EventLog.open -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "store_type"),
    [
        ("log.jsonl", JsonLinesStore),
        ("log.sqlite", SQLiteStore),
        ("log.db", SQLiteStore),
        ("LOG.JSONL", JsonLinesStore),
        ("log.v2.DB", SQLiteStore),
    ],
)
def test_open_picks_the_store_from_the_suffix(tmp_path, name, store_type):
    """EventLog.open keeps .jsonl logs in JSON Lines and .sqlite/.db logs in SQLite."""
    path = tmp_path / name
    with EventLog.open(path) as log:
        assert store_type is type(log._store)
        assert str(path) == log.location
        log.append(remove("w", D(2019, 8, 28)))

    with EventLog.open(path) as log:
        assert [remove("w", D(2019, 8, 28))] == list(log)


@pytest.mark.parametrize(
    "name", ["log.json", "log.txt", "log", "log.jsonl.bak", "log.sqlite3"]
)
def test_open_refuses_an_unknown_suffix(tmp_path, name):
    """An unknown suffix raises UnsupportedFile naming the valid ones; no file is made."""
    path = tmp_path / name

    with pytest.raises(UnsupportedFile) as caught:
        EventLog.open(path)

    assert str(path) == caught.value.path
    assert str(path) in str(caught.value)
    assert ".db, .jsonl, .sqlite" in str(caught.value)
    assert not path.exists()


@pytest.mark.parametrize("name", ["logs.jsonl", "logs.sqlite", "logs.db"])
def test_open_refuses_a_folder(tmp_path, name):
    """A folder path raises UnsupportedFile, whatever its suffix."""
    path = tmp_path / name
    path.mkdir()

    with pytest.raises(UnsupportedFile) as caught:
        EventLog.open(path)

    assert str(path) == caught.value.path
    assert str(path) in str(caught.value)
    assert [] == list(path.iterdir())


@pytest.mark.parametrize("name", ["notes.sqlite", "notes.db"])
def test_open_refuses_a_file_that_is_not_sqlite(tmp_path, name):
    """A .sqlite or .db file that is no SQLite database raises UnsupportedFile, untouched."""
    path = tmp_path / name
    content = b"this is a text file, not a database\n" * 100
    path.write_bytes(content)

    with pytest.raises(UnsupportedFile) as caught:
        EventLog.open(path)

    assert str(path) == caught.value.path
    assert "not a tradedispute SQLite log" in str(caught.value)
    assert content == path.read_bytes()


@pytest.mark.parametrize("name", ["march_2020.jsonl", "march_2020.sqlite"])
def test_example_log_reads_back_from_a_file(tmp_path, name):
    """The example log written to a file reads back the same events and state."""
    example = runpy.run_path(str(EXAMPLE))["build_log"]()
    path = tmp_path / name
    with EventLog.open(path) as log:
        log.extend(list(example))

    with EventLog.open(path) as log:
        assert list(example) == list(log)
        assert example.state_at(D(2020, 3, 11)) == log.state_at(D(2020, 3, 11))
        assert example.events() == log.events()


def test_example_log_is_the_same_in_json_lines_and_sqlite(tmp_path):
    """The example log in a .jsonl file and in a .sqlite file reads back identically."""
    example = runpy.run_path(str(EXAMPLE))["build_log"]()
    logs = []
    for name in ["march_2020.jsonl", "march_2020.sqlite"]:
        with EventLog.open(tmp_path / name) as log:
            log.extend(list(example))
        with EventLog.open(tmp_path / name) as log:
            logs.append(
                (
                    [r.seq for r in log.records()],
                    list(log),
                    log.state_at(D(2020, 3, 11)),
                )
            )

    assert logs[0] == logs[1]


def test_sqlite_writer_that_waits_too_long_gets_concurrency_error(
    tmp_path, monkeypatch
):
    """A SQLite writer blocked past the busy timeout raises ConcurrencyError, writes nothing."""
    path = tmp_path / "log.sqlite"
    holder = SQLiteStore(path)
    monkeypatch.setattr(tradedispute.stores.sqlite, "BUSY_TIMEOUT", 0.05)
    waiter = SQLiteStore(path)
    with (
        holder.writing(),
        pytest.raises(ConcurrencyError, match="another writer held the database"),
    ):
        waiter.append([remove("a", D(2019, 8, 28))], expected_version=0)
    assert [] == list(waiter.read())
    holder.close()
    waiter.close()
