"""FrozenMap: an immutable, hashable mapping whose updates return new maps."""

import pickle
from collections.abc import Mapping

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradedispute import FrozenMap
from tradedispute.core.frozenmap import differing_items


def test_set_returns_a_new_map_and_leaves_the_old_unchanged() -> None:
    """set() returns a copy with the key mapped; the original is as it was."""
    old = FrozenMap({"JPN": 1})

    new = old.set("KOR", 2)

    assert {"JPN": 1, "KOR": 2} == new
    assert {"JPN": 1} == old
    assert new is not old


def test_set_replaces_an_existing_key() -> None:
    """set() on an existing key replaces its value in the copy only."""
    old = FrozenMap({"JPN": 1})

    new = old.set("JPN", 2)

    assert {"JPN": 2} == new
    assert {"JPN": 1} == old


def test_delete_returns_a_new_map_and_leaves_the_old_unchanged() -> None:
    """delete() returns a copy without the key; the original is as it was."""
    old = FrozenMap({"JPN": 1, "KOR": 2})

    new = old.delete("JPN")

    assert {"KOR": 2} == new
    assert {"JPN": 1, "KOR": 2} == old


def test_delete_of_a_missing_key_raises_key_error() -> None:
    """delete() of a key not in the map raises KeyError and changes nothing."""
    old = FrozenMap({"JPN": 1})

    with pytest.raises(KeyError, match="KOR"):
        old.delete("KOR")
    assert {"JPN": 1} == old


def test_map_cannot_be_changed_in_place() -> None:
    """Item assignment and deletion are not supported."""
    frozen = FrozenMap({"JPN": 1})

    with pytest.raises(TypeError):
        frozen["KOR"] = 2  # type: ignore[index]
    with pytest.raises(TypeError):
        del frozen["JPN"]  # type: ignore[attr-defined]
    assert {"JPN": 1} == frozen


def test_map_does_not_share_the_dict_it_was_built_from() -> None:
    """Changing the source dict afterwards does not change the map."""
    source = {"JPN": 1}
    frozen = FrozenMap(source)

    source["KOR"] = 2

    assert {"JPN": 1} == frozen


def test_map_is_built_from_pairs() -> None:
    """A FrozenMap can be built from key-value pairs."""
    assert {"JPN": 1, "KOR": 2} == FrozenMap([("JPN", 1), ("KOR", 2)])


def test_map_reads_like_a_mapping() -> None:
    """Lookup, get, membership, length and iteration behave as for a dict."""
    frozen = FrozenMap({"JPN": 1, "KOR": 2})

    assert isinstance(frozen, Mapping)
    assert frozen["JPN"] == 1
    assert frozen.get("CHN") is None
    assert "KOR" in frozen
    assert "CHN" not in frozen
    assert len(frozen) == 2
    assert ["JPN", "KOR"] == list(frozen)
    with pytest.raises(KeyError):
        frozen["CHN"]


def test_map_equals_a_dict_with_the_same_items() -> None:
    """A FrozenMap compares equal to any mapping with the same items, either side."""
    frozen = FrozenMap({"JPN": 1, "KOR": 2})

    assert {"KOR": 2, "JPN": 1} == frozen
    assert frozen == {"JPN": 1, "KOR": 2}  # the map's own __eq__, not the dict's
    assert {"JPN": 1} != frozen
    assert {"JPN": 1, "KOR": 3} != frozen
    assert {} == FrozenMap()


def test_map_does_not_equal_a_non_mapping() -> None:
    """A FrozenMap is not equal to a list of its items or of its keys."""
    frozen = FrozenMap({"JPN": 1})

    assert frozen != [("JPN", 1)]
    assert frozen != ["JPN"]


def test_equal_maps_hash_alike_whatever_the_insertion_order() -> None:
    """Equal maps are equal and have equal hashes, so they work as keys."""
    first = FrozenMap({"JPN": 1, "KOR": 2})
    second = FrozenMap({"KOR": 2, "JPN": 1})

    assert first == second
    assert hash(first) == hash(second)
    assert len({first, second}) == 1


def test_nested_maps_are_hashable() -> None:
    """A map of maps hashes, as states' nested maps must."""
    first = FrozenMap({"JPN": FrozenMap({"KOR": 1})})
    second = FrozenMap({"JPN": FrozenMap({"KOR": 1})})

    assert hash(first) == hash(second)


def test_map_with_an_unhashable_value_cannot_be_hashed() -> None:
    """Hashing needs hashable values."""
    with pytest.raises(TypeError):
        hash(FrozenMap({"JPN": []}))


def test_repr_shows_the_items() -> None:
    """repr() shows the class name and the items as a dict."""
    assert "FrozenMap({'JPN': 1, 'KOR': 2})" == repr(FrozenMap({"JPN": 1, "KOR": 2}))
    assert "FrozenMap({})" == repr(FrozenMap())


# --- large maps: a hash trie under the same interface ------------------------------


class Clash:
    """A key whose hash is shared with every other Clash of the same n % 3."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __hash__(self) -> int:
        return self.n % 3

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Clash) and other.n == self.n

    def __repr__(self) -> str:
        return f"Clash({self.n})"


@pytest.mark.parametrize("size", [129, 1_000, 20_000])
def test_large_map_reads_and_iterates_like_the_dict(size: int) -> None:
    """Built or grown one key at a time, a large map is its dict, in insertion order."""
    items = {f"DS{n}": n for n in range(size)}
    grown: FrozenMap[str, int] = FrozenMap()
    for key, value in items.items():
        grown = grown.set(key, value)

    for frozen in (FrozenMap(items), grown):
        assert items == frozen
        assert frozen == items
        assert list(items) == list(frozen)
        assert list(items.items()) == list(frozen.items())
        assert list(items.values()) == list(frozen.values())
        assert set(items.keys()) == frozen.keys()
        assert size == len(frozen)
        assert all(frozen[key] == value for key, value in items.items())
        assert "DS-1" not in frozen
        assert frozen.get("DS-1") is None
        assert frozen.get("DS0", 7) == 0
        with pytest.raises(KeyError, match="DS-1"):
            frozen["DS-1"]
        with pytest.raises(KeyError, match="DS-1"):
            frozen.delete("DS-1")


def test_large_map_updates_leave_the_old_map_unchanged() -> None:
    """set() and delete() on a large map return new maps; the old one is as it was."""
    items = {n: str(n) for n in range(500)}
    old = FrozenMap(items)

    replaced = old.set(7, "seven")
    added = old.set(500, "500")
    deleted = old.delete(7)

    assert items == old
    assert {**items, 7: "seven"} == replaced
    assert list(items) == list(replaced)  # a replaced key keeps its place
    assert {**items, 500: "500"} == added
    assert [*items, 500] == list(added)
    assert {n: v for n, v in items.items() if n != 7} == deleted
    assert len(deleted) == 499


def test_large_map_shrinks_back_keeping_the_order() -> None:
    """Deleting most keys of a large map leaves a map equal to the dict, in order."""
    frozen = FrozenMap({n: n for n in range(300)})
    model = dict(frozen)

    for n in range(0, 300, 2):
        frozen = frozen.delete(n)
        del model[n]
    for n in range(1, 250, 2):
        frozen = frozen.delete(n)
        del model[n]
    frozen = frozen.set(1, 1)
    model[1] = 1

    assert model == frozen
    assert list(model) == list(frozen)
    assert hash(FrozenMap(model)) == hash(frozen)


def test_large_maps_compare_and_hash_by_items() -> None:
    """Large maps with the same items are equal and hash alike, whatever the order."""
    first = FrozenMap({n: n for n in range(1_000)})
    second = FrozenMap({n: n for n in reversed(range(1_000))})
    small = FrozenMap({n: n for n in range(10)})

    assert first == second
    assert hash(first) == hash(second)
    assert first != first.set(3, -3)
    assert first != first.delete(3).set(-3, 3)
    assert first != small
    assert small != first
    assert first != [(n, n) for n in range(1_000)]


def test_keys_with_equal_hashes_are_kept_apart() -> None:
    """Keys whose hashes are equal share a leaf and still map to their own values."""
    frozen: FrozenMap[Clash, int] = FrozenMap()
    for n in range(400):
        frozen = frozen.set(Clash(n), n)
    for n in range(0, 400, 3):
        frozen = frozen.delete(Clash(n))

    assert {Clash(n): n for n in range(400) if n % 3} == frozen
    assert Clash(3) not in frozen
    with pytest.raises(KeyError):
        frozen.delete(Clash(3))


def test_large_map_pickles_and_reprs_like_a_small_one() -> None:
    """A large map pickles to an equal map, and repr() shows its items in order."""
    frozen = FrozenMap({n: n for n in range(200)})

    assert frozen == pickle.loads(pickle.dumps(frozen))
    assert repr(frozen) == f"FrozenMap({dict(frozen)!r})"


@pytest.mark.parametrize("size", [3, 300], ids=["dict form", "trie form"])
def test_get_takes_its_default_by_keyword_as_a_mapping_does(size: int) -> None:
    """Rule: FrozenMap.get(key, default=...) works as Mapping.get does, at any size."""
    mapping = FrozenMap({n: str(n) for n in range(size)})
    assert ("1", "none") == (
        mapping.get(1, default="none"),
        mapping.get(-1, default="none"),
    )


_MISSING = object()


class Colliding:
    """A key whose hash is one of three, so tries fill leaves at their deepest level."""

    def __init__(self, n: int) -> None:
        self.n = n

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Colliding) and other.n == self.n

    def __hash__(self) -> int:
        return (self.n % 3) << 62

    def __repr__(self) -> str:
        return f"Colliding({self.n})"


# Updates to a map: (key, None) deletes the key, (key, value) sets it.
_updates = st.lists(
    st.tuples(st.integers(0, 400), st.none() | st.integers(0, 3)), max_size=300
)


def _updated(frozen: FrozenMap, updates, key) -> FrozenMap:
    for n, value in updates:
        if value is None:
            frozen = frozen.delete(key(n)) if key(n) in frozen else frozen
        else:
            # A fresh object, unless it is one of the first values again.
            frozen = frozen.set(key(n), value if value < 2 else [value])
    return frozen


@given(st.integers(0, 400), _updates, _updates, st.sampled_from([int, Colliding]))
def test_differing_items_are_the_keys_whose_values_are_not_the_same_object(
    size, first, second, key
) -> None:
    """differing_items(a, b): each key whose value in b is not a's, with both values."""
    base = FrozenMap({key(n): [n] for n in range(size)})
    old, new = _updated(base, first, key), _updated(base, second, key)

    items = list(differing_items(old, new))
    found = [k for k, _, _ in items]

    expected = {
        k
        for k in old.keys() | new.keys()
        if old.get(k, _MISSING) is not new.get(k, _MISSING)
    }
    assert expected == set(found)
    assert len(found) == len(set(found))
    assert expected == {k for k, _, _ in differing_items(dict(old.items()), new)}
    assert [(k, old.get(k), new.get(k)) for k in found] == items


def test_differing_items_of_maps_holding_the_same_objects_are_none() -> None:
    """No key differs between a map and itself, or a copy built afresh from it."""
    frozen = FrozenMap({n: [n] for n in range(300)})

    assert [] == list(differing_items(frozen, frozen))
    assert [] == list(differing_items(frozen, FrozenMap(frozen)))


def test_differing_items_across_a_leaf_that_split_into_a_node() -> None:
    """Rule: a trie leaf that outgrows 16 keys splits; the keys added are found."""
    base = FrozenMap({n: [n] for n in range(129)})
    # Keys that are multiples of 32 share the first slot: 5 of them are in
    # base, and 12 more make it split.
    grown = base
    added = [32 * k for k in range(5, 17)]
    for key in added:
        grown = grown.set(key, [key])

    assert [(key, None, [key]) for key in added] == sorted(
        differing_items(base, grown), key=lambda item: item[0]
    )
    assert set(added) == {k for k, _, _ in differing_items(grown, base)}
