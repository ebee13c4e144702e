"""Login, refresh-token rotation and logout."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID, uuid4

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth.principal import Principal
from crm_common.auth.tokens import sign_access_token
from crm_common.db import UnitOfWork
from crm_common.policy.roles import widest_scope
from crm_common.settings import Settings
from crm_identity.adapters import repository
from crm_identity.application.errors import (
    AuthenticationFailed,
    PasswordHashingBusy,
    TooManyLoginAttempts,
)
from crm_identity.application.passwords import Passwords
from crm_identity.application.signing_keys import Signer
from crm_identity.domain.accounts import (
    ACCESS_TOKEN_TTL,
    LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE,
    MAX_FAILED_LOGINS,
    REFRESH_TOKEN_TTL,
    RefreshOutcome,
    RefreshTokenState,
    hash_refresh_token,
    login_delay_seconds,
    new_refresh_token,
)


class CountInWindow(Protocol):
    @property
    def count(self) -> int: ...

    def retry_after_seconds(self) -> int: ...


class Windows(Protocol):
    """Events per key within a sliding window (``crm_common.redis.rate_limit.SlidingWindows``)."""

    async def count(self, key: str) -> CountInWindow: ...

    async def add(self, key: str) -> None: ...

    async def clear(self, key: str) -> None: ...


@dataclass(frozen=True)
class LoginThrottle:
    attempts: Windows
    """Failed login attempts per client address, over a minute."""
    failures: Windows
    """Failed logins per username and per username and address, over ``LOCKOUT``."""


@dataclass(frozen=True)
class TokenPair:
    access_token: str
    refresh_token: str
    expires_in: int


def principal_of(user: repository.UserRecord) -> Principal:
    roles = frozenset(user.roles)
    return Principal(
        user_id=str(user.id),
        tenant=user.tenant,
        org_node=user.org_node,
        roles=roles,
        data_scope=widest_scope(roles),
    )


async def _issue(
    uow: UnitOfWork,
    user: repository.UserRecord,
    settings: Settings,
    signer: Signer,
    now: datetime,
    family_id: UUID,
) -> TokenPair:
    refresh, refresh_hash = new_refresh_token()
    await repository.add_refresh_token(
        uow.session,
        token_id=uuid4(),
        user_id=user.id,
        family_id=family_id,
        token_hash=refresh_hash,
        issued_at=now,
        expires_at=now + REFRESH_TOKEN_TTL,
    )
    access = sign_access_token(
        signer.private_key_pem,
        principal_of(user),
        issuer=settings.jwt_issuer,
        audience=settings.jwt_audience,
        ttl_seconds=int(ACCESS_TOKEN_TTL.total_seconds()),
        now=now.timestamp(),
    )
    return TokenPair(access, refresh, int(ACCESS_TOKEN_TTL.total_seconds()))


async def login(
    sessions: async_sessionmaker[AsyncSession],
    throttle: LoginThrottle,
    passwords: Passwords,
    username: str,
    password: str,
    client_address: str,
    settings: Settings,
    signer: Signer,
    now: datetime,
) -> TokenPair:
    """One message for every failure: the caller learns nothing about which accounts exist.

    The password hash is checked with no database connection held (argon2 is slow on
    purpose; concurrent logins must not starve refreshes and JWKS of connections), on the
    bounded executor of ``passwords``: when too many wait, ``PasswordHashingBusy`` — which
    counts as no attempt (the caller did nothing wrong)."""
    # Failed attempts per address: a dealer's office behind one public address, or the
    # portal's backend, logs many people in from one address; guessing fails.
    address_key = f"address:{client_address}"
    attempts = await throttle.attempts.count(address_key)
    if attempts.count >= LOGIN_ATTEMPTS_PER_ADDRESS_PER_MINUTE:
        raise TooManyLoginAttempts(attempts.retry_after_seconds())
    source_key = f"user:{username}|address:{client_address}"
    from_source = await throttle.failures.count(source_key)
    if from_source.count >= MAX_FAILED_LOGINS:
        raise TooManyLoginAttempts(from_source.retry_after_seconds())
    delay = login_delay_seconds((await throttle.failures.count(f"user:{username}")).count)
    if delay:
        await asyncio.sleep(delay)

    async with UnitOfWork(sessions) as uow:
        user = await repository.user_for_login(uow.session, username)
    password_ok = await passwords.verify(user.password_hash if user else None, password)
    if user is None or not user.active or not password_ok:
        await throttle.attempts.add(address_key)
        await throttle.failures.add(source_key)
        await throttle.failures.add(f"user:{username}")
        raise AuthenticationFailed("invalid credentials")
    upgraded = await _rehashed(passwords, user.password_hash, password)
    async with UnitOfWork(sessions) as uow:
        if upgraded is not None:
            await repository.replace_password_hash(
                uow.session, user.id, user.password_hash, upgraded
            )
        pair = await _issue(uow, user, settings, signer, now, family_id=uuid4())
    await throttle.failures.clear(source_key)
    return pair


async def _rehashed(passwords: Passwords, password_hash: str, password: str) -> str | None:
    """The password hashed again when its hash has older parameters (the password is at hand
    only now); none while the executor is full: a later login upgrades it."""
    if not passwords.needs_rehash(password_hash):
        return None
    try:
        return await passwords.hash(password)
    except PasswordHashingBusy:
        return None


async def refresh(
    uow: UnitOfWork, token: str, settings: Settings, signer: Signer, now: datetime
) -> TokenPair:
    """Rotate: each refresh token works once. A second use means a stolen copy: the whole
    family (every token descended from that login) is revoked."""
    pair: TokenPair | None = None
    outcome: RefreshOutcome | None = None
    async with uow:
        row = await repository.refresh_token_for_use(uow.session, hash_refresh_token(token))
        if row is not None:
            outcome = RefreshTokenState(row.expires_at, row.used_at, row.revoked_at).outcome(now)
            if outcome is RefreshOutcome.REUSED:
                await repository.revoke_family(uow.session, row.family_id, now)
            elif outcome is RefreshOutcome.ROTATE:
                user = await repository.user(uow.session, row.user_id)
                if user is not None and user.active:
                    await repository.mark_refresh_token_used(uow.session, row.id, now)
                    pair = await _issue(uow, user, settings, signer, now, family_id=row.family_id)
    # Failures are raised after the block so that a revocation commits.
    if pair is None:
        if outcome is RefreshOutcome.REUSED:
            raise AuthenticationFailed("refresh token reused; all sessions of this login revoked")
        raise AuthenticationFailed("invalid or expired refresh token")
    return pair


async def logout(uow: UnitOfWork, token: str, now: datetime) -> None:
    async with uow:
        family = await repository.family_of_token(uow.session, hash_refresh_token(token))
        if family is not None:
            await repository.revoke_family(uow.session, family, now)
