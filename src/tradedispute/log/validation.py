"""Checking a whole log file: every problem found, each with its place.

``tradedispute validate`` runs `validate`. A store that `ScansRecords`
(JSON Lines) is read record by record, so that every record that cannot be
read, every gap in ``seq`` and every event that does not replay is reported
with its line; then, when those are clean, the log is opened as
`EventLog.open` does, without checkpoints, so every event is replayed and
what the scan cannot see (a batch cut short, say) is found too. A store
that cannot scan is only opened, and reports the first problem.
"""

from __future__ import annotations

import itertools
import os

import attrs

from tradedispute.codec.chain import Head
from tradedispute.codec.converter import RecordedEvent, format_timestamp
from tradedispute.codec.state import decode_state
from tradedispute.exceptions import (
    ChainBroken,
    RecordError,
    TradeDisputeError,
    UnsupportedFile,
)
from tradedispute.log.eventlog import EventLog
from tradedispute.log.keeper import usable
from tradedispute.stores.opener import open_store, store_type
from tradedispute.stores.protocol import KeepsCheckpoints, ScansRecords


@attrs.frozen
class Validation:
    """What `validate` found.

    Attributes:
        events: How many records could be read (entries, corrections
            included).
        problems: Each problem, one message each, in the order found.
    """

    events: int
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """Whether no problem was found."""
        return not self.problems


def validate(
    path: str | os.PathLike[str], *, head: Head | str | None = None
) -> Validation:
    """Check the log at *path* end to end, replaying every event.

    Beyond reading and replaying every record: the hash chain is recomputed
    and every record's hash checked (the first break is reported, with its
    place); commit times must not go back along ``seq``; and with *head*
    (a head published before), the log must extend it.

    Raises:
        UnsupportedFile: the path's suffix names no kind of log. (A file
            that is not a log of its kind is a problem found, not an error.)
        InvalidQuery: *head* is not a head.
    """
    expected = Head.parse(head) if isinstance(head, str) else head
    problems: list[str] = []
    count = 0
    try:
        store = open_store(path, read_only=True)
    except UnsupportedFile as error:
        if store_type(path) is None:
            raise
        return Validation(0, (str(error),))
    try:
        if isinstance(store, ScansRecords):
            count = _scan(store, problems)
    finally:
        store.close()
    if not problems:
        try:
            with EventLog.open(path, read_only=True, checkpoints=False) as log:
                count = len(log)
                problems.extend(_recorded_in_order(log))
                problems.extend(_chain_problems(log, expected))
                problems.extend(_checkpoint_problems(log))
        except TradeDisputeError as error:
            problems.append(str(error))
    return Validation(count, tuple(problems))


def _recorded_in_order(log: EventLog) -> list[str]:
    """The first record whose commit time is before the one before it, if any."""
    records = log.records()
    for before, after in itertools.pairwise(records):
        if after.recorded_at < before.recorded_at:
            return [
                f"{log.location} (seq {after.seq}): recorded at "
                f"{format_timestamp(after.recorded_at)}, before seq {before.seq} "
                f"({format_timestamp(before.recorded_at)}); commit times never go "
                "back along seq, so the record was changed"
            ]
    return []


def _chain_problems(log: EventLog, head: Head | None) -> list[str]:
    """The first break of the hash chain, and whether the log extends *head*."""
    try:
        log.verify(extends=head)
    except ChainBroken as error:
        return [str(error)]
    return []


def _scan(store: ScansRecords, problems: list[str]) -> int:
    """Scan every record into a log in memory, noting each problem; the count.

    The records of one commit (one time of recording) are appended together,
    as their writer appended them: no `known_at` can see part of a commit,
    and a back-dated batch replays once, not once an event. A commit that is
    refused is appended again one record at a time, to name each culprit.
    """
    checker = EventLog()
    previous: int | None = 0  # None after a record that could not be read
    count = 0
    commit: list[tuple[str, RecordedEvent]] = []
    for place, found in store.scan():
        if isinstance(found, RecordError):
            _append_commit(checker, commit, problems)
            problems.append(str(found))
            previous = None
            continue
        count += 1
        where = f"{place} (seq {found.seq})"
        if previous is not None and found.seq != previous + 1:
            problems.append(
                f"{where}: seq {found.seq} follows seq {previous}; records are "
                "numbered 1, 2, 3, ... with none missing or repeated"
            )
        previous = found.seq
        if commit and commit[-1][1].recorded_at != found.recorded_at:
            _append_commit(checker, commit, problems)
        commit.append((where, found))
    _append_commit(checker, commit, problems)
    return count


def _append_commit(
    checker: EventLog, commit: list[tuple[str, RecordedEvent]], problems: list[str]
) -> None:
    """Append one commit's records to *checker*, then empty *commit*."""
    if not commit:
        return
    try:
        checker.extend([found.event for _, found in commit])
    except TradeDisputeError:
        for where, found in commit:
            try:
                checker.append(found.event)
            except TradeDisputeError as error:
                problems.append(f"{where}: {error}")
    commit.clear()


def _checkpoint_problems(log: EventLog) -> list[str]:
    """Every stored checkpoint that a replay does not bear out.

    A checkpoint a log would use must equal the state a replay gives at its
    position; one bound to another chain, or made when the log held more
    entries than it does, shows the log or the checkpoints were changed.
    """
    store = log._store
    if not isinstance(store, KeepsCheckpoints):
        return []
    try:
        table = store.checkpoint_table(create=False)
        rows = table.load() if table is not None else []
    except TradeDisputeError as error:
        return [str(error)]
    records = log.records()
    replayed = log.events()
    usable_rows = set(usable(rows, records, replayed))
    problems = []
    for row in rows:
        where = (
            f"{log.location}: the checkpoint at position {row.position} (made "
            f"when the log held {row.version} entries)"
        )
        if row.version > len(records):
            problems.append(
                f"{where} is of a longer log: this one holds {len(records)} "
                "entries, so entries were removed, or the checkpoint belongs to "
                "another log. It is never used"
            )
        elif records[row.version - 1].hash != row.head:
            problems.append(
                f"{where} is bound to another hash chain ({row.head}): it belongs "
                "to another log, or to this one before an edit. It is never used"
            )
        elif row in usable_rows:
            try:
                stored = decode_state(row.state)
            except ValueError as error:
                problems.append(f"{where} cannot be read ({error}); it is never used")
                continue
            if stored != log._replayed.state_after(row.position):
                problems.append(
                    f"{where} does not match a replay of the events up to it: it "
                    "was changed after it was written, and a log opened from it "
                    "would answer wrongly. Open with verify=True (no checkpoints), "
                    "and prune it"
                )
    return problems
