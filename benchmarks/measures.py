"""Time the measure model: changes to a large measure, and duty() over many measures.

Run: python benchmarks/measures.py [--sizes 100,1000,10000] [--measures N]
                                   [--repeat R] [--queries Q] [--seed S]
                                   [--skip-lines] [--skip-many]

Part 1, one measure of n tariff lines, for each n in --sizes: a
`MeasureImposed` of n distinct 10-digit HS codes is appended to a new
in-memory `EventLog` (the one step whose cost grows with n, by nature),
then each change is appended R times to that log and timed alone:
a `MeasureAmended` adding 10 codes, one removing 10, an `ExclusionGranted`
of 10 codes, a `MeasureAmended` changing the rate. Between two timed
changes an untimed event undoes the change (the codes are removed or put
back, the exclusion revoked), so the measure keeps its n lines. Then, on
the state after them (one exclusion in force): ``state.duty(actor,
target, code)`` for a code in scope, an excluded one and one outside the
scope, and ``state.measures(product=code)``; and
``log.diff`` / ``log.intervals`` over a log of the measure and a few
amendments (each replays the log, so it includes the imposition, shown
beside it as ``replay``). Each figure is the median of R runs (queries:
of R runs of 100 calls each), in microseconds. A change that costs what it
touches shows the same figure in every column.

Part 2, N synthetic measures (default 100,000): tariffs and trade
remedies (and some export bans, which carry no duty) between 50 countries,
each on 1 to 20 codes drawn from a pool of 6-digit HS codes, a few on every
country but some; 10% later suspended, 10% given an exclusion. Times
building them (generating the events, `replay`, and appending them to an
`EventLog` in batches of 1,000; ``replay`` runs with the cyclic garbage
collector on, as a program's would, and the append pauses it), then Q
``duty`` queries (default 200; half for a random actor, target and
10-digit code under the pool, half for a measure's own actor, target and
goods) and Q / 10 ``measures(product=)`` queries: median and 90th
percentile, in milliseconds.

Prints one table per part. Nothing here is asserted: figures depend on the
machine, so they belong in notes and docs, not in tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import statistics
import sys
import time
import timeit
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import country_codes

from tradedispute import (
    ALL,
    Event,
    EventLog,
    ExclusionGranted,
    ExclusionRevoked,
    MeasureAmended,
    MeasureImposed,
    MeasureResumed,
    MeasureSuspended,
    Products,
    Rate,
    replay,
    replay_order,
)

START = dt.date(2018, 1, 1)
MEASURE = "us-301-list3"
ACTOR, TARGET, OTHER = "USA", "CHN", "JPN"
#: A code in no scope: HS chapter 98 is never drawn (see `ten_digit_codes`).
OUTSIDE = "9801001000"
#: Codes a change touches.
TOUCHED = 10


def ten_digit_codes(rng: random.Random, n: int) -> list[str]:
    """Return *n* distinct 10-digit HS codes in chapters 01 to 97."""
    codes: set[str] = set()
    while len(codes) < n:
        codes.add(f"{rng.randrange(1, 98):02d}{rng.randrange(10**8):08d}")
    return sorted(codes)


def median_us(samples: list[float]) -> float:
    """The median of *samples* (seconds), in microseconds."""
    return statistics.median(samples) * 1e6


class Days:
    """Hands out one day after another, so that every append is in date order."""

    def __init__(self, start: dt.date) -> None:
        self.day = start

    def next(self) -> dt.date:
        self.day += dt.timedelta(days=1)
        return self.day


def imposed(codes: list[str], day: dt.date) -> MeasureImposed:
    """The measure of part 1, on *codes*."""
    return MeasureImposed(
        measure=MEASURE,
        actor=ACTOR,
        targets={TARGET},
        kind="import tariff",
        products=Products(hs=codes, edition="HS2017"),
        rate=Rate(percent=10),
        legal_basis="Section 301",
        effective=day,
    )


def time_changes(
    log: EventLog,
    days: Days,
    repeat: int,
    make: Callable[[int, dt.date], tuple[Event, Event | None]],
) -> float:
    """Median time of appending the first event *make* gives, undone by the second."""
    samples = []
    for k in range(repeat):
        change, undo = make(k, days.next())
        begin = time.perf_counter()
        log.append(change)
        samples.append(time.perf_counter() - begin)
        if undo is not None:
            log.append(undo)
    return median_us(samples)


def time_query(query: Callable[[], object], repeat: int, number: int = 100) -> float:
    """Median time of one call of *query*, in microseconds (R runs of *number*)."""
    runs = timeit.repeat(query, number=number, repeat=repeat)
    return statistics.median(runs) / number * 1e6


def one_measure(n: int, repeat: int, rng: random.Random) -> dict[str, float]:
    """Part 1 for a measure of *n* lines: row name -> microseconds."""
    codes = ten_digit_codes(rng, n + TOUCHED * repeat)
    rng.shuffle(codes)
    scope, spare = codes[:n], codes[n:]
    row: dict[str, float] = {}

    samples = []
    for _ in range(min(repeat, 5)):
        begin = time.perf_counter()
        Products(hs=scope)
        samples.append(time.perf_counter() - begin)
    row["Products(hs=n codes), built"] = median_us(samples)
    samples = []
    for _ in range(min(repeat, 5)):
        event = imposed(scope, START)
        log = EventLog()
        gc.collect()
        begin = time.perf_counter()
        log.append(event)
        samples.append(time.perf_counter() - begin)
    row["append MeasureImposed (n lines)"] = median_us(samples)

    days = Days(START)

    def add(k: int, day: dt.date) -> tuple[Event, Event]:
        new = Products(hs=spare[k * TOUCHED : (k + 1) * TOUCHED])
        return (
            MeasureAmended(measure=MEASURE, add=new, effective=day),
            MeasureAmended(measure=MEASURE, remove=new, effective=day),
        )

    def remove(k: int, day: dt.date) -> tuple[Event, Event]:
        start = k * TOUCHED % (n - TOUCHED)
        old = Products(hs=scope[start : start + TOUCHED])
        return (
            MeasureAmended(measure=MEASURE, remove=old, effective=day),
            MeasureAmended(measure=MEASURE, add=old, effective=day),
        )

    def exclude(k: int, day: dt.date) -> tuple[Event, Event]:
        start = k * TOUCHED % (n - TOUCHED)
        some = Products(hs=scope[start : start + TOUCHED])
        name = f"exclusion {k}"
        return (
            ExclusionGranted(
                measure=MEASURE,
                exclusion=name,
                products=some,
                until=day + dt.timedelta(days=365),
                effective=day,
            ),
            ExclusionRevoked(measure=MEASURE, exclusion=name, effective=day),
        )

    def rate(k: int, day: dt.date) -> tuple[Event, None]:
        percent = 25 if k % 2 == 0 else 10
        return MeasureAmended(
            measure=MEASURE, rate=Rate(percent=percent), effective=day
        ), None

    gc.collect()
    row["append MeasureAmended, add 10 codes"] = time_changes(log, days, repeat, add)
    row["append MeasureAmended, remove 10 codes"] = time_changes(
        log, days, repeat, remove
    )
    row["append ExclusionGranted, 10 codes"] = time_changes(log, days, repeat, exclude)
    row["append MeasureAmended, rate"] = time_changes(log, days, repeat, rate)

    # Queries on the state with one exclusion in force.
    log.append(exclude(repeat, days.next())[0])
    state = log.state_at(days.day)
    assert len(state.interventions[MEASURE].products) == n
    inside, excluded = scope[-1], scope[repeat * TOUCHED % (n - TOUCHED)]
    assert state.duty(ACTOR, TARGET, inside).percent > 0
    assert state.duty(ACTOR, TARGET, excluded).percent == 0
    row["state.duty, code in scope"] = time_query(
        lambda: state.duty(ACTOR, TARGET, inside), repeat
    )
    row["state.duty, code excluded"] = time_query(
        lambda: state.duty(ACTOR, TARGET, excluded), repeat
    )
    row["state.duty, code outside"] = time_query(
        lambda: state.duty(ACTOR, TARGET, OUTSIDE), repeat
    )
    row["state.measures(product=code)"] = time_query(
        lambda: state.measures(product=inside), repeat
    )

    # The views over a short log: the measure and a few changes to it.
    days = Days(START)
    events = [imposed(scope, START)]
    for k in range(2):
        events += [
            add(k, days.next())[0],
            *remove(k, days.next()),  # and put back
            exclude(k, days.next())[0],
            rate(k, days.next())[0],
        ]
    events.append(MeasureSuspended(measure=MEASURE, effective=days.next()))
    events.append(MeasureResumed(measure=MEASURE, effective=days.next()))
    short = EventLog()
    short.extend(events)
    ordered = short.events()
    before, last = START - dt.timedelta(days=1), days.day
    views = {
        f"replay of those {len(events)} events (for scale)": lambda: replay(ordered),
        f"log.diff over them ({len(events)} events)": lambda: short.diff(before, last),
        f"log.intervals over them ({len(events)} events)": short.intervals,
    }
    assert short.diff(before, last)
    assert short.intervals()
    for name, work in views.items():
        row[name] = time_query(work, min(repeat, 5), number=1)
    return row


def print_table(title: str, header: list[str], rows: list[list[str]]) -> None:
    """Print *rows* under *header*: the first column to the left, the others right."""
    widths = [
        max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)
    ]

    def line(cells: list[str]) -> str:
        return "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )

    print(title)
    print(line(header))
    print("-" * len(line(header)))
    for row in rows:
        print(line(row))
    print()


def part_one(sizes: list[int], repeat: int, seed: int) -> None:
    results = {n: one_measure(n, repeat, random.Random(seed + n)) for n in sizes}
    names = list(results[sizes[0]])
    rows = [
        [name, *(f"{results[n][name]:,.1f}" for n in sizes)]
        + (
            [f"{results[sizes[-1]][name] / results[sizes[0]][name]:.1f}x"]
            if len(sizes) > 1
            else []
        )
        for name in names
    ]
    header = ["one measure, µs (median)", *(f"{n:,} lines" for n in sizes)]
    if len(sizes) > 1:
        header.append(f"{sizes[-1]:,} / {sizes[0]:,}")
    print_table(f"Part 1: one measure; median of {repeat}", header, rows)


SIX_DIGITS = 5_000
DUTY_KINDS = ("import tariff", "anti-dumping duty", "countervailing duty", "safeguard")


def synthetic_measures(
    n: int, rng: random.Random, countries: list[str], pool: list[str]
) -> Iterator[Event]:
    """Yield the events of *n* measures, in append order (not date order)."""
    for i in range(n):
        actor = rng.choice(countries)
        day = START + dt.timedelta(days=i // 100)
        roll = rng.random()
        if roll < 0.05:
            exempt = set(rng.sample(countries, 3)) - {actor}
            targets: object = ALL
        else:
            exempt = set()
            targets = {rng.choice([c for c in countries if c != actor])}
        kind = "export ban" if roll > 0.9 else rng.choice(DUTY_KINDS)
        codes = rng.sample(pool, rng.randint(1, 20))
        measure = f"m{i}"
        yield MeasureImposed(
            measure=measure,
            actor=actor,
            targets=targets,  # type: ignore[arg-type]
            exempt=exempt,
            kind=kind,
            products=Products(hs=codes),
            rate=None if kind == "export ban" else Rate(percent=rng.randint(5, 50)),
            effective=day,
        )
        later = day + dt.timedelta(days=rng.randint(1, 365))
        chance = rng.random()
        if chance < 0.1:
            yield MeasureSuspended(measure=measure, effective=later)
        elif chance < 0.2:
            yield ExclusionGranted(
                measure=measure,
                exclusion="x1",
                products=Products(hs=codes[:1]),
                effective=later,
            )


def part_two(count: int, queries: int, seed: int) -> None:
    rng = random.Random(seed)
    countries = country_codes(50)
    pool = sorted(
        {
            f"{rng.randrange(1, 98):02d}{rng.randrange(10**4):04d}"
            for _ in range(SIX_DIGITS)
        }
    )
    rows: list[list[str]] = []

    begin = time.perf_counter()
    events = replay_order(list(synthetic_measures(count, rng, countries, pool)))
    rows.append(
        [f"generate {len(events):,} events", f"{time.perf_counter() - begin:.2f} s"]
    )
    gc.collect()
    begin = time.perf_counter()
    state = replay(events)
    rows.append(["replay(events)", f"{time.perf_counter() - begin:.2f} s"])
    log = EventLog()
    gc.collect()
    begin = time.perf_counter()
    for start in range(0, len(events), 1_000):
        log.extend(events[start : start + 1_000])
    seconds = time.perf_counter() - begin
    rows.append(["EventLog.extend, batches of 1,000", f"{seconds:.2f} s"])
    state = log.state_at(events[-1].effective)
    on_books = len(state.interventions)
    applying = sum(1 for m in state.interventions.values() if m.applies)
    rows.append(["measures on the books (applying)", f"{on_books:,} ({applying:,})"])

    # Half the questions at random, half about a measure's own goods.
    imposed_events = [event for event in events if isinstance(event, MeasureImposed)]
    asked = []
    for k in range(queries):
        if k % 2:
            measure = rng.choice(imposed_events)
            actor, code = measure.actor, rng.choice(sorted(measure.products.hs))
            target = rng.choice(sorted(measure.targets - {ALL}) or countries)
        else:
            actor, target, code = *rng.sample(countries, 2), rng.choice(pool)
        asked.append((actor, target, code + f"{rng.randrange(10**4):04d}"))
    samples, parts = [], 0
    for actor, target, code in asked:
        begin = time.perf_counter()
        answer = state.duty(actor, target, code)
        samples.append(time.perf_counter() - begin)
        parts += len(answer.parts)
    cuts = statistics.quantiles(samples, n=10)
    rows.append(
        [
            f"state.duty, {len(asked):,} queries ({parts:,} parts found)",
            f"median {median_us(samples) / 1e3:.2f} ms, "
            f"90th percentile {cuts[-1] * 1e3:.2f} ms",
        ]
    )
    samples, found = [], 0
    for _, _, code in asked[: max(queries // 10, 1)]:
        begin = time.perf_counter()
        found += len(state.measures(product=code))
        samples.append(time.perf_counter() - begin)
    rows.append(
        [
            f"state.measures(product=code), {len(samples):,} queries",
            f"median {median_us(samples) / 1e3:.2f} ms ({found:,} found)",
        ]
    )
    print_table(
        f"Part 2: {count:,} synthetic measures, 50 countries, "
        f"{len(pool):,} six-digit codes",
        ["measurement", "result"],
        rows,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--measures", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--skip-lines", action="store_true", help="skip part 1")
    parser.add_argument("--skip-many", action="store_true", help="skip part 2")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    if min(sizes) <= TOUCHED:
        parser.error(f"--sizes must be more than {TOUCHED} lines each")
    if not args.skip_lines:
        part_one(sizes, args.repeat, args.seed)
    if not args.skip_many:
        part_two(args.measures, args.queries, args.seed)


if __name__ == "__main__":
    main()
