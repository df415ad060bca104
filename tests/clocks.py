"""A deterministic clock for stores, so commit times are known in tests."""

import datetime as dt

KST = dt.timezone(dt.timedelta(hours=9))
START = dt.datetime(2020, 3, 11, 11, 0, 0, 123456, tzinfo=KST)
TICK = dt.timedelta(seconds=1, microseconds=1)


class FakeClock:
    """A deterministic clock: returns `now`, then moves it on by one tick."""

    def __init__(self, start: dt.datetime = START) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        moment = self.now
        self.now += TICK
        return moment
