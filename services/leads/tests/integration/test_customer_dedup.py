"""Customers deduplicated on a dealer's configured keys besides the phone (WeChat id, email,
resident ID number), on every intake path and under concurrency — on real PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth.principal import Principal
from crm_common.db import UnitOfWork
from crm_common.testing.services import client_as
from crm_leads.adapters.tables import customer_identifiers, customers, lead_history
from crm_leads.application import customers as customers_app
from crm_leads.application import handlers, imports
from crm_leads.application import pools as pools_app
from crm_leads.application.handlers import CreateLead, Registration
from crm_leads.domain.customer_identifiers import CustomerIdentifiers, IdentifierKind
from crm_leads.domain.lead import LeadSource
from crm_leads.domain.lead_import import ImportFormat

from .conftest import PEOPLE

pytestmark = pytest.mark.integration
Sessions = async_sessionmaker[AsyncSession]
ID_NUMBER = "11010519491231002X"


async def configure(sessions: Sessions, manager: Principal, *keys: IdentifierKind) -> None:
    await pools_app.set_dedup_keys(keys, manager, UnitOfWork(sessions), now=datetime.now())


async def submit(
    sessions: Sessions, who: Principal, phone: str, now: datetime, **identifiers: str
) -> Registration:
    return await handlers.create_lead(
        CreateLead(
            "吴彦", phone, LeadSource.WALK_IN, None, None, CustomerIdentifiers(**identifiers)
        ),
        who,
        UnitOfWork(sessions),
        via="test",
        now=now,
    )


async def customers_of(sessions: Sessions, book: str) -> int:
    async with sessions() as session:
        query = select(func.count()).where(customers.c.owner_org == book)
        return (await session.execute(query)).scalar_one()


async def test_over_http_a_second_phone_with_a_configured_wechat_id_attaches_to_the_owner(
    sessions: Sessions, leads_api: FastAPI, signing_key_pem: str
) -> None:
    def lead(phone: str, wechat_id: str) -> dict[str, Any]:
        return {"customer_name": "王伟", "phone": phone, "source": "web", "wechat_id": wechat_id}

    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as manager:
        assert (await manager.get("/dedup-keys")).json() == {"keys": []}, "phone only by default"
        put = await manager.put("/dedup-keys", json={"keys": ["wechat_id"]})
        assert (put.status_code, put.json()) == (200, {"keys": ["wechat_id"]})
        assert (await manager.get("/dedup-keys")).json() == {"keys": ["wechat_id"]}
        twice = await manager.put("/dedup-keys", json={"keys": ["email", "email"]})
        assert twice.status_code == 422
    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant1) as c1:
        assert (await c1.put("/dedup-keys", json={"keys": []})).status_code == 403
        first = await c1.post("/leads", json=lead("13300000001", "wang_wei"))
        assert first.status_code == 201, first.text
    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant2) as c2:
        again = await c2.post("/leads", json=lead("13300000002", " wang_wei "))
        bad = await c2.post("/leads", json={**lead("13300000003", "x"), "email": "no-at-sign"})
    assert again.status_code == 200, again.text
    assert again.json()["attached_to"] == first.json()["id"]
    assert again.json()["owner_user"] == "c1"
    assert (bad.status_code, bad.json()["detail"][0]["loc"]) == (422, ["body", "email"])
    async with client_as(leads_api, signing_key_pem, PEOPLE.other_dealer_consultant) as b1:
        elsewhere = await b1.post("/leads", json=lead("13300000002", "wang_wei"))
    assert elsewhere.status_code == 201, "another dealer's book knows nothing of dealer-a's"
    assert elsewhere.json()["customer_id"] != first.json()["customer_id"]
    assert (await customers_of(sessions, "dealer-a"), await customers_of(sessions, "dealer-b")) == (
        1,
        1,
    )


async def test_without_the_key_configured_the_same_wechat_id_is_another_customer(
    sessions: Sessions, now: datetime
) -> None:
    first = await submit(sessions, PEOPLE.consultant1, "13300000011", now, wechat_id="w11")
    second = await submit(sessions, PEOPLE.consultant2, "13300000012", now, wechat_id="w11")
    assert (first.attached, second.attached) == (False, False)
    assert first.lead.customer_id != second.lead.customer_id
    async with sessions() as session:
        holders = (await session.execute(select(customer_identifiers.c.customer_id))).scalars()
        assert list(holders) == [first.lead.customer_id], "the first file keeps the value"


async def test_a_matching_id_number_attaches_and_the_number_is_nowhere_in_the_database(
    sessions: Sessions, leads_api: FastAPI, signing_key_pem: str
) -> None:
    await configure(sessions, PEOPLE.manager, IdentifierKind.ID_NUMBER)
    body = {"customer_name": "李娜", "source": "walk_in", "id_number": ID_NUMBER.lower()}
    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant1) as c1:
        first = await c1.post("/leads", json={**body, "phone": "13300000021"})
        bad = await c1.post("/leads", json={**body, "phone": "13300000023", "id_number": "123"})
    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant2) as c2:
        again = await c2.post("/leads", json={**body, "phone": "13300000022"})
    assert first.status_code == 201, first.text
    assert (again.status_code, again.json()["owner_user"]) == (200, "c1")
    assert (bad.status_code, bad.json()["detail"][0]["loc"]) == (422, ["body", "id_number"])
    async with sessions() as session:
        (stored,) = (await session.execute(select(customer_identifiers))).mappings().all()
        assert stored["kind"] == "id_number"
        assert len(stored["value"]) == 64, "its digest"
        tables = (
            await session.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
            )
        ).scalars()
        for table in tables:
            leaked = await session.execute(
                # Table names from pg_tables, not from input.
                text(f'SELECT count(*) FROM "{table}" t WHERE t::text ILIKE :number'),  # noqa: S608
                {"number": f"%{ID_NUMBER}%"},
            )
            assert leaked.scalar_one() == 0, f"the ID number is in {table}"


async def test_an_import_row_with_a_known_email_attaches_to_that_customer(
    sessions: Sessions, now: datetime
) -> None:
    await configure(sessions, PEOPLE.manager, IdentifierKind.EMAIL)
    known = await submit(sessions, PEOPLE.consultant1, "13300000031", now, email="li.na@example.cn")
    data = (
        "姓名,手机,来源,邮箱\n"
        "李娜,13300000032,web, Li.Na@Example.CN \n"  # the consultant's customer, a new phone
        "张三,13300000033,web,zhang@example.cn\n"
        "张三,13300000034,web,zhang@example.cn\n"  # the same person again within the file
    ).encode()

    async def body() -> AsyncIterator[bytes]:
        yield data

    job = await imports.start_import(
        body(), ImportFormat.CSV, PEOPLE.manager, UnitOfWork(sessions), now=now
    )
    await imports.work_imports(sessions, clock=lambda: now, seconds=60)
    done = await imports.import_of(job.id, PEOPLE.manager, sessions)
    assert (done.rows_created, done.rows_attached, done.rows_failed) == (1, 2, 0)
    async with sessions() as session:
        history = await session.execute(
            select(lead_history.c.kind).where(lead_history.c.lead_id == known.lead.id)
        )
        assert list(history.scalars()) == ["created", "attached"]
    assert await customers_of(sessions, "dealer-a") == 2


async def test_a_merge_carries_the_identifiers_and_later_submissions_follow_them(
    sessions: Sessions, now: datetime
) -> None:
    kept = await submit(sessions, PEOPLE.consultant1, "13300000041", now, wechat_id="w41")
    merged = await submit(sessions, PEOPLE.consultant2, "13300000042", now, email="e42@x.cn")
    await handlers.report_lost(
        merged.lead.id, "the same person", PEOPLE.consultant2, UnitOfWork(sessions), now=now
    )
    await handlers.decide_loss(merged.lead.id, True, PEOPLE.manager, UnitOfWork(sessions), now=now)
    await customers_app.merge_customers(
        merged.lead.customer_id,
        kept.lead.customer_id,
        PEOPLE.manager,
        UnitOfWork(sessions),
        now=now,
    )
    async with sessions() as session:
        held = await session.execute(
            select(customer_identifiers.c.kind, customer_identifiers.c.customer_id)
        )
        assert {kind: customer for kind, customer in held.all()} == {
            "wechat_id": kept.lead.customer_id,
            "email": kept.lead.customer_id,
        }
    await configure(sessions, PEOPLE.manager, IdentifierKind.EMAIL)
    later = await submit(sessions, PEOPLE.consultant3, "13300000043", now, email="e42@x.cn")
    assert (later.attached, later.lead.id, later.lead.owner_user) == (True, kept.lead.id, "c1")


async def test_twenty_concurrent_submissions_of_one_new_wechat_id_make_one_customer(
    sessions: Sessions, now: datetime
) -> None:
    await configure(sessions, PEOPLE.manager, IdentifierKind.WECHAT_ID)
    registrations = await asyncio.gather(
        *(
            submit(sessions, PEOPLE.manager, f"133000001{i:02}", now, wechat_id="crowd")
            for i in range(20)
        )
    )
    assert sorted(r.attached for r in registrations) == [False] + [True] * 19
    assert len({r.lead.id for r in registrations}) == 1
    assert await customers_of(sessions, "dealer-a") == 1
