"""The consultant's workspace on a 375 px phone, in a real browser: my leads, the reception form
with a refused field shown next to it, the lead it opened, the board; pages the consultant's
functions do not give show "not available"."""

from __future__ import annotations

import secrets

import pytest
from playwright.async_api import expect

from .conftest import Portal

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


async def test_consultant_workspace_on_a_phone(portal_users: Portal) -> None:
    consultant = await portal_users.open_as("sh01.consultant2", phone=True)
    page = consultant.page
    await expect(page.get_by_role("heading", name="我的线索")).to_be_visible()
    await consultant.screenshot("phone-my-leads")
    await consultant.check_accessibility("my leads on a phone")

    await page.goto(f"{portal_users.url}/workspace/reception")
    await expect(page.get_by_role("heading", name="客户接待")).to_be_visible()
    await page.get_by_label("客户", exact=True).fill("手机接待")
    await page.get_by_label("电话", exact=True).fill("12")
    await page.get_by_role("button", name="保存接待").click()
    phone_field = page.locator(".ant-form-item").filter(has=page.get_by_label("电话", exact=True))
    await expect(phone_field.locator(".ant-form-item-explain-error")).to_be_visible()
    await consultant.screenshot("phone-reception-refused")
    await page.get_by_label("电话", exact=True).fill(f"133{secrets.randbelow(10**8):08d}")
    await page.get_by_role("button", name="保存接待").click()
    await expect(page.get_by_role("heading", name="线索详情: 手机接待")).to_be_visible()
    await consultant.screenshot("phone-lead-detail")
    await consultant.check_accessibility("lead detail on a phone")
    width = await page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways on a phone ({width}px)"

    await page.goto(f"{portal_users.url}/workspace/board")
    await expect(page.get_by_role("heading", name="商机看板")).to_be_visible()
    await consultant.screenshot("phone-board")

    await page.goto(f"{portal_users.url}/hq/dashboard")
    await expect(page.get_by_text("暂不可用")).to_be_visible()
    await page.goto(f"{portal_users.url}/workspace/leads/00000000-0000-0000-0000-000000000000")
    await expect(page.get_by_text("暂不可用")).to_be_visible()
    assert not consultant.csp_violations
