"""Logs the chart tests draw."""

import datetime as dt

from tradedispute import RestrictionImposed


def restrictions_a_day_apart(count: int) -> list[RestrictionImposed]:
    """JPN's restrictions on KOR from 1 July 2019, one a day, each on its own item.

    Thirty of them once crashed the chart inside matplotlib.
    """
    return [
        RestrictionImposed(
            actor="JPN",
            target="KOR",
            items={f"item {n}"},
            measure="licence",
            effective=dt.date(2019, 7, 1) + dt.timedelta(days=n),
        )
        for n in range(count)
    ]
