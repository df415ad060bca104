"""A PostgreSQL log's tables: made in one transaction, checked before any write.

A log lives in one schema of a database (``public`` unless asked): the
``events`` table, its replay-order index, the ``checkpoints`` table, and the
triggers that make both append-only. Triggers refuse UPDATE, DELETE and
TRUNCATE of events whoever asks, the table's owner included; checkpoints,
a cache, may be deleted only by `PostgresCheckpointTable.prune`, which says
so in its transaction. Several logs share a database in several schemas.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from typing import Any

import psycopg
from psycopg import sql

from tradedispute.exceptions import InvalidQuery, StorageError, UnsupportedFile
from tradedispute.stores.protocol import StoredCheckpoint

Connection = psycopg.Connection[tuple[Any, ...]]

#: The columns of the ``events`` table, in order.
COLUMNS = ("seq", "id", "type", "recorded_at", "effective", "record")
_CHECKPOINT_COLUMNS = (
    "position",
    "version",
    "last_effective",
    "last_id",
    "head",
    "state",
)

#: Each statement that makes a log, in order; ``{schema}`` is its schema.
DDL = (
    """
    CREATE TABLE {schema}.events (
        seq bigint PRIMARY KEY CHECK (seq > 0),
        id text NOT NULL UNIQUE,
        type text NOT NULL,
        recorded_at timestamptz NOT NULL,
        effective date,
        record text NOT NULL
    )
    """,
    "CREATE INDEX events_replay_order ON {schema}.events (effective, seq)",
    "COMMENT ON TABLE {schema}.events IS 'tradedispute event log: append-only'",
    """
    CREATE FUNCTION {schema}.tradedispute_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'tradedispute logs are append-only: % on %.% is refused',
            TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
            USING HINT = 'a correction is a new event: append an EventCorrected';
    END
    $$
    """,
    """
    CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON {schema}.events
    FOR EACH ROW EXECUTE FUNCTION {schema}.tradedispute_append_only()
    """,
    """
    CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON {schema}.events
    FOR EACH STATEMENT EXECUTE FUNCTION {schema}.tradedispute_append_only()
    """,
    """
    CREATE TABLE {schema}.checkpoints (
        position bigint NOT NULL,
        version bigint NOT NULL,
        last_effective date NOT NULL,
        last_id text NOT NULL,
        head text NOT NULL,
        state bytea NOT NULL,
        PRIMARY KEY (position, version)
    )
    """,
    """
    CREATE FUNCTION {schema}.tradedispute_checkpoints_guard() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE'
           AND current_setting('tradedispute.pruning', true) = 'on' THEN
            RETURN OLD;
        END IF;
        RAISE EXCEPTION 'tradedispute checkpoints are append-only: % is refused '
            '(tradedispute prunes them)', TG_OP;
    END
    $$
    """,
    """
    CREATE TRIGGER checkpoints_append_only
    BEFORE UPDATE OR DELETE ON {schema}.checkpoints
    FOR EACH ROW EXECUTE FUNCTION {schema}.tradedispute_checkpoints_guard()
    """,
    """
    CREATE TRIGGER checkpoints_no_truncate BEFORE TRUNCATE ON {schema}.checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION {schema}.tradedispute_checkpoints_guard()
    """,
)

_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def check_schema_name(name: str) -> str:
    """Return *name* if it can name a log's schema, else raise `InvalidQuery`."""
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise InvalidQuery(
            f"{name!r} cannot name a log's schema: use 1 to 63 lower-case "
            "letters, digits and _, starting with a letter or _ (like 'us_china')"
        )
    return name


def lock_key(schema: str) -> int:
    """The advisory lock that serialises the writers of the log in *schema*."""
    digest = hashlib.sha256(f"tradedispute log {schema}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def channel(schema: str) -> str:
    """The channel on which appends to the log in *schema* are notified."""
    return f"tradedispute.{schema}"


def statement(template: str, schema: str) -> sql.Composed:
    """Fill ``{schema}`` in *template* with the schema's quoted name."""
    return sql.SQL(template).format(schema=sql.Identifier(schema))


def _columns(db: Connection, schema: str, table: str) -> tuple[str, ...]:
    rows = db.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = %s AND table_name = %s ORDER BY ordinal_position",
        (schema, table),
    ).fetchall()
    return tuple(str(name) for (name,) in rows)


def set_up(
    db: Connection,
    schema: str,
    *,
    location: str,
    create: bool,
    read_only: bool,
) -> None:
    """Check the schema holds a log, before anything is written; make a new one.

    Two processes making the same log at once take turns on its advisory
    lock, so one makes it and the other finds it made.

    Raises:
        UnsupportedFile: the schema holds an ``events`` table that is not a
            log's (left as it was), or no log while *create* is false.
        StorageError: the log could not be made (no privilege to, say).
    """
    with db.transaction():
        if not read_only:
            db.execute("SELECT pg_advisory_xact_lock(%s)", (lock_key(schema),))
        columns = _columns(db, schema, "events")
        if columns:
            _check(db, schema, columns, location)
            return
        if read_only or not create:
            why = "read_only=True" if read_only else "create=False"
            raise UnsupportedFile(
                f"{location}: no log in the schema {schema!r} (and {why} does not "
                "make one)",
                path=location,
            )
        try:
            if not _schema_exists(db, schema):
                db.execute(statement("CREATE SCHEMA {schema}", schema))
            for template in DDL:
                db.execute(statement(template, schema))
        except psycopg.Error as error:
            raise StorageError(
                f"{location}: cannot make the log's tables ({error}); the role "
                "needs the CREATE privilege on the database or schema to make "
                "a log (see the team how-to), or open an existing one",
                location=location,
            ) from error


def _schema_exists(db: Connection, schema: str) -> bool:
    found = db.execute(
        "SELECT 1 FROM pg_namespace WHERE nspname = %s", (schema,)
    ).fetchone()
    return found is not None


def _check(
    db: Connection,
    schema: str,
    columns: tuple[str, ...],
    location: str,
) -> None:
    problem = ""
    if columns != COLUMNS:
        problem = (
            f"its 'events' table has the columns {', '.join(columns)}; a log's "
            f"has {', '.join(COLUMNS)}"
        )
    elif _columns(db, schema, "checkpoints") not in ((), _CHECKPOINT_COLUMNS):
        problem = "its 'checkpoints' table is not a log's"
    if problem:
        raise UnsupportedFile(
            f"{location} holds tables of something else ({problem}). They were "
            "left as they were; give another schema (?schema=NAME) for a log",
            path=location,
        )


class PostgresCheckpointTable:
    """The ``checkpoints`` table of a PostgreSQL log.

    Implements `tradedispute.stores.CheckpointTable`. Statements run on the
    connection *connection* gives: the writer's, inside
    `PostgresStore.writing`, so they commit with it.

    Args:
        connection: Gives a connection (the writer's, or one of the pool).
        schema: The log's schema.
        location: The log, for messages.
    """

    def __init__(
        self,
        connection: Callable[[str], AbstractContextManager[Connection]],
        *,
        schema: str,
        location: str,
    ) -> None:
        self._connection = connection
        self._schema = schema
        self._location = location

    def _sql(self, template: str) -> sql.Composed:
        return statement(template, self._schema)

    def load(self) -> list[StoredCheckpoint]:
        """Return every row, by position then version."""
        with self._connection("reading checkpoints") as db:
            rows = db.execute(
                self._sql(
                    "SELECT position, version, last_effective, last_id, head, state "
                    "FROM {schema}.checkpoints ORDER BY position, version"
                )
            ).fetchall()
        return [
            StoredCheckpoint(
                int(position), int(version), last, str(last_id), str(head), bytes(state)
            )
            for position, version, last, last_id, head, state in rows
        ]

    def save(self, checkpoint: StoredCheckpoint) -> None:
        """Write *checkpoint*; one already there for its position and version stays."""
        with self._connection("writing a checkpoint") as db:
            db.execute(
                self._sql(
                    "INSERT INTO {schema}.checkpoints "
                    "(position, version, last_effective, last_id, head, state) "
                    "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING"
                ),
                (
                    checkpoint.position,
                    checkpoint.version,
                    checkpoint.last_effective,
                    checkpoint.last_id,
                    checkpoint.head,
                    checkpoint.state,
                ),
            )

    def prune(self, keep: Iterable[StoredCheckpoint]) -> None:
        """Delete every row but those in *keep*, in the caller's transaction."""
        kept = list(keep)
        with self._connection("pruning checkpoints") as db:
            db.execute("SELECT set_config('tradedispute.pruning', 'on', true)")
            db.execute(
                self._sql(
                    "DELETE FROM {schema}.checkpoints WHERE (position, version) "
                    "NOT IN (SELECT * FROM unnest(%s::bigint[], %s::bigint[]))"
                ),
                ([c.position for c in kept], [c.version for c in kept]),
            )
            db.execute("SELECT set_config('tradedispute.pruning', 'off', true)")
