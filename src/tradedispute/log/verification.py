"""The hash chain, asked of a log: its head, and a check of every record's hash.

`Verifiable` is mixed into `EventLog`; see `tradedispute.codec.chain` for the
chain itself and docs/storage.md for what it proves.
"""

from __future__ import annotations

import abc
from collections.abc import Iterator

from tradedispute.codec.chain import GENESIS, Head
from tradedispute.exceptions import ChainBroken, StorageError
from tradedispute.log.replayed import Replayed
from tradedispute.stores.protocol import ChainsRecords, EventStore, chain_broken


class Verifiable(abc.ABC):
    """A log's hash chain: `head`, and `verify` from the records as stored."""

    __slots__ = ()

    _store: EventStore
    _replayed: Replayed

    @property
    @abc.abstractmethod
    def location(self) -> str:
        """Where the events are kept."""

    @abc.abstractmethod
    def _load(self) -> None:
        """Read every entry, if the log has not yet."""

    @property
    def head(self) -> Head:
        """Where the hash chain stands: the number of entries and the last hash.

        Publish it (``str(log.head)``, ``"412:sha256:..."``) to let anyone
        check later that a log extends it (``expect_head``).

        Raises:
            StorageError: the store cannot compute its chain.
        """
        self._load()
        records = self._replayed.records
        if not records:
            return Head(0, GENESIS)
        if records[-1].hash is not None:
            return Head(len(records), records[-1].hash)
        # Written before logs were chained: computed from the records (up
        # to this log's last; other writers may have appended since).
        for seq, digest, _ in self._chain():
            if seq == len(records):
                return Head(seq, digest)
        raise StorageError(
            f"{self.location}: the store holds fewer records than the log read",
            location=self.location,
        )

    def verify(self, *, extends: Head | None = None) -> Head:
        """Recompute the hash chain from the records as stored, and check it.

        Every record that carries a hash must carry the one the chain gives.
        With *extends*, the first ``extends.position`` entries must also hash
        to ``extends.hash``.

        Returns:
            The head, as recomputed.

        Raises:
            ChainBroken: at the first record where the chain breaks, or if
                the log does not extend *extends*.
            StorageError: the store cannot recompute its chain.
        """
        self._load()
        head = Head(0, GENESIS)
        for seq, digest, stored in self._chain():
            if stored is not None and stored != digest:
                raise chain_broken(self.location, seq, stored, digest)
            head = Head(seq, digest)
            if (
                extends is not None
                and seq == extends.position
                and digest != extends.hash
            ):
                raise ChainBroken(
                    f"{self.location} (seq {seq}): the log does not extend the "
                    f"head {extends}: its first {seq} entries hash to {digest}",
                    location=self.location,
                    seq=seq,
                    field="hash",
                )
        if extends is not None and extends.position == 0 and extends.hash != GENESIS:
            raise ChainBroken(
                f"{self.location}: the head {extends} is of no log: a head of no "
                f"entries is {GENESIS}",
                location=self.location,
                field="hash",
            )
        if extends is not None and head.position < extends.position:
            raise ChainBroken(
                f"{self.location}: the log does not extend the head {extends}: it "
                f"holds {head.position} entries",
                location=self.location,
                field="hash",
            )
        return head

    def _chain(self) -> Iterator[tuple[int, str, str | None]]:
        if not isinstance(self._store, ChainsRecords):
            raise StorageError(
                f"{self.location}: this store cannot recompute its hash chain "
                "(it does not declare ChainsRecords)",
                location=self.location,
            )
        return self._store.chain()
