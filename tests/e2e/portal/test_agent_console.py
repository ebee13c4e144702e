"""The agent console in a real browser: a hotline agent declares themselves ready in one click;
a call ringing their extension pops up on the console through the call center's server-sent
events, relayed by the BFF; an unknown caller gets a new ticket with their number filled in.

The ringing is announced the way the worker's Asterisk adapter announces it (Redis, the agent's
channel): the spine has no PBX, and the call center's cloud webhooks record a ringing call
without announcing it (no screen pop for webhook calls yet)."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from uuid import uuid4

import pytest
from playwright.async_api import expect
from redis.asyncio import Redis

from crm_call_center.adapters import ringing_channel
from crm_call_center.domain.cti import Ringing

from .conftest import Portal
from .test_service_desk_portal import user_id

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


async def test_agent_goes_ready_and_a_ringing_call_pops_up(portal_users: Portal) -> None:
    extension = f"7{secrets.randbelow(1000):03d}"
    agent_id = await user_id(portal_users, "cc.agent")
    registered = await portal_users.api(
        "cc.supervisor",
        "call-center",
        "POST",
        "/agents",
        {
            "user_id": agent_id,
            "display_name": "热线坐席",
            "extension": extension,
        },
    )
    assert registered.status_code == 201, registered.text

    agent = await portal_users.open_as("cc.agent")
    page = agent.page
    await page.goto(f"{portal_users.url}/service/console")
    await expect(page.get_by_role("heading", name="坐席控制台")).to_be_visible()
    await expect(page.get_by_text("来电推送已连接")).to_be_visible()
    await page.get_by_role("button", name="就绪").click()
    await expect(page.locator('[data-agent-state="ready"]')).to_be_visible()

    caller = f"139{secrets.randbelow(10**8):08d}"
    redis = Redis.from_url(portal_users.spine.infrastructure.redis_url)
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
    pop = page.locator('[data-pop="unknown"]')
    await expect(pop).to_contain_text(caller)
    await expect(pop).to_contain_text("未知来电")
    await agent.screenshot("service-console-screen-pop")
    await agent.check_accessibility("agent console")

    await pop.get_by_role("link", name="为此来电新建工单").click()
    await expect(page.get_by_role("heading", name="服务工单")).to_be_visible()
    await expect(page.get_by_label("电话", exact=True)).to_have_value(caller)
    assert not agent.csp_violations
