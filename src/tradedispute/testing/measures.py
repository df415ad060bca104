"""Hypothesis strategies for the measure model: products, rates, kinds, lifecycles.

`products` and `rates` draw values; `measure_kinds` draws kinds from the
catalogue (yours too, once declared); `measure_events` draws one lifecycle
event of any type, valid to build; `measure_lives` draws the whole life of
one measure, valid to replay at every prefix, with dates that exercise the
changes needing no event (scheduled starts, expiries, exclusions running
out). `tradedispute.testing.event_logs` mixes such lives with the rest of
the vocabulary.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st

from tradedispute.core.catalogue import Kind, kinds
from tradedispute.core.events import Event
from tradedispute.core.measure_events import (
    ALL,
    MEASURE_EVENT_TYPES,
    ExclusionExtended,
    ExclusionGranted,
    ExclusionRevoked,
    MeasureAmended,
    MeasureAnnounced,
    MeasureCancelled,
    MeasureImposed,
    MeasureLifted,
    MeasureMadeDefinitive,
    MeasurePostponed,
    MeasureResumed,
    MeasureSuspended,
)
from tradedispute.core.products import Products
from tradedispute.core.rates import RATE_SHAPES, Rate, RateShape, Tier

__all__ = [
    "hs_codes",
    "measure_events",
    "measure_kinds",
    "measure_lives",
    "products",
    "rates",
]

_DIGIT_COUNTS = st.sampled_from([2, 4, 6, 8, 10])
_ITEMS = st.sampled_from(["photoresist", "barley", "wine", "coal", "lobster", "logs"])
_EDITIONS = st.sampled_from(["", "HS2012", "HS2017", "HS2022"])
_PERCENTS = st.sampled_from([0.0, 5.0, 7.5, 10.0, 15.0, 25.0, 80.5, 218.4])


def hs_codes(*, under: str = "") -> st.SearchStrategy[str]:
    """Draw an HS code's digits (2, 4, 6, 8 or 10), starting with *under* if given."""

    @st.composite
    def draw_code(draw: st.DrawFn) -> str:
        lengths = [n for n in (2, 4, 6, 8, 10) if n >= max(len(under), 2)]
        length = draw(st.sampled_from(lengths))
        rest = draw(
            st.text(
                "0123456789", min_size=length - len(under), max_size=length - len(under)
            )
        )
        return under + rest

    return draw_code()


def products(
    *, max_codes: int = 4, all_goods: bool = True
) -> st.SearchStrategy[Products]:
    """Draw a `Products`: HS codes (with or without dots), items, or all goods."""
    listed = st.builds(
        Products,
        hs=st.lists(hs_codes(), max_size=max_codes),
        items=st.lists(_ITEMS, max_size=2),
        edition=_EDITIONS,
    ).filter(lambda value: not value.is_empty())
    if not all_goods:
        return listed
    return listed | st.builds(Products.everything, edition=_EDITIONS)


def _flat_rates(shapes: Sequence[RateShape]) -> st.SearchStrategy[Rate]:
    options = []
    if "percent" in shapes:
        options.append(st.builds(Rate, percent=_PERCENTS))
    if "range" in shapes:
        options.append(
            st.tuples(_PERCENTS, _PERCENTS)
            .filter(lambda pair: pair[0] != pair[1])
            .map(lambda pair: Rate(low=min(pair), high=max(pair)))
        )
    if "specific" in shapes:
        options.append(
            st.builds(
                Rate,
                amount=st.sampled_from([0.5, 1.0, 45.0]),
                currency=st.sampled_from(["USD", "CNY", "EUR"]),
                unit=st.sampled_from(["kg", "litre", "tonne"]),
            )
        )
    return st.one_of(options)


def rates(
    shapes: Sequence[RateShape] = RATE_SHAPES, *, scope: Products | None = None
) -> st.SearchStrategy[Rate]:
    """Draw a `Rate` of one of *shapes*; tiers split *scope*'s codes, if given."""
    flat = [shape for shape in shapes if shape != "tiers"]
    options = [_flat_rates(flat)] if flat else []
    codes = sorted(scope.hs) if scope is not None else []
    if "tiers" in shapes and flat and len(codes) >= 2:
        half = len(codes) // 2
        options.append(
            st.tuples(_flat_rates(flat), _flat_rates(flat)).map(
                lambda pair: Rate(
                    tiers=[
                        Tier(rate=pair[0], products=Products(hs=codes[:half])),
                        Tier(rate=pair[1], products=Products(hs=codes[half:])),
                    ]
                )
            )
        )
    if not options:
        raise ValueError(f"no rate of shapes {list(shapes)} can be drawn here")
    return st.one_of(options)


def measure_kinds(*, with_rates: bool | None = None) -> st.SearchStrategy[Kind]:
    """Draw a kind from the catalogue that `MeasureImposed` takes.

    Args:
        with_rates: `True` for kinds that carry a rate, `False` for those
            that do not, `None` for either.
    """
    found = [
        kind
        for kind in kinds()
        if not kind.recorded_by
        and (with_rates is None or bool(kind.rates) == with_rates)
    ]
    return st.sampled_from(found)


def measure_events(
    *,
    types: Sequence[type[Event]] = MEASURE_EVENT_TYPES,
    countries: Sequence[str] = ("CHN", "USA", "AUS", "EUN"),
    min_date: dt.date = dt.date(2018, 1, 1),
    max_date: dt.date = dt.date(2024, 12, 31),
) -> st.SearchStrategy[Event]:
    """Draw one lifecycle event of one of *types*, valid to build (not to replay)."""
    dates = st.dates(min_date, max_date)
    ids = st.sampled_from(["m1", "us-301-list3", "cn-retaliation-1"])

    @st.composite
    def draw_event(draw: st.DrawFn) -> Event:
        event_type = draw(st.sampled_from(types))
        day = draw(dates)
        later = day + dt.timedelta(days=draw(st.integers(1, 365)))
        common: dict[str, Any] = {"measure": draw(ids), "effective": day}
        if event_type in (MeasureImposed, MeasureAnnounced):
            actor, target = draw(
                st.lists(
                    st.sampled_from(countries), min_size=2, max_size=2, unique=True
                )
            )
            kind = draw(measure_kinds())
            scope = draw(products())
            fields: dict[str, Any] = {
                "actor": actor,
                "targets": ALL if draw(st.booleans()) else {target},
                "kind": kind.name,
                "products": scope,
                "rate": draw(st.none() | rates(sorted(kind.rates), scope=scope))
                if kind.rates
                else None,
                "legal_basis": draw(st.sampled_from(["", "Section 301", "AD 2020/1"])),
                "provisional": draw(st.booleans()),
            }
            if event_type is MeasureAnnounced:
                fields["takes_effect"] = later
            return event_type(**common, **fields)
        if event_type is MeasurePostponed:
            return MeasurePostponed(
                **common, takes_effect=draw(st.none() | st.just(later))
            )
        if event_type is MeasureAmended:
            return MeasureAmended(**common, rate=draw(rates(["percent"])))
        if event_type is MeasureMadeDefinitive:
            return MeasureMadeDefinitive(**common, expires=later)
        if event_type is MeasureLifted:
            return MeasureLifted(
                **common, products=draw(st.none() | products(all_goods=False))
            )
        if event_type is ExclusionGranted:
            return ExclusionGranted(
                **common,
                exclusion="x1",
                products=draw(products(all_goods=False)),
                until=draw(st.none() | st.just(later)),
            )
        if event_type is ExclusionExtended:
            return ExclusionExtended(**common, exclusion="x1", until=later)
        if event_type is ExclusionRevoked:
            return ExclusionRevoked(**common, exclusion="x1")
        assert event_type in (MeasureCancelled, MeasureSuspended, MeasureResumed)
        return event_type(**common)

    return draw_event()


def _days_after(day: dt.date) -> st.SearchStrategy[dt.date]:
    return st.integers(0, 90).map(lambda n: day + dt.timedelta(days=n))


@st.composite
def measure_lives(
    draw: st.DrawFn,
    *,
    measure: str,
    actor: str,
    target: str,
    days: Sequence[dt.date],
    kind: Kind | None = None,
) -> list[Event]:
    """Draw the life of one measure on *days* (sorted): valid at every prefix.

    It announces or imposes the measure, then amends, suspends, resumes,
    excludes and lifts it, keeping track of what the measure is on each day,
    the changes that need no event included: a scheduled start, an
    exclusion or the measure itself running out. A measure that ends may be
    imposed again under the same id.
    """
    kind = kind or draw(measure_kinds())
    shapes = sorted(kind.rates)
    out: list[Event] = []
    live: dict[str, Any] | None = None  # what the measure is, between events
    exclusions: dict[str, dt.date | None] = {}
    counter = 0

    def at(day: dt.date) -> None:
        """Bring the model to *day*: what is due by then happens."""
        nonlocal live
        if live is None:
            return
        if live["expires"] is not None and live["expires"] <= day:
            live = None
            exclusions.clear()
            return
        start = live["takes_effect"]
        if live["since"] is None and start is not None and start <= day:
            live["since"] = start
        for name, until in list(exclusions.items()):
            if until is not None and until < day:
                del exclusions[name]

    for day in days:
        at(day)
        common: dict[str, Any] = {"measure": measure, "effective": day}
        if live is None:
            scope = draw(products(all_goods=False))
            rate = draw(st.none() | rates(shapes, scope=scope)) if shapes else None
            expires = (
                day + dt.timedelta(days=draw(st.integers(30, 900)))
                if draw(st.integers(0, 3)) == 0
                else None
            )
            declared: dict[str, Any] = {
                "actor": actor,
                "targets": {target},
                "kind": kind.name,
                "products": scope,
                "rate": rate,
                "expires": expires,
                "provisional": draw(st.booleans()),
            }
            if draw(st.booleans()):
                start = day + dt.timedelta(days=draw(st.integers(1, 60)))
                if expires is not None and expires <= start:
                    declared["expires"] = None
                out.append(MeasureAnnounced(**common, **declared, takes_effect=start))
                live = {"since": None, "takes_effect": start}
            else:
                out.append(MeasureImposed(**common, **declared))
                live = {"since": day, "takes_effect": None}
            live.update(
                expires=declared["expires"],
                suspended=False,
                provisional=declared["provisional"],
                scope=scope,
            )
            continue
        moves = ["suspend" if not live["suspended"] else "resume", "exclude", "amend"]
        moves.append("lift" if live["since"] is not None else "cancel")
        if live["since"] is None and live["takes_effect"] is not None:
            moves.append("postpone")
        if exclusions:
            moves += ["extend", "revoke"]
        if live["provisional"]:
            moves.append("definitive")
        move = draw(st.sampled_from(moves))
        if move == "suspend":
            out.append(MeasureSuspended(**common))
            live["suspended"] = True
        elif move == "resume":
            out.append(MeasureResumed(**common))
            live["suspended"] = False
        elif move == "exclude" and live["scope"].hs:
            counter += 1
            code = draw(st.sampled_from(sorted(live["scope"].hs)))
            until = draw(st.none() | _days_after(day))
            out.append(
                ExclusionGranted(
                    **common,
                    exclusion=f"x{counter}",
                    products=Products(hs=[draw(hs_codes(under=code))]),
                    until=until,
                )
            )
            exclusions[f"x{counter}"] = until
        elif move == "amend" and shapes:
            scope = live["scope"]
            out.append(MeasureAmended(**common, rate=draw(rates(shapes, scope=scope))))
        elif move == "amend":
            out.append(MeasureAmended(**common, legal_basis=f"amended on {day}"))
        elif move == "postpone":
            start = day + dt.timedelta(days=draw(st.integers(1, 60)))
            if live["expires"] is not None and live["expires"] <= start:
                out.append(MeasureCancelled(**common))
                live = None
                exclusions.clear()
                continue
            out.append(MeasurePostponed(**common, takes_effect=start))
            live["takes_effect"] = start
        elif move == "extend":
            name = draw(st.sampled_from(sorted(exclusions)))
            until = day + dt.timedelta(days=draw(st.integers(0, 90)))
            out.append(ExclusionExtended(**common, exclusion=name, until=until))
            exclusions[name] = until
        elif move == "revoke":
            name = draw(st.sampled_from(sorted(exclusions)))
            out.append(ExclusionRevoked(**common, exclusion=name))
            del exclusions[name]
        elif move == "definitive":
            out.append(MeasureMadeDefinitive(**common))
            live["provisional"] = False
        else:  # lift, cancel, or an exclusion with no code to exclude
            out.append(
                (MeasureLifted if live["since"] is not None else MeasureCancelled)(
                    **common
                )
            )
            live = None
            exclusions.clear()
    return out
