"""Checkpoints never change an answer: the log against a model that replays from scratch.

The state machine interleaves appends (back-dated ones included), batches,
retractions, corrections and questions as known at any recorded moment, on
logs with checkpoints every 1 to 4 events, so that every change lands
before, on and after checkpoints. The tests of checkpoints on disk check
that they survive reopening, that stale or unreadable ones are never used,
and that missing ones are rebuilt.
"""

import contextlib
import datetime as dt
import sqlite3
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import event as note_event
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

import tradedispute.log.keeper
from tests.clocks import START, TICK, FakeClock
from tests.helpers import DATES, days_of, moves, tamper
from tradedispute import (
    EventCorrected,
    EventLog,
    EventRetracted,
    TradeDisputeError,
    WhitelistRemoved,
    WhitelistRestored,
    replay,
)
from tradedispute.core.checkpointed import Checkpointed
from tradedispute.exceptions import (
    CorruptRecord,
    DuplicateEventId,
    InvalidQuery,
    InvalidTransition,
)
from tradedispute.stores import MemoryStore, SQLiteStore
from tradedispute.testing import corrections, event_batches

D = dt.date


def model_events(entries):
    """The events as corrected, in append order, from (moment, entry) pairs."""
    current, order = {}, []
    for entry in entries:
        if isinstance(entry, EventRetracted):
            current[entry.target_id] = None
        elif isinstance(entry, EventCorrected):
            current[entry.target_id] = attrs.evolve(
                entry.replacement, id=entry.target_id
            )
        else:
            current[entry.id] = entry
            order.append(entry.id)
    return [current[i] for i in order if current[i] is not None]


def model_state(entries, day):
    """Replay from scratch: correct, sort by (date, append place), fold."""
    events = model_events(entries)
    place = {event.id: n for n, event in enumerate(events)}
    ordered = sorted(
        (e for e in events if e.effective <= day),
        key=lambda e: (e.effective, place[e.id]),
    )
    return replay(ordered)


class CheckpointedLogAgainstModel(RuleBasedStateMachine):
    """With checkpoints, every answer equals the model's replay from scratch."""

    @initialize(spacing=st.integers(1, 4))
    def start(self, spacing):
        self.log = EventLog(
            store=MemoryStore(clock=FakeClock()), checkpoint_spacing=spacing
        )
        self.accepted = []  # entries, in append order

    def attempt(self, batch):
        before = self.log.records()
        try:
            self.log.extend(batch)
        except TradeDisputeError:
            assert before == self.log.records()
            note_event("rejected")
            return
        note_event("accepted")
        self.accepted.extend(batch)

    @rule(event=moves())
    def append(self, event):
        self.attempt([event])

    @rule(batch=st.lists(moves(), max_size=3))
    def extend(self, batch):
        self.attempt(batch)

    @precondition(lambda self: self.log.events())
    @rule(data=st.data())
    def retract(self, data):
        target = data.draw(st.sampled_from(self.log.events()))
        note_event("retraction tried")
        self.attempt([EventRetracted(target_id=target.id, reason="doubt")])

    @precondition(lambda self: self.log.events())
    @rule(data=st.data(), day=DATES)
    def correct(self, data, day):
        target = data.draw(st.sampled_from(self.log.events()))
        moved = attrs.evolve(target, effective=day)
        note_event("correction tried")
        self.attempt(
            [EventCorrected(target_id=target.id, replacement=moved, reason="date")]
        )

    @precondition(lambda self: self.accepted)
    @rule(day=DATES, data=st.data())
    def ask(self, day, data):
        records = self.log.records()
        moment = data.draw(
            st.sampled_from([None, START - TICK] + [r.recorded_at for r in records])
        )
        known = [r.event for r in records if moment is None or r.recorded_at <= moment]
        assert model_state(known, day) == self.log.state_at(day, known_at=moment)

    @invariant()
    def same_entries(self):
        assert self.accepted == list(self.log)

    @invariant()
    def same_head(self):
        assert model_state(self.accepted, D.max) == self.log.state_at(D.max)


TestCheckpointedLogAgainstModel = CheckpointedLogAgainstModel.TestCase


def test_checkpoints_are_made_lazily_and_kept_before_a_change():
    """A back-dated append drops only the checkpoints after its position."""
    events = [
        WhitelistRemoved(id=target, actor="JPN", target=target, effective=D(2019, 7, n))
        for n, target in enumerate(["KOR", "CHN", "USA"], start=1)
    ]
    timeline = Checkpointed(list(events), spacing=1)
    assert (0,) == timeline.positions()
    timeline.state_at(D(2019, 7, 3))
    assert (0, 1, 2, 3) == timeline.positions()
    timeline.replace(list(events), unchanged=1)
    assert (0, 1) == timeline.positions()


@pytest.mark.parametrize("spacing", [0, -1, 1.5, True, "8"])
def test_checkpoint_spacing_must_be_a_positive_integer(spacing):
    """checkpoint_spacing is a whole number of events, at least one."""
    with pytest.raises(InvalidQuery, match="checkpoint_spacing"):
        EventLog(checkpoint_spacing=spacing)


# --- checkpoints on disk ---------------------------------------------------------


@pytest.fixture
def small_spacing(monkeypatch):
    """Keep checkpoints on disk every 2 events (at most 4), so small logs have some."""
    monkeypatch.setattr(tradedispute.log.keeper, "KEEP_SPACING", 2)
    monkeypatch.setattr(tradedispute.log.keeper, "KEEP_MAX", 4)


def rows(path: Path) -> list[tuple[int, int, str]]:
    """The (position, version, last_effective) of the checkpoints in a file.

    No rows when the file has no table of checkpoints: it is made when the first
    is written, never when a log is opened.
    """
    with sqlite3.connect(path) as db:
        table = db.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'checkpoints'"
        ).fetchone()
        if table is None:
            return []
        return list(
            db.execute(
                "SELECT position, version, last_effective FROM checkpoints "
                "ORDER BY position, version"
            )
        )


def removals(count: int, start: int = 1):
    """Whitelist removals by JPN of distinct countries, one a day in July 2019."""
    targets = ["KOR", "CHN", "USA", "FRA", "DEU", "GBR", "ITA", "CAN", "AUS", "IND"]
    return [
        WhitelistRemoved(
            id=f"r{n}", actor="JPN", target=targets[n], effective=D(2019, 7, start + n)
        )
        for n in range(count)
    ]


@pytest.fixture
def decoded(monkeypatch) -> list:
    """The states the log decodes from checkpoints on disk, in order."""
    found: list = []
    original = tradedispute.log.keeper.decode_state
    monkeypatch.setattr(
        tradedispute.log.keeper,
        "decode_state",
        lambda data: found.append(original(data)) or found[-1],
    )
    return found


def answers(log: EventLog, days) -> dict:
    return {day: log.state_at(day) for day in days}


@pytest.mark.parametrize("suffix", [".sqlite", ".jsonl"])
def test_checkpoints_are_kept_on_disk_and_used_on_reopening(
    tmp_path, small_spacing, decoded, suffix
):
    """A reopened log starts from its latest checkpoint, with the same answers."""
    path = tmp_path / f"log{suffix}"
    days = [D(2019, 6, 30)] + [D(2019, 7, n) for n in range(1, 12)]
    with EventLog.open(path) as log:
        log.extend(removals(5))
        expected = answers(log, days)
    table = path if suffix == ".sqlite" else path.with_name(path.name + ".checkpoints")
    assert [(2, 5, "2019-07-02"), (4, 5, "2019-07-04")] == rows(table)

    with EventLog.open(path) as again:
        # Only the latest checkpoint was read: the state after position 4.
        assert [expected[D(2019, 7, 4)]] == decoded
        assert expected == answers(again, days)
    with EventLog.open(path, checkpoints=False) as scratch:
        assert expected == answers(scratch, days)


def test_a_back_dated_append_supersedes_exactly_the_checkpoints_after_it(
    tmp_path, small_spacing
):
    """Checkpoints before a back-dated event's place stay in use.

    Those after it are superseded by new rows (rows are only ever added), and
    the stale ones are not used.
    """
    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.extend(removals(4, start=10))  # effective 10 to 13 July
        assert [2, 4] == [row[0] for row in rows(path)]
        log.append(
            WhitelistRemoved(
                id="late", actor="KOR", target="JPN", effective=D(2019, 7, 11)
            )
        )
        # Position 2 (10 and 11 July) stays; 4 is written anew for the new
        # order, beside the stale row, which no log uses.
        assert [
            (2, 4, "2019-07-11"),
            (4, 4, "2019-07-13"),
            (4, 5, "2019-07-12"),
        ] == rows(path)
    days = [*days_of(removals(4, start=10)), D(2019, 7, 11)]
    with (
        EventLog.open(path) as reader,
        EventLog.open(path, checkpoints=False) as scratch,
    ):
        assert answers(scratch, days) == answers(reader, days)


def test_a_checkpoint_made_stale_by_another_writer_is_not_used(tmp_path, small_spacing):
    """A writer that keeps no checkpoints leaves stale ones; a reader ignores them."""
    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.extend(removals(4, start=10))
    with EventLog.open(path, checkpoints=False) as other:
        other.append(
            WhitelistRemoved(
                id="early", actor="KOR", target="JPN", effective=D(2019, 7, 1)
            )
        )
        other.append(EventRetracted(target_id="r3", reason="doubt"))
    assert [(2, 4, "2019-07-11"), (4, 4, "2019-07-13")] == rows(path)
    days = [*days_of(removals(4, start=10)), D(2019, 7, 1)]
    with (
        EventLog.open(path) as reader,
        EventLog.open(path, checkpoints=False) as scratch,
    ):
        assert answers(scratch, days) == answers(reader, days)
        reader.append(
            WhitelistRemoved(
                id="next", actor="KOR", target="USA", effective=D(2019, 8, 1)
            )
        )
    # The next write added checkpoints of the current order beside them.
    assert [
        (2, 4, "2019-07-11"),
        (2, 7, "2019-07-10"),
        (4, 4, "2019-07-13"),
        (4, 7, "2019-07-12"),
    ] == rows(path)


def test_an_unreadable_checkpoint_is_ignored(tmp_path, small_spacing):
    """A checkpoint whose state cannot be read costs time, never a wrong answer."""
    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.extend(removals(4))
        expected = answers(log, days_of(removals(4)))
    with sqlite3.connect(path) as db:
        # An outsider: the table's triggers refuse updates, so it drops them.
        db.execute("DROP TRIGGER checkpoints_append_only_update")
        db.execute("UPDATE checkpoints SET state = 'not a state'")
    with EventLog.open(path) as again:
        assert expected == answers(again, days_of(removals(4)))


def test_a_missing_sidecar_is_rebuilt_by_the_next_append(tmp_path, small_spacing):
    """Deleting a JSON Lines log's sidecar loses nothing; the next write remakes it."""
    path = tmp_path / "log.jsonl"
    sidecar = path.with_name("log.jsonl.checkpoints")
    with EventLog.open(path) as log:
        log.extend(removals(3))
    sidecar.unlink()
    with EventLog.open(path) as log:
        assert not sidecar.exists()  # reading never creates it
        log.append(removals(4)[3])
    assert [2, 4] == [row[0] for row in rows(sidecar)]


def test_states_with_extensions_are_not_kept_on_disk(tmp_path, small_spacing):
    """Facts of user-defined types cannot promise to read back equal: no checkpoint."""
    import attrs as attrs_

    from tradedispute import CountryMove, reducer

    @attrs_.frozen(kw_only=True)
    class CheckpointTestSanction(CountryMove):
        pass

    @reducer(CheckpointTestSanction)
    def sanction(state, event):
        return attrs_.evolve(state, extensions=state.extensions.set(event.id, True))

    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.extend(
            CheckpointTestSanction(
                id=f"s{n}", actor="USA", target="CHN", effective=D(2019, 7, n)
            )
            for n in range(1, 5)
        )
    assert [] == rows(path)


@settings(max_examples=30)
@given(event_batches(), st.data())
def test_reopening_with_checkpoints_equals_replay_from_scratch(batch, data):
    """Law: for any appends and corrections, checkpoints on disk change no answer."""
    split = data.draw(st.integers(0, len(batch)))
    fixes = data.draw(st.lists(corrections(batch[:split]), max_size=2)) if split else []
    saved = (
        tradedispute.log.keeper.KEEP_SPACING,
        tradedispute.log.keeper.KEEP_MAX,
    )
    tradedispute.log.keeper.KEEP_SPACING, tradedispute.log.keeper.KEEP_MAX = 2, 4
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "log.sqlite"
            with EventLog.open(path) as log:
                for entry in [*batch[:split], *fixes, *batch[split:]]:
                    with contextlib.suppress(TradeDisputeError):
                        log.append(entry)
                moments = [None] + [r.recorded_at for r in log.records()]
            days = [*days_of(batch), D.max]
            with (
                EventLog.open(path) as warm,
                EventLog.open(path, checkpoints=False) as cold,
            ):
                for moment in moments:
                    for day in days:
                        assert cold.state_at(day, known_at=moment) == warm.state_at(
                            day, known_at=moment
                        )
    finally:
        tradedispute.log.keeper.KEEP_SPACING, tradedispute.log.keeper.KEEP_MAX = saved


def test_write_checkpoints_after_a_bulk_load(tmp_path, small_spacing):
    """A store filled without a log gets its checkpoints from write_checkpoints()."""
    path = tmp_path / "log.sqlite"
    store = SQLiteStore(path)
    store.append(removals(4), expected_version=0)
    store.close()
    assert [] == rows(path)
    with EventLog.open(path) as log:
        log.write_checkpoints()
    assert [2, 4] == [row[0] for row in rows(path)]
    with EventLog.open(path) as log, EventLog.open(path, checkpoints=False) as scratch:
        days = days_of(removals(4))
        assert answers(scratch, days) == answers(log, days)


def test_a_sidecar_of_another_log_is_not_used(tmp_path, small_spacing):
    """Checkpoints name their last event: beside another log, they are ignored."""
    first, other = tmp_path / "first.jsonl", tmp_path / "other.jsonl"
    with EventLog.open(first) as log:
        log.extend(removals(4))
    same_days = [attrs.evolve(event, id=f"x{n}") for n, event in enumerate(removals(4))]
    same_days[3] = attrs.evolve(same_days[3], target="JPN", actor="KOR")
    with EventLog.open(other, checkpoints=False) as log:
        log.extend(same_days)
    Path(f"{first}.checkpoints").rename(f"{other}.checkpoints")
    days = days_of(same_days)
    with EventLog.open(other) as warm, EventLog.open(other, checkpoints=False) as cold:
        assert answers(cold, days) == answers(warm, days)


# --- opening from a checkpoint reads only the events after it --------------------


def corrupt_row(path: Path, seq: int) -> None:
    """Break the record of row *seq*, as an outsider would."""
    tamper(path, seq, lambda record: "{not json")


def test_opening_from_a_checkpoint_answers_every_question_as_replay_does(
    tmp_path, small_spacing
):
    """Rule: a log opened from a checkpoint reads the rest when asked, same answers."""
    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.extend(removals(5))
    days = [D(2019, 6, 30), *days_of(removals(5)), D.max]
    with EventLog.open(path, checkpoints=False) as cold:
        questions = {
            "len": len,
            "version": lambda log: log.version,
            "entries": list,
            "records": EventLog.records,
            "events": EventLog.events,
            "timeline": EventLog.timeline,
            "history": lambda log: log.history("r2"),
            "states": lambda log: answers(log, days),
            "known_at": lambda log: log.state_at(
                D.max, known_at=log.records()[2].recorded_at
            ),
        }
        for name, question in questions.items():
            with EventLog.open(path) as warm:
                assert question(cold) == question(warm), name


def test_opening_from_a_checkpoint_leaves_the_rows_before_it_unread(
    tmp_path, small_spacing
):
    """Rule: the rows before the checkpoint are checked when a question needs them."""
    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.extend(removals(5))
        expected = answers(log, [D(2019, 7, 4), D.max])  # from the checkpoint's day
    corrupt_row(path, 2)
    with EventLog.open(path) as warm:
        assert expected == answers(warm, [D(2019, 7, 4), D.max])
        with pytest.raises(CorruptRecord, match=r"\(seq 2\)") as raised:
            warm.state_at(D(2019, 7, 1))
        # The failed read left the log as it was opened.
        assert (5, expected) == (len(warm), answers(warm, [D(2019, 7, 4), D.max]))
        with pytest.raises(CorruptRecord, match=r"\(seq 2\)"):
            warm.events()
    assert (str(path), 2) == (raised.value.location, raised.value.seq)
    with pytest.raises(CorruptRecord, match=r"\(seq 2\)"):
        EventLog.open(path, checkpoints=False)


def latest_checkpoint(path: Path):
    """The stored checkpoint of a SQLite log that folds the most events."""
    store = SQLiteStore(path)
    try:
        table = store.checkpoint_table(create=False)
        assert table is not None
        return max(table.load(), key=lambda checkpoint: checkpoint.position)
    finally:
        store.close()


def tail_after(path: Path, checkpoint):
    """What SQLiteStore.tail_after says of *checkpoint* alone: (count, events) or None."""
    store = SQLiteStore(path)
    try:
        found = store.tail_after([checkpoint])
    finally:
        store.close()
    if found is None:
        return None
    assert checkpoint == found.checkpoint
    return found.version, found.events


def test_the_tail_after_a_valid_checkpoint_is_the_rows_after_it(
    tmp_path, small_spacing
):
    """Rule: from a valid checkpoint, the tail is the rest in replay order."""
    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.extend(removals(5))
    checkpoint = latest_checkpoint(path)

    assert (5, removals(5)[4:]) == tail_after(path, checkpoint)


@pytest.mark.parametrize(
    "change",
    [
        "back-dated append",
        "position",
        "last id",
        "last day",
        "version",
    ],
)
def test_the_tail_after_a_checkpoint_that_no_longer_fits_is_not_read(
    tmp_path, small_spacing, change
):
    """Rule: a checkpoint that is not where it says in the table gets no tail.

    Each change breaks one of its claims: an event appended since lands on
    or before its last day; it counts another number of events before it;
    its last event is not in the table, or not on its day; it says the log
    held more entries than the table has.
    """
    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.extend(removals(5))
    checkpoint = latest_checkpoint(path)
    if change == "back-dated append":
        with EventLog.open(path, checkpoints=False) as other:
            other.append(
                WhitelistRemoved(
                    id="early", actor="KOR", target="JPN", effective=D(2019, 7, 3)
                )
            )
    else:
        checkpoint = attrs.evolve(
            checkpoint,
            **{
                "position": {"position": checkpoint.position - 1},
                "last id": {"last_id": "nowhere"},
                "last day": {"last_effective": D(2019, 7, 1)},
                "version": {"version": 6},
            }[change],
        )

    assert tail_after(path, checkpoint) is None


def test_reading_the_rest_after_opening_from_a_checkpoint_reuses_it(
    tmp_path, small_spacing, decoded
):
    """Rule: the rows before the checkpoint are read onto the state already decoded."""
    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.extend(removals(5))
    with EventLog.open(path) as warm:
        warm.state_at(D(2019, 7, 1))  # before the checkpoint: reads the rest
        assert removals(5) == list(warm.events())
    assert len(decoded) == 1


def test_a_log_opened_from_a_checkpoint_sees_other_writers_on_refresh(
    tmp_path, small_spacing
):
    """Rule: as any log, it reads what others appended when it refreshes or appends.

    Reading the rows before its checkpoint does not read the new ones too.
    """
    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.extend(removals(5))
    later = WhitelistRemoved(
        id="later", actor="KOR", target="JPN", effective=D(2019, 8, 1)
    )
    with (
        EventLog.open(path) as warm,
        EventLog.open(path, checkpoints=False) as cold,
    ):
        with EventLog.open(path) as other:
            other.append(later)
        assert (5, removals(5)) == (len(warm), list(warm.events()))
        assert list(cold.events()) == list(warm.events())
        warm.refresh()
        assert [*removals(5), later] == list(warm.events())


@pytest.mark.parametrize(
    ("edit", "error"),
    [
        (lambda record: "{not json", CorruptRecord),
        # The last removal made again: whitelist exclusion of a country excluded.
        (lambda record: record.replace('"DEU"', '"KOR"'), InvalidTransition),
    ],
    ids=["malformed", "does not replay"],
)
def test_a_bad_row_after_the_checkpoint_is_reported_at_opening_with_its_place(
    tmp_path, small_spacing, edit, error
):
    """Rule: the rows after the checkpoint are read at opening, and their errors raised."""
    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.extend(removals(5))  # the checkpoint is at 4: row 5 comes after it
    tamper(path, 5, edit)

    with pytest.raises(error, match=r"\(seq 5\)"):
        EventLog.open(path)


def test_a_log_with_corrections_is_read_whole_at_opening(tmp_path, small_spacing):
    """Rule: a correction can move any event, so opening reads and checks every row."""
    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.extend(removals(5))
        log.append(EventRetracted(target_id="r4", reason="doubt"))
    corrupt_row(path, 2)
    with pytest.raises(CorruptRecord, match=r"\(seq 2\)"):
        EventLog.open(path)


def test_appending_to_a_log_opened_from_a_checkpoint_validates_against_all(
    tmp_path, small_spacing
):
    """Rule: an append reads every entry first, so its id and replay are checked."""
    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.extend(removals(5))
    with EventLog.open(path) as warm:
        with pytest.raises(DuplicateEventId):
            warm.append(
                WhitelistRemoved(
                    id="r1", actor="KOR", target="JPN", effective=D(2019, 8, 1)
                )
            )
        warm.append(
            WhitelistRemoved(
                id="r9", actor="KOR", target="JPN", effective=D(2019, 8, 1)
            )
        )
        appended = warm["r9"]
    with EventLog.open(path, checkpoints=False) as cold:
        assert [*removals(5), appended] == list(cold)


def test_an_append_writes_a_checkpoint_once_events_follow_it(tmp_path, monkeypatch):
    """Rule: appends write a checkpoint once spacing // 32 events follow; write_checkpoints at once."""
    monkeypatch.setattr(tradedispute.log.keeper, "KEEP_SPACING", 64)
    day = D(2019, 7, 1)
    moves = [
        (WhitelistRestored if n % 2 else WhitelistRemoved)(
            id=f"w{n}", actor="JPN", target="KOR", effective=day
        )
        for n in range(66)
    ]
    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.extend(moves[:65])
        assert [] == rows(path)  # 64 + 2 > 65
        log.write_checkpoints()
        assert [64] == [row[0] for row in rows(path)]
    other = tmp_path / "other.sqlite"
    with EventLog.open(other) as log:
        log.extend(moves[:65])
        log.append(moves[65])
        assert [64] == [row[0] for row in rows(other)]
