"""``tradedispute copy``, run in-process through tradedispute.cli.main."""

import datetime as dt
from pathlib import Path

import pytest

from tradedispute import EventLog, WhitelistRemoved, copy_log, datasets
from tradedispute.cli import main
from tradedispute.stores import MemoryStore

D = dt.date
RECORD = Path(__file__).parents[2] / "src" / "tradedispute" / "datasets"


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "dispute.jsonl"
    path.write_bytes((RECORD / "japan-korea.jsonl").read_bytes())
    return path


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    return code, out, err


def expect_error(capsys, *argv) -> str:
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.startswith("tradedispute: error: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err
    return err


def test_copy_says_what_it_copied_and_the_head(capsys, source, tmp_path):
    """One line: entries copied, entries already there, and the head."""
    copy = tmp_path / "copy.sqlite"
    code, out, err = run(capsys, "copy", source, copy, "--batch", "10")
    with EventLog.open(source) as original, EventLog.open(copy) as copied:
        head = copied.verify()
        assert copied.records() == original.records()
        assert copied.state_at(D.max) == original.state_at(D.max)
    assert (code, err) == (0, "")
    assert out == (
        f"copied 37 entries from {source} to {copy} (0 already there); head {head}\n"
    )


def test_the_head_of_a_copy_of_a_chained_log_is_the_source_head(capsys, tmp_path):
    source = tmp_path / "chained.sqlite"
    with EventLog.open(source) as log:
        log.extend(datasets.load("japan-korea"))
        head = log.head
    code, out, _ = run(capsys, "copy", source, tmp_path / "copy.jsonl")
    assert code == 0
    assert out.endswith(f"(0 already there); head {head}\n")


def test_copying_again_copies_nothing(capsys, source, tmp_path):
    copy = tmp_path / "copy.jsonl"
    run(capsys, "copy", source, copy)
    before = copy.read_bytes()
    code, out, _ = run(capsys, "copy", source, copy)
    assert code == 0
    assert out.startswith(f"copied 0 entries from {source} to {copy} (37 already")
    assert copy.read_bytes() == before


def test_a_copy_cut_short_is_completed(capsys, source, tmp_path):
    """A destination holding the source's first entries gets the rest."""
    records = datasets.load("japan-korea").records()
    copy = tmp_path / "copy.sqlite"
    copy_log(MemoryStore(records[:1]), copy)
    code, out, _ = run(capsys, "copy", source, copy)
    assert code == 0
    assert out.startswith(f"copied 36 entries from {source} to {copy} (1 already")
    with EventLog.open(copy) as copied:
        assert copied.records() == records


def test_a_destination_of_another_log_is_refused_untouched(capsys, source, tmp_path):
    other = tmp_path / "other.jsonl"
    with EventLog.open(other) as log:
        log.append(
            WhitelistRemoved(
                id="other", actor="JPN", target="KOR", effective=D(2019, 8, 28)
            )
        )
    before = other.read_bytes()
    err = expect_error(capsys, "copy", source, other)
    assert "seq 1: 'id': the destination holds \"other\", the source" in err
    assert other.read_bytes() == before


@pytest.mark.parametrize("batch", ["0", "-3", "x", "1.5"])
def test_a_batch_is_a_whole_number_of_at_least_one(capsys, source, tmp_path, batch):
    err = expect_error(capsys, "copy", source, tmp_path / "c.jsonl", "--batch", batch)
    assert "--batch" in err
    assert not (tmp_path / "c.jsonl").exists()


def test_a_missing_source_is_an_error_and_makes_nothing(capsys, tmp_path):
    err = expect_error(capsys, "copy", tmp_path / "none.jsonl", tmp_path / "c.sqlite")
    assert "no such log file" in err
    assert not (tmp_path / "c.sqlite").exists()


def test_a_destination_of_no_known_kind_is_an_error(capsys, source, tmp_path):
    err = expect_error(capsys, "copy", source, tmp_path / "copy.txt")
    assert "'.txt'" in err


def test_copy_help_names_every_argument(capsys):
    with pytest.raises(SystemExit):
        main(["copy", "--help"])
    out = capsys.readouterr().out
    for argument in ("SRC", "DST", "--batch N"):
        assert argument in out
    assert "usage: tradedispute copy [-h] [--batch N] [-q] SRC DST" in out
