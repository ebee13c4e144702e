"""Login rules: lockout after repeated failures, refresh-token rotation. Pure, clock injected."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
ACCESS_TOKEN_TTL = timedelta(minutes=15)
REFRESH_TOKEN_TTL = timedelta(days=30)


@dataclass(frozen=True)
class LoginState:
    failed_logins: int
    locked_until: datetime | None

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def after_failure(self, now: datetime) -> LoginState:
        failed = self.failed_logins + 1
        if failed >= MAX_FAILED_LOGINS:
            return LoginState(failed_logins=0, locked_until=now + LOCKOUT)
        return LoginState(failed_logins=failed, locked_until=self.locked_until)

    @staticmethod
    def after_success() -> LoginState:
        return LoginState(failed_logins=0, locked_until=None)


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
