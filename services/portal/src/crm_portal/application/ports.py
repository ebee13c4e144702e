"""What the BFF's use cases need from the outside: the session store, identity, the services."""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Mapping
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from typing import Protocol

from crm_portal.domain.session import BrowserSession, PortalUser, TokenPair


class SessionStore(Protocol):
    async def save(self, session: BrowserSession) -> None: ...

    async def load(self, session_id: str) -> BrowserSession | None: ...

    async def delete(self, session_id: str) -> None: ...

    def refresh_lock(self, session_id: str) -> AbstractAsyncContextManager[bool]:
        """Enters True for the one caller that may refresh the session's tokens now."""
        ...

    async def ping(self) -> bool: ...


class Identity(Protocol):
    """Raises LoginRefused for refused credentials or refresh tokens, ServiceUnavailable when
    identity does not answer."""

    async def log_in(self, username: str, password: str) -> TokenPair: ...

    async def refresh(self, refresh_token: str) -> TokenPair: ...

    async def log_out(self, access_token: str, refresh_token: str) -> None: ...

    async def me(self, username: str, access_token: str) -> PortalUser: ...

    async def reachable(self) -> bool: ...


@dataclass(frozen=True)
class UpstreamAnswer:
    status: int
    headers: Mapping[str, str]
    """Only those worth passing to the browser (content type, disposition, …)."""
    content: bytes
    events: AsyncIterator[bytes] | None = None
    """A stream passed on to the browser as it comes, for as long as either side keeps it open
    (server-sent events such as the call center's screen pops, a call recording, a file
    offered for download); the ``content`` is empty then."""


class Upstreams(Protocol):
    """Raises UnknownService for a service it does not know, ServiceUnavailable when the
    service does not answer."""

    async def forward(
        self,
        service: str,
        method: str,
        path: str,
        query: str,
        headers: Mapping[str, str],
        body: bytes | AsyncIterable[bytes],
        access_token: str,
    ) -> UpstreamAnswer:
        """``body``: the request's bytes, or a stream of them (an uploaded file) passed on as it
        comes with the browser's ``Content-Length``."""
        ...
