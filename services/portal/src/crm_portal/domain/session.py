"""A browser session: the tokens the BFF holds for one logged-in user, never sent to the browser.

Pure rules: when a session has expired, when its access token needs refreshing, the CSRF check,
the functions a user's roles carry (what the menus show), the content security policy.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, replace

from crm_common.policy.roles import ROLES


@dataclass(frozen=True)
class PortalUser:
    user_id: str
    username: str
    tenant: str
    org_node: str
    roles: tuple[str, ...]
    data_scope: str

    @property
    def functions(self) -> tuple[str, ...]:
        """What the user's roles allow, by the same table the services check."""
        return tuple(
            sorted({f for name in self.roles if name in ROLES for f in ROLES[name].functions})
        )


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int


@dataclass(frozen=True)
class BrowserSession:
    id: str
    """The cookie's value; stored only as its digest (`key`)."""
    csrf_token: str
    access_token: str
    refresh_token: str
    access_expires_at: float
    started_at: float
    last_seen_at: float
    user: PortalUser

    @property
    def key(self) -> str:
        return session_key(self.id)

    def expired(self, now: float, *, max_seconds: int, idle_seconds: int) -> bool:
        return now >= self.started_at + max_seconds or now >= self.last_seen_at + idle_seconds

    def access_token_fresh(self, now: float, margin_seconds: int) -> bool:
        return now < self.access_expires_at - margin_seconds

    def with_tokens(self, tokens: TokenPair, now: float) -> BrowserSession:
        return replace(
            self,
            access_token=tokens.access_token,
            refresh_token=tokens.refresh_token,
            access_expires_at=now + tokens.expires_in,
        )

    def seen(self, now: float) -> BrowserSession:
        return replace(self, last_seen_at=now)


def open_session(user: PortalUser, tokens: TokenPair, now: float) -> BrowserSession:
    return BrowserSession(
        id=secrets.token_urlsafe(32),
        csrf_token=secrets.token_urlsafe(32),
        access_token=tokens.access_token,
        refresh_token=tokens.refresh_token,
        access_expires_at=now + tokens.expires_in,
        started_at=now,
        last_seen_at=now,
        user=user,
    )


def session_key(session_id: str) -> str:
    """Sessions are stored under a digest of the cookie, so a copy of the store opens none."""
    return hashlib.sha256(session_id.encode()).hexdigest()


def csrf_matches(session: BrowserSession, presented: str | None) -> bool:
    return presented is not None and hmac.compare_digest(
        session.csrf_token.encode(), presented.encode()
    )


STATE_CHANGING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def content_security_policy(style_nonce: str) -> str:
    """Scripts only from the portal itself; styles from it or carrying this response's nonce
    (Ant Design writes its styles at run time and is given the nonce); nothing framed, no
    plugins, requests only to the portal (the BFF)."""
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            f"style-src 'self' 'nonce-{style_nonce}'",
            "img-src 'self' data: blob:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        )
    )


class LoginRefused(Exception):
    """Identity did not accept the credentials or the refresh token."""


class ServiceUnavailable(Exception):
    """A service did not answer (down, or the network between)."""


class UnknownService(LookupError):
    """No service of that name behind the proxy, or a path the proxy keeps closed."""


# Identity's token endpoints stay the BFF's own: no token ever reaches the browser.
_CLOSED_PATHS = {"identity": re.compile(r"^(auth/|\.well-known/)")}


def may_proxy(service: str, path: str) -> bool:
    """A path the browser may reach on a service: no dot segments (that would climb out of a
    checked prefix upstream), none of identity's token endpoints."""
    segments = path.split("/")
    if ".." in segments or "." in segments:
        return False
    closed = _CLOSED_PATHS.get(service)
    return not (closed and closed.match(path))
