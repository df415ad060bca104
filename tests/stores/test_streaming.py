"""Streaming replay from SQLite: the same answers as an opened log, row by row."""

import contextlib
import datetime as dt
import tempfile
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.clocks import START, TICK, FakeClock
from tests.helpers import days_of
from tradedispute import (
    EventCorrected,
    EventLog,
    EventRetracted,
    TradeDisputeError,
    WhitelistRemoved,
)
from tradedispute.exceptions import InvalidQuery, UnsupportedFile
from tradedispute.stores import SQLiteStore, stream_state_at
from tradedispute.testing import corrections, event_batches

D = dt.date


@st.composite
def stored_entries(draw):
    """Events in a valid append order, with corrections tried among them."""
    batch = draw(event_batches())
    split = draw(st.integers(0, len(batch)))
    fixes = draw(st.lists(corrections(batch[:split]), max_size=3)) if split else []
    return batch[:split], fixes, batch[split:]


@settings(max_examples=40)
@given(stored_entries())
def test_streaming_answers_as_the_opened_log(entries):
    """stream_state_at(d, known_at=T) equals EventLog.open(path).state_at(d, known_at=T)."""
    first, fixes, rest = entries
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "log.sqlite"
        with EventLog(store=SQLiteStore(path, clock=FakeClock())) as log:
            for entry in [*first, *fixes, *rest]:
                with contextlib.suppress(TradeDisputeError):
                    log.append(entry)
            moments = [None, START - TICK] + [r.recorded_at for r in log.records()]
            # A third of the days around events, and the end of time: enough
            # to cross the corrections, at a third of the cost.
            days = [*days_of(log.events())[::3], D.max]
            for moment in moments:
                for day in days:
                    expected = log.state_at(day, known_at=moment)
                    assert expected == stream_state_at(path, day, known_at=moment)


def test_a_correction_that_moves_an_event_streams_in_its_new_place(tmp_path):
    """A replacement replays on its own date, under its target's id."""
    path = tmp_path / "log.sqlite"
    removal = WhitelistRemoved(
        id="wl", actor="JPN", target="KOR", effective=D(2019, 8, 2)
    )
    with EventLog.open(path) as log:
        log.append(removal)
        moved = attrs.evolve(removal, effective=D(2019, 8, 28))
        log.append(EventCorrected(target_id="wl", replacement=moved, reason="date"))
    japan = stream_state_at(path, D(2019, 8, 27)).country("JPN")
    assert frozenset() == japan.whitelist_excluded
    after = stream_state_at(path, D(2019, 8, 28)).country("JPN")
    assert "wl" == after.whitelist_exclusions["KOR"].event_id


def test_a_retracted_event_does_not_stream(tmp_path):
    """A retraction keeps its target out of the stream."""
    path = tmp_path / "log.sqlite"
    with EventLog.open(path) as log:
        log.append(
            WhitelistRemoved(
                id="wl", actor="JPN", target="KOR", effective=D(2019, 8, 2)
            )
        )
        log.append(EventRetracted(target_id="wl", reason="misreported"))
    assert EventLog().state_at(D(2020, 1, 1)) == stream_state_at(path)


def test_streaming_needs_an_existing_sqlite_log(tmp_path):
    """A missing file or a JSON Lines log is refused, and nothing is created."""
    with pytest.raises(UnsupportedFile, match="no such log file"):
        stream_state_at(tmp_path / "missing.sqlite")
    assert [] == list(tmp_path.iterdir())
    with pytest.raises(UnsupportedFile, match=r"EventLog\.open"):
        stream_state_at(tmp_path / "log.jsonl")


def test_streaming_checks_its_arguments(tmp_path):
    """A datetime with a time for the day, or a naive known_at, is an InvalidQuery."""
    path = tmp_path / "log.sqlite"
    EventLog.open(path).close()
    with pytest.raises(InvalidQuery, match="has a time of day"):
        stream_state_at(path, dt.datetime(2020, 1, 1, 6))
    with pytest.raises(InvalidQuery, match="timezone-aware"):
        stream_state_at(path, known_at=dt.datetime(2020, 1, 1))
