"""States as checkpoints store them: written, read back by the trusted reader, refused.

A stored state reads back equal to what was written, down to the type of
every value, and as the checking converter would read it; data that is
not a stored state of the current state types is a `ValueError`.
"""

import contextlib
import datetime as dt
import gc
import json
from collections.abc import Mapping

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.references import decode_state_reference
from tradedispute import (
    DisputeState,
    FrozenList,
    NextMeeting,
    TalksHeld,
    WTOComplaintFiled,
    replay,
)
from tradedispute.codec import state as _state_codec
from tradedispute.codec.state_reader import Leaves, reader
from tradedispute.core.replay import replay_order
from tradedispute.testing import event_batches

D = dt.date


def shape(value):
    """Return *value* as a tree of (type, parts): equal trees, equal types too."""
    kind = type(value)
    if attrs.has(kind):
        fields = attrs.fields(kind)
        return (kind, tuple((f.name, shape(getattr(value, f.name))) for f in fields))
    if isinstance(value, Mapping):
        return (kind, tuple((shape(key), shape(item)) for key, item in value.items()))
    if isinstance(value, frozenset):
        return (kind, tuple(sorted(map(shape, value))))
    if isinstance(value, tuple | FrozenList):
        return (kind, tuple(map(shape, value)))
    return (kind, value)


@given(event_batches())
def test_a_stored_state_reads_back_equal_and_of_the_same_types(batch):
    """Law: decode_state(encode_state(s)) == s, down to the type of every value."""
    state = replay(replay_order(batch))

    decoded = _state_codec.decode_state(_state_codec.encode_state(state))

    assert state == decoded
    assert hash(state) == hash(decoded)
    assert shape(state) == shape(decoded)


@given(event_batches())
def test_a_stored_state_reads_back_as_the_converter_reads_it(batch):
    """The trusted reader builds what the checking converter builds."""
    data = _state_codec.encode_state(replay(replay_order(batch)))

    assert shape(decode_state_reference(data)) == shape(_state_codec.decode_state(data))


def test_a_big_state_reads_back_equal():
    """Maps of hundreds of keys (tries) and long histories (chunked) read back."""
    filed = [
        WTOComplaintFiled(
            id=f"case-{n}",
            actor="KOR",
            target="JPN",
            case=f"DS{n}",
            effective=D(2019, 1, 1) + dt.timedelta(days=n),
        )
        for n in range(1, 301)
    ]
    talks = [
        TalksHeld(
            id=f"talks-{n}",
            parties={"JPN", "KOR"},
            level="director general",
            format="video",
            outcome="no_deal",
            duration_hours=n / 2,
            next_meeting=NextMeeting(date=D(2020, 1, 1)) if n % 2 else None,
            effective=D(2020, 1, 1),
        )
        for n in range(1, 101)
    ]
    state = replay([*filed, *talks])

    decoded = _state_codec.decode_state(_state_codec.encode_state(state))

    assert shape(state) == shape(decoded)


EMPTY = json.loads(_state_codec.encode_state(replay([])))["state"]


def stored(state: object) -> str:
    """*state* (JSON-ready) as a checkpoint of the current state types holds it."""
    return json.dumps({"format": _state_codec.FORMAT, "state": state})


POLICY = {
    "agreements_under_notice": [],
    "entry_restrictions": [],
    "restrictions": [],
    "unilateral_steps": [],
    "visa_waiver_suspensions": [],
    "whitelist_exclusions": [["KOR", {"event_id": "wl", "since": "2019-08-28"}]],
}


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"not a state", id="not JSON"),
        pytest.param(b"[]", id="a list, not an object"),
        pytest.param(b"null", id="null"),
        pytest.param(json.dumps(EMPTY), id="a state without its format"),
        pytest.param(
            json.dumps({"format": "0" * 16, "state": EMPTY}),
            id="a state of other state types",
        ),
        pytest.param(stored(EMPTY)[:-1] + ', "more": 1}', id="a key beside the state"),
        pytest.param(
            stored({k: v for k, v in EMPTY.items() if k != "talks"}),
            id="a key missing",
        ),
        pytest.param(stored({**EMPTY, "tariffs": []}), id="a key too many"),
        pytest.param(stored({**EMPTY, "talks": {}}), id="an object for a list"),
        pytest.param(stored({**EMPTY, "talks": [1]}), id="a number for an object"),
        pytest.param(
            stored({**EMPTY, "countries": {"JPN": POLICY}}),
            id="an object for a map's pairs",
        ),
        pytest.param(
            stored({**EMPTY, "countries": [["JPN", POLICY, 3]]}),
            id="a pair of three",
        ),
        pytest.param(stored({**EMPTY, "demands": [[["JPN"], []]]}), id="a key of one"),
        pytest.param(
            stored(
                {
                    **EMPTY,
                    "countries": [
                        [
                            "JPN",
                            {
                                **POLICY,
                                "whitelist_exclusions": [
                                    ["KOR", {"event_id": "wl", "since": "August"}]
                                ],
                            },
                        ]
                    ],
                }
            ),
            id="a date that is not one",
        ),
    ],
)
def test_a_malformed_state_is_a_value_error(data):
    """Data that is not a stored state raises ValueError, never another error."""
    with pytest.raises(ValueError, match="not a stored state"):
        _state_codec.decode_state(data)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
)


@given(st.sampled_from(sorted(EMPTY)), json_values)
def test_any_value_in_place_of_a_part_is_read_or_a_value_error(key, value):
    """Whatever JSON stands for a part of a state, reading it gives a state or ValueError."""
    try:
        result = _state_codec.decode_state(stored({**EMPTY, key: value}))
    except ValueError as error:
        result = error

    assert isinstance(result, DisputeState) or str(result).startswith(
        "not a stored state"
    )


@pytest.mark.parametrize("collecting", [True, False])
def test_reading_and_writing_a_state_leave_the_collector_as_they_found_it(collecting):
    """The garbage collector is paused while a state is read or written, no longer."""
    was = gc.isenabled()
    (gc.enable if collecting else gc.disable)()
    try:
        _state_codec.decode_state(_state_codec.encode_state(replay([])))
        with contextlib.suppress(ValueError):
            _state_codec.decode_state(b"not a state")
        after = gc.isenabled()
    finally:
        (gc.enable if was else gc.disable)()

    assert collecting == after


@attrs.frozen
class Derived:
    """A value with a field __init__ does not take."""

    name: str
    upper: str = attrs.field(init=False, default="")


@attrs.frozen
class Coded:
    """A value with a field of a union of two types."""

    code: str | int


@pytest.mark.parametrize(
    "type_", [dict[str, int], str | int, int | None, Derived, Coded]
)
def test_the_trusted_reader_refuses_types_it_does_not_know(type_):
    """A type the reader cannot build exactly is refused when its reader is made."""
    with pytest.raises(TypeError, match="no trusted reader"):
        reader(type_, Leaves(date=dt.date.fromisoformat, names=frozenset, text=None))


def test_the_format_of_stored_states_follows_the_state_types():
    """Rule: a change of a field's type anywhere in a state changes the format."""

    @attrs.frozen
    class Inner:
        since: dt.date

    def holder(inner_type):
        @attrs.frozen
        class Holder:
            inner: FrozenList[inner_type]

        return Holder

    @attrs.frozen
    class Other:
        since: str

    Other.__qualname__ = Inner.__qualname__
    first, second = (
        _state_codec._shape(holder(kind), set()) for kind in (Inner, Other)
    )
    assert first != second
    assert _state_codec._shape(holder(Inner), set()) == first
