"""The public strategies in tradedispute.testing do what their docs promise."""

import datetime as dt
import itertools

import pytest
from hypothesis import Phase, given, settings
from hypothesis import find as hypothesis_find
from hypothesis.errors import InvalidArgument

from tradedispute import (
    AgreementEvent,
    Event,
    EventCorrected,
    EventLog,
    EventRetracted,
    MeasureAnnounced,
    MeasureEvent,
    MeasureImposed,
    TalksHeld,
    WhitelistRemoved,
    event_types,
)
from tradedispute.testing import (
    corrections,
    country_codes,
    event_batches,
    event_logs,
    events,
    sources,
)

D = dt.date
REMOVAL = WhitelistRemoved(id="wl", actor="JPN", target="KOR", effective=D(2019, 8, 28))


def find(strategy, condition):
    """Find an example without shrinking it: existence is all these tests ask."""
    return hypothesis_find(
        strategy,
        condition,
        settings=settings(
            phases=[Phase.generate], database=None, derandomize=True, max_examples=2000
        ),
    )


def is_back_dated(batch) -> bool:
    return any(b.effective < a.effective for a, b in itertools.pairwise(batch))


def test_event_batches_include_back_dated_appends():
    """event_batches draws back-dated appends (an event effective before an earlier one)."""
    batch = find(event_batches(), is_back_dated)

    assert is_back_dated(batch)


def test_event_batches_include_same_day_events():
    """event_batches draws several events effective on one day."""
    batch = find(event_batches(), lambda b: len({e.effective for e in b}) < len(b))

    assert len({e.effective for e in batch}) < len(batch)


@pytest.mark.parametrize(
    "event_type", [t for t in event_types() if t.__module__.startswith("tradedispute.")]
)
def test_events_draws_every_built_in_type(event_type):
    """events() can draw every built-in event type."""
    drawn = find(events(), lambda e: type(e) is event_type)

    assert event_type is type(drawn)


@given(
    event_logs(
        countries=["JPN", "KOR"], min_date=D(2020, 1, 1), max_date=D(2020, 1, 31)
    )
)
def test_event_logs_respect_countries_and_dates(log):
    """event_logs keeps to the countries and dates it is given."""
    assert isinstance(log, EventLog)
    for event in log:
        assert D(2020, 1, 1) <= event.effective <= D(2020, 1, 31)
        if isinstance(event, TalksHeld | AgreementEvent):
            codes = event.parties
        elif isinstance(event, MeasureImposed | MeasureAnnounced):
            codes = {event.actor, *event.targets}
        elif isinstance(event, MeasureEvent):
            codes = set()  # a later step names only its measure
        else:
            codes = {event.actor, event.target}
        assert codes <= {"JPN", "KOR"}


@given(events(types=[TalksHeld], countries=["JPN", "KOR", "CHN"]))
def test_events_respects_types(event):
    """events(types=...) draws only the types asked for."""
    assert isinstance(event, TalksHeld)
    assert event.parties <= {"JPN", "KOR", "CHN"}


@given(country_codes(countries=["JPN", "KOR"]), sources())
def test_country_codes_and_sources(code, source):
    """country_codes draws from the codes given; sources draws citations."""
    assert code in {"JPN", "KOR"}
    assert source.url is None or source.url.startswith("https://")


@pytest.mark.parametrize(
    "strategy",
    [
        lambda: events(countries=["JPN"]),
        lambda: events(countries=["JPN", "XX"]),
        lambda: events(min_date=D(2020, 1, 2), max_date=D(2020, 1, 1)),
        lambda: events(types=[Event]),
        lambda: events(types=[]),
        lambda: event_batches(max_chains=-1),
        lambda: event_batches(max_chain_length=0),
        lambda: event_logs(countries=["KOR", "KOR"]),
        lambda: country_codes(countries=[]),
        lambda: corrections([]),
        lambda: corrections(["not an event"]),
        lambda: corrections([REMOVAL], max_shift_days=-1),
    ],
)
def test_bad_arguments_raise_invalid_argument(strategy):
    """Strategies check their arguments when called, as Hypothesis' own do."""
    with pytest.raises(InvalidArgument):
        strategy()


def test_corrections_draw_both_kinds_of_the_given_targets():
    """corrections() draws retractions and corrections, naming only the targets."""
    strategy = corrections([REMOVAL], max_shift_days=3)
    retraction = find(strategy, lambda c: isinstance(c, EventRetracted))
    moved = find(
        strategy,
        lambda c: (
            isinstance(c, EventCorrected)
            and c.replacement.effective != REMOVAL.effective
        ),
    )
    assert "wl" == retraction.target_id
    assert "wl" == moved.target_id
    assert abs((moved.replacement.effective - REMOVAL.effective).days) <= 3


def test_corrections_stay_within_the_calendar():
    """A correction near date.max never moves its target past the last date."""
    last = WhitelistRemoved(id="end", actor="JPN", target="KOR", effective=D.max)
    moved = find(
        corrections([last]),
        lambda c: isinstance(c, EventCorrected) and c.replacement.effective < D.max,
    )
    assert (D.max - moved.replacement.effective).days <= 30
