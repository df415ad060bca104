"""``tradedispute datasets``: the records that ship."""

from __future__ import annotations

import argparse
from typing import IO, Any

from tradedispute import datasets
from tradedispute.cli.labels import NOTHING
from tradedispute.cli.render import JSONDict, print_json, table


def add_command(commands: Any) -> None:
    """Add ``datasets`` to the parser's commands."""
    shipped = commands.add_parser("datasets", help="the datasets that ship")
    shipped.add_argument("--json", action="store_true", help="print JSON")
    shipped.set_defaults(run=run)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    """List each dataset with its number of events and its dates."""
    rows: list[JSONDict] = []
    for name in datasets.names():
        log = datasets.load(name)
        events = log.events()
        first = events[0].effective.isoformat() if events else None
        last = events[-1].effective.isoformat() if events else None
        rows.append({"name": name, "events": len(events), "first": first, "last": last})
    if args.json:
        print_json(rows, out)
        return 0
    if not rows:
        out.write("No datasets ship with this version\n")
        return 0
    shown = [
        (
            row["name"],
            str(row["events"]),
            row["first"] or NOTHING,
            row["last"] or NOTHING,
        )
        for row in rows
    ]
    table(out, ("Name", "Events", "First", "Last"), shown, numbers=3)
    return 0
