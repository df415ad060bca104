"""An event type a log could write but not read back is refused before it is written.

Rule: appending an event whose type has a field cattrs cannot structure
(``payload: object``) raises `RegistrationError` naming the type and the
field, and leaves the file exactly as it was; before, the append went
through and the log could no longer be opened (a raw cattrs error).
"""

import datetime as dt
from pathlib import Path

import attrs
import pytest

import tradedispute
from tradedispute import EventLog, RegistrationError, WhitelistRemoved


@attrs.frozen(kw_only=True)
class PayloadCarried(tradedispute.CountryMove):
    payload: object = None


@tradedispute.reducer(PayloadCarried)
def carry(
    state: tradedispute.DisputeState, event: PayloadCarried
) -> tradedispute.DisputeState:
    return state


@attrs.frozen(kw_only=True)
class CodeCarried(tradedispute.CountryMove):
    code: int | str


@tradedispute.reducer(CodeCarried)
def carry_code(
    state: tradedispute.DisputeState, event: CodeCarried
) -> tradedispute.DisputeState:
    return state


def test_a_union_cattrs_cannot_tell_apart_is_refused_too(tmp_path: Path) -> None:
    """A union of int and str: the converter has no rule to read such a value back."""
    coded = CodeCarried(
        actor="KOR", target="JPN", code="HS 2811", effective=dt.date(2020, 1, 1)
    )
    with EventLog.open(tmp_path / "log.jsonl") as log:
        with pytest.raises(
            RegistrationError, match=r"CodeCarried\.code is typed int \| str"
        ):
            log.append(coded)
        assert () == log.events()


@pytest.mark.parametrize("suffix", [".jsonl", ".sqlite"])
def test_a_field_no_record_can_hold_is_refused_and_the_file_kept(
    tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"log{suffix}"
    first = WhitelistRemoved(actor="JPN", target="KOR", effective=dt.date(2019, 8, 28))
    with EventLog.open(path) as log:
        log.append(first)
    before = path.read_bytes()
    odd = PayloadCarried(
        actor="USA", target="CHN", payload={"a": [1]}, effective=dt.date(2020, 1, 1)
    )
    with EventLog.open(path) as log:
        with pytest.raises(
            RegistrationError, match=r"PayloadCarried\.payload is typed object"
        ):
            log.append(odd)
        assert (first,) == log.events()
    assert before == path.read_bytes()
    with EventLog.open(path) as log:
        assert (first,) == log.events()
