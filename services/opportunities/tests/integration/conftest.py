"""Opportunities on a real, migrated PostgreSQL database: the org tree (two dealers of one
region, a partner) and staff as identity's events would leave them, an in-process API with a
loopback JWKS, and a clock the test drives."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth.principal import DataScope, Principal
from crm_common.auth.tokens import sign_access_token
from crm_common.db import create_engine, create_session_factory
from crm_common.db.tables import org_directory
from crm_common.settings import Settings
from crm_common.testing.infrastructure import Infrastructure
from crm_common.testing.jwks import serve_jwks
from crm_common.testing.plugin import Databases
from crm_common.testing.processes import run_command
from crm_opportunities.adapters.tables import metadata, staff
from crm_opportunities.bootstrap import create_api

pytestmark = pytest.mark.integration

TENANT = "oem-t"
# (node, parent path, dealer, kind)
ORG = [
    ("hq", "/", None, "hq"),
    ("east", "/hq/", None, "region"),
    ("dealer-a", "/hq/east/", "dealer-a", "dealer"),
    ("team-a1", "/hq/east/dealer-a/", "dealer-a", "team"),
    ("dealer-b", "/hq/east/", "dealer-b", "dealer"),
    ("bank-1", "/hq/", None, "partner"),
    ("insurer-1", "/hq/", None, "partner"),
]


@dataclass(frozen=True)
class People:
    consultant1: Principal
    consultant2: Principal
    manager: Principal
    dealer_admin: Principal
    other_dealer_consultant: Principal
    other_dealer_manager: Principal
    hq_admin: Principal
    hq_analyst: Principal
    region_manager: Principal
    finance_partner: Principal
    insurance_partner: Principal


def principal(user: str, org: str, role: str, scope: DataScope) -> Principal:
    return Principal(
        user_id=user, tenant=TENANT, org_node=org, roles=frozenset({role}), data_scope=scope
    )


PEOPLE = People(
    consultant1=principal("c1", "team-a1", "sales_consultant", DataScope.OWN),
    consultant2=principal("c2", "dealer-a", "sales_consultant", DataScope.OWN),
    manager=principal("m1", "dealer-a", "sales_manager", DataScope.DEALER),
    dealer_admin=principal("da", "dealer-a", "dealer_admin", DataScope.DEALER),
    other_dealer_consultant=principal("b1", "dealer-b", "sales_consultant", DataScope.OWN),
    other_dealer_manager=principal("bm", "dealer-b", "sales_manager", DataScope.DEALER),
    hq_admin=principal("h1", "hq", "hq_admin", DataScope.TENANT),
    hq_analyst=principal("h2", "hq", "hq_analyst", DataScope.TENANT),
    region_manager=principal("r1", "east", "region_manager", DataScope.SUBTREE),
    finance_partner=principal("p1", "bank-1", "partner_user", DataScope.OWN),
    insurance_partner=principal("p2", "insurer-1", "partner_user", DataScope.OWN),
)

Sessions = async_sessionmaker[AsyncSession]


@pytest.fixture(scope="module")
async def opportunities_database(
    infrastructure: Infrastructure,
    databases: Databases,
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
) -> str:
    purpose = f"opps_{request.module.__name__.rsplit('.', 1)[-1][:30]}"
    await databases.create(purpose)
    url = databases.url(purpose)
    env = {"CRM_ENV": "test", "CRM_SERVICE_NAME": "opportunities", "CRM_DATABASE_URL": url}
    run_command("opportunities", "migrate", env, Path(tmp_path_factory.mktemp("opps-migrate")))
    return url


@pytest.fixture
async def sessions(opportunities_database: str) -> AsyncIterator[Sessions]:
    """A fresh tenant state per test: every table emptied, the org tree and staff inserted."""
    engine = create_engine(
        Settings(env="test", database_url=opportunities_database, database_pool_size=20)
    )
    factory = create_session_factory(engine)
    tables = [t.name for t in metadata.sorted_tables]
    async with factory() as session, session.begin():
        await session.execute(text(f"TRUNCATE {', '.join(tables)}, org_directory, outbox CASCADE"))
        await session.execute(
            insert(org_directory),
            [
                {
                    "id": node,
                    "tenant": TENANT,
                    "parent_id": None,
                    "kind": kind,
                    "path": f"{parent}{node}/",
                    "dealer_id": dealer,
                    "active": True,
                }
                for node, parent, dealer, kind in ORG
            ],
        )
        await session.execute(
            insert(staff),
            [
                {
                    "user_id": p.user_id,
                    "tenant": TENANT,
                    "org_node": p.org_node,
                    "roles": sorted(p.roles),
                    "active": True,
                }
                for p in vars(PEOPLE).values()
            ],
        )
    yield factory
    await engine.dispose()


@pytest.fixture(scope="module")
def jwks_url(signing_key_pem: str) -> Iterator[str]:
    with serve_jwks([signing_key_pem]) as url:
        yield url


@pytest.fixture(scope="module")
async def opportunities_api(
    infrastructure: Infrastructure, opportunities_database: str, jwks_url: str
) -> AsyncIterator[FastAPI]:
    """The opportunities api in this process, lifespan and all."""
    settings = Settings(
        env="test",
        service_name="opportunities",
        database_url=opportunities_database,
        redis_url=infrastructure.redis_url,
        jwks_url=jwks_url,
        log_level="WARNING",
    )
    app = create_api(settings)
    async with app.router.lifespan_context(app):
        yield app


@pytest.fixture
def as_user(opportunities_api: FastAPI, signing_key_pem: str) -> AsUser:
    """``as_user(PEOPLE.manager)``: an HTTP client of the in-process API with that user's token."""
    return AsUser(opportunities_api, signing_key_pem)


class AsUser:
    def __init__(self, app: FastAPI, signing_key_pem: str) -> None:
        self._app = app
        self._key = signing_key_pem

    def __call__(self, who: Principal) -> httpx.AsyncClient:
        token = sign_access_token(
            self._key, who, issuer="crm-identity", audience="crm", ttl_seconds=600
        )
        return httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self._app),
            base_url="http://opportunities",
            headers={"Authorization": f"Bearer {token}"},
        )


@pytest.fixture
def now() -> datetime:
    return datetime(2026, 11, 2, 2, 0, tzinfo=UTC)
