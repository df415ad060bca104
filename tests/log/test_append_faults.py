"""Faults injected at each step of an append: the log publishes only what was committed.

For each store and each step, a failure (an error, or Ctrl-C) leaves the
`EventLog` object as it was and usable; the error says whether the batch
was committed; a fresh open of the file agrees; and the next append works.
"""

import datetime as dt
import os
import sqlite3

import pytest

import tradedispute.log.keeper
from tradedispute import EventLog, WhitelistRemoved
from tradedispute.core.checkpointed import Checkpointed
from tradedispute.exceptions import AppendFailed, StorageError
from tradedispute.log.replayed import Replayed
from tradedispute.stores import JsonLinesStore, SQLiteStore
from tradedispute.stores.checkpoint_table import SQLiteCheckpointTable

D = dt.date
PARTNERS = ["CHN", "USA", "DEU", "FRA", "GBR", "ITA", "ESP", "CAN", "AUS", "IND"]


def removal(n: int) -> WhitelistRemoved:
    return WhitelistRemoved(
        id=f"e{n}", actor="KOR", target=PARTNERS[n], effective=D(2019, 9, n + 1)
    )


class Injected(Exception):
    """The failure a test injects."""


class FailingConnection:
    """A SQLite connection whose next statement starting with *prefix* fails."""

    def __init__(self, db: sqlite3.Connection, prefix: str, failure) -> None:
        self._db = db
        self.prefix = prefix
        self.failure = failure

    def execute(self, sql, *args):
        if self.prefix and sql.startswith(self.prefix):
            self.prefix = ""
            raise self.failure
        return self._db.execute(sql, *args)

    def executemany(self, sql, *args):
        if self.prefix and sql.startswith(self.prefix):
            self.prefix = ""
            raise self.failure
        return self._db.executemany(sql, *args)

    def __getattr__(self, name):
        return getattr(self._db, name)


def fail_sql(prefix):
    def inject(log, monkeypatch, failure):
        store = log._store
        monkeypatch.setattr(store, "_db", FailingConnection(store._db, prefix, failure))

    return inject


def fail_os(name):
    """Make os.<name> fail once on the JSON Lines log's own file."""

    def inject(log, monkeypatch, failure):
        original = getattr(os, name)
        fd = log._store._fd
        armed = [True]

        def failing(handle, *args):
            if handle == fd and armed[0]:
                armed[0] = False
                raise failure
            return original(handle, *args)

        monkeypatch.setattr(os, name, failing)

    return inject


def fail_method(owner, name):
    def inject(log, monkeypatch, failure):
        def failing(*args, **kwargs):
            raise failure

        monkeypatch.setattr(owner, name, failing)

    return inject


def fail_after(owner, name):
    """Let the method run, then fail: the failure lands after its work."""

    def inject(log, monkeypatch, failure):
        original = getattr(owner, name)

        def failing(*args, **kwargs):
            original(*args, **kwargs)
            raise failure

        monkeypatch.setattr(owner, name, failing)

    return inject


def fail_store_read(log, monkeypatch, failure):
    fail_method(type(log._store), "read")(log, monkeypatch, failure)


def fail_store_append(log, monkeypatch, failure):
    fail_method(type(log._store), "append")(log, monkeypatch, failure)


# (store suffix, step, how to inject, whether the batch is committed after it)
STEPS = [
    (".sqlite", "reading others' appends", fail_store_read, False),
    (".sqlite", "validating", fail_method(Replayed, "prepare"), False),
    (".sqlite", "appending", fail_store_append, False),
    (".sqlite", "inserting rows", fail_sql("INSERT INTO events"), False),
    (".sqlite", "committing", fail_sql("COMMIT"), False),
    (".sqlite", "taking it in memory", fail_after(Checkpointed, "extend"), True),
    (".jsonl", "reading others' appends", fail_store_read, False),
    (".jsonl", "validating", fail_method(Replayed, "prepare"), False),
    (".jsonl", "appending", fail_store_append, False),
    (".jsonl", "writing the file", fail_os("write"), False),
    (".jsonl", "syncing the file", fail_os("fsync"), False),
    (".jsonl", "taking it in memory", fail_after(Checkpointed, "extend"), True),
]


def fresh(path):
    with EventLog.open(path) as log:
        return log.records(), log.state_at(D.max)


@pytest.mark.parametrize("interrupt", [False, True], ids=["error", "ctrl-c"])
@pytest.mark.parametrize(
    ("suffix", "step", "inject", "committed"),
    STEPS,
    ids=[f"{suffix}-{step}" for suffix, step, _, _ in STEPS],
)
def test_a_failed_append_publishes_only_what_was_committed(
    tmp_path, monkeypatch, suffix, step, inject, committed, interrupt
):
    """Rule: the log takes a batch in only once the store has committed it."""
    path = tmp_path / f"log{suffix}"
    log = EventLog.open(path)
    log.extend([removal(0), removal(1)])
    before = (log.records(), log.state_at(D.max), log.version)
    failure = KeyboardInterrupt() if interrupt else Injected(f"injected at {step}")
    with monkeypatch.context() as patch:
        inject(log, patch, failure)
        if interrupt:
            with pytest.raises(KeyboardInterrupt) as caught:
                log.append(removal(2))
            said = " ".join(getattr(caught.value, "__notes__", []))
        else:
            with pytest.raises(AppendFailed) as caught:
                log.append(removal(2))
            assert committed is caught.value.committed
            assert isinstance(caught.value.__cause__, Injected)
            assert str(path) in str(caught.value)
            said = str(caught.value)
    # The object is as it was, whatever the store now holds.
    assert before == (log.records(), log.state_at(D.max), log.version)
    assert ("was committed" if committed else "nothing was committed") in said
    on_disk, _ = fresh(path)
    assert [2 + committed] == [len(on_disk)]
    # Usable: the next append reads what was committed, and lands.
    log.append(removal(3))
    assert fresh(path) == (log.records(), log.state_at(D.max))
    assert ["e0", "e1", *(["e2"] if committed else []), "e3"] == [
        record.event.id for record in log.records()
    ]
    log.close()


@pytest.mark.parametrize("suffix", [".sqlite", ".jsonl"])
@pytest.mark.parametrize("interrupt", [False, True], ids=["error", "ctrl-c"])
def test_a_failed_checkpoint_write_costs_no_append(
    tmp_path, monkeypatch, suffix, interrupt
):
    """Rule: checkpoints are written after the commit.

    Failing to write one loses only time, never the append that made it due.
    """
    monkeypatch.setattr(tradedispute.log.keeper, "KEEP_SPACING", 2)
    path = tmp_path / f"log{suffix}"
    log = EventLog.open(path)
    log.append(removal(0))
    failure = KeyboardInterrupt() if interrupt else StorageError("full", location="x")
    with monkeypatch.context() as patch:
        fail_method(SQLiteCheckpointTable, "save")(log, patch, failure)
        if interrupt:
            with pytest.raises(KeyboardInterrupt):
                log.append(removal(1))
        else:
            log.append(removal(1))
    # Committed, and in the object: the checkpoint was the only loss.
    assert fresh(path) == (log.records(), log.state_at(D.max))
    assert log.version == 2
    log.append(removal(2))
    assert fresh(path) == (log.records(), log.state_at(D.max))
    log.close()


def test_a_sqlite_commit_that_fails_leaves_the_store_usable(tmp_path, monkeypatch):
    """A COMMIT that fails is rolled back: the store reads and appends after."""
    path = tmp_path / "log.sqlite"
    store = SQLiteStore(path)
    store.append([removal(0)], expected_version=0)
    monkeypatch.setattr(
        store,
        "_db",
        FailingConnection(store._db, "COMMIT", sqlite3.OperationalError("disk full")),
    )
    with pytest.raises(StorageError, match="disk full") as caught:
        store.append([removal(1)], expected_version=1)
    assert "nothing was written" in str(caught.value)
    assert store.version() == 1
    assert ["e0"] == [record.event.id for record in store.read()]
    store.append([removal(1)], expected_version=1)
    assert ["e0", "e1"] == [record.event.id for record in SQLiteStore(path).read()]


def test_a_jsonl_write_that_fails_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    """A failed write (the disk full, say) is truncated away and is ours to raise."""
    path = tmp_path / "log.jsonl"
    store = JsonLinesStore(path)
    store.append([removal(0)], expected_version=0)
    content = path.read_bytes()
    log = EventLog(store=store)
    fail_os("fsync")(log, monkeypatch, OSError(28, "No space left on device"))
    with pytest.raises(StorageError, match="No space left") as caught:
        store.append([removal(1)], expected_version=1)
    assert str(path) == caught.value.location
    assert content == path.read_bytes()


class InterruptAfterCommit(FailingConnection):
    """A connection whose COMMIT lands, and then Ctrl-C arrives."""

    def execute(self, sql, *args):
        result = self._db.execute(sql, *args)
        if self.prefix and sql.startswith(self.prefix):
            self.prefix = ""
            raise self.failure
        return result


def test_ctrl_c_just_after_a_commit_is_reported_as_committed(tmp_path, monkeypatch):
    """Rule: the note says what the store holds.

    That holds even when the interrupt arrives after COMMIT returned.
    """
    path = tmp_path / "log.sqlite"
    log = EventLog.open(path)
    log.append(removal(0))
    store = log._store
    with monkeypatch.context() as patch:
        patch.setattr(
            store,
            "_db",
            InterruptAfterCommit(store._db, "COMMIT", KeyboardInterrupt()),
        )
        with pytest.raises(KeyboardInterrupt) as caught:
            log.append(removal(1))
    assert "was committed" in " ".join(caught.value.__notes__)
    assert len(log.records()) == 1
    log.append(removal(2))  # reads e1 first, then appends
    assert ["e0", "e1", "e2"] == [r.event.id for r in log.records()]
    log.close()


def test_a_busy_database_when_checkpoints_are_due_costs_no_append(
    tmp_path, monkeypatch
):
    """Rule: waiting too long to write a checkpoint does not fail the append."""
    from tradedispute.exceptions import ConcurrencyError

    monkeypatch.setattr(tradedispute.log.keeper, "KEEP_SPACING", 2)
    path = tmp_path / "log.sqlite"
    log = EventLog.open(path)
    log.append(removal(0))
    store = log._store
    original = type(store)._begin
    calls = []

    def busy_for_checkpoints(self):
        calls.append(1)
        if len(calls) == 2:  # the append's transaction, then the checkpoint's
            raise ConcurrencyError("busy", expected_version=0, actual_version=0)
        original(self)

    monkeypatch.setattr(type(store), "_begin", busy_for_checkpoints)
    log.append(removal(1))
    assert log.version == 2
    assert fresh(path) == (log.records(), log.state_at(D.max))
    log.close()
