"""Agreements between parties: signed, in force, suspended, resumed, terminated."""

import datetime as dt

import pytest
from hypothesis import given

from tests.core.test_reducers import assert_rejected
from tradedispute import (
    Agreement,
    AgreementEnteredIntoForce,
    AgreementResumed,
    AgreementSigned,
    AgreementSuspended,
    AgreementTerminated,
    DisputeState,
    EventLog,
    apply,
    replay,
)
from tradedispute.codec.state import decode_state, encode_state
from tradedispute.exceptions import InvalidEvent
from tradedispute.testing import event_logs

PHASE_ONE = {"agreement": "Phase One", "parties": {"USA", "CHN"}}
SIGNED = AgreementSigned(id="signed", effective=dt.date(2020, 1, 15), **PHASE_ONE)
IN_FORCE = AgreementEnteredIntoForce(
    id="in-force", effective=dt.date(2020, 2, 14), **PHASE_ONE
)
SUSPENDED = AgreementSuspended(
    id="suspended", effective=dt.date(2021, 3, 1), **PHASE_ONE
)
RESUMED = AgreementResumed(id="resumed", effective=dt.date(2021, 6, 1), **PHASE_ONE)
TERMINATED = AgreementTerminated(
    id="terminated", effective=dt.date(2022, 1, 1), **PHASE_ONE
)


def test_an_agreement_is_kept_with_its_status_dates_and_events() -> None:
    """Each step sets the status, since when and by which event; the dates stay."""
    states = {}
    state = DisputeState()
    for event in (SIGNED, IN_FORCE, SUSPENDED, RESUMED, TERMINATED):
        state = apply(state, event)
        states[event.id] = state.agreements["Phase One"]

    assert (
        Agreement(
            agreement="Phase One",
            parties=frozenset({"USA", "CHN"}),
            status="in force",
            since=dt.date(2020, 2, 14),
            event_id="in-force",
            signed=dt.date(2020, 1, 15),
            signed_by="signed",
            in_force_since=dt.date(2020, 2, 14),
            in_force_by="in-force",
        )
        == states["in-force"]
    )
    assert [
        ("signed", "signed"),
        ("in force", "in-force"),
        ("suspended", "suspended"),
        ("in force", "resumed"),
        ("terminated", "terminated"),
    ] == [(a.status, a.event_id) for a in states.values()]
    assert dt.date(2020, 2, 14) == states["terminated"].in_force_since


def test_entry_into_force_without_a_recorded_signing_is_accepted() -> None:
    """Sources often give only the entry into force: the signing stays unknown."""
    agreement = replay([IN_FORCE]).agreements["Phase One"]

    assert ("in force", None, None) == (
        agreement.status,
        agreement.signed,
        agreement.signed_by,
    )


def test_a_signed_agreement_can_be_terminated_before_entering_into_force() -> None:
    """A signature withdrawn before entry into force ends the agreement too."""
    agreement = replay([SIGNED, TERMINATED]).agreements["Phase One"]

    assert ("terminated", None) == (agreement.status, agreement.in_force_since)


@pytest.mark.parametrize(
    ("history", "event", "rule", "valid"),
    [
        ([SIGNED], SIGNED, "agreement-already-signed", "give a new one its own name"),
        (
            [IN_FORCE],
            SIGNED,
            "agreement-already-signed",
            "an agreement is signed once",
        ),
        ([IN_FORCE], IN_FORCE, "agreement-already-in-force", "enters into force once"),
        ([SIGNED], SUSPENDED, "agreement-not-in-force", "only an agreement in force"),
        ([IN_FORCE], RESUMED, "agreement-not-suspended", "only a suspended agreement"),
        ([], SUSPENDED, "agreement-not-on-record", "agreements on record: none"),
        ([], TERMINATED, "agreement-not-on-record", "agreements on record: none"),
        ([SIGNED, TERMINATED], IN_FORCE, "agreement-terminated", "no more steps"),
        ([IN_FORCE, TERMINATED], TERMINATED, "agreement-terminated", "no more steps"),
    ],
)
def test_steps_that_do_not_fit_are_rejected(history, event, rule, valid) -> None:
    """Each rule names the agreement's status and what would be valid."""
    assert_rejected(replay(history), event, rule, valid)


def test_the_parties_must_be_those_on_record() -> None:
    """agreement-parties-mismatch: one name is one agreement between its parties."""
    other = AgreementSuspended(
        id="other",
        effective=dt.date(2021, 3, 1),
        agreement="Phase One",
        parties={"USA", "CHN", "JPN"},
    )

    assert_rejected(
        replay([IN_FORCE]),
        other,
        "agreement-parties-mismatch",
        "is between CHN, USA, not CHN, JPN, USA",
    )


def test_an_agreement_has_two_or_more_parties() -> None:
    """One party is no agreement: the event cannot be built."""
    with pytest.raises(InvalidEvent) as caught:
        AgreementSigned(effective=dt.date(2020, 1, 15), agreement="x", parties="USA")

    assert "parties" == caught.value.field
    assert "agreements need two or more parties" in str(caught.value)


def test_agreements_are_kept_in_stored_logs_and_checkpoints(tmp_path) -> None:
    """A JSON Lines log and a checkpoint give back the agreements they hold."""
    path = tmp_path / "phase-one.jsonl"
    with EventLog.open(path) as log:
        log.extend([SIGNED, IN_FORCE, SUSPENDED])
    with EventLog.open(path, verify=True) as reopened:
        state = reopened.state_at(dt.date(2021, 12, 31))
        assert [SIGNED, IN_FORCE, SUSPENDED] == list(reopened)

    assert "suspended" == state.agreements["Phase One"].status
    assert state == decode_state(encode_state(state))


@given(event_logs(max_chains=6, max_chain_length=5))
def test_every_agreement_on_record_began_with_a_signing_or_an_entry(log) -> None:
    """Law: an agreement's dates follow each other, and its event is in the log."""
    ids = {event.id for event in log}
    state = log.state_at(dt.date(2035, 1, 1))

    for agreement in state.agreements.values():
        assert agreement.event_id in ids
        assert agreement.signed or agreement.in_force_since
        dates = [agreement.signed, agreement.in_force_since, agreement.since]
        known = [day for day in dates if day is not None]
        assert sorted(known) == known
