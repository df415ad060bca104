"""``tradedispute intervals``, ``escalation``, ``reciprocity``: the analyst's views."""

from __future__ import annotations

import argparse
import itertools
from typing import IO, Any

from tradedispute.cli import options
from tradedispute.cli.render import JSONDict, columns, print_json
from tradedispute.core.events import Event
from tradedispute.core.views import Interval
from tradedispute.views import Intervals


def add_commands(commands: Any) -> None:
    """Add ``intervals``, ``escalation`` and ``reciprocity`` to the commands."""
    intervals_ = commands.add_parser(
        "intervals", help="each measure's periods in force"
    )
    options.add_log_options(intervals_, positional=True)
    options.add_country(intervals_, what="measures")
    intervals_.add_argument("--json", action="store_true", help="print JSON")
    options.add_known_at(intervals_)
    intervals_.set_defaults(run=run_intervals)

    escalation_ = commands.add_parser(
        "escalation", help="each country's escalation index over time"
    )
    options.add_log_options(escalation_, positional=True)
    escalation_.add_argument("--json", action="store_true", help="print JSON")
    options.add_known_at(escalation_)
    escalation_.set_defaults(run=run_escalation)

    reciprocity_ = commands.add_parser(
        "reciprocity", help="moves the other side answered in kind"
    )
    options.add_log_options(reciprocity_, positional=True)
    reciprocity_.add_argument(
        "--window-days",
        type=_window,
        default=60,
        metavar="N",
        help="the most days an answer may come after its move (default 60)",
    )
    reciprocity_.add_argument("--json", action="store_true", help="print JSON")
    options.add_known_at(reciprocity_)
    reciprocity_.set_defaults(run=run_reciprocity)


def _interval_json(interval: Interval) -> JSONDict:
    return {
        "kind": interval.kind,
        "actor": interval.actor,
        "target": interval.target,
        "subject": interval.subject,
        "start": interval.start.isoformat(),
        "end": None if interval.end is None else interval.end.isoformat(),
        "days": interval.days,
        "started_by": interval.started_by,
        "ended_by": interval.ended_by,
        "detail": interval.detail,
    }


def run_intervals(args: argparse.Namespace, out: IO[str]) -> int:
    """Print each measure's periods in force."""
    with options.open_log(args) as log:
        found = log.intervals(known_at=args.known_at)
    if args.country is not None:
        found = Intervals(i for i in found if args.country in (i.actor, i.target))
    if args.json:
        print_json([_interval_json(interval) for interval in found], out)
        return 0
    if not found:
        out.write("no measure was in force\n")
        return 0
    rows = [
        (
            row["kind"],
            f"{row['actor']} -> {row['target']}",
            row["subject"],
            row["start"],
            row["end"] or "in force",
            "" if row["days"] is None else str(row["days"]),
        )
        for row in map(_interval_json, found)
    ]
    columns(("Kind", "Who", "Subject", "Start", "End", "Days"), rows, out, numbers=1)
    return 0


def run_escalation(args: argparse.Namespace, out: IO[str]) -> int:
    """Print each country's escalation index, a row per date it changes."""
    with options.open_log(args) as log:
        series = log.escalation(known_at=args.known_at)
    if args.json:
        points = [
            {"date": p.date.isoformat(), "country": p.country, "score": p.score}
            for p in series
        ]
        print_json(points, out)
        return 0
    if not series:
        out.write("no country has a measure in force on any date\n")
        return 0
    countries = sorted({point.country for point in series})
    # The series comes by date: carry each country's score forward in one
    # pass (series.at(day) would scan the series for every row).
    scores: dict[str, float] = {}
    rows = []
    for day, changes in itertools.groupby(series, key=lambda point: point.date):
        scores.update((point.country, point.score) for point in changes)
        rows.append(
            (day.isoformat(), *(f"{scores.get(c, 0.0):.1f}" for c in countries))
        )
    columns(("Date", *countries), rows, out, numbers=len(countries))
    return 0


def _move_json(move: Event, actor: str, target: str) -> JSONDict:
    return {
        "id": move.id,
        "type": type(move).__name__,
        "actor": actor,
        "target": target,
        "effective": move.effective.isoformat(),
    }


def run_reciprocity(args: argparse.Namespace, out: IO[str]) -> int:
    """Print the moves answered in kind within ``--window-days``."""
    with options.open_log(args) as log:
        links = log.reciprocity(window_days=args.window_days, known_at=args.known_at)
    if args.json:
        documents = [
            {
                "family": link.family,
                "days": link.days,
                "move": _move_json(link.move, *link.pair),
                "answer": _move_json(link.answer, link.pair[1], link.pair[0]),
            }
            for link in links
        ]
        print_json(documents, out)
        return 0
    if not links:
        out.write(f"no move was answered in kind within {args.window_days} days\n")
        return 0
    rows = [
        (
            link.move.effective.isoformat(),
            f"{link.pair[0]} -> {link.pair[1]}",
            link.family,
            link.answer.effective.isoformat(),
            str(link.days),
        )
        for link in links
    ]
    columns(("Move", "Who", "Family", "Answer", "Days"), rows, out, numbers=1)
    return 0


def _window(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(
            f"expected a whole number of days, 0 or more, such as 60, not {text!r}"
        )
    return int(text)
