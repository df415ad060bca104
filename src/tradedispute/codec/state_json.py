"""The public JSON form of a `DisputeState`, as ``tradedispute state --json`` prints it.

The format is documented in ``docs/cli.md``. Every mapping is keyed by a
country code, an agreement or a case number; every list is sorted (talks in
replay order); every date is ISO 8601 (``"2020-03-11"``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tradedispute.codec.converter import _converter
from tradedispute.core.state import DisputeState, PolicyState

__all__ = ["state_to_json"]

JSONDict = dict[str, Any]


def _day(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _policy_to_json(policy: PolicyState) -> JSONDict:
    return {
        "restrictions": {
            target: [
                {
                    "item": item,
                    "measure": restriction.measure,
                    "since": restriction.since.isoformat(),
                    "eased": restriction.eased,
                    "eased_since": _day(restriction.eased_since),
                    "eased_detail": restriction.eased_detail,
                }
                for item, restriction in sorted(items.items())
            ]
            for target, items in sorted(policy.restrictions.items())
        },
        "whitelist_excluded": sorted(policy.whitelist_excluded),
        "whitelist_exclusions": {
            target: {"since": fact.since.isoformat()}
            for target, fact in sorted(policy.whitelist_exclusions.items())
        },
        "visa_waiver_suspended": sorted(policy.visa_waiver_suspended),
        "visa_waiver_suspensions": {
            target: {
                "since": visa.since.isoformat(),
                "visas_invalidated": visa.visas_invalidated,
            }
            for target, visa in sorted(policy.visa_waiver_suspensions.items())
        },
        "entry_restrictions": {
            target: {
                "quarantine_days": entry.quarantine_days,
                "since": entry.since.isoformat(),
                "detail": entry.detail,
            }
            for target, entry in sorted(policy.entry_restrictions.items())
        },
        "agreements_under_notice": {
            agreement: {
                "counterparty": notice.counterparty,
                "since": notice.since.isoformat(),
                "suspended": notice.suspended,
                "suspended_since": _day(notice.suspended_since),
            }
            for agreement, notice in sorted(policy.agreements_under_notice.items())
        },
        "unilateral_steps": [
            {
                "kind": step.kind,
                "detail": step.detail,
                "target": step.target,
                "date": step.date.isoformat(),
            }
            for step in policy.unilateral_steps
        ],
    }


def state_to_json(state: DisputeState, as_of: dt.date) -> dict[str, Any]:
    """Return *state*, the state on *as_of*, as a JSON-ready dict.

    The function is pure: it reads *state* only, and equal states give equal
    dicts. Lists are sorted (countries, items, parties, agreed points);
    ``unilateral_steps`` and ``talks`` keep replay order. Dates are ISO 8601
    strings, absent dates ``None``. The layout is documented in
    ``docs/cli.md``.

    Args:
        state: What was in force, e.g. ``log.state_at(as_of)``.
        as_of: The day *state* describes; written as ``"as_of"``.

    Returns:
        A dict of ``as_of``, ``countries``, ``wto_cases``, ``talks`` and
        ``demands``, made of dicts, lists, strings, numbers, booleans and
        ``None`` only.
    """
    return {
        "as_of": as_of.isoformat(),
        "countries": {
            code: _policy_to_json(policy)
            for code, policy in sorted(state.countries.items())
        },
        "wto_cases": {
            number: {
                "complainant": case.complainant,
                "respondent": case.respondent,
                "subject": case.subject,
                "filed": case.filed.isoformat(),
                "status": case.status,
                "since": case.since.isoformat(),
                "stage": case.stage,
                "stage_since": case.stage_since.isoformat(),
            }
            for number, case in sorted(state.wto_cases.items())
        },
        "talks": [
            {
                "date": round_.date.isoformat(),
                "parties": sorted(round_.parties),
                "level": round_.level,
                "format": round_.format,
                "outcome": round_.outcome,
                "duration_hours": round_.duration_hours,
                "agreed": sorted(round_.agreed),
                "next_meeting": (
                    None
                    if round_.next_meeting is None
                    else _converter.unstructure(round_.next_meeting)
                ),
            }
            for round_ in state.talks
        ],
        "demands": [
            {
                "by": demander,
                "of": addressee,
                "demand": demand,
                "since": made.since.isoformat(),
                "renewed": [again.since.isoformat() for again in made.renewed],
            }
            for (demander, addressee), demands in sorted(state.demands.items())
            for demand, made in sorted(demands.items())
        ],
    }
