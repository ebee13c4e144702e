"""Opportunities on a real, migrated PostgreSQL database: the org tree (two dealers of one
region, a partner) and staff as identity's events would leave them, an in-process API with a
loopback JWKS, and a clock the test drives."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

import pytest

from crm_common.auth.principal import DataScope, Principal
from crm_common.testing.service_fixtures import ORG as REGION
from crm_common.testing.service_fixtures import TENANT, ServiceUnderTest, alias
from crm_common.testing.service_fixtures import Sessions as Sessions  # for the tests
from crm_common.testing.services import AsUser as AsUser  # for the tests
from crm_common.testing.services import tenant_user
from crm_opportunities.adapters.tables import metadata
from crm_opportunities.bootstrap import create_api

pytestmark = pytest.mark.integration

# (node, parent path, dealer): the region of two dealers, a bank and an insurer.
ORG = [*REGION, ("bank-1", "/hq/", None), ("insurer-1", "/hq/", None)]


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


@pytest.fixture(scope="module")
def service_under_test() -> ServiceUnderTest:
    """The opportunities api on the tenant's org tree and staff, every table emptied."""
    tables = [t.name for t in metadata.sorted_tables]
    return ServiceUnderTest(
        "opportunities", create_api, TENANT, ORG, tables, staff=list(vars(PEOPLE).values())
    )


opportunities_database = alias("opportunities_database", "service_database")
opportunities_api = alias("opportunities_api", "service_api")


@pytest.fixture
def now() -> datetime:
    return datetime(2026, 11, 2, 2, 0, tzinfo=UTC)
