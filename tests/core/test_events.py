"""Construction-time validation of every event type: a bad event never exists."""

import datetime as dt
import math
from typing import Any

import attrs
import pytest
from hypothesis import given

from tradedispute import (
    ALL,
    AgreementEnteredIntoForce,
    AgreementEvent,
    AgreementResumed,
    AgreementSigned,
    AgreementSuspended,
    AgreementTerminated,
    AgreementTerminationNoticed,
    AgreementTerminationSuspended,
    AgreementTerminationWithdrawn,
    CountryMove,
    DemandDropped,
    DemandMade,
    DemandMet,
    EntryRestrictionImposed,
    EntryRestrictionLifted,
    Event,
    ExportControlStrengthened,
    MeasureAnnounced,
    MeasureEvent,
    MeasureImposed,
    NextMeeting,
    RestrictionEased,
    RestrictionImposed,
    RestrictionLifted,
    Source,
    TalksHeld,
    TradeDisputeError,
    VisaWaiverRestored,
    VisaWaiverSuspended,
    WhitelistRemoved,
    WhitelistRestored,
    WTOAppellateReportCirculated,
    WTOComplaintDropped,
    WTOComplaintFiled,
    WTOComplaintResumed,
    WTOComplianceProceedingsStarted,
    WTOPanelComposed,
    WTOPanelEstablished,
    WTOPanelLapsed,
    WTOPanelReportAppealed,
    WTOPanelReportCirculated,
    WTOPanelRequested,
    WTOReportAdopted,
    WTORetaliationAuthorised,
    WTOSolutionAgreed,
)
from tradedispute.core.countries import is_country_code
from tradedispute.core.vocabulary import EVENT_TYPES
from tradedispute.exceptions import InvalidEvent
from tradedispute.testing import events

DAY = dt.date(2019, 7, 4)
MOVE = {"actor": "JPN", "target": "KOR"}

NEW_CASE_TYPES = [
    WTOPanelComposed,
    WTOPanelReportCirculated,
    WTOPanelReportAppealed,
    WTOAppellateReportCirculated,
    WTOReportAdopted,
    WTOComplianceProceedingsStarted,
    WTORetaliationAuthorised,
    WTOSolutionAgreed,
    WTOPanelLapsed,
]
AGREEMENT_TYPES = [
    AgreementSigned,
    AgreementEnteredIntoForce,
    AgreementSuspended,
    AgreementResumed,
    AgreementTerminated,
]
PHASE_ONE = {"agreement": "Phase One", "parties": {"USA", "CHN"}}

# The fields each type needs beyond id and effective, all valid.
VALID_FIELDS: dict[type[Event], dict[str, Any]] = {
    RestrictionImposed: {
        **MOVE,
        "items": {"photoresist"},
        "measure": "individual export licence",
    },
    RestrictionEased: {**MOVE, "items": {"photoresist"}},
    RestrictionLifted: {**MOVE, "items": {"photoresist"}},
    WhitelistRemoved: {**MOVE},
    WhitelistRestored: {**MOVE},
    WTOComplaintFiled: {**MOVE, "case": "DS590"},
    WTOComplaintDropped: {**MOVE, "case": "DS590", "mode": "suspended"},
    WTOComplaintResumed: {**MOVE, "case": "DS590"},
    WTOPanelRequested: {**MOVE, "case": "DS590"},
    WTOPanelEstablished: {**MOVE, "case": "DS590"},
    TalksHeld: {
        "parties": {"JPN", "KOR"},
        "level": "director general",
        "format": "video",
        "outcome": "no_deal",
    },
    DemandMade: {**MOVE, "demand": "restore export rules"},
    DemandMet: {**MOVE, "demand": "restore export rules"},
    DemandDropped: {**MOVE, "demand": "restore export rules"},
    VisaWaiverSuspended: {**MOVE},
    VisaWaiverRestored: {**MOVE},
    EntryRestrictionImposed: {**MOVE},
    EntryRestrictionLifted: {**MOVE},
    AgreementTerminationNoticed: {**MOVE, "agreement": "GSOMIA"},
    AgreementTerminationSuspended: {**MOVE, "agreement": "GSOMIA"},
    AgreementTerminationWithdrawn: {**MOVE, "agreement": "GSOMIA"},
    ExportControlStrengthened: {**MOVE, "detail": "25% more staff at KOSTI"},
    **{step: {**MOVE, "case": "DS590"} for step in NEW_CASE_TYPES},
    **{kind: {**PHASE_ONE} for kind in AGREEMENT_TYPES},
}
ALL_TYPES = list(VALID_FIELDS)
MOVE_TYPES = [t for t in ALL_TYPES if issubclass(t, CountryMove)]
ITEM_TYPES = [RestrictionImposed, RestrictionEased, RestrictionLifted]
CASE_TYPES = [
    WTOComplaintFiled,
    WTOComplaintDropped,
    WTOComplaintResumed,
    WTOPanelRequested,
    WTOPanelEstablished,
    *NEW_CASE_TYPES,
]


def build(event_type: type[Event], **changes: Any) -> Any:
    """Build *event_type* from valid fields, overridden by *changes*."""
    fields = {"effective": DAY, **VALID_FIELDS[event_type], **changes}
    return event_type(**fields)


def talks(**changes: Any) -> TalksHeld:
    """Build a valid `TalksHeld`, overridden by *changes*."""
    return build(TalksHeld, **changes)


# --- every type ---------------------------------------------------------------


def test_vocabulary_table_covers_every_built_in_type() -> None:
    """The tests below cover every built-in event type, all but talks moves."""
    assert set(EVENT_TYPES) == set(ALL_TYPES)
    assert [TalksHeld, *AGREEMENT_TYPES] == [
        t for t in EVENT_TYPES if not issubclass(t, CountryMove)
    ]


@pytest.mark.parametrize("event_type", ALL_TYPES)
def test_valid_fields_build_an_event(event_type: type[Event]) -> None:
    """Valid fields build an event that keeps them as given."""
    event = build(event_type, id="event-1", note="context")

    assert "event-1" == event.id
    assert DAY == event.effective
    assert event.announced is None
    assert event.source is None
    assert "context" == event.note


@pytest.mark.parametrize("event_type", MOVE_TYPES)
@pytest.mark.parametrize("field", ["actor", "target"])
def test_bad_country_code_is_rejected(event_type: type[Event], field: str) -> None:
    """An actor or target that is not an ISO 3166-1 alpha-3 code is rejected."""
    with pytest.raises(InvalidEvent) as excinfo:
        build(event_type, **{field: "XYZ"})

    assert field == excinfo.value.field
    assert event_type.__name__ == excinfo.value.event_type
    assert "'XYZ' is not an ISO 3166-1 alpha-3 country code" in str(excinfo.value)


@pytest.mark.parametrize("code", ["JP", 392, None, "", "Japan"])
def test_non_alpha_3_actor_is_rejected(code: object) -> None:
    """Alpha-2 codes, numbers, None, blanks and names are not actor codes."""
    with pytest.raises(InvalidEvent, match="actor"):
        build(WhitelistRemoved, actor=code)


def test_lower_case_code_suggests_upper_case() -> None:
    """The message for 'kor' suggests 'KOR'."""
    with pytest.raises(InvalidEvent) as excinfo:
        build(WhitelistRemoved, target="kor")

    assert "did you mean 'KOR'" in str(excinfo.value)


def test_alpha_2_code_suggests_alpha_3() -> None:
    """The message for 'KR' suggests 'KOR'."""
    with pytest.raises(InvalidEvent) as excinfo:
        build(WhitelistRemoved, target="KR")

    assert "did you mean 'KOR'" in str(excinfo.value)


@pytest.mark.parametrize("event_type", MOVE_TYPES)
def test_self_target_is_rejected(event_type: type[Event]) -> None:
    """A country cannot target itself."""
    with pytest.raises(InvalidEvent) as excinfo:
        build(event_type, actor="KOR", target="KOR")

    assert "target" == excinfo.value.field
    assert "a country cannot target itself" in str(excinfo.value)


@pytest.mark.parametrize("event_type", MOVE_TYPES)
def test_european_union_is_accepted_as_actor_and_target(
    event_type: type[Event],
) -> None:
    """'EUN', the WTO's code for the EU, is a valid actor and target."""
    as_actor = build(event_type, actor="EUN", target="KOR")
    as_target = build(event_type, actor="JPN", target="EUN")

    assert "EUN" == as_actor.actor
    assert "EUN" == as_target.target


def test_european_union_is_accepted_as_party() -> None:
    """'EUN' may sit at the table in talks."""
    event = talks(parties={"EUN", "JPN"})

    assert frozenset({"EUN", "JPN"}) == event.parties


def test_invalid_event_message_names_type_id_date_and_field() -> None:
    """The message says which event, on which day, and which field is wrong."""
    with pytest.raises(InvalidEvent) as excinfo:
        build(WhitelistRemoved, id="jpn-whitelist", target="JPN")

    assert str(excinfo.value).startswith(
        "WhitelistRemoved 'jpn-whitelist' effective 2019-07-04: field 'target'"
    )


def test_invalid_event_is_a_trade_dispute_error_and_value_error() -> None:
    """Callers can catch InvalidEvent as TradeDisputeError or ValueError."""
    assert issubclass(InvalidEvent, TradeDisputeError)
    assert issubclass(InvalidEvent, ValueError)


# --- dates --------------------------------------------------------------------


@pytest.mark.parametrize("event_type", ALL_TYPES)
def test_datetime_is_rejected_as_effective(event_type: type[Event]) -> None:
    """The effective day is a date, not a datetime."""
    with pytest.raises(InvalidEvent) as excinfo:
        build(event_type, effective=dt.datetime(2019, 7, 4, 9, 0))

    assert "effective" == excinfo.value.field
    assert "must be a datetime.date" in str(excinfo.value)


@pytest.mark.parametrize("value", ["2019-07-04", None, 20190704])
def test_non_date_is_rejected_as_effective(value: object) -> None:
    """A string, None or a number is not an effective date."""
    with pytest.raises(InvalidEvent, match="effective"):
        build(WhitelistRemoved, effective=value)


def test_datetime_is_rejected_as_announced() -> None:
    """The announcement day is a date, not a datetime."""
    with pytest.raises(InvalidEvent) as excinfo:
        build(WhitelistRemoved, announced=dt.datetime(2019, 7, 1, 12, 0))

    assert "announced" == excinfo.value.field


def test_announced_date_is_kept() -> None:
    """An announcement day before the effective day is kept as given."""
    event = build(WhitelistRemoved, announced=dt.date(2019, 7, 1))

    assert dt.date(2019, 7, 1) == event.announced


def test_datetime_is_rejected_as_source_published() -> None:
    """A source's publication day is a date, not a datetime."""
    with pytest.raises(InvalidEvent) as excinfo:
        Source(title="t", publisher="Yonhap", published=dt.datetime(2020, 3, 11))

    assert "published" == excinfo.value.field
    assert "Source" == excinfo.value.event_type


def test_datetime_is_rejected_as_next_meeting_date() -> None:
    """A next meeting's date is a date, not a datetime."""
    with pytest.raises(InvalidEvent) as excinfo:
        NextMeeting(place="Seoul", date=dt.datetime(2020, 4, 1, 10, 0))

    assert "date" == excinfo.value.field


# --- ids and free text --------------------------------------------------------


@pytest.mark.parametrize("value", ["", "   ", 7, None])
def test_blank_or_non_string_id_is_rejected(value: object) -> None:
    """An event id is a non-blank string."""
    with pytest.raises(InvalidEvent) as excinfo:
        build(WhitelistRemoved, id=value)

    assert "id" == excinfo.value.field


def test_non_string_note_is_rejected() -> None:
    """A note is a string (possibly empty)."""
    with pytest.raises(InvalidEvent) as excinfo:
        build(WhitelistRemoved, note=None)

    assert "note" == excinfo.value.field


def test_non_source_is_rejected_as_source() -> None:
    """A citation is a Source, not a bare string."""
    with pytest.raises(InvalidEvent) as excinfo:
        build(WhitelistRemoved, source="Yonhap")

    assert "source" == excinfo.value.field


@pytest.mark.parametrize(
    ("event_type", "field"),
    [
        (RestrictionImposed, "measure"),
        (DemandMade, "demand"),
        (DemandMet, "demand"),
        (DemandDropped, "demand"),
        (AgreementTerminationNoticed, "agreement"),
        (AgreementTerminationSuspended, "agreement"),
        (ExportControlStrengthened, "detail"),
        (TalksHeld, "level"),
        (TalksHeld, "format"),
    ],
)
def test_blank_required_text_is_rejected(event_type: type[Event], field: str) -> None:
    """Required text fields must not be blank."""
    with pytest.raises(InvalidEvent) as excinfo:
        build(event_type, **{field: "  "})

    assert field == excinfo.value.field


@pytest.mark.parametrize(
    ("event_type", "field"),
    [
        (RestrictionEased, "detail"),
        (WhitelistRemoved, "list_name"),
        (WhitelistRestored, "list_name"),
        (WTOComplaintFiled, "subject"),
        (EntryRestrictionImposed, "detail"),
    ],
)
def test_optional_text_must_be_a_string(event_type: type[Event], field: str) -> None:
    """Optional text fields may be empty but must be strings."""
    assert "" == getattr(build(event_type), field)
    with pytest.raises(InvalidEvent) as excinfo:
        build(event_type, **{field: None})

    assert field == excinfo.value.field


def test_generated_ids_are_unique() -> None:
    """Events built without an id each get a fresh one."""
    ids = {build(WhitelistRemoved).id for _ in range(200)}

    assert len(ids) == 200


def test_generated_id_is_uuid_hex() -> None:
    """A generated id is 32 lower-case hex digits."""
    event_id = build(WhitelistRemoved).id

    assert len(event_id) == 32
    assert set(event_id) <= set("0123456789abcdef")


# --- items --------------------------------------------------------------------


@pytest.mark.parametrize("event_type", ITEM_TYPES)
@pytest.mark.parametrize("items", [set(), [], frozenset(), ()])
def test_empty_items_are_rejected(event_type: type[Event], items: object) -> None:
    """An export restriction event names at least one item."""
    with pytest.raises(InvalidEvent) as excinfo:
        build(event_type, items=items)

    assert "items" == excinfo.value.field
    assert "must name at least one item" in str(excinfo.value)


@pytest.mark.parametrize("event_type", ITEM_TYPES)
@pytest.mark.parametrize("items", [{"photoresist", " "}, {""}, "", {3}])
def test_blank_or_non_string_item_is_rejected(
    event_type: type[Event], items: object
) -> None:
    """Every item is a non-blank string."""
    with pytest.raises(InvalidEvent) as excinfo:
        build(event_type, items=items)

    assert "items" == excinfo.value.field
    assert "items are non-empty strings" in str(excinfo.value)


@pytest.mark.parametrize("event_type", ITEM_TYPES)
def test_bare_string_items_is_taken_as_one_item(event_type: type[Event]) -> None:
    """A bare string is one item, not a set of characters."""
    event = build(event_type, items="hydrogen fluoride")

    assert frozenset({"hydrogen fluoride"}) == event.items


@pytest.mark.parametrize("event_type", ITEM_TYPES)
def test_items_are_converted_to_a_frozenset(event_type: type[Event]) -> None:
    """A list of items becomes a frozenset, duplicates merged."""
    event = build(event_type, items=["photoresist", "photoresist", "polyimide"])

    assert frozenset({"photoresist", "polyimide"}) == event.items


# --- the WTO ------------------------------------------------------------------


@pytest.mark.parametrize("event_type", CASE_TYPES)
@pytest.mark.parametrize(
    "case", ["DS0", "DS059", "ds590", "590", "DS", "DS590a", "DS 590", " DS590", 590]
)
def test_malformed_wto_case_id_is_rejected(
    event_type: type[Event], case: object
) -> None:
    """A WTO dispute number is 'DS' and a number without a leading zero."""
    with pytest.raises(InvalidEvent) as excinfo:
        build(event_type, case=case)

    assert "case" == excinfo.value.field
    assert "a WTO dispute number looks like 'DS590'" in str(excinfo.value)


@pytest.mark.parametrize("event_type", CASE_TYPES)
@pytest.mark.parametrize("case", ["DS1", "DS590", "DS1000"])
def test_well_formed_wto_case_id_is_accepted(
    event_type: type[Event], case: str
) -> None:
    """'DS' and a positive number is a WTO dispute number."""
    assert case == build(event_type, case=case).case


@pytest.mark.parametrize("mode", ["suspended", "withdrawn"])
def test_drop_mode_suspended_or_withdrawn_is_accepted(mode: str) -> None:
    """A case is dropped by suspending or withdrawing it."""
    assert mode == build(WTOComplaintDropped, mode=mode).mode


@pytest.mark.parametrize("mode", ["paused", "active", "Suspended", "", None])
def test_other_drop_mode_is_rejected(mode: object) -> None:
    """Any other drop mode is rejected, naming the valid ones."""
    with pytest.raises(InvalidEvent) as excinfo:
        build(WTOComplaintDropped, mode=mode)

    assert "mode" == excinfo.value.field
    assert "valid values are 'suspended', 'withdrawn'" in str(excinfo.value)


# --- talks --------------------------------------------------------------------


@pytest.mark.parametrize("outcome", ["no_deal", "progress", "agreement"])
def test_known_talks_outcome_is_accepted(outcome: str) -> None:
    """A round ends in no deal, progress or agreement."""
    assert outcome == talks(outcome=outcome).outcome


@pytest.mark.parametrize("outcome", ["deal", "No deal", "", None])
def test_other_talks_outcome_is_rejected(outcome: object) -> None:
    """Any other outcome is rejected, naming the valid ones."""
    with pytest.raises(InvalidEvent) as excinfo:
        talks(outcome=outcome)

    assert "outcome" == excinfo.value.field
    assert "valid values are 'no_deal', 'progress', 'agreement'" in str(excinfo.value)


@pytest.mark.parametrize("parties", [set(), {"JPN"}, "JPN", ["KOR", "KOR"]])
def test_talks_with_fewer_than_two_parties_are_rejected(parties: object) -> None:
    """Talks need two or more different parties."""
    with pytest.raises(InvalidEvent) as excinfo:
        talks(parties=parties)

    assert "parties" == excinfo.value.field
    assert "talks need two or more parties" in str(excinfo.value)


def test_talks_with_three_parties_are_accepted() -> None:
    """Trilateral talks are talks."""
    event = talks(parties=["CHN", "JPN", "KOR"])

    assert frozenset({"CHN", "JPN", "KOR"}) == event.parties


def test_talks_party_code_is_validated() -> None:
    """Every party is a country code; the message suggests the right one."""
    with pytest.raises(InvalidEvent) as excinfo:
        talks(parties={"JPN", "KR"})

    assert "parties" == excinfo.value.field
    assert "did you mean 'KOR'" in str(excinfo.value)


@pytest.mark.parametrize("hours", [None, 0, 16, 2.5])
def test_non_negative_duration_is_accepted(hours: float | None) -> None:
    """A duration is None or a number of hours >= 0."""
    assert hours == talks(duration_hours=hours).duration_hours


@pytest.mark.parametrize("hours", [-1, -0.5, math.nan, True, False, "16"])
def test_bad_duration_is_rejected(hours: object) -> None:
    """Negative, NaN, bool and string durations are rejected."""
    with pytest.raises(InvalidEvent) as excinfo:
        talks(duration_hours=hours)

    assert "duration_hours" == excinfo.value.field
    assert "give hours as a number >= 0 or None" in str(excinfo.value)


def test_bare_string_agreed_is_taken_as_one_point() -> None:
    """A bare string of agreed points is one point."""
    event = talks(agreed="boost cooperation on export control policy")

    assert frozenset({"boost cooperation on export control policy"}) == event.agreed


def test_blank_agreed_point_is_rejected() -> None:
    """Every agreed point is a non-blank string."""
    with pytest.raises(InvalidEvent) as excinfo:
        talks(agreed={"boost cooperation", " "})

    assert "agreed" == excinfo.value.field


def test_agreed_defaults_to_empty() -> None:
    """A round without agreed points has an empty set."""
    assert frozenset() == talks().agreed


@pytest.mark.parametrize(
    "fields",
    [
        {"place": "Seoul"},
        {"date": dt.date(2020, 4, 1)},
        {"timing": "near future"},
        {"place": "Seoul", "date": dt.date(2020, 4, 1), "timing": "April"},
    ],
)
def test_next_meeting_with_place_date_or_timing_is_accepted(
    fields: dict[str, Any],
) -> None:
    """A next meeting is announced by a place, a date or a timing."""
    meeting = NextMeeting(**fields)

    assert fields == {name: getattr(meeting, name) for name in fields}


@pytest.mark.parametrize("fields", [{}, {"place": "", "timing": ""}])
def test_next_meeting_without_place_date_or_timing_is_rejected(
    fields: dict[str, Any],
) -> None:
    """A next meeting needs at least a place, a date or a timing."""
    with pytest.raises(InvalidEvent) as excinfo:
        NextMeeting(**fields)

    assert "NextMeeting" == excinfo.value.event_type
    assert "needs place, date or timing" in str(excinfo.value)


def test_next_meeting_must_be_a_next_meeting() -> None:
    """A talks event's next meeting is a NextMeeting, not a string."""
    with pytest.raises(InvalidEvent) as excinfo:
        talks(next_meeting="Seoul")

    assert "next_meeting" == excinfo.value.field


# --- people -------------------------------------------------------------------


@pytest.mark.parametrize("days", [None, 0, 14])
def test_whole_non_negative_quarantine_days_are_accepted(days: int | None) -> None:
    """Quarantine is None or whole days >= 0."""
    assert days == build(EntryRestrictionImposed, quarantine_days=days).quarantine_days


@pytest.mark.parametrize("days", [-1, True, False, 14.0, 1.5, "14"])
def test_bad_quarantine_days_are_rejected(days: object) -> None:
    """Negative, bool, fractional and string quarantine days are rejected."""
    with pytest.raises(InvalidEvent) as excinfo:
        build(EntryRestrictionImposed, quarantine_days=days)

    assert "quarantine_days" == excinfo.value.field
    assert "give whole days >= 0 or None" in str(excinfo.value)


@pytest.mark.parametrize("flag", [True, False])
def test_visas_invalidated_bool_is_accepted(flag: bool) -> None:
    """Whether issued visas were invalidated is True or False."""
    assert flag is build(VisaWaiverSuspended, visas_invalidated=flag).visas_invalidated


@pytest.mark.parametrize("flag", [1, 0, "yes", None])
def test_visas_invalidated_must_be_bool(flag: object) -> None:
    """A merely truthy or falsy visas_invalidated is rejected."""
    with pytest.raises(InvalidEvent) as excinfo:
        build(VisaWaiverSuspended, visas_invalidated=flag)

    assert "visas_invalidated" == excinfo.value.field
    assert "must be True or False" in str(excinfo.value)


# --- sources ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", [None, "https://m-en.yna.co.kr/view/1", "http://www.meti.go.jp/"]
)
def test_source_with_http_url_or_none_is_accepted(url: str | None) -> None:
    """A source's URL is http(s) or None."""
    assert url == Source(title="t", publisher="Yonhap", url=url).url


@pytest.mark.parametrize(
    "url", ["ftp://example.org/x", "www.yna.co.kr", "", "HTTPS://X.ORG", 7]
)
def test_source_with_other_url_is_rejected(url: object) -> None:
    """Any other URL scheme, or no scheme, is rejected."""
    with pytest.raises(InvalidEvent) as excinfo:
        Source(title="t", publisher="Yonhap", url=url)

    assert "url" == excinfo.value.field
    assert "must be an http(s) URL or None" in str(excinfo.value)


@pytest.mark.parametrize("field", ["title", "publisher"])
def test_source_needs_title_and_publisher(field: str) -> None:
    """A source's title and publisher are non-blank."""
    fields = {"title": "t", "publisher": "Yonhap", field: ""}
    with pytest.raises(InvalidEvent) as excinfo:
        Source(**fields)

    assert field == excinfo.value.field


# --- values -------------------------------------------------------------------


@pytest.mark.parametrize("event_type", ALL_TYPES)
def test_events_are_frozen(event_type: type[Event]) -> None:
    """Assigning to an event's field raises FrozenInstanceError."""
    event = build(event_type)

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        event.effective = dt.date(2020, 1, 1)  # type: ignore[misc]
    assert DAY == event.effective


def test_source_and_next_meeting_are_frozen() -> None:
    """Citations and next meetings cannot be changed either."""
    source = Source(title="t", publisher="Yonhap")
    meeting = NextMeeting(place="Seoul")

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        source.title = "u"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        meeting.place = "Tokyo"  # type: ignore[misc]


@pytest.mark.parametrize("event_type", ALL_TYPES)
def test_events_compare_equal_by_value(event_type: type[Event]) -> None:
    """Two events with equal fields are equal and hash alike."""
    first = build(event_type, id="same")
    second = build(event_type, id="same")

    assert first == second
    assert hash(first) == hash(second)
    assert first is not second


def test_events_with_different_ids_are_not_equal() -> None:
    """The id is part of an event's value."""
    assert build(WhitelistRemoved, id="a") != build(WhitelistRemoved, id="b")


def test_events_of_different_types_are_not_equal() -> None:
    """Equal fields in different types are different events."""
    assert build(WhitelistRemoved, id="a") != build(WhitelistRestored, id="a")


def test_items_given_in_any_order_make_equal_events() -> None:
    """Items are a set: order and duplicates do not matter."""
    first = build(RestrictionLifted, id="a", items=["b", "a", "a"])
    second = build(RestrictionLifted, id="a", items=("a", "b"))

    assert first == second


@given(events())
def test_drawn_events_are_valid_hashable_values(event: Event) -> None:
    """Every drawn event has valid codes, no self-target, and is a hashable value."""
    if isinstance(event, CountryMove):
        assert is_country_code(event.actor)
        assert is_country_code(event.target)
        assert event.actor != event.target
    elif isinstance(event, MeasureImposed | MeasureAnnounced):
        assert is_country_code(event.actor)
        assert event.actor not in event.targets
        assert event.targets == {ALL} or all(map(is_country_code, event.targets))
    elif isinstance(event, MeasureEvent):
        assert event.measure.strip() == event.measure
    else:
        assert isinstance(event, TalksHeld | AgreementEvent)
        assert len(event.parties) >= 2
        assert all(is_country_code(party) for party in event.parties)
    copy = attrs.evolve(event)
    assert copy == event
    assert hash(copy) == hash(event)
    assert {event} == {copy}


@pytest.mark.parametrize("event_type", ITEM_TYPES)
@pytest.mark.parametrize("items", [None, 5, [["unhashable"]]])
def test_items_that_are_not_a_set_of_names_are_rejected(
    event_type: type[Event], items: object
) -> None:
    """Items that cannot be a set of names raise InvalidEvent, not TypeError."""
    with pytest.raises(InvalidEvent) as excinfo:
        build(event_type, items=items)

    assert "items" == excinfo.value.field
    assert "must be a set of names such as {'photoresist'}" in str(excinfo.value)


@pytest.mark.parametrize("field", ["parties", "agreed"])
def test_talks_name_sets_that_are_not_sets_are_rejected(field: str) -> None:
    """Parties and agreed that cannot be a set of names raise InvalidEvent."""
    with pytest.raises(InvalidEvent) as excinfo:
        talks(**{field: None})

    assert field == excinfo.value.field


def test_next_meeting_of_blanks_only_is_rejected() -> None:
    """A next meeting whose place and timing are blank names nothing."""
    with pytest.raises(InvalidEvent, match="needs place, date or timing"):
        NextMeeting(place="   ", timing=" ")
