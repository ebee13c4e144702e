"""The call center on a real, migrated PostgreSQL database: the org tree as identity's events
would leave it, the hotline queue and its agents."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from uuid import UUID

import pytest
from fastapi import FastAPI
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters.tables import agents, queues
from crm_call_center.bootstrap import create_api
from crm_common.auth.principal import DataScope, Principal
from crm_common.db import create_engine, create_session_factory
from crm_common.settings import Settings
from crm_common.testing.infrastructure import Infrastructure
from crm_common.testing.plugin import Databases
from crm_common.testing.services import api_in_process, migrated_database, reset_tenant

pytestmark = pytest.mark.integration

TENANT = "oem-t"
WEBHOOK_SECRET = "test-webhook-secret"
ORG = [
    ("hq", "/", None),
    ("east", "/hq/", None),
    ("dealer-a", "/hq/east/", "dealer-a"),
    ("dealer-b", "/hq/east/", "dealer-b"),
]
HOTLINE = UUID("00000000-0000-4000-8000-00000000a001")
TABLES = (
    "agent_states",
    "call_reviews",
    "call_comments",
    "call_tasks",
    "calls",
    "cti_events",
    "agents",
    "queues",
)


def principal(user: str, org: str, role: str, scope: DataScope) -> Principal:
    return Principal(
        user_id=user, tenant=TENANT, org_node=org, roles=frozenset({role}), data_scope=scope
    )


@dataclass(frozen=True)
class People:
    agent1: Principal
    agent2: Principal
    renewal: Principal
    supervisor: Principal
    dealer_manager: Principal
    other_dealer_manager: Principal


PEOPLE = People(
    agent1=principal("agent-1", "hq", "call_center_agent", DataScope.OWN),
    agent2=principal("agent-2", "hq", "call_center_agent", DataScope.OWN),
    renewal=principal("renewal-a", "dealer-a", "renewal_specialist", DataScope.OWN),
    supervisor=principal("sup-1", "hq", "call_center_supervisor", DataScope.SUBTREE),
    dealer_manager=principal("m-a", "dealer-a", "sales_manager", DataScope.DEALER),
    other_dealer_manager=principal("m-b", "dealer-b", "sales_manager", DataScope.DEALER),
)
# extension → who answers it
EXTENSIONS = {"8001": PEOPLE.agent1, "8002": PEOPLE.agent2, "8003": PEOPLE.renewal}


def call_center_settings(database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "env": "test",
        "service_name": "call-center",
        "database_url": database_url,
        "log_level": "WARNING",
        "cti_tenant": TENANT,
        "cti_default_org": "hq",
        "cti_settle_seconds": 0.0,
        "cti_webhook_secret": WEBHOOK_SECRET,
        **overrides,
    }
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
async def call_center_database(
    databases: Databases, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> str:
    purpose = f"cc_{request.module.__name__.rsplit('.', 1)[-1][:30]}"
    return await migrated_database(
        "call-center", databases, purpose, tmp_path_factory.mktemp("call-center")
    )


@pytest.fixture
async def sessions(call_center_database: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = create_engine(call_center_settings(call_center_database, database_pool_size=20))
    factory = create_session_factory(engine)
    await reset_tenant(factory, TENANT, ORG, TABLES)
    async with factory() as session, session.begin():
        await session.execute(
            insert(queues).values(
                id=HOTLINE, tenant=TENANT, owner_org="hq", name="Brand hotline", pbx_queue="hotline"
            )
        )
        await session.execute(
            insert(agents),
            [
                {
                    "tenant": TENANT,
                    "user_id": who.user_id,
                    "owner_org": who.org_node,
                    "display_name": who.user_id,
                    "extension": extension,
                }
                for extension, who in EXTENSIONS.items()
            ],
        )
    yield factory
    await engine.dispose()


@pytest.fixture(scope="module")
async def call_center_api(
    infrastructure: Infrastructure, call_center_database: str, jwks_url: str
) -> AsyncIterator[FastAPI]:
    settings = call_center_settings(
        call_center_database, redis_url=infrastructure.redis_url, jwks_url=jwks_url
    )
    async with api_in_process(create_api, settings) as app:
        yield app
