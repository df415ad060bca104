"""Drawing a `ChartLayout` with matplotlib: the figure `tradedispute.charts` returns.

Only `tradedispute.charts` imports this module, after checking that
matplotlib is installed; matplotlib is imported inside the functions all the
same, so importing this module costs nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tradedispute.charts.layout import ChartLayout
from tradedispute.charts.moves import stack_labels

if TYPE_CHECKING:  # pragma: no cover - matplotlib is an optional extra
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

__all__ = ["COLOURS", "DPI", "SIZE_INCHES", "STYLE", "draw"]

SIZE_INCHES = (11.0, 8.4)
"""The figure's width and height."""

DPI = 150
"""Dots per inch of a saved PNG: 1650 by 1260 pixels, taller when the chart needs it."""

COLOURS = ("#D55E00", "#0072B2", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
"""The Okabe–Ito palette, safe for colour-blind readers: one colour per country."""

FONT = "DejaVu Sans"
"""The font: it ships with matplotlib, so text looks the same everywhere."""

_INK = "#222222"
_MUTED = "#666666"
_BAND = "#E69F00"
_FONT = 9.0

STYLE: dict[str, object] = {
    "font.family": FONT,
    "font.size": _FONT,
    "axes.edgecolor": _MUTED,
    "axes.labelcolor": _INK,
    "xtick.color": _MUTED,
    "ytick.color": _INK,
    "hatch.linewidth": 0.8,
    "svg.hashsalt": "tradedispute",  # SVG ids the same on every save
}
"""matplotlib settings over its defaults, while drawing and saving."""

_ROW = 1.0  # a row's height, in the lanes' data units
_ROW_IN = 0.12  # the least height of a lane's row, in inches
_MIN_LANES_IN = 1.5  # the least height of all the lanes, in inches
_BAR = 0.72  # a bar's height within its row
_GAP = 0.55  # the space between two lanes


def draw(layout: ChartLayout, *, title: str, footer: str) -> Figure:
    """Return a figure of *layout*, under *title*, with *footer* at its foot."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=SIZE_INCHES, dpi=DPI)
    FigureCanvasAgg(figure)  # measures text for the layout; saves any format
    colour = {c: COLOURS[n % len(COLOURS)] for n, c in enumerate(layout.countries)}
    width, height = SIZE_INCHES
    left_in = _lane_label_width(figure, layout) + 0.35
    right_in = 0.35
    frame = (left_in / width, (width - left_in - right_in) / width)

    # From the top, in inches: title, subtitle, legend, moves, lanes, x axis
    # labels, escalation, dates, footer.
    placed = _stack_moves(figure, layout, frame[1] * width)
    moves_in = 0.22 * (max((level for level, _ in placed), default=-1) + 1) + 0.12
    top_in = 1.05
    escalation_in = 1.25
    bottom_in = 0.75
    lanes_in = height - top_in - moves_in - escalation_in - 0.2 - bottom_in
    # Many labelled moves, or many lanes, make the figure taller rather than
    # squeezing the lanes to nothing: the chart of any valid log is drawn.
    rows = sum(len(lane.rows) for lane in layout.lanes) + 1
    needed = max(_MIN_LANES_IN, _ROW_IN * rows)
    if lanes_in < needed:
        height += needed - lanes_in
        lanes_in = needed
        figure.set_size_inches(width, height)

    def axes(bottom_in: float, height_in: float, **kwargs: Any) -> Axes:
        box = (frame[0], bottom_in / height, frame[1], height_in / height)
        return figure.add_axes(box, **kwargs)

    escalation = axes(bottom_in, escalation_in)
    lanes = axes(bottom_in + escalation_in + 0.2, lanes_in, sharex=escalation)
    moves = axes(bottom_in + escalation_in + 0.2 + lanes_in, moves_in, sharex=lanes)

    _draw_lanes(lanes, layout, colour)
    _draw_moves(figure, moves, layout, colour, placed)
    _draw_escalation(escalation, layout, colour)
    _date_axis(escalation, layout)

    figure.text(
        frame[0], 1 - 0.28 / height, title, fontsize=15, weight="bold", color=_INK
    )
    figure.text(
        frame[0],
        1 - 0.52 / height,
        "Each bar is a measure in force, hatched while eased or suspended; "
        "below, each country's escalation index.",
        fontsize=_FONT + 1,
        color=_MUTED,
    )
    _legend(figure, layout, colour, (frame[0], 1 - 0.62 / height))
    figure.text(
        0.012,
        0.018,
        f"{footer}.\nEscalation index: the measures a country has in force, "
        "weighted by kind (tradedispute.views.ESCALATION_WEIGHTS); eased or "
        "suspended ones count half.",
        fontsize=_FONT - 1,
        color=_MUTED,
        linespacing=1.5,
    )
    return figure


def _lane_label_width(figure: Figure, layout: ChartLayout) -> float:
    """The width in inches of the longest lane label."""
    labels = [lane.label for lane in layout.lanes] + ["talks"]
    return max(_text_inches(figure, label, _FONT)[0] for label in labels)


def _text_inches(figure: Figure, text: str, size: float) -> tuple[float, float]:
    from matplotlib.font_manager import FontProperties

    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    font = FontProperties(family=FONT, size=size)
    w, h, _ = renderer.get_text_width_height_descent(text, font, ismath=False)
    return w / figure.dpi, h / figure.dpi


def _days(layout: ChartLayout) -> float:
    return float((layout.right - layout.left).days)


def _stack_moves(
    figure: Figure, layout: ChartLayout, axes_inches: float
) -> list[tuple[int, bool]]:
    """The row of each big move's label, and whether it ends at its date."""
    per_inch = _days(layout) / axes_inches
    widths = [
        (
            float((move.date - layout.left).days),
            (_text_inches(figure, move.text, _FONT)[0] + 0.1) * per_inch,
        )
        for move in layout.moves
    ]
    return stack_labels(widths, length=_days(layout), room=0.12 * per_inch)


def _num(day: dt.date) -> float:
    """The x of a day: matplotlib's days since its epoch."""
    from matplotlib import dates

    date2num: Callable[[dt.date], float] = dates.date2num
    return float(date2num(day))


def _draw_lanes(axes: Axes, layout: ChartLayout, colour: dict[str, str]) -> None:
    from matplotlib.patches import Rectangle

    ticks: list[float] = []
    labels: list[str] = []
    tick_colours: list[str] = []
    row_y: dict[tuple[int, int], float] = {}
    y = 0.0
    if layout.talks:
        ticks.append(y)
        labels.append("talks")
        tick_colours.append(_INK)
        y += _ROW + _GAP
    previous_actor = None
    for n, lane in enumerate(layout.lanes):
        if previous_actor is not None and lane.actor != previous_actor:
            axes.axhline(y - (_ROW + _GAP) / 2, color="#DDDDDD", linewidth=0.8)
        previous_actor = lane.actor
        for r in range(len(lane.rows)):
            row_y[n, r] = y + r * _ROW
        ticks.append(y + (len(lane.rows) - 1) * _ROW / 2)
        labels.append(lane.label)
        tick_colours.append(colour[lane.actor])
        y += len(lane.rows) * _ROW + _GAP
    bottom = y + 0.35  # room for the WTO bands' names

    for bar in layout.bars:
        lane = layout.lanes[bar.lane]
        tint = colour[lane.actor]
        target, subject = lane.rows[bar.row]
        top = row_y[bar.lane, bar.row] - _BAR / 2
        left, right = _num(bar.left), _num(bar.right)
        patch = Rectangle(
            (left, top),
            right - left,
            _BAR,
            facecolor=tint,
            edgecolor="none",
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
                    edgecolor=tint,
                    hatch="////",
                    linewidth=0,
                    gid="softened",
                )
            )
        words = axes.text(
            left + 0.004 * (_num(layout.right) - _num(layout.left)),
            top + _BAR / 2,
            lane.row_label(target, subject),
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
                color=tint,
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

    for case, low, high in layout.bands:
        axes.axvspan(
            _num(low),
            _num(high),
            facecolor=_BAND,
            alpha=0.16,
            edgecolor="none",
            zorder=0,
            gid="wto-case",
        )
        axes.text(
            _num(low),
            bottom - 0.12,
            f" WTO {case}",
            fontsize=_FONT - 1,
            color="#9A6700",
            va="bottom",
            ha="left",
            style="italic",
        )

    axes.set_ylim(bottom, -(_ROW + _GAP) / 2 - 0.1)
    axes.set_yticks(ticks, labels)
    for tick, tint in zip(axes.get_yticklabels(), tick_colours, strict=True):
        tick.set_color(tint)
    axes.tick_params(axis="y", length=0, labelsize=_FONT)
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


def _draw_moves(
    figure: Figure,
    axes: Axes,
    layout: ChartLayout,
    colour: dict[str, str],
    placed: list[tuple[int, bool]],
) -> None:
    from matplotlib.transforms import offset_copy

    axes.set_ylim(0, max((level for level, _ in placed), default=0) + 1.0)
    axes.axis("off")
    for move, (level, flush_right) in zip(layout.moves, placed, strict=True):
        x = _num(move.date)
        y = level + 0.55
        axes.plot([x, x], [0, y], color="#AAAAAA", linewidth=0.8)
        tint = colour[move.actors[0]] if len(move.actors) == 1 else _INK
        axes.plot([x], [y], marker="o", markersize=3.5, color=tint)
        axes.text(
            x,
            y,
            move.text,
            ha="right" if flush_right else "left",
            va="center",
            fontsize=_FONT,
            color=_INK,
            gid="move",
            transform=offset_copy(
                axes.transData,
                fig=figure,
                x=-4 if flush_right else 4,
                y=0,
                units="points",
            ),
        )


def _draw_escalation(axes: Axes, layout: ChartLayout, colour: dict[str, str]) -> None:
    top = 1.0
    for country, steps in layout.escalation.items():
        xs = [_num(day) for day, _ in steps] + [_num(layout.right)]
        ys = [score for _, score in steps] + [steps[-1][1]]
        top = max(top, *ys)
        axes.step(
            xs,
            ys,
            where="post",
            color=colour.get(country, _MUTED),
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


def _legend(
    figure: Figure,
    layout: ChartLayout,
    colour: dict[str, str],
    corner: tuple[float, float],
) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Any] = [
        Patch(facecolor=colour[country], label=country) for country in layout.countries
    ]
    if any(bar.softened for bar in layout.bars):
        handles.append(
            Patch(
                facecolor="#999999",
                hatch="////",
                edgecolor="white",
                linewidth=0,
                label="eased or suspended",
            )
        )

    def marker(label: str, **style: Any) -> Line2D:
        return Line2D([], [], linestyle="none", label=label, **style)

    if any(bar.no_end for bar in layout.bars):
        handles.append(marker("no end recorded", marker=">", color=_MUTED))
    if layout.bands:
        handles.append(Patch(facecolor=_BAND, alpha=0.3, label="WTO case active"))
    if any(not talks.summit for talks in layout.talks):
        handles.append(
            marker("talks", marker="o", markerfacecolor="white", markeredgecolor=_INK)
        )
    if any(talks.summit for talks in layout.talks):
        handles.append(marker("summit", marker="*", markersize=11, color=_INK))
    figure.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=corner,
        ncols=len(handles),
        frameon=False,
        fontsize=_FONT,
        handlelength=1.6,
        columnspacing=1.4,
        borderaxespad=0,
        borderpad=0,
    )
