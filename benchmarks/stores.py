"""Measure appends and reads of each store: memory, JSON Lines and SQLite.

Run: python benchmarks/stores.py [--events N] [--single-events M]
                                 [--dir PATH] [--repeat K] [--json PATH]

For each store, writes N synthetic events (the same events as
benchmarks/replay.py) into a new log and reads them back, in two modes:

* one at a time: ``log.append(event)`` per event, so each event is its own
  commit (an fsync for JSON Lines, a transaction for SQLite);
* in batches of 1,000: ``log.extend(batch)``, one commit per batch.

"Read" opens the log afresh, as a new process would: ``EventLog.open(path)``
reads every record, decodes it and replays it. The in-memory store has no
file, so its read is ``EventLog(store=store)`` over the filled store: a
replay with no decoding. The "decode/s" column times ``store.read()`` of a
file store alone: reading and decoding records, without the replay.

Files go into a temporary folder (``--dir`` picks where it is made) and are
removed at the end. Nothing here is asserted: figures depend on the machine
and its disk, so they belong in notes and docs, not in tests.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from replay import cycling_events

from tradedispute import Event, EventLog
from tradedispute.stores import (
    EventStore,
    JsonLinesStore,
    MemoryStore,
    SQLiteStore,
)

STORES = ("memory", "jsonl", "sqlite")
SUFFIXES = {"jsonl": ".jsonl", "sqlite": ".sqlite"}
BATCH = 1_000


def json_library() -> str:
    """Name the JSON library the codec writes with."""
    try:
        import orjson
    except ImportError:
        return "stdlib json"
    return f"orjson {orjson.__version__}"


def cpu_model() -> str:
    """Return the CPU's model name from /proc/cpuinfo, or platform.processor()."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def filesystem(folder: Path) -> str:
    """Return the type of the filesystem *folder* is on, from /proc/mounts."""
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return "unknown"
    best, kind = "", "unknown"
    resolved = str(folder.resolve())
    for line in mounts:
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1]
        inside = resolved == point or resolved.startswith(point.rstrip("/") + "/")
        if inside and len(point) > len(best):
            best, kind = point, fields[2]
    return kind


def machine(folder: Path) -> dict[str, Any]:
    """Describe the machine, the Python and the libraries the figures depend on."""
    return {
        "platform": platform.platform(),
        "cpu": cpu_model(),
        "cpu_count": os.cpu_count(),
        "python": f"{platform.python_version()} ({platform.python_implementation()})",
        "sqlite": sqlite3.sqlite_version,
        "json": json_library(),
        "folder": str(folder),
        "filesystem": filesystem(folder),
    }


def size_of(path: Path | None) -> int | None:
    """Return the bytes a log takes on disk, SQLite's -wal file included."""
    if path is None:
        return None
    files = [path, path.with_name(path.name + "-wal")]
    return sum(file.stat().st_size for file in files if file.exists())


def median_time(function: Callable[[], object], repeat: int) -> float:
    """Return the median wall time of function() in seconds."""
    times = []
    for _ in range(repeat):
        gc.collect()
        begin = time.perf_counter()
        function()
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def measure(
    kind: str, events: list[Event], batch: int, folder: Path, repeat: int
) -> dict[str, Any]:
    """Append *events* to a new log of *kind*, then read it back; return timings."""
    n = len(events)
    path: Path | None = None
    memory: MemoryStore | None = None
    if kind == "memory":
        memory = MemoryStore()
        log = EventLog(store=memory)
    else:
        path = folder / f"{kind}-{batch}{SUFFIXES[kind]}"
        log = EventLog.open(path)

    gc.collect()
    begin = time.perf_counter()
    if batch == 1:
        for event in events:
            log.append(event)
    else:
        for start in range(0, n, batch):
            log.extend(events[start : start + batch])
    append_seconds = time.perf_counter() - begin
    log.close()

    def new_store() -> EventStore:
        if memory is not None:
            return memory
        assert path is not None
        return JsonLinesStore(path) if kind == "jsonl" else SQLiteStore(path)

    def decode() -> None:
        store = new_store()
        count = sum(1 for _ in store.read())
        if memory is None:
            store.close()
        if count != n:
            raise SystemExit(f"{kind}: read {count} events, not {n}")

    def reopen() -> None:
        fresh = EventLog(store=memory) if memory is not None else EventLog.open(path)
        if len(fresh) != n:
            raise SystemExit(f"{kind}: opened {len(fresh)} events, not {n}")
        if memory is None:
            fresh.close()

    # A MemoryStore holds decoded events: there is nothing to decode.
    decode_seconds = None if memory is not None else median_time(decode, repeat)
    read_seconds = median_time(reopen, repeat)
    size = size_of(path)
    return {
        "store": kind,
        "batch": batch,
        "events": n,
        "append_seconds": append_seconds,
        "appends_per_second": n / append_seconds,
        "decode_seconds": decode_seconds,
        "decodes_per_second": None if decode_seconds is None else n / decode_seconds,
        "read_seconds": read_seconds,
        "reads_per_second": n / read_seconds,
        "bytes": size,
        "bytes_per_event": None if size is None else size / n,
    }


HEADER = (
    f"{'store':<7} {'events':>8} {'append s':>9} {'appends/s':>10} "
    f"{'read s':>7} {'reads/s':>8} {'decode/s':>9} {'bytes/event':>11}"
)


def row(result: dict[str, Any]) -> str:
    """Format one result as a line of the table."""
    per_event = result["bytes_per_event"]
    size = "-" if per_event is None else f"{per_event:,.0f}"
    decodes = result["decodes_per_second"]
    decode = "-" if decodes is None else f"{decodes:,.0f}"
    return (
        f"{result['store']:<7} {result['events']:>8,} "
        f"{result['append_seconds']:>9.2f} {result['appends_per_second']:>10,.0f} "
        f"{result['read_seconds']:>7.2f} {result['reads_per_second']:>8,.0f} "
        f"{decode:>9} {size:>11}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument(
        "--single-events",
        type=int,
        default=None,
        help="events for the one-at-a-time mode (default: --events)",
    )
    parser.add_argument(
        "--dir", type=Path, default=None, help="where to make the temporary folder"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="reads to take a median of"
    )
    parser.add_argument(
        "--json", type=Path, default=None, help="also write results here"
    )
    args = parser.parse_args()
    n = args.events
    single = n if args.single_events is None else args.single_events

    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(dir=args.dir) as name:
        folder = Path(name)
        about = machine(folder)
        print(f"platform:   {about['platform']}")
        print(f"cpu:        {about['cpu']}, {about['cpu_count']} CPUs")
        print(f"python:     {about['python']}")
        print(f"sqlite:     {about['sqlite']}")
        print(f"json:       {about['json']}")
        print(f"folder:     {about['folder']} ({about['filesystem']})")
        print()
        print("read = open the log afresh: read, decode and replay every event")
        print("decode = store.read() alone, without the replay")

        modes = [(1, single, "one at a time"), (BATCH, n, f"in batches of {BATCH:,}")]
        for batch, count, title in modes:
            events = list(cycling_events(count))
            print()
            print(f"appending {title} ({count:,} events)")
            if count != n:
                print(f"(with --single-events {count:,}, not --events {n:,})")
            print(HEADER)
            for kind in STORES:
                result = measure(kind, events, batch, folder, args.repeat)
                results.append(result)
                print(row(result), flush=True)
            del events

    if args.json is not None:
        report = {"machine": about, "events": n, "results": results}
        args.json.write_text(json.dumps(report, indent=2) + "\n")
        print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
