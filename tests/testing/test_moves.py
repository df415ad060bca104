"""moves() draws valid events of any CountryMove subclass, a user's own included."""

import datetime as dt
import enum
from typing import Any, Literal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import tradedispute
from tradedispute import CountryMove, InvalidEvent, Source, TalksHeld
from tradedispute.core.events import is_country
from tradedispute.testing import DEFAULT_COUNTRIES, country_codes, moves

from .test_testing import find

D = dt.date


class Severity(enum.Enum):
    MILD = "mild"
    SEVERE = "severe"


@attrs.frozen(kw_only=True)
class MovesTariffRaised(CountryMove):
    """A user's event type, with a field of each kind moves() infers."""

    rate: float
    severity: Severity
    basis: Literal["ad valorem", "specific"]
    lines: frozenset[int]
    steps: tuple[str, ...]
    review: dt.date | None
    quota: int | None
    binding: bool
    partner: str = attrs.field(validator=is_country)
    citation: Source | None
    label: str = "tariff"


def test_builds_fails_inside_construction_when_actor_equals_target():
    """The issue's failure: st.builds draws actor == target, and building raises.

    No filter can drop the drawn event: the class refuses it before one exists.
    """
    builds = st.builds(
        MovesTariffRaised,
        actor=country_codes(),
        target=country_codes(),
        effective=st.dates(),
        rate=st.floats(0, 1),
        severity=st.sampled_from(Severity),
        basis=st.just("specific"),
        lines=st.just(frozenset()),
        steps=st.just(()),
        review=st.none(),
        quota=st.none(),
        binding=st.booleans(),
        partner=st.just("JPN"),
        citation=st.none(),
    ).filter(lambda event: event.actor != event.target)

    @settings(database=None, max_examples=100)
    @given(builds)
    def draw_one(event: MovesTariffRaised) -> None:
        pass

    with pytest.raises(InvalidEvent, match="the actor itself"):
        draw_one()


@settings(max_examples=50)
@given(moves(MovesTariffRaised))
def test_moves_draws_valid_events_of_a_users_type(event):
    """Distinct actor and target, dates in range, every field of its type."""
    assert event.actor != event.target
    assert {event.actor, event.target, event.partner} <= set(DEFAULT_COUNTRIES)
    assert D(2019, 7, 1) <= event.effective <= D(2019, 9, 30)
    assert event.announced is None or D(2019, 7, 1) <= event.announced <= D(2019, 9, 30)
    assert event.rate == event.rate  # never NaN: a state holding NaN is not equal
    assert isinstance(event.severity, Severity)
    assert event.basis in ("ad valorem", "specific")
    assert all(isinstance(line, int) for line in event.lines)
    assert all(isinstance(step, str) for step in event.steps)
    assert isinstance(event.binding, bool)
    assert "tariff" == event.label


@settings(max_examples=30)
@given(
    moves(
        MovesTariffRaised,
        countries=["AUS", "CHN"],
        min_date=D(2020, 5, 1),
        max_date=D(2020, 5, 31),
        rate=st.just(0.8),
        label=st.just("barley"),
    )
)
def test_given_strategies_and_options_are_used(event):
    """A field given a strategy is drawn from it; a defaulted one too when given."""
    assert {"AUS", "CHN"} == {event.actor, event.target}
    assert D(2020, 5, 1) <= event.effective <= D(2020, 5, 31)
    assert (0.8, "barley") == (event.rate, event.label)


@settings(max_examples=30)
@given(moves(tradedispute.RestrictionLifted, actor=st.just("USA")))
def test_a_given_actor_gets_a_target_of_another_country(event):
    """With the actor given, the target is drawn from the other countries."""
    assert "USA" == event.actor
    assert event.target in set(DEFAULT_COUNTRIES) - {"USA"}


@settings(max_examples=30)
@given(
    moves(
        tradedispute.RestrictionLifted,
        actor=st.sampled_from(["JPN", "KOR"]),
        target=st.sampled_from(["JPN", "KOR"]),
    )
)
def test_given_actor_and_target_strategies_never_meet(event):
    """Given both, a target equal to the actor is drawn again, not built."""
    assert {"JPN", "KOR"} == {event.actor, event.target}


def test_moves_draw_dates_known_to_the_month_or_year():
    """A drawn precision moves the date to the first day it stands for, in range."""
    strategy = moves(
        tradedispute.WhitelistRemoved, min_date=D(2019, 1, 1), max_date=D(2020, 12, 31)
    )

    month = find(strategy, lambda e: e.precision == "month")
    year = find(strategy, lambda e: e.precision == "year")

    assert month.effective.replace(day=1) == month.effective
    assert year.effective.replace(month=1, day=1) == year.effective


def test_every_built_in_move_type_is_drawn_with_its_fact_fields_given():
    """With a case number given where one is checked, every built-in move builds."""
    cases = st.just("DS590")
    for event_type in tradedispute.event_types():
        if not issubclass(event_type, CountryMove):
            continue
        fields = {"case": cases} if "case" in attrs.fields_dict(event_type) else {}
        event = find(moves(event_type, **fields), lambda e: True)
        assert event_type is type(event)


# --- arguments refused before anything is drawn ----------------------------------


@attrs.frozen(kw_only=True)
class MovesOpaque(CountryMove):
    """A field whose type says nothing about its values."""

    payload: Any


class Opaque:
    """A class Hypothesis cannot build: its argument has no type."""

    def __init__(self, value) -> None:
        self.value = value


@pytest.mark.parametrize(
    "hint",
    [Any, object, Opaque, frozenset[Opaque], tuple[Opaque, ...], int | Opaque],
    ids=["any", "object", "opaque", "frozenset", "tuple", "union"],
)
def test_a_field_of_a_type_that_says_nothing_is_named(hint):
    """A type with no known values, alone or inside another, is not guessed at."""
    event_type = attrs.make_class(
        "MovesUninferable",
        {"payload": attrs.field(type=hint)},
        bases=(CountryMove,),
        kw_only=True,
        frozen=True,
    )
    with pytest.raises(InvalidArgument, match="field 'payload'"):
        moves(event_type)


@attrs.frozen(kw_only=True)
class MovesForward(CountryMove):
    """A field whose type's name is not defined where the class is."""

    later: "Undefined"  # type: ignore[name-defined]  # noqa: F821


def test_a_type_whose_name_cannot_be_found_is_named():
    """An annotation naming a type that does not exist leaves the field to the user."""
    with pytest.raises(InvalidArgument, match="field 'later'"):
        moves(MovesForward)

    given = 17
    event = find(moves(MovesForward, later=st.just(given)), lambda e: True)

    assert given == event.later


class Plain(CountryMove):
    """A subclass left without its own attrs decorator."""


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: moves(TalksHeld), "subclasses of tradedispute.CountryMove"),
        (lambda: moves(int), "subclasses of tradedispute.CountryMove"),
        (lambda: moves("RestrictionLifted"), "events\\(types="),
        (lambda: moves(Plain), "@attrs.frozen\\(kw_only=True\\)"),
        (
            lambda: moves(MovesTariffRaised, rte=st.just(0.1)),
            "'rte' is not a field of MovesTariffRaised; its fields are .*rate",
        ),
        (
            lambda: moves(MovesTariffRaised, rate=0.25),
            "fields are given as strategies, such as rate=st.just\\(0.25\\)",
        ),
        (
            lambda: moves(MovesOpaque),
            "cannot infer a strategy for the field 'payload'.*"
            "moves\\(MovesOpaque, payload=...\\)",
        ),
        (lambda: moves(MovesTariffRaised, countries=["JPN"]), "two or more"),
        (lambda: moves(MovesTariffRaised, countries=["JPN", "XXX"]), "XXX"),
        (
            lambda: moves(
                MovesTariffRaised, min_date=D(2020, 1, 2), max_date=D(2020, 1, 1)
            ),
            "is after max_date",
        ),
    ],
    ids=[
        "not-a-move",
        "not-a-class",
        "a-name",
        "not-attrs",
        "unknown-field",
        "not-a-strategy",
        "not-inferable",
        "one-country",
        "bad-code",
        "dates-reversed",
    ],
)
def test_bad_arguments_are_refused_at_once(call, message):
    """Each refusal names what was wrong and what would be valid."""
    with pytest.raises(InvalidArgument, match=message):
        call()


def test_a_drawn_value_the_type_refuses_names_the_field_to_give():
    """WTO case numbers are checked: the draw says to pass a strategy for 'case'."""

    @settings(database=None, max_examples=5)
    @given(moves(tradedispute.WTOComplaintFiled))
    def draw_one(event: CountryMove) -> None:
        pass

    with pytest.raises(InvalidArgument) as caught:
        draw_one()

    assert "DS590" in str(caught.value)
    assert "moves(WTOComplaintFiled, case=...)" in str(caught.value)


@attrs.frozen(kw_only=True)
class MovesChecked(CountryMove):
    """A user's validator, which raises a plain ValueError."""

    share: float = attrs.field(validator=attrs.validators.le(1.0))


def test_a_users_own_validator_names_the_field_too():
    """Attrs validators name their field in the error: the advice names it."""

    @settings(database=None, max_examples=50)
    @given(moves(MovesChecked))
    def draw_one(event: CountryMove) -> None:
        pass

    with pytest.raises(InvalidArgument, match=r"moves\(MovesChecked, share=...\)"):
        draw_one()


@attrs.frozen(kw_only=True)
class MovesMistyped(CountryMove):
    """A validator at odds with the annotation: instance_of names its field."""

    code: int = attrs.field(validator=attrs.validators.instance_of(str))


@attrs.frozen(kw_only=True)
class MovesCrossChecked(CountryMove):
    """A check across fields, which names none of them."""

    low: int
    high: int

    def __attrs_post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError("low is above high")


@pytest.mark.parametrize(
    ("event_type", "advice"),
    [
        (MovesMistyped, r"moves\(MovesMistyped, code=...\)"),
        (MovesCrossChecked, r"fields it checks: moves\(MovesCrossChecked, ...\)"),
    ],
    ids=["instance-of", "across-fields"],
)
def test_a_refusal_names_its_field_when_the_error_does(event_type, advice):
    """The advice names the field an error carries, else asks for the checked ones."""

    @settings(database=None, max_examples=50)
    @given(moves(event_type))
    def draw_one(event: CountryMove) -> None:
        pass

    with pytest.raises(InvalidArgument, match=advice):
        draw_one()
