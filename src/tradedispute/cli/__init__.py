"""The ``tradedispute`` command line: ask a log what was in force, and when.

Run ``tradedispute --help`` (or ``python -m tradedispute --help``);
``tradedispute --version`` prints the installed version. The commands are
documented in ``docs/cli.md``. Exit codes: 0 ok (also when the reader of
the output goes away early, as ``| head`` does), 1 problems found
(``validate``), 2 usage error or bad input. Errors are one line on stderr,
prefixed ``tradedispute: error:``. While a command works, a transient
spinner on stderr says what it is doing, on a terminal only; ``--quiet``
(before or after the command) turns it off.

Each command is a module of its own here, with an ``add_command`` that adds
it to the parser and a ``run`` that carries it out; `options` holds what
they share, `render` how they print, and `plugins` how the global
``--plugin MODULE`` and the ``tradedispute.plugins`` entry points load a
user's event types and measure kinds before a log is opened.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
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
    progress,
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
    parser.add_argument(
        "--version",
        action=_Version,
        nargs=0,
        help="print the version of tradedispute installed and exit",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help=QUIET_HELP)
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
    for command in commands.choices.values():
        # After the command too; SUPPRESS keeps a --quiet given before it.
        command.add_argument(
            "-q",
            "--quiet",
            action="store_true",
            default=argparse.SUPPRESS,
            help=QUIET_HELP,
        )
    return parser


QUIET_HELP = "show no progress on stderr (it shows only on a terminal anyway)"


class _Version(argparse.Action):
    """``--version``: print ``tradedispute X.Y.Z``, the installed distribution's."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        try:
            version = importlib.metadata.version(PROG)
        except importlib.metadata.PackageNotFoundError:
            version = "(not installed)"
        print(f"{PROG} {version}")
        parser.exit()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (``sys.argv[1:]`` if not given).

    Returns:
        The exit status: 0 ok, 1 problems found, 2 usage error or bad input.
        0 too when stdout is a pipe whose reader went away (``| head``):
        the rest is not wanted, which is no error.
    """
    try:
        args = build_parser().parse_args(argv)
        plugins.load(args.plugin)
        run: Command = args.run
        shown = not args.quiet and _is_terminal(sys.stderr)
        with progress.Progress(sys.stderr, enabled=shown) as args.progress:
            args.progress.step(f"{PROG} {args.command}")
            # Text from a log goes to a terminal: escape what could control
            # it; and clear the progress before the answer shows.
            safe = cast("IO[str]", render.SafeOutput(sys.stdout))
            out = progress.StopsProgress(safe, args.progress)
            status = run(args, cast("IO[str]", out))
            out.flush()  # a closed pipe shows here, not at exit
        return status
    except render.ReaderGone:
        _silence_stdout()
        return 0
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


def _is_terminal(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no stream, or a closed one
        return False


def _silence_stdout() -> None:
    """Point stdout at the null device, so that Python's flush at exit is quiet.

    As the Python docs advise for a closed pipe (the note on SIGPIPE of the
    `signal` module): what is still buffered goes nowhere, with no
    "Exception ignored ... BrokenPipeError" at exit.
    """
    try:
        descriptor = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # not a file: nothing to silence
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, descriptor)
    finally:
        os.close(devnull)
