"""Checks of the arguments every question to a log takes: a day, a moment."""

from __future__ import annotations

import datetime as dt

from tradedispute.exceptions import InvalidQuery

DayLike = dt.date | str
"""A day as questions take it: a `datetime.date`, or its ISO text ``"2020-03-11"``.

A `datetime.datetime` at midnight (such as a pandas ``Timestamp`` from
``to_frame()``) is taken as its day; one with a time of day is refused.
"""


def check_day(name: str, value: object) -> dt.date:
    """Return the day *value* names, else raise `InvalidQuery` saying why.

    Takes a `datetime.date`, an ISO date ``"YYYY-MM-DD"``, or a
    `datetime.datetime` (a pandas ``Timestamp`` too) at midnight.
    """
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            raise InvalidQuery(
                f"{name} is a day, and {value!r} has a time of day ({value.time()}); "
                "a measure is in force for whole days: pass its date (.date())"
            )
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        shaped = (
            len(value) == 10
            and value[4] == value[7] == "-"
            and value.replace("-", "").isdigit()
        )
        if not shaped:
            raise InvalidQuery(
                f"{name}: {value!r} is not a date: give it as YYYY-MM-DD"
            )
        try:
            return dt.date.fromisoformat(value)
        except ValueError as error:
            raise InvalidQuery(f"{name}: {value!r} is no day ({error})") from None
    raise InvalidQuery(
        f"{name} must be a day: a datetime.date such as date(2020, 3, 11) or "
        f"its ISO text '2020-03-11', not {value!r}"
    )


def check_moment(value: object) -> dt.datetime:
    """Return *value* if it is an aware datetime (a known_at), else raise."""
    if not isinstance(value, dt.datetime) or value.utcoffset() is None:
        raise InvalidQuery(
            "known_at must be a timezone-aware datetime.datetime such as "
            f"datetime(2020, 3, 11, tzinfo=timezone.utc), not {value!r}"
        )
    return value
