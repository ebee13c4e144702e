"""Login rules: lockout per source after repeated failures, a delay for a username under attack,
refresh-token rotation. Pure, clock injected."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

# Lockout is per username *and* client address: whoever knows a username cannot lock its
# owner out from elsewhere. Guessing from many addresses meets a growing delay instead.
MAX_FAILED_LOGINS = 5
"""Failures of one username from one address within ``LOCKOUT`` before that address is
refused for the username."""
LOCKOUT = timedelta(minutes=15)
LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE = 30
"""Failed attempts (any usernames) one client address may make per minute; successful logins
do not count, so many people may log in from one office or through the portal."""
SLOW_DOWN_AFTER_FAILURES = 10
"""Failures of one username (all addresses) within ``LOCKOUT`` before its answers slow down."""
MAX_LOGIN_DELAY_SECONDS = 5.0
ACCESS_TOKEN_TTL = timedelta(minutes=15)
REFRESH_TOKEN_TTL = timedelta(days=30)


def login_delay_seconds(recent_failures_of_username: int) -> float:
    """How long a login of a username that failed this often lately waits before its answer:
    nothing at first, then doubling from a quarter second up to ``MAX_LOGIN_DELAY_SECONDS``.
    The owner still gets in (a little later); a distributed guesser is slowed down."""
    beyond = recent_failures_of_username - SLOW_DOWN_AFTER_FAILURES
    if beyond <= 0:
        return 0.0
    return float(min(0.25 * 2 ** (beyond - 1), MAX_LOGIN_DELAY_SECONDS))


class RefreshOutcome(StrEnum):
    ROTATE = "rotate"
    """Valid: issue a new pair, mark this token used."""
    REUSED = "reused"
    """Already used or revoked: a stolen copy is in play; revoke the whole family."""
    EXPIRED = "expired"


@dataclass(frozen=True)
class RefreshTokenState:
    expires_at: datetime
    used_at: datetime | None
    revoked_at: datetime | None

    def outcome(self, now: datetime) -> RefreshOutcome:
        if self.used_at is not None or self.revoked_at is not None:
            return RefreshOutcome.REUSED
        if now >= self.expires_at:
            return RefreshOutcome.EXPIRED
        return RefreshOutcome.ROTATE


def new_refresh_token() -> tuple[str, str]:
    """An opaque token for the client and the hash we store (never the token itself)."""
    token = secrets.token_urlsafe(32)
    return token, hash_refresh_token(token)


def hash_refresh_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
