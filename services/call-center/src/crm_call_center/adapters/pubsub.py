"""Redis pub/sub, shared by the pushes (screen pops, the wallboard)."""

from __future__ import annotations

import asyncio

from redis.asyncio.client import PubSub
from redis.exceptions import TimeoutError as RedisTimeout

SUBSCRIBE_SECONDS = 5.0
"""How long Redis may take to confirm a subscription before the stream gives up."""


async def subscribed(pubsub: PubSub, channel: str) -> None:
    """SUBSCRIBE, and wait for Redis to confirm it: until the confirmation, a message another
    connection publishes may still pass the subscriber by (pub/sub keeps nothing)."""
    await pubsub.subscribe(channel)
    loop = asyncio.get_running_loop()
    until = loop.time() + SUBSCRIBE_SECONDS
    while (left := until - loop.time()) > 0:
        message = await pubsub.get_message(timeout=left)
        if message is not None and message["type"] == "subscribe":
            return
    raise RedisTimeout(f"Redis did not confirm the subscription to {channel}")
