"""The JSON Lines store: one record per line, safe for several writers.

Writers take an exclusive ``flock`` around check-and-write, readers a shared
one, so a reader never sees half a batch that a live writer is writing. A
writer killed mid-append can leave a torn tail: a last line without its
newline, or a multi-event batch cut short (its records carry ``batch_end``).
Opening such a file raises `CorruptRecord` naming the line; opening it with
``repair=True`` truncates exactly that tail and warns with what it dropped.
Every other problem is reported, never skipped. POSIX only (``fcntl``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path

import attrs

from tradedispute.codec.chain import GENESIS, chain_head
from tradedispute.codec.converter import RecordedEvent, decode
from tradedispute.codec.jsonio import loads
from tradedispute.core.corrections import Entry
from tradedispute.exceptions import (
    CorruptRecord,
    InvalidQuery,
    RecordError,
    StorageError,
    UnsupportedFile,
)
from tradedispute.stores.checkpoint_table import SQLiteCheckpointTable
from tradedispute.stores.protocol import (
    ChainsRecords,
    CheckpointTable,
    Clock,
    ImportsRecords,
    KeepsCheckpoints,
    ScansRecords,
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

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows has no flock
    fcntl = None  # type: ignore[assignment]

#: The file suffix of JSON Lines logs.
SUFFIXES = (".jsonl",)


class RepairWarning(UserWarning):
    """``repair=True`` dropped the torn tail of a JSON Lines log."""


@attrs.frozen
class _Tail:
    """A torn tail: where it starts and what it holds."""

    offset: int
    line: int
    data: bytes


@attrs.frozen
class _Scan:
    """The complete records found from some offset, and any torn tail after them."""

    records: list[RecordedEvent]
    end: int
    lines: int
    tail: _Tail | None


def _read_from(fd: int, offset: int, location: str) -> bytes:
    try:
        size = os.fstat(fd).st_size
        return os.pread(fd, max(size - offset, 0), offset)
    except OSError as error:
        raise StorageError(
            f"{location}: the log cannot be read ({error.strerror or error})",
            location=location,
        ) from error


class JsonLinesStore(
    KeepsCheckpoints, ScansRecords, ChainsRecords, Upgrades, ImportsRecords
):
    """A log kept in a ``.jsonl`` file, one record per line.

    Args:
        path: The file; created if it does not exist (its folder must).
        repair: Truncate a torn tail left by a killed writer instead of
            raising `CorruptRecord`; a `RepairWarning` says what was dropped.
        read_only: Open for reading only: the file is opened read-only,
            nothing is ever written (no sidecar of checkpoints either), and
            `writing` and `append` raise `ReadOnlyLog`.
        create: Create the file if it is missing; with ``False`` (or
            *read_only*) a missing file is `UnsupportedFile`.
        clock: Where commit times come from (UTC); for tests.

    Raises:
        UnsupportedFile: the path is a folder, or the file is missing and
            may not be created.
        StorageError: the file cannot be opened (permissions, say).
        InvalidQuery: *repair* with *read_only*: repairing writes.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        repair: bool = False,
        read_only: bool = False,
        create: bool = True,
        clock: Clock = utc_now,
    ) -> None:
        self._path = Path(path)
        if fcntl is None:  # pragma: no cover - Windows has no flock
            raise UnsupportedFile(
                f"{self._path}: JSON Lines logs need POSIX file locks (fcntl), "
                "which this platform lacks; keep the log in a .sqlite file",
                path=str(self._path),
            )
        if repair and read_only:
            raise InvalidQuery(
                f"{self._path}: repair=True cuts a torn tail off the file, so it "
                "cannot go with read_only=True; pass one of them"
            )
        self._repair = repair
        self._read_only = read_only
        self._clock = clock
        if self._path.is_dir():
            raise UnsupportedFile(
                f"{self._path} is a folder; give the path of a .jsonl file",
                path=str(self._path),
            )
        existed = self._path.exists()
        if not existed and (read_only or not create):
            raise missing_log(self._path, read_only=read_only)
        flags = os.O_RDONLY if read_only else os.O_RDWR | os.O_CREAT | os.O_APPEND
        try:
            self._fd = os.open(self._path, flags, 0o644)
            if not existed:
                # Make the new file's name durable too.
                folder = os.open(self._path.parent, os.O_RDONLY)
                try:
                    os.fsync(folder)
                finally:
                    os.close(folder)
        except OSError as error:
            advice = (
                "; open it with read_only=True to read it"
                if isinstance(error, PermissionError) and not read_only
                else ""
            )
            raise StorageError(
                f"{self._path}: cannot open the log ({error.strerror or error})"
                f"{advice}",
                location=str(self._path),
            ) from error
        # What this store has read: byte offset, line and seq of the end of
        # the last complete batch, and the last commit time.
        self._offset = 0
        self._lines = 0
        self._version = 0
        self._last: RecordedEvent | None = None
        # The ids of the records read, kept once an import asks for them.
        self._ids: set[str] | None = None
        # While `writing` holds the exclusive lock, reads and appends must not
        # take (and on leaving, drop) a lock of their own: flock on one file
        # description converts, it does not stack.
        self._writing = 0
        self._sidecar: SQLiteCheckpointTable | None = None
        self._sidecar_db: sqlite3.Connection | None = None

    @property
    def location(self) -> str:
        """The file's path."""
        return str(self._path)

    def checkpoint_table(self, *, create: bool) -> CheckpointTable | None:
        """Return the checkpoints in the sidecar file beside the log.

        The sidecar (the log's path plus ``.checkpoints``) is a SQLite file.
        It is created only when *create* is true; a sidecar that cannot be
        read is left alone and no checkpoints are used.
        """
        if self._sidecar is None:
            path = self._sidecar_path
            if (not create or self._read_only) and not path.is_file():
                return None
            try:
                if self._read_only:
                    db = sqlite3.connect(
                        f"{path.resolve().as_uri()}?mode=ro",
                        uri=True,
                        isolation_level=None,
                    )
                else:
                    db = sqlite3.connect(path, timeout=60.0, isolation_level=None)
            except sqlite3.Error:
                return None
            try:
                self._sidecar = SQLiteCheckpointTable(
                    db, location=str(path), create=not self._read_only
                )
            except StorageError:
                db.close()
                return None
            self._sidecar_db = db
        return self._sidecar

    @property
    def _sidecar_path(self) -> Path:
        """The SQLite file beside the log that holds its checkpoints."""
        return self._path.with_name(self._path.name + ".checkpoints")

    def upgrade(self) -> list[str]:
        """Replace a sidecar of checkpoints of the old format; return what was done.

        The records themselves are not rewritten: rewriting a file other
        processes may hold open is not safe. Records written before logs
        were chained stay without a hash; the chain covers them all the
        same, from the next append on.
        """
        with self.writing():
            self.checkpoint_table(create=False)
            if self._sidecar is None or self._sidecar.current:
                return []
            self._close_sidecar()
            self._sidecar_path.unlink()
        return ["removed the sidecar of checkpoints of the old format"]

    def _close_sidecar(self) -> None:
        if self._sidecar_db is not None:
            self._sidecar_db.close()
        self._sidecar = None
        self._sidecar_db = None

    def version(self) -> int:
        """Return the number of events read so far."""
        return self._version

    def read(self, *, after: int = 0) -> Iterator[RecordedEvent]:
        """Yield the events with ``seq > after``, reading what others appended."""
        if after != self._version:
            self._offset, self._lines, self._version, self._last = 0, 0, 0, None
            self._ids = None
        with self._locked(fcntl.LOCK_SH):
            scan = self._scan(_read_from(self._fd, self._offset, self.location))
        if scan.tail is not None:
            scan = self._handle_tail(scan.tail)
        self._advance(scan)
        return iter([record for record in scan.records if record.seq > after])

    def scan(self) -> Iterator[tuple[str, RecordedEvent | RecordError]]:
        """Yield every line's record, or its error with its line number.

        Reads the whole file under a shared lock. A last line without its
        newline (a torn record) yields a `CorruptRecord` for that line.
        """
        with self._locked(fcntl.LOCK_SH):
            data = _read_from(self._fd, 0, self.location)
        lines = data.split(b"\n")
        torn = lines.pop()  # after the last newline: empty unless torn
        for number, line in enumerate(lines, start=1):
            place = f"{self.location}, line {number}"
            try:
                yield place, decode(line, location=self.location, line=number)
            except RecordError as error:
                yield place, error
        if torn:
            last = len(lines) + 1
            where = f"{self.location}, line {last}"
            yield (
                where,
                CorruptRecord(
                    f"{where}: the file ends in a torn record (no final "
                    "newline): a writer stopped mid-append",
                    location=self.location,
                    line=last,
                ),
            )

    def _stored_lines(self) -> list[bytes]:
        """The complete lines of the file as stored, up to what was read.

        For `append`, which holds the exclusive lock: taking a lock here
        would turn it into a shared one.
        """
        data = _read_from(self._fd, 0, self.location)[: self._offset]
        return data.split(b"\n")[:-1] if data else []

    def _head(self) -> str:
        """The chain's hash after the last record read: the one an append follows."""
        if self._last is None:
            return GENESIS
        if self._last.hash is not None:
            return self._last.hash
        # Records written before logs were chained: compute it.
        return chain_head(self._stored_lines())

    def chain(self) -> Iterator[tuple[int, str, str | None]]:
        """Return each record's hash by the chain, and the one it carries.

        Reads the file's complete records as they are stored.
        """
        with self._locked(fcntl.LOCK_SH):
            data = _read_from(self._fd, 0, self.location)
        return numbered_hashes(self.location, data.split(b"\n")[:-1])

    def _advance(self, scan: _Scan) -> None:
        self._offset = scan.end
        self._lines = scan.lines
        if scan.records:
            self._last = scan.records[-1]
            self._version = self._last.seq
            if self._ids is not None:
                self._ids.update(record.event.id for record in scan.records)

    def _scan(self, data: bytes) -> _Scan:
        """Decode the complete batches in *data*, which starts at the read offset."""
        records: list[RecordedEvent] = []
        batch: list[RecordedEvent] = []
        batch_start = (self._offset, self._lines + 1)
        previous = self._version
        position = 0
        line = self._lines
        end, end_line = self._offset, self._lines
        while position < len(data):
            newline = data.find(b"\n", position)
            if newline == -1:
                break
            line += 1
            record = decode(data[position:newline], location=self.location, line=line)
            if record.seq != previous + 1:
                raise CorruptRecord(
                    f"{self.location}, line {line} (seq {record.seq}): seq "
                    f"{record.seq} follows seq {previous}; records are numbered "
                    "1, 2, 3, ... with none missing or repeated",
                    location=self.location,
                    line=line,
                    seq=record.seq,
                    field="seq",
                )
            self._check_batch(batch, record, line)
            if not batch:
                batch_start = (self._offset + position, line)
            batch.append(record)
            previous = record.seq
            position = newline + 1
            if record.batch_end is None or record.batch_end == record.seq:
                records.extend(batch)
                batch = []
                end, end_line = self._offset + position, line
        if end < self._offset + len(data):
            offset, first_line = batch_start if batch else (end, end_line + 1)
            tail = _Tail(offset, first_line, data[offset - self._offset :])
            return _Scan(records, end, end_line, tail)
        return _Scan(records, end, end_line, None)

    def _check_batch(
        self, batch: list[RecordedEvent], record: RecordedEvent, line: int
    ) -> None:
        expected = batch[0].batch_end if batch else None
        if record.batch_end != expected and batch:
            raise CorruptRecord(
                f"{self.location}, line {line} (seq {record.seq}): the batch "
                f"begun at seq {batch[0].seq} should run to seq {expected}, "
                f"but this record has batch_end {record.batch_end}",
                location=self.location,
                line=line,
                seq=record.seq,
                field="batch_end",
            )

    def _handle_tail(self, tail: _Tail) -> _Scan:
        size = len(tail.data)
        if not self._repair:
            raise CorruptRecord(
                f"{self.location}, line {tail.line}: the file ends in a torn "
                f"record ({size} bytes from line {tail.line} on): a writer "
                "stopped mid-append. Open it with EventLog.open(path, "
                "repair=True) to drop that tail; nothing before it is lost",
                location=self.location,
                line=tail.line,
            )
        with self._locked(fcntl.LOCK_EX):
            # Under the exclusive lock, read again: only truncate what is
            # still a torn tail, never a batch another writer just finished.
            scan = self._scan(_read_from(self._fd, self._offset, self.location))
            if scan.tail is not None:
                os.ftruncate(self._fd, scan.tail.offset)
                os.fsync(self._fd)
                warnings.warn(
                    RepairWarning(
                        f"{self.location}: dropped a torn tail of {len(scan.tail.data)}"
                        f" bytes from line {scan.tail.line}: "
                        f"{scan.tail.data[:200]!r}"
                    ),
                    stacklevel=6,  # the caller of EventLog.open
                )
        return attrs.evolve(scan, tail=None)

    @contextlib.contextmanager
    def _locked(self, mode: int) -> Iterator[None]:
        if self._writing:
            yield
            return
        fcntl.flock(self._fd, mode)
        try:
            yield
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the file's exclusive lock: other writers wait until it exits.

        Raises:
            ReadOnlyLog: the store was opened read-only.
        """
        if self._read_only:
            raise read_only_error(self.location)
        with self._locked(fcntl.LOCK_EX):
            self._writing += 1
            try:
                yield
            finally:
                self._writing -= 1

    @contextlib.contextmanager
    def _writing_at(self, expected_version: int) -> Iterator[None]:
        """Hold the exclusive lock, if the file holds *expected_version* events.

        Raises:
            ConcurrencyError: the file holds another number of events.
            ReadOnlyLog: the store was opened read-only.
        """
        if self._read_only:
            raise read_only_error(self.location)
        with self._locked(fcntl.LOCK_EX):
            size = os.fstat(self._fd).st_size
            if expected_version != self._version or size != self._offset:
                unread = _read_from(self._fd, self._offset, self.location).count(b"\n")
                raise conflict(
                    self.location,
                    expected=expected_version,
                    actual=self._version + unread,
                )
            yield

    def append(
        self, events: Sequence[Entry], *, expected_version: int
    ) -> list[RecordedEvent]:
        """Append *events* as one batch if the file holds *expected_version* events.

        Flushed and fsynced before it returns.

        Raises:
            ConcurrencyError: the file holds another number of events.
            ReadOnlyLog: the store was opened read-only.
            StorageError: the write failed; the file is as it was.
        """
        with self._writing_at(expected_version):
            return self._write(
                stamp(
                    events, after=self._version, last=self._last_time, clock=self._clock
                )
            )

    def import_records(
        self, records: Sequence[RecordedEvent], *, expected_version: int
    ) -> list[RecordedEvent]:
        """Append *records* as recorded (`ImportsRecords`): one batch, like `append`.

        An id already in the file is found from the ids read, kept in memory
        from the first import on.
        """
        with self._writing_at(expected_version):
            check_imported(
                self.location,
                records,
                expected_version=expected_version,
                last=self._last_time,
            )
            taken = duplicate_id(
                self.location,
                (record.event for record in records),
                self._taken_ids().__contains__,
            )
            if taken is not None:
                raise taken
            return self._write(list(records))

    @property
    def _last_time(self) -> dt.datetime | None:
        """The commit time of the last record read."""
        return self._last.recorded_at if self._last else None

    def _taken_ids(self) -> set[str]:
        """The ids of the records read, kept up to date from the first call on."""
        if self._ids is None:
            self._ids = {loads(line)["id"] for line in self._stored_lines()}
        return self._ids

    def _write(self, records: list[RecordedEvent]) -> list[RecordedEvent]:
        """Write numbered, stamped *records* as one batch, chained; fsync.

        What `append` and `import_records` share, under the exclusive lock
        once the version is checked. Returns them as written.
        """
        if not records:
            return []
        batch_end = records[-1].seq if len(records) > 1 else None
        lines = chained(records, self._head(), batch_end=batch_end)
        blob = b"".join(line + b"\n" for line, _ in lines)
        written_records = [record for _, record in lines]
        try:
            written = 0
            while written < len(blob):
                written += os.write(self._fd, blob[written:])
            os.fsync(self._fd)
        except BaseException as error:
            # Leave the file exactly as it was.
            os.ftruncate(self._fd, self._offset)
            if isinstance(error, OSError):
                raise StorageError(
                    f"{self.location}: the events could not be written "
                    f"({error.strerror or error}); the file is as it was: "
                    "nothing was written",
                    location=self.location,
                ) from error
            raise
        self._advance(
            _Scan(
                written_records,
                self._offset + len(blob),
                self._lines + len(written_records),
                None,
            )
        )
        return written_records

    def close(self) -> None:
        """Close the file (and its sidecar of checkpoints, if open)."""
        self._close_sidecar()
        with contextlib.suppress(OSError):
            os.close(self._fd)
