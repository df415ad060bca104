"""The storage protocol behind `EventLog`, and the in-memory store.

A store keeps recorded events in append order. It does not validate them:
the log replays before it appends. It guarantees what only storage can:
an append is atomic, lands only if the store is still at the version the
caller expected, and is stamped with a commit time that never decreases.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol, runtime_checkable

from tradedispute.codec.converter import RecordedEvent
from tradedispute.core.corrections import Entry
from tradedispute.exceptions import ConcurrencyError

Clock = Callable[[], dt.datetime]
"""Returns the current time, timezone-aware."""


def utc_now() -> dt.datetime:
    """Return the current time in UTC (the stores' default clock)."""
    return dt.datetime.now(dt.UTC)


@runtime_checkable
class EventStore(Protocol):
    """Where a log's events are kept: the small protocol every store implements.

    Implementations: `MemoryStore`, `JsonLinesStore`, `SQLiteStore`. A new
    one passes the contract suite in ``tests/test_store_contract.py``.
    """

    @property
    def location(self) -> str:
        """Where the events are (a path, or ``":memory:"``), for messages."""
        ...

    def version(self) -> int:
        """Return the number of events committed, as far as this store has read."""
        ...

    def read(self, *, after: int = 0) -> Iterator[RecordedEvent]:
        """Yield the committed events with ``seq > after``, in append order.

        Reading also picks up events other processes committed since.
        """
        ...

    def writing(self) -> contextlib.AbstractContextManager[None]:
        """Hold the store's write lock: no other writer commits until it exits.

        Inside, `read` sees every committed event, so a log can read, validate
        and append without racing another process. May be nested.
        """
        ...

    def append(
        self, events: Sequence[Entry], *, expected_version: int
    ) -> list[RecordedEvent]:
        """Commit *events* atomically, numbered from ``expected_version + 1``.

        Durable when it returns.

        Raises:
            ConcurrencyError: the store holds more (or fewer) events than
                *expected_version*; nothing was written.
        """
        ...

    def close(self) -> None:
        """Release files and connections; the store is unusable after."""
        ...


def stamp(
    events: Sequence[Entry], *, after: int, last: dt.datetime | None, clock: Clock
) -> list[RecordedEvent]:
    """Number *events* from ``after + 1`` and stamp them with the commit time.

    The time never goes back along ``seq``: if the clock reads earlier than
    the last commit, the last commit's time is used.
    """
    now = clock().astimezone(dt.UTC)
    if last is not None and now < last:
        now = last
    return [
        RecordedEvent(seq=after + n, recorded_at=now, event=event)
        for n, event in enumerate(events, start=1)
    ]


def conflict(location: str, *, expected: int, actual: int) -> ConcurrencyError:
    """Return the error for an append that expected another version."""
    return ConcurrencyError(
        f"{location}: the log is at version {actual}, not {expected} as the "
        "append expected; another writer appended since: read it and retry",
        expected_version=expected,
        actual_version=actual,
    )


class MemoryStore:
    """Keeps events in memory: what ``EventLog()`` uses. Gone when the process ends.

    Args:
        records: Recorded events to start with, numbered 1, 2, 3, ... (for
            example read from a file that should not be written to).
        clock: Where commit times come from (UTC); for tests.
        location: What error messages call this store.
    """

    def __init__(
        self,
        records: Sequence[RecordedEvent] = (),
        *,
        clock: Clock = utc_now,
        location: str = ":memory:",
    ) -> None:
        self._records: list[RecordedEvent] = list(records)
        self._clock = clock
        self._location = location
        for expected, record in enumerate(self._records, start=1):
            if record.seq != expected:
                raise ValueError(
                    f"records must be numbered 1, 2, 3, ...; got seq {record.seq} "
                    f"in place {expected}"
                )

    @property
    def location(self) -> str:
        """``":memory:"``, unless given another name."""
        return self._location

    def version(self) -> int:
        """Return the number of events held."""
        return len(self._records)

    def read(self, *, after: int = 0) -> Iterator[RecordedEvent]:
        """Yield the events with ``seq > after``, in append order."""
        return iter(self._records[after:])

    def writing(self) -> contextlib.AbstractContextManager[None]:
        """Nothing to lock: one process, one list."""
        return contextlib.nullcontext()

    def append(
        self, events: Sequence[Entry], *, expected_version: int
    ) -> list[RecordedEvent]:
        """Append *events* if the store holds *expected_version* events."""
        if expected_version != len(self._records):
            raise conflict(
                self.location, expected=expected_version, actual=len(self._records)
            )
        last = self._records[-1].recorded_at if self._records else None
        recorded = stamp(events, after=expected_version, last=last, clock=self._clock)
        self._records.extend(recorded)
        return recorded

    def close(self) -> None:
        """Nothing to release."""
