"""The catalogue of measure kinds: one declaration per kind.

Each `Kind` says what a kind of measure is, in the terms analysts already
use: its direction (import, export or other), its Global Trade Alert
intervention type and UNCTAD MAST chapter where one applies, its weight in
the escalation index and why, the label tables and charts show, and the
rate shapes it may carry. Every view reads the kind from here: the state's
JSON, the CLI's tables, `diff`, `intervals`, escalation, reciprocity and the
charts. So a kind declared by a user with `measure_kind` gets everything a
built-in kind gets, from this one call.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import attrs

from tradedispute.core.rates import RATE_SHAPES, RateShape
from tradedispute.exceptions import InvalidQuery, RegistrationError

__all__ = ["Direction", "Kind", "kind_named", "kinds", "label_of", "measure_kind"]

Direction = Literal["import", "export", "other"]
"""Which way a kind of measure acts: on imports, on exports, or neither."""

#: The most an escalation weight may be.
MAX_WEIGHT = 10.0
#: Weights are multiples of this, so the index sums exactly in any order.
WEIGHT_STEP = 0.25


@attrs.frozen(kw_only=True)
class Kind:
    """One kind of measure, as the catalogue declares it.

    Attributes:
        name: The kind's name, as events give it: ``"import tariff"``.
        label: How tables and charts show it.
        direction: ``"import"``, ``"export"`` or ``"other"``. Measures of
            an import kind with a rate count in `DisputeState.duty`.
        weight: One measure's weight in the escalation index (a suspended
            or softened one weighs half).
        reason: Why it weighs what it does.
        gta: The Global Trade Alert intervention type, ``""`` if none fits.
        mast: The UNCTAD MAST (2019) chapter or code, ``""`` if none applies
            (tariffs are not non-tariff measures, so MAST has none).
        rates: The rate shapes a measure of this kind may carry; empty
            for a kind that carries no rate (a ban, an entity listing).
        recorded_by: For a kind the built-in vocabulary records with its
            own events (``"RestrictionImposed"``), their names; such a kind
            is not imposed with `MeasureImposed`.
    """

    name: str
    label: str
    direction: Direction
    weight: float
    reason: str = ""
    gta: str = ""
    mast: str = ""
    rates: frozenset[RateShape] = frozenset()
    recorded_by: str = ""

    @property
    def built_in(self) -> bool:
        """Whether the library declares it (`BUILT_IN_KINDS`), not a user."""
        return self.name in BUILT_IN_KINDS

    @property
    def counts_in_duty(self) -> bool:
        """Whether its measures' rates add to `DisputeState.duty`."""
        return self.direction == "import" and bool(self.rates)


_kinds: dict[str, Kind] = {}


def _check_declaration(
    name: object, direction: object, weight: object, rates: frozenset[object]
) -> None:
    if not isinstance(name, str) or not name.strip() or name != name.strip():
        raise RegistrationError(
            f"a measure kind's name is a non-empty string without surrounding "
            f"spaces, such as 'export quota'; not {name!r}"
        )
    if direction not in ("import", "export", "other"):
        raise RegistrationError(
            f"measure kind {name!r}: direction is {direction!r}; valid values "
            "are 'import', 'export' and 'other'"
        )
    if (
        isinstance(weight, bool)
        or not isinstance(weight, int | float)
        or not 0 <= weight <= MAX_WEIGHT
        or (weight / WEIGHT_STEP) % 1
    ):
        raise RegistrationError(
            f"measure kind {name!r}: weight is {weight!r}; give a number from 0 "
            f"to {MAX_WEIGHT:g} in steps of {WEIGHT_STEP} (so the escalation "
            "index sums exactly), such as 2 or 1.5"
        )
    wrong = sorted(str(shape) for shape in rates if shape not in RATE_SHAPES)
    if wrong:
        raise RegistrationError(
            f"measure kind {name!r}: rate shapes {wrong} are not known; valid "
            f"shapes are {', '.join(RATE_SHAPES)}"
        )


def measure_kind(
    name: str,
    *,
    direction: Direction,
    weight: float,
    label: str = "",
    reason: str = "",
    gta: str = "",
    mast: str = "",
    rates: Iterable[RateShape] = RATE_SHAPES,
    recorded_by: str = "",
) -> Kind:
    """Declare a kind of measure, and return it.

    The kind then works everywhere a built-in kind does: `MeasureImposed`
    and the other lifecycle events take it as ``kind=``, and the views,
    the state's JSON, the CLI and the charts show it under *label*.
    Declaring a kind again with the same values (rerunning a notebook
    cell) is allowed.

    Examples:
        >>> import tradedispute
        >>> kind = tradedispute.measure_kind(
        ...     "port fee", direction="import", weight=1, label="port fee",
        ...     reason="a charge on ships, lighter than a tariff",
        ... )
        >>> kind.counts_in_duty
        True

    Args:
        name: Its name, as events give it.
        direction: ``"import"``, ``"export"`` or ``"other"``.
        weight: Its weight in the escalation index: 0 to 10, in quarters.
        label: How tables and charts show it (*name* if not given).
        reason: Why it weighs what it does.
        gta: Its Global Trade Alert intervention type, if one fits.
        mast: Its UNCTAD MAST chapter or code, if one applies.
        rates: The rate shapes it may carry (all four by default; none
            for a kind that carries no rate).
        recorded_by: For the built-in vocabulary: the events that record
            it instead of `MeasureImposed`.

    Raises:
        RegistrationError: a value is not valid, or *name* is declared
            already with other values.
    """
    shapes = frozenset(rates)
    _check_declaration(name, direction, weight, shapes)
    kind = Kind(
        name=name,
        label=label or name,
        direction=direction,
        weight=float(weight),
        reason=reason,
        gta=gta,
        mast=mast,
        rates=shapes,
        recorded_by=recorded_by,
    )
    taken = _kinds.get(name)
    if taken is not None and taken != kind:
        raise RegistrationError(
            f"measure kind {name!r} is declared already, as {taken!r}; a kind's "
            "name identifies it in stored logs, so choose another name"
        )
    _kinds[name] = kind
    return kind


def kind_named(name: str) -> Kind:
    """Return the declared kind called *name*.

    Raises:
        InvalidQuery: no kind of that name is declared; the message lists
            those that are.
    """
    kind = _kinds.get(name)
    if kind is None:
        raise InvalidQuery(
            f"no measure kind is called {name!r}; declared kinds: "
            f"{', '.join(sorted(_kinds))} (declare one with "
            "tradedispute.measure_kind, or load the plugin that does)"
        )
    return kind


def find_kind(name: str) -> Kind | None:
    """Return the declared kind called *name*, or `None`."""
    return _kinds.get(name)


def label_of(name: str) -> str:
    """The label tables and charts show for the kind called *name*.

    *name* itself when no kind of that name is declared (a log read without
    the plugin that declares it).
    """
    kind = _kinds.get(name)
    return name if kind is None else kind.label


def kinds() -> tuple[Kind, ...]:
    """Return every declared kind, built-in ones first, in declaration order."""
    return tuple(_kinds.values())


# --- the built-in kinds ----------------------------------------------------------
#
# GTA types and MAST codes as Global Trade Alert's own intervention-type
# descriptions give them (tools/taxonomy-notes.md cites each); where no
# published mapping exists, `gta` and `mast` say "(inferred)" or are empty,
# and docs/measures.md says why.

_PRICE = frozenset(RATE_SHAPES)
_NO_RATE: frozenset[RateShape] = frozenset()

for _name, _label, _direction, _weight, _reason, _gta, _mast, _rates, _by in (
    (
        "import tariff", "import tariff", "import", 2.0,
        "raises the price of the target's goods on every listed line",
        "Import tariff", "", _PRICE, "",
    ),
    (
        "anti-dumping duty", "anti-dumping duty", "import", 2.0,
        "a tariff on named goods, after an investigation",
        "Anti-dumping", "D1", _PRICE, "",
    ),
    (
        "countervailing duty", "countervailing duty", "import", 2.0,
        "a tariff on named goods, after an investigation",
        "Anti-subsidy", "D2", _PRICE, "",
    ),
    (
        "safeguard", "safeguard", "import", 2.0,
        "a tariff or quota on a product from every source",
        "Safeguard", "D3", _PRICE, "",
    ),
    (
        "tariff-rate quota", "tariff-rate quota", "import", 1.0,
        "limits only what exceeds the quota",
        "Import tariff quota", "E6", _PRICE, "",
    ),
    (
        "import quota", "import quota", "import", 2.0,
        "caps the volume of trade", "Import quota", "E2", _NO_RATE, "",
    ),
    (
        "import ban", "import ban", "import", 3.0,
        "stops the trade in the goods altogether",
        "Import ban", "E3", _NO_RATE, "",
    ),
    (
        "SPS/TBT suspension", "SPS/TBT suspension", "import", 2.0,
        "stops named exporters (plants, firms) on health or technical grounds",
        "Sanitary and phytosanitary measure (inferred)", "A (inferred)", _NO_RATE, "",
    ),
    (
        "export tax", "export tax", "export", 2.0,
        "raises the price of the actor's goods to the target",
        "Export tax", "P42", _PRICE, "",
    ),
    (
        "export ban", "export ban", "export", 3.0,
        "stops the goods reaching the target altogether",
        "Export ban", "P31", _NO_RATE, "",
    ),
    (
        "export restriction", "export restriction", "export", 2.0,
        "every shipment needs a licence that may be delayed or refused",
        "Export licensing requirement", "P33", _NO_RATE,
        "RestrictionImposed, RestrictionEased, RestrictionLifted",
    ),
    (
        "whitelist exclusion", "whitelist exclusion", "export", 3.0,
        "a formal downgrade of trust covering all controlled goods at once",
        "Export licensing requirement (inferred)", "P33", _NO_RATE,
        "WhitelistRemoved, WhitelistRestored",
    ),
    (
        "entity listing", "entity listing", "export", 3.0,
        "cuts named firms off the actor's goods and technology",
        "Export licensing requirement (inferred)", "P33", _NO_RATE, "",
    ),
    (
        "sanctions", "sanctions", "other", 3.0,
        "freezes assets or bars dealings with named people or firms",
        "", "", _NO_RATE, "",
    ),
    (
        "investment screening", "investment screening", "other", 1.0,
        "reviews or blocks investment, case by case",
        "FDI: Entry and ownership rule", "", _NO_RATE, "",
    ),
    (
        "visa waiver suspension", "visa waiver suspension", "other", 2.0,
        "stops visa-free travel for a whole population",
        "Labour market access (inferred)", "", _NO_RATE,
        "VisaWaiverSuspended, VisaWaiverRestored",
    ),
    (
        "entry restriction", "entry restriction", "other", 1.0,
        "burdens travel, and was often a public-health step",
        "", "", _NO_RATE, "EntryRestrictionImposed, EntryRestrictionLifted",
    ),
    (
        "termination notice", "termination notice", "other", 3.0,
        "threatens to end an agreement between the two",
        "", "", _NO_RATE,
        "AgreementTerminationNoticed, AgreementTerminationSuspended, "
        "AgreementTerminationWithdrawn",
    ),
    (
        "WTO case", "WTO case", "other", 1.0,
        "a legal step, slower and less direct than a measure",
        "", "", _NO_RATE, "WTOComplaintFiled and the later steps of a case",
    ),
    (
        "open demand", "open demand", "other", 0.0,
        "words, not a measure", "", "", _NO_RATE,
        "DemandMade, DemandMet, DemandDropped",
    ),
):  # fmt: skip
    measure_kind(
        _name,
        label=_label,
        direction=_direction,  # type: ignore[arg-type]
        weight=_weight,
        reason=_reason,
        gta=_gta,
        mast=_mast,
        rates=_rates,
        recorded_by=_by,
    )

#: The names of the built-in kinds, in catalogue order.
BUILT_IN_KINDS: tuple[str, ...] = tuple(_kinds)
