"""The views through EventLog: known_at, argument checks, and pandas frames."""

import datetime as dt
import sys

import pytest
from hypothesis import given

from tests.clocks import FakeClock
from tests.helpers import days_of
from tradedispute import EventLog, EventRetracted, WhitelistRemoved, datasets
from tradedispute.exceptions import InvalidQuery, MissingExtra
from tradedispute.testing import event_logs
from tradedispute.views import EscalationSeries, Intervals, Timeline

D = dt.date


@pytest.fixture(scope="module")
def record() -> EventLog:
    return datasets.load("japan-korea")


def corrected_log() -> tuple[EventLog, dt.datetime]:
    """A log whose only event was retracted; and the moment before that."""
    from tradedispute.stores import MemoryStore

    log = EventLog(store=MemoryStore(clock=FakeClock()))
    log.append(
        WhitelistRemoved(id="wl", actor="JPN", target="KOR", effective=D(2019, 8, 28))
    )
    before = log.records()[-1].recorded_at
    log.append(EventRetracted(target_id="wl", reason="misreported"))
    return log, before


def test_every_view_takes_known_at():
    """Each view answers as the record stood at known_at."""
    log, before = corrected_log()
    assert ["wl"] == [event.id for event in log.timeline(known_at=before)]
    assert () == log.timeline()
    assert ["whitelist exclusion"] == [
        change.kind if hasattr(change, "kind") else change.key[0]
        for change in log.diff(D(2019, 8, 1), D(2019, 9, 1), known_at=before)
    ]
    assert () == log.diff(D(2019, 8, 1), D(2019, 9, 1))
    assert ["wl"] == [span.started_by for span in log.intervals(known_at=before)]
    assert () == log.intervals()
    assert {"JPN"} == set(log.escalation(known_at=before).at(D(2020, 1, 1)))
    assert {} == log.escalation().at(D(2020, 1, 1))
    assert () == log.reciprocity(known_at=before)


def test_views_return_tuples_with_frames(record):
    """Timeline, Intervals and EscalationSeries are tuples, equal to plain ones."""
    assert isinstance(record.timeline(), Timeline)
    assert tuple(record.events()) == record.timeline()
    assert isinstance(record.intervals(), Intervals)
    assert isinstance(record.escalation(), EscalationSeries)


@pytest.mark.parametrize(
    ("start", "end", "problem"),
    [
        (D(2020, 1, 1), D(2019, 1, 1), "after"),
        ("2019-1-1", D(2020, 1, 1), "YYYY-MM-DD"),
        (D(2019, 1, 1), dt.datetime(2020, 1, 1, 9), "has a time of day"),
    ],
    ids=["reversed", "text", "datetime"],
)
def test_diff_rejects_bad_days(record, start, end, problem):
    """Diff needs two dates, the first not after the second."""
    with pytest.raises(InvalidQuery, match=problem):
        record.diff(start, end)


def test_reciprocity_rejects_a_bad_window(record):
    """window_days must be a whole number of days >= 0."""
    for window in (-1, 1.5, True):
        with pytest.raises(InvalidQuery, match="window_days"):
            record.reciprocity(window_days=window)


def test_the_record_shows_whitelist_removal_answered_in_kind(record):
    """Korea answered Japan's whitelist removal with its own within 60 days."""
    links = {
        (link.move.actor, link.answer.actor, link.family, link.days)
        for link in record.reciprocity()
    }
    assert ("JPN", "KOR", "whitelist removal", 21) in links


@given(event_logs())
def test_intervals_on_a_day_are_the_measures_in_force(log):
    """Intervals.on(d) matches the measures in state_at(d), through the log."""
    from tradedispute.views import measures

    spans = log.intervals()
    for day in days_of(log.events()):
        expected = {measure.key for measure in measures(log.state_at(day))}
        assert expected == {interval.key for interval in spans.on(day)}


@given(event_logs())
def test_escalation_at_a_day_is_the_index_of_that_state(log):
    """EscalationSeries.at(d) is escalation(state_at(d)), through the log."""
    from tradedispute.views import escalation

    series = log.escalation()
    for day in days_of(log.events()):
        assert dict(escalation(log.state_at(day))) == series.at(day)


# --- pandas --------------------------------------------------------------------


def test_timeline_frame_has_one_typed_row_per_event(record):
    """Timeline.to_frame(): a row per event; dates are datetime64, text is string."""
    frame = record.timeline().to_frame()
    events = record.events()
    assert len(events) == len(frame)
    assert "datetime64[s]" == str(frame["effective"].dtype)
    assert "string" == str(frame["type"].dtype)
    assert [event.id for event in events] == list(frame["id"])
    first = frame.iloc[0]
    assert (dt.datetime(2019, 7, 4), "JPN", "METI") == (
        first["effective"].to_pydatetime(),
        first["actor"],
        first["publisher"],
    )


def test_intervals_frame_has_one_row_per_interval(record):
    """Intervals.to_frame(): open intervals have NaT end and <NA> days."""
    spans = record.intervals()
    frame = spans.to_frame()
    assert len(spans) == len(frame)
    assert "category" == str(frame["kind"].dtype)
    assert "Int64" == str(frame["days"].dtype)
    open_rows = frame[frame["end"].isna()]
    assert sum(span.end is None for span in spans) == len(open_rows)
    assert open_rows["days"].isna().all()
    closed = [span.days for span in spans if span.end is not None]
    assert closed == [int(days) for days in frame["days"].dropna()]


def test_escalation_frame_has_one_row_per_point(record):
    """EscalationSeries.to_frame(): date, country and a float score per point."""
    series = record.escalation()
    frame = series.to_frame()
    assert len(series) == len(frame)
    assert ["date", "country", "score"] == list(frame.columns)
    assert "float64" == str(frame["score"].dtype)
    assert [point.score for point in series] == list(frame["score"])


def test_empty_views_make_empty_typed_frames():
    """An empty log gives frames with the columns and dtypes, and no rows."""
    log = EventLog()
    frame = log.intervals().to_frame()
    assert len(frame) == 0
    assert "Int64" == str(frame["days"].dtype)
    assert len(log.timeline().to_frame()) == 0
    assert len(log.escalation().to_frame()) == 0


def test_to_frame_without_pandas_names_the_extra(record, monkeypatch):
    """Without pandas, to_frame() raises MissingExtra naming the pandas extra."""
    monkeypatch.setitem(sys.modules, "pandas", None)
    for view in (record.timeline(), record.intervals(), record.escalation()):
        with pytest.raises(MissingExtra, match=r"tradedispute\[pandas\]") as caught:
            view.to_frame()
        assert "pandas" == caught.value.extra
