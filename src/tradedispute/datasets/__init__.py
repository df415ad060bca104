"""Records of real disputes that ship with tradedispute.

>>> from tradedispute import datasets
>>> "japan-korea" in datasets.names()
True

Each dataset is a JSON Lines log inside the package. `load` reads it into an
in-memory `EventLog`: appending to that log changes nothing on disk.
"""

from __future__ import annotations

from importlib import resources

from tradedispute.codec.converter import decode
from tradedispute.exceptions import TradeDisputeError
from tradedispute.log.eventlog import EventLog
from tradedispute.stores.memory import MemoryStore

__all__ = ["UnknownDataset", "load", "names"]

_SUFFIX = ".jsonl"


class UnknownDataset(TradeDisputeError, LookupError):
    """No dataset of that name ships with this version of tradedispute.

    Attributes:
        name: The name asked for.
    """

    def __init__(self, message: str, *, name: str) -> None:
        super().__init__(message)
        self.name = name


def names() -> tuple[str, ...]:
    """Return the names of the datasets that ship, sorted."""
    folder = resources.files(__name__)
    return tuple(
        sorted(
            entry.name.removesuffix(_SUFFIX)
            for entry in folder.iterdir()
            if entry.name.endswith(_SUFFIX)
        )
    )


def load(name: str) -> EventLog:
    """Return the dataset *name* as an in-memory `EventLog`.

    Raises:
        UnknownDataset: no dataset of that name ships; the message lists
            those that do.
    """
    if name not in names():
        raise UnknownDataset(
            f"no dataset named {name!r}; the datasets are: {', '.join(names())}",
            name=name,
        )
    location = f"tradedispute.datasets:{name}{_SUFFIX}"
    text = resources.files(__name__).joinpath(name + _SUFFIX).read_bytes()
    records = [
        decode(line, location=location, line=number)
        for number, line in enumerate(text.splitlines(), start=1)
    ]
    return EventLog(store=MemoryStore(records, location=location))
