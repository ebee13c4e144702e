"""Token signing keys: created on first need, rotated by age (the worker's job), published as a
JWKS, destroyed when no valid token can carry them. Rules in ``domain.signing_keys``."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth.tokens import generate_private_key_pem, jwks_document, key_id
from crm_common.settings import Settings
from crm_identity.adapters import key_store
from crm_identity.adapters.key_store import KeyCipher, StoredKey
from crm_identity.domain.accounts import ACCESS_TOKEN_TTL
from crm_identity.domain.signing_keys import (
    SigningKey,
    expired,
    published,
    rotation_due,
    signer,
    successor,
)

# Tokens are verified with a leeway; a retired key stays published that much longer too.
TOKEN_LIFETIME = ACCESS_TOKEN_TTL + timedelta(minutes=1)
CACHE_SECONDS = 30.0


class KeyEncryptionKeyMissing(RuntimeError):
    pass


def cipher_from(settings: Settings) -> KeyCipher:
    if settings.signing_key_encryption_key is None:
        raise KeyEncryptionKeyMissing(
            "identity needs CRM_SIGNING_KEY_ENCRYPTION_KEY (a Fernet key) to keep its signing "
            "keys encrypted; `./platform up` makes one"
        )
    return KeyCipher(settings.signing_key_encryption_key.get_secret_value())


async def _ensure_first_key(
    session: AsyncSession, cipher: KeyCipher, settings: Settings, now: datetime
) -> list[StoredKey]:
    """An empty store gets the configured PEM key (or a new one), signing at once: no verifier
    knows any key yet, so there is nothing to publish ahead of."""
    await key_store.lock_key_store(session)
    keys = await key_store.load_keys(session, cipher)
    if keys:
        return keys
    pem = (
        settings.signing_key_pem.get_secret_value()
        if settings.signing_key_pem is not None
        else generate_private_key_pem()
    )
    first = SigningKey(kid=key_id(pem), created_at=now, signs_from=now, retired_at=None)
    await key_store.add_key(session, cipher, first, pem)
    return [StoredKey(first, pem)]


async def rotate_signing_key(
    sessions: async_sessionmaker[AsyncSession],
    settings: Settings,
    now: datetime,
    *,
    force: bool = False,
) -> bool:
    """Adds a successor when the signing key is older than the configured age (or ``force``);
    destroys keys past their last token. True when a successor was added."""
    cipher = cipher_from(settings)
    async with sessions() as session, session.begin():
        keys = await _ensure_first_key(session, cipher, settings, now)
        states = [k.key for k in keys]
        gone = expired(states, now, token_lifetime=TOKEN_LIFETIME)
        if gone:
            await key_store.destroy_keys(session, [k.kid for k in gone], now)
        max_age = timedelta(days=settings.signing_key_max_age_days)
        if not force and not rotation_due(states, now, max_age=max_age):
            return False
        if force and any(k.signs_from > now for k in states):
            return False  # a successor is already waiting to take over
        pem = generate_private_key_pem()
        new = successor(key_id(pem), now)
        await key_store.add_key(session, cipher, new, pem)
        await key_store.retire_signing_keys(session, except_kid=new.kid, at=new.signs_from)
        return True


@dataclass(frozen=True, slots=True)
class Signer:
    kid: str
    private_key_pem: str


class KeyRing:
    """The api's view of the key store, cached for ``CACHE_SECONDS`` (shorter than the
    publication delay, so a successor is published by every replica before it signs)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], settings: Settings) -> None:
        self._sessions = sessions
        self._settings = settings
        self._cipher = cipher_from(settings)
        self._keys: list[StoredKey] = []
        self._loaded_at = float("-inf")

    async def _current(self, now: datetime) -> list[StoredKey]:
        if time.monotonic() - self._loaded_at >= CACHE_SECONDS or not self._keys:
            async with self._sessions() as session, session.begin():
                self._keys = await _ensure_first_key(session, self._cipher, self._settings, now)
            self._loaded_at = time.monotonic()
        return self._keys

    async def signer(self, now: datetime) -> Signer:
        keys = await self._current(now)
        chosen = signer([k.key for k in keys], now)
        pem = next(k.private_key_pem for k in keys if k.key.kid == chosen.kid)
        if pem is None:
            raise RuntimeError(f"signing key {chosen.kid} was destroyed while still signing")
        return Signer(chosen.kid, pem)

    async def jwks(self, now: datetime) -> dict[str, Any]:
        """Newest first."""
        keys = await self._current(now)
        pems = {k.key.kid: k.private_key_pem for k in keys}
        live = published([k.key for k in keys], now, token_lifetime=TOKEN_LIFETIME)
        return jwks_document([pem for k in live if (pem := pems[k.kid]) is not None])
