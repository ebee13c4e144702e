"""The FastAPI skeleton every service's api shares: health, readiness, metrics, auth, errors."""

from __future__ import annotations

import hmac
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from typing import Any

from aiokafka import AIOKafkaClient
from fastapi import APIRouter, FastAPI, Request, Response, status
from fastapi.responses import JSONResponse
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from crm_common.auth.tokens import JwksVerifier
from crm_common.clock import Clock, utc_now
from crm_common.db.engine import create_engine, create_session_factory
from crm_common.db.roles import check_database_role
from crm_common.errors import CodedRefusal, InvalidInput
from crm_common.messaging.connection import kafka_client_options
from crm_common.observability.context import (
    CORRELATION_HEADER,
    TRACEPARENT_HEADER,
    bound_trace,
    trace_from_headers,
)
from crm_common.observability.metrics import HTTP_REQUEST_SECONDS, render_latest
from crm_common.observability.outage import KAFKA_OUTAGE
from crm_common.observability.tracing import instrument_app
from crm_common.runtime.nul_guard import RefuseNulCharacters
from crm_common.settings import Settings

Startup = Callable[[FastAPI], Awaitable[None]]
Server = Callable[[FastAPI], AbstractAsyncContextManager[object]]
"""Another server of the api process (e.g. gRPC): runs while the app runs, with its state."""


async def _kafka_reachable(settings: Settings) -> bool:
    client = AIOKafkaClient(**kafka_client_options(settings), request_timeout_ms=2000)
    try:
        await client.bootstrap()
        KAFKA_OUTAGE.recovered()
        return True
    except Exception:
        return False
    finally:
        await client.close()


async def _database_reachable(engine: AsyncEngine) -> bool:
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
        return True
    except Exception:
        return False


# HTML answers (the printable quote) are self-contained: inline styles, data: images, nothing
# loaded from elsewhere, never framed. The interactive API docs load Swagger UI / ReDoc from
# their CDN.
_HTML_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
_DOCS_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
    "font-src https://fonts.gstatic.com; img-src data: https://fastapi.tiangolo.com "
    "https://cdn.redoc.ly; connect-src 'self'; worker-src blob:; frame-ancestors 'none'"
)


def _add_security_headers(path: str, headers: MutableHeaders) -> None:
    headers["x-content-type-options"] = "nosniff"
    if headers.get("content-type", "").startswith("text/html"):
        docs = path in ("/docs", "/redoc")
        headers["content-security-policy"] = _DOCS_POLICY if docs else _HTML_POLICY
        headers["x-frame-options"] = "DENY"
        headers["referrer-policy"] = "no-referrer"


class TraceAndMeasure:
    """Every request runs in its trace (the caller's, else a new one, named back in
    ``x-correlation-id``), gets the security headers and is timed per route and status.

    A plain ASGI middleware rather than ``@app.middleware("http")``: Starlette's
    ``BaseHTTPMiddleware`` runs the rest of the app in a task of its own and passes the answer
    through memory streams, a cost every request paid (issue 23)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        asked = {
            name.decode("latin-1"): value.decode("latin-1")
            for name, value in scope["headers"]
            if name in _TRACE_HEADERS
        }
        status_code = 500
        with bound_trace(trace_from_headers(asked)) as trace:

            async def answer(message: Message) -> None:
                nonlocal status_code
                if message["type"] == "http.response.start":
                    status_code = message["status"]
                    headers = MutableHeaders(scope=message)
                    headers["x-correlation-id"] = trace.correlation_id
                    _add_security_headers(scope["path"], headers)
                await send(message)

            await self.app(scope, receive, answer)
        route = scope.get("route")
        HTTP_REQUEST_SECONDS.labels(
            scope["method"], getattr(route, "path", "unmatched"), str(status_code)
        ).observe(time.perf_counter() - started)


_TRACE_HEADERS = {TRACEPARENT_HEADER.encode(), CORRELATION_HEADER.encode()}


def create_http_app(
    settings: Settings,
    *,
    title: str,
    description: str,
    routers: Sequence[APIRouter] = (),
    on_startup: Sequence[Startup] = (),
    error_statuses: Mapping[type[Exception], int] | None = None,
    servers: Sequence[Server] = (),
    clock: Clock = utc_now,
    streamed_paths: Sequence[str] = (),
) -> FastAPI:
    """``error_statuses`` maps the service's domain/application exceptions to HTTP statuses;
    the response detail is the exception's message. ``servers`` start after ``on_startup`` and
    stop before the database and Redis clients close. ``clock`` is what the routes' ``Now``
    reads (``crm_common.runtime.dependencies``). Request bodies are capped at
    ``settings.http_max_body_bytes`` except under ``streamed_paths``, whose routes stream and
    cap their uploads themselves."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = create_engine(settings)
        app.state.settings = settings
        app.state.engine = engine
        app.state.session_factory = create_session_factory(engine)
        app.state.token_verifier = JwksVerifier(
            settings.jwks_url,
            issuer=settings.jwt_issuer,
            audience=settings.jwt_audience,
            cache_seconds=settings.jwks_cache_seconds,
            max_token_age_seconds=settings.jwt_max_age_seconds,
        )
        app.state.redis = Redis.from_url(settings.redis_url, socket_timeout=1.0)
        await check_database_role(engine, settings)
        for step in on_startup:
            await step(app)
        try:
            async with AsyncExitStack() as running:
                for server in servers:
                    await running.enter_async_context(server(app))
                yield
        finally:
            await app.state.redis.aclose()
            await engine.dispose()

    docs = settings.serves_api_docs
    app = FastAPI(
        title=title,
        description=description,
        version="1.0.0",
        lifespan=lifespan,
        docs_url="/docs" if docs else None,
        redoc_url="/redoc" if docs else None,
        openapi_url="/openapi.json" if docs else None,
    )
    app.state.clock = clock
    instrument_app(app)
    app.add_middleware(
        RefuseNulCharacters,
        max_body_bytes=settings.http_max_body_bytes,
        streamed_paths=streamed_paths,
    )

    app.add_middleware(TraceAndMeasure)

    @app.exception_handler(InvalidInput)
    async def invalid_input(_: Request, exc: InvalidInput) -> JSONResponse:
        # The shape of FastAPI's own validation errors, so clients handle one format.
        return JSONResponse(
            status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
            content={
                "detail": [
                    {"loc": [exc.location, exc.field], "msg": str(exc), "type": "value_error"}
                ]
            },
        )

    @app.exception_handler(OperationalError)
    @app.exception_handler(InterfaceError)
    async def database_unavailable(_: Request, exc: Exception) -> JSONResponse:
        # Nothing was written (the unit of work rolled back): the client may simply retry.
        return JSONResponse(
            status_code=status.HTTP_503_SERVICE_UNAVAILABLE,
            content={"detail": "database unavailable, retry later"},
            headers={"Retry-After": "1"},
        )

    async def domain_error(_: Request, exc: Exception) -> JSONResponse:
        assert error_statuses is not None
        code = next(c for t, c in error_statuses.items() if isinstance(exc, t))
        headers = {"WWW-Authenticate": "Bearer"} if code == status.HTTP_401_UNAUTHORIZED else None
        content: dict[str, Any] = {"detail": str(exc)}
        if isinstance(exc, CodedRefusal):
            content |= {"code": exc.code, "params": exc.params}
        return JSONResponse(status_code=code, content=content, headers=headers)

    for error_type in error_statuses or {}:
        app.add_exception_handler(error_type, domain_error)

    @app.get("/healthz", tags=["operations"], summary="The process is alive")
    async def healthz() -> dict[str, str]:
        return {"status": "alive"}

    @app.get(
        "/readyz",
        tags=["operations"],
        summary="Database and Kafka are reachable",
        responses={503: {"description": "A dependency is unreachable"}},
    )
    async def readyz(request: Request) -> JSONResponse:
        checks = {
            "database": await _database_reachable(request.app.state.engine),
            "kafka": await _kafka_reachable(settings),
        }
        ready = all(checks.values())
        body: dict[str, Any] = {"status": "ready" if ready else "not ready", "checks": checks}
        return JSONResponse(status_code=200 if ready else 503, content=body)

    if settings.serves_metrics:
        token = settings.http_metrics_token

        @app.get(
            "/metrics", tags=["operations"], summary="Prometheus metrics", include_in_schema=False
        )
        async def metrics(request: Request) -> Response:
            if token is not None and not hmac.compare_digest(
                request.headers.get("authorization", ""), f"Bearer {token.get_secret_value()}"
            ):
                return JSONResponse(
                    status_code=status.HTTP_401_UNAUTHORIZED,
                    content={"detail": "metrics need the scrape token"},
                    headers={"WWW-Authenticate": "Bearer"},
                )
            payload, content_type = render_latest()
            return Response(content=payload, media_type=content_type)

    for router in routers:
        app.include_router(router)
    _declare_common_statuses(app)
    return app


_COMMON_STATUSES = {
    "401": "Missing, malformed, expired or untrusted bearer token",
    "404": "No such record, or one the caller may not see",
    "413": "The request body is over the size limit",
    "422": "Invalid input; the detail names the field",
}


def _declare_common_statuses(app: FastAPI) -> None:
    """Every operation's document declares the statuses the shared parts answer for it (401
    where it authenticates, 404 where its path names a record, 413 and 422 where it takes a
    body or parameters), so generated clients and fuzzers expect them."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        document = generate()
        for path, methods in document.get("paths", {}).items():
            for method, operation in methods.items():
                takes_body = method in ("post", "put", "patch")
                declared = {
                    "401": bool(operation.get("security")),
                    "404": "{" in path,
                    "413": takes_body,
                    "422": takes_body or bool(operation.get("parameters")),
                }
                responses = operation.setdefault("responses", {})
                for code, applies in declared.items():
                    if applies and code not in responses:
                        responses[code] = {"description": _COMMON_STATUSES[code]}
        app.openapi_schema = document
        return document

    app.openapi = openapi  # type: ignore[method-assign]
