"""Copying a log between stores: `copy_log`, and each store's `import_records`.

The law: a copy, through any chain of stores, holds every record as
recorded and gives every answer the source gives, ``known_at`` ones
included. Then the rules: an empty destination gets everything, one that
holds the source's first entries the rest (so copying again copies
nothing), anything else is refused untouched; a copy cut short between
batches leaves a prefix, which the next completes. Last, what each store's
`import_records` refuses, leaving the store as it was.
"""

import datetime as dt
import os
import sqlite3
import tempfile
import uuid
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from tests.clocks import START, TICK, FakeClock
from tests.core.test_corrections import corrected_logs
from tests.helpers import days_of, schema_for
from tradedispute import (
    CopyReport,
    EventLog,
    RecordedEvent,
    RestrictionImposed,
    WhitelistRemoved,
    copy_log,
)
from tradedispute.cli import main
from tradedispute.codec.chain import GENESIS, Head
from tradedispute.exceptions import (
    ConcurrencyError,
    CopyRefused,
    DuplicateEventId,
    InvalidQuery,
    ReadOnlyLog,
    StorageError,
    UnsupportedFile,
)
from tradedispute.stores import (
    ImportsRecords,
    JsonLinesStore,
    MemoryStore,
    PostgresStore,
    SQLiteStore,
)

D = dt.date


def imposed(n: int) -> RestrictionImposed:
    """The n-th of a run of restrictions, each on an item of its own."""
    return RestrictionImposed(
        id=f"e{n}",
        actor="JPN",
        target="KOR",
        items={f"item {n}"},
        measure="individual export licence",
        effective=D(2019, 7, 1) + dt.timedelta(days=n % 40),
    )


def write_source(path: Path, count: int, *, per_append: int = 3) -> EventLog:
    """A log of *count* restrictions at *path*, appended a few at a time."""
    log = EventLog(store=_open(path, clock=FakeClock()))
    events = [imposed(n) for n in range(count)]
    for start in range(0, count, per_append):
        log.extend(events[start : start + per_append])
    return log


def _open(path: Path, **options):
    kind = JsonLinesStore if path.suffix == ".jsonl" else SQLiteStore
    return kind(path, **options)


def stored(path: Path) -> tuple:
    """The records of the log at *path*, read afresh."""
    with EventLog.open(path, read_only=True) as log:
        return log.records()


def answers(log: EventLog, moments) -> dict:
    """Every answer of a log: each day's state, now and as known at each moment."""
    days = days_of(log.events()) or [D(2019, 7, 1)]
    found = {(day, None): log.state_at(day) for day in days}
    for moment in moments:
        for day in days:
            found[day, moment] = log.state_at(day, known_at=moment)
    return found


# --- the law -----------------------------------------------------------------------


@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(corrected_logs())
def test_a_copy_through_every_store_keeps_every_record_and_answer(log):
    """Memory -> JSON Lines -> SQLite -> JSON Lines -> memory: nothing changes."""
    records = log.records()
    moments = [START - TICK, *sorted({record.recorded_at for record in records})]
    expected = answers(log, moments)
    with tempfile.TemporaryDirectory() as folder:
        hops = [Path(folder, name) for name in ("a.jsonl", "b.sqlite", "c.jsonl")]
        check_copies(MemoryStore(records), hops, moments, expected)


@settings(max_examples=8, suppress_health_check=[HealthCheck.too_slow])
@given(corrected_logs())
def test_a_copy_through_postgresql_keeps_every_record_and_answer(postgres_url, log):
    """Memory -> JSON Lines -> PostgreSQL -> SQLite -> memory: nothing changes."""
    records = log.records()
    moments = [START - TICK, *sorted({record.recorded_at for record in records})]
    expected = answers(log, moments)
    server = f"{postgres_url}?schema=copy_{uuid.uuid4().hex[:12]}"
    with tempfile.TemporaryDirectory() as folder:
        hops = [Path(folder, "a.jsonl"), server, Path(folder, "c.sqlite")]
        check_copies(MemoryStore(records), hops, moments, expected)


def test_the_cli_copies_a_file_onto_a_server_and_back(pg_url, tmp_path, capsys):
    """Tradedispute copy takes a postgresql:// URL on either side."""
    source = tmp_path / "source.sqlite"
    write_source(source, 20).close()
    back = tmp_path / "back.jsonl"
    assert main(["copy", str(source), pg_url, "--batch", "7"]) == 0
    assert main(["copy", pg_url, str(back)]) == 0
    assert main(["copy", str(source), pg_url]) == 0  # again: nothing to copy
    said = capsys.readouterr().out.splitlines()
    assert said[0].startswith("copied 20 entries")
    assert said[2].startswith("copied 0 entries")
    assert "(20 already there)" in said[2]
    assert stored(back) == stored(source)


def check_copies(source, hops, moments, expected):
    """Copy *source* along *hops*, then into memory; check each copy's answers."""
    records = EventLog(store=source).records()
    memory = MemoryStore()
    heads = []
    for destination in [*hops, memory]:
        report = copy_log(source, destination, batch=3)
        assert (report.before, report.copied) == (0, len(records))
        heads.append(report.head)
        source = destination
    assert len(set(heads)) == 1
    for path in hops:
        with EventLog.open(path, read_only=True) as copy:
            assert copy.records() == records
            assert copy.verify() == heads[0]
            assert answers(copy, moments) == expected
    copy = EventLog(store=memory)
    assert copy.records() == records
    assert answers(copy, moments) == expected
    assert copy.head == heads[0]


@pytest.mark.parametrize(
    ("source_suffix", "destination_suffix"),
    [(".jsonl", ".sqlite"), (".sqlite", ".jsonl"), (".jsonl", ".jsonl")],
)
def test_a_copy_of_a_chained_log_has_its_hashes(
    tmp_path, source_suffix, destination_suffix
):
    """Every record of the copy carries the hash the source's carries."""
    source = tmp_path / f"source{source_suffix}"
    write_source(source, 10).close()
    destination = tmp_path / f"copy{destination_suffix}"

    report = copy_log(source, destination, batch=4)

    assert (report.before, report.copied, report.batches) == (0, 10, 3)
    assert report.entries == 10
    assert (report.source, report.destination) == (str(source), str(destination))
    with EventLog.open(source) as original, EventLog.open(destination) as copy:
        assert [r.hash for r in copy.records()] == [r.hash for r in original.records()]
        assert report.head == original.head == copy.verify()


def test_an_empty_log_copies_as_an_empty_log(tmp_path):
    """Nothing to copy: the destination is made, empty, at the genesis head."""
    report = copy_log(MemoryStore(), tmp_path / "copy.sqlite")
    assert report == CopyReport(
        source=":memory:",
        destination=str(tmp_path / "copy.sqlite"),
        before=0,
        copied=0,
        batches=0,
        head=Head(0, GENESIS),
    )
    assert stored(tmp_path / "copy.sqlite") == ()


def test_progress_is_told_after_each_batch(tmp_path):
    """progress(entries in the destination, entries in the source), per batch."""
    source = tmp_path / "source.jsonl"
    write_source(source, 7).close()
    told = []
    copy_log(
        source, tmp_path / "copy.jsonl", batch=3, progress=lambda *a: told.append(a)
    )
    assert told == [(3, 7), (6, 7), (7, 7)]


# --- resuming, and refusing ----------------------------------------------------------


@pytest.mark.parametrize("suffix", [".jsonl", ".sqlite"])
def test_a_destination_holding_a_prefix_gets_only_the_rest(tmp_path, suffix):
    """Copy the first entries, then all: the second copies the rest only."""
    source = tmp_path / "source.jsonl"
    records = write_source(source, 9).records()
    destination = tmp_path / f"copy{suffix}"
    copy_log(MemoryStore(records[:4]), destination)
    assert stored(destination) == records[:4]

    report = copy_log(source, destination, batch=2)

    assert (report.before, report.copied, report.batches) == (4, 5, 3)
    assert stored(destination) == records


@pytest.mark.parametrize("suffix", [".jsonl", ".sqlite"])
def test_copying_twice_copies_nothing_the_second_time(tmp_path, suffix):
    """A copy made again is a no-op: nothing copied, the file as it was."""
    source = tmp_path / "source.jsonl"
    write_source(source, 5).close()
    destination = tmp_path / f"copy{suffix}"
    first = copy_log(source, destination)
    before = destination.read_bytes()

    again = copy_log(source, destination)

    assert (again.before, again.copied, again.batches) == (5, 0, 0)
    assert again.head == first.head
    assert destination.read_bytes() == before


def edit_record(seq: int, *, event=None, **changes):
    """Return an edit of the records that changes record *seq* (and its event)."""

    def edit(records):
        edited = list(records)
        record = edited[seq - 1]
        changed = attrs.evolve(record.event, **(event or {}))
        edited[seq - 1] = attrs.evolve(record, event=changed, **changes)
        return edited

    return edit


REFUSALS = {
    "another id": (edit_record(3, event={"id": "other"}), 3, "id", "'id'"),
    "another time": (
        edit_record(3, recorded_at=START + TICK / 2),
        3,
        "recorded_at",
        "'recorded_at'",
    ),
    "another event": (
        edit_record(2, event={"effective": D(2020, 1, 1)}),
        2,
        "event",
        '\'effective\': the destination holds "2020-01-01", the source "2019-07-02"',
    ),
    "another kind of event": (
        lambda records: [
            *records[:1],
            attrs.evolve(
                records[1],
                event=WhitelistRemoved(
                    id="e1", actor="JPN", target="KOR", effective=D(2019, 7, 2)
                ),
            ),
            *records[2:],
        ],
        2,
        "event",
        "'items': the destination holds nothing, the source [\"item 1\"]",
    ),
    "an entry more": (
        lambda records: [
            *records,
            attrs.evolve(
                records[-1], seq=len(records) + 1, event=imposed(99), hash=None
            ),
        ],
        6,
        "entry",
        "the destination holds 'e99', the source ends at seq 5",
    ),
}


@pytest.mark.parametrize("suffix", [".jsonl", ".sqlite"])
@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_destination_holding_other_entries_is_refused_untouched(
    tmp_path, suffix, case
):
    """CopyRefused names the first seq that differs and what; nothing is written."""
    edit, seq, field, said = REFUSALS[case]
    source = tmp_path / "source.jsonl"
    records = write_source(source, 5).records()
    destination = tmp_path / f"other{suffix}"
    unchained = [attrs.evolve(record, hash=None) for record in edit(records)]
    copy_log(MemoryStore(unchained), destination)
    before = destination.read_bytes()

    with pytest.raises(CopyRefused) as refused:
        copy_log(source, destination)

    error = refused.value
    assert (error.seq, error.field) == (seq, field)
    assert (error.source, error.destination) == (str(source), str(destination))
    assert f"seq {seq}: " in str(error)
    assert said in str(error)
    assert destination.read_bytes() == before


class AppendsOnly:
    """A store that appends, and neither imports nor chains: MemoryStore's methods."""

    def __init__(self, records=(), location="appends-only://log") -> None:
        self._inner = MemoryStore(records, location=location)
        self.location = self._inner.location
        self.version = self._inner.version
        self.read = self._inner.read
        self.writing = self._inner.writing
        self.append = self._inner.append
        self.close = self._inner.close


def test_a_destination_that_cannot_import_is_refused_by_name(tmp_path):
    """A store without ImportsRecords is refused, and nothing is written to it."""
    source = tmp_path / "source.jsonl"
    write_source(source, 3).close()
    store = AppendsOnly()
    assert not isinstance(store, ImportsRecords)

    with pytest.raises(UnsupportedFile, match="ImportsRecords") as refused:
        copy_log(source, store)

    assert refused.value.path == "appends-only://log"
    assert store.version() == 0


def test_a_missing_source_is_refused_and_no_destination_is_made(tmp_path):
    """The source is opened read-only first: a missing one is UnsupportedFile."""
    with pytest.raises(UnsupportedFile):
        copy_log(tmp_path / "missing.jsonl", tmp_path / "copy.sqlite")
    assert not (tmp_path / "copy.sqlite").exists()


@pytest.mark.parametrize("batch", [0, -1, True, 2.0, "10"])
def test_a_batch_is_a_whole_number_of_at_least_one(batch):
    with pytest.raises(InvalidQuery, match="batch"):
        copy_log(MemoryStore(), MemoryStore(), batch=batch)


# --- faults --------------------------------------------------------------------------


class Injected(Exception):
    """The failure a test injects."""


@pytest.mark.parametrize("interrupt", [False, True], ids=["error", "ctrl-c"])
@pytest.mark.parametrize("suffix", [".jsonl", ".sqlite"])
def test_a_copy_cut_short_leaves_a_prefix_the_next_completes(
    tmp_path, monkeypatch, suffix, interrupt
):
    """A failure at the third batch keeps two batches; the next copy adds the rest."""
    source = tmp_path / "source.jsonl"
    records = write_source(source, 10).records()
    destination = tmp_path / f"copy{suffix}"
    kind = type(_open(tmp_path / f"probe{suffix}"))
    original = kind.import_records
    calls = []

    def failing(store, batch, *, expected_version):
        calls.append(len(batch))
        if len(calls) == 3:
            raise KeyboardInterrupt if interrupt else Injected("the third batch")
        return original(store, batch, expected_version=expected_version)

    with monkeypatch.context() as patch:
        patch.setattr(kind, "import_records", failing)
        with pytest.raises(KeyboardInterrupt if interrupt else Injected):
            copy_log(source, destination, batch=3)

    assert stored(destination) == records[:6]
    report = copy_log(source, destination, batch=3)
    assert (report.before, report.copied, report.batches) == (6, 4, 2)
    assert stored(destination) == records


def test_a_batch_whose_write_fails_is_not_kept(tmp_path, monkeypatch):
    """A JSON Lines batch whose fsync fails is cut off the file: a prefix stays."""
    source = tmp_path / "source.jsonl"
    records = write_source(source, 8).records()
    destination = tmp_path / "copy.jsonl"
    fsync = os.fsync
    synced = []

    def failing(fd):
        synced.append(fd)
        if len(synced) == 3:
            raise OSError(5, "Input/output error")
        return fsync(fd)

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", failing)
        with pytest.raises(StorageError, match="could not be written"):
            copy_log(source, destination, batch=2)

    # The folder's sync when the file was made, one batch, then the failure.
    assert stored(destination) == records[:2]
    assert copy_log(source, destination, batch=2).copied == 6


def test_another_writer_during_a_copy_stops_it_at_a_prefix(tmp_path):
    """A writer that appends between batches makes the next one a ConcurrencyError."""
    source = tmp_path / "source.jsonl"
    write_source(source, 6).close()
    destination = tmp_path / "copy.sqlite"

    def meddle(done, total):
        if done == 2:
            with EventLog.open(destination) as other:
                other.append(imposed(50))

    with pytest.raises(ConcurrencyError):
        copy_log(source, destination, batch=2, progress=meddle)
    assert [r.event.id for r in stored(destination)] == ["e0", "e1", "e50"]
    with pytest.raises(CopyRefused) as refused:
        copy_log(source, destination)
    assert (refused.value.seq, refused.value.field) == (3, "id")


class Forgetful(MemoryStore):
    """Loses a field of every event it imports."""

    def import_records(self, records, *, expected_version):
        changed = [
            attrs.evolve(r, event=attrs.evolve(r.event, measure="forgotten"))
            for r in records
        ]
        return super().import_records(changed, expected_version=expected_version)


class Eager(MemoryStore):
    """Imports an entry more than it is given."""

    def import_records(self, records, *, expected_version):
        done = super().import_records(records, expected_version=expected_version)
        extra = records_of([imposed(99)], after=self.version(), start=START + TICK)
        return done + super().import_records(extra, expected_version=self.version())


class Unchained(MemoryStore):
    """Reads its records back with a hash that is not the chain's."""

    def read(self, *, after=0):
        for record in super().read(after=after):
            yield attrs.evolve(record, hash=GENESIS)


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        (Forgetful, "seq 1 reads back as"),
        (Eager, "it holds 4 entries, the source 3"),
        (Unchained, f"its hash chain ends at 3:{GENESIS}"),
    ],
    ids=["a field lost", "an entry more", "another chain"],
)
def test_a_store_that_does_not_keep_what_it_imports_fails_the_check(
    tmp_path, kind, said
):
    """The copy is read back and compared: records, their number, the head."""
    source = tmp_path / "source.jsonl"
    write_source(source, 3).close()
    with pytest.raises(StorageError, match="does not read back as the source") as bad:
        copy_log(source, kind())
    assert said in str(bad.value)


def test_a_source_that_does_not_chain_is_copied_without_a_chain_to_compare():
    """A source store without ChainsRecords is copied; the copy chains afresh."""
    records = records_of([imposed(0), imposed(1)])
    copy = MemoryStore()
    report = copy_log(AppendsOnly(records), copy)
    assert (report.source, report.copied) == ("appends-only://log", 2)
    assert list(copy.read()) == records
    assert report.head == EventLog(store=copy).verify()


# --- each store's import_records -------------------------------------------------------


def memory_store(folder: Path, **options):
    assert not options.get("read_only")
    return MemoryStore(clock=FakeClock())


def jsonl_store(folder: Path, **options):
    return JsonLinesStore(folder / "log.jsonl", clock=FakeClock(), **options)


def sqlite_store(folder: Path, **options):
    return SQLiteStore(folder / "log.sqlite", clock=FakeClock(), **options)


_SERVER: dict[str, str] = {}


def postgres_store(folder: Path, **options):
    return PostgresStore(
        _SERVER["url"], schema=schema_for(folder), clock=FakeClock(), **options
    )


@pytest.fixture(autouse=True)
def _server_for_postgres_store(request):
    """Give postgres_store the session server's URL, in the tests that use it."""
    if "postgres_store" in request.node.name:
        _SERVER["url"] = request.getfixturevalue("postgres_url")


STORES = [memory_store, jsonl_store, sqlite_store, postgres_store]


def records_of(events, *, after: int = 0, start=START):
    """Records of *events* numbered from after + 1, a tick apart."""
    return [
        RecordedEvent(seq=seq, recorded_at=start + TICK * seq, event=event)
        for seq, event in enumerate(events, start=after + 1)
    ]


def files_of(folder: Path) -> dict:
    return {
        path.name: path.read_bytes()
        for path in sorted(folder.iterdir())
        if path.name.endswith((".jsonl", ".sqlite"))
    }


@pytest.mark.parametrize("open_store", STORES, ids=lambda f: f.__name__)
def test_imported_records_keep_seq_time_and_event_and_get_the_chain(
    tmp_path, open_store
):
    """What is imported reads back as given, chained; appends go on after it."""
    store = open_store(tmp_path)
    given = records_of([imposed(0), imposed(1)])
    given += records_of([imposed(2)], after=2, start=START + TICK * 10)

    returned = store.import_records(given[:2], expected_version=0)
    returned += store.import_records(given[2:], expected_version=2)

    assert returned == given
    assert list(store.read()) == given
    assert store.version() == 3
    log = EventLog(store=store)
    log.append(imposed(3))
    assert log.records()[:3] == tuple(given)
    assert log.records()[3].recorded_at >= given[2].recorded_at
    assert log.verify().position == 4
    chained = [digest for _, digest, _ in store.chain()]
    assert [record.hash for record in returned] == chained[:3]
    store.close()


BAD_IMPORTS = {
    "a seq out of turn": (
        lambda: records_of([imposed(5)], after=3),
        2,
        InvalidQuery,
        "numbered seq 4",
    ),
    "a gap in seq": (
        lambda: [
            *records_of([imposed(5)], after=2),
            *records_of([imposed(6)], after=4),
        ],
        2,
        InvalidQuery,
        "numbered seq 5",
    ),
    "a time before the store's last": (
        lambda: records_of([imposed(5)], after=2, start=START - TICK * 10),
        2,
        InvalidQuery,
        "before the entry ahead of it",
    ),
    "a time going back in the batch": (
        lambda: [
            *records_of([imposed(5)], after=2, start=START + TICK * 10),
            *records_of([imposed(6)], after=3),
        ],
        2,
        InvalidQuery,
        "before the entry ahead of it",
    ),
    "a time with no zone": (
        lambda: records_of([imposed(5)], after=2, start=dt.datetime(2030, 1, 1)),
        2,
        InvalidQuery,
        "a time with no zone",
    ),
    "an id in the store": (
        lambda: records_of([imposed(6), imposed(1)], after=2, start=START + TICK),
        2,
        DuplicateEventId,
        "'e1'",
    ),
    "an id twice in the batch": (
        lambda: records_of([imposed(6), imposed(6)], after=2, start=START + TICK),
        2,
        DuplicateEventId,
        "'e6'",
    ),
    "the wrong version": (
        lambda: records_of([imposed(5)], after=1, start=START + TICK),
        1,
        ConcurrencyError,
        "not 1",
    ),
}


@pytest.mark.parametrize("case", list(BAD_IMPORTS))
@pytest.mark.parametrize("open_store", STORES, ids=lambda f: f.__name__)
def test_a_bad_import_is_refused_and_writes_nothing(tmp_path, open_store, case):
    """Each refusal leaves the store's records, version and files as they were."""
    make, version, error, said = BAD_IMPORTS[case]
    store = open_store(tmp_path)
    store.import_records(records_of([imposed(0), imposed(1)]), expected_version=0)
    before = (list(store.read()), store.version(), files_of(tmp_path))

    with pytest.raises(error, match=said):
        store.import_records(make(), expected_version=version)

    assert before == (list(store.read()), store.version(), files_of(tmp_path))
    # And the store goes on: the next good import lands.
    good = records_of([imposed(7)], after=2, start=START + TICK * 5)
    assert store.import_records(good, expected_version=2) == good
    store.close()


@pytest.mark.parametrize("open_store", [jsonl_store, sqlite_store, postgres_store])
def test_a_read_only_store_imports_nothing(tmp_path, open_store):
    open_store(tmp_path).close()
    store = open_store(tmp_path, read_only=True)
    with pytest.raises(ReadOnlyLog):
        store.import_records(records_of([imposed(0)]), expected_version=0)
    assert list(store.read()) == []
    store.close()


@pytest.mark.parametrize("open_store", STORES, ids=lambda f: f.__name__)
def test_an_import_inside_writing_lands_with_it(tmp_path, open_store):
    """Inside writing(), an import lands when the block ends (as an append does)."""
    store = open_store(tmp_path)
    given = records_of([imposed(0), imposed(1)])
    with store.writing():
        store.import_records(given, expected_version=0)
        assert list(store.read()) == given
    other = open_store(tmp_path) if open_store is not memory_store else store
    assert list(other.read()) == given
    store.close()


def test_a_sqlite_import_inside_a_failed_writing_is_rolled_back(tmp_path):
    """SQLite: an import in a transaction that fails leaves no row, and the version."""
    store = sqlite_store(tmp_path)

    def import_then_fail():
        with store.writing():
            store.import_records(records_of([imposed(0)]), expected_version=0)
            raise Injected

    with pytest.raises(Injected):
        import_then_fail()
    assert (list(store.read()), store.version()) == ([], 0)
    assert store.import_records(records_of([imposed(0)]), expected_version=0)
    store.close()


def test_a_sqlite_import_whose_insert_fails_writes_nothing(tmp_path, monkeypatch):
    """A failed INSERT of an import is a StorageError; the table is as it was."""
    store = sqlite_store(tmp_path)
    store.import_records(records_of([imposed(0)]), expected_version=0)

    class FailingInsert:
        def __init__(self, db):
            self._db = db

        def executemany(self, sql, rows):
            raise sqlite3.OperationalError("disk I/O error")

        def __getattr__(self, name):
            return getattr(self._db, name)

    monkeypatch.setattr(store, "_db", FailingInsert(store._db))
    with pytest.raises(StorageError, match="disk I/O error"):
        store.import_records(
            records_of([imposed(1)], after=1, start=START + TICK), expected_version=1
        )
    monkeypatch.undo()
    assert [r.event.id for r in store.read()] == ["e0"]
    store.close()
