"""Process-wide tuning, kept in one place: the collector's pause and shared values.

Nothing here changes what any function returns; it changes how much time
and memory the shell (log, codec, stores) spends getting there. The pure
core never calls it: `tradedispute.replay` folds with the collector running,
as any other Python code does, and the log pauses it around the folds it
makes itself. What each piece buys is measured in ``benchmarks/``.
"""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Iterator

__all__ = ["collector_paused", "shared_string_set", "shared_text"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block, if it is running.

    Reducers, codecs and stores build acyclic values, so the collector finds
    nothing to free while a log replays or appends; yet it would walk the
    young states many times over, and everything alive (a log's events) at
    each full collection: pausing it makes a replay of 100,000 events a
    third faster, and appending them a quarter. Reference counting still
    frees each value as it is dropped. Only the block that paused it starts
    it again, so blocks nest. The pause is process-wide: cyclic garbage that
    other threads make meanwhile waits until the block ends.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


# Decoded values are shared where they repeat (sets of parties, words of a
# vocabulary, country codes), so that a long log's events and states hold
# one object for each, not one per record: values are immutable, so sharing
# is safe. The caches are bounded: only recent values stay shared.


@functools.lru_cache(maxsize=4096)
def shared_text(text: str) -> str:
    """Return the first of the strings equal to *text* met lately."""
    # Country codes, items and measures repeat across a log; ids do not.
    return text


@functools.lru_cache(maxsize=4096)
def shared_string_set(members: tuple[str, ...]) -> frozenset[str]:
    """Return the set of *members*, shared with an equal set made lately.

    Only strings: the cache compares members by equality, and 1, 1.0 and
    True are equal, so a set of numbers could come back with other members.
    """
    return frozenset(members)
