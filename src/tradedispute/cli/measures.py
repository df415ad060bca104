"""``tradedispute measures`` and ``duty``: the measures in force, what they charge."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import IO, Any

from tradedispute.cli import options
from tradedispute.cli.labels import NOTHING, between
from tradedispute.cli.render import JSONDict, entries, print_json, table
from tradedispute.codec.state_json import intervention_to_json, rate_to_json
from tradedispute.core.catalogue import label_of
from tradedispute.core.display import status
from tradedispute.core.duty import Duty
from tradedispute.core.state import DisputeState


def add_commands(commands: Any) -> None:
    """Add ``measures`` and ``duty`` to the parser's commands."""
    measures = commands.add_parser(
        "measures", help="the measures in force on a date, by actor, target, kind"
    )
    options.add_log_options(measures, positional=True)
    options.add_at_or_last(measures)
    measures.add_argument(
        "--actor", type=options.country, metavar="CODE", help="imposed by CODE"
    )
    measures.add_argument(
        "--target", type=options.country, metavar="CODE", help="aimed at CODE"
    )
    options.add_country(measures, what="measures")
    options.add_kind(
        measures, what="measures", kinds_of="a measure kind, such as 'import tariff'"
    )
    measures.add_argument(
        "--product", metavar="PRODUCT", help="covering this HS code or item"
    )
    measures.add_argument(
        "--scheduled",
        action="store_true",
        help="list measures announced but not yet in force too",
    )
    measures.add_argument("--json", action="store_true", help="print JSON")
    options.add_known_at(measures)
    measures.set_defaults(run=run_measures)

    duty = commands.add_parser(
        "duty", help="the additional duty one country applies to another's product"
    )
    options.add_log_options(duty, positional=True)
    duty.add_argument(
        "--actor",
        type=options.country,
        required=True,
        metavar="CODE",
        help="the importing country",
    )
    duty.add_argument(
        "--target",
        type=options.country,
        required=True,
        metavar="CODE",
        help="the country whose product it is",
    )
    duty.add_argument(
        "--product",
        required=True,
        metavar="PRODUCT",
        help="an HS code (8541.40 or 854140) or an item's name",
    )
    options.add_at_or_last(duty)
    duty.add_argument("--json", action="store_true", help="print JSON")
    options.add_known_at(duty)
    duty.set_defaults(run=run_duty)


def _state(args: argparse.Namespace) -> tuple[DisputeState, dt.date | None]:
    """The state on the day asked about, and that day (`None`: no events)."""
    with options.open_log(args) as log:
        day = options.day_asked(args, log)
        if day is None:
            return DisputeState(), None
        return log.state_at(day, known_at=args.known_at), day


def run_measures(args: argparse.Namespace, out: IO[str]) -> int:
    """List the measures in force on ``--at``, filtered, as a table or JSON."""
    state, day = _state(args)
    kind = None if args.kind is None else options.measure_kind(args.kind)
    found = state.measures(
        actor=args.actor,
        target=args.target,
        kind=kind,
        product=args.product,
        scheduled=args.scheduled,
    )
    if args.country is not None:
        involved = {
            measure.measure
            for side in ({"actor": args.country}, {"target": args.country})
            for measure in state.measures(scheduled=args.scheduled, **side)
        }
        found = tuple(measure for measure in found if measure.measure in involved)
    if args.json:
        print_json([intervention_to_json(measure) for measure in found], out)
        return 0
    if day is None:
        out.write("No measures: the log has no events\n")
        return 0
    if not found:
        out.write(f"No measures in force on {day.isoformat()}\n")
        return 0
    headers = ("Measure", "Kind", "Who", "Products", "Rate", "Status")
    rows = [
        (
            measure.measure,
            label_of(measure.kind),
            between(measure.actor, measure.target_label()),
            str(measure.products),
            NOTHING if measure.rate is None else str(measure.rate),
            status(measure),
            NOTHING if measure.since is None else measure.since.isoformat(),
        )
        for measure in found
    ]
    table(
        out, (*headers, "Since"), rows, title=f"Measures in force on {day.isoformat()}"
    )
    return 0


def run_duty(args: argparse.Namespace, out: IO[str]) -> int:
    """Print the additional duty on ``--at``: its total and each measure's part."""
    state, day = _state(args)
    duty = state.duty(args.actor, args.target, args.product)
    if args.json:
        print_json(duty_to_json(duty, day), out)
        return 0
    on = "" if day is None else f" on {day.isoformat()}"
    total = str(duty) if duty.parts else "none"
    answer = (
        f"Additional duty {duty.actor} applies to {duty.target}'s {duty.product}"
        f"{on}: {total}"
    )
    entries(out, [(answer, ())])
    if duty.parts:
        table(
            out,
            ("Measure", "Kind", "Legal basis", "Rate"),
            [
                (part.measure, label_of(part.kind), part.legal_basis, str(part.rate))
                for part in duty.parts
            ],
            numbers=1,
        )
    return 0


def duty_to_json(duty: Duty, day: dt.date | None) -> JSONDict:
    """A `Duty` as ``duty --json`` prints it."""
    low, high = duty.range
    return {
        "actor": duty.actor,
        "target": duty.target,
        "product": duty.product,
        "date": None if day is None else day.isoformat(),
        "percent": duty.percent,
        "range": [low, high],
        "exact": duty.exact,
        "parts": [
            {
                "measure": part.measure,
                "kind": part.kind,
                "label": label_of(part.kind),
                "legal_basis": part.legal_basis,
                "rate": rate_to_json(part.rate),
            }
            for part in duty.parts
        ],
    }
