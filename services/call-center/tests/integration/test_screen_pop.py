"""Screen pop end to end on real parts: the AMI server rings an agent, the worker's adapter
stores the call and announces it over Redis, the call-center api (served by uvicorn) looks the
caller up in leads' gRPC directory with the agent's own token and pushes it over SSE. A
hotline agent sees only who works a dealer's customer; the dealer's consultant sees them."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from redis.asyncio import Redis
from sqlalchemy import insert
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters import ringing_channel
from crm_call_center.adapters.tables import agents
from crm_call_center.bootstrap import create_api
from crm_call_center.domain.cti import Ringing
from crm_common.auth.principal import Principal
from crm_common.auth.tokens import sign_access_token
from crm_common.db import create_engine, create_session_factory
from crm_common.db.tables import staff
from crm_common.settings import Settings
from crm_common.testing.ami_server import AmiReplayServer
from crm_common.testing.infrastructure import Infrastructure
from crm_common.testing.plugin import Databases
from crm_common.testing.processes import free_port
from crm_common.testing.services import (
    AsUser,
    api_in_process,
    api_settings,
    module_database,
    tenant_sessions,
)
from crm_leads.bootstrap import create_api as create_leads_api

from ..transcripts import transcript
from .conftest import ORG, PEOPLE, TENANT, call_center_settings
from .test_ami_adapter import BASE, connected

pytestmark = pytest.mark.integration
LEADS_TABLES = ("follow_ups", "lead_history", "leads", "customers", "pool_members", "pools")


@pytest.fixture(scope="module")
async def leads_database(
    databases: Databases, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> str:
    return await module_database("leads", databases, request, tmp_path_factory)


@pytest.fixture
async def leads_api(
    infrastructure: Infrastructure, leads_database: str, jwks_url: str
) -> AsyncIterator[tuple[FastAPI, int]]:
    port = free_port()
    settings = api_settings(
        "leads",
        leads_database,
        infrastructure.redis_url,
        jwks_url,
        grpc_port=port,
        personal_data_hash_key="screen-pop-test-key",
    )
    async with (
        tenant_sessions(leads_database, TENANT, ORG, LEADS_TABLES),
        api_in_process(create_leads_api, settings) as app,
    ):
        yield app, port


@pytest.fixture
async def served_call_center(
    infrastructure: Infrastructure,
    call_center_database: str,
    jwks_url: str,
    leads_api: tuple[FastAPI, int],
    sessions: async_sessionmaker[AsyncSession],
) -> AsyncIterator[str]:
    """The call-center api on a real HTTP port (SSE streams through it)."""
    port = free_port()
    settings = call_center_settings(
        call_center_database,
        redis_url=infrastructure.redis_url,
        jwks_url=jwks_url,
        leads_grpc_target=f"127.0.0.1:{leads_api[1]}",
    )
    server = uvicorn.Server(
        uvicorn.Config(create_api(settings), host="127.0.0.1", port=port, log_level="warning")
    )
    serving = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await serving


def token_of(signing_key_pem: str, who: Principal) -> str:
    return sign_access_token(
        signing_key_pem, who, issuer="crm-identity", audience="crm", ttl_seconds=600
    )


async def first_pop(url: str, token: str, ready: asyncio.Event) -> dict[str, Any]:
    async with (
        httpx.AsyncClient(base_url=url, timeout=30) as client,
        client.stream(
            "GET", "/agents/me/screen-pops", headers={"Authorization": f"Bearer {token}"}
        ) as response,
    ):
        assert response.status_code == 200, await response.aread()
        event = None
        async for line in response.aiter_lines():
            if line.startswith("event: "):
                event = line.removeprefix("event: ")
                if event == "listening":
                    ready.set()
            elif line.startswith("data: ") and event == "screen-pop":
                pop: dict[str, Any] = json.loads(line.removeprefix("data: "))
                return pop
    raise AssertionError("the stream ended without a pop")


async def pop_for(
    url: str,
    token: str,
    sessions: async_sessionmaker[AsyncSession],
    database: str,
    redis_url: str,
) -> dict[str, Any]:
    ready = asyncio.Event()
    listening = asyncio.create_task(first_pop(url, token, ready))
    waiting = asyncio.create_task(ready.wait())
    await asyncio.wait({listening, waiting}, timeout=30, return_when=asyncio.FIRST_COMPLETED)
    if listening.done():
        listening.result()  # the stream failed: say why
    assert ready.is_set(), "the stream never said it listens"
    # Rung once, right after the stream says it listens: the pop must come.
    redis = Redis.from_url(redis_url)
    announced: list[Ringing] = []
    try:
        async with AmiReplayServer() as server, connected(server, sessions, database, announced):
            await server.play(transcript("inbound_answered")[:4], base_time=BASE)
            while not announced:
                await asyncio.sleep(0.02)
            await ringing_channel.announce(redis, announced)
            return await asyncio.wait_for(listening, 30)
    finally:
        await redis.aclose()


async def test_the_caller_pops_up_as_leads_lets_the_ringing_agent_see_them(
    served_call_center: str,
    leads_api: tuple[FastAPI, int],
    signing_key_pem: str,
    sessions: async_sessionmaker[AsyncSession],
    call_center_database: str,
    infrastructure: Infrastructure,
) -> None:
    consultant = Principal(
        user_id="c-a", tenant=TENANT, org_node="dealer-a", roles=frozenset({"sales_consultant"})
    )
    async with AsUser(leads_api[0], signing_key_pem)(consultant) as leads:
        created = await leads.post(
            "/leads", json={"customer_name": "王伟", "phone": "13800138000", "source": "phone"}
        )
    assert created.status_code == 201, created.text
    # The consultant takes calls too: the call center knows them by name.
    async with sessions() as session, session.begin():
        await session.execute(
            insert(agents).values(
                tenant=TENANT,
                user_id="c-a",
                owner_org="dealer-a",
                display_name="王顾问",
                extension="9001",
            )
        )
    # 8001 (the hotline's agent-1) rings: the dealer shares its prospects as figures only.
    pop = await pop_for(
        served_call_center,
        token_of(signing_key_pem, PEOPLE.agent1),
        sessions,
        call_center_database,
        infrastructure.redis_url,
    )
    assert pop["known"] is True
    assert pop["routing_only"] is True
    assert (pop["owner_org"], pop["owner_user"], pop["status"]) == ("dealer-a", "c-a", "open")
    assert pop["owner_name"] == "王顾问"
    assert (pop["customer_name"], pop["lead_id"]) == ("", None)


async def test_an_owner_who_takes_no_calls_pops_up_by_the_name_leads_knows(
    served_call_center: str,
    leads_api: tuple[FastAPI, int],
    leads_database: str,
    signing_key_pem: str,
    sessions: async_sessionmaker[AsyncSession],
    call_center_database: str,
    infrastructure: Infrastructure,
) -> None:
    """The consultant is no agent of the call center: the hotline learns their name from leads
    (its staff copy, as identity's UserChanged version 2 left it), not their user id."""
    consultant = Principal(
        user_id="c-b", tenant=TENANT, org_node="dealer-a", roles=frozenset({"sales_consultant"})
    )
    engine = create_engine(Settings(env="test", database_url=leads_database))
    try:
        async with create_session_factory(engine)() as session, session.begin():
            await session.execute(
                pg_insert(staff)
                .values(
                    user_id="c-b",
                    tenant=TENANT,
                    org_node="dealer-a",
                    roles=["sales_consultant"],
                    active=True,
                    display_name="李顾问",
                )
                .on_conflict_do_nothing()
            )
    finally:
        await engine.dispose()
    async with AsUser(leads_api[0], signing_key_pem)(consultant) as leads:
        created = await leads.post(
            "/leads", json={"customer_name": "李娜", "phone": "13800138000", "source": "phone"}
        )
    assert created.status_code == 201, created.text
    pop = await pop_for(
        served_call_center,
        token_of(signing_key_pem, PEOPLE.agent1),
        sessions,
        call_center_database,
        infrastructure.redis_url,
    )
    assert (pop["routing_only"], pop["owner_user"]) == (True, "c-b")
    assert pop["owner_name"] == "李顾问"


async def test_a_call_ringing_the_moment_the_stream_listens_pops_up(
    served_call_center: str, signing_key_pem: str, infrastructure: Infrastructure
) -> None:
    """The stream says ``listening`` only once the call center has subscribed to the agent's
    channel: a call announced exactly once, at that moment, is pushed (an unknown caller).
    Several streams in a row, each rung once."""
    token = token_of(signing_key_pem, PEOPLE.agent2)
    redis = Redis.from_url(infrastructure.redis_url)
    try:
        for attempt in range(5):
            ringing = Ringing(
                call_id=uuid4(),
                tenant=TENANT,
                agent_user=PEOPLE.agent2.user_id,
                customer_phone=f"1390000{attempt:04d}",
                direction="inbound",
                at=datetime.now(UTC),
            )
            async with (
                httpx.AsyncClient(base_url=served_call_center, timeout=30) as client,
                client.stream(
                    "GET", "/agents/me/screen-pops", headers={"Authorization": f"Bearer {token}"}
                ) as response,
            ):
                assert response.status_code == 200
                events: list[str] = []
                async for line in response.aiter_lines():
                    if line.startswith("event: "):
                        events.append(line.removeprefix("event: "))
                        if events == ["listening"]:
                            await ringing_channel.announce(redis, [ringing])
                    elif line.startswith("data: ") and events[-1:] == ["screen-pop"]:
                        pop = json.loads(line.removeprefix("data: "))
                        break
            assert events == ["listening", "screen-pop"]
            assert (pop["call_id"], pop["known"]) == (str(ringing.call_id), False)
    finally:
        await redis.aclose()
