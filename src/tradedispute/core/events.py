"""The base of every event: identity, dates, citation, and field checks.

The concrete vocabulary lives in `tradedispute.core.vocabulary`; this module holds
what all events share and the validators they are built from.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Iterable
from typing import Any, ClassVar, Literal, NoReturn

import attrs

from tradedispute.core.countries import check_country_code
from tradedispute.exceptions import InvalidCountryCode, InvalidEvent


def new_event_id() -> str:
    """Return a fresh, globally unique event id (a UUID4 in hex)."""
    return uuid.uuid4().hex


def _fail(instance: object, attribute: attrs.Attribute[Any], problem: str) -> NoReturn:
    """Raise `InvalidEvent` naming the class, the event (if known) and the field."""
    name = type(instance).__name__
    where = name
    event_id = getattr(instance, "id", None)
    effective = getattr(instance, "effective", None)
    if isinstance(event_id, str):
        where += f" {event_id!r}"
    if isinstance(effective, dt.date):
        where += f" effective {effective.isoformat()}"
    raise InvalidEvent(
        f"{where}: field {attribute.name!r} {problem}",
        event_type=name,
        field=attribute.name,
    )


def is_date(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a calendar date: a `datetime.date` that is not a `datetime`."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        _fail(
            instance,
            attribute,
            f"must be a datetime.date such as date(2019, 7, 4), not {value!r}",
        )


def is_optional_date(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Validate `None` or a calendar date."""
    if value is not None:
        is_date(instance, attribute, value)


def is_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a non-blank string."""
    if not isinstance(value, str) or not value.strip():
        _fail(instance, attribute, f"must be a non-empty string, not {value!r}")


def is_str(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a string, which may be empty."""
    if not isinstance(value, str):
        _fail(instance, attribute, f"must be a string, not {value!r}")


def is_bool(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validate a bool (not merely a truthy value)."""
    if not isinstance(value, bool):
        _fail(instance, attribute, f"must be True or False, not {value!r}")


def is_country(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Validate an ISO 3166-1 alpha-3 code (or ``EUN``)."""
    try:
        check_country_code(value)
    except InvalidCountryCode as error:
        _fail(instance, attribute, f"is invalid: {error}")


def one_of(*choices: str) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """Return a validator that accepts only the given strings."""

    def validate(
        instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        if value not in choices:
            valid = ", ".join(repr(choice) for choice in choices)
            _fail(instance, attribute, f"is {value!r}; valid values are {valid}")

    return validate


def optional_of(cls: type) -> Callable[[object, attrs.Attribute[Any], object], None]:
    """Return a validator that accepts `None` or an instance of *cls*."""

    def validate(
        instance: object, attribute: attrs.Attribute[Any], value: object
    ) -> None:
        if value is not None and not isinstance(value, cls):
            _fail(
                instance, attribute, f"must be a {cls.__name__} or None, not {value!r}"
            )

    return validate


def not_self_target(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Validate that a move's target is not its own actor."""
    is_country(instance, attribute, value)
    if value == getattr(instance, "actor", None):
        _fail(
            instance,
            attribute,
            f"is {value!r}, the actor itself; a country cannot target itself",
        )


def to_names(values: Iterable[str]) -> frozenset[str]:
    """Convert an iterable of names (items, parties) to a frozenset.

    A bare string is taken as one name rather than split into characters.
    Anything that is not an iterable of hashable values is passed through
    unchanged, for the field's validator to reject with a clear message.
    """
    if isinstance(values, str):
        return frozenset({values})
    try:
        return frozenset(values)
    except TypeError:
        return values  # type: ignore[return-value]  # the validator rejects it


def is_name_set(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Validate a frozenset of non-blank names (which may be empty)."""
    if not isinstance(value, frozenset):
        _fail(
            instance,
            attribute,
            f"must be a set of names such as {{'photoresist'}}, not {value!r}",
        )
    for name in value:
        if not isinstance(name, str) or not name.strip():
            _fail(
                instance,
                attribute,
                f"holds {name!r}; {attribute.name} are non-empty strings",
            )


def is_item_set(
    instance: object, attribute: attrs.Attribute[Any], value: frozenset[Any]
) -> None:
    """Validate a non-empty set of non-blank names."""
    is_name_set(instance, attribute, value)
    if not value:
        _fail(instance, attribute, "must name at least one item")


@attrs.frozen(kw_only=True)
class Source:
    """A citation for an event: where the record comes from.

    Attributes:
        title: The document's or article's title.
        publisher: Who published it, such as ``"Yonhap"`` or ``"METI"``.
        published: The date it was published, if known.
        url: Where to read it, if online.
    """

    title: str = attrs.field(validator=is_text)
    publisher: str = attrs.field(validator=is_text)
    published: dt.date | None = attrs.field(default=None, validator=is_optional_date)
    url: str | None = attrs.field(default=None)

    @url.validator
    def _check_url(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not (
            isinstance(value, str) and value.startswith(("https://", "http://"))
        ):
            _fail(self, attribute, f"must be an http(s) URL or None, not {value!r}")


Precision = Literal["day", "month", "year"]
"""How precisely an event's date is known: ``"day"``, ``"month"`` or ``"year"``."""

_FIRST_DAY = {"month": "the 1st of its month", "year": "1 January"}


def _check_precision(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Validate a precision, and that ``effective`` is the first day it stands for."""
    one_of("day", "month", "year")(instance, attribute, value)
    effective = getattr(instance, "effective", None)
    if value == "day" or not isinstance(effective, dt.date):
        return
    first = effective.replace(day=1)
    if value == "year":
        first = first.replace(month=1)
    if effective != first:
        _fail(
            instance,
            attribute,
            f"is {value!r}, so effective must be {_FIRST_DAY[str(value)]}: "
            f"{first.isoformat()}, not {effective.isoformat()}",
        )


def shown_date(event: Event) -> str:
    """Show *event*'s effective date as precisely as it is known.

    ``"2020-05-14"`` for a day, ``"2020-05"`` for a month, ``"2020"`` for a
    year.
    """
    day = event.effective.isoformat()
    return {"day": day, "month": day[:7], "year": day[:4]}[event.precision]


@attrs.frozen(kw_only=True)
class Event:
    """What every event has: an id, the day it applies, and where it comes from.

    Subclass it (with ``@attrs.frozen(kw_only=True)``) for a new kind of event,
    then register a reducer for it with `tradedispute.reducer`.

    Attributes:
        id: Unique within a log; a fresh UUID when not given.
        effective: The first day the event applies: ``state_at(D)`` includes
            every event effective on or before ``D``.
        announced: When it was announced, if that differs from ``effective``.
        source: The citation the record rests on.
        note: Free text: context, caveats, where sources disagree.
        precision: How precisely ``effective`` is known: ``"day"`` (the
            default), ``"month"`` or ``"year"``. A month's or a year's
            event is effective on its first day (``effective`` must be the
            1st of the month, or 1 January), and `shown_date` shows it as
            ``"2020-05"`` or ``"2020"``.
    """

    #: The version of this event type's fields in stored records. Raise it
    #: when the fields change, and register an upcaster (see
    #: `tradedispute.codec.upcaster`) that turns a record of the previous
    #: version into one of this version.
    class_version: ClassVar[int] = 1

    id: str = attrs.field(factory=new_event_id, validator=is_text)
    effective: dt.date = attrs.field(validator=is_date)
    announced: dt.date | None = attrs.field(default=None, validator=is_optional_date)
    source: Source | None = attrs.field(default=None, validator=optional_of(Source))
    note: str = attrs.field(default="", validator=is_str)
    precision: Precision = attrs.field(default="day", validator=_check_precision)


@attrs.frozen(kw_only=True)
class CountryMove(Event):
    """An event one country takes towards another.

    Attributes:
        actor: The country that moves (ISO 3166-1 alpha-3, or ``EUN``).
        target: The country the move is aimed at; never the actor itself.
    """

    actor: str = attrs.field(validator=is_country)
    target: str = attrs.field(validator=not_self_target)
