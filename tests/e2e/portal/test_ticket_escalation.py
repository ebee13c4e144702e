"""A ticket breaches its SLA and the one it is escalated to sees it in their own browser session.

The dealer's service configuration makes the breach come quickly and at any hour: a category of
its own with one-minute targets, a calendar open all day every day, and an escalation ladder
whose breach step hands the ticket to the dealer's admin as team lead. The worker's sweep
escalates the ticket once its targets are breached; the admin finds it among their own tickets
in red with its escalation level, and on the ticket the breached clocks and the escalation
steps in its history. The dealer's calendar and ladder are put back afterwards (the spine is
shared)."""

from __future__ import annotations

import re
import secrets
from collections.abc import AsyncIterator
from typing import Any

import pytest
from playwright.async_api import expect

from crm_common.testing.kafka import eventually

from .conftest import Portal
from .test_service_desk_portal import desk_knows, user_id

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

ALL_DAY = {"opens": "00:00", "closes": "23:59:59"}
BREACH_WAIT_SECONDS = 240
"""The one-minute targets, then the sweep (every 30 s) on a loaded machine: an upper bound."""


async def configured(portal: Portal, path: str, body: Any) -> Any:
    answer = await portal.api("sh01.admin", "service-desk", "PUT", path, body)
    assert answer.status_code == 200, answer.text
    return answer.json()


@pytest.fixture
async def quick_breach(portal_users: Portal) -> AsyncIterator[tuple[str, str]]:
    """A one-minute category of sh01 (its code) and the team lead its breaches go to (the
    dealer's admin); sh01's calendar and ladder as they were afterwards."""
    admin = await user_id(portal_users, "sh01.admin")
    calendar = (
        await portal_users.api("sh01.admin", "service-desk", "GET", "/business-calendar")
    ).json()
    ladder = (
        await portal_users.api("sh01.admin", "service-desk", "GET", "/escalation-ladder")
    ).json()
    code = f"e2e-breach-{secrets.token_hex(3)}"
    added = await portal_users.api(
        "sh01.admin",
        "service-desk",
        "POST",
        "/ticket-categories",
        {"code": code, "name": "一分钟时限", "default_priority": "urgent"},
    )
    assert added.status_code == 201, added.text
    await configured(
        portal_users,
        "/sla-policies",
        {
            "policies": await _own_rules(portal_users)
            + [{"category_code": code, "first_response_minutes": 1, "resolution_minutes": 1}]
        },
    )
    await configured(
        portal_users,
        "/business-calendar",
        {
            **calendar,
            "weekly": {str(day): [ALL_DAY] for day in range(7)},
            "holidays": [],
            "working_days": {},
        },
    )
    await configured(portal_users, "/escalation-ladder", {**ladder, "team_lead": admin})
    try:
        yield code, admin
    finally:
        await configured(portal_users, "/escalation-ladder", ladder)
        await configured(portal_users, "/business-calendar", calendar)


async def _own_rules(portal: Portal) -> list[dict[str, Any]]:
    """sh01's own SLA rules as a PUT takes them (the PUT replaces the node's list)."""
    categories = (
        await portal.api("sh01.admin", "service-desk", "GET", "/ticket-categories?limit=500")
    ).json()
    codes = {c["id"]: c["code"] for c in categories}
    policies = (
        await portal.api("sh01.admin", "service-desk", "GET", "/sla-policies?limit=500")
    ).json()
    return [
        {
            "category_code": codes.get(p["category_id"]) if p["category_id"] else None,
            "priority": p["priority"],
            "first_response_minutes": p["first_response_minutes"],
            "resolution_minutes": p["resolution_minutes"],
        }
        for p in policies
        if p["owner_org"] == "dealer-sh-01"
    ]


async def test_a_breached_ticket_reaches_the_team_lead_who_sees_it_red(
    portal_users: Portal, quick_breach: tuple[str, str]
) -> None:
    category, admin_id = quick_breach
    await desk_knows(portal_users, "sh01.service")
    subject = f"发动机故障灯 {secrets.token_hex(3)}"
    opened = await portal_users.api(
        "sh01.service",
        "service-desk",
        "POST",
        "/tickets",
        {
            "subject": subject,
            "category": category,
            "channel": "phone",
            "phone": f"133{secrets.randbelow(10**8):08d}",
        },
    )
    assert opened.status_code == 201, opened.text
    ticket = opened.json()
    assert ticket["owner_user"] == await user_id(portal_users, "sh01.service")

    # The team lead logs in meanwhile: not theirs yet.
    lead = await portal_users.open_as("sh01.admin")
    page = lead.page
    await page.goto(f"{portal_users.url}/service/tickets")
    await expect(page.get_by_role("heading", name="服务工单")).to_be_visible()

    async def escalated_to_the_lead() -> dict[str, Any] | None:
        found = await portal_users.api(
            "sh01.admin", "service-desk", "GET", f"/tickets?number={ticket['number']}"
        )
        [now] = found.json()
        return now if now["owner_user"] == admin_id else None

    escalated = await eventually(escalated_to_the_lead, timeout=BREACH_WAIT_SECONDS, interval=1)
    assert escalated is not None, "the sweep hands the breached ticket to the team lead"
    assert "resolution_breach_team_lead" in escalated["escalation_steps"]

    await page.reload()
    await page.get_by_role("switch", name="只看我的").click()
    row = page.get_by_role("row").filter(has_text=ticket["number"])
    await expect(row).to_be_visible()
    await expect(row.locator('[data-sla="breached"]')).to_contain_text("已超时")
    await expect(row).to_contain_text(re.compile(r"第 \d+ 级"))
    await lead.screenshot("service-tickets-breached")
    await lead.check_accessibility("ticket list with a breached ticket")

    await row.get_by_role("link", name=ticket["number"]).click()
    await expect(page.get_by_role("heading", name=f"工单详情: {ticket['number']}")).to_be_visible()
    await expect(page.locator("[data-owner]")).to_have_text("我")
    await expect(page.locator('[data-sla="breached"]').first).to_be_visible()
    steps = page.locator('[data-history="escalated"]')
    await expect(steps.filter(has_text="resolution_breach_team_lead")).to_be_visible()
    await lead.screenshot("service-ticket-escalated")
    await lead.check_accessibility("escalated ticket")
    assert not lead.csp_violations
