"""The service desk on a real, migrated PostgreSQL database: the org tree and staff as
identity's events would leave them, the api in this process, and leads' customer directory
as a gRPC server on loopback answering for the customers a test names."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import grpc
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth.principal import DataScope, Principal
from crm_common.contracts.proto.leads.v1 import customer_directory_pb2 as directory_pb
from crm_common.contracts.proto.leads.v1 import customer_directory_pb2_grpc as directory_grpc
from crm_common.db import create_engine, create_session_factory
from crm_common.settings import Settings
from crm_common.testing.infrastructure import Infrastructure, as_app_role
from crm_common.testing.plugin import Databases
from crm_common.testing.processes import free_port
from crm_common.testing.services import AsUser, api_in_process, migrated_database, reset_tenant
from crm_service_desk.bootstrap import create_api

pytestmark = pytest.mark.integration

TENANT = "oem-t"
ORG = [
    ("hq", "/", None),
    ("east", "/hq/", None),
    ("dealer-a", "/hq/east/", "dealer-a"),
    ("team-a1", "/hq/east/dealer-a/", "dealer-a"),
    ("dealer-b", "/hq/east/", "dealer-b"),
]
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


def principal(user: str, org: str, role: str, scope: DataScope) -> Principal:
    return Principal(
        user_id=user, tenant=TENANT, org_node=org, roles=frozenset({role}), data_scope=scope
    )


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
async def desk_database(
    databases: Databases, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> str:
    purpose = f"desk_{request.module.__name__.rsplit('.', 1)[-1][:30]}"
    return await migrated_database(
        "service-desk", databases, purpose, tmp_path_factory.mktemp("desk")
    )


@pytest.fixture
async def sessions(desk_database: str) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """A fresh tenant state per test: the org tree and staff of the test tenant."""
    engine = create_engine(Settings(env="test", database_url=desk_database))
    factory = create_session_factory(engine)
    await reset_tenant(factory, TENANT, ORG, TABLES, staff=PEOPLE.everyone())
    yield factory
    await engine.dispose()


@pytest.fixture(scope="module")
async def desk_api(
    infrastructure: Infrastructure,
    desk_database: str,
    jwks_url: str,
    known_customers: tuple[KnownCustomers, str],
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[FastAPI]:
    settings = Settings(
        env="test",
        service_name="service-desk",
        # As in production: the app role, which sees only the tenants its requests declare.
        database_url=as_app_role(desk_database),
        redis_url=infrastructure.redis_url,
        jwks_url=jwks_url,
        grpc_port=free_port(),
        leads_grpc_target=known_customers[1],
        log_level="WARNING",
        file_storage=str(tmp_path_factory.mktemp("files")),
        attachment_max_bytes=64 * 1024,
    )
    async with api_in_process(create_api, settings) as app:
        yield app


@pytest.fixture
def as_user(
    desk_api: FastAPI,
    signing_key_pem: str,
    sessions: async_sessionmaker[AsyncSession],
) -> AsUser:
    return AsUser(desk_api, signing_key_pem)
