"""Sliding-window rate limits shared by every process of a service (e.g. a public web form)."""

from __future__ import annotations

import logging
import math
import uuid
from collections import OrderedDict, deque
from dataclasses import dataclass

from redis.asyncio import Redis
from redis.exceptions import RedisError

from crm_common.clock import Clock, utc_now

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RateLimitDecision:
    allowed: bool
    retry_after_seconds: int


async def allow_request(
    redis: Redis, key: str, *, limit: int, window_seconds: int, clock: Clock = utc_now
) -> RateLimitDecision:
    """One more request under ``key`` within the last ``window_seconds``? Counts it either way
    (a client hammering a closed door stays locked out).

    A sorted set of request times per key: no window boundary lets a burst of twice the limit
    through. If Redis is unreachable the request is allowed (and logged): losing a lead from a
    campaign form costs more than a short burst over the limit."""
    now = clock().timestamp()
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


class SlidingWindows:
    """How many events each key had within the last ``window_seconds`` (e.g. failed logins per
    username and client address), shared in Redis by every process of a service.

    While Redis is unreachable the counts live in this process, for at most ``local_keys``
    keys (the longest-idle dropped first), so an outage neither lifts the limits nor lets a
    flood of keys exhaust memory; the processes of a service then count apart."""

    def __init__(
        self,
        redis: Redis,
        *,
        prefix: str,
        window_seconds: int,
        local_keys: int = 10_000,
        clock: Clock = utc_now,
    ) -> None:
        self._redis = redis
        self._clock = clock
        self._prefix = prefix
        self._window = window_seconds
        self._local: OrderedDict[str, deque[float]] = OrderedDict()
        self._local_keys = local_keys

    async def count(self, key: str) -> WindowCount:
        now = self._clock().timestamp()
        bucket = f"{self._prefix}:{key}"
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.zremrangebyscore(bucket, 0, now - self._window)
                pipe.zcard(bucket)
                pipe.zrange(bucket, 0, 0, withscores=True)
                _, count, oldest = await pipe.execute()
            oldest_at = float(oldest[0][1]) if oldest else None
            return WindowCount(int(count), oldest_at, self._window, now)
        except RedisError:
            log.warning("sliding window unavailable (redis); counting in this process")
            times = self._local_times(key, now)
            return WindowCount(len(times), times[0] if times else None, self._window, now)

    async def add(self, key: str) -> None:
        now = self._clock().timestamp()
        bucket = f"{self._prefix}:{key}"
        try:
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.zadd(bucket, {uuid.uuid4().hex: now})
                pipe.expire(bucket, self._window)
                await pipe.execute()
        except RedisError:
            log.warning("sliding window unavailable (redis); counting in this process")
            self._local_times(key, now).append(now)

    async def clear(self, key: str) -> None:
        self._local.pop(key, None)
        try:
            await self._redis.delete(f"{self._prefix}:{key}")
        except RedisError:
            log.warning("sliding window unavailable (redis); cleared in this process only")

    def _local_times(self, key: str, now: float) -> deque[float]:
        times = self._local.pop(key, None) or deque()
        while times and times[0] <= now - self._window:
            times.popleft()
        self._local[key] = times
        while len(self._local) > self._local_keys:
            self._local.popitem(last=False)
        return times


@dataclass(frozen=True, slots=True)
class WindowCount:
    count: int
    oldest_at: float | None
    """Epoch seconds of the oldest event still in the window."""
    window_seconds: int
    counted_at: float
    """Epoch seconds when the events were counted."""

    def retry_after_seconds(self) -> int:
        """Until the oldest event leaves the window."""
        if self.oldest_at is None:
            return 0
        return max(1, math.ceil(self.oldest_at + self.window_seconds - self.counted_at))
