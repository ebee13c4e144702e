"""CustomerDirectory.LookupByPhone over real gRPC, served by the leads api's lifespan, on a real
migrated PostgreSQL, with tokens verified against a real JWKS endpoint."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import grpc
import pytest
from fastapi import FastAPI
from sqlalchemy import delete, insert, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth.principal import DataScope, Principal
from crm_common.auth.tokens import generate_private_key_pem, sign_access_token
from crm_common.contracts.proto.leads.v1 import customer_directory_pb2 as directory
from crm_common.contracts.proto.leads.v1 import customer_directory_pb2_grpc as directory_grpc
from crm_common.db.tables import personal_data_audit, sharing_levels, staff
from crm_common.grpc import bearer_channel
from crm_common.policy import DataType, Direction, SharingLevel
from crm_leads.adapters.tables import customers, leads, pools

from .conftest import PEOPLE, TENANT, principal

pytestmark = pytest.mark.integration
Sessions = async_sessionmaker[AsyncSession]

STORED_PHONE = "+8613800138000"
DIALLED = "138 0013 8000"
CUSTOMER_NAME = "王伟"
ENDPOINT = "grpc CustomerDirectory.LookupByPhone"


@pytest.fixture(scope="module")
def directory_address(leads_api: FastAPI) -> str:
    """The gRPC server of the leads api, as the api process runs it."""
    return f"127.0.0.1:{leads_api.state.settings.grpc_port}"


@pytest.fixture
async def lead_id(sessions: Sessions) -> uuid.UUID:
    """A customer of dealer-a whose open lead consultant1 owns."""
    now = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)
    pool_id, customer_id, lead = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    async with sessions() as session, session.begin():
        await session.execute(
            insert(pools).values(
                id=pool_id,
                tenant=TENANT,
                owner_org="dealer-a",
                name="dealer-a",
                kind="dealer",
                auto_assignment="none",
                rules={},
                is_default=True,
                created_at=now,
            )
        )
        await session.execute(
            insert(customers).values(
                id=customer_id,
                tenant=TENANT,
                owner_org="dealer-a",
                phone=STORED_PHONE,
                name=CUSTOMER_NAME,
                created_at=now,
            )
        )
        await session.execute(
            insert(leads).values(
                id=lead,
                tenant=TENANT,
                owner_org="dealer-a",
                customer_id=customer_id,
                customer_name=CUSTOMER_NAME,
                phone=STORED_PHONE,
                source="walk_in",
                created_by="c1",
                created_at=now,
                status="open",
                home_pool_id=pool_id,
                owner_user="c1",
                owner_team="team-a1",
                owned_since=now,
                grade="H",
            )
        )
    return lead


def token_of(who: Principal, key: str) -> str:
    return sign_access_token(key, who, issuer="crm-identity", audience="crm")


async def lookup(address: str, token: str | None, phone: str) -> directory.LookupByPhoneResponse:
    async with bearer_channel(address, token) as channel:
        stub = directory_grpc.CustomerDirectoryStub(channel)
        return await stub.LookupByPhone(directory.LookupByPhoneRequest(phone=phone), timeout=10)


async def audit_of(sessions: Sessions, lead: uuid.UUID) -> list[tuple[str, str, str]]:
    a = personal_data_audit
    query = (
        select(a.c.actor, a.c.level, a.c.endpoint)
        .where(a.c.resource_id == str(lead))
        .order_by(a.c.id)
    )
    async with sessions() as session:
        return [tuple(row) for row in (await session.execute(query)).all()]


async def test_the_owner_and_the_dealer_s_manager_see_the_customer_in_full(
    directory_address: str, sessions: Sessions, lead_id: uuid.UUID, signing_key_pem: str
) -> None:
    for who in (PEOPLE.consultant1, PEOPLE.manager):
        found = await lookup(directory_address, token_of(who, signing_key_pem), DIALLED)
        assert found.found, who.user_id
        assert found.lead_id == str(lead_id)
        assert found.customer_name == CUSTOMER_NAME
        assert found.phone == STORED_PHONE
        assert (found.owner_org, found.owner_user) == ("dealer-a", "c1")
        assert (found.status, found.grade) == ("open", "H")
        assert found.customer_id
    assert await audit_of(sessions, lead_id) == [
        ("c1", "full", ENDPOINT),
        ("m1", "full", ENDPOINT),
    ]
    async with sessions() as session:
        entry = (
            await session.execute(
                select(
                    personal_data_audit.c.action,
                    personal_data_audit.c.resource_type,
                    personal_data_audit.c.owner_org,
                    personal_data_audit.c.actor_org,
                    personal_data_audit.c.fields,
                )
                .where(personal_data_audit.c.resource_id == str(lead_id))
                .order_by(personal_data_audit.c.id)
            )
        ).first()
    assert tuple(entry or ()) == (
        "read",
        "lead",
        "dealer-a",
        "team-a1",
        ["customer_name", "phone"],
    )


async def test_a_number_the_caller_may_not_see_is_not_found(
    directory_address: str, sessions: Sessions, lead_id: uuid.UUID, signing_key_pem: str
) -> None:
    other_tenant = Principal(
        user_id="x1",
        tenant="oem-other",
        org_node="dealer-a",
        roles=frozenset({"sales_manager"}),
        data_scope=DataScope.DEALER,
    )
    for who in (
        PEOPLE.consultant2,  # same dealer, but own scope and not the owner
        PEOPLE.other_dealer_manager,
        PEOPLE.hq_analyst,  # dealer-a shares leads with the OEM as figures only
        other_tenant,
    ):
        answer = await lookup(directory_address, token_of(who, signing_key_pem), DIALLED)
        assert answer == directory.LookupByPhoneResponse(found=False), who.user_id
    unknown = await lookup(
        directory_address, token_of(PEOPLE.consultant1, signing_key_pem), "139 0000 0000"
    )
    assert not unknown.found
    assert await audit_of(sessions, lead_id) == []


async def test_a_call_center_supervisor_sees_a_shared_lead_masked(
    directory_address: str, sessions: Sessions, lead_id: uuid.UUID, signing_key_pem: str
) -> None:
    supervisor = principal("cc1", "hq", "call_center_supervisor", DataScope.SUBTREE)
    token = token_of(supervisor, signing_key_pem)
    routing_only = await lookup(directory_address, token, DIALLED)
    assert routing_only == directory.LookupByPhoneResponse(
        found=True, owner_org="dealer-a", owner_user="c1", status="open"
    ), "figures-only sharing: who to put the call through to, nothing about the customer"
    assert await audit_of(sessions, lead_id) == [], "no personal data was read"
    shared = {
        "tenant": TENANT,
        "data_type": DataType.LEAD.value,
        "direction": Direction.DEALER_TO_OEM.value,
        "dealer_id": "dealer-a",
        "partner_id": "*",
    }
    async with sessions() as session, session.begin():
        await session.execute(
            insert(sharing_levels).values(**shared, level=SharingLevel.MASKED.value)
        )
    try:
        found = await lookup(directory_address, token, "+86 138-0013-8000")
    finally:
        async with sessions() as session, session.begin():
            await session.execute(
                delete(sharing_levels).where(
                    *(sharing_levels.c[name] == value for name, value in shared.items())
                )
            )
    assert found.found
    assert (found.customer_name, found.phone) == ("王*", "138****8000")
    assert (found.owner_org, found.owner_user, found.lead_id) == ("dealer-a", "c1", str(lead_id))
    assert await audit_of(sessions, lead_id) == [("cc1", "masked", ENDPOINT)]


async def test_a_hotline_agent_routes_calls_across_dealers_but_not_where_nothing_is_shared(
    directory_address: str, sessions: Sessions, lead_id: uuid.UUID, signing_key_pem: str
) -> None:
    agent = principal("ag1", "hq", "call_center_agent", DataScope.OWN)
    token = token_of(agent, signing_key_pem)
    named = {"tenant": TENANT, "org_node": "dealer-a", "roles": [], "active": True}
    async with sessions() as session, session.begin():
        await session.execute(
            pg_insert(staff)
            .values(user_id="c1", **named, display_name="王顾问")
            .on_conflict_do_update(
                index_elements=[staff.c.user_id], set_={"display_name": "王顾问"}
            )
        )
    answer = await lookup(directory_address, token, DIALLED)
    assert (answer.found, answer.owner_org, answer.owner_user, answer.customer_name) == (
        True,
        "dealer-a",
        "c1",
        "",
    )
    assert answer.owner_name == "王顾问", "whoever works the caller, by name (staff, not customer)"
    nothing = {
        "tenant": TENANT,
        "data_type": DataType.LEAD.value,
        "direction": Direction.DEALER_TO_OEM.value,
        "dealer_id": "dealer-a",
        "partner_id": "*",
    }
    async with sessions() as session, session.begin():
        await session.execute(
            insert(sharing_levels).values(**nothing, level=SharingLevel.NONE.value)
        )
    try:
        withheld = await lookup(directory_address, token, DIALLED)
    finally:
        async with sessions() as session, session.begin():
            await session.execute(
                delete(sharing_levels).where(
                    *(sharing_levels.c[name] == value for name, value in nothing.items())
                )
            )
    assert withheld == directory.LookupByPhoneResponse(found=False)


async def test_a_lead_no_longer_open_is_not_found(
    directory_address: str, sessions: Sessions, lead_id: uuid.UUID, signing_key_pem: str
) -> None:
    async with sessions() as session, session.begin():
        await session.execute(leads.update().where(leads.c.id == lead_id).values(status="lost"))
    answer = await lookup(directory_address, token_of(PEOPLE.manager, signing_key_pem), DIALLED)
    assert not answer.found


@pytest.mark.parametrize(
    ("credentials", "code"),
    [
        pytest.param("none", grpc.StatusCode.UNAUTHENTICATED, id="no-token"),
        pytest.param("garbage", grpc.StatusCode.UNAUTHENTICATED, id="malformed-token"),
        pytest.param("foreign-key", grpc.StatusCode.UNAUTHENTICATED, id="untrusted-signer"),
        pytest.param("partner", grpc.StatusCode.PERMISSION_DENIED, id="role-without-function"),
    ],
)
async def test_callers_without_a_valid_token_or_function_are_refused(
    directory_address: str,
    sessions: Sessions,
    lead_id: uuid.UUID,
    signing_key_pem: str,
    credentials: str,
    code: grpc.StatusCode,
) -> None:
    partner = principal("p1", "dealer-a", "partner_user", DataScope.OWN)
    token = {
        "none": None,
        "garbage": "not-a-jwt",
        "foreign-key": token_of(PEOPLE.manager, generate_private_key_pem()),
        "partner": token_of(partner, signing_key_pem),
    }[credentials]
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await lookup(directory_address, token, DIALLED)
    assert refused.value.code() == code
    assert await audit_of(sessions, lead_id) == []


async def test_an_invalid_phone_is_an_invalid_argument_naming_the_field(
    directory_address: str, signing_key_pem: str
) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as refused:
        await lookup(directory_address, token_of(PEOPLE.consultant1, signing_key_pem), "12ab")
    assert refused.value.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert refused.value.details().startswith("phone:")
