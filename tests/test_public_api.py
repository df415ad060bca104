"""The public surface: what imports from `tradedispute`, help(), and the public JSON."""

import ast
import contextlib
import datetime as dt
import importlib
import io
import json
import pydoc
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tradedispute
from tradedispute import DisputeState, EventLog, WhitelistRemoved, to_json
from tradedispute.cli import main
from tradedispute.exceptions import InvalidQuery
from tradedispute.testing import event_logs

D = dt.date
INIT = Path(tradedispute.__file__)

#: Every name `tradedispute.__all__` listed before it became the front door
#: only: each is a promise the docs, the README and users' code rely on.
PROMISED = [
    "ALL",
    "CASE_STAGES",
    "EU_MEMBERS",
    "Agreement",
    "AgreementEnteredIntoForce",
    "AgreementEvent",
    "AgreementResumed",
    "AgreementSigned",
    "AgreementStatus",
    "AgreementSuspended",
    "AgreementTerminated",
    "AgreementTerminationNoticed",
    "AgreementTerminationSuspended",
    "AgreementTerminationWithdrawn",
    "AppendFailed",
    "CaseStage",
    "CaseStatus",
    "ChainBroken",
    "ConcurrencyError",
    "CopyRefused",
    "CopyReport",
    "Correction",
    "CorruptRecord",
    "CountryMove",
    "Demand",
    "DemandDropped",
    "DemandMade",
    "DemandMet",
    "DisputeState",
    "DropMode",
    "DuplicateEventId",
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
    "InvalidCorrection",
    "InvalidCountryCode",
    "InvalidEvent",
    "InvalidQuery",
    "InvalidTransition",
    "Kind",
    "LogClosed",
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
    "MissingExtra",
    "Negotiation",
    "NextMeeting",
    "Outcome",
    "PolicyState",
    "Precision",
    "Products",
    "Rate",
    "RateChange",
    "ReadOnlyLog",
    "RecordError",
    "RecordedEvent",
    "Reducer",
    "RegistrationError",
    "Restriction",
    "RestrictionEased",
    "RestrictionImposed",
    "RestrictionLifted",
    "SchemaError",
    "Scope",
    "Source",
    "StorageError",
    "TalksHeld",
    "TalksRound",
    "TerminationNotice",
    "Tier",
    "TradeDisputeError",
    "UnilateralStep",
    "UnknownEventType",
    "UnsupportedFile",
    "UnwritableFile",
    "VisaWaiverRestored",
    "VisaWaiverSuspended",
    "VisaWaiverSuspension",
    "WTOAppellateReportCirculated",
    "WTOCase",
    "WTOComplaintDropped",
    "WTOComplaintFiled",
    "WTOComplaintResumed",
    "WTOComplianceProceedingsStarted",
    "WTOPanelComposed",
    "WTOPanelEstablished",
    "WTOPanelLapsed",
    "WTOPanelReportAppealed",
    "WTOPanelReportCirculated",
    "WTOPanelRequested",
    "WTOReportAdopted",
    "WTORetaliationAuthorised",
    "WTOSolutionAgreed",
    "WTOStep",
    "WhitelistRemoved",
    "WhitelistRestored",
    "__version__",
    "apply",
    "codec",
    "copy_log",
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
    "shown_date",
    "state_on",
    "stores",
    "views",
]

#: How long help(tradedispute) may be. The guide is ~30 lines; pydoc then
#: documents each class in __all__ in full, and EventLog alone is ~420 lines,
#: DisputeState ~220: the front door fits in 1,000 lines, where the 140 names
#: it listed before took 10,576. A name added to __all__ must fit in it too.
HELP_LINES = 1_000


def explicitly_exported() -> set[str]:
    """The names __init__ re-exports for type checkers: ``X as X`` or in __all__."""
    tree = ast.parse(INIT.read_text(encoding="utf-8"))
    found = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.asname == alias.name
    }
    return found | set(tradedispute.__all__)


@pytest.mark.parametrize("name", PROMISED)
def test_every_promised_name_still_imports_from_the_top(name):
    """A name leaves __all__ only to stay importable, and typed as exported."""
    exec(f"from tradedispute import {name}", {})
    assert name in explicitly_exported() | {"__version__", "codec", "stores"}


def test_all_is_the_front_door_and_each_name_in_it_imports():
    assert [] == [n for n in tradedispute.__all__ if not hasattr(tradedispute, n)]
    assert {"EventLog", "DisputeState", "to_json", "TradeDisputeError"} <= set(
        tradedispute.__all__
    )


def test_help_is_a_page_that_opens_with_the_guide():
    """help(tradedispute) was 10,576 lines through private modules."""
    page = pydoc.render_doc(tradedispute, renderer=pydoc.plaintext)
    assert len(page.splitlines()) < HELP_LINES
    guide = page[: page.index("PACKAGE CONTENTS")]
    for entry in ("EventLog", "append", "state_at", "to_frame", "to_json"):
        assert entry in guide


# --- the public JSON ------------------------------------------------------------


def a_state() -> tuple[EventLog, DisputeState]:
    log = EventLog()
    log.append(WhitelistRemoved(actor="JPN", target="KOR", effective=D(2019, 8, 28)))
    return log, log.state_at(D(2019, 9, 1))


@given(log=event_logs(), day=st.dates(D(1994, 1, 1), D(2036, 12, 31)))
def test_to_json_is_the_document_to_dict_returns_as_json_text(log, day):
    """Law: json.loads(to_json(s, d)) == s.to_dict(d), for any state and day."""
    state = log.state_at(day)
    document = state.to_dict(day)
    assert document == json.loads(to_json(state, day))
    assert document == json.loads(to_json(state, day, indent=None))
    assert day.isoformat() == document["as_of"]


def test_the_cli_prints_to_json_of_the_state(tmp_path):
    """`tradedispute state --json` prints exactly to_json(state, day) and a newline."""
    log, _ = a_state()
    path = tmp_path / "log.jsonl"
    with EventLog.open(path) as stored:
        stored.extend(log.events())
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["state", str(path), "--at", "2019-09-01", "--json"])
    assert 0 == code
    with EventLog.open(path) as stored:
        state = stored.state_at(D(2019, 9, 1))
    assert to_json(state, D(2019, 9, 1)) + "\n" == out.getvalue()


@pytest.mark.parametrize(
    "day",
    [
        D(2019, 9, 1),
        "2019-09-01",
        dt.datetime(2019, 9, 1),
        importlib.import_module("pandas").Timestamp("2019-09-01"),
    ],
    ids=["date", "iso", "midnight datetime", "pandas Timestamp"],
)
def test_the_day_of_a_document_is_taken_as_questions_take_it(day):
    _, state = a_state()
    assert "2019-09-01" == state.to_dict(day)["as_of"]
    assert "2019-09-01" == json.loads(to_json(state, day))["as_of"]


@pytest.mark.parametrize(
    ("day", "says"),
    [
        (dt.datetime(2019, 9, 1, 12, 30), "time of day"),
        ("2019-02-30", "no day"),
        (None, "must be a day"),
    ],
)
def test_a_document_for_no_day_is_refused_saying_why(day, says):
    """A state does not know its day: the day given must be one."""
    _, state = a_state()
    for write in (state.to_dict, lambda d: to_json(state, d)):
        with pytest.raises(InvalidQuery, match=says):
            write(day)


def test_to_json_keeps_text_outside_ascii():
    log = EventLog()
    log.append(
        tradedispute.RestrictionImposed(
            actor="JPN",
            target="KOR",
            effective=D(2019, 7, 4),
            items=frozenset({"polyimide fluoré"}),
            measure="licence (個別)",
        )
    )
    text = to_json(log.state_at(D(2019, 7, 4)), D(2019, 7, 4))
    assert "licence (個別)" in text
    assert "polyimide fluoré" in text
