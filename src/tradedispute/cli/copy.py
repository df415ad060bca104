"""``tradedispute copy``: copy a log into another store, as recorded."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import IO, Any

from tradedispute.cli.options import UsageError
from tradedispute.log.copying import copy_log


def add_command(commands: Any) -> None:
    """Add ``copy`` to the parser's commands."""
    copy = commands.add_parser(
        "copy",
        help="copy a log into another store, keeping each entry's seq and commit time",
    )
    copy.add_argument(
        "source",
        metavar="SRC",
        help="the log to copy (.jsonl, .sqlite or .db, or a store's URL); only read",
    )
    copy.add_argument(
        "destination",
        metavar="DST",
        help="the log to copy into: created if missing; one that holds the "
        "source's first entries (a copy cut short) gets the rest",
    )
    copy.add_argument(
        "--batch",
        type=_batch,
        default=1000,
        metavar="N",
        help="how many entries each batch holds, each written all or nothing "
        "(default: 1000)",
    )
    copy.set_defaults(run=run)


def _batch(text: str) -> int:
    """Read a batch size: a whole number >= 1."""
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise argparse.ArgumentTypeError(
            f"expected a whole number of entries >= 1, not {text!r}"
        )
    return int(text)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    """Copy the log, and say how many entries were copied, and the head."""
    source = str(args.source)
    if "://" not in source and not Path(source).is_file():
        raise UsageError(f"{source}: no such log file")
    report = copy_log(source, args.destination, batch=args.batch)
    plural = "entry" if report.copied == 1 else "entries"
    out.write(
        f"copied {report.copied} {plural} from {report.source} to "
        f"{report.destination} ({report.before} already there); head {report.head}\n"
    )
    return 0
