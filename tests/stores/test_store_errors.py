"""Bad files and bad calls around stores: each gets a located, actionable error."""

import datetime as dt
import sqlite3

import pytest

from tradedispute import (
    EventLog,
    ExportControlStrengthened,
    RestrictionLifted,
    WhitelistRemoved,
)
from tradedispute.exceptions import (
    CorruptRecord,
    DuplicateEventId,
    InvalidQuery,
    InvalidTransition,
    UnsupportedFile,
)
from tradedispute.stores import JsonLinesStore, SQLiteStore

D = dt.date


def removed(event_id: str) -> WhitelistRemoved:
    return WhitelistRemoved(
        id=event_id, actor="JPN", target="KOR", effective=D(2019, 8, 28)
    )


def step(event_id: str) -> ExportControlStrengthened:
    return ExportControlStrengthened(
        id=event_id, actor="KOR", target="JPN", detail="staff", effective=D(2019, 12, 1)
    )


def test_sqlite_database_of_something_else_is_refused(tmp_path):
    """A SQLite file with other tables and no events table is not taken over."""
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE sales (amount)")

    with pytest.raises(UnsupportedFile, match=r"tables: sales"):
        EventLog.open(path)

    with sqlite3.connect(path) as db:
        tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master")]
    assert ["sales"] == tables


def test_missing_folder_is_refused_and_nothing_is_created(tmp_path):
    """A path in a folder that does not exist raises UnsupportedFile."""
    path = tmp_path / "nope" / "log.jsonl"

    with pytest.raises(UnsupportedFile, match="does not exist"):
        EventLog.open(path)

    assert not path.parent.exists()


@pytest.mark.parametrize("bad", [-1, True, "3", 1.0])
def test_expected_version_must_be_a_whole_number(bad):
    """expected_version is an int >= 0; anything else is an InvalidQuery."""
    with pytest.raises(InvalidQuery, match="expected_version must be an integer"):
        EventLog().append(removed("a"), expected_version=bad)


def test_stored_events_that_do_not_replay_name_the_file_and_seq(tmp_path):
    """A file whose events break a reducer rule is refused with its location."""
    path = tmp_path / "log.jsonl"
    store = JsonLinesStore(path)
    store.append(
        [
            RestrictionLifted(
                id="x",
                actor="JPN",
                target="KOR",
                items={"photoresist"},
                effective=D(2023, 3, 23),
            )
        ],
        expected_version=0,
    )
    store.close()

    with pytest.raises(InvalidTransition) as caught:
        EventLog.open(path)

    assert "lift-not-in-force" == caught.value.rule
    assert str(caught.value).startswith(
        f"{path} (seq 1): the stored events do not replay"
    )


def test_sqlite_store_refuses_a_duplicate_id_appended_directly(tmp_path):
    """The events table's UNIQUE id refuses a repeat even past the log's checks."""
    store = SQLiteStore(tmp_path / "log.sqlite")
    store.append([removed("a")], expected_version=0)

    with pytest.raises(DuplicateEventId) as caught:
        store.append([step("b"), removed("a")], expected_version=1)

    assert "a" == caught.value.event_id
    assert [1] == [record.seq for record in store.read()]
    store.close()


def test_sqlite_transaction_rolled_back_after_an_append_restores_the_version(tmp_path):
    """An error inside writing() after an append rolls the append back."""
    store = SQLiteStore(tmp_path / "log.sqlite")

    def append_then_fail() -> None:
        with store.writing():
            store.append([removed("a")], expected_version=0)
            assert store.version() == 1
            raise RuntimeError("changed my mind")

    with pytest.raises(RuntimeError):
        append_then_fail()

    assert (0, []) == (store.version(), list(store.read()))
    store.close()


def test_sqlite_gap_in_seq_is_corrupt(tmp_path):
    """Rows numbered with a gap (a row deleted behind the triggers) are refused."""
    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.extend([step("a"), step("b")])
    with sqlite3.connect(path) as db:
        db.execute("DROP TRIGGER events_append_only_delete")
        db.execute("DELETE FROM events WHERE seq = 1")

    with pytest.raises(CorruptRecord) as caught:
        EventLog.open(path)

    assert (2, "seq") == (caught.value.seq, caught.value.field)
    assert "seq 2 follows seq 0" in str(caught.value)


def test_jsonl_batch_with_mismatched_batch_end_is_corrupt(tmp_path):
    """Records of one batch must agree on where the batch ends."""
    path = tmp_path / "log.jsonl"
    with EventLog.open(path) as log:
        log.extend([step("a"), step("b"), step("c")])
    lines = path.read_bytes().splitlines(keepends=True)
    lines[1] = lines[1].replace(b'"batch_end":3', b'"batch_end":4')
    path.write_bytes(b"".join(lines))

    with pytest.raises(CorruptRecord) as caught:
        EventLog.open(path)

    assert (2, "batch_end") == (caught.value.line, caught.value.field)
    assert "should run to seq 3" in str(caught.value)
