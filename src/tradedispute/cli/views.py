"""``tradedispute intervals``, ``escalation``, ``reciprocity``: the analyst's views."""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Iterator, Sequence
from typing import IO, Any

from tradedispute.cli import labels, options
from tradedispute.cli.render import JSONDict, print_json, table, width
from tradedispute.core.catalogue import label_of
from tradedispute.core.events import Event
from tradedispute.core.involvement import interval_involves
from tradedispute.core.reciprocity import FAMILIES
from tradedispute.core.views import EscalationPoint, Interval
from tradedispute.views import Intervals

#: Room an escalation column takes: a score, its padding and its border.
_SCORE_WIDTH = 8


def add_commands(commands: Any) -> None:
    """Add ``intervals``, ``escalation`` and ``reciprocity`` to the commands."""
    intervals_ = commands.add_parser(
        "intervals", help="each measure's periods in force"
    )
    options.add_log_options(intervals_, positional=True)
    options.add_country(intervals_, what="measures")
    options.add_kind(
        intervals_, what="measures", kinds_of="a measure kind, such as 'WTO case'"
    )
    options.add_from_to(intervals_, what="periods in force on some day")
    intervals_.add_argument("--json", action="store_true", help="print JSON")
    options.add_known_at(intervals_)
    intervals_.set_defaults(run=run_intervals)

    escalation_ = commands.add_parser(
        "escalation", help="each country's escalation index over time"
    )
    options.add_log_options(escalation_, positional=True)
    escalation_.add_argument(
        "--country",
        type=options.country,
        metavar="CODE",
        help="only this country's index (ISO 3166 alpha-3, such as JPN)",
    )
    options.add_from_to(escalation_, what="the changes")
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
    options.add_country(reciprocity_, what="moves")
    options.add_kind(
        reciprocity_,
        what="moves",
        kinds_of="a family of moves, such as 'whitelist removal'",
    )
    options.add_from_to(reciprocity_, what="moves made")
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


def intervals_kept(found: Intervals, args: argparse.Namespace) -> Intervals:
    """The intervals that ``--country``, ``--kind``, ``--from`` and ``--to`` keep."""
    kind = None if args.kind is None else options.measure_kind(args.kind)
    return Intervals(
        interval
        for interval in found
        if (args.country is None or interval_involves(interval, args.country))
        and (kind is None or interval.kind == kind)
        and options.overlaps(interval.start, interval.end, args)
    )


def run_intervals(args: argparse.Namespace, out: IO[str]) -> int:
    """Print each measure's periods in force."""
    options.check_from_to(args)
    with options.open_log(args) as log:
        found = intervals_kept(log.intervals(known_at=args.known_at), args)
    if args.json:
        print_json([_interval_json(interval) for interval in found], out)
        return 0
    if not found:
        out.write("No measure was in force\n")
        return 0
    rows = [
        (
            label_of(interval.kind),
            labels.between(interval.actor, interval.target),
            interval.subject,
            interval.start.isoformat(),
            "in force" if interval.end is None else interval.end.isoformat(),
            "" if interval.days is None else str(interval.days),
        )
        for interval in found
    ]
    table(out, ("Kind", "Who", "Subject", "Start", "End", "Days"), rows, numbers=1)
    return 0


def points_kept(
    series: Sequence[EscalationPoint], args: argparse.Namespace
) -> list[EscalationPoint]:
    """The points that ``--country``, ``--from`` and ``--to`` keep."""
    return [
        point
        for point in series
        if (args.country is None or point.country == args.country)
        and options.within(point.date, args)
    ]


def run_escalation(args: argparse.Namespace, out: IO[str]) -> int:
    """Print each country's escalation index, a row per date it changes."""
    options.check_from_to(args)
    with options.open_log(args) as log:
        series = log.escalation(known_at=args.known_at)
    if args.json:
        points = [
            {"date": p.date.isoformat(), "country": p.country, "score": p.score}
            for p in points_kept(series, args)
        ]
        print_json(points, out)
        return 0
    countries = sorted({p.country for p in series if args.country in (None, p.country)})
    rows = list(_score_rows(series, countries, args))
    if not rows:
        out.write("No country's index changes on the days asked about\n")
        return 0
    if len("Date") + 10 + _SCORE_WIDTH * len(countries) <= width():
        table(out, ("Date", *countries), rows, numbers=len(countries))
        return 0
    long_rows = [
        (p.date.isoformat(), p.country, f"{p.score:.1f}")
        for p in points_kept(series, args)
    ]
    table(out, ("Date", "Country", "Index"), long_rows, numbers=1)
    return 0


def _score_rows(
    series: Sequence[EscalationPoint], countries: list[str], args: argparse.Namespace
) -> Iterator[tuple[str, ...]]:
    """A row per day some country's index changes: every country's index then."""
    # The series comes by date: carry each country's score forward in one
    # pass (series.at(day) would scan the series for every row).
    scores: dict[str, float] = {}
    for day, changes in itertools.groupby(series, key=lambda point: point.date):
        moved = {point.country: point.score for point in changes}
        scores.update(moved)
        if options.within(day, args) and moved.keys() & set(countries):
            yield (day.isoformat(), *(f"{scores.get(c, 0.0):.1f}" for c in countries))


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
    options.check_from_to(args)
    family = None if args.kind is None else options.family(args.kind, FAMILIES.values())
    with options.open_log(args) as log:
        links = [
            link
            for link in log.reciprocity(
                window_days=args.window_days, known_at=args.known_at
            )
            if (args.country is None or args.country in link.pair)
            and (family is None or link.family == family)
            and options.within(link.move.effective, args)
        ]
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
        out.write(f"No move was answered in kind within {args.window_days} days\n")
        return 0
    rows = [
        (
            link.move.effective.isoformat(),
            labels.between(*link.pair),
            link.family,
            link.answer.effective.isoformat(),
            str(link.days),
        )
        for link in links
    ]
    table(out, ("Move", "Who", "Family", "Answer", "Days"), rows, numbers=1)
    return 0


def _window(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(
            f"expected a whole number of days, 0 or more, such as 60, not {text!r}"
        )
    return int(text)
