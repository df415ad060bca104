"""The SQLite log's schema: checking a file is a log, before writing; upgrading one.

`SQLiteStore` opens through these: `inspect_read_only` and `check_schema`
refuse a database of another program without changing a byte, and
`upgrade` brings a log of an earlier version up to date when asked.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tradedispute.codec.chain import hashes_of, is_hash
from tradedispute.exceptions import UnsupportedFile
from tradedispute.stores.checkpoint_table import SQLiteCheckpointTable

TABLE = """
CREATE TABLE IF NOT EXISTS events (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    effective TEXT,
    record TEXT NOT NULL
)
"""
#: What a log has besides its table, each made by one statement: the index
#: of the replay order and the append-only triggers, by name.
PARTS = {
    "events_replay_order": (
        "CREATE INDEX IF NOT EXISTS events_replay_order ON events (effective, seq)"
    ),
    "events_append_only_update": """
CREATE TRIGGER IF NOT EXISTS events_append_only_update
BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'tradedispute logs are append-only: events cannot be updated');
END
""",
    "events_append_only_delete": """
CREATE TRIGGER IF NOT EXISTS events_append_only_delete
BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'tradedispute logs are append-only: events cannot be deleted');
END
""",
}

#: The columns of the ``events`` table, in order.
COLUMNS = ("seq", "id", "type", "recorded_at", "effective", "record")


def stored_hash(record: str | bytes) -> str | None:
    """The hash a stored record carries, if it is readable and has one."""
    try:
        stored = json.loads(record).get("hash")
    except (ValueError, AttributeError):
        return None
    return str(stored) if is_hash(stored) else None


def inspect_read_only(path: Path) -> None:
    """Refuse a foreign database through a read-only connection."""
    uri = path.resolve().as_uri()
    try:
        probe = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error:
        return  # the read-write connection will say why
    try:
        tables = {
            name
            for (name,) in probe.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            )
        }
        if tables:
            check_schema(probe, tables, path)
    except sqlite3.DatabaseError:
        return  # not a database, or unreadable: _set_up says which
    finally:
        probe.close()


def check_schema(db: sqlite3.Connection, tables: set[str], path: Path) -> None:
    """Refuse a database whose tables are not a log's, changing nothing."""
    problem = ""
    if "events" not in tables:
        problem = f"tables: {', '.join(sorted(tables))}; a log has an 'events' table"
    else:
        columns = [row[1] for row in db.execute("PRAGMA table_info(events)")]
        others = tables - {"events", "checkpoints"}
        if columns != list(COLUMNS):
            problem = (
                f"its 'events' table has the columns {', '.join(columns)}; a "
                f"log's has {', '.join(COLUMNS)}"
            )
        elif others:
            problem = f"it has tables a log has not: {', '.join(sorted(others))}"
    if problem:
        raise UnsupportedFile(
            f"{path} is a SQLite database of something else ({problem}). "
            "It was left as it was; give a new file's path for a log",
            path=str(path),
        )


def upgrade(db: sqlite3.Connection, location: str) -> list[str]:
    """Bring the log in *db* up to date; return what was done, in words.

    For `SQLiteStore.upgrade`, inside its transaction: the index and the
    append-only triggers a log lacks are made again; a checkpoints table of
    the old format is dropped (its rows are a cache); and every record
    written before logs were chained gets its ``hash``.
    """
    done: list[str] = []
    present = {name for (name,) in db.execute("SELECT name FROM sqlite_master")}
    missing = [name for name in PARTS if name not in present]
    for name in missing:
        db.execute(PARTS[name])
    if missing:
        done.append(f"made again: {', '.join(missing)}")
    table = SQLiteCheckpointTable(db, location=location, create=False)
    if "checkpoints" in present and not table.current:
        db.execute("DROP TABLE checkpoints")
        done.append("replaced the checkpoints table of the old format")
    chained = _chain_old_records(db)
    if chained:
        done.append(f"chained {chained} records written before hashes")
    return done


def _chain_old_records(db: sqlite3.Connection) -> int:
    """Give every record without a hash its hash; return how many."""
    rows = db.execute("SELECT seq, record FROM events ORDER BY seq").fetchall()
    raws = [record.encode("utf-8") for _, record in rows]
    updates = []
    for (seq, record), (digest, stored) in zip(rows, hashes_of(raws), strict=True):
        if stored is None:
            written = json.loads(record)
            written["hash"] = digest
            text = json.dumps(
                written, sort_keys=True, separators=(",", ":"), ensure_ascii=False
            )
            updates.append((text, seq))
    if updates:
        # The one rewrite of records there is, asked for: the triggers
        # are lifted for it and made again in the same transaction.
        db.execute("DROP TRIGGER IF EXISTS events_append_only_update")
        db.executemany("UPDATE events SET record = ? WHERE seq = ?", updates)
        db.execute(PARTS["events_append_only_update"])
    return len(updates)
