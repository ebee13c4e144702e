"""The signed-webhook entrypoint of the CTI port (cloud contact centers): authenticated by its
HMAC signature instead of a bearer token."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Request, status
from fastapi.security import APIKeyHeader

from crm_call_center.application.cti import SignedWebhook, accept_webhook, webhook_schema
from crm_call_center.application.routing import RouteAnswer, RouteRequest, route_caller_of
from crm_call_center.entrypoints.http.schemas import WebhookAccepted
from crm_common.runtime.dependencies import Cache, Database, Now

router = APIRouter(prefix="/cti", tags=["cti"])
_signature = APIKeyHeader(
    name="X-CRM-Signature",
    auto_error=False,
    description='sha256=<hex HMAC-SHA256(secret, "<X-CRM-Timestamp>.<body>")>',
)


@router.post(
    "/webhooks/{connector}",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=WebhookAccepted,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": webhook_schema()}},
        }
    },
    responses={
        401: {"description": "Missing, wrong or stale signature"},
        422: {"description": "Not a call event (the detail names the field)"},
    },
)
async def receive_call_event(
    connector: Annotated[str, Path(max_length=40, pattern=r"^[a-z0-9\-]+$")],
    request: Request,
    db: Database,
    redis: Cache,
    now: Now,
    signature: Annotated[str | None, Depends(_signature)],
    timestamp: Annotated[str | None, Header(alias="X-CRM-Timestamp")] = None,
) -> WebhookAccepted:
    """One call event of a cloud contact center, signed with the shared secret. The call's
    events may come in any order and more than once; a request older than the replay window
    is refused like a wrong signature."""
    hook = SignedWebhook(connector, signature, timestamp, await request.body())
    events = await accept_webhook(db, request.app.state.settings, hook, redis, now=now)
    return WebhookAccepted(events=events)


@router.post(
    "/webhooks/{connector}/route",
    response_model=RouteAnswer,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": RouteRequest.model_json_schema()}},
        }
    },
    responses={
        401: {"description": "Missing, wrong or stale signature"},
        422: {"description": "Not a routing request, or an unknown queue (the detail says)"},
    },
)
async def route_waiting_caller(
    connector: Annotated[str, Path(max_length=40, pattern=r"^[a-z0-9\-]+$")],
    request: Request,
    db: Database,
    redis: Cache,
    now: Now,
    signature: Annotated[str | None, Depends(_signature)],
    timestamp: Annotated[str | None, Header(alias="X-CRM-Timestamp")] = None,
) -> RouteAnswer:
    """A cloud contact center asks who takes a caller waiting in a queue, signed like the call
    events: the queue's strategy picks a ready agent (round robin: the next member after the
    one routed last; skill: the longest idle with every skill needed); with nobody ready, the
    queue's rules answer wait, overflow (to which queue) or offer a callback."""
    hook = SignedWebhook(connector, signature, timestamp, await request.body())
    return await route_caller_of(db, redis, request.app.state.settings, hook, now=now)
