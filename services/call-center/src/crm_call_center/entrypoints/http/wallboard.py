"""The supervisor's wallboard: live queue figures and agents, read once or pushed as they
change (Server-Sent Events)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import StreamingResponse

from crm_call_center.application.wallboard import wallboard_now, wallboard_updates
from crm_call_center.entrypoints.http.schemas import LiveWallboard
from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.runtime.dependencies import Cache, Database, Now

router = APIRouter(prefix="/wallboard", tags=["agents"])
Reader = Annotated[Principal, requires("call.read")]


def _business_tz(request: Request) -> ZoneInfo:
    return ZoneInfo(request.app.state.settings.business_timezone)


@router.get("", response_model=LiveWallboard)
async def wallboard(
    request: Request, principal: Reader, db: Database, redis: Cache, now: Now
) -> LiveWallboard:
    """Each queue the caller may see: callers waiting and since when, its agents by state,
    today's figures (service level, abandon rate…); each agent: state and today's figures."""
    found = await wallboard_now(db, redis, principal, now=now, business_tz=_business_tz(request))
    return LiveWallboard.model_validate(found, from_attributes=True)


@router.get(
    "/stream",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {"text/event-stream": {}},
            "description": "``event: wallboard`` with the wallboard (JSON, as ``GET "
            "/wallboard`` answers) now and after every change of an agent's state or a call; "
            "a comment line every 15 s without a change",
        }
    },
)
async def wallboard_stream(
    request: Request, principal: Reader, db: Database, redis: Cache
) -> StreamingResponse:
    """The wallboard pushed as it changes, for as long as the stream is open."""
    clock = request.app.state.clock

    async def stream() -> AsyncIterator[str]:
        yield ": connected\n\n"
        async for board in wallboard_updates(
            db,
            redis,
            principal,
            clock=clock,
            business_tz=_business_tz(request),
            gone=request.is_disconnected,
        ):
            if board is None:
                yield ": heartbeat\n\n"
            else:
                body = LiveWallboard.model_validate(board, from_attributes=True)
                yield f"event: wallboard\ndata: {body.model_dump_json()}\n\n"

    return StreamingResponse(
        stream(), media_type="text/event-stream", headers={"Cache-Control": "no-store"}
    )
