"""``tradedispute state``: each country's policy on a date."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import IO, Any

from tradedispute.cli import options
from tradedispute.cli.measures import describe
from tradedispute.cli.render import JSONDict, print_json
from tradedispute.cli.render import console as rich_console
from tradedispute.codec.state_json import state_to_json
from tradedispute.core.catalogue import label_of
from tradedispute.core.interventions import Intervention
from tradedispute.core.state import DisputeState


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
    options.add_known_at(state)
    state.set_defaults(run=run)


def run(args: argparse.Namespace, out: IO[str]) -> int:
    """Print the state on ``--at``, as tables or JSON."""
    with options.open_log(args) as log:
        state = log.state_at(args.at, known_at=args.known_at)
    if args.json:
        print_json(state_to_json(state, args.at), out)
    else:
        _state_table(state, args.at, out)
    return 0


def _state_table(state: DisputeState, day: dt.date, out: IO[str]) -> None:
    console = rich_console(out)
    from rich.table import Table

    table = Table(title=f"Policy in force on {day.isoformat()}")
    for column in ("Country", "Measure", "Towards", "Detail", "Since"):
        table.add_column(column)
    document = state_to_json(state, day)
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
        for measure in measures_of.get(code, []):
            table.add_row(
                code,
                label_of(measure.kind),
                measure.target_label(),
                describe(measure),
                "" if measure.since is None else measure.since.isoformat(),
            )
    if table.row_count:
        console.print(table)
    else:
        out.write(f"Nothing in force on {day.isoformat()}\n")
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
        return ""
    parts = [meeting["place"], meeting["date"] or "", meeting["timing"]]
    return ", ".join(part for part in parts if part)
