"""replay(): what it leaves behind besides the state."""

import datetime as dt
import gc

import pytest

from tradedispute import WhitelistRemoved, WhitelistRestored, replay
from tradedispute.exceptions import InvalidTransition

REMOVED = WhitelistRemoved(
    id="w", actor="JPN", target="KOR", effective=dt.date(2019, 8, 28)
)
RESTORED_TWICE = [
    REMOVED,
    WhitelistRestored(
        id="r1", actor="JPN", target="KOR", effective=dt.date(2020, 1, 1)
    ),
    WhitelistRestored(
        id="r2", actor="JPN", target="KOR", effective=dt.date(2020, 1, 2)
    ),
]


@pytest.fixture
def collector_enabled():
    """Restore the garbage collector's state after the test, whatever it did."""
    enabled = gc.isenabled()
    yield
    if enabled:
        gc.enable()
    else:  # pragma: no cover - pytest runs with the collector on
        gc.disable()


@pytest.mark.usefixtures("collector_enabled")
@pytest.mark.parametrize("enabled", [True, False])
def test_replay_leaves_the_garbage_collector_as_it_found_it(enabled: bool) -> None:
    """The fold pauses the cyclic collector and restores it, on or off."""
    if enabled:
        gc.enable()
    else:
        gc.disable()

    replay([REMOVED])
    assert enabled == gc.isenabled()

    with pytest.raises(InvalidTransition):
        replay(RESTORED_TWICE)
    assert enabled == gc.isenabled()
