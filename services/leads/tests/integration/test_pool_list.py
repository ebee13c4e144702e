"""Claim by one's own criteria (issue 22 item 3): the public pool's list narrowed by region,
vehicle interest, source, grade and age, and sorted by them, through the API on real
PostgreSQL."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.clock import utc_now
from crm_common.testing.services import client_as
from crm_leads.adapters.tables import leads

from .conftest import PEOPLE

pytestmark = pytest.mark.integration
Sessions = async_sessionmaker[AsyncSession]

# name: (phone, source, vehicle interest, region, grade, days since it came in)
WAITING = {
    "east suv": ("13400000001", "web", "Model SUV X", "east", "intent", 1),
    "east sedan": ("13400000002", "phone", "Sedan S", "east", "ready_to_buy", 20),
    "west suv": ("13400000003", "web", "suv y", "west", None, 5),
    "nowhere": ("13400000004", "referral", None, None, "potential", 40),
}


async def test_members_narrow_and_sort_the_public_pool_by_their_own_criteria(
    sessions: Sessions, leads_api: FastAPI, signing_key_pem: str
) -> None:
    ids: dict[str, str] = {}
    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        for name, (phone, source, interest, region, _, _) in WAITING.items():
            body = {"customer_name": "许晴", "phone": phone, "source": source}
            created = await manager.post(
                "/leads", json=body | {"vehicle_interest": interest, "region_hint": region}
            )
            assert created.status_code == 201, created.text
            ids[name] = created.json()["id"]
    pool = created.json()["pool_id"]
    now = utc_now()
    async with sessions() as session, session.begin():
        for name, (*_, grade, days) in WAITING.items():
            await session.execute(
                update(leads)
                .where(leads.c.id == ids[name])
                .values(grade=grade, created_at=now - timedelta(days=days, hours=1))
            )

    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant1) as member:

        async def listed(**query: Any) -> list[str]:
            response = await member.get(f"/pools/{pool}/leads", params=query)
            assert response.status_code == 200, response.text
            by_id = {v: k for k, v in ids.items()}
            return [by_id[row["id"]] for row in response.json()]

        assert set(await listed()) == set(WAITING)
        assert await listed(region="east", sort="oldest") == ["east sedan", "east suv"]
        assert set(await listed(region=["east", "west"])) == {"east suv", "east sedan", "west suv"}
        assert set(await listed(vehicle_interest="SUV")) == {"east suv", "west suv"}
        assert await listed(vehicle_interest="%") == [], "a wildcard is a character like others"
        assert await listed(source="web", region="east") == ["east suv"]
        assert set(await listed(grade=["intent", "ready_to_buy"])) == {"east suv", "east sedan"}
        assert set(await listed(min_age_days=5, max_age_days=20)) == {"east sedan", "west suv"}
        assert await listed(sort="newest") == ["east suv", "west suv", "east sedan", "nowhere"]
        assert await listed(sort="grade") == ["east sedan", "east suv", "nowhere", "west suv"], (
            "hottest grade of the three-level scheme first, ungraded last"
        )
        assert await listed(sort="region") == ["east suv", "east sedan", "west suv", "nowhere"]
        assert (await listed(sort="source"))[0] == "east sedan"  # phone < referral < web

        masked = (await member.get(f"/pools/{pool}/leads", params={"region": "west"})).json()
        assert (masked[0]["phone"], masked[0]["region_hint"]) == ("134****0003", "west")
        for bad, field in (
            ({"min_age_days": 9, "max_age_days": 3}, "min_age_days"),
            ({"sort": "by_luck"}, "sort"),
            ({"source": "carrier_pigeon"}, "source"),
            ({"grade": "x" * 21}, "grade"),
        ):
            refused = await member.get(f"/pools/{pool}/leads", params=bad)
            assert refused.status_code == 422, (bad, refused.text)
            assert field in refused.text
