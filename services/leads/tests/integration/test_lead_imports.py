"""Bulk import on real PostgreSQL: an uploaded file becomes a job; the worker imports it slice by
slice (leads, customers, history, LeadCreated events, error rows and progress in one
transaction each), attaches repeats instead of duplicating, and resumes after a crash."""

from __future__ import annotations

import asyncio
import csv
import io
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any
from uuid import UUID

import openpyxl
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth.principal import DataScope, Principal
from crm_common.db import UnitOfWork
from crm_common.db.tables import outbox
from crm_common.errors import InvalidInput
from crm_common.import_jobs.store import ImportJobStore
from crm_common.testing.services import client_as
from crm_leads.adapters import book_store
from crm_leads.adapters.import_tables import import_jobs
from crm_leads.adapters.tables import customers, lead_history, leads
from crm_leads.application import handlers, imports
from crm_leads.application import pools as pools_app
from crm_leads.application.handlers import CreateLead
from crm_leads.application.imports import ImportNotFound
from crm_leads.domain.lead import LeadSource
from crm_leads.domain.lead_import import ImportFormat, ImportStatus, InvalidHeader, LeadImport
from crm_leads.domain.pool_rules import AutoAssignment, PoolKind, PoolRules

from .conftest import PEOPLE, principal

pytestmark = pytest.mark.integration
Sessions = async_sessionmaker[AsyncSession]
HEADER = "customer_name,phone,source,vehicle_interest\n"


@pytest.fixture
async def clean(sessions: Sessions) -> Sessions:
    async with sessions() as session, session.begin():
        await session.execute(text("TRUNCATE import_jobs CASCADE"))
    return sessions


async def parts(data: bytes, size: int = 64 * 1024) -> AsyncIterator[bytes]:
    """The body as an HTTP server hands it over: in pieces."""
    for start in range(0, len(data), size):
        yield data[start : start + size]


async def upload(
    sessions: Sessions,
    data: bytes,
    now: datetime,
    file_format: ImportFormat = ImportFormat.CSV,
    actor: Principal = PEOPLE.manager,
) -> LeadImport:
    return await imports.start_import(
        parts(data), file_format, actor, UnitOfWork(sessions), now=now
    )


async def work(sessions: Sessions, now: datetime, **options: Any) -> int:
    return await imports.work_imports(sessions, clock=lambda: now, seconds=120, **options)


async def job_of(sessions: Sessions, import_id: UUID) -> LeadImport:
    return await imports.import_of(import_id, PEOPLE.manager, sessions)


async def count(sessions: Sessions, query: Any) -> int:
    async with sessions() as session:
        return int((await session.execute(query)).scalar_one())


async def created_events(sessions: Sessions) -> list[str]:
    async with sessions() as session:
        rows = await session.execute(
            select(outbox.c.payload["data"]["lead_id"].astext).where(
                outbox.c.event_type == "leads.LeadCreated"
            )
        )
        return list(rows.scalars())


async def lead_ids(sessions: Sessions) -> set[str]:
    async with sessions() as session:
        return {str(i) for i in (await session.execute(select(leads.c.id))).scalars()}


def csv_of(rows: list[str]) -> bytes:
    return (HEADER + "".join(f"{row}\n" for row in rows)).encode()


def phone(i: int) -> str:
    return f"139{i:08d}"


def ten_thousand_rows_with_faults() -> list[str]:
    """Per hundred rows: one bad phone, one empty name, one unknown source."""
    rows = []
    for i in range(10_000):
        name, tel, source = f"客户{i}", phone(i), "campaign"
        match i % 100:
            case 11:
                tel = "12-34"
            case 22:
                name = " "
            case 33:
                source = "billboard"
        rows.append(f"{name},{tel},{source},Model {i % 7}")
    return rows


async def test_ten_thousand_rows_import_with_exact_counts_and_a_per_row_error_report(
    clean: Sessions, now: datetime
) -> None:
    job = await upload(clean, csv_of(ten_thousand_rows_with_faults()), now)
    assert (job.status, job.owner_org, job.rows_estimated) == ("queued", "dealer-a", 10_000)
    assert await work(clean, now, slice_rows=2_000) == 10_000

    done = await job_of(clean, job.id)
    assert done.status is ImportStatus.DONE
    assert (done.rows_read, done.rows_created, done.rows_attached, done.rows_failed) == (
        10_000,
        9_700,
        0,
        300,
    )
    assert (done.next_row, done.finished_at) == (10_002, now)
    report = await imports.import_errors(
        job.id, PEOPLE.manager, UnitOfWork(clean), after=0, limit=1000, via="test"
    )
    assert len(report) == 300
    # Data row i is file row i + 2 (the header is row 1).
    assert [(e.row_number, e.field, e.value) for e in report[:3]] == [
        (13, "phone", "12-34"),
        (24, "customer_name", ""),
        (35, "source", "billboard"),
    ]
    assert await count(clean, select(func.count()).select_from(import_jobs.chunks)) == 0

    async with clean() as session:
        placed = (
            await session.execute(
                select(
                    leads.c.owner_org, leads.c.owner_user, leads.c.pool_id.is_(None), func.count()
                ).group_by(leads.c.owner_org, leads.c.owner_user, leads.c.pool_id.is_(None))
            )
        ).all()
    assert [tuple(p) for p in placed] == [("dealer-a", None, False, 9_700)], "all in the pool"
    events = await created_events(clean)
    assert len(events) == 9_700
    assert set(events) == await lead_ids(clean)
    created_history = select(func.count()).where(lead_history.c.kind == "created")
    assert await count(clean, created_history) == 9_700


async def test_a_known_customer_and_repeats_in_the_file_attach_instead_of_duplicating(
    clean: Sessions, now: datetime
) -> None:
    known = await handlers.create_lead(
        CreateLead("王伟", "138 0013 8000", LeadSource.WALK_IN, None),
        PEOPLE.consultant1,
        UnitOfWork(clean),
        via="test",
        now=now,
    )
    rows = [
        "王伟,+86 138-0013-8000,referral,",  # the consultant's customer
        "李娜,13900000001,web,",
        "张三,13900000002,web,",
        "李娜 again,139 0000 0001,phone,",  # repeat within the same slice
        "张三 again,13900000002,flyer,",  # repeat in a later slice
    ]
    job = await upload(clean, csv_of(rows), now)
    await work(clean, now, slice_rows=4)

    done = await job_of(clean, job.id)
    assert (done.rows_created, done.rows_attached, done.rows_failed) == (2, 3, 0)
    async with clean() as session:
        per_phone = await session.execute(
            select(leads.c.phone, func.count()).group_by(leads.c.phone)
        )
        open_per_phone = {phone: leads_of_phone for phone, leads_of_phone in per_phone}
        known_history = (
            await session.execute(
                select(lead_history.c.kind, lead_history.c.actor)
                .where(lead_history.c.lead_id == known.lead.id)
                .order_by(lead_history.c.id)
            )
        ).all()
        owner = (
            await session.execute(select(leads.c.owner_user).where(leads.c.id == known.lead.id))
        ).scalar_one()
        attached_total = (
            await session.execute(select(func.count()).where(lead_history.c.kind == "attached"))
        ).scalar_one()
    assert open_per_phone == {"+8613800138000": 1, "+8613900000001": 1, "+8613900000002": 1}
    assert [tuple(h) for h in known_history] == [("created", "c1"), ("attached", "m1")]
    assert owner == "c1", "the customer stays with who works them"
    assert attached_total == 3
    assert len(await created_events(clean)) == 3, "the walk-in's own and two imported"


async def test_a_crash_in_a_slice_resumes_where_the_last_stored_slice_ended(
    clean: Sessions, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = [f"客户{i},{phone(i) if i % 50 else 'x'},web," for i in range(5_000)]
    rows.append(f"repeat,{phone(1)},web,")
    job = await upload(clean, csv_of(rows), now)

    assert await work(clean, now, slice_rows=1_000, max_slices=1) == 1_000
    after_one = await job_of(clean, job.id)
    assert (after_one.status, after_one.next_row, after_one.rows_read) == ("running", 1_002, 1_000)

    real_record_progress = ImportJobStore.record_progress

    async def crash(*args: Any, **kwargs: Any) -> None:
        raise ConnectionResetError("worker lost its database mid-slice")

    monkeypatch.setattr(ImportJobStore, "record_progress", crash)
    with pytest.raises(ConnectionResetError):
        await work(clean, now, slice_rows=1_000)
    crashed = await job_of(clean, job.id)
    assert (crashed.next_row, crashed.rows_read, crashed.rows_created) == (1_002, 1_000, 980)
    assert len(await created_events(clean)) == 980, "the failed slice left nothing behind"

    monkeypatch.setattr(ImportJobStore, "record_progress", real_record_progress)
    await work(clean, now, slice_rows=1_000)
    done = await job_of(clean, job.id)
    assert done.status is ImportStatus.DONE
    assert (done.rows_read, done.rows_created, done.rows_attached, done.rows_failed) == (
        5_001,
        4_900,
        1,
        100,
    )
    async with clean() as session:
        duplicates = (
            await session.execute(
                select(func.count()).select_from(
                    select(leads.c.phone)
                    .group_by(leads.c.phone)
                    .having(func.count() > 1)
                    .subquery()
                )
            )
        ).scalar_one()
    assert duplicates == 0
    events = await created_events(clean)
    assert len(events) == len(set(events)) == 4_900
    assert set(events) == await lead_ids(clean)
    report = await imports.import_errors(
        job.id, PEOPLE.manager, UnitOfWork(clean), after=0, limit=1000, via="test"
    )
    assert len(report) == 100, "no error row twice"


async def test_two_workers_on_one_import_store_every_row_exactly_once(
    clean: Sessions, now: datetime
) -> None:
    job = await upload(clean, csv_of([f"客户{i},{phone(i)},web," for i in range(6_000)]), now)
    await asyncio.gather(work(clean, now, slice_rows=500), work(clean, now, slice_rows=500))
    done = await job_of(clean, job.id)
    assert (done.status, done.rows_read, done.rows_created) == ("done", 6_000, 6_000)
    events = await created_events(clean)
    assert len(events) == len(set(events)) == 6_000
    assert await count(clean, select(func.count()).select_from(leads)) == 6_000


def workbook(rows: list[list[Any]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


async def test_an_xlsx_with_chinese_headers_and_numeric_phones_imports(
    clean: Sessions, now: datetime
) -> None:
    data = workbook(
        [
            ["姓名", "手机", "来源", "意向车型", "备注"],
            ["王伟", 13800138000, "到店", "SUV X", "vip"],
            ["李娜", "139 0000 0001", "campaign", None, None],
            [None, None, None, None, None],
            ["张三", 12345, "web", None, None],
            ["赵六", 13900000002.0, "传单", "Model 3", None],
        ]
    )
    job = await upload(clean, data, now, ImportFormat.XLSX)
    await work(clean, now)

    done = await job_of(clean, job.id)
    assert (done.status, done.rows_read, done.rows_created, done.rows_failed) == (
        "done",
        4,
        3,
        1,
    )
    report = await imports.import_errors(
        job.id, PEOPLE.manager, UnitOfWork(clean), after=0, limit=10, via="test"
    )
    assert [(e.row_number, e.field, e.value) for e in report] == [(5, "phone", "12345")]
    async with clean() as session:
        imported = (
            await session.execute(
                select(leads.c.phone, leads.c.source, leads.c.vehicle_interest).order_by(
                    leads.c.phone
                )
            )
        ).all()
    assert [tuple(i) for i in imported] == [
        ("+8613800138000", "walk_in", "SUV X"),
        ("+8613900000001", "campaign", None),
        ("+8613900000002", "flyer", "Model 3"),
    ]


async def test_a_file_that_cannot_be_read_fails_its_job_with_the_reason(
    clean: Sessions, now: datetime
) -> None:
    job = await upload(clean, b"PK\x03\x04 not really a workbook", now, ImportFormat.XLSX)
    await work(clean, now)
    failed = await job_of(clean, job.id)
    assert failed.status is ImportStatus.FAILED
    assert "XLSX" in (failed.error or "")
    assert await count(clean, select(func.count()).select_from(import_jobs.chunks)) == 0


async def test_an_upload_that_can_never_be_imported_is_refused_and_leaves_nothing(
    clean: Sessions, now: datetime
) -> None:
    with pytest.raises(InvalidInput, match="empty"):
        await upload(clean, b"", now)
    with pytest.raises(InvalidHeader) as no_phone:
        await upload(clean, b"name,source\nx,web\n", now)
    assert no_phone.value.field == "phone"
    assert await count(clean, select(func.count()).select_from(import_jobs.jobs)) == 0


async def test_an_import_of_another_dealer_is_not_found(clean: Sessions, now: datetime) -> None:
    job = await upload(clean, csv_of(["王伟,13800138000,web,"]), now)
    other_manager = principal("m2", "dealer-b", "sales_manager", DataScope.DEALER)
    with pytest.raises(ImportNotFound):
        await imports.import_of(job.id, other_manager, clean)
    with pytest.raises(ImportNotFound):
        await imports.import_errors(
            job.id, other_manager, UnitOfWork(clean), after=0, limit=10, via="test"
        )


async def test_the_book_keeps_one_customer_per_phone(clean: Sessions, now: datetime) -> None:
    await upload(clean, csv_of([f"客户{i},{phone(i % 3)},web," for i in range(9)]), now)
    await work(clean, now, slice_rows=2)
    assert await count(clean, select(func.count()).select_from(customers)) == 3


async def test_over_http_an_upload_is_accepted_followed_and_its_errors_read_as_json_and_csv(
    clean: Sessions, now: datetime, leads_api: FastAPI, signing_key_pem: str
) -> None:
    data = csv_of(["王伟,13800138000,web,", "李娜,12,web,", ",13900000001,nowhere,"])
    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as http:
        uploaded = await http.post("/imports?format=csv", content=parts(data, size=7))
        assert uploaded.status_code == 202, uploaded.text
        job = uploaded.json()
        assert uploaded.headers["location"] == f"/imports/{job['id']}"
        assert (job["status"], job["rows_estimated"], job["size_bytes"]) == (
            "queued",
            3,
            len(data),
        )
        await work(clean, now)
        progress = (await http.get(f"/imports/{job['id']}")).json()
        assert (progress["status"], progress["rows_created"], progress["rows_failed"]) == (
            "done",
            1,
            2,
        )
        first = (await http.get(f"/imports/{job['id']}/errors?limit=2")).json()
        assert [(e["row_number"], e["field"]) for e in first["items"]] == [
            (3, "phone"),
            (4, "customer_name"),
        ]
        rest = (await http.get(f"/imports/{job['id']}/errors?after={first['next_after']}")).json()
        assert ([e["field"] for e in rest["items"]], rest["next_after"]) == (["source"], None)
        report = await http.get(f"/imports/{job['id']}/errors?as=csv")
        assert report.headers["content-type"].startswith("text/csv")
        assert report.text.startswith("\ufeff"), "Excel reads it as UTF-8"
        assert list(csv.reader(io.StringIO(report.text[1:]))) == [
            ["row_number", "field", "message", "value"],
            ["3", "phone", "not a phone number", "12"],
            ["4", "customer_name", "the customer name is empty", ""],
            ["4", "source", rest["items"][0]["message"], "nowhere"],
        ]
    other_dealer = principal("m2", "dealer-b", "sales_manager", DataScope.DEALER)
    async with client_as(leads_api, signing_key_pem, other_dealer) as http:
        assert (await http.get(f"/imports/{job['id']}")).status_code == 404
        assert (await http.get(f"/imports/{job['id']}/errors")).status_code == 404
    async with client_as(leads_api, signing_key_pem, PEOPLE.consultant1) as http:
        assert (await http.get(f"/imports/{job['id']}")).status_code == 403


async def test_the_error_report_file_quotes_no_cell_as_a_formula(
    clean: Sessions, now: datetime, leads_api: FastAPI, signing_key_pem: str
) -> None:
    data = csv_of(['王伟,"=HYPERLINK(""http://evil.example"",""x"")",web,', "李娜,@SUM(1),web,"])
    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as http:
        job = (await http.post("/imports?format=csv", content=data)).json()
        await work(clean, now)
        report = await http.get(f"/imports/{job['id']}/errors?as=csv")
    assert [row[3] for row in csv.reader(io.StringIO(report.text[1:]))] == [
        "value",
        '\'=HYPERLINK("http://evil.example","x")',
        "'@SUM(1)",
    ]


async def test_over_http_a_body_that_can_never_be_imported_answers_422_naming_the_field(
    clean: Sessions, leads_api: FastAPI, signing_key_pem: str
) -> None:
    async with client_as(leads_api, signing_key_pem, PEOPLE.manager) as http:
        empty = await http.post("/imports?format=csv", content=b"")
        unknown_format = await http.post("/imports?format=pdf", content=b"x")
        no_phone = await http.post("/imports?format=csv", content=b"name,source\nx,web\n")
    assert empty.status_code == 422
    assert empty.json()["detail"][0]["loc"] == ["body", "body"]
    assert unknown_format.status_code == 422
    assert unknown_format.json()["detail"][0]["loc"] == ["query", "format"]
    assert no_phone.status_code == 422
    assert no_phone.json()["detail"][0]["loc"] == ["body", "phone"]


async def test_a_pool_with_a_strategy_hands_imported_leads_to_its_members(
    clean: Sessions, now: datetime
) -> None:
    async with clean() as session, session.begin():
        pool_id = await book_store.default_pool(
            session, tenant=PEOPLE.manager.tenant, owner_org="dealer-a", now=now
        )
    await pools_app.configure_pool(
        pool_id,
        name="Showroom",
        kind=PoolKind.CLAIM,
        auto_assignment=AutoAssignment.LEAST_LOADED,
        rules=PoolRules.model_validate({"claim": {"max_private_leads": 3}}),
        actor=PEOPLE.manager,
        uow=UnitOfWork(clean),
    )
    await pools_app.set_members(
        pool_id, [("c2", 1, 1), ("c3", 1, 1)], actor=PEOPLE.manager, uow=UnitOfWork(clean)
    )
    await upload(clean, csv_of([f"客户{i},{phone(i)},web," for i in range(8)]), now)
    await work(clean, now)

    async with clean() as session:
        owners = (
            await session.execute(
                select(leads.c.owner_user, func.count()).group_by(leads.c.owner_user)
            )
        ).all()
        assigned = (
            await session.execute(
                select(func.count()).where(
                    lead_history.c.kind == "assigned", lead_history.c.actor == "auto:least_loaded"
                )
            )
        ).scalar_one()
        events = (
            await session.execute(
                select(func.count()).where(outbox.c.event_type == "leads.LeadAssigned")
            )
        ).scalar_one()
    assert dict(owners) == {"c2": 3, "c3": 3, None: 2}, "up to the cap; the rest wait"
    assert assigned == events == 6
