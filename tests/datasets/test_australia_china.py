"""The Australia–China dataset: it ships, replays, is sourced, and says what happened.

The dated checks look at the day before and the day a change applies, so an
off-by-one date in the record fails a test. Each is checked through the
Python API and through the command line's JSON.
"""

import datetime as dt
import json
import runpy
import shutil
from importlib import resources
from pathlib import Path

import pytest

from tradedispute import DisputeState, cli, datasets, replay, replay_order

D = dt.date
BUILDER = Path(__file__).parents[2] / "tools" / "build_australia_china.py"
NAME = "australia-china"
DEMAND = (
    "an independent inquiry into the origins of COVID-19 and the handling of "
    "the outbreak"
)
BEEF = ("chilled beef", "frozen beef")
WINE = "2204.21"


@pytest.fixture(scope="module")
def record():
    return datasets.load(NAME)


def test_names_include_australia_china():
    assert NAME in datasets.names()


def test_load_replays(record):
    events = list(record)
    assert len(events) == 69
    assert min(e.effective for e in events) == D(2020, 4, 19)
    assert max(e.effective for e in events) == D(2024, 12, 20)
    # The whole record replays from scratch, not only as stored.
    final = replay(replay_order(events))
    assert final == record.state_at(D(2100, 1, 1))


def test_ids_are_unique_and_readable(record):
    ids = [event.id for event in record]
    assert len(ids) == len(set(ids))
    for event_id in ids:
        assert event_id == event_id.lower()
        assert " " not in event_id
        assert any(char.isdigit() for char in event_id)


def test_every_event_has_a_source(record):
    for event in record:
        assert event.source is not None, event.id
        assert event.source.title.strip(), event.id
        assert event.source.publisher.strip(), event.id
        assert event.source.url is not None, event.id
        assert event.note.strip(), event.id


def test_announced_only_when_it_differs(record):
    for event in record:
        assert event.announced != event.effective, event.id


def test_month_precision_starts_on_the_first(record):
    months = {e.id for e in record if e.precision == "month"}
    assert months == {
        "cn-meat-alc-colac-2020-07",
        "cn-meat-jbs-brooklyn-2020-07",
        "cn-coal-informal-2020-10",
        "cn-cotton-informal-2020-10",
        "cn-beef-teys-naracoorte-2022-01",
    }
    for event in record:
        if event.precision == "month":
            assert event.effective.day == 1, event.id


def test_informal_bans_say_they_had_no_official_notice(record):
    bans = [e for e in record if getattr(e, "kind", None) == "import ban"]
    assert {e.measure for e in bans} == {
        "cn-coal-informal",
        "cn-cotton-informal",
        "cn-copper-informal",
        "cn-lobster",
    }
    for event in bans:
        assert "no official notice" in event.note, event.id
        assert "no official" in event.legal_basis, event.id


def test_only_wine_has_an_hs_code(record):
    for event in record:
        products = getattr(event, "products", None)
        if products is not None and products.hs:
            assert products.hs == {"220421"}, event.id


def test_shipped_file_matches_the_builder(record):
    build_events = runpy.run_path(str(BUILDER))["build_events"]
    assert list(record) == build_events()


def test_validate_passes_on_the_shipped_file(capsys, tmp_path):
    shipped = resources.files("tradedispute.datasets").joinpath(f"{NAME}.jsonl")
    copy = tmp_path / f"{NAME}.jsonl"
    with resources.as_file(shipped) as path:
        shutil.copyfile(path, copy)
    assert cli.main(["validate", str(copy)]) == 0
    assert capsys.readouterr().out == "ok: 69 events\n"


PERIODS = [
    pytest.param(None, None, id="whole-record"),
    pytest.param(D(2020, 4, 1), D(2020, 12, 31), id="2020"),
    pytest.param(D(2021, 1, 1), D(2022, 12, 31), id="2021-2022"),
    pytest.param(D(2023, 1, 1), D(2024, 12, 31), id="2023-2024"),
]


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_chart_renders(record, start, end):
    from matplotlib.figure import Figure

    from tradedispute.charts import plot_dispute

    figure = plot_dispute(record, start=start, end=end)
    assert isinstance(figure, Figure)
    figure.canvas.draw()


# --- dated checks through the Python API ------------------------------------------


def _codes(hs) -> list[str]:
    return sorted(code.replace(".", "") for code in hs)


class Measure:
    """What one measure covers and charges, or None when not in force."""

    def __init__(self, measure: str) -> None:
        self.measure = measure

    def __call__(self, state: DisputeState):
        for found in state.measures(actor="CHN", target="AUS"):
            if found.measure == self.measure:
                rate = None if found.rate is None else str(found.rate)
                items = (*_codes(found.products.hs), *sorted(found.products.items))
                return (found.status, items, rate)
        return None

    def in_json(self, doc: dict):
        for found in doc["measures"]:
            if found["measure"] == self.measure:
                rate = None if found["rate"] is None else found["rate"]["text"]
                products = found["products"]
                items = (*_codes(products["hs"]), *sorted(products["items"]))
                return (found["status"], items, rate)
        return None


class LegalBasis:
    """A measure's legal basis, or None when not in force."""

    def __init__(self, measure: str) -> None:
        self.measure = measure

    def __call__(self, state: DisputeState):
        for found in state.measures(actor="CHN", target="AUS"):
            if found.measure == self.measure:
                return found.legal_basis
        return None

    def in_json(self, doc: dict):
        for found in doc["measures"]:
            if found["measure"] == self.measure:
                return found["legal_basis"]
        return None


class Case:
    """A WTO case's (status, stage), or None before it was filed."""

    def __init__(self, case: str) -> None:
        self.case = case

    def __call__(self, state: DisputeState):
        case = state.wto_cases.get(self.case)
        return None if case is None else (case.status, case.stage)

    def in_json(self, doc: dict):
        case = doc["wto_cases"].get(self.case)
        return None if case is None else (case["status"], case["stage"])


class LastTalks:
    """The day and level of the last round of talks, or None."""

    def __call__(self, state: DisputeState):
        last = state.negotiation("AUS", "CHN").last_round
        return None if last is None else (last.date, last.level)

    def in_json(self, doc: dict):
        rounds = [t for t in doc["talks"] if {"AUS", "CHN"} <= set(t["parties"])]
        if not rounds:
            return None
        return (dt.date.fromisoformat(rounds[-1]["date"]), rounds[-1]["level"])


class DemandOpen:
    """Whether Australia's demand for an inquiry is open."""

    def __call__(self, state: DisputeState):
        return DEMAND in state.negotiation("AUS", "CHN").demands_of("AUS")

    def in_json(self, doc: dict):
        return any(
            (d["by"], d["of"], d["demand"]) == ("AUS", "CHN", DEMAND)
            for d in doc["demands"]
        )


def on(items, rate=None):
    return ("in force", tuple(items), rate)


def change(day, look, before, after, id):
    return pytest.param(day, look, before, after, id=id)


LOGS = ("logs: Queensland",)
LOGS_VIC = (*LOGS, "logs: Victoria")
LOGS_SA_TAS = (*LOGS_VIC, "logs: South Australia", "logs: Tasmania")
LOGS_ALL = (
    "logs: New South Wales",
    "logs: Queensland",
    "logs: South Australia",
    "logs: Tasmania",
    "logs: Victoria",
    "logs: Western Australia",
)
BARLEY_AD = on(["barley"], "73.6%")
BARLEY_CVD = on(["barley"], "6.9%")
WINE_PROVISIONAL = on(["220421"], "107.1–212.1%")
WINE_FINAL = on(["220421"], "116.2–218.4%")
WINE_CVD = on(["220421"], "6.3–6.4%")
PLANT = on(BEEF)

CONSULTATIONS = ("active", "consultations")
REQUESTED = ("active", "panel requested")
ESTABLISHED = ("active", "panel established")
COMPOSED = ("active", "panel composed")


def imposed(day, measure, value):
    return change(day, Measure(measure), None, value, f"{measure}-imposed")


def lifted(day, measure, value, after=None, suffix="lifted"):
    return change(day, Measure(measure), value, after, f"{measure}-{suffix}")


CHANGES = [
    change(D(2020, 4, 19), DemandOpen(), False, True, "aus-inquiry-demand-made"),
    # --- measures imposed, amended, made definitive -------------------------
    imposed(D(2020, 5, 12), "cn-beef-jbs-dinmore", PLANT),
    imposed(D(2020, 5, 12), "cn-beef-jbs-beefcity", PLANT),
    imposed(D(2020, 5, 12), "cn-beef-kilcoy", PLANT),
    imposed(D(2020, 5, 12), "cn-beef-ncmc-casino", PLANT),
    imposed(D(2020, 5, 19), "cn-barley-ad", BARLEY_AD),
    imposed(D(2020, 5, 19), "cn-barley-cvd", BARLEY_CVD),
    imposed(D(2020, 7, 1), "cn-meat-alc-colac", on(["sheep meat"])),
    imposed(D(2020, 7, 1), "cn-meat-jbs-brooklyn", on([*BEEF, "sheep meat"])),
    imposed(D(2020, 8, 26), "cn-beef-johndee", PLANT),
    imposed(D(2020, 9, 1), "cn-barley-cbh", on(["barley"])),
    imposed(D(2020, 10, 1), "cn-coal-informal", on(["coking coal", "thermal coal"])),
    imposed(D(2020, 10, 1), "cn-cotton-informal", on(["cotton"])),
    imposed(D(2020, 10, 30), "cn-lobster", on(["live rock lobster"])),
    imposed(D(2020, 10, 31), "cn-timber-logs", on(LOGS)),
    imposed(D(2020, 10, 31), "cn-barley-emerald", on(["barley"])),
    imposed(D(2020, 11, 6), "cn-copper-informal", on(["copper ores and concentrates"])),
    change(
        D(2020, 11, 11),
        Measure("cn-timber-logs"),
        on(LOGS),
        on(sorted(LOGS_VIC)),
        "cn-timber-logs-victoria-added",
    ),
    imposed(D(2020, 11, 28), "cn-wine-ad", WINE_PROVISIONAL),
    change(
        D(2020, 12, 3),
        Measure("cn-timber-logs"),
        on(sorted(LOGS_VIC)),
        on(sorted(LOGS_SA_TAS)),
        "cn-timber-logs-sa-tas-added",
    ),
    imposed(D(2020, 12, 7), "cn-beef-meramist", PLANT),
    imposed(D(2020, 12, 11), "cn-wine-cvd", WINE_CVD),
    change(
        D(2020, 12, 23),
        Measure("cn-timber-logs"),
        on(sorted(LOGS_SA_TAS)),
        on(LOGS_ALL),
        "cn-timber-logs-nsw-wa-added",
    ),
    change(
        D(2021, 3, 28),
        Measure("cn-wine-ad"),
        WINE_PROVISIONAL,
        WINE_FINAL,
        "cn-wine-ad-made-definitive",
    ),
    change(
        D(2021, 3, 28),
        LegalBasis("cn-wine-ad"),
        "MOFCOM Announcement No. 59 of 2020 (preliminary ruling); deposits",
        "MOFCOM Announcements No. 6 and 7 of 2021 (final rulings); State "
        "Council Customs Tariff Commission",
        "cn-wine-ad-final-ruling",
    ),
    lifted(D(2021, 3, 28), "cn-wine-cvd", WINE_CVD, suffix="not-levied"),
    imposed(D(2021, 10, 18), "cn-beef-acc", PLANT),
    imposed(D(2022, 1, 1), "cn-beef-teys-naracoorte", PLANT),
    # --- measures lifted ------------------------------------------------------
    lifted(D(2023, 3, 14), "cn-coal-informal", on(["coking coal", "thermal coal"])),
    lifted(D(2023, 5, 18), "cn-timber-logs", on(LOGS_ALL)),
    lifted(D(2023, 8, 5), "cn-barley-ad", BARLEY_AD),
    lifted(D(2023, 8, 5), "cn-barley-cvd", BARLEY_CVD),
    lifted(D(2023, 12, 11), "cn-beef-teys-naracoorte", PLANT),
    lifted(D(2023, 12, 11), "cn-meat-alc-colac", on(["sheep meat"])),
    lifted(D(2023, 12, 11), "cn-meat-jbs-brooklyn", on([*BEEF, "sheep meat"])),
    lifted(D(2024, 3, 29), "cn-wine-ad", WINE_FINAL),
    lifted(D(2024, 5, 29), "cn-beef-jbs-dinmore", PLANT),
    lifted(D(2024, 5, 29), "cn-beef-kilcoy", PLANT),
    lifted(D(2024, 5, 29), "cn-beef-ncmc-casino", PLANT),
    lifted(
        D(2024, 5, 29),
        "cn-beef-jbs-beefcity",
        PLANT,
        on(["chilled beef"]),
        suffix="frozen-lifted",
    ),
    lifted(
        D(2024, 5, 29),
        "cn-beef-meramist",
        PLANT,
        on(["chilled beef"]),
        suffix="frozen-lifted",
    ),
    lifted(D(2024, 12, 3), "cn-beef-johndee", PLANT),
    lifted(D(2024, 12, 3), "cn-beef-acc", PLANT),
    lifted(D(2024, 12, 20), "cn-lobster", on(["live rock lobster"])),
    # --- WTO: DS598 (barley) --------------------------------------------------
    change(D(2020, 12, 16), Case("DS598"), None, CONSULTATIONS, "ds598-filed"),
    change(
        D(2021, 3, 15), Case("DS598"), CONSULTATIONS, REQUESTED, "ds598-panel-requested"
    ),
    change(
        D(2021, 5, 28), Case("DS598"), REQUESTED, ESTABLISHED, "ds598-panel-established"
    ),
    change(D(2021, 9, 3), Case("DS598"), ESTABLISHED, COMPOSED, "ds598-panel-composed"),
    change(
        D(2023, 4, 11),
        Case("DS598"),
        COMPOSED,
        ("suspended", "panel composed"),
        "ds598-suspended",
    ),
    change(
        D(2023, 8, 24),
        Case("DS598"),
        ("suspended", "panel composed"),
        ("suspended", "mutually agreed solution"),
        "ds598-solution",
    ),
    # --- WTO: DS602 (wine) ----------------------------------------------------
    change(D(2021, 6, 22), Case("DS602"), None, CONSULTATIONS, "ds602-filed"),
    change(
        D(2021, 9, 16), Case("DS602"), CONSULTATIONS, REQUESTED, "ds602-panel-requested"
    ),
    change(
        D(2021, 10, 26),
        Case("DS602"),
        REQUESTED,
        ESTABLISHED,
        "ds602-panel-established",
    ),
    change(D(2022, 3, 4), Case("DS602"), ESTABLISHED, COMPOSED, "ds602-panel-composed"),
    change(
        D(2023, 10, 22),
        Case("DS602"),
        COMPOSED,
        ("suspended", "panel composed"),
        "ds602-suspended",
    ),
    change(
        D(2024, 3, 28),
        Case("DS602"),
        ("suspended", "panel composed"),
        ("withdrawn", "panel composed"),
        "ds602-withdrawn",
    ),
    # --- WTO: DS603 (China's case) --------------------------------------------
    change(D(2021, 6, 24), Case("DS603"), None, CONSULTATIONS, "ds603-filed"),
    change(
        D(2022, 1, 13), Case("DS603"), CONSULTATIONS, REQUESTED, "ds603-panel-requested"
    ),
    change(
        D(2022, 2, 28), Case("DS603"), REQUESTED, ESTABLISHED, "ds603-panel-established"
    ),
    change(D(2022, 9, 5), Case("DS603"), ESTABLISHED, COMPOSED, "ds603-panel-composed"),
    change(
        D(2024, 3, 26),
        Case("DS603"),
        COMPOSED,
        ("active", "panel report circulated"),
        "ds603-panel-report-circulated",
    ),
    change(
        D(2024, 4, 26),
        Case("DS603"),
        ("active", "panel report circulated"),
        ("active", "report adopted"),
        "ds603-report-adopted",
    ),
    # --- talks ------------------------------------------------------------------
    change(
        D(2022, 11, 15), LastTalks(), None, (D(2022, 11, 15), "summit"), "talks-g20"
    ),
    change(
        D(2022, 12, 21),
        LastTalks(),
        (D(2022, 11, 15), "summit"),
        (D(2022, 12, 21), "foreign minister"),
        "talks-foreign-ministers",
    ),
    change(
        D(2023, 2, 6),
        LastTalks(),
        (D(2022, 12, 21), "foreign minister"),
        (D(2023, 2, 6), "trade minister"),
        "talks-trade-ministers-video",
    ),
    change(
        D(2023, 5, 12),
        LastTalks(),
        (D(2023, 2, 6), "trade minister"),
        (D(2023, 5, 12), "trade minister"),
        "talks-trade-ministers-beijing",
    ),
    change(
        D(2023, 11, 6),
        LastTalks(),
        (D(2023, 5, 12), "trade minister"),
        (D(2023, 11, 6), "summit"),
        "talks-xi-albanese-beijing",
    ),
    change(
        D(2024, 6, 17),
        LastTalks(),
        (D(2023, 11, 6), "summit"),
        (D(2024, 6, 17), "head of government"),
        "talks-annual-leaders-meeting",
    ),
    change(
        D(2024, 10, 10),
        LastTalks(),
        (D(2024, 6, 17), "head of government"),
        (D(2024, 10, 10), "head of government"),
        "talks-vientiane",
    ),
]


@pytest.mark.parametrize(("day", "look", "before", "after"), CHANGES)
def test_change_applies_on_its_day(record, day, look, before, after):
    assert look(record.state_at(day - dt.timedelta(days=1))) == before
    assert look(record.state_at(day)) == after


def test_every_dated_change_is_checked(record):
    """The table above names a change on the effective day of every event."""
    checked = {param.values[0] for param in CHANGES}
    assert {event.effective for event in record} == checked


def test_what_stays_in_force_at_the_end(record):
    """Measures whose lifting no source dates stay in force, as the docs say."""
    state = record.state_at(D(2024, 12, 31))
    assert sorted(m.measure for m in state.measures()) == [
        "cn-barley-cbh",
        "cn-barley-emerald",
        "cn-beef-jbs-beefcity",
        "cn-beef-meramist",
        "cn-copper-informal",
        "cn-cotton-informal",
    ]
    assert state.duty("CHN", "AUS", WINE).range == (0.0, 0.0)
    assert DEMAND in state.negotiation("AUS", "CHN").demands_of("AUS")


# --- duty on a product, the day before and the day of each change -----------------

DUTIES = [
    pytest.param(WINE, D(2020, 11, 28), (0.0, 0.0), (107.1, 212.1), id="wine-ad"),
    pytest.param(
        WINE, D(2020, 12, 11), (107.1, 212.1), (113.4, 218.5), id="wine-cvd-stacks"
    ),
    pytest.param(
        WINE, D(2021, 3, 28), (113.4, 218.5), (116.2, 218.4), id="wine-definitive"
    ),
    pytest.param(WINE, D(2024, 3, 29), (116.2, 218.4), (0.0, 0.0), id="wine-lifted"),
    pytest.param("barley", D(2020, 5, 19), (0.0, 0.0), (80.5, 80.5), id="barley-on"),
    pytest.param("barley", D(2023, 8, 5), (80.5, 80.5), (0.0, 0.0), id="barley-off"),
]


@pytest.mark.parametrize(("product", "day", "before", "after"), DUTIES)
def test_duty_changes_on_its_day(record, product, day, before, after):
    def duty(on):
        return record.state_at(on).duty("CHN", "AUS", product).range

    assert duty(day - dt.timedelta(days=1)) == pytest.approx(before)
    assert duty(day) == pytest.approx(after)


def test_a_plant_suspension_charges_no_duty(record):
    state = record.state_at(D(2021, 1, 1))
    assert state.duty("CHN", "AUS", "frozen beef").parts == ()
    assert [m.measure for m in state.measures(product="frozen beef")] == [
        "cn-beef-jbs-beefcity",
        "cn-beef-jbs-dinmore",
        "cn-beef-johndee",
        "cn-beef-kilcoy",
        "cn-beef-meramist",
        "cn-beef-ncmc-casino",
        "cn-meat-jbs-brooklyn",
    ]


# --- the same checks through the command line's JSON ------------------------------


def cli_json(capsys, *argv: str):
    code = cli.main([*argv, "--json"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    return json.loads(out)


def cli_state(capsys, day: dt.date) -> dict:
    return cli_json(capsys, "state", "--dataset", NAME, "--at", day.isoformat())


@pytest.mark.parametrize(("day", "look", "before", "after"), CHANGES)
def test_change_applies_on_its_day_in_the_cli_json(capsys, day, look, before, after):
    """`tradedispute state --json` shows each change on its day, not the day before."""
    assert before == look.in_json(cli_state(capsys, day - dt.timedelta(days=1)))
    assert after == look.in_json(cli_state(capsys, day))


@pytest.mark.parametrize(("product", "day", "before", "after"), DUTIES)
def test_duty_changes_on_its_day_in_the_cli_json(capsys, product, day, before, after):
    """`tradedispute duty --json` gives the duty of each day."""

    def duty(on: dt.date):
        answer = cli_json(
            capsys,
            "duty",
            "--dataset",
            NAME,
            "--actor",
            "CHN",
            "--target",
            "AUS",
            "--product",
            product,
            "--at",
            on.isoformat(),
        )
        return tuple(answer["range"])

    assert duty(day - dt.timedelta(days=1)) == pytest.approx(before)
    assert duty(day) == pytest.approx(after)
