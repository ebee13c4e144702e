"""The vehicle catalogue and the configurator, on a small worked example (A6L and Q5L)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from crm_common.errors import InvalidInput
from crm_opportunities.domain.catalog import (
    Accessory,
    Catalog,
    Configuration,
    DealerPricing,
    ItemKind,
    Problem,
    RuleKind,
    catalog_document,
    check_configuration,
    parse_catalog,
    price_configuration,
)
from crm_opportunities.domain.quote import LineKind

Doc = dict[str, Any]


def colours() -> list[Doc]:
    return [
        {"code": "white", "name": "Ibis White", "msrp": "0.00", "invoice_price": "0.00"},
        # A metallic paint carries a surcharge.
        {"code": "grey", "name": "Daytona Grey", "msrp": "8000.00", "invoice_price": "6500.00"},
    ]


def document() -> Doc:
    return {
        "models": [
            {
                "code": "A6L",
                "name": "Audi A6L",
                "product_line": "A6",
                "trims": [
                    {
                        "code": "A6L-45",
                        "name": "45 TFSI",
                        "msrp": "429800.00",
                        "invoice_price": "398000.00",
                        "colours": colours(),
                        "options": [
                            {
                                "code": "pano_roof",
                                "name": "Panoramic roof",
                                "msrp": "12000.00",
                                "invoice_price": "9800.00",
                            },
                            {
                                "code": "sport_pack",
                                "name": "Sport package",
                                "msrp": "15000.00",
                                "invoice_price": "12000.00",
                            },
                            {
                                "code": "comfort_seats",
                                "name": "Comfort seats",
                                "msrp": "9000.00",
                                "invoice_price": "7000.00",
                            },
                        ],
                        "standard_options": [],
                    },
                    {
                        "code": "A6L-55",
                        "name": "55 TFSI quattro",
                        "msrp": "569800.00",
                        "invoice_price": "528000.00",
                        "colours": colours(),
                        "options": [
                            {
                                "code": "sport_pack",
                                "name": "Sport package",
                                "msrp": "15000.00",
                                "invoice_price": "12000.00",
                            },
                            {
                                "code": "comfort_seats",
                                "name": "Comfort seats",
                                "msrp": "9000.00",
                                "invoice_price": "7000.00",
                            },
                        ],
                        # The top trim has comfort seats fitted at no charge.
                        "standard_options": ["comfort_seats"],
                    },
                ],
            },
            {
                "code": "Q5L",
                "name": "Audi Q5L",
                "product_line": "Q5",
                "trims": [
                    {
                        "code": "Q5L-40",
                        "name": "40 TFSI",
                        "msrp": "389800.00",
                        "invoice_price": "360000.00",
                        "colours": colours()[:1],
                        "options": [
                            {
                                "code": "tow_bar",
                                "name": "Tow bar",
                                "msrp": "5000.00",
                                "invoice_price": "3800.00",
                            }
                        ],
                        "standard_options": [],
                    }
                ],
            },
        ],
        "rules": [
            {
                "kind": "requires",
                "option": "sport_pack",
                "others": ["comfort_seats"],
                "message": None,
            },
            {
                "kind": "excludes",
                "option": "pano_roof",
                "others": ["sport_pack"],
                "message": "The panoramic roof does not go with the sport package",
            },
        ],
    }


CATALOG = parse_catalog(3, document())
MATS = Accessory("mats", "Floor mats", Decimal("1200.00"), Decimal("600.00"))
ROOF_BOX = Accessory("roof_box", "Roof box", Decimal("4500.00"), Decimal("3000.00"), ("Q5L",))
PRICING = DealerPricing.of([MATS, ROOF_BOX], {"A6L-45": Decimal("419800.00")})


def config(
    trim: str = "A6L-45",
    colour: str = "grey",
    options: tuple[str, ...] = (),
    accessories: tuple[str, ...] = (),
    model: str = "A6L",
) -> Configuration:
    return Configuration(model, trim, colour, options, accessories)


# --- parse_catalog --------------------------------------------------------------------------


def test_parses_the_worked_example() -> None:
    assert CATALOG.version == 3
    assert [m.code for m in CATALOG.models] == ["A6L", "Q5L"]
    a6l_45 = CATALOG.models[0].trims[0]
    assert a6l_45.msrp == Decimal("429800.00")
    assert a6l_45.colours[1].msrp == Decimal("8000.00")
    assert CATALOG.models[0].trims[1].standard_options == ("comfort_seats",)
    assert CATALOG.rules[0].kind is RuleKind.REQUIRES
    assert CATALOG.rules[0].others == ("comfort_seats",)


def test_round_trips() -> None:
    doc = catalog_document(CATALOG)
    assert doc == document()
    assert parse_catalog(3, doc) == CATALOG


def test_prices_are_written_as_fixed_point_strings() -> None:
    doc = document()
    doc["models"][0]["trims"][0]["msrp"] = 429800  # a JSON number is read too
    written = catalog_document(parse_catalog(1, doc))
    assert written["models"][0]["trims"][0]["msrp"] == "429800.00"  # type: ignore[index]


def _set(path: str, value: object) -> Callable[[Doc], None]:
    """Sets ``value`` at a path like ``models.0.trims.1.msrp`` (``...`` deletes the key)."""

    def mutate(doc: Doc) -> None:
        *parents, last = path.split(".")
        node: Any = doc
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        if value is ...:
            del node[last]
        elif last.isdigit():
            node[int(last)] = value
        else:
            node[last] = value

    return mutate


T0 = "models.0.trims.0"
RULE0 = "rules.0"


def _dup_model(doc: Doc) -> None:
    doc["models"][1]["code"] = "A6L"


def _dup_trim_across_models(doc: Doc) -> None:
    doc["models"][1]["trims"][0]["code"] = "A6L-45"


def _dup_colour(doc: Doc) -> None:
    doc["models"][0]["trims"][0]["colours"][1]["code"] = "white"


def _dup_option(doc: Doc) -> None:
    doc["models"][0]["trims"][0]["options"][2]["code"] = "pano_roof"


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (_set("models", ...), "catalog.models"),
        (_set("models", "A6L"), "catalog.models"),
        (_set("rules", ...), "catalog.rules"),
        (_set("models.0", "A6L"), "catalog.models[0]"),
        (_set("models.0.code", ...), "catalog.models[0].code"),
        (_set("models.0.code", 6), "catalog.models[0].code"),
        (_set("models.0.code", " A6L"), "catalog.models[0].code"),
        (_set("models.0.code", "X" * 41), "catalog.models[0].code"),
        (_set("models.1.name", ""), "catalog.models[1].name"),
        (_set("models.1.product_line", None), "catalog.models[1].product_line"),
        (_set("models.1.trims", []), "catalog.models[1].trims"),
        (_set(f"{T0}.name", 45), "catalog.models[0].trims[0].name"),
        (_set("models.1.trims.0.msrp", ...), "catalog.models[1].trims[0].msrp"),
        (_set("models.1.trims.0.msrp", "-1.00"), "catalog.models[1].trims[0].msrp"),
        (_set("models.1.trims.0.msrp", "lots"), "catalog.models[1].trims[0].msrp"),
        (_set("models.1.trims.0.msrp", "NaN"), "catalog.models[1].trims[0].msrp"),
        (_set("models.1.trims.0.msrp", True), "catalog.models[1].trims[0].msrp"),
        (_set("models.1.trims.0.msrp", "1.001"), "catalog.models[1].trims[0].msrp"),
        (_set("models.1.trims.0.msrp", "1e13"), "catalog.models[1].trims[0].msrp"),
        (_set(f"{T0}.invoice_price", "-5"), "catalog.models[0].trims[0].invoice_price"),
        (_set(f"{T0}.invoice_price", "429800.01"), "catalog.models[0].trims[0].invoice_price"),
        (_set(f"{T0}.colours", []), "catalog.models[0].trims[0].colours"),
        (_set(f"{T0}.colours", None), "catalog.models[0].trims[0].colours"),
        (_set(f"{T0}.colours.1.msrp", "-8000"), "catalog.models[0].trims[0].colours[1].msrp"),
        (
            _set(f"{T0}.colours.1.invoice_price", ...),
            "catalog.models[0].trims[0].colours[1].invoice_price",
        ),
        (_set(f"{T0}.options", {}), "catalog.models[0].trims[0].options"),
        (_set(f"{T0}.options.0.msrp", "-1"), "catalog.models[0].trims[0].options[0].msrp"),
        (_set(f"{T0}.options.0", "pano_roof"), "catalog.models[0].trims[0].options[0]"),
        (_set(f"{T0}.standard_options", None), "catalog.models[0].trims[0].standard_options"),
        (_dup_model, "catalog.models[1].code"),
        (_dup_trim_across_models, "catalog.models[1].trims[0].code"),
        (_dup_colour, "catalog.models[0].trims[0].colours[1].code"),
        (_dup_option, "catalog.models[0].trims[0].options[2].code"),
        # A standard option must be one of the trim's options.
        (
            _set("models.0.trims.1.standard_options", ["comfort_seats", "pano_roof"]),
            "catalog.models[0].trims[1].standard_options[1]",
        ),
        (
            _set("models.0.trims.1.standard_options", ["comfort_seats", "comfort_seats"]),
            "catalog.models[0].trims[1].standard_options[1]",
        ),
        (_set(f"{RULE0}.kind", "forbids"), "catalog.rules[0].kind"),
        (_set(f"{RULE0}.option", ...), "catalog.rules[0].option"),
        (_set(f"{RULE0}.option", "heated_wheel"), "catalog.rules[0].option"),
        (_set(f"{RULE0}.others", []), "catalog.rules[0].others"),
        (_set(f"{RULE0}.others", "comfort_seats"), "catalog.rules[0].others"),
        (_set(f"{RULE0}.others.0", "heated_wheel"), "catalog.rules[0].others[0]"),
        # A rule whose option is among its own others.
        (_set(f"{RULE0}.others.0", "sport_pack"), "catalog.rules[0].others[0]"),
        (_set(f"{RULE0}.others", ["comfort_seats"] * 2), "catalog.rules[0].others[1]"),
        (_set(f"{RULE0}.message", 7), "catalog.rules[0].message"),
        (_set("rules.1", None), "catalog.rules[1]"),
    ],
)
def test_every_catalog_error_names_its_field(mutate: Callable[[Doc], None], field: str) -> None:
    doc = copy.deepcopy(document())
    mutate(doc)
    with pytest.raises(InvalidInput) as caught:
        parse_catalog(1, doc)
    assert caught.value.field == field


def test_a_document_that_is_not_an_object_is_rejected() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_catalog(1, ["models"])  # type: ignore[arg-type]
    assert caught.value.field == "catalog"


@pytest.mark.parametrize("version", [0, -1, True])
def test_the_version_is_a_positive_integer(version: int) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_catalog(version, document())
    assert caught.value.field == "catalog.version"


def test_the_same_option_may_be_offered_on_several_trims() -> None:
    a6l = CATALOG.models[0]
    assert a6l.trims[0].option("sport_pack") == a6l.trims[1].option("sport_pack")


def test_a_rule_message_may_be_left_out() -> None:
    doc = document()
    del doc["rules"][0]["message"]
    assert parse_catalog(1, doc).rules[0].message is None


# --- check_configuration ----------------------------------------------------------------------


def problems(configuration: Configuration) -> list[Problem]:
    return check_configuration(CATALOG, PRICING, configuration)


def test_a_valid_configuration_has_no_problem() -> None:
    assert problems(config(options=("sport_pack", "comfort_seats"), accessories=("mats",))) == []


def test_unknown_model() -> None:
    found = problems(config(model="A8L", accessories=("roof_box",)))
    # The trim cannot be judged without a model, nor whether an accessory fits.
    assert [p.field for p in found] == ["model_code"]


def test_trim_not_of_the_model() -> None:
    assert [p.field for p in problems(config(trim="Q5L-40"))] == ["trim_code"]


def test_colour_not_offered_on_the_trim() -> None:
    found = problems(config(trim="Q5L-40", model="Q5L", colour="grey"))
    assert [p.field for p in found] == ["colour_code"]


def test_option_not_available_on_the_trim() -> None:
    found = problems(config(trim="A6L-55", options=("sport_pack", "pano_roof", "tow_bar")))
    assert [p.field for p in found] == ["options[1]", "options[2]"]
    assert "pano_roof" in found[0].message


def test_duplicate_option_and_accessory() -> None:
    found = problems(
        config(options=("comfort_seats", "comfort_seats"), accessories=("mats", "mats"))
    )
    assert [p.field for p in found] == ["options[1]", "accessories[1]"]


def test_choosing_a_standard_option_is_fine() -> None:
    assert problems(config(trim="A6L-55", options=("comfort_seats",))) == []


def test_requires_rule() -> None:
    found = problems(config(options=("pano_roof", "sport_pack")))
    fields = [p.field for p in found]
    # sport_pack lacks comfort_seats, and the roof clashes with sport_pack (chosen last).
    assert fields == ["options[1]", "options[1]"]
    assert found[0].message == "Sport package requires Comfort seats"


def test_a_standard_option_satisfies_a_requires_rule() -> None:
    assert problems(config(trim="A6L-55", options=("sport_pack",))) == []


def test_excludes_rule_names_the_option_chosen_last_and_uses_the_rule_message() -> None:
    found = problems(config(options=("sport_pack", "comfort_seats", "pano_roof")))
    assert found == [Problem("options[2]", "The panoramic roof does not go with the sport package")]


def test_a_rule_broken_by_standard_equipment_alone_names_the_trim() -> None:
    doc = document()
    doc["models"][0]["trims"][0]["standard_options"] = ["sport_pack"]
    catalog = parse_catalog(1, doc)
    found = check_configuration(catalog, PRICING, config(colour="white"))
    assert found == [Problem("trim_code", "Sport package requires Comfort seats")]
    # ...and with the roof chosen, the roof is the one to drop.
    found = check_configuration(catalog, PRICING, config(options=("comfort_seats", "pano_roof")))
    assert [p.field for p in found] == ["options[1]"]


def test_unknown_accessory_and_accessory_that_does_not_fit() -> None:
    found = problems(config(accessories=("mats", "spoiler", "roof_box")))
    assert [p.field for p in found] == ["accessories[1]", "accessories[2]"]
    assert found[1].message == "Roof box does not fit A6L"


def test_all_problems_are_reported_together() -> None:
    found = problems(
        config(colour="red", options=("tow_bar", "sport_pack"), accessories=("roof_box",))
    )
    assert [p.field for p in found] == ["colour_code", "options[0]", "options[1]", "accessories[0]"]


# --- price_configuration ----------------------------------------------------------------------


def test_worked_example_totals_at_msrp() -> None:
    priced = price_configuration(CATALOG, DealerPricing.empty(), config(options=("pano_roof",)))
    # 429,800 trim + 8,000 metallic paint + 12,000 panoramic roof.
    assert priced.msrp_total == Decimal("449800.00")
    assert priced.price_total == Decimal("449800.00")
    # 398,000 + 6,500 + 9,800 invoice prices.
    assert priced.cost_total == Decimal("414300.00")
    assert [(i.kind, i.code) for i in priced.items] == [
        (ItemKind.TRIM, "A6L-45"),
        (ItemKind.COLOUR, "grey"),
        (ItemKind.OPTION, "pano_roof"),
    ]


def test_the_dealers_trim_price_and_accessory_price_are_used() -> None:
    priced = price_configuration(
        CATALOG, PRICING, config(options=("pano_roof",), accessories=("mats",))
    )
    # MSRP: 449,800 vehicle + 1,200 mats; the dealer sells the trim at 419,800, not 429,800.
    assert priced.msrp_total == Decimal("451000.00")
    assert priced.price_total == Decimal("419800.00") + Decimal("8000.00") + Decimal(
        "12000.00"
    ) + Decimal("1200.00")
    assert priced.price_total == Decimal("441000.00")
    assert priced.cost_total == Decimal("414900.00")  # 414,300 + 600 mats


def test_standard_options_are_not_charged() -> None:
    priced = price_configuration(
        CATALOG, PRICING, config(trim="A6L-55", colour="white", options=("comfort_seats",))
    )
    assert [i.kind for i in priced.items] == [ItemKind.TRIM, ItemKind.COLOUR]
    assert priced.price_total == Decimal("569800.00")  # no dealer price for A6L-55: MSRP


def test_an_invalid_configuration_is_refused_naming_the_first_problem() -> None:
    with pytest.raises(InvalidInput) as caught:
        price_configuration(CATALOG, PRICING, config(colour="red", options=("tow_bar",)))
    assert caught.value.field == "configuration.colour_code"


# --- quote_lines ------------------------------------------------------------------------------


def test_quote_lines_one_vehicle_line_keyed_on_the_model_and_one_per_accessory() -> None:
    priced = price_configuration(
        CATALOG,
        PRICING,
        config(options=("comfort_seats", "sport_pack"), accessories=("mats",)),
    )
    vehicle, mats = priced.quote_lines()
    assert vehicle.kind is LineKind.VEHICLE
    assert vehicle.code == "A6L"
    assert vehicle.description == "Audi A6L 45 TFSI · Daytona Grey · Comfort seats, Sport package"
    # 429,800 + 8,000 + 9,000 + 15,000 at MSRP; the trim at the dealer's 419,800.
    assert vehicle.list_price == Decimal("461800.00")
    assert vehicle.price == Decimal("451800.00")
    assert vehicle.cost == Decimal("398000.00") + Decimal("6500.00") + Decimal("7000.00") + (
        Decimal("12000.00")
    )
    assert (mats.kind, mats.code, mats.description) == (LineKind.ACCESSORY, "mats", "Floor mats")
    assert (mats.list_price, mats.price, mats.cost) == (
        Decimal("1200.00"),
        Decimal("1200.00"),
        Decimal("600.00"),
    )
    lines = priced.quote_lines()
    assert sum((ln.price for ln in lines), Decimal(0)) == priced.price_total


def test_a_vehicle_without_options_has_a_short_description() -> None:
    priced = price_configuration(
        CATALOG, PRICING, config(trim="Q5L-40", model="Q5L", colour="white")
    )
    (vehicle,) = priced.quote_lines()
    assert vehicle.description == "Audi Q5L 40 TFSI · Ibis White"


def test_long_descriptions_are_cut_to_200_characters() -> None:
    doc = document()
    doc["models"][0]["trims"][0]["options"][0]["name"] = "Panoramic glass roof " * 9
    catalog = parse_catalog(1, doc)
    long_name = Accessory("cover", "Car cover " * 25, Decimal("900"), Decimal("400"))
    pricing = DealerPricing.of([long_name])
    priced = price_configuration(
        catalog, pricing, config(options=("pano_roof",), accessories=("cover",))
    )
    vehicle, cover = priced.quote_lines()
    assert len(vehicle.description) == 200
    assert vehicle.description.endswith("…")
    assert vehicle.description.startswith("Audi A6L 45 TFSI · Daytona Grey · Panoramic")
    assert len(cover.description) == 200


# --- the dealer's side ------------------------------------------------------------------------


def test_accessory_fits_all_models_when_it_names_none() -> None:
    assert MATS.fits("A6L")
    assert MATS.fits("Q5L")
    assert ROOF_BOX.fits("Q5L")
    assert not ROOF_BOX.fits("A6L")


def test_dealer_pricing_rejects_negative_prices_and_miskeyed_accessories() -> None:
    with pytest.raises(InvalidInput):
        Accessory("mats", "Floor mats", Decimal("-1"), Decimal(0))
    with pytest.raises(InvalidInput) as caught:
        DealerPricing(trim_prices={"A6L-45": Decimal("-1")}, accessories={})
    assert caught.value.field == "trim_prices.A6L-45"
    with pytest.raises(InvalidInput):
        DealerPricing(trim_prices={}, accessories={"floor_mats": MATS})


def test_dealer_pricing_is_not_changed_by_its_source() -> None:
    prices = {"A6L-45": Decimal("419800.00")}
    pricing = DealerPricing(trim_prices=prices, accessories={})
    prices["A6L-45"] = Decimal(1)
    assert pricing.trim_prices["A6L-45"] == Decimal("419800.00")
    assert DealerPricing.empty().accessories == {}


def test_catalog_lookups() -> None:
    assert isinstance(CATALOG, Catalog)
    assert CATALOG.model("Q5L") is CATALOG.models[1]
    assert CATALOG.model("A8L") is None
