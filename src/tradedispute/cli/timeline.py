"""``tradedispute timeline``: the events in replay order."""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from typing import IO, Any

from tradedispute.cli import labels, options
from tradedispute.cli.render import JSONDict, entries, print_json
from tradedispute.codec.converter import _converter
from tradedispute.core.catalogue import label_of
from tradedispute.core.events import CountryMove, Event, shown_date
from tradedispute.core.involvement import MeasureSides, involves, measure_sides
from tradedispute.core.measure_events import (
    MeasureEvent,
)
from tradedispute.core.products import Products
from tradedispute.core.rates import Rate


def add_command(commands: Any) -> None:
    """Add ``timeline`` to the parser's commands."""
    timeline = commands.add_parser("timeline", help="events in replay order")
    options.add_log_options(timeline, positional=True)
    options.add_from_to(timeline, what="events")
    options.add_country(timeline, what="events")
    options.add_kind(
        timeline,
        what="events",
        kinds_of="a type of event, such as 'talks held' or TalksHeld",
    )
    timeline.add_argument("--json", action="store_true", help="print JSON")
    options.add_known_at(timeline)
    timeline.set_defaults(run=run)


_NOT_KEY = frozenset(
    {
        *("id", "effective", "source", "note", "actor", "target", "parties"),
        *("targets", "exempt", "precision"),
    }
)


def _between(event: Event, sides: MeasureSides) -> str:
    if isinstance(event, CountryMove):
        return labels.between(event.actor, event.target)
    if isinstance(event, MeasureEvent) and event.measure in sides:
        actor, targets = sides[event.measure]
        exempt: frozenset[str] = getattr(event, "exempt", frozenset())
        aimed = ", ".join(sorted(targets))
        if exempt:
            aimed += f" except {', '.join(sorted(exempt))}"
        return labels.between(actor, aimed)
    parties = getattr(event, "parties", None)
    if isinstance(parties, frozenset):
        return " + ".join(sorted(parties))
    return ""


def _key(event: Event) -> str:
    """The event's own fields in words: products and rates as people write them."""
    words = []
    for name, item in _converter.unstructure(event).items():
        if name in _NOT_KEY:
            continue
        own = getattr(event, name, None)
        if isinstance(own, Products | Rate):
            shown = "" if own == Products() else f"{labels.field_label(name)}: {own}"
        elif name == "kind" and isinstance(event, MeasureEvent):
            shown = f"kind: {label_of(item)}"
        else:
            shown = labels.field(name, item)
        if shown:
            words.append(shown)
    return "; ".join(words)


def _entries(
    events: Sequence[Event], sides: MeasureSides
) -> Iterator[tuple[str, list[str]]]:
    for event in events:
        head = [
            shown_date(event),
            labels.event_label(type(event).__name__),
            _between(event, sides),
            f"[{event.id}]",
        ]
        details = [_key(event)]
        if event.source is not None:
            source = event.source
            parts = [source.publisher, f"\u201c{source.title}\u201d"]
            if source.published is not None:
                parts.append(source.published.isoformat())
            if source.url is not None:
                parts.append(source.url)
            details.append(f"source: {', '.join(parts)}")
        if event.note:
            details.append(f"note: {event.note}")
        yield "  ".join(part for part in head if part), [d for d in details if d]


def run(args: argparse.Namespace, out: IO[str]) -> int:
    """Print the events, filtered by dates, country and type."""
    options.check_from_to(args)
    kind = None if args.kind is None else options.event_type(args.kind)
    with options.open_log(args) as log:
        events = log.events(known_at=args.known_at)
    # The sides of a measure come from its declaration, which may be earlier.
    sides = measure_sides(events)
    events = tuple(event for event in events if options.within(event.effective, args))
    if args.country is not None:
        events = tuple(
            event for event in events if involves(event, args.country, sides)
        )
    if kind is not None:
        events = tuple(
            event
            for event in events
            if labels.event_label(type(event).__name__) == kind
        )
    if args.json:
        records = []
        for event in events:
            record: JSONDict = {"type": type(event).__name__}
            record.update(_converter.unstructure(event))
            records.append(record)
        print_json(records, out)
        return 0
    if not events:
        out.write("No event matches\n")
        return 0
    entries(out, _entries(events, sides))
    return 0
