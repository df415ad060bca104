"""The contract every event store keeps, as a test case a store's own tests subclass.

A store of your own (say, over a database of your team's) passes the same
tests as the stores that ship. Subclass `StoreContract` in a test module,
say how to open your store in a folder, and run it with pytest or
unittest::

    from tradedispute.testing import stores

    class TestMyStore(stores.StoreContract):
        def open_store(self, folder, clock):
            return MyStore(folder / "log.db", clock=clock)

Import the module, not the class, into the test module, so that the test
runner collects only your subclass. `StoreContract` covers the
`EventStore` protocol (numbering, versions, commit times, atomic appends,
reading what other store objects on the same data appended) and an
`EventLog` over the store. A store that declares an optional capability
subclasses that capability's contract instead (`CheckpointsContract` for
`tradedispute.stores.KeepsCheckpoints`, `TailContract` for `ReadsTail`,
`StreamingContract` for `StreamsReplayOrder`), and `StoreContract` fails a
store that declares one without running its tests. Our three stores run
through it.

Needs Hypothesis (the ``testing`` extra), like the rest of
`tradedispute.testing`.
"""

from __future__ import annotations

import abc
import datetime as dt
import tempfile
import unittest
from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

import attrs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tradedispute.codec import RecordedEvent, encode
from tradedispute.codec.state import decode_state, encode_state
from tradedispute.core.events import Source
from tradedispute.core.vocabulary import (
    NextMeeting,
    RestrictionImposed,
    RestrictionLifted,
    TalksHeld,
    WhitelistRemoved,
    WhitelistRestored,
)
from tradedispute.exceptions import ConcurrencyError, DuplicateEventId
from tradedispute.log.eventlog import EventLog
from tradedispute.stores.protocol import (
    CheckpointTable,
    EventStore,
    KeepsCheckpoints,
    ReadsTail,
    StoredCheckpoint,
    StreamsReplayOrder,
)
from tradedispute.testing import event_batches

__all__ = [
    "START",
    "TICK",
    "CheckpointsContract",
    "FakeClock",
    "StoreContract",
    "StreamingContract",
    "TailContract",
]

START = dt.datetime(
    2020, 3, 11, 11, 0, 0, 123456, tzinfo=dt.timezone(dt.timedelta(hours=9))
)
"""The first moment a `FakeClock` reads by default (in Seoul's time zone)."""

TICK = dt.timedelta(seconds=1, microseconds=1)
"""How far a `FakeClock` moves on each time it is read."""

D = dt.date


class FakeClock:
    """A deterministic clock for stores: returns `now`, then moves it on by `TICK`.

    Attributes:
        now: The moment it reads next; set it to go back or forward in time.
    """

    def __init__(self, start: dt.datetime = START) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        """Return `now`, and move it on by `TICK`."""
        moment = self.now
        self.now += TICK
        return moment


def _impose(
    event_id: str, day: dt.date, items: Iterable[str] = ("photoresist",)
) -> RestrictionImposed:
    return RestrictionImposed(
        id=event_id,
        actor="JPN",
        target="KOR",
        items=set(items),
        measure="individual export licence",
        effective=day,
    )


def _lift(
    event_id: str, day: dt.date, items: Iterable[str] = ("photoresist",)
) -> RestrictionLifted:
    return RestrictionLifted(
        id=event_id, actor="JPN", target="KOR", items=set(items), effective=day
    )


def _remove(event_id: str, day: dt.date) -> WhitelistRemoved:
    return WhitelistRemoved(id=event_id, actor="JPN", target="KOR", effective=day)


def _rich_events() -> list[Any]:
    """Events with every optional field set, text outside ASCII included."""
    return [
        RestrictionImposed(
            id="jpn-licences",
            actor="JPN",
            target="KOR",
            items={"photoresist", "hydrogen fluoride", "fluorinated polyimide"},
            measure="individual export licence",
            effective=D(2019, 7, 4),
            announced=D(2019, 7, 1),
            source=Source(
                title="輸出管理の運用見直し",
                publisher="METI",
                published=D(2019, 7, 1),
                url="https://www.meti.go.jp/press/2019/07/20190701006/20190701006.html",
            ),
            note="three materials; « régime » of licences\nsecond line",
        ),
        TalksHeld(
            id="talks-7",
            parties={"JPN", "KOR"},
            level="director general",
            format="video",
            outcome="no_deal",
            duration_hours=16.5,
            agreed={"meet again", "boost cooperation"},
            next_meeting=NextMeeting(place="서울", date=None, timing="near future"),
            effective=D(2020, 3, 10),
            announced=D(2020, 3, 11),
        ),
        _remove("whitelist", D(2019, 8, 28)),
    ]


class StoreContract(unittest.TestCase, metaclass=abc.ABCMeta):
    """The tests every `tradedispute.stores.EventStore` passes.

    Subclass it and implement `open_store`. Each test gets a new empty
    folder and a `FakeClock`; `store` is the store opened in it, and
    `reopen` opens another store object on the same data (as another
    process would).

    Attributes:
        persistent: Whether a store opened again on the same folder sees
            what the first one wrote. ``False`` for a store in memory:
            `reopen` then returns the same store object.
    """

    persistent: ClassVar[bool] = True

    @abc.abstractmethod
    def open_store(self, folder: Path, clock: FakeClock) -> EventStore:
        """Open the store kept in *folder* with commit times from *clock*.

        The first call for a folder makes a new, empty store; later calls
        open the same data.
        """

    # --- set-up -----------------------------------------------------------------

    def setUp(self) -> None:
        """Open a new store in a new folder, for each test."""
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.folder = Path(folder.name)
        self.clock = FakeClock()
        self.store = self._opened(self.open_store(self.folder, self.clock))

    def _opened(self, store: EventStore) -> EventStore:
        self.addCleanup(store.close)
        return store

    def reopen(self) -> EventStore:
        """Open a new store object on the same data as `store`."""
        if not self.persistent:
            return self.store
        return self._opened(self.open_store(self.folder, self.clock))

    # --- the store protocol -------------------------------------------------------

    def test_empty_store_is_at_version_zero_and_reads_nothing(self) -> None:
        """A new store is at version 0 and reads no events."""
        self.assertEqual(0, self.store.version())
        self.assertEqual([], list(self.store.read()))
        self.assertEqual([], list(self.store.read(after=0)))

    def test_append_numbers_from_expected_version_and_stamps_the_commit(self) -> None:
        """An append numbers its events from expected_version + 1, at one time."""
        a, b = _impose("a", D(2019, 7, 4)), _remove("b", D(2019, 8, 28))
        c = _lift("c", D(2023, 3, 23))

        first = self.store.append([a, b], expected_version=0)
        second = self.store.append([c], expected_version=2)

        self.assertEqual(
            [
                RecordedEvent(seq=1, recorded_at=START, event=a),
                RecordedEvent(seq=2, recorded_at=START, event=b),
            ],
            first,
        )
        self.assertEqual(
            [RecordedEvent(seq=3, recorded_at=START + TICK, event=c)], second
        )
        self.assertEqual(3, self.store.version())
        self.assertEqual(first + second, list(self.store.read()))

    def test_recorded_at_is_in_utc(self) -> None:
        """A commit time is stored in UTC whatever the clock's zone."""
        (recorded,) = self.store.append(
            [_remove("a", D(2019, 8, 28))], expected_version=0
        )
        self.assertEqual(dt.timedelta(0), recorded.recorded_at.utcoffset())
        self.assertEqual(
            [dt.timedelta(0)], [r.recorded_at.utcoffset() for r in self.store.read()]
        )

    def test_read_after_yields_later_events_in_order(self) -> None:
        """read(after=k) yields exactly the events with seq > k, in seq order."""
        events = [_impose("a", D(2019, 7, 4)), _remove("b", D(2019, 8, 28))]
        recorded = self.store.append(events, expected_version=0)
        recorded += self.store.append([_lift("c", D(2023, 3, 23))], expected_version=2)
        recorded += self.store.append(
            [_remove("d", D(2019, 9, 18))], expected_version=3
        )
        for after in range(6):
            with self.subTest(after=after):
                read = list(self.store.read(after=after))
                self.assertEqual(recorded[after:], read)
                self.assertEqual(list(range(after + 1, 5)), [r.seq for r in read])

    def test_append_at_the_wrong_version_raises_and_writes_nothing(self) -> None:
        """An append that expects another version raises ConcurrencyError."""
        recorded = self.store.append(
            [_impose("a", D(2019, 7, 4)), _remove("b", D(2019, 8, 28))],
            expected_version=0,
        )
        for expected in (0, 1, 3, 10):
            with self.subTest(expected_version=expected):
                with self.assertRaises(ConcurrencyError) as caught:
                    self.store.append(
                        [_lift("c", D(2023, 3, 23))], expected_version=expected
                    )
                self.assertEqual(
                    (expected, 2),
                    (
                        caught.exception.expected_version,
                        caught.exception.actual_version,
                    ),
                )
                self.assertIn(self.store.location, str(caught.exception))
                self.assertEqual(2, self.store.version())
                self.assertEqual(recorded, list(self.store.read()))

    def test_append_to_an_empty_store_at_a_later_version_raises(self) -> None:
        """An append to an empty store that expects events there is refused."""
        with self.assertRaises(ConcurrencyError) as caught:
            self.store.append([_remove("a", D(2019, 8, 28))], expected_version=1)
        self.assertEqual(
            (1, 0), (caught.exception.expected_version, caught.exception.actual_version)
        )
        self.assertEqual([], list(self.store.read()))

    def test_empty_append_at_the_wrong_version_raises(self) -> None:
        """Even an empty append checks the version it expects."""
        with self.assertRaises(ConcurrencyError):
            self.store.append([], expected_version=5)

    def test_empty_append_writes_nothing(self) -> None:
        """Appending no events returns no records and leaves the store as it was."""
        self.assertEqual([], self.store.append([], expected_version=0))
        self.assertEqual((0, []), (self.store.version(), list(self.store.read())))
        recorded = self.store.append([_remove("a", D(2019, 8, 28))], expected_version=0)
        self.assertEqual([], self.store.append([], expected_version=1))
        self.assertEqual((1, recorded), (self.store.version(), list(self.store.read())))

    def test_recorded_at_never_decreases_when_the_clock_goes_back(self) -> None:
        """A commit time is never before the last one, even if the clock goes back."""
        (a,) = self.store.append([_impose("a", D(2019, 7, 4))], expected_version=0)
        self.clock.now = START - dt.timedelta(days=1)
        b, c = self.store.append(
            [_remove("b", D(2019, 8, 28)), _remove("c", D(2019, 8, 29))],
            expected_version=1,
        )
        self.clock.now = START + dt.timedelta(hours=1)
        (d,) = self.store.append([_lift("d", D(2023, 3, 23))], expected_version=3)

        self.assertEqual(
            [START, START, START, START + dt.timedelta(hours=1)],
            [r.recorded_at for r in (a, b, c, d)],
        )
        self.assertEqual([a, b, c, d], list(self.store.read()))

    def test_recorded_at_never_decreases_across_reopening(self) -> None:
        """A store opened later, on a clock that reads earlier, keeps times in order."""
        self.clock.now = START + dt.timedelta(days=1)
        (a,) = self.store.append([_impose("a", D(2019, 7, 4))], expected_version=0)
        self.clock.now = START
        later = self.reopen()
        list(later.read())

        (b,) = later.append([_remove("b", D(2019, 8, 28))], expected_version=1)

        self.assertEqual(a.recorded_at, b.recorded_at)
        self.assertEqual([a, b], list(later.read()))

    def test_events_survive_reopening(self) -> None:
        """A new store on the same data reads back every event, seq and commit time."""
        events = _rich_events()
        recorded = self.store.append(events[:2], expected_version=0)
        recorded += self.store.append(events[2:], expected_version=2)

        again = list(self.reopen().read())

        self.assertEqual(recorded, again)
        self.assertEqual(events, [r.event for r in again])
        self.assertEqual(
            [encode(r.event, seq=r.seq, recorded_at=r.recorded_at) for r in recorded],
            [encode(r.event, seq=r.seq, recorded_at=r.recorded_at) for r in again],
        )

    def test_reopened_store_reads_to_the_version_of_the_data(self) -> None:
        """After reading, a reopened store is at the data's version and can append."""
        self.store.append(
            [_impose("a", D(2019, 7, 4)), _remove("b", D(2019, 8, 28))],
            expected_version=0,
        )
        later = self.reopen()
        list(later.read())
        self.assertEqual(2, later.version())

        (c,) = later.append([_lift("c", D(2023, 3, 23))], expected_version=2)

        self.assertEqual((3, 3), (c.seq, later.version()))
        self.assertEqual([1, 2, 3], [r.seq for r in later.read()])

    def test_second_store_sees_appends_of_the_first(self) -> None:
        """A second store reads the first's appends; its stale append is refused."""
        second = self.reopen()
        self.assertEqual([], list(second.read()))

        first_records = self.store.append(
            [_impose("a", D(2019, 7, 4))], expected_version=0
        )
        with self.assertRaises(ConcurrencyError) as caught:
            second.append([_remove("b", D(2019, 8, 28))], expected_version=0)
        self.assertEqual(
            (0, 1), (caught.exception.expected_version, caught.exception.actual_version)
        )
        self.assertEqual(first_records, list(second.read(after=0)))
        self.assertEqual(1, second.version())

        second_records = second.append(
            [_remove("b", D(2019, 8, 28))], expected_version=1
        )

        self.assertEqual([2], [r.seq for r in second_records])
        self.assertEqual(second_records, list(self.store.read(after=1)))
        self.assertEqual(first_records + second_records, list(self.store.read()))

    # --- an EventLog over the store --------------------------------------------------

    def test_event_log_over_the_store_behaves_as_in_memory(self) -> None:
        """append, extend, state_at and expected_version behave as in memory."""
        events = [
            _impose("a", D(2019, 7, 4), items=("photoresist", "hydrogen fluoride")),
            _remove("b", D(2019, 8, 28)),
            _lift("c", D(2019, 12, 20), items=("photoresist",)),
            WhitelistRestored(
                id="d", actor="JPN", target="KOR", effective=D(2019, 9, 1)
            ),
        ]
        reference = EventLog()
        reference.extend(events)
        log = EventLog(store=self.store)

        log.append(events[0], expected_version=0)
        log.extend(events[1:3], expected_version=1)
        with self.assertRaises(ConcurrencyError) as caught:
            log.append(events[3], expected_version=2)
        self.assertEqual(
            (2, 3), (caught.exception.expected_version, caught.exception.actual_version)
        )
        self.assertEqual((3, 3), (len(log), self.store.version()))
        log.append(events[3], expected_version=3)

        self.assertEqual(events, list(log))
        self.assertEqual((4, 4), (log.version, self.store.version()))
        self.assertEqual([1, 2, 3, 4], [r.seq for r in log.records()])
        self.assertEqual(list(log.records()), list(self.store.read()))
        self.assertEqual(self.store.location, log.location)
        for day in (D(2019, 7, 3), D(2019, 7, 4), D(2019, 8, 28), D(2019, 9, 1)):
            self.assertEqual(reference.state_at(day), log.state_at(day))
        self.assertEqual(reference.events(), log.events())

    def test_event_log_sees_another_logs_appends_when_it_appends(self) -> None:
        """A log opened earlier reads another log's appends before it validates."""
        first = EventLog(store=self.store)
        second = EventLog(store=self.reopen())
        first.append(_impose("a", D(2019, 7, 4)))

        with self.assertRaises(ConcurrencyError) as caught:
            second.append(_lift("b", D(2019, 12, 20)), expected_version=0)
        self.assertEqual(
            (0, 1), (caught.exception.expected_version, caught.exception.actual_version)
        )
        second.append(_lift("b", D(2019, 12, 20)))

        self.assertEqual(
            [_impose("a", D(2019, 7, 4)), _lift("b", D(2019, 12, 20))], list(second)
        )
        self.assertEqual([1, 2], [r.seq for r in second.records()])
        self.assertEqual({}, second.state_at(D(2020, 1, 1)).country("JPN").restrictions)

    def test_event_log_rejects_an_id_appended_through_another_log(self) -> None:
        """A log refuses an id that another log on the same store appended since."""
        first = EventLog(store=self.store)
        second = EventLog(store=self.reopen())
        second.append(_remove("w", D(2019, 8, 28)))

        with self.assertRaises(DuplicateEventId) as caught:
            first.append(_impose("w", D(2019, 7, 4)))

        self.assertEqual("w", caught.exception.event_id)
        self.assertEqual([_remove("w", D(2019, 8, 28))], list(first))
        self.assertEqual(1, self.store.version())
        self.assertEqual(
            [_remove("w", D(2019, 8, 28))], [r.event for r in self.store.read()]
        )

    # Each store's subclass runs this test: differing executors by design.
    @settings(max_examples=50, suppress_health_check=[HealthCheck.differing_executors])
    @given(events=event_batches(), split=st.integers(min_value=0, max_value=40))
    def test_event_log_reopened_is_the_same_log(
        self, events: list[Any], split: int
    ) -> None:
        """Any valid batch appended through a log reads back the same when reopened."""
        with tempfile.TemporaryDirectory() as name:
            folder, clock = Path(name), FakeClock()
            store = self.open_store(folder, clock)
            log = EventLog(store=store)
            for event in events[:split]:
                log.append(event)
            log.extend(events[split:])
            days = sorted({event.effective for event in events})
            before = (list(log), log.records(), [log.state_at(day) for day in days])
            log.close()

            again = self.open_store(folder, clock) if self.persistent else store
            with EventLog(store=again) as reopened:
                after = (
                    list(reopened),
                    reopened.records(),
                    [reopened.state_at(day) for day in days],
                )

        reference = EventLog()
        reference.extend(events)
        self.assertEqual(events, before[0])
        self.assertEqual(before, after)
        self.assertEqual([reference.state_at(day) for day in days], after[2])
        self.assertEqual(list(range(1, len(events) + 1)), [r.seq for r in after[1]])

    def test_each_declared_capability_runs_its_contract(self) -> None:
        """A store that declares a capability runs that capability's tests too."""
        for capability, contract in _CONTRACTS:
            if isinstance(self.store, capability):
                with self.subTest(capability=capability.__name__):
                    self.assertIsInstance(
                        self,
                        contract,
                        f"the store declares {capability.__name__}: subclass "
                        f"tradedispute.testing.stores.{contract.__name__} too",
                    )


class CheckpointsContract(StoreContract):
    """The tests of a store that `tradedispute.stores.KeepsCheckpoints`."""

    def _checkpointed_log(self) -> tuple[EventLog, StoredCheckpoint]:
        """A log of three events with a checkpoint saved after the first two."""
        log = EventLog(store=self.store)
        log.extend(
            [
                _impose("a", D(2019, 7, 4)),
                _remove("b", D(2019, 8, 28)),
                _lift("c", D(2019, 12, 20)),
            ]
        )
        table = self._table(create=True)
        head = log.head
        checkpoint = StoredCheckpoint(
            2,
            3,
            D(2019, 8, 28),
            "b",
            head.hash,
            encode_state(log.state_at(D(2019, 8, 28))),
        )
        with self.store.writing():
            table.save(checkpoint)
        return log, checkpoint

    def _table(self, *, create: bool) -> CheckpointTable:
        assert isinstance(self.store, KeepsCheckpoints), "declare KeepsCheckpoints"
        table = self.store.checkpoint_table(create=create)
        assert table is not None, "checkpoint_table(create=True) gave None"
        return table

    def test_checkpoints_are_saved_loaded_and_pruned(self) -> None:
        """The table gives back what was saved, and prunes only when told."""
        log, checkpoint = self._checkpointed_log()
        table = self._table(create=False)
        self.assertEqual([checkpoint], table.load())
        self.assertEqual(
            log.state_at(D(2019, 8, 28)), decode_state(table.load()[0].state)
        )
        with self.store.writing():
            table.save(checkpoint)  # the same row again: it stays one
        self.assertEqual([checkpoint], table.load())
        with self.store.writing():
            table.prune([])
        self.assertEqual([], table.load())

    def test_a_log_reopened_over_a_checkpoint_answers_the_same(self) -> None:
        """A log opened again where a checkpoint is kept answers as the first."""
        log, _ = self._checkpointed_log()
        with EventLog(store=self.reopen()) as again:
            for day in (D(2019, 8, 27), D(2019, 8, 28), D(2020, 1, 1)):
                self.assertEqual(log.state_at(day), again.state_at(day))
            self.assertEqual(list(log), list(again))


class TailContract(CheckpointsContract):
    """The tests of a store that `tradedispute.stores.ReadsTail`."""

    def _tail_reader(self) -> ReadsTail:
        assert isinstance(self.store, ReadsTail), "declare ReadsTail"
        return self.store

    def test_the_tail_after_a_checkpoint_is_the_events_after_it(self) -> None:
        """The tail of a valid checkpoint is the rest of the events, in replay order."""
        log, checkpoint = self._checkpointed_log()
        tail = self._tail_reader().tail_after([checkpoint])
        assert tail is not None, "a valid checkpoint has a tail"
        self.assertEqual(checkpoint, tail.checkpoint)
        self.assertEqual(3, tail.version)
        self.assertEqual(list(log.events()[2:]), tail.events)

    def test_a_checkpoint_whose_last_event_is_not_there_has_no_tail(self) -> None:
        """A checkpoint naming another last event is not used."""
        _, checkpoint = self._checkpointed_log()
        other = attrs.evolve(checkpoint, last_id="elsewhere")
        self.assertIsNone(self._tail_reader().tail_after([other]))

    def test_a_checkpoint_of_another_chain_has_no_tail(self) -> None:
        """A checkpoint bound to another hash chain (another log) is not used."""
        _, checkpoint = self._checkpointed_log()
        other = attrs.evolve(checkpoint, head="sha256:" + "1" * 64)
        self.assertIsNone(self._tail_reader().tail_after([other]))

    def test_a_log_ignores_a_checkpoint_of_another_chain(self) -> None:
        """A log opened over a planted checkpoint of another chain replays instead."""
        log, checkpoint = self._checkpointed_log()
        planted = attrs.evolve(
            checkpoint,
            version=2,
            head="sha256:" + "1" * 64,
            state=encode_state(log.state_at(D(2020, 1, 1))),
        )
        table = self._table(create=False)
        with self.store.writing():
            table.prune([])
            table.save(planted)
        with EventLog(store=self.reopen()) as again:
            for day in (D(2019, 8, 28), D(2019, 9, 1)):
                self.assertEqual(log.state_at(day), again.state_at(day))

    def test_a_checkpoint_an_event_lands_before_has_no_tail(self) -> None:
        """A checkpoint that an event appended since lands before is not used."""
        log, checkpoint = self._checkpointed_log()
        log.append(_impose("early", D(2019, 1, 1), items=("etching gas",)))
        self.assertIsNone(self._tail_reader().tail_after([checkpoint]))


class StreamingContract(StoreContract):
    """The tests of a store that `tradedispute.stores.StreamsReplayOrder`."""

    def test_streaming_yields_the_events_in_replay_order(self) -> None:
        """The events as corrected, in (effective date, seq) order, up to a day."""
        assert isinstance(self.store, StreamsReplayOrder), "declare StreamsReplayOrder"
        log = EventLog(store=self.store)
        log.extend(_rich_events())
        log.append(_impose("late", D(2019, 1, 1), items=("etching gas",)))
        self.assertEqual(list(log.events()), list(self.store.replay_order()))
        self.assertEqual(
            list(log.events(until=D(2019, 8, 28))),
            list(self.store.replay_order(until=D(2019, 8, 28))),
        )


_CONTRACTS: tuple[tuple[type, type[StoreContract]], ...] = (
    (KeepsCheckpoints, CheckpointsContract),
    (ReadsTail, TailContract),
    (StreamsReplayOrder, StreamingContract),
)
