"""Products: what a measure covers, by HS code, by name, or all goods.

`Products` is the value events carry: HS codes at 2 to 10 digits (written
with or without dots, in an HS edition), named items where no code is
sourced (``"photoresist"``), or every good. A code covers the codes under
it: ``8541`` covers ``8541.40`` and ``8541.40.60.20``.

`Scope` is what a measure in force holds: the same, in persistent maps, so
that adding, removing or asking about ten codes of a ten-thousand-line
measure costs ten lookups, not a copy of ten thousand codes.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

import attrs

from tradedispute.core.events import _fail, is_bool, is_str, to_names
from tradedispute.core.frozenmap import FrozenMap

__all__ = ["Products", "Scope", "format_hs", "hs_digits"]

#: The fewest and most digits an HS code may have: a chapter (2) to a
#: national tariff line (10).
MIN_DIGITS, MAX_DIGITS = 2, 10


def hs_digits(code: str) -> str | None:
    """Return *code*'s digits if it is an HS code (2 to 10 digits, dots allowed).

    ``"8541.40"``, ``"854140"`` and ``" 8541.40 "`` all give ``"854140"``;
    anything else (a product's name, say) gives `None`.
    """
    digits = code.strip().replace(".", "")
    if (
        MIN_DIGITS <= len(digits) <= MAX_DIGITS
        and digits.isascii()
        and digits.isdigit()
    ):
        return digits
    return None


def format_hs(digits: str) -> str:
    """Write an HS code as customs schedules do: ``8541.40.60.20``."""
    if len(digits) <= 4:
        return digits
    rest = digits[4:]
    return ".".join([digits[:4], *(rest[i : i + 2] for i in range(0, len(rest), 2))])


def _to_codes(values: Iterable[str]) -> frozenset[str]:
    """Convert HS codes as written to their digits (the validator checks them)."""
    names: object = to_names(values)
    if not isinstance(names, frozenset):
        return names  # type: ignore[return-value]  # the validator rejects it
    return frozenset(
        (hs_digits(code) or code) if isinstance(code, str) else code for code in names
    )


def _is_codes(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, frozenset):
        _fail(
            instance,
            attribute,
            f"must be HS codes such as ['8541', '7208.10'], not {value!r}",
        )
    for code in value:
        if not isinstance(code, str) or hs_digits(code) != code:
            hint = (
                " (write codes as strings, so that leading zeros stay: '0201')"
                if isinstance(code, int)
                else ""
            )
            _fail(
                instance,
                attribute,
                f"holds {code!r}, which is not an HS code of {MIN_DIGITS} to "
                f"{MAX_DIGITS} digits such as '8541' or '8541.40'{hint}",
            )


def _is_items(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, frozenset):
        _fail(
            instance,
            attribute,
            f"must be product names such as ['photoresist'], not {value!r}",
        )
    for name in value:
        if not isinstance(name, str) or not name.strip():
            _fail(instance, attribute, f"holds {name!r}; items are non-empty strings")


@attrs.frozen(kw_only=True)
class Products:
    """The goods a measure, an exclusion or a lift covers.

    Examples:
        >>> from tradedispute import Products
        >>> steel = Products(hs=["7208", "7210.49"], edition="HS2017")
        >>> steel.covers("7208.10.15")
        True
        >>> steel.covers("7210.30")
        False
        >>> Products(items=["photoresist"]).covers("photoresist")
        True

    Attributes:
        hs: HS codes, kept as their digits (``"7208.10"`` is ``"720810"``);
            a code covers every longer code that starts with it.
        items: Named goods where no HS code is sourced, matched by name.
        all_goods: Every good: the measure covers any product asked about.
        edition: The HS edition the codes are in, e.g. ``"HS2017"``; ``""``
            when the source does not say.
    """

    hs: frozenset[str] = attrs.field(
        factory=frozenset, converter=_to_codes, validator=_is_codes
    )
    items: frozenset[str] = attrs.field(
        factory=frozenset, converter=to_names, validator=_is_items
    )
    all_goods: bool = attrs.field(default=False, validator=is_bool)
    edition: str = attrs.field(default="", validator=is_str)

    def __attrs_post_init__(self) -> None:
        if self.all_goods and (self.hs or self.items):
            _fail(
                self,
                attrs.fields(Products).all_goods,
                "is True alongside HS codes or items; all goods covers them, "
                "so give all_goods=True alone",
            )

    @classmethod
    def everything(cls, *, edition: str = "") -> Products:
        """Every good (a ban on all trade, a tariff on all imports)."""
        return cls(all_goods=True, edition=edition)

    def is_empty(self) -> bool:
        """Tell whether it names no good at all."""
        return not (self.hs or self.items or self.all_goods)

    def covers(self, product: str) -> bool:
        """Tell whether *product* (an HS code or an item's name) is covered."""
        return _covers(self.all_goods, self.hs, self.items, ProductQuery.of(product))

    def __str__(self) -> str:
        return describe(self.all_goods, self.hs, self.items)


def _covers(
    all_goods: bool,
    hs: Collection[str],
    items: Collection[str],
    product: ProductQuery,
) -> bool:
    """The one test of cover: all goods, a covering code, or the item's name."""
    if all_goods:
        return True
    if product.prefixes is None:
        return product.text in items
    return any(code in hs for code in product.prefixes)


def describe(
    all_goods: bool, hs: Collection[str], items: Collection[str], limit: int = 6
) -> str:
    """Describe products in words: ``HS 7208, 7210.49 and photoresist``.

    Cheap for any size: more than *limit* codes are counted, not listed.
    """
    if all_goods:
        return "all goods"
    if len(hs) > limit:
        shown = [f"{len(hs)} HS codes"]
    else:
        listed = ", ".join(format_hs(code) for code in sorted(hs))
        shown = [f"HS {listed}"] if listed else []
    words = shown + sorted(items)[:limit]
    return " and ".join(words) if words else "no products"


def is_products(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Validate a `Products` value."""
    if not isinstance(value, Products):
        _fail(
            instance,
            attribute,
            f"must be a Products value such as Products(hs=['8541']), not {value!r}",
        )


def is_some_products(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    """Validate a `Products` value that names at least one good."""
    is_products(instance, attribute, value)
    if isinstance(value, Products) and value.is_empty():
        _fail(
            instance,
            attribute,
            "must name the products: HS codes, items or all goods, not none",
        )


_NONE: FrozenMap[str, bool] = FrozenMap()


@attrs.frozen
class ProductQuery:
    """A product asked about, worked out once for many scopes.

    Attributes:
        text: The product as asked: an HS code or an item's name.
        prefixes: For an HS code, the codes that would cover it (``85``,
            ``854``, ``8541``, ...); `None` for an item's name.
    """

    text: str
    prefixes: tuple[str, ...] | None

    @classmethod
    def of(cls, product: str) -> ProductQuery:
        """Work out *product* once."""
        digits = hs_digits(product)
        if digits is None:
            return cls(product, None)
        ends = range(MIN_DIGITS, len(digits) + 1)
        return cls(product, tuple(digits[:end] for end in ends))


@attrs.frozen(kw_only=True)
class Scope:
    """The goods a measure in force covers, kept so that changes cost what they touch.

    It holds what `Products` holds, in persistent maps: adding or removing
    codes copies a few nodes, not the whole scope.

    Attributes:
        hs: HS code digits → `True`, for each code in scope.
        items: Item name → `True`, for each named good in scope.
        all_goods: Every good.
        edition: The HS edition the codes are in, ``""`` if not given.
    """

    hs: FrozenMap[str, bool] = _NONE
    items: FrozenMap[str, bool] = _NONE
    all_goods: bool = False
    edition: str = ""

    @classmethod
    def of(cls, products: Products) -> Scope:
        """The scope of *products*."""
        return cls(
            hs=FrozenMap(dict.fromkeys(sorted(products.hs), True)),
            items=FrozenMap(dict.fromkeys(sorted(products.items), True)),
            all_goods=products.all_goods,
            edition=products.edition,
        )

    def __len__(self) -> int:
        return len(self.hs) + len(self.items)

    def is_empty(self) -> bool:
        """Tell whether it names no good at all."""
        return not (self.hs or self.items or self.all_goods)

    def covers(self, product: str) -> bool:
        """Tell whether *product* (an HS code or an item's name) is covered."""
        return self.covers_product(ProductQuery.of(product))

    def covers_product(self, product: ProductQuery) -> bool:
        """`covers`, for a product worked out once with `ProductQuery.of`."""
        return _covers(self.all_goods, self.hs, self.items, product)

    def uncovered(self, products: Products) -> list[str]:
        """The codes and items of *products* this scope does not cover, as written."""
        if self.all_goods:
            return []
        if products.all_goods:
            return ["all goods"]
        return [
            format_hs(code) for code in sorted(products.hs) if not self.covers(code)
        ] + sorted(name for name in products.items if name not in self.items)

    def missing(self, products: Products) -> list[str]:
        """The codes and items of *products* that are not exactly in this scope."""
        codes = [format_hs(code) for code in sorted(products.hs) if code not in self.hs]
        return codes + sorted(name for name in products.items if name not in self.items)

    def added(self, products: Products) -> Scope:
        """This scope with *products* added."""
        hs, items = self.hs, self.items
        for code in sorted(products.hs):
            hs = hs.set(code, True)
        for name in sorted(products.items):
            items = items.set(name, True)
        return attrs.evolve(
            self, hs=hs, items=items, all_goods=self.all_goods or products.all_goods
        )

    def removed(self, products: Products) -> Scope:
        """This scope without *products*' codes and items (which it must hold)."""
        hs, items = self.hs, self.items
        for code in products.hs:
            hs = hs.delete(code)
        for name in products.items:
            items = items.delete(name)
        return attrs.evolve(self, hs=hs, items=items)

    def products(self) -> Products:
        """The scope as a `Products` value (copies every code)."""
        return Products(
            hs=frozenset(self.hs),
            items=frozenset(self.items),
            all_goods=self.all_goods,
            edition=self.edition,
        )

    def __str__(self) -> str:
        return describe(self.all_goods, self.hs.keys(), self.items.keys())
