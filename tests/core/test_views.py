"""The analyst's views: measures, diff, intervals, escalation and reciprocity.

Laws are Hypothesis properties over tradedispute.testing; the examples pin
each rule on the Japan–Korea record or on a tiny log made by hand.
"""

import datetime as dt
import itertools

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradedispute import (
    AgreementTerminationNoticed,
    AgreementTerminationSuspended,
    DemandMade,
    DisputeState,
    EntryRestrictionImposed,
    EventLog,
    FrozenMap,
    MeasureEvent,
    RestrictionEased,
    RestrictionImposed,
    RestrictionLifted,
    TalksHeld,
    VisaWaiverSuspended,
    WhitelistRemoved,
    WhitelistRestored,
    WTOComplaintDropped,
    WTOComplaintFiled,
    WTOComplaintResumed,
    apply,
    datasets,
    kinds,
    replay,
)
from tradedispute.charts.layout import softened_spans
from tradedispute.core.measures import (
    Measure,
    measure_changes,
    measure_map,
    measures,
)
from tradedispute.core.reciprocity import FAMILIES, reciprocity
from tradedispute.core.views import (
    ESCALATION_WEIGHTS,
    Change,
    EscalationPoint,
    Interval,
    daily_changes,
    diff,
    escalation,
    escalation_series,
    intervals,
)
from tradedispute.exceptions import InvalidQuery
from tradedispute.testing import event_logs

D = dt.date
ONE_DAY = dt.timedelta(days=1)
FAR_PAST = D(1990, 1, 1)
FAR_FUTURE = D(2100, 1, 1)
THREE = ("fluorinated polyimide", "hydrogen fluoride", "photoresist")
DEMAND = "restore export rules to the level before July 2019"
JPN_KOR = {"actor": "JPN", "target": "KOR"}
KOR_JPN = {"actor": "KOR", "target": "JPN"}


@pytest.fixture(scope="module")
def record():
    return datasets.load("japan-korea")


def log_of(*events):
    log = EventLog()
    log.extend(events)
    return log


def days_around(events):
    """Every effective date, the day before each, and two far dates."""
    days = {e.effective + delta for e in events for delta in (-ONE_DAY, 0 * ONE_DAY)}
    return sorted(days | {FAR_PAST, FAR_FUTURE})


def impose(event_id, day, *items, actor="JPN", target="KOR"):
    return RestrictionImposed(
        id=event_id,
        actor=actor,
        target=target,
        items=items,
        measure="licence",
        effective=day,
    )


def lift(event_id, day, *items, actor="JPN", target="KOR"):
    return RestrictionLifted(
        id=event_id, actor=actor, target=target, items=items, effective=day
    )


# --- laws -------------------------------------------------------------------------


@given(event_logs())
def test_measures_are_sorted_by_their_unique_keys(log):
    """measures() lists each key once, sorted, for every state."""
    for day in days_around(log):
        keys = [measure.key for measure in measures(log.state_at(day))]
        assert sorted(set(keys)) == keys


def states_along(log):
    """The empty state, then the state after each event in replay order."""
    states = [replay([])]
    for event in log.events():
        states.append(apply(states[-1], event))
    return states


def changes_by_maps(before, after):
    """measure_changes the slow way: every measure of both states, key by key."""
    old, new = measure_map(before), measure_map(after)
    return {
        key: (old.get(key), new.get(key))
        for key in old.keys() | new.keys()
        if old.get(key) != new.get(key)
    }


@given(event_logs(), st.data())
def test_measure_changes_are_the_keys_whose_measures_differ(log, data):
    """measure_changes(a, b) equals comparing measure_map(a) and (b) key by key."""
    states = states_along(log)
    pairs = list(itertools.pairwise(states))
    pairs.append(
        (data.draw(st.sampled_from(states)), data.draw(st.sampled_from(states)))
    )
    for before, after in pairs:
        assert changes_by_maps(before, after) == measure_changes(before, after)


@given(
    st.lists(st.integers(0, 149), max_size=30),
    st.lists(st.integers(0, 149), max_size=120, unique=True),
)
def test_measure_changes_agree_on_maps_of_more_than_128_items(toggles, lifted):
    """Rule: past 128 items a map is a trie; changes are still found exactly.

    150 WTO cases and 150 restricted items fill tries; suspending and
    resuming cases changes them in place, and lifting most items shrinks the
    restrictions back to a dict.
    """
    day = D(2020, 1, 1)
    events = [
        WTOComplaintFiled(**KOR_JPN, case=f"DS{n + 1}", effective=day)
        for n in range(150)
    ]
    events.append(impose("many", day, *(f"item {n}" for n in range(150))))
    suspended = set()
    for n in toggles:
        if n in suspended:
            events.append(
                WTOComplaintResumed(**KOR_JPN, case=f"DS{n + 1}", effective=day)
            )
            suspended.remove(n)
        else:
            events.append(
                WTOComplaintDropped(
                    **KOR_JPN, case=f"DS{n + 1}", mode="suspended", effective=day
                )
            )
            suspended.add(n)
    events.extend(lift(f"lift {n}", day, f"item {n}") for n in lifted)
    states = [replay([])]
    for event in events:
        states.append(apply(states[-1], event))

    filled = states[151]  # after the 150 filings and the restriction
    pairs = [*itertools.pairwise(states[151:]), (filled, states[-1])]
    for before, after in pairs:
        assert changes_by_maps(before, after) == measure_changes(before, after)


def test_measure_changes_read_states_built_by_hand_with_dicts(record):
    """Rule: maps that are plain dicts, not FrozenMaps, are compared item by item."""
    state = record.state_at(D(2020, 3, 11))
    by_hand = DisputeState(
        countries=dict(state.countries),
        wto_cases=dict(state.wto_cases),
        demands=dict(state.demands),
    )

    assert {} == measure_changes(state, by_hand)
    assert {
        key: (None, measure) for key, measure in measure_map(state).items()
    } == measure_changes(replay([]), by_hand)


@given(event_logs())
def test_intervals_cover_exactly_the_measures_in_force(log):
    """On every date, the intervals covering it are the measures in force."""
    found = intervals(log.events())
    for day in days_around(log):
        expected = {measure.key for measure in measures(log.state_at(day))}
        assert expected == {i.key for i in found if i.covers(day)}


def test_measure_changes_ignore_a_fact_remade_equal(record):
    """Rule: a fact replaced by an equal copy (a new object) changes no measure."""
    state = record.state_at(D(2020, 3, 11))
    japan = state.countries["JPN"]
    remade = {
        target: FrozenMap({item: attrs.evolve(fact) for item, fact in items.items()})
        for target, items in japan.restrictions.items()
    }
    copy = attrs.evolve(
        state,
        countries=state.countries.set(
            "JPN", attrs.evolve(japan, restrictions=FrozenMap(remade))
        ),
    )

    assert {} == measure_changes(state, copy)


@given(event_logs())
def test_softened_spans_cover_exactly_the_softened_measures(log):
    """On every date, the chart's softened spans covering it are the softened measures."""
    spans = softened_spans(daily_changes(log.events()))
    for day in days_around(log):
        expected = {m.key for m in measures(log.state_at(day)) if m.softened}
        covering = {
            key
            for key, found in spans.items()
            for start, stop in found
            if start <= day and (stop is None or day < stop)
        }
        assert expected == covering


@given(event_logs())
def test_intervals_of_one_measure_are_disjoint_and_dated_by_their_events(log):
    """Intervals are non-empty, never overlap, and name the events at their ends."""
    by_id = {event.id: event for event in log}
    found = intervals(log.events())
    assert sorted(found, key=lambda i: (i.start, i.key)) == list(found)
    for interval in found:
        begun = measure_map(log.state_at(interval.start))[interval.key]
        assert begun.event_id == interval.started_by
        # A measure on the books may start on its scheduled day, with no
        # event that day: it is then put down to its announcement.
        scheduled = log.state_at(interval.start).interventions.get(interval.subject)
        assert interval.start == by_id[interval.started_by].effective or (
            scheduled is not None and scheduled.since == interval.start
        )
        if interval.end is None:
            assert interval.ended_by is None
            now = measure_map(log.state_at(FAR_FUTURE))[interval.key]
            assert now.detail == interval.detail
        else:
            assert interval.start < interval.end
            # ... and end on its expiry, put down to the last event that changed it.
            before = log.state_at(interval.end - ONE_DAY)
            expiring = before.interventions.get(interval.subject)
            assert interval.end == by_id[interval.ended_by].effective or (
                expiring is not None and expiring.expires == interval.end
            )
            last = measure_map(before)[interval.key]
            assert last.detail == interval.detail
    for one, other in itertools.pairwise(found):
        if one.key == other.key:
            assert one.end is not None
            assert one.end < other.start


@given(event_logs())
def test_escalation_series_steps_to_the_escalation_of_each_state(log):
    """The series' value on any date is the escalation of the state then."""
    points = escalation_series(log.events())
    for day in days_around(log):
        latest = {}
        for point in points:
            if point.date <= day:
                latest[point.country] = point.score
        in_series = {country: s for country, s in latest.items() if s != 0}
        assert escalation(log.state_at(day)) == in_series


@given(event_logs())
def test_escalation_series_has_no_point_that_repeats_a_score(log):
    """A country's consecutive points have different scores; zero only after one."""
    previous = {}
    for point in escalation_series(log.events()):
        assert previous.get(point.country, 0.0) != point.score
        previous[point.country] = point.score


@given(event_logs(), st.data())
def test_diff_turns_the_measures_on_one_date_into_those_on_another(log, data):
    """Applying diff(d1, d2) to the measures on d1 gives the measures on d2."""
    days = days_around(log)
    d1, d2 = sorted(data.draw(st.lists(st.sampled_from(days), min_size=2, max_size=2)))
    current = measure_map(log.state_at(d1))

    for change in diff(log.events(), d1, d2):
        assert current.get(change.key) == change.before
        expected_kind = (
            "started"
            if change.before is None
            else "ended"
            if change.after is None
            else "changed"
        )
        assert expected_kind == change.change
        if change.after is None:
            del current[change.key]
        else:
            current[change.key] = change.after

    assert measures(log.state_at(d2)) == tuple(sorted(current.values(), key=key_of))


@given(event_logs(), st.data())
def test_diff_names_the_last_event_that_changed_each_measure(log, data):
    """Each change's event is effective in (d1, d2], changes the measure, and is the last to."""
    events = log.events()
    days = days_around(log)
    d1, d2 = sorted(data.draw(st.lists(st.sampled_from(days), min_size=2, max_size=2)))
    position = {event.id: n for n, event in enumerate(events)}
    states = states_along(log)
    # maps[n]: the measures once the first n events (in replay order) applied.
    maps = [measure_map(state) for state in states]
    stop = len([event for event in events if event.effective <= d2])

    changes = diff(events, d1, d2)

    assert sorted(changes, key=lambda c: (c.date, c.key)) == list(changes)
    for change in changes:
        n = position[change.event_id]
        assert d1 < change.date <= d2
        if events[n].effective < change.date:
            # A change due with no event of its own (an expiry, a scheduled
            # start): the measure's timers named the day, and it held to d2.
            on_books = log.state_at(change.date - ONE_DAY).interventions
            assert change.date in set(on_books[change.key[3]].timers())
            assert measure_map(log.state_at(d2)).get(change.key) == change.after
            continue
        assert d1 < events[n].effective <= d2
        assert events[n].effective == change.date
        assert maps[n].get(change.key) != maps[n + 1].get(change.key)
        unchanged_since = [m.get(change.key) for m in maps[n + 1 : stop + 1]]
        assert [change.after] * (stop - n) == unchanged_since


def _family(move):
    return FAMILIES.get(type(move)) or move.kind


def _pairs(move):
    if isinstance(move, MeasureEvent):
        return {(move.actor, target) for target in move.targets}
    return {(move.actor, move.target)}


@given(event_logs(countries=("JPN", "KOR")), st.integers(0, 90))
def test_reciprocity_links_answers_in_kind_within_the_window(log, window):
    """Every link is a move of one family by the target against the actor, in time."""
    events = log.events()
    position = {event.id: n for n, event in enumerate(events)}
    links = reciprocity(events, window_days=window)

    for link in links:
        # A measure's family is its kind; it moves against each named target.
        assert _family(link.move) == link.family
        assert _family(link.answer) == link.family
        actor, target = link.pair
        assert (actor, target) in _pairs(link.move)
        assert (target, actor) in _pairs(link.answer)
        assert (link.answer.effective - link.move.effective).days == link.days
        assert link.days <= window >= 0
        assert position[link.move.id] < position[link.answer.id]
    moves = [(link.move.id, link.pair) for link in links]
    answers = [(link.answer.id, link.pair) for link in links]
    assert len(set(moves)) == len(moves)
    assert len(set(answers)) == len(answers)
    assert sorted(links, key=lambda k: (k.answer.effective, k.move.effective)) == list(
        links
    )


@given(event_logs(countries=("JPN", "KOR")), st.integers(0, 90))
def test_reciprocity_leaves_no_answerable_move_unanswered(log, window):
    """No unanswered move could have been answered by a move that answered nothing."""
    events = log.events()
    links = reciprocity(events, window_days=window)
    answered = {link.move.id for link in links}
    answering = {link.answer.id for link in links}
    moves = [e for e in events if type(e) in FAMILIES]

    for n, move in enumerate(moves):
        for answer in moves[n + 1 :]:
            could = (
                FAMILIES[type(move)] == FAMILIES[type(answer)]
                and (move.actor, move.target) == (answer.target, answer.actor)
                and (answer.effective - move.effective).days <= window
            )
            if could:
                assert move.id in answered or answer.id in answering


def key_of(measure):
    return measure.key


# --- measures on the record -------------------------------------------------------


def test_japans_three_restrictions_start_on_2019_07_04(record):
    """Each restricted item is one measure, from the day it applied."""
    before = measures(record.state_at(D(2019, 7, 3)))
    on_the_day = measures(record.state_at(D(2019, 7, 4)))

    assert () == before
    expected = tuple(
        Measure(
            kind="export restriction",
            actor="JPN",
            target="KOR",
            subject=item,
            since=D(2019, 7, 4),
            event_id="jpn-licences-2019-07",
            detail="individual export licence",
        )
        for item in THREE
    )
    assert expected == on_the_day


def test_a_suspended_wto_case_is_not_in_force(record):
    """Only an active WTO case is a measure; a suspended one is not."""

    def case(day):
        return measure_map(record.state_at(day)).get(
            ("WTO case", "KOR", "JPN", "DS590")
        )

    assert case(D(2019, 11, 21)) is not None
    assert case(D(2019, 11, 22)) is None
    resumed = case(D(2020, 6, 2))
    assert (D(2020, 6, 2), "kor-ds590-resumed-2020-06") == (
        resumed.since,
        resumed.event_id,
    )
    assert resumed.detail.startswith("consultations; filed 2019-09-11: Japan - ")
    assert case(D(2023, 3, 6)) is None


def test_a_suspended_termination_notice_stays_in_force_softened(record):
    """A suspended notice is still a measure, softened, saying since when."""
    key = ("termination notice", "KOR", "JPN", "GSOMIA")
    notice = measure_map(record.state_at(D(2019, 11, 22)))[key]

    assert notice.softened
    assert "suspended since 2019-11-22" == notice.detail
    assert D(2019, 8, 23) == notice.since
    assert key not in measure_map(record.state_at(D(2023, 3, 21)))


def test_measure_details_say_what_each_measure_is_like(record):
    """Details: easing, quarantine, invalidated visas, demand renewals."""
    found = measure_map(record.state_at(D(2020, 3, 9)))

    photoresist = found[("export restriction", "JPN", "KOR", "photoresist")]
    assert photoresist.softened
    assert photoresist.detail.startswith(
        "individual export licence; eased since 2019-12-20: special general bulk"
    )
    entry = found[("entry restriction", "JPN", "KOR", "")]
    assert entry.detail.startswith("14 days' quarantine; arrivals asked to stay")
    visa = found[("visa waiver suspension", "KOR", "JPN", "")]
    assert "visas issued were invalidated" == visa.detail
    demand = found[("open demand", "KOR", "JPN", DEMAND)]
    assert "renewed on 2020-03-08" == demand.detail


def test_measures_without_details_have_empty_ones():
    """No quarantine, no conditions, no subject, no invalidation: empty details."""
    day = D(2020, 1, 1)
    log = log_of(
        EntryRestrictionImposed(**JPN_KOR, effective=day),
        VisaWaiverSuspended(**JPN_KOR, effective=day),
        WTOComplaintFiled(**KOR_JPN, case="DS1", effective=day),
        EntryRestrictionImposed(
            actor="JPN", target="CHN", detail="masks", effective=day
        ),
    )

    details = {m.key: m.detail for m in measures(log.state_at(day))}

    assert {
        ("entry restriction", "JPN", "CHN", ""): "masks",
        ("entry restriction", "JPN", "KOR", ""): "",
        ("visa waiver suspension", "JPN", "KOR", ""): "",
        ("WTO case", "KOR", "JPN", "DS1"): "consultations; filed 2020-01-01",
    } == details


# --- diff -----------------------------------------------------------------------


def test_diff_on_the_record_from_september_2019_to_march_2020(record):
    """Started, changed: each put down to the last event that changed it."""
    changes = diff(record.events(), D(2019, 9, 1), D(2020, 3, 11))

    assert [
        ("started", D(2019, 9, 18), "whitelist exclusion", "kor-whitelist-2019-09"),
        (
            "changed",
            D(2019, 11, 22),
            "termination notice",
            "kor-gsomia-suspended-2019-11",
        ),
        (
            "changed",
            D(2019, 12, 20),
            "export restriction",
            "jpn-photoresist-eased-2019-12",
        ),
        ("started", D(2020, 3, 8), "open demand", "kor-demand-renewed-2020-03"),
        ("started", D(2020, 3, 9), "entry restriction", "jpn-quarantine-chn-2020-03"),
        ("started", D(2020, 3, 9), "entry restriction", "jpn-quarantine-kor-2020-03"),
        ("started", D(2020, 3, 9), "visa waiver suspension", "jpn-visa-waiver-2020-03"),
        ("started", D(2020, 3, 9), "visa waiver suspension", "kor-visa-waiver-2020-03"),
    ] == [(c.change, c.date, c.key[0], c.event_id) for c in changes]


def test_a_case_filed_and_suspended_between_the_dates_shows_no_change(record):
    """DS590 was active only between 2019-09-01 and 2020-03-11: no net change."""
    changes = diff(record.events(), D(2019, 9, 1), D(2020, 3, 11))

    assert "WTO case" not in {change.key[0] for change in changes}


def test_an_ended_measure_keeps_its_last_state_as_before(record):
    """An ended change has the measure as it was, and no after."""
    changes = diff(record.events(), D(2023, 3, 1), D(2023, 8, 1))

    ended = [c for c in changes if c.key == ("whitelist exclusion", "JPN", "KOR", "")]
    assert [
        Change(
            change="ended",
            before=Measure(
                kind="whitelist exclusion",
                actor="JPN",
                target="KOR",
                subject="",
                since=D(2019, 8, 28),
                event_id="jpn-whitelist-2019-08",
            ),
            after=None,
            date=D(2023, 7, 21),
            event_id="jpn-whitelist-restored-2023-07",
        )
    ] == ended


def test_diff_of_a_date_with_itself_is_empty(record):
    """Nothing differs between a date and itself."""
    for day in days_around(record):
        assert () == diff(record.events(), day, day)


def test_diff_refuses_a_start_after_the_end(record):
    """A start after the end is an InvalidQuery naming both dates."""
    with pytest.raises(InvalidQuery, match=r"2020-03-11 to 2019-09-01.*on or before"):
        diff(record.events(), D(2020, 3, 11), D(2019, 9, 1))


@pytest.mark.parametrize("name", ["start", "end"])
def test_diff_refuses_a_datetime(record, name):
    """Dates are whole days; a datetime with a time is an InvalidQuery naming the argument."""
    days = {"start": D(2019, 9, 1), "end": D(2020, 3, 11)}
    days[name] = dt.datetime(2020, 1, 1, 9, 0)

    with pytest.raises(
        InvalidQuery, match=f"^{name} is a day, and .* has a time of day"
    ):
        diff(record.events(), days["start"], days["end"])


@pytest.mark.parametrize(
    "view",
    [
        intervals,
        escalation_series,
        reciprocity,
        lambda events: diff(events, FAR_PAST, FAR_FUTURE),
    ],
)
def test_views_refuse_events_out_of_replay_order(record, view):
    """Events must come sorted by effective date; the error names the pair."""
    events = list(record)[::-1]

    with pytest.raises(InvalidQuery, match=r"must be in replay order.*log\.events\(\)"):
        view(events)


# --- intervals ------------------------------------------------------------------


def test_whitelist_exclusions_run_until_restored(record):
    """An interval ends on the day of the event that ended the measure."""
    found = {i.key: i for i in intervals(record.events())}

    japan = found[("whitelist exclusion", "JPN", "KOR", "")]
    assert (
        Interval(
            kind="whitelist exclusion",
            actor="JPN",
            target="KOR",
            subject="",
            start=D(2019, 8, 28),
            end=D(2023, 7, 21),
            started_by="jpn-whitelist-2019-08",
            ended_by="jpn-whitelist-restored-2023-07",
            detail="",
        )
        == japan
    )
    assert japan.days == 1423
    assert japan.covers(D(2023, 7, 20))
    assert not japan.covers(D(2023, 7, 21))
    assert not japan.covers(D(2019, 8, 27))


def test_an_eased_restriction_keeps_its_interval(record):
    """A changed measure (photoresist eased) is one interval, with its last detail."""
    photoresist = [i for i in intervals(record.events()) if i.subject == "photoresist"]

    assert [(D(2019, 7, 4), D(2023, 3, 23))] == [(i.start, i.end) for i in photoresist]
    assert "eased since 2019-12-20" in photoresist[0].detail


def test_a_suspended_and_resumed_case_has_two_intervals(record):
    """A WTO case is out of force while suspended, so it has two intervals."""
    ds590 = [i for i in intervals(record.events()) if i.subject == "DS590"]

    assert [
        (D(2019, 9, 11), D(2019, 11, 22), "kor-ds590-2019-09"),
        (D(2020, 6, 2), D(2023, 3, 6), "kor-ds590-resumed-2020-06"),
    ] == [(i.start, i.end, i.started_by) for i in ds590]


def test_a_measure_still_in_force_has_an_open_interval(record):
    """Japan's quarantine on arrivals from China never ends in the record."""
    china = [i for i in intervals(record.events()) if i.target == "CHN"]

    assert [(D(2020, 3, 9), None, None, None)] == [
        (i.start, i.end, i.ended_by, i.days) for i in china
    ]
    assert china[0].covers(FAR_FUTURE)


def test_a_measure_lifted_on_the_day_it_was_imposed_never_shows():
    """A measure lifted on the day it was imposed never shows as an interval."""
    day = D(2020, 1, 1)
    log = log_of(impose("on", day, "x"), lift("off", day, "x"))

    assert () == intervals(log.events())


def test_a_measure_lifted_and_reimposed_on_one_day_keeps_one_interval():
    """Lifted and imposed again on the same day: in force at both day ends, one interval."""
    log = log_of(
        impose("first", D(2020, 1, 1), "x"),
        lift("off", D(2020, 2, 1), "x"),
        impose("again", D(2020, 2, 1), "x"),
        lift("end", D(2020, 3, 1), "x"),
    )

    assert [(D(2020, 1, 1), D(2020, 3, 1), "first", "end")] == [
        (i.start, i.end, i.started_by, i.ended_by) for i in intervals(log.events())
    ]


# --- escalation -----------------------------------------------------------------


def test_escalation_on_the_record(record):
    """Whitelist 3, restriction 2 per item (eased 1), notice 3 (suspended 1.5), ..."""
    assert {"JPN": 9.0, "KOR": 7.0} == escalation(record.state_at(D(2019, 9, 18)))
    # JPN: 2 + 2 + 1 (eased) + 3 + 1 + 1 (entry) + 2 (visa);
    # KOR: 1.5 (suspended notice) + 0 (suspended case) + 3 + 2 + 0 (demand).
    assert {"JPN": 12.0, "KOR": 6.5} == escalation(record.state_at(D(2020, 3, 9)))


def test_every_kind_has_a_weight():
    """ESCALATION_WEIGHTS weighs every kind in the catalogue, none negatively."""
    assert {kind.name for kind in kinds()} == set(ESCALATION_WEIGHTS)
    assert all(weight >= 0 for weight in ESCALATION_WEIGHTS.values())


def test_escalation_weights_are_halves_so_running_sums_are_exact():
    """Rule: every weight is a multiple of 0.5, so escalation_series keeps exact sums.

    It adds and takes away the weights of what changed each day; with halves,
    that gives the very float `escalation` sums afresh.
    """
    for kind, weight in ESCALATION_WEIGHTS.items():
        assert (weight * 2).is_integer(), kind


def test_only_countries_with_a_positive_score_appear():
    """An open demand weighs nothing, so a country with only demands is absent."""
    day = D(2020, 1, 1)
    log = log_of(
        DemandMade(**KOR_JPN, demand=DEMAND, effective=day),
        AgreementTerminationNoticed(**JPN_KOR, agreement="GSOMIA", effective=day),
        AgreementTerminationSuspended(**JPN_KOR, agreement="GSOMIA", effective=day),
    )

    assert {"JPN": 1.5} == escalation(log.state_at(day))


def test_escalation_series_on_the_record_begins_and_ends_so(record):
    """Points where a score changes, and 0.0 when it falls back to none."""
    points = escalation_series(record.events())

    assert [
        EscalationPoint(date=D(2019, 7, 4), country="JPN", score=6.0),
        EscalationPoint(date=D(2019, 8, 23), country="KOR", score=3.0),
        EscalationPoint(date=D(2019, 8, 28), country="JPN", score=9.0),
    ] == list(points[:3])
    assert [
        EscalationPoint(date=D(2023, 4, 24), country="KOR", score=0.0),
        # Japan's quarantine on arrivals from China has no recorded end.
        EscalationPoint(date=D(2023, 7, 21), country="JPN", score=1.0),
    ] == list(points[-2:])


def test_only_a_day_that_changes_a_score_makes_a_point():
    """Imposed and eased on one day: one point, at the eased weight; talks: none."""
    day = D(2020, 1, 1)
    log = log_of(
        impose("on", day, "x"),
        RestrictionEased(**JPN_KOR, items={"x"}, effective=day),
        TalksHeld(
            parties={"JPN", "KOR"},
            level="summit",
            format="video",
            outcome="no_deal",
            effective=D(2020, 2, 1),
        ),
    )

    assert (EscalationPoint(date=day, country="JPN", score=1.0),) == escalation_series(
        log.events()
    )


# --- reciprocity ----------------------------------------------------------------


def test_korea_answered_japans_whitelist_removal_within_60_days(record):
    """Japan's removal of KOR (2019-08-28) was answered by Korea's (2019-09-18)."""
    links = reciprocity(record.events())

    assert [
        ("jpn-whitelist-2019-08", "kor-whitelist-2019-09", "whitelist removal", 21),
        (
            "jpn-visa-waiver-2020-03",
            "kor-visa-waiver-2020-03",
            "visa waiver suspension",
            0,
        ),
        (
            "jpn-visa-waiver-restored-2022-10",
            "kor-visa-waiver-restored-2022-11",
            "visa waiver restoration",
            21,
        ),
    ] == [(k.move.id, k.answer.id, k.family, k.days) for k in links]


def test_the_window_bounds_the_days_between_move_and_answer(record):
    """Japan's restoration came 88 days after Korea's: inside 90 days, not 87."""
    restorations = {
        window: [
            (k.move.id, k.answer.id)
            for k in reciprocity(record.events(), window_days=window)
            if k.family == "whitelist restoration"
        ]
        for window in (87, 88)
    }

    assert {
        87: [],
        88: [("kor-whitelist-restored-2023-04", "jpn-whitelist-restored-2023-07")],
    } == restorations


def test_an_answer_links_to_the_latest_unanswered_move():
    """Each answer takes the latest unanswered move it can answer; a move is answered once."""
    log = log_of(
        impose("a1", D(2020, 1, 1), "x"),
        impose("a2", D(2020, 1, 5), "y"),
        impose("b1", D(2020, 1, 6), "z", **KOR_JPN),
        impose("b2", D(2020, 1, 7), "w", **KOR_JPN),
        impose("b3", D(2020, 1, 8), "v", **KOR_JPN),
    )

    assert [("a2", "b1"), ("a1", "b2")] == [
        (k.move.id, k.answer.id) for k in reciprocity(log.events())
    ]


def test_an_answer_can_itself_be_answered():
    """A counter-move answers the answer: moves chain tit for tat."""
    log = log_of(
        impose("a1", D(2020, 1, 1), "x"),
        impose("b1", D(2020, 1, 2), "y", **KOR_JPN),
        impose("a2", D(2020, 1, 3), "z"),
    )

    assert [("a1", "b1", 1), ("b1", "a2", 1)] == [
        (k.move.id, k.answer.id, k.days) for k in reciprocity(log.events())
    ]


def test_a_same_day_answer_must_come_later_in_replay_order():
    """On one day, the later recorded move answers the earlier one, not the reverse."""
    day = D(2020, 3, 9)
    log = log_of(
        VisaWaiverSuspended(id="kor", **KOR_JPN, effective=day),
        VisaWaiverSuspended(id="jpn", **JPN_KOR, effective=day),
    )

    assert [("kor", "jpn", 0)] == [
        (k.move.id, k.answer.id, k.days) for k in reciprocity(log.events())
    ]
    assert [("kor", "jpn")] == [
        (k.move.id, k.answer.id) for k in reciprocity(log.events(), window_days=0)
    ]


def test_moves_of_other_families_or_by_the_same_side_are_no_answer():
    """A restoration does not answer a removal, nor does a move by the same actor."""
    log = log_of(
        WhitelistRemoved(**JPN_KOR, effective=D(2020, 1, 1)),
        WhitelistRemoved(**KOR_JPN, effective=D(2020, 1, 2)),
        WhitelistRestored(**KOR_JPN, effective=D(2020, 1, 3)),
        impose("a1", D(2020, 1, 4), "x"),
        impose("a2", D(2020, 1, 5), "y"),
    )

    assert ["whitelist removal"] == [k.family for k in reciprocity(log.events())]


def test_families_can_be_given():
    """With custom families, a visa suspension can answer a whitelist removal."""
    log = log_of(
        WhitelistRemoved(id="removal", **JPN_KOR, effective=D(2020, 1, 1)),
        VisaWaiverSuspended(id="visa", **KOR_JPN, effective=D(2020, 1, 2)),
    )
    hostile = {WhitelistRemoved: "hostile", VisaWaiverSuspended: "hostile"}

    assert [] == list(reciprocity(log.events()))
    assert [("removal", "visa", "hostile")] == [
        (k.move.id, k.answer.id, k.family)
        for k in reciprocity(log.events(), families=hostile)
    ]


def test_families_must_map_country_moves():
    """A family key that is not a CountryMove subclass is an InvalidQuery."""
    with pytest.raises(InvalidQuery, match=r"CountryMove subclasses.*TalksHeld"):
        reciprocity([], families={TalksHeld: "talks"})


@pytest.mark.parametrize("window", [-1, True, 1.5, "60", None])
def test_window_days_must_be_a_whole_number_of_days(window):
    """window_days must be an int >= 0, not a bool, float, string or None."""
    with pytest.raises(InvalidQuery, match=r"window_days must be .* not "):
        reciprocity([], window_days=window)


def test_the_wto_steps_after_filing_belong_to_no_family():
    """Only filing a complaint is a WTO move; dropping and resuming are not."""
    assert "WTO complaint" == FAMILIES[WTOComplaintFiled]
    assert WTOComplaintDropped not in FAMILIES
    assert WTOComplaintResumed not in FAMILIES
