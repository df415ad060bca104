"""Measure tradedispute beside eventsourcing 9.5 on the same synthetic events.

Run: python benchmarks/peer.py [--events N] [--countries K] [--seed S]
                               [--back-dated F] [--dir PATH] [--skip-append]
                               [--skip-peer] [--questions Q] [--repeat R]
                               [--json PATH]

Needs the ``bench`` extra (``pip install -e '.[bench]'``): eventsourcing and
orjson. Generates N synthetic events (default 100,001; see synthetic.py) and
stores them twice, as one stream each: in a tradedispute SQLite log, and as
the events of one eventsourcing ``Aggregate`` (a ``Dispute`` whose own
mutators apply the same domain changes to dicts of what is in force) in
eventsourcing's SQLite persistence (``PERSISTENCE_MODULE=eventsourcing.sqlite``).
The aggregate's stream also holds its ``Created`` event: N + 1 records.

Each measurement runs in a fresh process (``python peer.py _child ...``), so
nothing is cached between them:

* replay (targets 1 and 5): ours, ``EventLog.open(path)`` then
  ``state_at(date.max)``, once from scratch (``checkpoints=False``: every
  event decoded and folded) and once after ``write_checkpoints()`` (only
  the rows after the latest checkpoint on disk are read); the peer's,
  ``application.repository.get(id)``. Timed from before opening to the
  state, with the process's peak memory (``ru_maxrss``).
* state_at (target 3): ours, ``state_at`` on Q random dates of an opened
  log (default 1,000), in the order drawn: median, 90th percentile, first.
* stream (target 4): ours, ``stream_state_at(path)``: the rows folded in
  replay order straight from SQLite, with the growth of peak memory.
* decode: ours, ``SQLiteStore(path).read()`` alone: records read and decoded
  into events, without the replay (what the replay costs is the rest).
* append: ours, ``EventLog.extend`` of batches of 1,000 events to a new file
  (validated by replay); the peer's, per batch, a command method that checks
  the move against the aggregate and calls ``trigger_event`` for each
  event, then one ``application.save(aggregate)``. The peer's ``save``
  alone is reported too.
* floor: our log's rows read with ``SELECT record FROM events ORDER BY
  seq`` and each parsed with ``orjson.loads``: no event is built.

The replay with checkpoints, the peer's replay and the floor are short and
vary from run to run (the floor by half), so each runs R times (``--repeat``,
default 5), each in a fresh process, and the median run counts; the JSON
keeps every run's seconds. The other measurements run once.

Prints one table and writes the figures as JSON (default
``benchmarks/results/peer-N.json``, which git ignores). Nothing is asserted:
the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import platform
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

BATCH = 1_000


# --- the peer: an eventsourcing aggregate holding the same events --------------------

try:
    from eventsourcing.application import Application
    from eventsourcing.domain import Aggregate
    from eventsourcing.persistence import JSONTranscoder, Transcoding
except ImportError:  # pragma: no cover - the bench extra installs it
    sys.exit("benchmarks/peer.py needs eventsourcing: pip install -e '.[bench]'")


class DateAsISO(Transcoding):
    """Store `datetime.date` as ISO 8601, as eventsourcing does datetimes."""

    type = dt.date
    name = "date_iso"

    def encode(self, obj: dt.date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> dt.date:
        return dt.date.fromisoformat(data)


PANEL_STEP_NEEDS = {
    "WTOPanelRequested": "consultations",
    "WTOPanelEstablished": "panel requested",
}


class Rejected(ValueError):
    """A command the aggregate refuses: the move makes no sense now."""


class Dispute(Aggregate):
    """Every measure in force, as mutable dicts, like the aggregates of the docs."""

    def __init__(self) -> None:
        self.restrictions: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
        self.whitelist_exclusions: dict[tuple[str, str], dict[str, Any]] = {}
        self.visa_waiver_suspensions: dict[tuple[str, str], dict[str, Any]] = {}
        self.entry_restrictions: dict[tuple[str, str], dict[str, Any]] = {}
        self.notices: dict[tuple[str, str], dict[str, Any]] = {}
        self.steps: dict[str, list[dict[str, Any]]] = {}
        self.cases: dict[str, dict[str, Any]] = {}
        self.talks: list[dict[str, Any]] = []
        self.demands: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}

    class Move(Aggregate.Event):
        id: str
        effective: dt.date
        announced: dt.date | None
        source: dict[str, Any] | None
        note: str

    class RestrictionImposed(Move):
        actor: str
        target: str
        items: list[str]
        measure: str

        def apply(self, aggregate: Dispute) -> None:
            in_force = aggregate.restrictions.setdefault((self.actor, self.target), {})
            for item in self.items:
                in_force[item] = {
                    "measure": self.measure,
                    "since": self.effective,
                    "event_id": self.id,
                    "eased": False,
                }

    class RestrictionEased(Move):
        actor: str
        target: str
        items: list[str]
        detail: str

        def apply(self, aggregate: Dispute) -> None:
            in_force = aggregate.restrictions[(self.actor, self.target)]
            for item in self.items:
                in_force[item].update(
                    eased=True,
                    eased_since=self.effective,
                    eased_detail=self.detail,
                    eased_by=self.id,
                )

    class RestrictionLifted(Move):
        actor: str
        target: str
        items: list[str]

        def apply(self, aggregate: Dispute) -> None:
            key = (self.actor, self.target)
            in_force = aggregate.restrictions[key]
            for item in self.items:
                del in_force[item]
            if not in_force:
                del aggregate.restrictions[key]

    class WhitelistRemoved(Move):
        actor: str
        target: str
        list_name: str

        def apply(self, aggregate: Dispute) -> None:
            aggregate.whitelist_exclusions[(self.actor, self.target)] = {
                "since": self.effective,
                "event_id": self.id,
            }

    class WhitelistRestored(Move):
        actor: str
        target: str
        list_name: str

        def apply(self, aggregate: Dispute) -> None:
            del aggregate.whitelist_exclusions[(self.actor, self.target)]

    class VisaWaiverSuspended(Move):
        actor: str
        target: str
        visas_invalidated: bool

        def apply(self, aggregate: Dispute) -> None:
            aggregate.visa_waiver_suspensions[(self.actor, self.target)] = {
                "since": self.effective,
                "event_id": self.id,
                "visas_invalidated": self.visas_invalidated,
            }

    class VisaWaiverRestored(Move):
        actor: str
        target: str

        def apply(self, aggregate: Dispute) -> None:
            del aggregate.visa_waiver_suspensions[(self.actor, self.target)]

    class EntryRestrictionImposed(Move):
        actor: str
        target: str
        quarantine_days: int | None
        detail: str

        def apply(self, aggregate: Dispute) -> None:
            aggregate.entry_restrictions[(self.actor, self.target)] = {
                "since": self.effective,
                "event_id": self.id,
                "quarantine_days": self.quarantine_days,
                "detail": self.detail,
            }

    class EntryRestrictionLifted(Move):
        actor: str
        target: str

        def apply(self, aggregate: Dispute) -> None:
            del aggregate.entry_restrictions[(self.actor, self.target)]

    class WTOComplaintFiled(Move):
        actor: str
        target: str
        case: str
        subject: str

        def apply(self, aggregate: Dispute) -> None:
            aggregate.cases[self.case] = {
                "complainant": self.actor,
                "respondent": self.target,
                "subject": self.subject,
                "filed": self.effective,
                "filed_by": self.id,
                "status": "active",
                "since": self.effective,
                "event_id": self.id,
                "stage": "consultations",
                "stage_since": self.effective,
                "stage_by": self.id,
            }

    class WTOComplaintDropped(Move):
        actor: str
        target: str
        case: str
        mode: str

        def apply(self, aggregate: Dispute) -> None:
            aggregate.cases[self.case].update(
                status=self.mode, since=self.effective, event_id=self.id
            )

    class WTOComplaintResumed(Move):
        actor: str
        target: str
        case: str

        def apply(self, aggregate: Dispute) -> None:
            aggregate.cases[self.case].update(
                status="active", since=self.effective, event_id=self.id
            )

    class WTOPanelRequested(Move):
        actor: str
        target: str
        case: str

        def apply(self, aggregate: Dispute) -> None:
            aggregate.cases[self.case].update(
                stage="panel requested", stage_since=self.effective, stage_by=self.id
            )

    class WTOPanelEstablished(Move):
        actor: str
        target: str
        case: str

        def apply(self, aggregate: Dispute) -> None:
            aggregate.cases[self.case].update(
                stage="panel established", stage_since=self.effective, stage_by=self.id
            )

    class TalksHeld(Move):
        parties: list[str]
        level: str
        format: str
        outcome: str
        duration_hours: float | None
        agreed: list[str]
        next_meeting: dict[str, Any] | None

        def apply(self, aggregate: Dispute) -> None:
            aggregate.talks.append(
                {
                    "date": self.effective,
                    "parties": self.parties,
                    "level": self.level,
                    "format": self.format,
                    "outcome": self.outcome,
                    "event_id": self.id,
                    "duration_hours": self.duration_hours,
                    "agreed": self.agreed,
                    "next_meeting": self.next_meeting,
                }
            )

    class DemandMade(Move):
        actor: str
        target: str
        demand: str

        def apply(self, aggregate: Dispute) -> None:
            open_ = aggregate.demands.setdefault((self.actor, self.target), {})
            made = open_.get(self.demand)
            if made is None:
                open_[self.demand] = {
                    "since": self.effective,
                    "event_id": self.id,
                    "renewed": [],
                }
            else:
                made["renewed"].append((self.effective, self.id))

    class DemandMet(Move):
        actor: str
        target: str
        demand: str

        def apply(self, aggregate: Dispute) -> None:
            aggregate.close_demand((self.target, self.actor), self.demand)

    class DemandDropped(Move):
        actor: str
        target: str
        demand: str

        def apply(self, aggregate: Dispute) -> None:
            aggregate.close_demand((self.actor, self.target), self.demand)

    class AgreementTerminationNoticed(Move):
        actor: str
        target: str
        agreement: str

        def apply(self, aggregate: Dispute) -> None:
            aggregate.notices[(self.actor, self.agreement)] = {
                "counterparty": self.target,
                "since": self.effective,
                "event_id": self.id,
                "suspended": False,
            }

    class AgreementTerminationSuspended(Move):
        actor: str
        target: str
        agreement: str

        def apply(self, aggregate: Dispute) -> None:
            aggregate.notices[(self.actor, self.agreement)].update(
                suspended=True, suspended_since=self.effective, suspended_by=self.id
            )

    class AgreementTerminationWithdrawn(Move):
        actor: str
        target: str
        agreement: str

        def apply(self, aggregate: Dispute) -> None:
            del aggregate.notices[(self.actor, self.agreement)]

    class ExportControlStrengthened(Move):
        actor: str
        target: str
        detail: str

        def apply(self, aggregate: Dispute) -> None:
            aggregate.steps.setdefault(self.actor, []).append(
                {
                    "detail": self.detail,
                    "target": self.target,
                    "date": self.effective,
                    "event_id": self.id,
                }
            )

    def close_demand(self, key: tuple[str, str], demand: str) -> None:
        open_ = self.demands[key]
        del open_[demand]
        if not open_:
            del self.demands[key]

    def record(self, kind: str, fields: dict[str, Any]) -> None:
        """The command: check the move against what is in force, then trigger it."""
        self.check(kind, fields)
        self.trigger_event(getattr(Dispute, kind), **fields)

    def check(self, kind: str, fields: dict[str, Any]) -> None:
        """Refuse what our reducers refuse (append order: no back-dating here)."""
        key = (fields.get("actor"), fields.get("target"))
        if kind == "RestrictionImposed":
            if set(fields["items"]) & self.restrictions.get(key, {}).keys():
                raise Rejected(kind)
        elif kind in ("RestrictionEased", "RestrictionLifted"):
            in_force = self.restrictions.get(key, {})
            for item in fields["items"]:
                if item not in in_force:
                    raise Rejected(kind)
                if kind == "RestrictionEased" and in_force[item]["eased"]:
                    raise Rejected(kind)
        elif kind in ("WhitelistRemoved", "WhitelistRestored"):
            if (key in self.whitelist_exclusions) == (kind == "WhitelistRemoved"):
                raise Rejected(kind)
        elif kind in ("VisaWaiverSuspended", "VisaWaiverRestored"):
            if (key in self.visa_waiver_suspensions) == (kind == "VisaWaiverSuspended"):
                raise Rejected(kind)
        elif kind in ("EntryRestrictionImposed", "EntryRestrictionLifted"):
            if (key in self.entry_restrictions) == (kind == "EntryRestrictionImposed"):
                raise Rejected(kind)
        elif kind == "WTOComplaintFiled":
            if fields["case"] in self.cases:
                raise Rejected(kind)
        elif kind.startswith("WTO"):
            case = self.cases.get(fields["case"])
            if case is None or (case["complainant"], case["respondent"]) != key:
                raise Rejected(kind)
            if kind == "WTOComplaintDropped" and case["status"] in (
                "withdrawn",
                fields["mode"],
            ):
                raise Rejected(kind)
            if kind == "WTOComplaintResumed" and case["status"] != "suspended":
                raise Rejected(kind)
            if kind in ("WTOPanelRequested", "WTOPanelEstablished") and (
                case["status"] != "active"
                or case["stage"]
                != (
                    "consultations"
                    if kind == "WTOPanelRequested"
                    else "panel requested"
                )
            ):
                raise Rejected(kind)
        elif kind in ("DemandMet", "DemandDropped"):
            demander = key if kind == "DemandDropped" else (key[1], key[0])
            if fields["demand"] not in self.demands.get(demander, {}):
                raise Rejected(kind)
        elif kind == "AgreementTerminationNoticed":
            if (fields["actor"], fields["agreement"]) in self.notices:
                raise Rejected(kind)
        elif kind in ("AgreementTerminationSuspended", "AgreementTerminationWithdrawn"):
            notice = self.notices.get((fields["actor"], fields["agreement"]))
            if notice is None or notice["counterparty"] != fields["target"]:
                raise Rejected(kind)
            if kind == "AgreementTerminationSuspended" and notice["suspended"]:
                raise Rejected(kind)

    def summary(self) -> dict[str, int]:
        """Counts of what is in force, to compare with ours."""
        return {
            "restricted items": sum(len(v) for v in self.restrictions.values()),
            "whitelist exclusions": len(self.whitelist_exclusions),
            "visa waiver suspensions": len(self.visa_waiver_suspensions),
            "entry restrictions": len(self.entry_restrictions),
            "notices": len(self.notices),
            "unilateral steps": sum(len(v) for v in self.steps.values()),
            "cases": len(self.cases),
            "talks": len(self.talks),
            "open demands": sum(len(v) for v in self.demands.values()),
        }


class Disputes(Application[UUID]):
    """The peer's application: one `Dispute` stream in SQLite."""

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())


def peer_fields(event: Any) -> tuple[str, dict[str, Any]]:
    """The kind and the trigger_event keywords of one of our events."""
    import attrs

    fields: dict[str, Any] = {}
    for field in attrs.fields(type(event)):
        if field.name == "precision":
            continue  # the peer's Dispute does not model it; these are all days
        value = getattr(event, field.name)
        if isinstance(value, frozenset):
            value = sorted(value)
        elif attrs.has(type(value)):
            value = attrs.asdict(value)
        fields[field.name] = value
    return type(event).__name__, fields


def open_peer(db: Path) -> Disputes:
    return Disputes(
        env={"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(db)}
    )


# --- ours ------------------------------------------------------------------------


def our_summary(state: Any) -> dict[str, int]:
    """The same counts as `Dispute.summary`, of a DisputeState."""
    policies = list(state.countries.values())
    return {
        "restricted items": sum(
            len(items) for p in policies for items in p.restrictions.values()
        ),
        "whitelist exclusions": sum(len(p.whitelist_exclusions) for p in policies),
        "visa waiver suspensions": sum(
            len(p.visa_waiver_suspensions) for p in policies
        ),
        "entry restrictions": sum(len(p.entry_restrictions) for p in policies),
        "notices": sum(len(p.agreements_under_notice) for p in policies),
        "unilateral steps": sum(len(p.unilateral_steps) for p in policies),
        "cases": len(state.wto_cases),
        "talks": len(state.talks),
        "open demands": sum(len(d) for d in state.demands.values()),
    }


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def batches(args: argparse.Namespace) -> Iterator[list[Any]]:
    from synthetic import synthetic_batches

    return synthetic_batches(
        args.events,
        countries=args.countries,
        seed=args.seed,
        back_dated=args.back_dated,
        batch=BATCH,
    )


# --- the measurements, each run in its own process --------------------------------


def child_write_ours_fast(args: argparse.Namespace) -> dict[str, Any]:
    from synthetic import write_store

    begin = time.perf_counter()
    count = write_store(Path(args.path), batches(args))
    return {"events": count, "seconds": time.perf_counter() - begin}


def child_append_ours(args: argparse.Namespace) -> dict[str, Any]:
    from synthetic import write_log

    work = list(batches(args))
    begin = time.perf_counter()
    count = write_log(Path(args.path), work)
    return {"events": count, "seconds": time.perf_counter() - begin}


def child_append_peer(args: argparse.Namespace) -> dict[str, Any]:
    work = [[peer_fields(event) for event in batch] for batch in batches(args)]
    app = open_peer(Path(args.path))
    begin = time.perf_counter()
    dispute = Dispute()
    app.save(dispute)
    saving = 0.0
    for batch in work:
        for kind, fields in batch:
            dispute.record(kind, fields)
        before = time.perf_counter()
        app.save(dispute)
        saving += time.perf_counter() - before
    seconds = time.perf_counter() - begin
    return {
        "events": dispute.version,
        "seconds": seconds,
        "save_seconds": saving,
        "id": str(dispute.id),
        "summary": dispute.summary(),
    }


def child_checkpoints_ours(args: argparse.Namespace) -> dict[str, Any]:
    from tradedispute import EventLog

    log = EventLog.open(args.path, checkpoints=False)
    begin = time.perf_counter()
    log.close()
    log = EventLog.open(args.path)
    log.write_checkpoints()
    seconds = time.perf_counter() - begin
    log.close()
    return {"events": len(log), "seconds": seconds}


def child_replay_ours(args: argparse.Namespace) -> dict[str, Any]:
    from tradedispute import EventLog

    before = peak_mb()
    begin = time.perf_counter()
    log = EventLog.open(args.path, checkpoints=not args.scratch)
    state = log.state_at(dt.date.max)
    seconds = time.perf_counter() - begin
    return {
        "events": len(log),
        "seconds": seconds,
        "peak_mb": peak_mb(),
        "growth_mb": peak_mb() - before,
        "summary": our_summary(state),
    }


def child_state_at_ours(args: argparse.Namespace) -> dict[str, Any]:
    """Open the log, then time state_at on random dates (target 3)."""
    import random
    import statistics

    from tradedispute import EventLog

    log = EventLog.open(args.path)
    events = log.events()
    first, last = events[0].effective, events[-1].effective
    chooser = random.Random(args.seed)
    days = [
        first + dt.timedelta(days=chooser.randrange((last - first).days + 1))
        for _ in range(args.questions)
    ]
    times = []
    for day in days:
        begin = time.perf_counter()
        log.state_at(day)
        times.append(time.perf_counter() - begin)
    log.close()
    later = times[len(times) // 10 :]
    return {
        "events": len(events),
        "questions": len(times),
        "seconds": sum(times),
        "first_ms": times[0] * 1000,
        "median_ms": statistics.median(times) * 1000,
        "median_after_first_tenth_ms": statistics.median(later) * 1000,
        "p90_ms": sorted(times)[int(len(times) * 0.9)] * 1000,
    }


def child_stream_ours(args: argparse.Namespace) -> dict[str, Any]:
    """Fold the log row by row from SQLite (target 4)."""
    import tradedispute  # noqa: F401 - imported before the baseline is read
    from tradedispute.stores import stream_state_at

    before = peak_mb()
    begin = time.perf_counter()
    state = stream_state_at(args.path)
    seconds = time.perf_counter() - begin
    return {
        "seconds": seconds,
        "peak_mb": peak_mb(),
        "growth_mb": peak_mb() - before,
        "summary": our_summary(state),
    }


def child_decode_ours(args: argparse.Namespace) -> dict[str, Any]:
    from tradedispute.stores import SQLiteStore

    begin = time.perf_counter()
    store = SQLiteStore(args.path)
    count = sum(1 for _ in store.read())
    seconds = time.perf_counter() - begin
    store.close()
    return {"events": count, "seconds": seconds}


def child_replay_peer(args: argparse.Namespace) -> dict[str, Any]:
    before = peak_mb()
    begin = time.perf_counter()
    app = open_peer(Path(args.path))
    dispute = app.repository.get(UUID(args.id))
    seconds = time.perf_counter() - begin
    return {
        "events": dispute.version,
        "seconds": seconds,
        "peak_mb": peak_mb(),
        "growth_mb": peak_mb() - before,
        "summary": dispute.summary(),
    }


def child_floor(args: argparse.Namespace) -> dict[str, Any]:
    import orjson

    begin = time.perf_counter()
    db = sqlite3.connect(args.path)
    count = 0
    for (record,) in db.execute("SELECT record FROM events ORDER BY seq"):
        orjson.loads(record)
        count += 1
    db.close()
    return {"events": count, "seconds": time.perf_counter() - begin}


CHILDREN = {
    "write-ours-fast": child_write_ours_fast,
    "checkpoints-ours": child_checkpoints_ours,
    "state-at-ours": child_state_at_ours,
    "stream-ours": child_stream_ours,
    "append-ours": child_append_ours,
    "append-peer": child_append_peer,
    "replay-ours": child_replay_ours,
    "decode-ours": child_decode_ours,
    "replay-peer": child_replay_peer,
    "floor": child_floor,
}


def run_child(
    task: str, args: argparse.Namespace, path: Path, **extra: str | bool
) -> Any:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "_child",
        task,
        str(path),
        f"--events={args.events}",
        f"--countries={args.countries}",
        f"--seed={args.seed}",
        f"--back-dated={args.back_dated}",
        f"--questions={args.questions}",
    ]
    command += [
        f"--{key}" if value is True else f"--{key}={value}"
        for key, value in extra.items()
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"{task} failed:\n{done.stderr}")
    return json.loads(done.stdout)


# --- the report ------------------------------------------------------------------


@dataclasses.dataclass
class Row:
    name: str
    ours: float | None
    peer: float | None
    floor: float | None = None

    def line(self) -> str:
        def cell(value: float | None) -> str:
            return "-" if value is None else f"{value:,.2f}"

        def ratio(a: float | None, b: float | None) -> str:
            return "-" if a is None or b is None or not b else f"{a / b:,.2f}"

        return (
            f"{self.name:<42} {cell(self.ours):>9} {cell(self.peer):>9} "
            f"{cell(self.floor):>9} {ratio(self.peer, self.ours):>11} "
            f"{ratio(self.ours, self.floor):>11}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_001)
    parser.add_argument("--countries", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--back-dated",
        type=float,
        default=0.02,
        help="fraction of back-dated events (synthetic.py); 0 for none",
    )
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument(
        "--skip-append",
        action="store_true",
        help="skip our validated append (about 8 s for 100,001 events)",
    )
    parser.add_argument(
        "--skip-peer",
        action="store_true",
        help="measure ours only (targets 3 and 4 at a million events, say)",
    )
    parser.add_argument(
        "--questions",
        type=int,
        default=1_000,
        help="state_at questions on random dates (target 3)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=5,
        help="runs of (1) and (5), ours, the peer's and the floor: the median counts",
    )
    parser.add_argument("--json", type=Path, default=None)
    if len(sys.argv) > 1 and sys.argv[1] == "_child":
        parser.add_argument("child", choices=["_child"])
        parser.add_argument("task", choices=sorted(CHILDREN))
        parser.add_argument("path")
        parser.add_argument("--id")
        parser.add_argument("--scratch", action="store_true")
        args = parser.parse_args()
        print(json.dumps(CHILDREN[args.task](args), default=str))
        return
    args = parser.parse_args()
    output = args.json or HERE / "results" / f"peer-{args.events}.json"

    results: dict[str, Any] = {}
    if args.dir is not None:
        Path(args.dir).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=args.dir) as name:
        folder = Path(name)
        ours, peer = folder / "ours.sqlite", folder / "peer.sqlite"

        def step(
            key: str, task: str, path: Path, *, repeat: int = 1, **extra: str | bool
        ) -> Any:
            """Run *task* *repeat* times, in fresh processes; keep the median run."""
            print(f"{key}...", end=" ", flush=True)
            runs = [run_child(task, args, path, **extra) for _ in range(repeat)]
            runs.sort(key=lambda run: run["seconds"])
            results[key] = {**runs[len(runs) // 2], "runs": len(runs)}
            if repeat > 1:
                results[key]["all_seconds"] = [run["seconds"] for run in runs]
            print(f"{results[key]['seconds']:.2f} s", flush=True)
            return results[key]

        step("write ours (no validation)", "write-ours-fast", ours)
        if not args.skip_peer:
            appended = step("append peer", "append-peer", peer)
        if not args.skip_append:
            step("append ours", "append-ours", folder / "ours-appended.sqlite")
        repeat = args.repeat
        step("replay ours from scratch", "replay-ours", ours, scratch=True)
        step("write checkpoints ours", "checkpoints-ours", ours)
        step("replay ours", "replay-ours", ours, repeat=repeat)
        step("decode ours", "decode-ours", ours)
        step("state_at ours", "state-at-ours", ours)
        step("stream ours", "stream-ours", ours)
        if not args.skip_peer:
            step("replay peer", "replay-peer", peer, repeat=repeat, id=appended["id"])
        step("floor", "floor", ours, repeat=repeat)

    def seconds(key: str, field: str = "seconds") -> float | None:
        return results[key][field] if key in results else None

    rows = [
        Row(
            "(1) open + state_at(max), checkpoints, s",
            seconds("replay ours"),
            seconds("replay peer"),
            seconds("floor"),
        ),
        Row(
            "(1,5) the same from scratch (full replay), s",
            seconds("replay ours from scratch"),
            seconds("replay peer"),
            seconds("floor"),
        ),
        Row("    decoding alone (ours), s", seconds("decode ours"), None),
        Row(
            "(2) append in batches of 1,000, s",
            seconds("append ours"),
            seconds("append peer"),
        ),
        Row("    peer's save() alone, s", None, seconds("append peer", "save_seconds")),
        Row(
            "(3) state_at a random date, median ms",
            seconds("state_at ours", "median_ms"),
            None,
        ),
        Row(
            "    the same, p90 ms",
            seconds("state_at ours", "p90_ms"),
            None,
        ),
        Row(
            "(4) streaming replay, memory growth MB",
            seconds("stream ours", "growth_mb"),
            None,
        ),
        Row("    streaming replay, s", seconds("stream ours"), None, seconds("floor")),
        Row(
            "    open + replay in memory, peak MB",
            seconds("replay ours", "peak_mb"),
            seconds("replay peer", "peak_mb"),
        ),
    ]
    print()
    print(
        f"{args.events:,} events, {args.countries} countries, seed {args.seed}, "
        f"{args.back_dated:.0%} back-dated; "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}"
    )
    print(
        f"{'measurement':<42} {'ours':>9} {'peer':>9} {'floor':>9} "
        f"{'peer/ours':>11} {'ours/floor':>11}"
    )
    for row in rows:
        print(row.line())
    same = (
        results["replay ours"]["summary"]
        == results["stream ours"]["summary"]
        == results.get("replay peer", results["replay ours"])["summary"]
    )
    print(f"\nsame facts in force at the end: {same}")
    if not same and "replay peer" in results:
        print(f"ours: {results['replay ours']['summary']}")
        print(f"peer: {results['replay peer']['summary']}")
    report = {
        "events": args.events,
        "countries": args.countries,
        "seed": args.seed,
        "back_dated": args.back_dated,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "cpu_count": os.cpu_count(),
        "results": results,
        "same_facts": same,
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, default=str) + "\n")
    print(f"wrote {output}")


if __name__ == "__main__":
    main()
