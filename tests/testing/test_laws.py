"""The reducer law kit: a user's good reducers pass it, and each law catches its bug."""

import datetime as dt
import itertools
import os
import unittest
from collections.abc import Iterator, Sequence
from typing import Any

import attrs
import pytest
from hypothesis import Phase, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import tradedispute
from tradedispute import (
    CountryMove,
    DisputeState,
    Event,
    InvalidTransition,
    RestrictionImposed,
    UnknownEventType,
    reject,
)
from tradedispute.testing import event_batches, laws, moves

from .test_moves import MovesTariffRaised

# --- a user's well-behaved types pass every law -----------------------------------


@tradedispute.reducer(MovesTariffRaised)
def raise_tariff(state: DisputeState, event: MovesTariffRaised) -> DisputeState:
    key = f"laws-tariff:{event.actor}->{event.target}"
    if state.extensions.get(key) == event.rate:
        reject(event, "tariff-unchanged", f"the tariff is {event.rate} already")
    return attrs.evolve(state, extensions=state.extensions.set(key, event.rate))


class TestTariffLaws(laws.ReducerLaws):
    """Every field inferred but the rate, drawn from two values so it repeats.

    The inferred fields (an enum, a Literal, sets, tuples, optional dates,
    codes, citations) go through both stores: the codec reads them back.
    """

    event_type = MovesTariffRaised
    strategy = moves(MovesTariffRaised, rate=st.sampled_from([0.1, 0.25]))


@attrs.frozen(kw_only=True)
class LawsTruce(CountryMove):
    """The actor lifts every export restriction it has on the target."""


@tradedispute.reducer(LawsTruce)
def make_truce(state: DisputeState, event: LawsTruce) -> DisputeState:
    policy = state.country(event.actor)
    if event.target not in policy.restrictions:
        reject(event, "truce-nothing-in-force", "no restriction to lift")
    lifted = attrs.evolve(policy, restrictions=policy.restrictions.delete(event.target))
    return state.with_country(event.actor, lifted)


class TestTruceLaws(laws.ReducerLaws):
    """A type that changes built-in facts says which part it owns."""

    event_type = LawsTruce
    owns = frozenset({"countries"})
    logs = event_batches(countries=["JPN", "KOR"], max_chains=4)

    def moves_among(self, background: Sequence[Event]) -> st.SearchStrategy[Any]:
        """Truces of a pair with a restriction, after it was imposed."""
        imposed = [e for e in background if isinstance(e, RestrictionImposed)]
        if not imposed:
            return moves(LawsTruce, countries=["JPN", "KOR"])
        return st.sampled_from(imposed).flatmap(
            lambda e: moves(
                LawsTruce,
                actor=st.just(e.actor),
                target=st.just(e.target),
                effective=st.dates(e.effective, dt.date(2019, 9, 30)),
            )
        )


# --- each law catches the bug it is about ------------------------------------------


def broken(event_type: type[CountryMove], **settings: Any) -> type[laws.ReducerLaws]:
    """A kit for *event_type* that this module's runner does not collect."""
    return type(
        f"{event_type.__name__}Laws",
        (laws.ReducerLaws,),
        {"__test__": False, "event_type": event_type, "max_examples": 10, **settings},
    )


@pytest.fixture(autouse=True)
def _no_shrinking() -> Iterator[None]:
    """Report a broken law's first failure, without shrinking it or saving it."""
    profile = os.environ.get("HYPOTHESIS_PROFILE", "dev")
    settings.register_profile(
        "laws-no-shrinking",
        settings.get_profile(profile),
        phases=[Phase.generate],
        database=None,
    )
    settings.load_profile("laws-no-shrinking")
    yield
    settings.load_profile(profile)


def run(kit: type[laws.ReducerLaws], law: str) -> None:
    """Run one law of *kit* as a runner would."""
    kit.setUpClass()
    getattr(kit(law), law)()


_calls = itertools.count()


@attrs.frozen(kw_only=True)
class LawsCounted(CountryMove):
    """Its reducer numbers its calls: it reads something besides state and event."""


@tradedispute.reducer(LawsCounted)
def count_calls(state: DisputeState, event: LawsCounted) -> DisputeState:
    return attrs.evolve(
        state, extensions=state.extensions.set("laws-calls", next(_calls))
    )


def test_a_reducer_that_reads_a_counter_is_not_deterministic():
    """Law 1: two calls on one state and event must agree."""
    with pytest.raises(AssertionError, match="gave two answers"):
        run(broken(LawsCounted), "test_the_reducer_is_pure_and_deterministic")


def test_a_reducer_that_reads_a_counter_replays_differently():
    """Law 3: the log's replay and a fold in (date, seq) order must agree."""
    with pytest.raises(AssertionError, match="on 20"):
        run(broken(LawsCounted), "test_replay_order_is_effective_date_then_seq")


@attrs.frozen(kw_only=True)
class LawsLookup(CountryMove):
    """Its reducer looks up a fact that may not be there."""


@tradedispute.reducer(LawsLookup)
def look_up(state: DisputeState, event: LawsLookup) -> DisputeState:
    rate = state.extensions[f"laws-lookup:{event.actor}"]
    return attrs.evolve(state, extensions=state.extensions.set("laws-seen", rate))


def test_a_reducer_that_raises_a_plain_error_is_told_to_reject():
    """Law 2: a refusal is an InvalidTransition, raised with reject()."""
    with pytest.raises(AssertionError, match=r"raised KeyError.*tradedispute\.reject"):
        run(broken(LawsLookup), "test_a_rejected_event_leaves_the_log_as_it_was")


@attrs.frozen(kw_only=True)
class LawsUnlocated(CountryMove):
    """Its reducer refuses every event, naming none."""


@tradedispute.reducer(LawsUnlocated)
def refuse_vaguely(state: DisputeState, event: LawsUnlocated) -> DisputeState:
    raise InvalidTransition(
        "not allowed", event_id="", effective=event.effective, rule="nope"
    )


def test_a_rejection_that_names_no_event_is_caught():
    """Law 2: the error names the refused event: its id and date."""
    with pytest.raises(AssertionError, match="names no event"):
        run(broken(LawsUnlocated), "test_a_rejected_event_leaves_the_log_as_it_was")


@attrs.frozen(kw_only=True)
class LawsTagged(CountryMove):
    """A field declared a frozenset, holding a tuple: JSON gives back a frozenset."""

    tags: frozenset[str]


@tradedispute.reducer(LawsTagged)
def tag(state: DisputeState, event: LawsTagged) -> DisputeState:
    return state


def test_an_event_that_reads_back_otherwise_fails_the_round_trip():
    """Law 4: the events a log reads from disk equal those appended."""
    kit = broken(LawsTagged, strategy=moves(LawsTagged, tags=st.just(("a", "b"))))
    with pytest.raises(AssertionError, match=r"read back from \.jsonl"):
        run(kit, "test_events_round_trip_through_stores_and_checkpoints")


def test_a_type_that_changes_built_in_facts_must_own_them():
    """Law 5: the truce changes countries, which the default owns leaves out."""
    kit = type(
        "TruceOwningNothing",
        (TestTruceLaws,),
        {"__test__": False, "owns": frozenset({"extensions"})},
    )
    with pytest.raises(
        AssertionError,
        match=r"LawsTruce changed DisputeState\.countries on .*add 'countries' to",
    ):
        run(kit, "test_only_the_facts_it_owns_change")


# --- the kit's settings --------------------------------------------------------------


def test_only_subclasses_that_name_a_type_are_collected():
    """The base, and a shared base without event_type, are not run by pytest."""

    class SharedSettings(laws.ReducerLaws):
        max_examples = 5

    class TestTariff(SharedSettings):
        event_type = MovesTariffRaised

    assert (False, False, True) == (
        laws.ReducerLaws.__test__,
        SharedSettings.__test__,
        TestTariff.__test__,
    )


def test_unittest_skips_the_base_it_does_not_know_to_leave_out():
    """Plain unittest runs any TestCase it finds: the base reports itself skipped."""
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(laws.ReducerLaws)
    result = unittest.TestResult()

    suite.run(result)

    assert ([], []) == (result.errors, result.failures)
    assert ["ReducerLaws sets no event_type"] == [
        reason for _, reason in result.skipped
    ]


@attrs.frozen(kw_only=True)
class LawsUnregistered(CountryMove):
    """A type whose reducer was never registered."""


@pytest.mark.parametrize(
    ("settings", "error", "message"),
    [
        (
            {"event_type": tradedispute.TalksHeld},
            InvalidArgument,
            "subclasses of tradedispute.CountryMove",
        ),
        ({"event_type": LawsUnregistered}, UnknownEventType, "no reducer"),
        (
            {"event_type": LawsTruce, "strategy": LawsTruce},
            InvalidArgument,
            r"give a strategy, such as moves\(LawsTruce\)",
        ),
        (
            {"event_type": LawsTruce, "owns": "countries"},
            InvalidArgument,
            "frozenset of the parts of DisputeState: agreements, by_actor",
        ),
        (
            {"event_type": LawsTruce, "owns": frozenset({"country"})},
            InvalidArgument,
            "frozenset of the parts",
        ),
        (
            {"event_type": LawsTruce, "max_examples": 0},
            InvalidArgument,
            "max_examples=0 must be >= 1",
        ),
    ],
    ids=[
        "not-a-move",
        "unregistered",
        "not-a-strategy",
        "owns-a-string",
        "owns-no-such-part",
        "no-examples",
    ],
)
def test_bad_settings_are_refused_before_any_law_runs(settings, error, message):
    """Each refusal names the setting and what would be valid."""
    kit = type("Kit", (laws.ReducerLaws,), {"__test__": False, **settings})
    with pytest.raises(error, match=message):
        kit.setUpClass()


def test_every_part_of_the_state_can_be_owned():
    """STATE_PARTS lists the attributes of DisputeState, extensions among them."""
    assert {f.name for f in attrs.fields(DisputeState)} == laws.STATE_PARTS
    assert "extensions" in laws.STATE_PARTS
