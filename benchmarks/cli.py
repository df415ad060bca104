"""Time each ``tradedispute`` command on a large log, as a user runs it.

Run: python benchmarks/cli.py [--events N] [--repeat R] [--log FILE.sqlite]
                              [--only NAME ...] [--json FILE]

Writes a synthetic SQLite log of N valid events (benchmarks/synthetic.py,
default 100,000; reused when ``--log`` names a file that exists), then runs
each command in a fresh process, ``python -m tradedispute ...``, with its
standard output going to a file, as ``tradedispute timeline LOG > out.txt``
would, and reports the median wall time of R runs (default 3).

Beside the commands, one reference: ``replay``, a fresh process that opens
the same log and folds every event once (`tradedispute.replay` over
``log.events()``), which is what any whole-history view must do at least.
The table gives each command's time over the reference's; the views
(``diff``, ``intervals``, ``escalation``, ``reciprocity``) are meant to stay
within 2x of it. Nothing here is asserted: figures depend on the machine.

The same script times any checkout: a command the installed version lacks
(``state --all`` before 0.6) shows as "n/a".
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import synthetic_batches, write_store

from tradedispute import EventLog

#: The reference: open the log and fold every event once.
REPLAY = (
    "import sys\n"
    "from tradedispute import EventLog, replay\n"
    "with EventLog.open(sys.argv[1], read_only=True) as log:\n"
    "    replay(log.events())\n"
)

#: The views the issue asks to keep within 2x of the reference.
VIEWS = ("diff", "intervals", "escalation", "reciprocity")


def commands(
    log: Path, first: dt.date, last: dt.date, chart: Path
) -> dict[str, list[str]]:
    """Each command timed, by name: its arguments after ``tradedispute``."""
    before = (first - dt.timedelta(days=1)).isoformat()
    middle = first + (last - first) / 2
    return {
        "validate": ["validate", str(log)],
        "state (last day)": ["state", str(log), "--at", last.isoformat()],
        "state --all (last day)": [
            "state",
            str(log),
            "--at",
            last.isoformat(),
            "--all",
        ],
        "state --json (last day)": [
            "state",
            str(log),
            "--at",
            last.isoformat(),
            "--json",
        ],
        "measures (middle day)": ["measures", str(log), "--at", middle.isoformat()],
        "timeline": ["timeline", str(log)],
        "diff": ["diff", before, last.isoformat(), str(log)],
        "intervals": ["intervals", str(log)],
        "escalation": ["escalation", str(log)],
        "reciprocity": ["reciprocity", str(log)],
        "plot": ["plot", str(log), "-o", str(chart), "--force"],
    }


def run_once(argv: list[str], out: Path) -> float | None:
    """Wall time of one run in a fresh process; None when the command is refused."""
    begin = time.perf_counter()
    with out.open("w", encoding="utf-8") as sink:
        done = subprocess.run(argv, stdout=sink, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - begin
    if done.returncode == 2 and "unrecognized arguments" in done.stderr:
        return None
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed: {done.stderr.strip()}")
    return seconds


def median_of(argv: list[str], out: Path, repeat: int) -> float | None:
    """The median wall time of *repeat* runs, None if the command is refused."""
    times = [run_once(argv, out) for _ in range(repeat)]
    if None in times:
        return None
    return statistics.median(t for t in times if t is not None)


def make_log(path: Path, events: int) -> None:
    """Write *events* synthetic events to a new SQLite log at *path*."""
    begin = time.perf_counter()
    count = write_store(path, synthetic_batches(events))
    print(f"wrote {count:,} events to {path} in {time.perf_counter() - begin:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--log", type=Path, help="reuse (or write) this SQLite log")
    parser.add_argument("--only", nargs="*", help="time only these commands")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="tradedispute-cli-bench-"))
    log = args.log or folder / "log.sqlite"
    if not log.exists():
        make_log(log, args.events)
    with EventLog.open(log) as opened:
        # A log written by appends through EventLog has its disk checkpoints;
        # one written to the store directly gets them here.
        opened.write_checkpoints()
        events = opened.events()
        size = len(events)
        first = min(event.effective for event in events)
        last = events[-1].effective

    python = [sys.executable]
    env_note = f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs"
    print(f"{size:,} events, {first} .. {last}; median of {args.repeat}; {env_note}")
    out = folder / "out.txt"
    reference = median_of([*python, "-c", REPLAY, str(log)], out, args.repeat)
    assert reference is not None
    figures: dict[str, float | None] = {"replay (reference)": reference}
    print(f"{'replay (reference)':<26} {reference:7.2f} s")
    chosen = commands(log, first, last, folder / "chart.png")
    for name, argv in chosen.items():
        if args.only and not any(name.startswith(only) for only in args.only):
            continue
        seconds = median_of([*python, "-m", "tradedispute", *argv], out, args.repeat)
        figures[name] = seconds
        if seconds is None:
            print(f"{name:<26}     n/a")
            continue
        lines = sum(1 for _ in out.open(encoding="utf-8"))
        ratio = seconds / reference
        mark = "  (a view: within 2x?)" if name in VIEWS else ""
        print(f"{name:<26} {seconds:7.2f} s  {ratio:4.1f}x  {lines:>8,} lines{mark}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
