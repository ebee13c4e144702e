"""The supervisor's wallboard on real parts (the api served by uvicorn, PostgreSQL, Redis):
pushed when an agent changes state and when the contact center reports a caller waiting,
never polled; read once as JSON too."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.bootstrap import create_api
from crm_common.auth.principal import Principal
from crm_common.auth.tokens import sign_access_token
from crm_common.testing.infrastructure import Infrastructure
from crm_common.testing.processes import free_port

from .conftest import HOTLINE, PEOPLE, call_center_settings
from .test_webhooks_and_calls_api import post_signed

pytestmark = pytest.mark.integration
Board = dict[str, Any]


@pytest.fixture
async def served(
    infrastructure: Infrastructure,
    call_center_database: str,
    jwks_url: str,
    sessions: async_sessionmaker[AsyncSession],
) -> AsyncIterator[str]:
    port = free_port()
    settings = call_center_settings(
        call_center_database, redis_url=infrastructure.redis_url, jwks_url=jwks_url
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


def bearer(signing_key_pem: str, who: Principal) -> dict[str, str]:
    token = sign_access_token(
        signing_key_pem, who, issuer="crm-identity", audience="crm", ttl_seconds=600
    )
    return {"Authorization": f"Bearer {token}"}


async def read_boards(url: str, headers: dict[str, str], boards: asyncio.Queue[Board]) -> None:
    async with (
        httpx.AsyncClient(base_url=url, timeout=60) as client,
        client.stream("GET", "/wallboard/stream", headers=headers) as response,
    ):
        assert response.status_code == 200, await response.aread()
        event = None
        async for line in response.aiter_lines():
            if line.startswith("event: "):
                event = line.removeprefix("event: ")
            elif line.startswith("data: ") and event == "wallboard":
                boards.put_nowait(json.loads(line.removeprefix("data: ")))


async def board_where(boards: asyncio.Queue[Board], holds: Callable[[Board], bool]) -> Board:
    while True:
        board = await asyncio.wait_for(boards.get(), 30)
        if holds(board):
            return board


def hotline(board: Board) -> Board:
    return next(q for q in board["queues"] if q["queue_id"] == str(HOTLINE))


def agent(board: Board, user_id: str) -> Board | None:
    return next((a for a in board["agents"] if a["user_id"] == user_id), None)


async def test_the_wallboard_is_pushed_as_agents_and_callers_change_it(
    served: str, signing_key_pem: str
) -> None:
    boards: asyncio.Queue[Board] = asyncio.Queue()
    supervisor = bearer(signing_key_pem, PEOPLE.supervisor)
    reading = asyncio.create_task(read_boards(served, supervisor, boards))
    try:
        first = await board_where(boards, lambda b: True)
        assert (hotline(first)["waiting"], hotline(first)["oldest_waiting_since"]) == (0, None)
        async with httpx.AsyncClient(base_url=served, timeout=30) as client:
            for state in ("break", "ready"):
                changed = await client.put(
                    "/agents/me/state",
                    json={"state": state},
                    headers=bearer(signing_key_pem, PEOPLE.agent1),
                )
                assert changed.status_code == 200, changed.text
                await board_where(
                    boards,
                    lambda b, s=state: (agent(b, "agent-1") or {}).get("state") == s,  # type: ignore[misc]
                )
            # A caller waits in the hotline: the contact center's signed events.
            at = datetime.now(UTC).isoformat()
            for event in (
                {"type": "call.created", "from": "13800138000", "to": "4008001234"},
                {"type": "call.queued", "queue": "hotline"},
            ):
                sent = await post_signed(
                    client, {"call_id": "wb-1", "at": at, "direction": "inbound", **event}
                )
                assert sent.status_code == 202, sent.text
            waiting = await board_where(boards, lambda b: hotline(b)["waiting"] == 1)
        assert hotline(waiting)["oldest_waiting_since"] is not None
        async with httpx.AsyncClient(base_url=served, timeout=30) as client:
            once = await client.get("/wallboard", headers=supervisor)
            # An agent's wallboard holds only themselves.
            own = await client.get("/wallboard", headers=bearer(signing_key_pem, PEOPLE.agent2))
        assert hotline(once.json())["waiting"] == 1
        assert [a["user_id"] for a in own.json()["agents"]] in ([], ["agent-2"])
    finally:
        reading.cancel()
        await asyncio.gather(reading, return_exceptions=True)
