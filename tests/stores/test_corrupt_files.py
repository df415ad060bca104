"""Opening a damaged log file: a clear TradeDisputeError or a log that replays.

Each test writes a valid log drawn by `tradedispute.testing.event_batches`,
damages it the way a disk, an editor or a careless merge would, and opens
it. Whatever the damage, opening either succeeds with a log that replays,
or raises a `TradeDisputeError` that names the file (and, for a record, its
line or seq); it never raises anything else, and it never changes the file
unless ``repair=True`` was asked for.
"""

import datetime as dt
import json
import tempfile
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from tests.helpers import tamper
from tradedispute import EventLog, ExportControlStrengthened, replay, state_on
from tradedispute.codec import jsonio
from tradedispute.exceptions import (
    CorruptRecord,
    RecordError,
    SchemaError,
    TradeDisputeError,
)
from tradedispute.stores import RepairWarning
from tradedispute.testing import event_batches

EXAMPLES = 40


@pytest.fixture(scope="module", params=["orjson", "stdlib"], autouse=True)
def json_reader(request):
    """Run every test of this module with orjson, then with the standard library.

    Module-scoped, so that Hypothesis's examples all see one reader.
    """
    with pytest.MonkeyPatch.context() as patch:
        if request.param == "stdlib":
            patch.setattr(jsonio, "_orjson", None)
        yield request.param


# Non-empty valid logs, with where each batch starts: True starts a new one.
logs = st.tuples(
    event_batches().filter(bool),
    st.lists(st.booleans(), min_size=40, max_size=40),
)

# JSON values of every kind, to put where another kind belongs.
WRONG_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    7,
    2**70,
    1.5,
    -0.0,
    "",
    " ",
    "x",
    "2019-02-30",
    "2020-03-11T02:00:00.000000Z",
    [],
    [1],
    ["JPN", "JPN"],
    [[]],
    {},
    {"a": 1},
    {"title": 1, "publisher": None},
]

# Values of the same kinds as fields hold, but wrong for them.
ODD_VALUES: list[Any] = [
    0,
    -1,
    1,
    2,
    3,
    10**6,
    "",
    " ",
    "JPN",
    "KOR",
    "ZZZ",
    "2019-02-30",
    "2019-7-4",
    "9999-12-31",
    "2020-03-11T02:00:00.000000+09:00",
    "RestrictionLifted",
    "Event",
    "x" * 300,
    "\x00",
    [],
    ["JPN"],
    ["JPN", "ZZZ"],
    {},
]


def kind_of(value: Any) -> str:
    """The JSON kind of *value*: integers and floats are both numbers."""
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__


def write_log(folder: str, suffix: str, events: list, breaks: list[bool]) -> Path:
    """Append *events* to a new log, in batches that start where *breaks* says."""
    path = Path(folder) / f"log{suffix}"
    batches: list[list] = []
    for item, new_batch in zip(events, breaks + [True] * len(events), strict=False):
        if new_batch or not batches:
            batches.append([])
        batches[-1].append(item)
    with EventLog.open(path) as log:
        for batch in batches:
            log.extend(batch)
    return path


def write_jsonl(folder: str, events: list, breaks: list[bool]) -> Path:
    return write_log(folder, ".jsonl", events, breaks)


def line_count(data: bytes) -> int:
    """The number of lines in *data*, a last one without its newline included."""
    return data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)


def check_replays(log: EventLog) -> None:
    """The log replays: its state is its events folded, seq runs 1..n."""
    assert log.state_at(dt.date.max) == state_on(replay(log.events()), dt.date.max)
    assert list(range(1, len(log) + 1)) == [r.seq for r in log.records()]


def check_open_jsonl(path: Path, repair: bool) -> None:
    """Open *path*; check the outcome is one of those the library promises."""
    before = path.read_bytes()
    log: EventLog | None = None
    error: TradeDisputeError | None = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            log = EventLog.open(path, repair=repair)
        except TradeDisputeError as raised:
            error = raised
    if error is not None:
        event(f"raised {type(error).__name__}")
        assert str(path) in str(error)
    if isinstance(error, RecordError):
        assert str(path) == error.location
        assert error.line is not None
        assert error.line in range(1, line_count(before) + 1)
        assert f"{path}, line {error.line}" in str(error)
    after = path.read_bytes()
    repairs = [w for w in caught if issubclass(w.category, RepairWarning)]
    assert [] == [w for w in caught if w not in repairs]
    if repair:
        # Only a torn tail is dropped, and dropping it says so.
        assert before[: len(after)] == after
        assert (before != after) == (1 == len(repairs))
        assert len(repairs) <= 1
    else:
        assert before == after
        assert [] == repairs
    if log is not None:
        event("opened, repaired" if before != after else "opened")
        with log:
            check_replays(log)
            assert after.count(b"\n") == len(log)


@settings(max_examples=EXAMPLES)
@given(log=logs, cut=st.floats(0, 1), repair=st.booleans())
def test_truncated_jsonl_log(log, cut, repair):
    """A JSON Lines log cut at any byte is its complete batches plus a torn tail."""
    events = log[0]
    with tempfile.TemporaryDirectory() as folder:
        path = write_jsonl(folder, *log)
        data = path.read_bytes()
        at = int(cut * len(data))
        path.write_bytes(data[:at])

        check_open_jsonl(path, repair)

        # A cut is what a crash leaves: the complete batches before it are
        # the log, and what follows them is a torn tail only repair drops.
        batch_ends = {0: 0}  # byte offset -> events before it
        offset = 0
        for count, line in enumerate(data.splitlines(keepends=True), start=1):
            offset += len(line)
            record = json.loads(line)
            if record.get("batch_end") in (None, record["seq"]):
                batch_ends[offset] = count
        kept = max(end for end in batch_ends if end <= at)
        if repair or at in batch_ends:
            assert data[:kept] == path.read_bytes()
            with EventLog.open(path) as reopened:
                assert events[: batch_ends[kept]] == list(reopened)
        else:
            with pytest.raises(CorruptRecord, match=r"repair=True"):
                EventLog.open(path)


@settings(max_examples=EXAMPLES)
@given(
    log=logs,
    where=st.floats(0, 1, exclude_max=True),
    byte=st.integers(0, 255) | st.sampled_from(list(b'\n"{}[],:0 ')),
    repair=st.booleans(),
)
def test_jsonl_log_with_a_replaced_byte(log, where, byte, repair):
    """A JSON Lines log with any byte replaced opens, or raises a TradeDisputeError."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_jsonl(folder, *log)
        data = bytearray(path.read_bytes())
        data[int(where * len(data))] = byte
        path.write_bytes(bytes(data))

        check_open_jsonl(path, repair)


@settings(max_examples=EXAMPLES)
@given(
    log=logs,
    where=st.floats(0, 1, exclude_max=True),
    bit=st.integers(0, 7),
    repair=st.booleans(),
)
def test_jsonl_log_with_a_flipped_bit(log, where, bit, repair):
    """A JSON Lines log with one bit flipped opens, or raises a TradeDisputeError."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_jsonl(folder, *log)
        data = bytearray(path.read_bytes())
        data[int(where * len(data))] ^= 1 << bit
        path.write_bytes(bytes(data))

        check_open_jsonl(path, repair)


LINE_EDITS = ["delete", "duplicate", "swap"]


@settings(max_examples=EXAMPLES)
@given(
    log=logs,
    edit=st.sampled_from(LINE_EDITS),
    first=st.floats(0, 1, exclude_max=True),
    second=st.floats(0, 1, exclude_max=True),
    repair=st.booleans(),
)
def test_jsonl_log_with_lines_deleted_duplicated_or_swapped(
    log, edit, first, second, repair
):
    """A JSON Lines log with a line deleted, duplicated or swapped opens, or raises."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_jsonl(folder, *log)
        lines = path.read_bytes().splitlines(keepends=True)
        i, j = int(first * len(lines)), int(second * len(lines))
        if edit == "delete":
            del lines[i]
        elif edit == "duplicate":
            lines.insert(j, lines[i])
        else:
            lines[i], lines[j] = lines[j], lines[i]
        path.write_bytes(b"".join(lines))

        check_open_jsonl(path, repair)


def paths_in(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path to a value inside a JSON document, the document's own excluded."""
    if isinstance(value, dict):
        children = value.items()
    elif isinstance(value, list):
        children = enumerate(value)
    else:
        return []
    found = []
    for key, child in children:
        found.append((*prefix, key))
        found.extend(paths_in(child, (*prefix, key)))
    return found


def replaced(record: dict, path: tuple, value: Any) -> dict:
    """A copy of *record* with the value at *path* set to *value*."""
    copy = json.loads(json.dumps(record))
    target = copy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return copy


def value_at(record: dict, path: tuple) -> Any:
    for key in path:
        record = record[key]
    return record


@st.composite
def edited_record(draw: st.DrawFn, record: dict, pool: list[Any], same: bool) -> dict:
    """Draw *record* with one value, at any depth, set to a value from *pool*.

    With *same*, the new value is of the old one's kind (and differs);
    without, it is of another kind.
    """
    path = draw(st.sampled_from(sorted(paths_in(record), key=repr)))
    old = value_at(record, path)
    candidates = [
        value
        for value in pool
        if (kind_of(value) == kind_of(old)) == same and value != old
    ]
    if not candidates:
        candidates = [v for v in WRONG_VALUES if kind_of(v) != kind_of(old)]
    return replaced(record, path, draw(st.sampled_from(candidates)))


def dumps(record: dict) -> bytes:
    return json.dumps(
        record, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode()


@settings(max_examples=EXAMPLES * 2)
@given(
    log=logs,
    where=st.floats(0, 1, exclude_max=True),
    same=st.booleans(),
    repair=st.booleans(),
    data=st.data(),
)
def test_jsonl_log_with_a_value_of_the_wrong_kind(log, where, same, repair, data):
    """A JSON Lines record with a value of the wrong kind, or a wrong value, is named."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_jsonl(folder, *log)
        lines = path.read_bytes().splitlines(keepends=True)
        i = int(where * len(lines))
        pool = ODD_VALUES if same else WRONG_VALUES
        record = data.draw(edited_record(json.loads(lines[i]), pool, same))
        lines[i] = dumps(record) + b"\n"
        path.write_bytes(b"".join(lines))

        check_open_jsonl(path, repair)


def test_jsonl_record_of_an_unknown_type_is_a_schema_error_naming_its_line(
    tmp_path,
):
    """A well-formed record whose type no one registered raises SchemaError at its line."""
    path = steps(tmp_path, ".jsonl")
    lines = path.read_bytes().splitlines(keepends=True)
    lines[1] = dumps({**json.loads(lines[1]), "type": "SanctionsTightened"}) + b"\n"
    path.write_bytes(b"".join(lines))

    with pytest.raises(SchemaError) as caught:
        EventLog.open(path)

    error = caught.value
    assert (str(path), 2, 2, "type") == (
        error.location,
        error.line,
        error.seq,
        error.field,
    )
    assert str(error).startswith(
        f"{path}, line 2 (seq 2): unknown event type 'SanctionsTightened'"
    )


# --- SQLite ----------------------------------------------------------------------


def open_tampered_sqlite(path: Path) -> TradeDisputeError | None:
    """Open *path*: return the error, or None after checking the log replays."""
    try:
        log = EventLog.open(path)
    except TradeDisputeError as raised:
        error = raised
    else:
        event("opened")
        with log:
            check_replays(log)
        return None
    event(f"raised {type(error).__name__}")
    assert str(path) in str(error)
    if isinstance(error, RecordError):
        assert str(path) == error.location
        assert error.line is None
    return error


@settings(max_examples=EXAMPLES * 2)
@given(
    log=logs,
    where=st.floats(0, 1, exclude_max=True),
    same=st.booleans(),
    data=st.data(),
)
def test_tampered_sqlite_record_with_a_value_of_the_wrong_kind(log, where, same, data):
    """A SQLite record given a wrong value opens, or raises an error naming file and seq."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_log(folder, ".sqlite", log[0], [])
        seq = 1 + int(where * len(log[0]))

        def edit(text: str) -> str:
            record = json.loads(text)
            # The record's own seq is left alone: a row whose seq does not
            # match its record's is another test's subject.
            del record["seq"]
            pool = ODD_VALUES if same else WRONG_VALUES
            return dumps({**data.draw(edited_record(record, pool, same)), "seq": seq})

        tamper(path, seq, edit)

        error = open_tampered_sqlite(path)

    if isinstance(error, RecordError):
        assert seq == error.seq
        assert f"{path} (seq {seq}): " in str(error)


@settings(max_examples=EXAMPLES)
@given(
    log=logs,
    where=st.floats(0, 1, exclude_max=True),
    cut=st.floats(0, 1, exclude_max=True),
    char=st.characters(codec="utf-8") | st.sampled_from(list('"{}[],:0 ')),
    truncate=st.booleans(),
)
def test_tampered_sqlite_record_text(log, where, cut, char, truncate):
    """A SQLite record cut short or with a character replaced raises a TradeDisputeError."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_log(folder, ".sqlite", log[0], [])
        seq = 1 + int(where * len(log[0]))

        def edit(text: str) -> str:
            at = int(cut * len(text))
            return text[:at] if truncate else text[:at] + char + text[at + 1 :]

        tamper(path, seq, edit)

        open_tampered_sqlite(path)


def steps(folder: Path, suffix: str) -> Path:
    """A log of three export-control steps, e1 to e3, appended one by one."""
    path = folder / f"log{suffix}"
    with EventLog.open(path) as log:
        for n in (1, 2, 3):
            log.append(
                ExportControlStrengthened(
                    id=f"e{n}",
                    actor="JPN",
                    target="KOR",
                    detail="more staff",
                    effective=dt.date(2019, 7, n),
                )
            )
    return path


def test_sqlite_record_of_an_unknown_type_is_a_schema_error_naming_its_seq(
    tmp_path,
):
    """A SQLite record whose type no one registered raises SchemaError naming its seq."""
    path = steps(tmp_path, ".sqlite")
    tamper(path, 2, lambda text: dumps({**json.loads(text), "type": "Sanctions"}))

    with pytest.raises(SchemaError) as caught:
        EventLog.open(path)

    error = caught.value
    assert (str(path), None, 2, "type") == (
        error.location,
        error.line,
        error.seq,
        error.field,
    )
    assert str(error).startswith(f"{path} (seq 2): unknown event type 'Sanctions'")


def test_sqlite_record_claiming_another_seq_is_corrupt(tmp_path):
    """A SQLite row whose record says another seq raises CorruptRecord naming the row."""
    path = steps(tmp_path, ".sqlite")
    tamper(path, 2, lambda text: dumps({**json.loads(text), "seq": 3}))

    with pytest.raises(CorruptRecord) as caught:
        EventLog.open(path)

    error = caught.value
    assert (str(path), 2, "seq") == (error.location, error.seq, error.field)
    assert str(error).startswith(f"{path} (seq 2): the record says seq 3")


def test_repeated_id_within_one_file_is_corrupt(tmp_path):
    """Two records of one file sharing an id are refused, naming the second's seq."""
    path = tmp_path / "log.jsonl"
    with EventLog.open(path) as log:
        for n in (1, 2):
            log.append(
                ExportControlStrengthened(
                    id=f"e{n}",
                    actor="KOR",
                    target="JPN",
                    detail="staff",
                    effective=dt.date(2019, 12, n),
                )
            )
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(lines[0] + lines[1].replace(b'"id":"e2"', b'"id":"e1"'))

    with pytest.raises(CorruptRecord) as caught:
        EventLog.open(path)

    assert (str(path), 2, "id") == (
        caught.value.location,
        caught.value.seq,
        caught.value.field,
    )
