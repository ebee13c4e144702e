"""Leads and pools end to end, logged in as demo users: a lead waits in the dealer's pool, is
claimed (one winner among 100), followed up, recycled by the sweep, claimed by a colleague and
converted; every transition reaches Kafka and kpi's daily figures."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from crm_common.auth.principal import DataScope
from crm_common.contracts.events.leads.v1 import LEAD_TOPIC
from crm_common.db import create_engine, create_session_factory
from crm_common.settings import Settings
from crm_common.testing.kafka import eventually, read_topic
from crm_leads.application.recycle import sweep_recycle

from .conftest import CAMPAIGN_FORM_LIMIT, Spine

pytestmark = [pytest.mark.e2e, pytest.mark.integration]
DEMO_PASSWORD = "e2e-demo-password"


async def login(spine: Spine, username: str) -> str:
    async with spine.client("identity") as client:
        response = await client.post(
            "/auth/token", json={"username": username, "password": DEMO_PASSWORD}
        )
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


async def user_id_of(spine: Spine, token: str) -> str:
    async with spine.client("identity", token) as client:
        user_id: str = (await client.get("/me")).json()["user_id"]
    return user_id


async def call(spine: Spine, token: str, method: str, path: str, body: Any = None) -> Any:
    async with spine.client("leads", token) as client:
        return await client.request(method, path, json=body)


async def simulate_days_passing(spine: Spine, lead_id: str, days: int) -> None:
    """Move the lead's clock back instead of waiting: the sweep then sees it ``days`` older."""
    engine = create_engine(Settings(env="test", database_url=spine.database_urls["leads"]))
    async with engine.begin() as conn:
        await conn.execute(
            text(
                "UPDATE leads SET owned_since = owned_since - make_interval(days => :d),"
                " last_follow_up_at = last_follow_up_at - make_interval(days => :d)"
                " WHERE id = :id"
            ),
            {"d": days, "id": lead_id},
        )
    await engine.dispose()


async def run_sweep(spine: Spine) -> int:
    engine = create_engine(Settings(env="test", database_url=spine.database_urls["leads"]))
    try:
        return await sweep_recycle(create_session_factory(engine), now=datetime.now(UTC))
    finally:
        await engine.dispose()


async def test_a_lead_from_the_pool_to_conversion(spine: Spine) -> None:
    manager = await login(spine, "sh01.manager")
    first = await login(spine, "sh01.consultant1")
    second = await login(spine, "sh01.consultant2")
    first_id = await user_id_of(spine, first)

    created = await call(
        spine,
        manager,
        "POST",
        "/leads",
        {"customer_name": "赵敏", "phone": "139 1111 2222", "source": "campaign_form"},
    )
    assert created.status_code == 201, created.text
    lead = created.json()
    assert lead["owner_user"] is None, "a manager's intake waits in the dealer's pool"
    lead_id, pool_id = lead["id"], lead["pool_id"]

    async def pool_visible() -> bool:
        pools = (await call(spine, first, "GET", "/pools")).json()
        return any(p["id"] == pool_id for p in pools)

    assert await eventually(pool_visible, timeout=30), "leads learnt the org tree from identity"
    waiting = (await call(spine, first, "GET", f"/pools/{pool_id}/leads?limit=200")).json()
    assert (lead_id, "139****2222") in [(w["id"], w["phone"]) for w in waiting], "masked"

    claimed = await call(spine, first, "POST", f"/leads/{lead_id}/claim")
    assert claimed.status_code == 200, claimed.text
    assert claimed.json()["phone"] == "+8613911112222"
    followed = await call(
        spine,
        first,
        "POST",
        f"/leads/{lead_id}/follow-ups",
        {"kind": "call", "outcome": "interested", "grade": "intent", "call_seconds": 120},
    )
    assert followed.status_code == 201, followed.text
    assert (await call(spine, second, "GET", f"/leads/{lead_id}")).status_code == 404

    await simulate_days_passing(spine, lead_id, 11)
    assert await run_sweep(spine) >= 1
    back = await call(spine, first, "POST", f"/leads/{lead_id}/claim")
    assert back.status_code == 409
    assert "claim it again after" in back.json()["detail"]
    taken = await call(spine, second, "POST", f"/leads/{lead_id}/claim")
    assert taken.status_code == 200, taken.text
    await call(
        spine,
        second,
        "POST",
        f"/leads/{lead_id}/follow-ups",
        {
            "kind": "visit",
            "outcome": "test drive booked",
            "grade": "ready_to_buy",
            "verified": True,
        },
    )
    converted = await call(
        spine, second, "POST", f"/leads/{lead_id}/convert", {"vehicle_interest": "SUV X 2.0T"}
    )
    assert (converted.status_code, converted.json()["status"]) == (200, "converted")

    history = (await call(spine, manager, "GET", f"/leads/{lead_id}/history")).json()
    assert [h["kind"] for h in history] == [
        "created",
        "claimed",
        "graded",
        "followed_up",
        "released",
        "claimed",
        "graded",
        "followed_up",
        "converted",
    ]
    assert history[4]["rule"] == "no_follow_up"
    assert history[4]["from_user"] == first_id

    async def types_on_kafka() -> list[str]:
        records = await read_topic(
            spine.infrastructure.kafka_bootstrap_servers,
            spine.settings.topic(LEAD_TOPIC),
            expected=1,
            timeout=5,
        )
        return [
            json.loads(r.value)["type"]
            for r in records
            if r.key is not None and r.key.decode() == lead_id
        ]

    expected_types = [
        "leads.LeadCreated",
        "leads.LeadClaimed",
        "leads.LeadFollowedUp",
        "leads.LeadGraded",
        "leads.LeadReleased",
        "leads.LeadClaimed",
        "leads.LeadFollowedUp",
        "leads.LeadGraded",
        "leads.LeadConverted",
    ]
    assert await eventually(lambda: _equals(types_on_kafka, expected_types), timeout=60), (
        await types_on_kafka()
    )

    async def sh01_today() -> dict[str, Any] | None:
        today = datetime.now(UTC).astimezone().date()
        async with spine.client("kpi", manager) as client:
            response = await client.get(
                "/kpi/leads/daily",
                params={
                    "from": str(today - timedelta(days=1)),
                    "to": str(today + timedelta(days=1)),
                    "dealer_id": "dealer-sh-01",
                },
            )
        rows = [r for r in response.json()["rows"] if r["converted"] >= 1]
        return rows[0] if rows else None

    figures = await eventually(sh01_today, timeout=60)
    assert figures is not None
    assert figures["claimed"] >= 2
    assert figures["released"] >= 1
    assert figures["followed_up"] >= 2
    assert figures["upgraded"] >= 1


async def _equals(check: Any, expected: list[str]) -> bool:
    return bool(await check() == expected)


async def test_one_hundred_consultants_claim_one_lead_over_http(spine: Spine) -> None:
    manager = await login(spine, "sh01.manager")
    created = await call(
        spine,
        manager,
        "POST",
        "/leads",
        {"customer_name": "钱多多", "phone": "139 3333 4444", "source": "phone"},
    )
    assert created.status_code == 201, created.text
    lead_id = created.json()["id"]
    tokens = [
        spine.token("oem-demo", "dealer-sh-01", DataScope.OWN, {"sales_consultant"}, f"rush-{i}")
        for i in range(100)
    ]
    responses = await asyncio.gather(
        *(call(spine, token, "POST", f"/leads/{lead_id}/claim") for token in tokens)
    )
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] + [409] * 99, statuses
    assert all("detail" in r.json() for r in responses if r.status_code == 409)


async def test_a_manager_assigns_only_to_consultants_of_the_dealer(spine: Spine) -> None:
    manager = await login(spine, "sh01.manager")
    consultant = await login(spine, "sh01.consultant1")
    foreign = await login(spine, "sh02.consultant1")
    created = await call(
        spine,
        manager,
        "POST",
        "/leads",
        {"customer_name": "孙丽", "phone": "139 5555 6666", "source": "referral"},
    )
    lead_id = created.json()["id"]
    to_foreign = await call(
        spine,
        manager,
        "POST",
        f"/leads/{lead_id}/assign",
        {"user_id": await user_id_of(spine, foreign)},
    )
    assert to_foreign.status_code == 404
    assigned = await call(
        spine,
        manager,
        "POST",
        f"/leads/{lead_id}/assign",
        {"user_id": await user_id_of(spine, consultant), "reason": "VIP"},
    )
    assert assigned.status_code == 200, assigned.text
    mine = (await call(spine, consultant, "GET", "/leads")).json()
    assert lead_id in [lead["id"] for lead in mine]


async def test_a_campaign_form_posts_with_its_key_and_is_rate_limited(spine: Spine) -> None:
    manager = await login(spine, "sh01.manager")
    created = await call(spine, manager, "POST", "/campaigns", {"name": "Autumn test drives"})
    assert created.status_code == 201, created.text
    campaign = created.json()
    form = campaign["form_path"]

    async def submit(body: dict[str, Any], key: str | None = campaign["key"]) -> int:
        headers = {"X-Campaign-Key": key} if key else {}
        async with spine.client("leads") as anonymous:
            status: int = (await anonymous.post(form, json=body, headers=headers)).status_code
        return status

    lead = {"customer_name": "冯宁", "phone": "139 7777 0000"}
    assert await submit(lead, key=None) == 401
    assert await submit(lead, key="not-the-key") == 401
    for field in ("tenant", "owner_org", "role", "source"):
        assert await submit({**lead, field: "x"}) == 422
    statuses = [
        await submit({"customer_name": "冯宁", "phone": f"139 7777 {n:04d}"})
        for n in range(CAMPAIGN_FORM_LIMIT + 3)
    ]
    # Neither wrong keys nor invalid bodies count against the campaign's limit.
    accepted = CAMPAIGN_FORM_LIMIT
    assert statuses == [202] * accepted + [429] * (len(statuses) - accepted)
    waiting = (await call(spine, manager, "GET", "/leads?limit=200")).json()
    assert sum(1 for w in waiting if w["phone"].startswith("+86139777")) == accepted
