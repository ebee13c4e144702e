"""Signing keys in identity's database, private parts encrypted with the settings' key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cryptography.fernet import Fernet, InvalidToken
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from crm_identity.adapters.tables import signing_keys
from crm_identity.domain.signing_keys import SigningKey

# Held for the transaction: one replica at a time creates or rotates keys.
_KEY_STORE_LOCK = 7_340_001


class KeyStoreUnreadable(RuntimeError):
    """The stored keys were encrypted with another key-encryption key than the configured one."""


@dataclass(frozen=True, slots=True)
class StoredKey:
    key: SigningKey
    private_key_pem: str | None
    """None once destroyed."""


class KeyCipher:
    def __init__(self, key_encryption_key: str) -> None:
        self._fernet = Fernet(key_encryption_key.encode())

    def seal(self, private_key_pem: str) -> str:
        return self._fernet.encrypt(private_key_pem.encode()).decode()

    def open(self, sealed: str) -> str:
        try:
            return self._fernet.decrypt(sealed.encode()).decode()
        except InvalidToken:
            raise KeyStoreUnreadable(
                "signing keys cannot be decrypted: CRM_SIGNING_KEY_ENCRYPTION_KEY changed"
            ) from None


async def lock_key_store(session: AsyncSession) -> None:
    await session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _KEY_STORE_LOCK})


async def load_keys(session: AsyncSession, cipher: KeyCipher) -> list[StoredKey]:
    rows = await session.execute(select(signing_keys).order_by(signing_keys.c.signs_from))
    return [
        StoredKey(
            SigningKey(r.kid, r.created_at, r.signs_from, r.retired_at),
            cipher.open(r.private_key) if r.private_key is not None else None,
        )
        for r in rows
    ]


async def add_key(
    session: AsyncSession, cipher: KeyCipher, key: SigningKey, private_key_pem: str
) -> None:
    await session.execute(
        signing_keys.insert().values(
            kid=key.kid,
            private_key=cipher.seal(private_key_pem),
            created_at=key.created_at,
            signs_from=key.signs_from,
            retired_at=key.retired_at,
        )
    )


async def retire_signing_keys(session: AsyncSession, *, except_kid: str, at: datetime) -> None:
    await session.execute(
        update(signing_keys)
        .where(signing_keys.c.kid != except_kid, signing_keys.c.retired_at.is_(None))
        .values(retired_at=at)
    )


async def destroy_keys(session: AsyncSession, kids: list[str], at: datetime) -> None:
    await session.execute(
        update(signing_keys)
        .where(signing_keys.c.kid.in_(kids), signing_keys.c.private_key.is_not(None))
        .values(private_key=None, destroyed_at=at)
    )
