"""The shipped store contract, run against each of our three stores."""

from pathlib import Path

from tradedispute.stores import EventStore, JsonLinesStore, MemoryStore, SQLiteStore
from tradedispute.testing import stores


class TestMemoryStore(stores.StoreContract):
    persistent = False

    def open_store(self, folder: Path, clock: stores.FakeClock) -> EventStore:
        return MemoryStore(clock=clock)


class TestJsonLinesStore(stores.CheckpointsContract):
    def open_store(self, folder: Path, clock: stores.FakeClock) -> EventStore:
        return JsonLinesStore(folder / "log.jsonl", clock=clock)


class TestSQLiteStore(stores.TailContract, stores.StreamingContract):
    def open_store(self, folder: Path, clock: stores.FakeClock) -> EventStore:
        return SQLiteStore(folder / "log.sqlite", clock=clock)
