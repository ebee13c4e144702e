"""Commission and custom KPIs in the browser (issue 19), on a dealer made for this test (a
dealer has one commission plan, and other tests write the demo dealers' plans): the sales manager
writes the plan in the form and runs the month after a consultant's delivered sale reached kpi;
the consultant acknowledges the statement (in English), the manager approves it, the dealer
admin issues it; then the manager builds a custom KPI in the builder and reads its value."""

from __future__ import annotations

import re
import secrets
import uuid
from typing import Any

import pytest
from playwright.async_api import expect

from crm_common.testing.kafka import eventually

from ..sales import counted_as_won, delivered, quote_issued
from .conftest import DEMO_PASSWORD, Portal

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


async def _ok(
    portal: Portal, user: str, service: str, method: str, path: str, body: Any = None
) -> Any:
    response = await portal.api(user, service, method, path, body)
    assert response.status_code < 300, f"{method} {path}: {response.text}"
    return response.json() if response.content else None


async def _dealer_with_people(portal: Portal) -> dict[str, tuple[str, str]]:
    """A new dealer in the East region with a manager, an admin and a consultant who log in
    with the demo password: their usernames and user ids by role."""
    tag = secrets.token_hex(3)
    dealer = f"dealer-cm-{tag}"
    await _ok(
        portal,
        "hq.admin",
        "identity",
        "POST",
        "/orgs",
        {"id": dealer, "parent_id": "region-east", "kind": "dealer", "name": f"CM 4S {tag}"},
    )
    people = {}
    for role in ("sales_manager", "dealer_admin", "sales_consultant"):
        username = f"cm{tag}.{role.split('_')[-1]}"
        created = await _ok(
            portal,
            "hq.admin",
            "identity",
            "POST",
            "/users",
            {
                "username": username,
                "display_name": username,
                "password": DEMO_PASSWORD,
                "org_node": dealer,
                "roles": [role],
            },
        )
        people[role] = (username, str(created["id"]))
    return people


async def _delivered_sale(portal: Portal, consultant: str) -> str:
    """The consultant sells and delivers a car; its opportunity once kpi counted the win."""

    async def opened() -> dict[str, Any] | None:
        response = await portal.api(
            consultant,
            "opportunities",
            "POST",
            "/opportunities",
            {"customer_name": "钱八", "phone": f"139{uuid.uuid4().int % 10**8:08d}"},
        )
        return response.json() if response.status_code == 201 else None

    opportunity = await eventually(opened, timeout=90, interval=1.0)
    assert opportunity, "the new consultant reached the opportunities service"

    async def seller(method: str, path: str, body: Any) -> Any:
        return await _ok(portal, consultant, "opportunities", method, path, body)

    quote = await quote_issued(seller, opportunity["id"])
    await delivered(seller, quote, vin_prefix="LCM")
    await counted_as_won(portal.spine, opportunity["id"], timeout=90)
    return str(opportunity["id"])


async def test_a_month_of_commission_from_plan_to_issue_and_a_custom_kpi(
    portal_users: Portal,
) -> None:
    people = await _dealer_with_people(portal_users)
    (manager, _), (admin, _) = people["sales_manager"], people["dealer_admin"]
    consultant, _ = people["sales_consultant"]
    await _delivered_sale(portal_users, consultant)

    boss = await portal_users.open_as(manager)
    page = boss.page
    await boss.menu("提成管理")
    await page.get_by_label("名称", exact=True).fill("顾问提成")
    await page.get_by_label("每台默认金额", exact=True).fill("1000")
    await page.get_by_role("button", name="创建方案").click()
    await expect(page.get_by_role("row").filter(has_text="顾问提成")).to_be_visible()
    await expect(page.get_by_text("每个经销商只有一个提成方案", exact=False)).to_be_visible()
    await page.get_by_role("button", name="计算").click()
    await expect(page.get_by_text("已生成 1 张提成单")).to_be_visible()
    statement = page.get_by_role("row").filter(has_text="1000.00 CNY")
    await expect(statement.get_by_text("待确认")).to_be_visible()
    await expect(statement.get_by_role("cell", name=consultant, exact=True)).to_be_visible()
    await boss.screenshot("dealer-commission")
    await boss.check_accessibility("dealer commission")

    seller = await portal_users.open_as(consultant, english=True)
    await seller.menu("My commission")
    mine = seller.page.get_by_role("row").filter(has_text="1000.00 CNY")
    await mine.get_by_role("button", name="Acknowledge").click()
    await expect(mine.get_by_text("Acknowledged")).to_be_visible()
    await mine.get_by_role("button", name="Expand row").click()
    lines = seller.page.get_by_role("table", name="Lines")
    await expect(lines.get_by_role("cell", name="1000.00", exact=True)).to_be_visible()
    await seller.screenshot("workspace-commission")
    await seller.check_accessibility("my commission")

    await page.reload()
    await statement.get_by_role("button", name="审批通过").click()
    await expect(statement.get_by_text("已审批")).to_be_visible()

    finance = await portal_users.open_as(admin)
    await finance.menu("提成管理")
    issued = finance.page.get_by_role("row").filter(has_text="1000.00 CNY")
    await issued.get_by_role("button", name="发放").click()
    await expect(issued.get_by_text("已发放")).to_be_visible()
    await expect(issued.get_by_role("button", name="发放")).to_have_count(0)

    await boss.menu("KPI 目录")
    name = f"顾问净销量 {secrets.token_hex(2)}"
    await page.get_by_label("名称", exact=True).fill(name)
    await boss.choose("数据", "净销量")
    await boss.choose("分组", "按顾问")
    await page.get_by_role("button", name="保存 KPI").click()
    await page.get_by_role("button", name=name).click()
    values = page.get_by_role("table", name=name)
    one_sale = values.get_by_role("row").filter(has_text=consultant)
    await expect(one_sale.get_by_role("cell", name=re.compile(r"^1(\.0+)?$"))).to_be_visible()
    await boss.screenshot("kpi-builder")
    await boss.check_accessibility("kpi builder")

    # Sales expenses (issue 22 item 12): the manager enters one spent for the consultant; the
    # month's list shows it with the consultant by name.
    await boss.menu("销售费用")
    await boss.choose("类别", "活动")
    await page.get_by_label("金额(元)").fill("1280.50")
    await boss.choose("相关顾问", consultant)
    await page.get_by_label("备注").fill("周末试驾会")
    await page.get_by_role("button", name="录入", exact=True).click()
    await expect(page.get_by_text("费用已录入")).to_be_visible()
    spent = (
        page.get_by_role("table", name="销售费用").get_by_role("row").filter(has_text="周末试驾会")
    )
    await expect(spent).to_contain_text("¥1280.50")
    await expect(spent).to_contain_text(consultant)
    await boss.screenshot("dealer-expenses")
    await boss.check_accessibility("sales expenses")
    for user in (boss, seller, finance):
        assert not user.csp_violations
