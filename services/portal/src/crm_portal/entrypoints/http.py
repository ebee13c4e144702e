"""The BFF's HTTP surface: login and session, the proxy to the services, the web application.

The browser holds only an opaque session cookie (httpOnly, Secure, SameSite=Strict) and, in
memory, the session's CSRF token; the tokens stay here and in Redis.
"""

# No `from __future__ import annotations`: FastAPI reads the dependencies declared in
# create_app's closure (the session) from the evaluated annotations.
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from typing import Annotated, Any

from fastapi import Depends, FastAPI, HTTPException, Request, Response, status
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from pydantic import BaseModel, Field

from crm_common.clock import Clock, utc_now
from crm_portal.application import proxy, sessions
from crm_portal.application.ports import Identity, SessionStore, Upstreams
from crm_portal.domain.session import (
    STATE_CHANGING_METHODS,
    BrowserSession,
    LoginRefused,
    ServiceUnavailable,
    UnknownService,
    content_security_policy,
    csrf_matches,
)
from crm_portal.settings import PortalSettings

COOKIE = "crm_portal_session"
BUFFERED_BODIES = ("application/json", "application/x-www-form-urlencoded")
"""Commands' bodies are read whole (small); any other body — a file uploaded to a ticket — is
passed on as it arrives, never held in the BFF's memory."""
CSRF_HEADER = "x-csrf-token"
NONCE_PLACEHOLDER = "__CSP_NONCE__"


class LoginForm(BaseModel):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(min_length=1, max_length=200)


class SessionPublic(BaseModel):
    username: str
    user_id: str
    tenant: str
    org_node: str
    roles: list[str]
    data_scope: str
    functions: list[str]
    csrf_token: str


async def _body_of(request: Request) -> bytes | AsyncIterator[bytes]:
    content_type = request.headers.get("content-type", "")
    if request.method == "GET" or not content_type or content_type.startswith(BUFFERED_BODIES):
        return await request.body()
    return request.stream()


def _public(session: BrowserSession) -> SessionPublic:
    user = session.user
    return SessionPublic(
        username=user.username,
        user_id=user.user_id,
        tenant=user.tenant,
        org_node=user.org_node,
        roles=list(user.roles),
        data_scope=user.data_scope,
        functions=list(user.functions),
        csrf_token=session.csrf_token,
    )


def create_http_app(
    settings: PortalSettings,
    lifespan: Callable[[FastAPI], AbstractAsyncContextManager[None]],
    clock: Clock = utc_now,
) -> FastAPI:
    """`lifespan` connects the app to its session store, identity and services (bootstrap);
    `clock` is what sessions are timed by."""
    assets = settings.portal_assets_dir
    index = assets / "index.html"
    if not index.is_file():
        raise RuntimeError(
            f"{index} is missing: build the web application first "
            "(cd services/portal/web && npm ci && npm run build; ./platform up does)"
        )
    index_html = index.read_text()
    rules = sessions.SessionRules(
        max_seconds=settings.portal_session_max_seconds,
        idle_seconds=settings.portal_session_idle_seconds,
        refresh_margin_seconds=settings.portal_refresh_margin_seconds,
    )

    app = FastAPI(
        title="crm-portal",
        description="The web portals and their BFF",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )

    # The vendor chunks are ~1.9 MB as built, ~0.6 MB gzipped (cached for good afterwards).
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6)

    @app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        headers = response.headers
        headers.setdefault("content-security-policy", content_security_policy("none"))
        headers["x-content-type-options"] = "nosniff"
        headers["referrer-policy"] = "no-referrer"
        headers["x-frame-options"] = "DENY"
        headers["cross-origin-opener-policy"] = "same-origin"
        headers["permissions-policy"] = "camera=(), microphone=(), geolocation=()"
        return response

    def store(request: Request) -> SessionStore:
        s: SessionStore = request.app.state.store
        return s

    def identity(request: Request) -> Identity:
        i: Identity = request.app.state.identity
        return i

    def same_origin(request: Request) -> None:
        """A state-changing request from a page of another site is refused whatever it carries."""
        origin = request.headers.get("origin")
        if origin is not None and origin != f"{request.url.scheme}://{request.headers['host']}":
            raise HTTPException(status.HTTP_403_FORBIDDEN, "cross-origin request refused")

    async def session_of(request: Request) -> BrowserSession:
        session_id = request.cookies.get(COOKIE)
        session = (
            await sessions.current_session(
                identity(request), store(request), rules, session_id, clock=clock
            )
            if session_id
            else None
        )
        if session is None:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "not logged in")
        if request.method in STATE_CHANGING_METHODS:
            same_origin(request)
            if not csrf_matches(session, request.headers.get(CSRF_HEADER)):
                raise HTTPException(status.HTTP_403_FORBIDDEN, "CSRF token missing or wrong")
        return session

    @app.post("/bff/login", dependencies=[Depends(same_origin)])
    async def log_in(form: LoginForm, request: Request) -> JSONResponse:
        try:
            session = await sessions.log_in(
                identity(request),
                store(request),
                form.username,
                form.password,
                replacing=request.cookies.get(COOKIE),
                clock=clock,
            )
        except LoginRefused:
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED, "wrong username or password"
            ) from None
        except ServiceUnavailable as error:
            raise HTTPException(status.HTTP_502_BAD_GATEWAY, str(error)) from None
        response = JSONResponse(_public(session).model_dump())
        response.set_cookie(
            COOKIE,
            session.id,
            max_age=settings.portal_session_max_seconds,
            path="/",
            secure=True,
            httponly=True,
            samesite="strict",
        )
        return response

    @app.get("/bff/session")
    async def read_session(
        session: Annotated[BrowserSession, Depends(session_of)],
    ) -> SessionPublic:
        return _public(session)

    @app.post("/bff/logout", status_code=status.HTTP_204_NO_CONTENT)
    async def log_out(
        session: Annotated[BrowserSession, Depends(session_of)], request: Request
    ) -> Response:
        await sessions.log_out(identity(request), store(request), session)
        response = Response(status_code=status.HTTP_204_NO_CONTENT)
        response.delete_cookie(COOKIE, path="/", secure=True, httponly=True, samesite="strict")
        return response

    @app.api_route("/api/{service}/{path:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
    async def to_service(
        service: str,
        path: str,
        request: Request,
        session: Annotated[BrowserSession, Depends(session_of)],
    ) -> Response:
        upstreams: Upstreams = request.app.state.upstreams
        try:
            answer = await proxy.forward(
                upstreams,
                session,
                service,
                request.method,
                path,
                request.url.query,
                request.headers,
                await _body_of(request),
            )
        except UnknownService:
            raise HTTPException(status.HTTP_404_NOT_FOUND, "not found") from None
        except ServiceUnavailable as error:
            raise HTTPException(status.HTTP_502_BAD_GATEWAY, str(error)) from None
        if answer.events is not None:
            return StreamingResponse(
                answer.events,
                status_code=answer.status,
                headers={**answer.headers, "cache-control": "no-store"},
            )
        return Response(
            answer.content,
            status_code=answer.status,
            headers={**answer.headers, "cache-control": "no-store"},
        )

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "alive"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz(request: Request) -> JSONResponse:
        checks = {
            "redis": await store(request).ping(),
            "identity": await identity(request).reachable(),
        }
        ready = all(checks.values())
        body: dict[str, Any] = {"status": "ready" if ready else "not ready", "checks": checks}
        return JSONResponse(status_code=200 if ready else 503, content=body)

    @app.get("/assets/{name}", include_in_schema=False)
    async def asset(name: str) -> FileResponse:
        file = assets / "assets" / name
        if "/" in name or name.startswith(".") or not file.is_file():
            raise HTTPException(status.HTTP_404_NOT_FOUND, "not found")
        # Names carry a content hash: a changed file is a new name.
        return FileResponse(file, headers={"cache-control": "public, max-age=31536000, immutable"})

    @app.get("/{page:path}", include_in_schema=False)
    async def web_application(page: str) -> Response:
        """Every other path is a page of the single-page application (or a file of the build,
        such as the favicon)."""
        file = assets / page
        if page and "/" not in page and not page.startswith(".") and file.is_file():
            return FileResponse(file)
        if page.startswith(("api/", "bff/")):
            raise HTTPException(status.HTTP_404_NOT_FOUND, "not found")
        nonce = secrets.token_urlsafe(18)
        return Response(
            index_html.replace(NONCE_PLACEHOLDER, nonce),
            media_type="text/html",
            headers={
                "content-security-policy": content_security_policy(nonce),
                "cache-control": "no-store",
            },
        )

    return app
