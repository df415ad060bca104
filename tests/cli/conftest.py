"""What every command-line test shares: a known width."""

import pytest


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Print 200 columns wide, whatever runs the tests, unless a test says else.

    Wide enough that no table of the tests' logs wraps a cell, so that a
    test can look for a row on one line.
    """
    monkeypatch.setenv("COLUMNS", "200")
