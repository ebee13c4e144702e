"""Sliding-window rate limits shared by every process of a service (e.g. a public web form)."""

from __future__ import annotations

import logging
import math
import time
import uuid
from dataclasses import dataclass

from redis.asyncio import Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RateLimitDecision:
    allowed: bool
    retry_after_seconds: int


async def allow_request(
    redis: Redis, key: str, *, limit: int, window_seconds: int
) -> RateLimitDecision:
    """One more request under ``key`` within the last ``window_seconds``? Counts it either way
    (a client hammering a closed door stays locked out).

    A sorted set of request times per key: no window boundary lets a burst of twice the limit
    through. If Redis is unreachable the request is allowed (and logged): losing a lead from a
    campaign form costs more than a short burst over the limit."""
    now = time.time()
    bucket = f"ratelimit:{key}"
    try:
        async with redis.pipeline(transaction=True) as pipe:
            pipe.zremrangebyscore(bucket, 0, now - window_seconds)
            pipe.zadd(bucket, {uuid.uuid4().hex: now})
            pipe.zcard(bucket)
            pipe.zrange(bucket, 0, 0, withscores=True)
            pipe.expire(bucket, window_seconds)
            _, _, count, oldest, _ = await pipe.execute()
    except RedisError:
        log.warning("rate limit unavailable (redis); allowing the request", exc_info=True)
        return RateLimitDecision(True, 0)
    if int(count) <= limit:
        return RateLimitDecision(True, 0)
    oldest_at = float(oldest[0][1]) if oldest else now
    return RateLimitDecision(False, max(1, math.ceil(oldest_at + window_seconds - now)))
