"""Signing keys on real PostgreSQL: the first key, rotation with a publication delay, tokens
verifiable across the switch, destruction after the last token, encryption at rest."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import jwt
import pytest
from cryptography.fernet import Fernet
from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth.tokens import key_id
from crm_common.db import create_engine, create_session_factory
from crm_common.settings import Settings
from crm_common.testing.infrastructure import Infrastructure
from crm_common.testing.plugin import Databases
from crm_common.testing.processes import run_command
from crm_identity.adapters.key_store import KeyStoreUnreadable
from crm_identity.adapters.tables import signing_keys
from crm_identity.application.signing_keys import TOKEN_LIFETIME, KeyRing, rotate_signing_key
from crm_identity.domain.signing_keys import PUBLISH_AHEAD

pytestmark = pytest.mark.integration
Sessions = async_sessionmaker[AsyncSession]
T0 = datetime(2026, 11, 1, tzinfo=UTC)


@pytest.fixture
async def store(
    infrastructure: Infrastructure,
    databases: Databases,
    tmp_path: Path,
    signing_key_pem: str,
    signing_key_encryption_key: str,
) -> AsyncIterator[tuple[Sessions, Settings]]:
    name = f"identity_keys_{tmp_path.name[-8:]}"
    await databases.create(name)
    url = databases.url(name)
    run_command(
        "identity",
        "migrate",
        {"CRM_ENV": "test", "CRM_SERVICE_NAME": "identity", "CRM_DATABASE_URL": url},
        tmp_path,
    )
    settings = Settings(
        env="test",
        service_name="identity",
        database_url=url,
        signing_key_pem=signing_key_pem,
        signing_key_encryption_key=signing_key_encryption_key,
        signing_key_max_age_days=30,
    )
    engine = create_engine(settings)
    yield create_session_factory(engine), settings
    await engine.dispose()


def kids(document: dict) -> list[str]:  # type: ignore[type-arg]
    return [k["kid"] for k in document["keys"]]


async def test_keys_rotate_with_a_publication_delay_and_die_after_their_last_token(
    store: tuple[Sessions, Settings], signing_key_pem: str
) -> None:
    sessions, settings = store
    first = key_id(signing_key_pem)
    ring = KeyRing(sessions, settings)
    assert (await ring.signer(T0)).kid == first, "an empty store starts with the configured key"
    assert kids(await ring.jwks(T0)) == [first]
    async with sessions() as session:
        stored = (await session.execute(select(signing_keys.c.private_key))).scalar_one()
    assert "PRIVATE KEY" not in stored, "encrypted at rest"

    assert not await rotate_signing_key(sessions, settings, T0 + timedelta(days=29))
    due = T0 + timedelta(days=30)
    assert await rotate_signing_key(sessions, settings, due)
    assert not await rotate_signing_key(sessions, settings, due, force=True), "one waits already"

    ring = KeyRing(sessions, settings)
    published = kids(await ring.jwks(due))
    assert len(published) == 2
    assert published[1] == first, "the successor is published before it signs"
    assert (await ring.signer(due)).kid == first, "but does not sign yet"
    takeover = due + PUBLISH_AHEAD
    successor = await ring.signer(takeover)
    assert successor.kid == published[0]
    token = jwt.encode({"sub": "u"}, successor.private_key_pem, algorithm="RS256")
    assert jwt.get_unverified_header(token)["alg"] == "RS256"

    after_last_old_token = takeover + TOKEN_LIFETIME
    assert kids(await KeyRing(sessions, settings).jwks(after_last_old_token)) == [successor.kid]
    assert not await rotate_signing_key(sessions, settings, after_last_old_token)
    async with sessions() as session:
        old = (await session.execute(select(signing_keys).where(signing_keys.c.kid == first))).one()
    assert (old.private_key, old.destroyed_at) == (None, after_last_old_token)


async def test_another_key_encryption_key_cannot_read_the_store(
    store: tuple[Sessions, Settings],
) -> None:
    sessions, settings = store
    await KeyRing(sessions, settings).signer(T0)
    other = settings.model_copy(
        update={"signing_key_encryption_key": SecretStr(Fernet.generate_key().decode())}
    )
    with pytest.raises(KeyStoreUnreadable, match="CRM_SIGNING_KEY_ENCRYPTION_KEY"):
        await KeyRing(sessions, other).signer(T0)
