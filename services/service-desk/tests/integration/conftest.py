"""The service desk on a real, migrated PostgreSQL database: the org tree and staff as
identity's events would leave them, the api in this process, and leads' customer directory
as a gRPC server on loopback answering for the customers a test names."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from functools import partial

import grpc
import pytest
from fastapi import FastAPI

from crm_common.auth.principal import DataScope, Principal
from crm_common.contracts.proto.leads.v1 import customer_directory_pb2 as directory_pb
from crm_common.contracts.proto.leads.v1 import customer_directory_pb2_grpc as directory_grpc
from crm_common.settings import Settings
from crm_common.testing.infrastructure import Infrastructure
from crm_common.testing.processes import free_port
from crm_common.testing.service_fixtures import ORG, TENANT, ServiceUnderTest, Sessions, alias
from crm_common.testing.services import AsUser, api_settings, tenant_user
from crm_service_desk.bootstrap import create_api

pytestmark = pytest.mark.integration

TABLES = (
    "care_actions",
    "care_rules",
    "notifications",
    "survey_responses",
    "survey_rules",
    "survey_designs",
    "customer_profiles",
    "vehicles",
    "parts_claims",
    "agreement_visits",
    "service_agreements",
    "knowledge_article_uses",
    "knowledge_articles",
    "ticket_attachments",
    "ticket_watchers",
    "ticket_history",
    "ticket_entries",
    "tickets",
    "sla_policies",
    "ticket_categories",
    "business_calendars",
    "escalation_ladders",
    "sharing_levels",
)


principal = partial(tenant_user, TENANT)


class People:
    """Who the tests act as: (user, org node, role, data scope)."""

    advisor: Principal = principal("sa1", "dealer-a", "service_advisor", DataScope.DEALER)
    advisor2: Principal = principal("sa2", "team-a1", "service_advisor", DataScope.DEALER)
    dealer_admin: Principal = principal("da1", "dealer-a", "dealer_admin", DataScope.DEALER)
    other_advisor: Principal = principal("sb1", "dealer-b", "service_advisor", DataScope.DEALER)
    agent: Principal = principal("cc1", "hq", "call_center_agent", DataScope.OWN)
    hq_admin: Principal = principal("h1", "hq", "hq_admin", DataScope.TENANT)
    hq_analyst: Principal = principal("h2", "hq", "hq_analyst", DataScope.TENANT)
    region: Principal = principal("r1", "east", "region_manager", DataScope.SUBTREE)
    consultant: Principal = principal("c1", "dealer-a", "sales_consultant", DataScope.OWN)

    @classmethod
    def everyone(cls) -> list[Principal]:
        return [p for p in vars(cls).values() if isinstance(p, Principal)]


PEOPLE = People()


@dataclass
class KnownCustomers(directory_grpc.CustomerDirectoryServicer):
    """Leads' directory as a test sets it: E.164 phone → (customer id, name); it keeps the
    tokens it was asked with."""

    customers: dict[str, tuple[uuid.UUID, str]] = field(default_factory=dict)
    tokens: list[str] = field(default_factory=list)

    async def LookupByPhone(  # noqa: N802 (the name the contract gives the method)
        self, request: directory_pb.LookupByPhoneRequest, context: grpc.aio.ServicerContext
    ) -> directory_pb.LookupByPhoneResponse:
        metadata = dict(context.invocation_metadata() or ())
        self.tokens.append(str(metadata.get("authorization", "")))
        digits = "".join(c for c in request.phone if c.isdigit())
        found = self.customers.get("+" + digits)
        if found is None:
            return directory_pb.LookupByPhoneResponse(found=False)
        return directory_pb.LookupByPhoneResponse(
            found=True,
            customer_id=str(found[0]),
            customer_name=found[1],
            owner_org="dealer-a",
            status="open",
        )


@pytest.fixture(scope="module")
async def known_customers() -> AsyncIterator[tuple[KnownCustomers, str]]:
    servicer = KnownCustomers()
    server = grpc.aio.server()
    directory_grpc.add_CustomerDirectoryServicer_to_server(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")
    await server.start()
    yield servicer, f"127.0.0.1:{port}"
    await server.stop(0)


@pytest.fixture
def directory(known_customers: tuple[KnownCustomers, str]) -> KnownCustomers:
    servicer = known_customers[0]
    servicer.customers.clear()
    servicer.tokens.clear()
    return servicer


@pytest.fixture(scope="module")
def service_under_test() -> ServiceUnderTest:
    """The service desk's api on the tenant's org tree and staff."""
    return ServiceUnderTest(
        "service-desk", create_api, TENANT, ORG, TABLES, staff=PEOPLE.everyone(), pool_size=10
    )


@pytest.fixture(scope="module")
def service_settings(
    service_database: str,
    infrastructure: Infrastructure,
    jwks_url: str,
    known_customers: tuple[KnownCustomers, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> Settings:
    """Its api asks leads' directory on loopback and keeps files in a temporary folder."""
    return api_settings(
        "service-desk",
        service_database,
        infrastructure.redis_url,
        jwks_url,
        grpc_port=free_port(),
        leads_grpc_target=known_customers[1],
        file_storage=str(tmp_path_factory.mktemp("files")),
        attachment_max_bytes=64 * 1024,
    )


@pytest.fixture
def as_user(service_api: FastAPI, signing_key_pem: str, sessions: Sessions) -> AsUser:
    """``as_user(PEOPLE.advisor)``: a client of the api with that user's token, on a fresh
    tenant state."""
    return AsUser(service_api, signing_key_pem)


desk_database = alias("desk_database", "service_database")
desk_api = alias("desk_api", "service_api")
