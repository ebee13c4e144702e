"""A reader's own notifications: the inbox, its unread count, a live stream, preferences."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Request, status
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from crm_common.auth.http import CurrentPrincipal
from crm_common.runtime.dependencies import Cache, Database, Now, Work
from crm_common.runtime.paging import Paging, first_of
from crm_notifications import views
from crm_notifications.application import delivery, stream
from crm_notifications.domain.notices import Delivery, NoticeKind

router = APIRouter(tags=["notifications"])
NOT_YOURS: dict[int | str, dict[str, Any]] = {404: {"description": "No such notification of yours"}}


class UnreadPublic(BaseModel):
    unread: int


class MarkedPublic(BaseModel):
    marked: int


class PreferencesUpdate(BaseModel):
    """The reader's own preferences: whose they are comes from the token, so unknown fields
    (a tenant, a user) are refused (422) rather than ignored."""

    model_config = ConfigDict(extra="forbid")

    email: str | None = Field(
        default=None,
        max_length=254,
        pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
        description="Where e-mailed notices go; none: in-app only",
    )
    deliveries: dict[NoticeKind, Delivery] = Field(
        default_factory=dict, description="Per kind of notice: immediate, digest or off"
    )


@router.get("/notifications", response_model=list[views.NotificationPublic])
async def my_notifications(
    reader: CurrentPrincipal,
    sessions: Database,
    page: Annotated[Paging, first_of(default=50, most=views.MAX_PAGE)],
    unread: bool = False,
    before: datetime | None = None,
) -> list[views.NotificationPublic]:
    async with sessions() as session:
        return await views.inbox(
            session, reader, unread_only=unread, limit=page.limit, before=before
        )


@router.get("/notifications/unread-count", response_model=UnreadPublic)
async def my_unread_count(reader: CurrentPrincipal, sessions: Database) -> UnreadPublic:
    async with sessions() as session:
        return UnreadPublic(unread=await views.unread_count(session, reader))


@router.post(
    "/notifications/{notification_id}/read",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=NOT_YOURS,
)
async def read_notification(
    notification_id: UUID, reader: CurrentPrincipal, work: Work, now: Now
) -> None:
    await delivery.mark_read(work, reader.tenant, reader.user_id, notification_id, now)


@router.post("/notifications/read-all", response_model=MarkedPublic)
async def read_all_notifications(reader: CurrentPrincipal, work: Work, now: Now) -> MarkedPublic:
    return MarkedPublic(
        marked=await delivery.mark_read(work, reader.tenant, reader.user_id, None, now)
    )


@router.get(
    "/notifications/stream",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "Server-sent events"}},
)
async def notification_stream(
    request: Request, reader: CurrentPrincipal, sessions: Database, redis: Cache, now: Now
) -> StreamingResponse:
    """Server-sent events: each new notice as an ``event: notification``, a comment line as a
    keep-alive. Woken through Redis; reads the inbox every few seconds regardless."""

    async def events() -> AsyncIterator[str]:
        async for batch in stream.new_notices(
            reader, sessions, redis, now, request.is_disconnected
        ):
            for notice in batch:
                yield f"id: {notice.id}\nevent: notification\ndata: {notice.model_dump_json()}\n\n"
            if not batch:
                yield ": keep-alive\n\n"

    return StreamingResponse(
        events(), media_type="text/event-stream", headers={"Cache-Control": "no-store"}
    )


@router.get("/notification-preferences", response_model=views.PreferencesPublic)
async def my_preferences(reader: CurrentPrincipal, sessions: Database) -> views.PreferencesPublic:
    async with sessions() as session:
        return await views.preferences(session, reader)


@router.put("/notification-preferences", response_model=views.PreferencesPublic)
async def choose_preferences(
    body: PreferencesUpdate, reader: CurrentPrincipal, work: Work, sessions: Database
) -> views.PreferencesPublic:
    await delivery.choose_deliveries(
        work,
        reader.tenant,
        reader.user_id,
        body.email,
        {k.value: v for k, v in body.deliveries.items()},
    )
    async with sessions() as session:
        return await views.preferences(session, reader)
