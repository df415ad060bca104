"""The PostgreSQL store on a real server: what the contract suite cannot say alone.

Opening (URLs, schemas, foreign tables, a missing extra, an unreachable
server), append-only in the database, writers taking turns, and faults: a
connection lost mid-append, a server that cannot be asked. The server is
the session's (tests/conftest.py); each test's log is a schema of its own.
"""

import datetime as dt
import subprocess
import sys
import threading
import time
from pathlib import Path

import attrs
import psycopg
import pytest

import tradedispute.log.keeper
from tests.helpers import schema_for
from tradedispute import (
    EventCorrected,
    EventLog,
    EventRetracted,
    ExportControlStrengthened,
)
from tradedispute.datasets import load
from tradedispute.exceptions import (
    AppendFailed,
    ConcurrencyError,
    CorruptRecord,
    InvalidQuery,
    ReadOnlyLog,
    StorageError,
    UnsupportedFile,
)
from tradedispute.stores import PostgresStore, open_store, stream_state_at
from tradedispute.stores.postgres import split_url


def strengthened(event_id: str, day: int = 1) -> ExportControlStrengthened:
    return ExportControlStrengthened(
        id=event_id,
        actor="JPN",
        target="KOR",
        detail=f"step {event_id}",
        effective=dt.date(2019, 7, day),
    )


def rows(url: str, query: str) -> list[tuple[object, ...]]:
    with psycopg.connect(split_url(url)[0], autocommit=True) as db:
        return db.execute(query).fetchall()


# --- opening ------------------------------------------------------------------


def test_both_schemes_open_the_same_log(pg_url: str) -> None:
    with EventLog.open(pg_url) as log:
        log.append(strengthened("a"))
    other = pg_url.replace("postgresql://", "postgres://", 1)
    with EventLog.open(other) as again:
        assert [event.id for event in again] == ["a"]


def test_logs_in_two_schemas_of_one_database_are_apart(
    postgres_url: str, tmp_path: Path
) -> None:
    first = f"{postgres_url}?schema={schema_for(tmp_path / 'one')}"
    second = f"{postgres_url}?schema={schema_for(tmp_path / 'two')}"
    with EventLog.open(first) as one, EventLog.open(second) as two:
        one.append(strengthened("only-in-one"))
        two.append(strengthened("only-in-two"))
    with EventLog.open(first) as one, EventLog.open(second) as two:
        assert [event.id for event in one] == ["only-in-one"]
        assert [event.id for event in two] == ["only-in-two"]


def test_the_schema_argument_wins_over_the_url(
    postgres_url: str, tmp_path: Path
) -> None:
    chosen = schema_for(tmp_path)
    store = PostgresStore(f"{postgres_url}?schema=ignored_here", schema=chosen)
    store.close()
    assert store.schema == chosen
    assert rows(postgres_url, f"SELECT count(*) FROM {chosen}.events") == [(0,)]


def test_the_location_names_the_schema_and_never_the_password(
    postgres_url: str, tmp_path: Path
) -> None:
    # The session's server trusts the loopback, so a password is accepted
    # and ignored: what matters is that no message ever repeats it.
    schema = schema_for(tmp_path)
    url = postgres_url.replace("tradedispute@", "tradedispute:s3cret@", 1)
    with EventLog.open(f"{url}?schema={schema}") as log:
        assert log.location.endswith(f"/tradedispute_tests?schema={schema}")
        assert "s3cret" not in log.location
        with pytest.raises(ConcurrencyError) as refused:
            log.append(strengthened("a"), expected_version=3)
    assert "s3cret" not in str(refused.value)


@pytest.mark.parametrize(
    "name", ["Upper", "with-dash", "1starts_with_digit", "", "x" * 64]
)
def test_a_schema_name_that_is_not_plain_is_refused(
    postgres_url: str, name: str
) -> None:
    with pytest.raises(InvalidQuery, match="cannot name a log's schema"):
        PostgresStore(postgres_url, schema=name)


def test_a_foreign_events_table_is_refused_and_left_as_it_was(
    postgres_url: str, tmp_path: Path
) -> None:
    schema = schema_for(tmp_path)
    with psycopg.connect(postgres_url, autocommit=True) as db:
        db.execute(f"CREATE SCHEMA {schema}")
        db.execute(f"CREATE TABLE {schema}.events (name text, price int)")
        db.execute(f"INSERT INTO {schema}.events VALUES ('tea', 3)")
    with pytest.raises(UnsupportedFile, match="tables of something else") as refused:
        EventLog.open(f"{postgres_url}?schema={schema}")
    assert "name, price" in str(refused.value)
    assert rows(postgres_url, f"SELECT * FROM {schema}.events") == [("tea", 3)]
    tables = rows(
        postgres_url,
        f"SELECT table_name FROM information_schema.tables WHERE table_schema = '{schema}'",
    )
    assert tables == [("events",)]


def test_read_only_or_create_false_makes_no_log(pg_url: str) -> None:
    schema = split_url(pg_url)[1]
    for options in ({"read_only": True}, {"create": False}):
        with pytest.raises(UnsupportedFile, match="no log in the schema"):
            EventLog.open(pg_url, **options)
    assert rows(
        pg_url, f"SELECT count(*) FROM pg_namespace WHERE nspname = '{schema}'"
    ) == [(0,)]


def test_a_read_only_log_refuses_to_append_and_its_connections_cannot_write(
    pg_url: str,
) -> None:
    with EventLog.open(pg_url) as log:
        log.append(strengthened("a"))
    store = PostgresStore(pg_url, read_only=True)
    try:
        with pytest.raises(ReadOnlyLog):
            store.append([strengthened("b")], expected_version=1)
        with (
            store._pool.connection() as db,
            pytest.raises(psycopg.errors.ReadOnlySqlTransaction),
        ):
            db.execute("CREATE TABLE should_not_be_made (x int)")
        assert [r.event.id for r in store.read()] == ["a"]
    finally:
        store.close()


def test_an_unreachable_server_is_a_storage_error_naming_it(
    postgres_cluster: object,
) -> None:
    import socket

    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(
        StorageError, match=rf"127\.0\.0\.1:{port}/nowhere: connecting failed"
    ):
        PostgresStore(f"postgresql://someone@127.0.0.1:{port}/nowhere", timeout=2)


def test_a_missing_database_is_a_storage_error_saying_so(postgres_url: str) -> None:
    missing = postgres_url.rsplit("/", 1)[0] + "/no_such_database"
    with pytest.raises(
        StorageError, match='database "no_such_database" does not exist'
    ):
        EventLog.open(missing)


def test_without_the_extra_a_url_names_the_postgres_extra() -> None:
    # A fresh interpreter in which psycopg cannot be imported.
    script = """
import sys
sys.modules["psycopg"] = None
from tradedispute import EventLog
from tradedispute.exceptions import MissingExtra
for attempt in (lambda: EventLog.open("postgresql://u@h/db"),
                lambda: __import__("tradedispute.stores", fromlist=["PostgresStore"]).PostgresStore):
    try:
        attempt()
    except MissingExtra as error:
        print(error.extra, error)
"""
    said = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert len(said) == 2
    for line in said:
        assert line.startswith("postgres ")
        assert "pip install 'tradedispute[postgres]'" in line


# --- append-only, in the database ------------------------------------------------


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE {s}.events SET type = 'x'",
        "DELETE FROM {s}.events",
        "TRUNCATE {s}.events",
        "UPDATE {s}.checkpoints SET head = 'x'",
        "DELETE FROM {s}.checkpoints",
        "TRUNCATE {s}.checkpoints",
    ],
)
def test_the_database_refuses_to_change_or_remove_rows(
    pg_url: str, statement: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tradedispute.log.keeper, "KEEP_SPACING", 8)
    schema = split_url(pg_url)[1]
    events = list(load("japan-korea"))
    with EventLog.open(pg_url) as log:
        log.extend(events)
    before = rows(pg_url, f"SELECT * FROM {schema}.events ORDER BY seq")
    kept = rows(pg_url, f"SELECT position, version FROM {schema}.checkpoints")
    assert kept, "the log kept checkpoints to protect"
    # Even the superuser who owns the tables is refused.
    with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
        rows(pg_url, statement.format(s=schema))
    assert rows(pg_url, f"SELECT * FROM {schema}.events ORDER BY seq") == before
    assert rows(pg_url, f"SELECT position, version FROM {schema}.checkpoints") == kept


# --- writers take turns --------------------------------------------------------------


def test_a_writer_waits_for_the_turn_then_gives_up_with_a_concurrency_error(
    pg_url: str,
) -> None:
    holder = PostgresStore(pg_url)
    waiter = PostgresStore(pg_url, lock_timeout=0.3)
    try:
        with holder.writing():
            holder.append([strengthened("held")], expected_version=0)
            with pytest.raises(ConcurrencyError, match="another writer held the log"):
                waiter.append([strengthened("waited")], expected_version=0)
        assert [r.event.id for r in waiter.read()] == ["held"]
    finally:
        holder.close()
        waiter.close()


def test_the_second_writer_validates_against_the_first_writers_commit(
    pg_url: str,
) -> None:
    first, second = EventLog.open(pg_url), EventLog.open(pg_url)
    try:
        started = threading.Event()
        store = first._store
        assert isinstance(store, PostgresStore)

        def hold_then_commit() -> None:
            with store.writing():
                first.append(strengthened("first"))
                started.set()
                threading.Event().wait(0.3)

        thread = threading.Thread(target=hold_then_commit)
        thread.start()
        started.wait()
        # Blocks until the first commits, then sees its entry: seq 2, not 1.
        second.append(strengthened("second"))
        thread.join()
        assert [(r.seq, r.event.id) for r in second.records()] == [
            (1, "first"),
            (2, "second"),
        ]
    finally:
        first.close()
        second.close()


def test_streaming_and_reopening_answer_as_the_log_does(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tradedispute.log.keeper, "KEEP_SPACING", 8)
    reference = load("japan-korea")
    with EventLog.open(pg_url) as log:
        log.extend(list(reference))
    with EventLog.open(pg_url) as reopened:
        assert reopened._opened is not None, "opened from a checkpoint"
        for day in (dt.date(2019, 8, 28), dt.date(2020, 3, 11), dt.date(2023, 7, 21)):
            assert reopened.state_at(day) == reference.state_at(day)
            assert stream_state_at(pg_url, day) == reference.state_at(day)


def test_validate_reads_a_server_log(pg_url: str) -> None:
    from tradedispute.log.validation import validate

    with EventLog.open(pg_url) as log:
        log.extend(list(load("japan-korea")))
    found = validate(pg_url)
    assert found.ok, found.problems
    assert found.events == 37


def test_a_row_edited_behind_the_triggers_is_found_by_validate(pg_url: str) -> None:
    from tradedispute.log.validation import validate

    schema = split_url(pg_url)[1]
    with EventLog.open(pg_url) as log:
        log.extend(list(load("japan-korea"))[:5])
    with psycopg.connect(split_url(pg_url)[0], autocommit=True) as db:
        db.execute(f"ALTER TABLE {schema}.events DISABLE TRIGGER events_append_only")
        db.execute(f"UPDATE {schema}.events SET id = 'edited' WHERE seq = 3")
    found = validate(pg_url)
    assert not found.ok
    assert "(seq 3): the column 'id' says 'edited'" in found.problems[0]


# --- faults ----------------------------------------------------------------------


def _terminating_write(store: PostgresStore) -> None:
    """Make the store's next write lose its connection once its rows are in."""
    real = store._write

    def write(db: psycopg.Connection, recorded: list, previous: str) -> list:  # type: ignore[type-arg]
        written = real(db, recorded, previous)
        pid = db.info.backend_pid
        with psycopg.connect(store._conninfo, autocommit=True) as killer:
            killer.execute("SELECT pg_terminate_backend(%s)", (pid,))
        return written

    store._write = write  # type: ignore[method-assign]


def test_a_connection_lost_before_the_commit_commits_nothing_and_says_so(
    pg_url: str,
) -> None:
    log = EventLog.open(pg_url)
    try:
        log.append(strengthened("before"))
        store = log._store
        assert isinstance(store, PostgresStore)
        _terminating_write(store)
        with pytest.raises(AppendFailed) as failed:
            log.extend([strengthened("lost-1"), strengthened("lost-2")])
        assert failed.value.committed is False
        assert "nothing was committed" in str(failed.value)
        assert "psycopg" not in type(failed.value).__module__
        # The log and the table are as they were; the pool reconnects.
        assert log.version == 1
        assert [e.id for e in log] == ["before"]
        del store._write
        log.append(strengthened("after"))
        assert rows(pg_url, f"SELECT id FROM {store.schema}.events ORDER BY seq") == [
            ("before",),
            ("after",),
        ]
    finally:
        log.close()


def test_landed_asks_the_server_for_the_fate_of_the_transaction(pg_url: str) -> None:
    store = PostgresStore(pg_url, timeout=1)
    try:
        (record,) = store.append([strengthened("a")], expected_version=0)
        assert store.landed(record) is True
        # A transaction that rolled back.
        with psycopg.connect(store._conninfo) as db:
            (xid,) = db.execute("SELECT pg_current_xact_id()::text").fetchone()
            db.rollback()
        store._xid = xid
        assert store.landed(record) is False
    finally:
        store.close()


def test_landed_is_none_when_the_server_cannot_be_asked(tmp_path: Path) -> None:
    from tradedispute.testing.postgres import TemporaryCluster

    with TemporaryCluster() as cluster:
        store = PostgresStore(cluster.url, timeout=1)
        try:
            (record,) = store.append([strengthened("a")], expected_version=0)
            cluster.stop(mode="immediate")
            assert store.landed(record) is None
        finally:
            store.close()


def test_a_closed_store_says_so(pg_url: str) -> None:
    store = PostgresStore(pg_url)
    store.close()
    store.close()  # twice is harmless
    with pytest.raises(StorageError, match="the store is closed"):
        list(store.read())


def test_open_store_gives_a_postgres_store_for_both_schemes(pg_url: str) -> None:
    for url in (pg_url, pg_url.replace("postgresql", "postgres", 1)):
        store = open_store(url)
        try:
            assert isinstance(store, PostgresStore)
        finally:
            store.close()


# --- reading: corrections, gaps, the tail -------------------------------------------


def test_streaming_applies_corrections_as_the_log_does(pg_url: str) -> None:
    """Retractions and corrections replay from the table as in memory, at any moment."""
    with EventLog.open(pg_url) as log:
        log.extend([strengthened("a", 1), strengthened("b", 2), strengthened("c", 3)])
        log.append(EventRetracted(target_id="a", reason="misreported"))
        log.append(
            EventCorrected(
                target_id="b",
                replacement=attrs.evolve(
                    strengthened("b", 2), effective=dt.date(2019, 7, 9)
                ),
                reason="took effect later",
            )
        )
        moments = [record.recorded_at for record in log.records()]
        for day in (dt.date(2019, 7, 2), dt.date(2019, 7, 5), dt.date(2019, 7, 10)):
            for moment in (None, *moments):
                assert stream_state_at(pg_url, day, known_at=moment) == log.state_at(
                    day, known_at=moment
                )


def test_a_reader_never_steps_past_a_missing_seq(pg_url: str) -> None:
    """A row numbered past a gap is not read until the gap is filled; validate reports it."""
    from tradedispute.codec.chain import GENESIS
    from tradedispute.codec.converter import encode_chained
    from tradedispute.log.validation import validate

    with EventLog.open(pg_url) as log:
        log.extend([strengthened("a"), strengthened("b")])
        last = log.records()[-1].recorded_at
    event = strengthened("after-a-gap")
    record, _ = encode_chained(event, seq=4, recorded_at=last, previous=GENESIS)
    schema = split_url(pg_url)[1]
    with psycopg.connect(split_url(pg_url)[0], autocommit=True) as db:
        db.execute(
            f"INSERT INTO {schema}.events VALUES (4, %s, %s, %s, %s, %s)",
            (event.id, type(event).__name__, last, event.effective, record.decode()),
        )
    store = PostgresStore(pg_url)
    try:
        assert [r.seq for r in store.read()] == [1, 2]
        assert store.version() == 2
    finally:
        store.close()
    found = validate(pg_url)
    assert any("seq 4 follows seq 2" in problem for problem in found.problems)
    # A writer is told why it cannot append, rather than to read and retry.
    with (
        EventLog.open(pg_url) as log,
        pytest.raises(CorruptRecord, match="put in by hand, past a gap"),
    ):
        log.append(strengthened("c"))


def test_no_tail_is_read_past_a_correction_or_a_later_checkpoint(pg_url: str) -> None:
    from tradedispute.stores import StoredCheckpoint

    store = PostgresStore(pg_url)
    try:
        store.append([strengthened("a")], expected_version=0)
        beyond = StoredCheckpoint(1, 5, dt.date(2019, 7, 1), "a", "sha256:x", b"{}")
        assert store.tail_after([beyond]) is None  # made when the log was longer
        store.append([EventRetracted(target_id="a", reason="r")], expected_version=1)
        assert store.tail_after([beyond]) is None  # a correction can move anything
    finally:
        store.close()


def test_split_url_takes_out_the_schema_and_the_password() -> None:
    conninfo, schema, safe = split_url(
        "postgresql://me:pw@[::1]:5433/trade?sslmode=disable&schema=us_china"
    )
    assert conninfo == "postgresql://me:pw@[::1]:5433/trade?sslmode=disable"
    assert schema == "us_china"
    assert safe == "postgresql://me@[::1]:5433/trade"
    # No host: libpq's form for the local socket (or PGHOST), kept as given.
    conninfo, schema, safe = split_url(
        "postgresql:///trade?host=/var/run/postgresql&schema=s"
    )
    assert conninfo == "postgresql:///trade?host=%2Fvar%2Frun%2Fpostgresql"
    assert safe == "postgresql:///var/run/postgresql/trade"


# --- writing: faults of the server ----------------------------------------------------


def test_a_row_taken_by_a_writer_skipping_the_lock_is_a_concurrency_error(
    pg_url: str,
) -> None:
    """A plain INSERT between our check and our write: the primary key refuses ours."""
    store = PostgresStore(pg_url)
    schema = store.schema
    try:
        store.append([strengthened("a")], expected_version=0)
        (kind, recorded_at, effective, record) = rows(
            pg_url, f"SELECT type, recorded_at, effective, record FROM {schema}.events"
        )[0]
        real = store._newest

        def newest_then_intrude(db: psycopg.Connection, expected: int):  # type: ignore[no-untyped-def,type-arg]
            found = real(db, expected)
            with psycopg.connect(store._conninfo, autocommit=True) as other:
                other.execute(
                    f"INSERT INTO {schema}.events VALUES (2, 'intruder', %s, %s, %s, %s)",
                    (kind, recorded_at, effective, record),
                )
            return found

        store._newest = newest_then_intrude  # type: ignore[method-assign]
        with pytest.raises(ConcurrencyError, match="another writer appended"):
            store.append([strengthened("b")], expected_version=1)
        assert rows(pg_url, f"SELECT id FROM {schema}.events ORDER BY seq") == [
            ("a",),
            ("intruder",),
        ]
    finally:
        store.close()


def test_the_server_refusing_the_rows_writes_nothing_and_says_so(pg_url: str) -> None:
    """A fault of the server (here a trigger that fails every insert) is a StorageError."""
    with EventLog.open(pg_url) as log:
        log.append(strengthened("a"))
        schema = split_url(pg_url)[1]
        with psycopg.connect(split_url(pg_url)[0], autocommit=True) as db:
            db.execute(
                f"CREATE FUNCTION {schema}.full() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device'; END $$"
            )
            db.execute(
                f"CREATE TRIGGER disk_full BEFORE INSERT ON {schema}.events "
                f"FOR EACH ROW EXECUTE FUNCTION {schema}.full()"
            )
        with pytest.raises(AppendFailed, match="No space left on device") as failed:
            log.extend([strengthened("b"), strengthened("c")])
        assert failed.value.committed is False
        assert [event.id for event in log] == ["a"]
    assert rows(pg_url, f"SELECT id FROM {schema}.events") == [("a",)]


def test_landed_looks_for_the_row_when_the_transaction_is_not_known(
    pg_url: str,
) -> None:
    store = PostgresStore(pg_url, timeout=1)
    try:
        (record,) = store.append([strengthened("a")], expected_version=0)
        store._xid = None
        assert store.landed(record) is True
        assert store.landed(attrs.evolve(record, seq=2)) is False
    finally:
        store.close()


# --- waiting for appends -------------------------------------------------------------


def test_a_follower_on_the_server_is_woken_by_another_logs_commit(pg_url: str) -> None:
    follower, writer = EventLog.open(pg_url), EventLog.open(pg_url)
    try:
        timer = threading.Timer(0.3, lambda: writer.append(strengthened("late")))
        timer.start()
        started = time.monotonic()
        seen = [record.event.id for record in follower.follow(timeout=10)]
        timer.join()
        # The iterator ended on its timeout after the one entry, and was
        # woken by the notice, not by a poll of RECHECK seconds.
        assert seen == ["late"]
        assert follower.state_at(dt.date(2019, 7, 2)) == writer.state_at(
            dt.date(2019, 7, 2)
        )
        assert time.monotonic() - started >= 10
    finally:
        follower.close()
        writer.close()


def test_wait_for_appends_answers_at_once_times_out_and_reconnects(pg_url: str) -> None:
    store = PostgresStore(pg_url)
    try:
        assert store.wait_for_appends(after=0, timeout=0.1) is False
        # The listening connection is lost: the wait says so, the next listens again.
        listener = store._listener
        assert listener is not None
        with psycopg.connect(store._conninfo, autocommit=True) as killer:
            killer.execute(
                "SELECT pg_terminate_backend(%s)", (listener.info.backend_pid,)
            )
        with pytest.raises(StorageError, match="waiting for appends failed"):
            store.wait_for_appends(after=0, timeout=5)
        assert store.wait_for_appends(after=0, timeout=0.1) is False
        store.append([strengthened("a")], expected_version=0)
        assert store.wait_for_appends(after=0, timeout=30) is True  # already there
    finally:
        store.close()
