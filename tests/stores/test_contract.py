"""The shipped store contract, run against each of our four stores."""

from pathlib import Path
from typing import ClassVar

import pytest

from tests.helpers import schema_for
from tradedispute.stores import (
    EventStore,
    JsonLinesStore,
    MemoryStore,
    PostgresStore,
    SQLiteStore,
)
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


@pytest.mark.usefixtures("_postgres_for_class")
class TestPostgresStore(stores.TailContract, stores.StreamingContract):
    """The same contract on a real server: each test's log in a schema of its own."""

    url: ClassVar[str]

    def open_store(self, folder: Path, clock: stores.FakeClock) -> EventStore:
        return PostgresStore(self.url, schema=schema_for(folder), clock=clock)


@pytest.fixture(scope="class")
def _postgres_for_class(request: pytest.FixtureRequest, postgres_url: str) -> None:
    request.cls.url = postgres_url
