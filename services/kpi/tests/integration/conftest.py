"""kpi on a real, migrated PostgreSQL database through its HTTP API: the org tree as identity's
events would leave it, principals of two dealers and HQ, tokens verified through a JWKS."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
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
    "targets",
    "collection_facts",
    "model_product_lines",
    "deal_credits",
    "deal_facts",
    "deal_day_figures",
    "deal_months",
    "lead_activity_months",
)
Sessions = async_sessionmaker[AsyncSession]


principal = partial(tenant_user, TENANT)


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
    databases: Databases, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> str:
    return await module_database("kpi", databases, request, tmp_path_factory)


@pytest.fixture
async def sessions(kpi_database: str) -> AsyncIterator[Sessions]:
    """A fresh tenant state per test: the org tree and its staff."""
    async with tenant_sessions(
        kpi_database, TENANT, ORG, TABLES, staff=vars(PEOPLE).values(), pool_size=10
    ) as factory:
        yield factory


@pytest.fixture(scope="module")
async def kpi_api(
    infrastructure: Infrastructure, kpi_database: str, jwks_url: str
) -> AsyncIterator[FastAPI]:
    settings = api_settings("kpi", kpi_database, infrastructure.redis_url, jwks_url)
    async with api_in_process(create_api, settings) as app:
        yield app


@pytest.fixture
def as_user(kpi_api: FastAPI, signing_key_pem: str) -> AsUser:
    """``as_user(PEOPLE.manager)``: an HTTP client of the in-process API with that user's token."""
    return AsUser(kpi_api, signing_key_pem)
