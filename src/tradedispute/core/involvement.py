"""Which events and measures involve a country: the ``country=`` filter.

One rule, shared by `EventLog.timeline`, `EventLog.intervals` and the
command line's ``--country``:

* a country's move on another (`CountryMove`) involves its actor and its
  target;
* an event on a declared measure (`MeasureImposed` and every later event
  on the same measure, which names only the measure) involves the measure's
  actor and each country it is aimed at; a measure aimed at every country
  (`ALL`) involves every country, those exempt included (their exemption is
  part of the story);
* an event with ``parties`` (talks, agreements) involves each party.

An event on a measure whose declaration is not among the events given
involves nobody: pass the whole record, then filter by date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from tradedispute.core.countries import check_country_code
from tradedispute.core.events import CountryMove, Event
from tradedispute.core.measure_events import (
    ALL,
    MeasureAnnounced,
    MeasureEvent,
    MeasureImposed,
)

if TYPE_CHECKING:
    from tradedispute.core.measures import MeasureKey
    from tradedispute.core.views import Interval

__all__ = [
    "MeasureSides",
    "interval_involves",
    "involves",
    "involving",
    "measure_involves",
    "measure_sides",
]

MeasureSides = Mapping[str, tuple[str, frozenset[str]]]
"""Measure id → (actor, targets), from the events that declared it."""


def measure_sides(events: Iterable[Event]) -> dict[str, tuple[str, frozenset[str]]]:
    """Return each declared measure's actor and targets, by measure id."""
    return {
        event.measure: (event.actor, event.targets)
        for event in events
        if isinstance(event, MeasureImposed | MeasureAnnounced)
    }


def involves(event: Event, country: str, sides: MeasureSides) -> bool:
    """Tell whether *event* involves *country*, by the module's rule.

    Args:
        event: Any event.
        country: A country code.
        sides: The declared measures' sides, from `measure_sides` over the
            record *event* belongs to.
    """
    if isinstance(event, CountryMove):
        return country in (event.actor, event.target)
    if isinstance(event, MeasureEvent):
        if event.measure not in sides:
            return False
        actor, targets = sides[event.measure]
        return country == actor or country in targets or ALL in targets
    parties: object = getattr(event, "parties", None)
    return isinstance(parties, frozenset) and country in parties


def involving(events: Iterable[Event], country: str) -> tuple[Event, ...]:
    """Return the events that involve *country*, in the order given.

    Raises:
        InvalidCountryCode: *country* is not an ISO 3166-1 alpha-3 code
            (nor ``EUN``); the message suggests the code probably meant.
    """
    code = check_country_code(country)
    given = tuple(events)
    sides = measure_sides(given)
    return tuple(event for event in given if involves(event, code, sides))


def measure_involves(key: MeasureKey, country: str) -> bool:
    """Tell whether the measure of *key* involves *country*.

    *key* is a measure's (kind, actor, target, subject).

    It does when the country imposed it or is its target, or when the
    measure is aimed at every country (target `ALL`).
    """
    _, actor, target, _ = key
    return country in (actor, target) or target == ALL


def interval_involves(interval: Interval, country: str) -> bool:
    """Tell whether a measure's period in force involves *country*."""
    return measure_involves(interval.key, country)
