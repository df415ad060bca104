"""Helpers the tests of several folders share: days to ask about, naive models, tampering."""

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

from hypothesis import strategies as st

from tradedispute import (
    RestrictionEased,
    RestrictionImposed,
    RestrictionLifted,
    TradeDisputeError,
    WhitelistRemoved,
    WhitelistRestored,
    WTOComplaintDropped,
    WTOComplaintFiled,
    WTOComplaintResumed,
    apply,
    replay,
    state_on,
)


def days_of(events_) -> list[dt.date]:
    """Every effective date, with the days either side of each."""
    one = dt.timedelta(days=1)
    days = {e.effective + delta for e in events_ for delta in (-one, 0 * one, one)}
    return sorted(days)


def naive_state_at(appended, day):
    """Fold the events effective on or before day, sorted by (date, append index).

    Then the changes due by *day* that need no event are applied (`state_on`).
    """
    indexed = [
        (e.effective, n, e) for n, e in enumerate(appended) if e.effective <= day
    ]
    state = replay([])
    for _, _, event in sorted(indexed, key=lambda t: t[:2]):
        state = apply(state, event)
    return state_on(state, day)


def tamper(path: Path, seq: int, edit) -> None:
    """Set the record of row *seq* to ``edit(record)``, as an outsider would.

    The table's triggers forbid UPDATE, so the outsider drops them first.
    """
    db = sqlite3.connect(path)
    try:
        db.execute("DROP TRIGGER events_append_only_update")
        (record,) = db.execute(
            "SELECT record FROM events WHERE seq = ?", (seq,)
        ).fetchone()
        db.execute("UPDATE events SET record = ? WHERE seq = ?", (edit(record), seq))
        db.commit()
    finally:
        db.close()


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


def schema_for(folder: Path) -> str:
    """A PostgreSQL schema name of a test's own, made from its temporary folder."""
    return "t_" + hashlib.sha256(str(folder).encode()).hexdigest()[:16]
