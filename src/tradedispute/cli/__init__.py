"""The ``tradedispute`` command line: ask a log what was in force, and when.

Run ``tradedispute --help`` (or ``python -m tradedispute --help``). The
commands are documented in ``docs/cli.md``. Exit codes: 0 ok, 1 problems
found (``validate``), 2 usage error or bad input. Errors are one line on
stderr, prefixed ``tradedispute: error:``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, Any, NoReturn

from tradedispute import datasets
from tradedispute.charts import _check_chart_path, plot_dispute, save_chart
from tradedispute.codec.converter import _converter, decode
from tradedispute.codec.state_json import state_to_json
from tradedispute.core.countries import check_country_code
from tradedispute.core.events import CountryMove, Event
from tradedispute.core.state import DisputeState
from tradedispute.core.views import Interval
from tradedispute.exceptions import RecordError, TradeDisputeError
from tradedispute.log.eventlog import EventLog
from tradedispute.stores.jsonl import SUFFIXES as JSONL_SUFFIXES
from tradedispute.stores.sqlite import SUFFIXES as SQLITE_SUFFIXES
from tradedispute.views import Intervals

__all__ = ["main"]

PROG = "tradedispute"
RICH_MISSING = (
    "the readable table needs rich: pip install 'tradedispute[cli]' "
    "(or use --json, which does not)"
)

JSONDict = dict[str, Any]
Ident = tuple[tuple[str, str], ...]


class UsageError(Exception):
    """Bad input on the command line or a log that cannot be read: exit 2."""


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose errors are one line, with exit status 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _date(text: str) -> dt.date:
    try:
        if len(text) != 10:
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date as YYYY-MM-DD, such as 2020-03-11, not {text!r}"
        ) from None


def _moment(text: str) -> dt.datetime:
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


def _add_known_at(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--known-at",
        type=_moment,
        metavar="MOMENT",
        help="answer as the record stood at this moment (ISO 8601, with a zone)",
    )


def _country(text: str) -> str:
    try:
        return check_country_code(text.upper())
    except TradeDisputeError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


# --- reading a log -----------------------------------------------------------


def _open_log(args: argparse.Namespace) -> EventLog:
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
        return datasets.load(args.dataset)
    path = Path(given[0])
    if not path.is_file():
        raise UsageError(f"{path}: no such log file")
    return EventLog.open(path)


def _add_log_options(parser: argparse.ArgumentParser, *, positional: bool) -> None:
    if positional:
        parser.add_argument(
            "path", nargs="?", metavar="LOG", help="the log file (.jsonl or .sqlite)"
        )
    parser.add_argument("--log", metavar="PATH", help="the log file")
    parser.add_argument(
        "--dataset", metavar="NAME", help="a dataset that ships with tradedispute"
    )


# --- state ---------------------------------------------------------------------


def _state_table(state: DisputeState, day: dt.date, out: IO[str]) -> None:
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:
        raise UsageError(RICH_MISSING) from None
    console = Console(file=out, width=120, highlight=False, soft_wrap=False)
    table = Table(title=f"Policy in force on {day.isoformat()}")
    for column in ("Country", "Measure", "Towards", "Detail", "Since"):
        table.add_column(column)
    document = state_to_json(state, day)
    for code, policy in document["countries"].items():
        for target, items in policy["restrictions"].items():
            for row in items:
                eased = f" (eased {row['eased_since']})" if row["eased"] else ""
                table.add_row(
                    code,
                    "export restriction",
                    target,
                    f"{row['item']}: {row['measure']}{eased}",
                    row["since"],
                )
        for target, fact in policy["whitelist_exclusions"].items():
            table.add_row(code, "off whitelist", target, "", fact["since"])
        for target, visa in policy["visa_waiver_suspensions"].items():
            detail = "issued visas invalidated" if visa["visas_invalidated"] else ""
            table.add_row(code, "visa waiver suspended", target, detail, visa["since"])
        for target, entry in policy["entry_restrictions"].items():
            days = entry["quarantine_days"]
            quarantine = f"{days}-day quarantine" if days is not None else ""
            detail = "; ".join(part for part in (quarantine, entry["detail"]) if part)
            table.add_row(code, "entry restriction", target, detail, entry["since"])
        for agreement, notice in policy["agreements_under_notice"].items():
            status = (
                f"{agreement}, notice suspended {notice['suspended_since']}"
                if notice["suspended"]
                else agreement
            )
            table.add_row(
                code,
                "termination notice",
                notice["counterparty"],
                status,
                notice["since"],
            )
        for step in policy["unilateral_steps"]:
            table.add_row(
                code, step["kind"], step["target"], step["detail"], step["date"]
            )
    console.print(table)
    if document["wto_cases"]:
        cases = Table(title="WTO cases")
        for column in ("Case", "Complainant", "Respondent", "Status", "Stage", "Filed"):
            cases.add_column(column)
        for number, case in document["wto_cases"].items():
            cases.add_row(
                number,
                case["complainant"],
                case["respondent"],
                f"{case['status']} since {case['since']}",
                f"{case['stage']} since {case['stage_since']}",
                case["filed"],
            )
        console.print(cases)
    if document["talks"]:
        talks = Table(title="Talks held")
        columns = ("Date", "Parties", "Level", "Format", "Hours", "Outcome", "Agreed")
        for column in (*columns, "Next meeting"):
            talks.add_column(column)
        for round_ in document["talks"]:
            hours = round_["duration_hours"]
            talks.add_row(
                round_["date"],
                ", ".join(round_["parties"]),
                round_["level"],
                round_["format"],
                "" if hours is None else f"{hours:.3g}",
                round_["outcome"],
                "; ".join(round_["agreed"]),
                _next_meeting(round_["next_meeting"]),
            )
        console.print(talks)
    if document["demands"]:
        demands = Table(title="Open demands")
        for column in ("By", "Of", "Demand", "Since", "Renewed"):
            demands.add_column(column)
        for demand in document["demands"]:
            demands.add_row(
                demand["by"],
                demand["of"],
                demand["demand"],
                demand["since"],
                ", ".join(demand["renewed"]),
            )
        console.print(demands)


def _next_meeting(meeting: dict[str, Any] | None) -> str:
    if meeting is None:
        return ""
    parts = [meeting["place"], meeting["date"] or "", meeting["timing"]]
    return ", ".join(part for part in parts if part)


def _cmd_state(args: argparse.Namespace, out: IO[str]) -> int:
    with _open_log(args) as log:
        state = log.state_at(args.at, known_at=args.known_at)
    if args.json:
        _print_json(state_to_json(state, args.at), out)
    else:
        _state_table(state, args.at, out)
    return 0


def _print_json(document: object, out: IO[str]) -> None:
    out.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


# --- timeline ------------------------------------------------------------------

_NOT_KEY = frozenset(
    {"id", "effective", "source", "note", "actor", "target", "parties"}
)


def _involves(event: Event, code: str) -> bool:
    if isinstance(event, CountryMove):
        return code in (event.actor, event.target)
    parties: object = getattr(event, "parties", None)
    return isinstance(parties, frozenset) and code in parties


def _between(event: Event) -> str:
    if isinstance(event, CountryMove):
        return f"{event.actor}→{event.target}"
    parties = getattr(event, "parties", None)
    if isinstance(parties, frozenset):
        return "+".join(sorted(parties))
    return "-"


def _value(value: object) -> str:
    if isinstance(value, list):
        return ", ".join(str(part) for part in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items() if v not in (None, ""))
    return str(value)


def _check_from_to(args: argparse.Namespace) -> None:
    if args.since and args.until and args.since > args.until:
        raise UsageError(
            f"--from {args.since} is after --to {args.until}; give --from <= --to"
        )


def _cmd_timeline(args: argparse.Namespace, out: IO[str]) -> int:
    _check_from_to(args)
    with _open_log(args) as log:
        events = log.events(since=args.since, until=args.until, known_at=args.known_at)
    if args.country is not None:
        events = tuple(event for event in events if _involves(event, args.country))
    if args.json:
        records = []
        for event in events:
            record: JSONDict = {"type": type(event).__name__}
            record.update(_converter.unstructure(event))
            records.append(record)
        _print_json(records, out)
        return 0
    for event in events:
        fields: JSONDict = _converter.unstructure(event)
        key = "; ".join(
            f"{name}={_value(value)}"
            for name, value in fields.items()
            if name not in _NOT_KEY and value not in (None, "", [], False)
        )
        out.write(
            f"{event.effective.isoformat()}  {type(event).__name__}  "
            f"{_between(event)}  {key}  [{event.id}]\n"
        )
        if event.source is not None:
            source = event.source
            parts = [source.publisher, f"\u201c{source.title}\u201d"]
            if source.published is not None:
                parts.append(source.published.isoformat())
            if source.url is not None:
                parts.append(source.url)
            out.write(f"    source: {', '.join(parts)}\n")
        if event.note:
            out.write(f"    note: {event.note}\n")
    return 0


# --- diff ----------------------------------------------------------------------


def _facts(document: JSONDict) -> dict[Ident, JSONDict]:
    """Flatten a state's JSON into facts: (what it is about) -> its details."""
    facts: dict[Ident, JSONDict] = {}
    for code, policy in document["countries"].items():
        who = (("country", code),)
        for target, items in policy["restrictions"].items():
            for row in items:
                details = {k: v for k, v in row.items() if k != "item"}
                ident: Ident = (("fact", "restriction"), *who, ("target", target))
                facts[(*ident, ("item", row["item"]))] = details
        simple = (
            ("whitelist_exclusion", "whitelist_exclusions"),
            ("visa_waiver_suspension", "visa_waiver_suspensions"),
            ("entry_restriction", "entry_restrictions"),
        )
        for kind, key in simple:
            for target, details in policy[key].items():
                facts[(("fact", kind), *who, ("target", target))] = details
        for agreement, notice in policy["agreements_under_notice"].items():
            ident = (("fact", "agreement_under_notice"), *who)
            facts[(*ident, ("agreement", agreement))] = notice
    for number, case in document["wto_cases"].items():
        facts[(("fact", "wto_case"), ("case", number))] = case
    for demand in document["demands"]:
        ident = (("fact", "demand"), ("country", demand["by"]))
        about = (("target", demand["of"]), ("demand", demand["demand"]))
        facts[(*ident, *about)] = {"since": demand["since"]}
    return facts


def diff_states(
    before: DisputeState, after: DisputeState, start: dt.date, end: dt.date
) -> JSONDict:
    """Return what started, changed and ended from *start* to *end*."""
    old = _facts(state_to_json(before, start))
    new = _facts(state_to_json(after, end))

    def entry(ident: Ident, **rest: Any) -> JSONDict:
        return {**dict(ident), **rest}

    changed = []
    for ident in sorted(old.keys() & new.keys()):
        if old[ident] != new[ident]:
            fields = sorted(
                name
                for name in old[ident].keys() | new[ident].keys()
                if old[ident].get(name) != new[ident].get(name)
            )
            changed.append(
                entry(ident, fields=fields, before=old[ident], after=new[ident])
            )
    talks = [
        round_
        for round_ in state_to_json(after, end)["talks"]
        if start.isoformat() < round_["date"] <= end.isoformat()
    ]
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "started": [entry(i, details=new[i]) for i in sorted(new.keys() - old.keys())],
        "changed": changed,
        "ended": [entry(i, details=old[i]) for i in sorted(old.keys() - new.keys())],
        "talks": talks,
    }


def _label(item: JSONDict) -> str:
    about = [
        f"{key}={value}"
        for key, value in item.items()
        if key not in ("fact", "details", "fields", "before", "after")
    ]
    return f"{item['fact']} ({', '.join(about)})"


def _cmd_diff(args: argparse.Namespace, out: IO[str]) -> int:
    if args.d1 > args.d2:
        raise UsageError(f"D1 {args.d1} is after D2 {args.d2}; give D1 <= D2")
    with _open_log(args) as log:
        report = diff_states(
            log.state_at(args.d1, known_at=args.known_at),
            log.state_at(args.d2, known_at=args.known_at),
            args.d1,
            args.d2,
        )
    if args.json:
        _print_json(report, out)
        return 0
    out.write(f"From {report['from']} to {report['to']}\n")
    for heading, sign in (("started", "+"), ("ended", "-")):
        for item in report[heading]:
            out.write(f"{sign} {heading} {_label(item)}: {_value(item['details'])}\n")
    for item in report["changed"]:
        changes = ", ".join(
            f"{name}: {item['before'].get(name)} -> {item['after'].get(name)}"
            for name in item["fields"]
        )
        out.write(f"~ changed {_label(item)}: {changes}\n")
    for round_ in report["talks"]:
        out.write(
            f"* talks {round_['date']} {'+'.join(round_['parties'])}: "
            f"{round_['level']}, {round_['format']}, outcome {round_['outcome']}\n"
        )
    if not any(report[key] for key in ("started", "ended", "changed", "talks")):
        out.write("no change\n")
    return 0


# --- validate ------------------------------------------------------------------


def _validate_jsonl(path: Path) -> tuple[list[str], int]:
    """Return every problem found in a JSON Lines log, and its event count."""
    problems: list[str] = []
    location = str(path)
    data = path.read_bytes()
    lines = data.split(b"\n")
    torn = lines.pop()  # after the last newline: empty unless torn
    checker = EventLog()
    previous: int | None = 0  # None after a line that could not be read
    count = 0
    for number, line in enumerate(lines, start=1):
        try:
            record = decode(line, location=location, line=number)
        except RecordError as error:
            problems.append(str(error))
            previous = None
            continue
        count += 1
        where = f"{location}, line {number} (seq {record.seq})"
        if previous is not None and record.seq != previous + 1:
            problems.append(
                f"{where}: seq {record.seq} follows seq {previous}; records are "
                "numbered 1, 2, 3, ... with none missing or repeated"
            )
        previous = record.seq
        try:
            checker.append(record.event)
        except TradeDisputeError as error:
            problems.append(f"{where}: {error}")
    if torn:
        problems.append(
            f"{location}, line {len(lines) + 1}: the file ends in a torn record "
            "(no final newline): a writer stopped mid-append"
        )
    if not problems:
        # What the line checks cannot see (batches, for one) opening still can.
        try:
            EventLog.open(path, checkpoints=False).close()
        except TradeDisputeError as error:
            problems.append(str(error))
    return problems, count


def _cmd_validate(args: argparse.Namespace, out: IO[str]) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"{path}: no such log file")
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        problems, count = _validate_jsonl(path)
    elif suffix in SQLITE_SUFFIXES:
        problems, count = [], 0
        try:
            # Replay everything: checkpoints would skip the events before them.
            with EventLog.open(path, checkpoints=False) as log:
                count = len(log)
        except TradeDisputeError as error:
            problems.append(str(error))
    else:
        raise UsageError(
            f"{path}: cannot tell the kind of log from the suffix {path.suffix!r}; "
            f"use one of {', '.join(sorted(JSONL_SUFFIXES + SQLITE_SUFFIXES))}"
        )
    for problem in problems:
        out.write(_one_line(problem) + "\n")
    if problems:
        plural = "" if len(problems) == 1 else "s"
        out.write(f"invalid: {len(problems)} problem{plural} in {path}\n")
        return 1
    out.write(f"ok: {count} events\n")
    return 0


# --- datasets ------------------------------------------------------------------


def _cmd_datasets(args: argparse.Namespace, out: IO[str]) -> int:
    rows = []
    for name in datasets.names():
        log = datasets.load(name)
        events = log.events()
        first = events[0].effective.isoformat() if events else None
        last = events[-1].effective.isoformat() if events else None
        rows.append({"name": name, "events": len(events), "first": first, "last": last})
    if args.json:
        _print_json(rows, out)
        return 0
    if not rows:
        out.write("no datasets ship with this version\n")
    for row in rows:
        out.write(
            f"{row['name']}  {row['events']} events  "
            f"{row['first'] or '-'} to {row['last'] or '-'}\n"
        )
    return 0


# --- intervals, escalation, reciprocity ----------------------------------------


def _table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    out: IO[str],
    *,
    numbers: int = 0,
) -> None:
    """Print rows under headers in columns; the last *numbers* columns align right."""
    widths = [
        max(len(cell) for cell in column) for column in zip(headers, *rows, strict=True)
    ]
    first_number = len(headers) - numbers
    for row in (headers, *rows):
        cells = [
            cell.rjust(width) if n >= first_number else cell.ljust(width)
            for n, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        out.write("  ".join(cells).rstrip() + "\n")


def _interval_json(interval: Interval) -> JSONDict:
    return {
        "kind": interval.kind,
        "actor": interval.actor,
        "target": interval.target,
        "subject": interval.subject,
        "start": interval.start.isoformat(),
        "end": None if interval.end is None else interval.end.isoformat(),
        "days": interval.days,
        "started_by": interval.started_by,
        "ended_by": interval.ended_by,
        "detail": interval.detail,
    }


def _cmd_intervals(args: argparse.Namespace, out: IO[str]) -> int:
    with _open_log(args) as log:
        found = log.intervals(known_at=args.known_at)
    if args.country is not None:
        found = Intervals(i for i in found if args.country in (i.actor, i.target))
    if args.json:
        _print_json([_interval_json(interval) for interval in found], out)
        return 0
    if not found:
        out.write("no measure was in force\n")
        return 0
    rows = [
        (
            row["kind"],
            f"{row['actor']} -> {row['target']}",
            row["subject"],
            row["start"],
            row["end"] or "in force",
            "" if row["days"] is None else str(row["days"]),
        )
        for row in map(_interval_json, found)
    ]
    _table(("Kind", "Who", "Subject", "Start", "End", "Days"), rows, out, numbers=1)
    return 0


def _cmd_escalation(args: argparse.Namespace, out: IO[str]) -> int:
    with _open_log(args) as log:
        series = log.escalation(known_at=args.known_at)
    if args.json:
        points = [
            {"date": p.date.isoformat(), "country": p.country, "score": p.score}
            for p in series
        ]
        _print_json(points, out)
        return 0
    if not series:
        out.write("no country has a measure in force on any date\n")
        return 0
    countries = sorted({point.country for point in series})
    # The series comes by date: carry each country's score forward in one
    # pass (series.at(day) would scan the series for every row).
    scores: dict[str, float] = {}
    rows = []
    for day, changes in itertools.groupby(series, key=lambda point: point.date):
        scores.update((point.country, point.score) for point in changes)
        rows.append(
            (day.isoformat(), *(f"{scores.get(c, 0.0):.1f}" for c in countries))
        )
    _table(("Date", *countries), rows, out, numbers=len(countries))
    return 0


def _move_json(move: CountryMove) -> JSONDict:
    return {
        "id": move.id,
        "type": type(move).__name__,
        "actor": move.actor,
        "target": move.target,
        "effective": move.effective.isoformat(),
    }


def _cmd_reciprocity(args: argparse.Namespace, out: IO[str]) -> int:
    with _open_log(args) as log:
        links = log.reciprocity(window_days=args.window_days, known_at=args.known_at)
    if args.json:
        documents = [
            {
                "family": link.family,
                "days": link.days,
                "move": _move_json(link.move),
                "answer": _move_json(link.answer),
            }
            for link in links
        ]
        _print_json(documents, out)
        return 0
    if not links:
        out.write(f"no move was answered in kind within {args.window_days} days\n")
        return 0
    rows = [
        (
            link.move.effective.isoformat(),
            f"{link.move.actor} -> {link.move.target}",
            link.family,
            link.answer.effective.isoformat(),
            str(link.days),
        )
        for link in links
    ]
    _table(("Move", "Who", "Family", "Answer", "Days"), rows, out, numbers=1)
    return 0


def _window(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(
            f"expected a whole number of days, 0 or more, such as 60, not {text!r}"
        )
    return int(text)


# --- plot ------------------------------------------------------------------------


def _cmd_plot(args: argparse.Namespace, out: IO[str]) -> int:
    _check_from_to(args)
    _check_chart_path(args.output)  # before the drawing, which can take a while
    with _open_log(args) as log:
        figure = plot_dispute(
            log,
            known_at=args.known_at,
            start=args.since,
            end=args.until,
            title=args.title,
            source=_source_line(args),
        )
    save_chart(figure, args.output)
    out.write(f"wrote {args.output}\n")
    return 0


def _source_line(args: argparse.Namespace) -> str:
    if args.dataset is not None:
        return f"Source: tradedispute {args.dataset} record; see docs/record.md"
    return f"Source: {Path(args.path or args.log).name}"


# --- the parser and main -------------------------------------------------------

Command = Callable[[argparse.Namespace, IO[str]], int]


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``tradedispute`` command."""
    parser = _Parser(
        prog=PROG,
        description="Ask a trade-dispute event log what was in force, and when.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    state = commands.add_parser("state", help="each country's policy on a date")
    _add_log_options(state, positional=True)
    state.add_argument("--at", type=_date, required=True, metavar="DATE")
    state.add_argument("--json", action="store_true", help="print the state as JSON")
    _add_known_at(state)
    state.set_defaults(run=_cmd_state)

    timeline = commands.add_parser("timeline", help="events in replay order")
    _add_log_options(timeline, positional=True)
    timeline.add_argument("--from", dest="since", type=_date, metavar="DATE")
    timeline.add_argument("--to", dest="until", type=_date, metavar="DATE")
    timeline.add_argument("--country", type=_country, metavar="CODE")
    timeline.add_argument("--json", action="store_true", help="print JSON")
    _add_known_at(timeline)
    timeline.set_defaults(run=_cmd_timeline)

    diff = commands.add_parser("diff", help="what started, changed and ended")
    diff.add_argument("d1", type=_date, metavar="D1")
    diff.add_argument("d2", type=_date, metavar="D2")
    _add_log_options(diff, positional=True)
    diff.add_argument("--json", action="store_true", help="print the diff as JSON")
    _add_known_at(diff)
    diff.set_defaults(run=_cmd_diff)

    intervals_ = commands.add_parser(
        "intervals", help="each measure's periods in force"
    )
    _add_log_options(intervals_, positional=True)
    intervals_.add_argument("--country", type=_country, metavar="CODE")
    intervals_.add_argument("--json", action="store_true", help="print JSON")
    _add_known_at(intervals_)
    intervals_.set_defaults(run=_cmd_intervals)

    escalation_ = commands.add_parser(
        "escalation", help="each country's escalation index over time"
    )
    _add_log_options(escalation_, positional=True)
    escalation_.add_argument("--json", action="store_true", help="print JSON")
    _add_known_at(escalation_)
    escalation_.set_defaults(run=_cmd_escalation)

    reciprocity_ = commands.add_parser(
        "reciprocity", help="moves the other side answered in kind"
    )
    _add_log_options(reciprocity_, positional=True)
    reciprocity_.add_argument(
        "--window-days",
        type=_window,
        default=60,
        metavar="N",
        help="the most days an answer may come after its move (default 60)",
    )
    reciprocity_.add_argument("--json", action="store_true", help="print JSON")
    _add_known_at(reciprocity_)
    reciprocity_.set_defaults(run=_cmd_reciprocity)

    plot = commands.add_parser("plot", help="draw the dispute as a chart")
    _add_log_options(plot, positional=True)
    plot.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="PATH",
        help="the chart file to write: .png, .svg or .pdf",
    )
    plot.add_argument("--from", dest="since", type=_date, metavar="DATE")
    plot.add_argument("--to", dest="until", type=_date, metavar="DATE")
    plot.add_argument("--title", help="the chart's title")
    _add_known_at(plot)
    plot.set_defaults(run=_cmd_plot)

    validate = commands.add_parser("validate", help="check a log file")
    validate.add_argument("file", metavar="FILE")
    validate.set_defaults(run=_cmd_validate)

    shipped = commands.add_parser("datasets", help="the datasets that ship")
    shipped.add_argument("--json", action="store_true", help="print JSON")
    shipped.set_defaults(run=_cmd_datasets)
    return parser


def _one_line(message: str) -> str:
    return " ".join(message.split())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (``sys.argv[1:]`` if not given).

    Returns:
        The exit status: 0 ok, 1 problems found, 2 usage error or bad input.
    """
    try:
        args = build_parser().parse_args(argv)
        run: Command = args.run
        return run(args, sys.stdout)
    except (UsageError, TradeDisputeError, OSError) as error:
        print(f"{PROG}: error: {_one_line(str(error))}", file=sys.stderr)
        return 2
