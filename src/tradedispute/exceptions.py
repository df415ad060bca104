"""The one home of tradedispute's errors.

Every error the library raises on bad input is a `TradeDisputeError`, so a
caller can catch them all with one clause. Each message names what was wrong,
where (event id and date) and what would have been valid.
"""

from __future__ import annotations

import datetime as dt

__all__ = [
    "AppendFailed",
    "ChainBroken",
    "ChartError",
    "ConcurrencyError",
    "CopyRefused",
    "CorruptRecord",
    "DuplicateEventId",
    "InvalidCorrection",
    "InvalidCountryCode",
    "InvalidEvent",
    "InvalidQuery",
    "InvalidTransition",
    "LogClosed",
    "MissingExtra",
    "ReadOnlyLog",
    "RecordError",
    "RegistrationError",
    "SchemaError",
    "StorageError",
    "TradeDisputeError",
    "UnknownEventType",
    "UnsupportedFile",
    "UnwritableFile",
]


#: The longest message an error keeps whole; a longer one (one quoting a huge
#: bad value, say) keeps its start and its end, with what was cut counted.
MESSAGE_LIMIT = 1000
_HEAD, _TAIL = 600, 300


class TradeDisputeError(Exception):
    """The root of every error tradedispute raises on bad input.

    A message is kept to about `MESSAGE_LIMIT` characters: where it would
    quote a bad value whole (a 20 MB string, say), it keeps its beginning
    (what and where) and its end (what would be valid), and says how many
    characters it left out between.
    """

    def __init__(self, message: str = "", *args: object) -> None:
        if len(message) > MESSAGE_LIMIT:
            cut = len(message) - _HEAD - _TAIL
            message = (
                f"{message[:_HEAD]} [... {cut} characters left out ...] "
                f"{message[-_TAIL:]}"
            )
        super().__init__(message, *args)


class InvalidCountryCode(TradeDisputeError, ValueError):
    """A string is not an ISO 3166-1 alpha-3 code (nor ``EUN``).

    Attributes:
        code: The rejected string.
    """

    def __init__(self, message: str, *, code: object) -> None:
        super().__init__(message)
        self.code = code


class InvalidEvent(TradeDisputeError, ValueError):
    """An event could not be built: a field's value is malformed or contradictory.

    Raised while the event is constructed, so a bad event never exists. (A
    required field left out altogether is a `TypeError`, as for any Python
    call; mypy reports it before the code runs.)

    Attributes:
        event_type: The name of the event class.
        field: The offending field.
    """

    def __init__(self, message: str, *, event_type: str, field: str) -> None:
        super().__init__(message)
        self.event_type = event_type
        self.field = field


class InvalidQuery(TradeDisputeError, ValueError):
    """A question put to a log or a state has invalid arguments.

    For example ``state_at`` given a `datetime` instead of a `date`, or a
    negotiation asked of a country with itself.
    """


class ChartError(TradeDisputeError):
    """matplotlib could not draw the chart of a valid log.

    No valid log is known to cause it (a property test draws generated
    logs, dense clusters and extreme dates); it is here so that a limit of
    matplotlib's (an image too large, say) is told as an error with the
    days drawn and what to try, not as a traceback.
    """


class InvalidTransition(TradeDisputeError):
    """An event makes no sense in the state it meets during replay.

    Attributes:
        event_id: The id of the event that cannot apply.
        effective: Its effective date.
        rule: A short, stable name of the rule it breaks, such as
            ``"lift-not-in-force"``; the rules are listed in the docs.
        appended_id: When a back-dated append made an already recorded event
            invalid, the id of the appended event; otherwise ``None``.
    """

    def __init__(
        self,
        message: str,
        *,
        event_id: str,
        effective: dt.date,
        rule: str,
        appended_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.event_id = event_id
        self.effective = effective
        self.rule = rule
        self.appended_id = appended_id

    def stored_at(self, location: str, seq: int | None) -> InvalidTransition:
        """Return this error as found replaying the record *seq* of a store."""
        return InvalidTransition(
            f"{location} (seq {seq}): the stored events do not replay: {self}",
            event_id=self.event_id,
            effective=self.effective,
            rule=self.rule,
        )


class InvalidCorrection(TradeDisputeError):
    """A correction cannot act on the event it names.

    Raised when an `EventRetracted` or `EventCorrected` names an id that is
    no event recorded before it, a correction, or an event already
    retracted. (A correction whose corrected history does not replay raises
    `InvalidTransition` instead.)

    Attributes:
        correction_id: The correction's id.
        target_id: The id it names.
        rule: ``"target-unknown"``, ``"target-is-correction"`` or
            ``"target-retracted"``.
    """

    def __init__(
        self, message: str, *, correction_id: str, target_id: str, rule: str
    ) -> None:
        super().__init__(message)
        self.correction_id = correction_id
        self.target_id = target_id
        self.rule = rule

    def stored_at(self, location: str, seq: int | None) -> InvalidCorrection:
        """Return this error as found replaying the record *seq* of a store."""
        return InvalidCorrection(
            f"{location} (seq {seq}): the stored entries do not replay: {self}",
            correction_id=self.correction_id,
            target_id=self.target_id,
            rule=self.rule,
        )


class DuplicateEventId(TradeDisputeError):
    """An event's id is already in the log (or twice in one batch).

    Attributes:
        event_id: The repeated id.
    """

    def __init__(self, message: str, *, event_id: str) -> None:
        super().__init__(message)
        self.event_id = event_id


class RegistrationError(TradeDisputeError, TypeError):
    """An event type or reducer cannot be registered as given."""


class UnknownEventType(TradeDisputeError, TypeError):
    """No reducer is registered for an event's type.

    Attributes:
        event_type: The class without a reducer.
    """

    def __init__(self, message: str, *, event_type: type) -> None:
        super().__init__(message)
        self.event_type = event_type


class ConcurrencyError(TradeDisputeError):
    """The log moved on since the version an append expected.

    Attributes:
        expected_version: The version the caller expected.
        actual_version: The version the log is at.
    """

    def __init__(
        self, message: str, *, expected_version: int, actual_version: int
    ) -> None:
        super().__init__(message)
        self.expected_version = expected_version
        self.actual_version = actual_version


class RecordError(TradeDisputeError):
    """A stored record cannot be read. The base of `CorruptRecord` and `SchemaError`.

    Attributes:
        location: The file (or ``":memory:"``) the record is in.
        line: Its line in a JSON Lines file, if it is in one.
        seq: Its append sequence number, if known.
        field: The offending field, if one is to blame.
    """

    def __init__(
        self,
        message: str,
        *,
        location: str,
        line: int | None = None,
        seq: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.location = location
        self.line = line
        self.seq = seq
        self.field = field


class CorruptRecord(RecordError):
    """A stored record is malformed: bad JSON, a missing or extra field, a bad value.

    Also raised for a torn last line of a JSON Lines file (a writer killed
    mid-append); ``EventLog.open(path, repair=True)`` drops that tail.
    """


class ChainBroken(CorruptRecord):
    """A record's hash does not follow from the records before it and itself.

    The record, or one before it, was changed after it was written (or the
    log does not extend the head it was expected to). ``seq`` is the first
    record where the chain breaks.
    """


class SchemaError(RecordError):
    """A stored record names an event type or schema version this program lacks."""


class UnsupportedFile(TradeDisputeError, ValueError):
    """A path names no file this library can open or write as asked.

    For example: the suffix names no kind of file (a log must be
    ``.jsonl``, ``.sqlite`` or ``.db``; a chart ``.png``, ``.svg`` or
    ``.pdf``), a log's folder is missing or its path is a folder, a file is
    not a log of its kind, a log to stream from does not exist, or the
    platform cannot lock a JSON Lines file. The message says which.

    Attributes:
        path: The rejected path.
    """

    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(message)
        self.path = path


class StorageError(TradeDisputeError):
    """A store could not read or write what it keeps, for a reason of its own.

    Raised by stores for faults of the database or file beneath them (a
    SQLite error, say), so that the log, and users, catch one of ours
    whatever the store. What was being done, and where, is in the message.

    Attributes:
        location: The store's location (a path, a URL or ``":memory:"``).
    """

    def __init__(self, message: str, *, location: str) -> None:
        super().__init__(message)
        self.location = location


class AppendFailed(StorageError):
    """An append failed for a fault of the store, not for what it appended.

    The log is as it was before the append, and usable: what the store
    committed, if anything, it reads on its next refresh or append. (An
    interrupt, Ctrl-C, is not turned into this error: it goes on as
    `KeyboardInterrupt`, with a note that says the same.)

    Attributes:
        committed: Whether the store committed the batch before the fault;
            `None` when it cannot be told (a server lost the connection
            while committing, and cannot be reached to ask).
    """

    def __init__(self, message: str, *, location: str, committed: bool | None) -> None:
        super().__init__(message, location=location)
        self.committed = committed


class CopyRefused(TradeDisputeError):
    """A log cannot be copied into a destination that holds other entries.

    `tradedispute.copy_log` copies into an empty log, or one that holds
    exactly the source's first entries (a copy cut short), and nothing else.
    Nothing was written.

    Attributes:
        source: The source's location.
        destination: The destination's location.
        seq: The first entry at which they differ.
        field: What differs there: ``"id"``, ``"recorded_at"``, ``"event"``
            (its fields), or ``"entry"`` (the destination holds an entry the
            source lacks).
    """

    def __init__(
        self, message: str, *, source: str, destination: str, seq: int, field: str
    ) -> None:
        super().__init__(message)
        self.source = source
        self.destination = destination
        self.seq = seq
        self.field = field


class LogClosed(TradeDisputeError, ValueError):
    """A log was used after `EventLog.close`: nothing was read or written.

    Open it again (`EventLog.open`) to go on. A `ValueError`, as Python's
    own files raise for an operation on a closed file.

    Attributes:
        location: The log's location.
    """

    def __init__(self, message: str, *, location: str) -> None:
        super().__init__(message)
        self.location = location


class ReadOnlyLog(TradeDisputeError):
    """A log opened read-only was asked to write: an append, a checkpoint.

    Nothing was written. Open it without ``read_only=True`` (and with the
    permission to write the file and its folder) to write.

    Attributes:
        location: The log's location.
    """

    def __init__(self, message: str, *, location: str) -> None:
        super().__init__(message)
        self.location = location


class UnwritableFile(TradeDisputeError, OSError):
    """A chart cannot be written where asked: its folder is missing or not writable.

    Nothing is left behind: no partial file, and an existing file as it was.
    (A log whose folder is missing raises `UnsupportedFile` when opened.)

    Attributes:
        path: The path asked for.
    """

    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(message)
        self.path = path


class MissingExtra(TradeDisputeError, ImportError):
    """A feature needs an optional dependency that is not installed.

    The message names the extra that installs it, such as
    ``pip install 'tradedispute[pandas]'``.

    Attributes:
        extra: The name of the extra.
    """

    def __init__(self, message: str, *, extra: str) -> None:
        super().__init__(message)
        self.extra = extra


def missing_extra(feature: str, package: str, extra: str) -> MissingExtra:
    """Return the error for *feature* needing *package*, installed by *extra*."""
    return MissingExtra(
        f"{feature} needs {package}, which is not installed; install the "
        f"'{extra}' extra: pip install 'tradedispute[{extra}]'",
        extra=extra,
    )
