"""Agents' presence in Redis with PostgreSQL as the durable copy: after Redis lost it (a
restart mid-shift), the wallboard is rebuilt with every agent's last state."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.testing.infrastructure import Infrastructure
from crm_common.testing.services import AsUser

from .conftest import PEOPLE, TENANT

pytestmark = pytest.mark.integration


async def forget_presence(redis_url: str) -> None:
    """What a Redis restart without persistence does to the tenant's presence."""
    redis = Redis.from_url(redis_url)
    try:
        await redis.delete(
            f"crm:call-center:presence:{TENANT}", f"crm:call-center:presence-built:{TENANT}"
        )
    finally:
        await redis.aclose()


async def test_states_survive_a_redis_loss(
    call_center_api: FastAPI,
    signing_key_pem: str,
    sessions: async_sessionmaker[AsyncSession],
    infrastructure: Infrastructure,
) -> None:
    await forget_presence(infrastructure.redis_url)
    as_user = AsUser(call_center_api, signing_key_pem)
    async with as_user(PEOPLE.agent1) as agent1, as_user(PEOPLE.agent2) as agent2:
        assert (await agent1.put("/agents/me/state", json={"state": "ready"})).status_code == 200
        assert (await agent2.put("/agents/me/state", json={"state": "break"})).status_code == 200
        on_call = await agent1.put("/agents/me/state", json={"state": "on_call"})
        assert on_call.status_code == 422
    async with as_user(PEOPLE.supervisor) as supervisor:
        before = (await supervisor.get("/agents")).json()
        await forget_presence(infrastructure.redis_url)
        after = (await supervisor.get("/agents")).json()
        again = (await supervisor.get("/agents")).json()
    states = {a["user_id"]: a["state"] for a in after["agents"]}
    assert (before["rebuilt"], after["rebuilt"], again["rebuilt"]) == (True, True, False)
    assert states[PEOPLE.agent1.user_id] == "ready"
    assert states[PEOPLE.agent2.user_id] == "break"
    assert before["agents"] == after["agents"] == again["agents"]


async def test_a_manager_registers_agents_of_their_own_org_once(
    call_center_api: FastAPI, signing_key_pem: str, sessions: async_sessionmaker[AsyncSession]
) -> None:
    body = {"user_id": "bdc-1", "display_name": "BDC 1", "extension": "8101", "skills": ["en"]}
    async with AsUser(call_center_api, signing_key_pem)(PEOPLE.dealer_manager) as manager:
        first = await manager.post("/agents", json=body)
        twice = await manager.post("/agents", json=body)
        taken = await manager.post("/agents", json={**body, "user_id": "bdc-2"})
        board = (await manager.get("/agents")).json()
    assert (first.status_code, twice.status_code, taken.status_code) == (201, 409, 409)
    assert [a["user_id"] for a in board["agents"]] == ["bdc-1", PEOPLE.renewal.user_id]
