"""The chart of a dispute, checked through the matplotlib Figure it returns."""

import datetime as dt
import struct
import sys

import pytest
from matplotlib.dates import date2num, num2date
from matplotlib.figure import Figure

from tests.charts.logs import restrictions_a_day_apart
from tests.clocks import FakeClock
from tradedispute import (
    EventLog,
    EventRetracted,
    RestrictionImposed,
    TalksHeld,
    WhitelistRemoved,
    datasets,
)
from tradedispute.charts import DPI, SIZE_INCHES, plot_dispute, save_chart
from tradedispute.charts.moves import stack_labels
from tradedispute.exceptions import (
    InvalidQuery,
    MissingExtra,
    UnsupportedFile,
    UnwritableFile,
)
from tradedispute.stores import MemoryStore

D = dt.date
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def record() -> EventLog:
    return datasets.load("japan-korea")


@pytest.fixture(scope="module")
def chart(record) -> Figure:
    return plot_dispute(record)


def drawn(figure: Figure, gid: str) -> list:
    """Every artist of the figure with that gid, in drawing order."""
    return figure.findobj(lambda artist: artist.get_gid() == gid)


def day(x: float) -> dt.date:
    return num2date(x).date()


def span(patch) -> tuple[dt.date, dt.date]:
    """The first day a rectangle covers and the day after its last."""
    return day(patch.get_x()), day(patch.get_x() + patch.get_width())


def bars(figure: Figure) -> list[tuple[str, dt.date, dt.date]]:
    """(lane, first day, day after the last) of every bar, sorted."""
    return sorted(
        (patch.get_label().split(":")[0], *span(patch))
        for patch in drawn(figure, "interval")
    )


def expected_bars(
    log: EventLog, left: dt.date, right: dt.date, **known
) -> list[tuple[str, dt.date, dt.date]]:
    """The intervals in force on some day of [left, right), clipped, as bars."""
    return sorted(
        (
            f"{interval.actor} · {interval.kind}",
            max(interval.start, left),
            min(interval.end or right, right),
        )
        for interval in log.intervals(**known)
        if interval.kind != "WTO case"
        and interval.start < right
        and (interval.end is None or interval.end > left)
    )


def lanes_axes(figure: Figure):
    (axes,) = {patch.axes for patch in drawn(figure, "interval")}
    return axes


def x_range(figure: Figure) -> tuple[dt.date, dt.date]:
    low, high = lanes_axes(figure).get_xlim()
    return day(low), day(high)


# --- bars ----------------------------------------------------------------------


def test_one_bar_per_interval_in_force(record, chart):
    """Each interval in force is one bar in its lane, from its start to its end."""
    left, right = x_range(chart)
    assert (D(2019, 5, 29), D(2023, 8, 26)) == (left, right)
    expected = expected_bars(record, left, right)
    assert len(expected) == 11
    assert expected == bars(chart)


def test_bars_are_clipped_to_from_and_to(record):
    """With start and end, the bars are the intervals in force then, clipped."""
    figure = plot_dispute(record, start=D(2019, 9, 1), end=D(2020, 3, 8))
    assert (D(2019, 9, 1), D(2020, 3, 9)) == x_range(figure)
    expected = expected_bars(record, D(2019, 9, 1), D(2020, 3, 9))
    assert len(expected) == 7
    assert expected == bars(figure)


def test_intervals_outside_the_range_are_not_drawn(record):
    """Before the first measure there is no bar, and the chart says so."""
    figure = plot_dispute(record, start=D(2019, 1, 1), end=D(2019, 6, 30))
    assert [] == drawn(figure, "interval")
    texts = [
        text.get_text() for text in figure.findobj(lambda a: hasattr(a, "get_text"))
    ]
    assert "No measure in force and no talks in this period" in texts


def test_known_at_draws_the_record_as_it_stood():
    """A retracted event's bar is drawn as known before the retraction, not after."""
    log = EventLog(store=MemoryStore(clock=FakeClock()))
    log.append(
        WhitelistRemoved(id="wl", actor="JPN", target="KOR", effective=D(2019, 8, 28))
    )
    log.append(
        RestrictionImposed(
            id="r",
            actor="JPN",
            target="KOR",
            items={"photoresist"},
            measure="licence",
            effective=D(2019, 7, 4),
        )
    )
    before = log.records()[-1].recorded_at
    log.append(EventRetracted(target_id="wl", reason="misreported"))
    span = {"start": D(2019, 7, 1), "end": D(2019, 12, 31)}
    then = plot_dispute(log, known_at=before, **span)
    now = plot_dispute(log, **span)
    assert [
        ("JPN · export restriction", D(2019, 7, 4), D(2020, 1, 1)),
        ("JPN · whitelist exclusion", D(2019, 8, 28), D(2020, 1, 1)),
    ] == bars(then)
    assert [("JPN · export restriction", D(2019, 7, 4), D(2020, 1, 1))] == bars(now)
    assert f"as recorded by {before.isoformat()}" in footer(then)


def test_softened_spans_are_hatched(chart):
    """An eased restriction and a suspended notice are hatched from that day on."""
    softened = sorted(span(patch) for patch in drawn(chart, "softened"))
    assert [
        (D(2019, 11, 22), D(2023, 3, 21)),  # GSOMIA notice suspended
        (D(2019, 12, 20), D(2023, 3, 23)),  # photoresist eased
    ] == softened


def test_a_measure_with_no_end_is_marked(chart):
    """Japan's quarantine on arrivals from China has no recorded end: one marker."""
    (marker,) = drawn(chart, "no-end")
    assert x_range(chart)[1] == day(marker.get_xdata()[0])


# --- lanes, talks, bands, moves, escalation ----------------------------------------


def test_lanes_are_labelled_by_country_and_kind(chart):
    """One lane per (country, kind), talks on top, each country's lanes together."""
    labels = [text.get_text() for text in drawn(chart, "lane")]
    assert [
        "talks",
        "JPN · export restriction",
        "JPN · whitelist exclusion",
        "JPN · visa waiver suspension",
        "JPN · entry restriction",
        "KOR · whitelist exclusion",
        "KOR · visa waiver suspension",
        "KOR · termination notice",
        "KOR · open demand",
    ] == labels


def test_bars_name_their_row():
    """A bar names its item, and its target too when the lane has several."""
    log = EventLog()
    for target in ("KOR", "CHN"):
        log.append(
            RestrictionImposed(
                actor="JPN",
                target=target,
                items={"photoresist"},
                measure="licence",
                effective=D(2019, 7, 4),
            )
        )
    log.append(WhitelistRemoved(actor="JPN", target="KOR", effective=D(2019, 8, 28)))
    labels = [patch.get_label() for patch in drawn(plot_dispute(log), "interval")]
    assert [
        "JPN · export restriction: photoresist (CHN)",
        "JPN · export restriction: photoresist (KOR)",
        "JPN · whitelist exclusion: KOR",
    ] == sorted(labels)


def test_talks_and_summits_are_markers(record, chart):
    """Each round of talks is a circle on its date, and a summit a star."""
    rounds = [event for event in record.events() if isinstance(event, TalksHeld)]
    summits = [e.effective for e in rounds if e.level == "summit"]
    others = [e.effective for e in rounds if e.level != "summit"]
    assert [D(2019, 12, 24), D(2023, 3, 16)] == summits
    assert others == [day(m.get_xdata()[0]) for m in drawn(chart, "talks")]
    assert summits == [day(m.get_xdata()[0]) for m in drawn(chart, "summit")]
    assert {"o"} == {m.get_marker() for m in drawn(chart, "talks")}
    assert {"*"} == {m.get_marker() for m in drawn(chart, "summit")}


def test_wto_case_is_a_band_while_active(chart):
    """DS590 is a band for each spell it was actively pursued."""
    bands = sorted(span(band) for band in drawn(chart, "wto-case"))
    assert [
        (D(2019, 9, 11), D(2019, 11, 22)),
        (D(2020, 6, 2), D(2023, 3, 6)),
    ] == bands


def test_big_moves_are_labelled_with_their_dates(chart):
    """The big moves carry dated labels; two mirrored moves of a day share one."""
    assert [
        "4 Jul 2019  JPN restricts exports to KOR",
        "23 Aug 2019  KOR gives notice to end GSOMIA",
        "28 Aug 2019  JPN drops KOR from whitelist",
        "11 Sep 2019  KOR takes JPN to the WTO (DS590)",
        "18 Sep 2019  KOR drops JPN from whitelist",
        "9 Mar 2020  JPN and KOR suspend visa waivers for each other",
        "23 Mar 2023  JPN lifts export restrictions on KOR",
        "24 Apr 2023  KOR puts JPN back on whitelist",
        "21 Jul 2023  JPN puts KOR back on whitelist",
    ] == [text.get_text() for text in drawn(chart, "move")]


def test_labels_of_big_moves_do_not_overlap(chart):
    """No two labels of big moves overlap, and none runs past the figure."""
    renderer = chart.canvas.get_renderer()
    boxes = [text.get_window_extent(renderer) for text in drawn(chart, "move")]
    width = chart.get_figwidth() * chart.dpi
    for n, box in enumerate(boxes):
        assert box.x0 >= 0
        assert box.x1 <= width
        for other in boxes[n + 1 :]:
            assert not box.overlaps(other)


def test_no_leader_line_crosses_a_label(chart):
    """A big move's leader line stops below every label it would run through."""
    renderer = chart.canvas.get_renderer()
    texts = drawn(chart, "move")
    boxes = [text.get_window_extent(renderer) for text in texts]
    axes = texts[0].axes
    for text in texts:
        x, top = axes.transData.transform(
            (text.get_position()[0], text.get_position()[1])
        )
        for box, other in zip(boxes, texts, strict=True):
            if other is not text and box.x0 < x < box.x1:
                assert top < box.y0


def rows(spots) -> list[tuple[int | None, bool]]:
    return [(spot.row, spot.flush_right) for spot in spots]


def test_stacked_labels_step_down_to_the_right():
    """Left-aligned labels that span later dates go above the labels of those dates."""
    spots = stack_labels([(0, 50), (10, 50), (20, 50), (60, 10)], length=100, room=1)
    assert [(3, False), (2, False), (1, False), (0, False)] == rows(spots)


def test_stacked_labels_near_the_end_end_at_their_date():
    """A label that would run past the end ends at its date, above those it spans."""
    spots = stack_labels([(10, 20), (80, 30), (95, 30)], length=100, room=1)
    assert [(0, False), (0, True), (1, True)] == rows(spots)


def test_stacked_labels_that_span_each_other_leave_one_unlabelled():
    """Two labels over each other's dates cannot both clear: the later gets no row."""
    spots = stack_labels([(80, 15), (90, 20)], length=100, room=1)
    assert [(0, False), (None, True)] == rows(spots)


def test_stacked_labels_beyond_the_rows_get_none():
    """Past max_rows a label has no row; the others keep theirs."""
    spots = stack_labels([(10, 30)] * 5, length=100, room=1, max_rows=3)
    assert [0, 1, 2, None, None] == [spot.row for spot in spots]


def test_labels_without_leaders_share_a_row_when_apart():
    """Without leader lines a label need not rise above the dates it spans."""
    spots = stack_labels(
        [(0, 50), (10, 20), (60, 10)], length=100, room=1, leaders=False
    )
    assert [0, 1, 0] == [spot.row for spot in spots]


def test_two_labels_on_a_row_keep_the_room_between_them():
    """Boxes of one row are at least room apart, so two labels never read as one."""
    spots = stack_labels([(0, 10), (12, 10), (23, 10)], length=100, room=2)
    assert [0, 1, 0] == [spot.row for spot in spots]
    assert (10, 21) == (spots[0].high, spots[2].low)


def test_escalation_is_a_step_line_per_country(record, chart):
    """Each country's escalation index is a step line that follows the series."""
    lines = drawn(chart, "escalation")
    assert ["JPN", "KOR"] == [line.get_label() for line in lines]
    series = record.escalation()
    for line in lines:
        assert "steps-post" == line.get_drawstyle()
        for x, y in zip(line.get_xdata()[:-1], line.get_ydata()[:-1], strict=True):
            assert series.at(day(x)).get(line.get_label(), 0.0) == y
    assert (1.0, 0.0) == tuple(line.get_ydata()[-1] for line in lines)


def test_escalation_starts_at_its_value_on_the_first_day(record):
    """Drawn from a later start, a line begins at the index on that day."""
    figure = plot_dispute(record, start=D(2021, 1, 1), end=D(2021, 12, 31))
    lines = drawn(figure, "escalation")
    assert [[12.0, 12.0], [7.5, 7.5]] == [list(line.get_ydata()) for line in lines]


def footer(figure: Figure) -> str:
    return figure.texts[-1].get_text()


def title(figure: Figure) -> str:
    return figure.texts[0].get_text()


def test_title_and_source(record, chart):
    """The title names the countries and years; the footer gives the source."""
    assert "Japan and South Korea: measures in force, 2019–2023" == title(chart)
    assert footer(chart).startswith("Source: a tradedispute event log.")
    figure = plot_dispute(record, title="Chips and visas", source="Source: us")
    assert "Chips and visas" == title(figure)
    assert footer(figure).startswith("Source: us.")


def test_titles_of_other_logs():
    """One country, or the EU, or none acting: the title still reads."""
    log = EventLog()
    log.append(
        WhitelistRemoved(id="a", actor="EUN", target="JPN", effective=D(2021, 5, 1))
    )
    assert "the EU: measures in force, 2021" == title(plot_dispute(log))
    log.append(
        WhitelistRemoved(id="b", actor="CHN", target="JPN", effective=D(2022, 5, 1))
    )
    assert "China and the EU: measures in force, 2021–2022" == title(plot_dispute(log))
    talks = EventLog()
    talks.append(
        TalksHeld(
            parties={"JPN", "KOR"},
            level="working level",
            format="video",
            outcome="no_deal",
            effective=D(2020, 1, 6),
        )
    )
    assert "Measures in force, 2019–2020" == title(plot_dispute(talks))


def test_one_open_bound_keeps_a_margin(record):
    """Given only a start, or only an end, the other side keeps its margin."""
    assert (D(2021, 1, 1), D(2023, 8, 26)) == x_range(
        plot_dispute(record, start=D(2021, 1, 1))
    )
    assert (D(2019, 5, 29), D(2020, 1, 1)) == x_range(
        plot_dispute(record, end=D(2019, 12, 31))
    )


# --- saving ----------------------------------------------------------------------


def png_size(data: bytes) -> tuple[int, int]:
    assert PNG_MAGIC == data[:8]
    return struct.unpack(">II", data[16:24])


def test_save_writes_the_same_png_every_time(chart, tmp_path):
    """save_chart writes a PNG of the fixed size, the same bytes on every save."""
    first, second = tmp_path / "a.png", tmp_path / "b.png"
    save_chart(chart, first)
    save_chart(chart, second)
    width, height = SIZE_INCHES
    assert (int(width * DPI), int(height * DPI)) == png_size(first.read_bytes())
    assert first.read_bytes() == second.read_bytes()
    assert b"Software" not in first.read_bytes()
    assert ["a.png", "b.png"] == sorted(p.name for p in tmp_path.iterdir())


@pytest.mark.parametrize(("suffix", "magic"), [(".svg", b"<?xml"), (".pdf", b"%PDF")])
def test_save_svg_and_pdf(chart, tmp_path, suffix, magic):
    """The suffix chooses the format; SVG and PDF are reproducible too."""
    first, second = tmp_path / f"a{suffix}", tmp_path / f"b{suffix}"
    save_chart(chart, first)
    save_chart(chart, second)
    assert magic == first.read_bytes()[: len(magic)]
    assert first.read_bytes() == second.read_bytes()


def test_save_into_a_missing_folder(chart, tmp_path):
    """A missing folder is an UnwritableFile naming the path; nothing is created."""
    path = tmp_path / "missing" / "chart.png"
    with pytest.raises(UnwritableFile, match="missing") as error:
        save_chart(chart, path)
    assert str(path) == error.value.path
    assert [] == list(tmp_path.iterdir())


def test_save_onto_a_folder(chart, tmp_path):
    """A path that is a folder cannot be written; nothing is left behind."""
    folder = tmp_path / "chart.png"
    folder.mkdir()
    with pytest.raises(UnwritableFile, match="cannot write") as error:
        save_chart(chart, folder)
    assert str(folder) == error.value.path
    assert ["chart.png"] == [p.name for p in tmp_path.iterdir()]


def test_save_with_an_unknown_suffix(chart, tmp_path):
    """A suffix other than .png, .svg or .pdf is UnsupportedFile, listing those."""
    with pytest.raises(UnsupportedFile, match=r"\.pdf, \.png, \.svg"):
        save_chart(chart, tmp_path / "chart.gif")
    assert [] == list(tmp_path.iterdir())


def test_a_failed_save_leaves_the_old_file(chart, tmp_path, monkeypatch):
    """If drawing fails mid-save, the old file stays as it was and no temp is left."""
    path = tmp_path / "chart.png"
    path.write_bytes(b"old")

    def fail(*args, **kwargs):
        args[0].write(b"partial")
        raise RuntimeError("renderer broke")

    monkeypatch.setattr(chart, "savefig", fail)
    with pytest.raises(RuntimeError, match="renderer broke"):
        save_chart(chart, path)
    assert b"old" == path.read_bytes()
    assert ["chart.png"] == [p.name for p in tmp_path.iterdir()]


# --- arguments and the extra ---------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "problem"),
    [
        ({"start": D(2020, 1, 1), "end": D(2019, 1, 1)}, "start is after the end"),
        ({"start": "2019-1-1"}, "start: '2019-1-1' is not a date"),
        (
            {"end": dt.datetime(2020, 1, 1, 12)},
            "end is a day, and .* has a time of day",
        ),
        ({"known_at": dt.datetime(2020, 1, 1)}, "known_at"),
    ],
    ids=["reversed", "text", "datetime", "naive-moment"],
)
def test_bad_arguments(record, arguments, problem):
    """Bad bounds or moments are InvalidQuery, saying what would be valid."""
    with pytest.raises(InvalidQuery, match=problem):
        plot_dispute(record, **arguments)


def test_an_empty_log_needs_both_bounds():
    """With no events there is no range to guess: both bounds are needed."""
    with pytest.raises(InvalidQuery, match="no events"):
        plot_dispute(EventLog(), start=D(2020, 1, 1))
    figure = plot_dispute(EventLog(), start=D(2020, 1, 1), end=D(2020, 12, 31))
    assert [] == drawn(figure, "interval")
    assert "Measures in force, 2020" == title(figure)


def test_without_matplotlib(record, chart, monkeypatch, tmp_path):
    """Without matplotlib, plotting and saving raise MissingExtra naming the extra."""
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    for call in (
        lambda: plot_dispute(record),
        lambda: save_chart(chart, tmp_path / "x.png"),
    ):
        with pytest.raises(
            MissingExtra, match=r"pip install 'tradedispute\[plot\]'"
        ) as error:
            call()
        assert "plot" == error.value.extra
    assert [] == list(tmp_path.iterdir())


def test_bars_share_the_dates_of_the_escalation_axes(chart):
    """The lanes and the escalation index share one date axis."""
    lines = drawn(chart, "escalation")
    assert lanes_axes(chart).get_xlim() == lines[0].axes.get_xlim()
    assert date2num(D(2019, 5, 29)) == lines[0].axes.get_xlim()[0]


def test_many_labelled_moves_make_the_chart_taller_not_broken():
    """Rule: a cluster of labelled moves never leaves the lanes a negative height.

    Thirty restrictions a day apart once did, and matplotlib raised "Width and
    height specified must be non-negative".
    """
    log = EventLog()
    log.extend(restrictions_a_day_apart(30))

    figure = plot_dispute(log)

    width, height = figure.get_size_inches()
    assert 11.0 == width
    assert 8.4 < height
    assert 30 == len(drawn(figure, "move")) + len(drawn(figure, "unlabelled-move"))
