"""Time the analyst's views over synthetic events already in memory.

Run: python benchmarks/views.py [--events N] [--countries K] [--repeat R]

Generates N valid synthetic events (benchmarks/synthetic.py), sorts them
into replay order, and times each view over all of them: ``diff`` from the
day before the first event to the last, ``intervals``, ``escalation_series``
and the chart's layout (``lay_out``, which needs no matplotlib), with the
fold alone (``replay``) beside them for scale. Each is the fastest of R runs
of CPU time (``time.process_time``). Nothing here is asserted: figures
depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_events

from tradedispute import replay, replay_order
from tradedispute.charts.layout import lay_out
from tradedispute.views import diff, escalation_series, intervals


def best_cpu(work: Callable[[], object], repeat: int) -> tuple[float, object]:
    """The least CPU time of *repeat* runs of *work*, and what it returned."""
    best, result = float("inf"), None
    for _ in range(repeat):
        gc.collect()
        begin = time.process_time()
        result = work()
        best = min(best, time.process_time() - begin)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--countries", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    events = replay_order(
        list(synthetic_events(args.events, countries=args.countries, seed=args.seed))
    )
    first, last = events[0].effective, events[-1].effective
    views: dict[str, Callable[[], object]] = {
        "replay (for scale)": lambda: replay(events),
        "diff(first - 1 day, last)": lambda: diff(
            events, first - dt.timedelta(days=1), last
        ),
        "intervals": lambda: intervals(events),
        "escalation_series": lambda: escalation_series(events),
        "lay_out (the chart)": lambda: lay_out(events),
    }
    print(f"{len(events):,} events, {args.countries} countries; best of {args.repeat}")
    for name, work in views.items():
        seconds, result = best_cpu(work, args.repeat)
        size = f"{len(result):,} rows" if isinstance(result, tuple) else ""
        print(f"{name:<28} {seconds:8.2f} s CPU  {size}")


if __name__ == "__main__":
    main()
