"""tradedispute: the record of a trade dispute as an append-only log of events.

Record what countries did as dated events, then ask by pure replay what each
country's policy was on any date. The five things most users call:

1. ``EventLog()``, or ``EventLog.open("dispute.jsonl")`` for a file (SQLite
   and PostgreSQL too, see `tradedispute.stores`): the log.
2. ``log.append(event)``: record a move, such as ``WhitelistRemoved`` or
   ``MeasureImposed``; ``tradedispute.event_types()`` lists every type.
3. ``log.state_at(day)``: the `DisputeState` on a day (a date, its ISO text
   or a midnight pandas Timestamp); ``state.country("JPN")`` is a country's
   `PolicyState`, ``state.measures()`` what is in force, ``state.duty()``
   the duty on a product.
4. ``log.timeline()``, ``log.diff(start, end)``, ``log.intervals()``,
   ``log.escalation()``: the analyst's views (`tradedispute.views`), each
   with ``to_frame()`` for pandas and a table in a notebook.
5. ``state.to_dict(day)`` and ``to_json(state, day)``: the public JSON, as
   ``tradedispute state --json`` prints it.

Every error is a `TradeDisputeError`; `tradedispute.exceptions` lists them.
Every name the documentation uses imports from here (``from tradedispute
import MeasureImposed``); `__all__` holds the front door only, so that this
page stays a page. Read more in the documentation (the tutorial, concepts
and the API reference, ``docs/`` in the source) and ``tradedispute --help``.

    >>> import datetime as dt
    >>> from tradedispute import EventLog, WhitelistRemoved
    >>> log = EventLog()
    >>> log.append(WhitelistRemoved(actor="JPN", target="KOR",
    ...                             effective=dt.date(2019, 8, 28)))
    >>> log.state_at("2019-08-28").country("JPN")
    <PolicyState: 1 whitelist exclusion (KOR)>
"""

import importlib.metadata

from tradedispute import codec, exceptions, stores, views
from tradedispute.codec.chain import Head as Head
from tradedispute.codec.converter import RecordedEvent as RecordedEvent
from tradedispute.codec.state_json import to_json
from tradedispute.core.catalogue import Kind as Kind
from tradedispute.core.catalogue import kind_named as kind_named
from tradedispute.core.catalogue import kinds as kinds
from tradedispute.core.catalogue import measure_kind as measure_kind
from tradedispute.core.corrections import Correction as Correction
from tradedispute.core.corrections import Entry as Entry
from tradedispute.core.corrections import EventCorrected as EventCorrected
from tradedispute.core.corrections import EventRetracted as EventRetracted
from tradedispute.core.countries import EU_MEMBERS as EU_MEMBERS
from tradedispute.core.duty import Duty as Duty
from tradedispute.core.duty import DutyPart as DutyPart
from tradedispute.core.events import CountryMove as CountryMove
from tradedispute.core.events import Event as Event
from tradedispute.core.events import Precision as Precision
from tradedispute.core.events import Source as Source
from tradedispute.core.events import new_event_id as new_event_id
from tradedispute.core.events import shown_date as shown_date
from tradedispute.core.frozenlist import FrozenList as FrozenList
from tradedispute.core.frozenmap import FrozenMap as FrozenMap
from tradedispute.core.interventions import Exclusion as Exclusion
from tradedispute.core.interventions import Intervention as Intervention
from tradedispute.core.interventions import RateChange as RateChange
from tradedispute.core.measure_events import ALL as ALL
from tradedispute.core.measure_events import ExclusionExtended as ExclusionExtended
from tradedispute.core.measure_events import ExclusionGranted as ExclusionGranted
from tradedispute.core.measure_events import ExclusionRevoked as ExclusionRevoked
from tradedispute.core.measure_events import MeasureAmended as MeasureAmended
from tradedispute.core.measure_events import MeasureAnnounced as MeasureAnnounced
from tradedispute.core.measure_events import MeasureCancelled as MeasureCancelled
from tradedispute.core.measure_events import MeasureEvent as MeasureEvent
from tradedispute.core.measure_events import MeasureImposed as MeasureImposed
from tradedispute.core.measure_events import MeasureLifted as MeasureLifted
from tradedispute.core.measure_events import (
    MeasureMadeDefinitive as MeasureMadeDefinitive,
)
from tradedispute.core.measure_events import MeasurePostponed as MeasurePostponed
from tradedispute.core.measure_events import MeasureResumed as MeasureResumed
from tradedispute.core.measure_events import MeasureSuspended as MeasureSuspended
from tradedispute.core.products import Products as Products
from tradedispute.core.products import Scope as Scope
from tradedispute.core.rates import Rate as Rate
from tradedispute.core.rates import Tier as Tier
from tradedispute.core.reducers import reject as reject
from tradedispute.core.registry import Reducer as Reducer
from tradedispute.core.registry import event_types as event_types
from tradedispute.core.registry import reducer as reducer
from tradedispute.core.registry import reducer_for as reducer_for
from tradedispute.core.replay import apply as apply
from tradedispute.core.replay import replay
from tradedispute.core.replay import replay_order as replay_order
from tradedispute.core.replay import state_on as state_on
from tradedispute.core.state import CASE_STAGES as CASE_STAGES
from tradedispute.core.state import Agreement as Agreement
from tradedispute.core.state import AgreementStatus as AgreementStatus
from tradedispute.core.state import CaseStage as CaseStage
from tradedispute.core.state import CaseStatus as CaseStatus
from tradedispute.core.state import Demand as Demand
from tradedispute.core.state import (
    DisputeState,
    PolicyState,
)
from tradedispute.core.state import EntryRestriction as EntryRestriction
from tradedispute.core.state import Fact as Fact
from tradedispute.core.state import Negotiation as Negotiation
from tradedispute.core.state import Restriction as Restriction
from tradedispute.core.state import TalksRound as TalksRound
from tradedispute.core.state import TerminationNotice as TerminationNotice
from tradedispute.core.state import UnilateralStep as UnilateralStep
from tradedispute.core.state import VisaWaiverSuspension as VisaWaiverSuspension
from tradedispute.core.state import WTOCase as WTOCase
from tradedispute.core.vocabulary import (
    AgreementEnteredIntoForce as AgreementEnteredIntoForce,
)
from tradedispute.core.vocabulary import AgreementEvent as AgreementEvent
from tradedispute.core.vocabulary import AgreementResumed as AgreementResumed
from tradedispute.core.vocabulary import AgreementSigned as AgreementSigned
from tradedispute.core.vocabulary import AgreementSuspended as AgreementSuspended
from tradedispute.core.vocabulary import AgreementTerminated as AgreementTerminated
from tradedispute.core.vocabulary import (
    AgreementTerminationNoticed as AgreementTerminationNoticed,
)
from tradedispute.core.vocabulary import (
    AgreementTerminationSuspended as AgreementTerminationSuspended,
)
from tradedispute.core.vocabulary import (
    AgreementTerminationWithdrawn as AgreementTerminationWithdrawn,
)
from tradedispute.core.vocabulary import DemandDropped as DemandDropped
from tradedispute.core.vocabulary import DemandMade as DemandMade
from tradedispute.core.vocabulary import DemandMet as DemandMet
from tradedispute.core.vocabulary import DropMode as DropMode
from tradedispute.core.vocabulary import (
    EntryRestrictionImposed as EntryRestrictionImposed,
)
from tradedispute.core.vocabulary import (
    EntryRestrictionLifted as EntryRestrictionLifted,
)
from tradedispute.core.vocabulary import (
    ExportControlStrengthened as ExportControlStrengthened,
)
from tradedispute.core.vocabulary import NextMeeting as NextMeeting
from tradedispute.core.vocabulary import Outcome as Outcome
from tradedispute.core.vocabulary import RestrictionEased as RestrictionEased
from tradedispute.core.vocabulary import RestrictionImposed as RestrictionImposed
from tradedispute.core.vocabulary import RestrictionLifted as RestrictionLifted
from tradedispute.core.vocabulary import TalksHeld as TalksHeld
from tradedispute.core.vocabulary import VisaWaiverRestored as VisaWaiverRestored
from tradedispute.core.vocabulary import VisaWaiverSuspended as VisaWaiverSuspended
from tradedispute.core.vocabulary import WhitelistRemoved as WhitelistRemoved
from tradedispute.core.vocabulary import WhitelistRestored as WhitelistRestored
from tradedispute.core.vocabulary import (
    WTOAppellateReportCirculated as WTOAppellateReportCirculated,
)
from tradedispute.core.vocabulary import WTOComplaintDropped as WTOComplaintDropped
from tradedispute.core.vocabulary import WTOComplaintFiled as WTOComplaintFiled
from tradedispute.core.vocabulary import WTOComplaintResumed as WTOComplaintResumed
from tradedispute.core.vocabulary import (
    WTOComplianceProceedingsStarted as WTOComplianceProceedingsStarted,
)
from tradedispute.core.vocabulary import WTOPanelComposed as WTOPanelComposed
from tradedispute.core.vocabulary import WTOPanelEstablished as WTOPanelEstablished
from tradedispute.core.vocabulary import WTOPanelLapsed as WTOPanelLapsed
from tradedispute.core.vocabulary import (
    WTOPanelReportAppealed as WTOPanelReportAppealed,
)
from tradedispute.core.vocabulary import (
    WTOPanelReportCirculated as WTOPanelReportCirculated,
)
from tradedispute.core.vocabulary import WTOPanelRequested as WTOPanelRequested
from tradedispute.core.vocabulary import WTOReportAdopted as WTOReportAdopted
from tradedispute.core.vocabulary import (
    WTORetaliationAuthorised as WTORetaliationAuthorised,
)
from tradedispute.core.vocabulary import WTOSolutionAgreed as WTOSolutionAgreed
from tradedispute.core.vocabulary import WTOStep as WTOStep
from tradedispute.exceptions import AppendFailed as AppendFailed
from tradedispute.exceptions import ChainBroken as ChainBroken
from tradedispute.exceptions import ChartError as ChartError
from tradedispute.exceptions import ConcurrencyError as ConcurrencyError
from tradedispute.exceptions import CopyRefused as CopyRefused
from tradedispute.exceptions import CorruptRecord as CorruptRecord
from tradedispute.exceptions import DuplicateEventId as DuplicateEventId
from tradedispute.exceptions import InvalidCorrection as InvalidCorrection
from tradedispute.exceptions import InvalidCountryCode as InvalidCountryCode
from tradedispute.exceptions import InvalidEvent as InvalidEvent
from tradedispute.exceptions import InvalidQuery as InvalidQuery
from tradedispute.exceptions import InvalidTransition as InvalidTransition
from tradedispute.exceptions import LogClosed as LogClosed
from tradedispute.exceptions import MissingExtra as MissingExtra
from tradedispute.exceptions import ReadOnlyLog as ReadOnlyLog
from tradedispute.exceptions import RecordError as RecordError
from tradedispute.exceptions import RegistrationError as RegistrationError
from tradedispute.exceptions import SchemaError as SchemaError
from tradedispute.exceptions import StorageError as StorageError
from tradedispute.exceptions import (
    TradeDisputeError,
)
from tradedispute.exceptions import UnknownEventType as UnknownEventType
from tradedispute.exceptions import UnsupportedFile as UnsupportedFile
from tradedispute.exceptions import UnwritableFile as UnwritableFile
from tradedispute.log.copying import CopyReport as CopyReport
from tradedispute.log.copying import copy_log as copy_log
from tradedispute.log.eventlog import (
    EventLog,
)
from tradedispute.log.eventlog import History as History

try:
    __version__: str = importlib.metadata.version("tradedispute")
    """The installed version of tradedispute (PEP 440), as pip shows it."""
except importlib.metadata.PackageNotFoundError:  # pragma: no cover - not installed
    __version__ = "0+unknown"

__all__ = [
    "DisputeState",
    "EventLog",
    "PolicyState",
    "TradeDisputeError",
    "__version__",
    "codec",
    "exceptions",
    "replay",
    "stores",
    "to_json",
    "views",
]
