"""Records made to hurt: repeated keys, deep nesting, huge values, huge numbers.

Each is refused with one of our errors, the same with or without orjson,
and an error quotes at most a part of what it refuses.
"""

import datetime as dt
import json

import pytest

from tradedispute import EventLog, TalksHeld, WhitelistRemoved
from tradedispute.codec import decode, encode, jsonio
from tradedispute.core.vocabulary import MAX_TALKS_HOURS
from tradedispute.exceptions import MESSAGE_LIMIT, CorruptRecord, InvalidEvent

MOMENT = dt.datetime(2020, 3, 11, 2, 0, tzinfo=dt.UTC)
RECORD = encode(
    WhitelistRemoved(id="w", actor="JPN", target="KOR", effective=dt.date(2019, 8, 28)),
    seq=1,
    recorded_at=MOMENT,
)


@pytest.fixture(params=["orjson", "stdlib"])
def reader(request, monkeypatch):
    """Read with orjson, then with the standard library's json."""
    if request.param == "stdlib":
        monkeypatch.setattr(jsonio, "_orjson", None)
    return request.param


def refusal(data: bytes) -> str:
    with pytest.raises(CorruptRecord) as caught:
        decode(data, location="log.jsonl", line=3)
    return str(caught.value)


@pytest.mark.usefixtures("reader")
def test_a_sound_record_reads_with_either_reader():
    """The canonical record reads back with orjson and without it."""
    assert "w" == decode(RECORD, location="log.jsonl").event.id


@pytest.mark.parametrize("key", ["actor", "id", "seq"])
def test_a_repeated_key_is_refused_the_same_with_either_reader(monkeypatch, key):
    """Rule: a key twice in one object is corrupt; neither value wins silently."""
    record = json.loads(RECORD)
    text = RECORD.decode().replace(
        "{", "{" + json.dumps(key) + ":" + json.dumps(record[key]) + ",", 1
    )
    fast = refusal(text.encode())
    monkeypatch.setattr(jsonio, "_orjson", None)
    slow = refusal(text.encode())
    assert fast == slow
    assert f"the key {key!r} appears twice in one object" in fast
    assert "log.jsonl, line 3" in fast


@pytest.mark.parametrize("depth", [jsonio.MAX_DEPTH + 1, 5000, 100_000])
def test_deep_nesting_is_refused_the_same_with_either_reader(monkeypatch, depth):
    """Rule: a record nested deeper than MAX_DEPTH is corrupt, never a RecursionError."""
    data = b'{"note":' + b"[" * depth + b"]" * depth + b"}"
    fast = refusal(data)
    monkeypatch.setattr(jsonio, "_orjson", None)
    slow = refusal(data)
    assert fast == slow
    assert f"nested more than {jsonio.MAX_DEPTH} levels deep" in fast


@pytest.mark.usefixtures("reader")
def test_nesting_as_deep_as_allowed_is_judged_by_its_fields():
    """At the limit, the record is read and its fields say what is wrong."""
    depth = jsonio.MAX_DEPTH - 1
    record = json.loads(RECORD)
    record["note"] = json.loads("[" * depth + "]" * depth)
    message = refusal(json.dumps(record, sort_keys=True).encode())
    assert "nested" not in message
    assert "note" in message


@pytest.mark.usefixtures("reader")
def test_an_error_quotes_only_part_of_a_huge_bad_value():
    """A 20 MB bad value is cut from the message, which still says where and why."""
    record = json.loads(RECORD)
    record["effective"] = "x" * 20_000_000
    message = refusal(json.dumps(record, sort_keys=True).encode())
    assert len(message) <= MESSAGE_LIMIT
    assert message.startswith("log.jsonl, line 3")
    assert "characters left out" in message


def talks(hours):
    return TalksHeld(
        parties={"JPN", "KOR"},
        level="working level",
        format="video",
        outcome="no_deal",
        duration_hours=hours,
        effective=dt.date(2020, 3, 10),
    )


@pytest.mark.parametrize("hours", [10**400, -(10**400), MAX_TALKS_HOURS + 1, 1e300])
def test_a_duration_out_of_range_is_refused_at_construction(hours):
    """Rule: hours beyond a year (or beyond a float) are an InvalidEvent."""
    with pytest.raises(InvalidEvent) as caught:
        talks(hours)
    assert "duration_hours" == caught.value.field
    assert len(str(caught.value)) <= MESSAGE_LIMIT


def test_a_duration_of_a_year_is_accepted():
    """The bound itself is allowed."""
    assert MAX_TALKS_HOURS == talks(MAX_TALKS_HOURS).duration_hours


def test_the_first_and_last_days_a_date_can_be_replay_and_chart(tmp_path):
    """Events on 0001-01-01 and 9999-12-31 replay, and their chart is drawn."""
    from tradedispute.charts import plot_dispute, save_chart

    log = EventLog()
    log.append(WhitelistRemoved(actor="JPN", target="KOR", effective=dt.date.min))
    log.append(WhitelistRemoved(actor="KOR", target="JPN", effective=dt.date.max))
    assert {"KOR"} == set(log.state_at(dt.date.max).country("JPN").whitelist_excluded)
    save_chart(plot_dispute(log), tmp_path / "extremes.png")
    assert (tmp_path / "extremes.png").stat().st_size > 0
