"""The in-memory store: what ``EventLog()`` uses."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

from tradedispute.codec.chain import hashes_of
from tradedispute.codec.converter import RecordedEvent, encode_chained
from tradedispute.core.corrections import Entry
from tradedispute.stores.protocol import ChainsRecords, Clock, conflict, stamp, utc_now


class MemoryStore(ChainsRecords):
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

    def _stored(self) -> list[bytes]:
        return [
            encode_chained(r.event, seq=r.seq, recorded_at=r.recorded_at)[0]
            for r in self._records
        ]

    def chain(self) -> Iterator[tuple[int, str, str | None]]:
        """Yield each record's hash by the chain, and the one it carries.

        Records in memory carry none (only those given at the start may):
        the chain of a log in memory is computed when asked, so appends pay
        nothing for it.
        """
        computed = hashes_of(self._stored())
        for record, (digest, _) in zip(self._records, computed, strict=True):
            yield record.seq, digest, record.hash

    def close(self) -> None:
        """Nothing to release."""
