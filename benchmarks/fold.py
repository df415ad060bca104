"""Time the fold alone: `replay` over synthetic events already in memory.

Run: python benchmarks/fold.py [--events N] [--countries K] [--repeat R]
                               [--profile [ROWS]]

Generates N valid synthetic events (benchmarks/synthetic.py), sorts them
into replay order, and times ``replay(events)``: no file, no decoding, only
the reducers and the state values they build. Prints the fastest of R runs
as CPU time (``time.process_time``, less disturbed than wall time by other
programs on the machine) and wall time, per run and per event, and the
sizes of the final state. With ``--profile``, replays once more under
cProfile and prints the functions that took the most time of their own.
Nothing here is asserted: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_events

from tradedispute import replay, replay_order


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--countries", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", type=int, nargs="?", const=25, default=None)
    args = parser.parse_args()

    begin = time.perf_counter()
    events = replay_order(
        list(synthetic_events(args.events, countries=args.countries, seed=args.seed))
    )
    print(f"generated {len(events):,} events in {time.perf_counter() - begin:.1f} s")

    cpu = wall = float("inf")
    for _ in range(args.repeat):
        gc.collect()
        cpu_begin, wall_begin = time.process_time(), time.perf_counter()
        state = replay(events)
        cpu = min(cpu, time.process_time() - cpu_begin)
        wall = min(wall, time.perf_counter() - wall_begin)
    per_event = cpu / len(events) * 1e6
    print(
        f"replay: {cpu:.2f} s CPU ({per_event:.1f} µs/event), {wall:.2f} s wall; "
        f"best of {args.repeat}"
    )
    print(
        f"final state: {len(state.countries)} countries, "
        f"{len(state.wto_cases):,} WTO cases, {len(state.talks):,} rounds of talks, "
        f"{len(state.demands):,} pairs with open demands"
    )

    if args.profile is not None:
        profile = cProfile.Profile()
        profile.runcall(replay, events)
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.profile)


if __name__ == "__main__":
    main()
