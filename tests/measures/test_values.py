"""Products, rates and the catalogue of kinds: the values the measure model is made of."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import tradedispute
from tradedispute import Products, Rate, Tier, kind_named, kinds, measure_kind
from tradedispute.core.products import ProductQuery, Scope, format_hs, hs_digits
from tradedispute.exceptions import InvalidEvent, InvalidQuery, RegistrationError
from tradedispute.testing import hs_codes, products

D = dt.date


# --- products -------------------------------------------------------------------


def test_hs_codes_are_kept_as_digits_whatever_the_dots():
    """Rule: '7208.10', '720810' and ' 7208.10 ' are one code."""
    assert Products(hs=["7208.10", "720810", " 7208.10 "]).hs == {"720810"}


def test_a_code_covers_the_codes_under_it():
    """Rule: 8541 covers 8541.40 and 8541.40.60.20, not 8542 or 85."""
    scope = Products(hs=["8541"])

    assert scope.covers("8541.40")
    assert scope.covers("8541406020")
    assert not scope.covers("8542")
    assert not scope.covers("85")


def test_items_are_matched_by_name_and_all_goods_covers_anything():
    """Rule: a named item is covered by its name; all goods covers every product."""
    assert Products(items=["photoresist"]).covers("photoresist")
    assert not Products(items=["photoresist"]).covers("hydrogen fluoride")
    assert Products.everything().covers("0101")
    assert Products.everything().covers("anything")


@pytest.mark.parametrize(
    ("codes", "needle"),
    [
        (["8"], "'8', which is not an HS code of 2 to 10 digits"),
        (["85414060201"], "not an HS code of 2 to 10 digits"),
        (["85a1"], "not an HS code"),
        ([201], "write codes as strings, so that leading zeros stay"),
    ],
)
def test_a_bad_code_is_refused_with_what_would_be_valid(codes, needle):
    with pytest.raises(InvalidEvent, match="field 'hs'") as raised:
        Products(hs=codes)

    assert needle in str(raised.value)


def test_all_goods_stands_alone():
    with pytest.raises(InvalidEvent, match="give all_goods=True alone"):
        Products(hs=["72"], all_goods=True)


def test_codes_are_written_as_schedules_write_them():
    assert format_hs("8541406020") == "8541.40.60.20"
    assert format_hs("7208") == "7208"
    assert hs_digits("photoresist") is None
    assert str(Products(hs=["7208", "8541.40"], items=["wine"])) == (
        "HS 7208, 8541.40 and wine"
    )


@given(products(all_goods=False), st.data())
def test_a_scope_covers_what_its_products_cover(value, data):
    """Law: Scope.of(p) answers covers() as p does, for codes in and around it."""
    scope = Scope.of(value)
    under = data.draw(st.sampled_from(sorted(value.hs) or ["01"]))
    probe = data.draw(hs_codes(under=under[:2]) | hs_codes(under=under))

    assert scope.covers(probe) == value.covers(probe)
    assert scope.covers_product(ProductQuery.of(probe)) == value.covers(probe)
    assert scope.products() == value


@given(products(all_goods=False), products(all_goods=False))
def test_adding_then_removing_products_restores_the_scope(first, second):
    """Law: adding codes not in a scope, then removing them, gives the scope back."""
    fresh = Products(hs=second.hs - first.hs, items=second.items - first.items)
    scope = Scope.of(first)

    assert scope.added(fresh).removed(fresh) == scope


# --- rates ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rate", "shape", "text"),
    [
        (Rate(percent=25), "percent", "25%"),
        (Rate(low=107.1, high=212.1), "range", "107.1–212.1%"),
        (Rate(amount=1.5, currency="USD", unit="kg"), "specific", "1.5 USD/kg"),
    ],
)
def test_a_rate_has_one_shape(rate, shape, text):
    assert rate.shape == shape
    assert str(rate) == text


def test_tiers_give_each_product_its_own_rate():
    """Rule: a tiered rate charges a product the rate of the first tier covering it."""
    rate = Rate(
        tiers=[
            Tier(rate=Rate(percent=25), products=Products(hs=["8501"])),
            Tier(rate=Rate(percent=10), products=Products(hs=["85"])),
        ]
    )

    assert rate.for_product("8501.10") == Rate(percent=25)
    assert rate.for_product("8502") == Rate(percent=10)
    assert rate.for_product("9401") is None


@pytest.mark.parametrize(
    ("fields", "needle"),
    [
        ({}, "with nothing given: a rate has one shape"),
        ({"percent": 10, "low": 5, "high": 9}, "with percent and range given"),
        ({"low": 9, "high": 5}, "a range needs both, low below high"),
        ({"low": 9}, "a range needs both"),
        ({"amount": 3}, "needs amount=, currency= and unit= together"),
        ({"percent": -1}, "give a finite number >= 0"),
        ({"percent": 1001}, "a percent is between 0 and 1000"),
        ({"percent": float("nan")}, "give a finite number"),
        ({"percent": True}, "give a finite number"),
    ],
)
def test_a_rate_of_no_single_shape_is_refused(fields, needle):
    with pytest.raises(InvalidEvent) as raised:
        Rate(**fields)

    assert needle in str(raised.value)


def test_tiers_need_two_and_no_tiers_inside():
    one = Tier(rate=Rate(percent=5), products=Products(hs=["01"]))

    with pytest.raises(InvalidEvent, match="needs two or more tiers"):
        Rate(tiers=[one])
    with pytest.raises(InvalidEvent, match="must be a Rate without tiers"):
        Tier(rate=Rate(tiers=[one, one]), products=Products(hs=["01"]))
    with pytest.raises(InvalidEvent, match="must name the products"):
        Tier(rate=Rate(percent=5), products=Products())


# --- the catalogue ----------------------------------------------------------------


def test_the_catalogue_covers_the_kinds_analysts_use():
    """The issue's list of kinds, each with a direction, weight, reason and label."""
    names = {kind.name for kind in kinds()}

    assert {
        "import tariff",
        "anti-dumping duty",
        "countervailing duty",
        "safeguard",
        "tariff-rate quota",
        "import quota",
        "import ban",
        "SPS/TBT suspension",
        "export tax",
        "export ban",
        "export restriction",
        "whitelist exclusion",
        "entity listing",
        "sanctions",
        "investment screening",
        "visa waiver suspension",
        "entry restriction",
    } <= names
    for kind in kinds():
        assert kind.direction in ("import", "export", "other")
        assert kind.reason
        assert kind.label


def test_kinds_carry_their_published_classification():
    """GTA's own mapping: anti-dumping is GTA 'Anti-dumping', MAST D1; and so on."""
    assert (
        kind_named("anti-dumping duty").gta,
        kind_named("anti-dumping duty").mast,
    ) == (
        "Anti-dumping",
        "D1",
    )
    assert kind_named("export ban").mast == "P31"
    assert kind_named("import tariff").mast == ""  # tariffs are not NTMs
    assert kind_named("import tariff").counts_in_duty
    assert not kind_named("import ban").counts_in_duty
    assert not kind_named("export tax").counts_in_duty


def test_a_user_kind_is_declared_with_one_call():
    kind = measure_kind(
        "test port fee", direction="import", weight=1.5, reason="a fee on ships"
    )

    assert kind_named("test port fee") is kind
    assert kind.label == "test port fee"
    assert tradedispute.views.ESCALATION_WEIGHTS["test port fee"] == 1.5
    # Declaring it again the same way (a notebook cell rerun) is allowed.
    assert (
        measure_kind(
            "test port fee", direction="import", weight=1.5, reason="a fee on ships"
        )
        == kind
    )


@pytest.mark.parametrize(
    ("fields", "needle"),
    [
        ({"name": " padded"}, "without surrounding spaces"),
        ({"direction": "inward"}, "valid values are 'import', 'export' and 'other'"),
        ({"weight": 0.3}, "in steps of 0.25"),
        ({"weight": 11}, "from 0 to 10"),
        ({"weight": True}, "weight is True"),
        ({"rates": ["percent", "ad valorem"]}, "rate shapes ['ad valorem']"),
        ({"name": "import tariff"}, "declared already"),
    ],
)
def test_a_bad_declaration_is_refused(fields, needle):
    declaration = {"name": "test kind", "direction": "other", "weight": 1, **fields}
    name = declaration.pop("name")

    with pytest.raises(RegistrationError) as raised:
        measure_kind(name, **declaration)

    assert needle in str(raised.value)


def test_an_unknown_kind_is_named_with_those_that_exist():
    with pytest.raises(InvalidQuery, match=r"declared kinds: .*import tariff"):
        kind_named("tarif")


def test_every_public_name_is_there():
    """Each name in tradedispute.__all__ imports (EU_MEMBERS once did not)."""
    missing = [name for name in tradedispute.__all__ if not hasattr(tradedispute, name)]

    assert missing == []
    assert "DEU" in tradedispute.EU_MEMBERS
    assert "GBR" not in tradedispute.EU_MEMBERS
