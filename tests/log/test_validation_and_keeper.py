"""validate() end to end, and a keeper whose store's checkpoints fail."""

import datetime as dt
import json

import pytest

from tests.helpers import tamper
from tradedispute import EventLog, WhitelistRemoved, WhitelistRestored
from tradedispute.exceptions import StorageError, UnsupportedFile
from tradedispute.log.validation import validate
from tradedispute.stores import CheckpointTable, KeepsCheckpoints, MemoryStore

D = dt.date


def remove(event_id: str, actor: str, target: str, day: dt.date) -> WhitelistRemoved:
    return WhitelistRemoved(id=event_id, actor=actor, target=target, effective=day)


def test_validate_of_a_sound_log_is_ok(tmp_path):
    """A log that replays has no problem, and counts its entries."""
    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.append(remove("a", "JPN", "KOR", D(2019, 8, 28)))
    found = validate(path)
    assert (1, (), True) == (found.events, found.problems, found.ok)


@pytest.mark.parametrize("suffix", [".jsonl", ".sqlite"])
def test_validate_checks_a_batch_as_it_was_appended(tmp_path, suffix):
    """One commit is validated whole: its later seq may hold what an earlier needs.

    A restoration appended in one batch before the removal it undoes, and
    effective after it, replays (replay goes by date); no moment of the
    record holds one without the other, so it is no problem.
    """
    path = tmp_path / f"log{suffix}"
    restored = WhitelistRestored(
        id="b", actor="JPN", target="KOR", effective=D(2020, 1, 1)
    )
    with EventLog.open(path) as log:
        log.extend([restored, remove("a", "JPN", "KOR", D(2019, 8, 28))])
    found = validate(path)
    assert (2, ()) == (found.events, found.problems)


def test_validate_names_each_refused_record_of_a_batch(tmp_path):
    """A commit that does not replay is checked again record by record, naming each."""
    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.extend(
            [
                remove("a", "JPN", "KOR", D(2019, 8, 28)),
                remove("b", "KOR", "JPN", D(2019, 9, 18)),
            ]
        )

    def same_as_the_first(record: str) -> str:
        edited = json.loads(record)
        edited["actor"], edited["target"] = "JPN", "KOR"
        return json.dumps(edited)

    tamper(path, 2, same_as_the_first)
    (problem,) = validate(path).problems  # one problem, of the one bad record
    assert "(seq 2)" in problem
    assert "'b'" in problem


def test_validate_refuses_a_path_that_names_no_kind_of_log(tmp_path):
    """An unknown suffix is an error of the question, not a problem of a log."""
    with pytest.raises(UnsupportedFile, match="suffix"):
        validate(tmp_path / "log.txt")


def test_validate_reports_a_sqlite_log_that_does_not_replay(tmp_path):
    """A SQLite log edited so it no longer replays is a problem, with its seq."""
    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.append(remove("a", "JPN", "KOR", D(2019, 8, 28)))
        log.append(remove("b", "KOR", "JPN", D(2019, 9, 18)))

    def same_as_the_first(record: str) -> str:
        edited = json.loads(record)
        edited["actor"], edited["target"] = "JPN", "KOR"
        return json.dumps(edited)

    tamper(path, 2, same_as_the_first)
    found = validate(path)
    assert not found.ok
    (problem,) = found.problems
    assert "(seq 2)" in problem
    assert "'b'" in problem


class FailingCheckpointsStore(MemoryStore, KeepsCheckpoints):
    """A store whose checkpoints are out of reach: every use raises StorageError."""

    def checkpoint_table(self, *, create: bool) -> CheckpointTable | None:
        raise StorageError("the checkpoints are out of reach", location="here")


class UnreadableTable:
    """A checkpoint table that cannot be read or written."""

    def load(self):
        raise StorageError("cannot read", location="here")

    def keep_only(self, positions):
        raise StorageError("cannot write", location="here")

    def save(self, checkpoint):
        raise StorageError("cannot write", location="here")


class UnreadableCheckpointsStore(MemoryStore, KeepsCheckpoints):
    """A store whose checkpoint table exists but fails."""

    def checkpoint_table(self, *, create: bool) -> CheckpointTable | None:
        return UnreadableTable()


@pytest.mark.parametrize(
    "store_type", [FailingCheckpointsStore, UnreadableCheckpointsStore]
)
def test_checkpoints_that_fail_cost_only_time(store_type, monkeypatch):
    """A store's failing checkpoints are skipped: the log opens, appends, answers."""
    import tradedispute.log.keeper

    monkeypatch.setattr(tradedispute.log.keeper, "KEEP_SPACING", 2)
    store = store_type()
    log = EventLog(store=store)
    events = [
        remove(f"e{n}", "KOR", code, D(2019, 9, n))
        for n, code in enumerate(["JPN", "CHN", "USA", "DEU"], 1)
    ]
    log.extend(events[:2])
    log.extend(events[2:])
    again = EventLog(store=store)
    assert events == list(again)
    assert log.state_at(D(2020, 1, 1)) == again.state_at(D(2020, 1, 1))
