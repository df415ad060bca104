"""Measures on the books: their state, their timers, and the days that pass.

An `Intervention` (Global Trade Alert's word for one measure) is what replay
keeps of a measure announced or imposed with the lifecycle events of
`tradedispute.core.measure_events`: its actor and targets, kind, scope of
products, rate and the history of its rates, exclusions, status and dates.

Some changes need no event of their own: a scheduled measure takes effect
on its day, a measure expires, an exclusion runs out. Each measure's next
such day is kept in a timer table, and `advance` applies the changes due
by a day. Replay advances the state to each event's day before applying
it, and `state_at` advances it to the day asked about, so the changes take
effect on their day in every view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

import attrs

from tradedispute.core.countries import EUROPEAN_UNION, is_eu_member
from tradedispute.core.frozenlist import FrozenList
from tradedispute.core.frozenmap import FrozenMap
from tradedispute.core.measure_events import ALL
from tradedispute.core.products import Products, Scope
from tradedispute.core.rates import Rate

__all__ = [
    "Exclusion",
    "Intervention",
    "RateChange",
    "Status",
    "Timers",
]

Status = Literal["scheduled", "in force", "suspended"]
"""Where a measure on the books stands.

``"scheduled"``: announced, not yet in force; ``"in force"``: applies;
``"suspended"``: on the books, but does not apply for now.
"""


@attrs.frozen(kw_only=True)
class RateChange:
    """A rate a measure charged from a day on.

    Attributes:
        rate: The rate (`None`: no rate).
        since: The first day it applied.
        event_id: The event that set it.
    """

    rate: Rate | None
    since: dt.date
    event_id: str


@attrs.frozen(kw_only=True)
class Exclusion:
    """Products excluded from a measure, for a time.

    Attributes:
        exclusion: Its id, unique within the measure.
        products: The excluded products.
        since: The first day it applies.
        until: The last day it applies; `None` for no end.
        event_id: The event that granted it.
        extended_by: The last event that moved *until*, if any.
    """

    exclusion: str
    products: Products
    since: dt.date
    until: dt.date | None
    event_id: str
    extended_by: str | None = None

    @property
    def ends(self) -> dt.date | None:
        """The first day it no longer applies."""
        return None if self.until is None else self.until + dt.timedelta(days=1)


@attrs.frozen(kw_only=True)
class Intervention:
    """One measure on the books: announced, in force or suspended.

    Attributes:
        measure: Its own id.
        actor: Who imposes it.
        targets: The countries it is aimed at, or ``{ALL}``.
        exempt: With ``ALL``: the countries left out.
        kind: Its kind's name in the catalogue.
        products: The goods in scope.
        rate: The rate it charges now (`None`: none).
        legal_basis: Free text, e.g. ``"Section 301"``.
        status: ``"scheduled"``, ``"in force"`` or ``"suspended"``.
        announced: The day it was announced, if it was before it applied.
        since: The first day it was in force; `None` while scheduled.
        takes_effect: While scheduled: the day it is to take effect
            (`None`: not set).
        suspended_since: The day it was suspended, while it is.
        expires: The first day it is no longer in force, if set.
        provisional: A provisional duty, not yet made definitive.
        definitive_since: The day it was made definitive, if it was.
        rates: Every rate it has charged since it was announced, in order.
        exclusions: Exclusion id → the `Exclusion` that applies.
        event_id: The event that announced or imposed it.
        changed_by: The last event that changed it.
    """

    measure: str
    actor: str
    targets: frozenset[str]
    exempt: frozenset[str]
    kind: str
    products: Scope
    rate: Rate | None
    legal_basis: str
    status: Status
    announced: dt.date | None
    since: dt.date | None
    takes_effect: dt.date | None
    suspended_since: dt.date | None
    expires: dt.date | None
    provisional: bool
    definitive_since: dt.date | None
    rates: FrozenList[RateChange]
    exclusions: FrozenMap[str, Exclusion]
    event_id: str
    changed_by: str

    @property
    def applies(self) -> bool:
        """Whether it applies now: in force and not suspended."""
        return self.status == "in force"

    def aimed_at(self, country: str) -> bool:
        """Tell whether *country* is one of its targets.

        A measure on ``ALL`` is aimed at every country but the actor and
        the exempt; a measure on the European Union (``EUN``) is aimed at
        each member state too.
        """
        if country == self.actor:
            return False
        if ALL in self.targets:
            return country not in self.exempt and not (
                EUROPEAN_UNION in self.exempt and is_eu_member(country)
            )
        return country in self.targets or (
            EUROPEAN_UNION in self.targets and is_eu_member(country)
        )

    def excluded(self, product: str) -> Exclusion | None:
        """The exclusion that covers *product*, if one does."""
        for exclusion in self.exclusions.values():
            if exclusion.products.covers(product):
                return exclusion
        return None

    def target_label(self) -> str:
        """Its targets in words: ``CHN``, ``CAN, MEX`` or ``ALL except CAN``."""
        if ALL in self.targets:
            if self.exempt:
                return f"ALL except {', '.join(sorted(self.exempt))}"
            return ALL
        return ", ".join(sorted(self.targets))

    def timers(self) -> Iterator[dt.date]:
        """The days on which it changes without an event of its own."""
        if self.takes_effect is not None and self.since is None:
            yield self.takes_effect
        if self.expires is not None:
            yield self.expires
        for exclusion in self.exclusions.values():
            if exclusion.ends is not None:
                yield exclusion.ends


Timers = FrozenMap[dt.date, FrozenMap[str, bool]]
"""Day → the ids of the measures that change on it without an event."""


def on_day(intervention: Intervention, day: dt.date) -> Intervention | None:
    """*intervention* as it is once *day* has come: `None` if it ended.

    Applies what is due on or before *day*: a scheduled start, exclusions
    that ran out, an expiry.
    """
    if intervention.expires is not None and intervention.expires <= day:
        return None
    changes: dict[str, object] = {}
    if (
        intervention.since is None
        and intervention.takes_effect is not None
        and intervention.takes_effect <= day
    ):
        start = intervention.takes_effect
        changes.update(since=start, takes_effect=None)
        if intervention.status == "scheduled":
            changes["status"] = "in force"
    ended = [
        key
        for key, exclusion in intervention.exclusions.items()
        if exclusion.ends is not None and exclusion.ends <= day
    ]
    if ended:
        exclusions = intervention.exclusions
        for key in ended:
            exclusions = exclusions.delete(key)
        changes["exclusions"] = exclusions
    if not changes:
        return intervention
    return attrs.evolve(intervention, **changes)  # type: ignore[arg-type]
