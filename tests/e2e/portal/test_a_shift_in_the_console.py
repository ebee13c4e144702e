"""A shift in the console (issue 20, "done when"): the call-center agent, their supervisor and the
dealer's service advisor each work a shift in their own browser, as the demo users, reaching each
page through their menu — on the kinds of data `./platform up`'s demo loads (hotline calls
reported by the cloud contact center's signed webhooks, a renewal task pushed to an agent, an
HQ knowledge-base article every dealer reads, phone tickets). What the other browser tests show
page by page is not repeated; this is the day's loop of each role.

- The agent goes ready, a dealer's customer rings: the pop names the consultant who works them
  by name (sh01.consultant2 takes no calls: the name comes from leads), the wrap-up is saved,
  the agent takes a break and finds the call with its outcome among their calls, then logs off.
- The supervisor approves an agent's request to cancel a task (the other browser test rejects
  one) and watches the agent on the wallboard by name.
- The service advisor takes a phone ticket in by quick entry, the knowledge base suggests HQ's
  article while the subject is typed and again on the ticket, answers and resolves it, then
  reads the survey results."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

import pytest
from playwright.async_api import expect

from crm_common.policy.masking import mask_phone
from crm_common.testing.kafka import eventually

from ..test_call_center import webhook
from .conftest import Portal
from .test_call_center_supervisor import registered_agent
from .test_call_tasks_portal import open_task, pushed
from .test_service_desk_portal import desk_knows, user_id

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


async def test_the_agents_shift(portal_users: Portal) -> None:
    _, extension = await registered_agent(portal_users, "cc.agent")
    caller = f"134{secrets.randbelow(10**8):08d}"
    lead = await portal_users.api(
        "sh01.consultant2",
        "leads",
        "POST",
        "/leads",
        {"customer_name": f"值班客户{secrets.token_hex(2)}", "phone": caller, "source": "phone"},
    )
    assert lead.status_code == 201, lead.text
    consultant_id = await user_id(portal_users, "sh01.consultant2")

    agent = await portal_users.open_as("cc.agent")
    page = agent.page
    await agent.menu("坐席控制台")
    await expect(page.get_by_role("heading", name="坐席控制台")).to_be_visible()
    await expect(page.get_by_text("来电推送已连接")).to_be_visible()
    await page.get_by_role("button", name="就绪").click()
    await expect(page.locator('[data-agent-state="ready"]')).to_be_visible()

    call = f"shift-{secrets.token_hex(4)}"
    start = datetime.now(UTC)

    def at(seconds: int) -> str:
        return (start + timedelta(seconds=seconds)).isoformat()

    common = {"call_id": call, "direction": "inbound"}
    await webhook(
        portal_users.spine,
        {**common, "type": "call.created", "at": at(0), "from": caller, "to": "4008001234"},
    )
    await webhook(
        portal_users.spine,
        {**common, "type": "call.ringing", "at": at(1), "agent_extension": extension},
    )
    # Another dealer's customer: who works them (by name, though they take no calls), nothing
    # of the customer.
    pop = page.locator('[data-pop="routing"]')
    await expect(pop).to_contain_text(caller)
    await expect(pop).to_contain_text("sh01.consultant2")
    await expect(pop).not_to_contain_text(consultant_id)
    await agent.screenshot("shift-agent-routing-pop")
    await webhook(
        portal_users.spine,
        {**common, "type": "call.answered", "at": at(4), "agent_extension": extension},
    )
    await webhook(
        portal_users.spine,
        {**common, "type": "call.ended", "at": at(50), "agent_extension": extension},
    )
    controls = page.locator(".call-controls")
    await controls.get_by_label("通话结果").fill("passed-to-dealer")
    await controls.get_by_label("备注").fill("客户找销售顾问, 已告知回电")
    await controls.get_by_role("button", name="保存小结").click()
    await expect(page.get_by_text("小结已保存")).to_be_visible()
    await page.get_by_role("button", name="小休").click()
    await expect(page.locator('[data-agent-state="break"]')).to_be_visible()

    await agent.menu("通话记录")
    await expect(page.get_by_role("heading", name="通话记录")).to_be_visible()
    mine = page.get_by_role("row").filter(has_text=caller)
    await expect(mine).to_contain_text("passed-to-dealer")
    await agent.screenshot("shift-agent-calls")
    await agent.check_accessibility("the agent's calls")

    await agent.menu("坐席控制台")
    await page.get_by_role("button", name="离线").click()
    await expect(page.locator('[data-agent-state="offline"]')).to_be_visible()
    assert not agent.csp_violations


async def test_the_supervisors_shift(portal_users: Portal) -> None:
    agent_id, _ = await registered_agent(portal_users, "cc.agent")
    customer, number = f"保养客户{secrets.token_hex(2)}", f"133{secrets.randbelow(10**8):08d}"
    task = await pushed(portal_users, agent_id, customer, number)
    asked = await portal_users.api(
        "cc.agent",
        "call-center",
        "POST",
        f"/call-tasks/{task}/cancellation",
        {"reason": "客户已在别家续保"},
    )
    assert asked.status_code == 200, asked.text

    supervisor = await portal_users.open_as("cc.supervisor")
    page = supervisor.page
    await supervisor.menu("外呼任务")
    await expect(page.get_by_role("heading", name="外呼任务")).to_be_visible()
    # The request waits for them, its customer masked (they manage no book: the shared policy).
    await open_task(page, mask_phone(number))
    dialog = page.get_by_role("dialog")
    await expect(dialog).to_contain_text("客户已在别家续保")
    await expect(dialog).not_to_contain_text(customer)
    await dialog.get_by_role("button", name="批准").click()
    await expect(page.get_by_text("已保存")).to_be_visible()

    async def cancelled() -> bool:
        answer = await portal_users.api("cc.agent", "call-center", "GET", f"/call-tasks/{task}")
        return bool(answer.json()["status"] == "cancelled")

    assert await eventually(cancelled, timeout=15), "the approved cancellation cancelled it"
    await page.locator(".ant-segmented").get_by_text("已取消", exact=True).click()
    done = page.get_by_role("row").filter(has_text=mask_phone(number))
    await expect(done).to_contain_text("cc.agent")  # whose task, by name
    await supervisor.screenshot("shift-supervisor-tasks")
    await supervisor.check_accessibility("the supervisor's call tasks")

    await supervisor.menu("监控大屏")
    await expect(page.locator('[data-live="yes"]')).to_be_attached()
    agent_row = page.get_by_role("row").filter(has=page.locator(f'[data-occupancy="{agent_id}"]'))
    await expect(agent_row).to_contain_text("cc.agent")
    await expect(agent_row).not_to_contain_text(agent_id)
    await supervisor.screenshot("shift-supervisor-wallboard")
    await supervisor.menu("录音质检")
    await expect(page.get_by_role("heading", name="录音质检")).to_be_visible()
    assert not supervisor.csp_violations


async def test_the_service_advisors_shift(portal_users: Portal) -> None:
    await desk_knows(portal_users, "sh01.service")
    word = f"gearbox{secrets.token_hex(3)}"
    article = await portal_users.api(
        "hq.admin",
        "service-desk",
        "POST",
        "/knowledge-articles",
        {
            "title": f"变速箱顿挫 {word}",
            "problem": f"低速换挡顿挫 {word}",
            "solution": "升级变速箱控制软件并做自适应学习",
        },
    )
    assert article.status_code == 201, article.text
    phone = f"131{secrets.randbelow(10**8):08d}"

    advisor = await portal_users.open_as("sh01.service")
    page = advisor.page
    await advisor.menu("服务工单")
    await expect(page.get_by_role("heading", name="服务工单")).to_be_visible()
    await page.get_by_label("电话", exact=True).fill(phone)
    await page.get_by_label("事由", exact=True).fill(f"{word} 换挡顿挫")
    # While the subject is typed, the knowledge base suggests HQ's article.
    await expect(page.get_by_label("知识库推荐")).to_contain_text(f"变速箱顿挫 {word}")
    await advisor.check_accessibility("quick entry with suggestions")
    await page.get_by_role("button", name="录入工单").click()
    await expect(page.get_by_role("heading", name="工单详情: ")).to_be_visible()
    await expect(page.get_by_label("知识库推荐")).to_contain_text(f"变速箱顿挫 {word}")
    await page.locator("form#ticket-entry").get_by_text("客户可见回复").click()
    await page.get_by_label("内容").fill("请周六上午到店升级变速箱软件")
    await page.get_by_role("button", name="添加").click()
    await expect(page.locator('[data-entry="reply"]')).to_contain_text("升级变速箱软件")
    await page.get_by_label("解决方案").fill("已升级变速箱控制软件")
    await page.get_by_role("button", name="解决").click()
    await expect(page.locator("[data-status]")).to_have_attribute("data-status", "resolved")
    await advisor.screenshot("shift-advisor-ticket")

    await advisor.menu("调查结果")
    await expect(page.get_by_role("heading", name="调查结果")).to_be_visible()
    await advisor.screenshot("shift-advisor-surveys")
    await advisor.check_accessibility("survey results")
    assert not advisor.csp_violations
