"""Logs shared by real OS processes: concurrent writers, duplicates, SIGKILL.

Every child is a fresh interpreter (``python -c SCRIPT``), so nothing here
depends on fork semantics. A child prints an event id only after the append
that recorded it returned: those ids are *acknowledged*, and an
acknowledged event must survive anything that happens afterwards.
"""

import datetime as dt
import itertools
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tradedispute import EventLog, ExportControlStrengthened
from tradedispute.exceptions import CorruptRecord
from tradedispute.log.validation import validate
from tradedispute.stores import RepairWarning

SUFFIXES = [".jsonl", ".sqlite"]

# Appends COUNT events with ids PREFIX-0001.. and prints each id once its
# append returned. It first says "ready" and waits for a line on stdin, so
# that two writers start appending at the same moment. In the "expected"
# mode every append passes expected_version=log.version and is retried on
# ConcurrencyError; the last line then counts the conflicts. In the "plain"
# mode appends take turns under the store's write lock and never conflict.
WRITER = """
import datetime as dt
import sys
import time

from tradedispute import EventLog, ExportControlStrengthened
from tradedispute.exceptions import ConcurrencyError

path, prefix, count, mode = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
conflicts = 0
with EventLog.open(path) as log:
    print("ready", flush=True)
    sys.stdin.readline()
    for n in range(1, count + 1):
        event = ExportControlStrengthened(
            id=f"{prefix}-{n:04d}",
            actor="JPN",
            target="KOR",
            detail=f"step {n} by {prefix}",
            effective=dt.date(2019, 7, 1),
        )
        if mode == "expected":
            while True:
                try:
                    log.append(event, expected_version=log.version)
                    break
                except ConcurrencyError:
                    conflicts += 1
        else:
            log.append(event)
        print(event.id, flush=True)
        # A moment's pause lets the other writer in even when SQLite's busy
        # handler has put it to sleep.
        time.sleep(0.001)
print(f"conflicts {conflicts}", flush=True)
"""

# Opens the log, says "opened", waits for a line on stdin, then appends an
# event with the id "same" and reports what happened.
LATE_WRITER = """
import datetime as dt
import sys

from tradedispute import EventLog, ExportControlStrengthened
from tradedispute.exceptions import ConcurrencyError, DuplicateEventId

path, who, expected = sys.argv[1], sys.argv[2], sys.argv[3]
with EventLog.open(path) as log:
    print(f"opened {log.version}", flush=True)
    sys.stdin.readline()
    event = ExportControlStrengthened(
        id="same",
        actor="JPN",
        target="KOR",
        detail=f"written by {who}",
        effective=dt.date(2019, 7, 1),
    )
    try:
        if expected == "none":
            log.append(event)
        else:
            log.append(event, expected_version=int(expected))
    except DuplicateEventId as error:
        print(f"DuplicateEventId {error.event_id}", flush=True)
    except ConcurrencyError as error:
        print(f"ConcurrencyError {error.actual_version}", flush=True)
    else:
        print("appended", flush=True)
"""

# Appends forever, alternating batches of one event and of several, each
# event carrying a note of some KiB (or MiB); prints the batch's ids once
# extend returned. The n-th event it attempts has the id k-NNNNNN.
KILLED_WRITER = """
import datetime as dt
import itertools
import sys

from tradedispute import EventLog, ExportControlStrengthened

path, note_bytes = sys.argv[1], int(sys.argv[2])
sizes = [int(size) for size in sys.argv[3].split(",")]
n = 0
with EventLog.open(path) as log:
    print("ready", flush=True)
    for size in itertools.cycle(sizes):
        batch = []
        for _ in range(size):
            n += 1
            batch.append(
                ExportControlStrengthened(
                    id=f"k-{n:06d}",
                    actor="JPN",
                    target="KOR",
                    detail=f"step {n}",
                    note=f"note {n} " + "x" * note_bytes,
                    effective=dt.date(2019, 7, 1),
                )
            )
        log.extend(batch)
        sys.stdout.write("".join(event.id + "\\n" for event in batch))
        sys.stdout.flush()
"""
BATCH_SIZES = (1, 4, 1, 7, 1, 2)

Spawn = Callable[..., subprocess.Popen[str]]


@pytest.fixture
def spawn() -> Iterator[Spawn]:
    """Start ``python -c script *args``; kill and reap what is left at the end."""
    children: list[subprocess.Popen[str]] = []

    def start(script: str, *args: object) -> subprocess.Popen[str]:
        child = subprocess.Popen(
            [sys.executable, "-c", script, *map(str, args)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        children.append(child)
        return child

    yield start
    for child in children:
        if child.poll() is None:
            child.kill()
        child.wait(timeout=60)
        for pipe in (child.stdin, child.stdout, child.stderr):
            if pipe is not None:
                pipe.close()


def finish(child: subprocess.Popen[str]) -> list[str]:
    """Wait for *child*, check it exited 0, and return its stdout lines."""
    out, err = drain(child)
    assert child.returncode == 0, err
    return out.splitlines()


def drain(child: subprocess.Popen[str]) -> tuple[str, str]:
    """Read what is left of *child*'s output and wait for it to end.

    Reads through the pipes' own buffers: `Popen.communicate` would skip
    what an earlier ``readline`` already buffered.
    """
    assert child.stdin is not None
    assert child.stdout is not None
    assert child.stderr is not None
    child.stdin.close()
    out = child.stdout.read()
    err = child.stderr.read()
    child.wait(timeout=60)
    child.stdout.close()
    child.stderr.close()
    return out, err


def attempted_ids(count: int) -> list[str]:
    """The ids KILLED_WRITER tries to append, in order, for its first *count*."""
    return [f"k-{n:06d}" for n in range(1, count + 1)]


def batch_ends(limit: int) -> set[int]:
    """The event counts at which KILLED_WRITER has completed a batch."""
    ends = {0}
    total = 0
    while total < limit:
        for size in BATCH_SIZES:
            total += size
            ends.add(total)
    return ends


def check_consistent(log: EventLog) -> None:
    """Check seq runs 1..n, commit times never go back, ids never repeat."""
    records = log.records()
    assert list(range(1, len(records) + 1)) == [record.seq for record in records]
    times = [record.recorded_at for record in records]
    assert sorted(times) == times
    ids = [record.event.id for record in records]
    assert len(ids) == len(set(ids))


def start_together(writers: list[subprocess.Popen[str]]) -> None:
    """Wait until every WRITER says it is ready, then tell them all to go."""
    for writer in writers:
        assert writer.stdout is not None
        assert "ready" == writer.stdout.readline().strip()
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()


def run_two_writers(
    spawn: Spawn, path: Path, count: int, mode: str
) -> tuple[list[str], dict[str, int]]:
    """Run two WRITERs at once on *path*; check what each acknowledged.

    Returns the ids in the log, in append order, and each writer's count of
    conflicts.
    """
    EventLog.open(path).close()
    prefixes = ("w1", "w2")
    writers = [spawn(WRITER, path, prefix, count, mode) for prefix in prefixes]
    start_together(writers)
    outputs = [finish(writer) for writer in writers]

    with EventLog.open(path) as log:
        ids = [event.id for event in log]
        check_consistent(log)
    assert 2 * count == len(ids)
    conflicts = {}
    for prefix, output in zip(prefixes, outputs, strict=True):
        *acked, last = output
        assert [f"{prefix}-{n:04d}" for n in range(1, count + 1)] == acked
        assert acked == [i for i in ids if i.startswith(f"{prefix}-")]
        conflicts[prefix] = int(last.split()[1])
    return ids, conflicts


def followers(ids: list[str], prefix: str) -> int:
    """Count the events of writer *prefix* that directly follow the other's."""
    return sum(
        1
        for before, after in itertools.pairwise(ids)
        if after.startswith(prefix) and not before.startswith(prefix)
    )


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_two_writing_processes_lose_and_repeat_nothing(spawn, tmp_path, suffix):
    """Two processes appending at once: every acknowledged event lands once, in order."""
    run_two_writers(spawn, tmp_path / f"log{suffix}", 150, "plain")


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_writers_retrying_on_concurrency_errors_keep_the_file_consistent(
    spawn, tmp_path, suffix
):
    """expected_version appends retried on ConcurrencyError lose and repeat nothing."""
    ids, conflicts = run_two_writers(spawn, tmp_path / f"log{suffix}", 150, "expected")

    # A writer appending right after the other must first have learnt of the
    # other's append, and only a failed append (a conflict) teaches it that.
    assert followers(ids, "w1") <= conflicts["w1"]
    assert followers(ids, "w2") <= conflicts["w2"]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_an_id_appended_by_another_process_is_a_duplicate(spawn, tmp_path, suffix):
    """A log opened before another process appended id "same" still rejects "same"."""
    path = tmp_path / f"log{suffix}"
    late = spawn(LATE_WRITER, path, "B", "none")
    assert late.stdout is not None
    assert late.stdin is not None
    assert "opened 0" == late.stdout.readline().strip()

    assert ["opened 0", "appended"] == finish(spawn(LATE_WRITER, path, "A", "none"))
    late.stdin.write("go\n")
    late.stdin.flush()

    assert ["DuplicateEventId same"] == finish(late)
    with EventLog.open(path) as log:
        assert [("same", "written by A")] == [(e.id, e.detail) for e in log]


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_a_stale_expected_version_from_another_process_is_a_conflict(
    spawn, tmp_path, suffix
):
    """A process that expects version 0 after another appended gets ConcurrencyError."""
    path = tmp_path / f"log{suffix}"
    late = spawn(LATE_WRITER, path, "B", "0")
    assert late.stdout is not None
    assert late.stdin is not None
    assert "opened 0" == late.stdout.readline().strip()

    assert ["opened 0", "appended"] == finish(spawn(LATE_WRITER, path, "A", "none"))
    late.stdin.write("go\n")
    late.stdin.flush()

    assert ["ConcurrencyError 1"] == finish(late)
    with EventLog.open(path) as log:
        assert ["written by A"] == [event.detail for event in log]


def kill_mid_append(
    spawn: Spawn, path: Path | str, acknowledged: int, delay: float, note_bytes: int
) -> list[str]:
    """Run KILLED_WRITER, SIGKILL it after *acknowledged* ids and *delay* s.

    Returns every id the child acknowledged before it died.
    """
    sizes = ",".join(map(str, BATCH_SIZES))
    child = spawn(KILLED_WRITER, path, note_bytes, sizes)
    assert child.stdout is not None
    assert "ready" == child.stdout.readline().strip()
    acked: list[str] = []
    deadline = time.monotonic() + 15
    while len(acked) < acknowledged and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line.endswith("\n"):
            break  # the child died on its own; its return code says why
        acked.append(line.strip())
    time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    rest, err = drain(child)
    assert -signal.SIGKILL == child.returncode, err
    # Only complete lines count: each was printed after its append returned.
    acked.extend(rest.split("\n")[:-1])
    return acked


def reopen_after_kill(path: Path) -> EventLog:
    """Open a log a writer died in: plainly, or with repair=True if it must."""
    before = path.read_bytes()
    try:
        return EventLog.open(path)
    except CorruptRecord as raised:
        error = raised
    # Only a JSON Lines tail can be torn; SQLite rolls the append back.
    assert ".jsonl" == path.suffix, str(error)
    assert str(path) == error.location
    assert error.line is not None
    assert f"{path}, line {error.line}:" in str(error)
    assert "repair=True" in str(error)
    assert before == path.read_bytes()
    with pytest.warns(RepairWarning, match=f"from line {error.line}:"):
        log = EventLog.open(path, repair=True)
    after = path.read_bytes()
    assert before[: len(after)] == after
    assert error.line - 1 == after.count(b"\n")
    return log


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_sigkill_mid_append_keeps_every_acknowledged_event(spawn, tmp_path, suffix):
    """A writer SIGKILLed mid-append leaves a prefix of its appends, acknowledged ones all in."""
    # Each round kills a writer at another moment. Batches of a few KiB are
    # written by one write(2); those of some MiB can be cut short by the
    # kill, which leaves a torn tail in a JSON Lines file.
    rounds = [
        (40, 0.0, 3000),
        (80, 0.003, 3000),
        (6, 0.0, 300_000),
        (10, 0.001, 300_000),
        (14, 0.004, 300_000),
    ]
    for number, (acknowledged, delay, note_bytes) in enumerate(rounds):
        path = tmp_path / f"round-{number}{suffix}"

        acked = kill_mid_append(spawn, path, acknowledged, delay, note_bytes)

        assert len(acked) >= acknowledged
        with reopen_after_kill(path) as log:
            ids = [event.id for event in log]
            notes = [event.note for event in log]
            check_consistent(log)
        # What is left is a prefix of what the writer attempted, in order,
        # ending at a batch boundary, holding every acknowledged id, and
        # no event is cut short.
        assert attempted_ids(len(ids)) == ids
        assert acked == ids[: len(acked)]
        assert len(ids) in batch_ends(len(ids))
        padding = "x" * note_bytes
        assert [f"note {n} {padding}" for n in range(1, len(ids) + 1)] == notes


def steps(ids: list[str]) -> list[ExportControlStrengthened]:
    return [
        ExportControlStrengthened(
            id=event_id,
            actor="JPN",
            target="KOR",
            detail=f"step {event_id}",
            effective=dt.date(2019, 7, 1),
        )
        for event_id in ids
    ]


@pytest.fixture
def reference_lines(tmp_path) -> list[bytes]:
    """The lines of a log appended as: e1; e2, e3 as a batch; e4; e5 to e7 as a batch."""
    path = tmp_path / "reference.jsonl"
    with EventLog.open(path) as log:
        for batch in (["e1"], ["e2", "e3"], ["e4"], ["e5", "e6", "e7"]):
            log.extend(steps(batch))
    return path.read_bytes().splitlines(keepends=True)


TORN_TAILS = {
    # name: (complete lines kept, how the tail is made from the next lines)
    "half a single record": (3, lambda rest: rest[0][: len(rest[0]) // 2]),
    "a single record without its newline": (3, lambda rest: rest[0][:-1]),
    "nothing complete before half a line": (0, lambda rest: rest[0][:30]),
    "the first line of a batch": (4, lambda rest: rest[0]),
    "a batch cut mid-line": (4, lambda rest: rest[0] + rest[1][:40]),
    "a batch without its last newline": (4, lambda rest: b"".join(rest)[:-1]),
    "the first of two batches cut short": (1, lambda rest: rest[0]),
}


@pytest.mark.parametrize("shape", sorted(TORN_TAILS))
def test_torn_tail_is_reported_then_repaired_exactly(tmp_path, reference_lines, shape):
    """A torn tail raises CorruptRecord naming file and line; repair=True drops exactly it."""
    kept, make_tail = TORN_TAILS[shape]
    complete = b"".join(reference_lines[:kept])
    tail = make_tail(reference_lines[kept:])
    path = tmp_path / "torn.jsonl"
    path.write_bytes(complete + tail)

    with pytest.raises(CorruptRecord) as caught:
        EventLog.open(path)

    error = caught.value
    assert (str(path), kept + 1) == (error.location, error.line)
    assert f"{path}, line {kept + 1}: the file ends in a torn record" in str(error)
    assert "repair=True" in str(error)
    assert complete + tail == path.read_bytes()

    with pytest.warns(RepairWarning) as warned:
        log = EventLog.open(path, repair=True)

    with log:
        assert [f"e{n}" for n in range(1, kept + 1)] == [e.id for e in log]
        check_consistent(log)
    assert complete == path.read_bytes()
    assert len(warned) == 1
    assert (
        f"{path}: dropped a torn tail of {len(tail)} bytes from line {kept + 1}: "
        f"{tail[:200]!r}"
    ) == str(warned[0].message)
    assert __file__ == warned[0].filename


def test_a_repaired_log_takes_appends_and_opens_plainly(tmp_path, reference_lines):
    """After repair=True the log appends after its complete records and reopens cleanly."""
    path = tmp_path / "torn.jsonl"
    path.write_bytes(b"".join(reference_lines[:4]) + reference_lines[4])
    with pytest.warns(RepairWarning), EventLog.open(path, repair=True) as log:
        log.extend(steps(["after-1", "after-2"]))

    with EventLog.open(path) as log:
        assert ["e1", "e2", "e3", "e4", "after-1", "after-2"] == [e.id for e in log]
        check_consistent(log)


# The writers above, keeping checkpoints on disk every 8 events (at most 4).
SMALL_SPACING = """
import tradedispute.log.keeper as keeper
keeper.KEEP_SPACING = 8
keeper.KEEP_MAX = 4
"""


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_checkpoints_written_by_concurrent_writers_and_kills_bear_out(
    spawn, tmp_path, suffix
):
    """Checkpoints written while two writers append and a third is killed are right.

    Past the spacing many times over, each writer writes checkpoints between
    the others' appends; afterwards a log opened from them answers as one
    that replays everything, and validate re-derives every one by replay.
    """
    path = tmp_path / f"log{suffix}"
    EventLog.open(path).close()
    writers = [
        spawn(SMALL_SPACING + WRITER, path, prefix, 60, "plain")
        for prefix in ("w1", "w2")
    ]
    start_together(writers)
    sizes = ",".join(map(str, BATCH_SIZES))
    killed = spawn(SMALL_SPACING + KILLED_WRITER, path, 3000, sizes)
    assert killed.stdout is not None
    assert "ready" == killed.stdout.readline().strip()
    for _ in range(30):
        killed.stdout.readline()
    os.kill(killed.pid, signal.SIGKILL)
    drain(killed)
    for writer in writers:
        finish(writer)

    with reopen_after_kill(path) as log:
        check_consistent(log)
        count = len(log)
    assert count >= 150
    with (
        EventLog.open(path) as warm,
        EventLog.open(path, checkpoints=False) as cold,
    ):
        assert cold.events() == warm.events()
        assert cold.state_at(dt.date.max) == warm.state_at(dt.date.max)
    found = validate(path)
    assert found.ok, found.problems
    table = path if suffix == ".sqlite" else Path(f"{path}.checkpoints")
    with sqlite3.connect(table) as db:
        (rows,) = db.execute("SELECT count(*) FROM checkpoints").fetchone()
    assert rows > 0
