"""A state flattened into measures: one value per fact in force.

Each `Measure` names its kind, the two sides and its subject, so a fact can
be followed from one state to the next by its `Measure.key`. The analyst's
views (`tradedispute.core.views`) follow them with `measure_changes`, which
reads only what two states do not share; `measures` and `measure_map` list
everything in one state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Protocol, TypeVar

import attrs

from tradedispute.core.frozenmap import FrozenMap, differing_items
from tradedispute.core.interventions import Intervention
from tradedispute.core.measure_events import ALL
from tradedispute.core.state import (
    Demand,
    DisputeState,
    EntryRestriction,
    Restriction,
    TerminationNotice,
    VisaWaiverSuspension,
    WTOCase,
)

__all__ = [
    "Measure",
    "MeasureChanges",
    "MeasureKey",
    "MeasureKind",
    "intervention_detail",
    "measure_changes",
    "measure_map",
    "measures",
]

MeasureKind = str
"""What kind of fact a `Measure` is: the name of a kind in the catalogue
(`tradedispute.kinds`), built-in or declared with `tradedispute.measure_kind`."""

MeasureKey = tuple[str, str, str, str]
"""(kind, actor, target, subject): what a measure is about, whatever its details."""


@attrs.frozen(kw_only=True)
class Measure:
    """One fact in force in a `DisputeState`, flattened.

    In force means: every export restriction (eased or not), whitelist
    exclusion, visa waiver suspension, entry restriction and open demand in
    the state; every termination notice on record, suspended or not; every
    WTO case whose status is ``"active"`` (a suspended or withdrawn case
    is not pursued, so it is not in force); and every measure on the books
    (`DisputeState.interventions`) that has taken effect, suspended or not
    (a scheduled one is not yet in force).

    Attributes:
        kind: What kind of fact it is.
        actor: Who imposes or brings it: the restricting, excluding or
            suspending country, the notice-giver, the WTO complainant, the
            demander.
        target: The other side: the target, the counterparty, the
            respondent, the addressee; for a measure on the books, its
            targets (``"CHN"``, ``"CAN, MEX"``, or ``"ALL"``, its exemptions
            then being in *detail*).
        subject: The item, agreement, case number, demand or measure id;
            ``""`` for kinds that have none (whitelist, visa waiver, entry).
        since: The first day it has been in force without a break; for a
            resumed WTO case, the day it was resumed.
        event_id: The event that put it in force on that day.
        detail: What it is like now, in words: the restriction's measure and
            its easing, the case's stage, the notice's suspension, the
            quarantine, the demand's renewals.
        softened: Whether it is in force in a softened form: an eased
            restriction, a suspended termination notice, a suspended measure.
        changed_by: For a measure on the books, the last event that changed
            it; a change that needs no event of its own (an expiry) is put
            down to it. ``""`` for the other kinds.
    """

    kind: MeasureKind
    actor: str
    target: str
    subject: str
    since: dt.date
    event_id: str
    detail: str = ""
    softened: bool = False
    changed_by: str = ""

    @property
    def key(self) -> MeasureKey:
        """(kind, actor, target, subject): the identity `diff` and `intervals` track."""
        return (self.kind, self.actor, self.target, self.subject)


MeasureChanges = dict[MeasureKey, tuple[Measure | None, Measure | None]]
"""Key → (its measure before, after) for each measure that differs.

`None` stands for not in force.
"""


def _restriction_detail(restriction: Restriction) -> str:
    if not restriction.eased:
        return restriction.measure
    eased = f"{restriction.measure}; eased since {restriction.eased_since}"
    return f"{eased}: {restriction.eased_detail}" if restriction.eased_detail else eased


def _case_detail(case: WTOCase) -> str:
    detail = f"{case.stage}; filed {case.filed}"
    return f"{detail}: {case.subject}" if case.subject else detail


def _visa_detail(visa: VisaWaiverSuspension) -> str:
    return "visas issued were invalidated" if visa.visas_invalidated else ""


def _entry_detail(entry: EntryRestriction) -> str:
    days = entry.quarantine_days
    quarantine = "" if days is None else f"{days} days' quarantine"
    return "; ".join(part for part in (quarantine, entry.detail) if part)


def _no_detail(fact: object) -> str:
    return ""


class _Begun(Protocol):
    """A fact that records the day it began and the event that began it."""

    @property
    def since(self) -> dt.date: ...

    @property
    def event_id(self) -> str: ...


_F = TypeVar("_F", bound=_Begun)

# --- where the facts are, and what each becomes ----------------------------------
#
# Each fact in force sits at the end of a path through the state: attribute
# names, and _EACH for every key of a FrozenMap. _PATHS is a tree of such
# steps; at each leaf, a function turns the keys met on the way and the fact
# into its Measure (None if the fact is not in force). Both the full walk
# (`measure_map`) and the walk of what changed (`measure_changes`) follow it,
# so what counts as in force is written once.

_Make = Callable[[tuple[Any, ...], Any], "Measure | None"]
_Tree = Mapping[str, "_Tree | _Make"]

_EACH = "*"


def _measure(
    kind: MeasureKind,
    actor: str,
    target: str,
    subject: str,
    fact: _Begun,
    detail: str = "",
    *,
    softened: bool = False,
) -> Measure:
    """The `Measure` of *fact*, which says since when and by which event."""
    return Measure(
        kind=kind,
        actor=actor,
        target=target,
        subject=subject,
        since=fact.since,
        event_id=fact.event_id,
        detail=detail,
        softened=softened,
    )


def _towards(
    kind: MeasureKind, detail: Callable[[_F], str]
) -> Callable[[tuple[Any, ...], _F], Measure]:
    """Make the measures of a map of target → fact, for kinds without a subject."""

    def make(keys: tuple[Any, ...], fact: _F) -> Measure:
        actor, target = keys
        return _measure(kind, actor, target, "", fact, detail(fact))

    return make


def _restriction(keys: tuple[Any, ...], restriction: Restriction) -> Measure:
    actor, target, item = keys
    detail = _restriction_detail(restriction)
    return _measure(
        "export restriction",
        actor,
        target,
        item,
        restriction,
        detail,
        softened=restriction.eased,
    )


def _notice(keys: tuple[Any, ...], notice: TerminationNotice) -> Measure:
    actor, agreement = keys
    detail = f"suspended since {notice.suspended_since}" if notice.suspended else ""
    return _measure(
        "termination notice",
        actor,
        notice.counterparty,
        agreement,
        notice,
        detail,
        softened=notice.suspended,
    )


def _case(keys: tuple[Any, ...], case: WTOCase) -> Measure | None:
    if case.status != "active":
        return None
    (number,) = keys
    return _measure(
        "WTO case", case.complainant, case.respondent, number, case, _case_detail(case)
    )


def _demand(keys: tuple[Any, ...], demand: Demand) -> Measure:
    (demander, addressee), words = keys
    renewed = ", ".join(str(again.since) for again in demand.renewed)
    detail = f"renewed on {renewed}" if renewed else ""
    return _measure("open demand", demander, addressee, words, demand, detail)


def _intervention(keys: tuple[Any, ...], measure: Intervention) -> Measure | None:
    if measure.since is None:
        return None
    return Measure(
        kind=measure.kind,
        actor=measure.actor,
        # On every country, the target is "ALL" whatever the exemptions (in
        # the detail), so a change of exemptions keeps the measure's key.
        target=ALL if ALL in measure.targets else measure.target_label(),
        subject=measure.measure,
        since=measure.since,
        event_id=measure.event_id,
        detail=intervention_detail(measure),
        softened=measure.status == "suspended",
        changed_by=measure.changed_by,
    )


def intervention_detail(measure: Intervention) -> str:
    """A measure on the books in words: rate, products, exclusions, suspension."""
    parts = [str(measure.rate)] if measure.rate is not None else []
    if measure.exempt:
        parts.append(f"except {', '.join(sorted(measure.exempt))}")
    if not measure.products.is_empty():
        parts.append(f"on {measure.products}")
    if measure.legal_basis:
        parts.append(measure.legal_basis)
    if measure.provisional:
        parts.append("provisional")
    if measure.exclusions:
        count = len(measure.exclusions)
        parts.append(f"{count} exclusion{'s' if count > 1 else ''}")
    if measure.status == "suspended":
        parts.append(f"suspended since {measure.suspended_since}")
    if measure.expires is not None:
        parts.append(f"expires {measure.expires}")
    return "; ".join(parts)


_PATHS: _Tree = {
    "interventions": {_EACH: _intervention},
    "countries": {
        _EACH: {
            "restrictions": {_EACH: {_EACH: _restriction}},
            "whitelist_exclusions": {
                _EACH: _towards("whitelist exclusion", _no_detail)
            },
            "visa_waiver_suspensions": {
                _EACH: _towards("visa waiver suspension", _visa_detail)
            },
            "entry_restrictions": {_EACH: _towards("entry restriction", _entry_detail)},
            "agreements_under_notice": {_EACH: _notice},
        }
    },
    "wto_cases": {_EACH: _case},
    "demands": {_EACH: {_EACH: _demand}},
}

_NOTHING: FrozenMap[Any, Any] = FrozenMap()


def _facts(
    node: Any, tree: _Tree, keys: tuple[Any, ...]
) -> Iterator[tuple[_Make, tuple[Any, ...], Any]]:
    """Yield (make, keys, fact) for every fact under *node*."""
    for step, below in tree.items():
        if step == _EACH:
            for key, value in node.items():
                if callable(below):
                    yield below, (*keys, key), value
                else:
                    yield from _facts(value, below, (*keys, key))
        else:
            assert not callable(below)
            yield from _facts(getattr(node, step), below, keys)


def _collect_changes(
    old: Any,
    new: Any,
    tree: _Tree,
    keys: tuple[Any, ...],
    olds: dict[MeasureKey, Measure],
    news: dict[MeasureKey, Measure],
) -> None:
    """Put in *olds* and *news* the measures of each fact that is not the same object.

    *old* and *new* are the nodes at the same path in two states, `None`
    where one has nothing there. A part both share is skipped unread, so the
    cost is that of what changed from one to the other. (Plain calls that
    fill two dicts, not generators: views call this for every event.)
    """
    for step, below in tree.items():
        if step == _EACH:
            before = _NOTHING if old is None else old
            after = _NOTHING if new is None else new
            for key, was, now in differing_items(before, after):
                if callable(below):
                    path = (*keys, key)
                    if was is not None and (measure := below(path, was)) is not None:
                        olds[measure.key] = measure
                    if now is not None and (measure := below(path, now)) is not None:
                        news[measure.key] = measure
                else:
                    _collect_changes(was, now, below, (*keys, key), olds, news)
        else:
            assert not callable(below)
            was = None if old is None else getattr(old, step)
            now = None if new is None else getattr(new, step)
            if was is not now:  # most parts are shared: skip them without a call
                _collect_changes(was, now, below, keys, olds, news)


def _all_measures(state: DisputeState) -> Iterator[Measure]:
    for make, keys, fact in _facts(state, _PATHS, ()):
        measure = make(keys, fact)
        if measure is not None:
            yield measure


def measure_map(state: DisputeState) -> dict[MeasureKey, Measure]:
    """Return key → `Measure` for every fact in force in *state*, in no set order."""
    return {measure.key: measure for measure in _all_measures(state)}


def measure_changes(before: DisputeState, after: DisputeState) -> MeasureChanges:
    """Return key → (its measure in *before*, in *after*) for each measure that differs.

    `None` stands for not in force. It equals comparing the two states'
    `measure_map` key by key, but reads only what the states do not share:
    from one state to the next, that is what the event changed, so views
    that follow measures day by day cost what changed rather than the size
    of the state.
    """
    olds: dict[MeasureKey, Measure] = {}
    news: dict[MeasureKey, Measure] = {}
    if before is not after:
        _collect_changes(before, after, _PATHS, (), olds, news)
    changes: MeasureChanges = {}
    for key in olds.keys() | news.keys():
        old, new = olds.get(key), news.get(key)
        if old != new:
            changes[key] = (old, new)
    return changes


def measures(state: DisputeState) -> tuple[Measure, ...]:
    """Return every fact in force in *state*, one `Measure` each, sorted by key.

    What counts as in force is said under `Measure`. Talks, unilateral steps
    and the facts of user-defined event types (``state.extensions``) are not
    measures.
    """
    return tuple(sorted(_all_measures(state), key=lambda measure: measure.key))
