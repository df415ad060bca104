"""EventLog driven against a naive model: a list, re-sorted and re-folded each time."""

import datetime as dt

from hypothesis import event as note_event
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from tests.helpers import DATES, model_accepts, model_state, moves
from tradedispute import (
    EventLog,
    TradeDisputeError,
)


class EventLogAgainstModel(RuleBasedStateMachine):
    """Every append is accepted exactly when the naive model accepts it."""

    def __init__(self):
        super().__init__()
        self.log = EventLog()
        self.model = []

    @rule(event=moves())
    def append(self, event):
        expected = model_accepts(self.model, [event])
        note_event("append accepted" if expected else "append rejected")
        try:
            self.log.append(event)
        except TradeDisputeError:
            assert not expected
        else:
            assert expected
            self.model.append(event)

    @rule(batch=st.lists(moves(), max_size=3))
    def extend(self, batch):
        expected = model_accepts(self.model, batch)
        try:
            self.log.extend(batch)
        except TradeDisputeError:
            assert not expected
        else:
            assert expected
            self.model.extend(batch)

    @precondition(lambda self: self.model)
    @rule(day=DATES)
    def state_at_matches_model(self, day):
        assert model_state(self.model, day) == self.log.state_at(day)

    @invariant()
    def same_events_in_append_order(self):
        assert self.model == list(self.log)
        assert len(self.model) == len(self.log)

    @invariant()
    def same_final_state(self):
        assert model_state(self.model) == self.log.state_at(dt.date.max)


TestEventLogAgainstModel = EventLogAgainstModel.TestCase
