"""The in-memory store: what ``EventLog()`` uses."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence

from tradedispute.codec.chain import GENESIS, chain_head, hashes_of
from tradedispute.codec.converter import RecordedEvent, encode_chained
from tradedispute.core.corrections import Entry
from tradedispute.stores.protocol import (
    ChainsRecords,
    Clock,
    ImportsRecords,
    chained,
    check_imported,
    conflict,
    duplicate_id,
    stamp,
    utc_now,
)


class MemoryStore(ChainsRecords, ImportsRecords):
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
        # For imports, made when the first comes: the ids held, and the
        # chain's hash after the first so many records.
        self._ids: set[str] | None = None
        self._chained = (0, GENESIS)

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
        self._check_version(expected_version)
        return self._write(
            stamp(events, after=expected_version, last=self._last(), clock=self._clock)
        )

    def import_records(
        self, records: Sequence[RecordedEvent], *, expected_version: int
    ) -> list[RecordedEvent]:
        """Append *records* as recorded, if the store holds *expected_version* events.

        Unlike appended ones, they carry their hash by the chain.

        Raises:
            ConcurrencyError: the store holds another number of events.
            InvalidQuery: a ``seq`` is out of turn, or a commit time goes back.
            DuplicateEventId: an id is already in the store, or repeats.
        """
        self._check_version(expected_version)
        check_imported(
            self.location, records, expected_version=expected_version, last=self._last()
        )
        if self._ids is None:
            self._ids = {record.event.id for record in self._records}
        taken = duplicate_id(
            self.location, (record.event for record in records), self._ids.__contains__
        )
        if taken is not None:
            raise taken
        return self._write([record for _, record in chained(records, self._head())])

    def _check_version(self, expected_version: int) -> None:
        if expected_version != len(self._records):
            raise conflict(
                self.location, expected=expected_version, actual=len(self._records)
            )

    def _last(self) -> dt.datetime | None:
        return self._records[-1].recorded_at if self._records else None

    def _write(self, records: list[RecordedEvent]) -> list[RecordedEvent]:
        """Append stamped *records*: what `append` and `import_records` share."""
        self._records.extend(records)
        if self._ids is not None:
            self._ids.update(record.event.id for record in records)
        return records

    def _head(self) -> str:
        """The chain's hash after every record, computed from where it was known."""
        known, head = self._chained
        if self._records and self._records[-1].hash is not None:
            known, head = len(self._records), self._records[-1].hash
        head = chain_head(self._stored(known), head)
        self._chained = (len(self._records), head)
        return head

    def _stored(self, after: int = 0) -> list[bytes]:
        return [
            encode_chained(r.event, seq=r.seq, recorded_at=r.recorded_at)[0]
            for r in self._records[after:]
        ]

    def chain(self) -> Iterator[tuple[int, str, str | None]]:
        """Yield each record's hash by the chain, and the one it carries.

        Records appended in memory carry none (those given at the start,
        and imported ones, may): the chain of a log in memory is computed
        when asked, so appends pay nothing for it.
        """
        computed = hashes_of(self._stored())
        for record, (digest, _) in zip(self._records, computed, strict=True):
            yield record.seq, digest, record.hash

    def close(self) -> None:
        """Nothing to release."""
