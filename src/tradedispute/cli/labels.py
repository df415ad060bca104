"""Words for people: event types, fields and values as the command line shows them.

Measure kinds have their label in the catalogue (`label_of`). Event types
have theirs here: a few written by hand, and for any other type, a plugin's
included, its class name split into words (``TravelWarningIssued`` →
"travel warning issued", acronyms kept: ``WTOPanelLapsed`` → "WTO panel
lapsed"). Values are written as a reader expects them: enumerations in
words, a true flag as what it means, durations in hours and minutes, no
``None``.
"""

from __future__ import annotations

import datetime as dt
import re

ARROW = "→"
"""The one arrow of the command line: from actor to target, from before to after."""

NOTHING = "—"
"""What a table shows for a value not given."""

_EVENT_LABELS = {
    "RestrictionImposed": "export restriction imposed",
    "RestrictionEased": "export restriction eased",
    "RestrictionLifted": "export restriction lifted",
    "WhitelistRemoved": "removed from whitelist",
    "WhitelistRestored": "restored to whitelist",
    "ExportControlStrengthened": "export controls tightened",
    "WTOAppellateReportCirculated": "WTO Appellate Body report circulated",
    "AgreementTerminationNoticed": "notice of termination given",
    "AgreementTerminationSuspended": "notice of termination suspended",
    "AgreementTerminationWithdrawn": "notice of termination withdrawn",
}

_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")

_IDENTIFIER = re.compile(r"[a-z]+(?:_[a-z]+)+")

#: Fields whose true value is said in other words than their name's.
_FLAGS = {
    "visas_invalidated": "issued visas invalidated",
    "into_the_void": "appealed into the void",
    "all_goods": "all goods",
}


def words_of(name: str) -> str:
    """A CamelCase name in lower-case words, acronyms kept: ``WTOPanelLapsed``."""
    return " ".join(
        word if word.isupper() and len(word) > 1 else word.lower()
        for word in _WORD.findall(name)
    )


def event_label(type_name: str) -> str:
    """How people call an event type: ``WhitelistRemoved``, "removed from whitelist"."""
    return _EVENT_LABELS.get(type_name) or words_of(type_name)


def field_label(name: str) -> str:
    """A field's name in words: ``list_name`` → "list name"."""
    return name.replace("_", " ")


def duration(hours: float) -> str:
    """Hours in hours and minutes, to the minute: ``0.8333`` → "50 min"."""
    minutes = round(hours * 60)
    whole, rest = divmod(minutes, 60)
    if not whole:
        return f"{rest} min"
    return f"{whole} h {rest} min" if rest else f"{whole} h"


def number(value: float) -> str:
    """A number rounded for reading: at most 2 decimals, none when whole.

    Never in exponent form: ``1500000.0`` → "1500000", ``0.8333`` → "0.83".
    """
    shown = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if shown == "-0" else shown


def flag(name: str) -> str:
    """What a true boolean field says: ``provisional``, "issued visas invalidated"."""
    return _FLAGS.get(name) or field_label(name)


def value(item: object) -> str:
    """A value in words: enumerations spelt out, dates ISO, lists joined.

    Returns ``""`` for what is not worth a word (`None`, an empty text or
    list, `False`); a caller leaves it out. A true boolean is ``"yes"``:
    say a flag's meaning with `flag` where the name is known.
    """
    if item is None or item is False or item in ("", [], (), {}):
        return ""
    if item is True:
        return "yes"
    if isinstance(item, dt.date):
        return item.isoformat()
    if isinstance(item, float):
        return number(item)
    if isinstance(item, str):
        return item.replace("_", " ") if _IDENTIFIER.fullmatch(item) else item
    if isinstance(item, list | tuple | frozenset | set):
        return ", ".join(sorted(value(part) for part in item))
    if isinstance(item, dict):
        parts = (
            flag(key) if part is True else value(part) for key, part in item.items()
        )
        return ", ".join(part for part in parts if part)
    return str(item)


def field(name: str, item: object) -> str:
    """One field of an event as ``name: value`` in words; ``""`` to leave out."""
    if item is True:
        return flag(name)
    if name == "duration_hours" and isinstance(item, int | float):
        return f"duration: {duration(item)}"
    if name == "quarantine_days" and isinstance(item, int):
        return f"quarantine: {item} day{'s' * (item != 1)}"
    shown = value(item)
    return f"{field_label(name)}: {shown}" if shown else ""


def between(actor: str, target: str) -> str:
    """Who acted on whom: ``JPN → KOR``."""
    return f"{actor} {ARROW} {target}"
