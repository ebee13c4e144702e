"""From a lead to a delivered car, end to end as demo users, through real processes and Kafka:
a converted lead opens an opportunity in the opportunities service, the consultant records a
test drive and quotes with a discount beyond their limit and a partner's loan, the manager
approves, the customer accepts, the order runs to delivery, the bank approves the loan it sees
(the customer masked); kpi counts the deal and leads learns the customer bought."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from crm_common.db import create_engine
from crm_common.settings import Settings
from crm_common.testing.kafka import eventually

from .conftest import Spine
from .test_lead_pools import login

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
VIN = "LSVAU2180N2183295"


async def call(
    spine: Spine, service: str, token: str, method: str, path: str, body: Any = None
) -> Any:
    async with spine.client(service, token) as client:
        return await client.request(method, path, json=body)


async def test_a_converted_lead_becomes_a_delivered_car_counted_by_kpi(spine: Spine) -> None:
    consultant = await login(spine, "sh01.consultant1")
    manager = await login(spine, "sh01.manager")

    created = await call(
        spine,
        "leads",
        consultant,
        "POST",
        "/leads",
        {"customer_name": "陈思", "phone": "139 2222 3333", "source": "walk_in"},
    )
    assert created.status_code == 201, created.text
    lead_id = created.json()["id"]
    converted = await call(
        spine,
        "leads",
        consultant,
        "POST",
        f"/leads/{lead_id}/convert",
        {"vehicle_interest": "SUV X 2.0T"},
    )
    assert converted.status_code == 200, converted.text

    async def opened() -> dict[str, Any] | None:
        listed = (await call(spine, "opportunities", consultant, "GET", "/opportunities")).json()
        return next((o for o in listed if o["lead_id"] == lead_id), None)

    opportunity = await eventually(opened, timeout=60)
    assert opportunity is not None, "LeadConverted reached the opportunities worker"
    assert (opportunity["stage"], opportunity["lead_origin"]) == ("reception", "self_sourced")
    path = f"/opportunities/{opportunity['id']}"

    drive = await call(
        spine,
        "opportunities",
        consultant,
        "POST",
        f"{path}/test-drives",
        {
            "model_code": "SUV-X",
            "licence_number": "310101199202021234",
            "licence_checked": True,
            "started_at": datetime.now(UTC).isoformat(),
            "rating": 4,
        },
    )
    assert drive.status_code == 201, drive.text
    quote = (
        await call(
            spine,
            "opportunities",
            consultant,
            "POST",
            f"{path}/quotes",
            {
                "lines": [
                    {
                        "kind": "vehicle",
                        "code": "SUV-X",
                        "description": "SUV X 2.0T",
                        "list_price": "200000",
                        "price": "189000",
                        "cost": "184000",
                    },
                    {
                        "kind": "finance",
                        "code": "LOAN-36",
                        "description": "36-month loan fee",
                        "list_price": "3000",
                        "price": "3000",
                        "partner_id": "partner-finance",
                    },
                ]
            },
        )
    ).json()
    issued = (
        await call(spine, "opportunities", consultant, "POST", f"/quotes/{quote['id']}/issue")
    ).json()
    assert (issued["status"], issued["approver_needed"]) == ("pending_approval", "sales_manager")
    approved = await call(
        spine,
        "opportunities",
        manager,
        "POST",
        f"/quotes/{quote['id']}/approval",
        {"approve": True, "note": "second car of the family"},
    )
    assert approved.json()["status"] == "issued", approved.text
    order = (
        await call(spine, "opportunities", consultant, "POST", f"/quotes/{quote['id']}/acceptance")
    ).json()
    for step in (
        {"step": "deposit_paid", "amount": "18900"},
        {"step": "ordered"},
        {"step": "delivered", "vin": VIN},
    ):
        moved = await call(
            spine, "opportunities", consultant, "POST", f"/orders/{order['id']}/steps", step
        )
        assert moved.status_code == 200, moved.text
    won = (await call(spine, "opportunities", consultant, "GET", path)).json()
    assert (won["status"], won["stage"]) == ("won", "delivery")

    bank = await login(spine, "finance.partner")
    queue = (await call(spine, "opportunities", bank, "GET", "/partner/applications")).json()
    [application] = [a for a in queue if a["quote_id"] == quote["id"]]
    assert (application["customer_name"], application["status"]) == ("陈*", "submitted"), (
        "the bank sees its loan on the order, the customer masked"
    )
    decided = await call(
        spine,
        "opportunities",
        bank,
        "POST",
        f"/partner/applications/{application['id']}/status",
        {"status": "approved"},
    )
    assert decided.status_code == 200, decided.text
    seen_by_dealer = (
        await call(spine, "opportunities", consultant, "GET", f"/orders/{order['id']}/applications")
    ).json()
    assert [a["status"] for a in seen_by_dealer] == ["approved"]

    async def counted() -> dict[str, Any] | None:
        today = datetime.now(UTC).date()
        response = await call(
            spine,
            "kpi",
            manager,
            "GET",
            f"/kpi/sales/daily?from={today - timedelta(days=1)}&to={today + timedelta(days=1)}"
            "&dealer_id=dealer-sh-01",
        )
        rows = [r for r in response.json()["rows"] if r["won_units"] >= 1 and r["delivered"] >= 1]
        return rows[0] if rows else None

    figures = await eventually(counted, timeout=60)
    assert figures is not None, "DealWon and VehicleDelivered reached kpi"
    assert float(figures["revenue"]) >= 189000

    async def leads_knows_the_customer_bought() -> bool:
        engine = create_engine(Settings(env="test", database_url=spine.database_urls["leads"]))
        try:
            async with engine.connect() as conn:
                status = (
                    await conn.execute(
                        text(
                            "SELECT status FROM customer_opportunities WHERE opportunity_id = :id"
                        ),
                        {"id": opportunity["id"]},
                    )
                ).scalar()
        finally:
            await engine.dispose()
        return status == "won"

    assert await eventually(leads_knows_the_customer_bought, timeout=60)
