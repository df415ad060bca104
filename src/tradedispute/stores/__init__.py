"""Where logs keep their events: the store protocol, its capabilities, and the stores.

Most code never touches a store: ``EventLog()`` keeps events in memory and
``EventLog.open(path)`` picks a store from the path (`open_store`). Use this
module to pass a store explicitly (``EventLog(store=SQLiteStore(path))``),
or to write a store of your own: implement `EventStore`, subclass the
capabilities it has (`KeepsCheckpoints`, `ReadsTail`, `StreamsReplayOrder`,
`ScansRecords`),
and run the contract suite `tradedispute.testing.stores` against it.
"""

from typing import TYPE_CHECKING, Any

from tradedispute.stores.jsonl import JsonLinesStore, RepairWarning
from tradedispute.stores.memory import MemoryStore
from tradedispute.stores.opener import open_store, postgres_store
from tradedispute.stores.protocol import (
    CheckpointTable,
    Clock,
    EventStore,
    ImportsRecords,
    KeepsCheckpoints,
    NotifiesAppends,
    ReadsTail,
    ScansRecords,
    StoredCheckpoint,
    StreamsReplayOrder,
    Tail,
    TransactionalAppends,
    utc_now,
)
from tradedispute.stores.sqlite import SQLiteStore
from tradedispute.stores.streaming import stream_state_at

__all__ = [
    "CheckpointTable",
    "Clock",
    "EventStore",
    "ImportsRecords",
    "JsonLinesStore",
    "KeepsCheckpoints",
    "MemoryStore",
    "NotifiesAppends",
    "PostgresStore",
    "ReadsTail",
    "RepairWarning",
    "SQLiteStore",
    "ScansRecords",
    "StoredCheckpoint",
    "StreamsReplayOrder",
    "Tail",
    "TransactionalAppends",
    "open_store",
    "stream_state_at",
    "utc_now",
]

if TYPE_CHECKING:
    from tradedispute.stores.postgres import PostgresStore


def __getattr__(name: str) -> Any:
    """Import `PostgresStore` when first asked for: it needs the ``postgres`` extra."""
    if name == "PostgresStore":
        return postgres_store()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
