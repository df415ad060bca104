"""Numbers and durations as people read them: rounded, never in exponent form."""

import math

from hypothesis import given
from hypothesis import strategies as st

from tradedispute.cli.labels import duration, number


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_a_number_is_plain_decimals_within_a_hundredth(value: float) -> None:
    shown = number(value)
    assert "e" not in shown
    assert len(shown.partition(".")[2]) <= 2
    assert math.isclose(value, float(shown), abs_tol=0.005 + abs(value) * 1e-12)


def test_examples_of_numbers() -> None:
    assert ["1500000", "0.83", "25", "0", "2.5"] == [
        number(v) for v in (1500000.0, 0.8333, 25.0, -0.001, 2.50)
    ]


def test_examples_of_durations() -> None:
    assert ["50 min", "10 h", "16 h 30 min"] == [
        duration(h) for h in (0.8333333333333334, 10.0, 16.5)
    ]
