"""Competitors, tiered assessment and customer segments in the browser (issue 22 items 8, 13
and 14), on a dealer made for this test in the East region: the sales manager puts a competitor
on the dealer's list, the consultant records it in play on an open opportunity (in English),
the deal is won and delivered, and the manager reads the win against it on the funnel page and
the dealer's customers by lifecycle stage and quadrant; sales planning (HQ's admin) writes a
scoring form, the East region's manager scores the consultant on it (in English), the sales VP
approves, HR (another HQ admin) approves, and the consultant reads their final score."""

from __future__ import annotations

import re
import secrets
from typing import Any

import pytest
from playwright.async_api import expect

from crm_common.testing.kafka import eventually

from ..sales import counted_as_won, delivered, quote_issued, rows
from .conftest import DEMO_PASSWORD, Portal
from .test_commission_and_kpis import _dealer_with_people, _ok

pytestmark = [pytest.mark.e2e, pytest.mark.integration]


async def _converted(portal: Portal, consultant: str, customer: str) -> dict[str, Any]:
    """The consultant's lead for the customer, converted: the opportunity it opened."""

    async def created() -> dict[str, Any] | None:
        response = await portal.api(
            consultant,
            "leads",
            "POST",
            "/leads",
            {
                "customer_name": customer,
                "phone": f"135{secrets.randbelow(10**8):08d}",
                "source": "walk_in",
            },
        )
        return response.json() if response.status_code == 201 else None

    lead = await eventually(created, timeout=90, interval=1.0)
    assert lead, "the new consultant reached leads"
    await _ok(portal, consultant, "leads", "POST", f"/leads/{lead['id']}/convert", {})

    async def opened() -> dict[str, Any] | None:
        listed = await _ok(portal, consultant, "opportunities", "GET", "/opportunities")
        return next((o for o in listed if o["lead_id"] == lead["id"]), None)

    opportunity = await eventually(opened, timeout=90, interval=1.0)
    assert opportunity, "the conversion opened an opportunity"
    return dict(opportunity)


async def test_competitors_segments_and_a_tiered_assessment(portal_users: Portal) -> None:
    tag = secrets.token_hex(3)
    people = await _dealer_with_people(portal_users)
    manager, _ = people["sales_manager"]
    consultant, consultant_id = people["sales_consultant"]
    # _dealer_with_people names its people cm<tag>.<role> in dealer-cm-<tag>, "CM 4S <tag>".
    dealer_tag = consultant.split(".")[0].removeprefix("cm")
    dealer = f"dealer-cm-{dealer_tag}"
    buyer, prospect = f"竞品客户{tag}", f"潜客{tag}"
    opportunity = await _converted(portal_users, consultant, buyer)
    await _converted(portal_users, consultant, prospect)
    rival = f"对手{tag}"

    # The manager keeps the dealer's competitor list.
    boss = await portal_users.open_as(manager)
    page = boss.page
    await boss.menu("竞争对手")
    await page.get_by_label("名称", exact=True).fill(rival)
    await page.get_by_label("车型", exact=True).fill("M7")
    await page.keyboard.press("Enter")
    await page.get_by_role("button", name="添加竞争对手").last.click()
    competitors = page.get_by_role("table", name="竞争对手名单")
    listed = competitors.get_by_role("row").filter(has_text=rival)
    await expect(listed).to_be_visible()
    await expect(listed.get_by_text("M7")).to_be_visible()
    await boss.screenshot("dealer-competitors")
    await boss.check_accessibility("competitors")

    # The consultant records it in play on the open opportunity.
    seller = await portal_users.open_as(consultant, english=True)
    await seller.page.goto(f"{portal_users.url}/workspace/opportunities/{opportunity['id']}")
    await seller.page.get_by_role("button", name="Add a competitor").click()
    await seller.choose("Competitor 1", rival)
    await seller.choose("Competitor's models 1", "M7")
    await seller.page.keyboard.press("Escape")
    await seller.page.get_by_role("button", name="Save competitors").click()
    await expect(seller.page.get_by_text("Saved").first).to_be_visible()
    in_play = await _ok(
        portal_users,
        consultant,
        "opportunities",
        "GET",
        f"/opportunities/{opportunity['id']}/competitors",
    )
    assert [(c["name"], c["models"]) for c in in_play["competitors"]] == [(rival, ["M7"])]
    await seller.screenshot("workspace-competitors-in-play")
    await seller.check_accessibility("competitors in play")

    async def sell(method: str, path: str, body: Any) -> Any:
        return await _ok(portal_users, consultant, "opportunities", method, path, body)

    quote = await quote_issued(sell, opportunity["id"])
    await delivered(sell, quote, vin_prefix="LCP")
    await counted_as_won(portal_users.spine, opportunity["id"], timeout=90)

    # The win against the competitor on the funnel page.
    await page.goto(f"{portal_users.url}/workspace/funnel")
    won_against = (
        page.get_by_role("table", name="竞争对手分析").get_by_role("row").filter(has_text=rival)
    )
    await expect(won_against.get_by_role("cell", name="100%")).to_be_visible()

    # The dealer's customers: the buyer an end user (one order below the value threshold),
    # the other a prospect.
    async def counted() -> bool:
        body = await _ok(
            portal_users, manager, "leads", "GET", f"/customer-segments?dealer_id={dealer}"
        )
        return bool(body["dealers"]) and body["dealers"][0]["stages"]["end_user"] == 1

    assert await eventually(counted, timeout=90, interval=1.0), "the delivery reached leads"
    await page.goto(f"{portal_users.url}/dealer/segments")
    await expect(page.get_by_role("heading", name="客户细分")).to_be_visible()
    row = (
        page.get_by_role("table", name="客户细分")
        .get_by_role("row")
        .filter(has_text=re.compile(f"CM 4S {dealer_tag}|{dealer}"))
    )
    # Org, customers, then prospects, signed, end users, repeat buyers; then buyers.
    cells = row.get_by_role("cell")
    await expect(cells.nth(1)).to_have_text("2")
    await expect(cells.nth(2)).to_have_text("1")
    await expect(cells.nth(4)).to_have_text("1")
    await expect(cells.nth(6)).to_have_text("1")
    await expect(page.get_by_role("img", name="客户生命周期")).to_be_visible()
    await boss.screenshot("dealer-customer-segments")
    await boss.check_accessibility("customer segments")
    assert not boss.csp_violations

    # Sales planning writes the consultants' scoring form.
    hq = await portal_users.open_as("hq.admin")
    await hq.menu("逐级考核")
    form_name = f"顾问月度考核{tag}"
    await hq.page.get_by_label("考核表名称", exact=True).fill(form_name)
    await hq.choose("考核对象", "销售顾问")
    for n, (code, text, weight) in enumerate((("sales", "销量", "60"), ("care", "客户满意", "40"))):
        await hq.page.get_by_label(f"代码 {n + 1}", exact=True).fill(code)
        await hq.page.get_by_label(f"考核项 {n + 1}", exact=True).fill(text)
        await hq.page.get_by_label(f"权重 % {n + 1}", exact=True).fill(weight)
    await hq.page.get_by_role("button", name="保存考核表").click()
    forms = hq.page.get_by_role("table", name="考核表")
    await expect(forms.get_by_role("row").filter(has_text=form_name)).to_be_visible()
    await hq.screenshot("hq-assessment-forms")
    await hq.check_accessibility("assessment forms")

    # The East region's manager scores the consultant once kpi knows them in the region.
    known = await eventually(
        lambda: rows(
            portal_users.spine,
            "kpi",
            "SELECT 1 FROM staff s JOIN org_directory d ON d.id = s.org_node"
            " WHERE s.user_id = :u AND d.path LIKE '%/region-east/%'",
            u=consultant_id,
        ),
        timeout=90,
    )
    assert known, "kpi knows the consultant in the East region"
    east = await portal_users.open_as("east.manager", english=True)
    await east.menu("Tiered assessment")
    await east.choose("Form", form_name)
    await east.choose("Person scored", consultant)
    await east.page.get_by_label("销量 · 60%", exact=True).fill("90")
    await east.page.get_by_label("客户满意 · 40%", exact=True).fill("75")
    await expect(east.page.get_by_text("Weighted total 84.00")).to_be_visible()
    await east.page.get_by_role("button", name="Submit score").click()
    scored = east.page.get_by_role("row").filter(has_text=consultant)
    await expect(scored.get_by_text("Awaiting the sales VP")).to_be_visible()
    await expect(scored.get_by_role("cell", name="84.00", exact=True)).to_be_visible()
    await east.screenshot("hq-assessment-scored")
    await east.check_accessibility("assessment scoring")

    # The sales VP approves; HR, another of HQ's admins, makes it final.
    await hq.page.reload()
    review = hq.page.get_by_role("row").filter(has_text=consultant)
    await review.get_by_role("button", name="副总通过").click()
    await expect(review.get_by_text("待人事审核")).to_be_visible()
    hr = f"hr{tag}"
    await _ok(
        portal_users,
        "hq.admin",
        "identity",
        "POST",
        "/users",
        {
            "username": hr,
            "display_name": hr,
            "password": DEMO_PASSWORD,
            "org_node": "demo-hq",
            "roles": ["hq_admin"],
        },
    )
    [assessment] = [
        a
        for a in await _ok(portal_users, "hq.admin", "kpi", "GET", "/kpi/assessments")
        if a["subject_user"] == consultant_id
    ]
    final = await _ok(
        portal_users,
        hr,
        "kpi",
        "POST",
        f"/kpi/assessments/{assessment['id']}/review",
        {"step": "hr", "approve": True, "note": "ok"},
    )
    assert final == {"status": "final"}

    await seller.menu("My assessments")
    mine = seller.page.get_by_role("row").filter(has_text=form_name)
    await expect(mine.get_by_text("Final")).to_be_visible()
    await expect(mine.get_by_role("cell", name="84.00", exact=True)).to_be_visible()
    await seller.check_accessibility("my assessments")
    assert [seller.csp_violations, hq.csp_violations, east.csp_violations] == [[], [], []]
