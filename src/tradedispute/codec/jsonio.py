"""JSON in and out, with orjson when it is installed and the standard library if not.

The bytes are the same either way, except for how a few floats are spelled;
the same records are refused, in the same words. `tradedispute.codec` uses
this module for records, states and the hash chain's canonical bytes.
"""

from __future__ import annotations

import json
from typing import Any

from tradedispute.codec.chain import LEFT_OUT, canonical_bytes

_orjson: Any
try:
    import orjson as _orjson
except ImportError:  # pragma: no cover - the test extra installs orjson
    _orjson = None

__all__ = [
    "MAX_DEPTH",
    "canonical",
    "dumps",
    "dumps_presorted",
    "dumps_stdlib",
    "loads",
    "loads_state",
]

Record = dict[str, Any]


def dumps(record: Record) -> bytes:
    """Write *record* as compact JSON with sorted keys, in UTF-8."""
    if _orjson is not None:
        return bytes(_orjson.dumps(record, option=_orjson.OPT_SORT_KEYS))
    return dumps_stdlib(record)


def dumps_stdlib(record: Record) -> bytes:
    """Write *record* as `dumps` does, with the standard library."""
    text = json.dumps(
        record,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
    )
    return text.encode("utf-8")


#: How deep a record may nest. Events nest three levels at most; a record
#: nested deeper is refused, with or without orjson, before any parser's own
#: limit (or Python's recursion limit) is reached.
MAX_DEPTH = 32
_TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep"


def loads(data: bytes) -> Any:
    """Parse a record's JSON, refusing repeated keys and deep nesting.

    With orjson, a record that re-encodes to its own bytes (as every record
    we write does) cannot repeat a key, so only other records, and those
    orjson refuses, take the strict, slower parse of the standard library:
    with or without orjson, the same records are refused in the same words.
    """
    if _orjson is not None:
        try:
            value = _orjson.loads(data)
        except _orjson.JSONDecodeError:
            # Let the standard library say what is wrong, in its words:
            # the same words as without orjson.
            value = _loads_strict(data)
        else:
            if _orjson.dumps(value, option=_orjson.OPT_SORT_KEYS) != data:
                value = _loads_strict(data)
    else:
        value = _loads_strict(data)
    # Only a record with that many brackets can nest that deep.
    if data.count(b"[") + data.count(b"{") > MAX_DEPTH and _depth(value) > MAX_DEPTH:
        raise ValueError(_TOO_DEEP)
    return value


def _loads_strict(data: bytes) -> Any:
    try:
        return json.loads(data, object_pairs_hook=_unique_keys)
    except RecursionError:
        raise ValueError(_TOO_DEEP) from None


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"the key {key!r} appears twice in one object")
            seen.add(key)
    return found


def _depth(value: Any) -> int:
    """How deep *value* nests: 0 for a scalar, 1 for a flat list or object."""
    deepest = 0
    stack = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            level += 1
            deepest = max(deepest, level)
            stack.extend((member, level) for member in item)
    return deepest


def loads_state(data: bytes) -> Any:
    """Parse a stored state: our own JSON, deep and large, parsed as it is."""
    if _orjson is not None:
        return _orjson.loads(data)
    return json.loads(data)


def dumps_presorted(record: Record) -> bytes:
    """Write *record*, whose keys (and those of its objects) are in order already."""
    if _orjson is not None:
        data: bytes = _orjson.dumps(record)
        return data
    return dumps_stdlib(record)


def canonical(record: Record, *, floats: bool) -> bytes:
    """`canonical_bytes` of a record being written, by orjson where it may.

    orjson writes every string and integer as the standard library does
    (tests hold it to that); only floats are spelled differently. So a
    record whose type has no field that may hold a float (*floats* false)
    is written by orjson, and others by the standard library, as
    `canonical_bytes` says.
    """
    if _orjson is None or floats:
        return canonical_bytes(record)
    kept = {key: value for key, value in record.items() if key not in LEFT_OUT}
    try:
        data: bytes = _orjson.dumps(kept, option=_orjson.OPT_SORT_KEYS)
    except TypeError:  # an integer orjson cannot hold
        return canonical_bytes(record)
    return data
