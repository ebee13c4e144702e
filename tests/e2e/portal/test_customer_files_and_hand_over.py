"""Customer files (客户档案) and a leaver's hand-over (离职交接) in a real browser.

The dealer's manager finds a consultant's customer by phone and opens their file — in full, with
one timeline of the lead's history and follow-ups; HQ finds a customer it distributed to the
dealer by phone only, masked, and never by a name it sees masked (in English). The manager hands
a leaving consultant's work to a colleague and sees how many leads each successor took; the lead
is then the colleague's."""

from __future__ import annotations

import re
import secrets

import pytest
from playwright.async_api import Page, expect

from crm_common.testing.kafka import eventually

from ..sales import rows
from ..test_hand_over import consultant, lead
from .conftest import Portal
from .test_hq_and_partner_portals import org_tree_reached_leads
from .test_service_desk_portal import user_id

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


async def leads_knows(portal: Portal, *usernames: str) -> None:
    """Leads takes a demo user's leads once identity's event has brought them into its staff
    copy (a fresh spine may not have it yet)."""
    users = [await user_id(portal, username) for username in usernames]

    async def known() -> bool:
        found = await rows(
            portal.spine,
            "leads",
            "SELECT user_id FROM staff WHERE user_id = ANY(:u) AND active",
            u=users,
        )
        return len(found) == len(users)

    assert await eventually(known, timeout=60), f"leads knows {usernames}"


async def find(page: Page, field: str, value: str, button: str) -> None:
    form = page.locator("form#customer-search")
    await form.get_by_label(field, exact=True).fill(value)
    await form.get_by_role("button", name=button).click()


async def test_the_manager_reads_a_customers_file_in_full_and_hq_masked(
    portal_users: Portal,
) -> None:
    await leads_knows(portal_users, "sh01.consultant1")
    name = f"档案客户{secrets.token_hex(2)}"
    phone = f"138{secrets.randbelow(10**8):08d}"
    created = await portal_users.api(
        "sh01.consultant1",
        "leads",
        "POST",
        "/leads",
        {"customer_name": name, "phone": phone, "source": "walk_in"},
    )
    assert created.status_code == 201, created.text
    followed = await portal_users.api(
        "sh01.consultant1",
        "leads",
        "POST",
        f"/leads/{created.json()['id']}/follow-ups",
        {"kind": "visit", "outcome": "看了 SUV X 的内饰", "grade": "intent"},
    )
    assert followed.status_code in (200, 201), followed.text

    manager = await portal_users.open_as("sh01.manager")
    page = manager.page
    await manager.menu("客户档案")
    await expect(page.get_by_role("heading", name="客户档案")).to_be_visible()
    await find(page, "电话", phone, "查找")
    row = page.get_by_role("row").filter(has_text=name)
    await expect(row.locator('[data-personal-data="full"]')).to_be_visible()
    await manager.screenshot("customer-search")
    await manager.check_accessibility("customer search")
    await row.get_by_role("link", name=name).click()
    await expect(page.get_by_role("heading", name=f"客户档案: {name}")).to_be_visible()
    await expect(page.locator("[data-customer-phone]")).to_contain_text(phone)
    await expect(page.locator('[data-timeline="lead_created"]')).to_be_visible()
    await expect(page.locator('[data-timeline="follow_up"]')).to_contain_text("看了 SUV X 的内饰")
    await manager.screenshot("customer-file")
    await manager.check_accessibility("customer file")
    assert not manager.csp_violations

    # HQ's lead, distributed to the dealer: HQ reads its customer masked from then on.
    await org_tree_reached_leads(portal_users)
    hq_name = f"官网档案{secrets.token_hex(2)}"
    hq_phone = f"139{secrets.randbelow(10**8):08d}"
    hq_lead = await portal_users.api(
        "hq.admin",
        "leads",
        "POST",
        "/leads",
        {"customer_name": hq_name, "phone": hq_phone, "source": "oem_website"},
    )
    assert hq_lead.status_code == 201, hq_lead.text
    distributed = await portal_users.api(
        "hq.admin",
        "leads",
        "POST",
        f"/leads/{hq_lead.json()['id']}/distribute",
        {"dealer_id": "dealer-sh-01"},
    )
    assert distributed.status_code == 200, distributed.text
    found = await portal_users.api("hq.admin", "leads", "GET", f"/customers?phone={hq_phone}")
    assert [c["personal_data"] for c in found.json()] == ["masked"], found.text

    hq = await portal_users.open_as("hq.admin", english=True)
    page = hq.page
    await hq.menu("Customer files")
    await expect(page.get_by_role("heading", name="Customer files")).to_be_visible()
    await find(page, "Name", hq_name, "Find")
    await expect(page.locator(".ant-table .ant-empty")).to_be_visible()
    await page.locator("form#customer-search").get_by_label("Name", exact=True).fill("")
    await find(page, "Phone", hq_phone, "Find")
    masked = page.get_by_role("row").filter(has=page.locator('[data-personal-data="masked"]'))
    await expect(masked).to_have_count(1)
    await expect(masked).not_to_contain_text(hq_name)
    await expect(masked).not_to_contain_text(hq_phone)
    await masked.get_by_role("link").click()
    await expect(page.get_by_role("heading", name=re.compile("^Customer file: "))).to_be_visible()
    await expect(page.locator('[data-personal-data="masked"]')).to_be_visible()
    await expect(page.locator("[data-customer-phone]")).not_to_contain_text(hq_phone)
    await hq.screenshot("customer-file-masked-en")
    await hq.check_accessibility("customer file (masked, English)")
    assert not hq.csp_violations


async def test_the_manager_hands_a_leavers_work_to_a_colleague(portal_users: Portal) -> None:
    spine = portal_users.spine
    leaver_id, leaver_token = await consultant(spine, await portal_users.token("sh01.admin"))
    lead_id = await lead(spine, leaver_token, f"137{secrets.randbelow(10**8):08d}")
    await leads_knows(portal_users, "sh01.consultant2")
    successor = await user_id(portal_users, "sh01.consultant2")
    leaver = await username_of(portal_users, leaver_id)

    manager = await portal_users.open_as("sh01.manager")
    page = manager.page
    await manager.menu("离职交接")
    await expect(page.get_by_role("heading", name="离职交接")).to_be_visible()
    await pick(page, "离职顾问", leaver)
    await pick(page, "继任者", "sh01.consultant2")
    await page.get_by_role("button", name="执行交接").click()
    done = page.locator("[data-hand-over]")
    await expect(done).to_contain_text("交接完成")
    moved = done.get_by_role("row").filter(has_text="sh01.consultant2")
    await expect(moved.get_by_role("cell", name="1", exact=True)).to_be_visible()
    await manager.screenshot("hand-over")
    await manager.check_accessibility("hand-over")
    assert not manager.csp_violations

    async def taken_over() -> bool:
        answer = await portal_users.api("sh01.manager", "leads", "GET", f"/leads/{lead_id}")
        return bool(answer.json()["owner_user"] == successor)

    assert await eventually(taken_over, timeout=10), "the lead is the successor's"


async def pick(page: Page, label: str, option: str) -> None:
    """An option of the Ant Design select labelled `label`, found by what it contains — once
    the previous select's list has closed (its options may name the same person)."""
    await expect(page.locator(".ant-select-dropdown:visible")).to_have_count(0)
    await page.get_by_label(label, exact=True).click()
    await (
        page.locator(".ant-select-dropdown:visible .ant-select-item-option")
        .filter(has_text=option)
        .first.click()
    )


async def username_of(portal: Portal, user: str) -> str:
    offset = 0
    while True:
        page = await portal.api(
            "sh01.manager", "identity", "GET", f"/users?limit=500&offset={offset}"
        )
        users = page.json()
        for found in users:
            if found["id"] == user:
                return str(found["username"])
        assert len(users) == 500, f"user {user} not among the manager's users"
        offset += 500
