"""States as JSON, for checkpoints: `encode_state` and `decode_state`.

A checkpoint is our own cache of a `DisputeState`, written by the record
converter taught the map and list types of states, and read back by a
trusted reader (`tradedispute.codec.state_reader`) that skips the validators,
since the values were checked when they were made.
"""

from __future__ import annotations

import hashlib
import typing
from collections.abc import Callable, Hashable
from typing import Any

import attrs
import cattrs

from tradedispute._runtime import collector_paused, shared_text
from tradedispute.codec.converter import (
    _day,
    _make_converter,
    _names,
    _pass_through,
)
from tradedispute.codec.jsonio import dumps, loads_state
from tradedispute.codec.state_reader import Leaves, reader
from tradedispute.core.frozenlist import FrozenList
from tradedispute.core.frozenmap import FrozenMap
from tradedispute.core.state import DisputeState

__all__ = ["FORMAT", "decode_state", "encode_state"]


def _is_frozen_map(type_: Any) -> bool:
    return typing.get_origin(type_) is FrozenMap or type_ is FrozenMap


def _is_frozen_list(type_: Any) -> bool:
    return typing.get_origin(type_) is FrozenList or type_ is FrozenList


def _state_converter() -> cattrs.Converter:
    """The record converter, taught the map and list types of states.

    A `FrozenMap` is written as a list of [key, value] pairs, since some
    keys (a demand's (demander, addressee)) are not JSON strings; a
    `FrozenList` as a list.
    """
    # decode_state reads through the trusted reader (state_reader); this
    # converter's structuring side serves only as the reference the tests
    # hold that reader to (tests/references.py).
    converter = _make_converter()

    def unstructure_map(mapping: FrozenMap[Any, Any]) -> list[list[Any]]:
        return [
            [converter.unstructure(key), converter.unstructure(value)]
            for key, value in mapping.items()
        ]

    def structure_map(value: object, type_: Any) -> FrozenMap[Any, Any]:
        if not isinstance(value, list):
            raise TypeError(f"expected a list of [key, value] pairs, got {value!r}")
        key_type, value_type = typing.get_args(type_) or (Any, Any)
        return FrozenMap(
            (converter.structure(key, key_type), converter.structure(item, value_type))
            for key, item in value
        )

    def unstructure_list(items: FrozenList[Any]) -> list[Any]:
        return [converter.unstructure(item) for item in items]

    def structure_list(value: object, type_: Any) -> FrozenList[Any]:
        if not isinstance(value, list):
            raise TypeError(f"expected a list, got {value!r}")
        (item_type,) = typing.get_args(type_) or (Any,)
        return FrozenList(converter.structure(item, item_type) for item in value)

    converter.register_unstructure_hook_func(_is_frozen_map, unstructure_map)
    converter.register_structure_hook_func(_is_frozen_map, structure_map)
    converter.register_unstructure_hook_func(_is_frozen_list, unstructure_list)
    converter.register_structure_hook_func(_is_frozen_list, structure_list)
    # Extensions are never stored (see encode_state), so an empty map is all
    # there is to read; its values would need their own types.
    converter.register_structure_hook_func(lambda t: t is Hashable, _pass_through)
    return converter


_states = _state_converter()


# Shared like the values of records (see _day), so that checkpoints kept in
# memory hold one object for each day, set of parties or word.
_read_state = typing.cast(
    Callable[[Any], DisputeState],
    reader(DisputeState, Leaves(date=_day, names=_names, text=shared_text)),
)


def _shape(type_: Any, seen: set[type]) -> str:
    """Describe *type_*: its fields and their types, down to the leaves."""
    if attrs.has(type_):
        name = f"{type_.__module__}.{type_.__qualname__}"
        if type_ in seen:
            return name
        seen.add(type_)
        hints = typing.get_type_hints(type_)
        fields = ", ".join(
            f"{field.name}: {_shape(hints[field.name], seen)}"
            for field in attrs.fields(type_)
        )
        return f"{name}({fields})"
    arguments = typing.get_args(type_)
    if arguments:
        inner = ", ".join(_shape(argument, seen) for argument in arguments)
        return f"{_shape(typing.get_origin(type_), seen)}[{inner}]"
    return str(getattr(type_, "__qualname__", repr(type_)))


#: How states are laid out in JSON (maps as [key, value] pairs, ...): bump it
#: when encode_state writes them another way.
_LAYOUT = 1

#: The fingerprint of the state types and their layout, written with every
#: stored state. The reader trusts the data it reads, so a state written
#: when these types had other fields (an older version of the library) is
#: not read: its checkpoint is ignored and written again.
FORMAT = hashlib.sha256(
    f"layout {_LAYOUT}: {_shape(DisputeState, set())}".encode()
).hexdigest()[:16]


def encode_state(state: DisputeState) -> bytes:
    """Return *state* as JSON bytes, for a checkpoint.

    Raises:
        ValueError: the state holds facts of user-defined event types
            (`DisputeState.extensions`), whose values JSON cannot promise
            to give back equal.
    """
    if state.extensions:
        raise ValueError("states with extensions are not stored")
    with collector_paused():
        return dumps({"format": FORMAT, "state": _states.unstructure(state)})


def decode_state(data: bytes | str) -> DisputeState:
    """Read a state written by `encode_state`.

    Raises:
        ValueError: *data* is not such a state.
    """
    try:
        with collector_paused():
            state: DisputeState = _read_state(_unwrap(data))
    except (LookupError, TypeError, ValueError, AttributeError) as error:
        raise ValueError(f"not a stored state: {error!r:.200}") from None
    return state


def _unwrap(data: bytes | str) -> Any:
    """The state's JSON inside *data*, if the state types are the same."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    stored = loads_state(raw)
    if not isinstance(stored, dict) or sorted(stored) != ["format", "state"]:
        raise ValueError("expected an object with keys 'format' and 'state'")
    if stored["format"] != FORMAT:
        raise ValueError(
            f"written for other state types (format {stored['format']!r}, "
            f"now {FORMAT!r})"
        )
    return stored["state"]
