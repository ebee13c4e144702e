"""The re-assignment ladder through the API on real PostgreSQL: a lead stuck in its grade is
escalated by the sweep and listed for the managers until someone reassigns it; "to a more
senior consultant" picks the least loaded pool member above the owner's level."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.testing.services import client_as
from crm_leads.adapters.tables import leads
from crm_leads.application.sweeps import sweep_pools

from .conftest import PEOPLE

Sessions = async_sessionmaker[AsyncSession]


async def test_escalated_leads_wait_for_the_managers_and_go_up_the_ladder(
    sessions: Sessions, leads_api: FastAPI, signing_key_pem: str
) -> None:
    # Its intake opens the book's default pool.
    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant1) as c1:
        lead = (
            await c1.post(
                "/leads", json={"customer_name": "袁泉", "phone": "13600000001", "source": "phone"}
            )
        ).json()["id"]
        graded = await c1.post(
            f"/leads/{lead}/follow-ups",
            json={"kind": "call", "outcome": "within 3 months", "grade": "ready_to_buy"},
        )
        assert graded.status_code == 201, graded.text

    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        [pool] = [p for p in (await manager.get("/pools")).json() if p["is_default"]]
        kept = await manager.put(
            f"/pools/{pool['id']}",
            json={
                "name": pool["name"],
                "kind": "claim",
                "rules": {"recycle": {"no_follow_up_days": None}},
            },
        )
        assert kept.status_code == 204, kept.text
        members = await manager.put(
            f"/pools/{pool['id']}/members",
            json={
                "members": [
                    {"user_id": "c1", "level": 1},
                    {"user_id": "c2", "level": 2},
                    {"user_id": "c3", "level": 3},
                ]
            },
        )
        assert members.status_code == 204, members.text
        too_senior = await manager.put(
            f"/pools/{pool['id']}/members", json={"members": [{"user_id": "c1", "level": 11}]}
        )
        assert too_senior.status_code == 422
    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        assert (await manager.get("/leads?escalated=true")).json() == []
        # Graded 91 days ago: past the three-level scheme's 90 days in "ready to buy".
        async with sessions() as session, session.begin():
            await session.execute(
                update(leads)
                .where(leads.c.id == lead)
                .values(graded_at=datetime.now(UTC) - timedelta(days=91))
            )
        await sweep_pools(sessions, now=datetime.now(UTC))
        [waiting] = (await manager.get("/leads?escalated=true")).json()
        assert (waiting["id"], waiting["owner_user"]) == (lead, "c1")
        assert waiting["escalated_at"] is not None
        up = await manager.post(f"/leads/{lead}/assign", json={"strategy": "more_senior"})
        assert (up.status_code, up.json()["owner_user"]) == (200, "c2"), up.text
        assert (await manager.get("/leads?escalated=true")).json() == [], "reassigned: off the list"
        assert (
            await manager.post(f"/leads/{lead}/assign", json={"strategy": "more_senior"})
        ).json()["owner_user"] == "c3"
        top = await manager.post(f"/leads/{lead}/assign", json={"strategy": "more_senior"})
        assert top.status_code == 409, "nobody above the most senior"
        both = await manager.post(
            f"/leads/{lead}/assign", json={"user_id": "c1", "strategy": "more_senior"}
        )
        assert (both.status_code, both.json()["detail"][0]["loc"]) == (422, ["body", "user_id"])
        history = (await manager.get(f"/leads/{lead}/history")).json()
        assert [h["reason"] for h in history if h["kind"] == "assigned"] == [
            "to a more senior consultant"
        ] * 2
    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant1) as c1:
        assert (await c1.get("/leads?escalated=true")).json() == [], "their own scope only"
