"""FrozenMap: an immutable, hashable mapping whose updates return new maps."""

from collections.abc import Mapping

import pytest

from tradedispute import FrozenMap


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
    assert 2 == len(frozen)
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
