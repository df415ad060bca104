"""Choosing a store by path or URL, and stores that raise only our own errors."""

import datetime as dt
import os
import sqlite3

import pytest

from tradedispute import EventLog, EventRetracted, WhitelistRemoved
from tradedispute.exceptions import InvalidCorrection, StorageError, UnsupportedFile
from tradedispute.stores import JsonLinesStore, SQLiteStore, open_store
from tradedispute.stores.checkpoint_table import SQLiteCheckpointTable
from tradedispute.stores.opener import store_type
from tradedispute.stores.streaming import stream_state_at

D = dt.date


def remove(event_id: str, day: dt.date) -> WhitelistRemoved:
    return WhitelistRemoved(id=event_id, actor="JPN", target="KOR", effective=day)


@pytest.mark.parametrize(
    ("name", "kind"),
    [("a.jsonl", JsonLinesStore), ("a.SQLITE", SQLiteStore), ("a.db", SQLiteStore)],
)
def test_store_type_names_the_class_a_suffix_picks(name, kind):
    """The suffix picks the store's class, whatever its case."""
    assert kind is store_type(name)


def test_store_type_of_an_unknown_suffix_is_none():
    """A suffix no store claims names none."""
    assert store_type("a.txt") is None


@pytest.mark.parametrize("url", ["mysql://user@host/db", "http://example/x"])
def test_a_url_of_no_known_scheme_is_refused_naming_it(url, tmp_path):
    """A URL picks a store by its scheme; one no store claims is refused, plainly."""
    with pytest.raises(UnsupportedFile) as caught:
        EventLog.open(url)
    scheme = url.partition("://")[0]
    assert f"no store for URLs of the scheme {scheme!r}" in str(caught.value)
    assert "schemes known: postgres://, postgresql://" in str(caught.value)
    assert url == caught.value.path


def test_open_store_opens_a_path_as_the_log_would(tmp_path):
    """open_store gives the store EventLog.open uses, on the same file."""
    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.append(remove("w", D(2019, 8, 28)))
    store = open_store(path)
    try:
        assert isinstance(store, SQLiteStore)
        assert ["w"] == [record.event.id for record in store.read()]
    finally:
        store.close()


def test_a_sqlite_fault_while_reading_is_a_storage_error(tmp_path):
    """A database that fails under the store raises StorageError, not sqlite3's."""
    path = tmp_path / "log.sqlite"
    store = SQLiteStore(path)
    store.append([remove("w", D(2019, 8, 28))], expected_version=0)
    outsider = sqlite3.connect(path)
    outsider.execute("DROP TABLE events")
    outsider.commit()
    outsider.close()
    try:
        with pytest.raises(StorageError) as caught:
            list(store.read())
        assert str(path) == caught.value.location
        assert str(path) in str(caught.value)
        assert isinstance(caught.value.__cause__, sqlite3.Error)
        with pytest.raises(StorageError):
            list(store.replay_order())
        with pytest.raises(StorageError):
            store.tail_after([])
    finally:
        store.close()


def test_a_checkpoint_table_fault_is_a_storage_error(tmp_path):
    """The SQLite checkpoint table raises StorageError on every fault."""
    db = sqlite3.connect(tmp_path / "c.sqlite")
    table = SQLiteCheckpointTable(db, location="c.sqlite")
    db.close()
    for action in (table.load, lambda: table.prune([])):
        with pytest.raises(StorageError, match=r"c\.sqlite"):
            action()


def test_a_log_whose_checkpoint_writes_fail_still_appends(tmp_path, monkeypatch):
    """A checkpoint is a cache: a StorageError writing one loses only time."""
    import tradedispute.log.keeper

    monkeypatch.setattr(tradedispute.log.keeper, "KEEP_SPACING", 2)

    def fail(self, checkpoint):
        raise StorageError("disk says no", location="here")

    monkeypatch.setattr(SQLiteCheckpointTable, "save", fail)
    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.extend([remove("a", D(2019, 8, 28))])
        log.extend(
            [
                WhitelistRemoved(
                    id=f"k{n}", actor="KOR", target=code, effective=D(2019, 9, n)
                )
                for n, code in enumerate(["JPN", "CHN", "USA", "DEU", "FRA"], 1)
            ]
        )
        assert len(log) == 6
    with EventLog.open(path) as again:
        assert len(again) == 6


def test_streaming_a_stored_correction_that_breaks_the_rules_is_located(tmp_path):
    """Streaming applies the one set of correction rules, and says where they break."""
    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.append(remove("w", D(2019, 8, 28)))
        log.append(EventRetracted(id="r1", target_id="w", reason="mistake"))
    # An outsider appends a second retraction of the same event.
    store = SQLiteStore(path)
    try:
        store.append(
            [EventRetracted(id="r2", target_id="w", reason="again")], expected_version=2
        )
    finally:
        store.close()
    with pytest.raises(InvalidCorrection) as caught:
        stream_state_at(path)
    assert "target-retracted" == caught.value.rule
    assert "(seq 3)" in str(caught.value)


def test_a_location_that_is_no_path_is_an_invalid_query():
    """EventLog.open(123) says what a location is, not a TypeError."""
    from tradedispute.exceptions import InvalidQuery

    with pytest.raises(InvalidQuery, match="a path"):
        EventLog.open(123)  # type: ignore[arg-type]


def test_a_jsonl_read_error_is_a_storage_error(tmp_path, monkeypatch):
    """An I/O error while reading a JSON Lines log is ours, with the path."""
    import errno

    path = tmp_path / "log.jsonl"
    with EventLog.open(path) as log:
        log.append(remove("w", D(2019, 8, 28)))

    def failing(*args):
        raise OSError(errno.EIO, "Input/output error")

    with EventLog.open(path) as log:
        monkeypatch.setattr(os, "pread", failing)
        with pytest.raises(StorageError, match="Input/output error") as caught:
            log.refresh()
        monkeypatch.undo()
        assert str(path) == caught.value.location
        assert ["w"] == [event.id for event in log]
