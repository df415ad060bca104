"""Our own CountryMove reducers through the law kit users run on theirs.

One `ReducerLaws` subclass per built-in move type, made from the registry,
so a new type runs through the kit the day it is registered. The fields
that name a fact (items, case, demand, agreement) are drawn from the names
`event_batches` gives its facts, so the moves meet the log's facts: some
change them, some are rejected.
"""

from collections.abc import Sequence
from typing import Any

import attrs
from hypothesis import strategies as st

from tradedispute import CountryMove, Event, event_types
from tradedispute.core import vocabulary as v
from tradedispute.testing import event_batches, laws, moves

#: One pair of countries, so that moves and the log's facts meet often.
PAIR = ("JPN", "KOR")
#: What `event_batches(max_chains=6)` names its facts.
KEYS = st.integers(0, 5)
FACT_NAMES: dict[str, st.SearchStrategy[Any]] = {
    "items": st.tuples(KEYS, st.integers(1, 3)).map(
        lambda t: frozenset(f"item {t[0]}-{n}" for n in range(t[1]))
    ),
    "case": KEYS.map(lambda key: f"DS{key + 1}"),
    "demand": KEYS.map("demand {}".format),
    "agreement": KEYS.map("agreement {}".format),
}

#: The move that starts the fact each family of moves acts on.
STARTED_BY = {
    v.RestrictionEased: v.RestrictionImposed,
    v.RestrictionLifted: v.RestrictionImposed,
    v.WhitelistRestored: v.WhitelistRemoved,
    v.VisaWaiverRestored: v.VisaWaiverSuspended,
    v.EntryRestrictionLifted: v.EntryRestrictionImposed,
    v.AgreementTerminationSuspended: v.AgreementTerminationNoticed,
    v.AgreementTerminationWithdrawn: v.AgreementTerminationNoticed,
    v.DemandMet: v.DemandMade,
    v.DemandDropped: v.DemandMade,
    v.WTOComplaintDropped: v.WTOComplaintFiled,
    v.WTOComplaintResumed: v.WTOComplaintFiled,
    v.WTOStep: v.WTOComplaintFiled,
}

#: The part of the state each family of moves keeps its facts in.
OWNED_PART = {
    v.WTOComplaintFiled: "wto_cases",
    v.WTOComplaintDropped: "wto_cases",
    v.WTOComplaintResumed: "wto_cases",
    v.WTOStep: "wto_cases",
    v.DemandMade: "demands",
    v.DemandMet: "demands",
    v.DemandDropped: "demands",
}

BUILT_IN_MOVES = [
    event_type
    for event_type in event_types()
    if issubclass(event_type, CountryMove)
    and event_type.__module__.startswith("tradedispute.")
]


def owned_part(event_type: type[CountryMove]) -> str:
    """The part of `DisputeState` a built-in move type keeps its facts in."""
    for family, part in OWNED_PART.items():
        if issubclass(event_type, family):
            return part
    return "countries"


class BuiltInMoveLaws(laws.ReducerLaws):
    """The kit for a built-in move type: its facts named as the log names its own."""

    max_examples = 3

    def moves_among(self, background: Sequence[Event]) -> st.SearchStrategy[Any]:
        """Moves whose fact names are those of *background*, or might be."""
        names = {field.name for field in attrs.fields(self.event_type)}
        fields = {}
        for name in FACT_NAMES.keys() & names:
            seen = sorted(
                {getattr(e, name) for e in background if hasattr(e, name)}, key=repr
            )
            fields[name] = (
                st.sampled_from(seen) | FACT_NAMES[name] if seen else FACT_NAMES[name]
            )
        return moves(self.event_type, countries=PAIR, **fields)


def logs_for(event_type: type[CountryMove]) -> st.SearchStrategy[list[Event]]:
    """Logs that hold a fact *event_type* acts on, when it needs one."""
    logs = event_batches(countries=PAIR, max_chains=6)
    starts = [s for family, s in STARTED_BY.items() if issubclass(event_type, family)]
    if not starts:
        return logs
    return logs.filter(lambda batch: any(isinstance(e, starts[0]) for e in batch))


def law_kit_for(event_type: type[CountryMove]) -> type[laws.ReducerLaws]:
    """A `ReducerLaws` subclass for *event_type*, as a user would write it."""
    return type(
        f"Test{event_type.__name__}Laws",
        (BuiltInMoveLaws,),
        {
            "__module__": __name__,
            "event_type": event_type,
            "logs": logs_for(event_type),
            "owns": frozenset({owned_part(event_type)}),
        },
    )


globals().update({kit.__name__: kit for kit in map(law_kit_for, BUILT_IN_MOVES)})


def test_every_built_in_move_type_runs_through_the_kit():
    """Each built-in CountryMove type has its ReducerLaws subclass here."""
    kits = {
        value.event_type
        for value in globals().values()
        if isinstance(value, type)
        and issubclass(value, laws.ReducerLaws)
        and value.__test__
    }
    assert set(BUILT_IN_MOVES) == kits
    assert 30 == len(BUILT_IN_MOVES)
