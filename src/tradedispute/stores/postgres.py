"""The PostgreSQL store: one log shared by a team, on a server.

``EventLog.open("postgresql://user@host/db")`` (or ``postgres://``) opens
it; ``?schema=NAME`` in the URL (or ``schema=``) keeps the log in a schema
of its own, so that several logs share a database. It keeps the promises
of the SQLite store, on a server several machines write to:

* **Append-only in the database.** Triggers refuse UPDATE, DELETE and
  TRUNCATE of events, whoever asks (`tradedispute.stores.postgres_schema`).
* **All or nothing.** An append is one transaction.
* **Writers take turns.** Each transaction that writes first takes a
  transaction-scoped advisory lock of the log (``pg_advisory_xact_lock``),
  held until it commits, so each append is validated against everything
  committed before it, ``seq`` has no gaps, and entries become visible in
  ``seq`` order. An advisory lock, not ``LOCK TABLE ... IN EXCLUSIVE
  MODE``: that needs the UPDATE, DELETE or TRUNCATE privilege on the table,
  which a role that may only append must not have; the advisory lock needs
  none, and blocks no reader. A writer that skips the lock (a plain
  INSERT) still cannot take a ``seq`` already taken: the primary key
  refuses it, and the log reads it as a `ConcurrencyError`.
* **A lost connection is told.** If the connection drops while an append
  commits, the store asks the server, on a new connection, whether that
  transaction committed (``pg_xact_status``), so the log's `AppendFailed`
  says whether the batch landed; never a raw driver error.
* **Followers are woken, not trusted.** Each append notifies the channel
  ``tradedispute.<schema>`` (delivered on commit); `wait_for_appends`
  waits on it, and readers then read the table, which is the source of
  truth, never past a ``seq`` they have not seen.
* Checkpoints, streaming replay (a server-side cursor: bounded memory),
  ``known_at`` and corrections work as on SQLite.

Needs psycopg 3 and psycopg_pool: the ``postgres`` extra. PostgreSQL 13 or
later.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from typing import Any

import psycopg
import psycopg_pool
from psycopg import sql

from tradedispute.codec.chain import GENESIS
from tradedispute.codec.converter import RecordedEvent, decode
from tradedispute.core.corrections import Correction, Entry
from tradedispute.core.events import Event
from tradedispute.exceptions import (
    ConcurrencyError,
    CorruptRecord,
    DuplicateEventId,
    RecordError,
    StorageError,
    TradeDisputeError,
)
from tradedispute.stores.postgres_schema import (
    Connection,
    PostgresCheckpointTable,
    channel,
    check_schema_name,
    lock_key,
    set_up,
    statement,
)
from tradedispute.stores.protocol import (
    ChainsRecords,
    CheckpointTable,
    Clock,
    ImportsRecords,
    NotifiesAppends,
    ReadsTail,
    ScansRecords,
    StoredCheckpoint,
    StreamsReplayOrder,
    Tail,
    TransactionalAppends,
    chained,
    check_imported,
    conflict,
    duplicate_id,
    numbered_hashes,
    read_only_error,
    stamp,
    utc_now,
)
from tradedispute.stores.sqlite_schema import stored_hash
from tradedispute.stores.table_rows import (
    CORRECTION_KINDS,
    checked_row,
    decode_event,
    replay_rows,
)

__all__ = ["SCHEMES", "PostgresStore", "split_url"]

#: The URL schemes of PostgreSQL logs.
SCHEMES = ("postgresql", "postgres")

_END_OF_TIME = dt.datetime.max.replace(tzinfo=dt.UTC)


def split_url(url: str) -> tuple[str, str | None, str]:
    """Split a log's URL into what libpq connects to, the schema, and a safe name.

    ``?schema=NAME`` is ours, not libpq's, and is taken out; the safe name
    (for messages) has no password.
    """
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    schema = next((value for name, value in query if name == "schema"), None)
    rest = urllib.parse.urlencode([(n, v) for n, v in query if n != "schema"])
    # Built by hand: urlunsplit drops the "//" of a URL with no host
    # ("postgresql:///trade", libpq's form for the local socket or PGHOST).
    conninfo = f"{parts.scheme}://{parts.netloc}{parts.path}" + (
        f"?{rest}" if rest else ""
    )
    host = parts.hostname or dict(query).get("host") or "localhost"
    if ":" in host:
        host = f"[{host}]"
    user = f"{parts.username}@" if parts.username else ""
    port = f":{parts.port}" if parts.port else ""
    safe = f"{parts.scheme}://{user}{host}{port}{parts.path}"
    return conninfo, schema, safe


class PostgresStore(
    ReadsTail,
    StreamsReplayOrder,
    TransactionalAppends,
    ChainsRecords,
    ScansRecords,
    ImportsRecords,
    NotifiesAppends,
):
    """A log kept in a PostgreSQL database, shared by every process that opens it.

    Opening checks the schema before it writes: tables that are not a
    log's are refused with `UnsupportedFile` and left as they were; a
    schema without a log gets one (tables, index, triggers) in one
    transaction, unless *create* is false or *read_only*.

    Args:
        url: ``postgresql://[user[:password]@][host][:port]/database``, with
            any libpq parameter in the query (``?sslmode=require``), and
            ours: ``?schema=NAME``.
        schema: The schema that holds the log (``public`` by default);
            overrides ``?schema=`` in the URL.
        read_only: Never write, not even the tables of a new log; appends
            raise `ReadOnlyLog`. Connections are read-only on the server
            too.
        create: Make the log's tables if the schema has none.
        clock: Where commit times come from (UTC); for tests.
        pool_size: The most connections the store keeps open.
        timeout: Seconds to wait for a connection (and, after a lost one,
            for the server to tell whether an append committed).
        lock_timeout: Seconds a writer waits for another's turn before
            `ConcurrencyError`.

    Raises:
        UnsupportedFile: the schema holds tables of something else, or no
            log and one may not be made.
        StorageError: the server cannot be reached, refuses the role, or
            the log's tables cannot be made.
        InvalidQuery: the schema name is not a plain lower-case name.
    """

    def __init__(
        self,
        url: str,
        *,
        schema: str | None = None,
        read_only: bool = False,
        create: bool = True,
        clock: Clock = utc_now,
        pool_size: int = 4,
        timeout: float = 30.0,
        lock_timeout: float = 60.0,
    ) -> None:
        conninfo, in_url, safe = split_url(url)
        chosen = schema if schema is not None else in_url
        self._schema = check_schema_name("public" if chosen is None else chosen)
        self._location = safe + (
            f"?schema={self._schema}" if self._schema != "public" else ""
        )
        self._clock = clock
        self._read_only = read_only
        self._timeout = timeout
        self._lock_timeout = lock_timeout
        self._version = 0
        self._depth = 0
        self._tx: Connection | None = None
        self._before_append: int | None = None
        self._xid: str | None = None
        self._listener: Connection | None = None
        self._names = itertools.count(1)
        self._closed = False
        self._conninfo = conninfo
        with self._errors("connecting"):
            with self._connect() as first:
                set_up(
                    first,
                    self._schema,
                    location=self._location,
                    create=create,
                    read_only=read_only,
                )
            self._pool: psycopg_pool.ConnectionPool[Connection] = (
                psycopg_pool.ConnectionPool(
                    conninfo,
                    min_size=1,
                    max_size=max(pool_size, 2),
                    kwargs={"autocommit": True},
                    configure=self._configure,
                    check=psycopg_pool.ConnectionPool.check_connection,
                    timeout=timeout,
                    open=False,
                    name=f"tradedispute {self._location}",
                )
            )
            self._pool.open(wait=True, timeout=timeout)

    # --- connections ------------------------------------------------------------

    def _connect(self) -> Connection:
        connection = psycopg.connect(
            self._conninfo,
            autocommit=True,
            connect_timeout=max(1, round(self._timeout)),
        )
        self._configure(connection)
        return connection

    def _configure(self, connection: Connection) -> None:
        connection.execute("SET TIME ZONE 'UTC'")
        if self._read_only:
            connection.execute("SET default_transaction_read_only = on")

    @contextlib.contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Raise a driver's or the pool's error in the block as `StorageError`."""
        try:
            yield
        except TradeDisputeError:
            raise
        except (
            psycopg.Error,
            psycopg_pool.PoolTimeout,
            psycopg_pool.PoolClosed,
        ) as error:
            raise StorageError(
                f"{self._location}: {doing} failed: {_said(error)}",
                location=self._location,
            ) from error

    @contextlib.contextmanager
    def _connection(self, doing: str) -> Iterator[Connection]:
        """The writer's connection inside `writing`; else one of the pool."""
        if self._closed:
            raise StorageError(
                f"{self._location}: the store is closed; open the log again",
                location=self._location,
            )
        if self._tx is not None:
            with self._errors(doing):
                yield self._tx
            return
        with self._errors(doing), self._pool.connection() as db:
            yield db

    def _sql(self, template: str) -> sql.Composed:
        return statement(template, self._schema)

    def _rows(
        self, db: Connection, query: sql.Composed, params: Sequence[object] = ()
    ) -> Iterator[tuple[Any, ...]]:
        """Yield the rows of *query* through a server-side cursor: bounded memory."""
        with contextlib.ExitStack() as stack:
            if db.info.transaction_status == psycopg.pq.TransactionStatus.IDLE:
                stack.enter_context(db.transaction())
            cursor = stack.enter_context(db.cursor(name=f"td_{next(self._names)}"))
            cursor.itersize = 2000
            cursor.execute(query, params)
            yield from cursor

    # --- the store protocol -----------------------------------------------------------

    @property
    def location(self) -> str:
        """The server, database and schema (no password), for messages."""
        return self._location

    @property
    def schema(self) -> str:
        """The schema that holds the log."""
        return self._schema

    def version(self) -> int:
        """Return the number of events read so far."""
        return self._version

    def read(self, *, after: int = 0) -> Iterator[RecordedEvent]:
        """Yield the events with ``seq > after``, in append order, as committed.

        Stops before a missing ``seq``: entries are visible in ``seq`` order
        (writers take turns), so a reader never steps past one it has not
        seen.

        Raises:
            CorruptRecord: a record is malformed.
            SchemaError: a record has an unknown type or schema version.
            StorageError: the server cannot be reached.
        """
        with self._connection("reading events") as db:
            previous = after
            for seq, record in self._rows(
                db,
                self._sql(
                    "SELECT seq, record FROM {schema}.events "
                    "WHERE seq > %s ORDER BY seq"
                ),
                (after,),
            ):
                if seq != previous + 1:
                    return
                recorded = decode(record, location=self._location, seq=seq)
                previous = seq
                self._version = max(self._version, seq)
                yield recorded

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the log's write turn: a transaction holding its advisory lock.

        Appends made inside commit when it exits normally, and roll back if
        it exits with an error. May be nested.

        Raises:
            ReadOnlyLog: the store was opened read-only.
            ConcurrencyError: another writer held the turn past the lock
                timeout; nothing was written.
            StorageError: the transaction could not begin or commit (a lost
                connection, say). `landed` tells whether it committed.
        """
        if self._read_only:
            raise read_only_error(self._location)
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        with self._errors("beginning to write"):
            db = self._pool.getconn()
        try:
            with self._errors("the write transaction"), db.transaction():
                self._take_turn(db)
                self._tx, self._depth = db, 1
                try:
                    yield
                finally:
                    self._tx, self._depth = None, 0
        except BaseException:
            if self._before_append is not None:
                self._version = self._before_append
            raise
        finally:
            self._before_append = None
            self._pool.putconn(db)

    def _take_turn(self, db: Connection) -> None:
        db.execute(
            "SELECT set_config('lock_timeout', %s, true)",
            (f"{round(self._lock_timeout * 1000)}ms",),
        )
        try:
            db.execute("SELECT pg_advisory_xact_lock(%s)", (lock_key(self._schema),))
        except psycopg.errors.LockNotAvailable:
            raise ConcurrencyError(
                f"{self._location}: another writer held the log for more than "
                f"{self._lock_timeout:.0f} s; nothing was written",
                expected_version=self._version,
                actual_version=self._version,
            ) from None

    def append(
        self, events: Sequence[Entry], *, expected_version: int
    ) -> list[RecordedEvent]:
        """Append *events* in one transaction if the log holds *expected_version*."""
        with self.writing():
            assert self._tx is not None
            last, head = self._newest(self._tx, expected_version)
            if not events:
                return []
            recorded = stamp(
                events, after=expected_version, last=last, clock=self._clock
            )
            return self._write(self._tx, recorded, head)

    def import_records(
        self, records: Sequence[RecordedEvent], *, expected_version: int
    ) -> list[RecordedEvent]:
        """Append *records* as recorded elsewhere (see `ImportsRecords`)."""
        with self.writing():
            assert self._tx is not None
            last, head = self._newest(self._tx, expected_version)
            check_imported(
                self._location, records, expected_version=expected_version, last=last
            )
            return self._write(self._tx, list(records), head) if records else []

    def _newest(
        self, db: Connection, expected_version: int
    ) -> tuple[dt.datetime | None, str]:
        """The last commit time and chain head, if the log is at *expected_version*."""
        with self._errors("reading the last event"):
            newest = db.execute(
                self._sql(
                    "SELECT seq, recorded_at, record FROM {schema}.events "
                    "ORDER BY seq DESC LIMIT 1"
                )
            ).fetchone()
        actual, last, record = newest if newest else (0, None, None)
        if actual != expected_version:
            self._check_numbering(db, actual)
            raise conflict(self._location, expected=expected_version, actual=actual)
        head = GENESIS if record is None else (stored_hash(record) or GENESIS)
        return last, head

    def _check_numbering(self, db: Connection, last: int) -> None:
        """Raise `CorruptRecord` if the rows up to *last* are not numbered 1..last.

        A row put in by hand past a gap would otherwise stall every writer:
        readers never step past the gap, so no retry could catch up.
        """
        with self._errors("counting events"):
            found = db.execute(
                self._sql("SELECT count(*) FROM {schema}.events")
            ).fetchone()
        count = int(found[0]) if found else 0
        if count != last:
            raise CorruptRecord(
                f"{self._location}: the last row is seq {last} but the table holds "
                f"{count} rows: rows were put in by hand, past a gap in seq. Run "
                "'tradedispute validate' on the log to find them; no append can "
                "follow until the table is numbered 1, 2, 3, ... again",
                location=self._location,
                seq=last,
                field="seq",
            )

    def _write(
        self, db: Connection, recorded: list[RecordedEvent], previous: str
    ) -> list[RecordedEvent]:
        written = chained(recorded, previous)
        recorded = [record for _, record in written]
        rows = [
            (
                r.seq,
                r.event.id,
                type(r.event).__name__,
                r.recorded_at,
                None if isinstance(r.event, Correction) else r.event.effective,
                data.decode(),
            )
            for data, r in written
        ]
        try:
            with db.transaction(), db.cursor() as cursor:  # a savepoint
                cursor.executemany(
                    self._sql(
                        "INSERT INTO {schema}.events "
                        "(seq, id, type, recorded_at, effective, record) "
                        "VALUES (%s, %s, %s, %s, %s, %s)"
                    ),
                    rows,
                )
                cursor.execute(
                    "SELECT pg_notify(%s, %s)",
                    (channel(self._schema), str(recorded[-1].seq)),
                )
                xid = cursor.execute("SELECT pg_current_xact_id()::text").fetchone()
        except psycopg.errors.UniqueViolation as error:
            if error.diag.constraint_name == "events_pkey":
                raise conflict(
                    self._location,
                    expected=recorded[0].seq - 1,
                    actual=recorded[0].seq,
                ) from None
            raise self._duplicate(db, [r.event for r in recorded]) from None
        except psycopg.Error as error:
            raise StorageError(
                f"{self._location}: the events could not be written "
                f"({_said(error)}); nothing was written",
                location=self._location,
            ) from error
        self._xid = str(xid[0]) if xid else None
        if self._before_append is None:
            self._before_append = self._version
        self._version = recorded[-1].seq
        return recorded

    def _duplicate(self, db: Connection, events: Sequence[Entry]) -> DuplicateEventId:
        def taken(event_id: str) -> bool:
            query = self._sql("SELECT 1 FROM {schema}.events WHERE id = %s")
            return db.execute(query, (event_id,)).fetchone() is not None

        found = duplicate_id(self._location, events, taken)
        assert found is not None, "a unique violation without a duplicate id"
        return found

    def landed(self, record: RecordedEvent) -> bool | None:
        """Tell whether the append of *record* committed, after ``writing()`` failed.

        Asks the server, on a new connection, for the fate of the append's
        transaction, waiting while it is still in progress; `None` if the
        server cannot be reached within the store's *timeout*.
        """
        deadline = time.monotonic() + self._timeout
        while True:
            try:
                with self._pool.connection(timeout=self._timeout) as db:
                    fate = self._fate(db, record)
                if fate is not None:
                    return fate
            except (psycopg.Error, psycopg_pool.PoolTimeout):
                pass  # the server is away: ask again until the deadline
            except psycopg_pool.PoolClosed:
                return None
            if time.monotonic() > deadline:
                return None
            time.sleep(0.1)

    def _fate(self, db: Connection, record: RecordedEvent) -> bool | None:
        """Whether the append committed; `None` while its transaction is in progress.

        Without the transaction's id (or once the server has forgotten it),
        the table says: the row of *record* is there or not.
        """
        if self._xid is not None:
            found = db.execute(
                "SELECT pg_xact_status(%s::xid8)", (self._xid,)
            ).fetchone()
            status = found[0] if found else None
            if status == "in progress":
                return None
            if status in ("committed", "aborted"):
                return bool(status == "committed")
        row = db.execute(
            self._sql("SELECT 1 FROM {schema}.events WHERE seq = %s AND id = %s"),
            (record.seq, record.event.id),
        ).fetchone()
        return row is not None

    # --- capabilities -----------------------------------------------------------------

    def checkpoint_table(self, *, create: bool) -> CheckpointTable | None:
        """Return the log's checkpoints, made with its events table."""
        return PostgresCheckpointTable(
            self._connection, schema=self._schema, location=self._location
        )

    def tail_after(self, checkpoints: Sequence[StoredCheckpoint]) -> Tail | None:
        """Return the first of *checkpoints* valid for the log, and what follows it.

        As `tradedispute.stores.SQLiteStore.tail_after`, on the server.
        """
        with self._connection("reading the events after a checkpoint") as db:
            count, last, fixes = db.execute(
                self._sql(
                    "SELECT count(*), max(seq), count(*) FILTER "
                    "(WHERE effective IS NULL) FROM {schema}.events"
                )
            ).fetchone() or (0, None, 0)
            if not count or count != last or fixes:
                return None  # empty, not numbered 1..n, or holds a correction
            for checkpoint in checkpoints:
                rows = self._rows_after(db, checkpoint, count)
                if rows is not None:
                    events = [
                        decode_event(record, seq, self._location)
                        for seq, record in rows
                    ]
                    self._version = max(self._version, count)
                    return Tail(checkpoint, count, events)
        return None

    def _rows_after(
        self, db: Connection, checkpoint: StoredCheckpoint, count: int
    ) -> list[tuple[int, str]] | None:
        if checkpoint.version > count:
            return None
        found = db.execute(
            self._sql("SELECT seq, effective FROM {schema}.events WHERE id = %s"),
            (checkpoint.last_id,),
        ).fetchone()
        if found is None or found[1] != checkpoint.last_effective:
            return None
        at_version = db.execute(
            self._sql("SELECT record FROM {schema}.events WHERE seq = %s"),
            (checkpoint.version,),
        ).fetchone()
        if at_version is None or stored_hash(at_version[0]) != checkpoint.head:
            return None
        rows: list[tuple[int, str]] = db.execute(
            self._sql(
                "SELECT seq, record FROM {schema}.events "
                "WHERE (effective, seq) > (%s, %s) ORDER BY effective, seq"
            ),
            (checkpoint.last_effective, found[0]),
        ).fetchall()
        return rows if len(rows) == count - checkpoint.position else None

    def replay_order(
        self, *, until: dt.date | None = None, known_at: dt.datetime | None = None
    ) -> Iterator[Event]:
        """Yield the events in replay order, as corrected, through a server-side cursor.

        Only the corrections are held in memory; see
        `tradedispute.stores.SQLiteStore.replay_order`.
        """
        moment = _END_OF_TIME if known_at is None else known_at
        last = dt.date.max if until is None else until
        with self._connection("reading events in replay order") as db:

            def target_of(target_id: str, before: int) -> tuple[int, str] | None:
                found: tuple[int, str] | None = db.execute(
                    self._sql(
                        "SELECT seq, type FROM {schema}.events "
                        "WHERE id = %s AND seq < %s"
                    ),
                    (target_id, before),
                ).fetchone()
                return found

            def seq_of(event_id: str) -> int:
                found = db.execute(
                    self._sql("SELECT seq FROM {schema}.events WHERE id = %s"),
                    (event_id,),
                ).fetchone()
                assert found is not None
                return int(found[0])

            def rows() -> Iterator[tuple[int, dt.date, str, str]]:
                yield from self._rows(
                    db,
                    self._sql(
                        "SELECT seq, effective, id, record FROM {schema}.events "
                        "WHERE effective IS NOT NULL AND effective <= %s "
                        "AND recorded_at <= %s ORDER BY effective, seq"
                    ),
                    (last, moment),
                )

            corrections = db.execute(
                self._sql(
                    "SELECT seq, record FROM {schema}.events "
                    "WHERE type = ANY(%s) AND recorded_at <= %s ORDER BY seq"
                ),
                (list(CORRECTION_KINDS), moment),
            ).fetchall()
            yield from replay_rows(
                self._location,
                until,
                corrections=corrections,
                target_of=target_of,
                seq_of=seq_of,
                rows=rows,
            )

    def scan(self) -> Iterator[tuple[str, RecordedEvent | RecordError]]:
        """Yield every row's record, or its error, with the log's location."""
        with self._connection("reading events") as db:
            for seq, event_id, kind, recorded_at, effective, record in self._rows(
                db,
                self._sql(
                    "SELECT seq, id, type, recorded_at, effective, record "
                    "FROM {schema}.events ORDER BY seq"
                ),
            ):
                columns = {
                    "id": event_id,
                    "type": kind,
                    "recorded_at": recorded_at,
                    "effective": effective,
                }
                yield (
                    self._location,
                    checked_row(self._location, seq, record, columns, _columns),
                )

    def chain(self) -> Iterator[tuple[int, str, str | None]]:
        """Yield each row's hash by the chain, and the one its record carries."""
        with self._connection("reading the hash chain") as db:
            records = (
                record.encode("utf-8")
                for (record,) in self._rows(
                    db, self._sql("SELECT record FROM {schema}.events ORDER BY seq")
                )
            )
            yield from numbered_hashes(self._location, records)

    def wait_for_appends(self, *, after: int, timeout: float) -> bool:
        """Wait for a notice of a commit (LISTEN), unless one is already there.

        Raises:
            StorageError: the server cannot be reached.
        """
        with self._errors("waiting for appends"):
            try:
                listener = self._listener
                if listener is None or listener.closed:
                    # A new LISTEN misses what committed before it: look first.
                    # After that, notices queue on the connection until read.
                    listener = self._listen()
                    if self._newest_seq() > after:
                        return True
                for _ in listener.notifies(timeout=timeout, stop_after=1):
                    return True
                return False
            except psycopg.OperationalError:
                self._stop_listening()
                raise

    def _listen(self) -> Connection:
        listener = self._connect()
        listener.execute(
            sql.SQL("LISTEN {}").format(sql.Identifier(channel(self._schema)))
        )
        self._listener = listener
        return listener

    def _newest_seq(self) -> int:
        with self._connection("reading the version") as db:
            row = db.execute(
                self._sql("SELECT max(seq) FROM {schema}.events")
            ).fetchone()
        return int(row[0]) if row and row[0] is not None else 0

    def _stop_listening(self) -> None:
        if self._listener is not None:
            with contextlib.suppress(psycopg.Error):
                self._listener.close()
            self._listener = None

    def close(self) -> None:
        """Close the store's connections."""
        if self._closed:
            return
        self._closed = True
        self._stop_listening()
        self._pool.close()


def _columns(found: RecordedEvent) -> dict[str, object]:
    """The columns of a row as its record states them."""
    event = found.event
    return {
        "id": event.id,
        "type": type(event).__name__,
        "recorded_at": found.recorded_at,
        "effective": None if isinstance(event, Correction) else event.effective,
    }


def _said(error: BaseException) -> str:
    """What a driver's error says, on one line."""
    return " ".join(str(error).split()) or type(error).__name__
