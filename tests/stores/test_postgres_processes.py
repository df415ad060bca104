"""One PostgreSQL log shared by real OS processes: writers, followers, kills, a crash.

Every child is a fresh interpreter. A child prints an event id only after
the append that recorded it returned: those ids are *acknowledged*, and an
acknowledged event must survive anything that happens afterwards; a batch
is all in the log or none of it.
"""

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.log.test_follow import done, follow_while_writing
from tests.stores.test_processes import (
    BATCH_SIZES,
    attempted_ids,
    batch_ends,
    check_consistent,
    drain,
    kill_mid_append,
    spawn,
)
from tradedispute import EventLog
from tradedispute.testing.postgres import TemporaryCluster

__all__ = ["spawn"]  # a fixture, imported for the tests below


@pytest.fixture
def pg_log(pg_url: str) -> str:
    """A new, empty log on the session's server."""
    EventLog.open(pg_url).close()
    return pg_url


def test_four_writers_and_two_followers_see_every_entry_once_in_order(
    spawn, pg_log: str, tmp_path: Path
) -> None:
    """Each follower sees every committed entry exactly once, in seq order 1..N.

    Four writer processes append 30 events each, in batches of 1, 2 and 3,
    while two follower processes follow the log (woken by LISTEN/NOTIFY);
    then the test appends a closing entry, at which the followers stop.
    """
    expected = follow_while_writing(spawn, pg_log, ("w1", "w2", "w3", "w4"), tmp_path)
    assert len(expected) == 121
    with EventLog.open(pg_log) as log:
        check_consistent(log)


def test_sigkill_mid_append_keeps_every_acknowledged_event(spawn, pg_url: str) -> None:
    """A writer SIGKILLed mid-append leaves whole batches, acknowledged ones all in."""
    rounds = [(40, 0.0, 3000), (60, 0.002, 3000), (8, 0.0, 300_000)]
    for number, (acknowledged, delay, note_bytes) in enumerate(rounds):
        url = f"{pg_url}_{number}"  # a log (schema) for each round
        acked = kill_mid_append(spawn, url, acknowledged, delay, note_bytes)
        assert len(acked) >= acknowledged
        with EventLog.open(url) as log:
            check_consistent(log)
            ids = [event.id for event in log]
            assert attempted_ids(len(ids)) == ids
            assert acked == ids[: len(acked)]
            assert len(ids) in batch_ends(len(ids))
            # The server let go of the dead writer's turn: appends go on.
            log.append(done())


# Appends TOTAL events in batches of BATCH_SIZES, a little apart, through a
# store that gives up on the server after 0.3 s (so that a crash is an error
# it sees, not a wait for a connection), retrying a batch that did not
# commit; prints "ok ID..." once a batch is in (its append returned, or the store said it
# committed), and "retry" each time it tries a batch again.
RESTARTED_WRITER = """
import datetime as dt
import itertools
import sys
import time

from tradedispute import EventLog, ExportControlStrengthened
from tradedispute.exceptions import AppendFailed, DuplicateEventId, StorageError
from tradedispute.stores import PostgresStore

url, total = sys.argv[1], int(sys.argv[2])
sizes = [int(size) for size in sys.argv[3].split(",")]
log = EventLog(store=PostgresStore(url, timeout=0.3))
print("ready", flush=True)
n = 0
for size in itertools.cycle(sizes):
    if n >= total:
        break
    batch = [
        ExportControlStrengthened(
            id=f"k-{m:06d}", actor="JPN", target="KOR", detail=f"step {m}",
            effective=dt.date(2019, 7, 1),
        )
        for m in range(n + 1, n + size + 1)
    ]
    while True:
        try:
            log.extend(batch)
            break
        except AppendFailed as error:
            if error.committed:
                break
        except DuplicateEventId:
            break  # a retry of a batch that had committed after all
        except StorageError:
            pass  # the server is away: try again
        print("retry", flush=True)
        time.sleep(0.05)
    n += size
    time.sleep(0.002)  # a pace at which the test's crashes land mid-run
    print("ok " + " ".join(event.id for event in batch), flush=True)
log.close()
"""


@pytest.fixture
def own_cluster() -> Iterator[TemporaryCluster]:
    """A server of the test's own, to crash and restart."""
    with TemporaryCluster() as cluster:
        yield cluster


def test_a_server_crashing_mid_append_loses_no_acknowledged_entry(
    spawn, own_cluster: TemporaryCluster
) -> None:
    """The server stops as if it crashed while a writer appends, and recovers.

    Every batch the writer was told is in is in; none is in twice or in
    part; the writer carries on once the server is back.
    """
    url = own_cluster.create_database("crash")
    EventLog.open(url).close()
    total = 2000
    writer = spawn(RESTARTED_WRITER, url, total, ",".join(map(str, BATCH_SIZES)))
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "ready"
    acked: list[str] = []
    retries = 0

    def read_until(count: int) -> None:
        nonlocal retries
        assert writer.stdout is not None
        while len(acked) < count:
            line = writer.stdout.readline()
            assert line, f"the writer died: {drain(writer)[1]}"
            if line.startswith("ok "):
                acked.extend(line.split()[1:])
            retries += line.startswith("retry")

    read_until(60)
    own_cluster.restart(mode="immediate")  # a crash, then recovery from the WAL
    read_until(120)  # appends go on once it is back
    own_cluster.restart(mode="immediate")  # and once more
    rest, err = drain(writer)
    assert writer.returncode == 0, err
    lines = rest.splitlines()
    retries += sum(line.startswith("retry") for line in lines)
    assert retries >= 2, "each crash caught the writer mid-append"
    acked.extend(
        word for line in lines if line.startswith("ok ") for word in line.split()[1:]
    )
    with EventLog.open(url) as log:
        check_consistent(log)
        ids = [event.id for event in log]
    assert ids == attempted_ids(total)
    assert acked == ids


def test_a_writer_killed_while_holding_the_turn_frees_it(spawn, pg_log: str) -> None:
    """SIGKILL a process inside writing(): the server ends its session and lock."""
    holder = spawn(HOLDER, pg_log)
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "holding"
    os.kill(holder.pid, signal.SIGKILL)
    drain(holder)
    started = time.monotonic()
    with EventLog.open(pg_log) as log:
        log.append(done())
        assert [event.id for event in log] == ["done"]
    assert time.monotonic() - started < 30


# Takes the log's write turn, appends one event inside it, says "holding",
# and waits (to be killed) without committing.
HOLDER = """
import datetime as dt
import sys
import time

from tradedispute import ExportControlStrengthened
from tradedispute.stores import PostgresStore

store = PostgresStore(sys.argv[1])
with store.writing():
    store.append(
        [ExportControlStrengthened(id="never", actor="JPN", target="KOR",
                                   detail="x", effective=dt.date(2019, 7, 1))],
        expected_version=0,
    )
    print("holding", flush=True)
    time.sleep(600)
"""
