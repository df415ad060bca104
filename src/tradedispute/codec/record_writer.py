"""Record writers: an event type's records built fast, for `codec.encode`.

Encoding is the hot path of every append. ``_converter.unstructure`` costs
more in dispatch than in building the dict, and checking every value of
every record for NaN costs as much again, so each record type gets a
writer, made once: for the types `_written` knows, a function written for the class
(as attrs writes ``__init__``) that builds the record in sorted key order,
so the JSON writer need not sort; for any other type, the converter's own
hook for the class. Both give what ``_converter.unstructure`` gives.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Callable
from typing import Any, Literal

import attrs
import cattrs

from tradedispute.core.events import Event
from tradedispute.core.generated import compile_function

__all__ = ["ADDED_FIELDS", "Writer", "leave_out_defaults", "writer_for"]

Record = dict[str, Any]

#: Fields the base `Event` gained after records were first written, with
#: their defaults. A record leaves such a field out when it holds its
#: default, and a record without it reads as holding the default, so that
#: the records of earlier versions read as they are and the records written
#: now of the same events have the same bytes (and the same hash chain).
ADDED_FIELDS: dict[str, object] = {"precision": "day"}


def leave_out_defaults(record: Record) -> Record:
    """Remove from *record* the `ADDED_FIELDS` that hold their defaults.

    Removing keys keeps the order of the others, so a record written in
    sorted key order stays sorted.
    """
    for key, default in ADDED_FIELDS.items():
        if key in record and record[key] == default:
            del record[key]
    return record


@attrs.frozen
class Writer:
    """What encoding needs to know of one record type, worked out once.

    Attributes:
        write: ``(event, seq, batch_end) -> record``, with ``recorded_at``
            still None (it is formatted after the checks, as it always was).
        checked_keys: The keys whose values may hold a NaN or an infinity,
            which JSON cannot hold; the others need no look.
        keys_sorted: Whether the record's keys, and those of the objects in
            it, come in sorted order already.
    """

    write: Callable[[Any, int, int | None], Record]
    checked_keys: tuple[str, ...]
    keys_sorted: bool


_writers: dict[type[Any], Writer] = {}


def writer_for(cls: type[Any], converter: cattrs.Converter) -> Writer:
    """Return the writer of *cls*'s records, made once per class.

    *converter* is the codec's (there is one), whose hook a type this cannot
    write goes through. The record's own keys (``type``, ``seq``, ...) win
    over fields of the same names, as in the converter's path; the registry
    refuses such names anyway.
    """
    writer = _writers.get(cls)
    if writer is None:
        writer = _writers[cls] = _make_writer(cls, converter)
    return writer


def _make_writer(cls: type[Any], converter: cattrs.Converter) -> Writer:
    # Getting the hook resolves the fields' string annotations, too.
    hook: Callable[[Any], Record] = converter.get_unstructure_hook(cls)
    # The converter writes the fields __init__ takes, in their order; the
    # checks go in that order too, so a NaN is reported where it always was.
    fields = [field for field in attrs.fields(cls) if field.init]
    own = _is_own(cls)
    # An added field is checked by the base Event's own validator.
    checked = tuple(
        f.name
        for f in fields
        if f.name not in ADDED_FIELDS and (not own or _may_hold_float(f.type))
    )
    written = _written_fields(cls)
    if written is None:

        def write(event: Any, seq: int, batch_end: int | None) -> Record:
            record = hook(event)
            record.update(
                type=cls.__name__,
                schema=cls.class_version,
                seq=seq,
                recorded_at=None,
            )
            if batch_end is not None:
                record["batch_end"] = batch_end
            return record

        return Writer(write, checked, keys_sorted=False)
    items, namespace = written
    meta = {
        "type": repr(cls.__name__),
        "schema": repr(cls.class_version),
        "seq": "seq",
        "recorded_at": "None",
    }
    alone = _dict_display({**items, **meta})
    in_batch = _dict_display({**items, **meta, "batch_end": "batch_end"})
    lines = [
        "def write(instance, seq, batch_end):",
        f"    record = {alone} if batch_end is None else {in_batch}",
    ]
    for key, default in ADDED_FIELDS.items():
        if key in items:
            lines.append(f"    if record[{key!r}] == {default!r}:")
            lines.append(f"        del record[{key!r}]")
    lines.append("    return record")
    source = "\n".join(lines)
    write = compile_function(
        source, "write", namespace, what=f"write {cls.__qualname__} records"
    )
    return Writer(write, checked, keys_sorted=True)


# Formatting a date costs ten times as much as looking it up, and the dates
# of a log repeat: a few a day, each record's effective and source dates.
_days: dict[dt.date, str] = {}
_DAYS_KEPT = 4096


def _new_day(day: dt.date) -> str:
    if len(_days) >= _DAYS_KEPT:
        _days.clear()
    text = _days[day] = dt.date.isoformat(day)
    return text


def _dict_display(items: dict[str, str]) -> str:
    return "{" + ", ".join(f"{key!r}: {items[key]}" for key in sorted(items)) + "}"


_PASSED = (str, int, bool, float)


def _written_fields(cls: type[Any]) -> tuple[dict[str, str], dict[str, Any]] | None:
    """Return an expression per field of *cls* giving what the converter makes of it.

    The expressions read ``instance``; the namespace returned with them holds
    the functions they call. `None` if a field is of a type this does not know.
    """
    namespace: dict[str, Any] = {}
    items = {}
    for field in attrs.fields(cls):
        if not field.init:
            return None
        expression = _written(field.type, f"instance.{field.name}", namespace)
        if expression is None:
            return None
        items[field.name] = expression
    return items, namespace


def _written(type_: Any, value: str, namespace: dict[str, Any]) -> str | None:
    """Return an expression giving what the converter makes of *value*, of *type_*."""
    origin = typing.get_origin(type_)
    args = typing.get_args(type_)
    if type_ in _PASSED or origin is Literal:
        return value
    if type_ is dt.date:
        namespace["known_day"] = _days.get
        namespace["new_day"] = _new_day
        return f"(known_day({value}) or new_day({value}))"
    if origin is frozenset and args in ((str,), (int,)):
        namespace["sorted"] = sorted
        return f"sorted({value})"
    if origin in (typing.Union, types.UnionType):
        if len(args) != 2 or type(None) not in args:
            return None
        inner = args[0] if args[1] is type(None) else args[1]
        variable = "_" + value.rpartition(".")[2]
        expression = _written(inner, variable, namespace)
        if expression is None:
            return None
        return f"(None if ({variable} := {value}) is None else {expression})"
    if isinstance(type_, type) and attrs.has(type_) and not issubclass(type_, Event):
        nested = _written_fields(type_)
        if nested is None:
            return None
        items, nested_namespace = nested
        # Named for the class itself: two classes may share a name (a user's
        # own Source beside tradedispute.Source, say).
        function = f"write_{type_.__name__}_{id(type_):x}"
        namespace[function] = compile_function(
            f"def {function}(instance):\n    return {_dict_display(items)}",
            function,
            nested_namespace,
            what=f"write {type_.__qualname__} values",
        )
        return f"{function}({value})"
    return None


def _is_own(cls: type[Any]) -> bool:
    """Tell whether *cls* is one of ours, whose validators check every field's type.

    A user's event type may leave a field unchecked (``rate: float``), or
    check it with something such as ``attrs.validators.ge(0)`` that lets
    ``inf`` through, so all of its fields are looked at.
    """
    return cls.__module__.startswith("tradedispute.")


_NO_FLOATS = (str, int, bool, type(None), dt.date)


def _may_hold_float(type_: Any) -> bool:
    """Tell whether a field of *type_*, in one of our classes, can hold a float."""
    origin = typing.get_origin(type_)
    args = typing.get_args(type_)
    if type_ in _NO_FLOATS:
        return False
    if origin is Literal:
        return any(isinstance(arg, float) for arg in args)
    if origin in (typing.Union, types.UnionType, frozenset):
        return any(_may_hold_float(arg) for arg in args)
    if isinstance(type_, type) and attrs.has(type_) and not issubclass(type_, Event):
        return any(_may_hold_float(field.type) for field in attrs.fields(type_))
    # float, Any, a string annotation, Event (any registered type may stand
    # there), and whatever else.
    return True
