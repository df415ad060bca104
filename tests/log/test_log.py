"""Examples of EventLog behaviour, each naming the rule it shows."""

import datetime as dt

import pytest

from tradedispute import (
    DisputeState,
    EventLog,
    InvalidTransition,
    RestrictionImposed,
    RestrictionLifted,
    WhitelistRemoved,
    WhitelistRestored,
)
from tradedispute.exceptions import DuplicateEventId, InvalidQuery, UnknownEventType

D = dt.date


def impose(event_id: str, day: dt.date, items=("photoresist",)) -> RestrictionImposed:
    return RestrictionImposed(
        id=event_id,
        actor="JPN",
        target="KOR",
        items=set(items),
        measure="individual export licence",
        effective=day,
    )


def lift(event_id: str, day: dt.date, items=("photoresist",)) -> RestrictionLifted:
    return RestrictionLifted(
        id=event_id, actor="JPN", target="KOR", items=set(items), effective=day
    )


def snapshot(log: EventLog, days) -> tuple:
    return list(log), len(log), [log.state_at(day) for day in days]


def test_new_log_is_empty():
    """A new log holds no events and replays to the empty state."""
    log = EventLog()

    assert len(log) == 0
    assert [] == list(log)
    assert DisputeState() == log.state_at(D(2020, 1, 1))
    assert "<EventLog of 0 events at :memory:>" == repr(log)


def test_state_at_includes_events_effective_on_that_day():
    """state_at(D) includes every event effective on or before D, none after."""
    log = EventLog()
    log.append(impose("a", D(2019, 7, 4)))

    assert {} == log.state_at(D(2019, 7, 3)).country("JPN").restrictions
    assert {"photoresist"} == set(
        log.state_at(D(2019, 7, 4)).country("JPN").restrictions_on("KOR")
    )


def test_iteration_is_append_order_and_events_is_replay_order():
    """Iteration yields append order; events() yields replay order."""
    late = WhitelistRemoved(
        id="late", actor="JPN", target="KOR", effective=D(2019, 8, 28)
    )
    early = impose("early", D(2019, 7, 4))
    log = EventLog()
    log.append(late)
    log.append(early)

    assert [late, early] == list(log)
    assert (early, late) == log.events()


def test_events_bounds_are_inclusive():
    """events(since=, until=) keeps events effective from since to until, both ends in."""
    a = impose("a", D(2019, 7, 4))
    b = WhitelistRemoved(id="b", actor="JPN", target="KOR", effective=D(2019, 8, 28))
    c = lift("c", D(2023, 3, 23))
    log = EventLog()
    log.extend([a, b, c])

    assert (a, b) == log.events(until=D(2019, 8, 28))
    assert (b, c) == log.events(since=D(2019, 8, 28))
    assert (b,) == log.events(since=D(2019, 7, 5), until=D(2023, 3, 22))
    assert () == log.events(since=D(2024, 1, 1))


def test_same_day_events_apply_in_append_order():
    """Events of one day replay in the order they were appended."""
    log = EventLog()
    log.append(impose("a", D(2019, 7, 4)))
    log.append(lift("b", D(2019, 7, 4)))

    assert DisputeState() == log.state_at(D(2019, 7, 4))


def test_same_day_lift_appended_before_its_imposition_is_rejected():
    """A same-day lift appended before the imposition meets nothing to lift."""
    log = EventLog()

    with pytest.raises(InvalidTransition) as caught:
        log.extend([lift("b", D(2019, 7, 4)), impose("a", D(2019, 7, 4))])

    assert "lift-not-in-force" == caught.value.rule
    assert len(log) == 0


def test_back_dated_append_is_accepted_and_replayed_in_date_order():
    """A valid event recorded late lands in its place in replay order."""
    log = EventLog()
    log.append(
        WhitelistRemoved(id="w", actor="JPN", target="KOR", effective=D(2019, 8, 28))
    )
    log.append(impose("a", D(2019, 7, 4)))

    assert ["a", "w"] == [event.id for event in log.events()]
    assert {"photoresist"} == set(
        log.state_at(D(2019, 7, 31)).country("JPN").restrictions_on("KOR")
    )
    assert frozenset() == log.state_at(D(2019, 7, 31)).country("JPN").whitelist_excluded


def test_back_dated_append_that_breaks_a_later_event_is_rejected():
    """A back-dated lift that leaves a recorded later lift nothing to lift is rejected."""
    log = EventLog()
    log.extend([impose("imposed", D(2019, 7, 4)), lift("lifted", D(2023, 3, 23))])
    before = snapshot(log, [D(2019, 8, 1), D(2023, 3, 23)])

    with pytest.raises(InvalidTransition) as caught:
        log.append(lift("early-lift", D(2019, 8, 1)))

    error = caught.value
    assert "lifted" == error.event_id
    assert "early-lift" == error.appended_id
    assert D(2023, 3, 23) == error.effective
    assert "lift-not-in-force" == error.rule
    assert "appending RestrictionLifted 'early-lift' effective 2019-08-01" in str(error)
    assert before == snapshot(log, [D(2019, 8, 1), D(2023, 3, 23)])


def test_back_dated_batch_that_breaks_a_later_event_names_the_batch():
    """A multi-event batch that breaks a later event is named as the batch."""
    log = EventLog()
    log.extend([impose("imposed", D(2019, 7, 4)), lift("lifted", D(2023, 3, 23))])
    batch = [
        WhitelistRemoved(id="w", actor="JPN", target="KOR", effective=D(2019, 8, 1)),
        lift("early-lift", D(2019, 8, 1)),
    ]

    with pytest.raises(InvalidTransition) as caught:
        log.extend(batch)

    assert caught.value.appended_id is None
    assert "appending this batch" in str(caught.value)
    assert len(log) == 2


def test_invalid_new_event_error_is_raised_as_is():
    """When the appended event itself is invalid, its own error is raised."""
    log = EventLog()
    log.append(impose("a", D(2020, 1, 1)))

    with pytest.raises(InvalidTransition) as caught:
        log.append(lift("b", D(2019, 1, 1)))

    assert "b" == caught.value.event_id
    assert caught.value.appended_id is None


def test_extend_is_all_or_nothing():
    """A batch with one invalid event appends nothing."""
    log = EventLog()
    log.append(impose("a", D(2019, 7, 4)))
    before = snapshot(log, [D(2019, 7, 4), D(2019, 9, 1)])

    with pytest.raises(InvalidTransition):
        log.extend(
            [
                WhitelistRemoved(
                    id="w", actor="JPN", target="KOR", effective=D(2019, 8, 28)
                ),
                WhitelistRestored(
                    id="r1", actor="JPN", target="KOR", effective=D(2019, 9, 1)
                ),
                WhitelistRestored(
                    id="r2", actor="JPN", target="KOR", effective=D(2019, 9, 1)
                ),
            ]
        )

    assert before == snapshot(log, [D(2019, 7, 4), D(2019, 9, 1)])


def test_extend_with_nothing_changes_nothing():
    """An empty batch is accepted and changes nothing."""
    log = EventLog()
    log.append(impose("a", D(2019, 7, 4)))

    log.extend([])

    assert len(log) == 1


def test_duplicate_id_in_log_is_rejected():
    """An id already in the log cannot be appended again."""
    log = EventLog()
    log.append(impose("a", D(2019, 7, 4)))

    with pytest.raises(DuplicateEventId) as caught:
        log.append(
            WhitelistRemoved(
                id="a", actor="JPN", target="KOR", effective=D(2019, 8, 28)
            )
        )

    assert "a" == caught.value.event_id
    assert "already in the log" in str(caught.value)
    assert len(log) == 1


def test_duplicate_id_within_batch_is_rejected():
    """Two events of one batch cannot share an id."""
    log = EventLog()

    with pytest.raises(DuplicateEventId) as caught:
        log.extend([impose("a", D(2019, 7, 4)), lift("a", D(2019, 8, 1))])

    assert "already in this batch" in str(caught.value)
    assert len(log) == 0


def test_non_event_is_rejected():
    """Only Event instances can be appended."""
    log = EventLog()

    with pytest.raises(UnknownEventType, match=r"a log holds tradedispute\.Event"):
        log.append({"type": "RestrictionImposed"})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("bad", "said"),
    [
        (dt.datetime(2020, 3, 11, 12), "has a time of day"),
        ("2020-3-11", "give it as YYYY-MM-DD"),
        (None, r"must be a day: a datetime\.date"),
    ],
)
def test_state_at_needs_a_day(bad, said):
    """state_at rejects a time of day, malformed text and None with InvalidQuery."""
    with pytest.raises(InvalidQuery, match=said):
        EventLog().state_at(bad)


def test_events_bounds_need_days():
    """events() rejects a bound that is not a day."""
    with pytest.raises(InvalidQuery, match=r"since: '2019-1-1' is not a date"):
        EventLog().events(since="2019-1-1")
    with pytest.raises(InvalidQuery, match=r"until is a day, and .* has a time of day"):
        EventLog().events(until=dt.datetime(2019, 1, 1, 8))


def test_no_method_edits_or_deletes_an_event():
    """The log offers no way to change or remove what was recorded."""
    log = EventLog()
    for name in (
        "remove",
        "pop",
        "clear",
        "insert",
        "__setitem__",
        "__delitem__",
        "sort",
    ):
        assert not hasattr(log, name), name
    with pytest.raises(AttributeError):
        log.anything = 1  # type: ignore[attr-defined]
