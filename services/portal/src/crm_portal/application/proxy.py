"""A browser's call to a service, made with the session's access token."""

from __future__ import annotations

from collections.abc import AsyncIterable, Mapping

from crm_portal.application.ports import UpstreamAnswer, Upstreams
from crm_portal.domain.session import BrowserSession, UnknownService, may_proxy


async def forward(
    upstreams: Upstreams,
    session: BrowserSession,
    service: str,
    method: str,
    path: str,
    query: str,
    headers: Mapping[str, str],
    body: bytes | AsyncIterable[bytes],
) -> UpstreamAnswer:
    if not may_proxy(service, path):
        raise UnknownService(f"{service}/{path}")
    return await upstreams.forward(
        service, method, "/" + path, query, headers, body, session.access_token
    )
