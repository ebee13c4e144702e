"""A dealer's manager imports a call list in a real browser: the file goes up through the BFF
and is imported in the background by the call center's worker; the screen follows the import
until it is done, then counts the rows read and the tasks made (or waiting for a queue taking
the kind) and lists every rejected row by its row number and field, to fix and import again.
Coming back to the screen later, the manager finds the import among the past ones (newest
first, with its status and counts) and opens it to read its rejected rows again."""

from __future__ import annotations

import secrets

import pytest
from playwright.async_api import expect

from .conftest import Portal

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


async def test_a_manager_imports_a_call_list_and_sees_each_rejected_row(
    portal_users: Portal,
) -> None:
    phone = f"139{secrets.randbelow(10**8):08d}"
    listed = (
        "姓名,电话,到期日,备注\n"
        f"王芳,{phone},2027-03-01,交强险\n"
        "李雷,not-a-phone,2027-03-02,\n"
        ",13933334444,someday,\n"
    )
    manager = await portal_users.open_as("sh01.manager", english=True)
    page = manager.page
    await page.goto(f"{portal_users.url}/service/call-lists")
    await expect(page.get_by_role("heading", name="Call lists")).to_be_visible()
    await manager.choose("Task kind", "Policy renewal")
    await page.get_by_label("Days before the date").fill("45")
    await page.locator('input[type="file"]').set_input_files(
        files=[{"name": "renewals.csv", "mimeType": "text/csv", "buffer": listed.encode()}]
    )
    result = page.locator(".call-list-result")
    # The worker takes the import within its interval (a second) and a slice.
    await expect(result).to_contain_text("renewals.csv: imported", timeout=60_000)
    await expect(result.get_by_role("progressbar")).to_have_attribute("aria-valuenow", "100")
    figures = {
        label: await result.locator(".ant-descriptions-item")
        .filter(has_text=label)
        .locator(".ant-descriptions-item-content")
        .inner_text()
        for label in ("Rows read", "Tasks made", "Waiting for a queue", "Rows rejected")
    }
    assert figures["Rows read"] == "3"
    assert int(figures["Tasks made"]) + int(figures["Waiting for a queue"]) == 1
    assert figures["Rows rejected"] == "2", "rows 3 and 4; row 4 twice wrong"
    rejected = result.locator("tbody tr.ant-table-row")
    await expect(rejected).to_have_count(3)
    cells = [
        (await row.locator("td").nth(0).inner_text(), await row.locator("td").nth(1).inner_text())
        for row in await rejected.all()
    ]
    assert cells == [("3", "phone"), ("4", "customer_name"), ("4", "due_on")]

    await page.reload()
    await expect(page.locator(".call-list-result")).to_have_count(0)
    newest = page.locator(".call-list-imports tbody tr.ant-table-row").first
    await expect(newest.locator("[data-import-status]")).to_have_attribute(
        "data-import-status", "done"
    )
    columns = await page.locator(".call-list-imports thead th").all_inner_texts()
    row = dict(zip(columns, await newest.locator("td").all_inner_texts(), strict=True))
    assert row["Task kind"] == "Policy renewal"
    assert (row["Rows read"], row["Rows rejected"]) == ("3", "2")
    assert int(row["Tasks made"]) + int(row["Waiting for a queue"]) == 1
    await newest.get_by_role("button", name="Open").click()
    reopened = page.locator(".call-list-result")
    await expect(reopened).to_contain_text("Policy renewal list imported")
    await expect(reopened.locator("tbody tr.ant-table-row")).to_have_count(3)
    await manager.check_accessibility("call lists")
    await manager.screenshot("call-lists")
