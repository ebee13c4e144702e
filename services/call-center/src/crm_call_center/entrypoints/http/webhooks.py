"""The signed-webhook entrypoint of the CTI port (cloud contact centers): authenticated by its
HMAC signature instead of a bearer token."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Request, status
from fastapi.security import APIKeyHeader
from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters.webhooks import (
    SIGNATURE_HEADER,
    TIMESTAMP_HEADER,
    CallWebhook,
    IncompleteWebhook,
    translate,
    verify,
)
from crm_call_center.application.cti import record_events
from crm_call_center.entrypoints.cti import phone_system
from crm_call_center.entrypoints.http.schemas import WebhookAccepted
from crm_common.db.tenancy import act_for_tenant
from crm_common.errors import InvalidInput
from crm_common.runtime.http import database
from crm_common.settings import Settings

router = APIRouter(prefix="/cti", tags=["cti"])
Database = Annotated[async_sessionmaker[AsyncSession], Depends(database)]
_signature = APIKeyHeader(
    name=SIGNATURE_HEADER,
    auto_error=False,
    description='sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>',
)


@router.post(
    "/webhooks/{connector}",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=WebhookAccepted,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": CallWebhook.model_json_schema()}},
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
    signature: Annotated[str | None, Depends(_signature)],
    timestamp: Annotated[str | None, Header(alias=TIMESTAMP_HEADER)] = None,
) -> WebhookAccepted:
    """One call event of a cloud contact center, signed with the shared secret:
    ``X-CRM-Signature: sha256=<hex HMAC-SHA256(secret, "<X-CRM-Timestamp>.<body>")>``.
    The call's events may come in any order and more than once."""
    settings: Settings = request.app.state.settings
    body = await request.body()
    secret = settings.cti_webhook_secret
    verify(
        secret.get_secret_value().encode() if secret else None,
        signature=signature,
        timestamp=timestamp,
        body=body,
        now=datetime.now(UTC),
        window_seconds=settings.cti_webhook_replay_window_seconds,
    )
    try:
        hook = CallWebhook.model_validate_json(body)
        events = translate(f"webhook:{connector}", hook)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or "body"
        raise InvalidInput(field, first["msg"], location="body") from None
    except IncompleteWebhook as error:
        raise InvalidInput(error.field, str(error), location="body") from None
    system = phone_system(settings)
    act_for_tenant(system.tenant)
    await record_events(db, system, events, now=datetime.now(UTC))
    return WebhookAccepted(events=len(events))
