"""A leaver's hand-over end to end through the real processes and Kafka: a consultant of
sh01 leaves with an open lead and its callback task, an opportunity whose order still runs and
another with a draft quote; the manager hands everything to a successor through leads, and
each service moves its own records on ``leads.ConsultantHandedOver`` — the successor then
works every kind of record, the leaver reaches none of them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import text

from crm_common.db import create_engine
from crm_common.settings import Settings
from crm_common.testing.kafka import eventually

from .conftest import Spine
from .test_deal_journey import call
from .test_lead_pools import login

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
PASSWORD = "a-long-password-3"
VEHICLE = {
    "kind": "vehicle",
    "code": "SUV-X",
    "description": "SUV X 2.0T",
    "list_price": "200000",
    "price": "200000",
    "cost": "184000",
}


async def consultant(spine: Spine, admin: str) -> tuple[str, str]:
    """A new consultant of sh01 (id, token), once leads knows them."""
    username = f"ho.{uuid.uuid4().hex[:10]}"
    created = await call(
        spine,
        "identity",
        admin,
        "POST",
        "/users",
        {
            "username": username,
            "display_name": "交接",
            "password": PASSWORD,
            "org_node": "dealer-sh-01",
            "roles": ["sales_consultant"],
        },
    )
    assert created.status_code == 201, created.text
    user_id = str(created.json()["id"])

    async def known_to_leads() -> bool:
        engine = create_engine(Settings(env="test", database_url=spine.database_urls["leads"]))
        try:
            async with engine.connect() as conn:
                row = await conn.execute(
                    text("SELECT 1 FROM staff WHERE user_id = :u AND active"), {"u": user_id}
                )
                return row.first() is not None
        finally:
            await engine.dispose()

    assert await eventually(known_to_leads, timeout=60), "UserChanged reached leads"
    async with spine.client("identity") as client:
        response = await client.post(
            "/auth/token", json={"username": username, "password": PASSWORD}
        )
    assert response.status_code == 200, response.text
    return user_id, str(response.json()["access_token"])


async def lead(spine: Spine, token: str, phone: str) -> str:
    created = await call(
        spine,
        "leads",
        token,
        "POST",
        "/leads",
        {"customer_name": "柳岩", "phone": phone, "source": "walk_in"},
    )
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


async def opportunity_of(spine: Spine, token: str, lead_id: str) -> dict[str, Any]:
    converted = await call(spine, "leads", token, "POST", f"/leads/{lead_id}/convert", {})
    assert converted.status_code == 200, converted.text

    async def opened() -> dict[str, Any] | None:
        listed = (await call(spine, "opportunities", token, "GET", "/opportunities")).json()
        return next((o for o in listed if o["lead_id"] == lead_id), None)

    found = await eventually(opened, timeout=60)
    assert found is not None, "LeadConverted reached the opportunities worker"
    drive = await call(
        spine,
        "opportunities",
        token,
        "POST",
        f"/opportunities/{found['id']}/test-drives",
        {
            "model_code": "SUV-X",
            "licence_number": "310101199202021234",
            "licence_checked": True,
            "started_at": datetime.now(UTC).isoformat(),
        },
    )
    assert drive.status_code == 201, drive.text
    return dict(found)


def phone() -> str:
    return f"136{uuid.uuid4().int % 10**8:08d}"


async def test_a_hand_over_moves_every_kind_of_record_to_the_successor(spine: Spine) -> None:
    admin = await login(spine, "sh01.admin")
    manager = await login(spine, "sh01.manager")
    leaver_id, leaver = await consultant(spine, admin)
    successor_id, successor = await consultant(spine, admin)

    open_lead = await lead(spine, leaver, phone())
    graded = await call(
        spine,
        "leads",
        leaver,
        "POST",
        f"/leads/{open_lead}/follow-ups",
        {"kind": "call", "outcome": "wants a test drive", "grade": "ready_to_buy"},
    )
    assert graded.status_code == 201, graded.text

    async def callback_task() -> dict[str, Any] | None:
        tasks = (await call(spine, "call-center", leaver, "GET", "/call-tasks")).json()
        return next((t for t in tasks if t["lead_id"] == open_lead), None)

    task = await eventually(callback_task, timeout=60)
    assert task is not None, "LeadGraded pushed the callback to the call center"

    sold = await opportunity_of(spine, leaver, await lead(spine, leaver, phone()))
    quote = (
        await call(
            spine,
            "opportunities",
            leaver,
            "POST",
            f"/opportunities/{sold['id']}/quotes",
            {"lines": [VEHICLE]},
        )
    ).json()
    issued = await call(spine, "opportunities", leaver, "POST", f"/quotes/{quote['id']}/issue")
    assert issued.json()["status"] == "issued", issued.text
    order = (
        await call(spine, "opportunities", leaver, "POST", f"/quotes/{quote['id']}/acceptance")
    ).json()
    worked = await opportunity_of(spine, leaver, await lead(spine, leaver, phone()))
    draft = (
        await call(
            spine,
            "opportunities",
            leaver,
            "POST",
            f"/opportunities/{worked['id']}/quotes",
            {"lines": [VEHICLE]},
        )
    ).json()

    handed = await call(
        spine,
        "leads",
        manager,
        "POST",
        "/hand-overs",
        {"leaver": leaver_id, "successor": successor_id},
    )
    assert handed.status_code == 200, handed.text
    assert handed.json()["leads_moved"] == {successor_id: 1}

    async def everything_moved() -> bool:
        reads = [
            ("leads", f"/leads/{open_lead}", "owner_user"),
            ("opportunities", f"/opportunities/{sold['id']}", "owner_user"),
            ("opportunities", f"/opportunities/{worked['id']}", "owner_user"),
            ("opportunities", f"/orders/{order['id']}", "owner_user"),
            ("call-center", f"/call-tasks/{task['id']}", "assignee"),
        ]
        for service, path, field in reads:
            response = await call(spine, service, successor, "GET", path)
            if response.status_code != 200 or response.json()[field] != successor_id:
                return False
        return True

    assert await eventually(everything_moved, timeout=90), "every service moved its records"
    # The successor works them: the draft quote, the order's next step.
    issued_by_successor = await call(
        spine, "opportunities", successor, "POST", f"/quotes/{draft['id']}/issue"
    )
    assert issued_by_successor.json()["status"] == "issued", issued_by_successor.text
    step = await call(
        spine,
        "opportunities",
        successor,
        "POST",
        f"/orders/{order['id']}/steps",
        {"step": "deposit_paid", "amount": "20000"},
    )
    assert step.status_code == 200, step.text
    for service, path in (
        ("leads", f"/leads/{open_lead}"),
        ("opportunities", f"/opportunities/{worked['id']}"),
        ("opportunities", f"/quotes/{draft['id']}"),
        ("opportunities", f"/orders/{order['id']}"),
        ("call-center", f"/call-tasks/{task['id']}"),
    ):
        left = await call(spine, service, leaver, "GET", path)
        assert left.status_code == 404, f"the leaver still reaches {service} {path}"
