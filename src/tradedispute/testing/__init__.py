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
from collections.abc import Callable, Sequence
from typing import Any

import attrs

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as error:  # pragma: no cover - run in a subprocess by the tests
    from tradedispute.exceptions import missing_extra

    raise missing_extra("tradedispute.testing", "Hypothesis", "testing") from error

from tradedispute.core.corrections import Correction, EventCorrected, EventRetracted
from tradedispute.core.events import Event
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
from tradedispute.testing._basics import (
    _MAX_DATE,
    _MIN_DATE,
    _PRECISIONS,
    DEFAULT_COUNTRIES,
    _at_precision,
    _check_countries,
    _check_dates,
    _free_text,
    _ids,
    _names,
    country_codes,
    sources,
)
from tradedispute.testing._moves import moves
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
