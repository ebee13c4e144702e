"""The shared rate limit on real Redis: a window admits exactly ``limit`` requests across
concurrent callers, and an unreachable Redis lets requests through."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from redis.asyncio import Redis

from crm_common.redis.rate_limit import SlidingWindows, allow_request
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


async def test_sliding_windows_count_in_redis_and_in_a_bounded_local_fallback(
    infrastructure: Infrastructure,
) -> None:
    redis = Redis.from_url(infrastructure.redis_url)
    shared = SlidingWindows(redis, prefix=f"test:{uuid.uuid4().hex}", window_seconds=60)
    down = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.2)
    local = SlidingWindows(down, prefix="test", window_seconds=60, local_keys=2)
    try:
        for _ in range(3):
            await shared.add("alice")
        assert (await shared.count("alice")).count == 3
        assert 0 < (await shared.count("alice")).retry_after_seconds() <= 60
        await shared.clear("alice")
        assert (await shared.count("alice")).count == 0

        for key in ("a", "a", "b", "c"):
            await local.add(key)
        assert (await local.count("c")).count == 1, "Redis down: still counted, here"
        assert (await local.count("a")).count == 0, "the longest-idle key made room"
    finally:
        await redis.aclose()
        await down.aclose()


async def test_sliding_windows_count_by_the_clock_they_are_given(
    infrastructure: Infrastructure,
) -> None:
    redis = Redis.from_url(infrastructure.redis_url)
    now = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
    windows = SlidingWindows(
        redis, prefix=f"test:{uuid.uuid4().hex}", window_seconds=60, clock=lambda: now
    )
    try:
        await windows.add("alice")
        now += timedelta(seconds=45)
        counted = await windows.count("alice")
        assert (counted.count, counted.retry_after_seconds()) == (1, 15)
        now += timedelta(seconds=16)
        assert (await windows.count("alice")).count == 0, "out of the window a minute later"
    finally:
        await redis.aclose()
