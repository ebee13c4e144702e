"""Grade schemes and the nurture list in the browser (issue 22 items 2 and 4), on a dealer made
for this test (the demo dealers' pools and nurture lists serve the other tests): the sales
manager defines the dealer's own grade scheme, offered then in the pool rules, names who owns
the nurture list, sees the lead a consultant handed to marketing on it and gives it back to the
consultant; the escalated leads wait on the same page. Then the manager orders the dealer's lead
routing rules (item 1): adds two, moves the second first, retires the other, and a lead taken in
afterwards goes to the consultant the remaining rule names."""

from __future__ import annotations

import secrets

import pytest
from playwright.async_api import expect

from crm_common.testing.kafka import eventually

from .conftest import Portal
from .test_commission_and_kpis import _dealer_with_people, _ok

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


async def test_a_manager_defines_grades_and_works_the_nurture_list(portal_users: Portal) -> None:
    people = await _dealer_with_people(portal_users)
    manager, manager_id = people["sales_manager"]
    consultant, consultant_id = people["sales_consultant"]
    customer = f"培育客户{secrets.token_hex(3)}"

    async def known() -> bool:
        """Leads' copies of the org tree and staff name the new consultant in the dealer."""
        response = await portal_users.api(
            manager, "leads", "PUT", "/nurture-settings", {"owner": consultant_id}
        )
        return response.status_code == 200

    assert await eventually(known, timeout=90, interval=1.0), "the dealer reached leads"
    await _ok(portal_users, manager, "leads", "PUT", "/nurture-settings", {"owner": None})
    lead = await _ok(
        portal_users,
        consultant,
        "leads",
        "POST",
        "/leads",
        {
            "customer_name": customer,
            "phone": f"138{secrets.randbelow(10**8):08d}",
            "source": "phone",
        },
    )

    boss = await portal_users.open_as(manager)
    page = boss.page
    await boss.menu("意向级别与培育")
    schemes = page.get_by_role("table", name="意向级别方案")
    await expect(schemes.get_by_role("row").filter(has_text="three_level")).to_be_visible()
    await page.get_by_label("方案名", exact=True).fill("showroom")
    await page.get_by_label("代码 1", exact=True).fill("hot")
    await page.get_by_label("名称 1", exact=True).fill("热")
    await page.get_by_label("代码 2", exact=True).fill("cold")
    await page.get_by_label("名称 2", exact=True).fill("冷")
    await page.get_by_role("button", name="保存方案").click()
    await expect(schemes.get_by_role("row").filter(has_text="showroom")).to_be_visible()

    await boss.choose("培育负责人", manager)
    await expect(page.get_by_text("已保存").first).to_be_visible()
    settings = await _ok(portal_users, manager, "leads", "GET", "/nurture-settings")
    assert settings["owner"] == manager_id

    # The consultant hands their lead to marketing: the list's owner (the manager) has it.
    await _ok(
        portal_users,
        consultant,
        "leads",
        "POST",
        f"/leads/{lead['id']}/nurture",
        {"reason": "buys next year"},
    )
    await page.reload()
    nurtured = (
        page.get_by_role("table", name="培育中的线索").get_by_role("row").filter(has_text=customer)
    )
    await expect(nurtured).to_be_visible()
    await boss.screenshot("dealer-grades-and-nurture")
    await boss.check_accessibility("grades and nurture")
    await boss.choose(f"交还顾问 {customer}", consultant)
    await expect(nurtured).to_be_hidden()
    back = await _ok(portal_users, manager, "leads", "GET", f"/leads/{lead['id']}")
    assert (back["owner_user"], back["nurture_since"]) == (consultant_id, None)

    await boss.menu("线索池规则")
    await page.get_by_label("意向级别", exact=True).click()
    await expect(
        page.locator(".ant-select-dropdown:visible .ant-select-item-option").filter(
            has_text="showroom"
        )
    ).to_be_visible()
    await page.keyboard.press("Escape")

    await boss.menu("线索路由规则")
    rules = page.get_by_role("table", name="线索路由规则")
    await expect(rules.get_by_text("还没有规则")).to_be_visible()
    await page.get_by_label("规则名称", exact=True).fill("网络线索")
    await boss.choose("来源", "网络")
    await page.keyboard.press("Escape")
    await page.get_by_label("指定顾问").check()
    await boss.choose("顾问", consultant)
    await page.get_by_role("button", name="添加规则").click()
    await expect(rules.get_by_role("row").filter(has_text="网络线索")).to_be_visible()
    await page.get_by_label("规则名称", exact=True).fill("SUV 意向")
    await page.get_by_label("意向车型", exact=True).fill("SUV")
    await page.keyboard.press("Enter")
    await page.get_by_label("指定顾问").check()
    await boss.choose("顾问", consultant)
    await page.get_by_role("button", name="添加规则").click()
    suv = rules.get_by_role("row").filter(has_text="SUV 意向")
    await expect(suv).to_be_visible()
    await suv.get_by_role("button", name="上移 SUV 意向").click()
    await expect(rules.get_by_role("row").nth(1)).to_contain_text("SUV 意向")
    await rules.get_by_role("button", name="停用 网络线索").click()
    await expect(rules.get_by_role("row").filter(has_text="网络线索")).to_have_count(0)
    await boss.screenshot("dealer-routing-rules")
    await boss.check_accessibility("routing rules")
    book = await _ok(portal_users, manager, "leads", "GET", "/routing-rules")
    assert [r["name"] for r in book["rules"]] == ["SUV 意向"], book
    routed = await _ok(
        portal_users,
        manager,
        "leads",
        "POST",
        "/leads",
        {
            "customer_name": f"路由客户{secrets.token_hex(3)}",
            "phone": f"137{secrets.randbelow(10**8):08d}",
            "source": "phone",
            "vehicle_interest": "SUV X 2.0T",
        },
    )
    placed = await _ok(portal_users, manager, "leads", "GET", f"/leads/{routed['id']}")
    assert (placed["owner_user"], placed["routing_rule_id"]) == (
        consultant_id,
        book["rules"][0]["id"],
    ), placed

    # The dealer's lead-scoring models: none for a dealer without closed history.
    await boss.menu("成交预测模型")
    await expect(page.get_by_role("table", name="成交预测模型")).to_be_visible()
    await boss.check_accessibility("lead scoring models")
    assert not boss.csp_violations
