"""Wake-ups for a reader's open portal pages when notices arrive, over Redis publish/subscribe.
A wake-up carries nothing but "read your inbox again": the inbox in PostgreSQL is the record,
so a wake-up lost (Redis away) or early (the notice's transaction not yet committed) costs only
the page's next periodic re-read."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

from redis.asyncio import Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


def channel(tenant: str, user: str) -> str:
    return f"crm:notifications:{tenant}:{user}"


async def wake(redis: Redis, tenant: str, user: str) -> None:
    try:
        await redis.publish(channel(tenant, user), "new")
    except RedisError:
        log.warning("notification wake-up skipped: Redis unavailable", exc_info=True)


async def wake_ups(
    redis: Redis, tenant: str, user: str, quiet_seconds: float
) -> AsyncIterator[bool]:
    """True on each wake-up, False after ``quiet_seconds`` without one (time to re-read anyway)."""
    async with redis.pubsub() as subscription:
        await subscription.subscribe(channel(tenant, user))
        while True:
            message = await subscription.get_message(
                ignore_subscribe_messages=True, timeout=quiet_seconds
            )
            yield message is not None
