"""FrozenList: the immutable sequence of a state's histories, equal to a tuple."""

import pickle
from collections.abc import Sequence

import pytest

from tradedispute import FrozenList

# Lengths around the chunk size (32) and the second level (32 * 32).
LENGTHS = [0, 1, 31, 32, 33, 64, 65, 1023, 1024, 1025, 1057, 33_000]


def appended(n: int) -> FrozenList[int]:
    """Build 0, 1, ..., n - 1 one append at a time, as replay does."""
    items: FrozenList[int] = FrozenList()
    for i in range(n):
        items = items.append(i)
    return items


@pytest.mark.parametrize("n", LENGTHS)
def test_appended_and_built_lists_equal_the_tuple(n: int) -> None:
    """Appending one by one or building at once gives the tuple's items, in order."""
    expected = tuple(range(n))

    for items in (appended(n), FrozenList(range(n))):
        assert expected == items
        assert items == expected
        assert expected == tuple(items)
        assert n == len(items)
        assert hash(expected) == hash(items)


@pytest.mark.parametrize("n", LENGTHS)
def test_indexing_reads_every_item_from_either_end(n: int) -> None:
    """items[i] and items[-i] read like a tuple's; slices return tuples."""
    items = appended(n)

    assert list(range(n)) == [items[i] for i in range(n)]
    assert list(range(n)) == [items[i - n] for i in range(n)]
    assert tuple(range(n))[2:40:3] == items[2:40:3]
    assert list(reversed(range(n))) == list(reversed(items))


@pytest.mark.parametrize("index", [3, -4, 100])
def test_index_out_of_range_raises_index_error(index: int) -> None:
    """Reading past either end raises IndexError, as for a tuple."""
    with pytest.raises(IndexError):
        FrozenList([1, 2, 3])[index]


def test_append_leaves_the_old_list_unchanged() -> None:
    """append() returns a new list; the old one keeps its items."""
    old = appended(32)

    new = old.append(32)
    other = old.append(-1)

    assert tuple(range(32)) == old
    assert (*range(32), 32) == new
    assert (*range(32), -1) == other


def test_list_equals_tuples_and_lists_of_its_kind_only() -> None:
    """It is equal to a tuple or FrozenList of the same items, not to a list."""
    items = FrozenList(["JPN", "KOR"])

    assert isinstance(items, Sequence)
    assert FrozenList(["JPN", "KOR"]) == items
    assert ("JPN", "KOR") != FrozenList(["KOR", "JPN"])
    assert ("JPN",) != items
    assert ["JPN", "KOR"] != items
    assert () == FrozenList()


def test_list_pickles_to_an_equal_list() -> None:
    """A pickled list loads as an equal FrozenList."""
    items = appended(100)

    loaded = pickle.loads(pickle.dumps(items))

    assert isinstance(loaded, FrozenList)
    assert items == loaded


def test_repr_shows_the_items() -> None:
    """repr() shows the class name and the items."""
    assert "FrozenList(['JPN', 'KOR'])" == repr(FrozenList(["JPN", "KOR"]))
