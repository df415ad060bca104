"""Measure appends and replays of the in-memory EventLog.

Run: python benchmarks/replay.py [--events N]

Builds a synthetic, valid log of N events between a handful of countries
(restrictions imposed and lifted, whitelist removals and restorations, talks),
then times:

* appending them in date order, one at a time (the common case: each new
  event lands after everything recorded, so only it is folded);
* appending 100 back-dated events (each replays, to validate, from the
  nearest checkpoint before it to the end of the log);
* state_at for the last day (served from the cached head state) and for a
  day in the middle (the first time, a fold from the nearest checkpoint;
  then at most `checkpoint_spacing` events).

Prints one line per measurement. Nothing here is asserted: figures depend on
the machine, so they belong in notes and docs, not in tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import statistics
import time
from collections.abc import Callable, Iterator

from tradedispute import (
    Event,
    EventLog,
    RestrictionImposed,
    RestrictionLifted,
    TalksHeld,
    WhitelistRemoved,
    WhitelistRestored,
)

COUNTRIES = ("JPN", "KOR", "CHN", "USA", "DEU", "FRA")
START = dt.date(1990, 1, 1)


def cycling_events(n: int, *, start: dt.date = START, tag: str = "") -> Iterator[Event]:
    """Yield n valid events in date order, cycling through country pairs."""
    pairs = itertools.cycle(itertools.permutations(COUNTRIES, 2))
    day = start
    count = 0
    while count < n:
        actor, target = next(pairs)
        items = {f"item {count}"}
        batch: list[Event] = [
            RestrictionImposed(
                actor=actor,
                target=target,
                items=items,
                measure="licence",
                effective=day,
            ),
            WhitelistRemoved(actor=actor, target=target, effective=day),
            TalksHeld(
                parties={actor, target},
                level="minister",
                format="video",
                outcome="no_deal",
                effective=day + dt.timedelta(days=1),
            ),
            WhitelistRestored(
                actor=actor, target=target, effective=day + dt.timedelta(days=2)
            ),
            RestrictionLifted(
                actor=actor,
                target=target,
                items=items,
                effective=day + dt.timedelta(days=3),
            ),
        ]
        yield from batch[: n - count]
        count += len(batch)
        day += dt.timedelta(days=4)


def timed(function: Callable[[], object], repeat: int = 5) -> float:
    """Return the median wall time of function() in seconds."""
    times = []
    for _ in range(repeat):
        begin = time.perf_counter()
        function()
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    n = parser.parse_args().events

    events = list(cycling_events(n))
    log = EventLog()
    begin = time.perf_counter()
    for event in events:
        log.append(event)
    seconds = time.perf_counter() - begin
    rate = n / seconds
    print(f"append in date order: {n} events in {seconds:.2f} s = {rate:,.0f} events/s")

    # Back-dated appends: new items, dated inside the recorded range.
    middle = events[len(events) // 2].effective
    back_dated = [
        RestrictionImposed(
            actor="JPN",
            target="KOR",
            items={f"late item {k}"},
            measure="licence",
            effective=middle,
        )
        for k in range(100)
    ]
    begin = time.perf_counter()
    for event in back_dated:
        log.append(event)
    seconds = time.perf_counter() - begin
    each = seconds * 10
    print(f"append back-dated: 100 into {n} in {seconds:.2f} s = {each:.1f} ms each")

    last = max(event.effective for event in log)
    print(f"state_at(last day): {timed(lambda: log.state_at(last)) * 1e6:,.1f} µs")
    print(f"state_at(middle day): {timed(lambda: log.state_at(middle)) * 1e3:,.1f} ms")


if __name__ == "__main__":
    main()
