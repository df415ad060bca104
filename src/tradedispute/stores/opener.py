"""Choosing a store: from a file's suffix, or (for a server) a URL's scheme.

`open_store` is what `EventLog.open` calls. A new store is one line here: a
suffix in `_BY_SUFFIX`, or a scheme in `_BY_SCHEME` (say ``"postgresql"``),
mapped to a function that opens it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tradedispute.exceptions import InvalidQuery, UnsupportedFile, missing_extra
from tradedispute.stores import jsonl, sqlite
from tradedispute.stores.protocol import EventStore

if TYPE_CHECKING:
    from tradedispute.stores.postgres import PostgresStore

__all__ = ["open_store"]


def _jsonl(path: Path, *, repair: bool, read_only: bool, create: bool) -> EventStore:
    return jsonl.JsonLinesStore(path, repair=repair, read_only=read_only, create=create)


def _sqlite(path: Path, *, repair: bool, read_only: bool, create: bool) -> EventStore:
    return sqlite.SQLiteStore(path, read_only=read_only, create=create)


def postgres_store() -> type[PostgresStore]:
    """Return `PostgresStore`, imported when first needed.

    Raises:
        MissingExtra: psycopg or psycopg_pool is not installed.
    """
    try:
        from tradedispute.stores.postgres import PostgresStore
    except ImportError as error:
        if error.name not in {"psycopg", "psycopg_pool"}:
            raise
        raise missing_extra(
            "a PostgreSQL log", "psycopg 3 and psycopg_pool", "postgres"
        ) from None
    return PostgresStore


def _postgres(url: str, *, repair: bool, read_only: bool, create: bool) -> EventStore:
    return postgres_store()(url, read_only=read_only, create=create)


_Open = Callable[..., EventStore]

#: The file suffixes of logs: the store's class, and how a path is opened.
_BY_SUFFIX: dict[str, tuple[type[EventStore], _Open]] = {
    **dict.fromkeys(jsonl.SUFFIXES, (jsonl.JsonLinesStore, _jsonl)),
    **dict.fromkeys(sqlite.SUFFIXES, (sqlite.SQLiteStore, _sqlite)),
}

#: The URL schemes of stores on a server, and how each is opened (with the
#: URL and the keyword options of `open_store`).
_BY_SCHEME: dict[str, _Open] = {"postgresql": _postgres, "postgres": _postgres}


def suffixes() -> tuple[str, ...]:
    """Return the file suffixes `open_store` knows, sorted."""
    return tuple(sorted(_BY_SUFFIX))


def store_type(path: str | os.PathLike[str]) -> type[EventStore] | None:
    """Return the class of store a path's suffix names, or `None`."""
    found = _BY_SUFFIX.get(Path(path).suffix.lower())
    return found[0] if found else None


def open_store(
    location: str | os.PathLike[str],
    *,
    repair: bool = False,
    read_only: bool = False,
    create: bool = True,
) -> EventStore:
    """Open the store at *location*: a file path, or a server's URL.

    A path's suffix picks the store: ``.jsonl`` for JSON Lines, ``.sqlite``
    or ``.db`` for SQLite; the file is created if it is missing, unless
    *create* is false or *read_only* is true. A ``postgresql://`` (or
    ``postgres://``) URL opens a `tradedispute.stores.PostgresStore`, whose
    tables are made in the same cases; ``?schema=NAME`` in the URL picks the
    schema that holds the log.

    Args:
        location: The log file, or a URL whose scheme names a store.
        repair: For a JSON Lines log whose last append was cut short by a
            crash: drop that torn tail (and warn with what was dropped)
            instead of raising `CorruptRecord`.
        read_only: Open for reading only; nothing is ever written, and
            appends raise `ReadOnlyLog`.
        create: Create a missing file.

    Raises:
        UnsupportedFile: the suffix (or scheme) names no store, the folder
            is missing, or the file is not a log of that kind.
        MissingExtra: a PostgreSQL URL, without the ``postgres`` extra.
        StorageError: the server cannot be reached, or refuses.
        InvalidQuery: *location* is neither a path nor a URL.
    """
    if not isinstance(location, str | os.PathLike):
        raise InvalidQuery(
            f"a log's location is a path (str or os.PathLike) or a URL, not "
            f"{type(location).__name__} {location!r}"
        )
    text = os.fspath(location)
    scheme, separator, _ = text.partition("://")
    if separator and scheme.isidentifier():
        opener = _BY_SCHEME.get(scheme.lower())
        if opener is None:
            known = ", ".join(f"{name}://" for name in sorted(_BY_SCHEME)) or "none"
            raise UnsupportedFile(
                f"{text}: no store for URLs of the scheme {scheme!r} (schemes "
                f"known: {known}); give a path ending in one of "
                f"{', '.join(suffixes())}",
                path=text,
            )
        return opener(text, repair=repair, read_only=read_only, create=create)
    where = Path(location)
    found = _BY_SUFFIX.get(where.suffix.lower())
    if found is None:
        raise UnsupportedFile(
            f"{where}: cannot tell the kind of log from the suffix "
            f"{where.suffix!r}; use one of {', '.join(suffixes())}",
            path=str(where),
        )
    if not where.parent.is_dir():
        raise UnsupportedFile(
            f"{where}: the folder {where.parent} does not exist; create it "
            "first, or give a path in an existing folder",
            path=str(where),
        )
    _, opener = found
    return opener(where, repair=repair, read_only=read_only, create=create)
