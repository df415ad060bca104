"""What replay produces: immutable values that say what was in force.

A `DisputeState` is the whole picture after some prefix of the log; a
`PolicyState` is one country's measures towards the others. Every fact records
since when it holds and which event made it so. States compare equal by value,
and a fact that ends is removed, so a state that returns to an earlier
situation is equal to the earlier state.
"""

from __future__ import annotations

import datetime as dt
import functools
import typing
from collections.abc import Callable, Hashable, Iterable
from typing import Any, Literal, TypeVar

import attrs

from tradedispute.core import display
from tradedispute.core.arguments import DayLike, check_day
from tradedispute.core.catalogue import kind_named, label_of
from tradedispute.core.countries import check_country_code
from tradedispute.core.duty import Duty, duty
from tradedispute.core.frozenlist import FrozenList
from tradedispute.core.frozenmap import FrozenMap
from tradedispute.core.generated import compile_function
from tradedispute.core.interventions import Intervention, Timers
from tradedispute.core.products import ProductQuery, Products, Scope
from tradedispute.core.state_document import Document, state_to_dict
from tradedispute.core.vocabulary import NextMeeting, Outcome
from tradedispute.exceptions import InvalidQuery

CaseStage = Literal[
    "consultations",
    "panel requested",
    "panel established",
    "panel composed",
    "panel report circulated",
    "appealed",
    "Appellate Body report circulated",
    "report adopted",
    "compliance proceedings",
    "retaliation authorised",
    "mutually agreed solution",
    "lapsed",
]
"""How far a WTO case has gone, from ``"consultations"`` on; see `CASE_STAGES`."""

CASE_STAGES: tuple[CaseStage, ...] = typing.get_args(CaseStage)
"""The stages in the order a case goes through them; the last two end it."""

AgreementStatus = Literal["signed", "in force", "suspended", "terminated"]
"""Where an agreement stands: signed, in force, suspended or terminated."""

CaseStatus = Literal["active", "suspended", "withdrawn"]
"""Where a WTO case stands: ``"active"``, ``"suspended"`` or ``"withdrawn"``."""


@attrs.frozen(kw_only=True)
class Fact:
    """A fact with nothing more to it than when it began and why.

    Attributes:
        since: The first day it held.
        event_id: The event that made it so.
    """

    since: dt.date
    event_id: str


@attrs.frozen(kw_only=True)
class Restriction:
    """An export restriction in force on one item.

    Attributes:
        measure: What the restriction is.
        since: The day it was imposed.
        event_id: The imposing event.
        eased: Whether it has been eased (it is still in force).
        eased_since: The day it was eased, if it was.
        eased_detail: How it was eased.
        eased_by: The easing event's id, if it was eased.
    """

    measure: str
    since: dt.date
    event_id: str
    eased: bool = False
    eased_since: dt.date | None = None
    eased_detail: str = ""
    eased_by: str | None = None


@attrs.frozen(kw_only=True)
class VisaWaiverSuspension:
    """A suspended visa waiver for one country's nationals.

    Attributes:
        since: The day the waiver stopped.
        event_id: The suspending event.
        visas_invalidated: Whether visas already issued were invalidated too.
    """

    since: dt.date
    event_id: str
    visas_invalidated: bool = False


@attrs.frozen(kw_only=True)
class EntryRestriction:
    """An entry restriction in force on arrivals from one country.

    Attributes:
        since: The day it began.
        event_id: The imposing event.
        quarantine_days: Days of quarantine on arrival, if any.
        detail: Other conditions.
    """

    since: dt.date
    event_id: str
    quarantine_days: int | None = None
    detail: str = ""


@attrs.frozen(kw_only=True)
class TerminationNotice:
    """Notice given to terminate an agreement, possibly suspended since.

    Attributes:
        counterparty: The other party to the agreement.
        since: The day notice took effect.
        event_id: The notice event.
        suspended: Whether the notice's effect is suspended.
        suspended_since: The day it was suspended, if it was.
        suspended_by: The suspending event's id, if it was suspended.
    """

    counterparty: str
    since: dt.date
    event_id: str
    suspended: bool = False
    suspended_since: dt.date | None = None
    suspended_by: str | None = None


@attrs.frozen(kw_only=True)
class UnilateralStep:
    """A step a country took on its own, kept in its history.

    Attributes:
        kind: The event type's name, e.g. ``"ExportControlStrengthened"``.
        detail: What was done.
        target: The country whose concerns it answered.
        date: The day it applied.
        event_id: The event that recorded it.
    """

    kind: str
    detail: str
    target: str
    date: dt.date
    event_id: str


def _drop_empty(
    mapping: FrozenMap[str, FrozenMap[str, Restriction]],
) -> FrozenMap[str, FrozenMap[str, Restriction]]:
    if isinstance(mapping, FrozenMap) and all(mapping.values()):
        return mapping
    return FrozenMap({key: value for key, value in mapping.items() if value})


T = TypeVar("T")


def _frozen_list(items: Iterable[T]) -> FrozenList[T]:
    return items if isinstance(items, FrozenList) else FrozenList(items)


@attrs.frozen(kw_only=True, repr=False)
class PolicyState:
    """One country's measures in force towards others, and its history.

    Attributes:
        restrictions: Target → item → `Restriction` in force.
        whitelist_exclusions: Target → since when it is off the actor's
            preferential export-control list.
        visa_waiver_suspensions: Target → its nationals' suspended waiver.
        entry_restrictions: Target → the entry restriction in force.
        agreements_under_notice: Agreement name → the termination notice.
        unilateral_steps: Steps such as export-control strengthening, in
            replay order: an immutable sequence equal to the tuple of the steps.
    """

    restrictions: FrozenMap[str, FrozenMap[str, Restriction]] = attrs.field(
        factory=FrozenMap, converter=_drop_empty
    )
    whitelist_exclusions: FrozenMap[str, Fact] = attrs.field(factory=FrozenMap)
    visa_waiver_suspensions: FrozenMap[str, VisaWaiverSuspension] = attrs.field(
        factory=FrozenMap
    )
    entry_restrictions: FrozenMap[str, EntryRestriction] = attrs.field(
        factory=FrozenMap
    )
    agreements_under_notice: FrozenMap[str, TerminationNotice] = attrs.field(
        factory=FrozenMap
    )
    unilateral_steps: FrozenList[UnilateralStep] = attrs.field(
        factory=FrozenList, converter=_frozen_list
    )

    @property
    def whitelist_excluded(self) -> frozenset[str]:
        """The countries removed from this country's whitelist."""
        return frozenset(self.whitelist_exclusions)

    @property
    def visa_waiver_suspended(self) -> frozenset[str]:
        """The countries whose nationals lost this country's visa waiver."""
        return frozenset(self.visa_waiver_suspensions)

    def restrictions_on(self, target: str) -> FrozenMap[str, Restriction]:
        """Item → `Restriction` in force towards *target* (empty if none)."""
        return self.restrictions.get(target, FrozenMap())

    def is_empty(self) -> bool:
        """Tell whether this country has nothing in force and no history."""
        return not (
            self.restrictions
            or self.whitelist_exclusions
            or self.visa_waiver_suspensions
            or self.entry_restrictions
            or self.agreements_under_notice
            or self.unilateral_steps
        )

    def __repr__(self) -> str:
        restricted = sum(len(items) for items in self.restrictions.values())
        parts = [
            f"{display.count(number, noun)} ({display.names(towards)})"
            for noun, number, towards in (
                ("export restriction", restricted, self.restrictions),
                (
                    "whitelist exclusion",
                    len(self.whitelist_exclusions),
                    self.whitelist_exclusions,
                ),
                (
                    "visa waiver suspension",
                    len(self.visa_waiver_suspensions),
                    self.visa_waiver_suspensions,
                ),
                (
                    "entry restriction",
                    len(self.entry_restrictions),
                    self.entry_restrictions,
                ),
                (
                    "agreement under notice",
                    len(self.agreements_under_notice),
                    self.agreements_under_notice,
                ),
            )
            if number
        ]
        if self.unilateral_steps:
            parts.append(display.count(len(self.unilateral_steps), "unilateral step"))
        return f"<PolicyState: {', '.join(parts) or 'nothing in force'}>"

    def _repr_html_(self) -> str:
        """A table of what is in force, then the unilateral steps, for notebooks."""
        in_force = (
            sum(len(items) for items in self.restrictions.values())
            + len(self.whitelist_exclusions)
            + len(self.visa_waiver_suspensions)
            + len(self.entry_restrictions)
            + len(self.agreements_under_notice)
        )
        steps = (
            (step.kind, step.target, step.detail, step.date)
            for step in self.unilateral_steps
        )
        return display.tables_html(
            repr(self)[1:-1],
            [
                ("In force", _POLICY_HEADERS, self._rows(), in_force),
                (
                    "Unilateral steps",
                    _POLICY_HEADERS,
                    steps,
                    len(self.unilateral_steps),
                ),
            ],
        )

    def _rows(self) -> Iterable[tuple[str, str, str, dt.date | None]]:
        for target, items in self.restrictions.items():
            for item, restriction in items.items():
                eased = (
                    f" (eased since {restriction.eased_since})"
                    if restriction.eased
                    else ""
                )
                yield (
                    label_of("export restriction"),
                    target,
                    f"{item}: {restriction.measure}{eased}",
                    restriction.since,
                )
        for target, fact in self.whitelist_exclusions.items():
            yield label_of("whitelist exclusion"), target, "", fact.since
        for target, visa in self.visa_waiver_suspensions.items():
            invalidated = "visas invalidated" if visa.visas_invalidated else ""
            yield label_of("visa waiver suspension"), target, invalidated, visa.since
        for target, entry in self.entry_restrictions.items():
            quarantine = (
                ""
                if entry.quarantine_days is None
                else f"{entry.quarantine_days} days' quarantine"
            )
            detail = "; ".join(part for part in (quarantine, entry.detail) if part)
            yield label_of("entry restriction"), target, detail, entry.since
        for agreement, notice in self.agreements_under_notice.items():
            suspended = " (suspended)" if notice.suspended else ""
            yield (
                "termination notice",
                notice.counterparty,
                agreement + suspended,
                notice.since,
            )


_POLICY_HEADERS = ("Measure", "Towards", "Detail", "Since")


_EMPTY_POLICY = PolicyState()


@attrs.frozen(kw_only=True)
class WTOCase:
    """A WTO dispute and where it stands.

    Attributes:
        case: The dispute number, e.g. ``"DS590"``.
        complainant: Who brought it.
        respondent: Whom it is against.
        subject: What it is about.
        filed: The day it was filed.
        filed_by: The filing event's id.
        status: ``"active"``, ``"suspended"`` or ``"withdrawn"``.
        since: The day the current status began.
        event_id: The event that set the current status.
        stage: How far the case has gone, one of `CASE_STAGES`.
        stage_since: The day the current stage began.
        stage_by: The event that began the current stage.
        into_the_void: Whether the panel report was appealed while the
            Appellate Body could not sit; the case then waits at
            ``"appealed"`` unless the parties settle or it is dropped.
    """

    case: str
    complainant: str
    respondent: str
    subject: str
    filed: dt.date
    filed_by: str
    status: CaseStatus
    since: dt.date
    event_id: str
    stage: CaseStage
    stage_since: dt.date
    stage_by: str
    into_the_void: bool = False


@attrs.frozen(kw_only=True)
class Agreement:
    """An agreement between two or more parties, and where it stands.

    Attributes:
        agreement: Its name, e.g. ``"Phase One"``.
        parties: The countries party to it.
        status: ``"signed"``, ``"in force"``, ``"suspended"`` or
            ``"terminated"``.
        since: The day the current status began.
        event_id: The event that set the current status.
        signed: The day it was signed, if that is on record.
        signed_by: The signing event's id, if on record.
        in_force_since: The day it entered into force, if it did.
        in_force_by: The event of its entry into force, if it did.
    """

    agreement: str
    parties: frozenset[str]
    status: AgreementStatus
    since: dt.date
    event_id: str
    signed: dt.date | None = None
    signed_by: str | None = None
    in_force_since: dt.date | None = None
    in_force_by: str | None = None


@attrs.frozen(kw_only=True)
class TalksRound:
    """One round of talks, as held.

    Attributes:
        date: The day the round took place (its effective date).
        parties: The countries at the table.
        level: Who talked.
        format: How they talked.
        outcome: ``"no_deal"``, ``"progress"`` or ``"agreement"``.
        duration_hours: How long, if reported.
        agreed: Points agreed in this round.
        next_meeting: The next round, if one was announced.
        event_id: The event that recorded the round.
    """

    date: dt.date
    parties: frozenset[str]
    level: str
    format: str
    outcome: Outcome
    event_id: str
    duration_hours: float | None = None
    agreed: frozenset[str] = frozenset()
    next_meeting: NextMeeting | None = None


@attrs.frozen(kw_only=True)
class Demand:
    """An open demand of one country on another.

    Attributes:
        since: The day it was first made.
        event_id: The event that first made it.
        renewed: Each time it was made again since (day and event), in order.
    """

    since: dt.date
    event_id: str
    renewed: tuple[Fact, ...] = ()


@attrs.frozen(kw_only=True)
class Negotiation:
    """Where talks between two countries stand.

    Attributes:
        parties: The two countries.
        rounds: Every round both attended, in replay order.
        agreed: Point agreed → when it was first agreed and in which round.
        open_demands: Country → its open demands on the other (demand → `Demand`).
    """

    parties: frozenset[str]
    rounds: tuple[TalksRound, ...] = ()
    agreed: FrozenMap[str, Fact] = attrs.field(factory=FrozenMap)
    open_demands: FrozenMap[str, FrozenMap[str, Demand]] = attrs.field(
        factory=FrozenMap
    )

    @property
    def last_round(self) -> TalksRound | None:
        """The latest round held, or `None` if none was."""
        return self.rounds[-1] if self.rounds else None

    @property
    def next_meeting(self) -> NextMeeting | None:
        """The next meeting announced at the latest round, if any."""
        last = self.last_round
        return last.next_meeting if last else None

    def demands_of(self, code: str) -> FrozenMap[str, Demand]:
        """The open demands *code* has made of the other party."""
        return self.open_demands.get(code, FrozenMap())


DemandKey = tuple[str, str]
"""(demander, addressee): the key of `DisputeState.demands`."""


@attrs.frozen(kw_only=True, repr=False)
class DisputeState:
    """Everything in force after replaying a prefix of the log.

    Attributes:
        countries: Country → `PolicyState`; countries with nothing in force
            and no history are absent (use `country`).
        wto_cases: Dispute number → `WTOCase`.
        talks: Every round held so far, in replay order: an immutable sequence
            equal to the tuple of the rounds.
        demands: (demander, addressee) → demand → `Demand`, for open demands.
        interventions: Measure id → `Intervention`, for each measure
            announced or imposed with the lifecycle events
            (`MeasureImposed`, ...) and not yet lifted, cancelled or expired.
        timers: Day → the measures that change on it with no event of their
            own (a scheduled start, an expiry, an exclusion running out).
        due: The first day in *timers*, or `None`; replay applies what is
            due before the first event on or after it.
        by_actor: Actor → the ids of its measures in *interventions*: the
            index `duty` and `measures(actor=...)` read, so that a question
            about one country costs what that country has on its books.
        agreements: Agreement name → `Agreement`, for each agreement signed
            or entered into force, terminated ones included.
        extensions: Facts of user-defined event types, under keys their
            reducers choose (prefix them with your package's name). Values
            must be immutable and hashable, like every other fact.
    """

    countries: FrozenMap[str, PolicyState] = attrs.field(factory=FrozenMap)
    wto_cases: FrozenMap[str, WTOCase] = attrs.field(factory=FrozenMap)
    talks: FrozenList[TalksRound] = attrs.field(
        factory=FrozenList, converter=_frozen_list
    )
    demands: FrozenMap[DemandKey, FrozenMap[str, Demand]] = attrs.field(
        factory=FrozenMap
    )
    interventions: FrozenMap[str, Intervention] = attrs.field(factory=FrozenMap)
    timers: Timers = attrs.field(factory=FrozenMap)
    due: dt.date | None = None
    by_actor: FrozenMap[str, FrozenMap[str, bool]] = attrs.field(factory=FrozenMap)
    agreements: FrozenMap[str, Agreement] = attrs.field(factory=FrozenMap)
    extensions: FrozenMap[str, Hashable] = attrs.field(factory=FrozenMap)

    def measures(
        self,
        *,
        actor: str | None = None,
        target: str | None = None,
        kind: str | None = None,
        product: str | None = None,
        scheduled: bool = False,
    ) -> tuple[Intervention, ...]:
        """List the measures in force, sorted by kind (ignoring case), actor and id.

        Besides the measures of the lifecycle events (`MeasureImposed`,
        ...), the built-in vocabulary's facts appear under their kinds:
        export restrictions (one per item), whitelist exclusions, visa
        waiver suspensions and entry restrictions.

        Args:
            actor: Only measures this country imposes.
            target: Only measures aimed at this country: named, or covered
                by ``ALL`` and not exempt, or a member of the EU when the
                measure is aimed at ``EUN``.
            kind: Only measures of this kind.
            product: Only measures covering this HS code or item.
            scheduled: Include measures announced but not yet in force.
                Suspended measures are always listed, with their status.

        Raises:
            InvalidCountryCode: *actor* or *target* is not a country code.
            InvalidQuery: *kind* is not a declared kind.
        """
        if actor is not None:
            check_country_code(actor)
        if target is not None:
            check_country_code(target)
        if kind is not None:
            kind_named(kind)
        on_books: Iterable[Intervention] = (
            self.interventions.values()
            if actor is None
            else [self.interventions[m] for m in self.by_actor.get(actor, ())]
        )
        asked = None if product is None else ProductQuery.of(product)
        found = [
            measure
            for measure in (*on_books, *_legacy(self))
            if (kind is None or measure.kind == kind)
            and (asked is None or measure.products.covers_product(asked))
            and (actor is None or measure.actor == actor)
            and (scheduled or measure.status != "scheduled")
            and (target is None or measure.aimed_at(target))
        ]
        return tuple(
            sorted(found, key=lambda m: (m.kind.casefold(), m.actor, m.measure))
        )

    def duty(self, actor: str, target: str, product: str) -> Duty:
        """Return the additional duty *actor* applies to *target*'s *product*.

        It sums the rates of the measures of an import kind with a rate
        (tariffs, anti-dumping and countervailing duties, safeguards, ...)
        that *actor* applies to *target* and that cover *product*, leaving
        out suspended and scheduled measures and any whose exclusion covers
        *product*. The `Duty` names each part.

        Args:
            actor: The importing country.
            target: The country whose product it is.
            product: An HS code (``"8541.40"``) or an item's name.

        Raises:
            InvalidCountryCode: *actor* or *target* is not a country code.
        """
        check_country_code(target)
        ids = self.by_actor.get(check_country_code(actor), ())
        return duty([self.interventions[m] for m in ids], actor, target, product)

    def country(self, code: str) -> PolicyState:
        """Return *code*'s policy state, empty if it has taken no step.

        Raises:
            InvalidCountryCode: *code* is not an ISO 3166-1 alpha-3 code.
        """
        return policy_of(self, check_country_code(code))

    def with_country(self, code: str, policy: PolicyState) -> DisputeState:
        """Return a copy with *code*'s policy replaced (for reducers)."""
        if policy.is_empty():
            if code not in self.countries:
                return self
            return evolve(self, countries=self.countries.delete(code))
        return evolve(self, countries=self.countries.set(code, policy))

    def negotiation(self, a: str, b: str) -> Negotiation:
        """Return where talks between *a* and *b* stand.

        Raises:
            InvalidCountryCode: *a* or *b* is not a country code.
            InvalidQuery: *a* and *b* are the same country.
        """
        pair = frozenset({check_country_code(a), check_country_code(b)})
        if len(pair) != 2:
            raise InvalidQuery(
                f"negotiation({a!r}, {b!r}) needs two different countries"
            )
        rounds = tuple(round_ for round_ in self.talks if pair <= round_.parties)
        agreed: dict[str, Fact] = {}
        for round_ in rounds:
            for point in sorted(round_.agreed):
                agreed.setdefault(
                    point, Fact(since=round_.date, event_id=round_.event_id)
                )
        open_demands = {
            demander: self.demands[(demander, addressee)]
            for demander, addressee in ((a, b), (b, a))
            if (demander, addressee) in self.demands
        }
        return Negotiation(
            parties=pair,
            rounds=rounds,
            agreed=FrozenMap(agreed),
            open_demands=FrozenMap(open_demands),
        )

    def to_dict(self, as_of: DayLike) -> Document:
        """Return this state, the state on *as_of*, as its public JSON document.

        A state does not know its day: equal states on different days are
        equal, so the day is given, as the state was asked for it
        (``log.state_at(day).to_dict(day)``). The document is what
        ``tradedispute state --json`` prints and ``tradedispute.to_json``
        writes: dicts, lists, strings, numbers, booleans and ``None`` only,
        laid out as ``docs/cli.md`` describes. Equal states give equal
        documents.

        Args:
            as_of: The day this state describes: a `datetime.date`, its ISO
                text or a midnight `datetime.datetime` (a pandas
                ``Timestamp``); written as ``"as_of"``.

        Raises:
            InvalidQuery: *as_of* is not a day.
        """
        return state_to_dict(self, check_day("as_of", as_of))

    def __repr__(self) -> str:
        actors = set(self.countries).union(
            actor for actor, ids in self.by_actor.items() if ids
        )
        parts = [
            display.count(len(actors), "country", "countries"),
            display.count(len(self.measures()), "measure") + " in force",
            display.count(len(self.wto_cases), "WTO case"),
        ]
        if self.agreements:
            parts.append(display.count(len(self.agreements), "agreement"))
        if self.talks:
            parts.append(display.count(len(self.talks), "round") + " of talks")
        if self.due is not None:
            parts.append(f"next change due {self.due.isoformat()}")
        return f"<DisputeState: {', '.join(parts)}>"

    def _repr_html_(self) -> str:
        """Tables of the measures in force, WTO cases and agreements, for notebooks."""
        measures = self.measures()
        cases = sorted(self.wto_cases.items())
        agreements = sorted(self.agreements.items())
        return display.tables_html(
            repr(self)[1:-1],
            [
                (
                    "Measures in force",
                    ("Actor", "Measure", "Towards", "Detail", "Since"),
                    (
                        (
                            m.actor,
                            label_of(m.kind),
                            m.target_label(),
                            display.describe(m),
                            m.since,
                        )
                        for m in measures
                    ),
                    len(measures),
                ),
                (
                    "WTO cases",
                    ("Case", "Complainant", "Respondent", "Stage", "Status", "Since"),
                    (
                        (n, c.complainant, c.respondent, c.stage, c.status, c.since)
                        for n, c in cases
                    ),
                    len(cases),
                ),
                (
                    "Agreements",
                    ("Agreement", "Parties", "Status", "Since"),
                    (
                        (name, display.names(a.parties, shown=6), a.status, a.since)
                        for name, a in agreements
                    ),
                    len(agreements),
                ),
            ],
        )


def _legacy(state: DisputeState) -> list[Intervention]:
    """The built-in vocabulary's facts in force, as measures of their kinds."""
    found = []
    for actor, policy in state.countries.items():
        for target, items in policy.restrictions.items():
            for item, restriction in items.items():
                basis = restriction.measure
                if restriction.eased:
                    basis += f" (eased since {restriction.eased_since})"
                found.append(
                    _fact_measure(
                        "export restriction",
                        actor,
                        target,
                        restriction.since,
                        restriction.event_id,
                        item=item,
                        basis=basis,
                    )
                )
        for kind, facts in (
            ("whitelist exclusion", policy.whitelist_exclusions),
            ("visa waiver suspension", policy.visa_waiver_suspensions),
            ("entry restriction", policy.entry_restrictions),
        ):
            for target, fact in facts.items():
                found.append(
                    _fact_measure(kind, actor, target, fact.since, fact.event_id)
                )
    return found


def _fact_measure(
    kind: str,
    actor: str,
    target: str,
    since: dt.date,
    event_id: str,
    *,
    item: str = "",
    basis: str = "",
) -> Intervention:
    subject = f": {item}" if item else ""
    return Intervention(
        measure=f"{actor}-{target} {kind}{subject}",
        actor=actor,
        targets=frozenset({target}),
        exempt=frozenset(),
        kind=kind,
        products=Scope.of(Products(items=[item] if item else [])),
        rate=None,
        legal_basis=basis,
        status="in force",
        announced=None,
        since=since,
        takes_effect=None,
        suspended_since=None,
        expires=None,
        provisional=False,
        definitive_since=None,
        rates=FrozenList(),
        exclusions=FrozenMap(),
        event_id=event_id,
        changed_by=event_id,
    )


def policy_of(state: DisputeState, code: str) -> PolicyState:
    """Return *code*'s policy in *state* without checking the code.

    For reducers: the events they receive were checked when built.
    """
    return state.countries.get(code, _EMPTY_POLICY)


S = TypeVar("S")


@functools.cache
def _copier(cls: type) -> Callable[[Any, dict[str, Any]], Any]:
    """Write, once per class, a function that copies an instance with changes.

    One line per field, as attrs writes ``__init__``: a loop over the field
    names with `getattr` costs twice as much, and reducers copy two or three
    states per event.
    """
    lines = ["def copy(instance, changes):", "    new = new_instance(cls)"]
    lines += [
        f"    set_field(new, {name!r}, changes.get({name!r}, instance.{name}))"
        for name in (field.name for field in attrs.fields(cls))
    ]
    lines.append("    return new")
    namespace: dict[str, Any] = {
        "new_instance": object.__new__,
        "cls": cls,
        "set_field": object.__setattr__,
    }
    copy: Callable[[Any, dict[str, Any]], Any] = compile_function(
        "\n".join(lines), "copy", namespace, what=f"copy {cls.__qualname__}"
    )
    return copy


def evolve(instance: S, **changes: Any) -> S:
    """Return a copy of the state value *instance* with *changes*, for reducers.

    Like `attrs.evolve`, without running converters and validators: the
    built-in reducers pass values of the right types and keep the invariants
    the converters restore (they delete a target whose last restriction is
    lifted), and ``__init__`` with its converters costs several times as
    much as copying the fields.
    """
    cls: type = type(instance)
    copied: S = _copier(cls)(instance, changes)
    return copied
