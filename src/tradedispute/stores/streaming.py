"""Replay straight from a store that streams, in bounded memory.

`EventLog` holds a log's events in memory, which is what makes its
questions fast. `stream_state_at` instead folds the rows as SQLite yields
them in replay order, holding only the state and the log's corrections: for
one question on a log too large to hold, or to check a file end to end.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from tradedispute._runtime import collector_paused
from tradedispute.core.arguments import DayLike, check_day, check_moment
from tradedispute.core.replay import replay, state_on
from tradedispute.core.state import DisputeState
from tradedispute.exceptions import UnsupportedFile
from tradedispute.stores.opener import open_store, store_type
from tradedispute.stores.protocol import EventStore, StreamsReplayOrder


def stream_state_at(
    path: str | os.PathLike[str],
    date: DayLike = dt.date.max,
    *,
    known_at: dt.datetime | None = None,
) -> DisputeState:
    """Return what was in force on *date*, folding a SQL log row by row.

    The answer equals ``EventLog.open(path).state_at(date, known_at=...)``,
    but memory does not grow with the number of events: rows are read in
    replay order through the table's (effective, seq) index, and only the
    state and the corrections are held.

    Args:
        path: A SQLite log (``.sqlite`` or ``.db``), which must exist, or
            a PostgreSQL log's URL (opened read-only).
        date: The day asked about; by default, after every event.
        known_at: Answer as the record stood at this moment (an aware
            `datetime`); `None` means now.

    Raises:
        UnsupportedFile: *path* is missing, not a log, or a log whose store
            cannot stream (a JSON Lines log).
        InvalidQuery: *date* is not a date, or *known_at* not an aware
            `datetime`.
        CorruptRecord: a record is malformed.
        InvalidTransition: the stored events do not replay.
    """
    date = check_day("date", date)
    if known_at is not None:
        check_moment(known_at)
    if "://" in os.fspath(path):
        store = open_store(path, read_only=True)  # a server's URL
        if not isinstance(store, StreamsReplayOrder):  # pragma: no cover - none yet
            store.close()
            raise UnsupportedFile(
                f"{store.location}: this store cannot stream; open it with "
                "EventLog.open instead",
                path=store.location,
            )
        return _fold(store, date, known_at)
    where = Path(path)
    kind = store_type(where)
    if kind is None or not issubclass(kind, StreamsReplayOrder):
        raise UnsupportedFile(
            f"{where}: streaming reads stores that yield events in replay "
            "order (SQLite: .sqlite, .db), and this path names none; open it "
            "with EventLog.open instead",
            path=str(where),
        )
    if not where.is_file():
        raise UnsupportedFile(f"{where}: no such log file", path=str(where))
    return _fold(open_store(where), date, known_at)


def _fold(
    store: EventStore, date: dt.date, known_at: dt.datetime | None
) -> DisputeState:
    try:
        assert isinstance(store, StreamsReplayOrder)  # as its class declares
        with collector_paused():
            return state_on(
                replay(store.replay_order(until=date, known_at=known_at)), date
            )
    finally:
        store.close()
