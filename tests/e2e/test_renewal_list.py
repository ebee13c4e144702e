"""The renewal assistant end to end through the real processes, Kafka and the spine's PBX (the
in-repo AMI server), on a dealer made for this test: its manager sets up a renewal desk of two
renewal specialists and imports a list of insurance policies (CSV) through the API; the
call center's worker imports it and the desk's rule deals the renewal calls out to the
specialists. One specialist dials their customer from the task (AMI ``Originate``), the PBX's
record of the connected call is wrapped up with a disposition and notes and clears the task.
The other cannot reach theirs and asks to cancel; the manager rejects it, so it is due by the
end of today and, still open then, escalates (the worker's end-of-day sweep, run at that
moment). The call center's statistics of the day and kpi's call-task figures (from the call
center's events) count exactly that."""

from __future__ import annotations

import secrets
import time
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.application.tasks import escalate_overdue
from crm_call_center.domain.tasks import end_of_day
from crm_common.db import create_engine, create_session_factory
from crm_common.db.tenancy import acting_for_all_tenants
from crm_common.settings import Settings
from crm_common.testing.kafka import eventually
from crm_common.testing.plugin import Databases

from .calls import dialled_call
from .conftest import Spine
from .test_after_sales import REGION, ZONE, kpis_become, ok, once_known, user_logged_in
from .test_lead_pools import login

# The spine's start counts when this test starts it: at load 25 on the 2 shared cores it took
# longer than the 15 minutes this test had at first.
pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.timeout(2400)]
DAYS_BEFORE = 30
# Their own numbers: the spine is shared.
PHONES = [f"133{secrets.randbelow(10**8):08d}" for _ in range(2)]


@pytest.fixture
async def call_center_worker_sessions(
    databases: Databases,
) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """The call center's database as its worker connects to it (the system role)."""
    engine = create_engine(Settings(env="test", database_url=databases.system_url("call-center")))
    yield create_session_factory(engine)
    await engine.dispose()


async def renewal_dealer(spine: Spine) -> tuple[str, str, dict[str, tuple[str, str]]]:
    """A new dealer of the North region, its sales manager's token, and two renewal
    specialists: user id and token by username."""
    hq = await login(spine, "hq.admin")
    tag = secrets.token_hex(3)
    dealer = f"dealer-rn-{tag}"
    await ok(
        spine,
        "identity",
        hq,
        "POST",
        "/orgs",
        {"id": dealer, "parent_id": REGION, "kind": "dealer", "name": f"RN 4S {tag}"},
    )
    people: dict[str, tuple[str, str]] = {}
    for username, role in (
        (f"rn{tag}.manager", "sales_manager"),
        (f"rn{tag}.renewal1", "renewal_specialist"),
        (f"rn{tag}.renewal2", "renewal_specialist"),
    ):
        people[username] = await user_logged_in(spine, hq, dealer, username, role)
    manager = people.pop(f"rn{tag}.manager")[1]
    return dealer, manager, people


def renewal_list(customers: list[tuple[str, str]], expires: datetime) -> bytes:
    """The insurer's export: name, mobile, policy expiry and a note, one row per policy, and a
    row without a usable number."""
    rows = ["姓名,手机,保险到期日,备注"]
    rows += [f"{name},{phone},{expires.date().isoformat()},商业险" for name, phone in customers]
    rows.append(f"赵六,not-a-phone,{expires.date().isoformat()},")
    return ("\n".join(rows) + "\n").encode()


async def test_a_renewal_list_is_pushed_called_cleared_and_a_rejected_cancellation_escalates(
    spine: Spine, call_center_worker_sessions: async_sessionmaker[AsyncSession]
) -> None:
    dealer, manager, specialists = await renewal_dealer(spine)
    extensions = {}
    for n, (user_id, _) in enumerate(specialists.values()):
        extensions[user_id] = f"7{n}{secrets.randbelow(1000):03d}"
        await once_known(
            spine,
            "call-center",
            manager,
            "POST",
            "/agents",
            {"user_id": user_id, "display_name": "续保专员", "extension": extensions[user_id]},
        )
    desk = await ok(
        spine,
        "call-center",
        manager,
        "POST",
        "/queues",
        {
            "name": "续保专席",
            "pbx_queue": f"{dealer}-renewal",
            "strategy": "round_robin",
            "task_kinds": ["policy_renewal"],
        },
    )
    await ok(
        spine,
        "call-center",
        manager,
        "PUT",
        f"/queues/{desk['id']}/members",
        {"user_ids": list(extensions)},
    )

    # The list: two policies expiring in 45 days, called 30 days before.
    expires = datetime.now(ZONE) + timedelta(days=45)
    customers = [("王芳", PHONES[0]), ("李雷", PHONES[1])]
    async with spine.client("call-center", manager) as client:
        accepted = await client.post(
            "/call-lists",
            params={"format": "csv", "kind": "policy_renewal", "days_before": DAYS_BEFORE},
            content=renewal_list(customers, expires),
            headers={"content-type": "text/csv"},
        )
    assert accepted.status_code == 202, accepted.text
    import_id = accepted.json()["id"]

    async def imported() -> dict[str, Any] | None:
        job = await ok(spine, "call-center", manager, "GET", f"/call-lists/{import_id}")
        return job if job["status"] in ("done", "failed") else None

    job = await eventually(imported, timeout=60, interval=0.5)
    assert job is not None, "the worker never imported the list"
    assert (job["status"], job["rows_read"], job["tasks_created"], job["waiting"]) == (
        "done",
        3,
        2,
        0,
    )
    assert job["rows_rejected"] == 1
    rejected = await ok(spine, "call-center", manager, "GET", f"/call-lists/{import_id}/errors")
    assert [(e["row_number"], e["field"]) for e in rejected["items"]] == [(4, "phone")]

    # Round robin: one renewal call each, due by the end of the day 30 days before expiry.
    tasks: dict[str, dict[str, Any]] = {}
    for user_id, token in specialists.values():
        own = await ok(spine, "call-center", token, "GET", "/call-tasks")
        (task,) = [t for t in own if t["phone"] in PHONES]
        assert (task["kind"], task["assignee"], task["status"]) == (
            "policy_renewal",
            user_id,
            "open",
        )
        assert (task["owner_org"], task["queue_id"]) == (dealer, desk["id"])
        assert task["rule"] == "call_list:policy_renewal"
        due_day = datetime.fromisoformat(task["due_at"]).astimezone(ZONE).date()
        assert due_day == expires.date() - timedelta(days=DAYS_BEFORE - 1)
        tasks[user_id] = task
    (caller, caller_token), (unreachable_s, unreachable_token) = specialists.values()
    called, unreached = tasks[caller], tasks[unreachable_s]
    assert {called["phone"], unreached["phone"]} == set(PHONES)

    # The first specialist dials from the task; the PBX rings them, then the customer answers.
    await ok(spine, "call-center", caller_token, "POST", f"/call-tasks/{called['id']}/dial", {})

    async def originated() -> list[dict[str, str]]:
        return [
            a
            for a in spine.pbx.originated
            if f"CRM_TASK_ID={called['id']}" in a.get("Variable", "")
        ]

    (dial,) = await eventually(originated, timeout=15, interval=0.1)
    assert (dial["Channel"], dial["Exten"]) == (f"PJSIP/{extensions[caller]}", called["phone"])
    await spine.pbx.play(
        dialled_call(called["id"], extensions[caller], called["phone"]),
        base_time=time.time() - 80,
    )

    async def ended() -> dict[str, Any] | None:
        calls = await ok(spine, "call-center", caller_token, "GET", "/calls?limit=50")
        return next((c for c in calls if c["task_id"] == called["id"] and c["ended_at"]), None)

    call = await eventually(ended, timeout=30, interval=0.5)
    assert call is not None, "the PBX's record of the dialled call never ended"
    assert (call["direction"], call["agent_user"], call["talk_seconds"]) == (
        "outbound",
        caller,
        65,
    )
    await ok(
        spine,
        "call-center",
        caller_token,
        "POST",
        f"/calls/{call['id']}/disposition",
        {"disposition": "renewed", "notes": "客户同意续保, 下周付款"},
    )
    cleared = await ok(spine, "call-center", caller_token, "GET", f"/call-tasks/{called['id']}")
    assert (cleared["status"], cleared["cleared_by_call"]) == ("cleared", call["id"])

    # The second customer cannot be reached: cancellation asked, the manager rejects it.
    await ok(
        spine,
        "call-center",
        unreachable_token,
        "POST",
        f"/call-tasks/{unreached['id']}/cancellation",
        {"reason": "三次未接通"},
    )
    decided = await ok(
        spine,
        "call-center",
        manager,
        "POST",
        f"/call-tasks/{unreached['id']}/cancellation/decision",
        {"approved": False},
    )
    due = datetime.fromisoformat(decided["due_at"])
    assert (decided["status"], decided["rejected"], decided["escalated_at"]) == (
        "open",
        True,
        None,
    )
    assert due == end_of_day(datetime.now(UTC), ZoneInfo("Asia/Shanghai")), "due today"

    # The worker's end-of-day sweep: nothing escalates before the day is over, the task when
    # it is (the sweep is run at that moment, not waited for).
    with acting_for_all_tenants():
        await escalate_overdue(call_center_worker_sessions, now=due - timedelta(seconds=1))
        still = await ok(spine, "call-center", manager, "GET", f"/call-tasks/{unreached['id']}")
        assert still["escalated_at"] is None
        assert await escalate_overdue(call_center_worker_sessions, now=due) >= 1
    escalated = await ok(spine, "call-center", manager, "GET", f"/call-tasks/{unreached['id']}")
    assert datetime.fromisoformat(escalated["escalated_at"]) == due

    # The day's statistics: the first specialist's one outbound call, connected.
    statistics = await ok(spine, "call-center", manager, "GET", "/call-statistics")
    figures = {a["agent_user"]: a["stats"] for a in statistics["agents"]}
    assert (figures[caller]["outbound"], figures[caller]["outbound_connected"]) == (1, 1)
    assert figures.get(unreachable_s, {}).get("outbound", 0) == 0, "no call of theirs"

    # kpi, from the call center's events: the call connected, the task cleared on time by it,
    # the one cancellation decided was rejected.
    for consultant, expected in (
        (
            caller,
            {
                "outbound_connect_rate": "1.0000",
                "callbacks_on_time": "1.0000",
                "callbacks_cleared_by_call": "1",
            },
        ),
        (unreachable_s, {"cancellation_approval_rate": "0.0000"}),
    ):
        seen = await kpis_become(spine, manager, consultant, expected)
        assert seen == expected, f"kpi of {consultant}"
