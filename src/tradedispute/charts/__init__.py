"""The chart of a dispute: measures in force, talks, WTO cases and escalation.

`plot_dispute` draws a log as a matplotlib `Figure`: one lane per country and
kind of measure with a bar for each interval in force (hatched while eased
or suspended), the rounds of talks and the summits as markers, a band for
each spell of an active WTO case, the dates of the big moves labelled above,
and each country's escalation index beneath. `save_chart` writes it to a
PNG, SVG or PDF file, byte for byte the same on every run of one version.

matplotlib is optional: ``pip install 'tradedispute[plot]'``. Without it,
both functions raise `MissingExtra` naming the extra. The figure is built
without pyplot, so no window opens and no global figure is kept.

Every drawn element has a ``gid`` saying what it is: ``"interval"`` (a bar;
its ``get_label()`` is the interval's lane and row), ``"softened"``,
``"no-end"``, ``"wto-case"``, ``"wto-case-name"``, ``"talks"``,
``"summit"``, ``"lane"`` (a lane's name), ``"move"`` (the framed label of a
big move), ``"unlabelled-move"`` (the tick of a move with no room for its
label) and ``"escalation"`` (a country's line, labelled with its code).

Whatever the log, the chart is drawn: no two labels overlap, a label that
would run off the figure is cut short with "…", at most `MAX_MOVE_ROWS` rows
of move labels are stacked (a move with no room is a tick, and the footer
counts them), and the figure grows taller with the lanes up to
`MAX_HEIGHT_INCHES`. Countries get a colour of the Okabe–Ito palette, then a
line style and hatch: the first `DISTINCT_COUNTRIES` are told apart.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tradedispute.charts.drawing import (
    DPI,
    MAX_HEIGHT_INCHES,
    MAX_MOVE_ROWS,
    SIZE_INCHES,
    STYLE,
    draw,
)
from tradedispute.charts.layout import lay_out
from tradedispute.charts.palette import COLOURS, DISTINCT_COUNTRIES, country_styles
from tradedispute.core.arguments import check_day
from tradedispute.exceptions import (
    ChartError,
    UnsupportedFile,
    UnwritableFile,
    missing_extra,
)

if TYPE_CHECKING:  # pragma: no cover - matplotlib is an optional extra
    from matplotlib.figure import Figure

    from tradedispute.log.eventlog import EventLog

__all__ = [
    "COLOURS",
    "DISTINCT_COUNTRIES",
    "DPI",
    "MAX_HEIGHT_INCHES",
    "MAX_MOVE_ROWS",
    "SIZE_INCHES",
    "country_styles",
    "plot_dispute",
    "save_chart",
]

_SAVERS: dict[str, dict[str, Any]] = {
    # What makes each format's bytes depend on nothing but the figure.
    ".png": {"format": "png", "metadata": {"Software": None}},
    ".svg": {"format": "svg", "metadata": {"Creator": None, "Date": None}},
    ".pdf": {
        "format": "pdf",
        "metadata": {"Creator": None, "Producer": None, "CreationDate": None},
    },
}


def _require_matplotlib(feature: str) -> None:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise missing_extra(feature, "matplotlib", "plot") from None


@contextlib.contextmanager
def _style() -> Iterator[None]:
    """Matplotlib's defaults, whatever the user's matplotlibrc says, and ours."""
    from matplotlib.style import context

    with context(["default", STYLE]):
        yield


def plot_dispute(
    log: EventLog,
    *,
    known_at: dt.datetime | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    title: str | None = None,
    source: str | None = None,
) -> Figure:
    """Return the chart of *log*: its measures, talks, WTO cases and escalation.

    Args:
        log: The log to draw.
        known_at: Draw the record as it stood at this moment; `None`: now.
        start: The first day drawn; by default a few weeks before the first
            event.
        end: The last day drawn; by default a few weeks after the last event.
        title: The title; by default it names the countries and the years.
        source: The source line at the foot; by default a generic one.

    Returns:
        A `matplotlib.figure.Figure` of `SIZE_INCHES`; save it with
        `save_chart` (or ``figure.savefig``).

    Raises:
        MissingExtra: matplotlib is not installed.
        InvalidQuery: *start* or *end* is not a date, *start* is after
            *end*, the log has no events and a bound is missing, or
            *known_at* is not an aware `datetime.datetime`.
        ChartError: matplotlib cannot draw the chart (no valid log is
            known to make it fail).
    """
    _require_matplotlib("plot_dispute()")
    first = None if start is None else check_day("start", start)
    last = None if end is None else check_day("end", end)
    layout = lay_out(log.timeline(known_at=known_at), start=first, end=last)
    footer = source or "Source: a tradedispute event log"
    if known_at is not None:
        footer += f", as recorded by {known_at.isoformat()}"
    with _style():
        try:
            return draw(layout, title=title or layout.title, footer=footer)
        except (ValueError, OverflowError) as error:  # a limit of matplotlib's
            raise ChartError(
                f"cannot draw the chart from {layout.left} to {layout.right}: "
                f"matplotlib says {error}; draw fewer days with start and end"
            ) from error


def _check_chart_path(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Check that `save_chart` can write to *path*; return its savefig options.

    The command line calls it before drawing anything.

    Raises:
        UnsupportedFile: the suffix is not ``.png``, ``.svg`` or ``.pdf``.
        UnwritableFile: the folder does not exist.
    """
    target = Path(path)
    options = _SAVERS.get(target.suffix.lower())
    if options is None:
        raise UnsupportedFile(
            f"{target}: cannot tell the kind of chart from the suffix "
            f"{target.suffix!r}; use one of {', '.join(sorted(_SAVERS))}",
            path=str(target),
        )
    if not target.parent.is_dir():
        raise UnwritableFile(
            f"{target}: the folder {target.parent} does not exist; create it "
            "or write the chart elsewhere",
            path=str(target),
        )
    return options


def save_chart(figure: Figure, path: str | os.PathLike[str]) -> None:
    """Write *figure* to *path* as PNG, SVG or PDF, chosen by the suffix.

    The file holds no date or software version, so the same figure gives the
    same bytes. It is written whole or not at all: a failed save leaves no
    file behind and an existing file as it was. A file written over keeps
    its permissions.

    Raises:
        MissingExtra: matplotlib is not installed.
        UnsupportedFile: the suffix is not ``.png``, ``.svg`` or ``.pdf``.
        UnwritableFile: the folder does not exist, or the file cannot be
            written there.
    """
    _require_matplotlib("save_chart()")
    options = _check_chart_path(path)
    target = Path(path)
    # Written beside the target, then renamed over it: all or nothing.
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    try:
        # A file written over keeps its permissions (a private chart stays so).
        mode = target.stat().st_mode & 0o7777 if target.exists() else None
        with temporary.open("xb") as file, _style():
            figure.savefig(file, dpi=DPI, **options)
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise UnwritableFile(
            f"{target}: cannot write the chart there ({error.strerror or error})",
            path=str(target),
        ) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
