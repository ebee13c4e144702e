"""Quotes and orders on real PostgreSQL through the HTTP API: the test-drive gate, discount
approval by level, acceptance placing the order and winning the deal, the order process to
delivery, cancellation with refund."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select

from crm_common.db.tables import outbox
from crm_opportunities.adapters.tables import planned_collections

from .conftest import PEOPLE, AsUser, Sessions
from .test_opportunities_api import DRIVE

VIN = "LSVAU2180N2183294"


def quote(price: str, *, insurance: bool = False) -> dict[str, Any]:
    lines: list[dict[str, Any]] = [
        {
            "kind": "vehicle",
            "code": "SUV-X",
            "description": "SUV X 2.0T 豪华版",
            "list_price": "200000",
            "price": price,
            "cost": "185000",
        },
        {
            "kind": "fee",
            "code": "REG",
            "description": "Registration",
            "list_price": "500",
            "price": "500",
        },
    ]
    if insurance:
        lines.append(
            {
                "kind": "insurance",
                "code": "CAR-1Y",
                "description": "Comprehensive, 1 year",
                "list_price": "6000",
                "price": "6000",
                "cost": "5000",
                "partner_id": "insurer-1",
            }
        )
    return {"lines": lines}


async def events(sessions: Sessions, event_type: str) -> list[dict[str, Any]]:
    async with sessions() as session:
        rows = await session.execute(
            select(outbox.c.payload).where(outbox.c.event_type == event_type).order_by(outbox.c.id)
        )
        return [row[0]["data"] for row in rows]


async def opened_and_driven(as_user: AsUser) -> str:
    async with as_user(PEOPLE.consultant1) as http:
        opportunity = (await http.post("/opportunities", json={"customer_name": "林青"})).json()
        await http.post(f"/opportunities/{opportunity['id']}/test-drives", json=DRIVE)
    return str(opportunity["id"])


async def test_a_manager_approves_a_discount_then_the_deal_is_won_and_delivered(
    sessions: Sessions, as_user: AsUser
) -> None:
    opportunity_id = await opened_and_driven(as_user)
    async with as_user(PEOPLE.consultant1) as http:
        drafted = await http.post(
            f"/opportunities/{opportunity_id}/quotes", json=quote("190000", insurance=True)
        )
        assert drafted.status_code == 201, drafted.text
        q = drafted.json()
        assert (q["status"], Decimal(q["discount_percent"])) == ("draft", Decimal("4.84"))
        issued = (await http.post(f"/quotes/{q['id']}/issue")).json()
        assert (issued["status"], issued["approver_needed"]) == (
            "pending_approval",
            "sales_manager",
        )
        assert (
            await http.post(f"/quotes/{q['id']}/approval", json={"approve": True})
        ).status_code == 403
    async with as_user(PEOPLE.manager) as http:
        approved = await http.post(
            f"/quotes/{q['id']}/approval", json={"approve": True, "note": "loyal family"}
        )
        assert (approved.status_code, approved.json()["status"]) == (200, "issued")
    async with as_user(PEOPLE.consultant1) as http:
        placed = await http.post(f"/quotes/{q['id']}/acceptance")
        assert placed.status_code == 201, placed.text
        order = placed.json()
        assert (order["process"], order["next_step"], Decimal(order["total"])) == (
            "deposit_first",
            "deposit_paid",
            Decimal("196500"),
        )
        path = f"/orders/{order['id']}"
        assert (await http.post(f"{path}/steps", json={"step": "ordered"})).status_code == 409
        assert (
            await http.post(f"{path}/steps", json={"step": "deposit_paid", "amount": "19650"})
        ).status_code == 200
        assert (await http.post(f"{path}/steps", json={"step": "ordered"})).status_code == 200
        no_vin = await http.post(f"{path}/steps", json={"step": "delivered"})
        assert no_vin.status_code == 422
        assert "vin" in no_vin.text
        delivered = await http.post(f"{path}/steps", json={"step": "delivered", "vin": VIN})
        assert delivered.status_code == 200, delivered.text
        assert delivered.json()["next_step"] == "paid"
        detail = (await http.get(f"/opportunities/{opportunity_id}")).json()
        assert (detail["status"], detail["stage"]) == ("won", "delivery")
        assert (await http.post(f"{path}/cancellation", json={"reason": "x"})).status_code == 403
    async with as_user(PEOPLE.other_dealer_manager) as http:
        assert (await http.get(path)).status_code == 404
        assert (await http.get(f"/quotes/{q['id']}")).status_code == 404

    [won] = await events(sessions, "opportunities.DealWon")
    assert (Decimal(won["revenue"]), Decimal(won["gross_margin"]), Decimal(won["msrp"])) == (
        Decimal("196500"),
        Decimal("6500"),
        Decimal("200000"),
    )
    assert (won["insurance_attached"], won["finance_attached"], won["lead_origin"]) == (
        True,
        False,
        "direct",
    )
    [delivery] = await events(sessions, "opportunities.VehicleDelivered")
    assert delivery["vin"] == VIN
    [issued_event] = await events(sessions, "opportunities.QuoteIssued")
    assert issued_event["partner_products"] == ["insurer-1"]
    async with sessions() as session:
        plan = (
            await session.execute(
                select(
                    planned_collections.c.note,
                    planned_collections.c.amount,
                    planned_collections.c.collected_amount,
                ).order_by(planned_collections.c.due_on)
            )
        ).all()
    assert [(n, a, c) for n, a, c in plan] == [
        ("deposit", Decimal("19650.00"), Decimal("19650.00")),
        ("balance", Decimal("176850.00"), None),
    ]


async def test_only_the_dealer_approves_beyond_the_manager_and_a_cancelled_order_reopens(
    sessions: Sessions, as_user: AsUser
) -> None:
    opportunity_id = await opened_and_driven(as_user)
    async with as_user(PEOPLE.consultant1) as http:
        q = (
            await http.post(f"/opportunities/{opportunity_id}/quotes", json=quote("180000"))
        ).json()
        assert (await http.post(f"/quotes/{q['id']}/issue")).json()["approver_needed"] == "dealer"
    async with as_user(PEOPLE.manager) as http:
        refused = await http.post(f"/quotes/{q['id']}/approval", json={"approve": True})
        assert refused.status_code == 409
        assert "dealer" in refused.json()["detail"]
    async with as_user(PEOPLE.dealer_admin) as http:
        assert (
            await http.post(f"/quotes/{q['id']}/approval", json={"approve": True})
        ).status_code == 200
    async with as_user(PEOPLE.consultant1) as http:
        order = (await http.post(f"/quotes/{q['id']}/acceptance")).json()
        assert (await http.post(f"/quotes/{q['id']}/acceptance")).status_code == 409, (
            "accepted once"
        )
        await http.post(
            f"/orders/{order['id']}/steps", json={"step": "deposit_paid", "amount": "18050"}
        )
    async with as_user(PEOPLE.manager) as http:
        cancelled = await http.post(
            f"/orders/{order['id']}/cancellation", json={"reason": "financing fell through"}
        )
        assert cancelled.status_code == 200, cancelled.text
        assert (await http.post(f"/orders/{order['id']}/refund")).status_code == 200
        assert (await http.post(f"/orders/{order['id']}/refund")).status_code == 409
        reopened = (await http.get(f"/opportunities/{opportunity_id}")).json()
        assert (reopened["status"], reopened["stage"]) == ("open", "negotiation")
    [cancel] = await events(sessions, "opportunities.OrderCancelled")
    assert Decimal(cancel["deposit_to_refund"]) == Decimal("18050")
    assert len(await events(sessions, "opportunities.DepositRefunded")) == 1


async def test_no_quote_is_issued_before_a_test_drive(sessions: Sessions, as_user: AsUser) -> None:
    async with as_user(PEOPLE.consultant1) as http:
        opportunity = (await http.post("/opportunities", json={"customer_name": "钱多"})).json()
        q = (
            await http.post(f"/opportunities/{opportunity['id']}/quotes", json=quote("200000"))
        ).json()
        refused = await http.post(f"/quotes/{q['id']}/issue")
        assert refused.status_code == 409
        assert "test_drive" in refused.json()["detail"]
        assert (await http.get(f"/quotes/{q['id']}")).json()["status"] == "draft", (
            "nothing half-done"
        )
