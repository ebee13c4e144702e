"""The vehicle catalogue on real PostgreSQL through the HTTP API: HQ publishes versions, a
dealer's deployment keeps the copy it receives, dealers price trims and their accessories, the
configurator checks and prices, and a quote is drafted from a configuration."""

from __future__ import annotations

from copy import deepcopy
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from crm_common.contracts import new_event
from crm_common.contracts.events.opportunities.v1 import CatalogPublished
from crm_common.db import UnitOfWork
from crm_opportunities.adapters.catalog_tables import catalog_versions
from crm_opportunities.application.catalog import keep_published_catalog

from .conftest import PEOPLE, TENANT, AsUser, Sessions
from .test_opportunities_api import DRIVE
from .test_quotes_orders_api import events


def colour(code: str, name: str, msrp: str = "0") -> dict[str, str]:
    return {"code": code, "name": name, "msrp": msrp, "invoice_price": msrp}


CATALOG: dict[str, Any] = {
    "models": [
        {
            "code": "SUV-X",
            "name": "SUV X",
            "product_line": "suv",
            "trims": [
                {
                    "code": "SUV-X-20T",
                    "name": "2.0T 豪华版",
                    "msrp": "200000",
                    "invoice_price": "186000",
                    "colours": [colour("white", "白"), colour("grey", "灰 metallic", "5000")],
                    "options": [
                        {
                            "code": "pano",
                            "name": "全景天窗",
                            "msrp": "8000",
                            "invoice_price": "6500",
                        },
                        {
                            "code": "sport",
                            "name": "运动套件",
                            "msrp": "12000",
                            "invoice_price": "9000",
                        },
                        {
                            "code": "seats",
                            "name": "舒适座椅",
                            "msrp": "6000",
                            "invoice_price": "4500",
                        },
                    ],
                    "standard_options": [],
                }
            ],
        }
    ],
    "rules": [
        {"kind": "requires", "option": "sport", "others": ["seats"]},
        {"kind": "excludes", "option": "pano", "others": ["sport"]},
    ],
}


async def test_hq_publishes_versions_and_dealers_read_the_current_one(
    sessions: Sessions, as_user: AsUser
) -> None:
    async with as_user(PEOPLE.dealer_admin) as http:
        assert (await http.post("/catalog/publications", json=CATALOG)).status_code == 403
    async with as_user(PEOPLE.hq_admin) as http:
        dear = deepcopy(CATALOG)
        dear["models"][0]["trims"][0]["invoice_price"] = "250000"
        refused = await http.post("/catalog/publications", json=dear)
        assert refused.status_code == 422
        assert "catalog.models[0].trims[0].invoice_price" in refused.text
        first = await http.post("/catalog/publications", json=CATALOG)
        assert first.status_code == 201, first.text
        assert first.json()["version"] == 1
        second = deepcopy(CATALOG)
        second["models"][0]["trims"][0]["msrp"] = "205000"
        assert (await http.post("/catalog/publications", json=second)).json()["version"] == 2
    published = await events(sessions, "opportunities.CatalogPublished")
    assert [p["catalog_version"] for p in published] == [1, 2]
    async with as_user(PEOPLE.consultant1) as http:
        current = (await http.get("/catalog")).json()
        assert current["version"] == 2
        assert Decimal(current["models"][0]["trims"][0]["msrp"]) == Decimal(205000)
        first_version = (await http.get("/catalog", params={"version": 1})).json()
        assert Decimal(first_version["models"][0]["trims"][0]["msrp"]) == Decimal(200000)
        assert (await http.get("/catalog", params={"version": 9})).status_code == 404


async def test_a_dealer_deployment_keeps_each_version_it_receives_once(sessions: Sessions) -> None:
    received = new_event(
        CatalogPublished(
            catalog_version=3, published_at=datetime(2026, 12, 1, tzinfo=UTC), catalog=CATALOG
        ),
        tenant=TENANT,
        owner_org="hq",
        actor="h1",
    )
    for _ in range(2):
        async with UnitOfWork(sessions) as uow:
            await keep_published_catalog(uow, received)
    async with sessions() as session:
        kept = (await session.execute(select(catalog_versions))).mappings().all()
    assert [(k["version"], k["published_by"]) for k in kept] == [(3, "h1")]
    assert kept[0]["document"]["models"][0]["code"] == "SUV-X"


async def test_the_configurator_checks_and_prices_with_the_dealers_prices(
    sessions: Sessions, as_user: AsUser
) -> None:
    async with as_user(PEOPLE.consultant1) as http:
        assert (
            await http.post(
                "/catalog/configurations",
                json={"model_code": "SUV-X", "trim_code": "SUV-X-20T", "colour_code": "white"},
            )
        ).status_code == 404, "nothing published yet"
    async with as_user(PEOPLE.hq_admin) as http:
        await http.post("/catalog/publications", json=CATALOG)
    mats = {"code": "MATS", "name": "脚垫", "price": "800", "cost": "300", "fits_models": ["SUV-X"]}
    async with as_user(PEOPLE.consultant1) as http:
        forbidden = await http.put("/catalog/dealer-pricing", json={"accessories": [mats]})
        assert forbidden.status_code == 403
    async with as_user(PEOPLE.manager) as http:
        unknown = await http.put("/catalog/dealer-pricing", json={"trim_prices": {"NOPE": "1"}})
        assert unknown.status_code == 422
        assert "trim_prices.NOPE" in unknown.text
        priced = await http.put(
            "/catalog/dealer-pricing",
            json={"trim_prices": {"SUV-X-20T": "195000"}, "accessories": [mats]},
        )
        assert priced.status_code == 200, priced.text

    configuration = {
        "model_code": "SUV-X",
        "trim_code": "SUV-X-20T",
        "colour_code": "grey",
        "options": ["pano", "sport"],
        "accessories": ["MATS"],
    }
    async with as_user(PEOPLE.consultant1) as http:
        checked = (await http.post("/catalog/configurations", json=configuration)).json()
        assert checked["valid"] is False
        assert {p["field"] for p in checked["problems"]} == {"options[1]"}
        assert len(checked["problems"]) == 2, "sport needs seats, and excludes the roof"
        configuration["options"] = ["sport", "seats"]
        ok = (await http.post("/catalog/configurations", json=configuration)).json()
        assert ok["valid"] is True, ok
        assert Decimal(ok["msrp_total"]) == Decimal(200000 + 5000 + 12000 + 6000 + 800)
        assert Decimal(ok["price_total"]) == Decimal(195000 + 5000 + 12000 + 6000 + 800)
        [vehicle, accessory] = ok["quote_lines"]
        assert (vehicle["kind"], vehicle["code"]) == ("vehicle", "SUV-X")
        assert accessory["code"] == "MATS"
    async with as_user(PEOPLE.other_dealer_consultant) as http:
        elsewhere = (await http.post("/catalog/configurations", json=configuration)).json()
        assert [p["field"] for p in elsewhere["problems"]] == ["accessories[0]"], (
            "another dealer's accessories are not on offer"
        )

    async with as_user(PEOPLE.consultant1) as http:
        opportunity = (
            await http.post("/opportunities", json={"customer_name": "刘洋", "amount": "0"})
        ).json()
        path = f"/opportunities/{opportunity['id']}"
        await http.post(f"{path}/test-drives", json=DRIVE)
        fee = {
            "kind": "fee",
            "code": "REG",
            "description": "上牌",
            "list_price": "500",
            "price": "500",
        }
        wrong = await http.post(
            f"{path}/quotes",
            json={"configuration": {**configuration, "options": ["pano", "sport", "seats"]}},
        )
        assert wrong.status_code == 422
        assert "configuration.options" in wrong.text
        assert (await http.post(f"{path}/quotes", json={})).status_code == 422
        drafted = await http.post(
            f"{path}/quotes", json={"configuration": configuration, "lines": [fee]}
        )
        assert drafted.status_code == 201, drafted.text
        quote = drafted.json()
        assert [ln["code"] for ln in quote["lines"]] == ["SUV-X", "MATS", "REG"]
        assert Decimal(quote["total"]) == Decimal(195000 + 5000 + 12000 + 6000 + 800 + 500)
        assert Decimal(quote["list_total"]) == Decimal(200000 + 5000 + 12000 + 6000 + 800 + 500)
