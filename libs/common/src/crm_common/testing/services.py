"""A service under test on real infrastructure: its migrated database, the tenant's org tree as
identity's events would leave it, the api in this process, and clients carrying a user's token."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth.principal import DataScope, Principal
from crm_common.auth.tokens import sign_access_token
from crm_common.db import create_engine, create_session_factory
from crm_common.db.tables import org_directory
from crm_common.db.tables import staff as staff_table
from crm_common.settings import Settings
from crm_common.testing.infrastructure import as_app_role
from crm_common.testing.plugin import Databases
from crm_common.testing.processes import run_command

OrgTree = Sequence[tuple[str, str, str | None]]
"""(node, parent path, dealer) rows, e.g. ("team-a1", "/hq/east/dealer-a/", "dealer-a")."""


async def migrated_database(service: str, databases: Databases, purpose: str, log_dir: Path) -> str:
    """A database of this test session, migrated as ``service`` migrates its own (as the owner
    role, granting the app and system roles their rights); its URL as the owner
    (``api_settings`` turns it into the app role's)."""
    await databases.create(purpose)
    url = databases.url(purpose)
    env = {
        "CRM_ENV": "test",
        "CRM_SERVICE_NAME": service,
        "CRM_DATABASE_URL": databases.app_url(purpose),
        "CRM_DATABASE_SYSTEM_URL": databases.system_url(purpose),
        "CRM_DATABASE_OWNER_URL": url,
    }
    run_command(service, "migrate", env, log_dir)
    return url


async def module_database(
    service: str,
    databases: Databases,
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
) -> str:
    """The database of one test module, migrated as ``service`` migrates its own (for a
    module-scoped fixture: every module starts from an empty, current schema)."""
    short = service.replace("-", "_")[:12]
    purpose = f"{short}_{request.module.__name__.rsplit('.', 1)[-1][:30]}"
    return await migrated_database(service, databases, purpose, tmp_path_factory.mktemp(short))


@asynccontextmanager
async def tenant_sessions(
    database_url: str,
    tenant: str,
    org: OrgTree,
    tables: Iterable[str],
    *,
    staff: Iterable[Principal] = (),
    pool_size: int = 20,
) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """Sessions of a database whose tenant state is fresh (``reset_tenant``), for one test."""
    engine = create_engine(
        Settings(env="test", database_url=database_url, database_pool_size=pool_size)
    )
    try:
        factory = create_session_factory(engine)
        await reset_tenant(factory, tenant, org, tables, staff=staff)
        yield factory
    finally:
        await engine.dispose()


def api_settings(
    service: str, database_url: str, redis_url: str, jwks_url: str, **extra: Any
) -> Settings:
    """Settings of a service's api under test: its database (connected to as the app role, as
    in production), the shared Redis, a JWKS."""
    return Settings(
        env="test",
        service_name=service,
        database_url=as_app_role(database_url),
        redis_url=redis_url,
        jwks_url=jwks_url,
        log_level="WARNING",
        **extra,
    )


def tenant_user(tenant: str, user: str, org: str, role: str, scope: DataScope) -> Principal:
    """A user of ``tenant`` with one role, as identity's token would carry them."""
    return Principal(
        user_id=user, tenant=tenant, org_node=org, roles=frozenset({role}), data_scope=scope
    )


async def reset_tenant(
    sessions: async_sessionmaker[AsyncSession],
    tenant: str,
    org: OrgTree,
    tables: Iterable[str],
    *,
    staff: Iterable[Principal] = (),
) -> None:
    """Empties ``tables`` (and the org tree and outbox) and inserts the tenant's org tree: a
    node whose dealer is itself is a dealer. With ``staff``, the staff copy is emptied too and
    holds them, active, as identity's UserChanged would leave them."""
    people = list(staff)
    emptied = ", ".join([*tables, "org_directory", "outbox", *(["staff"] if people else [])])
    async with sessions() as session, session.begin():
        await session.execute(text(f"TRUNCATE {emptied} CASCADE"))
        await session.execute(
            insert(org_directory),
            [
                {
                    "id": node,
                    "tenant": tenant,
                    "parent_id": parent.rstrip("/").rpartition("/")[2] or None,
                    "kind": "dealer" if dealer == node else "node",
                    "path": f"{parent}{node}/",
                    "dealer_id": dealer,
                    "active": True,
                }
                for node, parent, dealer in org
            ],
        )
        if people:
            await session.execute(
                insert(staff_table),
                [
                    {
                        "user_id": p.user_id,
                        "tenant": p.tenant,
                        "org_node": p.org_node,
                        "roles": sorted(p.roles),
                        "active": True,
                    }
                    for p in people
                ],
            )


@asynccontextmanager
async def api_in_process(
    create_api: Callable[[Settings], FastAPI], settings: Settings
) -> AsyncIterator[FastAPI]:
    """The service's api in this process, lifespan and all (database, Redis, gRPC servers)."""
    app = create_api(settings)
    async with app.router.lifespan_context(app):
        yield app


def client_as(
    app: FastAPI, signing_key_pem: str, who: Principal, *, base_url: str = "http://service"
) -> httpx.AsyncClient:
    """An HTTP client of the in-process ``app`` carrying ``who``'s token."""
    token = sign_access_token(
        signing_key_pem, who, issuer="crm-identity", audience="crm", ttl_seconds=600
    )
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app),
        base_url=base_url,
        headers={"Authorization": f"Bearer {token}"},
    )


class AsUser:
    """``as_user(PEOPLE.manager)``: clients of one in-process api, each with a user's token."""

    def __init__(self, app: FastAPI, signing_key_pem: str) -> None:
        self._app = app
        self._key = signing_key_pem

    def __call__(self, who: Principal) -> httpx.AsyncClient:
        return client_as(self._app, self._key, who)
