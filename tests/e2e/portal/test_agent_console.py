"""The agent console in a real browser: a hotline agent declares themselves ready in one click;
a call ringing their extension pops up on the console through the call center's server-sent
events, relayed by the BFF; an unknown caller gets a new ticket with their number filled in.
A cloud contact center's call (its signed webhooks) pops up the same way; the console's call
controls refuse a transfer with the call center's reason and save the wrap-up on the call.

The first ringing is announced the way the worker's Asterisk adapter announces it (Redis, the
agent's channel), without a call flow on the spine's PBX. Each call rings once, right after the
console says it is connected (the call center listens to the agent's phone by then)."""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest
from playwright.async_api import expect
from redis.asyncio import Redis

from crm_call_center.adapters import ringing_channel
from crm_call_center.domain.cti import Ringing

from ..test_call_center import webhook
from .conftest import Portal
from .test_call_center_supervisor import registered_agent
from .test_service_desk_portal import user_id

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


async def test_agent_goes_ready_and_a_ringing_call_pops_up(portal_users: Portal) -> None:
    agent_id, _ = await registered_agent(portal_users, "cc.agent")
    agent = await portal_users.open_as("cc.agent")
    page = agent.page
    await page.goto(f"{portal_users.url}/service/console")
    await expect(page.get_by_role("heading", name="坐席控制台")).to_be_visible()
    await expect(page.get_by_text("来电推送已连接")).to_be_visible()
    await page.get_by_role("button", name="就绪").click()
    await expect(page.locator('[data-agent-state="ready"]')).to_be_visible()

    caller = f"139{secrets.randbelow(10**8):08d}"
    ringing = Ringing(
        call_id=uuid4(),
        tenant="oem-demo",
        agent_user=agent_id,
        customer_phone=caller,
        direction="inbound",
        at=datetime.now(UTC),
    )
    # Rung exactly once: "connected" means the call center already listens to the agent's
    # phone (its `listening` event), so the one ring pops up.
    redis = Redis.from_url(portal_users.spine.infrastructure.redis_url)
    try:
        await ringing_channel.announce(redis, [ringing])
    finally:
        await redis.aclose()
    pop = page.locator('[data-pop="unknown"]')
    await expect(pop).to_contain_text(caller)
    await expect(pop).to_contain_text("未知来电")
    await agent.screenshot("service-console-screen-pop")
    await agent.check_accessibility("agent console")

    # The hotline agent may open a lead (it waits in HQ's pool) or a ticket for the call in one
    # step: here a ticket.
    await expect(pop.get_by_role("button", name="为此来电新建线索")).to_be_visible()
    subject = f"咨询保养 {secrets.token_hex(3)}"
    await pop.get_by_label("主题").fill(subject)
    await pop.get_by_role("button", name="为此来电新建工单").click()
    opened = pop.get_by_role("link", name=re.compile("工单 .* 已创建"))
    await expect(opened).to_be_visible()
    await opened.click()
    await expect(page.get_by_text(subject).first).to_be_visible()
    tickets = await portal_users.api("cc.agent", "service-desk", "GET", "/tickets?limit=50")
    (ticket,) = [t for t in tickets.json() if t["subject"] == subject]
    assert (ticket["channel"], ticket["links"]["call_id"]) == ("phone", str(ringing.call_id))
    assert not agent.csp_violations


async def announce_ringing(portal: Portal, agent_id: str, caller: str) -> None:
    redis = Redis.from_url(portal.spine.infrastructure.redis_url)
    try:
        await ringing_channel.announce(
            redis,
            [
                Ringing(
                    call_id=uuid4(),
                    tenant="oem-demo",
                    agent_user=agent_id,
                    customer_phone=caller,
                    direction="inbound",
                    at=datetime.now(UTC),
                )
            ],
        )
    finally:
        await redis.aclose()


async def consultant_as_agent(portal: Portal) -> str:
    """sh01.consultant1 takes calls too (the dealer's BDC): registered by their manager."""
    consultant_id = await user_id(portal, "sh01.consultant1")
    registered = await portal.api(
        "sh01.manager",
        "call-center",
        "POST",
        "/agents",
        {
            "user_id": consultant_id,
            "display_name": "销售顾问一号",
            "extension": f"7{secrets.randbelow(10_000):04d}",
        },
    )
    assert registered.status_code in (201, 409), registered.text  # 409: registered already
    return consultant_id


async def test_a_consultant_makes_a_lead_of_an_unknown_caller_in_one_step(
    portal_users: Portal,
) -> None:
    consultant_id = await consultant_as_agent(portal_users)
    consultant = await portal_users.open_as("sh01.consultant1")
    page = consultant.page
    await page.goto(f"{portal_users.url}/service/console")
    await expect(page.get_by_text("来电推送已连接")).to_be_visible()
    caller = f"137{secrets.randbelow(10**8):08d}"
    await announce_ringing(portal_users, consultant_id, caller)
    pop = page.locator('[data-pop="unknown"]')
    await expect(pop).to_contain_text(caller)
    await pop.get_by_label("客户姓名").first.fill("来电客户")
    await pop.get_by_role("button", name="为此来电新建线索").click()
    await expect(page.get_by_text("线索已创建")).to_be_visible()
    await consultant.screenshot("service-console-new-lead")
    await consultant.check_accessibility("agent console with an unknown caller")
    leads = await portal_users.api("sh01.consultant1", "leads", "GET", "/leads?limit=200")
    mine = [lead for lead in leads.json() if lead["customer_name"] == "来电客户"]
    assert mine, leads.text
    assert not consultant.csp_violations


async def test_the_agent_handles_a_call_with_the_consoles_controls(portal_users: Portal) -> None:
    """A cloud contact center's call rings the agent (its signed webhooks, announced to the
    console): a transfer is refused with the call center's reason (that phone system is
    controlled in its own softphone); once the call ended, the wrap-up is saved on it."""
    _, extension = await registered_agent(portal_users, "cc.agent")
    await consultant_as_agent(portal_users)
    agent = await portal_users.open_as("cc.agent")
    page = agent.page
    await page.goto(f"{portal_users.url}/service/console")
    await expect(page.get_by_text("来电推送已连接")).to_be_visible()

    call = f"console-{secrets.token_hex(4)}"
    caller = f"135{secrets.randbelow(10**8):08d}"
    start = datetime.now(UTC)

    def at(seconds: int) -> str:
        return (start + timedelta(seconds=seconds)).isoformat()

    common = {"call_id": call, "direction": "inbound"}
    await webhook(
        portal_users.spine,
        {**common, "type": "call.created", "at": at(0), "from": caller, "to": "4008001234"},
    )
    rings = {**common, "type": "call.ringing", "at": at(1), "agent_extension": extension}
    await webhook(portal_users.spine, rings)
    await expect(page.locator(".screen-pop").first).to_contain_text(caller)
    await webhook(
        portal_users.spine,
        {**common, "type": "call.answered", "at": at(3), "agent_extension": extension},
    )
    controls = page.locator(".call-controls")
    await expect(controls).to_contain_text("请在话机上接听")
    # The dealer's consultant picked by name from the directory, not typed as an id.
    await controls.get_by_label("转接给").click()
    await controls.get_by_label("转接给").fill("销售顾问")
    await (
        page.locator(".ant-select-dropdown:visible .ant-select-item-option")
        .filter(has_text="销售顾问一号")
        .first.click()
    )
    await controls.get_by_role("button", name="转接", exact=True).click()
    await expect(page.get_by_text("softphone")).to_be_visible()

    await webhook(
        portal_users.spine,
        {**common, "type": "call.ended", "at": at(40), "agent_extension": extension},
    )
    await controls.get_by_label("通话结果").fill("interested")
    await controls.get_by_label("备注").fill("想了解置换政策")
    await controls.get_by_role("button", name="保存小结").click()
    await expect(page.get_by_text("已保存")).to_be_visible()
    await agent.screenshot("service-console-call-controls")
    await agent.check_accessibility("agent console with call controls")
    calls = await portal_users.api("cc.agent", "call-center", "GET", "/calls?limit=20")
    (wrapped,) = [c for c in calls.json() if c["customer_phone"] == caller]
    assert (wrapped["disposition"], wrapped["notes"]) == ("interested", "想了解置换政策")
    assert not agent.csp_violations
