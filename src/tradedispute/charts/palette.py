"""How the chart tells countries apart: a colour, then a line style and hatch.

The colours are six of the Okabe–Ito palette (Okabe and Ito, *Color
Universal Design*, 2008; https://jfly.uni-koeln.de/color/), which readers
with any common colour-blindness tell apart. The palette's black is the
chart's ink and its yellow too pale for white text on a bar, so they are left
out. After six countries the colours come round again with another line style
(for the escalation lines) and hatch (for the bars), so the first
`DISTINCT_COUNTRIES` countries each have a (colour, style) pair of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import attrs

__all__ = [
    "COLOURS",
    "DISTINCT_COUNTRIES",
    "HATCHES",
    "LINE_STYLES",
    "CountryStyle",
    "LineStyle",
    "country_styles",
]

COLOURS = ("#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
"""Six colours of the Okabe–Ito palette, safe for colour-blind readers."""

LineStyle = Literal["solid", "dashed", "dotted"]

LINE_STYLES: tuple[LineStyle, ...] = ("solid", "dashed", "dotted")
"""The escalation line of a country, one style per round of the colours."""

HATCHES = ("", "....", "xxxx")
"""The pattern over a country's bars, one per round of the colours.

None is ``"////"``, the pattern of a measure in force while eased or
suspended.
"""

DISTINCT_COUNTRIES = len(COLOURS) * len(LINE_STYLES)
"""How many countries the chart tells apart; after these, styles repeat."""


@attrs.frozen(kw_only=True)
class CountryStyle:
    """How one country is drawn.

    Attributes:
        colour: Its bars, lines, lane names and label frames.
        line_style: Its escalation line (a matplotlib line style).
        hatch: The pattern over its bars (a matplotlib hatch, ``""``: none).
    """

    colour: str
    line_style: LineStyle
    hatch: str


def country_styles(countries: Sequence[str]) -> dict[str, CountryStyle]:
    """Return the style of each of *countries*, given in the order they are listed.

    The n-th country has colour n mod 6 and style n div 6, so the first
    `DISTINCT_COUNTRIES` get pairwise different (colour, style) pairs.
    """
    rounds = len(COLOURS)
    return {
        country: CountryStyle(
            colour=COLOURS[n % rounds],
            line_style=LINE_STYLES[n // rounds % len(LINE_STYLES)],
            hatch=HATCHES[n // rounds % len(HATCHES)],
        )
        for n, country in enumerate(countries)
    }
