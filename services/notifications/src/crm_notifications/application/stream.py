"""A reader's live stream: new notices as they arrive, woken through Redis, read from the inbox
every few seconds regardless (and only so when Redis is away)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth.principal import Principal
from crm_common.db.tenancy import acting_for
from crm_notifications import views
from crm_notifications.adapters.push import wake_ups

QUIET_SECONDS = 5.0


async def new_notices(
    reader: Principal,
    sessions: async_sessionmaker[AsyncSession],
    redis: Redis,
    since: datetime,
    gone: Callable[[], Awaitable[bool]],
) -> AsyncIterator[list[views.NotificationPublic]]:
    """Batches of notices newer than the last one sent (empty batch: nothing new this time)."""
    seen = since
    woken: AsyncIterator[bool] | None = wake_ups(
        redis, reader.tenant, reader.user_id, QUIET_SECONDS
    )
    while not await gone():
        if woken is not None:
            try:
                await anext(woken)
            except RedisError:
                woken = None
        if woken is None:
            await asyncio.sleep(QUIET_SECONDS)
        with acting_for([reader.tenant]):
            async with sessions() as session:
                batch = await views.inbox(
                    session, reader, unread_only=False, limit=views.MAX_PAGE, after=seen
                )
        if batch:
            seen = max(notice.created_at for notice in batch)
        yield list(reversed(batch))
