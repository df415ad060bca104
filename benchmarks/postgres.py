"""Measure the PostgreSQL store beside SQLite and eventsourcing's PostgreSQL recorder.

Run: python benchmarks/postgres.py [--events N] [--repeat K] [--dir PATH]
                                   [--skip-peer-sqlite] [--json PATH]

Needs the ``bench`` extra (``pip install -e '.[bench]'``: eventsourcing,
orjson, psycopg) and PostgreSQL's server programs (``apt-get install
postgresql``), which `tradedispute.testing.postgres.TemporaryCluster` runs as
a throwaway server on 127.0.0.1 with ``fsync`` on (``durable=True``), as a
real server has it. Everything runs on that one server and this machine.

Generates N synthetic events (default 100,001; ``cycling_events`` of
benchmarks/replay.py, the events of benchmarks/stores.py) and, each
measurement in a fresh process (``python postgres.py _child ...``, so no
cache of an earlier step helps a later one):

* append: ``log.extend`` of batches of 1,000 to a new log, (a) a SQLite
  file in a temporary folder, (b) ``EventLog.open(url)`` of a new database
  on the server (both keep their checkpoints as they go). The same events
  as the events of one eventsourcing 9.5 aggregate (the ``Dispute`` of
  benchmarks/peer.py; N + 1 records with its ``Created``), a command per
  event and one ``save`` per batch, (c) in eventsourcing's PostgreSQL
  recorder (``PERSISTENCE_MODULE=eventsourcing.postgres``, another database
  of the same server), (d) in its SQLite recorder, for reference
  (``--skip-peer-sqlite`` leaves it out).
* state on the middle date: open the log as a new process would and ask
  what was in force on the effective date of the middle event:
  ``EventLog.open`` then ``state_at(middle)``, with checkpoints (the
  default) and without (``checkpoints=False``: every event read, decoded
  and folded). The peer has no dates of its own: a new ``Application`` and
  ``repository.get(id, version=V)``, V the aggregate version of the last
  event effective on that date (the same facts, which the script checks).
* state at the end: the same with ``state_at(date.max)``, the question
  checkpoints answer without reading the rows before them; the peer's,
  ``repository.get(id)`` of the whole stream (it has no snapshots here).

Each measurement runs K times (``--repeat``, default 3), each in a fresh
process (each append to a new log), and the median counts. Times run from
before opening to the answer (a read) or the last commit (an append),
without starting Python and making the events. Prints the machine, a table
with the time ratios, and with ``--json PATH`` writes the figures. Nothing
is asserted: the figures depend on the machine and its disk.

A default run took about 2.5 minutes on the machine of docs/performance.md
(2 CPUs).
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import importlib.metadata
import json
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path
from typing import Any
from uuid import UUID

sys.path.insert(0, str(Path(__file__).resolve().parent))

from peer import Dispute, Disputes, open_peer, our_summary, peak_mb, peer_fields
from replay import cycling_events

from stores import BATCH, machine

# The logs' columns, in the order of the table.
COLUMNS = {
    "sqlite": "ours SQLite",
    "postgres": "ours PostgreSQL",
    "peer-postgres": "es PostgreSQL",
    "peer-sqlite": "es SQLite",
}


# --- the peer on a server ----------------------------------------------------------


def open_app(target: str) -> Disputes:
    """The peer's application on *target*: a PostgreSQL URL or a SQLite file."""
    if not target.startswith("postgresql://"):
        return open_peer(Path(target))
    parts = urllib.parse.urlsplit(target)
    return Disputes(
        env={
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "POSTGRES_DBNAME": parts.path.lstrip("/"),
            "POSTGRES_HOST": parts.hostname or "127.0.0.1",
            "POSTGRES_PORT": str(parts.port or 5432),
            "POSTGRES_USER": parts.username or "",
            # Required, even empty: the throwaway server trusts its user.
            "POSTGRES_PASSWORD": parts.password or "",
        }
    )


# --- the measurements, each run in its own process -----------------------------------


def child_append_ours(args: argparse.Namespace) -> dict[str, Any]:
    from tradedispute import EventLog

    events = list(cycling_events(args.events))
    log = EventLog.open(args.target)
    begin = time.perf_counter()
    for start in range(0, len(events), BATCH):
        log.extend(events[start : start + BATCH])
    seconds = time.perf_counter() - begin
    log.write_checkpoints()
    checkpoint_seconds = time.perf_counter() - begin - seconds
    count = len(log)
    log.close()
    return {
        "events": count,
        "seconds": seconds,
        "checkpoint_seconds": checkpoint_seconds,
    }


def child_append_peer(args: argparse.Namespace) -> dict[str, Any]:
    moves = [peer_fields(event) for event in cycling_events(args.events)]
    app = open_app(args.target)
    saving = 0.0
    begin = time.perf_counter()
    dispute = Dispute()
    app.save(dispute)
    for start in range(0, len(moves), BATCH):
        for kind, fields in moves[start : start + BATCH]:
            dispute.record(kind, fields)
        before = time.perf_counter()
        app.save(dispute)
        saving += time.perf_counter() - before
    seconds = time.perf_counter() - begin
    app.close()
    return {
        "events": dispute.version,
        "seconds": seconds,
        "save_seconds": saving,
        "id": str(dispute.id),
    }


def child_read_ours(args: argparse.Namespace) -> dict[str, Any]:
    from tradedispute import EventLog

    day = dt.date.fromisoformat(args.date)
    begin = time.perf_counter()
    log = EventLog.open(args.target, checkpoints=not args.scratch)
    state = log.state_at(day)
    seconds = time.perf_counter() - begin
    log.close()
    return {"seconds": seconds, "peak_mb": peak_mb(), "summary": our_summary(state)}


def child_read_peer(args: argparse.Namespace) -> dict[str, Any]:
    begin = time.perf_counter()
    app = open_app(args.target)
    dispute = app.repository.get(UUID(args.id), version=args.version)
    seconds = time.perf_counter() - begin
    app.close()
    return {
        "seconds": seconds,
        "peak_mb": peak_mb(),
        "events": dispute.version,
        "summary": dispute.summary(),
    }


CHILDREN = {
    "append-ours": child_append_ours,
    "append-peer": child_append_peer,
    "read-ours": child_read_ours,
    "read-peer": child_read_peer,
}


def run_child(task: str, target: str, events: int, *options: str) -> dict[str, Any]:
    """Run *task* on *target* in a fresh Python; return what it printed."""
    command = [sys.executable, __file__, "_child", task, target, f"--events={events}"]
    done = subprocess.run(
        [*command, *options], capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.exit(f"{task} {target} failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def child_main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("child", choices=["_child"])
    parser.add_argument("task", choices=sorted(CHILDREN))
    parser.add_argument("target")
    parser.add_argument("--events", type=int, required=True)
    parser.add_argument("--date")
    parser.add_argument("--scratch", action="store_true")
    parser.add_argument("--id")
    parser.add_argument("--version", type=int, default=None)
    args = parser.parse_args()
    print(json.dumps(CHILDREN[args.task](args)))


# --- the run -------------------------------------------------------------------------


def versions(url: str) -> dict[str, str]:
    """The server's version and the drivers' and peer's."""
    import psycopg

    with psycopg.connect(url) as db:
        row = db.execute("SHOW server_version").fetchone()
    return {
        "postgresql": row[0] if row else "unknown",
        "psycopg": psycopg.__version__,
        "eventsourcing": importlib.metadata.version("eventsourcing"),
    }


def middle(n: int) -> tuple[dt.date, int]:
    """The middle event's date, and how many events are effective by it."""
    days = [event.effective for event in cycling_events(n)]
    day = days[n // 2]
    return day, bisect.bisect_right(days, day)


def cell(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:,.{digits}f}"


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or not b else a / b


ROWS = (
    ("state on the middle date, new process, s", "middle", "middle"),
    ("    ours without checkpoints, s", "middle scratch", "middle"),
    ("state at the end, new process, s", "end", "end"),
    ("    ours without checkpoints, s", "end scratch", "end"),
)


def report(
    args: argparse.Namespace, results: dict[str, Any]
) -> dict[str, tuple[float | None, float | None]]:
    """Print the table of seconds, with the time ratios beside; return these."""
    n = args.events

    def seconds(key: str, field: str = "seconds") -> float | None:
        result = results.get(key, {})
        value: float | None = result.get(field)
        return value

    appends = {kind: seconds(f"append {kind}") for kind in COLUMNS}
    rows: list[tuple[str, str, dict[str, float | None], int]] = [
        ("append", f"append {n:,} in batches of {BATCH:,}, s", appends, 2),
        ("rate", "    events/s", {k: s and n / s for k, s in appends.items()}, 0),
        (
            "save",
            "    eventsourcing's save() alone, s",
            {kind: seconds(f"append {kind}", "save_seconds") for kind in COLUMNS},
            2,
        ),
    ]
    for name, ours, peer in ROWS:
        values = {
            kind: seconds(f"{peer if kind.startswith('peer') else ours} {kind}")
            for kind in COLUMNS
        }
        rows.append((ours, name, values, 2))

    print()
    print(
        f"{'measurement':<42}"
        + "".join(f"{name:>16}" for name in COLUMNS.values())
        + f"{'PG/SQLite':>11}{'PG/es PG':>10}"
    )
    ratios: dict[str, tuple[float | None, float | None]] = {}
    for key, name, values, digits in rows:
        pg, lite, peer = values["postgres"], values["sqlite"], values["peer-postgres"]
        if digits == 0:  # a rate: its ratios are the seconds' inverted
            pg = lite = peer = None
        ratios[key] = (ratio(pg, lite), ratio(pg, peer))
        print(
            f"{name:<42}"
            + "".join(f"{cell(values.get(kind), digits):>16}" for kind in COLUMNS)
            + f"{cell(ratio(pg, lite)):>11}{cell(ratio(pg, peer)):>10}"
        )
    print(
        "\nstate on the middle date: ours open + state_at(middle), eventsourcing "
        "get(id, version=V)\nstate at the end: ours open + state_at(date.max), "
        "eventsourcing get(id)\nratios are of times: above 1, PostgreSQL "
        "(ours) is slower; eventsourcing\nhas no snapshots here, so its figure "
        "stands beside both of ours"
    )
    for moment in ("middle", "end"):
        summaries = {
            json.dumps(result["summary"], sort_keys=True)
            for key, result in results.items()
            if key.startswith(f"{moment} ")
        }
        print(f"same facts in force at the {moment} everywhere: {len(summaries) == 1}")
    return ratios


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_child":
        child_main()
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_001)
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each; the median counts"
    )
    parser.add_argument(
        "--dir", type=Path, default=None, help="where to make the SQLite files' folder"
    )
    parser.add_argument(
        "--skip-peer-sqlite",
        action="store_true",
        help="leave out eventsourcing's SQLite recorder",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write here")
    args = parser.parse_args()

    from tradedispute.testing.postgres import TemporaryCluster

    n = args.events
    day, effective = middle(n)
    results: dict[str, Any] = {}

    def keep(key: str, runs: list[dict[str, Any]]) -> None:
        """Keep the median run of *runs* (by seconds) as *key*'s result."""
        runs = sorted(runs, key=lambda run: run["seconds"])
        results[key] = {**runs[len(runs) // 2], "runs": len(runs)}
        if len(runs) > 1:
            results[key]["all_seconds"] = [run["seconds"] for run in runs]
        print(f"{key}: {results[key]['seconds']:.2f} s", flush=True)

    def step(key: str, task: str, target: str, *options: str) -> None:
        keep(key, [run_child(task, target, n, *options) for _ in range(args.repeat)])

    with (
        tempfile.TemporaryDirectory(dir=args.dir) as name,
        TemporaryCluster(durable=True) as cluster,
    ):
        folder = Path(name)
        about = {**machine(folder), **versions(cluster.url)}
        about["postgresql_data"] = str(cluster.data)
        for key, value in about.items():
            print(f"{key + ':':<16} {value}")
        print(
            f"\n{n:,} events; the middle date is {day} ({effective:,} effective by it)"
        )
        kinds = [kind for kind in COLUMNS if kind != "peer-sqlite"]
        kinds += [] if args.skip_peer_sqlite else ["peer-sqlite"]

        def new_log(kind: str, round_: int) -> str:
            if "postgres" in kind:
                return cluster.create_database(f"{kind.replace('-', '_')}_{round_}")
            return str(folder / f"{kind}-{round_}.sqlite")

        # Each round appends to a new log of each kind, in turn, so that
        # the machine's ups and downs fall on all of them alike.
        appended: dict[str, list[tuple[str, dict[str, Any]]]] = {k: [] for k in kinds}
        for round_ in range(args.repeat):
            print(f"appending, round {round_ + 1} of {args.repeat}", flush=True)
            for kind in kinds:
                task = "append-peer" if kind.startswith("peer") else "append-ours"
                target = new_log(kind, round_)
                appended[kind].append((target, run_child(task, target, n)))
        for kind, runs in appended.items():
            keep(f"append {kind}", [run for _, run in runs])
        # The reads are of the first round's logs.
        targets = {kind: runs[0][0] for kind, runs in appended.items()}

        reads = {
            "middle": [f"--date={day.isoformat()}"],
            "end": [f"--date={dt.date.max.isoformat()}"],
        }
        for kind in ("sqlite", "postgres"):
            for moment, options in reads.items():
                for label, scratch in (("", []), (" scratch", ["--scratch"])):
                    flags = [*options, *scratch]
                    step(f"{moment}{label} {kind}", "read-ours", targets[kind], *flags)
        for kind in [kind for kind in kinds if kind.startswith("peer")]:
            ident = f"--id={appended[kind][0][1]['id']}"
            # The aggregate's version counts its Created event.
            version = f"--version={effective + 1}"
            step(f"middle {kind}", "read-peer", targets[kind], ident, version)
            step(f"end {kind}", "read-peer", targets[kind], ident)

    ratios = report(args, results)
    if args.json is not None:
        document = {
            "machine": about,
            "events": n,
            "middle": day.isoformat(),
            "effective_by_middle": effective,
            "repeat": args.repeat,
            "results": results,
            "ratios (PostgreSQL / SQLite, PostgreSQL / eventsourcing's)": ratios,
        }
        args.json.write_text(json.dumps(document, indent=2) + "\n")
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
