"""A deterministic clock for stores, so commit times are known in tests."""

from tradedispute.testing.stores import START, TICK, FakeClock

__all__ = ["START", "TICK", "FakeClock"]
