"""Questions take a day as a date, its ISO text, or a midnight datetime (a pandas Timestamp).

Rules: ``"2020-03-11"``, ``date(2020, 3, 11)``, ``datetime(2020, 3, 11)``
and ``pandas.Timestamp("2020-03-11")`` ask the same question; a datetime
with a time of day is refused with the reason; text that is not
YYYY-MM-DD is told the format, and a well-formed day that does not exist
is told so.
"""

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradedispute import InvalidQuery
from tradedispute.datasets import load
from tradedispute.stores import stream_state_at

RECORD = load("japan-korea")


@given(day=st.dates(min_value=dt.date(2019, 1, 1), max_value=dt.date(2024, 12, 31)))
def test_every_form_of_a_day_asks_the_same_question(day: dt.date) -> None:
    expected = RECORD.state_at(day)
    midnight = dt.datetime(day.year, day.month, day.day)
    for form in (day.isoformat(), midnight, pd.Timestamp(day)):
        assert RECORD.state_at(form) == expected


def test_bounds_of_events_and_diff_take_text_too() -> None:
    assert RECORD.events(since="2019-07-04", until="2019-08-28") == RECORD.events(
        since=dt.date(2019, 7, 4), until=dt.date(2019, 8, 28)
    )
    assert RECORD.diff("2019-07-01", "2020-03-11") == RECORD.diff(
        dt.date(2019, 7, 1), dt.date(2020, 3, 11)
    )


def test_a_timestamp_from_to_frame_is_a_day() -> None:
    frame = RECORD.timeline().to_frame()
    first = frame.iloc[0]
    stamp = next(value for value in first if isinstance(value, pd.Timestamp))
    assert RECORD.state_at(stamp) == RECORD.state_at(stamp.date())


@pytest.mark.parametrize(
    ("given_", "said"),
    [
        (dt.datetime(2020, 3, 11, 9, 30), "has a time of day (09:30:00)"),
        (pd.Timestamp("2020-03-11 12:00"), "has a time of day (12:00:00)"),
        ("2024-02-30", "'2024-02-30' is no day (day is out of range for month)"),
        ("2020-13-01", "'2020-13-01' is no day"),
        ("2020-3-11", "give it as YYYY-MM-DD"),
        ("yesterday", "give it as YYYY-MM-DD"),
        (20200311, "a datetime.date such as date(2020, 3, 11) or its ISO text"),
    ],
)
def test_what_is_not_a_day_is_refused_saying_why(given_: object, said: str) -> None:
    with pytest.raises(InvalidQuery) as refused:
        RECORD.state_at(given_)  # type: ignore[arg-type]
    assert said in str(refused.value)
    assert str(refused.value).startswith("date")


def test_streaming_takes_text(tmp_path) -> None:
    from tradedispute import EventLog

    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.extend(list(RECORD))
    assert stream_state_at(path, "2020-03-11") == RECORD.state_at(dt.date(2020, 3, 11))
