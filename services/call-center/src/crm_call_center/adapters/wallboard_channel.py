"""Something on the wallboard changed (an agent's state, a call the phone system reported):
told over Redis pub/sub, one channel per tenant, to the api processes holding supervisors'
wallboard streams, which then read the figures again. Only the fact travels, never figures:
each stream reads what its own supervisor may see."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator

from redis.asyncio import Redis

from crm_call_center.adapters.pubsub import subscribed

COALESCE_SECONDS = 0.25
"""Changes arriving together (a burst of a call's events) make one refresh."""


def channel_of(tenant: str) -> str:
    return f"crm:call-center:wallboard:{tenant}"


async def changed(redis: Redis, tenant: str) -> None:
    await redis.publish(channel_of(tenant), "1")


async def changes(redis: Redis, tenant: str, quiet_seconds: float) -> AsyncGenerator[bool, None]:
    """True once subscribed (read the wallboard now: no change after that read is missed),
    then True after each (coalesced) change; False after ``quiet_seconds`` without one (for a
    heartbeat). Until the caller stops iterating."""
    pubsub = redis.pubsub()
    try:
        await subscribed(pubsub, channel_of(tenant))
        yield True
        while True:
            message = await pubsub.get_message(
                ignore_subscribe_messages=True, timeout=quiet_seconds
            )
            if message is None:
                yield False
                continue
            loop = asyncio.get_running_loop()
            until = loop.time() + COALESCE_SECONDS
            while (left := until - loop.time()) > 0:
                await pubsub.get_message(ignore_subscribe_messages=True, timeout=left)
            yield True
    finally:
        await pubsub.unsubscribe()
        await pubsub.aclose()  # type: ignore[no-untyped-call]
