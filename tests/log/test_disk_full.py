"""A real full disk: a child process whose files may not grow past a limit.

``RLIMIT_FSIZE`` (``ulimit -f``) makes every write past the limit fail with
EFBIG, as a full disk fails with ENOSPC, without needing a small tmpfs or
root. The child appends a batch too large to fit and reports what it saw.
"""

import json
import subprocess
import sys
import textwrap

import pytest

CHILD = textwrap.dedent(
    """
    import datetime as dt, json, resource, signal, sys
    from tradedispute import EventLog, TalksHeld
    from tradedispute.exceptions import AppendFailed

    path, limit = sys.argv[1], int(sys.argv[2])

    def talks(n, note=""):
        return TalksHeld(
            id=f"t{n}", parties={"JPN", "KOR"}, level="working level",
            format="video", outcome="no_deal",
            effective=dt.date(2019, 1, 1) + dt.timedelta(days=n), note=note,
        )

    log = EventLog.open(path)
    log.extend([talks(n) for n in range(5)])
    before = (log.records(), log.state_at(dt.date.max), log.version)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    report = {}
    try:
        log.extend([talks(n, "x" * 2000) for n in range(5, 400)])
    except AppendFailed as error:
        report["error"] = str(error)
        report["committed"] = error.committed
    report["unchanged"] = before == (
        log.records(), log.state_at(dt.date.max), log.version
    )
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    log.append(talks(400))
    log.close()
    with EventLog.open(path) as again:
        report["reopened"] = [r.event.id for r in again.records()]
    print(json.dumps(report))
    """
)


@pytest.mark.parametrize("suffix", [".jsonl", ".sqlite"])
def test_a_full_disk_fails_the_append_and_leaves_the_log_as_it_was(tmp_path, suffix):
    """Rule: a write the disk refuses is an AppendFailed, and nothing changes."""
    path = tmp_path / f"log{suffix}"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), "200000"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["committed"] is False
    assert "nothing was committed" in report["error"]
    assert str(path) in report["error"]
    assert report["unchanged"]
    assert ["t0", "t1", "t2", "t3", "t4", "t400"] == report["reopened"]
