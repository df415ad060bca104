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

# One statement, run with execute: executescript would commit the
# transaction of the append it may be made in.
SCHEMA = """
CREATE TABLE IF NOT EXISTS checkpoints (
    position INTEGER PRIMARY KEY,
    version INTEGER NOT NULL,
    last_effective TEXT NOT NULL,
    last_id TEXT NOT NULL,
    state BLOB NOT NULL
)
"""


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
    """The ``checkpoints`` table of a SQLite connection, created if missing.

    Implements `tradedispute.stores.CheckpointTable`; every SQLite error is
    raised as `StorageError`.

    Args:
        db: The connection. Writes take effect as the connection commits:
            with a log's append for a SQLite log, at once for a sidecar.
        location: The database's path, for messages.
    """

    def __init__(self, db: sqlite3.Connection, *, location: str) -> None:
        self._db = db
        self._location = location
        with storage_errors(location, "creating the checkpoints table"):
            self._db.execute(SCHEMA)

    def load(self) -> list[StoredCheckpoint]:
        """Return every row that can be read, by position."""
        rows = []
        with storage_errors(self._location, "reading checkpoints"):
            found = self._db.execute(
                "SELECT position, version, last_effective, last_id, state "
                "FROM checkpoints ORDER BY position"
            ).fetchall()
        for position, version, last, last_id, state in found:
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
            ):
                rows.append(
                    StoredCheckpoint(position, version, day, last_id, bytes(state))
                )
        return rows

    def keep_only(self, positions: Iterable[int]) -> None:
        """Delete every row whose position is not among *positions*."""
        wanted = sorted(set(positions))
        marks = ", ".join("?" for _ in wanted)
        with storage_errors(self._location, "deleting checkpoints"):
            self._db.execute(
                f"DELETE FROM checkpoints WHERE position NOT IN ({marks})", wanted
            )

    def save(self, checkpoint: StoredCheckpoint) -> None:
        """Write *checkpoint*, replacing any row at its position."""
        with storage_errors(self._location, "writing a checkpoint"):
            self._db.execute(
                "INSERT OR REPLACE INTO checkpoints "
                "(position, version, last_effective, last_id, state) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    checkpoint.position,
                    checkpoint.version,
                    checkpoint.last_effective.isoformat(),
                    checkpoint.last_id,
                    checkpoint.state,
                ),
            )
