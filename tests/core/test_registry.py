"""The registry: adding event types with their reducers, and what it refuses.

The registry is global for the whole test session, so every event class
defined here has a name starting ``RegistryTest``.
"""

import datetime as dt

import attrs
import pytest

import tradedispute
from tradedispute import (
    CountryMove,
    DisputeState,
    Event,
    EventLog,
    InvalidTransition,
    RestrictionImposed,
    TalksHeld,
    TradeDisputeError,
    UnilateralStep,
    WhitelistRemoved,
    apply,
    event_types,
    reducer_for,
)
from tradedispute.core.reducers.export_controls import impose_restriction
from tradedispute.core.reducers.negotiation import hold_talks
from tradedispute.core.vocabulary import EVENT_TYPES
from tradedispute.exceptions import RegistrationError, UnknownEventType

DAY = dt.date(2019, 7, 4)


def add_step(state: DisputeState, event: CountryMove, detail: str) -> DisputeState:
    """Record *event* as a unilateral step of its actor, as custom reducers may."""
    policy = state.country(event.actor)
    step = UnilateralStep(
        kind=type(event).__name__,
        detail=detail,
        target=event.target,
        date=event.effective,
        event_id=event.id,
    )
    return state.with_country(
        event.actor,
        attrs.evolve(policy, unilateral_steps=(*policy.unilateral_steps, step)),
    )


@attrs.frozen(kw_only=True)
class RegistryTestTariffRaised(CountryMove):
    """A test-only event type: the actor raises its tariff on the target."""

    rate: float = attrs.field()


@tradedispute.reducer(RegistryTestTariffRaised)
def raise_tariff(state: DisputeState, event: RegistryTestTariffRaised) -> DisputeState:
    """Record the tariff, rejecting a second one towards the same target."""
    steps = state.country(event.actor).unilateral_steps
    if any(step.kind == "RegistryTestTariffRaised" for step in steps):
        tradedispute.reject(
            event, "registry-test-tariff-raised", "a tariff was raised already"
        )
    return add_step(state, event, f"tariff {event.rate}%")


@attrs.frozen(kw_only=True)
class RegistryTestUnregistered(CountryMove):
    """A test-only event type that never gets a reducer."""


@attrs.frozen(kw_only=True)
class RegistryTestUnregisteredWhitelist(WhitelistRemoved):
    """A subclass of a built-in type that never gets a reducer of its own."""


def tariff(event_id: str, rate: float) -> RegistryTestTariffRaised:
    """Build the custom event."""
    return RegistryTestTariffRaised(
        id=event_id, effective=DAY, actor="USA", target="CHN", rate=rate
    )


# --- registering --------------------------------------------------------------------


def test_custom_event_appends_and_replays_through_its_reducer() -> None:
    """A registered custom event is appended to a log and replayed by its reducer."""
    log = EventLog()

    log.append(tariff("usa-tariff", 25.0))

    assert len(log) == 1
    assert (
        UnilateralStep(
            kind="RegistryTestTariffRaised",
            detail="tariff 25.0%",
            target="CHN",
            date=DAY,
            event_id="usa-tariff",
        ),
    ) == log.state_at(DAY).country("USA").unilateral_steps


def test_custom_reducer_rejection_keeps_the_log_as_it_was() -> None:
    """A custom reducer rejects with tradedispute.reject; the append is refused."""
    log = EventLog()
    log.append(tariff("usa-tariff", 25.0))

    with pytest.raises(InvalidTransition) as excinfo:
        log.append(tariff("usa-tariff-again", 30.0))

    assert "registry-test-tariff-raised" == excinfo.value.rule
    assert "usa-tariff-again" == excinfo.value.event_id
    assert "'usa-tariff-again' effective 2019-07-04" in str(excinfo.value)
    assert ["usa-tariff"] == [event.id for event in log]


def test_reducer_decorator_returns_the_function() -> None:
    """The decorator registers the function and hands it back unchanged."""
    assert raise_tariff is reducer_for(RegistryTestTariffRaised)
    assert "raise_tariff" == raise_tariff.__name__


def test_reducer_for_returns_built_in_reducers() -> None:
    """reducer_for gives the reducer registered for a built-in type."""
    assert impose_restriction is reducer_for(RestrictionImposed)
    assert hold_talks is reducer_for(TalksHeld)


def test_event_types_lists_built_in_and_custom_types() -> None:
    """event_types() holds every built-in type and every registered custom type."""
    registered = event_types()

    assert set(EVENT_TYPES) <= set(registered)
    assert RegistryTestTariffRaised in registered
    assert RegistryTestUnregistered not in registered
    names = [event_type.__name__ for event_type in registered]
    assert sorted(set(names)) == sorted(names)


def test_registration_error_is_a_trade_dispute_error_and_type_error() -> None:
    """Callers can catch RegistrationError as TradeDisputeError or TypeError."""
    assert issubclass(RegistrationError, TradeDisputeError)
    assert issubclass(RegistrationError, TypeError)


# --- refusing -----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class RegistryTestNotAnEvent:
    """An attrs class that is not an Event."""

    effective: dt.date


@pytest.mark.parametrize(
    "not_an_event", [RegistryTestNotAnEvent, int, "TalksHeld", tariff("t", 1.0)]
)
def test_registering_a_non_event_class_raises_registration_error(
    not_an_event: object,
) -> None:
    """Only subclasses of Event get reducers."""
    before = event_types()

    with pytest.raises(RegistrationError, match=r"subclasses of tradedispute\.Event"):
        tradedispute.reducer(not_an_event)  # type: ignore[arg-type]
    assert before == event_types()


def test_registering_an_undecorated_event_subclass_raises_registration_error() -> None:
    """An Event subclass must itself be decorated with attrs."""

    class RegistryTestUndecorated(RestrictionImposed):
        pass

    with pytest.raises(RegistrationError) as excinfo:
        tradedispute.reducer(RegistryTestUndecorated)

    assert "decorate it with @attrs.frozen(kw_only=True)" in str(excinfo.value)
    assert "RegistryTestUndecorated" in str(excinfo.value)
    assert RegistryTestUndecorated not in event_types()


def test_registering_a_taken_name_raises_registration_error() -> None:
    """A different class may not take a registered type's name."""

    @attrs.frozen(kw_only=True)
    class TalksHeld(Event):  # the built-in's name, defined here
        pass

    before = event_types()

    with pytest.raises(RegistrationError) as excinfo:
        tradedispute.reducer(TalksHeld)

    message = str(excinfo.value)
    assert "the name 'TalksHeld' already belongs to" in message
    assert "tradedispute.core.vocabulary.TalksHeld" in message
    assert before == event_types()
    assert hold_talks is reducer_for(tradedispute.TalksHeld)


def test_registering_a_taken_custom_name_raises_registration_error() -> None:
    """A custom type's name is protected like a built-in's."""

    @attrs.frozen(kw_only=True)
    class RegistryTestTariffRaised(CountryMove):  # the module-level type's name
        pass

    with pytest.raises(RegistrationError, match="already belongs to"):
        tradedispute.reducer(RegistryTestTariffRaised)
    assert raise_tariff is reducer_for(globals()["RegistryTestTariffRaised"])


def _define_redefined(detail: str) -> tuple[type[CountryMove], object]:
    """Define and register a class; calling again redefines it, as a notebook does."""

    @attrs.frozen(kw_only=True)
    class RegistryTestRedefined(CountryMove):
        pass

    @tradedispute.reducer(RegistryTestRedefined)
    def reduce(state: DisputeState, event: RegistryTestRedefined) -> DisputeState:
        return add_step(state, event, detail)

    return RegistryTestRedefined, reduce


def test_redefining_the_same_class_in_the_same_module_replaces_it() -> None:
    """The same module and qualified name again replaces the type and its reducer."""
    old_type, _ = _define_redefined("old")
    new_type, new_reducer = _define_redefined("new")

    assert old_type is not new_type
    assert new_reducer is reducer_for(new_type)
    assert new_type in event_types()
    assert old_type not in event_types()
    with pytest.raises(UnknownEventType):
        reducer_for(old_type)
    state = apply(
        DisputeState(), new_type(id="x", effective=DAY, actor="USA", target="CHN")
    )
    assert "new" == state.country("USA").unilateral_steps[0].detail


# --- unknown types ------------------------------------------------------------------


def test_appending_an_event_without_a_reducer_raises_unknown_event_type() -> None:
    """An Event subclass with no reducer cannot be appended; the log is unchanged."""
    log = EventLog()
    event = RegistryTestUnregistered(id="u", effective=DAY, actor="USA", target="CHN")

    with pytest.raises(UnknownEventType) as excinfo:
        log.append(event)

    assert RegistryTestUnregistered is excinfo.value.event_type
    assert "@tradedispute.reducer(RegistryTestUnregistered)" in str(excinfo.value)
    assert len(log) == 0


def test_subclass_of_a_built_in_type_needs_its_own_reducer() -> None:
    """Reducers are looked up by exact type, not inherited."""
    event = RegistryTestUnregisteredWhitelist(
        id="w", effective=DAY, actor="JPN", target="KOR"
    )

    with pytest.raises(UnknownEventType, match="no reducer is registered"):
        apply(DisputeState(), event)


def test_reducer_for_an_unregistered_type_raises_unknown_event_type() -> None:
    """reducer_for names the missing registration."""
    with pytest.raises(UnknownEventType) as excinfo:
        reducer_for(RegistryTestUnregistered)

    assert "no reducer is registered for RegistryTestUnregistered" in str(excinfo.value)


def test_appending_a_non_event_raises_unknown_event_type() -> None:
    """A log holds only Event instances."""
    log = EventLog()

    with pytest.raises(UnknownEventType, match=r"a log holds tradedispute\.Event"):
        log.append("WhitelistRemoved")  # type: ignore[arg-type]
    assert len(log) == 0


@pytest.mark.parametrize("name", ["type", "schema", "seq", "recorded_at", "batch_end"])
def test_field_named_like_a_record_key_is_refused(name: str) -> None:
    """A field may not share its name with a key the stored record uses itself."""
    cls = attrs.make_class(
        f"RegistryTestClash_{name}",
        {name: attrs.field(default=1)},
        bases=(tradedispute.Event,),
        frozen=True,
        kw_only=True,
    )

    with pytest.raises(RegistrationError, match=f"'{name}' would clash"):
        tradedispute.reducer(cls)
