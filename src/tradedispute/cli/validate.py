"""``tradedispute validate``: check a log end to end."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import IO, Any

from tradedispute import datasets
from tradedispute.cli import options
from tradedispute.cli.options import UsageError, is_url
from tradedispute.cli.render import entries, one_line
from tradedispute.log.validation import validate
from tradedispute.stores.opener import store_type, suffixes


def add_command(commands: Any) -> None:
    """Add ``validate`` to the parser's commands."""
    validate_ = commands.add_parser("validate", help="check a log")
    options.add_log_options(validate_, positional=True)
    validate_.add_argument(
        "--head",
        metavar="HEAD",
        help="a head published before ('412:sha256:...'): check the log extends it",
    )
    validate_.set_defaults(run=run)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    """Print every problem found and exit 1, or ``ok: N events`` and exit 0."""
    with _location(args) as (location, shown):
        found = validate(location, head=args.head)
    if not found.ok:
        entries(out, ((one_line(problem), ()) for problem in found.problems))
        plural = "" if len(found.problems) == 1 else "s"
        out.write(f"invalid: {len(found.problems)} problem{plural} in {shown}\n")
        return 1
    out.write(f"ok: {found.events} events\n")
    return 0


@contextlib.contextmanager
def _location(args: argparse.Namespace) -> Iterator[tuple[str, str]]:
    """The log to check, and its name for people: a file, a URL, or a dataset's file.

    Raises:
        UsageError: no log or two are given, the file does not exist, or its
            suffix names no kind of log.
        UnknownDataset: no dataset of that name ships.
    """
    given = [value for value in (args.path, args.log, args.dataset) if value]
    if len(given) != 1:
        raise UsageError(
            "give exactly one log to check: a log file (LOG or --log PATH), a "
            "postgresql:// URL, or --dataset NAME (see 'tradedispute datasets')"
        )
    if args.dataset is not None:
        if args.dataset not in datasets.names():
            datasets.load(args.dataset)  # raises UnknownDataset, listing them
        shipped = resources.files(datasets).joinpath(f"{args.dataset}.jsonl")
        with resources.as_file(shipped) as path:
            yield str(path), f"dataset {args.dataset}"
        return
    location = given[0]
    if not is_url(location):
        _check_file(Path(location))
    yield location, location


def _check_file(path: Path) -> None:
    """Refuse a missing file, or one whose suffix names no kind of log."""
    if not path.is_file():
        raise UsageError(f"{path}: no such log file")
    if store_type(path) is None:
        raise UsageError(
            f"{path}: cannot tell the kind of log from the suffix {path.suffix!r}; "
            f"use one of {', '.join(suffixes())}"
        )
