"""The one place that wires the BFF: Redis for sessions, identity and the services over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI
from redis.asyncio import Redis

from crm_portal.adapters.identity import IdentityClient
from crm_portal.adapters.sessions import RedisSessionStore
from crm_portal.adapters.upstreams import HttpUpstreams
from crm_portal.entrypoints.http import create_http_app
from crm_portal.settings import PortalSettings


def create_app(settings: PortalSettings) -> FastAPI:
    @asynccontextmanager
    async def connected(app: FastAPI) -> AsyncIterator[None]:
        timeout = httpx.Timeout(settings.portal_upstream_timeout_seconds, connect=5.0)
        redis = Redis.from_url(settings.redis_url, socket_timeout=2.0)
        clients = {
            name: httpx.AsyncClient(base_url=url, timeout=timeout)
            for name, url in settings.portal_upstreams.items()
        }
        upstreams = HttpUpstreams(clients)
        app.state.store = RedisSessionStore(redis, settings.portal_session_max_seconds)
        app.state.identity = IdentityClient(clients["identity"])
        app.state.upstreams = upstreams
        try:
            yield
        finally:
            await upstreams.aclose()
            await redis.aclose()

    return create_http_app(settings, lifespan=connected)
