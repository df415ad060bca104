"""What every strategy of `tradedispute.testing` draws from: countries, dates, text.

The countries and dates strategies draw by default, the checks of those
arguments, text a UTF-8 file can hold, ids, sources, and a date known to
the month or year. Public names are re-exported by `tradedispute.testing`.
"""

from __future__ import annotations

import datetime as dt
import functools
import string
from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from tradedispute.core.countries import check_country_code
from tradedispute.core.events import Source

DEFAULT_COUNTRIES: tuple[str, ...] = ("JPN", "KOR", "CHN", "USA", "EUN")
"""The countries strategies draw from unless told otherwise."""
_MIN_DATE = dt.date(2019, 7, 1)
_MAX_DATE = dt.date(2019, 9, 30)

# Any text a UTF-8 file can hold: no lone surrogates.
_names = st.text(st.characters(codec="utf-8"), min_size=1, max_size=20).filter(
    str.strip
)
_free_text = st.text(st.characters(codec="utf-8"), max_size=30)
_urls = st.builds(
    "https://{}.example/{}".format,
    st.text(string.ascii_lowercase, min_size=1, max_size=12),
    st.text(string.ascii_lowercase + string.digits + "/", max_size=20),
)


def _check_countries(countries: Sequence[str]) -> tuple[str, ...]:
    codes = tuple(dict.fromkeys(countries))
    if len(codes) < 2:
        raise InvalidArgument(f"countries={countries!r} must hold two or more codes")
    for code in codes:
        try:
            check_country_code(code)
        except ValueError as error:
            raise InvalidArgument(f"countries={countries!r}: {error}") from error
    return codes


def _check_dates(min_date: dt.date, max_date: dt.date) -> None:
    if min_date > max_date:
        raise InvalidArgument(f"min_date={min_date} is after max_date={max_date}")


def country_codes(
    *, countries: Sequence[str] = DEFAULT_COUNTRIES
) -> st.SearchStrategy[str]:
    """Draw a country code from *countries*."""
    return st.sampled_from(_check_countries(countries))


@functools.cache
def sources() -> st.SearchStrategy[Source]:
    """Draw a citation: title, publisher, and maybe a date and a URL."""
    return st.builds(
        Source,
        title=_names,
        publisher=_names,
        published=st.none() | st.dates(),
        url=st.none() | _urls,
    )


_ids = st.uuids().map(lambda u: u.hex)


def _at_precision(
    common: dict[str, Any], precision: str, min_date: dt.date
) -> dict[str, Any]:
    """*common* with a date known to the *precision*, if its first day is in range."""
    day = common["effective"]
    first = {
        "day": day,
        "month": day.replace(day=1),
        "year": day.replace(month=1, day=1),
    }[precision]
    if first < min_date:
        return common
    return {**common, "effective": first, "precision": precision}


_PRECISIONS = st.sampled_from(["day", "month", "year"])
