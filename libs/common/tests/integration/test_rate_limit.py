"""The shared rate limit on real Redis: a window admits exactly ``limit`` requests across
concurrent callers, and an unreachable Redis lets requests through."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from redis.asyncio import Redis

from crm_common.redis.rate_limit import allow_request
from crm_common.testing.infrastructure import Infrastructure

pytestmark = pytest.mark.integration


async def test_a_window_admits_exactly_the_limit_across_concurrent_callers(
    infrastructure: Infrastructure,
) -> None:
    redis = Redis.from_url(infrastructure.redis_url)
    key = f"test:{uuid.uuid4().hex}"
    try:
        decisions = await asyncio.gather(
            *(allow_request(redis, key, limit=25, window_seconds=3600) for _ in range(40))
        )
    finally:
        await redis.aclose()
    allowed = [d for d in decisions if d.allowed]
    refused = [d for d in decisions if not d.allowed]
    assert len(allowed) == 25
    assert len(refused) == 15
    assert all(0 < d.retry_after_seconds <= 3600 for d in refused)


async def test_requests_are_allowed_when_redis_is_unreachable() -> None:
    redis = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2)
    try:
        decision = await allow_request(redis, "test:down", limit=1, window_seconds=60)
    finally:
        await redis.aclose()
    assert decision.allowed
