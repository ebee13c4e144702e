"""Pytest plugin of the platform (loaded from the root pyproject): real infrastructure fixtures."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Iterator

import asyncpg
import pytest
from cryptography.fernet import Fernet

from crm_common.auth.tokens import generate_private_key_pem
from crm_common.db.tenancy import acting_for_all_tenants
from crm_common.testing.bench import until_left
from crm_common.testing.infrastructure import Infrastructure, test_infrastructure
from crm_common.testing.jwks import serve_jwks
from crm_common.testing.kafka import delete_topics

# A service's integration tests: its database, api, sessions and clients, written once.
pytest_plugins = ("crm_common.testing.service_fixtures",)


@pytest.fixture(scope="session")
def infrastructure() -> Iterator[Infrastructure]:
    with test_infrastructure() as infra:
        yield infra


@pytest.fixture(scope="session", autouse=True)
def tests_act_for_all_tenants() -> Iterator[None]:
    """Test code arranges and inspects rows of any tenant. The code under test declares its own
    scope at its entry points (API authentication, consumers, scheduled jobs), as in
    production; the spine's processes run with no such default."""
    with acting_for_all_tenants():
        yield


@pytest.fixture(scope="session")
def run_id() -> str:
    """Unique per test session: names databases, Kafka topics and consumer groups."""
    return uuid.uuid4().hex[:8]


@pytest.fixture(scope="session")
def signing_key_pem() -> str:
    return generate_private_key_pem()


@pytest.fixture(scope="session")
def jwks_url(signing_key_pem: str) -> Iterator[str]:
    """A loopback JWKS publishing ``signing_key_pem``: identity, for services tested alone."""
    with serve_jwks([signing_key_pem]) as url:
        yield url


@pytest.fixture(scope="session")
def signing_key_encryption_key() -> str:
    """Encrypts identity's stored signing keys (a Fernet key)."""
    return Fernet.generate_key().decode()


class Databases:
    """Creates uniquely named databases for one test session and drops them afterwards."""

    def __init__(self, infra: Infrastructure, run_id: str) -> None:
        self._infra = infra
        self._run_id = run_id
        self._created: list[str] = []

    def name(self, purpose: str) -> str:
        return f"crm_t{self._run_id}_{purpose.replace('-', '_')}"

    async def create(self, purpose: str) -> str:
        name = self.name(purpose)
        conn = await self._connect()
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()
        self._created.append(name)
        return name

    def url(self, purpose: str) -> str:
        """As the owner role (migrations, arranging and inspecting rows)."""
        return self._infra.database_url(self.name(purpose))

    def app_url(self, purpose: str) -> str:
        """As the app role: what the apis under test connect as."""
        return self._infra.app_database_url(self.name(purpose))

    def system_url(self, purpose: str) -> str:
        """As the system role: what the workers under test connect as."""
        return self._infra.system_database_url(self.name(purpose))

    async def drop_all(self) -> None:
        conn = await self._connect()
        try:
            for name in self._created:
                # A service process a test started may still be leaving; the owner may not end
                # the app and system roles' sessions itself.
                await until_left(conn, name, seconds=30.0)
                await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            await conn.close()

    async def _connect(self) -> asyncpg.Connection:
        return await asyncpg.connect(
            host=self._infra.pg_host,
            port=self._infra.pg_port,
            user=self._infra.pg_user,
            password=self._infra.pg_password,
            database="postgres",
        )


@pytest.fixture(scope="session")
async def databases(infrastructure: Infrastructure, run_id: str) -> AsyncIterator[Databases]:
    dbs = Databases(infrastructure, run_id)
    yield dbs
    await dbs.drop_all()
    # The Kafka namespaces of this session: integration tests' (a database name) and the spine's.
    await delete_topics(infrastructure.kafka_bootstrap_servers, (dbs.name(""), f"t{run_id}."))
