"""Checkpoints never change an answer: the log against a model that replays from scratch.

The state machine interleaves appends (back-dated ones included), batches,
retractions, corrections and questions as known at any recorded moment, on
logs with checkpoints every 1 to 4 events, so that every change lands
before, on and after checkpoints.
"""

import datetime as dt

import attrs
import pytest
from hypothesis import event as note_event
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from clocks import START, TICK, FakeClock
from test_stateful import DATES, moves
from tradedispute import (
    EventCorrected,
    EventLog,
    EventRetracted,
    TradeDisputeError,
    WhitelistRemoved,
    replay,
)
from tradedispute._checkpoints import Checkpointed
from tradedispute.exceptions import InvalidQuery
from tradedispute.stores import MemoryStore

D = dt.date


def model_events(entries):
    """The events as corrected, in append order, from (moment, entry) pairs."""
    current, order = {}, []
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


def model_state(entries, day):
    """Replay from scratch: correct, sort by (date, append place), fold."""
    events = model_events(entries)
    place = {event.id: n for n, event in enumerate(events)}
    ordered = sorted(
        (e for e in events if e.effective <= day),
        key=lambda e: (e.effective, place[e.id]),
    )
    return replay(ordered)


class CheckpointedLogAgainstModel(RuleBasedStateMachine):
    """With checkpoints, every answer equals the model's replay from scratch."""

    @initialize(spacing=st.integers(1, 4))
    def start(self, spacing):
        self.log = EventLog(
            store=MemoryStore(clock=FakeClock()), checkpoint_spacing=spacing
        )
        self.accepted = []  # entries, in append order

    def attempt(self, batch):
        before = self.log.records()
        try:
            self.log.extend(batch)
        except TradeDisputeError:
            assert before == self.log.records()
            note_event("rejected")
            return
        note_event("accepted")
        self.accepted.extend(batch)

    @rule(event=moves())
    def append(self, event):
        self.attempt([event])

    @rule(batch=st.lists(moves(), max_size=3))
    def extend(self, batch):
        self.attempt(batch)

    @precondition(lambda self: self.log.events())
    @rule(data=st.data())
    def retract(self, data):
        target = data.draw(st.sampled_from(self.log.events()))
        note_event("retraction tried")
        self.attempt([EventRetracted(target_id=target.id, reason="doubt")])

    @precondition(lambda self: self.log.events())
    @rule(data=st.data(), day=DATES)
    def correct(self, data, day):
        target = data.draw(st.sampled_from(self.log.events()))
        moved = attrs.evolve(target, effective=day)
        note_event("correction tried")
        self.attempt(
            [EventCorrected(target_id=target.id, replacement=moved, reason="date")]
        )

    @precondition(lambda self: self.accepted)
    @rule(day=DATES, data=st.data())
    def ask(self, day, data):
        records = self.log.records()
        moment = data.draw(
            st.sampled_from([None, START - TICK] + [r.recorded_at for r in records])
        )
        known = [r.event for r in records if moment is None or r.recorded_at <= moment]
        assert model_state(known, day) == self.log.state_at(day, known_at=moment)

    @invariant()
    def same_entries(self):
        assert self.accepted == list(self.log)

    @invariant()
    def same_head(self):
        assert model_state(self.accepted, D.max) == self.log.state_at(D.max)


TestCheckpointedLogAgainstModel = CheckpointedLogAgainstModel.TestCase


def test_checkpoints_are_made_lazily_and_kept_before_a_change():
    """A back-dated append drops only the checkpoints after its position."""
    events = [
        WhitelistRemoved(id=target, actor="JPN", target=target, effective=D(2019, 7, n))
        for n, target in enumerate(["KOR", "CHN", "USA"], start=1)
    ]
    timeline = Checkpointed(list(events), spacing=1)
    assert 1 == timeline.checkpoints()
    timeline.state_at(D(2019, 7, 3))
    assert 4 == timeline.checkpoints()
    timeline.replace(list(events), unchanged=1)
    assert 2 == timeline.checkpoints()


@pytest.mark.parametrize("spacing", [0, -1, 1.5, True, "8"])
def test_checkpoint_spacing_must_be_a_positive_integer(spacing):
    """checkpoint_spacing is a whole number of events, at least one."""
    with pytest.raises(InvalidQuery, match="checkpoint_spacing"):
        EventLog(checkpoint_spacing=spacing)
