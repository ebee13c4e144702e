"""The renewal assistant in real browsers, on the spine's PBX (the in-repo AMI server).

The supervisor pushes two policy-renewal calls to a hotline agent. The agent dials the first
from the task: the call center asks the PBX to ring their phone and then the customer
(``Originate`` carrying the task); the PBX's record of that call, played back, pops the customer
up on the agent's console, where the wrap-up clears the task. The agent cannot reach the second
customer and asks to cancel it; the supervisor, in their own session, rejects the request, and
the agent then has it due today. The supervisor manages no book, so they read the tasks of
their agents' customers masked (the shared policy's personal-data rule): they find the request by
the number as it is shown to them."""

from __future__ import annotations

import secrets
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from playwright.async_api import Page, expect

from crm_common.policy.masking import mask_phone
from crm_common.testing.kafka import eventually

from ..calls import dialled_call
from .conftest import Portal
from .test_call_center_supervisor import registered_agent

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


async def pushed(portal: Portal, agent: str, customer: str, phone: str) -> str:
    answer = await portal.api(
        "cc.supervisor",
        "call-center",
        "POST",
        "/call-tasks",
        {
            "kind": "policy_renewal",
            "assignee": agent,
            "due_at": (datetime.now(UTC) + timedelta(days=2)).isoformat(),
            "customer_name": customer,
            "phone": phone,
        },
    )
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


async def open_task(page: Page, shown_as: str) -> None:
    """The task's row, found by what the reader sees of its customer (name or number)."""
    await page.get_by_role("row").filter(has_text=shown_as).get_by_role("button").click()
    await expect(page.get_by_role("dialog")).to_be_visible()


async def test_a_renewal_is_called_and_cleared_another_cancellation_rejected(
    portal_users: Portal,
) -> None:
    pbx = portal_users.spine.pbx
    agent_id, extension = await registered_agent(portal_users, "cc.agent")
    called, unreachable = (f"续保客户{secrets.token_hex(2)}" for _ in range(2))
    number, unreachable_number = (f"133{secrets.randbelow(10**8):08d}" for _ in range(2))
    first = await pushed(portal_users, agent_id, called, number)
    second = await pushed(portal_users, agent_id, unreachable, unreachable_number)

    agent = await portal_users.open_as("cc.agent")
    tasks = agent.page
    await tasks.goto(f"{portal_users.url}/service/tasks")
    await expect(tasks.get_by_role("heading", name="外呼任务")).to_be_visible()
    await expect(tasks.get_by_role("row").filter(has_text=called)).to_be_visible()
    await agent.screenshot("service-call-tasks")
    await agent.check_accessibility("call tasks")
    await open_task(tasks, called)
    await expect(tasks.get_by_role("dialog")).to_contain_text(called)
    await tasks.get_by_role("dialog").get_by_role("button", name="拨打").click()
    await expect(tasks.get_by_text("已发起呼叫")).to_be_visible()

    async def originated() -> list[dict[str, Any]]:
        return [a for a in pbx.originated if f"CRM_TASK_ID={first}" in a.get("Variable", "")]

    (dial,) = await eventually(originated, timeout=15, interval=0.1)
    assert (dial["Channel"], dial["Exten"]) == (f"PJSIP/{extension}", number)

    # The console, open beside the tasks: the PBX rings the agent, then the customer answers.
    console = await tasks.context.new_page()
    await console.goto(f"{portal_users.url}/service/console")
    await expect(console.get_by_text("来电推送已连接")).to_be_visible()
    flow, base = dialled_call(first, extension, number), time.time() - 80
    rings = next(n for n, m in enumerate(flow) if m.get("Event") == "DialBegin") + 1
    await pbx.play(flow[:rings], base_time=base)
    await expect(console.locator(".screen-pop").first).to_contain_text(number)
    await pbx.play(flow[rings:], base_time=base)
    controls = console.locator(".call-controls")
    await controls.get_by_label("通话结果").fill("renewed")
    await controls.get_by_label("备注").fill("客户同意续保,下周付款")

    async def ended() -> bool:
        calls = await portal_users.api("cc.agent", "call-center", "GET", "/calls?limit=50")
        return any(c["task_id"] == first and c["ended_at"] for c in calls.json())

    assert await eventually(ended, timeout=30), "the PBX's record of the call ended"
    await controls.get_by_role("button", name="保存小结").click()
    await expect(console.get_by_text("已保存")).to_be_visible()

    async def cleared() -> bool:
        task = await portal_users.api("cc.agent", "call-center", "GET", f"/call-tasks/{first}")
        return bool(task.json()["status"] == "cleared")

    assert await eventually(cleared, timeout=30), "the wrap-up of the task's call cleared it"
    await console.close()

    await tasks.reload()
    await open_task(tasks, unreachable)
    dialog = tasks.get_by_role("dialog")
    await expect(dialog).to_contain_text(unreachable)
    await dialog.get_by_label("取消原因").fill("三次未接通")
    await dialog.get_by_role("button", name="申请取消").click()
    await expect(tasks.get_by_text("已保存")).to_be_visible()

    supervisor = await portal_users.open_as("cc.supervisor")
    page = supervisor.page
    await page.goto(f"{portal_users.url}/service/tasks")
    # A reviewer's list opens on the cancellations waiting for them, the customer masked.
    requested = page.get_by_role("row").filter(has_text=mask_phone(unreachable_number))
    await expect(requested).to_be_visible()
    await expect(requested).not_to_contain_text(unreachable)
    await open_task(page, mask_phone(unreachable_number))
    await expect(page.get_by_role("dialog")).to_contain_text("三次未接通")
    await supervisor.screenshot("service-call-task-cancellation")
    await supervisor.check_accessibility("a cancellation to decide")
    await page.get_by_role("dialog").get_by_role("button", name="驳回").click()
    await expect(page.get_by_text("已保存")).to_be_visible()

    await tasks.reload()
    row = tasks.get_by_role("row").filter(has_text=unreachable)
    await expect(row).to_contain_text("↺")
    due = datetime.fromisoformat(
        (await portal_users.api("cc.agent", "call-center", "GET", f"/call-tasks/{second}")).json()[
            "due_at"
        ]
    )
    assert due < datetime.now(UTC) + timedelta(days=1), "a rejected cancellation is due today"
    await agent.screenshot("service-call-tasks-rejected")
    assert not agent.csp_violations
    assert not supervisor.csp_violations
