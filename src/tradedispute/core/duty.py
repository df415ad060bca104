"""The analyst's first question: what additional duty did A apply to B's product P?

`duty` answers it from the measures on the books: every measure of an
import kind with a rate (`Kind.counts_in_duty`) that A applies to B, covers
P and is neither suspended nor scheduled, unless an exclusion in force
covers P. Stacked measures add up; each is a `DutyPart`.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from tradedispute.core.catalogue import find_kind
from tradedispute.core.interventions import Intervention
from tradedispute.core.products import ProductQuery
from tradedispute.core.rates import Rate

__all__ = ["Duty", "DutyPart", "duty"]


@attrs.frozen(kw_only=True)
class DutyPart:
    """One measure's share of a `Duty`.

    Attributes:
        measure: The measure's id.
        kind: Its kind.
        legal_basis: Its legal basis.
        rate: The rate it charges on the product (a tier's rate, for tiers).
    """

    measure: str
    kind: str
    legal_basis: str
    rate: Rate


@attrs.frozen(kw_only=True)
class Duty:
    """The additional duty one country applies to another's product.

    Examples:
        >>> import datetime as dt
        >>> from tradedispute import EventLog, MeasureImposed, Products, Rate
        >>> log = EventLog()
        >>> log.append(MeasureImposed(
        ...     measure="us-232-steel", actor="USA", targets="ALL",
        ...     kind="import tariff", products=Products(hs=["7208"]),
        ...     rate=Rate(percent=25), effective=dt.date(2018, 3, 23)))
        >>> log.append(MeasureImposed(
        ...     measure="us-301-list3", actor="USA", targets={"CHN"},
        ...     kind="import tariff", products=Products(hs=["72"]),
        ...     rate=Rate(percent=10), effective=dt.date(2018, 9, 24)))
        >>> duty = log.state_at(dt.date(2018, 10, 1)).duty("USA", "CHN", "7208.10")
        >>> duty.percent
        35.0
        >>> [part.measure for part in duty.parts]
        ['us-232-steel', 'us-301-list3']

    Attributes:
        actor: The country applying it.
        target: The country whose product it is.
        product: The product asked about (an HS code or an item's name).
        parts: Each measure that charges it, sorted by measure id.
    """

    actor: str
    target: str
    product: str
    parts: tuple[DutyPart, ...] = ()

    @property
    def percent(self) -> float:
        """The ad valorem total: the sum of the parts' percents.

        Ranges and specific duties are not in it: see `range` and
        `specific`, and `exact`.
        """
        return sum(
            (part.rate.percent for part in self.parts if part.rate.percent is not None),
            0.0,
        )

    @property
    def range(self) -> tuple[float, float]:
        """The ad valorem total as (lowest, highest), ranges included."""
        low = high = self.percent
        for part in self.parts:
            if part.rate.low is not None and part.rate.high is not None:
                low += part.rate.low
                high += part.rate.high
        return (low, high)

    @property
    def specific(self) -> tuple[DutyPart, ...]:
        """The parts charged per unit (amount, currency, unit), not in `percent`."""
        return tuple(part for part in self.parts if part.rate.amount is not None)

    @property
    def exact(self) -> bool:
        """Whether `percent` is the whole duty: no range and no specific part."""
        return all(part.rate.percent is not None for part in self.parts)

    def __str__(self) -> str:
        if not self.parts:
            return f"no additional duty on {self.product}"
        low, high = self.range
        words = []
        if len(self.specific) < len(self.parts):
            words.append(f"{low:g}%" if low == high else f"{low:g}–{high:g}%")
        words += [str(part.rate) for part in self.specific]
        return " plus ".join(words)


def duty(
    interventions: Iterable[Intervention], actor: str, target: str, product: str
) -> Duty:
    """The `Duty` *actor* applies to *target*'s *product*, from the measures given."""
    parts = []
    asked = ProductQuery.of(product)
    for measure in interventions:
        if not (measure.applies and measure.actor == actor and measure.rate):
            continue
        kind = find_kind(measure.kind)
        if kind is None or not kind.counts_in_duty:
            continue
        if not measure.products.covers_product(asked) or not measure.aimed_at(target):
            continue
        if measure.excluded(product) is not None:
            continue
        rate = measure.rate.for_product(product)
        if rate is not None:
            parts.append(
                DutyPart(
                    measure=measure.measure,
                    kind=measure.kind,
                    legal_basis=measure.legal_basis,
                    rate=rate,
                )
            )
    return Duty(
        actor=actor,
        target=target,
        product=product,
        parts=tuple(sorted(parts, key=lambda part: part.measure)),
    )
