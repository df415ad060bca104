"""The wire format: how an event becomes one JSON object and back.

This module is the one place that knows it. A record is a flat JSON object:
the event's fields, plus

* ``type``: the event class's registered name, e.g. ``"RestrictionImposed"``;
* ``schema``: the version of that class's fields (`Event.class_version`);
* ``seq``: the append sequence number, from 1;
* ``recorded_at``: when the store committed the append, in UTC.

Keys are sorted, dates are ISO 8601 (``"2019-07-04"``), sets are sorted
lists and timestamps look like ``"2020-03-11T02:00:00.000000Z"``, so a diff
of two versions of a log reads like a changelog. Records are built and read
by one dedicated cattrs converter. JSON is written with orjson when it is
installed (``pip install 'tradedispute[fast]'``) and with the standard
library otherwise. Both write the same bytes, except that a few floats are
spelled differently (orjson writes ``0.00001`` where Python writes
``1e-05``); either reads the other's records to the same values.

A record of an older schema version is upgraded when read, by the upcasters
registered with `upcaster`. Reading never runs anything from the record.
"""

from tradedispute.codec.converter import (
    META_KEYS,
    OPTIONAL_META_KEYS,
    RecordedEvent,
    decode,
    encode,
    format_timestamp,
    parse_timestamp,
    upcaster,
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
