"""A lead's true origin reaches the commission statement, end to end through real processes and
Kafka (issue 22 items 6 and 7): a walk-in the manager put in the pool is claimed by a
consultant — leads records the pool origin, where the source alone says walk-in (self-sourced)
— converted (leads.LeadConverted version 2), worked into an opportunity co-sold 60/40 with a
colleague (split approved by the manager), won; the dealer's commission run pays both
consultants their shares at the plan's pool rate."""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from crm_common.testing.kafka import eventually

from .conftest import Spine
from .test_deal_journey import call
from .test_lead_pools import login, user_id_of

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
DEALER = "dealer-sh-01"
PLAN_RULES = {
    "default_per_unit": "1000",
    "origin_rates": {"pool": "0.5", "self_sourced": "1.2", "oem": "0.8", "campaign": "0.7"},
}


async def test_a_lead_claimed_from_the_pool_is_paid_at_the_pool_rate_to_both_sellers(
    spine: Spine,
) -> None:
    manager = await login(spine, "sh01.manager")
    claimant = await login(spine, "sh01.consultant1")
    co_seller = await login(spine, "sh01.consultant2")
    claimant_id, co_seller_id = (
        await user_id_of(spine, claimant),
        await user_id_of(spine, co_seller),
    )

    created = await call(
        spine,
        "leads",
        manager,
        "POST",
        "/leads",
        {
            "customer_name": "林峰",
            "phone": f"136{uuid.uuid4().int % 10**8:08d}",
            "source": "walk_in",
        },
    )
    assert created.status_code == 201, created.text
    lead_id = created.json()["id"]
    assert created.json()["ownership_origin"] is None, "it waits in the dealer's pool"
    claimed = await call(spine, "leads", claimant, "POST", f"/leads/{lead_id}/claim")
    assert claimed.status_code == 200, claimed.text
    assert claimed.json()["ownership_origin"] == "pool"
    converted = await call(spine, "leads", claimant, "POST", f"/leads/{lead_id}/convert", {})
    assert converted.status_code == 200, converted.text
    history = (await call(spine, "leads", manager, "GET", f"/leads/{lead_id}/history")).json()
    assert [(h["kind"], h["reason"]) for h in history if h["kind"] == "converted"] == [
        ("converted", "pool")
    ]

    async def opened() -> dict[str, Any] | None:
        listed = (await call(spine, "opportunities", claimant, "GET", "/opportunities")).json()
        return next((o for o in listed if o["lead_id"] == lead_id), None)

    opportunity = await eventually(opened, timeout=60)
    assert opportunity is not None, "LeadConverted version 2 reached the opportunities worker"
    assert opportunity["lead_origin"] == "pool"
    path = f"/opportunities/{opportunity['id']}"

    split = await call(
        spine,
        "opportunities",
        claimant,
        "PUT",
        f"{path}/credit-split",
        {
            "shares": [
                {"user_id": claimant_id, "share_percent": "60"},
                {"user_id": co_seller_id, "share_percent": "40"},
            ]
        },
    )
    assert split.status_code == 200, split.text
    decided = await call(
        spine,
        "opportunities",
        manager,
        "POST",
        f"{path}/credit-split/decision",
        {"approved": True, "note": "co-sold at the showroom"},
    )
    assert decided.status_code == 200, decided.text
    await _win(spine, claimant, path)

    month = datetime.now(ZoneInfo(spine.settings.business_timezone)).strftime("%Y-%m")
    plan = await call(
        spine,
        "kpi",
        manager,
        "POST",
        "/kpi/commission/plans",
        {"name": "Pudong 2026", "effective_from": "2020-01-01", "rules": PLAN_RULES},
    )
    assert plan.status_code == 201, plan.text

    async def paid() -> dict[str, tuple[Decimal, Decimal, Decimal]]:
        run = await call(spine, "kpi", manager, "POST", "/kpi/commission/runs", {"month": month})
        assert run.status_code == 201, run.text
        return await _deal_lines(spine, manager, month, opportunity["id"])

    lines = await eventually(paid, timeout=60, interval=1.0)
    assert lines == {
        claimant_id: (Decimal("0.5"), Decimal(60), Decimal("300.00")),
        co_seller_id: (Decimal("0.5"), Decimal(40), Decimal("200.00")),
    }, "DealWon carried the pool origin and the approved split to kpi"


async def _win(spine: Spine, consultant: str, path: str) -> None:
    drive = await call(
        spine,
        "opportunities",
        consultant,
        "POST",
        f"{path}/test-drives",
        {
            "model_code": "SUV-X",
            "licence_number": "310101199303031234",
            "licence_checked": True,
            "started_at": datetime.now(ZoneInfo("UTC")).isoformat(),
        },
    )
    assert drive.status_code == 201, drive.text
    quote = await call(
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
                    "price": "200000",
                    "cost": "184000",
                }
            ]
        },
    )
    assert quote.status_code == 201, quote.text
    quote_id = quote.json()["id"]
    issued = await call(spine, "opportunities", consultant, "POST", f"/quotes/{quote_id}/issue")
    assert issued.json()["status"] == "issued", issued.text
    order = await call(spine, "opportunities", consultant, "POST", f"/quotes/{quote_id}/acceptance")
    assert order.status_code in (200, 201), order.text
    won = (await call(spine, "opportunities", consultant, "GET", path)).json()
    assert won["status"] == "won", won


async def _deal_lines(
    spine: Spine, manager: str, month: str, opportunity_id: str
) -> dict[str, tuple[Decimal, Decimal, Decimal]]:
    """Per consultant, the per-unit line of the deal on their statement: origin rate, share,
    amount."""
    listed = await call(spine, "kpi", manager, "GET", f"/kpi/commission/statements?month={month}")
    assert listed.status_code == 200, listed.text
    found: dict[str, tuple[Decimal, Decimal, Decimal]] = {}
    for statement in listed.json()["statements"]:
        read = await call(
            spine, "kpi", manager, "GET", f"/kpi/commission/statements/{statement['id']}"
        )
        for line in read.json()["items"]:
            if line["opportunity_id"] == opportunity_id and line["kind"] == "per_unit":
                found[statement["user_id"]] = (
                    Decimal(line["origin_rate"]),
                    Decimal(line["share_percent"]),
                    Decimal(line["amount"]),
                )
    return found
