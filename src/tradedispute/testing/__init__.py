"""Hypothesis strategies for tradedispute: test reducers, logs and your own code.

Install with the ``testing`` extra (``pip install 'tradedispute[testing]'``).
The project's own tests use these strategies, so they are kept in step with
every event type the library ships.

* `events` draws single events of the built-in vocabulary, each valid to
  build (good codes, no self-targets) but not necessarily valid to replay.
* `event_logs` draws whole event logs whose every append was valid,
  recorded out of date order (back-dated appends) and with same-day events.
* `event_batches` draws the list of events such a log is built from, in
  append order, for tests that need to append them themselves.
* `corrections` draws retractions and corrections of given events, valid
  to build but not necessarily to append (a retraction can strand a later
  event that needs the retracted one).
* `moves` draws events of any `CountryMove` subclass, your own included,
  valid to build; `tradedispute.testing.laws` runs the laws every reducer
  keeps on such a type.
"""

from __future__ import annotations

import datetime as dt
import functools
import string
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as error:  # pragma: no cover - run in a subprocess by the tests
    from tradedispute.exceptions import missing_extra

    raise missing_extra("tradedispute.testing", "Hypothesis", "testing") from error

from tradedispute.core.corrections import Correction, EventCorrected, EventRetracted
from tradedispute.core.countries import check_country_code
from tradedispute.core.events import (
    CountryMove,
    Event,
    Source,
    is_bool,
    is_country,
    is_date,
    is_item_set,
    is_name_set,
    is_optional_date,
    is_str,
    is_text,
)
from tradedispute.core.measure_events import MEASURE_EVENT_TYPES
from tradedispute.core.vocabulary import (
    EVENT_TYPES,
    OUTCOMES,
    AgreementEnteredIntoForce,
    AgreementEvent,
    AgreementResumed,
    AgreementSigned,
    AgreementSuspended,
    AgreementTerminated,
    AgreementTerminationNoticed,
    AgreementTerminationSuspended,
    AgreementTerminationWithdrawn,
    DemandDropped,
    DemandMade,
    DemandMet,
    EntryRestrictionImposed,
    EntryRestrictionLifted,
    ExportControlStrengthened,
    NextMeeting,
    RestrictionEased,
    RestrictionImposed,
    RestrictionLifted,
    TalksHeld,
    VisaWaiverRestored,
    VisaWaiverSuspended,
    WhitelistRemoved,
    WhitelistRestored,
    WTOAppellateReportCirculated,
    WTOComplaintDropped,
    WTOComplaintFiled,
    WTOComplaintResumed,
    WTOComplianceProceedingsStarted,
    WTOPanelComposed,
    WTOPanelEstablished,
    WTOPanelLapsed,
    WTOPanelReportAppealed,
    WTOPanelReportCirculated,
    WTOPanelRequested,
    WTOReportAdopted,
    WTORetaliationAuthorised,
    WTOSolutionAgreed,
)
from tradedispute.exceptions import InvalidEvent
from tradedispute.log.eventlog import EventLog
from tradedispute.testing.measures import (
    hs_codes,
    measure_events,
    measure_kinds,
    measure_lives,
    products,
    rates,
)

__all__ = [
    "DEFAULT_COUNTRIES",
    "corrections",
    "country_codes",
    "event_batches",
    "event_logs",
    "events",
    "hs_codes",
    "measure_events",
    "measure_kinds",
    "measure_lives",
    "moves",
    "products",
    "rates",
    "sources",
]

DEFAULT_COUNTRIES: tuple[str, ...] = ("JPN", "KOR", "CHN", "USA", "EUN")
"""The countries strategies draw from unless told otherwise."""
_MIN_DATE = dt.date(2019, 7, 1)
_MAX_DATE = dt.date(2019, 9, 30)

# Any text a UTF-8 file can hold: no lone surrogates.
_names = st.text(st.characters(codec="utf-8"), min_size=1, max_size=20).filter(
    str.strip
)
_free_text = st.text(st.characters(codec="utf-8"), max_size=30)
_urls = st.builds(
    "https://{}.example/{}".format,
    st.text(string.ascii_lowercase, min_size=1, max_size=12),
    st.text(string.ascii_lowercase + string.digits + "/", max_size=20),
)


def _check_countries(countries: Sequence[str]) -> tuple[str, ...]:
    codes = tuple(dict.fromkeys(countries))
    if len(codes) < 2:
        raise InvalidArgument(f"countries={countries!r} must hold two or more codes")
    for code in codes:
        try:
            check_country_code(code)
        except ValueError as error:
            raise InvalidArgument(f"countries={countries!r}: {error}") from error
    return codes


def _check_dates(min_date: dt.date, max_date: dt.date) -> None:
    if min_date > max_date:
        raise InvalidArgument(f"min_date={min_date} is after max_date={max_date}")


def country_codes(
    *, countries: Sequence[str] = DEFAULT_COUNTRIES
) -> st.SearchStrategy[str]:
    """Draw a country code from *countries*."""
    return st.sampled_from(_check_countries(countries))


@functools.cache
def sources() -> st.SearchStrategy[Source]:
    """Draw a citation: title, publisher, and maybe a date and a URL."""
    return st.builds(
        Source,
        title=_names,
        publisher=_names,
        published=st.none() | st.dates(),
        url=st.none() | _urls,
    )


_ids = st.uuids().map(lambda u: u.hex)


@functools.cache
def _common(dates: st.SearchStrategy[dt.date]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "id": _ids,
            "effective": dates,
            "announced": st.none() | dates,
            "source": st.none() | sources(),
            "note": _free_text,
        }
    )


@functools.cache
def _pair(codes: tuple[str, ...]) -> st.SearchStrategy[dict[str, str]]:
    return st.permutations(codes).map(lambda p: {"actor": p[0], "target": p[1]})


def _move_fields(
    event_type: type[Event], codes: tuple[str, ...]
) -> st.SearchStrategy[dict[str, Any]]:
    items = st.frozensets(_names, min_size=1, max_size=3)
    cases = st.integers(1, 999).map(lambda n: f"DS{n}")
    fields: dict[type[Event], st.SearchStrategy[dict[str, Any]]] = {
        RestrictionImposed: st.fixed_dictionaries({"items": items, "measure": _names}),
        RestrictionEased: st.fixed_dictionaries({"items": items, "detail": _free_text}),
        RestrictionLifted: st.fixed_dictionaries({"items": items}),
        WhitelistRemoved: st.fixed_dictionaries({"list_name": _free_text}),
        WhitelistRestored: st.fixed_dictionaries({"list_name": _free_text}),
        WTOComplaintFiled: st.fixed_dictionaries(
            {"case": cases, "subject": _free_text}
        ),
        WTOComplaintDropped: st.fixed_dictionaries(
            {"case": cases, "mode": st.sampled_from(["suspended", "withdrawn"])}
        ),
        WTOComplaintResumed: st.fixed_dictionaries({"case": cases}),
        WTOPanelRequested: st.fixed_dictionaries({"case": cases}),
        WTOPanelEstablished: st.fixed_dictionaries({"case": cases}),
        **{
            step: st.fixed_dictionaries({"case": cases})
            for step in (*_CASE_STEPS, *_CASE_ENDS)
            if step not in (WTOPanelReportAppealed, WTORetaliationAuthorised)
        },
        WTOPanelReportAppealed: st.fixed_dictionaries(
            {"case": cases, "into_the_void": st.booleans()}
        ),
        WTORetaliationAuthorised: st.fixed_dictionaries(
            {"case": cases, "detail": _free_text}
        ),
        AgreementTerminationWithdrawn: st.fixed_dictionaries({"agreement": _names}),
        DemandMade: st.fixed_dictionaries({"demand": _names}),
        DemandMet: st.fixed_dictionaries({"demand": _names}),
        DemandDropped: st.fixed_dictionaries({"demand": _names}),
        VisaWaiverSuspended: st.fixed_dictionaries(
            {"visas_invalidated": st.booleans()}
        ),
        VisaWaiverRestored: st.fixed_dictionaries({}),
        EntryRestrictionImposed: st.fixed_dictionaries(
            {
                "quarantine_days": st.none() | st.integers(0, 30),
                "detail": _free_text,
            }
        ),
        EntryRestrictionLifted: st.fixed_dictionaries({}),
        AgreementTerminationNoticed: st.fixed_dictionaries({"agreement": _names}),
        AgreementTerminationSuspended: st.fixed_dictionaries({"agreement": _names}),
        ExportControlStrengthened: st.fixed_dictionaries({"detail": _names}),
    }
    moves = st.tuples(_pair(codes), fields[event_type]).map(lambda t: {**t[0], **t[1]})
    if event_type is WTOPanelReportAppealed:
        # The appellant, if reported, is one of the case's two parties.
        return st.tuples(moves, st.sampled_from([None, "actor", "target"])).map(
            lambda t: {**t[0], "appellant": t[1] and t[0][t[1]]}
        )
    return moves


#: The steps of a WTO case after its filing, in the order of its stages.
_CASE_STEPS: tuple[type[Event], ...] = (
    WTOPanelRequested,
    WTOPanelEstablished,
    WTOPanelComposed,
    WTOPanelReportCirculated,
    WTOPanelReportAppealed,
    WTOAppellateReportCirculated,
    WTOReportAdopted,
    WTOComplianceProceedingsStarted,
    WTORetaliationAuthorised,
)
#: The steps that end a case.
_CASE_ENDS: tuple[type[Event], ...] = (WTOSolutionAgreed, WTOPanelLapsed)


@functools.cache
def _agreement_fields(codes: tuple[str, ...]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {
            "agreement": _names,
            "parties": st.frozensets(st.sampled_from(codes), min_size=2),
        }
    )


def _at_precision(
    common: dict[str, Any], precision: str, min_date: dt.date
) -> dict[str, Any]:
    """*common* with a date known to the *precision*, if its first day is in range."""
    day = common["effective"]
    first = {
        "day": day,
        "month": day.replace(day=1),
        "year": day.replace(month=1, day=1),
    }[precision]
    if first < min_date:
        return common
    return {**common, "effective": first, "precision": precision}


@functools.cache
def _talks_fields(codes: tuple[str, ...]) -> st.SearchStrategy[dict[str, Any]]:
    meetings = st.builds(
        NextMeeting,
        place=_names,
        date=st.none() | st.dates(),
        timing=_free_text,
    )
    return st.fixed_dictionaries(
        {
            "parties": st.frozensets(st.sampled_from(codes), min_size=2),
            "level": _names,
            "format": st.sampled_from(["in person", "video", "phone"]),
            "outcome": st.sampled_from(OUTCOMES),
            "duration_hours": st.none()
            | st.floats(0, 48, allow_nan=False, allow_infinity=False),
            "agreed": st.frozensets(_names, max_size=2),
            "next_meeting": st.none() | meetings,
        }
    )


_PRECISIONS = st.sampled_from(["day", "month", "year"])

_BUILT_IN = EVENT_TYPES + MEASURE_EVENT_TYPES


def events(
    *,
    types: Sequence[type[Event]] = _BUILT_IN,
    countries: Sequence[str] = DEFAULT_COUNTRIES,
    min_date: dt.date = dt.date(1995, 1, 1),
    max_date: dt.date = dt.date(2035, 12, 31),
) -> st.SearchStrategy[Event]:
    """Draw one event of the built-in vocabulary, valid to build.

    Every field is drawn, optional ones included, so the events exercise a
    codec or a printer fully. They are not necessarily valid to *replay*
    (a lift may have no imposition before it): use `event_logs` for that.

    Args:
        types: The event types to draw from; built-in types only.
        countries: The country codes actors, targets and parties come from.
        min_date: The earliest effective (and announced) date.
        max_date: The latest effective (and announced) date.
    """
    codes = _check_countries(countries)
    _check_dates(min_date, max_date)
    unknown = [t for t in types if t not in _BUILT_IN]
    if unknown or not types:
        raise InvalidArgument(
            f"types={types!r}: events() draws built-in event types only, "
            "and at least one"
        )
    dates = st.dates(min_date, max_date)

    def build(event_type: type[Event]) -> st.SearchStrategy[Event]:
        if event_type in MEASURE_EVENT_TYPES:
            return measure_events(
                types=[event_type], min_date=min_date, max_date=max_date
            )
        if event_type is TalksHeld:
            specific = _talks_fields(codes)
        elif issubclass(event_type, AgreementEvent):
            specific = _agreement_fields(codes)
        else:
            specific = _move_fields(event_type, codes)
        return st.tuples(_common(dates), specific, _PRECISIONS).map(
            lambda t: event_type(**_at_precision(t[0], t[2], min_date), **t[1])
        )

    return st.one_of([build(event_type) for event_type in types])


# --- valid logs ----------------------------------------------------------------
#
# A valid log is drawn as independent "chains": the life of one fact, such as
# JPN's restriction on one set of items towards KOR, or one WTO case. Each
# chain is a valid sequence of events in date order, and no two chains touch
# the same fact, so any interleaving of chains that keeps each chain's order
# is valid at every prefix. Interleaving chains whose dates differ is what
# makes back-dated appends; a small date range makes same-day events.


_KINDS = st.sampled_from(
    [
        *("restriction", "whitelist", "visa", "entry", "case"),
        *("notice", "demand", "talks", "step", "measure", "agreement"),
    ]
)
_MODES = st.sampled_from(["suspended", "withdrawn"])
_CLOSERS = st.sampled_from([DemandMet, DemandDropped])


@st.composite
def _chain(
    draw: st.DrawFn,
    *,
    key: int,
    codes: tuple[str, ...],
    dates: st.SearchStrategy[dt.date],
    max_length: int,
) -> list[Event]:
    """Draw one fact's life: a valid, date-ordered list of events."""
    kind = draw(_KINDS)
    length = draw(st.integers(1, max_length))
    days = sorted(draw(dates) for _ in range(length))
    pair = draw(_pair(codes))
    common = [{**draw(_common(dates)), "effective": day} for day in days]
    out: list[Event] = []

    def add(event_type: type[Event], i: int, **fields: Any) -> None:
        out.append(event_type(**common[i], **fields))

    if kind == "restriction":
        items = frozenset(f"item {key}-{n}" for n in range(draw(st.integers(1, 3))))
        imposed = False
        eased = False
        for i in range(length):
            if not imposed:
                add(RestrictionImposed, i, **pair, items=items, measure=draw(_names))
                imposed, eased = True, False
            elif not eased and draw(st.booleans()):
                add(RestrictionEased, i, **pair, items=items, detail=draw(_free_text))
                eased = True
            else:
                add(RestrictionLifted, i, **pair, items=items)
                imposed = False
    elif kind in ("whitelist", "visa", "entry"):
        on, off = {
            "whitelist": (WhitelistRemoved, WhitelistRestored),
            "visa": (VisaWaiverSuspended, VisaWaiverRestored),
            "entry": (EntryRestrictionImposed, EntryRestrictionLifted),
        }[kind]
        for i in range(length):
            add(on if i % 2 == 0 else off, i, **pair)
    elif kind == "case":
        case = f"DS{key + 1}"
        add(WTOComplaintFiled, 0, **pair, case=case, subject=draw(_free_text))
        status = "active"
        steps = list(_CASE_STEPS)
        for i in range(1, length):
            if status == "withdrawn":
                break
            if status == "suspended" and draw(st.booleans()):
                add(WTOComplaintResumed, i, **pair, case=case)
                status = "active"
                continue
            if status == "active" and steps and draw(st.booleans()):
                # A step may skip stages the sources do not mention.
                del steps[: draw(st.integers(0, min(2, len(steps) - 1)))]
                step = steps.pop(0)
                fields: dict[str, Any] = {}
                if step is WTOPanelReportAppealed:
                    fields["into_the_void"] = draw(st.booleans())
                    if fields["into_the_void"]:
                        steps.clear()  # no report follows, nor adoption
                add(step, i, **pair, case=case, **fields)
                continue
            if draw(st.integers(0, 3)) == 0:
                add(draw(st.sampled_from(_CASE_ENDS)), i, **pair, case=case)
                break
            mode = draw(_MODES)
            if status == mode:
                mode = "withdrawn"
            add(WTOComplaintDropped, i, **pair, case=case, mode=mode)
            status = mode
    elif kind == "notice":
        agreement = f"agreement {key}"
        add(AgreementTerminationNoticed, 0, **pair, agreement=agreement)
        if length > 1:
            add(AgreementTerminationSuspended, 1, **pair, agreement=agreement)
        if length > 2:
            add(AgreementTerminationWithdrawn, 2, **pair, agreement=agreement)
    elif kind == "demand":
        demand = f"demand {key}"
        open_ = False
        for i in range(length):
            if open_ and draw(st.booleans()):
                closer = draw(_CLOSERS)
                if closer is DemandMet:
                    add(
                        DemandMet,
                        i,
                        actor=pair["target"],
                        target=pair["actor"],
                        demand=demand,
                    )
                else:
                    add(DemandDropped, i, **pair, demand=demand)
                open_ = False
            else:
                add(DemandMade, i, **pair, demand=demand)
                open_ = True
    elif kind == "measure":
        life = measure_lives(
            measure=f"m{key}", days=days, actor=pair["actor"], target=pair["target"]
        )
        out.extend(draw(life))
    elif kind == "agreement":
        _agreement_life(draw, add, f"pact {key}", length, codes)
    elif kind == "talks":
        for i in range(length):
            add(TalksHeld, i, **draw(_talks_fields(codes)))
    else:
        for i in range(length):
            add(ExportControlStrengthened, i, **pair, detail=draw(_names))
    return out


#: What an agreement of each status may do next, and the status it leaves.
_AGREEMENT_STEPS: dict[str | None, dict[type[Event], str]] = {
    None: {AgreementSigned: "signed", AgreementEnteredIntoForce: "in force"},
    "signed": {AgreementEnteredIntoForce: "in force", AgreementTerminated: "ended"},
    "in force": {AgreementSuspended: "suspended", AgreementTerminated: "ended"},
    "suspended": {AgreementResumed: "in force", AgreementTerminated: "ended"},
}


def _agreement_life(
    draw: st.DrawFn,
    add: Callable[..., None],
    agreement: str,
    length: int,
    codes: tuple[str, ...],
) -> None:
    """Add one agreement's steps, from signing or entry into force on."""
    parties = draw(st.frozensets(st.sampled_from(codes), min_size=2))
    status: str | None = None
    for i in range(length):
        steps = _AGREEMENT_STEPS.get(status)
        if steps is None:
            break
        step = draw(st.sampled_from(sorted(steps, key=lambda t: t.__name__)))
        add(step, i, agreement=agreement, parties=parties)
        status = steps[step]


def _fact_key(chain: list[Event]) -> object:
    """Chains of the same key would touch the same fact; keep one of each."""
    first = chain[0]
    kind = type(first).__name__
    if kind in ("TalksHeld", "ExportControlStrengthened"):
        return first.id
    return (
        kind,
        getattr(first, "actor", None),
        getattr(first, "target", None),
        getattr(first, "items", None),
        getattr(first, "case", None),
        getattr(first, "agreement", None),
        getattr(first, "demand", None),
        getattr(first, "measure", None),
    )


def event_batches(
    *,
    countries: Sequence[str] = DEFAULT_COUNTRIES,
    min_date: dt.date = _MIN_DATE,
    max_date: dt.date = _MAX_DATE,
    max_chains: int = 8,
    max_chain_length: int = 4,
) -> st.SearchStrategy[list[Event]]:
    """Draw events in an append order that is valid at every step.

    Appending them one by one to an empty `EventLog` never raises. The order
    includes back-dated appends (an event effective before one appended
    earlier) and, with the default three-month range, same-day events.

    Args:
        countries: The country codes actors, targets and parties come from.
        min_date: The earliest effective date.
        max_date: The latest effective date.
        max_chains: At most this many independent facts are drawn.
        max_chain_length: At most this many events touch each fact.
    """
    codes = _check_countries(countries)
    _check_dates(min_date, max_date)
    if max_chains < 0 or max_chain_length < 1:
        raise InvalidArgument(
            f"max_chains={max_chains} must be >= 0 and "
            f"max_chain_length={max_chain_length} >= 1"
        )
    return _event_batches(
        codes=codes,
        dates=st.dates(min_date, max_date),
        max_chains=max_chains,
        max_chain_length=max_chain_length,
    )


@st.composite
def _event_batches(
    draw: st.DrawFn,
    *,
    codes: tuple[str, ...],
    dates: st.SearchStrategy[dt.date],
    max_chains: int,
    max_chain_length: int,
) -> list[Event]:
    count = draw(st.integers(0, max_chains))
    chains = [
        draw(_chain(key=key, codes=codes, dates=dates, max_length=max_chain_length))
        for key in range(count)
    ]
    unique: dict[object, list[Event]] = {}
    for chain in chains:
        unique.setdefault(_fact_key(chain), chain)
    chains = list(unique.values())
    # One token per event, naming its chain; a permutation of the tokens is
    # an interleaving that keeps each chain's own order.
    tokens = [n for n, chain in enumerate(chains) for _ in chain]
    order = draw(st.permutations(tokens))
    positions = [0] * len(chains)
    batch: list[Event] = []
    for n in order:
        batch.append(chains[n][positions[n]])
        positions[n] += 1
    return batch


def event_logs(
    *,
    countries: Sequence[str] = DEFAULT_COUNTRIES,
    min_date: dt.date = _MIN_DATE,
    max_date: dt.date = _MAX_DATE,
    max_chains: int = 8,
    max_chain_length: int = 4,
) -> st.SearchStrategy[EventLog]:
    """Draw an `EventLog` built by appending `event_batches`, one event at a time.

    Takes the same arguments as `event_batches`. ``list(log)`` gives the
    events in the order they were appended.
    """

    def build(batch: list[Event]) -> EventLog:
        log = EventLog()
        for event in batch:
            log.append(event)
        return log

    return event_batches(
        countries=countries,
        min_date=min_date,
        max_date=max_date,
        max_chains=max_chains,
        max_chain_length=max_chain_length,
    ).map(build)


def corrections(
    targets: Sequence[Event], *, max_shift_days: int = 30
) -> st.SearchStrategy[Correction]:
    """Draw an `EventRetracted` or `EventCorrected` of one of *targets*.

    A correction replaces its target with the same event moved by up to
    *max_shift_days* days either way (or not moved, to restate it).

    Args:
        targets: The events a correction may name; at least one.
        max_shift_days: How far a correction may move an effective date.
    """
    events_ = tuple(targets)
    if not events_ or not all(isinstance(event, Event) for event in events_):
        raise InvalidArgument(
            f"targets={targets!r} must be a non-empty sequence of events"
        )
    if max_shift_days < 0:
        raise InvalidArgument(f"max_shift_days={max_shift_days} must be >= 0")

    @st.composite
    def draw_correction(draw: st.DrawFn) -> Correction:
        target = draw(st.sampled_from(events_))
        reason = draw(_names)
        if draw(st.booleans()):
            return EventRetracted(id=draw(_ids), target_id=target.id, reason=reason)
        day = target.effective
        shift = draw(
            st.integers(
                -min(max_shift_days, (day - dt.date.min).days),
                min(max_shift_days, (dt.date.max - day).days),
            )
        )
        # A date moved to another day is known to the day.
        try:
            moved = attrs.evolve(
                target,
                effective=day + dt.timedelta(days=shift),
                precision=target.precision if shift == 0 else "day",
            )
        except InvalidEvent:
            # Moved past a date of its own (an announcement past the day its
            # measure takes effect): a correction would retract it instead.
            return EventRetracted(id=draw(_ids), target_id=target.id, reason=reason)
        return EventCorrected(
            id=draw(_ids), target_id=target.id, replacement=moved, reason=reason
        )

    return draw_correction()


# --- moves of any type, a user's own included -------------------------------------

#: The fields every `CountryMove` has, which `moves` draws itself.
_MOVE_FIELDS = tuple(field.name for field in attrs.fields(CountryMove))

#: The largest integers a stored record holds (JSON readers take 64 bits).
_INT64 = 2**63

#: How the library's own validators say what a field holds.
_BY_VALIDATOR: Mapping[object, st.SearchStrategy[Any]] = {
    is_text: _names,
    is_str: _free_text,
    is_bool: st.booleans(),
    is_item_set: st.frozensets(_names, min_size=1, max_size=3),
    is_name_set: st.frozensets(_names, max_size=3),
}


def moves(
    event_type: type[CountryMove],
    *,
    countries: Sequence[str] = DEFAULT_COUNTRIES,
    min_date: dt.date = _MIN_DATE,
    max_date: dt.date = _MAX_DATE,
    **fields: st.SearchStrategy[Any],
) -> st.SearchStrategy[CountryMove]:
    """Draw events of *event_type*, any `CountryMove` subclass, valid to build.

    The actor and the target are two distinct codes of *countries*, so
    building never fails on a self-target; ``effective`` (known to the day,
    month or year) and ``announced`` fall between *min_date* and *max_date*;
    ``id`` is a fresh UUID. The other fields come from *fields*, or are
    inferred: from the library's validators (`is_text`, `is_item_set`,
    `is_country`, ...), else from the field's type (``str``, ``int``,
    ``float``, ``bool``, ``datetime.date``, ``X | None``, ``frozenset[X]``,
    ``tuple[X, ...]``, enums and ``Literal``, and anything
    `hypothesis.strategies.from_type` resolves). A field with a default
    keeps it unless given. Any field, ``actor`` and ``effective`` included,
    may be given a strategy of its own.

    The default dates are those of `event_logs`, so that the moves land
    among a drawn log's events.

    Args:
        event_type: A subclass of `CountryMove` decorated with attrs.
        countries: The codes actors, targets and country fields come from.
        min_date: The earliest date drawn.
        max_date: The latest date drawn.
        **fields: A strategy for each field to draw otherwise, by name.

    Raises:
        InvalidArgument: *event_type* is not such a subclass; a name in
            *fields* is not one of its fields, or its value not a strategy;
            a field can be neither inferred nor defaulted (the message names
            it); bad *countries* or dates. When drawing: the type refused
            the values drawn (the message names the field to give a
            strategy for).
    """
    codes = _check_countries(countries)
    _check_dates(min_date, max_date)
    name = _check_move_type(event_type)
    declared = {field.name: field for field in attrs.fields(event_type) if field.init}
    unknown = sorted(set(fields) - set(declared))
    if unknown:
        raise InvalidArgument(
            f"moves({name}): {', '.join(map(repr, unknown))} "
            f"{'is not a field' if len(unknown) == 1 else 'are not fields'} of "
            f"{name}; its fields are {', '.join(sorted(declared))}"
        )
    for field_name, strategy in fields.items():
        if not isinstance(strategy, st.SearchStrategy):
            raise InvalidArgument(
                f"moves({name}, {field_name}={strategy!r}): fields are given as "
                f"strategies, such as {field_name}=st.just({strategy!r})"
            )
    dates = st.dates(min_date, max_date)
    hints = _type_hints(event_type)
    strategies: dict[str, st.SearchStrategy[Any]] = {
        "id": _ids,
        "effective": dates,
        "announced": st.none() | dates,
        "source": st.none() | sources(),
        "note": _free_text,
    }
    for field_name, field in declared.items():
        if field_name in (*_MOVE_FIELDS, *fields) or field.default is not attrs.NOTHING:
            continue
        strategies[field_name] = _inferred(
            name, field, hints.get(field_name), codes, dates
        )
    given = {k: v for k, v in fields.items() if k not in ("actor", "target")}
    return _moves(
        event_type,
        strategies={**strategies, **given},
        actors=fields.get("actor", st.sampled_from(codes)),
        targets=fields.get("target"),
        codes=codes,
        # A drawn precision moves the date to the first day it stands for.
        min_date=None if {"effective", "precision"} & set(fields) else min_date,
    )


def _check_move_type(event_type: object) -> str:
    if not (isinstance(event_type, type) and issubclass(event_type, CountryMove)):
        raise InvalidArgument(
            f"moves({event_type!r}): moves() draws subclasses of "
            "tradedispute.CountryMove (one country's move towards another); "
            "for other built-in types use events(types=[...])"
        )
    if "__attrs_attrs__" not in vars(event_type):
        raise InvalidArgument(
            f"moves({event_type.__qualname__}): decorate the class with "
            "@attrs.frozen(kw_only=True) like the built-in events"
        )
    return event_type.__qualname__


def _type_hints(event_type: type[CountryMove]) -> dict[str, Any]:
    """The fields' types, resolved where their names can be found."""
    try:
        return typing.get_type_hints(event_type)
    except (NameError, TypeError):
        return {field.name: field.type for field in attrs.fields(event_type)}


def _inferred(
    name: str,
    field: attrs.Attribute[Any],
    hint: Any,
    codes: tuple[str, ...],
    dates: st.SearchStrategy[dt.date],
) -> st.SearchStrategy[Any]:
    """A strategy for *field*, from its validator or else its type."""
    by_validator = {
        **_BY_VALIDATOR,
        is_country: st.sampled_from(codes),
        is_date: dates,
        is_optional_date: st.none() | dates,
    }
    validators = getattr(field.validator, "_validators", (field.validator,))
    for validator in validators:
        if validator in by_validator:
            return by_validator[validator]
    strategy = _from_hint(hint, dates)
    if strategy is None:
        raise InvalidArgument(
            f"moves({name}) cannot infer a strategy for the field "
            f"{field.name!r} (of type {getattr(hint, '__name__', hint)!r}); "
            f"pass one: moves({name}, {field.name}=...)"
        )
    return strategy


def _from_hint(
    hint: Any, dates: st.SearchStrategy[dt.date]
) -> st.SearchStrategy[Any] | None:
    """A strategy for values of the type *hint*, or `None` if none is known."""
    simple: dict[object, st.SearchStrategy[Any]] = {
        str: _names,
        bool: st.booleans(),
        int: st.integers(-_INT64, _INT64 - 1),
        # NaN is not equal to itself, so no state holding one would be either.
        float: st.floats(allow_nan=False, allow_infinity=False),
        dt.date: dates,
        Source: sources(),
    }
    if hint in simple:
        return simple[hint]
    if hint in (None, Any, object) or isinstance(hint, str | typing.ForwardRef):
        return None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        parts = [_from_hint(arg, dates) for arg in args if arg is not type(None)]
        known = [part for part in parts if part is not None]
        if len(known) < len(parts):
            return None
        drawn = st.one_of(known)
        return st.none() | drawn if type(None) in args else drawn
    if origin is frozenset and len(args) == 1:
        inner = _from_hint(args[0], dates)
        return None if inner is None else st.frozensets(inner, max_size=3)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        inner = _from_hint(args[0], dates)
        return None if inner is None else st.lists(inner, max_size=3).map(tuple)
    try:
        strategy = st.from_type(hint)
        strategy.validate()
    except (InvalidArgument, TypeError):
        return None
    return strategy


def _refused_field(error: Exception, names: Sequence[str]) -> str | None:
    """The field of *names* an event type's validator names in *error*, if any."""
    field = getattr(error, "field", None)
    if isinstance(field, str):
        return field
    for arg in error.args:
        if isinstance(arg, attrs.Attribute):
            return arg.name
    # attrs's own validators quote the field's name at the start.
    message = str(error)
    quoted = [name for name in names if message.startswith(f"'{name}'")]
    return quoted[0] if quoted else None


@st.composite
def _moves(
    draw: st.DrawFn,
    event_type: type[CountryMove],
    *,
    strategies: dict[str, st.SearchStrategy[Any]],
    actors: st.SearchStrategy[str],
    targets: st.SearchStrategy[str] | None,
    codes: tuple[str, ...],
    min_date: dt.date | None,
) -> CountryMove:
    values = {name: draw(strategy) for name, strategy in strategies.items()}
    actor = draw(actors)
    if targets is None:
        target = draw(st.sampled_from([code for code in codes if code != actor]))
    else:
        target = draw(targets.filter(lambda code: code != actor))
    if min_date is not None:
        values = _at_precision(values, draw(_PRECISIONS), min_date)
    try:
        return event_type(**values, actor=actor, target=target)
    except Exception as error:
        name = event_type.__qualname__
        field = _refused_field(error, list(values))
        advice = (
            f"pass a strategy of valid values for it: moves({name}, {field}=...)"
            if field is not None
            else f"pass strategies for the fields it checks: moves({name}, ...)"
        )
        raise InvalidArgument(
            f"moves({name}) drew values the type refuses "
            f"({type(error).__name__}: {error}); {advice}"
        ) from error
