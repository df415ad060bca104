"""The public document of a state: plain dicts and lists, as JSON shows them.

`DisputeState.to_dict` returns it, ``tradedispute.to_json`` writes it as
text and ``tradedispute state --json`` prints it; ``docs/cli.md`` documents
its layout. Building it is data shaping, with no I/O and no converter, so it
lives in the core beside the state and the codec only writes the text.

Every mapping is keyed by a country code, an agreement or a case number;
every list is sorted (talks and unilateral steps keep replay order); every
date is ISO 8601 (``"2020-03-11"``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from tradedispute.core.catalogue import label_of
from tradedispute.core.interventions import Exclusion, Intervention
from tradedispute.core.products import Products, Scope, format_hs
from tradedispute.core.rates import Rate

if TYPE_CHECKING:  # pragma: no cover - the state module imports this one
    from tradedispute.core.state import DisputeState, PolicyState, TalksRound
    from tradedispute.core.vocabulary import NextMeeting

__all__ = [
    "Document",
    "intervention_to_dict",
    "products_to_dict",
    "rate_to_dict",
    "state_to_dict",
    "talks_to_dict",
]

Document = dict[str, Any]
"""A JSON-ready dict: dicts, lists, strings, numbers, booleans and ``None``."""


def _day(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _number(value: float | None) -> float | None:
    return None if value is None else float(value)


def _meeting_to_dict(meeting: NextMeeting) -> Document:
    return {
        "place": meeting.place,
        "date": _day(meeting.date),
        "timing": meeting.timing,
    }


def products_to_dict(products: Products | Scope) -> Document:
    """Return products, or a measure's scope, as JSON.

    The keys are ``hs``, ``items``, ``all_goods`` and ``edition``. HS
    codes are written with dots (``"8541.40"``) and sorted; items are sorted.
    """
    return {
        "hs": [format_hs(code) for code in sorted(products.hs)],
        "items": sorted(products.items),
        "all_goods": products.all_goods,
        "edition": products.edition,
    }


def rate_to_dict(rate: Rate | None) -> Document | None:
    """Return a rate with its ``shape``, its fields and its ``text``; `None` for none.

    Numbers are floats; a field its shape does not use is ``null`` (``""``
    for ``currency`` and ``unit``); ``tiers`` is a list of ``{"rate",
    "products"}`` for a tiered rate, else ``null``.
    """
    if rate is None:
        return None
    return {
        "shape": rate.shape,
        "text": str(rate),
        "percent": _number(rate.percent),
        "low": _number(rate.low),
        "high": _number(rate.high),
        "amount": _number(rate.amount),
        "currency": rate.currency,
        "unit": rate.unit,
        "tiers": (
            None
            if rate.tiers is None
            else [
                {
                    "rate": rate_to_dict(tier.rate),
                    "products": products_to_dict(tier.products),
                }
                for tier in rate.tiers
            ]
        ),
    }


def _exclusion_to_dict(exclusion: Exclusion) -> Document:
    return {
        "exclusion": exclusion.exclusion,
        "products": products_to_dict(exclusion.products),
        "since": exclusion.since.isoformat(),
        "until": _day(exclusion.until),
        "event_id": exclusion.event_id,
        "extended_by": exclusion.extended_by,
    }


def intervention_to_dict(measure: Intervention) -> Document:
    """Return a measure on the books as JSON, every field of it.

    As ``tradedispute measures --json`` prints each measure, and the
    state's ``measures``: ``label`` is its kind's label in the catalogue;
    ``targets`` and ``exempt`` are sorted codes (``["ALL"]`` for every
    country); ``rates`` is the history of its rates, oldest first;
    ``exclusions`` are sorted by id.
    """
    return {
        "measure": measure.measure,
        "kind": measure.kind,
        "label": label_of(measure.kind),
        "actor": measure.actor,
        "targets": sorted(measure.targets),
        "exempt": sorted(measure.exempt),
        "products": products_to_dict(measure.products),
        "rate": rate_to_dict(measure.rate),
        "legal_basis": measure.legal_basis,
        "status": measure.status,
        "announced": _day(measure.announced),
        "since": _day(measure.since),
        "takes_effect": _day(measure.takes_effect),
        "suspended_since": _day(measure.suspended_since),
        "expires": _day(measure.expires),
        "provisional": measure.provisional,
        "definitive_since": _day(measure.definitive_since),
        "rates": [
            {
                "rate": rate_to_dict(change.rate),
                "since": change.since.isoformat(),
                "event_id": change.event_id,
            }
            for change in measure.rates
        ],
        "exclusions": [
            _exclusion_to_dict(exclusion)
            for _, exclusion in sorted(measure.exclusions.items())
        ],
        "event_id": measure.event_id,
        "changed_by": measure.changed_by,
    }


def _policy_to_dict(policy: PolicyState) -> Document:
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


def talks_to_dict(round_: TalksRound) -> Document:
    """Return one round of talks as the state's JSON lists it under ``talks``."""
    return {
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
            else _meeting_to_dict(round_.next_meeting)
        ),
    }


def state_to_dict(state: DisputeState, as_of: dt.date) -> Document:
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
        A dict of ``as_of``, ``countries``, ``wto_cases``, ``talks``,
        ``demands``, ``agreements`` and ``measures`` (the measures on the books, as
        `intervention_to_dict` writes them, sorted by kind, actor and id),
        made of dicts, lists, strings, numbers, booleans and ``None`` only.
    """
    return {
        "as_of": as_of.isoformat(),
        "countries": {
            code: _policy_to_dict(policy)
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
                "into_the_void": case.into_the_void,
            }
            for number, case in sorted(state.wto_cases.items())
        },
        "talks": [talks_to_dict(round_) for round_ in state.talks],
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
        "agreements": {
            name: {
                "parties": sorted(agreement.parties),
                "status": agreement.status,
                "since": agreement.since.isoformat(),
                "signed": _day(agreement.signed),
                "in_force_since": _day(agreement.in_force_since),
            }
            for name, agreement in sorted(state.agreements.items())
        },
        "measures": [
            intervention_to_dict(measure)
            for measure in sorted(
                state.interventions.values(),
                key=lambda m: (m.kind, m.actor, m.measure),
            )
        ],
    }
