"""EventLog driven against a naive model: a list, re-sorted and re-folded each time."""

import datetime as dt

from hypothesis import event as note_event
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from tradedispute import (
    EventLog,
    RestrictionEased,
    RestrictionImposed,
    RestrictionLifted,
    TradeDisputeError,
    WhitelistRemoved,
    WhitelistRestored,
    WTOComplaintDropped,
    WTOComplaintFiled,
    WTOComplaintResumed,
    replay,
)

DATES = st.dates(dt.date(2019, 7, 1), dt.date(2019, 7, 20))
PAIRS = st.sampled_from([("JPN", "KOR"), ("KOR", "JPN")])
ITEMS = st.frozensets(st.sampled_from(["photoresist", "hydrogen fluoride"]), min_size=1)
IDS = st.sampled_from([f"e{n}" for n in range(40)])


def moves():
    """A tiny vocabulary, so that valid and invalid appends are both common."""

    def move(event_type, **fields):
        return st.builds(
            lambda pair, **kw: event_type(actor=pair[0], target=pair[1], **kw),
            PAIRS,
            id=IDS,
            effective=DATES,
            **fields,
        )

    return st.one_of(
        move(RestrictionImposed, items=ITEMS, measure=st.just("licence")),
        move(RestrictionEased, items=ITEMS),
        move(RestrictionLifted, items=ITEMS),
        move(WhitelistRemoved),
        move(WhitelistRestored),
        move(WTOComplaintFiled, case=st.just("DS590")),
        move(
            WTOComplaintDropped,
            case=st.just("DS590"),
            mode=st.sampled_from(["suspended", "withdrawn"]),
        ),
        move(WTOComplaintResumed, case=st.just("DS590")),
    )


def model_state(model, day=dt.date.max):
    """Replay the model from scratch: sort by (date, append index), fold."""
    ordered = sorted(
        (e for e in model if e.effective <= day),
        key=lambda e: (e.effective, model.index(e)),
    )
    return replay(ordered)


def model_accepts(model, batch):
    ids = [e.id for e in [*model, *batch]]
    if len(set(ids)) != len(ids):
        return False
    try:
        model_state([*model, *batch])
    except TradeDisputeError:
        return False
    return True


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
