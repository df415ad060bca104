"""``tradedispute plot``: draw the dispute as a chart."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import IO, Any

from tradedispute.charts import _check_chart_path, plot_dispute, save_chart
from tradedispute.cli import options


def add_command(commands: Any) -> None:
    """Add ``plot`` to the parser's commands."""
    plot = commands.add_parser("plot", help="draw the dispute as a chart")
    options.add_log_options(plot, positional=True)
    plot.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="PATH",
        help="the chart file to write: .png, .svg or .pdf",
    )
    options.add_from_to(plot, what="draw")
    plot.add_argument("--title", help="the chart's title")
    plot.add_argument(
        "--force",
        action="store_true",
        help="write over the output file if it exists (keeping its permissions)",
    )
    options.add_known_at(plot)
    plot.set_defaults(run=run)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    """Draw the chart and write it to ``--output``."""
    options.check_from_to(args)
    _check_chart_path(args.output)  # before the drawing, which can take a while
    if Path(args.output).exists() and not args.force:
        raise options.UsageError(
            f"{args.output} exists; pass --force to write over it (it keeps its "
            "permissions), or give another path"
        )
    with options.open_log(args) as log:
        options.step(args, "replaying the log and drawing the chart")
        figure = plot_dispute(
            log,
            known_at=args.known_at,
            start=args.since,
            end=args.until,
            title=args.title,
            source=_source_line(args),
        )
    options.step(args, f"writing {Path(args.output).name}")
    save_chart(figure, args.output)
    out.write(f"wrote {args.output}\n")
    return 0


def _source_line(args: argparse.Namespace) -> str:
    if args.dataset is not None:
        page = (
            "record.md"
            if args.dataset == "japan-korea"
            else f"record-{args.dataset}.md"
        )
        return f"Source: tradedispute {args.dataset} record; see docs/{page}"
    return f"Source: {Path(args.path or args.log).name}"
