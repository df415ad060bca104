"""An immutable, hashable mapping: the map type of every state value.

Why not a library map? ``immutables.Map`` (a HAMT in C) and
``pyrsistent.pmap`` are well kept, and faster at single updates than this
pure-Python trie, but neither serves the state as it is:

* **Order.** Both iterate in hash order. A `FrozenMap` iterates in
  insertion order, like a dict, and that order is part of what users see:
  the rows of ``tradedispute state``, the state's JSON, and the order of
  measures in the views. Keeping an order beside either library map would
  cost a second persistent structure per map.
* **Diffs by sharing.** The views follow what changed from one state to the
  next (`differing_keys`) by skipping the subtrees two maps share by
  identity, so a day's diff costs what that day touched. Neither library
  exposes its nodes, so a diff of two of their maps reads every item.
* **No compiled dependency in the core.** The core depends on attrs and
  cattrs only.

A map of up to 128 items, the common case, is one dict copied on write;
larger maps are the trie below.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import (
    ItemsView,
    Iterable,
    Iterator,
    KeysView,
    Mapping,
    ValuesView,
)
from typing import Any, Generic, TypeVar, overload

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")

#: A map of up to this many items keeps them in one dict, which `set` copies:
#: cheaper than the trie below at this size.
_SMALL = 128
#: A trie leaf holds up to this many items (more only if their hashes are equal).
_BUCKET = 16
_BITS = 5
_WIDTH = 1 << _BITS
_MASK = _WIDTH - 1
#: The deepest level a trie splits at: 13 levels of 5 bits cover a 64-bit hash.
_MAX_SHIFT = 60

# A large map is a hash trie: a node is a tuple of _WIDTH slots, each None, a
# node, or a leaf: a dict of key -> (stamp, value), for the keys whose hashes
# lead there. The stamp numbers insertions, so the map iterates in insertion
# order like a dict. Updates copy one path from the root to a leaf, so their
# cost grows with the logarithm of the size rather than with the size.
_Entry = tuple[int, Any]
_Leaf = dict[Any, _Entry]


class FrozenMap(Mapping[K, V], Generic[K, V]):
    """A mapping that cannot change after it is made.

    States are values: two states with the same facts compare equal and hash
    alike, and nothing a reducer receives can be mutated under it. Updates
    return a new map and leave the old one as it was. They share structure
    with it, so updating a map of thousands of items (every WTO case in a
    long log, say) does not copy them all. It iterates in insertion order,
    like a dict.

    It compares equal to any mapping with the same items, so
    ``state.restrictions == {}`` reads naturally in a test.
    """

    __slots__ = ("_data", "_hash", "_len", "_next", "_root")

    # A map built or grown to at most _SMALL items: _data holds them and
    # _root is None. Past that: _data is None, _root is the trie, and _next
    # the stamp of the next new key; a trie goes back to a dict once deletes
    # shrink it to _SMALL // 2 items.
    _data: dict[K, V] | None
    _root: tuple[Any, ...] | None
    _len: int
    _next: int
    _hash: int | None

    def __init__(self, items: Mapping[K, V] | Iterable[tuple[K, V]] = (), /) -> None:
        data = dict(items)
        self._hash = None
        self._len = len(data)
        self._next = len(data)
        if len(data) <= _SMALL:
            self._data = data
            self._root = None
        else:
            self._data = None
            self._root = _build(
                [
                    (hash(key), key, (n, value))
                    for n, (key, value) in enumerate(data.items())
                ],
                0,
            )

    @classmethod
    def _owning(cls, data: dict[K, V]) -> FrozenMap[K, V]:
        """Wrap *data*, of at most _SMALL items, without copying it.

        The caller must never change *data* after.
        """
        new: FrozenMap[K, V] = cls.__new__(cls)
        new._data = data
        new._root = None
        new._len = new._next = len(data)
        new._hash = None
        return new

    @classmethod
    def _trie(cls, root: tuple[Any, ...], length: int, stamp: int) -> FrozenMap[K, V]:
        new: FrozenMap[K, V] = cls.__new__(cls)
        new._data = None
        new._root = root
        new._len = length
        new._next = stamp
        new._hash = None
        return new

    def _entry(self, key: object) -> _Entry | None:
        assert self._root is not None
        return _find(self._root, hash(key), key)

    def __getitem__(self, key: K) -> V:
        if self._data is not None:
            return self._data[key]
        entry = self._entry(key)
        if entry is None:
            raise KeyError(key)
        value: V = entry[1]
        return value

    # The Mapping mixins would go through __getitem__ and catch KeyError;
    # reducers call these on every event, so ask the dict directly.
    def __contains__(self, key: object) -> bool:
        if self._data is not None:
            return key in self._data
        return self._entry(key) is not None

    @overload
    def get(self, key: K) -> V | None: ...

    @overload
    def get(self, key: K, default: V | T) -> V | T: ...

    def get(self, key: K, default: object = None) -> object:
        """Return the value of *key*, or *default* if it is absent."""
        if self._data is not None:
            return self._data.get(key, default)
        entry = self._entry(key)
        return default if entry is None else entry[1]

    def keys(self) -> KeysView[K]:
        """Return a view of the keys."""
        return KeysView(self) if self._data is None else self._data.keys()

    def items(self) -> ItemsView[K, V]:
        """Return a view of the (key, value) pairs."""
        return ItemsView(self) if self._data is None else self._data.items()

    def values(self) -> ValuesView[V]:
        """Return a view of the values."""
        return ValuesView(self) if self._data is None else self._data.values()

    def _ordered(self) -> list[tuple[K, _Entry]]:
        assert self._root is not None
        return sorted(_entries(self._root), key=_stamp)

    def _pairs_in_order(self) -> Iterator[tuple[K, V]]:
        return ((key, entry[1]) for key, entry in self._ordered())

    def __iter__(self) -> Iterator[K]:
        if self._data is not None:
            return iter(self._data)
        return (key for key, _ in self._ordered())

    def __len__(self) -> int:
        return self._len

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FrozenMap):
            return super().__eq__(other)
        if self._data is not None and other._data is not None:
            return self._data == other._data
        if self._len != other._len:
            return False
        missing = object()
        return all(other.get(key, missing) == value for key, value in self._pairs())

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._pairs()))
        return self._hash

    def _pairs(self) -> Iterator[tuple[K, V]]:
        """The items in no particular order: cheaper than iterating in order."""
        if self._data is not None:
            return iter(self._data.items())
        assert self._root is not None
        return ((key, entry[1]) for key, entry in _entries(self._root))

    def __repr__(self) -> str:
        return f"FrozenMap({dict(self.items())!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (FrozenMap, (dict(self.items()),))

    def set(self, key: K, value: V) -> FrozenMap[K, V]:
        """Return a copy with *key* mapped to *value*."""
        data = self._data
        if data is not None:
            if len(data) < _SMALL or key in data:
                data = data.copy()
                data[key] = value
                return FrozenMap._owning(data)
            return FrozenMap({**data, key: value})
        assert self._root is not None
        root, added = _insert(self._root, 0, hash(key), key, value, self._next)
        if added:
            return FrozenMap._trie(root, self._len + 1, self._next + 1)
        return FrozenMap._trie(root, self._len, self._next)

    def delete(self, key: K) -> FrozenMap[K, V]:
        """Return a copy without *key*; a missing key raises `KeyError`."""
        data = self._data
        if data is not None:
            data = data.copy()
            del data[key]
            return FrozenMap._owning(data)
        assert self._root is not None
        root = _remove(self._root, 0, hash(key), key)
        if self._len - 1 <= _SMALL // 2:
            # Small again: back to a dict, in the same order.
            shrunk: FrozenMap[K, V] = FrozenMap._trie(root, self._len - 1, 0)
            return FrozenMap._owning(dict(shrunk._pairs_in_order()))
        return FrozenMap._trie(root, self._len - 1, self._next)


def _stamp(item: tuple[Any, _Entry]) -> int:
    return item[1][0]


def _build(entries: list[tuple[int, Any, _Entry]], shift: int) -> Any:
    """Return the node (or leaf) holding *entries*, of (hash, key, entry)."""
    if len(entries) <= _BUCKET or shift > _MAX_SHIFT:
        return {key: entry for _, key, entry in entries}
    slots: list[list[tuple[int, Any, _Entry]]] = [[] for _ in range(_WIDTH)]
    for item in entries:
        slots[(item[0] >> shift) & _MASK].append(item)
    return tuple(_build(slot, shift + _BITS) if slot else None for slot in slots)


def _find(node: tuple[Any, ...], hashed: int, key: object) -> _Entry | None:
    shift = 0
    while True:
        slot = node[(hashed >> shift) & _MASK]
        if slot is None:
            return None
        if type(slot) is dict:
            found: _Entry | None = slot.get(key)
            return found
        node = slot
        shift += _BITS


def _insert(
    node: tuple[Any, ...],
    shift: int,
    hashed: int,
    key: object,
    value: object,
    stamp: int,
) -> tuple[tuple[Any, ...], bool]:
    """Return a copy of *node* with *key* set, and whether *key* is new."""
    index = (hashed >> shift) & _MASK
    slot = node[index]
    new: Any
    if slot is None:
        new, added = {key: (stamp, value)}, True
    elif type(slot) is dict:
        old = slot.get(key)
        added = old is None
        new = slot.copy()
        # An updated key keeps its place in the order, as in a dict.
        new[key] = (stamp if old is None else old[0], value)
        if added and len(new) > _BUCKET and shift < _MAX_SHIFT:
            new = _build([(hash(k), k, e) for k, e in new.items()], shift + _BITS)
    else:
        new, added = _insert(slot, shift + _BITS, hashed, key, value, stamp)
    copied = list(node)
    copied[index] = new
    return tuple(copied), added


def _remove(node: tuple[Any, ...], shift: int, hashed: int, key: object) -> Any:
    """Return a copy of *node* without *key* (None if nothing is left)."""
    index = (hashed >> shift) & _MASK
    slot = node[index]
    new: Any
    if slot is None:
        raise KeyError(key)
    if type(slot) is dict:
        if key not in slot:
            raise KeyError(key)
        new = slot.copy()
        del new[key]
        new = new or None
    else:
        new = _remove(slot, shift + _BITS, hashed, key)
    copied = list(node)
    copied[index] = new
    return tuple(copied) if any(part is not None for part in copied) else None


def _entries(node: tuple[Any, ...]) -> Iterator[tuple[Any, _Entry]]:
    for slot in node:
        if slot is None:
            continue
        if type(slot) is dict:
            yield from slot.items()
        else:
            yield from _entries(slot)


def differing_items(
    old: Mapping[K, V], new: Mapping[K, V]
) -> Iterator[tuple[K, V | None, V | None]]:
    """Yield (key, its value in *old*, in *new*) where the two are not the same object.

    `None` stands for a key missing from one map; each key comes once, in
    no set order. Two FrozenMaps in trie form (grown past _SMALL items, and
    until deletes shrink them to _SMALL // 2) share the parts an update did
    not touch; those are skipped unread, so comparing such a map with its
    update costs what changed, not the size. Other maps (smaller ones, a
    trie against a dict, a dict in a state built by hand) are compared item
    by item.
    """
    if old is new:
        return
    if (
        isinstance(old, FrozenMap)
        and isinstance(new, FrozenMap)
        and old._root is not None
        and new._root is not None
    ):
        yield from _differing_slots(old._root, new._root)
        return
    yield from _differing_flat(_flat(old), _flat(new))


def _differing_flat(
    before: Mapping[K, V], after: Mapping[K, V]
) -> Iterator[tuple[K, V | None, V | None]]:
    # Dicts are read directly: views call this for every event.
    if len(before) == len(after) and all(map(operator.is_, before, after)):
        # The same keys in the same order, as after a copy-on-write `set` of
        # a key already there: compare the values by identity in C, and only
        # the few that differ reach Python.
        olds, news = before.values(), after.values()
        differ = map(operator.is_not, olds, news)
        yield from itertools.compress(zip(before, olds, news, strict=True), differ)
        return
    find = after.get
    for key, value in before.items():
        other = find(key, _MISSING)
        if other is _MISSING:
            yield key, value, None
        elif other is not value:
            yield key, value, other
    for key, value in after.items():
        if key not in before:
            yield key, None, value


_MISSING: Any = object()


def _flat(mapping: Mapping[K, V]) -> Mapping[K, V]:
    if isinstance(mapping, FrozenMap):
        return mapping._data if mapping._data is not None else dict(mapping._pairs())
    return mapping


def _differing_slots(old: Any, new: Any) -> Iterator[tuple[Any, Any, Any]]:
    """`differing_items` for two slots at the same place in two tries."""
    if type(old) is tuple and type(new) is tuple:
        for was, now in zip(old, new, strict=True):
            if was is not now:
                yield from _differing_slots(was, now)
        return
    # A leaf against a leaf, a node or nothing: compare their values.
    yield from _differing_flat(_values(old), _values(new))


def _values(slot: Any) -> dict[Any, Any]:
    """Key → value of everything under a trie slot (None, a leaf or a node)."""
    return {key: entry[1] for key, entry in _entries((slot,))}
