"""Leads on a real, migrated PostgreSQL database: the org tree and staff as identity's events
would leave them, and a clock the test drives."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth.principal import DataScope, Principal
from crm_common.testing.infrastructure import Infrastructure
from crm_common.testing.plugin import Databases
from crm_common.testing.processes import free_port
from crm_common.testing.services import (
    api_in_process,
    api_settings,
    module_database,
    tenant_sessions,
    tenant_user,
)
from crm_leads.bootstrap import create_api

pytestmark = pytest.mark.integration

TENANT = "oem-t"
# What the resident ID number key derives from
# (crm_leads.domain.customer_identifiers.id_number_key).
PERSONAL_DATA_HASH_KEY = "test-only-personal-data-hash-key"
# (node, parent path, dealer)
ORG = [
    ("hq", "/", None),
    ("east", "/hq/", None),
    ("dealer-a", "/hq/east/", "dealer-a"),
    ("team-a1", "/hq/east/dealer-a/", "dealer-a"),
    ("dealer-b", "/hq/east/", "dealer-b"),
]

TABLES = (
    "lead_scores",
    "lead_score_models",
    "customer_timeline",
    "customer_links",
    "customer_vehicles",
    "customer_opportunities",
    "follow_ups",
    "lead_history",
    "leads",
    "customer_identifiers",
    "customers",
    "pool_members",
    "routing_rules",
    "grade_schemes",
    "pools",
)


@dataclass(frozen=True)
class People:
    consultant1: Principal
    consultant2: Principal
    consultant3: Principal
    manager: Principal
    other_dealer_consultant: Principal
    other_dealer_manager: Principal
    hq_admin: Principal
    hq_analyst: Principal


principal = partial(tenant_user, TENANT)

PEOPLE = People(
    consultant1=principal("c1", "team-a1", "sales_consultant", DataScope.OWN),
    consultant2=principal("c2", "dealer-a", "sales_consultant", DataScope.OWN),
    consultant3=principal("c3", "dealer-a", "sales_consultant", DataScope.OWN),
    manager=principal("m1", "dealer-a", "sales_manager", DataScope.DEALER),
    other_dealer_consultant=principal("b1", "dealer-b", "sales_consultant", DataScope.OWN),
    other_dealer_manager=principal("bm", "dealer-b", "sales_manager", DataScope.DEALER),
    hq_admin=principal("h1", "hq", "hq_admin", DataScope.TENANT),
    hq_analyst=principal("h2", "hq", "hq_analyst", DataScope.TENANT),
)


@pytest.fixture(scope="module")
async def leads_database(
    databases: Databases, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> str:
    return await module_database("leads", databases, request, tmp_path_factory)


@pytest.fixture
async def sessions(leads_database: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """A fresh tenant state per test: the org tree and staff of the test tenant."""
    async with tenant_sessions(
        leads_database, TENANT, ORG, TABLES, staff=vars(PEOPLE).values()
    ) as factory:
        yield factory


@pytest.fixture(scope="module")
async def leads_api(
    infrastructure: Infrastructure, leads_database: str, jwks_url: str
) -> AsyncIterator[FastAPI]:
    """The leads api in this process, lifespan and all (HTTP app and gRPC server)."""
    settings = api_settings(
        "leads",
        leads_database,
        infrastructure.redis_url,
        jwks_url,
        grpc_port=free_port(),
        personal_data_hash_key=PERSONAL_DATA_HASH_KEY,
    )
    async with api_in_process(create_api, settings) as app:
        yield app


@pytest.fixture
def now() -> datetime:
    return datetime(2026, 11, 2, 2, 0, tzinfo=UTC)
