"""The laws of the measure model, as Hypothesis properties."""

import datetime as dt

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tradedispute.log.keeper
from tests.helpers import days_of
from tradedispute import (
    EventLog,
    ExclusionExtended,
    ExclusionGranted,
    ExclusionRevoked,
    MeasureAmended,
    MeasureAnnounced,
    MeasureCancelled,
    MeasureEvent,
    MeasureImposed,
    MeasureLifted,
    MeasureMadeDefinitive,
    MeasurePostponed,
    MeasureResumed,
    MeasureSuspended,
    Products,
    Rate,
    kind_named,
    kinds,
    measure_kind,
    replay,
    replay_order,
)
from tradedispute.charts.layout import lay_out
from tradedispute.codec.state import decode_state, encode_state
from tradedispute.codec.state_json import state_to_json
from tradedispute.core.products import hs_digits
from tradedispute.testing import measure_lives, products, rates
from tradedispute.views import (
    diff,
    escalation,
    escalation_between,
    escalation_series,
    intervals,
)

D = dt.date
START = D(2019, 1, 1)
DAYS = st.lists(st.dates(START, D(2019, 6, 30)), min_size=1, max_size=12).map(sorted)


@st.composite
def tariff_wars(draw, kind="import tariff"):
    """Several lives of US measures on Chinese goods, in replay order."""
    lives = [
        draw(
            measure_lives(
                measure=f"m{n}",
                actor="USA",
                target="CHN",
                days=draw(DAYS),
                kind=kind_named(kind),
            )
        )
        for n in range(draw(st.integers(1, 4)))
    ]
    return replay_order([event for life in lives for event in life])


# --- a naive model of duty ------------------------------------------------------------


def _covers(codes, items, product):
    digits = hs_digits(product)
    if digits is None:
        return product in items
    return any(digits.startswith(code) for code in codes)


def _tick(live, day):
    """What is due by *day*: a scheduled start, exclusions and measures running out."""
    for name, measure in list(live.items()):
        if measure["expires"] is not None and measure["expires"] <= day:
            del live[name]
            continue
        takes = measure["takes"]
        if measure["since"] is None and takes is not None and takes <= day:
            measure["since"] = takes
        measure["excl"] = {
            key: (codes, until)
            for key, (codes, until) in measure["excl"].items()
            if until is None or until >= day
        }


def naive_parts(events, day, product):
    """(measure, rate) charged on *product* on *day*, by plain dicts and sets."""
    live: dict[str, dict] = {}
    for event in events:
        if event.effective > day:
            break
        _tick(live, event.effective)
        name = event.measure
        if isinstance(event, MeasureImposed | MeasureAnnounced):
            live[name] = {
                "codes": set(event.products.hs),
                "items": set(event.products.items),
                "rate": event.rate,
                "since": event.effective if isinstance(event, MeasureImposed) else None,
                "takes": getattr(event, "takes_effect", None),
                "expires": event.expires,
                "suspended": False,
                "excl": {},
            }
        elif isinstance(event, MeasurePostponed):
            live[name]["takes"] = event.takes_effect
        elif isinstance(event, MeasureCancelled):
            del live[name]
        elif isinstance(event, MeasureLifted):
            if event.products is None:
                del live[name]
            else:
                live[name]["codes"] -= event.products.hs
                live[name]["items"] -= event.products.items
                if not (live[name]["codes"] or live[name]["items"]):
                    del live[name]
        elif isinstance(event, MeasureAmended | MeasureMadeDefinitive):
            if event.rate is not None:
                live[name]["rate"] = event.rate
            if event.expires is not None:
                live[name]["expires"] = event.expires
            if isinstance(event, MeasureAmended):
                for added in [event.add] if event.add else []:
                    live[name]["codes"] |= added.hs
                    live[name]["items"] |= added.items
                for removed in [event.remove] if event.remove else []:
                    live[name]["codes"] -= removed.hs
                    live[name]["items"] -= removed.items
        elif isinstance(event, MeasureSuspended | MeasureResumed):
            live[name]["suspended"] = isinstance(event, MeasureSuspended)
        elif isinstance(event, ExclusionGranted):
            live[name]["excl"][event.exclusion] = (event.products.hs, event.until)
        elif isinstance(event, ExclusionExtended):
            codes, _ = live[name]["excl"][event.exclusion]
            live[name]["excl"][event.exclusion] = (codes, event.until)
        elif isinstance(event, ExclusionRevoked):
            del live[name]["excl"][event.exclusion]
    _tick(live, day)
    parts = []
    for name, measure in sorted(live.items()):
        if measure["since"] is None or measure["suspended"] or measure["rate"] is None:
            continue
        if not _covers(measure["codes"], measure["items"], product):
            continue
        if any(_covers(codes, (), product) for codes, _ in measure["excl"].values()):
            continue
        rate = measure["rate"].for_product(product)
        if rate is not None:
            parts.append((name, rate))
    return parts


def _probes(events):
    """Products to ask about: every code and item named, and codes under them."""
    found = set()
    for event in events:
        for value in attrs.asdict(event, recurse=False).values():
            if isinstance(value, Products):
                found |= value.hs | value.items
                found |= {code + "01" for code in value.hs if len(code) < 10}
    return sorted(found) or ["01"]


@settings(max_examples=60)
@given(tariff_wars())
def test_duty_equals_a_naive_model_of_stacking_exclusions_and_suspension(events):
    """Law: duty's parts are the rates a plain model of the events charges."""
    log = EventLog()
    log.extend(events)
    for day in days_of(events):
        state = log.state_at(day)
        for product in _probes(events):
            duty = state.duty("USA", "CHN", product)
            assert [(p.measure, p.rate) for p in duty.parts] == naive_parts(
                events, day, product
            )
            assert duty.percent == sum(
                rate.percent
                for _, rate in naive_parts(events, day, product)
                if rate.percent is not None
            )


# --- amendments and schedules ------------------------------------------------------


@given(tariff_wars())
def test_amending_never_changes_since(events):
    """Law: an amendment keeps the day its measure came into force."""
    state = replay([])
    for event in events:
        after = replay([event], initial=state)
        if isinstance(event, MeasureAmended | MeasureMadeDefinitive):
            before = replay([], initial=state)
            was = state.interventions.get(event.measure)
            now = after.interventions[event.measure]
            if was is not None and was.since is not None:
                assert now.since == was.since
            assert before == state
        state = after


@st.composite
def schedules(draw):
    """An announcement, maybe postponed, then cancelled, lifted, or left to expire.

    Returns the events, the day it takes effect and the day it ends (`None`:
    never), or (events, None, None) when it never comes into force.
    """
    announced = draw(st.dates(START, D(2019, 3, 1)))
    takes = announced + dt.timedelta(days=draw(st.integers(1, 60)))
    expires = draw(
        st.none() | st.integers(1, 90).map(lambda n: takes + dt.timedelta(days=n))
    )
    events = [
        MeasureAnnounced(
            measure="m",
            actor="USA",
            targets={"CHN"},
            kind="import tariff",
            products=Products(hs=["72"]),
            rate=Rate(percent=10),
            takes_effect=takes,
            expires=expires,
            effective=announced,
        )
    ]
    later = takes + dt.timedelta(days=draw(st.integers(1, 30)))
    if takes - announced > dt.timedelta(days=1) and (
        expires is None or later < expires
    ):
        moved = draw(
            st.dates(announced + dt.timedelta(days=1), takes - dt.timedelta(days=1))
        )
        events.append(
            MeasurePostponed(measure="m", takes_effect=later, effective=moved)
        )
        takes = later
    ending = draw(st.sampled_from(["cancel", "lift", "none"]))
    if ending == "cancel":
        day = draw(st.dates(events[-1].effective, takes - dt.timedelta(days=1)))
        events.append(MeasureCancelled(measure="m", effective=day))
        return events, None, None
    if ending == "lift":
        day = takes + dt.timedelta(days=draw(st.integers(0, 60)))
        if expires is None or day < expires:
            events.append(MeasureLifted(measure="m", effective=day))
            return events, takes, day
    return events, takes, expires


@given(schedules())
def test_a_scheduled_measure_is_in_force_exactly_from_its_day_until_it_ends(case):
    """Law: in force on D exactly when takes_effect <= D < (lift, cancel or expiry)."""
    events, takes, end = case
    log = EventLog()
    log.extend(events)
    day = START
    while day < D(2019, 12, 31):
        expected = takes is not None and takes <= day and (end is None or day < end)
        measures = log.state_at(day).measures()
        assert bool(measures) == expected, day
        if expected:
            assert measures[0].since == takes
        day += dt.timedelta(days=3)


# --- every kind, through stores and checkpoints --------------------------------------


def _kind_events(kind):
    scope = Products(hs=["7208", "8541.40"], items=["photoresist"])
    shape = sorted(kind.rates)[0] if kind.rates else None
    rate = {
        None: None,
        "percent": Rate(percent=25),
        "range": Rate(low=10, high=20),
        "specific": Rate(amount=2, currency="USD", unit="kg"),
    }.get(shape)
    return [
        MeasureImposed(
            measure="m",
            actor="AUS",
            targets={"CHN"},
            kind=kind.name,
            products=scope,
            rate=rate,
            effective=D(2020, 5, 1),
        ),
        ExclusionGranted(
            measure="m",
            exclusion="x",
            products=Products(hs=["7208.10"]),
            until=D(2020, 6, 30),
            effective=D(2020, 5, 10),
        ),
        MeasureSuspended(measure="m", effective=D(2020, 7, 1)),
    ]


TAKEN = [kind for kind in kinds() if not kind.recorded_by]


@pytest.mark.parametrize("suffix", [".jsonl", ".sqlite"])
@pytest.mark.parametrize("kind", TAKEN, ids=[kind.name for kind in TAKEN])
def test_every_kind_round_trips_through_stores_and_checkpoints(
    tmp_path, monkeypatch, kind, suffix
):
    """Law: a log of each kind reads back, from scratch and from disk checkpoints."""
    monkeypatch.setattr(tradedispute.log.keeper, "KEEP_SPACING", 1)
    path = tmp_path / f"log{suffix}"
    days = [D(2020, 4, 30), D(2020, 5, 1), D(2020, 5, 10), D(2020, 7, 1), D(2021, 1, 1)]
    with EventLog.open(path) as log:
        log.extend(_kind_events(kind))
        expected = {day: log.state_at(day) for day in days}
    for state in expected.values():
        assert decode_state(encode_state(state)) == state
    with EventLog.open(path) as again:
        assert {day: again.state_at(day) for day in days} == expected
    with EventLog.open(path, checkpoints=False) as scratch:
        assert {day: scratch.state_at(day) for day in days} == expected
    assert expected[D(2020, 7, 1)].interventions["m"].status == "suspended"


# --- a user's kind is a kind like the others ----------------------------------------

USER_KIND = measure_kind(
    "test levy",
    direction="import",
    weight=2,
    label="levy (test)",
    reason="a kind declared by a test, weighed as a tariff",
)


def _as(events, kind):
    return [
        attrs.evolve(event, kind=kind)
        if isinstance(event, MeasureImposed | MeasureAnnounced)
        else event
        for event in events
    ]


def _renamed(value, kind):
    return attrs.evolve(value, kind=kind) if value is not None else None


@settings(max_examples=40)
@given(tariff_wars())
def test_a_user_kind_behaves_as_a_built_in_one_in_every_view(events):
    """Law: the same log with a user kind gives the same views, kind aside."""
    theirs = _as(events, "test levy")
    ours_log, their_log = EventLog(), EventLog()
    ours_log.extend(events)
    their_log.extend(theirs)

    for day in days_of(events):
        ours, yours = ours_log.state_at(day), their_log.state_at(day)
        for product in _probes(events)[:5]:
            assert [p.rate for p in ours.duty("USA", "CHN", product).parts] == [
                p.rate for p in yours.duty("USA", "CHN", product).parts
            ]
        assert escalation(ours) == escalation(yours)
        assert escalation_between(ours) == escalation_between(yours)
        assert [_renamed(m, "test levy") for m in ours.measures()] == list(
            yours.measures()
        )
        assert decode_state(encode_state(yours)) == yours
        assert "test levy" in str(state_to_json(yours, day)) or not yours.interventions
    assert [attrs.evolve(i, kind="test levy") for i in intervals(events)] == list(
        intervals(theirs)
    )
    assert escalation_series(events) == escalation_series(theirs)
    first, last = events[0].effective, events[-1].effective
    assert [(c.change, c.date, c.event_id) for c in diff(events, first, last)] == [
        (c.change, c.date, c.event_id) for c in diff(theirs, first, last)
    ]
    shown = intervals(theirs)
    if shown:
        lanes = lay_out(theirs).lanes
        assert {lane.label for lane in lanes} == {"USA · levy (test)"}


@given(products(), rates())
def test_drawn_products_and_rates_are_valid_values(value, rate):
    """The shipped strategies draw values that build and compare as values."""
    assert attrs.evolve(value) == value
    assert hash(attrs.evolve(rate)) == hash(rate)


def test_measure_events_are_all_drawn():
    """measure_lives draws every lifecycle event type over enough lives."""
    seen = set()

    @settings(max_examples=200)
    @given(tariff_wars())
    def collect(events):
        seen.update(type(event) for event in events)

    collect()
    assert seen >= {
        MeasureImposed,
        MeasureAnnounced,
        MeasureAmended,
        MeasureSuspended,
        MeasureResumed,
        MeasureLifted,
        ExclusionGranted,
        ExclusionExtended,
        ExclusionRevoked,
    }
    assert all(issubclass(kind, MeasureEvent) for kind in seen)


def test_charts_label_measures_of_any_kind(tmp_path):
    """A chart of measures, a user's kind among them, renders with their labels."""
    from tradedispute.charts import plot_dispute
    from tradedispute.charts.moves import big_moves

    events = [
        MeasureImposed(
            measure="us-levy",
            actor="USA",
            targets={"CHN"},
            kind="test levy",
            products=Products(hs=["72"]),
            rate=Rate(percent=10),
            effective=D(2019, 1, 1),
        ),
        MeasureAnnounced(
            measure="cn-tariff",
            actor="CHN",
            targets="ALL",
            exempt={"RUS"},
            kind="import tariff",
            products=Products(hs=["1201"]),
            rate=Rate(percent=25),
            takes_effect=D(2019, 3, 1),
            effective=D(2019, 1, 15),
        ),
    ]
    texts = [move.text for move in big_moves(events)]
    assert texts == [
        "1 Jan 2019  USA imposes levy (test) on CHN",
        "15 Jan 2019  CHN announces import tariff on all but RUS",
    ]
    log = EventLog()
    log.extend(events)
    figure = plot_dispute(log)
    path = tmp_path / "chart.svg"
    figure.savefig(path)
    assert "levy (test)" in path.read_text(encoding="utf-8")


@given(tariff_wars())
def test_the_index_by_actor_lists_exactly_the_measures_on_the_books(events):
    """Law: by_actor holds each actor's measure ids, no more, no fewer, on every day."""
    log = EventLog()
    log.extend(events)
    for day in days_of(events):
        state = log.state_at(day)
        expected: dict[str, set[str]] = {}
        for name, measure in state.interventions.items():
            expected.setdefault(measure.actor, set()).add(name)
        assert {actor: set(ids) for actor, ids in state.by_actor.items()} == expected


@given(tariff_wars())
def test_the_timer_table_is_what_the_measures_on_the_books_say(events):
    """Law: timers and due are derived state, kept equal to the measures' own days."""
    log = EventLog()
    log.extend(events)
    for day in days_of(events):
        state = log.state_at(day)
        expected: dict[dt.date, set[str]] = {}
        for name, measure in state.interventions.items():
            for when in measure.timers():
                expected.setdefault(when, set()).add(name)
        assert {when: set(ids) for when, ids in state.timers.items()} == expected
        assert state.due == (min(expected) if expected else None)
