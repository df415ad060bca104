"""How states and views show in a console and a notebook: one line, and a small table."""

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradedispute import (
    EventLog,
    MeasureImposed,
    PolicyState,
    RestrictionImposed,
    WhitelistRemoved,
)
from tradedispute.core.display import ROWS
from tradedispute.testing import event_logs
from tradedispute.views import EscalationPoint, EscalationSeries, Intervals, Timeline

D = dt.date
SCRIPT = "<script>alert('x')</script>"

#: A repr is a line a console shows whole: no nested maps, whatever the size.
REPR_LENGTH = 200


class Rows(HTMLParser):
    """Counts the table rows of an HTML fragment and keeps its text."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.rows = 0
        self.text: list[str] = []
        self.tags: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.rows += tag == "tr"

    def handle_data(self, data):
        self.text.append(data)


def shown(value) -> tuple[str, str]:
    return repr(value), value._repr_html_()


def check_short(line: str, name: str) -> None:
    assert re.fullmatch(rf"<{name}: [^\n]+>", line), line
    assert len(line) <= REPR_LENGTH


@given(log=event_logs(), day=st.dates(D(2015, 1, 1), D(2025, 12, 31)))
def test_every_state_and_view_has_a_one_line_repr_and_a_table(log, day):
    """Whatever the log: one short line each, and HTML that parses."""
    state = log.state_at(day)
    values = [
        (state, "DisputeState"),
        *((policy, "PolicyState") for policy in state.countries.values()),
        (log.timeline(), "Timeline"),
        (log.intervals(), "Intervals"),
        (log.escalation(), "EscalationSeries"),
    ]
    for value, name in values:
        line, html = shown(value)
        check_short(line, name)
        assert "script" not in Rows(html).tags
        assert line[1:-1] in html


def war() -> EventLog:
    log = EventLog()
    log.append(
        RestrictionImposed(
            id="r1",
            actor="JPN",
            target="KOR",
            effective=D(2019, 7, 4),
            items=frozenset({"photoresist", SCRIPT}),
            measure=f"licence {SCRIPT}",
            note=SCRIPT,
        )
    )
    log.append(
        WhitelistRemoved(id="w1", actor="JPN", target="KOR", effective=D(2019, 8, 28))
    )
    log.append(
        MeasureImposed(
            id="m1",
            measure="kor-duty",
            actor="KOR",
            targets=frozenset({"JPN"}),
            kind="import tariff",
            effective=D(2019, 9, 1),
            legal_basis=SCRIPT,
        )
    )
    return log


def test_a_state_says_what_is_in_force_in_one_line():
    state = war().state_at(D(2019, 9, 1))
    assert "<DisputeState: 2 countries, 4 measures in force, 0 WTO cases>" == repr(
        state
    )
    assert (
        "<PolicyState: 2 export restrictions (KOR), 1 whitelist exclusion (KOR)>"
        == repr(state.country("JPN"))
    )
    assert "<PolicyState: nothing in force>" == repr(PolicyState())


def test_a_policy_names_at_most_three_countries_then_counts_the_rest():
    log = EventLog()
    for code in ("CHN", "KOR", "USA", "VNM", "TWN"):
        log.append(WhitelistRemoved(actor="JPN", target=code, effective=D(2020, 1, 1)))
    assert "<PolicyState: 5 whitelist exclusions (CHN, KOR, TWN +2)>" == repr(
        log.state_at(D(2020, 1, 1)).country("JPN")
    )


@pytest.mark.parametrize(
    "show",
    [
        lambda log: log.state_at(D(2019, 9, 1))._repr_html_(),
        lambda log: log.state_at(D(2019, 9, 1)).country("JPN")._repr_html_(),
        lambda log: log.timeline()._repr_html_(),
        lambda log: log.intervals()._repr_html_(),
    ],
    ids=["DisputeState", "PolicyState", "Timeline", "Intervals"],
)
def test_text_from_the_log_is_escaped_in_a_table(show):
    """A note, an item or a legal basis is data: a <script> in it stays text."""
    html = show(war())
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert SCRIPT in "".join(Rows(html).text)


def many_events(count: int) -> Timeline:
    start = D(2000, 1, 1)
    return Timeline(
        WhitelistRemoved(
            actor="JPN", target="KOR", effective=start + dt.timedelta(days=day)
        )
        for day in range(count)
    )


def test_a_big_timeline_shows_its_first_rows_and_how_many_more():
    """A notebook shows ROWS rows of a long timeline, and says how many it left out."""
    timeline = many_events(ROWS + 37)
    html = timeline._repr_html_()
    header_and_rows = ROWS + 1  # the header row, then ROWS events
    assert header_and_rows == Rows(html).rows
    assert "… 37 more" in html
    assert f"<Timeline: {ROWS + 37} events, 2000-01-01 … 2000-02-26>" == repr(timeline)


def test_a_table_that_fits_shows_every_row_and_no_more_line():
    html = many_events(ROWS)._repr_html_()
    header_and_rows = ROWS + 1
    assert header_and_rows == Rows(html).rows
    assert "more" not in html


def test_empty_views_say_so():
    assert "<Timeline: no events>" == repr(Timeline())
    assert "<Intervals: none>" == repr(Intervals())
    assert "<EscalationSeries: no points>" == repr(EscalationSeries())
    assert 0 == Rows(Timeline()._repr_html_()).rows


def test_views_count_and_date_their_items():
    log = war()
    assert (
        "<Intervals: 4 periods starting 2019-07-04 … 2019-09-01, 4 still in force>"
        == (repr(log.intervals()))
    )
    series = EscalationSeries(
        [
            EscalationPoint(date=D(2019, 7, 4), country="JPN", score=2.0),
            EscalationPoint(date=D(2019, 9, 1), country="KOR", score=1.5),
        ]
    )
    assert "<EscalationSeries: 2 points, 2 countries, 2019-07-04 … 2019-09-01>" == repr(
        series
    )
    assert "<td>1.5</td>" in series._repr_html_()


def test_a_view_is_still_the_tuple_it_was():
    """The reprs change how a view shows, not what it equals."""
    timeline = war().timeline()
    assert tuple(timeline) == timeline
    assert hash(tuple(timeline)) == hash(timeline)
