"""kpi on a real, migrated PostgreSQL database through its HTTP API: the org tree as identity's
events would leave it, principals of two dealers and HQ, tokens verified through a JWKS."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
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
from crm_kpi.bootstrap import create_api

TENANT = "oem-t"
# (node, parent path, dealer)
ORG = [
    ("hq", "/", None),
    ("east", "/hq/", None),
    ("dealer-a", "/hq/east/", "dealer-a"),
    ("team-a1", "/hq/east/dealer-a/", "dealer-a"),
    ("dealer-b", "/hq/east/", "dealer-b"),
]
TABLES = (
    "commission_lines",
    "commission_statements",
    "commission_runs",
    "commission_plan_versions",
    "commission_plans",
    "consultant_targets",
    "deal_credits",
    "deal_facts",
    "org_directory",
    "outbox",
)
Sessions = async_sessionmaker[AsyncSession]


def principal(user: str, org: str, role: str, scope: DataScope) -> Principal:
    return Principal(
        user_id=user, tenant=TENANT, org_node=org, roles=frozenset({role}), data_scope=scope
    )


@dataclass(frozen=True)
class People:
    consultant1: Principal
    consultant2: Principal
    manager: Principal
    dealer_admin: Principal
    other_dealer_manager: Principal
    hq_analyst: Principal


PEOPLE = People(
    consultant1=principal("c1", "team-a1", "sales_consultant", DataScope.OWN),
    consultant2=principal("c2", "dealer-a", "sales_consultant", DataScope.OWN),
    manager=principal("m1", "dealer-a", "sales_manager", DataScope.DEALER),
    dealer_admin=principal("a1", "dealer-a", "dealer_admin", DataScope.DEALER),
    other_dealer_manager=principal("bm", "dealer-b", "sales_manager", DataScope.DEALER),
    hq_analyst=principal("h2", "hq", "hq_analyst", DataScope.TENANT),
)


@pytest.fixture(scope="module")
async def kpi_database(
    infrastructure: Infrastructure,
    databases: Databases,
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
) -> str:
    purpose = f"kpi_{request.module.__name__.rsplit('.', 1)[-1][:30]}"
    await databases.create(purpose)
    url = databases.url(purpose)
    env = {"CRM_ENV": "test", "CRM_SERVICE_NAME": "kpi", "CRM_DATABASE_URL": url}
    run_command("kpi", "migrate", env, Path(tmp_path_factory.mktemp("kpi-migrate")))
    return url


@pytest.fixture
async def sessions(kpi_database: str) -> AsyncIterator[Sessions]:
    """A fresh tenant state per test: only the org tree."""
    engine = create_engine(Settings(env="test", database_url=kpi_database, database_pool_size=10))
    factory = create_session_factory(engine)
    async with factory() as session, session.begin():
        await session.execute(text(f"TRUNCATE {', '.join(TABLES)} CASCADE"))
        await session.execute(
            insert(org_directory),
            [
                {
                    "id": node,
                    "tenant": TENANT,
                    "parent_id": None,
                    "kind": "dealer" if dealer == node else "node",
                    "path": f"{parent}{node}/",
                    "dealer_id": dealer,
                    "active": True,
                }
                for node, parent, dealer in ORG
            ],
        )
    yield factory
    await engine.dispose()


@pytest.fixture(scope="module")
def jwks_url(signing_key_pem: str) -> Iterator[str]:
    with serve_jwks([signing_key_pem]) as url:
        yield url


@pytest.fixture(scope="module")
async def kpi_api(
    infrastructure: Infrastructure, kpi_database: str, jwks_url: str
) -> AsyncIterator[FastAPI]:
    settings = Settings(
        env="test",
        service_name="kpi",
        database_url=kpi_database,
        redis_url=infrastructure.redis_url,
        jwks_url=jwks_url,
        log_level="WARNING",
    )
    app = create_api(settings)
    async with app.router.lifespan_context(app):
        yield app


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
            base_url="http://kpi",
            headers={"Authorization": f"Bearer {token}"},
        )


@pytest.fixture
def as_user(kpi_api: FastAPI, signing_key_pem: str) -> AsUser:
    """``as_user(PEOPLE.manager)``: an HTTP client of the in-process API with that user's token."""
    return AsUser(kpi_api, signing_key_pem)
