"""The laws every reducer keeps, as a test case your event type's tests subclass.

A reducer of your own event type keeps the same laws as the library's. Say
which type, and how to draw its events (`tradedispute.testing.moves` infers
what it can), in a subclass of `ReducerLaws`; pytest or unittest runs the
laws::

    from tradedispute.testing import laws, moves

    class TestTariffRaised(laws.ReducerLaws):
        event_type = TariffRaised
        strategy = moves(TariffRaised, rate=st.floats(0, 1))

Import the module, not the class, into the test module, as for the store
contract (`tradedispute.testing.stores`). Each law mixes a few events of the
type into logs drawn by `event_batches`, appending them one at a time in an
interleaved order, so that some meet a state they change and some one they
make no sense in:

1. The reducer is pure and deterministic: the same state and event give
   equal results twice, and neither input changes.
2. A rejected event is refused with a located `InvalidTransition` (its id,
   date and rule), never another error, and the log and its states are as
   they were.
3. Replay order is (effective date, seq): a log appended out of date order
   answers as the fold of its events sorted by that key.
4. The events round-trip through the JSON Lines and SQLite stores and their
   checkpoints on disk: a log opened again, from its checkpoints, holds the
   same events and gives the same states.
5. The type changes only the facts it owns (`ReducerLaws.owns`; by default
   `DisputeState.extensions`): every other part of the state is what the
   same log gives without its events.

The library's own `CountryMove` reducers run through the same laws.
"""

# The laws are a unittest.TestCase, so that they run under any runner.

from __future__ import annotations

import copy
import datetime as dt
import tempfile
import unittest
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar
from unittest import mock

import attrs
from hypothesis import HealthCheck, given, note, settings
from hypothesis import event as statistic
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import tradedispute.log.keeper
from tradedispute.core.events import CountryMove, Event
from tradedispute.core.registry import reducer_for
from tradedispute.core.replay import replay, state_on
from tradedispute.core.state import DisputeState
from tradedispute.exceptions import InvalidTransition
from tradedispute.log.eventlog import EventLog
from tradedispute.testing import event_batches, moves

__all__ = ["STATE_PARTS", "ReducerLaws", "Scenario"]

STATE_PARTS: frozenset[str] = frozenset(
    field.name for field in attrs.fields(DisputeState)
)
"""The parts of a `DisputeState` an event type may own: its attribute names."""

_SUFFIXES = (".jsonl", ".sqlite")


@attrs.frozen
class Scenario:
    """A drawn log, with events of the type under test mixed in.

    Attributes:
        background: The log's events of other types.
        moves: The events of the type under test: those the log drew (for a
            built-in type), then those mixed in, ids unique in the log.
        order: All of them in the order they are appended: the log's order
            kept, the events mixed in interleaved with it.
    """

    background: tuple[Event, ...]
    moves: tuple[CountryMove, ...]
    order: tuple[Event, ...]

    def days(self) -> list[dt.date]:
        """The days to compare states on: each effective date, and one before all."""
        return [dt.date.min, *sorted({event.effective for event in self.order})]


@st.composite
def _scenarios(
    draw: st.DrawFn,
    event_type: type[CountryMove],
    logs: st.SearchStrategy[list[Event]],
    moves_among: Callable[[Sequence[Event]], st.SearchStrategy[CountryMove]],
    max_moves: int,
) -> Scenario:
    log = draw(logs, label="log")
    taken = {event.id for event in log}
    drawn = draw(
        st.lists(
            moves_among(log), min_size=1, max_size=max_moves, unique_by=lambda e: e.id
        ),
        label="moves",
    )
    # A shrunk id can equal one of the log's: keep the ids unique.
    mixed = [e for e in drawn if e.id not in taken] or [
        attrs.evolve(drawn[0], id=f"{drawn[0].id}-moved")
    ]
    tokens = draw(st.permutations([0] * len(log) + [1] * len(mixed)))
    sources: list[Iterator[Event]] = [iter(log), iter(mixed)]
    order = tuple(next(sources[token]) for token in tokens)
    own = [e for e in log if type(e) is event_type]
    return Scenario(
        tuple(e for e in log if type(e) is not event_type),
        (*own, *mixed),
        order,
    )


def _append_each(log: EventLog, entries: Sequence[Event]) -> list[InvalidTransition]:
    """Append *entries* one at a time, leaving out those the log rejects."""
    rejected = []
    for entry in entries:
        try:
            log.append(entry)
        except InvalidTransition as error:
            rejected.append(error)
    return rejected


@contextmanager
def _checkpoints_at_every_event() -> Iterator[None]:
    """Keep checkpoints on disk from the first event on, so small logs have some."""
    with mock.patch.object(tradedispute.log.keeper, "KEEP_SPACING", 1):
        yield


class ReducerLaws(unittest.TestCase):
    """The laws the reducer of `event_type` keeps, one test each.

    Subclass it and set `event_type` (its reducer registered before the
    tests run); set the other attributes to change the defaults. A subclass
    without `event_type` is a base for others, and pytest does not collect
    it (its ``__test__`` is false, unless it sets ``__test__`` itself).

    Attributes:
        event_type: The `CountryMove` subclass under test.
        strategy: Draws its events; `None` (the default) draws
            ``moves(event_type)``. Draw fields from a few values (items,
            case numbers) to make events meet each other and the log's.
        owns: The parts of `DisputeState` (names in `STATE_PARTS`) its
            events may change. Every other part must be as if they had not
            happened. By default only ``extensions``, where facts of a new
            kind go; a type that changes built-in facts (lifting
            restrictions, say) names their part (``"countries"``).
        logs: Draws the logs the events are mixed into; their events must
            be valid in the order drawn. By default `event_batches` with at
            most four facts.
        max_moves: At most this many events of the type per example.
        max_examples: Examples per law; the Hypothesis profile in use sets
            the rest (derandomize, database, ...).
    """

    __test__: ClassVar[bool] = False
    event_type: ClassVar[type[CountryMove]]
    strategy: ClassVar[st.SearchStrategy[CountryMove] | None] = None
    owns: ClassVar[frozenset[str]] = frozenset({"extensions"})
    logs: ClassVar[st.SearchStrategy[list[Event]]] = event_batches(max_chains=4)
    max_moves: ClassVar[int] = 4
    max_examples: ClassVar[int] = 20

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "__test__" not in vars(cls):
            cls.__test__ = hasattr(cls, "event_type")

    @classmethod
    def setUpClass(cls) -> None:
        """Check the subclass's settings before any law runs.

        Raises:
            unittest.SkipTest: the class is a base without `event_type`
                (run by unittest, which does not read ``__test__``).
            InvalidArgument: `event_type`, `strategy`, `owns` or the
                numbers are not what the attributes say.
            UnknownEventType: no reducer is registered for `event_type`.
        """
        super().setUpClass()
        if not hasattr(cls, "event_type"):
            raise unittest.SkipTest(f"{cls.__qualname__} sets no event_type")
        name = cls.__qualname__
        if not (
            isinstance(cls.event_type, type) and issubclass(cls.event_type, CountryMove)
        ):
            raise InvalidArgument(
                f"{name}.event_type = {cls.event_type!r}: the laws run on "
                "subclasses of tradedispute.CountryMove"
            )
        reducer_for(cls.event_type)
        if cls.strategy is not None and not isinstance(cls.strategy, st.SearchStrategy):
            raise InvalidArgument(
                f"{name}.strategy = {cls.strategy!r}: give a strategy, such as "
                f"moves({cls.event_type.__qualname__})"
            )
        unknown = sorted(set(cls.owns) - STATE_PARTS)
        if unknown:
            raise InvalidArgument(
                f"{name}.owns = {cls.owns!r}: give a frozenset of the parts of "
                f"DisputeState: {', '.join(sorted(STATE_PARTS))}"
            )
        if cls.max_moves < 1 or cls.max_examples < 1:
            raise InvalidArgument(
                f"{name}: max_moves={cls.max_moves} and "
                f"max_examples={cls.max_examples} must be >= 1"
            )

    # --- running a law ------------------------------------------------------------

    def moves_among(self, background: Sequence[Event]) -> st.SearchStrategy[Any]:
        """Return the strategy that draws the events mixed into *background*.

        By default `strategy`, whatever the log. Override it to draw fields
        from the facts of *background* (its items, its cases), so that more
        of the events change a fact of the log than are rejected.
        """
        if self.strategy is None:
            return moves(self.event_type)
        return self.strategy

    def _check(self, law: Callable[[Scenario], None]) -> None:
        """Run *law* on drawn scenarios, with this class's settings."""
        profile = settings()
        run = settings(
            profile,
            max_examples=self.max_examples,
            deadline=None,  # the stores' law writes files
            suppress_health_check=[
                *profile.suppress_health_check,
                HealthCheck.too_slow,
                HealthCheck.data_too_large,
            ],
        )(
            given(
                _scenarios(self.event_type, self.logs, self.moves_among, self.max_moves)
            )(law)
        )
        run()

    def _reducer(self) -> Callable[[DisputeState, Event], DisputeState]:
        return reducer_for(self.event_type)

    def _type(self) -> str:
        return self.event_type.__qualname__

    # --- the laws ----------------------------------------------------------------

    def test_the_reducer_is_pure_and_deterministic(self) -> None:
        """The same state and event give equal results twice; neither input changes."""

        def law(scenario: Scenario) -> None:
            log = EventLog()
            _append_each(log, scenario.order)
            reducer = self._reducer()
            for move in scenario.moves:
                state = log.state_at(move.effective)
                state_before, move_before = copy.deepcopy(state), copy.deepcopy(move)
                first, second = (_outcome(reducer, state, move) for _ in range(2))
                self.assertEqual(
                    first,
                    second,
                    f"{self._type()}'s reducer gave two answers for one state "
                    f"and event {move!r}: it reads something besides them",
                )
                self.assertEqual(
                    (state_before, move_before),
                    (state, move),
                    f"{self._type()}'s reducer changed its input",
                )
                if isinstance(first, DisputeState):
                    hash(first)  # an unhashable fact is a mutable one

        self._check(law)

    def test_a_rejected_event_leaves_the_log_as_it_was(self) -> None:
        """A refusal is a located InvalidTransition, and changes no log and no state."""

        def law(scenario: Scenario) -> None:
            log = EventLog()
            reducer = self._reducer()
            days = scenario.days()
            moves_ = {move.id for move in scenario.moves}
            for entry in scenario.order:
                if entry.id in moves_:
                    self._check_refusal(reducer, log.state_at(entry.effective), entry)
                before = (list(log), log.version, [log.state_at(d) for d in days])
                try:
                    log.append(entry)
                except InvalidTransition as error:
                    statistic(f"{type(entry).__name__} rejected")
                    after = (list(log), log.version, [log.state_at(d) for d in days])
                    self.assertEqual(before, after, f"a rejected append: {error}")
                    self._check_located(error, [*before[0], entry])

        self._check(law)

    def _check_refusal(
        self,
        reducer: Callable[[DisputeState, Event], DisputeState],
        state: DisputeState,
        move: Event,
    ) -> None:
        try:
            reducer(state, move)
        except InvalidTransition as error:
            self._check_located(error, [move])
            self.assertEqual(move.id, error.event_id)
        except Exception as error:
            self.fail(
                f"{self._type()}'s reducer raised {type(error).__name__}: {error} "
                f"for {move!r}; refuse an event with tradedispute.reject(event, "
                "rule, problem), which raises a located InvalidTransition"
            )

    def _check_located(
        self, error: InvalidTransition, entries: Sequence[object]
    ) -> None:
        """*error* names one of *entries*: its id, its effective date, a rule."""
        dates = {e.id: e.effective for e in entries if isinstance(e, Event)}
        self.assertIn(error.event_id, dates, f"the error names no event: {error}")
        self.assertEqual(dates[error.event_id], error.effective, str(error))
        message = str(error)
        self.assertIn(error.event_id, message)
        self.assertIn(error.effective.isoformat(), message)
        self.assertTrue(
            isinstance(error.rule, str) and error.rule.strip(),
            f"the error names no rule: {error}",
        )

    def test_replay_order_is_effective_date_then_seq(self) -> None:
        """A log appended out of order answers as its events sorted by (date, seq)."""

        def law(scenario: Scenario) -> None:
            log = EventLog()
            _append_each(log, scenario.order)
            events = [e for e in log if isinstance(e, Event)]
            note(f"appended: {[(e.id, e.effective.isoformat()) for e in events]}")
            ordered = [
                event
                for _, _, event in sorted(
                    (event.effective, seq, event)
                    for seq, event in enumerate(events, start=1)
                )
            ]
            self.assertEqual(ordered, list(log.events()))
            for day in scenario.days():
                due = [event for event in ordered if event.effective <= day]
                self.assertEqual(
                    state_on(replay(due), day), log.state_at(day), f"on {day}"
                )

        self._check(law)

    def test_events_round_trip_through_stores_and_checkpoints(self) -> None:
        """A log kept on disk and opened again holds the same events and states."""

        def law(scenario: Scenario) -> None:
            memory = EventLog()
            _append_each(memory, scenario.order)
            days = scenario.days()
            expected = (list(memory), [memory.state_at(day) for day in days])
            with tempfile.TemporaryDirectory() as folder, _checkpoints_at_every_event():
                for suffix in _SUFFIXES:
                    path = Path(folder) / f"log{suffix}"
                    with EventLog.open(path) as log:
                        log.extend(expected[0])
                    # Events read back equal replay as the memory's do: one
                    # reopening, from the checkpoints, tells both.
                    with EventLog.open(path) as again:
                        actual = (list(again), [again.state_at(d) for d in days])
                    self.assertEqual(expected, actual, f"read back from {suffix}")

        self._check(law)

    def test_only_the_facts_it_owns_change(self) -> None:
        """Every part of the state but those it owns is as the log gives without it."""

        def law(scenario: Scenario) -> None:
            without, mixed = EventLog(), EventLog()
            _append_each(without, scenario.background)
            rejected = _append_each(mixed, scenario.order)
            theirs = {move.id for move in scenario.moves}
            note(f"rejected: {[str(e) for e in rejected if e.event_id not in theirs]}")
            kept = sorted(STATE_PARTS - self.owns)
            for day in scenario.days():
                expected, actual = without.state_at(day), mixed.state_at(day)
                for part in kept:
                    self.assertEqual(
                        getattr(expected, part),
                        getattr(actual, part),
                        f"{self._type()} changed DisputeState.{part} on {day}; "
                        f"if its events mean to, add {part!r} to "
                        f"{type(self).__qualname__}.owns",
                    )

        self._check(law)


def _outcome(
    reducer: Callable[[DisputeState, Event], DisputeState],
    state: DisputeState,
    event: Event,
) -> DisputeState | tuple[str, str]:
    """The state *reducer* gives, or the refusal it raises, as a value to compare."""
    try:
        return reducer(state_on(state, event.effective), event)
    except InvalidTransition as error:
        return (error.rule, str(error))
