"""HQ distributes a campaign lead to a dealer and sees where it went; a finance partner approves
a loan application (in English)."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

import pytest
from playwright.async_api import expect

from crm_common.testing.kafka import eventually

from .conftest import Portal

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


async def org_tree_reached_leads(portal: Portal) -> None:
    """Distribution routes by leads' copy of the org tree (identity's events)."""
    probe = await portal.api(
        "hq.admin",
        "leads",
        "POST",
        "/leads",
        {
            "customer_name": "探针",
            "phone": f"135{secrets.randbelow(10**8):08d}",
            "source": "oem_website",
        },
    )
    assert probe.status_code == 201, probe.text

    async def routed() -> bool:
        answer = await portal.api(
            "hq.admin",
            "leads",
            "POST",
            f"/leads/{probe.json()['id']}/distribute",
            {"dealer_id": "dealer-sh-02"},
        )
        return answer.status_code == 200

    assert await eventually(routed, timeout=60, interval=0.5)


async def test_hq_distributes_a_lead_and_sees_its_status(portal_users: Portal) -> None:
    await org_tree_reached_leads(portal_users)
    hq = await portal_users.open_as("hq.admin")
    page = hq.page
    await expect(page.get_by_role("heading", name="总部看板")).to_be_visible()
    await expect(page.locator("canvas").first).to_be_visible()
    await hq.screenshot("hq-dashboard")
    await hq.check_accessibility("hq dashboard")

    await hq.menu("线索下发")
    customer = f"官网客户{secrets.token_hex(3)}"
    await page.get_by_label("客户", exact=True).fill(customer)
    await page.get_by_label("电话", exact=True).fill(f"138{secrets.randbelow(10**8):08d}")
    await page.get_by_role("button", name="创建").click()
    await expect(page.get_by_text("已创建")).to_be_visible()
    created = page.get_by_role("row").filter(has_text=customer)
    await expect(created).to_be_visible()
    # Once distributed, the lead is the dealer's and HQ reads it masked (the customer's
    # name no longer shows), so the row is followed by its key, the lead's id.
    row = page.locator(f'tr[data-row-key="{await created.get_attribute("data-row-key")}"]')
    await row.get_by_role("combobox").click()
    await (
        page.locator(".ant-select-dropdown:visible .ant-select-item-option")
        .filter(has_text="Shanghai Pudong 4S")
        .click()
    )
    await row.get_by_role("button", name="下发").click()
    await expect(page.get_by_text("已下发")).to_be_visible()
    await expect(row.get_by_role("cell", name="Shanghai Pudong 4S")).to_be_visible()
    await expect(row.get_by_role("cell", name=customer)).not_to_be_visible()
    await hq.screenshot("hq-distribution")
    await hq.check_accessibility("hq distribution")
    assert not hq.csp_violations


async def ordered_with_a_loan(portal: Portal) -> str:
    """A Pudong customer's accepted quote with a loan from Demo Auto Finance: its application."""
    name = f"贷款客户{secrets.token_hex(3)}"
    consultant = "sh01.consultant1"
    lead = await portal.api(
        consultant,
        "leads",
        "POST",
        "/leads",
        {"customer_name": name, "phone": f"134{secrets.randbelow(10**8):08d}", "source": "walk_in"},
    )
    assert lead.status_code == 201, lead.text
    lead_id = lead.json()["id"]
    converted = await portal.api(consultant, "leads", "POST", f"/leads/{lead_id}/convert", {})
    assert converted.status_code == 200, converted.text

    async def opened() -> dict[str, Any] | None:
        listed = (await portal.api(consultant, "opportunities", "GET", "/opportunities")).json()
        return next((o for o in listed if o["lead_id"] == lead_id), None)

    opportunity = await eventually(opened, timeout=60)
    assert opportunity is not None
    drive = await portal.api(
        consultant,
        "opportunities",
        "POST",
        f"/opportunities/{opportunity['id']}/test-drives",
        {
            "model_code": "SUV-X",
            "licence_number": "310101199202021234",
            "licence_checked": True,
            "started_at": datetime.now(UTC).isoformat(),
        },
    )
    assert drive.status_code == 201, drive.text
    quote = await portal.api(
        consultant,
        "opportunities",
        "POST",
        f"/opportunities/{opportunity['id']}/quotes",
        {
            "lines": [
                {
                    "kind": "vehicle",
                    "code": "SUV-X",
                    "description": "SUV X 2.0T",
                    "list_price": "200000",
                    "price": "200000",
                    "cost": "184000",
                },
                {
                    "kind": "finance",
                    "code": "LOAN-36",
                    "description": "36 期贷款 36-month loan",
                    "list_price": "3000",
                    "price": "3000",
                    "partner_id": "partner-finance",
                },
            ]
        },
    )
    assert quote.status_code == 201, quote.text
    quote_id = quote.json()["id"]
    issued = await portal.api(consultant, "opportunities", "POST", f"/quotes/{quote_id}/issue")
    assert issued.status_code == 200, issued.text
    assert issued.json()["status"] == "issued", issued.text
    accepted = await portal.api(
        consultant, "opportunities", "POST", f"/quotes/{quote_id}/acceptance"
    )
    assert accepted.status_code == 201, accepted.text
    return quote_id


async def test_partner_approves_a_loan_application_in_english(portal_users: Portal) -> None:
    quote_id = await ordered_with_a_loan(portal_users)
    bank = await portal_users.open_as("finance.partner", english=True)
    page = bank.page
    await expect(page.get_by_role("heading", name="Applications")).to_be_visible()
    await expect(page.get_by_role("row").filter(has_text="36-month loan").first).to_be_visible()
    await bank.screenshot("partner-applications")
    await bank.check_accessibility("partner applications")
    queue = (
        await portal_users.api(
            "finance.partner", "opportunities", "GET", "/partner/applications?status=submitted"
        )
    ).json()
    [application] = [a for a in queue if a["quote_id"] == quote_id]
    mine = (
        page.get_by_role("row")
        .filter(has_text=application["customer_name"])
        .filter(has_text="36-month loan")
        .last
    )
    await mine.get_by_role("button", name="Open").click()
    drawer = page.get_by_role("dialog")
    await expect(drawer.get_by_text("LOAN-36")).to_be_visible()
    await drawer.get_by_label("Note").fill("income verified")
    await bank.screenshot("partner-application-detail")
    await drawer.get_by_role("button", name="Approve").click()
    await expect(page.get_by_text("Approved").first).to_be_visible()

    decided = (
        await portal_users.api(
            "finance.partner", "opportunities", "GET", f"/partner/applications/{application['id']}"
        )
    ).json()
    assert (decided["status"], decided["note"]) == ("approved", "income verified")
    assert not bank.csp_violations
