"""The public event vocabulary: every move a side can make in a trade dispute.

Each class is an immutable value. Building one checks its fields, so an event
with a bad country code, a self-target or an empty item list never exists.
Whether it makes sense *now* (lifting what was never imposed, say) is the
reducers' question, answered during replay.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Any, Literal

import attrs

from tradedispute.core.events import (
    CountryMove,
    Event,
    _fail,
    is_bool,
    is_country,
    is_item_set,
    is_name_set,
    is_optional_date,
    is_str,
    is_text,
    one_of,
    optional_of,
    to_names,
)

Outcome = Literal["no_deal", "progress", "agreement", "unreported"]
"""How a round of talks ended: ``"no_deal"``, ``"progress"``, ``"agreement"``,
or ``"unreported"`` when the sources do not say."""

OUTCOMES: tuple[Outcome, ...] = ("no_deal", "progress", "agreement", "unreported")
"""Every `Outcome`, in the order the docs list them."""

DropMode = Literal["suspended", "withdrawn"]
"""How a complaint is dropped: ``"suspended"`` (may resume) or ``"withdrawn"``."""

Validator = Callable[[object, "attrs.Attribute[Any]", Any], None]

_CASE_ID = re.compile(r"DS[1-9][0-9]*")


def _is_case(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not _CASE_ID.fullmatch(value):
        _fail(
            instance,
            attribute,
            f"is {value!r}; a WTO dispute number looks like 'DS590'",
        )


# --- export restrictions ---------------------------------------------------


@attrs.frozen(kw_only=True)
class RestrictionImposed(CountryMove):
    """The actor restricts exports of *items* to the target.

    Attributes:
        items: Product names, e.g. ``{"photoresist", "hydrogen fluoride"}``.
        measure: What the restriction is, e.g. ``"individual export licence"``.
    """

    items: frozenset[str] = attrs.field(converter=to_names, validator=is_item_set)
    measure: str = attrs.field(validator=is_text)


@attrs.frozen(kw_only=True)
class RestrictionEased(CountryMove):
    """The actor eases restrictions on *items*; they stay in force, marked eased.

    Attributes:
        items: Items already restricted towards the target.
        detail: How they were eased, e.g. ``"general licence for photoresist"``.
    """

    items: frozenset[str] = attrs.field(converter=to_names, validator=is_item_set)
    detail: str = attrs.field(default="", validator=is_str)


@attrs.frozen(kw_only=True)
class RestrictionLifted(CountryMove):
    """The actor lifts restrictions on *items*; they are no longer in force.

    Attributes:
        items: Items restricted towards the target.
    """

    items: frozenset[str] = attrs.field(converter=to_names, validator=is_item_set)


# --- preferential export-control lists ----------------------------------------


@attrs.frozen(kw_only=True)
class WhitelistRemoved(CountryMove):
    """The actor removes the target from its preferential export-control list.

    Attributes:
        list_name: The list's own name, e.g. ``"Group A"`` (Japan) or
            ``"Ga"`` (South Korea); empty when not worth naming.
    """

    list_name: str = attrs.field(default="", validator=is_str)


@attrs.frozen(kw_only=True)
class WhitelistRestored(CountryMove):
    """The actor puts the target back on its preferential export-control list.

    Attributes:
        list_name: The list's own name, as for `WhitelistRemoved`.
    """

    list_name: str = attrs.field(default="", validator=is_str)


# --- the WTO ------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class WTOComplaintFiled(CountryMove):
    """The actor (complainant) brings a WTO dispute against the target (respondent).

    Attributes:
        case: The WTO dispute number, e.g. ``"DS590"``.
        subject: What the complaint is about.
    """

    case: str = attrs.field(validator=_is_case)
    subject: str = attrs.field(default="", validator=is_str)


@attrs.frozen(kw_only=True)
class WTOComplaintDropped(CountryMove):
    """The complainant stops pursuing a case, for now or for good.

    Attributes:
        case: The WTO dispute number.
        mode: ``"suspended"`` (may be resumed) or ``"withdrawn"`` (final).
    """

    case: str = attrs.field(validator=_is_case)
    mode: DropMode = attrs.field(validator=one_of("suspended", "withdrawn"))


@attrs.frozen(kw_only=True)
class WTOComplaintResumed(CountryMove):
    """The complainant resumes a suspended case.

    Attributes:
        case: The WTO dispute number.
    """

    case: str = attrs.field(validator=_is_case)


@attrs.frozen(kw_only=True)
class WTOStep(CountryMove):
    """A step that moves a WTO case on to a stage (see `tradedispute.CASE_STAGES`).

    The actor is the complainant, the target the respondent, as for every
    event of a case.

    Attributes:
        case: The WTO dispute number.
    """

    case: str = attrs.field(validator=_is_case)


@attrs.frozen(kw_only=True)
class WTOPanelRequested(WTOStep):
    """The complainant asks the WTO's Dispute Settlement Body for a panel."""


@attrs.frozen(kw_only=True)
class WTOPanelEstablished(WTOStep):
    """The Dispute Settlement Body establishes the panel the complainant asked for."""


@attrs.frozen(kw_only=True)
class WTOPanelComposed(WTOStep):
    """The panel's members are chosen: the panel can start its work."""


@attrs.frozen(kw_only=True)
class WTOPanelReportCirculated(WTOStep):
    """The panel's report is circulated to the WTO's members."""


def _is_party_to_case(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if value is None:
        return
    is_country(instance, attribute, value)
    parties = (getattr(instance, "actor", None), getattr(instance, "target", None))
    if value not in parties:
        _fail(
            instance,
            attribute,
            f"is {value!r}; the appellant is a party to the case, "
            f"{parties[0]!r} or {parties[1]!r} (or None if not reported)",
        )


@attrs.frozen(kw_only=True)
class WTOPanelReportAppealed(WTOStep):
    """The panel's report is appealed to the Appellate Body.

    Attributes:
        appellant: The party that appealed (the complainant or the
            respondent), or `None` if not reported.
        into_the_void: Whether the Appellate Body could not hear the appeal
            (since December 2019 it has too few members to sit): the
            report can then be neither reviewed nor adopted.
    """

    appellant: str | None = attrs.field(default=None, validator=_is_party_to_case)
    into_the_void: bool = attrs.field(default=False, validator=is_bool)


@attrs.frozen(kw_only=True)
class WTOAppellateReportCirculated(WTOStep):
    """The Appellate Body's report on an appeal is circulated."""


@attrs.frozen(kw_only=True)
class WTOReportAdopted(WTOStep):
    """The Dispute Settlement Body adopts the report (as the Appellate Body left it)."""


@attrs.frozen(kw_only=True)
class WTOComplianceProceedingsStarted(WTOStep):
    """Compliance proceedings (DSU Article 21.5) begin on an adopted report."""


@attrs.frozen(kw_only=True)
class WTORetaliationAuthorised(WTOStep):
    """The complainant is authorised to suspend concessions (DSU Article 22).

    Attributes:
        detail: What was authorised, e.g. ``"USD 7.5 billion a year"``.
    """

    detail: str = attrs.field(default="", validator=is_str)


@attrs.frozen(kw_only=True)
class WTOSolutionAgreed(WTOStep):
    """The parties notify a mutually agreed solution: the case ends."""


@attrs.frozen(kw_only=True)
class WTOPanelLapsed(WTOStep):
    """The panel's authority lapses (DSU Article 12.12): the case ends.

    It lapses when the panel's work has been suspended for more than
    twelve months.
    """


# --- negotiation --------------------------------------------------------------


@attrs.frozen(kw_only=True)
class NextMeeting:
    """The next round, as announced: a place, a date, or only a timing.

    Attributes:
        place: Where, e.g. ``"Seoul"``.
        date: When, if a date was given.
        timing: When in words, if no date was given, e.g. ``"near future"``.
    """

    place: str = attrs.field(default="", validator=is_str)
    date: dt.date | None = attrs.field(default=None, validator=is_optional_date)
    timing: str = attrs.field(default="", validator=is_str)

    def __attrs_post_init__(self) -> None:
        if not (self.place.strip() or self.date or self.timing.strip()):
            _fail(self, attrs.fields(NextMeeting).place, "needs place, date or timing")


def _is_parties_of(what: str) -> Validator:
    """Return a validator of two or more country codes, the parties to *what*."""

    def validate(
        instance: object, attribute: attrs.Attribute[Any], value: frozenset[Any]
    ) -> None:
        is_name_set(instance, attribute, value)
        if len(value) < 2:
            _fail(
                instance,
                attribute,
                f"is {sorted(value)!r}; {what} need two or more parties",
            )
        for party in value:
            is_country(instance, attribute, party)

    return validate


_is_parties = _is_parties_of("talks")


#: The longest a round of talks may be said to last, in hours: a year.
MAX_TALKS_HOURS = 8784


def _is_duration(
    instance: object, attribute: attrs.Attribute[Any], value: object
) -> None:
    if value is None:
        return
    # Compared before isfinite, which cannot take an int too large for a float.
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not 0 <= value <= MAX_TALKS_HOURS
        or not math.isfinite(value)
    ):
        _fail(
            instance,
            attribute,
            f"is {value!r}; give hours as a number >= 0 or None (at most "
            f"{MAX_TALKS_HOURS}, a year)",
        )


@attrs.frozen(kw_only=True)
class TalksHeld(Event):
    """A round of talks or a summit between two or more countries.

    Attributes:
        parties: The countries at the table.
        level: Who talked, e.g. ``"director general"`` or ``"summit"``.
        format: How, e.g. ``"in person"`` or ``"video"``.
        outcome: ``"no_deal"``, ``"progress"``, ``"agreement"``, or
            ``"unreported"`` when the sources do not say how it ended.
        duration_hours: How long the round lasted, if reported.
        agreed: Points agreed in this round, e.g.
            ``{"boost cooperation on export control policy"}``.
        next_meeting: The next round, if one was announced.
    """

    parties: frozenset[str] = attrs.field(converter=to_names, validator=_is_parties)
    level: str = attrs.field(validator=is_text)
    format: str = attrs.field(validator=is_text)
    outcome: Outcome = attrs.field(validator=one_of(*OUTCOMES))
    duration_hours: float | None = attrs.field(default=None, validator=_is_duration)
    agreed: frozenset[str] = attrs.field(
        factory=frozenset,
        converter=to_names,
        validator=is_name_set,
    )
    next_meeting: NextMeeting | None = attrs.field(
        default=None, validator=optional_of(NextMeeting)
    )


@attrs.frozen(kw_only=True)
class DemandMade(CountryMove):
    """The actor demands something of the target; made again, it is renewed.

    Attributes:
        demand: What is asked, in words that later events repeat exactly,
            e.g. ``"restore pre-July-2019 export rules"``.
    """

    demand: str = attrs.field(validator=is_text)


@attrs.frozen(kw_only=True)
class DemandMet(CountryMove):
    """The actor meets the target's open demand.

    Attributes:
        demand: The demand's words, as the target made it.
    """

    demand: str = attrs.field(validator=is_text)


@attrs.frozen(kw_only=True)
class DemandDropped(CountryMove):
    """The actor drops its own open demand of the target.

    Attributes:
        demand: The demand's words, as the actor made it.
    """

    demand: str = attrs.field(validator=is_text)


# --- people ---------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class VisaWaiverSuspended(CountryMove):
    """The actor suspends visa-free entry for the target's nationals.

    Attributes:
        visas_invalidated: Whether visas already issued were invalidated too.
    """

    visas_invalidated: bool = attrs.field(default=False, validator=is_bool)


@attrs.frozen(kw_only=True)
class VisaWaiverRestored(CountryMove):
    """The actor restores visa-free entry for the target's nationals."""


def _is_days(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        _fail(instance, attribute, f"is {value!r}; give whole days >= 0 or None")


@attrs.frozen(kw_only=True)
class EntryRestrictionImposed(CountryMove):
    """The actor restricts entry of people arriving from the target.

    Attributes:
        quarantine_days: Days of quarantine required on arrival, if any.
        detail: Other conditions, e.g. ``"no public transport"``.
    """

    quarantine_days: int | None = attrs.field(default=None, validator=_is_days)
    detail: str = attrs.field(default="", validator=is_str)


@attrs.frozen(kw_only=True)
class EntryRestrictionLifted(CountryMove):
    """The actor lifts its entry restriction on arrivals from the target."""


# --- agreements between parties -------------------------------------------------


_is_agreement_parties = _is_parties_of("agreements")


@attrs.frozen(kw_only=True)
class AgreementEvent(Event):
    """A step in an agreement's life: its name and its parties.

    Attributes:
        agreement: The agreement's name, unique within a log, e.g.
            ``"Phase One"``.
        parties: The countries party to it, two or more.
    """

    agreement: str = attrs.field(validator=is_text)
    parties: frozenset[str] = attrs.field(
        converter=to_names, validator=_is_agreement_parties
    )


@attrs.frozen(kw_only=True)
class AgreementSigned(AgreementEvent):
    """The parties sign an agreement; it is not yet in force."""


@attrs.frozen(kw_only=True)
class AgreementEnteredIntoForce(AgreementEvent):
    """An agreement enters into force, signed on record or not."""


@attrs.frozen(kw_only=True)
class AgreementSuspended(AgreementEvent):
    """An agreement in force is suspended: on record, but not applied."""


@attrs.frozen(kw_only=True)
class AgreementResumed(AgreementEvent):
    """A suspended agreement is applied again."""


@attrs.frozen(kw_only=True)
class AgreementTerminated(AgreementEvent):
    """An agreement ends for good, whether it was in force or only signed."""


# --- agreements and unilateral steps -------------------------------------------


@attrs.frozen(kw_only=True)
class AgreementTerminationNoticed(CountryMove):
    """The actor gives notice that it will terminate an agreement with the target.

    Attributes:
        agreement: The agreement's short name, e.g. ``"GSOMIA"``.
    """

    agreement: str = attrs.field(validator=is_text)


@attrs.frozen(kw_only=True)
class AgreementTerminationSuspended(CountryMove):
    """The actor suspends the effect of its termination notice.

    Attributes:
        agreement: The agreement's short name, as in the notice.
    """

    agreement: str = attrs.field(validator=is_text)


@attrs.frozen(kw_only=True)
class AgreementTerminationWithdrawn(CountryMove):
    """The actor withdraws its termination notice: the agreement is back to normal.

    Attributes:
        agreement: The agreement's short name, as in the notice.
    """

    agreement: str = attrs.field(validator=is_text)


@attrs.frozen(kw_only=True)
class ExportControlStrengthened(CountryMove):
    """The actor strengthens its own export controls, answering the target's concerns.

    Recorded in the actor's history of unilateral steps.

    Attributes:
        detail: What was done, e.g. ``"25% more staff at KOSTI"``.
    """

    detail: str = attrs.field(validator=is_text)


EVENT_TYPES: tuple[type[Event], ...] = (
    RestrictionImposed,
    RestrictionEased,
    RestrictionLifted,
    WhitelistRemoved,
    WhitelistRestored,
    WTOComplaintFiled,
    WTOComplaintDropped,
    WTOComplaintResumed,
    WTOPanelRequested,
    WTOPanelEstablished,
    WTOPanelComposed,
    WTOPanelReportCirculated,
    WTOPanelReportAppealed,
    WTOAppellateReportCirculated,
    WTOReportAdopted,
    WTOComplianceProceedingsStarted,
    WTORetaliationAuthorised,
    WTOSolutionAgreed,
    WTOPanelLapsed,
    TalksHeld,
    DemandMade,
    DemandMet,
    DemandDropped,
    VisaWaiverSuspended,
    VisaWaiverRestored,
    EntryRestrictionImposed,
    EntryRestrictionLifted,
    AgreementTerminationNoticed,
    AgreementTerminationSuspended,
    AgreementTerminationWithdrawn,
    ExportControlStrengthened,
    AgreementSigned,
    AgreementEnteredIntoForce,
    AgreementSuspended,
    AgreementResumed,
    AgreementTerminated,
)
