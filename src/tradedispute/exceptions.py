"""The one home of tradedispute's errors.

Every error the library raises on bad input is a `TradeDisputeError`, so a
caller can catch them all with one clause. Each message names what was wrong,
where (event id and date) and what would have been valid.
"""

from __future__ import annotations

import datetime as dt

__all__ = [
    "DuplicateEventId",
    "InvalidCountryCode",
    "InvalidEvent",
    "InvalidQuery",
    "InvalidTransition",
    "RegistrationError",
    "TradeDisputeError",
    "UnknownEventType",
]


class TradeDisputeError(Exception):
    """The root of every error tradedispute raises on bad input."""


class InvalidCountryCode(TradeDisputeError, ValueError):
    """A string is not an ISO 3166-1 alpha-3 code (nor ``EUN``).

    Attributes:
        code: The rejected string.
    """

    def __init__(self, message: str, *, code: object) -> None:
        super().__init__(message)
        self.code = code


class InvalidEvent(TradeDisputeError, ValueError):
    """An event could not be built: a field's value is malformed or contradictory.

    Raised while the event is constructed, so a bad event never exists. (A
    required field left out altogether is a `TypeError`, as for any Python
    call; mypy reports it before the code runs.)

    Attributes:
        event_type: The name of the event class.
        field: The offending field.
    """

    def __init__(self, message: str, *, event_type: str, field: str) -> None:
        super().__init__(message)
        self.event_type = event_type
        self.field = field


class InvalidQuery(TradeDisputeError, ValueError):
    """A question put to a log or a state has invalid arguments.

    For example ``state_at`` given a `datetime` instead of a `date`, or a
    negotiation asked of a country with itself.
    """


class InvalidTransition(TradeDisputeError):
    """An event makes no sense in the state it meets during replay.

    Attributes:
        event_id: The id of the event that cannot apply.
        effective: Its effective date.
        rule: A short, stable name of the rule it breaks, such as
            ``"lift-not-in-force"``; the rules are listed in the docs.
        appended_id: When a back-dated append made an already recorded event
            invalid, the id of the appended event; otherwise ``None``.
    """

    def __init__(
        self,
        message: str,
        *,
        event_id: str,
        effective: dt.date,
        rule: str,
        appended_id: str | None = None,
    ) -> None:
        super().__init__(message)
        self.event_id = event_id
        self.effective = effective
        self.rule = rule
        self.appended_id = appended_id


class DuplicateEventId(TradeDisputeError):
    """An event's id is already in the log (or twice in one batch).

    Attributes:
        event_id: The repeated id.
    """

    def __init__(self, message: str, *, event_id: str) -> None:
        super().__init__(message)
        self.event_id = event_id


class RegistrationError(TradeDisputeError, TypeError):
    """An event type or reducer cannot be registered as given."""


class UnknownEventType(TradeDisputeError, TypeError):
    """No reducer is registered for an event's type.

    Attributes:
        event_type: The class without a reducer.
    """

    def __init__(self, message: str, *, event_type: type) -> None:
        super().__init__(message)
        self.event_type = event_type
