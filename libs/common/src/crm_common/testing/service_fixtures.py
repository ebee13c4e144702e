"""The fixtures every service's integration tests use, written once (a pytest plugin, loaded
with ``crm_common.testing.plugin``). A service's integration conftest says what runs, and its
tests ask for ``sessions``, ``service_api``, ``as_user``... as before::

    @pytest.fixture(scope="module")
    def service_under_test() -> ServiceUnderTest:
        return ServiceUnderTest("kpi", create_api, TENANT, ORG, TABLES, staff=...)

    kpi_api = alias("kpi_api", "service_api")

A directory whose api needs settings that come from other fixtures (a loopback server's
address) overrides ``service_settings``; one whose tests need more than a fresh tenant state
before each test says so in ``ServiceUnderTest.arrange``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth.principal import Principal
from crm_common.settings import Settings
from crm_common.testing.infrastructure import Infrastructure
from crm_common.testing.plugin import Databases
from crm_common.testing.services import (
    AsUser,
    OrgTree,
    api_in_process,
    api_settings,
    module_database,
    tenant_sessions,
)

Sessions = async_sessionmaker[AsyncSession]

TENANT = "oem-t"
ORG: OrgTree = (
    ("hq", "/", None),
    ("east", "/hq/", None),
    ("dealer-a", "/hq/east/", "dealer-a"),
    ("team-a1", "/hq/east/dealer-a/", "dealer-a"),
    ("dealer-b", "/hq/east/", "dealer-b"),
)
"""(node, parent path, dealer): HQ, a region of two dealers and a team in the first."""


@dataclass(frozen=True)
class ServiceUnderTest:
    """What a directory's integration tests run: one service, its api and its tenant state."""

    service: str
    """As the service names itself when it migrates (``leads``, ``service-desk``)."""
    create_api: Callable[[Settings], FastAPI]
    tenant: str
    org: OrgTree
    tables: Sequence[str]
    """Emptied before every test, with the org tree and the outbox (and the staff copy when
    there is ``staff``)."""
    staff: Sequence[Principal] = ()
    """The people the staff copy holds, as identity's events would leave them."""
    pool_size: int = 20
    """Connections of the tests' own sessions."""
    settings: Mapping[str, Any] = field(default_factory=dict)
    """The api's settings beyond the shared ones (``api_settings``)."""
    arrange: Callable[[Sessions], Awaitable[None]] | None = None
    """What every test's fresh tenant state holds besides the org tree and staff."""


@pytest.fixture(scope="module")
async def service_database(
    service_under_test: ServiceUnderTest,
    databases: Databases,
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
) -> str:
    """The test module's own database, migrated as the service migrates its own."""
    return await module_database(service_under_test.service, databases, request, tmp_path_factory)


@pytest.fixture
async def sessions(
    service_under_test: ServiceUnderTest, service_database: str
) -> AsyncIterator[Sessions]:
    """A fresh tenant state per test: the tables emptied, the org tree and staff inserted."""
    spec = service_under_test
    async with tenant_sessions(
        service_database,
        spec.tenant,
        spec.org,
        spec.tables,
        staff=spec.staff,
        pool_size=spec.pool_size,
    ) as factory:
        if spec.arrange is not None:
            await spec.arrange(factory)
        yield factory


@pytest.fixture(scope="module")
def service_settings(
    service_under_test: ServiceUnderTest,
    service_database: str,
    infrastructure: Infrastructure,
    jwks_url: str,
) -> Settings:
    """The api's settings: its database as the app role, the shared Redis, a loopback JWKS."""
    return api_settings(
        service_under_test.service,
        service_database,
        infrastructure.redis_url,
        jwks_url,
        **service_under_test.settings,
    )


@pytest.fixture(scope="module")
async def service_api(
    service_under_test: ServiceUnderTest, service_settings: Settings
) -> AsyncIterator[FastAPI]:
    """The service's api in this process, lifespan and all (HTTP app and gRPC servers)."""
    async with api_in_process(service_under_test.create_api, service_settings) as app:
        yield app


@pytest.fixture
def as_user(service_api: FastAPI, signing_key_pem: str) -> AsUser:
    """``as_user(PEOPLE.manager)``: an HTTP client of the in-process api with that user's token."""
    return AsUser(service_api, signing_key_pem)


def alias(name: str, of: str) -> Any:
    """The module-scoped fixture ``of`` (``service_database``, ``service_api``) under the name
    a directory's tests know it by (``leads_api``)."""

    def same(request: pytest.FixtureRequest) -> Any:
        return request.getfixturevalue(of)

    return pytest.fixture(same, scope="module", name=name)
