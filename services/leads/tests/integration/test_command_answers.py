"""Leads' commands over HTTP: what a command answers is never more than the caller's read,
sharing never lets anyone change a dealer's book, and the pool report is for the pool's
managers."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from uuid import uuid4

import pytest
from fastapi import FastAPI
from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth.principal import DataScope, Principal
from crm_common.db.tables import personal_data_audit, sharing_levels
from crm_common.policy import DataType, Direction, SharingLevel
from crm_common.policy.sharing import ALL_ORGS
from crm_common.testing.services import client_as
from crm_leads.adapters.tables import leads

from .conftest import PEOPLE, TENANT

pytestmark = pytest.mark.integration
Sessions = async_sessionmaker[AsyncSession]
NAME, PHONE = "欧阳娜娜", "13912345678"
REGION_MANAGER = Principal(
    user_id="r1",
    tenant=TENANT,
    org_node="east",
    roles=frozenset({"region_manager"}),
    data_scope=DataScope.SUBTREE,
)
DEALER_ADMIN = Principal(
    user_id="a1",
    tenant=TENANT,
    org_node="dealer-a",
    roles=frozenset({"dealer_admin"}),
    data_scope=DataScope.DEALER,
)


@asynccontextmanager
async def shared(sessions: Sessions, level: SharingLevel) -> AsyncIterator[None]:
    """dealer-a shares its leads with the OEM at ``level`` while the block runs."""
    agreement = {
        "tenant": TENANT,
        "data_type": DataType.LEAD.value,
        "direction": Direction.DEALER_TO_OEM.value,
        "dealer_id": "dealer-a",
        "partner_id": ALL_ORGS,
    }
    async with sessions() as session, session.begin():
        await session.execute(insert(sharing_levels).values(**agreement, level=level.value))
    try:
        yield
    finally:
        async with sessions() as session, session.begin():
            await session.execute(
                delete(sharing_levels).where(
                    *(sharing_levels.c[name] == value for name, value in agreement.items())
                )
            )


async def test_a_region_reading_a_shared_lead_masked_can_neither_change_nor_unmask_it(
    sessions: Sessions, leads_api: FastAPI, signing_key_pem: str
) -> None:
    """The defect of issue 15: unlock and release answered 200 with the full name and phone
    and released the lead in the dealer's book."""
    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant1) as owner:
        created = await owner.post(
            "/leads", json={"customer_name": NAME, "phone": PHONE, "source": "phone"}
        )
        lead = created.json()["id"]
        assert (await owner.post(f"/leads/{lead}/lock")).status_code == 200
    async with (
        shared(sessions, SharingLevel.MASKED),
        client_as(leads_api, signing_key_pem, REGION_MANAGER) as region,
    ):
        read = await region.get(f"/leads/{lead}")
        assert (read.status_code, read.json()["phone"]) == (200, "139****5678")
        answers = [
            await region.post(f"/leads/{lead}/unlock"),
            await region.post(f"/leads/{lead}/release", json={"reason": "mine now"}),
            await region.post(f"/leads/{lead}/assign", json={"user_id": "c2"}),
            await region.post(f"/leads/{lead}/loss/decision", json={"approved": True}),
        ]
    assert [a.status_code for a in answers] == [404, 404, 404, 404]
    assert not [a.text for a in answers if PHONE in a.text or NAME in a.text]
    async with sessions() as session:
        owner_user = (
            await session.execute(select(leads.c.owner_user).where(leads.c.id == lead))
        ).scalar_one()
    assert owner_user == "c1"


async def test_a_command_answers_with_the_caller_s_read_view_and_is_audited(
    sessions: Sessions, leads_api: FastAPI, signing_key_pem: str
) -> None:
    """A consultant who gives a lead back may no longer read it: the answer is masked. A
    manager of the dealer answers in full. Each answer is in the personal-data audit."""
    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant1) as owner:
        lead = (
            await owner.post(
                "/leads", json={"customer_name": NAME, "phone": PHONE, "source": "phone"}
            )
        ).json()["id"]
        released = await owner.post(f"/leads/{lead}/release", json={"reason": "no time"})
    assert released.status_code == 200, released.text
    assert (released.json()["phone"], released.json()["customer_name"]) == ("139****5678", "欧***")
    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        assigned = await manager.post(f"/leads/{lead}/assign", json={"user_id": "c2"})
    assert (assigned.status_code, assigned.json()["phone"]) == (200, "+86" + PHONE)
    async with sessions() as session:
        audited = (
            await session.execute(
                select(personal_data_audit.c.actor, personal_data_audit.c.level)
                .where(
                    personal_data_audit.c.resource_id == lead,
                    personal_data_audit.c.endpoint.like("POST /leads/{lead_id}/%"),
                )
                .order_by(personal_data_audit.c.id)
            )
        ).all()
    assert [tuple(a) for a in audited] == [("c1", "masked"), ("m1", "full")]


async def test_of_claimants_at_once_one_wins_answered_in_full_and_audited_with_the_claim(
    sessions: Sessions, leads_api: FastAPI, signing_key_pem: str
) -> None:
    """The winning claim reads and audits its answer in its own transaction: one audit entry,
    the winner's; the losers, who waited for it in theirs, are answered 409 and audited
    nowhere."""
    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        lead = (
            await manager.post(
                "/leads", json={"customer_name": NAME, "phone": PHONE, "source": "phone"}
            )
        ).json()["id"]
    claimants = [PEOPLE.consultant1, PEOPLE.consultant2, PEOPLE.consultant3]
    async with (
        client_as(leads_api, signing_key_pem, claimants[0]) as first,
        client_as(leads_api, signing_key_pem, claimants[1]) as second,
        client_as(leads_api, signing_key_pem, claimants[2]) as third,
    ):
        answers = await asyncio.gather(
            *(client.post(f"/leads/{lead}/claim") for client in (first, second, third))
        )
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200, 409, 409], [a.text for a in answers]
    won = next(a.json() for a in answers if a.status_code == 200)
    assert (won["phone"], won["customer_name"]) == ("+86" + PHONE, NAME)
    assert all("already taken" in a.json()["detail"] for a in answers if a.status_code == 409)
    async with sessions() as session:
        audited = (
            await session.execute(
                select(
                    personal_data_audit.c.actor,
                    personal_data_audit.c.action,
                    personal_data_audit.c.level,
                ).where(
                    personal_data_audit.c.resource_id == lead,
                    personal_data_audit.c.endpoint == "POST /leads/{lead_id}/claim",
                )
            )
        ).all()
    assert [tuple(a) for a in audited] == [(won["owner_user"], "claim", "full")]


async def test_moving_to_another_book_s_pool_names_pool_id_and_audit_of_unseen_leads_is_404(
    leads_api: FastAPI, signing_key_pem: str
) -> None:
    async with client_as(leads_api, signing_key_pem, PEOPLE.other_dealer_manager) as other:
        theirs = (
            await other.post(
                "/leads", json={"customer_name": "B", "phone": "13500000001", "source": "phone"}
            )
        ).json()
    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        ours = (
            await manager.post(
                "/leads", json={"customer_name": "A", "phone": "13500000002", "source": "phone"}
            )
        ).json()
        moved = await manager.post(f"/leads/{ours['id']}/move", json={"pool_id": theirs["pool_id"]})
    assert moved.status_code == 422, moved.text
    assert moved.json()["detail"][0]["loc"] == ["body", "pool_id"]
    async with client_as(leads_api, signing_key_pem, DEALER_ADMIN) as admin:
        foreign = await admin.get(f"/leads/{theirs['id']}/audit")
        made_up = await admin.get(f"/leads/{uuid4()}/audit")
        own = await admin.get(f"/leads/{ours['id']}/audit")
    assert (foreign.status_code, made_up.status_code, own.status_code) == (404, 404, 200)
    assert [e["action"] for e in own.json()] == ["create"]


async def test_the_pool_report_is_for_the_pool_s_managers_not_those_it_is_open_to(
    leads_api: FastAPI, signing_key_pem: str
) -> None:
    """The region's pool is open to the dealers below; its report (other dealers'
    consultants, their counts and collusion flags) is the region's."""
    async with client_as(leads_api, signing_key_pem, REGION_MANAGER) as region:
        created = await region.post(
            "/leads", json={"customer_name": "R", "phone": "13500000003", "source": "phone"}
        )
        pool = created.json()["pool_id"]
        assert (await region.get(f"/pools/{pool}/report")).status_code == 200
    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        listed = (await manager.get("/pools")).json()
        open_to_me = {p["id"] for p in listed}
        # A page at a time, by book and name.
        pages = [
            (await manager.get("/pools", params={"limit": 1, "offset": n})).json() for n in (0, 1)
        ]
        report = await manager.get(f"/pools/{pool}/report")
    assert pool in open_to_me
    assert [p["id"] for page in pages for p in page] == [p["id"] for p in listed[:2]]
    assert report.status_code == 404


async def test_a_lead_s_history_and_audit_come_a_page_at_a_time(
    leads_api: FastAPI, signing_key_pem: str
) -> None:
    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        lead = (
            await manager.post(
                "/leads", json={"customer_name": "C", "phone": "13500000003", "source": "phone"}
            )
        ).json()
        for _ in range(2):  # each read of it is audited
            assert (await manager.get(f"/leads/{lead['id']}")).status_code == 200
        history = await manager.get(f"/leads/{lead['id']}/history", params={"limit": 1})
        too_many = await manager.get(f"/leads/{lead['id']}/history", params={"limit": 501})
    assert len(history.json()) == 1
    assert too_many.status_code == 422
    assert too_many.json()["detail"][0]["loc"] == ["query", "limit"]
    async with client_as(leads_api, signing_key_pem, DEALER_ADMIN) as admin:
        path = f"/leads/{lead['id']}/audit"
        every = (await admin.get(path)).json()
        first = (await admin.get(path, params={"limit": 2})).json()
        rest = (await admin.get(path, params={"limit": 2, "offset": 2})).json()
    assert len(every) >= 3
    assert first + rest == every[:4]
