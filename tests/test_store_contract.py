"""The contract every event store keeps, run against each of the three stores.

A new store passes this suite by adding itself to `open_store`. Every test
that takes the ``store`` fixture runs once per store; ``reopen`` gives a new
store object on the same file (for the memory store, the same store).
"""

import datetime as dt
import runpy
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tradedispute.stores.sqlite
from clocks import START, TICK, FakeClock
from tradedispute import (
    EventLog,
    NextMeeting,
    RestrictionImposed,
    RestrictionLifted,
    Source,
    TalksHeld,
    WhitelistRemoved,
    WhitelistRestored,
)
from tradedispute.codec import RecordedEvent, encode
from tradedispute.exceptions import (
    ConcurrencyError,
    DuplicateEventId,
    UnsupportedFile,
)
from tradedispute.stores import JsonLinesStore, MemoryStore, SQLiteStore
from tradedispute.testing import event_batches

D = dt.date
EXAMPLE = Path(__file__).parent.parent / "examples" / "march_2020.py"
KINDS = ["memory", "jsonl", "sqlite"]


def open_store(kind: str, folder: Path, clock: FakeClock):
    """Open a store of *kind* in *folder* (a new MemoryStore for "memory")."""
    if kind == "memory":
        return MemoryStore(clock=clock)
    if kind == "jsonl":
        return JsonLinesStore(folder / "log.jsonl", clock=clock)
    return SQLiteStore(folder / "log.sqlite", clock=clock)


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def opened():
    """Every store a test opens; each is closed once at teardown."""
    stores = []
    yield stores
    for each in {id(store): store for store in stores}.values():
        each.close()


@pytest.fixture(params=KINDS)
def store(request, tmp_path, clock, opened):
    opened.append(open_store(request.param, tmp_path, clock))
    return opened[-1]


@pytest.fixture
def reopen(store, tmp_path, clock, opened):
    """Return a function that opens a new store on the same file as ``store``."""

    def reopen_():
        if isinstance(store, MemoryStore):
            return store
        kind = "jsonl" if isinstance(store, JsonLinesStore) else "sqlite"
        opened.append(open_store(kind, tmp_path, clock))
        return opened[-1]

    return reopen_


def impose(event_id: str, day: dt.date, items=("photoresist",)) -> RestrictionImposed:
    return RestrictionImposed(
        id=event_id,
        actor="JPN",
        target="KOR",
        items=set(items),
        measure="individual export licence",
        effective=day,
    )


def lift(event_id: str, day: dt.date, items=("photoresist",)) -> RestrictionLifted:
    return RestrictionLifted(
        id=event_id, actor="JPN", target="KOR", items=set(items), effective=day
    )


def remove(event_id: str, day: dt.date) -> WhitelistRemoved:
    return WhitelistRemoved(id=event_id, actor="JPN", target="KOR", effective=day)


def rich_events() -> list:
    """Events with every optional field set, text outside ASCII included."""
    return [
        RestrictionImposed(
            id="jpn-licences",
            actor="JPN",
            target="KOR",
            items={"photoresist", "hydrogen fluoride", "fluorinated polyimide"},
            measure="individual export licence",
            effective=D(2019, 7, 4),
            announced=D(2019, 7, 1),
            source=Source(
                title="輸出管理の運用見直し",
                publisher="METI",
                published=D(2019, 7, 1),
                url="https://www.meti.go.jp/press/2019/07/20190701006/20190701006.html",
            ),
            note="three materials; « régime » of licences\nsecond line",
        ),
        TalksHeld(
            id="talks-7",
            parties={"JPN", "KOR"},
            level="director general",
            format="video",
            outcome="no_deal",
            duration_hours=16.5,
            agreed={"meet again", "boost cooperation"},
            next_meeting=NextMeeting(place="서울", date=None, timing="near future"),
            effective=D(2020, 3, 10),
            announced=D(2020, 3, 11),
        ),
        remove("whitelist", D(2019, 8, 28)),
    ]


# --- the store protocol ------------------------------------------------------------


def test_empty_store_is_at_version_zero_and_reads_nothing(store):
    """A new store is at version 0 and reads no events."""
    assert 0 == store.version()
    assert [] == list(store.read())
    assert [] == list(store.read(after=0))


def test_append_numbers_from_expected_version_and_stamps_the_commit(store):
    """An append numbers its events from expected_version + 1, all at one commit time."""
    a, b, c = (
        impose("a", D(2019, 7, 4)),
        remove("b", D(2019, 8, 28)),
        lift("c", D(2023, 3, 23)),
    )

    first = store.append([a, b], expected_version=0)
    second = store.append([c], expected_version=2)

    assert [
        RecordedEvent(seq=1, recorded_at=START, event=a),
        RecordedEvent(seq=2, recorded_at=START, event=b),
    ] == first
    assert [RecordedEvent(seq=3, recorded_at=START + TICK, event=c)] == second
    assert 3 == store.version()
    assert first + second == list(store.read())


def test_recorded_at_is_in_utc(store):
    """A commit time is stored in UTC whatever the clock's zone."""
    (recorded,) = store.append([remove("a", D(2019, 8, 28))], expected_version=0)

    assert dt.timedelta(0) == recorded.recorded_at.utcoffset()
    assert [dt.timedelta(0)] == [r.recorded_at.utcoffset() for r in store.read()]


@pytest.mark.parametrize("after", [0, 1, 2, 3, 4, 5])
def test_read_after_yields_later_events_in_order(store, after):
    """read(after=k) yields exactly the events with seq > k, in seq order."""
    events = [impose("a", D(2019, 7, 4)), remove("b", D(2019, 8, 28))]
    recorded = store.append(events, expected_version=0)
    recorded += store.append([lift("c", D(2023, 3, 23))], expected_version=2)
    recorded += store.append([remove("d", D(2019, 9, 18))], expected_version=3)

    assert recorded[after:] == list(store.read(after=after))
    assert list(range(after + 1, 5)) == [r.seq for r in store.read(after=after)]


@pytest.mark.parametrize("expected_version", [0, 1, 3, 10])
def test_append_at_the_wrong_version_raises_and_writes_nothing(store, expected_version):
    """An append that expects another version raises ConcurrencyError; nothing lands."""
    recorded = store.append(
        [impose("a", D(2019, 7, 4)), remove("b", D(2019, 8, 28))], expected_version=0
    )

    with pytest.raises(ConcurrencyError) as caught:
        store.append([lift("c", D(2023, 3, 23))], expected_version=expected_version)

    assert (expected_version, 2) == (
        caught.value.expected_version,
        caught.value.actual_version,
    )
    assert store.location in str(caught.value)
    assert 2 == store.version()
    assert recorded == list(store.read())


def test_append_to_an_empty_store_at_a_later_version_raises(store):
    """An append to an empty store that expects events there raises ConcurrencyError."""
    with pytest.raises(ConcurrencyError) as caught:
        store.append([remove("a", D(2019, 8, 28))], expected_version=1)

    assert (1, 0) == (caught.value.expected_version, caught.value.actual_version)
    assert [] == list(store.read())


def test_empty_append_at_the_wrong_version_raises(store):
    """Even an empty append checks the version it expects."""
    with pytest.raises(ConcurrencyError):
        store.append([], expected_version=5)


def test_empty_append_writes_nothing(store):
    """Appending no events returns no records and leaves the store as it was."""
    assert [] == store.append([], expected_version=0)
    assert (0, []) == (store.version(), list(store.read()))

    recorded = store.append([remove("a", D(2019, 8, 28))], expected_version=0)

    assert [] == store.append([], expected_version=1)
    assert (1, recorded) == (store.version(), list(store.read()))


def test_recorded_at_never_decreases_when_the_clock_goes_back(store, clock):
    """A commit time is never before the last one, even if the clock reads earlier."""
    (a,) = store.append([impose("a", D(2019, 7, 4))], expected_version=0)
    clock.now = START - dt.timedelta(days=1)
    b, c = store.append(
        [remove("b", D(2019, 8, 28)), remove("c", D(2019, 8, 29))], expected_version=1
    )
    clock.now = START + dt.timedelta(hours=1)
    (d,) = store.append([lift("d", D(2023, 3, 23))], expected_version=3)

    assert [START, START, START, START + dt.timedelta(hours=1)] == [
        r.recorded_at for r in (a, b, c, d)
    ]
    assert [a, b, c, d] == list(store.read())


def test_recorded_at_never_decreases_across_reopening(store, reopen, clock):
    """A store opened later, on a clock that reads earlier, keeps commit times in order."""
    clock.now = START + dt.timedelta(days=1)
    (a,) = store.append([impose("a", D(2019, 7, 4))], expected_version=0)
    clock.now = START
    later = reopen()
    list(later.read())

    (b,) = later.append([remove("b", D(2019, 8, 28))], expected_version=1)

    assert a.recorded_at == b.recorded_at
    assert [a, b] == list(later.read())


def test_events_survive_reopening(store, reopen):
    """A new store on the same file reads back every event, its seq and commit time."""
    events = rich_events()
    recorded = store.append(events[:2], expected_version=0)
    recorded += store.append(events[2:], expected_version=2)

    again = list(reopen().read())

    assert recorded == again
    assert events == [r.event for r in again]
    assert [
        encode(r.event, seq=r.seq, recorded_at=r.recorded_at) for r in recorded
    ] == [encode(r.event, seq=r.seq, recorded_at=r.recorded_at) for r in again]


def test_reopened_store_reads_to_the_version_of_the_file(store, reopen):
    """After reading, a reopened store is at the file's version and can append."""
    store.append(
        [impose("a", D(2019, 7, 4)), remove("b", D(2019, 8, 28))], expected_version=0
    )
    later = reopen()
    list(later.read())

    assert 2 == later.version()

    (c,) = later.append([lift("c", D(2023, 3, 23))], expected_version=2)

    assert (3, 3) == (c.seq, later.version())
    assert [1, 2, 3] == [r.seq for r in later.read()]


def test_second_store_sees_appends_of_the_first(store, reopen):
    """A second store on the file reads the first's appends; its stale append raises."""
    second = reopen()
    assert [] == list(second.read())

    first_records = store.append([impose("a", D(2019, 7, 4))], expected_version=0)

    with pytest.raises(ConcurrencyError) as caught:
        second.append([remove("b", D(2019, 8, 28))], expected_version=0)
    assert (0, 1) == (caught.value.expected_version, caught.value.actual_version)

    assert first_records == list(second.read(after=0))
    assert second.version() == 1

    second_records = second.append([remove("b", D(2019, 8, 28))], expected_version=1)

    assert [2] == [r.seq for r in second_records]
    assert second_records == list(store.read(after=1))
    assert first_records + second_records == list(store.read())


# --- EventLog over each store ------------------------------------------------------


def test_event_log_over_a_store_behaves_as_in_memory(store):
    """append, extend, state_at and expected_version behave the same over every store."""
    events = [
        impose("a", D(2019, 7, 4), items=("photoresist", "hydrogen fluoride")),
        remove("b", D(2019, 8, 28)),
        lift("c", D(2019, 12, 20), items=("photoresist",)),
        WhitelistRestored(id="d", actor="JPN", target="KOR", effective=D(2019, 9, 1)),
    ]
    reference = EventLog()
    reference.extend(events)
    log = EventLog(store=store)

    log.append(events[0], expected_version=0)
    log.extend(events[1:3], expected_version=1)
    with pytest.raises(ConcurrencyError) as caught:
        log.append(events[3], expected_version=2)
    assert (2, 3) == (caught.value.expected_version, caught.value.actual_version)
    assert (3, 3) == (len(log), store.version())
    log.append(events[3], expected_version=3)

    assert events == list(log)
    assert (4, 4) == (log.version, store.version())
    assert [1, 2, 3, 4] == [r.seq for r in log.records()]
    assert list(log.records()) == list(store.read())
    assert store.location == log.location
    for day in [
        D(2019, 7, 3),
        D(2019, 7, 4),
        D(2019, 8, 28),
        D(2019, 9, 1),
        D(2019, 12, 20),
    ]:
        assert reference.state_at(day) == log.state_at(day)
    assert reference.events() == log.events()


def test_event_log_sees_another_logs_appends_when_it_appends(store, reopen):
    """A log opened earlier reads another log's appends before it validates its own."""
    first = EventLog(store=store)
    second = EventLog(store=reopen())
    first.append(impose("a", D(2019, 7, 4)))

    with pytest.raises(ConcurrencyError) as caught:
        second.append(lift("b", D(2019, 12, 20)), expected_version=0)
    assert (0, 1) == (caught.value.expected_version, caught.value.actual_version)

    second.append(lift("b", D(2019, 12, 20)))

    assert [impose("a", D(2019, 7, 4)), lift("b", D(2019, 12, 20))] == list(second)
    assert [1, 2] == [r.seq for r in second.records()]
    assert {} == second.state_at(D(2020, 1, 1)).country("JPN").restrictions


def test_event_log_rejects_an_id_appended_through_another_log(store, reopen):
    """A log refuses an id that another log on the same store appended since."""
    first = EventLog(store=store)
    second = EventLog(store=reopen())
    second.append(remove("w", D(2019, 8, 28)))

    with pytest.raises(DuplicateEventId) as caught:
        first.append(impose("w", D(2019, 7, 4)))

    assert "w" == caught.value.event_id
    assert [remove("w", D(2019, 8, 28))] == list(first)
    assert store.version() == 1
    assert [remove("w", D(2019, 8, 28))] == [r.event for r in store.read()]


@pytest.mark.parametrize("kind", KINDS)
@settings(max_examples=50)
@given(events=event_batches(), split=st.integers(min_value=0, max_value=40))
def test_event_log_reopened_is_the_same_log(kind, events, split):
    """Any valid batch appended through a log reads back the same after reopening."""
    with tempfile.TemporaryDirectory() as folder:
        clock = FakeClock()
        store = open_store(kind, Path(folder), clock)
        log = EventLog(store=store)
        for event in events[:split]:
            log.append(event)
        log.extend(events[split:])
        days = sorted({event.effective for event in events})
        before = (list(log), log.records(), [log.state_at(day) for day in days])
        log.close()

        reopened_store = (
            store if kind == "memory" else open_store(kind, Path(folder), clock)
        )
        with EventLog(store=reopened_store) as reopened:
            after = (
                list(reopened),
                reopened.records(),
                [reopened.state_at(day) for day in days],
            )

    reference = EventLog()
    reference.extend(events)
    assert events == before[0]
    assert before == after
    assert [reference.state_at(day) for day in days] == after[2]
    assert list(range(1, len(events) + 1)) == [r.seq for r in after[1]]


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
