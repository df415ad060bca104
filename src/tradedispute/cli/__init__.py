"""The ``tradedispute`` command line: ask a log what was in force, and when.

Run ``tradedispute --help`` (or ``python -m tradedispute --help``). The
commands are documented in ``docs/cli.md``. Exit codes: 0 ok, 1 problems
found (``validate``), 2 usage error or bad input. Errors are one line on
stderr, prefixed ``tradedispute: error:``.

Each command is a module of its own here, with an ``add_command`` that adds
it to the parser and a ``run`` that carries it out; `options` holds what
they share, `render` how they print, and `plugins` how the global
``--plugin MODULE`` and the ``tradedispute.plugins`` entry points load a
user's event types and measure kinds before a log is opened.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from typing import IO, cast

from tradedispute.cli import (
    copy,
    datasets,
    diff,
    measures,
    options,
    plot,
    plugins,
    render,
    state,
    timeline,
    upgrade,
    validate,
    views,
)
from tradedispute.exceptions import SchemaError, TradeDisputeError

__all__ = ["build_parser", "main"]

PROG = "tradedispute"

Command = Callable[[argparse.Namespace, IO[str]], int]


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``tradedispute`` command."""
    parser = options.Parser(
        prog=PROG,
        description="Ask a trade-dispute event log what was in force, and when.",
    )
    plugins.add_option(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    state.add_command(commands)
    measures.add_commands(commands)
    timeline.add_command(commands)
    diff.add_command(commands)
    views.add_commands(commands)
    plot.add_command(commands)
    validate.add_command(commands)
    upgrade.add_command(commands)
    copy.add_command(commands)
    datasets.add_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (``sys.argv[1:]`` if not given).

    Returns:
        The exit status: 0 ok, 1 problems found, 2 usage error or bad input.
    """
    try:
        args = build_parser().parse_args(argv)
        plugins.load(args.plugin)
        run: Command = args.run
        # Text from a log goes to a terminal: escape what could control it.
        return run(args, cast("IO[str]", render.SafeOutput(sys.stdout)))
    except (options.UsageError, TradeDisputeError, OSError) as error:
        message = render.safe(render.one_line(str(error)))
        if isinstance(error, SchemaError) and error.field == "type":
            message += (
                f"; if a plugin defines it, load it first: {PROG} --plugin "
                "MODULE COMMAND ... (or install it with a tradedispute.plugins "
                "entry point)"
            )
        print(f"{PROG}: error: {message}", file=sys.stderr)
        return 2
