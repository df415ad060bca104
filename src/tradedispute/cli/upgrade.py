"""``tradedispute upgrade``: bring a log written by an earlier version up to date."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import IO, Any

from tradedispute.cli.options import UsageError
from tradedispute.stores.opener import open_store
from tradedispute.stores.protocol import Upgrades


def add_command(commands: Any) -> None:
    """Add ``upgrade`` to the parser's commands."""
    upgrade = commands.add_parser(
        "upgrade", help="bring a log written by an earlier version up to date"
    )
    upgrade.add_argument("file", metavar="FILE", help="the log file to upgrade")
    upgrade.set_defaults(run=run)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    """Upgrade the log, and say what was done."""
    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"{path}: no such log file")
    store = open_store(path, create=False)
    try:
        if not isinstance(store, Upgrades):
            raise UsageError(f"{path}: this kind of log has nothing to upgrade")
        done = store.upgrade()
    finally:
        store.close()
    for line in done:
        out.write(f"{line}\n")
    out.write(f"up to date: {path}\n")
    return 0
