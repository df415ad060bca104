"""Where logs keep their events: the store protocol and its three implementations.

Most code never touches a store: ``EventLog()`` keeps events in memory and
``EventLog.open(path)`` picks a store from the file's suffix. Use this module
to pass a store explicitly (``EventLog(store=SQLiteStore(path))``), or to
write a store of your own: implement `EventStore` and run the contract suite
(``tests/test_store_contract.py``) against it.
"""

from tradedispute.stores.jsonl import JsonLinesStore, RepairWarning
from tradedispute.stores.protocol import Clock, EventStore, MemoryStore, utc_now
from tradedispute.stores.sqlite import SQLiteStore
from tradedispute.stores.streaming import stream_state_at

__all__ = [
    "Clock",
    "EventStore",
    "JsonLinesStore",
    "MemoryStore",
    "RepairWarning",
    "SQLiteStore",
    "stream_state_at",
    "utc_now",
]
