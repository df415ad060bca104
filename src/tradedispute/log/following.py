"""Following a log: each entry committed to its store, once, in ``seq`` order.

`EventLog.follow` checks its arguments here and delegates the loop to
`follow_entries`. The store is the source of truth: the follower reads it,
and a wake-up (a notice from a `NotifiesAppends` store, or the end of a
pause) only says when to read again. The follower's place is the ``seq`` of
the last entry it yielded, and it moves only to an entry it has read, so a
lost or repeated notice costs time, never an entry.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator, Sequence

from tradedispute.codec.converter import RecordedEvent
from tradedispute.exceptions import InvalidQuery
from tradedispute.stores.protocol import EventStore, NotifiesAppends

__all__ = ["RECHECK", "check_follow", "follow_entries"]

RECHECK = 5.0
"""The longest a follower waits on a notifying store before it reads anyway.

A notice lost on its way costs at most this long.
"""

Read = Callable[[int], Sequence[RecordedEvent]]
"""Refreshes the log and returns its entries with ``seq`` above the given one."""


def check_follow(*, timeout: object, after: object, poll: object, version: int) -> int:
    """Check `EventLog.follow`'s arguments; return where to follow from.

    *version* is the log's; *after* defaults to it.

    Raises:
        InvalidQuery: an argument is out of range or of the wrong type.
    """
    if timeout is not None and not _seconds(timeout, least=0.0, finite=False):
        raise InvalidQuery(
            "timeout must be None (wait for ever) or a number of seconds >= 0 to "
            f"wait for the next entry, not {timeout!r}"
        )
    if not _seconds(poll, least=0.0, finite=True) or poll == 0:
        raise InvalidQuery(
            "poll must be a finite number of seconds > 0 (the pause between reads "
            f"of a store that does not notify), not {poll!r}"
        )
    if after is None:
        return version
    if (
        isinstance(after, bool)
        or not isinstance(after, int)
        or not 0 <= after <= version
    ):
        raise InvalidQuery(
            f"after must be a seq from 0 to the log's version ({version}): the "
            f"entry to follow from, not {after!r}"
        )
    return after


def _seconds(value: object, *, least: float, finite: bool) -> bool:
    """Tell whether *value* is a real number of seconds >= *least*."""
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and value >= least  # False for NaN
        and (math.isfinite(value) or not finite)
    )


def follow_entries(
    store: EventStore,
    read: Read,
    *,
    after: int,
    timeout: float | None,
    poll: float,
) -> Iterator[RecordedEvent]:
    """Yield every entry *read* returns past *after*, waiting on *store* between reads.

    *read* refreshes the log (which validates the new entries by replay)
    and returns its entries past a ``seq``; it is called before each batch
    is yielded, so the log holds an entry before it is yielded. Between
    reads that find nothing: `NotifiesAppends.wait_for_appends`, for at most
    `RECHECK` seconds, on a store that notifies; else a pause of *poll*
    seconds. The iterator ends once *timeout* seconds (never, for `None`)
    have passed since it began to wait without a read finding an entry.

    Nothing is held between two entries, so a consumer that stops leaves
    nothing locked.
    """
    seen = after
    deadline: float | None = None
    while True:
        new = read(seen)
        if new:
            for record in new:
                seen = record.seq
                yield record
            deadline = None
            continue
        now = time.monotonic()
        if deadline is None:
            deadline = math.inf if timeout is None else now + timeout
        left = deadline - now
        if left <= 0:
            return
        if isinstance(store, NotifiesAppends):
            # A hint only: woken or not, the next read says what is there.
            store.wait_for_appends(after=seen, timeout=min(left, RECHECK))
        else:
            time.sleep(min(left, poll))
