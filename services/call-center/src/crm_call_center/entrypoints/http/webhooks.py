"""The signed-webhook entrypoint of the CTI port (cloud contact centers): authenticated by its
HMAC signature instead of a bearer token."""

from __future__ import annotations

from typing import Annotated, Any

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


async def _signed_webhook(
    connector: Annotated[str, Path(max_length=40, pattern=r"^[a-z0-9\-]+$")],
    request: Request,
    signature: Annotated[str | None, Depends(_signature)],
    timestamp: Annotated[str | None, Header(alias="X-CRM-Timestamp")] = None,
) -> SignedWebhook:
    """The request as signed: its signature is checked against the raw body, not a parse."""
    return SignedWebhook(connector, signature, timestamp, await request.body())


Signed = Annotated[SignedWebhook, Depends(_signed_webhook)]


def _signed_json(schema: dict[str, Any]) -> dict[str, Any]:
    """The body's schema for the docs (the route reads the raw bytes the signature covers)."""
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


@router.post(
    "/webhooks/{connector}",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=WebhookAccepted,
    openapi_extra=_signed_json(webhook_schema()),
    responses={
        401: {"description": "Missing, wrong or stale signature"},
        422: {"description": "Not a call event (the detail names the field)"},
    },
)
async def receive_call_event(
    hook: Signed,
    request: Request,
    db: Database,
    redis: Cache,
    now: Now,
) -> WebhookAccepted:
    """One call event of a cloud contact center, signed with the shared secret. The call's
    events may come in any order and more than once; a request older than the replay window
    is refused like a wrong signature."""
    events = await accept_webhook(db, request.app.state.settings, hook, redis, now=now)
    return WebhookAccepted(events=events)


@router.post(
    "/webhooks/{connector}/route",
    response_model=RouteAnswer,
    openapi_extra=_signed_json(RouteRequest.model_json_schema()),
    responses={
        401: {"description": "Missing, wrong or stale signature"},
        422: {"description": "Not a routing request, or an unknown queue (the detail says)"},
    },
)
async def route_waiting_caller(
    hook: Signed,
    request: Request,
    db: Database,
    redis: Cache,
    now: Now,
) -> RouteAnswer:
    """A cloud contact center asks who takes a caller waiting in a queue, signed like the call
    events: the queue's strategy picks a ready agent (round robin: the next member after the
    one routed last; skill: the longest idle with every skill needed); with nobody ready, the
    queue's rules answer wait, overflow (to which queue) or offer a callback."""
    return await route_caller_of(db, redis, request.app.state.settings, hook, now=now)
