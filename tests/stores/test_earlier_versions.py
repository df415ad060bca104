"""Logs and checkpoints written before the measure model still open.

tests/stores/data/before-measures.* were written by the release before the
measure model (commit 4eb5bb5), with disk checkpoints every 2 events. Their
checkpoints hold states of the old types, so they are not read: the log
replays its events, answers as before, and writes checkpoints of the new
types on its next append.
"""

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

import tradedispute.log.keeper
from tradedispute import EventLog, ExportControlStrengthened, replay, state_on

D = dt.date
DATA = Path(__file__).parent / "data"


@pytest.fixture
def decoded(monkeypatch) -> list:
    """The states the log decodes from checkpoints on disk."""
    found: list = []
    original = tradedispute.log.keeper.decode_state
    monkeypatch.setattr(
        tradedispute.log.keeper,
        "decode_state",
        lambda data: found.append(original(data)) or found[-1],
    )
    return found


def _formats(path: Path) -> set[str]:
    table = path if path.suffix == ".sqlite" else Path(f"{path}.checkpoints")
    with sqlite3.connect(table) as db:
        return {row[0][:40] for row in db.execute("SELECT state FROM checkpoints")}


@pytest.mark.parametrize("name", ["before-measures.sqlite", "before-measures.jsonl"])
def test_a_log_of_the_release_before_opens_and_rewrites_its_checkpoints(
    tmp_path, monkeypatch, decoded, name
):
    monkeypatch.setattr(tradedispute.log.keeper, "KEEP_SPACING", 2)
    for source in DATA.glob(name + "*"):
        shutil.copy(source, tmp_path / source.name)
    path = tmp_path / name
    old_formats = _formats(path)

    with EventLog.open(path) as log:
        days = [D(2019, 7, 3), D(2019, 8, 28), D(2019, 12, 31)]
        answers = {day: log.state_at(day) for day in days}
        assert answers == {
            day: state_on(replay([e for e in log.events() if e.effective <= day]), day)
            for day in days
        }
        assert decoded == []  # the old checkpoints were not read
        assert answers[D(2019, 12, 31)].country("JPN").whitelist_excluded == {"KOR"}
        assert [m.kind for m in answers[D(2019, 12, 31)].measures(actor="JPN")] == [
            "export restriction",
            "export restriction",
            "whitelist exclusion",
        ]
        log.append(
            ExportControlStrengthened(
                actor="KOR", target="JPN", detail="more staff", effective=D(2020, 3, 8)
            )
        )
    assert _formats(path) - old_formats  # checkpoints of the new types written
    with EventLog.open(path) as again:
        assert again.state_at(D(2019, 12, 31)) == answers[D(2019, 12, 31)]
        assert decoded  # and read back
