r"""The hash chain that makes a log tamper-evident.

Every record carries ``hash``: the SHA-256 of the hash before it and of the
record's canonical bytes, written ``"sha256:"`` and 64 hex digits. So the
hash of record n commits to every record up to n, and a log is identified,
up to an entry, by its `Head`: "the record up to entry 412, sha256:...".

The canonical bytes of a record are its JSON object without the keys
``hash`` and ``batch_end`` (which depend on the store, not on the entry),
written by Python's standard ``json`` module with sorted keys, no spaces
(``separators=(",", ":")``), non-ASCII characters as they are
(``ensure_ascii=False``), in UTF-8. They are computed from the record as
stored, so a record of an older schema version keeps its hash when a later
version reads it through an upcaster. The chain starts from `GENESIS`::

    hash(n) = "sha256:" + sha256(hash(n - 1) + "\n" + canonical(n)).hexdigest()

where ``hash(n - 1)`` is its ASCII text, and ``hash(0)`` is `GENESIS`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from tradedispute.exceptions import InvalidQuery

__all__ = [
    "GENESIS",
    "LEFT_OUT",
    "Head",
    "canonical_bytes",
    "chain_hash",
    "chain_head",
    "hashes_of",
]

GENESIS = "sha256:" + "0" * 64
"""The hash before the first record."""

_HASH = re.compile(r"sha256:[0-9a-f]{64}")
#: The keys a record's canonical bytes leave out.
LEFT_OUT = frozenset({"hash", "batch_end"})


def is_hash(value: object) -> bool:
    """Tell whether *value* is a chain hash: ``"sha256:"`` and 64 hex digits."""
    return isinstance(value, str) and _HASH.fullmatch(value) is not None


def canonical_bytes(record: dict[str, Any]) -> bytes:
    """Return the canonical bytes of a record's JSON object (see the module)."""
    kept = {key: value for key, value in record.items() if key not in LEFT_OUT}
    text = json.dumps(kept, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def chain_hash(previous: str, canonical: bytes) -> str:
    """Return the hash of a record whose canonical bytes follow *previous*."""
    digest = hashlib.sha256(previous.encode("ascii") + b"\n" + canonical)
    return "sha256:" + digest.hexdigest()


def hashes_of(
    records: Iterable[bytes], previous: str = GENESIS
) -> Iterator[tuple[str, str | None]]:
    """Yield, for each stored record in order, its hash by the chain and its own.

    Its own is the ``hash`` the record carries, `None` if it has none (a
    record written before logs were chained).

    Raises:
        ValueError: a record is not a JSON object.
    """
    for raw in records:
        record = json.loads(raw)
        if not isinstance(record, dict):
            raise ValueError("a record is a JSON object")
        previous = chain_hash(previous, canonical_bytes(record))
        stored = record.get("hash")
        yield previous, stored if isinstance(stored, str) else None


def chain_head(records: Iterable[bytes], previous: str = GENESIS) -> str:
    """Return the chain's hash after *records* (stored records, in order)."""
    head = previous
    for head, _ in hashes_of(records, previous):  # noqa: B007 - the last one counts
        pass
    return head


@attrs.frozen
class Head:
    """Where a log's chain stands: its number of entries and the hash of the last.

    ``str(head)`` is ``"412:sha256:..."``; `Head.parse` reads it back, so a
    head can be published with a paper and checked by any reader
    (``EventLog.open(path, expect_head=...)``, ``tradedispute validate
    --head``).

    Attributes:
        position: The number of entries the head covers (the last one's seq).
        hash: The chain's hash after that entry; `GENESIS` for none.
    """

    position: int
    hash: str

    def __str__(self) -> str:
        return f"{self.position}:{self.hash}"

    @classmethod
    def parse(cls, text: str) -> Head:
        """Read a head written as ``"412:sha256:..."``.

        Raises:
            InvalidQuery: *text* is not such a head.
        """
        position, _, digest = str(text).partition(":")
        if not (position.isascii() and position.isdigit()) or not is_hash(digest):
            raise InvalidQuery(
                f"{text[:100]!r} is not a head; a head looks like "
                f"'412:{GENESIS[:15]}...', an entry count and a sha256 hash"
            )
        return cls(int(position), digest)
