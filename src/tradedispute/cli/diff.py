"""``tradedispute diff``: what started, changed and ended between two dates.

The changes are exactly `EventLog.diff`'s: the measures in force on D1
compared with those on D2, each with the event that made the change. The
command adds the rounds of talks held in (D1, D2].
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import IO, Any

from tradedispute.cli import labels, options
from tradedispute.cli.render import JSONDict, print_json, table
from tradedispute.cli.state import print_talks
from tradedispute.core.catalogue import label_of
from tradedispute.core.involvement import measure_involves
from tradedispute.core.measures import Measure
from tradedispute.core.state_document import talks_to_dict
from tradedispute.log.eventlog import EventLog
from tradedispute.views import Change

#: The fields of a measure the report shows, in order.
_FIELDS = ("since", "detail", "softened", "event_id")


def add_command(commands: Any) -> None:
    """Add ``diff`` to the parser's commands."""
    diff = commands.add_parser("diff", help="what started, changed and ended")
    diff.add_argument(
        "d1", type=options.date, metavar="D1", help="the earlier day (YYYY-MM-DD)"
    )
    diff.add_argument(
        "d2", type=options.date, metavar="D2", help="the later day (YYYY-MM-DD)"
    )
    options.add_log_options(diff, positional=True)
    diff.add_argument(
        "--country",
        type=options.country,
        metavar="CODE",
        help=(
            "only changes to measures involving this country, and talks it took "
            "part in (ISO 3166 alpha-3, such as JPN)"
        ),
    )
    options.add_kind(
        diff,
        what="changes to measures (and no talks)",
        kinds_of="a measure kind, such as 'open demand'",
    )
    diff.add_argument("--json", action="store_true", help="print the diff as JSON")
    options.add_known_at(diff)
    diff.set_defaults(run=run)


def _measure_json(measure: Measure) -> JSONDict:
    return {
        "since": measure.since.isoformat(),
        "detail": measure.detail,
        "softened": measure.softened,
        "event_id": measure.event_id,
    }


def _entry(change: Change) -> JSONDict:
    """One change as JSON: the measure's identity, the event, and its details."""
    kind, actor, target, subject = change.key
    entry: JSONDict = {
        "kind": kind,
        "actor": actor,
        "target": target,
        "subject": subject,
        "date": change.date.isoformat(),
        "event_id": change.event_id,
    }
    if change.before is not None and change.after is not None:
        before, after = _measure_json(change.before), _measure_json(change.after)
        entry["fields"] = [name for name in _FIELDS if before[name] != after[name]]
        entry["before"], entry["after"] = before, after
    else:
        measure = change.after or change.before
        assert measure is not None  # a change has one side at least
        entry["details"] = _measure_json(measure)
    return entry


def diff_report(
    log: EventLog,
    start: dt.date,
    end: dt.date,
    *,
    known_at: dt.datetime | None,
    country: str | None = None,
    kind: str | None = None,
) -> JSONDict:
    """Return `EventLog.diff` from *start* to *end* as JSON, with the talks held.

    *country* keeps the changes to measures it imposed or suffered (those
    aimed at every country included: `measure_involves`) and the
    talks it took part in; *kind* the changes to measures of that kind, and
    no talks.
    """
    changes = [
        change
        for change in log.diff(start, end, known_at=known_at)
        if (country is None or measure_involves(change.key, country))
        and (kind is None or change.key[0] == kind)
    ]
    held = log.state_at(end, known_at=known_at).talks
    talks = [
        talks_to_dict(round_)
        for round_ in held
        if start < round_.date <= end
        and (country is None or country in round_.parties)
        and kind is None
    ]
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        **{
            name: [_entry(change) for change in changes if change.change == name]
            for name in ("started", "changed", "ended")
        },
        "talks": talks,
    }


def _measure(item: JSONDict) -> str:
    label = label_of(item["kind"])
    return f"{label}: {item['subject']}" if item["subject"] else label


def _details(details: JSONDict) -> str:
    since = f"since {details['since']}"
    return f"{details['detail']}; {since}" if details["detail"] else since


def _change(before: JSONDict, after: JSONDict) -> str:
    arrow = f" {labels.ARROW} "
    words = (
        (before["detail"] or labels.NOTHING)
        + arrow
        + (after["detail"] or labels.NOTHING)
    )
    if before["since"] != after["since"]:
        words += f"; since {before['since']}{arrow}{after['since']}"
    return words


def run(args: argparse.Namespace, out: IO[str]) -> int:
    """Print what started, changed and ended from D1 to D2, and the talks held."""
    if args.d1 > args.d2:
        raise options.UsageError(f"D1 {args.d1} is after D2 {args.d2}; give D1 <= D2")
    kind = None if args.kind is None else options.measure_kind(args.kind)
    with options.open_log(args) as log:
        report = diff_report(
            log,
            args.d1,
            args.d2,
            known_at=args.known_at,
            country=args.country,
            kind=kind,
        )
    if args.json:
        print_json(report, out)
        return 0
    rows = [
        (
            heading,
            _measure(item),
            labels.between(item["actor"], item["target"]),
            (
                _change(item["before"], item["after"])
                if heading == "changed"
                else _details(item["details"])
            )
            + f"\n[{item['event_id']}]",
            item["date"],
        )
        for heading in ("started", "ended", "changed")
        for item in report[heading]
    ]
    title = f"From {report['from']} to {report['to']}"
    if rows:
        headers = ("Change", "Measure", "Who", "Detail [by event]", "On")
        table(out, headers, rows, title=title)
    else:
        out.write(f"{title}: no change to a measure\n")
    if report["talks"]:
        print_talks(report["talks"], out)
    return 0
