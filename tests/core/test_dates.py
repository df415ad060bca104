"""Dates known only to the month or the year: kept, checked, shown and stored."""

import datetime as dt
import json

import attrs
import pytest
from hypothesis import given

from tradedispute import (
    EventCorrected,
    EventLog,
    TalksHeld,
    WhitelistRemoved,
    shown_date,
)
from tradedispute.codec import decode, encode
from tradedispute.exceptions import InvalidEvent
from tradedispute.testing import events

MOMENT = dt.datetime(2020, 6, 1, tzinfo=dt.UTC)


def removed(**fields: object) -> WhitelistRemoved:
    return WhitelistRemoved(**{"id": "w", "actor": "JPN", "target": "KOR", **fields})


def test_a_date_is_known_to_the_day_by_default() -> None:
    """Without a precision, the date is a day's, shown in full."""
    event = removed(effective=dt.date(2019, 8, 28))

    assert "day" == event.precision
    assert "2019-08-28" == shown_date(event)


@pytest.mark.parametrize(
    ("precision", "effective", "shown"),
    [("month", dt.date(2020, 5, 1), "2020-05"), ("year", dt.date(2020, 1, 1), "2020")],
)
def test_a_month_or_a_year_is_shown_as_such(precision, effective, shown) -> None:
    """The event is effective on the first day, and shown as the month or year."""
    event = removed(effective=effective, precision=precision)

    assert shown == shown_date(event)


@pytest.mark.parametrize(
    ("precision", "effective", "valid"),
    [
        ("month", dt.date(2020, 5, 14), "the 1st of its month: 2020-05-01"),
        ("year", dt.date(2020, 5, 1), "1 January: 2020-01-01"),
        ("year", dt.date(2020, 1, 14), "1 January: 2020-01-01"),
    ],
)
def test_a_month_or_a_year_starts_on_its_first_day(precision, effective, valid) -> None:
    """The message names the field and the date that would be valid."""
    with pytest.raises(InvalidEvent) as caught:
        removed(effective=effective, precision=precision)

    assert "precision" == caught.value.field
    assert valid in str(caught.value)


def test_a_precision_is_day_month_or_year() -> None:
    """Any other word is refused, naming the valid ones."""
    with pytest.raises(InvalidEvent) as caught:
        removed(effective=dt.date(2020, 1, 1), precision="week")

    assert "'day', 'month', 'year'" in str(caught.value)


def test_a_month_event_is_in_force_from_the_first_of_the_month() -> None:
    """Replay places it on its first day: in the month, not the day before."""
    log = EventLog()
    log.append(removed(effective=dt.date(2020, 5, 1), precision="month"))

    assert set() == log.state_at(dt.date(2020, 4, 30)).country("JPN").whitelist_excluded
    assert {"KOR"} == log.state_at(dt.date(2020, 5, 1)).country(
        "JPN"
    ).whitelist_excluded


def test_a_record_of_a_day_has_no_precision_key() -> None:
    """Records of day-precise events are as earlier versions wrote them."""
    record = json.loads(
        encode(removed(effective=dt.date(2019, 8, 28)), seq=1, recorded_at=MOMENT)
    )

    assert "precision" not in record


def test_a_record_without_precision_reads_as_a_day() -> None:
    """A record written before the field existed decodes, to a day's date."""
    old = (
        '{"actor":"JPN","announced":null,"effective":"2019-08-28","id":"w",'
        '"list_name":"","note":"","recorded_at":"2020-06-01T00:00:00.000000Z",'
        '"schema":1,"seq":1,"source":null,"target":"KOR",'
        '"type":"WhitelistRemoved"}'
    )

    event = decode(old, location="old.jsonl").event

    assert removed(effective=dt.date(2019, 8, 28)) == event
    assert old.encode() == encode(event, seq=1, recorded_at=MOMENT)


def test_a_month_is_stored_and_read_back() -> None:
    """A month's record carries its precision, and reads back equal."""
    event = removed(effective=dt.date(2020, 5, 1), precision="month")

    data = encode(event, seq=1, recorded_at=MOMENT)

    assert "month" == json.loads(data)["precision"]
    assert event == decode(data, location="log.jsonl").event


def test_a_correction_to_a_month_keeps_it_in_the_replacement() -> None:
    """A replacement is a nested record: its precision is kept there too."""
    event = removed(effective=dt.date(2020, 5, 1))
    correction = EventCorrected(
        target_id="w",
        replacement=attrs.evolve(
            event, precision="year", effective=dt.date(2020, 1, 1)
        ),
        reason="only the year is sourced",
    )

    data = encode(correction, seq=2, recorded_at=MOMENT)

    assert "year" == json.loads(data)["replacement"]["precision"]
    assert correction == decode(data, location="log.jsonl").event


def test_a_log_of_months_and_days_verifies_its_chain(tmp_path) -> None:
    """Reopened with verify=True, the hash chain holds over both kinds of record."""
    path = tmp_path / "log.jsonl"
    talks = TalksHeld(
        id="t",
        effective=dt.date(2020, 1, 1),
        precision="year",
        parties={"JPN", "KOR"},
        level="working level",
        format="in person",
        outcome="unreported",
    )
    with EventLog.open(path) as log:
        log.extend([removed(effective=dt.date(2019, 8, 28)), talks])

    with EventLog.open(path, verify=True) as reopened:
        assert ["2019-08-28", "2020"] == [shown_date(e) for e in reopened]
        assert "unreported" == reopened.state_at(dt.date(2020, 1, 1)).talks[0].outcome


@given(events())
def test_a_shown_date_is_the_start_of_the_effective_date(event) -> None:
    """Law: what is shown is the ISO date cut to its precision, and reads back."""
    shown = shown_date(event)
    length = {"day": 10, "month": 7, "year": 4}[event.precision]

    assert event.effective.isoformat()[:length] == shown
    padded = shown + "-01-01"[: 10 - len(shown)]
    assert event.effective == dt.date.fromisoformat(padded)


@given(events())
def test_every_drawn_event_round_trips_through_its_record(event) -> None:
    """Law: precision or not, a record reads back as the event it was written from."""
    data = encode(event, seq=1, recorded_at=MOMENT)

    assert event == decode(data, location="log.jsonl").event
    assert ("precision" in json.loads(data)) == (event.precision != "day")
