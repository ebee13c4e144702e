"""The gRPC server of a service's api process: it runs beside HTTP for as long as the app does,
with the app's session factory and token verifier (``create_http_app(servers=...)``)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Collection, Mapping
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import grpc
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.grpc.auth import BearerAuth
from crm_common.settings import Settings

log = logging.getLogger(__name__)

Register = Callable[[grpc.aio.Server, async_sessionmaker[AsyncSession]], None]
"""Adds a service's servicers to the server, e.g. ``add_CustomerDirectoryServicer_to_server``."""

STOP_GRACE_SECONDS = 5.0


def serve_grpc(
    settings: Settings,
    *,
    default_port: int,
    functions: Mapping[str, Collection[str]],
    register: Register,
) -> Callable[[FastAPI], AbstractAsyncContextManager[int]]:
    """A server for ``create_http_app(servers=...)`` on ``settings.grpc_port`` (0: the
    ``default_port``); ``functions`` is what ``BearerAuth`` requires per method."""

    @asynccontextmanager
    async def serving(app: FastAPI) -> AsyncIterator[int]:
        server = grpc.aio.server(interceptors=[BearerAuth(app.state.token_verifier, functions)])
        register(server, app.state.session_factory)
        # Plain HTTP/2 inside the cluster, like the HTTP api; TLS terminates in front of it.
        port = server.add_insecure_port(
            f"{settings.http_host}:{settings.grpc_port or default_port}"
        )
        await server.start()
        log.info("grpc serving", extra={"port": port})
        try:
            yield port
        finally:
            await server.stop(STOP_GRACE_SECONDS)

    return serving
