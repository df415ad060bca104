"""`moves`: events of any `CountryMove` subclass, a user's own included.

Re-exported by `tradedispute.testing`; `tradedispute.testing.laws` runs the
laws every reducer keeps on events it draws.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from tradedispute.core.events import (
    CountryMove,
    Source,
    is_bool,
    is_country,
    is_date,
    is_item_set,
    is_name_set,
    is_optional_date,
    is_str,
    is_text,
)
from tradedispute.testing._basics import (
    _MAX_DATE,
    _MIN_DATE,
    _PRECISIONS,
    DEFAULT_COUNTRIES,
    _at_precision,
    _check_countries,
    _check_dates,
    _free_text,
    _ids,
    _names,
    sources,
)

__all__ = ["moves"]


#: The fields every `CountryMove` has, which `moves` draws itself.
_MOVE_FIELDS = tuple(field.name for field in attrs.fields(CountryMove))

#: The largest integers a stored record holds (JSON readers take 64 bits).
_INT64 = 2**63

#: How the library's own validators say what a field holds.
_BY_VALIDATOR: Mapping[object, st.SearchStrategy[Any]] = {
    is_text: _names,
    is_str: _free_text,
    is_bool: st.booleans(),
    is_item_set: st.frozensets(_names, min_size=1, max_size=3),
    is_name_set: st.frozensets(_names, max_size=3),
}


def moves(
    event_type: type[CountryMove],
    *,
    countries: Sequence[str] = DEFAULT_COUNTRIES,
    min_date: dt.date = _MIN_DATE,
    max_date: dt.date = _MAX_DATE,
    **fields: st.SearchStrategy[Any],
) -> st.SearchStrategy[CountryMove]:
    """Draw events of *event_type*, any `CountryMove` subclass, valid to build.

    The actor and the target are two distinct codes of *countries*, so
    building never fails on a self-target; ``effective`` (known to the day,
    month or year) and ``announced`` fall between *min_date* and *max_date*;
    ``id`` is a fresh UUID. The other fields come from *fields*, or are
    inferred: from the library's validators (`is_text`, `is_item_set`,
    `is_country`, ...), else from the field's type (``str``, ``int``,
    ``float``, ``bool``, ``datetime.date``, ``X | None``, ``frozenset[X]``,
    ``tuple[X, ...]``, enums and ``Literal``, and anything
    `hypothesis.strategies.from_type` resolves). A field with a default
    keeps it unless given. Any field, ``actor`` and ``effective`` included,
    may be given a strategy of its own.

    The default dates are those of `event_logs`, so that the moves land
    among a drawn log's events.

    Args:
        event_type: A subclass of `CountryMove` decorated with attrs.
        countries: The codes actors, targets and country fields come from.
        min_date: The earliest date drawn.
        max_date: The latest date drawn.
        **fields: A strategy for each field to draw otherwise, by name.

    Raises:
        InvalidArgument: *event_type* is not such a subclass; a name in
            *fields* is not one of its fields, or its value not a strategy;
            a field can be neither inferred nor defaulted (the message names
            it); bad *countries* or dates. When drawing: the type refused
            the values drawn (the message names the field to give a
            strategy for).
    """
    codes = _check_countries(countries)
    _check_dates(min_date, max_date)
    name = _check_move_type(event_type)
    declared = {field.name: field for field in attrs.fields(event_type) if field.init}
    unknown = sorted(set(fields) - set(declared))
    if unknown:
        raise InvalidArgument(
            f"moves({name}): {', '.join(map(repr, unknown))} "
            f"{'is not a field' if len(unknown) == 1 else 'are not fields'} of "
            f"{name}; its fields are {', '.join(sorted(declared))}"
        )
    for field_name, strategy in fields.items():
        if not isinstance(strategy, st.SearchStrategy):
            raise InvalidArgument(
                f"moves({name}, {field_name}={strategy!r}): fields are given as "
                f"strategies, such as {field_name}=st.just({strategy!r})"
            )
    dates = st.dates(min_date, max_date)
    hints = _type_hints(event_type)
    strategies: dict[str, st.SearchStrategy[Any]] = {
        "id": _ids,
        "effective": dates,
        "announced": st.none() | dates,
        "source": st.none() | sources(),
        "note": _free_text,
    }
    for field_name, field in declared.items():
        if field_name in (*_MOVE_FIELDS, *fields) or field.default is not attrs.NOTHING:
            continue
        strategies[field_name] = _inferred(
            name, field, hints.get(field_name), codes, dates
        )
    given = {k: v for k, v in fields.items() if k not in ("actor", "target")}
    return _moves(
        event_type,
        strategies={**strategies, **given},
        actors=fields.get("actor", st.sampled_from(codes)),
        targets=fields.get("target"),
        codes=codes,
        # A drawn precision moves the date to the first day it stands for.
        min_date=None if {"effective", "precision"} & set(fields) else min_date,
    )


def _check_move_type(event_type: object) -> str:
    if not (isinstance(event_type, type) and issubclass(event_type, CountryMove)):
        raise InvalidArgument(
            f"moves({event_type!r}): moves() draws subclasses of "
            "tradedispute.CountryMove (one country's move towards another); "
            "for other built-in types use events(types=[...])"
        )
    if "__attrs_attrs__" not in vars(event_type):
        raise InvalidArgument(
            f"moves({event_type.__qualname__}): decorate the class with "
            "@attrs.frozen(kw_only=True) like the built-in events"
        )
    return event_type.__qualname__


def _type_hints(event_type: type[CountryMove]) -> dict[str, Any]:
    """The fields' types, resolved where their names can be found."""
    try:
        return typing.get_type_hints(event_type)
    except (NameError, TypeError):
        return {field.name: field.type for field in attrs.fields(event_type)}


def _inferred(
    name: str,
    field: attrs.Attribute[Any],
    hint: Any,
    codes: tuple[str, ...],
    dates: st.SearchStrategy[dt.date],
) -> st.SearchStrategy[Any]:
    """A strategy for *field*, from its validator or else its type."""
    by_validator = {
        **_BY_VALIDATOR,
        is_country: st.sampled_from(codes),
        is_date: dates,
        is_optional_date: st.none() | dates,
    }
    validators = getattr(field.validator, "_validators", (field.validator,))
    for validator in validators:
        if validator in by_validator:
            return by_validator[validator]
    strategy = _from_hint(hint, dates)
    if strategy is None:
        raise InvalidArgument(
            f"moves({name}) cannot infer a strategy for the field "
            f"{field.name!r} (of type {getattr(hint, '__name__', hint)!r}); "
            f"pass one: moves({name}, {field.name}=...)"
        )
    return strategy


def _from_hint(
    hint: Any, dates: st.SearchStrategy[dt.date]
) -> st.SearchStrategy[Any] | None:
    """A strategy for values of the type *hint*, or `None` if none is known."""
    simple: dict[object, st.SearchStrategy[Any]] = {
        str: _names,
        bool: st.booleans(),
        int: st.integers(-_INT64, _INT64 - 1),
        # NaN is not equal to itself, so no state holding one would be either.
        float: st.floats(allow_nan=False, allow_infinity=False),
        dt.date: dates,
        Source: sources(),
    }
    if hint in simple:
        return simple[hint]
    if hint in (None, Any, object) or isinstance(hint, str | typing.ForwardRef):
        return None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        parts = [_from_hint(arg, dates) for arg in args if arg is not type(None)]
        known = [part for part in parts if part is not None]
        if len(known) < len(parts):
            return None
        drawn = st.one_of(known)
        return st.none() | drawn if type(None) in args else drawn
    if origin is frozenset and len(args) == 1:
        inner = _from_hint(args[0], dates)
        return None if inner is None else st.frozensets(inner, max_size=3)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        inner = _from_hint(args[0], dates)
        return None if inner is None else st.lists(inner, max_size=3).map(tuple)
    try:
        strategy = st.from_type(hint)
        strategy.validate()
    except (InvalidArgument, TypeError):
        return None
    return strategy


def _refused_field(error: Exception, names: Sequence[str]) -> str | None:
    """The field of *names* an event type's validator names in *error*, if any."""
    field = getattr(error, "field", None)
    if isinstance(field, str):
        return field
    for arg in error.args:
        if isinstance(arg, attrs.Attribute):
            return arg.name
    # attrs's own validators quote the field's name at the start.
    message = str(error)
    quoted = [name for name in names if message.startswith(f"'{name}'")]
    return quoted[0] if quoted else None


@st.composite
def _moves(
    draw: st.DrawFn,
    event_type: type[CountryMove],
    *,
    strategies: dict[str, st.SearchStrategy[Any]],
    actors: st.SearchStrategy[str],
    targets: st.SearchStrategy[str] | None,
    codes: tuple[str, ...],
    min_date: dt.date | None,
) -> CountryMove:
    values = {name: draw(strategy) for name, strategy in strategies.items()}
    actor = draw(actors)
    if targets is None:
        target = draw(st.sampled_from([code for code in codes if code != actor]))
    else:
        target = draw(targets.filter(lambda code: code != actor))
    if min_date is not None:
        values = _at_precision(values, draw(_PRECISIONS), min_date)
    try:
        return event_type(**values, actor=actor, target=target)
    except Exception as error:
        name = event_type.__qualname__
        field = _refused_field(error, list(values))
        advice = (
            f"pass a strategy of valid values for it: moves({name}, {field}=...)"
            if field is not None
            else f"pass strategies for the fields it checks: moves({name}, ...)"
        )
        raise InvalidArgument(
            f"moves({name}) drew values the type refuses "
            f"({type(error).__name__}: {error}); {advice}"
        ) from error
