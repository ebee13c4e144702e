"""Call lists imported on real PostgreSQL with the API in process: a renewal list as CSV and as
XLSX (read by the shared reader process) becomes policy-renewal tasks dealt out by the dealer's
renewal desk, due the chosen days before each policy expires; a bad row is answered with its row
and field and pushes nothing; importing the list again makes no task twice; a list no queue
takes waits; the header, the kind and the function are checked."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters.tables import call_tasks, waiting_call_tasks
from crm_common.db.tables import outbox
from crm_common.testing.services import AsUser

from .conftest import PEOPLE, TENANT
from .test_queues import RENEWAL_2, RENEWAL_DESK, more_agents

__all__ = ["more_agents"]  # the fixture, used by name

pytestmark = pytest.mark.integration

BUSINESS_TZ = ZoneInfo("Asia/Shanghai")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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


async def tasks_of(sessions: async_sessionmaker[AsyncSession]) -> list[dict[str, object]]:
    async with sessions() as session:
        rows = await session.execute(
            select(call_tasks)
            .where(call_tasks.c.rule.like("call_list:%"))
            .order_by(call_tasks.c.phone)
        )
        return [dict(r) for r in rows.mappings()]


async def test_a_renewal_list_becomes_tasks_of_the_dealers_renewal_desk_once(
    as_user: AsUser, sessions: async_sessionmaker[AsyncSession], more_agents: None
) -> None:
    async with as_user(PEOPLE.dealer_manager) as manager:
        desk = await manager.post("/queues", json=RENEWAL_DESK)
        assert desk.status_code == 201, desk.text
        members = {"user_ids": [PEOPLE.renewal.user_id, RENEWAL_2.user_id]}
        await manager.put(f"/queues/{desk.json()['id']}/members", json=members)

        upload = {"format": "csv", "kind": "policy_renewal", "days_before": 30}
        first = await manager.post(
            "/call-lists",
            params=upload,
            content=renewal_csv(),
            headers={"content-type": "text/csv"},
        )
        assert first.status_code == 200, first.text
        answer = first.json()
        assert (answer["rows_read"], answer["tasks_created"], answer["waiting"]) == (5, 2, 0)
        assert answer["already_imported"] == 1  # the same customer and date twice in the file
        assert [(e["row_number"], e["field"]) for e in answer["errors"]] == [
            (4, "phone"),
            (5, "customer_name"),
            (5, "due_on"),
        ]
        assert answer["errors"][0]["value"] == "not-a-phone"

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
        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(["customer_name", "phone", "due_on"])
        sheet.append(["王伟", 13800138001, datetime.combine(far(60), datetime.min.time())])
        sheet.append(["李娜", "13800138002", far(90)])
        sheet.append(["赵六", "13800138005", far(120)])
        out = io.BytesIO()
        book.save(out)
        again = await manager.post(
            "/call-lists",
            params={**upload, "format": "xlsx"},
            content=out.getvalue(),
            headers={"content-type": XLSX},
        )
        assert again.status_code == 200, again.text
        assert (again.json()["tasks_created"], again.json()["already_imported"]) == (1, 2)
        assert again.json()["errors"] == []
        assert len(await tasks_of(sessions)) == 3
    async with sessions() as session:
        created = await session.scalar(
            select(func.count())
            .select_from(outbox)
            .where(outbox.c.event_type == "call_center.CallTaskCreated")
        )
    assert created == 3


async def test_a_list_no_queue_takes_waits_and_bad_uploads_are_refused(
    as_user: AsUser, sessions: async_sessionmaker[AsyncSession]
) -> None:
    async with (
        as_user(PEOPLE.other_dealer_manager) as manager,
        as_user(PEOPLE.renewal) as agent,
    ):
        listed = f"name,phone,due\n王芳,13900139000,{far(10).isoformat()}\n".encode()

        async def post(body: bytes, **params: object) -> dict[str, object]:
            response = await manager.post(
                "/call-lists",
                params={"format": "csv", "kind": "maintenance_due", **params},
                content=body,
                headers={"content-type": "text/csv"},
            )
            return {"status": response.status_code, "body": response.json()}

        waiting = await post(listed)
        assert waiting["status"] == 200
        assert waiting["body"]["waiting"] == 1  # type: ignore[index]
        assert (await post(listed))["body"]["waiting"] == 0  # type: ignore[index]
        async with sessions() as session:
            rows = (await session.execute(select(waiting_call_tasks))).mappings().all()
        assert [(r["owner_org"], r["kind"], r["tenant"]) for r in rows] == [
            ("dealer-b", "maintenance_due", TENANT)
        ]

        no_due = await post("name,phone\n王芳,13900139000\n".encode())
        assert no_due["status"] == 422
        assert "due_on" in str(no_due["body"])
        callback = await post(listed, kind="lead_callback")
        assert callback["status"] == 422
        assert "kind" in str(callback["body"])
        empty = await post(b"")
        assert empty["status"] == 422
        not_a_workbook = await post(listed, format="xlsx")
        assert not_a_workbook["status"] == 422

        refused = await agent.post(
            "/call-lists",
            params={"format": "csv", "kind": "care"},
            content=listed,
            headers={"content-type": "text/csv"},
        )
        assert refused.status_code == 403
    assert await tasks_of(sessions) == []
