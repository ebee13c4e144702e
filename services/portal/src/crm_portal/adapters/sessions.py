"""Browser sessions in Redis: one JSON value per session under the digest of its cookie."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import asdict

from redis.asyncio import Redis

from crm_portal.domain.session import BrowserSession, PortalUser, session_key

PREFIX = "portal:session:"
REFRESH_LOCK_SECONDS = 10
"""Longest a refresh may hold its lock (identity answers a refresh in milliseconds)."""


class RedisSessionStore:
    def __init__(self, redis: Redis, ttl_seconds: int) -> None:
        self._redis = redis
        self._ttl = ttl_seconds

    async def save(self, session: BrowserSession) -> None:
        await self._redis.set(PREFIX + session.key, json.dumps(asdict(session)), ex=self._ttl)

    async def load(self, session_id: str) -> BrowserSession | None:
        raw = await self._redis.get(PREFIX + session_key(session_id))
        if raw is None:
            return None
        data = json.loads(raw)
        user = data.pop("user")
        user["roles"] = tuple(user["roles"])
        return BrowserSession(**data, user=PortalUser(**user))

    async def delete(self, session_id: str) -> None:
        await self._redis.delete(PREFIX + session_key(session_id))

    @asynccontextmanager
    async def refresh_lock(self, session_id: str) -> AsyncIterator[bool]:
        """True to the one caller that may refresh the session's tokens now: identity's refresh
        tokens work once, and a second use revokes the whole login."""
        lock = f"{PREFIX}{session_key(session_id)}:refreshing"
        acquired = bool(await self._redis.set(lock, "1", nx=True, ex=REFRESH_LOCK_SECONDS))
        try:
            yield acquired
        finally:
            if acquired:
                await self._redis.delete(lock)

    async def ping(self) -> bool:
        try:
            return bool(await self._redis.ping())
        except Exception:
            return False
