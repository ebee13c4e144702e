"""Opportunities on a real, migrated PostgreSQL database: the org tree (two dealers of one
region, a partner) and staff as identity's events would leave them, an in-process API with a
loopback JWKS, and a clock the test drives."""

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
from crm_common.testing.services import (
    AsUser,
    api_in_process,
    api_settings,
    module_database,
    tenant_sessions,
    tenant_user,
)
from crm_opportunities.adapters.tables import metadata
from crm_opportunities.bootstrap import create_api

pytestmark = pytest.mark.integration

TENANT = "oem-t"
# (node, parent path, dealer)
ORG = [
    ("hq", "/", None),
    ("east", "/hq/", None),
    ("dealer-a", "/hq/east/", "dealer-a"),
    ("team-a1", "/hq/east/dealer-a/", "dealer-a"),
    ("dealer-b", "/hq/east/", "dealer-b"),
    ("bank-1", "/hq/", None),
    ("insurer-1", "/hq/", None),
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


principal = partial(tenant_user, TENANT)

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
    databases: Databases, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> str:
    return await module_database("opportunities", databases, request, tmp_path_factory)


@pytest.fixture
async def sessions(opportunities_database: str) -> AsyncIterator[Sessions]:
    """A fresh tenant state per test: every table emptied, the org tree and staff inserted."""
    tables = [t.name for t in metadata.sorted_tables]
    async with tenant_sessions(
        opportunities_database, TENANT, ORG, tables, staff=vars(PEOPLE).values()
    ) as factory:
        yield factory


@pytest.fixture(scope="module")
async def opportunities_api(
    infrastructure: Infrastructure, opportunities_database: str, jwks_url: str
) -> AsyncIterator[FastAPI]:
    """The opportunities api in this process, lifespan and all."""
    settings = api_settings(
        "opportunities", opportunities_database, infrastructure.redis_url, jwks_url
    )
    async with api_in_process(create_api, settings) as app:
        yield app


@pytest.fixture
def as_user(opportunities_api: FastAPI, signing_key_pem: str) -> AsUser:
    """``as_user(PEOPLE.manager)``: an HTTP client of the in-process API with that user's token."""
    return AsUser(opportunities_api, signing_key_pem)


@pytest.fixture
def now() -> datetime:
    return datetime(2026, 11, 2, 2, 0, tzinfo=UTC)
