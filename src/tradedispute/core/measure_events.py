"""The lifecycle of a measure, as events: announced, imposed, amended, lifted.

A measure has its own id (``measure="us-301-list3"``), so measures stack:
two may cover the same goods. `MeasureAnnounced` and `MeasureImposed` say
everything about it; every later event names it with ``measure=`` and says
only what changed. Whether a move fits the state (amending a measure that
is not in force, say) is the reducers' question, answered during replay.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import attrs

from tradedispute.core.countries import check_country_code
from tradedispute.core.events import (
    Event,
    _fail,
    is_bool,
    is_country,
    is_optional_date,
    is_str,
    is_text,
    optional_of,
    to_names,
)
from tradedispute.core.products import Products, is_products, is_some_products
from tradedispute.core.rates import Rate
from tradedispute.exceptions import InvalidCountryCode

__all__ = [
    "ALL",
    "ExclusionExtended",
    "ExclusionGranted",
    "ExclusionRevoked",
    "MeasureAmended",
    "MeasureAnnounced",
    "MeasureCancelled",
    "MeasureEvent",
    "MeasureImposed",
    "MeasureLifted",
    "MeasureMadeDefinitive",
    "MeasurePostponed",
    "MeasureResumed",
    "MeasureSuspended",
]

#: Targets every country (but the actor, and those in ``exempt``):
#: ``targets=tradedispute.ALL, exempt={"CAN", "MEX"}``.
ALL: Final = "ALL"


def _is_measure_id(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        _fail(
            instance,
            attribute,
            f"is {value!r}; an id is a non-empty string without surrounding "
            "spaces, such as 'us-301-list3' or 'exclusion-1'",
        )
    if len(value) > 200:
        _fail(instance, attribute, "is longer than 200 characters")


def _to_targets(value: object) -> object:
    if value == ALL:
        return frozenset({ALL})
    return to_names(value)  # type: ignore[arg-type]


def _is_targets(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if not isinstance(value, frozenset) or not value:
        _fail(
            instance,
            attribute,
            f"must be country codes such as {{'CHN'}}, or tradedispute.ALL; "
            f"not {value!r}",
        )
    if ALL in value:
        if len(value) > 1:
            _fail(
                instance,
                attribute,
                f"holds {ALL!r} with other codes; give ALL alone, and the "
                "countries left out in exempt=",
            )
        return
    _check_codes(instance, attribute, value)
    if getattr(instance, "actor", None) in value:
        _fail(
            instance,
            attribute,
            f"holds the actor {getattr(instance, 'actor', None)!r}; a country "
            "cannot target itself",
        )


def _check_codes(
    instance: object, attribute: attrs.Attribute[Any], value: frozenset[Any]
) -> None:
    for code in sorted(value, key=str):
        try:
            check_country_code(code)
        except InvalidCountryCode as error:
            _fail(instance, attribute, f"holds an invalid code: {error}")


def _is_exempt(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if not isinstance(value, frozenset):
        _fail(instance, attribute, f"must be country codes, not {value!r}")
    _check_codes(instance, attribute, value)
    if value and ALL not in getattr(instance, "targets", frozenset()):
        _fail(
            instance,
            attribute,
            "names exemptions, which only a measure on every country has; give "
            "targets=tradedispute.ALL, or leave the exempt countries out of targets",
        )


def _optional_names(value: object) -> object:
    return None if value is None else to_names(value)  # type: ignore[arg-type]


def _is_optional_codes(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if value is None:
        return
    if not isinstance(value, frozenset):
        _fail(instance, attribute, f"must be country codes or None, not {value!r}")
    _check_codes(instance, attribute, value)


@attrs.frozen(kw_only=True)
class MeasureEvent(Event):
    """An event in a measure's life: it names the measure it acts on.

    Attributes:
        measure: The measure's own id, as given when it was announced or
            imposed, e.g. ``"us-301-list3"``.
    """

    measure: str = attrs.field(validator=_is_measure_id)


@attrs.frozen(kw_only=True)
class _Declared(MeasureEvent):
    """What `MeasureAnnounced` and `MeasureImposed` both say about a measure."""

    actor: str = attrs.field(validator=is_country)
    targets: frozenset[str] = attrs.field(converter=_to_targets, validator=_is_targets)
    exempt: frozenset[str] = attrs.field(
        factory=frozenset, converter=to_names, validator=_is_exempt
    )
    kind: str = attrs.field(validator=is_text)
    products: Products = attrs.field(factory=Products, validator=is_products)
    rate: Rate | None = attrs.field(default=None, validator=optional_of(Rate))
    legal_basis: str = attrs.field(default="", validator=is_str)
    expires: dt.date | None = attrs.field(default=None, validator=is_optional_date)
    provisional: bool = attrs.field(default=False, validator=is_bool)


@attrs.frozen(kw_only=True)
class MeasureImposed(_Declared):
    """The actor puts a measure in force on the day the event is effective.

    Examples:
        >>> import datetime as dt
        >>> from tradedispute import MeasureImposed, Products, Rate
        >>> event = MeasureImposed(
        ...     measure="us-301-list1", actor="USA", targets={"CHN"},
        ...     kind="import tariff", products=Products(hs=["8541.40"]),
        ...     rate=Rate(percent=25), legal_basis="Section 301",
        ...     effective=dt.date(2018, 7, 6),
        ... )

    Attributes:
        actor: The country (or ``EUN``) that imposes it.
        targets: The countries it is aimed at, or `ALL`.
        exempt: With ``targets=ALL``: the countries left out.
        kind: A kind declared in the catalogue (`tradedispute.kinds`).
        products: The goods it covers; empty for a kind without goods
            (an entity listing, a visa measure).
        rate: What it charges, of a shape its kind allows; `None` for none.
        legal_basis: Free text: ``"Section 301"``, an AD case number.
        expires: The first day it is no longer in force (a sunset), if set.
        provisional: A provisional duty, to be made definitive with
            `MeasureMadeDefinitive`.
    """


@attrs.frozen(kw_only=True)
class MeasureAnnounced(_Declared):
    """The actor announces a measure that takes effect later.

    The event is effective on the day of the announcement; the measure is
    scheduled until *takes_effect*, then in force from that day on, with no
    further event, unless postponed, suspended or cancelled before.

    Attributes:
        takes_effect: The day it is to take effect, after the announcement;
            `None` when no date was set.
    """

    takes_effect: dt.date | None = attrs.field(validator=is_optional_date)

    @takes_effect.validator
    def _after(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if isinstance(value, dt.date) and value <= self.effective:
            _fail(
                self,
                attribute,
                f"is {value}, not after the announcement ({self.effective}); "
                "for a measure in force at once, use MeasureImposed",
            )


@attrs.frozen(kw_only=True)
class MeasurePostponed(MeasureEvent):
    """A scheduled measure's start is moved.

    Attributes:
        takes_effect: The new day, after this event; `None` for "until
            further notice".
    """

    takes_effect: dt.date | None = attrs.field(validator=is_optional_date)

    @takes_effect.validator
    def _after(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if isinstance(value, dt.date) and value <= self.effective:
            _fail(
                self,
                attribute,
                f"is {value}, not after the postponement ({self.effective})",
            )


@attrs.frozen(kw_only=True)
class MeasureCancelled(MeasureEvent):
    """A scheduled measure is called off before it took effect."""


@attrs.frozen(kw_only=True)
class MeasureAmended(MeasureEvent):
    """A measure in force changes; its ``since`` and its history stay.

    Attributes:
        rate: The new rate, if it changed.
        add: Products brought into scope.
        remove: Products taken out of scope (codes exactly as in scope).
        expires: A new expiry date (a sunset review extending it).
        legal_basis: A new legal basis, if it changed.
        exempt: For a measure on every country (`ALL`): the countries
            exempt from now on, replacing those before (an empty set ends
            every exemption); `None` leaves them as they were.
    """

    rate: Rate | None = attrs.field(default=None, validator=optional_of(Rate))
    add: Products | None = attrs.field(default=None, validator=optional_of(Products))
    remove: Products | None = attrs.field(default=None, validator=optional_of(Products))
    expires: dt.date | None = attrs.field(default=None, validator=is_optional_date)
    legal_basis: str = attrs.field(default="", validator=is_str)
    exempt: frozenset[str] | None = attrs.field(
        default=None, converter=_optional_names, validator=_is_optional_codes
    )

    def __attrs_post_init__(self) -> None:
        if (
            self.rate is None
            and self.add is None
            and self.remove is None
            and self.expires is None
            and not self.legal_basis
            and self.exempt is None
        ):
            _fail(
                self,
                attrs.fields(MeasureAmended).rate,
                "with nothing else given: an amendment changes the rate, adds "
                "or removes products, sets expires, a legal_basis or exempt",
            )


@attrs.frozen(kw_only=True)
class MeasureMadeDefinitive(MeasureEvent):
    """A provisional duty is made definitive (after a final determination).

    Attributes:
        rate: The definitive rate, if it differs from the provisional one.
        expires: When the definitive duty ends (five years, typically).
    """

    rate: Rate | None = attrs.field(default=None, validator=optional_of(Rate))
    expires: dt.date | None = attrs.field(default=None, validator=is_optional_date)


@attrs.frozen(kw_only=True)
class MeasureSuspended(MeasureEvent):
    """A measure stops applying for now; it stays on the books."""


@attrs.frozen(kw_only=True)
class MeasureResumed(MeasureEvent):
    """A suspended measure applies again."""


@attrs.frozen(kw_only=True)
class MeasureLifted(MeasureEvent):
    """A measure ends, for all its products or some.

    Attributes:
        products: The products it no longer covers (codes exactly as in
            scope); `None` lifts the whole measure.
    """

    products: Products | None = attrs.field(
        default=None, validator=optional_of(Products)
    )


@attrs.frozen(kw_only=True)
class ExclusionGranted(MeasureEvent):
    """Some of a measure's products are excluded from it, for a time.

    An exclusion granted with retroactive effect is recorded effective on
    the first day it covers, and ``announced`` on the day it was granted.

    Attributes:
        exclusion: The exclusion's own id, unique within the measure.
        products: The excluded products; each covered by the measure.
        until: The last day it applies; `None` for no end date.
    """

    exclusion: str = attrs.field(validator=_is_measure_id)
    products: Products = attrs.field(validator=is_some_products)
    until: dt.date | None = attrs.field(default=None, validator=is_optional_date)

    @until.validator
    def _not_before(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if isinstance(value, dt.date) and value < self.effective:
            _fail(self, attribute, f"is {value}, before the exclusion starts")


@attrs.frozen(kw_only=True)
class ExclusionExtended(MeasureEvent):
    """An exclusion's end date moves.

    Attributes:
        exclusion: The exclusion's id.
        until: Its new last day; `None` for no end date.
    """

    exclusion: str = attrs.field(validator=_is_measure_id)
    until: dt.date | None = attrs.field(validator=is_optional_date)

    @until.validator
    def _not_before(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if isinstance(value, dt.date) and value < self.effective:
            _fail(self, attribute, f"is {value}, before this extension")


@attrs.frozen(kw_only=True)
class ExclusionRevoked(MeasureEvent):
    """An exclusion ends before its time.

    Attributes:
        exclusion: The exclusion's id.
    """

    exclusion: str = attrs.field(validator=_is_measure_id)


MEASURE_EVENT_TYPES: tuple[type[MeasureEvent], ...] = (
    MeasureAnnounced,
    MeasureImposed,
    MeasurePostponed,
    MeasureCancelled,
    MeasureAmended,
    MeasureMadeDefinitive,
    MeasureSuspended,
    MeasureResumed,
    MeasureLifted,
    ExclusionGranted,
    ExclusionExtended,
    ExclusionRevoked,
)
