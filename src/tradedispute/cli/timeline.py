"""``tradedispute timeline``: the events in replay order."""

from __future__ import annotations

import argparse
from typing import IO, Any

from tradedispute.cli import options
from tradedispute.cli.render import JSONDict, print_json, value
from tradedispute.codec.converter import _converter
from tradedispute.core.events import CountryMove, Event, shown_date
from tradedispute.core.measure_events import (
    ALL,
    MeasureAnnounced,
    MeasureEvent,
    MeasureImposed,
)
from tradedispute.core.products import Products
from tradedispute.core.rates import Rate


def add_command(commands: Any) -> None:
    """Add ``timeline`` to the parser's commands."""
    timeline = commands.add_parser("timeline", help="events in replay order")
    options.add_log_options(timeline, positional=True)
    options.add_from_to(timeline, what="events")
    options.add_country(timeline, what="events")
    timeline.add_argument("--json", action="store_true", help="print JSON")
    options.add_known_at(timeline)
    timeline.set_defaults(run=run)


_NOT_KEY = frozenset(
    {
        *("id", "effective", "source", "note", "actor", "target", "parties"),
        *("targets", "exempt", "precision"),
    }
)

Sides = dict[str, tuple[str, frozenset[str]]]
"""Measure id → (actor, targets), from the events that declared it."""


def _sides(events: tuple[Event, ...]) -> Sides:
    return {
        event.measure: (event.actor, event.targets)
        for event in events
        if isinstance(event, MeasureImposed | MeasureAnnounced)
    }


def _involves(event: Event, code: str, sides: Sides) -> bool:
    if isinstance(event, CountryMove):
        return code in (event.actor, event.target)
    if isinstance(event, MeasureEvent) and event.measure in sides:
        actor, targets = sides[event.measure]
        return code == actor or code in targets or ALL in targets
    parties: object = getattr(event, "parties", None)
    return isinstance(parties, frozenset) and code in parties


def _between(event: Event, sides: Sides) -> str:
    if isinstance(event, CountryMove):
        return f"{event.actor}→{event.target}"
    if isinstance(event, MeasureEvent) and event.measure in sides:
        actor, targets = sides[event.measure]
        exempt: frozenset[str] = getattr(event, "exempt", frozenset())
        aimed = ", ".join(sorted(targets))
        if exempt:
            aimed += f" except {', '.join(sorted(exempt))}"
        return f"{actor}→{aimed}"
    parties = getattr(event, "parties", None)
    if isinstance(parties, frozenset):
        return "+".join(sorted(parties))
    return "-"


def _key(event: Event) -> str:
    """The event's own fields in words: products and rates as people write them."""
    fields: JSONDict = _converter.unstructure(event)
    words = []
    for name, item in fields.items():
        if name in _NOT_KEY or item in (None, "", [], False):
            continue
        own = getattr(event, name, None)
        shown = str(own) if isinstance(own, Products | Rate) else value(item)
        words.append(f"{name}={shown}")
    return "; ".join(words)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    """Print the events, filtered by dates and country."""
    options.check_from_to(args)
    with options.open_log(args) as log:
        events = log.events(since=args.since, until=args.until, known_at=args.known_at)
    sides = _sides(events)
    if args.country is not None:
        events = tuple(
            event for event in events if _involves(event, args.country, sides)
        )
    if args.json:
        records = []
        for event in events:
            record: JSONDict = {"type": type(event).__name__}
            record.update(_converter.unstructure(event))
            records.append(record)
        print_json(records, out)
        return 0
    for event in events:
        out.write(
            f"{shown_date(event)}  {type(event).__name__}  "
            f"{_between(event, sides)}  {_key(event)}  [{event.id}]\n"
        )
        if event.source is not None:
            source = event.source
            parts = [source.publisher, f"\u201c{source.title}\u201d"]
            if source.published is not None:
                parts.append(source.published.isoformat())
            if source.url is not None:
                parts.append(source.url)
            out.write(f"    source: {', '.join(parts)}\n")
        if event.note:
            out.write(f"    note: {event.note}\n")
    return 0
