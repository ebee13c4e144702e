"""A dealer's sales settings, quote templates, quote versions and the printable quote on real
PostgreSQL through the HTTP API."""

from __future__ import annotations

import subprocess
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from crm_common.db.tables import personal_data_audit

from .conftest import PEOPLE, AsUser, Sessions
from .test_catalog_api import CATALOG
from .test_opportunities_api import DRIVE

SETTINGS: dict[str, Any] = {
    "discount_policy": {"consultant_percent": "1", "manager_percent": "5"},
    "order_process": "payment_first",
    "letterhead": {"name": "天津滨海 SUV 4S店", "address": "滨海新区 1 号", "phone": "022-1234"},
    "quote_valid_days": 10,
}
FEE = {"kind": "fee", "code": "REG", "description": "上牌服务", "list_price": "800", "price": "800"}
CONFIGURATION = {"model_code": "SUV-X", "trim_code": "SUV-X-20T", "colour_code": "white"}


async def test_the_dealer_admin_sets_limits_process_and_letterhead(
    sessions: Sessions, as_user: AsUser
) -> None:
    async with as_user(PEOPLE.manager) as http:
        assert (await http.put("/sales-settings", json=SETTINGS)).status_code == 403
        defaults = (await http.get("/sales-settings")).json()
        assert defaults["order_process"] == "deposit_first"
    async with as_user(PEOPLE.dealer_admin) as http:
        upside_down = {**SETTINGS, "discount_policy": {"consultant_percent": "9"}}
        refused = await http.put("/sales-settings", json=upside_down)
        assert refused.status_code == 422
        assert "manager_percent" in refused.text
        saved = await http.put("/sales-settings", json=SETTINGS)
        assert saved.status_code == 200, saved.text
    async with as_user(PEOPLE.consultant1) as http:
        shown = (await http.get("/sales-settings")).json()
        assert (shown["order_process"], shown["quote_valid_days"]) == ("payment_first", 10)
    async with as_user(PEOPLE.other_dealer_manager) as http:
        assert (await http.get("/sales-settings")).json()["letterhead"] is None


async def test_templates_versions_and_the_printed_quote(
    sessions: Sessions, as_user: AsUser
) -> None:
    async with as_user(PEOPLE.hq_admin) as http:
        await http.post("/catalog/publications", json=CATALOG)
    async with as_user(PEOPLE.dealer_admin) as http:
        await http.put("/sales-settings", json=SETTINGS)
    async with as_user(PEOPLE.manager) as http:
        unpriceable = await http.post(
            "/quote-templates",
            json={"name": "x", "configuration": {**CONFIGURATION, "colour_code": "pink"}},
        )
        assert unpriceable.status_code == 422
        assert "configuration.colour_code" in unpriceable.text
        template = await http.post(
            "/quote-templates",
            json={"name": "SUV X 上牌套餐", "configuration": CONFIGURATION, "lines": [FEE]},
        )
        assert template.status_code == 201, template.text
    async with as_user(PEOPLE.other_dealer_manager) as http:
        assert (await http.get("/quote-templates")).json() == []
        foreign_template = (
            await http.post("/quote-templates", json={"name": "B", "lines": [FEE]})
        ).json()

    async with as_user(PEOPLE.consultant1) as http:
        [listed] = (await http.get("/quote-templates")).json()
        assert listed["name"] == "SUV X 上牌套餐"
        opportunity = (
            await http.post(
                "/opportunities", json={"customer_name": "陈晓明", "phone": "+8613912345678"}
            )
        ).json()
        path = f"/opportunities/{opportunity['id']}"
        await http.post(f"{path}/test-drives", json=DRIVE)
        foreign = await http.post(f"{path}/quotes", json={"template_id": foreign_template["id"]})
        assert foreign.status_code == 404
        first = await http.post(f"{path}/quotes", json={"template_id": listed["id"]})
        assert first.status_code == 201, first.text
        assert [ln["code"] for ln in first.json()["lines"]] == ["SUV-X", "REG"]
        discounted = {
            "kind": "vehicle",
            "code": "SUV-X",
            "description": "SUV X 2.0T 豪华版",
            "list_price": "200000",
            "price": "197000",
            "cost": "186000",
        }
        second = (await http.post(f"{path}/quotes", json={"lines": [discounted, FEE]})).json()
        versions = (await http.get(f"{path}/quotes")).json()
        assert [v["version"] for v in versions] == [2, 1]
        older = (await http.get(f"{path}/quotes", params={"limit": 1, "offset": 1})).json()
        assert [v["version"] for v in older] == [1]
        held = (await http.post(f"/quotes/{second['id']}/issue")).json()
        assert held["status"] == "pending_approval", "1.5% is beyond this dealer's 1%"

        printed = await http.get(f"/quotes/{second['id']}/document")
        assert printed.status_code == 200
        assert printed.headers["content-type"].startswith("text/html")
        assert "天津滨海 SUV 4S店" in printed.text
        assert "陈晓明" in printed.text, "the owning consultant sees the customer in full"
        pdf = await http.get(f"/quotes/{second['id']}/document", params={"format": "pdf"})
        assert pdf.headers["content-type"] == "application/pdf"
        assert pdf.content.startswith(b"%PDF-")
        # Read back by poppler, as a viewer would.
        text = subprocess.run(  # noqa: ASYNC221 - a test's one short child process
            ["pdftotext", "-", "-"], input=pdf.content, capture_output=True, check=True
        ).stdout.decode()
        assert "陈晓明" in text
        assert (
            await http.get(f"/quotes/{second['id']}/document", params={"format": "doc"})
        ).status_code == 422
    async with as_user(PEOPLE.consultant2) as http:
        assert (await http.get(f"/quotes/{second['id']}/document")).status_code == 404
        assert (await http.get(f"{path}/quotes")).status_code == 404
    async with as_user(PEOPLE.region_manager) as http:
        assert (await http.get(f"/quotes/{second['id']}/document")).status_code == 404, (
            "the dealer shares opportunities with the OEM as figures only"
        )
    async with as_user(PEOPLE.manager) as http:
        approved = await http.post(f"/quotes/{second['id']}/approval", json={"approve": True})
        assert approved.json()["status"] == "issued"
    async with as_user(PEOPLE.consultant1) as http:
        order = (await http.post(f"/quotes/{second['id']}/acceptance")).json()
        assert (order["process"], Decimal(order["total"])) == ("payment_first", Decimal(197800))
    async with sessions() as session:
        audited = (
            await session.execute(
                select(personal_data_audit.c.actor).where(
                    personal_data_audit.c.endpoint == "GET /quotes/{id}/document"
                )
            )
        ).scalars()
        assert set(audited) == {PEOPLE.consultant1.user_id}
