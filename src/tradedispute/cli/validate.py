"""``tradedispute validate``: check a log file end to end."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import IO, Any

from tradedispute.cli.options import UsageError, is_url
from tradedispute.cli.render import one_line
from tradedispute.log.validation import validate
from tradedispute.stores.opener import store_type, suffixes


def add_command(commands: Any) -> None:
    """Add ``validate`` to the parser's commands."""
    validate_ = commands.add_parser("validate", help="check a log file")
    validate_.add_argument(
        "file", metavar="LOG", help="the log to check: a file, or a postgresql:// URL"
    )
    validate_.add_argument(
        "--head",
        metavar="HEAD",
        help="a head published before ('412:sha256:...'): check the log extends it",
    )
    validate_.set_defaults(run=run)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    """Print every problem found and exit 1, or ``ok: N events`` and exit 0."""
    path = args.file
    if not is_url(path):
        _check_file(Path(path))
    found = validate(path, head=args.head)
    for problem in found.problems:
        out.write(one_line(problem) + "\n")
    if not found.ok:
        plural = "" if len(found.problems) == 1 else "s"
        out.write(f"invalid: {len(found.problems)} problem{plural} in {path}\n")
        return 1
    out.write(f"ok: {found.events} events\n")
    return 0


def _check_file(path: Path) -> None:
    """Refuse a missing file, or one whose suffix names no kind of log."""
    if not path.is_file():
        raise UsageError(f"{path}: no such log file")
    if store_type(path) is None:
        raise UsageError(
            f"{path}: cannot tell the kind of log from the suffix {path.suffix!r}; "
            f"use one of {', '.join(suffixes())}"
        )
