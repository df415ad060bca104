"""replay(): what it leaves behind besides the state."""

import datetime as dt
import gc

import attrs
import pytest

from tradedispute import (
    CountryMove,
    EventLog,
    WhitelistRemoved,
    WhitelistRestored,
    reducer,
    replay,
)
from tradedispute._runtime import collector_paused
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

#: What the collector was doing each time the probe's reducer ran.
_SEEN: list[bool] = []


@attrs.frozen(kw_only=True)
class ReplayTestCollectorProbe(CountryMove):
    """An event whose reducer notes whether the collector runs."""


@reducer(ReplayTestCollectorProbe)
def _probe(state, event):
    _SEEN.append(gc.isenabled())
    return state


PROBE = ReplayTestCollectorProbe(
    id="probe", actor="JPN", target="KOR", effective=dt.date(2020, 1, 1)
)


@pytest.fixture
def collector_enabled():
    """Restore the garbage collector's state after the test, whatever it did."""
    enabled = gc.isenabled()
    _SEEN.clear()
    yield
    if enabled:
        gc.enable()
    else:  # pragma: no cover - pytest runs with the collector on
        gc.disable()


@pytest.mark.usefixtures("collector_enabled")
def test_replay_leaves_the_collector_alone() -> None:
    """The pure replay a user imports does no process-wide tuning.

    The collector runs during the fold as it did before it.
    """
    gc.enable()
    replay([PROBE])
    assert [True] == _SEEN
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_enabled")
@pytest.mark.parametrize("enabled", [True, False])
def test_log_pauses_the_collector_and_restores_it(enabled: bool) -> None:
    """The log pauses the collector while it validates an append.

    It leaves the collector on or off as it found it, whether the append
    succeeds or not.
    """
    if enabled:
        gc.enable()
    else:
        gc.disable()
    log = EventLog()
    log.append(PROBE)
    assert [False] == _SEEN
    assert enabled == gc.isenabled()

    with pytest.raises(InvalidTransition):
        log.extend(RESTORED_TWICE)
    assert enabled == gc.isenabled()


@pytest.mark.usefixtures("collector_enabled")
@pytest.mark.parametrize("enabled", [True, False])
def test_collector_paused_nests_and_restores(enabled: bool) -> None:
    """Only the block that paused the collector starts it again."""
    if enabled:
        gc.enable()
    else:
        gc.disable()
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert enabled == gc.isenabled()
    with pytest.raises(ValueError, match="boom"), collector_paused():
        raise ValueError("boom")
    assert enabled == gc.isenabled()
