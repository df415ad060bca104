"""What the commands share: their options, how they read a log, their errors."""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn

from tradedispute import datasets
from tradedispute.cli.labels import event_label
from tradedispute.core.catalogue import kinds
from tradedispute.core.countries import check_country_code
from tradedispute.core.registry import event_types
from tradedispute.exceptions import TradeDisputeError
from tradedispute.log.eventlog import EventLog


class UsageError(Exception):
    """Bad input on the command line or a log that cannot be read: exit 2."""


class Parser(argparse.ArgumentParser):
    """An argparse parser whose errors are one line, with exit status 2."""

    def error(self, message: str) -> NoReturn:
        """Raise the problem as a `UsageError`, for `main` to print."""
        raise UsageError(message)


_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


def date(text: str) -> dt.date:
    """Read a day written YYYY-MM-DD.

    A malformed day is told the format; a well-formed one that is not in the
    calendar (``2024-02-30``, ``2024-13-01``) is told why it is not.
    """
    written = _DAY.fullmatch(text)
    if written is None:
        raise argparse.ArgumentTypeError(
            f"expected a date as YYYY-MM-DD, such as 2020-03-11, not {text!r}"
        )
    year, month, day = (int(part) for part in written.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text} is no day (YYYY-MM-DD): {_why_not_a_day(year, month, day)}"
        ) from None


def _why_not_a_day(year: int, month: int, day: int) -> str:
    if year < dt.MINYEAR:
        return f"years start at {dt.MINYEAR:04d}"
    if not 1 <= month <= 12:
        return "months run from 01 to 12"
    days = calendar.monthrange(year, month)[1]
    return f"{calendar.month_name[month]} {year} has days 01 to {days}"


def moment(text: str) -> dt.datetime:
    """Read a moment in ISO 8601, with a time zone."""
    example = "such as 2024-01-01T00:00:00Z or 2020-03-11T09:00+09:00"
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a moment in ISO 8601 with a time zone, {example}, not {text!r}"
        ) from None
    if moment.utcoffset() is None:
        raise argparse.ArgumentTypeError(
            f"{text!r} has no time zone; add Z (UTC) or an offset, {example}"
        )
    return moment


def add_known_at(parser: argparse.ArgumentParser) -> None:
    """Add ``--known-at`` to a command."""
    parser.add_argument(
        "--known-at",
        type=moment,
        metavar="MOMENT",
        help="answer as the record stood at this moment (ISO 8601, with a zone)",
    )


def country(text: str) -> str:
    """Read a country code, in any case."""
    try:
        return check_country_code(text.upper())
    except TradeDisputeError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def open_log(args: argparse.Namespace) -> EventLog:
    """Open the one log the arguments name, never creating a file."""
    given = [
        value
        for value in (getattr(args, "path", None), args.log, args.dataset)
        if value is not None
    ]
    if not given:
        raise UsageError(
            "no log given: name a log file (LOG or --log PATH) or a shipped "
            "dataset (--dataset NAME; see 'tradedispute datasets')"
        )
    if len(given) > 1:
        raise UsageError(
            "give exactly one log: a log file (LOG or --log PATH) or --dataset "
            "NAME, not both"
        )
    if args.dataset is not None:
        step(args, f"reading and replaying the dataset {args.dataset}")
        return datasets.load(args.dataset)
    # Read commands never write: a log in a read-only file or folder opens.
    if is_url(given[0]):
        # Not the URL itself: it may hold a password.
        step(args, "reading and replaying the server's log")
        return EventLog.open(given[0], read_only=True)
    path = Path(given[0])
    if not path.is_file():
        raise UsageError(f"{path}: no such log file")
    step(args, f"reading and replaying {path.name}")
    return EventLog.open(path, read_only=True)


def step(args: argparse.Namespace, text: str) -> None:
    """Say on the progress line (`tradedispute.cli.progress`) what the command does.

    The command's name leads, as in ``intervals: reading and replaying
    log.sqlite``; nothing happens where no progress is kept (a command run
    without `tradedispute.cli.main`).
    """
    progress = getattr(args, "progress", None)
    if progress is not None:
        progress.step(f"{args.command}: {text}")


def is_url(location: str) -> bool:
    """Whether *location* is a server's URL (``postgresql://...``), not a path."""
    scheme, separator, _ = location.partition("://")
    return bool(separator) and scheme.isidentifier()


def add_log_options(parser: argparse.ArgumentParser, *, positional: bool) -> None:
    """Add the ways to name a log: LOG (if *positional*), ``--log``, ``--dataset``."""
    if positional:
        parser.add_argument(
            "path",
            nargs="?",
            metavar="LOG",
            help="the log: a .jsonl or .sqlite file, or a postgresql:// URL",
        )
    parser.add_argument(
        "--log", metavar="PATH", help="the log: a file, or a postgresql:// URL"
    )
    parser.add_argument(
        "--dataset", metavar="NAME", help="a dataset that ships with tradedispute"
    )


def check_from_to(args: argparse.Namespace) -> None:
    """Refuse a --from after a --to."""
    if args.since and args.until and args.since > args.until:
        raise UsageError(
            f"--from {args.since} is after --to {args.until}; give --from <= --to"
        )


def add_from_to(parser: argparse.ArgumentParser, *, what: str) -> None:
    """Add ``--from DATE`` and ``--to DATE``, inclusive, to choose *what* by day."""
    parser.add_argument(
        "--from",
        dest="since",
        type=date,
        metavar="DATE",
        help=f"only {what} from this day on (YYYY-MM-DD, inclusive)",
    )
    parser.add_argument(
        "--to",
        dest="until",
        type=date,
        metavar="DATE",
        help=f"only {what} up to this day (YYYY-MM-DD, inclusive)",
    )


def within(day: dt.date, args: argparse.Namespace) -> bool:
    """Whether *day* is within ``--from`` and ``--to`` (inclusive, either open)."""
    since: dt.date | None = args.since
    until: dt.date | None = args.until
    return (since is None or since <= day) and (until is None or day <= until)


def overlaps(start: dt.date, end: dt.date | None, args: argparse.Namespace) -> bool:
    """Whether the days [start, end) share a day with ``--from``..``--to``.

    *end* is the first day no longer in the period; `None` leaves it open.
    """
    since: dt.date | None = args.since
    until: dt.date | None = args.until
    return (until is None or start <= until) and (
        end is None or since is None or since < end
    )


def add_kind(parser: argparse.ArgumentParser, *, what: str, kinds_of: str) -> None:
    """Add ``--kind KIND``, to keep the *what* of one kind of *kinds_of*."""
    parser.add_argument(
        "--kind",
        metavar="KIND",
        help=(
            f"only {what} of this kind: {kinds_of}, by name or label, in any case "
            "(an unknown one is refused with the list of valid ones)"
        ),
    )


def _one_of(text: str, names: dict[str, str], *, what: str, hint: str) -> str:
    """The name *text* spells (a name or label of *names*, in any case).

    Raises:
        UsageError: *text* is none of them; the message lists them.
    """
    spelt = {spelling.casefold(): name for spelling, name in names.items()}
    found = spelt.get(text.strip().casefold())
    if found is None:
        valid = ", ".join(sorted(set(names.values()), key=str.casefold))
        raise UsageError(
            f"--kind {text!r}: no {what} is called that; valid: {valid}{hint}"
        )
    return found


_PLUGIN_HINT = " (a plugin's own count once loaded: tradedispute --plugin MODULE ...)"


def measure_kind(text: str) -> str:
    """The name of the measure kind *text* names: its name or label, any case.

    Raises:
        UsageError: no kind declared (plugins' too) has that name or label.
    """
    declared = {kind.name: kind.name for kind in kinds()}
    declared |= {kind.label: kind.name for kind in kinds()}
    return _one_of(
        text,
        declared,
        what="measure kind",
        hint=_PLUGIN_HINT,
    )


def event_type(text: str) -> str:
    """The label of the event type *text* names: its label or class name.

    Raises:
        UsageError: no event type known (plugins' too) has that label or name.
    """
    names = [kind.__name__ for kind in event_types()]
    labels = {event_label(name): event_label(name) for name in names}
    labels |= {name: event_label(name) for name in names}
    # Returns the label: a filter compares labels, so that both spellings work.
    return _one_of(text, labels, what="type of event", hint=_PLUGIN_HINT)


def family(text: str, families: Iterable[str]) -> str:
    """The family of moves *text* names, one of *families*, any case.

    Raises:
        UsageError: it is none of them.
    """
    return _one_of(
        text,
        {name: name for name in families},
        what="family of moves",
        hint=" (as 'tradedispute reciprocity' shows)",
    )


def add_country(parser: argparse.ArgumentParser, *, what: str) -> None:
    """Add ``--country CODE``, to keep the *what* that involve one country."""
    parser.add_argument(
        "--country",
        type=country,
        metavar="CODE",
        help=f"only {what} involving this country (ISO 3166 alpha-3, such as JPN)",
    )


def add_at_or_last(parser: argparse.ArgumentParser) -> None:
    """Add ``--at DATE``, which defaults to the day of the log's last event."""
    parser.add_argument(
        "--at",
        type=date,
        metavar="DATE",
        help="the day asked about (default: the day of the log's last event)",
    )


def day_asked(args: argparse.Namespace, log: EventLog) -> dt.date | None:
    """The day ``--at`` names, else the effective date of the log's last event.

    `None` when no ``--at`` is given and the log (as it stood at
    ``--known-at``) has no event.
    """
    if args.at is not None:
        day: dt.date = args.at
        return day
    events = log.events(known_at=args.known_at)
    return events[-1].effective if events else None
