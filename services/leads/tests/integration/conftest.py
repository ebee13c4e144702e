"""Leads on a real, migrated PostgreSQL database: the org tree and staff as identity's events
would leave them, and a clock the test drives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

import pytest

from crm_common.auth.principal import DataScope, Principal
from crm_common.testing.processes import free_port
from crm_common.testing.service_fixtures import ORG, TENANT, ServiceUnderTest, alias
from crm_common.testing.services import tenant_user
from crm_leads.bootstrap import create_api

pytestmark = pytest.mark.integration

# What the resident ID number key derives from
# (crm_leads.domain.customer_identifiers.id_number_key).
PERSONAL_DATA_HASH_KEY = "test-only-personal-data-hash-key"
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
def service_under_test() -> ServiceUnderTest:
    """The leads api (HTTP app and gRPC server) on the tenant's org tree and staff."""
    return ServiceUnderTest(
        "leads",
        create_api,
        TENANT,
        ORG,
        TABLES,
        staff=list(vars(PEOPLE).values()),
        settings={"grpc_port": free_port(), "personal_data_hash_key": PERSONAL_DATA_HASH_KEY},
    )


leads_database = alias("leads_database", "service_database")
leads_api = alias("leads_api", "service_api")


@pytest.fixture
def now() -> datetime:
    return datetime(2026, 11, 2, 2, 0, tzinfo=UTC)
