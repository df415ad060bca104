"""The one place where event types meet their reducers.

Built-in reducers register here when `tradedispute` is imported; users add
their own event types the same way, with the `reducer` decorator, without
editing the library.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from tradedispute.core.corrections import CORRECTION_TYPES
from tradedispute.core.events import Event
from tradedispute.core.state import DisputeState
from tradedispute.exceptions import RegistrationError, UnknownEventType

E = TypeVar("E", bound=Event)

Reducer = Callable[[DisputeState, E], DisputeState]
"""A pure function ``(state, event) -> state``."""

#: Keys a stored record uses for itself (see `tradedispute.codec`), so no
#: event type may have a field of that name.
RESERVED_FIELD_NAMES = frozenset(
    {"type", "schema", "seq", "recorded_at", "batch_end", "hash"}
)

#: The names of the correction types (see `tradedispute.core.corrections`), which
#: stored records use too, so no event type may take them.
RESERVED_TYPE_NAMES = frozenset(kind.__name__ for kind in CORRECTION_TYPES)

_reducers: dict[type[Event], Reducer[Any]] = {}
_types_by_name: dict[str, type[Event]] = {}


def reducer(event_type: type[E]) -> Callable[[Reducer[E]], Reducer[E]]:
    """Register the decorated function as the reducer of *event_type*.

    The event type must be an attrs subclass of `Event` whose class name is
    not yet taken: the name identifies the type in stored logs.

    A reducer must be pure: return a new state, never mutate its inputs, and
    read no clock, file or random source. To reject an event that makes no
    sense in *state*, raise `InvalidTransition` (see `reject`). Facts of a new
    kind go in `DisputeState.extensions`.

    Examples:
        >>> import attrs, datetime as dt, tradedispute
        >>> @attrs.frozen(kw_only=True)
        ... class TariffRaised(tradedispute.CountryMove):
        ...     rate: float
        >>> @tradedispute.reducer(TariffRaised)
        ... def raise_tariff(state, event):
        ...     key = f"tariff:{event.actor}->{event.target}"
        ...     return attrs.evolve(
        ...         state, extensions=state.extensions.set(key, event.rate)
        ...     )
        >>> log = tradedispute.EventLog()
        >>> log.append(TariffRaised(actor="USA", target="CHN", rate=0.25,
        ...                         effective=dt.date(2018, 7, 6)))
        >>> log.state_at(dt.date(2018, 7, 6)).extensions["tariff:USA->CHN"]
        0.25

    Defining the same class again in the same module (rerunning a notebook
    cell, say) replaces the earlier definition and its reducer.

    Raises:
        RegistrationError: *event_type* is not an attrs `Event` subclass, or
            another type of the same name is registered already.
    """
    if not (isinstance(event_type, type) and issubclass(event_type, Event)):
        raise RegistrationError(
            f"cannot register {event_type!r}: reducers are registered for "
            "subclasses of tradedispute.Event"
        )
    if "__attrs_attrs__" not in vars(event_type):
        raise RegistrationError(
            f"cannot register {event_type.__qualname__}: decorate it with "
            "@attrs.frozen(kw_only=True) like the built-in events"
        )
    clashes = sorted(
        field.name
        for field in attrs.fields(event_type)
        if field.name in RESERVED_FIELD_NAMES
    )
    if clashes:
        raise RegistrationError(
            f"cannot register {event_type.__qualname__}: its field(s) "
            f"{', '.join(map(repr, clashes))} would clash with the keys a stored "
            f"record uses for itself ({', '.join(sorted(RESERVED_FIELD_NAMES))}); "
            "rename them"
        )
    name = event_type.__name__
    if name in RESERVED_TYPE_NAMES:
        raise RegistrationError(
            f"cannot register {event_type.__qualname__}: the name {name!r} "
            "belongs to a correction type, which records name the same way; "
            "rename the class"
        )
    taken = _types_by_name.get(name)
    if taken is not None and not _is_redefinition(taken, event_type):
        raise RegistrationError(
            f"cannot register {event_type.__module__}.{event_type.__qualname__}: "
            f"the name {name!r} already belongs to "
            f"{taken.__module__}.{taken.__qualname__}; event type names are "
            "unique because they identify the type in stored logs"
        )

    def register(function: Reducer[E]) -> Reducer[E]:
        if taken is not None:
            del _reducers[taken]
        _reducers[event_type] = function
        _types_by_name[name] = event_type
        return function

    return register


def _is_redefinition(old: type, new: type) -> bool:
    """Tell whether *new* is *old* defined again, as when a notebook cell reruns."""
    return (old.__module__, old.__qualname__) == (new.__module__, new.__qualname__)


def reducer_for(event_type: type[E]) -> Reducer[E]:
    """Return the reducer registered for *event_type*.

    Raises:
        UnknownEventType: no reducer is registered for exactly this type.
    """
    try:
        return _reducers[event_type]
    except KeyError:
        raise UnknownEventType(
            f"no reducer is registered for {event_type.__qualname__}; register "
            "one with @tradedispute.reducer("
            f"{event_type.__qualname__}) before appending such events",
            event_type=event_type,
        ) from None


def event_types() -> tuple[type[Event], ...]:
    """Return every registered event type, in registration order."""
    return tuple(_reducers)


def event_type_named(name: str) -> type[Event] | None:
    """Return the registered event type called *name*, or `None`."""
    return _types_by_name.get(name)
