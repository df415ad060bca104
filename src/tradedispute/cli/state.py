"""``tradedispute state``: each country's policy on a date.

A large state (more than `SUMMARY_ABOVE` rows in a table) is summarised:
the counts per kind and per country, then the first `FIRST_ROWS` rows and a
line saying how many more there are; ``--all`` prints every row.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import IO, Any

from tradedispute.cli import labels, options
from tradedispute.cli.render import JSONDict, table
from tradedispute.codec.state_json import to_json
from tradedispute.core.catalogue import label_of
from tradedispute.core.display import describe
from tradedispute.core.interventions import Intervention
from tradedispute.core.state import DisputeState

#: Above this many rows, a table of ``state`` is cut short unless ``--all``.
SUMMARY_ABOVE = 50
#: The rows a table cut short shows.
FIRST_ROWS = 20

Row = tuple[str, ...]


def add_command(commands: Any) -> None:
    """Add ``state`` to the parser's commands."""
    state = commands.add_parser("state", help="each country's policy on a date")
    options.add_log_options(state, positional=True)
    state.add_argument(
        "--at",
        type=options.date,
        required=True,
        metavar="DATE",
        help="the day asked about (YYYY-MM-DD)",
    )
    state.add_argument("--json", action="store_true", help="print the state as JSON")
    state.add_argument(
        "--all",
        action="store_true",
        help=(
            f"print every row; without it, a table of more than {SUMMARY_ABOVE} "
            f"rows shows a summary and its first {FIRST_ROWS} rows"
        ),
    )
    options.add_known_at(state)
    state.set_defaults(run=run)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    """Print the state on ``--at``, as tables or JSON."""
    with options.open_log(args) as log:
        state = log.state_at(args.at, known_at=args.known_at)
    if args.json:
        out.write(to_json(state, args.at) + "\n")
    else:
        _print_state(state, args.at, out, every_row=args.all)
    return 0


def _print_state(
    state: DisputeState, day: dt.date, out: IO[str], *, every_row: bool
) -> None:
    document = state.to_dict(day)
    policy = list(policy_rows(state, document))
    title = f"Policy in force on {day.isoformat()}"
    if not policy:
        out.write(f"Nothing in force on {day.isoformat()}\n")
    elif len(policy) > SUMMARY_ABOVE and not every_row:
        for column, what in ((1, "kind"), (0, "country")):
            counts = Counter(row[column] for row in policy).most_common()
            table(
                out,
                (what.capitalize(), "Rows"),
                [(name, str(count)) for name, count in counts],
                title=f"Rows by {what}",
                numbers=1,
            )
    headers = ("Country", "Measure", "Towards", "Detail", "Since")
    _print_capped(out, headers, policy, title=title, every_row=every_row)
    cases = [
        (
            number,
            case["complainant"],
            case["respondent"],
            f"{case['status']} since {case['since']}",
            f"{case['stage']} since {case['stage_since']}",
            case["filed"],
        )
        for number, case in document["wto_cases"].items()
    ]
    _print_capped(
        out,
        ("Case", "Complainant", "Respondent", "Status", "Stage", "Filed"),
        cases,
        title="WTO cases",
        every_row=every_row,
    )
    print_talks(document["talks"], out, every_row=every_row)
    demands = [
        (
            demand["by"],
            demand["of"],
            demand["demand"],
            demand["since"],
            ", ".join(demand["renewed"]) or labels.NOTHING,
        )
        for demand in document["demands"]
    ]
    _print_capped(
        out,
        ("By", "Of", "Demand", "Since", "Renewed"),
        demands,
        title="Open demands",
        every_row=every_row,
    )


def _print_capped(
    out: IO[str],
    headers: Sequence[str],
    rows: Sequence[Row],
    *,
    title: str,
    every_row: bool,
    numbers: int = 0,
) -> None:
    """Print a table, cut to its first rows when long and not *every_row*."""
    if not rows:
        return
    if every_row or len(rows) <= SUMMARY_ABOVE:
        table(out, headers, rows, title=title, numbers=numbers)
        return
    table(
        out,
        headers,
        rows[:FIRST_ROWS],
        title=f"{title}: the first {FIRST_ROWS} rows of {len(rows):,}",
        numbers=numbers,
    )
    out.write(f"{len(rows) - FIRST_ROWS:,} more rows: use --all to see every row\n")


def print_talks(
    talks: Sequence[JSONDict], out: IO[str], *, every_row: bool = True
) -> None:
    """Print rounds of talks (as the state's JSON has them) as a table."""
    rows = [
        (
            round_["date"],
            ", ".join(round_["parties"]),
            f"{round_['level']}, {round_['format']}",
            labels.NOTHING
            if round_["duration_hours"] is None
            else labels.duration(round_["duration_hours"]),
            labels.value(round_["outcome"]),
            "; ".join(round_["agreed"]) or labels.NOTHING,
            _next_meeting(round_["next_meeting"]),
        )
        for round_ in talks
    ]
    headers = ("Date", "Parties", "Level, format", "Length", "Outcome", "Agreed")
    _print_capped(
        out, (*headers, "Next meeting"), rows, title="Talks held", every_row=every_row
    )


def policy_rows(state: DisputeState, document: JSONDict) -> Iterator[Row]:
    """The rows of the policy table: each country's measures, as people call them.

    *document* is the state's JSON (`DisputeState.to_dict`), which the built-in
    facts are read from; the lifecycle measures come from *state*.
    """
    measures_of: dict[str, list[Intervention]] = {}
    for measure in sorted(
        state.interventions.values(), key=lambda m: (m.kind, m.measure)
    ):
        measures_of.setdefault(measure.actor, []).append(measure)
    for code in sorted({*document["countries"], *measures_of}):
        policy = document["countries"].get(code, _NO_POLICY)
        for target, items in policy["restrictions"].items():
            for row in items:
                eased = f" (eased {row['eased_since']})" if row["eased"] else ""
                yield (
                    code,
                    label_of("export restriction"),
                    target,
                    f"{row['item']}: {row['measure']}{eased}",
                    row["since"],
                )
        for target, fact in policy["whitelist_exclusions"].items():
            yield code, label_of("whitelist exclusion"), target, "", fact["since"]
        for target, visa in policy["visa_waiver_suspensions"].items():
            detail = "issued visas invalidated" if visa["visas_invalidated"] else ""
            yield (
                code,
                label_of("visa waiver suspension"),
                target,
                detail,
                visa["since"],
            )
        for target, entry in policy["entry_restrictions"].items():
            days = entry["quarantine_days"]
            quarantine = f"{days}-day quarantine" if days is not None else ""
            detail = "; ".join(part for part in (quarantine, entry["detail"]) if part)
            yield code, label_of("entry restriction"), target, detail, entry["since"]
        for agreement, notice in policy["agreements_under_notice"].items():
            status = (
                f"{agreement}, notice suspended {notice['suspended_since']}"
                if notice["suspended"]
                else agreement
            )
            yield (
                code,
                label_of("termination notice"),
                notice["counterparty"],
                status,
                notice["since"],
            )
        for step in policy["unilateral_steps"]:
            yield (
                code,
                labels.event_label(step["kind"]),
                step["target"],
                step["detail"],
                step["date"],
            )
        for measure in measures_of.get(code, []):
            yield (
                code,
                label_of(measure.kind),
                measure.target_label(),
                describe(measure),
                labels.NOTHING if measure.since is None else measure.since.isoformat(),
            )


_NO_POLICY: JSONDict = {
    "restrictions": {},
    "whitelist_exclusions": {},
    "visa_waiver_suspensions": {},
    "entry_restrictions": {},
    "agreements_under_notice": {},
    "unilateral_steps": [],
}


def _next_meeting(meeting: dict[str, Any] | None) -> str:
    if meeting is None:
        return labels.NOTHING
    parts = [meeting["place"], meeting["date"] or "", meeting["timing"]]
    return ", ".join(part for part in parts if part) or labels.NOTHING
