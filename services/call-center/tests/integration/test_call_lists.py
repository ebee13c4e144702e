"""Call lists imported in the background on real PostgreSQL (the shared import job of
``crm_common.import_jobs``), with the API in process, the file kept with its import and the
worker's import run here (and, killed midway, in a process
of its own): a renewal list as CSV and as XLSX (read by the shared reader process) becomes
policy-renewal tasks dealt out by the dealer's renewal desk, due the chosen days before each
policy expires; the upload answers 202 with the import, followed for its status, counts and
progress; a bad row is reported with its row and field and pushes nothing; importing the list
again makes no task twice; a large list goes slice by slice, and a worker killed mid-slice
leaves nothing of that slice and is resumed after the last stored one, each task and each
rejected row once. What can never be imported is refused at upload; a list no queue takes
waits; the kind, the function and the import's book are checked. The files of call lists
uploaded before imports kept them in the database are swept from the file store."""

from __future__ import annotations

import io
import signal
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import uuid4
from zoneinfo import ZoneInfo

import httpx
import openpyxl
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters.tables import call_tasks, import_jobs, waiting_call_tasks
from crm_call_center.application.call_lists import work_call_lists
from crm_call_center.bootstrap import run_old_call_list_sweep
from crm_common.db.tables import outbox, personal_data_audit
from crm_common.db.tenancy import acting_for_all_tenants
from crm_common.settings import Settings
from crm_common.storage import open_file_store
from crm_common.testing.kafka import eventually
from crm_common.testing.services import AsUser

from .conftest import PEOPLE, TENANT
from .test_queues import RENEWAL_2, RENEWAL_DESK, more_agents

__all__ = ["more_agents"]  # the fixture, used by name

pytestmark = pytest.mark.integration

Sessions = async_sessionmaker[AsyncSession]
BUSINESS_TZ = ZoneInfo("Asia/Shanghai")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RENEWALS = {"format": "csv", "kind": "policy_renewal", "days_before": 30}
WORKER = """
import asyncio, os, signal, sys
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from crm_call_center.application import call_lists
from crm_common.db import create_engine, create_session_factory
from crm_common.db.tenancy import acting_for_all_tenants
from crm_common.import_jobs.store import ImportJobStore
from crm_common.settings import Settings

database_url = sys.argv[1]
slice_rows, dies_at = int(sys.argv[2]), int(sys.argv[3])
record_progress = ImportJobStore.record_progress
slices = 0


async def dies_storing(*args, **kwargs):
    global slices
    slices += 1
    if slices == dies_at:
        # Killed with the slice's tasks and rejected rows written, its transaction open.
        os.kill(os.getpid(), signal.SIGKILL)
    await record_progress(*args, **kwargs)


ImportJobStore.record_progress = dies_storing


async def main():
    engine = create_engine(Settings(env="test", database_url=database_url))
    with acting_for_all_tenants():
        await call_lists.work_call_lists(
            create_session_factory(engine),
            clock=lambda: datetime.now(UTC),
            business_tz=ZoneInfo("Asia/Shanghai"),
            slice_rows=slice_rows,
            seconds=300,
        )
    await engine.dispose()


asyncio.run(main())
"""


def far(days: int) -> date:
    return datetime.now(UTC).date() + timedelta(days=days)


def renewal_csv() -> bytes:
    rows = [
        "姓名,手机,保险到期日,备注",
        f"王伟,138 0013 8001,{far(60).isoformat()},交强险",
        f"李娜,13800138002,{far(90):%Y/%m/%d},",
        f"张敏,not-a-phone,{far(90).isoformat()},",
        ",13800138004,someday,",
        "",
        f"王伟,13800138001,{far(60).isoformat()},the same policy again",
    ]
    return ("\n".join(rows) + "\n").encode()


def long_list(rows: int, *, bad_every: int) -> bytes:
    """``rows`` customers, one with a number that is none every ``bad_every`` rows."""
    lines = ["customer_name,phone,due_on"]
    for i in range(rows):
        phone = "no-phone" if i % bad_every == bad_every - 1 else f"139{i:08d}"
        lines.append(f"客户{i},{phone},{far(40 + i % 30).isoformat()}")
    return ("\n".join(lines) + "\n").encode()


def workbook(*rows: list[Any]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def upload(client: httpx.AsyncClient, body: bytes, **params: Any) -> httpx.Response:
    query = {**RENEWALS, **params}
    media_type = XLSX if query["format"] == "xlsx" else "text/csv"
    return await client.post(
        "/call-lists", params=query, content=body, headers={"content-type": media_type}
    )


async def work(sessions: Sessions, **limits: Any) -> int:
    with acting_for_all_tenants():
        return await work_call_lists(
            sessions,
            clock=lambda: datetime.now(UTC),
            business_tz=BUSINESS_TZ,
            **limits,
        )


async def imported(client: httpx.AsyncClient, import_id: str) -> dict[str, Any]:
    answer = await client.get(f"/call-lists/{import_id}")
    assert answer.status_code == 200, answer.text
    job: dict[str, Any] = answer.json()
    return job


def counts(job: dict[str, Any]) -> tuple[Any, ...]:
    names = ("status", "rows_read", "tasks_created", "waiting", "already_imported")
    return (*(job[n] for n in names), job["rows_rejected"])


async def tasks_of(sessions: Sessions) -> list[dict[str, object]]:
    async with sessions() as session:
        rows = await session.execute(
            select(call_tasks)
            .where(call_tasks.c.rule.like("call_list:%"))
            .order_by(call_tasks.c.phone)
        )
        return [dict(r) for r in rows.mappings()]


async def count(sessions: Sessions, query: Any) -> int:
    async with sessions() as session:
        found: int = await session.scalar(query)
    return found


def tasks_created_published() -> Any:
    return (
        select(func.count())
        .select_from(outbox)
        .where(outbox.c.event_type == "call_center.CallTaskCreated")
    )


async def stored_files(sessions: Sessions) -> int:
    """The chunks of uploaded files kept with their imports."""
    return await count(sessions, select(func.count()).select_from(import_jobs.chunks))


async def renewal_desk(manager: httpx.AsyncClient) -> None:
    desk = await manager.post("/queues", json=RENEWAL_DESK)
    assert desk.status_code == 201, desk.text
    members = {"user_ids": [PEOPLE.renewal.user_id, RENEWAL_2.user_id]}
    await manager.put(f"/queues/{desk.json()['id']}/members", json=members)


async def test_a_renewal_list_is_imported_in_the_background_into_the_renewal_desk_s_tasks_once(
    as_user: AsUser, sessions: Sessions, more_agents: None
) -> None:
    async with as_user(PEOPLE.dealer_manager) as manager:
        await renewal_desk(manager)
        accepted = await upload(manager, renewal_csv())
        assert accepted.status_code == 202, accepted.text
        job = accepted.json()
        assert accepted.headers["location"] == f"/call-lists/{job['id']}"
        assert (job["status"], job["rows_read"], job["rows_estimated"]) == ("queued", 0, 6)
        assert await stored_files(sessions) == 1, "the file waits with its import"
        assert await tasks_of(sessions) == []

        assert await work(sessions) == 5
        done = await imported(manager, job["id"])
        # Five rows read (the blank one is none); the same customer and date twice in the
        # file is one task; rows 4 and 5 rejected.
        assert counts(done) == ("done", 5, 2, 0, 1, 2)
        assert done["finished_at"] is not None
        rejected = (await manager.get(f"/call-lists/{job['id']}/errors")).json()
        assert [(e["row_number"], e["field"]) for e in rejected["items"]] == [
            (4, "phone"),
            (5, "customer_name"),
            (5, "due_on"),
        ]
        assert (rejected["items"][0]["value"], rejected["next_after"]) == ("not-a-phone", None)
        assert await stored_files(sessions) == 0, "the file goes once imported"

        made = await tasks_of(sessions)
        assert [(t["customer_name"], t["phone"], t["kind"]) for t in made] == [
            ("王伟", "13800138001", "policy_renewal"),
            ("李娜", "13800138002", "policy_renewal"),
        ]
        assert {t["assignee"] for t in made} == {PEOPLE.renewal.user_id, RENEWAL_2.user_id}
        assert {t["owner_org"] for t in made} == {"dealer-a"}
        due = made[0]["due_at"]
        assert isinstance(due, datetime)
        # Due by the end of the day 30 days before the policy expires.
        assert due.astimezone(BUSINESS_TZ).date() == far(60) - timedelta(days=29)
        assert made[0]["reason"] == "交强险"

        # The same list again (as XLSX this time, the date a date cell): nothing twice.
        again = await upload(
            manager,
            workbook(
                ["customer_name", "phone", "due_on"],
                ["王伟", 13800138001, datetime.combine(far(60), datetime.min.time())],
                ["李娜", "13800138002", far(90)],
                ["赵六", "13800138005", far(120)],
            ),
            format="xlsx",
        )
        assert again.status_code == 202, again.text
        await work(sessions)
        assert counts(await imported(manager, again.json()["id"])) == ("done", 3, 1, 0, 2, 0)
        assert len(await tasks_of(sessions)) == 3
    assert await count(sessions, tasks_created_published()) == 3
    read_audited = select(func.count()).where(
        personal_data_audit.c.resource_id == job["id"], personal_data_audit.c.action == "read"
    )
    assert await count(sessions, read_audited) == 1, "reading the rejected rows is audited"


async def test_a_list_no_queue_takes_waits_and_what_cannot_be_imported_is_refused_at_upload(
    as_user: AsUser, sessions: Sessions
) -> None:
    listed = f"name,phone,due\n王芳,13900139000,{far(10).isoformat()}\n".encode()
    async with (
        as_user(PEOPLE.other_dealer_manager) as manager,
        as_user(PEOPLE.dealer_manager) as other_book,
        as_user(PEOPLE.renewal) as agent,
    ):
        maintenance = {"kind": "maintenance_due"}
        first = await upload(manager, listed, **maintenance)
        second = await upload(manager, listed, **maintenance)
        await work(sessions)
        assert counts(await imported(manager, first.json()["id"])) == ("done", 1, 0, 1, 0, 0)
        assert counts(await imported(manager, second.json()["id"])) == ("done", 1, 0, 0, 1, 0)
        async with sessions() as session:
            rows = (await session.execute(select(waiting_call_tasks))).mappings().all()
        assert [(r["owner_org"], r["kind"], r["tenant"]) for r in rows] == [
            ("dealer-b", "maintenance_due", TENANT)
        ]
        for path in (
            f"/call-lists/{first.json()['id']}",
            f"/call-lists/{first.json()['id']}/errors",
        ):
            assert (await other_book.get(path)).status_code == 404, "another book's import"
        listed_imports = await manager.get("/call-lists")
        assert [j["id"] for j in listed_imports.json()] == [
            second.json()["id"],
            first.json()["id"],
        ], "past imports, newest first"
        one = await manager.get("/call-lists", params={"limit": 1, "offset": 1})
        assert [j["id"] for j in one.json()] == [first.json()["id"]]
        assert (await other_book.get("/call-lists")).json() == [], "another book's imports"

        refusals = {
            "no due column": await upload(manager, "name,phone\n王芳,13900139000\n".encode()),
            "a lead's callback": await upload(manager, listed, kind="lead_callback"),
            "empty": await upload(manager, b""),
            "not a workbook": await upload(manager, listed, format="xlsx"),
            "a workbook as csv": await upload(manager, workbook(["name"]), format="csv"),
        }
        assert {name: answer.status_code for name, answer in refusals.items()} == dict.fromkeys(
            refusals, 422
        )
        assert "due_on" in refusals["no due column"].text
        assert "kind" in refusals["a lead's callback"].text
        assert "format=xlsx" in refusals["a workbook as csv"].text
        forbidden = await upload(agent, listed, kind="care")
        assert forbidden.status_code == 403
    assert await tasks_of(sessions) == []
    assert await stored_files(sessions) == 0, "nothing refused was kept"
    assert await count(sessions, select(func.count()).select_from(import_jobs.jobs)) == 2


async def test_a_long_list_is_imported_slice_by_slice_with_its_progress(
    as_user: AsUser, sessions: Sessions, more_agents: None
) -> None:
    async with as_user(PEOPLE.dealer_manager) as manager:
        await renewal_desk(manager)
        job = (await upload(manager, long_list(5_000, bad_every=100))).json()
        assert job["rows_estimated"] == 5_000

        await work(sessions, slice_rows=1_000, max_slices=2)
        halfway = await imported(manager, job["id"])
        assert counts(halfway) == ("running", 2_000, 1_980, 0, 0, 20)
        assert halfway["next_row"] == 2_002
        assert len(await tasks_of(sessions)) == 1_980

        await work(sessions, slice_rows=1_000)
        assert counts(await imported(manager, job["id"])) == ("done", 5_000, 4_950, 0, 0, 50)
        page = (await manager.get(f"/call-lists/{job['id']}/errors", params={"limit": 40})).json()
        rest = await manager.get(
            f"/call-lists/{job['id']}/errors", params={"after": page["next_after"]}
        )
    rows = [e["row_number"] for e in page["items"] + rest.json()["items"]]
    assert rows == [i + 2 for i in range(5_000) if i % 100 == 99]
    assert len(await tasks_of(sessions)) == 4_950


def run_worker(database_url: str, *, slice_rows: int, dies_at: int) -> int:
    worker = subprocess.run(
        [sys.executable, "-c", WORKER, database_url, str(slice_rows), str(dies_at)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return worker.returncode


async def test_a_worker_killed_mid_import_is_resumed_without_a_task_or_row_twice(
    as_user: AsUser,
    sessions: Sessions,
    more_agents: None,
    call_center_database: str,
) -> None:
    async with as_user(PEOPLE.dealer_manager) as manager:
        await renewal_desk(manager)
        job = (await upload(manager, long_list(3_000, bad_every=60))).json()

        status = run_worker(call_center_database, slice_rows=500, dies_at=3)
        assert status == -signal.SIGKILL
        killed = await imported(manager, job["id"])
        # Two slices stored; the third died before its commit and left nothing behind.
        assert counts(killed) == ("running", 1_000, 984, 0, 0, 16)
        assert killed["next_row"] == 1_002
        assert len(await tasks_of(sessions)) == 984
        assert await count(sessions, tasks_created_published()) == 984

        async def resumed() -> bool:
            # The killed worker's transaction ends when PostgreSQL sees its connection gone.
            await work(sessions, slice_rows=500)
            return (await imported(manager, job["id"]))["status"] == "done"

        assert await eventually(resumed, timeout=60)
        done = await imported(manager, job["id"])
        rejected = await manager.get(f"/call-lists/{job['id']}/errors", params={"limit": 1000})
    assert counts(done) == ("done", 3_000, 2_950, 0, 0, 50)
    assert len(await tasks_of(sessions)) == 2_950
    assert await count(sessions, tasks_created_published()) == 2_950
    assert [e["row_number"] for e in rejected.json()["items"]] == [
        i + 2 for i in range(3_000) if i % 60 == 59
    ]


async def test_a_workbook_without_a_required_column_fails_its_import_naming_it(
    as_user: AsUser, sessions: Sessions
) -> None:
    async with as_user(PEOPLE.dealer_manager) as manager:
        job = (
            await upload(manager, workbook(["姓名", "到期日"], ["王伟", far(30)]), format="xlsx")
        ).json()
        await work(sessions)
        failed = await imported(manager, job["id"])
    assert (failed["status"], failed["rows_read"]) == ("failed", 0)
    assert "phone / 电话 / 手机" in failed["error"]
    assert await stored_files(sessions) == 0


async def test_the_files_of_call_lists_uploaded_before_import_jobs_are_swept(
    service_settings: Settings, sessions: Sessions
) -> None:
    """Before migration 0015 an upload waited in the file store under
    ``call-lists/<tenant>/<import>.<format>``; the upgrade failed the imports still queued or
    running and dropped the column naming their files, which stayed. The worker's scheduled
    sweep removes them, and nothing else of the file store."""
    store = open_file_store(service_settings)
    old = [
        f"call-lists/{TENANT}/{uuid4()}.csv",
        f"call-lists/{TENANT}/{uuid4()}.xlsx",
        f"call-lists/oem-other/{uuid4()}.csv",
    ]
    others = ["recordings/pbx/2026/12/07/1733.wav", f"call-lists-archive/{uuid4()}.csv"]
    for key in [*old, *others]:
        await store.put(key, "姓名,电话,到期日\n王伟,13800138000,2027-01-31\n".encode())

    assert await run_old_call_list_sweep(service_settings, sessions) == len(old)
    assert [key async for key in store.keys("call-lists")] == []
    for key in others:
        assert (await store.stat(key)).size > 0
    assert await run_old_call_list_sweep(service_settings, sessions) == 0
