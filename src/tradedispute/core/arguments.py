"""Checks of the arguments every question to a log takes: a day, a moment."""

from __future__ import annotations

import datetime as dt

from tradedispute.exceptions import InvalidQuery


def check_day(name: str, value: object) -> dt.date:
    """Return *value* if it is a calendar date, else raise `InvalidQuery`."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidQuery(
            f"{name} must be a datetime.date such as date(2020, 3, 11), not {value!r}"
        )
    return value


def check_moment(value: object) -> dt.datetime:
    """Return *value* if it is an aware datetime (a known_at), else raise."""
    if not isinstance(value, dt.datetime) or value.utcoffset() is None:
        raise InvalidQuery(
            "known_at must be a timezone-aware datetime.datetime such as "
            f"datetime(2020, 3, 11, tzinfo=timezone.utc), not {value!r}"
        )
    return value
