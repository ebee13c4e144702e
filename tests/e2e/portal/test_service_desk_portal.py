"""The service desk in a real browser: the dealer's admin takes a phone ticket in by quick entry
(in English) and gives it to the service advisor; the advisor finds it among their tickets with
its SLA countdown, writes an internal note and a reply to the customer (the first response:
its clock shows met), resolves it and closes it with the customer's confirmation."""

from __future__ import annotations

import re
import secrets

import pytest
from playwright.async_api import expect

from crm_common.testing.kafka import eventually

from .conftest import Portal

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

RUNNING = '[data-sla="on_track"], [data-sla="due_soon"], [data-sla="breached"]'


async def user_id(portal: Portal, username: str) -> str:
    me = await portal.api(username, "identity", "GET", "/me")
    assert me.status_code == 200, me.text
    found: str = me.json()["user_id"]
    return found


async def desk_knows(portal: Portal, username: str) -> None:
    """The service desk learns the dealer's staff from identity's events: wait until a ticket
    can be given to the user. (Its quick entry asks leads' gRPC directory, cold on a fresh
    spine: the probe is taken in once it answers.)"""

    async def taken_in() -> str | None:
        probe = await portal.api(
            "sh01.admin",
            "service-desk",
            "POST",
            "/tickets/quick",
            {"phone": f"135{secrets.randbelow(10**8):08d}", "subject": "探针 probe"},
        )
        assert probe.status_code in (201, 503), probe.text
        return str(probe.json()["id"]) if probe.status_code == 201 else None

    probe_id = await eventually(taken_in, timeout=60, interval=0.5)
    assert probe_id is not None, "the service desk takes a ticket in"
    assignee = await user_id(portal, username)

    async def given() -> bool:
        answer = await portal.api(
            "sh01.admin",
            "service-desk",
            "POST",
            f"/tickets/{probe_id}/reassignment",
            {"assignee": assignee},
        )
        return answer.status_code == 200

    assert await eventually(given, timeout=60, interval=0.5), f"the desk knows {username}"


async def test_a_ticket_taken_in_given_to_the_advisor_answered_and_closed(
    portal_users: Portal,
) -> None:
    await desk_knows(portal_users, "sh01.service")
    phone = f"137{secrets.randbelow(10**8):08d}"
    subject = f"Book a service {secrets.token_hex(3)}"

    admin = await portal_users.open_as("sh01.admin", english=True)
    page = admin.page
    await page.goto(f"{portal_users.url}/service/tickets")
    await expect(page.get_by_role("heading", name="Service tickets")).to_be_visible()
    await page.get_by_label("Phone", exact=True).fill(phone)
    await page.get_by_label("Subject", exact=True).fill(subject)
    await page.get_by_role("button", name="Open ticket").click()
    heading = page.get_by_role("heading", name=re.compile(r"^Ticket: "))
    await expect(heading).to_be_visible()
    number = (await heading.inner_text()).split(": ", 1)[1].strip()
    await expect(page.locator(RUNNING).first).to_contain_text("First response")
    await expect(page.get_by_text("Not escalated")).to_be_visible()
    # After-sales: no service agreement covers the work (and says why), no files yet.
    coverage = page.locator('[data-coverage="not-covered"]')
    await expect(coverage).to_contain_text("Not covered")
    await expect(coverage).to_contain_text("no service agreement")
    await expect(page.get_by_label("Attachments")).to_contain_text("No attachment")
    await expect(page.locator("[data-owner]")).to_have_text("Me")
    await admin.choose("Reassign to", "sh01.service")
    await page.get_by_role("button", name="Reassign", exact=True).click()
    await expect(page.locator("[data-owner]")).to_have_text("sh01.service")
    await admin.screenshot("service-ticket-reassigned")
    await admin.check_accessibility("ticket detail (English)")
    assert not admin.csp_violations

    advisor = await portal_users.open_as("sh01.service")
    page = advisor.page
    await expect(page.get_by_role("heading", name="服务工单")).to_be_visible()
    await page.get_by_role("switch", name="只看我的").click()
    row = page.get_by_role("row").filter(has_text=number)
    await expect(row).to_be_visible()
    await expect(row.locator(RUNNING)).to_contain_text("首次响应")
    await advisor.screenshot("service-tickets")
    await advisor.check_accessibility("ticket list")

    await row.get_by_role("link", name=number).click()
    await expect(page.get_by_role("heading", name=f"工单详情: {number}")).to_be_visible()
    await expect(page.locator("[data-owner]")).to_have_text("我")
    await page.get_by_label("内容").fill("车辆在保修期内,内部备注")
    await page.get_by_role("button", name="添加").click()
    await expect(page.locator('[data-entry="note"]')).to_contain_text("车辆在保修期内")
    # Ant Design's radio buttons: the label is what one clicks (the input is hidden).
    await page.locator("form#ticket-entry").get_by_text("客户可见回复").click()
    await expect(page.get_by_role("radio", name="客户可见回复")).to_be_checked()
    await page.get_by_label("内容").fill("已为您预约周六上午的保养")
    await page.get_by_role("button", name="添加").click()
    await expect(page.locator('[data-entry="reply"]')).to_contain_text("已为您预约")
    await expect(page.locator('[data-sla="met"]')).to_contain_text("首次响应")
    await expect(page.locator(RUNNING)).to_contain_text("解决时限")
    await advisor.screenshot("service-ticket-detail")
    await advisor.check_accessibility("ticket detail")

    await page.get_by_label("解决方案").fill("保养已预约,客户确认时间")
    await page.get_by_role("button", name="解决").click()
    await expect(page.locator("[data-status]")).to_have_attribute("data-status", "resolved")
    await advisor.choose("客户确认", "满意")
    await page.get_by_role("button", name="关闭工单").click()
    await expect(page.locator("[data-status]")).to_have_attribute("data-status", "closed")
    await expect(page.locator('[data-history="closed"]')).to_be_visible()
    await advisor.screenshot("service-ticket-closed")
    assert not advisor.csp_violations

    tickets = await portal_users.api(
        "sh01.service", "service-desk", "GET", f"/tickets?number={number}"
    )
    [ticket] = tickets.json()
    assert ticket["status"] == "closed"
    assert ticket["owner_user"] == await user_id(portal_users, "sh01.service")
    assert ticket["first_responded_at"] is not None
    entries = await portal_users.api(
        "sh01.service", "service-desk", "GET", f"/tickets/{ticket['id']}/entries"
    )
    assert [e["kind"] for e in entries.json()] == ["note", "reply"]
