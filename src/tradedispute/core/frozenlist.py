"""An immutable, hashable sequence that appends without copying itself."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")

_WIDTH = 32


class FrozenList(Sequence[T], Generic[T]):
    """A sequence that cannot change after it is made; equals the tuple of its items.

    States keep histories (every round of talks, every unilateral step) that
    grow by one item per event. A tuple would be copied whole on every
    append, which makes a replay quadratic in the history's length;
    `append` here copies at most 32 items per level of a tree of 32-item
    chunks, so it takes time logarithmic in the length.

    It compares equal to a tuple (or another `FrozenList`) with the same
    items and hashes like that tuple, so ``state.talks == ()`` reads
    naturally in a test.
    """

    # The items are those of _head's chunks (tuples of _WIDTH items each),
    # then those of _tail (1 to _WIDTH items; none in an empty list). _head is
    # itself a FrozenList, of chunks, so the tree grows a level when needed.
    __slots__ = ("_hash", "_head", "_len", "_tail")

    _head: FrozenList[tuple[T, ...]] | None
    _tail: tuple[T, ...]
    _len: int
    _hash: int | None

    def __init__(self, items: Iterable[T] = (), /) -> None:
        values = tuple(items)
        whole = len(values) - len(values) % _WIDTH
        if whole == len(values) and values:
            whole -= _WIDTH
        chunks = [values[i : i + _WIDTH] for i in range(0, whole, _WIDTH)]
        self._head = FrozenList(chunks) if chunks else None
        self._tail = values[whole:]
        self._len = len(values)
        self._hash = None

    @classmethod
    def _of(
        cls, head: FrozenList[tuple[T, ...]] | None, tail: tuple[T, ...], length: int
    ) -> FrozenList[T]:
        new: FrozenList[T] = cls.__new__(cls)
        new._head = head
        new._tail = tail
        new._len = length
        new._hash = None
        return new

    def append(self, item: T) -> FrozenList[T]:
        """Return a copy with *item* added at the end."""
        if len(self._tail) < _WIDTH:
            return FrozenList._of(self._head, (*self._tail, item), self._len + 1)
        head = (
            FrozenList((self._tail,))
            if self._head is None
            else self._head.append(self._tail)
        )
        return FrozenList._of(head, (item,), self._len + 1)

    def __len__(self) -> int:
        return self._len

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...

    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        if isinstance(index, slice):
            return tuple(self)[index]
        position = index.__index__()
        if position < 0:
            position += self._len
        if not 0 <= position < self._len:
            raise IndexError("FrozenList index out of range")
        in_head = self._len - len(self._tail)
        if position >= in_head:
            return self._tail[position - in_head]
        assert self._head is not None  # in_head > 0
        return self._head[position // _WIDTH][position % _WIDTH]

    def __iter__(self) -> Iterator[T]:
        if self._head is None:
            return iter(self._tail)
        return itertools.chain(itertools.chain.from_iterable(self._head), self._tail)

    def __reversed__(self) -> Iterator[T]:
        return reversed(tuple(self))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenList):
            return self._len == other._len and tuple(self) == tuple(other)
        if isinstance(other, tuple):
            return self._len == len(other) and tuple(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(tuple(self))
        return self._hash

    def __repr__(self) -> str:
        return f"FrozenList({list(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenList, (tuple(self),))
