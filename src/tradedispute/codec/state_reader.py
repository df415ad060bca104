"""Reading a checkpoint's state back fast: our own JSON, trusted.

A checkpoint holds a state that `tradedispute.codec.state.encode_state` wrote from
values that were checked when they were made, and a checkpoint that cannot
be read is ignored, so reading one need not check every value again as
reading a record does. For each state type a function is written once (as
attrs writes ``__init__``) that builds the value from its JSON directly:
``object.__new__`` and the fields set one by one, then
``__attrs_post_init__`` if the class has one: what attrs' ``__init__``
does, converters included, with the validators skipped. The result
equals, field type for field type, what the converter would have built.

Data of the wrong shape (a missing or extra key, a list where an object
belongs, a date that is not one) raises `KeyError`, `IndexError`,
`TypeError`, `ValueError` or `AttributeError`; `decode_state` turns them
into a `ValueError`. A value of the wrong type in a string field is not
noticed: the data is trusted.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from collections.abc import Callable, Hashable
from typing import Any, Literal

import attrs

from tradedispute.core.frozenlist import FrozenList
from tradedispute.core.frozenmap import FrozenMap
from tradedispute.core.generated import compile_function

__all__ = ["Leaves", "reader"]

Read = Callable[[Any], Any]


@attrs.frozen
class Leaves:
    """How the values at the leaves of a state are read.

    Attributes:
        date: Reads a date from its ISO 8601 text.
        names: Reads a set of strings from a list of them.
        text: Reads a string (or a word of a `Literal`), or `None` to take
            it as it is.
    """

    date: Read
    names: Read
    text: Read | None


_AS_IS = (int, bool, Hashable)


@functools.cache
def reader(type_: Any, leaves: Leaves) -> Read | None:
    """Return a function building a value of *type_* from its JSON, or `None`.

    `None` stands for a value taken as it is (a number, say). Raises
    `TypeError` for a type this does not know, when the function is made.
    """
    origin = typing.get_origin(type_)
    args = typing.get_args(type_)
    if type_ is str or origin is Literal:
        return leaves.text
    if type_ in _AS_IS:
        return None
    if type_ is float:
        return float
    if type_ is dt.date:
        return leaves.date
    if origin is frozenset:
        return leaves.names
    if origin is tuple:
        if len(args) == 2 and args[1] is ...:
            return _sequence(tuple, reader(args[0], leaves))
        return _fixed_tuple(tuple(reader(arg, leaves) for arg in args))
    if origin is FrozenList:
        return _sequence(FrozenList, reader(args[0], leaves))
    if origin is FrozenMap:
        return _map(reader(args[0], leaves), reader(args[1], leaves))
    if isinstance(type_, type) and attrs.has(type_):
        return _recursive_safe(type_, leaves)
    # An optional field's value is read in the expression of the field.
    raise TypeError(f"no trusted reader for {type_!r}")


#: The readers being written: a type that holds itself (a `Rate`'s tiers hold
#: rates) reads its inner values through the reader being written for it.
_writing: dict[tuple[type, Leaves], list[Read]] = {}


def _recursive_safe(cls: type, leaves: Leaves) -> Read:
    key = (cls, leaves)
    if key in _writing:
        slot = _writing[key]

        def later(value: Any) -> Any:
            return slot[0](value)

        return later
    _writing[key] = slot = []
    try:
        read = _attrs_reader(cls, leaves)
    finally:
        del _writing[key]
    slot.append(read)
    return read


def _sequence(kind: Callable[[Any], Any], read: Read | None) -> Read:
    def sequence(value: list[Any]) -> Any:
        if not isinstance(value, list):
            raise TypeError(f"expected a list, got {value!r:.60}")
        return kind(value if read is None else map(read, value))

    return sequence


def _fixed_tuple(reads: tuple[Read | None, ...]) -> Read:
    def fixed(value: list[Any]) -> tuple[Any, ...]:
        if not isinstance(value, list) or len(value) != len(reads):
            raise TypeError(f"expected a list of {len(reads)}, got {value!r:.60}")
        return tuple(
            item if read is None else read(item)
            for read, item in zip(reads, value, strict=True)
        )

    return fixed


def _map(read_key: Read | None, read_value: Read | None) -> Read:
    key_of = read_key or _as_is
    value_of = read_value or _as_is

    # A FrozenMap is stored as a list of [key, value] pairs.
    def mapping(value: list[list[Any]]) -> FrozenMap[Any, Any]:
        if not isinstance(value, list):
            raise TypeError(f"expected a list of [key, value] pairs, got {value!r:.60}")
        return FrozenMap([(key_of(key), value_of(item)) for key, item in value])

    return mapping


def _as_is(value: Any) -> Any:
    return value


def _attrs_reader(cls: type, leaves: Leaves) -> Read:
    fields = attrs.fields(attrs.resolve_types(cls))
    if not all(field.init for field in fields):
        raise TypeError(f"no trusted reader for {cls!r}: a field is not in __init__")
    names = sorted(field.name for field in fields)
    namespace: dict[str, Any] = {
        "cls": cls,
        "new_instance": object.__new__,
        "set_field": object.__setattr__,
        "wrong_keys": functools.partial(_wrong_keys, cls.__name__, names),
    }
    values = {}
    for field in fields:
        value = _expression(
            field.type, f"value[{field.name!r}]", field.name, namespace, leaves
        )
        if field.converter is not None:
            namespace[f"convert_{field.name}"] = field.converter
            value = f"convert_{field.name}({value})"
        values[field.name] = value
    lines = [
        "def read(value):",
        f"    if type(value) is not dict or len(value) != {len(fields)}:",
        "        wrong_keys(value)",
        "    new = new_instance(cls)",
    ]
    lines += [
        f"    set_field(new, {name!r}, {value})" for name, value in values.items()
    ]
    if hasattr(cls, "__attrs_post_init__"):
        lines.append("    new.__attrs_post_init__()")
    lines.append("    return new")
    read: Read = compile_function(
        "\n".join(lines), "read", namespace, what=f"read {cls.__qualname__}"
    )
    return read


def _expression(
    type_: Any, value: str, name: str, namespace: dict[str, Any], leaves: Leaves
) -> str:
    """Return an expression reading *value* as *type_*; a function's name is *name*."""
    args = typing.get_args(type_)
    if typing.get_origin(type_) in (typing.Union, types.UnionType) and len(args) == 2:
        inner = args[0] if args[1] is type(None) else args[1]
        if type(None) in args:
            expression = _expression(inner, f"_{name}", name, namespace, leaves)
            return f"(None if (_{name} := {value}) is None else {expression})"
    read = reader(type_, leaves)
    if read is None:
        return value
    namespace[f"read_{name}"] = read
    return f"read_{name}({value})"


def _wrong_keys(name: str, keys: list[str], value: object) -> None:
    raise TypeError(f"expected a {name} object with the keys {keys}, got {value!r:.80}")
