"""Reference implementations: the plain, slow way to do what the library does fast.

The library's fast paths (generated record writers, the trusted state
reader) must give exactly what these give; the tests hold them to it. They
live here, not in the package, because only the tests call them.
"""

import datetime as dt

from tradedispute import DisputeState
from tradedispute.codec.converter import (
    Record,
    _converter,
    _non_finite,
    _not_finite,
    format_timestamp,
)
from tradedispute.codec.jsonio import dumps as _dumps
from tradedispute.codec.state import _states, _unwrap
from tradedispute.core.corrections import Entry


def encode_reference(
    event: Entry,
    *,
    seq: int,
    recorded_at: dt.datetime,
    batch_end: int | None = None,
) -> bytes:
    """Encode as `tradedispute.codec.encode` does, by the converter's dispatch.

    Every value is checked.

    `encode` must write the same bytes and raise the same errors; the tests
    hold it to that.
    """
    record: Record = _converter.unstructure(event)
    check_finite(event, record)
    record.update(
        type=type(event).__name__,
        schema=type(event).class_version,
        seq=seq,
        recorded_at=format_timestamp(recorded_at),
    )
    if batch_end is not None:
        record["batch_end"] = batch_end
    return _dumps(record)


def check_finite(event: Entry, record: Record) -> None:
    """Reject NaN and infinities, which JSON cannot hold (orjson writes null)."""
    for key, value in record.items():
        if _non_finite(value):
            raise _not_finite(event, key, value)


def decode_state_reference(data: bytes | str) -> DisputeState:
    """Decode as `tradedispute.codec.state.decode_state` does, by the converter.

    Every value is checked.

    `decode_state` must read the same states; the tests hold it to that.
    """
    state: DisputeState = _states.structure(_unwrap(data), DisputeState)
    return state
