"""The agent console in a real browser: a hotline agent declares themselves ready in one click;
a call ringing their extension pops up on the console through the call center's server-sent
events, relayed by the BFF; an unknown caller gets a new ticket with their number filled in.
A cloud contact center's call (its signed webhooks) pops up the same way; the console's call
controls refuse a transfer with the call center's reason and save the wrap-up on the call.

The first ringing is announced the way the worker's Asterisk adapter announces it (Redis, the
agent's channel): the spine has no PBX."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest
from playwright.async_api import Page, expect
from redis.asyncio import Redis

from crm_call_center.adapters import ringing_channel
from crm_call_center.domain.cti import Ringing

from ..test_call_center import webhook
from .conftest import Portal
from .test_call_center_supervisor import registered_agent

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


async def until_popped(page: Page, caller: str, ring: Callable[[], Awaitable[None]]) -> None:
    """Rings until the caller pops up: the console's stream may open (its headers) a moment
    before the call center has subscribed to the agent's channel, and a ring announced in
    between reaches nobody (pub/sub); the console shows each call once, however often pushed."""
    for _ in range(15):
        await ring()
        try:
            await expect(page.locator(".screen-pop").first).to_contain_text(caller, timeout=2_000)
            return
        except AssertionError:
            continue
    raise AssertionError(f"{caller} never popped up")


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
    redis = Redis.from_url(portal_users.spine.infrastructure.redis_url)
    try:
        await until_popped(page, caller, lambda: ringing_channel.announce(redis, [ringing]))
    finally:
        await redis.aclose()
    pop = page.locator('[data-pop="unknown"]')
    await expect(pop).to_contain_text(caller)
    await expect(pop).to_contain_text("未知来电")
    await agent.screenshot("service-console-screen-pop")
    await agent.check_accessibility("agent console")

    await pop.get_by_role("link", name="为此来电新建工单").click()
    await expect(page.get_by_role("heading", name="服务工单")).to_be_visible()
    await expect(page.get_by_label("电话", exact=True)).to_have_value(caller)
    assert not agent.csp_violations


async def test_the_agent_handles_a_call_with_the_consoles_controls(portal_users: Portal) -> None:
    """A cloud contact center's call rings the agent (its signed webhooks, announced to the
    console): a transfer is refused with the call center's reason (that phone system is
    controlled in its own softphone); once the call ended, the wrap-up is saved on it."""
    _, extension = await registered_agent(portal_users, "cc.agent")
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
    # A ringing event sent again is the same event (recorded once) and rings again.
    rings = {**common, "type": "call.ringing", "at": at(1), "agent_extension": extension}
    await until_popped(page, caller, lambda: webhook(portal_users.spine, rings))
    await webhook(
        portal_users.spine,
        {**common, "type": "call.answered", "at": at(3), "agent_extension": extension},
    )
    controls = page.locator(".call-controls")
    await expect(controls).to_contain_text("请在话机上接听")
    await controls.get_by_label("转接给").fill("sh01.consultant1")
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
