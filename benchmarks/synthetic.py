"""Generate large, valid synthetic logs: many countries over decades.

Run: python benchmarks/synthetic.py --events N [--countries K] [--seed S]
                                    [--back-dated F] [--batch B]
                                    [--validate] [--check] -o FILE.sqlite

The generator keeps a small model of what is in force and only ever makes a
move that is valid where it lands in replay order, so every log it writes
replays without `InvalidTransition`. It uses only the public API: the event
classes, `EventLog` and `tradedispute.stores.SQLiteStore`.

The mix (see `KIND_WEIGHTS`): export restrictions imposed, eased and lifted
on items; whitelist removals and restorations; visa waivers suspended and
restored; entry restrictions; WTO complaints filed, taken to a panel,
suspended, resumed and withdrawn; rounds of talks; demands made, renewed, met
and dropped; agreement termination notices given, suspended and withdrawn;
export controls strengthened. Countries are real ISO 3166-1 alpha-3 codes,
the largest economies first, and the first ones are the most active. A
quarter of the events cite a source and one in ten carries a note.

Dates run from 1970 over fifty years, in append order, except for a
fraction of back-dated events (``--back-dated``, default 2 %): records made
late, effective some days to months (rarely years) before the newest
recorded event. They are moves on facts that nothing earlier touches (talks,
a strengthened export control, a new demand, a new item restricted, a new
WTO case), so they are valid wherever they land and leave every later event
valid.

Writing a file, two ways:

* ``--validate``: ``EventLog.open(path).extend(batch)`` per batch, as a user
  would: every batch is validated by replay before it is written. A batch
  that holds a back-dated event is validated by replaying from the
  checkpoint before its earliest event to the end of the log.
* the default, the fast path for big N: ``SQLiteStore(path).append(batch,
  expected_version=...)``, the store under the log, which encodes and
  commits each batch without replaying it. The events are valid by
  construction; ``--check`` then opens the file with `EventLog.open(path,
  checkpoints=False)`, which replays every event once and fails if any does
  not replay.

Library use: `synthetic_batches` yields lists of events lazily (1,000,000
events take about 30 s to generate on the machine of docs/performance.md), and
`synthetic_events` yields them one by one; `write_log` and `write_store`
are the two ways of writing above.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pycountry

from tradedispute import (
    AgreementTerminationNoticed,
    AgreementTerminationSuspended,
    AgreementTerminationWithdrawn,
    DemandDropped,
    DemandMade,
    DemandMet,
    EntryRestrictionImposed,
    EntryRestrictionLifted,
    Event,
    EventLog,
    ExportControlStrengthened,
    NextMeeting,
    RestrictionEased,
    RestrictionImposed,
    RestrictionLifted,
    Source,
    TalksHeld,
    VisaWaiverRestored,
    VisaWaiverSuspended,
    WhitelistRemoved,
    WhitelistRestored,
    WTOComplaintDropped,
    WTOComplaintFiled,
    WTOComplaintResumed,
    WTOPanelEstablished,
    WTOPanelRequested,
)
from tradedispute.stores import SQLiteStore

# The largest trading economies first: with K countries, the first K are used.
# fmt: off
MAJOR = (
    "USA", "CHN", "JPN", "DEU", "KOR", "GBR", "FRA", "IND", "ITA", "CAN", "MEX", "BRA",
    "RUS", "AUS", "ESP", "NLD", "IDN", "TUR", "SAU", "CHE", "TWN", "POL", "SWE", "BEL",
    "ARG", "THA", "NOR", "AUT", "ARE", "ISR", "VNM", "MYS", "SGP", "PHL", "ZAF", "IRL",
    "DNK", "EGY", "NGA", "CHL", "COL", "PAK", "BGD", "FIN", "CZE", "PRT", "NZL", "ROU",
    "PER", "HUN", "UKR",
)
# fmt: on

START = dt.date(1970, 1, 1)
SPAN_DAYS = 50 * 365

#: Relative frequency of each family of moves.
KIND_WEIGHTS = {
    "restriction": 30,
    "whitelist": 5,
    "visa": 4,
    "entry": 4,
    "wto": 8,
    "talks": 16,
    "demand": 18,
    "agreement": 6,
    "strengthen": 4,
}

PRODUCTS = (
    "photoresist",
    "hydrogen fluoride",
    "fluorinated polyimide",
    "gallium",
    "germanium",
    "graphite",
    "rare earth magnets",
    "lithographic equipment",
    "semiconductor equipment",
    "advanced chips",
    "steel",
    "aluminium",
    "soybeans",
    "pork",
    "beef",
    "wine",
    "barley",
    "coal",
    "crude oil",
    "liquefied natural gas",
    "wheat",
    "rice",
    "fertiliser",
    "nickel ore",
    "cobalt",
    "lithium",
    "solar panels",
    "electric vehicles",
    "batteries",
    "machine tools",
    "drones",
    "medical masks",
    "vaccines",
    "timber",
    "seafood",
    "dairy",
    "sugar",
    "cotton",
    "textiles",
    "footwear",
)
MEASURES = (
    "individual export licence",
    "export ban",
    "export quota",
    "export tax",
    "end-user certification",
)
EASINGS = (
    "general licence for part of the item",
    "quota raised",
    "licence review shortened",
    "exemption for civilian users",
)
DEMANDS = (
    "withdraw the export restrictions",
    "restore the whitelist",
    "compensate the affected firms",
    "stop the dumping of steel",
    "open the market to beef",
    "enforce intellectual property rights",
    "reduce the trade deficit",
    "lift the entry restrictions",
    "apologise for the statement",
    "resume the dialogue",
)
AGREEMENTS = (
    "GSOMIA",
    "free trade agreement",
    "investment treaty",
    "currency swap",
    "fisheries agreement",
)
LEVELS = ("director general", "vice minister", "minister", "summit", "working group")
FORMATS = ("in person", "video", "telephone")
OUTCOMES = ("no_deal", "progress", "agreement")
POINTS = (
    "boost cooperation on export control policy",
    "hold talks again",
    "set up a working group",
    "exchange data on shipments",
)
PUBLISHERS = ("Yonhap", "Reuters", "Nikkei", "Xinhua", "WTO", "Ministry of Trade")
STEPS = (
    "more staff for export licensing",
    "catch-all control extended",
    "new export control law",
    "end-use checks doubled",
)


def country_codes(k: int) -> list[str]:
    """Return *k* real ISO 3166-1 alpha-3 codes, the major economies first."""
    extra = sorted(c.alpha_3 for c in pycountry.countries if c.alpha_3 not in MAJOR)
    codes = [*MAJOR, *extra]
    if not 2 <= k <= len(codes):
        raise ValueError(f"countries must be from 2 to {len(codes)}, not {k}")
    return codes[:k]


class _Model:
    """What is in force now, as far as the generator needs to stay valid."""

    def __init__(self) -> None:
        # (actor, target) -> item -> eased?
        self.restrictions: dict[tuple[str, str], dict[str, bool]] = {}
        self.whitelist: set[tuple[str, str]] = set()
        self.visa: set[tuple[str, str]] = set()
        self.entry: set[tuple[str, str]] = set()
        # case -> [complainant, respondent, status, stage]
        self.cases: dict[str, list[str]] = {}
        self.live_cases: list[str] = []
        # (demander, addressee) -> open demands
        self.demands: dict[tuple[str, str], set[str]] = {}
        # (actor, agreement) -> [counterparty, suspended?]
        self.notices: dict[tuple[str, str], list[object]] = {}
        self.next_case = 1
        self.fresh = 0


class _Generator:
    def __init__(self, n: int, countries: int, seed: int, back_dated: float) -> None:
        self.n = n
        self.codes = country_codes(countries)
        self.rng = random.Random(seed)
        self.seed = seed
        self.back_dated = back_dated
        self.model = _Model()
        # The first countries are the most active: weight 1/rank (Zipf).
        weights = [1 / rank for rank in range(1, len(self.codes) + 1)]
        self.cum_weights = list(itertools.accumulate(weights))
        self.kinds = list(KIND_WEIGHTS)
        self.kind_cum = list(itertools.accumulate(KIND_WEIGHTS.values()))
        self.start = START.toordinal()
        self.days: dict[int, dt.date] = {}

    def day(self, ordinal: int) -> dt.date:
        found = self.days.get(ordinal)
        if found is None:
            found = self.days[ordinal] = dt.date.fromordinal(ordinal)
        return found

    def pair(self) -> tuple[str, str]:
        choose = self.rng.choices
        actor, target = choose(self.codes, cum_weights=self.cum_weights, k=2)
        while target == actor:
            (target,) = choose(self.codes, cum_weights=self.cum_weights)
        return actor, target

    def common(self, i: int, effective: dt.date) -> dict[str, object]:
        fields: dict[str, object] = {"id": f"s{self.seed}-{i}", "effective": effective}
        r = self.rng.random()
        if r < 0.25:
            fields["source"] = Source(
                title=f"Trade measures, report {i}",
                publisher=self.rng.choice(PUBLISHERS),
                published=effective,
                url=f"https://example.org/trade/{i}",
            )
        if r < 0.10:
            fields["note"] = "Dates differ between sources; the official one is kept."
        if r > 0.95 and effective.toordinal() > self.start:
            fields["announced"] = self.day(effective.toordinal() - 1)
        return fields

    def events(self) -> Iterator[Event]:
        rng = self.rng
        make = {
            "restriction": self.restriction,
            "whitelist": self.whitelist,
            "visa": self.visa,
            "entry": self.entry,
            "wto": self.wto,
            "talks": self.talks,
            "demand": self.demand,
            "agreement": self.agreement,
            "strengthen": self.strengthen,
        }
        steps = [make[kind] for kind in self.kinds]
        n, span = self.n, SPAN_DAYS
        for i in range(n):
            today = self.start + i * span // n
            if i and rng.random() < self.back_dated:
                back = min(today - self.start, 1 + int(rng.expovariate(1 / 30)))
                yield self.independent(i, self.day(today - back))
                continue
            (step,) = rng.choices(steps, cum_weights=self.kind_cum)
            yield step(i, self.day(today))

    # --- moves valid now, on facts in force now ---------------------------------

    def restriction(self, i: int, day: dt.date) -> Event:
        rng = self.rng
        actor, target = key = self.pair()
        in_force = self.model.restrictions.setdefault(key, {})
        fields = self.common(i, day)
        r = rng.random()
        if not in_force or (r < 0.45 and len(in_force) < 12):
            free = [p for p in rng.sample(PRODUCTS, 4) if p not in in_force]
            items = free[: rng.randint(1, 2)] or [self.fresh_item()]
            in_force.update(dict.fromkeys(items, False))
            return RestrictionImposed(
                **fields,
                actor=actor,
                target=target,
                items=items,
                measure=rng.choice(MEASURES),
            )
        not_eased = [item for item, eased in in_force.items() if not eased]
        if r < 0.65 and not_eased:
            item = rng.choice(not_eased)
            in_force[item] = True
            return RestrictionEased(
                **fields,
                actor=actor,
                target=target,
                items={item},
                detail=rng.choice(EASINGS),
            )
        items = rng.sample(list(in_force), min(len(in_force), rng.randint(1, 2)))
        for item in items:
            del in_force[item]
        return RestrictionLifted(**fields, actor=actor, target=target, items=items)

    def toggle(
        self,
        facts: set[tuple[str, str]],
        i: int,
        day: dt.date,
        start: type[Event],
        end: type[Event],
        **extra: object,
    ) -> Event:
        key = self.pair()
        fields = self.common(i, day)
        actor, target = key
        if key in facts:
            facts.remove(key)
            return end(**fields, actor=actor, target=target)
        facts.add(key)
        return start(**fields, **extra, actor=actor, target=target)

    def whitelist(self, i: int, day: dt.date) -> Event:
        return self.toggle(
            self.model.whitelist, i, day, WhitelistRemoved, WhitelistRestored
        )

    def visa(self, i: int, day: dt.date) -> Event:
        return self.toggle(
            self.model.visa,
            i,
            day,
            VisaWaiverSuspended,
            VisaWaiverRestored,
            visas_invalidated=self.rng.random() < 0.3,
        )

    def entry(self, i: int, day: dt.date) -> Event:
        return self.toggle(
            self.model.entry,
            i,
            day,
            EntryRestrictionImposed,
            EntryRestrictionLifted,
            quarantine_days=self.rng.choice((None, 3, 7, 14)),
            detail="no public transport",
        )

    def wto(self, i: int, day: dt.date) -> Event:
        rng = self.rng
        live = self.model.live_cases
        if not live or rng.random() < 8 / (8 + len(live)):
            return self.file_case(i, day)
        at = rng.randrange(len(live))
        case = live[at]
        facts = self.model.cases[case]
        actor, target, status, stage = facts
        fields = {**self.common(i, day), "actor": actor, "target": target, "case": case}
        r = rng.random()
        if status == "suspended":
            if r < 0.7:
                facts[2] = "active"
                return WTOComplaintResumed(**fields)
        elif r < 0.7 and stage == "consultations":
            facts[3] = "panel requested"
            return WTOPanelRequested(**fields)
        elif r < 0.7 and stage == "panel requested":
            facts[3] = "panel established"
            return WTOPanelEstablished(**fields)
        elif r < 0.85:
            facts[2] = "suspended"
            return WTOComplaintDropped(**fields, mode="suspended")
        # Withdrawn for good: the case leaves the live list (swap and pop).
        facts[2] = "withdrawn"
        live[at] = live[-1]
        live.pop()
        return WTOComplaintDropped(**fields, mode="withdrawn")

    def file_case(self, i: int, day: dt.date) -> Event:
        actor, target = self.pair()
        case = f"DS{self.model.next_case}"
        self.model.next_case += 1
        self.model.cases[case] = [actor, target, "active", "consultations"]
        self.model.live_cases.append(case)
        return WTOComplaintFiled(
            **self.common(i, day),
            actor=actor,
            target=target,
            case=case,
            subject=f"measures on {self.rng.choice(PRODUCTS)}",
        )

    def talks(self, i: int, day: dt.date) -> Event:
        rng = self.rng
        parties = set(self.pair())
        if rng.random() < 0.1:
            parties.add(rng.choice(self.codes))
        if len(parties) < 2:
            parties.add(self.codes[0])
        r = rng.random()
        next_meeting = None
        if r < 0.3:
            next_meeting = NextMeeting(place="Geneva", timing="near future")
        elif r < 0.4:
            next_meeting = NextMeeting(date=self.day(day.toordinal() + 30))
        return TalksHeld(
            **self.common(i, day),
            parties=parties,
            level=rng.choice(LEVELS),
            format=rng.choice(FORMATS),
            outcome=rng.choice(OUTCOMES),
            duration_hours=rng.choice((None, 2.5, 8.0, 10.5)),
            agreed={rng.choice(POINTS)} if r > 0.7 else set(),
            next_meeting=next_meeting,
        )

    def demand(self, i: int, day: dt.date) -> Event:
        rng = self.rng
        demander, addressee = key = self.pair()
        open_ = self.model.demands.setdefault(key, set())
        fields = self.common(i, day)
        r = rng.random()
        if not open_ or r < 0.5:
            demand = rng.choice(DEMANDS)  # open already: a renewal
            open_.add(demand)
            return DemandMade(**fields, actor=demander, target=addressee, demand=demand)
        demand = rng.choice(sorted(open_))
        open_.remove(demand)
        if r < 0.75:
            return DemandMet(**fields, actor=addressee, target=demander, demand=demand)
        return DemandDropped(**fields, actor=demander, target=addressee, demand=demand)

    def agreement(self, i: int, day: dt.date) -> Event:
        rng = self.rng
        actor, target = self.pair()
        name = f"{rng.choice(AGREEMENTS)} with {target}"
        key = (actor, name)
        fields = {
            **self.common(i, day),
            "actor": actor,
            "target": target,
            "agreement": name,
        }
        notice = self.model.notices.get(key)
        if notice is None:
            self.model.notices[key] = [target, False]
            return AgreementTerminationNoticed(**fields)
        if not notice[1] and rng.random() < 0.6:
            notice[1] = True
            return AgreementTerminationSuspended(**fields)
        del self.model.notices[key]
        return AgreementTerminationWithdrawn(**fields)

    def strengthen(self, i: int, day: dt.date) -> Event:
        actor, target = self.pair()
        return ExportControlStrengthened(
            **self.common(i, day),
            actor=actor,
            target=target,
            detail=self.rng.choice(STEPS),
        )

    # --- back-dated moves: on facts nothing before them touches -------------------

    def fresh_item(self) -> str:
        self.model.fresh += 1
        return f"{self.rng.choice(PRODUCTS)} lot {self.model.fresh}"

    def independent(self, i: int, day: dt.date) -> Event:
        r = self.rng.random()
        if r < 0.3:
            return self.talks(i, day)
        if r < 0.45:
            return self.strengthen(i, day)
        if r < 0.55:
            return self.file_case(i, day)
        actor, target = key = self.pair()
        fields = {**self.common(i, day), "actor": actor, "target": target}
        self.model.fresh += 1
        if r < 0.75:
            demand = f"{self.rng.choice(DEMANDS)} (request {self.model.fresh})"
            self.model.demands.setdefault(key, set()).add(demand)
            return DemandMade(**fields, demand=demand)
        item = self.fresh_item()
        self.model.restrictions.setdefault(key, {})[item] = False
        return RestrictionImposed(
            **fields, items={item}, measure=self.rng.choice(MEASURES)
        )


def synthetic_events(
    n: int, *, countries: int = 50, seed: int = 0, back_dated: float = 0.02
) -> Iterator[Event]:
    """Yield *n* valid events between *countries* countries, in append order.

    The same arguments give the same events, ids included (``s{seed}-{i}``).
    """
    if n < 0:
        raise ValueError(f"n must be >= 0, not {n}")
    if not 0 <= back_dated < 1:
        raise ValueError(f"back_dated must be from 0 to 1, not {back_dated}")
    return _Generator(n, countries, seed, back_dated).events()


def synthetic_batches(
    n: int,
    *,
    countries: int = 50,
    seed: int = 0,
    back_dated: float = 0.02,
    batch: int = 1_000,
) -> Iterator[list[Event]]:
    """Yield the events of `synthetic_events` lazily, in lists of *batch*."""
    events = synthetic_events(n, countries=countries, seed=seed, back_dated=back_dated)
    while chunk := list(itertools.islice(events, batch)):
        yield chunk


def write_log(path: Path, batches: Iterable[list[Event]]) -> int:
    """Append the batches with ``EventLog.open(path).extend``: validated, slow."""
    with EventLog.open(path) as log:
        for batch in batches:
            log.extend(batch)
        return len(log)


def write_store(path: Path, batches: Iterable[list[Event]]) -> int:
    """Append the batches to the SQLite store directly: no replay, fast."""
    store = SQLiteStore(path)
    try:
        version = store.version()
        for _ in store.read():  # a file that holds events already
            version = store.version()
        for batch in batches:
            store.append(batch, expected_version=version)
            version += len(batch)
        return version
    finally:
        store.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--countries", type=int, default=50)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--back-dated", type=float, default=0.02)
    parser.add_argument("--batch", type=int, default=1_000)
    parser.add_argument(
        "--validate",
        action="store_true",
        help="append with EventLog.extend, validating each batch (slow for big N)",
    )
    parser.add_argument(
        "--check", action="store_true", help="open the file afterwards: replay it all"
    )
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.output.suffix not in (".sqlite", ".db"):
        parser.error("the output is a SQLite log: give a .sqlite or .db path")
    if args.output.exists():
        parser.error(f"{args.output} exists; give a new path")

    batches = synthetic_batches(
        args.events,
        countries=args.countries,
        seed=args.seed,
        back_dated=args.back_dated,
        batch=args.batch,
    )
    begin = time.perf_counter()
    write = write_log if args.validate else write_store
    count = write(args.output, batches)
    seconds = time.perf_counter() - begin
    how = "EventLog.extend" if args.validate else "SQLiteStore.append"
    print(f"wrote {count:,} events to {args.output} in {seconds:.1f} s ({how})")
    if args.check:
        begin = time.perf_counter()
        # Without checkpoints: they would skip the events before them.
        with EventLog.open(args.output, checkpoints=False) as log:
            seconds = time.perf_counter() - begin
            print(f"checked: {len(log):,} events replay, opened in {seconds:.1f} s")


if __name__ == "__main__":
    sys.exit(main())
