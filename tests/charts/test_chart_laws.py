"""Laws of the chart over generated logs: it is always drawn, and its labels never overlap.

The layout is checked, not the pixels: the boxes are the drawn texts' window
extents (a move label's frame included), as the Agg renderer measures them.
"""

import datetime as dt
import io
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from tests.charts.logs import restrictions_a_day_apart
from tradedispute import (
    AgreementTerminationNoticed,
    ChartError,
    EventLog,
    RestrictionImposed,
    WhitelistRemoved,
)
from tradedispute.charts import (
    DISTINCT_COUNTRIES,
    MAX_HEIGHT_INCHES,
    MAX_MOVE_ROWS,
    country_styles,
    plot_dispute,
)
from tradedispute.cli import main
from tradedispute.datasets import load
from tradedispute.testing import event_logs

D = dt.date
TWELVE = (
    "JPN", "KOR", "CHN", "USA", "EUN", "AUS", "CAN", "MEX", "GBR", "IND", "BRA", "ZAF",
)  # fmt: skip
EXAMPLES = settings(max_examples=12)


def drawn(figure: Figure, gid: str) -> list:
    return figure.findobj(lambda artist: artist.get_gid() == gid)


def label_boxes(figure: Figure) -> Iterator[tuple[str, Bbox]]:
    """(text, box) of every label: moves (their frames), WTO case names, lanes."""
    renderer = figure.canvas.get_renderer()
    for text in drawn(figure, "move"):
        yield text.get_text(), text.get_bbox_patch().get_window_extent(renderer)
    for gid in ("wto-case-name", "lane"):
        for text in drawn(figure, gid):
            yield text.get_text(), text.get_window_extent(renderer)


def assert_laid_out(figure: Figure) -> None:
    """No two labels touch, none leaves the figure, no leader line crosses one."""
    figure.canvas.draw()  # lays out every artist, as saving does
    width, height = figure.get_size_inches() * figure.dpi
    boxes = list(label_boxes(figure))
    for n, (text, box) in enumerate(boxes):
        assert 0 <= box.x0, text
        assert box.x1 <= width, text
        for other, other_box in boxes[n + 1 :]:
            assert not box.overlaps(other_box), (text, other)
    moves = drawn(figure, "move")
    frames = [text.get_bbox_patch().get_window_extent() for text in moves]
    for text in moves:
        x, top = text.axes.transData.transform(text.get_position())
        for frame, other in zip(frames, moves, strict=True):
            if other is not text and frame.x0 < x < frame.x1:
                assert top < frame.y0
    assert height <= MAX_HEIGHT_INCHES * figure.dpi + 1


def drawn_and_saved(log: EventLog, **bounds: dt.date) -> Figure:
    """The chart, saved as a PNG and checked; an empty log's over a summer."""
    if not log.events() and not bounds:
        bounds = {"start": D(2019, 7, 1), "end": D(2019, 9, 30)}
    figure = plot_dispute(log, **bounds)
    figure.savefig(io.BytesIO(), format="png")
    assert_laid_out(figure)
    return figure


@st.composite
def dense_clusters(draw: st.DrawFn) -> EventLog:
    """A log of many labelled moves within a few days of one another.

    Restrictions and whitelist removals among twelve countries, all on one
    day, a day apart or spread over a month, with items of any length.
    """
    count = draw(st.integers(1, 80))
    spread = draw(st.sampled_from([0, 1, 3, 30]))
    first = draw(st.dates(D.min, D.max - dt.timedelta(days=spread)))
    days = sorted(
        first + dt.timedelta(days=draw(st.integers(0, spread))) for _ in range(count)
    )
    names = st.text(min_size=1, max_size=draw(st.sampled_from([10, 200])))
    events = []
    for n, day in enumerate(days):
        actor, target = draw(st.permutations(TWELVE))[:2]
        if draw(st.booleans()):
            item = f"{n} {draw(names)}"
            events.append(
                RestrictionImposed(
                    actor=actor,
                    target=target,
                    items={item},
                    measure="licence",
                    effective=day,
                )
            )
        else:
            events.append(
                WhitelistRemoved(
                    actor=actor, target=target, effective=day, list_name=str(n)
                )
            )
    log = EventLog()
    for event in events:
        if not any(
            type(event) is type(seen)
            and (event.actor, event.target) == (seen.actor, seen.target)
            and isinstance(event, WhitelistRemoved)
            for seen in log.events()
        ):
            log.append(event)
    return log


@EXAMPLES
@given(event_logs(max_chains=12))
def test_any_log_is_drawn_with_no_label_over_another(log):
    """plot_dispute never raises on a valid log, and its labels keep apart."""
    drawn_and_saved(log)


@EXAMPLES
@given(event_logs(min_date=D(1, 1, 1), max_date=D(9999, 12, 31), max_chains=6))
def test_logs_at_the_extreme_dates_are_drawn(log):
    """Dates from year 1 to 9999 keep inside what a date and matplotlib can hold."""
    drawn_and_saved(log)


@EXAMPLES
@given(event_logs(countries=TWELVE, max_chains=16))
def test_logs_of_twelve_countries_are_drawn(log):
    """Many countries: many lanes, a legend over several rows, labels apart."""
    drawn_and_saved(log)


@EXAMPLES
@given(dense_clusters())
def test_dense_clusters_are_drawn_with_no_label_over_another(log):
    """Moves a day apart, or hundreds on one day, are stacked or left as ticks."""
    figure = drawn_and_saved(log)
    rows = {round(text.get_position()[1]) for text in drawn(figure, "move")}
    assert len(rows) <= MAX_MOVE_ROWS
    ticks = drawn(figure, "unlabelled-move")
    assert len(log.events()) >= len(drawn(figure, "move")) + len(ticks)
    if ticks:
        assert f"{len(ticks)} of " in figure.texts[-1].get_text()


@EXAMPLES
@given(dense_clusters(), st.dates(), st.integers(0, 2))
def test_any_range_is_drawn(log, start, days):
    """Any start, and a range of one to three days, down to the last date."""
    end = (
        D.max if D.max - start < dt.timedelta(days=days) else start + dt.timedelta(days)
    )
    drawn_and_saved(log, start=start, end=end)


def test_a_chart_to_the_last_date_has_a_day_to_show():
    """Rule: a range must hold a day; 9999-12-31 has no day after it to end one.

    A chart of that day alone shows the day before, and matplotlib is not asked
    for an axis of no width.
    """
    log = EventLog()
    log.append(WhitelistRemoved(actor="JPN", target="KOR", effective=D.max))
    figure = drawn_and_saved(log, start=D.max, end=D.max)
    low, high = figure.axes[0].get_xlim()
    one_day = 1.0  # matplotlib's date axis counts in days
    assert one_day == high - low


def test_texts_are_one_line_in_the_fonts_glyphs_and_never_mathtext():
    r"""Rule: an item's name is drawn as written, never parsed as mathtext.

    "$\\frac$" once raised matplotlib's ParseSyntaxException; a line break
    made a label two lines high and glyphs the font lacks warned.
    """
    log = EventLog()
    for n, item in enumerate(["$\\frac$", "日本", "a\nb\x00"]):
        log.append(
            RestrictionImposed(
                actor="JPN",
                target="KOR",
                items={item},
                measure="licence",
                effective=D(2019, 7, 1) + dt.timedelta(days=20 * n),
            )
        )
    figure = drawn_and_saved(log)
    bars = [
        text.get_text()
        for text in figure.axes[1].texts
        if text.get_gid() is None and text.get_color() == "white"
    ]
    assert ["$\\frac$", "\ufffd\ufffd", "a b\ufffd"] == bars


def test_a_label_too_long_for_the_chart_is_cut_short():
    """A label wider than the room after its date ends with "…" inside the figure."""
    log = EventLog()
    log.append(
        AgreementTerminationNoticed(
            actor="KOR", target="JPN", agreement="x" * 500, effective=D(2019, 7, 1)
        )
    )
    (label,) = [text.get_text() for text in drawn(drawn_and_saved(log), "move")]
    assert label.startswith("1 Jul 2019  KOR gives notice to end xxx")
    assert label.endswith("…")
    assert len(label) < 300


def test_twelve_countries_each_have_their_own_colour_and_style():
    """The first DISTINCT_COUNTRIES countries get pairwise different pairs."""
    assert 12 <= DISTINCT_COUNTRIES
    styles = country_styles([f"C{n:02}" for n in range(DISTINCT_COUNTRIES)])
    pairs = {(s.colour, s.line_style) for s in styles.values()}
    hatches = {(s.colour, s.hatch) for s in styles.values()}
    assert DISTINCT_COUNTRIES == len(pairs) == len(hatches)


def test_twelve_countries_are_told_apart_on_the_chart():
    """Each of twelve countries' escalation line and bars look different."""
    log = EventLog()
    for n, actor in enumerate(TWELVE):
        log.append(
            WhitelistRemoved(
                actor=actor,
                target=TWELVE[n - 1],
                effective=D(2019, 7, 1) + dt.timedelta(days=9 * n),
            )
        )
    figure = drawn_and_saved(log)
    lines = drawn(figure, "escalation")
    assert sorted(TWELVE) == sorted(line.get_label() for line in lines)
    looks = {(line.get_color(), line.get_linestyle()) for line in lines}
    assert 12 == len(looks)
    bars = {
        (tuple(patch.get_facecolor()), patch.get_hatch())
        for patch in drawn(figure, "interval")
    }
    assert 12 == len(bars)


def test_the_command_line_draws_a_dense_cluster(tmp_path, capsys):
    """Rule: plot writes the chart of any valid log, never a traceback.

    Thirty restrictions a day apart once crashed it inside matplotlib.
    """
    path = tmp_path / "log.jsonl"
    log = EventLog.open(path)
    log.extend(restrictions_a_day_apart(30))
    log.close()
    assert 0 == main(["plot", str(path), "-o", str(tmp_path / "chart.png")])
    assert "" == capsys.readouterr().err
    assert (tmp_path / "chart.png").read_bytes().startswith(b"\x89PNG")


def test_a_chart_matplotlib_cannot_draw_is_an_error_with_a_message(
    tmp_path, capsys, monkeypatch
):
    """Should matplotlib refuse a chart, plot says why and exits 2: no traceback."""
    import tradedispute.charts

    def refuse(*args, **kwargs):
        raise ValueError("Image size of 1650x99999 pixels is too large")

    monkeypatch.setattr(tradedispute.charts, "draw", refuse)
    output = tmp_path / "chart.png"
    assert 2 == main(["plot", "--dataset", "japan-korea", "-o", str(output)])
    error = capsys.readouterr().err
    assert "cannot draw the chart from 2019-05-29" in error
    assert "too large" in error
    assert "Traceback" not in error
    assert not output.exists()


def test_a_chart_matplotlib_cannot_draw_is_a_chart_error(monkeypatch):
    """plot_dispute tells a limit of matplotlib's as ChartError, with the days drawn."""
    import tradedispute.charts

    def refuse(*args, **kwargs):
        raise ValueError("Image size of 1650x99999 pixels is too large")

    monkeypatch.setattr(tradedispute.charts, "draw", refuse)
    with pytest.raises(ChartError, match="draw fewer days with start and end"):
        tradedispute.charts.plot_dispute(load("japan-korea"))
