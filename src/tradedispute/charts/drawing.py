"""Drawing a `ChartLayout` with matplotlib: the figure `tradedispute.charts` returns.

Only `tradedispute.charts` imports this module, after checking that
matplotlib is installed; matplotlib is imported inside the functions all the
same, so importing this module costs nothing.

What the drawing guarantees, whatever the log: every size it asks of
matplotlib is positive and the figure is never taller than `MAX_HEIGHT_INCHES`;
no two labels overlap (the labels of big moves and of WTO cases are framed
boxes with a gap between any two on a row; the lane names are shrunk when
lanes are very many); text is one line in glyphs the font has, shortened with
"…" where it would run off the figure, and never read as mathtext.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from tradedispute.charts.layout import ChartLayout
from tradedispute.charts.moves import Spot, stack_labels
from tradedispute.charts.palette import COLOURS, CountryStyle, country_styles

if TYPE_CHECKING:  # pragma: no cover - matplotlib is an optional extra
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

__all__ = [
    "COLOURS",
    "DPI",
    "MAX_HEIGHT_INCHES",
    "MAX_MOVE_ROWS",
    "SIZE_INCHES",
    "STYLE",
    "draw",
    "printable",
]

SIZE_INCHES = (11.0, 8.4)
"""The figure's width and height."""

DPI = 150
"""Dots per inch of a saved PNG: 1650 by 1260 pixels, taller when the chart needs it."""

MAX_HEIGHT_INCHES = 60.0
"""The tallest a chart grows; past it, the lanes' rows get thinner instead."""

MAX_MOVE_ROWS = 12
"""The most rows of labelled big moves; a move with no room is a tick, unlabelled."""

FONT = "DejaVu Sans"
"""The font: it ships with matplotlib, so text looks the same everywhere."""

_INK = "#222222"
_MUTED = "#666666"
_BAND = "#E69F00"
_BAND_INK = "#9A6700"
_FONT = 9.0
_WIDTH = SIZE_INCHES[0]

STYLE: dict[str, object] = {
    "font.family": FONT,
    "font.size": _FONT,
    "axes.edgecolor": _MUTED,
    "axes.labelcolor": _INK,
    "xtick.color": _MUTED,
    "ytick.color": _INK,
    "hatch.linewidth": 0.8,
    "text.parse_math": False,  # a "$" in an item's name is a dollar sign
    "svg.hashsalt": "tradedispute",  # SVG ids the same on every save
}
"""matplotlib settings over its defaults, while drawing and saving."""

_ROW = 1.0  # a row's height, in the lanes' data units
_ROW_IN = 0.12  # the least height of a lane's row, in inches
_MIN_LANES_IN = 1.5  # the least height of all the lanes, in inches
_BAR = 0.72  # a bar's height within its row
_GAP = 0.55  # the space between two lanes
_LANES_FOOT = 0.6  # below the last lane, in rows
_LABEL_ROW_IN = 0.27  # a row of framed move labels
_BAND_ROW_IN = 0.17  # a row of WTO case names
_MAX_BAND_ROWS = 4
_PAD_PT = 2.25  # the frame's padding around a move label's text
_OFFSET_PT = 5.0  # from a leader line to the start of its label's text
_ROOM_IN = 0.1  # the least gap between two labels on a row
_MAX_LANE_LABEL_IN = 3.0
_SHORTEST_IN = 2.5  # a label cut shorter than this may end at its date instead


@functools.cache
def _glyphs() -> frozenset[int]:
    from matplotlib.font_manager import FontProperties, findfont, get_font

    faces = [
        FontProperties(family=FONT),
        FontProperties(family=FONT, weight="bold"),
        FontProperties(family=FONT, style="italic"),
    ]
    charmaps = [set(get_font(findfont(face)).get_charmap()) for face in faces]
    return frozenset(set.intersection(*charmaps))


def printable(text: str) -> str:
    """*text* on one line, each character the font has no glyph for shown as "�".

    Line breaks and tabs become spaces; control characters and letters of
    scripts DejaVu Sans lacks (Chinese, say) in any of the faces drawn
    (regular, bold, italic) become U+FFFD, drawn as "�",
    instead of an empty box and a warning.
    """
    glyphs = _glyphs()
    return "".join(
        " " if char.isspace() else char if ord(char) in glyphs else "\ufffd"
        for char in text
    )


def _text_inches(
    figure: Figure, text: str, size: float, weight: str = "normal"
) -> tuple[float, float]:
    from matplotlib.font_manager import FontProperties

    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    font = FontProperties(family=FONT, size=size, weight=weight)
    w, h, _ = renderer.get_text_width_height_descent(text, font, ismath=False)
    return w / figure.dpi, h / figure.dpi


def _fit(
    figure: Figure, text: str, size: float, inches: float, weight: str = "normal"
) -> str:
    """*text*, printable, cut short with "…" so that it is at most *inches* wide."""
    text = printable(text)
    if _text_inches(figure, text, size, weight)[0] <= inches:
        return text
    low, high = 0, len(text)  # the longest kept prefix is in [low, high)
    while high - low > 1:
        middle = (low + high) // 2
        if _text_inches(figure, text[:middle] + "…", size, weight)[0] <= inches:
            low = middle
        else:
            high = middle
    return text[:low].rstrip() + "…"


def _days(layout: ChartLayout) -> float:
    return float((layout.right - layout.left).days)


def _num(day: dt.date) -> float:
    """The x of a day: matplotlib's days since its epoch."""
    from matplotlib import dates

    date2num: Callable[[dt.date], float] = dates.date2num
    return float(date2num(day))


def draw(layout: ChartLayout, *, title: str, footer: str) -> Figure:
    """Return a figure of *layout*, under *title*, with *footer* at its foot."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=SIZE_INCHES, dpi=DPI)
    FigureCanvasAgg(figure)  # measures text for the layout; saves any format
    styles = country_styles(layout.countries)
    names = [
        _fit(figure, lane.label, _FONT, _MAX_LANE_LABEL_IN) for lane in layout.lanes
    ]
    left_in = 0.35 + max(
        _text_inches(figure, name, _FONT)[0] for name in [*names, "talks"]
    )
    axes_in = _WIDTH - left_in - 0.35

    moves = _place(figure, layout, [(m.date, m.text) for m in layout.moves], axes_in)
    bands = _place(
        figure,
        layout,
        [(low, f"WTO {case}") for case, low, _ in layout.bands],
        axes_in,
        size=_FONT - 1,
        max_rows=_MAX_BAND_ROWS,
        leaders=False,
    )
    handles = _legend_handles(layout, styles)
    columns, legend_rows = _legend_grid(figure, handles, axes_in)
    unlabelled = sum(spot.row is None for _, spot in moves)
    footer += (
        ".\nEscalation index: the measures a country has in force, weighted by "
        "kind (tradedispute.views.ESCALATION_WEIGHTS); eased or suspended ones "
        "count half."
    )
    if unlabelled:
        footer += (
            f"\n{unlabelled} of {len(moves)} big moves are too close together to "
            "label: each is a tick above the lanes (tradedispute timeline lists "
            "them all)."
        )

    # From the top, in inches: title, subtitle, legend, moves, lanes, WTO case
    # names, escalation, dates, footer.
    top_in = 0.75 + 0.22 * legend_rows
    moves_in = _LABEL_ROW_IN * (_rows(moves) + 0.5)
    bands_in = _BAND_ROW_IN * _rows(bands)
    escalation_in = 1.25
    bottom_in = 0.75 + (0.17 if unlabelled else 0.0)
    fixed = top_in + moves_in + bands_in + escalation_in + 0.2 + bottom_in
    units = _lane_units(layout)
    # Many labelled moves, or many lanes, make the figure taller rather than
    # squeezing the lanes to nothing; past the tallest, the rows get thinner.
    lanes_in = max(SIZE_INCHES[1] - fixed, _MIN_LANES_IN, _ROW_IN * units)
    lanes_in = max(min(lanes_in, MAX_HEIGHT_INCHES - fixed), _MIN_LANES_IN)
    height = fixed + lanes_in
    figure.set_size_inches(_WIDTH, height)
    frame = (left_in / _WIDTH, axes_in / _WIDTH)

    def axes(bottom_in: float, height_in: float, **kwargs: Any) -> Axes:
        box = (frame[0], bottom_in / height, frame[1], height_in / height)
        return figure.add_axes(box, **kwargs)

    escalation = axes(bottom_in, escalation_in)
    strip_in = bottom_in + escalation_in + 0.2
    lanes = axes(strip_in + bands_in, lanes_in, sharex=escalation)
    lane_font = min(_FONT, lanes_in / units * (_ROW + _GAP) * 72 / 1.25)
    _draw_lanes(lanes, layout, styles, names, lane_font)
    if layout.bands:
        _draw_band_names(figure, axes(strip_in, bands_in, sharex=lanes), layout, bands)
    _draw_moves(
        figure,
        axes(strip_in + bands_in + lanes_in, moves_in, sharex=lanes),
        layout,
        styles,
        moves,
    )
    _draw_escalation(escalation, layout, styles)
    _date_axis(escalation, layout)

    room = _WIDTH - left_in - 0.2
    figure.text(
        frame[0],
        1 - 0.28 / height,
        _fit(figure, title, 15, room, weight="bold"),
        fontsize=15,
        weight="bold",
        color=_INK,
    )
    figure.text(
        frame[0],
        1 - 0.52 / height,
        "Each bar is a measure in force, hatched while eased or suspended; "
        "below, each country's escalation index.",
        fontsize=_FONT + 1,
        color=_MUTED,
    )
    _legend(figure, handles, columns, (frame[0], 1 - 0.62 / height))
    figure.text(
        0.012,
        0.018,
        "\n".join(
            _fit(figure, line, _FONT - 1, _WIDTH - 0.25) for line in footer.split("\n")
        ),
        fontsize=_FONT - 1,
        color=_MUTED,
        linespacing=1.5,
    )
    return figure


def _rows(placed: Sequence[tuple[str, Spot]]) -> int:
    return 1 + max((s.row for _, s in placed if s.row is not None), default=-1)


def _lane_units(layout: ChartLayout) -> float:
    """The height of the lanes in rows, from the talks to the foot."""
    talks = _ROW + _GAP if layout.talks else 0.0
    lanes = sum(len(lane.rows) * _ROW + _GAP for lane in layout.lanes)
    return talks + lanes + _LANES_FOOT + (_ROW + _GAP) / 2


def _place(
    figure: Figure,
    layout: ChartLayout,
    labels: Sequence[tuple[dt.date, str]],
    axes_inches: float,
    *,
    size: float = _FONT,
    max_rows: int = MAX_MOVE_ROWS,
    leaders: bool = True,
) -> list[tuple[str, Spot]]:
    """Each label's text, cut to fit the axes, and its place in the rows above them.

    With *leaders* the text is framed and starts a little after its date
    (`_OFFSET_PT`); the width stacked is the frame's.
    """
    per_inch = _days(layout) / axes_inches
    lead = (_OFFSET_PT + _PAD_PT) / 72 if leaders else 0.05
    texts = []
    widths = []
    for date, words in labels:
        at = float((date - layout.left).days)
        after, before = axes_inches - at / per_inch, at / per_inch
        # Cut short to start at its date where that leaves it some room: a
        # label ending at its date (near the right end) can cross others.
        side = after if after >= min(_SHORTEST_IN, before) else before
        text = _fit(figure, words, size, side - lead - 0.01)
        texts.append(text)
        widths.append((at, (_text_inches(figure, text, size)[0] + lead) * per_inch))
    spots = stack_labels(
        widths,
        length=_days(layout),
        room=_ROOM_IN * per_inch,
        max_rows=max_rows,
        leaders=leaders,
    )
    return list(zip(texts, spots, strict=True))


def _draw_lanes(
    axes: Axes,
    layout: ChartLayout,
    styles: dict[str, CountryStyle],
    names: Sequence[str],
    font: float,
) -> None:
    from matplotlib.patches import Rectangle
    from matplotlib.transforms import blended_transform_factory

    at_left = blended_transform_factory(axes.transAxes, axes.transData)

    def name(y: float, text: str, colour: str) -> None:
        axes.text(
            -0.01,
            y,
            text,
            transform=at_left,
            ha="right",
            va="center",
            fontsize=font,
            color=colour,
            gid="lane",
        )

    row_y: dict[tuple[int, int], float] = {}
    y = 0.0
    if layout.talks:
        name(y, "talks", _INK)
        y += _ROW + _GAP
    previous_actor = None
    for n, lane in enumerate(layout.lanes):
        if previous_actor is not None and lane.actor != previous_actor:
            axes.axhline(y - (_ROW + _GAP) / 2, color="#DDDDDD", linewidth=0.8)
        previous_actor = lane.actor
        for r in range(len(lane.rows)):
            row_y[n, r] = y + r * _ROW
        name(y + (len(lane.rows) - 1) * _ROW / 2, names[n], styles[lane.actor].colour)
        y += len(lane.rows) * _ROW + _GAP
    bottom = y - _GAP + _LANES_FOOT

    for bar in layout.bars:
        lane = layout.lanes[bar.lane]
        style = styles[lane.actor]
        target, subject = lane.rows[bar.row]
        top = row_y[bar.lane, bar.row] - _BAR / 2
        left, right = _num(bar.left), _num(bar.right)
        patch = Rectangle(
            (left, top),
            right - left,
            _BAR,
            facecolor=style.colour,
            hatch=style.hatch or None,
            edgecolor="white" if style.hatch else "none",
            linewidth=0,
            gid="interval",
            label=f"{lane.label}: {lane.row_label(target, subject)}",
        )
        axes.add_patch(patch)
        for low, high in bar.softened:
            axes.add_patch(
                Rectangle(
                    (_num(low), top),
                    _num(high) - _num(low),
                    _BAR,
                    facecolor="white",
                    alpha=0.55,
                    edgecolor=style.colour,
                    hatch="////",
                    linewidth=0,
                    gid="softened",
                )
            )
        words = axes.text(
            left + 0.004 * (_num(layout.right) - _num(layout.left)),
            top + _BAR / 2,
            printable(lane.row_label(target, subject)),
            va="center",
            ha="left",
            fontsize=_FONT - 1,
            color="white",
            weight="bold",
        )
        words.set_clip_path(patch)
        if bar.no_end:
            axes.plot(
                [right],
                [top + _BAR / 2],
                marker=">",
                markersize=7,
                color=style.colour,
                clip_on=False,
                gid="no-end",
                linestyle="none",
            )

    for talks in layout.talks:
        axes.plot(
            [_num(talks.date)],
            [0.0],
            marker="*" if talks.summit else "o",
            markersize=13 if talks.summit else 5.5,
            markerfacecolor=_INK if talks.summit else "white",
            markeredgecolor=_INK,
            markeredgewidth=1.1,
            linestyle="none",
            gid="summit" if talks.summit else "talks",
            zorder=3,
        )

    for _, low, high in layout.bands:
        axes.axvspan(
            _num(low),
            _num(high),
            facecolor=_BAND,
            alpha=0.16,
            edgecolor="none",
            zorder=0,
            gid="wto-case",
        )

    axes.set_ylim(bottom, -(_ROW + _GAP) / 2)
    axes.set_yticks([])
    axes.tick_params(axis="x", labelbottom=False, length=0)
    axes.set_xlim(_num(layout.left), _num(layout.right))
    axes.grid(axis="x", color="#EEEEEE", linewidth=0.8)
    axes.set_axisbelow(True)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    if not layout.bars and not layout.talks:
        axes.text(
            0.5,
            0.5,
            "No measure in force and no talks in this period",
            transform=axes.transAxes,
            ha="center",
            color=_MUTED,
        )


def _draw_band_names(
    figure: Figure, axes: Axes, layout: ChartLayout, names: Sequence[tuple[str, Spot]]
) -> None:
    """The WTO cases' bands continued below the lanes, each named where it starts."""
    from matplotlib.transforms import offset_copy

    for (_, low, high), (text, spot) in zip(layout.bands, names, strict=True):
        axes.axvspan(_num(low), _num(high), facecolor=_BAND, alpha=0.16, lw=0)
        if spot.row is None:
            continue
        axes.text(
            _num(low),
            spot.row + 0.5,
            text,
            ha="right" if spot.flush_right else "left",
            va="center",
            fontsize=_FONT - 1,
            color=_BAND_INK,
            style="italic",
            gid="wto-case-name",
            transform=offset_copy(
                axes.transData,
                fig=figure,
                x=-2 if spot.flush_right else 2,
                y=0,
                units="points",
            ),
        )
    axes.set_ylim(max(_rows(names), 1), 0)
    axes.axis("off")


def _draw_moves(
    figure: Figure,
    axes: Axes,
    layout: ChartLayout,
    styles: dict[str, CountryStyle],
    placed: Sequence[tuple[str, Spot]],
) -> None:
    """Each labelled move: a leader line from the lanes up to its framed label."""
    from matplotlib.transforms import offset_copy

    axes.set_ylim(0, _rows(placed) + 0.5)
    axes.axis("off")
    for move, (text, spot) in zip(layout.moves, placed, strict=True):
        x = _num(move.date)
        if spot.row is None:
            axes.plot(
                [x],
                [0.25],
                marker="|",
                markersize=6,
                color=_MUTED,
                gid="unlabelled-move",
            )
            continue
        y = spot.row + 1.0
        axes.plot([x, x], [0, y], color="#AAAAAA", linewidth=0.8)
        tint = styles[move.actors[0]].colour if len(move.actors) == 1 else _INK
        axes.plot([x], [y], marker="o", markersize=3.5, color=tint)
        axes.text(
            x,
            y,
            text,
            ha="right" if spot.flush_right else "left",
            va="center",
            fontsize=_FONT,
            color=_INK,
            gid="move",
            bbox={
                "boxstyle": f"round,pad={_PAD_PT / _FONT}",
                "facecolor": "white",
                "edgecolor": tint,
                "linewidth": 0.8,
            },
            transform=offset_copy(
                axes.transData,
                fig=figure,
                x=-_OFFSET_PT if spot.flush_right else _OFFSET_PT,
                y=0,
                units="points",
            ),
        )


def _draw_escalation(
    axes: Axes, layout: ChartLayout, styles: dict[str, CountryStyle]
) -> None:
    top = 1.0
    for country, steps in layout.escalation.items():
        xs = [_num(day) for day, _ in steps] + [_num(layout.right)]
        ys = [score for _, score in steps] + [steps[-1][1]]
        top = max(top, *ys)
        style = styles.get(country)
        axes.step(
            xs,
            ys,
            where="post",
            color=_MUTED if style is None else style.colour,
            linestyle="solid" if style is None else style.line_style,
            linewidth=2.0,
            label=country,
            gid="escalation",
        )
    axes.set_ylim(0, top * 1.15)
    axes.set_ylabel("Escalation index")
    axes.grid(axis="y", color="#EEEEEE", linewidth=0.8)
    axes.grid(axis="x", color="#EEEEEE", linewidth=0.8)
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)


def _date_axis(axes: Axes, layout: ChartLayout) -> None:
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter

    locator = AutoDateLocator(minticks=4, maxticks=12)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_locator(locator)
    formatter = ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
    axes.xaxis.set_major_formatter(formatter)
    axes.set_xlim(_num(layout.left), _num(layout.right))


def _legend_handles(
    layout: ChartLayout, styles: dict[str, CountryStyle]
) -> list[tuple[Any, str]]:
    """(handle, label) of each entry: the countries, then the markers drawn."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    def marker(**style: Any) -> Line2D:
        return Line2D([], [], linestyle="none", **style)

    handles: list[tuple[Any, str]] = [
        (
            (
                Patch(
                    facecolor=style.colour,
                    hatch=style.hatch or None,
                    edgecolor="white",
                    linewidth=0,
                ),
                Line2D([], [], color=style.colour, linestyle=style.line_style, lw=2),
            ),
            country,
        )
        for country, style in styles.items()
    ]
    if any(bar.softened for bar in layout.bars):
        handles.append(
            (
                Patch(facecolor="#999999", hatch="////", edgecolor="white", lw=0),
                "eased or suspended",
            )
        )
    if any(bar.no_end for bar in layout.bars):
        handles.append((marker(marker=">", color=_MUTED), "no end recorded"))
    if layout.bands:
        handles.append((Patch(facecolor=_BAND, alpha=0.3), "WTO case active"))
    if any(not talks.summit for talks in layout.talks):
        handles.append(
            (marker(marker="o", markerfacecolor="white", markeredgecolor=_INK), "talks")
        )
    if any(talks.summit for talks in layout.talks):
        handles.append((marker(marker="*", markersize=11, color=_INK), "summit"))
    return handles


_HANDLE_EM = 2.6
_HANDLE_PAD_EM = 0.8
_COLUMN_GAP_EM = 1.4


def _legend_grid(
    figure: Figure, handles: Sequence[tuple[Any, str]], inches: float
) -> tuple[int, int]:
    """The most columns of legend entries that fit in *inches*, and the rows."""
    em = _FONT / 72
    entries = [
        (_HANDLE_EM + _HANDLE_PAD_EM) * em + _text_inches(figure, label, _FONT)[0]
        for _, label in handles
    ]
    for columns in range(len(entries), 1, -1):
        # matplotlib fills the columns in turn, the first ones one longer.
        rows, longer = divmod(len(entries), columns)
        sizes = [rows + 1] * longer + [rows] * (columns - longer)
        starts = [sum(sizes[:c]) for c in range(columns)]
        widest = [
            max(entries[start : start + size], default=0.0)
            for start, size in zip(starts, sizes, strict=True)
        ]
        if sum(widest) + _COLUMN_GAP_EM * em * (columns - 1) <= inches:
            return columns, math.ceil(len(entries) / columns)
    return 1, max(len(entries), 1)


def _legend(
    figure: Figure,
    handles: Sequence[tuple[Any, str]],
    columns: int,
    corner: tuple[float, float],
) -> None:
    from matplotlib.legend_handler import HandlerTuple

    if not handles:
        return
    figure.legend(
        handles=[handle for handle, _ in handles],
        labels=[label for _, label in handles],
        loc="upper left",
        bbox_to_anchor=corner,
        ncols=columns,
        frameon=False,
        fontsize=_FONT,
        handlelength=_HANDLE_EM,
        handletextpad=_HANDLE_PAD_EM,
        columnspacing=_COLUMN_GAP_EM,
        borderaxespad=0,
        borderpad=0,
        handler_map={tuple: HandlerTuple(ndivide=None, pad=0.2)},
    )
