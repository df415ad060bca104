"""EventLog.follow: every entry committed after a seq, yielded once, in seq order.

In one process (a second log on the same file appends, or the follower's
own log), with a store that notifies (a fake), and with real processes:
three writers appending in batches while two followers record what they
saw.
"""

import contextlib
import datetime as dt
import fcntl
import itertools
import math
import sqlite3
import tempfile
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.stores.test_processes import finish, spawn, start_together
from tests.stores.test_processes import steps as events_with_ids
from tradedispute import EventLog, ExportControlStrengthened, RecordedEvent
from tradedispute.exceptions import InvalidQuery, LogClosed
from tradedispute.log import following
from tradedispute.stores import MemoryStore, NotifiesAppends
from tradedispute.testing import event_batches

__all__ = ["spawn"]  # a fixture, imported for the tests below

SUFFIXES = [".jsonl", ".sqlite"]


def steps(prefix: str, count: int) -> list[ExportControlStrengthened]:
    """*count* events that replay in any order, with ids PREFIX-1, PREFIX-2, ..."""
    return events_with_ids([f"{prefix}-{n}" for n in range(1, count + 1)])


def done() -> ExportControlStrengthened:
    """The entry "done", at which a FOLLOWER stops."""
    (event,) = events_with_ids(["done"])
    return event


def seen(records) -> list[tuple[int, str]]:
    return [(record.seq, record.event.id) for record in records]


def stored(log: EventLog) -> list[tuple[int, str]]:
    """What the store holds, as a fresh read gives it."""
    log.refresh()
    return seen(log.records())


@pytest.fixture(params=SUFFIXES)
def path(request, tmp_path) -> Path:
    return tmp_path / f"log{request.param}"


def test_yields_what_another_log_appends_once_in_order(path):
    """Entries another log on the file appends are yielded once each, in seq order."""
    with EventLog.open(path) as follower, EventLog.open(path) as writer:
        writer.extend(steps("before", 2))  # the follower has not read these yet
        follow = follower.follow(timeout=5, poll=0.01)
        got = list(itertools.islice(follow, 2))
        writer.extend(steps("a", 3))
        got += itertools.islice(follow, 3)
        writer.append(steps("b", 1)[0])
        writer.extend(steps("c", 2))
        got += itertools.islice(follow, 3)
        follow.close()

        assert seen(got) == stored(writer)
        assert [seq for seq, _ in seen(got)] == list(range(1, 9))


def test_waits_for_an_entry_another_thread_appends(path):
    """A follower that finds nothing waits, and yields what commits while it waits."""

    def write_later() -> None:
        time.sleep(0.3)
        with EventLog.open(path) as writer:
            for event in steps("late", 3):
                writer.append(event)
                time.sleep(0.05)

    EventLog.open(path).close()
    writer = threading.Thread(target=write_later)
    with EventLog.open(path) as follower:
        writer.start()
        try:
            got = list(itertools.islice(follower.follow(timeout=10, poll=0.02), 3))
        finally:
            writer.join()
        assert seen(got) == [(1, "late-1"), (2, "late-2"), (3, "late-3")]


def test_timeout_ends_the_loop(path):
    """With nothing new, the loop ends after timeout seconds; timeout=0 at once."""
    with EventLog.open(path) as log:
        log.extend(steps("old", 2))
        start = time.monotonic()
        assert list(log.follow(timeout=0)) == []
        assert list(log.follow(timeout=0.3, poll=0.05)) == []
        elapsed = time.monotonic() - start
        assert 0.3 <= elapsed < 3


def test_the_timeout_counts_only_the_wait_for_an_entry(path):
    """A consumer slower than the timeout loses nothing: only waiting counts."""
    with EventLog.open(path) as log:
        log.extend(steps("old", 2))
        got = []
        for record in log.follow(after=0, timeout=0.1, poll=0.01):
            got.append(record)
            time.sleep(0.15)
            if record.seq == 2:
                log.append(steps("new", 1)[0])
        assert seen(got) == [(1, "old-1"), (2, "old-2"), (3, "new-1")]


def test_after_zero_replays_the_log_then_follows(path):
    """after=0 yields every entry already in the log, then those appended since."""
    with EventLog.open(path) as follower, EventLog.open(path) as writer:
        follower.extend(steps("old", 3))
        follow = follower.follow(after=0, timeout=5, poll=0.01)
        got = list(itertools.islice(follow, 3))
        writer.extend(steps("new", 2))
        got += itertools.islice(follow, 2)
        follow.close()
        assert seen(got) == stored(writer)
        assert len(got) == 5


def test_after_a_seq_starts_past_it(path):
    """after=n yields the entries from n + 1."""
    with EventLog.open(path) as log:
        log.extend(steps("old", 4))
        assert seen(log.follow(after=2, timeout=0)) == [(3, "old-3"), (4, "old-4")]
        assert seen(log.follow(after=4, timeout=0)) == []


def test_entries_the_follower_appends_itself_are_yielded(path):
    """What the following log appends inside the loop comes round, once, in order."""
    with EventLog.open(path) as log, EventLog.open(path) as other:
        other.append(steps("other", 1)[0])
        mine = iter(steps("mine", 3))
        got = []
        for record in log.follow(timeout=0):
            got.append(record)
            if record.seq == 2:
                other.append(steps("other", 2)[1])
            event = next(mine, None)
            if event is not None:
                log.append(event)

        assert seen(got) == stored(other)
        assert seen(got) == [
            (1, "other-1"),
            (2, "mine-1"),
            (3, "other-2"),
            (4, "mine-2"),
            (5, "mine-3"),
        ]


def test_the_log_holds_each_entry_before_it_is_yielded(path):
    """Inside the loop the log has read the entry: state_at and records count it."""
    with EventLog.open(path) as follower, EventLog.open(path) as writer:
        follow = follower.follow(timeout=5, poll=0.01)
        writer.append(steps("a", 1)[0])
        writer.extend(steps("b", 2))
        for record in itertools.islice(follow, 3):
            assert follower.version >= record.seq
            assert follower.records()[record.seq - 1] == record
            japan = follower.state_at(dt.date(2019, 7, 1)).country("JPN")
            assert record.event.id in {s.event_id for s in japan.unilateral_steps}
        follow.close()


def test_a_follower_holds_no_lock_between_entries(path):
    """Suspended between entries, or stopped with break, the follower locks nothing."""
    with EventLog.open(path) as log:
        log.extend(steps("old", 2))
        for record in log.follow(after=0, timeout=0):
            assert_unlocked(path)
            if record.seq == 1:
                break
        assert_unlocked(path)
        log.append(steps("new", 1)[0])


def assert_unlocked(path: Path) -> None:
    """Check no one holds *path*'s write lock, or a read that blocks a checkpoint."""
    if path.suffix == ".jsonl":
        with path.open("rb") as file:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fcntl.flock(file, fcntl.LOCK_UN)
        return
    db = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute("ROLLBACK")
        busy, _, _ = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        assert busy == 0
    finally:
        db.close()


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_closing_the_log_ends_the_loop_with_log_closed(tmp_path, suffix):
    """A log closed inside the loop: the next read raises LogClosed, naming the log."""
    with EventLog.open(tmp_path / f"log{suffix}") as log:
        log.extend(steps("old", 2))
        follow = log.follow(after=0, timeout=0)
        assert next(follow).seq == 1
        assert next(follow).seq == 2
        log.close()
        with pytest.raises(LogClosed, match="the log is closed"):
            next(follow)


def test_a_log_in_memory_is_followed_too():
    """Two logs over one MemoryStore: the follower polls it like a file."""
    store = MemoryStore()
    follower, writer = EventLog(store=store), EventLog(store=store)
    writer.extend(steps("a", 2))
    assert seen(follower.follow(timeout=0)) == [(1, "a-1"), (2, "a-2")]


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        ({"timeout": -1}, "timeout must be None"),
        ({"timeout": math.nan}, "timeout must be None"),
        ({"timeout": "1"}, "timeout must be None"),
        ({"timeout": True}, "timeout must be None"),
        ({"poll": -0.1}, "poll must be a finite number of seconds > 0"),
        ({"poll": 0}, "poll must be a finite number of seconds > 0"),
        ({"poll": math.inf}, "poll must be a finite number of seconds > 0"),
        ({"poll": None}, "poll must be a finite number of seconds > 0"),
        ({"after": -1}, "after must be a seq from 0 to the log's version (2)"),
        ({"after": 3}, "after must be a seq from 0 to the log's version (2)"),
        ({"after": 1.0}, "after must be a seq from 0 to the log's version (2)"),
        ({"after": True}, "after must be a seq from 0 to the log's version (2)"),
    ],
)
def test_bad_arguments_are_refused_by_the_call(arguments, named):
    """EventLog.follow raises InvalidQuery naming what is valid, before it is iterated."""
    log = EventLog()
    log.extend(steps("old", 2))
    with pytest.raises(InvalidQuery) as raised:
        log.follow(**arguments)
    assert named in str(raised.value)
    assert repr(next(iter(arguments.values()))) in str(raised.value)


def test_an_infinite_timeout_is_waiting_for_ever():
    """timeout=math.inf is accepted, like None."""
    log = EventLog()
    log.append(steps("a", 1)[0])
    assert seen(itertools.islice(log.follow(after=0, timeout=math.inf), 1)) == [
        (1, "a-1")
    ]


# --- a store that notifies ------------------------------------------------------


SLEEP = time.sleep  # the tests below make time.sleep fail


class NotifyingStore(MemoryStore, NotifiesAppends):
    """A MemoryStore that says it notifies; each wait runs the next scripted step.

    A step may append (through another log) and returns what the wait says:
    woken or not, truthfully or not. With no step left, a wait sleeps out
    its timeout and says it was not woken.
    """

    def __init__(self) -> None:
        super().__init__()
        self.script: list = []
        self.waits: list[tuple[int, float]] = []

    def wait_for_appends(self, *, after: int, timeout: float) -> bool:
        self.waits.append((after, timeout))
        if not self.script:
            SLEEP(timeout)
            return False
        return self.script.pop(0)()


def test_a_notifying_store_is_waited_on_not_polled(monkeypatch):
    """Between reads the follower waits on the store, never sleeps; a notice is a hint.

    A notice with nothing behind it, an entry committed without a notice,
    and two entries behind one notice: each entry is still yielded once.
    """
    store = NotifyingStore()
    follower, writer = EventLog(store=store), EventLog(store=store)
    events = iter(steps("n", 4))

    def append(count: int, woken: bool):
        def step() -> bool:
            writer.extend(itertools.islice(events, count))
            return woken

        return step

    store.script = [lambda: True, append(1, False), append(2, True), append(1, True)]
    monkeypatch.setattr(following.time, "sleep", pytest.fail)

    got = seen(follower.follow(timeout=0.1))

    assert got == [(1, "n-1"), (2, "n-2"), (3, "n-3"), (4, "n-4")]
    assert [after for after, _ in store.waits] == [0, 0, 1, 3, 4]
    assert all(0 < wait <= 0.1 for _, wait in store.waits)


def test_a_notifying_store_is_read_again_when_a_notice_is_lost():
    """A notice that never comes delays an entry by at most RECHECK, not for ever."""
    store = NotifyingStore()
    follower, writer = EventLog(store=store), EventLog(store=store)
    store.script = [lambda: writer.append(steps("quiet", 1)[0]) or False]

    got = seen(itertools.islice(follower.follow(), 1))

    assert got == [(1, "quiet-1")]
    assert store.waits == [(0, following.RECHECK)]


# --- a law -------------------------------------------------------------------------


@st.composite
def interleavings(draw):
    """A valid append order, cut into batches, each appended by log 0 or 1.

    Between batches the follower may pull what is committed; it starts
    following after the first batches, from a seq drawn up to then.
    """
    batch = draw(event_batches())
    cuts = sorted(draw(st.sets(st.integers(1, max(len(batch) - 1, 1)))))
    parts = [batch[a:b] for a, b in itertools.pairwise([0, *cuts, len(batch)])]
    parts = [part for part in parts if part]
    steps_ = [(draw(st.sampled_from([0, 1])), draw(st.booleans())) for _ in parts]
    start = draw(st.integers(0, len(parts)))
    return parts, steps_, start


@settings(max_examples=60)
@given(suffix=st.sampled_from(SUFFIXES), drawn=interleavings(), data=st.data())
def test_law_the_follower_yields_the_store_in_order(suffix, drawn, data):
    """The follower yields the store's records in order, for any interleaving.

    Two logs on a file append in turns; the follower follows one of them.
    """
    parts, who, start = drawn
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, f"log{suffix}")
        with EventLog.open(path) as one, EventLog.open(path) as two:
            logs = (one, two)
            for part, (writer, _) in zip(parts[:start], who, strict=False):
                logs[writer].extend(part)
            one.refresh()
            after = data.draw(st.integers(0, one.version), label="after")
            follow = one.follow(after=after, timeout=1, poll=0.001)
            got: list[RecordedEvent] = []

            def pull() -> None:
                committed = max(one.version, two.version)
                got.extend(itertools.islice(follow, committed - after - len(got)))

            for part, (writer, pulls) in zip(parts[start:], who[start:], strict=True):
                logs[writer].extend(part)
                if pulls:
                    pull()
            pull()
            with contextlib.closing(follow):
                assert seen(got) == stored(two)[after:]


# --- processes ---------------------------------------------------------------------

# Appends COUNT events with ids PREFIX-NN, in batches of 1, 2 and 3 in
# turn; says "ready" and waits for a line on stdin first.
BATCH_WRITER = """
import datetime as dt
import itertools
import sys
import time

from tradedispute import EventLog, ExportControlStrengthened

path, prefix, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
events = [
    ExportControlStrengthened(
        id=f"{prefix}-{n:02d}",
        actor="JPN",
        target="KOR",
        detail=f"step {n} by {prefix}",
        effective=dt.date(2019, 7, 1),
    )
    for n in range(1, count + 1)
]
with EventLog.open(path) as log:
    print("ready", flush=True)
    sys.stdin.readline()
    rest = iter(events)
    for size in itertools.cycle([1, 2, 3]):
        batch = list(itertools.islice(rest, size))
        if not batch:
            break
        log.extend(batch)
        time.sleep(0.002)
"""

# Follows the log from seq 0, writing "seq id" per entry to OUT, until it
# yields the entry "done"; checks the log holds each entry it yields.
FOLLOWER = """
import sys

from tradedispute import EventLog

path, out = sys.argv[1], sys.argv[2]
with EventLog.open(path) as log, open(out, "w") as file:
    print("ready", flush=True)
    for record in log.follow(after=0, timeout=20, poll=0.005):
        assert log.records()[record.seq - 1] == record
        file.write(f"{record.seq} {record.event.id}\\n")
        file.flush()
        if record.event.id == "done":
            break
"""


def follow_while_writing(
    spawn, location: str | Path, prefixes: tuple[str, ...], folder: Path
) -> list[tuple[int, str]]:
    """Run two FOLLOWERs and a BATCH_WRITER of 30 events per prefix on a log.

    The followers start first; once the writers are done, the entry "done"
    is appended, at which they stop. Checks that each follower saw every
    entry in the store, once, in seq order 1..N, N the store's final
    version, and that the store holds every writer's events and "done".
    Returns the store's ``(seq, id)``s.
    """
    outs = [folder / f"follower-{n}.txt" for n in (1, 2)]
    followers = [spawn(FOLLOWER, location, out) for out in outs]
    start_together(followers)
    writers = [spawn(BATCH_WRITER, location, prefix, 30) for prefix in prefixes]
    start_together(writers)
    for writer in writers:
        finish(writer)
    with EventLog.open(location) as log:
        log.append(done())
        expected = seen(log.records())
        version = log.version

    for follower, out in zip(followers, outs, strict=True):
        finish(follower)
        lines = out.read_text(encoding="utf-8").splitlines()
        got = [(int(seq), event_id) for seq, event_id in map(str.split, lines)]
        assert got == expected
    assert [seq for seq, _ in expected] == list(range(1, version + 1))
    assert sorted(event_id for _, event_id in expected) == sorted(
        [f"{prefix}-{n:02d}" for prefix in prefixes for n in range(1, 31)] + ["done"]
    )
    return expected


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_followers_in_processes_see_every_entry_once_in_order(spawn, tmp_path, suffix):
    """Two follower processes each see every entry once, in seq order 1..N.

    Three writer processes append 30 events each in batches; then the test
    appends a closing entry, at which the followers stop.
    """
    path = tmp_path / f"log{suffix}"
    EventLog.open(path).close()
    expected = follow_while_writing(spawn, path, ("w1", "w2", "w3"), tmp_path)
    assert len(expected) == 91
