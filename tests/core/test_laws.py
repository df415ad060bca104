"""The laws of replay, as Hypothesis properties over tradedispute.testing."""

import datetime as dt

import attrs
from hypothesis import assume, given
from hypothesis import strategies as st

from tests.helpers import days_of, naive_state_at
from tradedispute import (
    EventLog,
    RestrictionImposed,
    RestrictionLifted,
    TradeDisputeError,
    replay_order,
)
from tradedispute.testing import country_codes, event_batches, event_logs, events

D = dt.date


@given(event_logs())
def test_replay_is_deterministic(log):
    """Replaying the same appends twice gives equal states on every day."""
    again = EventLog()
    for event in log:
        again.append(event)

    for day in days_of(log):
        assert log.state_at(day) == again.state_at(day)
        assert log.state_at(day) == log.state_at(day)


@given(event_logs())
def test_state_at_folds_exactly_the_events_effective_by_then(log):
    """state_at(d) equals folding the events effective <= d in (date, seq) order."""
    appended = list(log)
    for day in days_of(appended):
        assert naive_state_at(appended, day) == log.state_at(day)


@given(event_logs())
def test_events_is_the_replay_order(log):
    """events() lists the log sorted by (effective date, append sequence)."""
    appended = list(log)
    expected = [
        e for _, _, e in sorted((e.effective, n, e) for n, e in enumerate(appended))
    ]

    assert tuple(expected) == log.events()
    assert expected == replay_order(appended)


@given(event_batches(), st.data())
def test_append_order_does_not_matter_when_dates_differ(batch, data):
    """When all effective dates differ, any append order gives the same states."""
    assume(len({e.effective for e in batch}) == len(batch))
    shuffled = data.draw(st.permutations(batch))
    one, other = EventLog(), EventLog()
    one.extend(batch)
    other.extend(shuffled)

    for day in days_of(batch):
        assert one.state_at(day) == other.state_at(day)


@given(event_batches())
def test_extend_equals_appending_one_by_one(batch):
    """extend(batch) records the same log as appending each event in turn."""
    one, other = EventLog(), EventLog()
    one.extend(batch)
    for event in batch:
        other.append(event)

    assert list(one) == list(other)
    assert one.events() == other.events()
    for day in days_of(batch):
        assert one.state_at(day) == other.state_at(day)


@given(
    event_logs(),
    st.lists(country_codes(), min_size=2, max_size=2, unique=True),
    st.dates(D(2019, 6, 1), D(2019, 10, 31)),
    st.integers(0, 60),
)
def test_imposing_then_lifting_restores_the_prior_facts(log, pair, start, length):
    """Imposing items and later lifting them leaves the state as it was."""
    actor, target = pair
    end = start + dt.timedelta(days=length)
    items = {"law item never drawn"}
    before = log.state_at(end)

    log.append(
        RestrictionImposed(
            actor=actor, target=target, items=items, measure="licence", effective=start
        )
    )
    log.append(
        RestrictionLifted(actor=actor, target=target, items=items, effective=end)
    )

    assert before == log.state_at(end)


@given(
    event_logs(), events(min_date=D(2019, 6, 1), max_date=D(2019, 10, 31)), st.data()
)
def test_rejected_append_changes_nothing(log, candidate, data):
    """A rejected append leaves list(log) and every state_at as they were."""
    if data.draw(st.booleans()) and len(log):
        # Reuse an id from the log: must be rejected as a duplicate.
        taken = data.draw(st.sampled_from(list(log))).id
        candidate = attrs.evolve(candidate, id=taken)
    days = days_of([*log, candidate])
    before = (list(log), [log.state_at(day) for day in days])

    try:
        log.append(candidate)
    except TradeDisputeError:
        assert before == (list(log), [log.state_at(day) for day in days])
    else:
        assert [*before[0], candidate] == list(log)
