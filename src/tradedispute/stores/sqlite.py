"""The SQLite store: the embedded default for large logs.

Events live in one table whose append-only rule the database itself
enforces: triggers make every UPDATE and DELETE on it fail. The database runs
in WAL mode with ``synchronous=FULL``, so a committed append survives a
crash; each append is one ``BEGIN IMMEDIATE`` transaction, which serialises
writers across processes. All SQL is parameterised.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

from tradedispute.codec.chain import GENESIS, chain_head
from tradedispute.codec.converter import (
    RecordedEvent,
    decode,
    format_timestamp,
    parse_timestamp,
)
from tradedispute.core.corrections import (
    Correction,
    Entry,
)
from tradedispute.core.events import Event
from tradedispute.exceptions import (
    ConcurrencyError,
    CorruptRecord,
    DuplicateEventId,
    RecordError,
    StorageError,
    UnsupportedFile,
)
from tradedispute.stores.checkpoint_table import SQLiteCheckpointTable, storage_errors
from tradedispute.stores.protocol import (
    ChainsRecords,
    CheckpointTable,
    Clock,
    ImportsRecords,
    ReadsTail,
    ScansRecords,
    StoredCheckpoint,
    StreamsReplayOrder,
    Tail,
    TransactionalAppends,
    Upgrades,
    chained,
    check_imported,
    conflict,
    duplicate_id,
    missing_log,
    numbered_hashes,
    read_only_error,
    stamp,
    utc_now,
)
from tradedispute.stores.sqlite_rows import decode_event, replay_rows, scan_rows
from tradedispute.stores.sqlite_schema import (
    PARTS,
    TABLE,
    check_schema,
    inspect_read_only,
    stored_hash,
    upgrade,
)

#: The file suffixes of SQLite logs.
SUFFIXES = (".sqlite", ".db")

#: How long a writer waits for another writer's transaction, in seconds.
BUSY_TIMEOUT = 60.0


def _effective(entry: Entry) -> str | None:
    """The ``effective`` column of an entry: its date; `None` for a correction."""
    return None if isinstance(entry, Correction) else entry.effective.isoformat()


class SQLiteStore(
    ReadsTail,
    StreamsReplayOrder,
    TransactionalAppends,
    ChainsRecords,
    ScansRecords,
    Upgrades,
    ImportsRecords,
):
    """A log kept in a SQLite database (``.sqlite`` or ``.db``).

    Opening inspects before it writes: a database that is not a log (a
    foreign schema, even one with an ``events`` table of its own) is refused
    with `UnsupportedFile` and left exactly as it was, and a log is never
    given tables, indexes or triggers it lacks. Only a new, empty database
    is set up (WAL mode, the ``events`` table, its index and triggers).

    Args:
        path: The database file.
        read_only: Open for reading only: nothing is ever written, not even
            WAL mode, and `writing` and `append` raise `ReadOnlyLog`. A log
            in a folder the process cannot write opens this way.
        create: Create the file if it is missing; with ``False`` (or
            *read_only*) a missing file is `UnsupportedFile`.
        clock: Where commit times come from (UTC); for tests.

    Raises:
        UnsupportedFile: the file is missing (and may not be created), or
            is not a tradedispute SQLite log.
        StorageError: the file cannot be opened (permissions, say).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        read_only: bool = False,
        create: bool = True,
        clock: Clock = utc_now,
    ) -> None:
        self._path = Path(path)
        self._clock = clock
        self._read_only = read_only
        self._version = 0
        self._writing = 0
        # The version before this transaction's first append, to restore if
        # the transaction rolls back (what was read stays read).
        self._before_append: int | None = None
        self._checkpoints: SQLiteCheckpointTable | None = None
        if self._path.is_dir():
            raise UnsupportedFile(
                f"{self._path} is a folder; give the path of a .sqlite file",
                path=str(self._path),
            )
        if not self._path.exists() and (read_only or not create):
            raise missing_log(self._path, read_only=read_only)
        self._db = self._connect()
        try:
            self._set_up()
        except BaseException:
            self._db.close()
            raise

    def _connect(self) -> sqlite3.Connection:
        """Connect: read-only through a URI, falling back to an immutable one."""
        try:
            if not self._read_only:
                if self._path.exists() and self._path.stat().st_size:
                    # Inspect without writing: closing a read-write
                    # connection would fold another program's -wal into
                    # its database.
                    inspect_read_only(self._path)
                return sqlite3.connect(
                    self._path, timeout=BUSY_TIMEOUT, isolation_level=None
                )
            uri = self._path.resolve().as_uri()
            db = sqlite3.connect(
                f"{uri}?mode=ro", uri=True, timeout=BUSY_TIMEOUT, isolation_level=None
            )
            try:
                db.execute("SELECT count(*) FROM sqlite_master").fetchone()
                return db
            except sqlite3.DatabaseError as error:
                db.close()
                if not isinstance(error, sqlite3.OperationalError):
                    raise UnsupportedFile(
                        f"{self._path} is not a tradedispute SQLite log: {error}",
                        path=str(self._path),
                    ) from None
                # A WAL database in a folder we cannot write: SQLite cannot
                # make its shared-memory file, so read it as immutable, which
                # is right only if no -wal file holds changes it would miss.
                wal = self._path.with_name(self._path.name + "-wal")
                if wal.exists() and wal.stat().st_size:
                    raise StorageError(
                        f"{self._path}: its -wal file holds changes that this "
                        f"process cannot read without writing ({error}); open "
                        "it where it may write the folder, or after the writer "
                        "has closed it",
                        location=str(self._path),
                    ) from error
                return sqlite3.connect(
                    f"{uri}?immutable=1", uri=True, isolation_level=None
                )
        except sqlite3.Error as error:
            raise StorageError(
                f"{self._path}: cannot open the database ({error}); check that "
                "it exists and that you may read it"
                + (
                    ""
                    if self._read_only
                    else ", and write it (or pass read_only=True to read it)"
                ),
                location=str(self._path),
            ) from error

    def _set_up(self) -> None:
        """Check the schema is a log's, before anything is written; set up a new one."""
        db = self._db
        try:
            tables = {
                name
                for (name,) in db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table'"
                )
            }
            if not tables:
                if self._read_only:
                    raise UnsupportedFile(
                        f"{self._path} is an empty database: it holds no log yet",
                        path=str(self._path),
                    )
                db.execute("PRAGMA journal_mode=WAL")
                for statement in (TABLE, *PARTS.values()):
                    db.execute(statement)
            else:
                check_schema(self._db, tables, self._path)
                if not self._read_only:
                    (mode,) = db.execute("PRAGMA journal_mode").fetchone()
                    if mode.lower() != "wal":
                        db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=FULL")
        except sqlite3.OperationalError as error:
            if "readonly" in str(error) or "read-only" in str(error):
                raise StorageError(
                    f"{self._path}: the database is read-only to this process "
                    f"({error}); open it with read_only=True to read it",
                    location=str(self._path),
                ) from error
            raise UnsupportedFile(
                f"{self._path} is not a tradedispute SQLite log: {error}",
                path=str(self._path),
            ) from None
        except sqlite3.DatabaseError as error:
            raise UnsupportedFile(
                f"{self._path} is not a tradedispute SQLite log: {error}",
                path=str(self._path),
            ) from None

    @property
    def location(self) -> str:
        """The database file's path."""
        return str(self._path)

    def version(self) -> int:
        """Return the number of events read so far."""
        return self._version

    def read(self, *, after: int = 0) -> Iterator[RecordedEvent]:
        """Yield the events with ``seq > after``, in append order, as committed.

        Raises:
            CorruptRecord: a record is malformed, or a seq is missing.
            SchemaError: a record has an unknown type or schema version.
            StorageError: the database cannot be read.
        """
        with storage_errors(self.location, "reading events"):
            yield from self._read(after)

    def _read(self, after: int) -> Iterator[RecordedEvent]:
        rows = self._db.execute(
            "SELECT seq, record FROM events WHERE seq > ? ORDER BY seq", (after,)
        )
        previous = after
        for seq, record in rows:
            if seq != previous + 1:
                raise CorruptRecord(
                    f"{self.location} (seq {seq}): seq {seq} follows seq "
                    f"{previous}; rows are numbered 1, 2, 3, ... with none missing",
                    location=self.location,
                    seq=seq,
                    field="seq",
                )
            recorded = decode(record, location=self.location, seq=seq)
            previous = seq
            self._version = max(self._version, seq)
            yield recorded

    def scan(self) -> Iterator[tuple[str, RecordedEvent | RecordError]]:
        """Yield every row's record, or its error, with the database's path.

        A row whose columns (id, type, commit time, effective date) disagree
        with its record is a `CorruptRecord`: the row was edited.
        """
        with storage_errors(self.location, "reading events"):
            yield from scan_rows(self._db, self.location)

    def checkpoint_table(self, *, create: bool) -> CheckpointTable | None:
        """Return the table of checkpoints, in the log's own database.

        It is made only when *create* is true and the log is writable;
        `None` if it does not exist otherwise.
        """
        if self._checkpoints is None:
            exists = self._db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' "
                "AND name = 'checkpoints'"
            ).fetchone()
            if not exists and (not create or self._read_only):
                return None
            self._checkpoints = SQLiteCheckpointTable(
                self._db, location=self.location, create=not self._read_only
            )
        return self._checkpoints

    def tail_after(self, checkpoints: Sequence[StoredCheckpoint]) -> Tail | None:
        """Return the first of *checkpoints* valid for the table, and what follows it.

        The table is read alone, for opening a log from a checkpoint: the
        result is the checkpoint, the number of rows in ``events`` and the
        events after the checkpoint in replay order, decoded and checked
        like `read`; no row before the checkpoint is read. A checkpoint is
        valid if its last event is in the table, on its day, with exactly
        its position of rows up to it in (effective date, seq) order, so no
        event appended since lands before it. `None` (read everything
        instead) if none is, or the table holds a correction, which can
        move any event.

        Raises:
            CorruptRecord: a record after the checkpoint is malformed.
            SchemaError: one has an unknown type or schema version.
            StorageError: the database cannot be read.
        """
        with storage_errors(self.location, "reading the events after a checkpoint"):
            return self._tail_after(checkpoints)

    def _tail_after(self, checkpoints: Sequence[StoredCheckpoint]) -> Tail | None:
        db = self._db
        count, last = db.execute("SELECT count(*), max(seq) FROM events").fetchone()
        if not count or count != last:
            return None
        if db.execute(
            "SELECT 1 FROM events WHERE effective IS NULL LIMIT 1"
        ).fetchone():
            return None  # a correction
        for checkpoint in checkpoints:
            rows = self._rows_after(checkpoint, count)
            if rows is not None:
                events = [
                    decode_event(record, seq, self.location) for seq, record in rows
                ]
                return Tail(checkpoint, count, events)
        return None

    def _rows_after(
        self, checkpoint: StoredCheckpoint, count: int
    ) -> list[tuple[int, str]] | None:
        """The (seq, record) rows after *checkpoint*, if valid (see `tail_after`)."""
        if checkpoint.version > count:
            return None
        day = checkpoint.last_effective.isoformat()
        found = self._db.execute(
            "SELECT seq, effective FROM events WHERE id = ?", (checkpoint.last_id,)
        ).fetchone()
        if found is None or found[1] != day:
            return None
        # Bound to the chain: the log's entry at the checkpoint's version
        # must carry the hash the checkpoint was made after.
        at_version = self._db.execute(
            "SELECT record FROM events WHERE seq = ?", (checkpoint.version,)
        ).fetchone()
        if at_version is None or stored_hash(at_version[0]) != checkpoint.head:
            return None
        rows: list[tuple[int, str]] = self._db.execute(
            "SELECT seq, record FROM events WHERE (effective, seq) > (?, ?) "
            "ORDER BY effective, seq",
            (day, found[0]),
        ).fetchall()
        # Rows are only ever added: if no more than the checkpoint's position
        # come before its last event, they are the very events it folded.
        return rows if len(rows) == count - checkpoint.position else None

    def replay_order(
        self, *, until: dt.date | None = None, known_at: dt.datetime | None = None
    ) -> Iterator[Event]:
        """Yield the events in replay order, as corrected, straight from the table.

        Rows are read one at a time in (effective date, seq) order through an
        index, so memory does not grow with the log; only the corrections
        are held. Events are checked as they are read, like `read`.

        Args:
            until: Stop after the events effective on this day.
            known_at: Only entries committed by this moment count.

        Raises:
            CorruptRecord: a record is malformed.
            SchemaError: a record has an unknown type or schema version.
            InvalidCorrection: a stored correction breaks the rules of
                corrections (`tradedispute.EventLog.append` never writes one).
            StorageError: the database cannot be read.
        """
        with storage_errors(self.location, "reading events in replay order"):
            yield from replay_rows(self._db, self.location, until, known_at)

    def append(
        self, events: Sequence[Entry], *, expected_version: int
    ) -> list[RecordedEvent]:
        """Append *events* in one transaction if the table holds *expected_version*."""
        with self.writing():
            last, last_record = self._newest(expected_version)
            recorded = stamp(
                events, after=expected_version, last=last, clock=self._clock
            )
            return self._write(recorded, last_record)

    def import_records(
        self, records: Sequence[RecordedEvent], *, expected_version: int
    ) -> list[RecordedEvent]:
        """Append *records* as recorded (`ImportsRecords`), like `append`.

        In one transaction, or in the one ``writing()`` holds.
        """
        with self.writing():
            last, last_record = self._newest(expected_version)
            check_imported(
                self.location, records, expected_version=expected_version, last=last
            )
            return self._write(list(records), last_record)

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Hold an immediate transaction: other writers wait until it exits.

        Appends made inside commit when it exits normally, and roll back if
        it exits with an error.

        Raises:
            ConcurrencyError: another writer held the database past the
                busy timeout; nothing was written.
            StorageError: the transaction could not begin or commit (a full
                disk, say); it was rolled back, so nothing was written.
        """
        if self._read_only:
            raise read_only_error(self.location)
        if self._writing:
            self._writing += 1
            try:
                yield
            finally:
                self._writing -= 1
            return
        self._begin()
        self._writing = 1
        try:
            yield
        except BaseException:
            self._roll_back()
            raise
        else:
            try:
                self._db.execute("COMMIT")
            except BaseException as error:
                self._roll_back()
                if not isinstance(error, sqlite3.Error):
                    raise
                raise StorageError(
                    f"{self.location}: the transaction could not be committed "
                    f"({error}); it was rolled back: nothing was written",
                    location=self.location,
                ) from error
        finally:
            self._writing = 0
            self._before_append = None

    def _begin(self) -> None:
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                raise ConcurrencyError(
                    f"{self.location}: another writer held the database for more "
                    f"than {BUSY_TIMEOUT:.0f} s ({error}); nothing was written",
                    expected_version=self._version,
                    actual_version=self._version,
                ) from None
            raise StorageError(
                f"{self.location}: cannot begin writing ({error}); nothing was written",
                location=self.location,
            ) from error

    def _roll_back(self) -> None:
        """Roll the transaction back, if SQLite has not already done so."""
        if self._before_append is not None:
            self._version = self._before_append
        if self._db.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")

    def _newest(self, expected_version: int) -> tuple[dt.datetime | None, str | None]:
        """The last row's commit time and record, if the table holds *expected_version*.

        Raises:
            ConcurrencyError: it holds another number of rows.
        """
        newest = self._db.execute(
            "SELECT seq, recorded_at, record FROM events ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        actual, last, last_record = newest if newest else (0, None, None)
        if actual != expected_version:
            raise conflict(self.location, expected=expected_version, actual=actual)
        return (parse_timestamp(last) if last else None), last_record

    def _write(
        self, recorded: list[RecordedEvent], last_record: str | None
    ) -> list[RecordedEvent]:
        """Insert numbered, stamped rows after *last_record*, chained, in a savepoint.

        What `append` and `import_records` share, inside ``writing()`` once
        the version is checked. Returns the records as written.
        """
        if not recorded:
            return []
        db = self._db
        written = chained(recorded, self._head(last_record))
        rows = [
            (
                r.seq,
                r.event.id,
                type(r.event).__name__,
                format_timestamp(r.recorded_at),
                _effective(r.event),
                data.decode(),
            )
            for data, r in written
        ]
        # A savepoint, so that a failed insert leaves no row behind even if
        # the caller goes on inside the same transaction.
        db.execute("SAVEPOINT append")
        try:
            db.executemany(
                "INSERT INTO events (seq, id, type, recorded_at, effective, record) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )
        except sqlite3.IntegrityError:
            db.execute("ROLLBACK TO append")
            db.execute("RELEASE append")
            raise self._duplicate([r.event for r in recorded]) from None
        except sqlite3.Error as error:
            if db.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    db.execute("ROLLBACK TO append")
                    db.execute("RELEASE append")
            raise StorageError(
                f"{self.location}: the events could not be written ({error}); "
                "nothing was written",
                location=self.location,
            ) from error
        db.execute("RELEASE append")
        if self._before_append is None:
            self._before_append = self._version
        self._version = recorded[-1].seq
        return [r for _, r in written]

    def _head(self, last_record: str | None) -> str:
        """The chain's hash after the last row: the one an append follows."""
        if last_record is None:
            return GENESIS
        stored = stored_hash(last_record)
        if stored is not None:
            return stored
        # Rows written before logs were chained: compute it.
        return chain_head(self._stored_records())

    def _stored_records(self) -> Iterator[bytes]:
        for (record,) in self._db.execute("SELECT record FROM events ORDER BY seq"):
            yield record.encode("utf-8") if isinstance(record, str) else bytes(record)

    def chain(self) -> Iterator[tuple[int, str, str | None]]:
        """Yield each row's hash by the chain, and the one its record carries."""
        with storage_errors(self.location, "reading the hash chain"):
            yield from numbered_hashes(self.location, self._stored_records())

    def landed(self, record: RecordedEvent) -> bool:
        """Tell whether *record* (its seq and id) is committed in the table."""
        try:
            found = self._db.execute(
                "SELECT 1 FROM events WHERE seq = ? AND id = ?",
                (record.seq, record.event.id),
            ).fetchone()
        except sqlite3.Error:
            return False
        return found is not None

    def upgrade(self) -> list[str]:
        """Bring a log written by an earlier version (or damaged) up to date.

        In one transaction, asked for and never on opening (see
        `tradedispute.stores.sqlite_schema.upgrade`). Returns what it did,
        in words; nothing if the log was up to date.

        Raises:
            ReadOnlyLog: the log was opened read-only.
            StorageError: the database could not be written.
        """
        with self.writing(), storage_errors(self.location, "upgrading"):
            done = upgrade(self._db, self.location)
        self._checkpoints = None
        return done

    def _duplicate(self, events: Sequence[Entry]) -> DuplicateEventId:
        found = duplicate_id(self.location, events, self._taken)
        if found is None:  # pragma: no cover
            raise AssertionError("an integrity error without a duplicate id")
        return found

    def _taken(self, event_id: str) -> bool:
        """Tell whether an entry with the id *event_id* is in the table."""
        query = "SELECT 1 FROM events WHERE id = ?"
        return self._db.execute(query, (event_id,)).fetchone() is not None

    def close(self) -> None:
        """Close the connection."""
        self._db.close()
