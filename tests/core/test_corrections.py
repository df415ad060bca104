"""Recorded time and corrections: known_at queries, retractions, corrections.

The laws: an answer as known at T is the replay of exactly what was
recorded by T, corrections included; retracting an event is the same as
never having appended it; restating an event changes nothing. Examples pin
each rule a correction can break.
"""

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.clocks import START, TICK, FakeClock
from tests.helpers import days_of, naive_state_at
from tradedispute import (
    EventCorrected,
    EventLog,
    EventRetracted,
    RestrictionImposed,
    RestrictionLifted,
    TradeDisputeError,
    WhitelistRemoved,
    WhitelistRestored,
    reducer,
)
from tradedispute.codec import decode, encode
from tradedispute.exceptions import (
    CorruptRecord,
    DuplicateEventId,
    InvalidCorrection,
    InvalidEvent,
    InvalidQuery,
    InvalidTransition,
    RegistrationError,
    UnknownEventType,
)
from tradedispute.stores import JsonLinesStore, MemoryStore, SQLiteStore
from tradedispute.testing import corrections, event_batches

D = dt.date
UTC = dt.UTC


def ticking_log() -> EventLog:
    """An in-memory log whose appends are one tick apart, from START."""
    return EventLog(store=MemoryStore(clock=FakeClock()))


JULY_4 = D(2019, 7, 4)
MARCH_23 = D(2023, 3, 23)
AUGUST_28 = D(2019, 8, 28)


def impose(event_id: str = "imposed", day: dt.date = JULY_4):
    return RestrictionImposed(
        id=event_id,
        actor="JPN",
        target="KOR",
        items={"photoresist"},
        measure="individual licence",
        effective=day,
    )


def lift(event_id: str = "lifted", day: dt.date = MARCH_23):
    return RestrictionLifted(
        id=event_id, actor="JPN", target="KOR", items={"photoresist"}, effective=day
    )


def removal(event_id: str = "removed", day: dt.date = AUGUST_28):
    return WhitelistRemoved(id=event_id, actor="JPN", target="KOR", effective=day)


def naive_current(entries):
    """The events as corrected, in append order: a model of the rules."""
    current = {}
    order = []
    for entry in entries:
        if isinstance(entry, EventRetracted):
            current[entry.target_id] = None
        elif isinstance(entry, EventCorrected):
            current[entry.target_id] = attrs.evolve(
                entry.replacement, id=entry.target_id
            )
        else:
            current[entry.id] = entry
            order.append(entry.id)
    return [current[i] for i in order if current[i] is not None]


def attempt(log, entry) -> bool:
    """Append *entry*; on rejection check the log is unchanged. Return whether accepted."""
    before = log.records()
    try:
        log.append(entry)
    except TradeDisputeError:
        assert before == log.records()
        return False
    return True


@st.composite
def corrected_logs(draw):
    """A ticking log built from valid appends, with corrections tried among them."""
    batch = draw(event_batches())
    split = draw(st.integers(0, len(batch)))
    log = ticking_log()
    for event in batch[:split]:
        log.append(event)
    if split:
        for fix in draw(st.lists(corrections(batch[:split]), max_size=4)):
            attempt(log, fix)
    for event in batch[split:]:
        attempt(log, event)
    return log


# --- laws --------------------------------------------------------------------


@given(corrected_logs())
def test_known_at_replays_exactly_what_was_recorded_by_then(log):
    """state_at(d, known_at=T) folds the entries recorded by T, corrections too."""
    records = log.records()
    moments = [START - TICK] + [record.recorded_at for record in records]
    for moment in moments:
        known = [record.event for record in records if record.recorded_at <= moment]
        current = naive_current(known)
        for day in days_of(current) or [D(2019, 7, 1)]:
            expected = naive_state_at(current, day)
            assert expected == log.state_at(day, known_at=moment)


@given(corrected_logs())
def test_known_at_now_or_later_is_the_current_answer(log):
    """known_at=None, and any moment after the last commit, answer as of now."""
    later = START + TICK * (len(log) + 5)
    for day in days_of(log.events()):
        assert log.state_at(day) == log.state_at(day, known_at=later)


@given(event_batches().filter(bool), st.data())
def test_retracting_an_event_equals_never_having_appended_it(batch, data):
    """A retraction is accepted iff the log without the event replays; then they agree."""
    target = data.draw(st.sampled_from(batch))
    log = ticking_log()
    log.extend(batch)
    without = EventLog()
    try:
        without.extend([event for event in batch if event is not target])
    except InvalidTransition:
        replays = False
    else:
        replays = True

    accepted = attempt(log, EventRetracted(target_id=target.id, reason="test"))

    assert replays == accepted
    if accepted:
        assert without.events() == log.events()
        for day in days_of(batch):
            assert without.state_at(day) == log.state_at(day)


@given(event_batches().filter(bool), st.data())
def test_restating_an_event_changes_no_answer(batch, data):
    """Correcting an event with an identical copy leaves every state as it was."""
    target = data.draw(st.sampled_from(batch))
    log = EventLog()
    log.extend(batch)
    before = {day: log.state_at(day) for day in days_of(batch)}

    log.append(EventCorrected(target_id=target.id, replacement=target, reason="same"))

    assert before == {day: log.state_at(day) for day in days_of(batch)}


@given(corrected_logs())
def test_answers_given_at_a_moment_stay_reproducible(log):
    """Later appends and corrections never change an answer as known at T."""
    moment = START + TICK * (len(log) // 2)
    days = days_of(log.events(known_at=moment))
    before = {day: log.state_at(day, known_at=moment) for day in days}
    for event in list(log.events())[:2]:
        attempt(log, EventRetracted(target_id=event.id, reason="later doubt"))
    assert before == {day: log.state_at(day, known_at=moment) for day in days}


# --- the rules of corrections ------------------------------------------------


def test_a_retracted_event_no_longer_replays():
    """Rule: a retraction takes its target out of replay."""
    log = EventLog()
    log.append(removal())
    log.append(EventRetracted(target_id="removed", reason="misreported"))
    assert frozenset() == log.state_at(D(2020, 1, 1)).country("JPN").whitelist_excluded
    assert () == log.events()


def test_a_correction_replays_the_replacement_under_the_original_id():
    """Rule: the replacement stands in for the target, under the target's id."""
    log = EventLog()
    log.append(removal(day=D(2019, 8, 2)))
    moved = attrs.evolve(removal(), id="ignored", effective=D(2019, 8, 28))
    log.append(EventCorrected(target_id="removed", replacement=moved, reason="date"))

    state = log.state_at(D(2019, 8, 28)).country("JPN")
    assert frozenset() == log.state_at(D(2019, 8, 27)).country("JPN").whitelist_excluded
    assert "removed" == state.whitelist_exclusions["KOR"].event_id
    assert (attrs.evolve(moved, id="removed"),) == log.events()


def test_a_corrected_event_keeps_its_turn_among_same_day_events():
    """Rule: a replacement keeps its target's place in append order."""
    log = EventLog()
    log.append(removal(day=D(2019, 8, 28)))
    log.append(
        WhitelistRestored(
            id="restored", actor="JPN", target="KOR", effective=D(2019, 9, 1)
        )
    )
    # Moving the removal to the restoration's day keeps it first that day.
    moved = attrs.evolve(removal(), effective=D(2019, 9, 1))
    log.append(EventCorrected(target_id="removed", replacement=moved, reason="date"))
    assert ["removed", "restored"] == [event.id for event in log.events()]


def test_retracting_an_unknown_id_is_rejected():
    """Rule target-unknown: a correction names an event already recorded."""
    log = EventLog()
    log.append(removal())
    with pytest.raises(InvalidCorrection) as caught:
        log.append(EventRetracted(id="fix", target_id="nope", reason="x"))
    assert ("target-unknown", "fix", "nope") == (
        caught.value.rule,
        caught.value.correction_id,
        caught.value.target_id,
    )
    assert "'nope'" in str(caught.value)
    assert [removal()] == list(log)


def test_a_correction_may_not_name_a_later_event():
    """Rule target-unknown: the target must come before the correction."""
    log = EventLog()
    with pytest.raises(InvalidCorrection, match="recorded before it"):
        log.extend([EventRetracted(target_id="removed", reason="x"), removal()])
    assert len(log) == 0


def test_a_correction_may_name_an_event_earlier_in_its_batch():
    """A batch may hold an event and its correction; all or nothing still holds."""
    log = EventLog()
    log.extend([removal(), EventRetracted(target_id="removed", reason="x")])
    assert len(log) == 2
    assert () == log.events()


def test_retracting_twice_is_rejected():
    """Rule target-retracted: a retracted event cannot be retracted again."""
    log = EventLog()
    log.extend([removal(), EventRetracted(id="first", target_id="removed", reason="x")])
    with pytest.raises(InvalidCorrection) as caught:
        log.append(EventRetracted(target_id="removed", reason="again"))
    assert "target-retracted" == caught.value.rule
    assert "'first'" in str(caught.value)
    assert len(log) == 2


def test_correcting_a_retracted_event_is_rejected():
    """Rule target-retracted: a retracted event cannot be corrected."""
    log = EventLog()
    log.extend([removal(), EventRetracted(target_id="removed", reason="x")])
    with pytest.raises(InvalidCorrection, match="already retracted"):
        log.append(
            EventCorrected(target_id="removed", replacement=removal(), reason="y")
        )


def test_a_correction_cannot_name_a_correction():
    """Rule target-is-correction: corrections act on events only."""
    log = EventLog()
    log.extend([removal(), EventRetracted(id="fix", target_id="removed", reason="x")])
    with pytest.raises(InvalidCorrection) as caught:
        log.append(EventRetracted(target_id="fix", reason="undo"))
    assert "target-is-correction" == caught.value.rule


def test_a_retraction_that_strands_a_later_event_is_rejected():
    """A correction is validated by replay: the lift needs the imposition."""
    log = EventLog()
    log.extend([impose(), lift()])
    with pytest.raises(InvalidTransition) as caught:
        log.append(EventRetracted(id="fix", target_id="imposed", reason="x"))
    assert ("lifted", "fix") == (caught.value.event_id, caught.value.appended_id)
    assert "EventRetracted 'fix' of 'imposed'" in str(caught.value)
    assert [impose(), lift()] == list(log)
    in_force = log.state_at(D(2020, 1, 1)).country("JPN").restrictions_on("KOR")
    assert {"photoresist"} == set(in_force)


def test_a_correction_that_moves_an_event_past_its_end_is_rejected():
    """Moving an imposition after its own lift makes the lift invalid."""
    log = EventLog()
    log.extend([impose(), lift()])
    late = attrs.evolve(impose(), effective=D(2024, 1, 1))
    with pytest.raises(InvalidTransition):
        log.append(EventCorrected(target_id="imposed", replacement=late, reason="x"))
    assert (impose(), lift()) == log.events()


def test_a_replacement_may_be_of_another_type():
    """A correction may replace an event with one of a different type."""
    log = EventLog()
    log.append(removal())
    restriction = impose(day=D(2019, 8, 28))
    log.append(EventCorrected(target_id="removed", replacement=restriction, reason="x"))
    state = log.state_at(D(2019, 9, 1)).country("JPN")
    assert frozenset() == state.whitelist_excluded
    assert "removed" == state.restrictions_on("KOR")["photoresist"].event_id


def test_corrections_share_the_id_space_of_events():
    """A correction's id may not repeat an event's."""
    log = EventLog()
    log.append(removal())
    with pytest.raises(DuplicateEventId, match="EventRetracted 'removed' of"):
        log.append(EventRetracted(id="removed", target_id="removed", reason="x"))


def test_a_replacement_of_an_unregistered_type_is_rejected():
    """A replacement must be an event type with a reducer."""

    @attrs.frozen(kw_only=True)
    class Unregistered(WhitelistRemoved):
        pass

    log = EventLog()
    log.append(removal())
    with pytest.raises(UnknownEventType):
        log.append(
            EventCorrected(
                target_id="removed",
                replacement=Unregistered(
                    actor="JPN", target="KOR", effective=D(2019, 8, 28)
                ),
                reason="x",
            )
        )
    assert [removal()] == list(log)


def test_subclasses_of_corrections_are_not_appended():
    """A log knows exactly the two kinds of correction."""

    @attrs.frozen(kw_only=True)
    class SoftRetraction(EventRetracted):
        pass

    log = EventLog()
    log.append(removal())
    with pytest.raises(UnknownEventType, match="not subclasses"):
        log.append(SoftRetraction(target_id="removed", reason="x"))


def test_correction_fields_are_validated():
    """A correction needs a target id, a reason and an event as replacement."""
    with pytest.raises(InvalidEvent, match="'reason'"):
        EventRetracted(target_id="x", reason=" ")
    with pytest.raises(InvalidEvent, match="'target_id'"):
        EventRetracted(target_id="", reason="x")
    with pytest.raises(InvalidEvent, match="'replacement'"):
        EventCorrected(target_id="x", reason="y", replacement="not an event")
    with pytest.raises(InvalidEvent, match="'source'"):
        EventRetracted(target_id="x", reason="y", source="a newspaper")


def test_event_types_cannot_take_a_correction_name():
    """Records name corrections by class name, so event types cannot take them."""

    @attrs.frozen(kw_only=True)
    class EventRetracted(WhitelistRemoved):
        pass

    with pytest.raises(RegistrationError, match="correction type"):
        reducer(EventRetracted)


# --- history -----------------------------------------------------------------


def test_history_shows_an_event_with_every_correction():
    """history() gives the record as appended and each correction, in order."""
    log = ticking_log()
    log.append(removal(day=D(2019, 8, 2)))
    fix = EventCorrected(
        id="fix", target_id="removed", replacement=removal(), reason="date"
    )
    log.append(fix)
    log.append(EventRetracted(id="gone", target_id="removed", reason="doubt"))

    history = log.history("removed")

    assert removal(day=D(2019, 8, 2)) == history.record.event
    assert ["fix", "gone"] == [record.event.id for record in history.corrections]
    assert [2, 3] == [record.seq for record in history.corrections]
    assert None is history.current
    assert history.retracted


def test_history_of_an_uncorrected_event_is_just_the_record():
    """An event never corrected has no corrections and is current as recorded."""
    log = EventLog()
    log.append(removal())
    history = log.history("removed")
    assert () == history.corrections
    assert removal() == history.current
    assert not history.retracted


def test_history_current_follows_the_latest_correction():
    """After two corrections, the current event is the second replacement."""
    log = EventLog()
    log.append(removal(day=D(2019, 8, 1)))
    for day in (D(2019, 8, 2), D(2019, 8, 28)):
        moved = attrs.evolve(removal(), id="other", effective=day)
        log.append(EventCorrected(target_id="removed", replacement=moved, reason="d"))
    assert removal(day=D(2019, 8, 28)) == log.history("removed").current


def test_history_of_an_unknown_or_correction_id_is_an_invalid_query():
    """history() takes an event's id, and says so otherwise."""
    log = EventLog()
    log.extend([removal(), EventRetracted(id="fix", target_id="removed", reason="x")])
    with pytest.raises(InvalidQuery, match="'nope' is no entry"):
        log.history("nope")
    with pytest.raises(InvalidQuery, match="a correction"):
        log.history("fix")


# --- known_at ----------------------------------------------------------------


def test_known_at_before_the_first_commit_is_the_empty_state():
    """Nothing was known before anything was recorded."""
    log = ticking_log()
    log.append(removal())
    assert log.state_at(D(2020, 1, 1), known_at=START - TICK) == EventLog().state_at(
        D(2020, 1, 1)
    )


def test_known_at_answers_as_the_record_stood():
    """Before the retraction was recorded, the record said the removal held."""
    log = ticking_log()
    log.append(removal())
    log.append(EventRetracted(target_id="removed", reason="misreported"))
    before, after = (record.recorded_at for record in log.records())
    day = D(2020, 1, 1)
    assert {"KOR"} == log.state_at(day, known_at=before).country(
        "JPN"
    ).whitelist_excluded
    assert set() == log.state_at(day, known_at=after).country("JPN").whitelist_excluded
    assert (removal(),) == log.events(known_at=before)


def test_known_at_compares_moments_across_time_zones():
    """known_at is a moment: the same instant in any zone gives the same answer."""
    log = ticking_log()
    log.append(removal())
    moment = log.records()[0].recorded_at
    elsewhere = moment.astimezone(dt.timezone(dt.timedelta(hours=-5)))
    day = D(2020, 1, 1)
    assert log.state_at(day, known_at=moment) == log.state_at(day, known_at=elsewhere)
    assert log.state_at(day) == log.state_at(day, known_at=elsewhere)


@pytest.mark.parametrize(
    "value",
    [dt.datetime(2020, 3, 11), D(2020, 3, 11), "2020-03-11T00:00:00Z", 0],
    ids=["naive", "date", "text", "number"],
)
def test_known_at_must_be_an_aware_datetime(value):
    """A naive datetime, a date or a string is rejected with what is valid."""
    log = EventLog()
    log.append(removal())
    with pytest.raises(InvalidQuery, match="timezone-aware"):
        log.state_at(D(2020, 1, 1), known_at=value)
    with pytest.raises(InvalidQuery, match="timezone-aware"):
        log.events(known_at=value)


# --- storage -----------------------------------------------------------------


@pytest.mark.parametrize("kind", ["jsonl", "sqlite"])
def test_corrections_and_known_at_survive_reopening(kind, tmp_path):
    """A reopened file gives the same answers as known at every moment."""
    path = tmp_path / f"log.{kind}"
    make = JsonLinesStore if kind == "jsonl" else SQLiteStore
    clock = FakeClock()
    with EventLog(store=make(path, clock=clock)) as log:
        log.extend([impose(), removal()])
        moved = attrs.evolve(removal(), effective=D(2019, 9, 2))
        log.append(EventCorrected(target_id="removed", replacement=moved, reason="x"))
        log.append(EventRetracted(target_id="imposed", reason="y"))
        moments = [record.recorded_at for record in log.records()]
        answers = {
            moment: log.state_at(D(2019, 8, 30), known_at=moment) for moment in moments
        }
        history = log.history("removed")
    with EventLog(store=make(path, clock=clock)) as again:
        assert answers == {
            moment: again.state_at(D(2019, 8, 30), known_at=moment)
            for moment in moments
        }
        assert history == again.history("removed")


def test_a_correction_round_trips_through_the_codec():
    """A replacement is stored nested, with its own type and schema."""
    fix = EventCorrected(
        id="fix", target_id="removed", replacement=removal(), reason="r"
    )
    data = encode(fix, seq=2, recorded_at=START)
    assert b'"replacement":{"actor":"JPN"' in data
    assert b'"type":"WhitelistRemoved"' in data
    assert fix == decode(data, location="log.jsonl", line=2).event


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda r: r["replacement"].update(type="Nope"), "'Nope'"),
        (lambda r: r["replacement"].pop("type"), "None"),
        (lambda r: r["replacement"].update(schema=9), "schema <= 1"),
        (lambda r: r["replacement"].update(schema="1"), "'schema'"),
        (lambda r: r.update(replacement=[1]), "an event object"),
        (lambda r: r.update(target_id=5), "expected a string"),
    ],
    ids=["unknown-type", "no-type", "future-schema", "bad-schema", "not-object", "id"],
)
def test_a_malformed_correction_record_is_located(change, problem):
    """A bad nested replacement is a CorruptRecord naming file, line and field."""
    import json

    fix = EventCorrected(
        id="fix", target_id="removed", replacement=removal(), reason="r"
    )
    record = json.loads(encode(fix, seq=2, recorded_at=START))
    change(record)
    with pytest.raises(CorruptRecord) as caught:
        decode(json.dumps(record), location="log.jsonl", line=2)
    assert "log.jsonl, line 2" in str(caught.value)
    assert problem in str(caught.value)


def test_a_stored_correction_of_an_unknown_event_is_located(tmp_path):
    """A file whose correction names no earlier event fails to open, with its seq."""
    path = tmp_path / "log.jsonl"
    fix = EventRetracted(id="fix", target_id="nowhere", reason="r")
    path.write_bytes(encode(fix, seq=1, recorded_at=START) + b"\n")
    before = path.read_bytes()
    with pytest.raises(InvalidCorrection, match=r"log.jsonl \(seq 1\)"):
        EventLog.open(path)
    assert before == path.read_bytes()


def test_naive_moments_are_rejected_in_known_at_even_with_utc_meaning():
    """A naive datetime is ambiguous, even if the caller meant UTC."""
    log = ticking_log()
    with pytest.raises(InvalidQuery, match=r"tzinfo=timezone\.utc"):
        log.state_at(D(2020, 1, 1), known_at=dt.datetime.now(UTC).replace(tzinfo=None))
