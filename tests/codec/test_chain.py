"""The hash chain: what a writer stores is what any reader recomputes."""

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradedispute import Head
from tradedispute.codec import jsonio
from tradedispute.codec.chain import (
    GENESIS,
    canonical_bytes,
    chain_hash,
    chain_head,
    hashes_of,
)
from tradedispute.codec.converter import encode_chained
from tradedispute.exceptions import InvalidQuery
from tradedispute.testing import events

MOMENT = dt.datetime(2020, 3, 11, 2, 0, tzinfo=dt.UTC)
previous_hashes = st.sampled_from([GENESIS, "sha256:" + "ab" * 32])


@pytest.fixture(params=["orjson", "stdlib"])
def writer(request, monkeypatch):
    """Write with orjson, then with the standard library."""
    if request.param == "stdlib":
        monkeypatch.setattr(jsonio, "_orjson", None)
    return request.param


@pytest.mark.usefixtures("writer")
@given(event=events(), previous=previous_hashes, seq=st.integers(1, 10**6))
def test_the_hash_written_is_the_hash_any_reader_recomputes(event, previous, seq):
    """Law: a record's stored hash is what a reader recomputes.

    That is chain_hash(previous, its canonical bytes), computed with nothing
    but the standard library.
    """
    data, digest = encode_chained(event, seq=seq, recorded_at=MOMENT, previous=previous)
    record = json.loads(data)
    assert digest == record["hash"]
    assert digest == chain_hash(previous, canonical_bytes(record))


@given(event=events(), previous=previous_hashes)
def test_orjson_and_the_standard_library_write_the_same_hash(event, previous):
    """Law: the chain does not depend on which JSON library wrote the record."""
    _, fast = encode_chained(event, seq=1, recorded_at=MOMENT, previous=previous)
    original = jsonio._orjson
    jsonio._orjson = None
    try:
        _, slow = encode_chained(event, seq=1, recorded_at=MOMENT, previous=previous)
    finally:
        jsonio._orjson = original
    assert fast == slow


def test_batch_end_and_hash_are_not_in_the_canonical_bytes():
    """The keys that depend on the store are left out of what is hashed."""
    base = {"b": 1, "a": "é"}
    assert b'{"a":"\xc3\xa9","b":1}' == canonical_bytes(base)
    assert canonical_bytes(base) == canonical_bytes(
        {**base, "hash": GENESIS, "batch_end": 3}
    )


def test_hashes_of_chains_each_record_on_the_last():
    """Each hash follows from the one before; the head is the last."""
    raws = [b'{"a":1}', b'{"a":2,"hash":"x"}']
    found = list(hashes_of(raws))
    first = chain_hash(GENESIS, b'{"a":1}')
    assert [(first, None), (chain_hash(first, b'{"a":2}'), "x")] == found
    assert found[-1][0] == chain_head(raws)
    assert GENESIS == chain_head([])


def test_a_head_is_written_and_read_back():
    """str(head) is "position:hash", and Head.parse reads it back."""
    head = Head(412, "sha256:" + "0f" * 32)
    assert f"412:sha256:{'0f' * 32}" == str(head)
    assert head == Head.parse(str(head))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "412",
        "x:sha256:" + "0" * 64,
        "\u00b2:sha256:" + "0" * 64,
        "3:sha256:abc",
        "3:md5:" + "0" * 64,
    ],
)
def test_a_bad_head_is_an_invalid_query(text):
    """A head that is not one says what one looks like."""
    with pytest.raises(InvalidQuery, match="a head looks like"):
        Head.parse(text)


def test_a_head_of_no_entries_is_the_genesis_only():
    """Every log extends the head of no entries; none extends a forged one."""
    from tradedispute import EventLog
    from tradedispute.exceptions import ChainBroken

    log = EventLog()
    assert Head(0, GENESIS) == log.verify(extends=Head(0, GENESIS))
    with pytest.raises(ChainBroken, match="of no log"):
        log.verify(extends=Head(0, "sha256:" + "1" * 64))
