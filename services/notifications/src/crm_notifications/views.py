"""The read side: a reader's inbox, its unread count and their preferences — their own only."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth.principal import Principal
from crm_notifications.adapters.tables import notification_preferences, notifications
from crm_notifications.domain.notices import DEFAULT_DELIVERY, delivery_of

MAX_PAGE = 200


class NotificationPublic(BaseModel):
    id: UUID
    kind: str
    title: str
    body: str
    link: str
    created_at: datetime
    read_at: datetime | None


class PreferencesPublic(BaseModel):
    email: str | None
    deliveries: dict[str, str]


async def inbox(
    session: AsyncSession,
    reader: Principal,
    *,
    unread_only: bool,
    limit: int,
    before: datetime | None = None,
    after: datetime | None = None,
) -> list[NotificationPublic]:
    query = (
        select(notifications)
        .where(notifications.c.tenant == reader.tenant, notifications.c.user_id == reader.user_id)
        .order_by(notifications.c.created_at.desc())
        .limit(min(limit, MAX_PAGE))
    )
    if unread_only:
        query = query.where(notifications.c.read_at.is_(None))
    if before is not None:
        query = query.where(notifications.c.created_at < before)
    if after is not None:
        query = query.where(notifications.c.created_at > after)
    rows = await session.execute(query)
    return [NotificationPublic.model_validate(r, from_attributes=True) for r in rows]


async def unread_count(session: AsyncSession, reader: Principal) -> int:
    found = await session.execute(
        select(func.count())
        .select_from(notifications)
        .where(
            notifications.c.tenant == reader.tenant,
            notifications.c.user_id == reader.user_id,
            notifications.c.read_at.is_(None),
        )
    )
    return int(found.scalar_one())


async def preferences(session: AsyncSession, reader: Principal) -> PreferencesPublic:
    row = (
        await session.execute(
            select(notification_preferences).where(
                notification_preferences.c.user_id == reader.user_id,
                notification_preferences.c.tenant == reader.tenant,
            )
        )
    ).first()
    chosen = dict(row.deliveries) if row else {}
    return PreferencesPublic(
        email=row.email if row else None,
        deliveries={kind.value: delivery_of(kind, chosen).value for kind in DEFAULT_DELIVERY},
    )
