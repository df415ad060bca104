"""Rates: how much a duty or tax charges.

A `Rate` has one of four shapes: an ad valorem percent (``Rate(percent=25)``),
a range of percents across exporters or lines (``Rate(low=107.1,
high=212.1)``), a specific duty (``Rate(amount=1.5, currency="USD",
unit="kg")``), or tiers, where one measure charges different rates on
different products (``Rate(tiers=[Tier(...), Tier(...)])``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, Literal

import attrs

from tradedispute.core.events import _fail, is_str
from tradedispute.core.products import Products, is_some_products

__all__ = ["RATE_SHAPES", "Rate", "RateShape", "Tier"]

RateShape = Literal["percent", "range", "specific", "tiers"]
"""The shape of a `Rate`: ``"percent"``, ``"range"``, ``"specific"`` or ``"tiers"``."""

RATE_SHAPES: tuple[RateShape, ...] = ("percent", "range", "specific", "tiers")

#: The highest percent a rate may give: ten times the value of the good.
#: (China's wine duties reached 218.4%; no sourced duty comes near this.)
MAX_PERCENT = 1000.0


def _is_number(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if value is None:
        return
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not (0 <= value <= MAX_PERCENT * 1000)
        or not math.isfinite(value)
    ):
        _fail(instance, attribute, f"is {value!r}; give a finite number >= 0 or None")


def _is_percent(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    _is_number(instance, attribute, value)
    if value is not None and value > MAX_PERCENT:  # type: ignore[operator]
        _fail(
            instance,
            attribute,
            f"is {value!r}; a percent is between 0 and {MAX_PERCENT:g}",
        )


def _to_tiers(values: Iterable[Tier] | None) -> tuple[Tier, ...] | None:
    if values is None or isinstance(values, tuple):
        return values
    try:
        return tuple(values)
    except TypeError:
        return values  # type: ignore[return-value]  # the validator rejects it


def _is_tiers(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, tuple) or not all(isinstance(t, Tier) for t in value):
        _fail(instance, attribute, f"must be a list of Tier values, not {value!r}")
    if len(value) < 2:
        _fail(
            instance,
            attribute,
            "needs two or more tiers; for one rate on every product, give the "
            "rate itself",
        )


@attrs.frozen(kw_only=True)
class Rate:
    """What a duty or tax charges, in one of four shapes.

    Give exactly one of: *percent*; *low* and *high*; *amount* with
    *currency* and *unit*; or *tiers*.

    Examples:
        >>> from tradedispute import Rate
        >>> Rate(percent=25).shape
        'percent'
        >>> str(Rate(low=107.1, high=212.1))
        '107.1–212.1%'
        >>> str(Rate(amount=1.5, currency="USD", unit="kg"))
        '1.5 USD/kg'

    Attributes:
        percent: An ad valorem rate, in percent of the goods' value.
        low: The lowest percent of a range (across exporters, say).
        high: The highest percent of a range.
        amount: A specific duty's amount per unit.
        currency: The specific duty's currency (ISO 4217, e.g. ``"USD"``).
        unit: The unit it is charged on, e.g. ``"kg"`` or ``"litre"``.
        tiers: Different rates on different products of one measure.
    """

    percent: float | None = attrs.field(default=None, validator=_is_percent)
    low: float | None = attrs.field(default=None, validator=_is_percent)
    high: float | None = attrs.field(default=None, validator=_is_percent)
    amount: float | None = attrs.field(default=None, validator=_is_number)
    currency: str = attrs.field(default="", validator=is_str)
    unit: str = attrs.field(default="", validator=is_str)
    tiers: tuple[Tier, ...] | None = attrs.field(
        default=None, converter=_to_tiers, validator=_is_tiers
    )

    def __attrs_post_init__(self) -> None:
        given = [
            shape
            for shape, present in (
                ("percent", self.percent is not None),
                ("range", self.low is not None or self.high is not None),
                ("specific", self.amount is not None or self.currency or self.unit),
                ("tiers", self.tiers is not None),
            )
            if present
        ]
        if len(given) != 1:
            _fail(
                self,
                attrs.fields(Rate).percent,
                f"with {' and '.join(given) or 'nothing'} given: a rate has one "
                "shape; give percent=, or low= and high=, or amount= with "
                "currency= and unit=, or tiers=",
            )
        if given == ["range"] and (
            self.low is None or self.high is None or self.low >= self.high
        ):
            _fail(
                self,
                attrs.fields(Rate).low,
                f"is {self.low!r} with high={self.high!r}; a range needs both, "
                "low below high (for one percent, give percent=)",
            )
        if given == ["specific"] and not (
            self.amount is not None and self.currency.strip() and self.unit.strip()
        ):
            _fail(
                self,
                attrs.fields(Rate).amount,
                "needs amount=, currency= and unit= together, e.g. "
                "Rate(amount=1.5, currency='USD', unit='kg')",
            )

    @property
    def shape(self) -> RateShape:
        """Which of the four shapes this rate has."""
        if self.percent is not None:
            return "percent"
        if self.low is not None:
            return "range"
        if self.amount is not None:
            return "specific"
        return "tiers"

    def for_product(self, product: str) -> Rate | None:
        """The rate *product* pays: the first tier covering it, for tiers."""
        if self.tiers is None:
            return self
        for tier in self.tiers:
            if tier.products.covers(product):
                return tier.rate
        return None

    def __str__(self) -> str:
        if self.percent is not None:
            return f"{self.percent:g}%"
        if self.low is not None:
            return f"{self.low:g}–{self.high:g}%"
        if self.amount is not None:
            return f"{self.amount:g} {self.currency}/{self.unit}"
        assert self.tiers is not None
        return " / ".join(f"{tier.rate} on {tier.products}" for tier in self.tiers)


def _is_flat_rate(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if not isinstance(value, Rate) or value.tiers is not None:
        _fail(
            instance,
            attribute,
            f"must be a Rate without tiers, such as Rate(percent=10), not {value!r}",
        )


@attrs.frozen(kw_only=True)
class Tier:
    """One rate of a tiered measure, and the products it applies to.

    Attributes:
        rate: The rate (a percent, range or specific duty; not tiers again).
        products: The products charged it; a measure's products not in any
            tier pay nothing under it.
    """

    rate: Rate = attrs.field(validator=_is_flat_rate)
    products: Products = attrs.field(validator=is_some_products)
