"""tradedispute: the record of a trade dispute as an append-only log of events.

Record what countries did as dated events, then ask by pure replay what each
country's policy was on any date:

    >>> import datetime as dt
    >>> from tradedispute import EventLog, WhitelistRemoved
    >>> log = EventLog()
    >>> log.append(WhitelistRemoved(actor="JPN", target="KOR",
    ...                             effective=dt.date(2019, 8, 28)))
    >>> sorted(log.state_at(dt.date(2019, 8, 28)).country("JPN").whitelist_excluded)
    ['KOR']
"""

from tradedispute import codec, exceptions, stores, views
from tradedispute.codec.chain import Head
from tradedispute.codec.converter import RecordedEvent
from tradedispute.core.catalogue import Kind, kind_named, kinds, measure_kind
from tradedispute.core.corrections import (
    Correction,
    Entry,
    EventCorrected,
    EventRetracted,
)
from tradedispute.core.duty import Duty, DutyPart
from tradedispute.core.events import CountryMove, Event, Source, new_event_id
from tradedispute.core.frozenlist import FrozenList
from tradedispute.core.frozenmap import FrozenMap
from tradedispute.core.interventions import Exclusion, Intervention, RateChange
from tradedispute.core.measure_events import (
    ALL,
    ExclusionExtended,
    ExclusionGranted,
    ExclusionRevoked,
    MeasureAmended,
    MeasureAnnounced,
    MeasureCancelled,
    MeasureEvent,
    MeasureImposed,
    MeasureLifted,
    MeasureMadeDefinitive,
    MeasurePostponed,
    MeasureResumed,
    MeasureSuspended,
)
from tradedispute.core.products import Products, Scope
from tradedispute.core.rates import Rate, Tier
from tradedispute.core.reducers import reject
from tradedispute.core.registry import Reducer, event_types, reducer, reducer_for
from tradedispute.core.replay import apply, replay, replay_order, state_on
from tradedispute.core.state import (
    CaseStage,
    CaseStatus,
    Demand,
    DisputeState,
    EntryRestriction,
    Fact,
    Negotiation,
    PolicyState,
    Restriction,
    TalksRound,
    TerminationNotice,
    UnilateralStep,
    VisaWaiverSuspension,
    WTOCase,
)
from tradedispute.core.vocabulary import (
    AgreementTerminationNoticed,
    AgreementTerminationSuspended,
    AgreementTerminationWithdrawn,
    DemandDropped,
    DemandMade,
    DemandMet,
    DropMode,
    EntryRestrictionImposed,
    EntryRestrictionLifted,
    ExportControlStrengthened,
    NextMeeting,
    Outcome,
    RestrictionEased,
    RestrictionImposed,
    RestrictionLifted,
    TalksHeld,
    VisaWaiverRestored,
    VisaWaiverSuspended,
    WhitelistRemoved,
    WhitelistRestored,
    WTOComplaintDropped,
    WTOComplaintFiled,
    WTOComplaintResumed,
    WTOPanelEstablished,
    WTOPanelRequested,
)
from tradedispute.exceptions import InvalidTransition, TradeDisputeError
from tradedispute.log.eventlog import EventLog, History

__all__ = [
    "ALL",
    "AgreementTerminationNoticed",
    "AgreementTerminationSuspended",
    "AgreementTerminationWithdrawn",
    "CaseStage",
    "CaseStatus",
    "Correction",
    "CountryMove",
    "Demand",
    "DemandDropped",
    "DemandMade",
    "DemandMet",
    "DisputeState",
    "DropMode",
    "Duty",
    "DutyPart",
    "Entry",
    "EntryRestriction",
    "EntryRestrictionImposed",
    "EntryRestrictionLifted",
    "Event",
    "EventCorrected",
    "EventLog",
    "EventRetracted",
    "Exclusion",
    "ExclusionExtended",
    "ExclusionGranted",
    "ExclusionRevoked",
    "ExportControlStrengthened",
    "Fact",
    "FrozenList",
    "FrozenMap",
    "Head",
    "History",
    "Intervention",
    "InvalidTransition",
    "Kind",
    "MeasureAmended",
    "MeasureAnnounced",
    "MeasureCancelled",
    "MeasureEvent",
    "MeasureImposed",
    "MeasureLifted",
    "MeasureMadeDefinitive",
    "MeasurePostponed",
    "MeasureResumed",
    "MeasureSuspended",
    "Negotiation",
    "NextMeeting",
    "Outcome",
    "PolicyState",
    "Products",
    "Rate",
    "RateChange",
    "RecordedEvent",
    "Reducer",
    "Restriction",
    "RestrictionEased",
    "RestrictionImposed",
    "RestrictionLifted",
    "Scope",
    "Source",
    "TalksHeld",
    "TalksRound",
    "TerminationNotice",
    "Tier",
    "TradeDisputeError",
    "UnilateralStep",
    "VisaWaiverRestored",
    "VisaWaiverSuspended",
    "VisaWaiverSuspension",
    "WTOCase",
    "WTOComplaintDropped",
    "WTOComplaintFiled",
    "WTOComplaintResumed",
    "WTOPanelEstablished",
    "WTOPanelRequested",
    "WhitelistRemoved",
    "WhitelistRestored",
    "apply",
    "codec",
    "event_types",
    "exceptions",
    "kind_named",
    "kinds",
    "measure_kind",
    "new_event_id",
    "reducer",
    "reducer_for",
    "reject",
    "replay",
    "replay_order",
    "state_on",
    "stores",
    "views",
]
