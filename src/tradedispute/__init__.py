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
from tradedispute.core.corrections import (
    Correction,
    Entry,
    EventCorrected,
    EventRetracted,
)
from tradedispute.core.events import CountryMove, Event, Source, new_event_id
from tradedispute.core.frozenlist import FrozenList
from tradedispute.core.frozenmap import FrozenMap
from tradedispute.core.reducers import reject
from tradedispute.core.registry import Reducer, event_types, reducer, reducer_for
from tradedispute.core.replay import apply, replay, replay_order
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
    "Entry",
    "EntryRestriction",
    "EntryRestrictionImposed",
    "EntryRestrictionLifted",
    "Event",
    "EventCorrected",
    "EventLog",
    "EventRetracted",
    "ExportControlStrengthened",
    "Fact",
    "FrozenList",
    "FrozenMap",
    "Head",
    "History",
    "InvalidTransition",
    "Negotiation",
    "NextMeeting",
    "Outcome",
    "PolicyState",
    "RecordedEvent",
    "Reducer",
    "Restriction",
    "RestrictionEased",
    "RestrictionImposed",
    "RestrictionLifted",
    "Source",
    "TalksHeld",
    "TalksRound",
    "TerminationNotice",
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
    "new_event_id",
    "reducer",
    "reducer_for",
    "reject",
    "replay",
    "replay_order",
    "stores",
    "views",
]
