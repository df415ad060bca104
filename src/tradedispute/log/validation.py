"""Checking a whole log file: every problem found, each with its place.

``tradedispute validate`` runs `validate`. A store that `ScansRecords`
(JSON Lines) is read record by record, so that every record that cannot be
read, every gap in ``seq`` and every event that does not replay is reported
with its line; then, when those are clean, the log is opened as
`EventLog.open` does, without checkpoints, so every event is replayed and
what the scan cannot see (a batch cut short, say) is found too. A store
that cannot scan is only opened, and reports the first problem.
"""

from __future__ import annotations

import os

import attrs

from tradedispute.exceptions import RecordError, TradeDisputeError, UnsupportedFile
from tradedispute.log.eventlog import EventLog
from tradedispute.stores.opener import open_store, store_type
from tradedispute.stores.protocol import ScansRecords


@attrs.frozen
class Validation:
    """What `validate` found.

    Attributes:
        events: How many records could be read (entries, corrections
            included).
        problems: Each problem, one message each, in the order found.
    """

    events: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """Whether no problem was found."""
        return not self.problems


def validate(path: str | os.PathLike[str]) -> Validation:
    """Check the log at *path* end to end, replaying every event.

    Raises:
        UnsupportedFile: the path's suffix names no kind of log. (A file
            that is not a log of its kind is a problem found, not an error.)
    """
    problems: list[str] = []
    count = 0
    try:
        store = open_store(path, read_only=True)
    except UnsupportedFile as error:
        if store_type(path) is None:
            raise
        return Validation(0, (str(error),))
    try:
        if isinstance(store, ScansRecords):
            count = _scan(store, problems)
    finally:
        store.close()
    if not problems:
        try:
            with EventLog.open(path, read_only=True, checkpoints=False) as log:
                count = len(log)
        except TradeDisputeError as error:
            problems.append(str(error))
    return Validation(count, tuple(problems))


def _scan(store: ScansRecords, problems: list[str]) -> int:
    """Scan every record into a log in memory, noting each problem; the count."""
    checker = EventLog()
    previous: int | None = 0  # None after a record that could not be read
    count = 0
    for place, found in store.scan():
        if isinstance(found, RecordError):
            problems.append(str(found))
            previous = None
            continue
        count += 1
        where = f"{place} (seq {found.seq})"
        if previous is not None and found.seq != previous + 1:
            problems.append(
                f"{where}: seq {found.seq} follows seq {previous}; records are "
                "numbered 1, 2, 3, ... with none missing or repeated"
            )
        previous = found.seq
        try:
            checker.append(found.event)
        except TradeDisputeError as error:
            problems.append(f"{where}: {error}")
    return count
