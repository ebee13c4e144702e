"""kpi on a real, migrated PostgreSQL database through its HTTP API: the org tree as identity's
events would leave it, principals of two dealers and HQ, tokens verified through a JWKS."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import pytest

from crm_common.auth.principal import DataScope, Principal
from crm_common.testing.service_fixtures import ORG, TENANT, ServiceUnderTest, alias
from crm_common.testing.service_fixtures import Sessions as Sessions  # for the tests
from crm_common.testing.services import AsUser as AsUser  # for the tests
from crm_common.testing.services import tenant_user
from crm_kpi.bootstrap import create_api

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
def service_under_test() -> ServiceUnderTest:
    """The kpi api on the tenant's org tree and staff."""
    return ServiceUnderTest(
        "kpi", create_api, TENANT, ORG, TABLES, staff=list(vars(PEOPLE).values()), pool_size=10
    )


kpi_database = alias("kpi_database", "service_database")
kpi_api = alias("kpi_api", "service_api")
