"""A closed log says so on every use; entries are found by id; the package's surface.

Rules: after `EventLog.close`, every question and every write raises
`LogClosed` (naming the log), whatever the store, and closing again is
harmless; ``log[id]`` and ``log.get(id)`` give the entry appended with that
id, as recorded; every error the library raises is importable from
``tradedispute``; ``tradedispute.__version__`` is the installed version.
"""

import datetime as dt
import importlib.metadata
import inspect
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

import tradedispute
from tests.stores.test_postgres import strengthened
from tradedispute import (
    EventCorrected,
    EventLog,
    LogClosed,
    TradeDisputeError,
)
from tradedispute import exceptions as exceptions_module

USES: dict[str, Callable[[EventLog], object]] = {
    "state_at": lambda log: log.state_at(dt.date(2020, 1, 1)),
    "len": len,
    "version": lambda log: log.version,
    "iter": list,
    "records": lambda log: log.records(),
    "history": lambda log: log.history("a"),
    "refresh": lambda log: log.refresh(),
    "append": lambda log: log.append(strengthened("b")),
    "extend": lambda log: log.extend([strengthened("c")]),
    "timeline": lambda log: log.timeline(),
    "intervals": lambda log: log.intervals(),
    "events": lambda log: log.events(),
    "verify": lambda log: log.verify(),
    "head": lambda log: log.head,
    "get": lambda log: log.get("a"),
    "getitem": lambda log: log["a"],
    "contains": lambda log: "a" in log,
    "follow": lambda log: log.follow(timeout=0),
    "write_checkpoints": lambda log: log.write_checkpoints(),
}


@pytest.fixture(params=["memory", ".jsonl", ".sqlite", "postgresql"])
def closed(request: pytest.FixtureRequest, tmp_path: Path) -> EventLog:
    """A log of one entry, closed."""
    if request.param == "memory":
        log = EventLog()
    elif request.param == "postgresql":
        log = EventLog.open(request.getfixturevalue("pg_url"))
    else:
        log = EventLog.open(tmp_path / f"log{request.param}")
    log.append(strengthened("a"))
    log.close()
    return log


@pytest.mark.parametrize("use", list(USES))
def test_every_use_of_a_closed_log_raises_log_closed(
    closed: EventLog, use: str
) -> None:
    with pytest.raises(LogClosed, match="the log is closed") as raised:
        USES[use](closed)
    assert raised.value.location == closed.location
    assert isinstance(raised.value, ValueError)  # as Python's closed files


def test_closing_twice_is_harmless_and_the_repr_says_closed(closed: EventLog) -> None:
    closed.close()
    assert closed.closed
    assert repr(closed) == f"<closed EventLog at {closed.location}>"


def test_an_entry_is_found_by_its_id_as_recorded() -> None:
    log = EventLog()
    first = strengthened("a")
    log.append(first)
    fix = EventCorrected(
        id="fix", target_id="a", replacement=attrs.evolve(first, detail="x"), reason="r"
    )
    log.append(fix)
    assert log["a"] == first  # as recorded: the correction is an entry of its own
    assert log["fix"] == fix
    assert log.get("a") == first
    assert log.get("missing") is None
    assert log.get("missing", fix) == fix
    assert "a" in log
    assert "missing" not in log
    assert 3 not in log
    with pytest.raises(KeyError, match="missing"):
        log["missing"]


def test_every_error_of_the_library_is_exported_at_the_top() -> None:
    """Each error imports from tradedispute as the same class; __all__ is the front door.

    tradedispute.__all__ keeps only TradeDisputeError (so help(tradedispute)
    stays a page); tradedispute.exceptions.__all__ lists every error.
    """
    errors = {
        name
        for name, value in inspect.getmembers(exceptions_module, inspect.isclass)
        if issubclass(value, TradeDisputeError)
    }
    assert errors <= set(exceptions_module.__all__)
    assert "TradeDisputeError" in tradedispute.__all__
    for name in errors:
        assert getattr(tradedispute, name) is getattr(exceptions_module, name)


def test_the_version_is_the_installed_distributions() -> None:
    assert tradedispute.__version__ == importlib.metadata.version("tradedispute")
    assert "__version__" in tradedispute.__all__


def test_the_testing_module_without_hypothesis_names_its_extra() -> None:
    script = """
import sys
sys.modules["hypothesis"] = None
try:
    import tradedispute.testing
except ImportError as error:
    from tradedispute.exceptions import MissingExtra
    print(type(error).__name__, isinstance(error, MissingExtra), error.extra, error)
"""
    said = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    assert said.startswith("MissingExtra True testing ")
    assert "pip install 'tradedispute[testing]'" in said
