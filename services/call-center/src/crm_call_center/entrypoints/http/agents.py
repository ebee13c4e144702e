"""Agents: registered by managers, their presence (the wallboard), and their push channel
(Server-Sent Events): screen pops as their phone rings."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Request, status
from fastapi.responses import StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from crm_call_center.application.directory import directory_for
from crm_call_center.application.presence import (
    RegisterAgent,
    declare_state,
    register_agent,
    wallboard,
)
from crm_call_center.application.screen_pop import ScreenPop, TokenRefused, screen_pops
from crm_call_center.application.wallboard import MOST_BOARD_AGENTS
from crm_call_center.domain.presence import AgentState, Presence
from crm_call_center.entrypoints.http.schemas import (
    AgentCreate,
    PresencePublic,
    StateChange,
    Wallboard,
)
from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.runtime.dependencies import Cache, Database, Now, Work
from crm_common.runtime.paging import capped

router = APIRouter(prefix="/agents", tags=["agents"])
Caller = Annotated[Principal, requires("call.make")]
Reader = Annotated[Principal, requires("call.read")]
Manager = Annotated[Principal, requires("call.manage")]
_bearer = HTTPBearer(auto_error=False)


def _event(pop: ScreenPop) -> str:
    return f"event: screen-pop\ndata: {json.dumps(asdict(pop), default=str)}\n\n"


@router.get(
    "/me/screen-pops",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {"text/event-stream": {}},
            "description": "``event: listening`` once the call center listens to the "
            "agent's phone (every call ringing it from then on is pushed; the stream opening "
            "is not enough); ``event: screen-pop`` with the caller as leads lets you see them "
            "(JSON: call_id, known, customer_name, customer_phone, lead_id, customer_id, "
            "owner_org, owner_user, owner_name, status, grade, routing_only, "
            "directory_unavailable (leads did not answer in time), rang_at, pushed_at); a "
            "comment line every 15 s keeps the stream alive; ``event: "
            "reconnect`` when the token expired (open the stream again with a fresh one)",
        }
    },
)
async def push_screen_pops(
    request: Request,
    principal: Caller,
    db: Database,
    redis: Cache,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> StreamingResponse:
    """The agent's screen pops, as Server-Sent Events, for as long as the stream is open:
    each call ringing their phone, the caller looked up in leads with the agent's own token."""
    token = credentials.credentials if credentials else ""
    directory = directory_for(request.app.state.settings, token)

    async def stream() -> AsyncIterator[str]:
        async with screen_pops(redis, db, directory, principal) as pops:
            # Only now: the stream's headers reach the browser before the subscription is made,
            # so "connected" must wait for this event, not for the stream to open.
            yield "event: listening\ndata: {}\n\n"
            try:
                async for pop in pops:
                    yield ": heartbeat\n\n" if pop is None else _event(pop)
            except TokenRefused:
                yield "event: reconnect\ndata: {}\n\n"

    return StreamingResponse(stream(), media_type="text/event-stream")


def _public(p: Presence) -> PresencePublic:
    return PresencePublic(
        user_id=p.user_id,
        state=p.state.value,
        since=p.since,
        skills=sorted(p.skills),
        queue_ids=sorted(p.queue_ids),
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses={409: {"description": "The user is an agent already, or the extension is taken"}},
)
async def add_agent(
    body: AgentCreate, principal: Manager, work: Work, redis: Cache, now: Now
) -> None:
    """A manager registers an agent of their own org node (their hotline, their BDC)."""
    await register_agent(
        work,
        redis,
        principal,
        RegisterAgent(
            user_id=body.user_id,
            display_name=body.display_name,
            extension=body.extension,
            skills=frozenset(body.skills),
            queue_ids=frozenset(body.queue_ids),
        ),
        now=now,
    )


@router.get("", response_model=Wallboard)
async def list_agents(principal: Reader, db: Database, redis: Cache) -> Wallboard:
    """The wallboard: the agents the caller may see and their state, served from Redis (rebuilt
    from PostgreSQL when Redis lost it)."""
    found, rebuilt = await wallboard(db, redis, principal)
    # Presence lives in Redis as one hash per tenant: read whole, then cut.
    shown, truncated = capped(found, MOST_BOARD_AGENTS)
    return Wallboard(
        agents=[_public(p) for p in shown], agents_truncated=truncated, rebuilt=rebuilt
    )


@router.put(
    "/me/state",
    response_model=PresencePublic,
    responses={404: {"description": "The caller is not an agent of the call center"}},
)
async def change_state(
    body: StateChange, principal: Caller, work: Work, redis: Cache, now: Now
) -> PresencePublic:
    """Ready, wrap-up, break or offline, declared by the agent themselves."""
    return _public(await declare_state(work, redis, principal, AgentState(body.state), now=now))
