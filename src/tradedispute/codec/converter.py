"""The record converter: encode and decode, upcasters, timestamps.

The format it owns is described in `tradedispute.codec`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import math
import re
import typing
from collections.abc import Callable
from typing import Any, Literal, TypeVar

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from tradedispute._runtime import shared_string_set, shared_text
from tradedispute.codec.chain import chain_hash, is_hash
from tradedispute.codec.jsonio import (
    canonical,
    dumps,
    dumps_presorted,
    loads,
)
from tradedispute.codec.record_writer import (
    ADDED_FIELDS,
    leave_out_defaults,
    writer_for,
)
from tradedispute.core.corrections import CORRECTION_TYPES, Entry
from tradedispute.core.events import Event
from tradedispute.core.registry import event_type_named, event_types
from tradedispute.exceptions import (
    CorruptRecord,
    InvalidEvent,
    RecordError,
    RegistrationError,
    SchemaError,
)

__all__ = [
    "META_KEYS",
    "OPTIONAL_META_KEYS",
    "RecordedEvent",
    "decode",
    "encode",
    "format_timestamp",
    "parse_timestamp",
    "upcaster",
]

META_KEYS = frozenset({"type", "schema", "seq", "recorded_at"})
"""The keys every record has besides its event's fields."""

OPTIONAL_META_KEYS = frozenset({"batch_end", "hash"})
"""Keys a record may have besides those (see `RecordedEvent`)."""

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z")

Record = dict[str, Any]
Upcaster = Callable[[Record], Record]
U = TypeVar("U", bound=Upcaster)

_upcasters: dict[tuple[str, int], Upcaster] = {}


@attrs.frozen(kw_only=True)
class RecordedEvent:
    """An entry as a store holds it: with its place in the log and commit time.

    Attributes:
        seq: The append sequence number, from 1.
        recorded_at: When the store committed the append (UTC).
        event: The event, or a correction (see `tradedispute.EventCorrected`).
        batch_end: In a JSON Lines file, the ``seq`` of the last event of
            the multi-event batch this one was appended with; a reader that
            finds the batch cut short knows a writer died mid-append.
            `None` for an event appended alone. Not part of equality.
        hash: The record's place in the hash chain
            (`tradedispute.codec.chain`): ``"sha256:..."``, committing to it
            and every record before it. `None` for a record written before
            logs were chained. Not part of equality.
    """

    seq: int
    recorded_at: dt.datetime
    event: Entry
    batch_end: int | None = attrs.field(default=None, eq=False)
    hash: str | None = attrs.field(default=None, eq=False)


@functools.lru_cache(maxsize=64)  # the events of a batch share their time
def format_timestamp(moment: dt.datetime) -> str:
    """Format an aware datetime as a UTC record timestamp, microseconds and ``Z``.

    Raises:
        ValueError: *moment* is naive (has no time zone).
    """
    if moment.utcoffset() is None:
        raise ValueError(f"{moment!r} has no time zone; commit times are aware")
    utc = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return utc.isoformat(timespec="microseconds") + "Z"


def parse_timestamp(text: str) -> dt.datetime:
    """Parse a record timestamp written by `format_timestamp`.

    Raises:
        ValueError: *text* is not such a timestamp.
    """
    if not isinstance(text, str):
        raise ValueError(f"{text!r} is not {_TIMESTAMP_EXAMPLE}")
    return _parse_text_timestamp(text)


_TIMESTAMP_EXAMPLE = "a UTC timestamp like '2020-03-11T02:00:00.000000Z'"


# The events of a batch share their commit time, so most lookups hit.
@functools.lru_cache(maxsize=256)
def _parse_text_timestamp(text: str) -> dt.datetime:
    if not _TIMESTAMP.fullmatch(text):
        raise ValueError(f"{text!r} is not {_TIMESTAMP_EXAMPLE}")
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError as error:
        raise ValueError(f"{text!r} is not {_TIMESTAMP_EXAMPLE} ({error})") from None


def upcaster(type_name: str, *, from_version: int) -> Callable[[U], U]:
    """Register the decorated function to upgrade *type_name* records by one version.

    The function takes the record's event fields (a dict, without the meta
    keys) as written under *from_version* and returns them as version
    ``from_version + 1`` has them. Reading a record applies each upcaster in
    turn until the record matches the class's current `Event.class_version`.

    Raises:
        ValueError: an upcaster for that type and version exists already.
    """

    def register(function: U) -> U:
        key = (type_name, from_version)
        if key in _upcasters:
            raise ValueError(
                f"an upcaster for {type_name} from version {from_version} exists"
            )
        _upcasters[key] = function
        return function

    return register


# --- the converter ---------------------------------------------------------------


def _strict(kind: type, name: str) -> Callable[[object, type], Any]:
    """Structure only values already of *kind*; cattrs would coerce ``5`` to ``"5"``."""

    def structure(value: object, _: type) -> Any:
        if isinstance(value, bool) and kind is not bool:
            raise TypeError(f"expected {name}, got {value!r}")
        if not isinstance(value, kind):
            raise TypeError(f"expected {name}, got {value!r}")
        return value

    return structure


def _structure_text(value: object, _: type) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {value!r}")
    return shared_text(value)


def _structure_float(value: object, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, got {value!r}")
    if not math.isfinite(value):
        raise TypeError(f"expected a finite number, got {value!r}")
    return float(value)


def _structure_date(value: object, _: type) -> dt.date:
    if not isinstance(value, str):
        raise TypeError(f"expected a date like '2019-07-04', got {value!r}")
    return _day(value)


# Decoded values are shared where they repeat (days, sets of parties, words
# of a vocabulary), so that a long log's events and states hold one object
# for each, not one per record: values are immutable, so sharing is safe.


@functools.lru_cache(maxsize=65536)
def _day(text: str) -> dt.date:
    if not _DATE.fullmatch(text):
        raise TypeError(f"expected a date like '2019-07-04', got {text!r}")
    return dt.date.fromisoformat(text)


def _names(members: list[Any]) -> frozenset[Any]:
    """The set of *members*, shared with equal sets read before if they are strings.

    Only strings: the cache compares members by equality, and 1, 1.0 and
    True are equal.
    """
    if all(type(member) is str for member in members):
        return shared_string_set(tuple(members))
    return frozenset(members)


def _is_frozenset(type_: Any) -> bool:
    return getattr(type_, "__origin__", None) is frozenset


def _structure_names(value: object, _: type) -> frozenset[Any]:
    # A JSON string or object would otherwise become a set of its characters
    # or keys; the members are checked by the event's own validators.
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {value!r}")
    try:
        return _names(value)
    except TypeError:
        raise TypeError(f"expected a list of strings, got {value!r}") from None


def _is_literal(type_: Any) -> bool:
    return getattr(type_, "__origin__", None) is Literal


def _pass_through(value: object, _: type) -> object:
    return value


def _structure_word(value: object, _: type) -> object:
    # The event's validator checks Literal fields with a clearer message.
    return shared_text(value) if type(value) is str else value


def _strict_attrs(
    converter: cattrs.Converter,
) -> Callable[[type], Callable[[object, type], Any]]:
    """Make hooks that also reject missing keys, which cattrs fills with defaults."""

    def factory(cls: type) -> Callable[[object, type], Any]:
        structure: Callable[[Any, type], Any] = make_dict_structure_fn(
            cls, converter, _cattrs_forbid_extra_keys=True
        )
        names = sorted(field.name for field in attrs.fields(cls))

        def hook(value: object, _: type) -> Any:
            if not isinstance(value, dict):
                raise TypeError(f"expected an object with keys {names}, got {value!r}")
            missing = [name for name in names if name not in value]
            if missing:
                raise TypeError(f"expected the keys {names}; missing {missing}")
            return structure(value, cls)

        return hook

    return factory


def _is_event_base(type_: Any) -> bool:
    return type_ is Event


_CORRECTIONS_BY_NAME = {kind.__name__: kind for kind in CORRECTION_TYPES}


def _type_named(name: object) -> type[Event] | type[Any] | None:
    """Return the event or correction type a record names, or `None`."""
    if not isinstance(name, str):
        return None
    return _CORRECTIONS_BY_NAME.get(name) or event_type_named(name)


def _nested_events(
    converter: cattrs.Converter,
) -> tuple[Callable[[Event], Record], Callable[[object, type], Event]]:
    """Hooks for a field typed `Event` (a correction's replacement).

    Such a field may hold an event of any registered type, so its value is
    written with its own ``type`` and ``schema`` keys, like a whole record.
    """

    def unstructure(event: Event) -> Record:
        record: Record = converter.unstructure(event, type(event))
        record.update(type=type(event).__name__, schema=type(event).class_version)
        return record

    def structure(value: object, _: type) -> Event:
        if not isinstance(value, dict):
            raise TypeError(f"expected an event object with a 'type', got {value!r}")
        fields = dict(value)
        name = fields.pop("type", None)
        schema = fields.pop("schema", None)
        event_type = event_type_named(name) if isinstance(name, str) else None
        if event_type is None:
            known = ", ".join(sorted(t.__name__ for t in event_types()))
            raise TypeError(f"expected an event type ({known}), got {name!r}")
        current = event_type.class_version
        if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
            raise TypeError(f"expected a 'schema' integer >= 1, got {schema!r}")
        if schema > current:
            raise TypeError(f"expected {name} schema <= {current}, got {schema}")
        for version in range(schema, current):
            step = _upcasters.get((name, version))
            if step is None:
                raise TypeError(
                    f"expected an upcaster from {name} schema {version}, found none"
                )
            fields = step(fields)
        result: Event = converter.structure(_with_defaults(fields), event_type)
        return result

    return unstructure, structure


def _is_event_type(type_: Any) -> bool:
    return isinstance(type_, type) and issubclass(type_, Event) and attrs.has(type_)


def _leaving_out_defaults(
    converter: cattrs.Converter,
) -> Callable[[type], Callable[[Any], Record]]:
    """Make event hooks that leave out the `ADDED_FIELDS` at their defaults."""

    def factory(cls: type) -> Callable[[Any], Record]:
        unstructure: Callable[[Any], Record] = make_dict_unstructure_fn(cls, converter)

        def hook(event: Any) -> Record:
            return leave_out_defaults(unstructure(event))

        return hook

    return factory


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(detailed_validation=True)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook_func(_is_frozenset, sorted)
    converter.register_structure_hook_func(_is_frozenset, _structure_names)
    converter.register_structure_hook_func(_is_literal, _structure_word)
    converter.register_structure_hook_factory(attrs.has, _strict_attrs(converter))
    converter.register_structure_hook(str, _structure_text)
    converter.register_structure_hook(int, _strict(int, "an integer"))
    converter.register_structure_hook(bool, _strict(bool, "true or false"))
    converter.register_structure_hook(float, _structure_float)
    converter.register_unstructure_hook_factory(
        _is_event_type, _leaving_out_defaults(converter)
    )
    unstructure_event, structure_event = _nested_events(converter)
    converter.register_unstructure_hook_func(_is_event_base, unstructure_event)
    converter.register_structure_hook_func(_is_event_base, structure_event)
    return converter


_converter = _make_converter()


# --- encoding and decoding -------------------------------------------------------


def encode(
    event: Entry,
    *,
    seq: int,
    recorded_at: dt.datetime,
    batch_end: int | None = None,
    previous: str | None = None,
) -> bytes:
    """Return the record of an event or correction as UTF-8 JSON bytes, no newline.

    With *previous*, the chain hash of the record before it, the record
    carries its own ``hash`` (see `tradedispute.codec.chain`).
    """
    return encode_chained(
        event, seq=seq, recorded_at=recorded_at, batch_end=batch_end, previous=previous
    )[0]


def encode_chained(
    event: Entry,
    *,
    seq: int,
    recorded_at: dt.datetime,
    batch_end: int | None = None,
    previous: str | None = None,
) -> tuple[bytes, str | None]:
    """Return the record's bytes and its chain hash (`None` without *previous*)."""
    cls = type(event)
    _reader(cls)  # what cannot be read back is refused before it is written
    writer = writer_for(cls, _converter)
    record = writer.write(event, seq, batch_end)
    for key in writer.checked_keys:
        if _non_finite(record[key]):
            raise _not_finite(event, key, record[key])
    record["recorded_at"] = format_timestamp(recorded_at)
    if previous is not None:
        floats = bool(writer.checked_keys)
        record["hash"] = digest = chain_hash(previous, canonical(record, floats=floats))
        return dumps(record), digest
    if writer.keys_sorted:
        return dumps_presorted(record), None
    return dumps(record), None


@attrs.frozen
class _Place:
    """Where a record is, for error messages: file, line and seq as known."""

    location: str
    line: int | None = None
    seq: int | None = None

    def error(
        self, kind: type[RecordError], field: str | None, problem: str
    ) -> RecordError:
        where = self.location
        if self.line is not None:
            where += f", line {self.line}"
        if self.seq is not None:
            where += f" (seq {self.seq})"
        return kind(
            f"{where}: {problem}",
            location=self.location,
            line=self.line,
            seq=self.seq,
            field=field,
        )


def decode(
    data: bytes | str,
    *,
    location: str,
    line: int | None = None,
    seq: int | None = None,
) -> RecordedEvent:
    """Read one record.

    Args:
        data: The record's JSON text.
        location: Where it comes from (a path), for error messages.
        line: Its line in a JSON Lines file, for error messages.
        seq: The sequence number the store keeps it under (a SQLite row),
            for error messages; the record's own ``seq`` must agree.

    Raises:
        CorruptRecord: the record is not valid JSON, not an object, misses a
            field, has one too many, or a value is of the wrong kind.
        SchemaError: the record names an unknown event type, or a schema
            version with no upcaster to the current one.
    """
    place = _Place(location, line, seq)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        record = loads(raw)
    except ValueError as error:
        raise place.error(CorruptRecord, None, f"not valid JSON ({error})") from None
    if not isinstance(record, dict):
        raise place.error(
            CorruptRecord,
            None,
            f"a record is a JSON object, not {type(record).__name__} {record!r:.60}",
        )
    own = record.get("seq")
    if isinstance(own, int) and not isinstance(own, bool):
        if seq is None:
            place = _Place(location, line, own)
        elif own != seq:
            raise place.error(
                CorruptRecord,
                "seq",
                f"the record says seq {own} but is stored as seq {seq}",
            )
    elif seq is not None and "seq" in record:
        raise place.error(CorruptRecord, "seq", f"'seq' must be {seq}, not {own!r}")
    return _from_record(record, place)


@attrs.frozen
class _Reader:
    """What decoding needs to know of one record type, worked out once."""

    cls: type[Any]
    names: frozenset[str]
    structure: Callable[[Record, type], Any]


_readers: dict[type[Any], _Reader] = {}
_SKIP = META_KEYS | OPTIONAL_META_KEYS


def _reader(cls: type[Any]) -> _Reader:
    reader = _readers.get(cls)
    if reader is None:
        # The field names are checked before structuring, so the generated
        # function need not check for missing or extra keys again.
        try:
            structure = make_dict_structure_fn(cls, _converter)
        except cattrs.errors.StructureHandlerNotFoundError:
            raise _unreadable(cls) from None
        names = frozenset(field.name for field in attrs.fields(cls))
        reader = _readers[cls] = _Reader(cls, names, structure)
    return reader


def _unreadable(cls: type[Any]) -> RegistrationError:
    """The error for an event type with a field the log could not read back."""
    hints = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        kind = hints.get(field.name, field.type)
        try:
            _converter.get_structure_hook(kind)
        except cattrs.errors.StructureHandlerNotFoundError:
            break
    else:  # pragma: no cover - cattrs failed on no single field
        raise AssertionError(f"cattrs cannot read {cls.__qualname__}")
    return RegistrationError(
        f"{cls.__qualname__}.{field.name} is typed "
        f"{kind.__qualname__ if isinstance(kind, type) else kind}, which a log "
        "cannot read back from its records; type it with what records hold: "
        "str, int, float, bool, datetime.date, None, a Literal, frozenset or "
        "tuple of those, or an attrs class of them"
    )


def _from_record(record: Record, place: _Place) -> RecordedEvent:
    def corrupt(field: str | None, problem: str) -> RecordError:
        return place.error(CorruptRecord, field, problem)

    if not record.keys() >= META_KEYS:
        for key in sorted(META_KEYS - record.keys()):
            raise corrupt(key, f"the record has no {key!r} field")
    seq = record["seq"]
    if place.seq is None or place.seq < 1:
        raise corrupt("seq", f"'seq' must be an integer >= 1, not {seq!r}")
    try:
        recorded_at = parse_timestamp(record["recorded_at"])
    except ValueError as error:
        raise corrupt("recorded_at", f"'recorded_at': {error}") from None
    type_name = record["type"]
    event_type = _type_named(type_name)
    if event_type is None:
        names = sorted(t.__name__ for t in (*event_types(), *CORRECTION_TYPES))
        # Said first: the list of known types is long, and a long message
        # keeps only its beginning and its end.
        close = difflib.get_close_matches(str(type_name), names, n=3)
        guess = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
        raise place.error(
            SchemaError,
            "type",
            f"unknown event type {type_name!r}{guess} (register a custom type "
            "with @tradedispute.reducer before opening the log); known types: "
            + ", ".join(names),
        )
    schema = record["schema"]
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        raise corrupt("schema", f"'schema' must be an integer >= 1, not {schema!r}")
    batch_end = record.get("batch_end")
    if batch_end is not None and (
        isinstance(batch_end, bool)
        or not isinstance(batch_end, int)
        or batch_end < place.seq
    ):
        raise corrupt(
            "batch_end", f"'batch_end' must be an integer >= seq, not {batch_end!r}"
        )
    digest = record.get("hash")
    if digest is not None and not is_hash(digest):
        raise corrupt(
            "hash", f"'hash' must be 'sha256:' and 64 hex digits, not {digest!r}"
        )
    fields = {key: value for key, value in record.items() if key not in _SKIP}
    if schema != event_type.class_version:
        fields = _upcast(type_name, schema, event_type.class_version, fields, place)
    reader = _reader(event_type)
    if issubclass(event_type, Event):
        fields = _with_defaults(fields)
    if fields.keys() != reader.names:
        for key in sorted(reader.names - fields.keys()):
            raise corrupt(key, f"{type_name} record has no {key!r} field")
        for key in sorted(fields.keys() - reader.names):
            valid = ", ".join(sorted(reader.names | _SKIP))
            raise corrupt(key, f"{type_name} has no field {key!r}; its fields: {valid}")
    try:
        event = reader.structure(fields, event_type)
    except cattrs.BaseValidationError as error:
        invalid = _invalid_event(error)
        if invalid is not None:
            raise corrupt(invalid.field, str(invalid)) from None
        messages = cattrs.transform_error(
            error, path=type_name, format_exception=_format_exception
        )
        raise corrupt(_first_field(messages), "; ".join(messages)) from None
    except InvalidEvent as invalid:
        raise corrupt(invalid.field, str(invalid)) from None
    return RecordedEvent(
        seq=place.seq,
        recorded_at=recorded_at,
        event=event,
        batch_end=batch_end,
        hash=digest,
    )


def _upcast(
    type_name: str, schema: int, current: int, fields: Record, place: _Place
) -> Record:
    if schema > current:
        raise place.error(
            SchemaError,
            "schema",
            f"{type_name} record has schema {schema}, but this program knows "
            f"up to schema {current}; upgrade tradedispute (or the package "
            "defining the type)",
        )
    for version in range(schema, current):
        step = _upcasters.get((type_name, version))
        if step is None:
            raise place.error(
                SchemaError,
                "schema",
                f"no upcaster turns {type_name} schema {version} into schema "
                f"{version + 1}",
            )
        fields = step(dict(fields))
    return fields


def _with_defaults(fields: Record) -> Record:
    """*fields* with the `ADDED_FIELDS` a record left out, at their defaults."""
    return {**ADDED_FIELDS, **fields}


def _invalid_event(error: BaseException) -> InvalidEvent | None:
    if isinstance(error, InvalidEvent):
        return error
    for inner in getattr(error, "exceptions", ()):
        found = _invalid_event(inner)
        if found is not None:
            return found
    return None


def _not_finite(event: Entry, key: str, value: object) -> InvalidEvent:
    return InvalidEvent(
        f"{type(event).__name__} {event.id!r}: field {key!r} holds "
        f"{value!r}; stored numbers must be finite",
        event_type=type(event).__name__,
        field=key,
    )


def _non_finite(value: object) -> bool:
    """Tell whether *value* is or holds a NaN or an infinity."""
    if type(value) is float:
        return not math.isfinite(value)
    if type(value) is dict:
        return any(_non_finite(item) for item in value.values())
    if type(value) is list:
        return any(_non_finite(item) for item in value)
    return False


def _format_exception(error: BaseException, type_: type | None) -> str:
    # Our structure hooks raise TypeErrors that say what was expected and got.
    if isinstance(error, TypeError) and str(error).startswith("expected"):
        return str(error)
    return cattrs.v.format_exception(error, type_)


def _first_field(messages: list[str]) -> str | None:
    for message in messages:
        _, _, path = message.rpartition(" @ ")
        parts = path.split(".")
        if len(parts) > 1:
            return parts[1].split("[")[0]
    return None
