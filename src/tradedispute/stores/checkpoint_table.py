"""Checkpoints kept on disk, beside a log's events, in a SQLite table.

A SQLite log keeps them in its own database, in the table ``checkpoints``,
written in the same transaction as the append that made them. A JSON Lines
log keeps them in a sidecar SQLite file next to it (``dispute.jsonl`` →
``dispute.jsonl.checkpoints``), written while the log's lock is held.

Each row is the state after the first ``position`` events in replay order,
as the log stood at ``version`` (its number of entries), with the effective
date and the id of the last of those events. They are a cache: a row is
used only if nothing recorded after ``version`` lands at or before that date
(see `EventLog`), a row that cannot be read is ignored, and deleting the
table or the sidecar loses nothing but time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Iterable, Iterator

from tradedispute.exceptions import StorageError
from tradedispute.stores.protocol import StoredCheckpoint

# One statement each, run with execute: executescript would commit the
# transaction of the append it may be made in.
SCHEMA = (
    """
    CREATE TABLE IF NOT EXISTS checkpoints (
        position INTEGER NOT NULL,
        version INTEGER NOT NULL,
        last_effective TEXT NOT NULL,
        last_id TEXT NOT NULL,
        head TEXT NOT NULL,
        state BLOB NOT NULL,
        PRIMARY KEY (position, version)
    )
    """,
    """
    CREATE TRIGGER IF NOT EXISTS checkpoints_append_only_update
    BEFORE UPDATE ON checkpoints
    BEGIN
        SELECT RAISE(ABORT, 'tradedispute checkpoints are append-only: prune them');
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS checkpoints_append_only_delete
    BEFORE DELETE ON checkpoints
    BEGIN
        SELECT RAISE(ABORT, 'tradedispute checkpoints are append-only: prune them');
    END
    """,
)
_TRIGGERS = ("checkpoints_append_only_update", "checkpoints_append_only_delete")
_COLUMNS = ("position", "version", "last_effective", "last_id", "head", "state")


@contextlib.contextmanager
def storage_errors(location: str, doing: str) -> Iterator[None]:
    """Turn a SQLite error raised in the block into a `StorageError`."""
    try:
        yield
    except sqlite3.Error as error:
        raise StorageError(
            f"{location}: {doing} failed: {error}", location=location
        ) from error


class SQLiteCheckpointTable:
    """The ``checkpoints`` table of a SQLite connection.

    Implements `tradedispute.stores.CheckpointTable`; every SQLite error is
    raised as `StorageError`. Rows are append-only, as the events are:
    triggers refuse UPDATE and DELETE, and `prune` is the one way to remove
    rows. A table of the format before checkpoints were bound to the hash
    chain (no ``head`` column) is neither read nor written, and is replaced
    by ``tradedispute upgrade``.

    Args:
        db: The connection. Writes take effect as the connection commits:
            with a log's append for a SQLite log, at once for a sidecar.
        location: The database's path, for messages.
        create: Make the table if it is missing.
    """

    def __init__(
        self, db: sqlite3.Connection, *, location: str, create: bool = True
    ) -> None:
        self._db = db
        self._location = location
        with storage_errors(location, "opening the checkpoints table"):
            columns = tuple(
                row[1] for row in db.execute("PRAGMA table_info(checkpoints)")
            )
            if not columns and create:
                # All or nothing, in a transaction or not: no table without
                # its triggers.
                db.execute("SAVEPOINT checkpoints_made")
                try:
                    for statement in SCHEMA:
                        db.execute(statement)
                except BaseException:
                    db.execute("ROLLBACK TO checkpoints_made")
                    db.execute("RELEASE checkpoints_made")
                    raise
                db.execute("RELEASE checkpoints_made")
                columns = _COLUMNS
        #: Whether the table is of the current format (and exists).
        self.current = columns == _COLUMNS

    def load(self) -> list[StoredCheckpoint]:
        """Return every row that can be read, by position then version."""
        if not self.current:
            return []
        rows = []
        with storage_errors(self._location, "reading checkpoints"):
            found = self._db.execute(
                "SELECT position, version, last_effective, last_id, head, state "
                "FROM checkpoints ORDER BY position, version"
            ).fetchall()
        for position, version, last, last_id, head, state in found:
            try:
                day = dt.date.fromisoformat(last)
            except (TypeError, ValueError):
                continue
            if isinstance(state, str):
                state = state.encode("utf-8")
            if (
                isinstance(position, int)
                and isinstance(version, int)
                and isinstance(last_id, str)
                and isinstance(head, str)
                and isinstance(state, bytes | bytearray | memoryview)
            ):
                rows.append(
                    StoredCheckpoint(
                        position, version, day, last_id, head, bytes(state)
                    )
                )
        return rows

    def save(self, checkpoint: StoredCheckpoint) -> None:
        """Write *checkpoint*; one already there for its position and version stays."""
        if not self.current:
            raise StorageError(
                f"{self._location}: the checkpoints table is of an older format; "
                "run 'tradedispute upgrade' to replace it",
                location=self._location,
            )
        with storage_errors(self._location, "writing a checkpoint"):
            self._db.execute(
                "INSERT OR IGNORE INTO checkpoints "
                "(position, version, last_effective, last_id, head, state) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    checkpoint.position,
                    checkpoint.version,
                    checkpoint.last_effective.isoformat(),
                    checkpoint.last_id,
                    checkpoint.head,
                    checkpoint.state,
                ),
            )

    def prune(self, keep: Iterable[StoredCheckpoint]) -> None:
        """Delete every row but those in *keep*: the one way rows are removed.

        The append-only triggers are dropped and made again in the same
        transaction, which the caller holds (``store.writing()``).
        """
        wanted = {(c.position, c.version) for c in keep}
        with storage_errors(self._location, "pruning checkpoints"):
            for name in _TRIGGERS:
                self._db.execute(f"DROP TRIGGER IF EXISTS {name}")
            for position, version in self._db.execute(
                "SELECT position, version FROM checkpoints"
            ).fetchall():
                if (position, version) not in wanted:
                    self._db.execute(
                        "DELETE FROM checkpoints WHERE position = ? AND version = ?",
                        (position, version),
                    )
            for statement in SCHEMA[1:]:
                self._db.execute(statement)
