"""Competitors, tiered assessment, customer segments and the sales meeting's subtotals in the
browser (issue 22 items 8, 13 and 14), on a dealer made for this test in the East region.

The sales manager puts a competitor on the dealer's list; HQ's admin adds one to HQ's list,
edits and retires it; the consultant records the dealer's in play on an open opportunity (in
English), wins that deal and reports another lost to the competitor in the loss form; the
manager reads the win and the loss against it on the funnel page, the dealer's customers by
lifecycle stage and quadrant, and the sales meeting's team and department subtotals.

Sales planning (HQ's admin) writes scoring forms; the East region's manager scores the
consultant (in English), the sales VP approves, HR returns it with a note, the region's
manager scores it again, the VP and HR approve it, and the consultant reads their final score;
sales planning scores the East region's manager on a region managers' form."""

from __future__ import annotations

import re
import secrets
from datetime import date, timedelta
from typing import Any

import pytest
from playwright.async_api import expect

from crm_common.testing.kafka import eventually

from ..sales import counted_as_won, delivered, quote_issued, rows
from .conftest import DEMO_PASSWORD, BrowserUser, Portal
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
    lost_one = await _converted(portal_users, consultant, prospect)
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

    # HQ keeps its own list (every dealer's too): adds one, edits it, retires it.
    hq = await portal_users.open_as("hq.admin")
    await _hq_competitor_added_edited_and_retired(hq, f"总部对手{tag}")

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

    # The other deal is lost to the competitor: reported in the opportunity's loss form.
    await seller.page.goto(f"{portal_users.url}/workspace/opportunities/{lost_one['id']}")
    await seller.choose("Lost to competitor", rival)
    await seller.choose("Competitor's model", "M7")
    # The list closes with an animation; until it is gone its listbox is on the page unnamed.
    await expect(seller.page.locator(".ant-select-dropdown:visible")).to_have_count(0)
    await seller.page.get_by_label("Why it was lost", exact=True).fill("Cheaper offer")
    await seller.check_accessibility("report a loss")
    await seller.page.get_by_role("button", name="Mark as lost").click()
    await expect(seller.page.get_by_text("Marked as lost").first).to_be_visible()
    await expect(seller.page.get_by_role("button", name="Mark as lost")).to_have_count(0)
    lost = await _ok(
        portal_users, consultant, "opportunities", "GET", f"/opportunities/{lost_one['id']}"
    )
    assert lost["status"] == "lost"
    await seller.screenshot("workspace-opportunity-lost")

    # The win and the loss against the competitor on the funnel page.
    await page.goto(f"{portal_users.url}/workspace/funnel")
    against = (
        page.get_by_role("table", name="竞争对手分析").get_by_role("row").filter(has_text=rival)
    )
    # Competitor, open deals in play, won against, lost to, win rate.
    await expect(against.get_by_role("cell").nth(2)).to_have_text("1")
    await expect(against.get_by_role("cell").nth(3)).to_have_text("1")
    await expect(against.get_by_role("cell", name="50%")).to_be_visible()

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

    await _meeting_subtotals_of_a_team_and_the_dealer(portal_users, boss, manager, dealer, tag)
    assert not boss.csp_violations

    # Sales planning writes the consultants' and the region managers' scoring forms.
    await hq.menu("逐级考核")
    form_name, regional_form = f"顾问月度考核{tag}", f"区域经理考核{tag}"
    await _scoring_form_written(
        hq, form_name, "销售顾问", ("sales", "销量", "60"), ("care", "客户满意", "40")
    )
    await _scoring_form_written(
        hq,
        regional_form,
        "区域经理",
        ("plan", "区域计划完成", "70"),
        ("dealers", "经销商管理", "30"),
    )
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
    scored = east.page.get_by_role("row").filter(has_text=consultant).filter(has_text=form_name)
    await expect(scored.get_by_text("Awaiting the sales VP")).to_be_visible()
    await expect(scored.get_by_role("cell", name="84.00", exact=True)).to_be_visible()
    await east.screenshot("hq-assessment-scored")
    await east.check_accessibility("assessment scoring")

    # The sales VP approves; HR returns it with a note.
    vp = await portal_users.open_as("hq.vp")
    await vp.menu("逐级考核")
    await _reviewed(vp, consultant, form_name, "副总通过", "待人事审核")
    hr = await portal_users.open_as("hq.hr")
    await hr.menu("逐级考核")
    await expect(
        _row(hr, consultant, form_name).get_by_role("button", name="副总通过")
    ).to_have_count(0)
    await _row(hr, consultant, form_name).get_by_label(f"审核意见 {consultant}").fill("销量请核实")
    await _reviewed(hr, consultant, form_name, "退回", "已退回")
    await hr.screenshot("hq-assessment-returned-by-hr")
    await hr.check_accessibility("assessment review by HR")

    # The region's manager scores it again; the VP and HR approve it.
    await east.page.reload()
    again = _row(east, consultant, form_name)
    await expect(again.get_by_text("Returned")).to_be_visible()
    await expect(again.get_by_text("销量请核实")).to_be_visible()
    await again.get_by_role("button", name=f"Score again {consultant}").click()
    await east.page.get_by_label("销量 · 60%", exact=True).fill("80")
    await expect(east.page.get_by_text("Weighted total 78.00")).to_be_visible()
    await east.page.get_by_role("button", name="Submit score").click()
    rescored = _row(east, consultant, form_name)
    await expect(rescored.get_by_text("Awaiting the sales VP")).to_be_visible()
    await expect(rescored.get_by_role("cell", name="78.00", exact=True)).to_be_visible()
    await vp.page.reload()
    await _reviewed(vp, consultant, form_name, "副总通过", "待人事审核")
    await hr.page.reload()
    await _reviewed(hr, consultant, form_name, "人事通过", "已定稿")
    [assessment] = [
        a
        for a in await _ok(portal_users, "hq.hr", "kpi", "GET", "/kpi/assessments")
        if a["subject_user"] == consultant_id
    ]
    assert (assessment["status"], assessment["total"]) == ("final", "78.00")
    # HQ's admin plans and scores, but takes neither review step.
    refused = await portal_users.api(
        "hq.admin",
        "kpi",
        "POST",
        f"/kpi/assessments/{assessment['id']}/review",
        {"step": "vp", "approve": True},
    )
    assert refused.status_code == 403

    await seller.menu("My assessments")
    mine = seller.page.get_by_role("row").filter(has_text=form_name)
    await expect(mine.get_by_text("Final")).to_be_visible()
    await expect(mine.get_by_role("cell", name="78.00", exact=True)).to_be_visible()
    await seller.check_accessibility("my assessments")

    # Sales planning scores the East region's manager on the region managers' form.
    await hq.page.reload()
    # "考核表" names the forms' table too: the score form's selects by their ids.
    await _pick(hq, "#score_form_id", regional_form)
    await _pick(hq, "#score_subject_user", "east.manager")
    await hq.page.get_by_label("区域计划完成 · 70%", exact=True).fill("88")
    await hq.page.get_by_label("经销商管理 · 30%", exact=True).fill("70")
    await expect(hq.page.get_by_text("加权总分 82.60")).to_be_visible()
    await hq.page.get_by_role("button", name="提交评分").click()
    regional = _row(hq, "east.manager", regional_form)
    await expect(regional.get_by_text("待销售副总审核")).to_be_visible()
    await expect(regional.get_by_role("cell", name="82.60", exact=True)).to_be_visible()
    await hq.screenshot("hq-assessment-region-manager-scored")
    await vp.page.reload()
    await expect(
        _row(vp, "east.manager", regional_form).get_by_role("button", name="副总通过")
    ).to_be_visible()
    assert [u.csp_violations for u in (seller, hq, east, vp, hr)] == [[], [], [], [], []]


async def _pick(user: BrowserUser, select: str, option: str) -> None:
    await user.page.locator(select).click()
    await (
        user.page.locator(".ant-select-dropdown:visible .ant-select-item-option")
        .filter(has_text=re.compile(f"^{re.escape(option)}"))
        .first.click()
    )


def _row(user: BrowserUser, subject: str, form_name: str) -> Any:
    """The assessment of the person on the form in the assessments list."""
    return (
        user.page.get_by_role("table", name=re.compile("考核记录|Assessments"))
        .get_by_role("row")
        .filter(has_text=subject)
        .filter(has_text=form_name)
    )


async def _reviewed(
    user: BrowserUser, subject: str, form_name: str, button: str, status_after: str
) -> None:
    row = _row(user, subject, form_name)
    await row.get_by_role("button", name=button).click()
    await expect(_row(user, subject, form_name).get_by_text(status_after)).to_be_visible()


async def _scoring_form_written(
    hq: BrowserUser, name: str, tier: str, *criteria: tuple[str, str, str]
) -> None:
    await hq.page.get_by_label("考核表名称", exact=True).fill(name)
    await hq.choose("考核对象", tier)
    for n, (code, text, weight) in enumerate(criteria):
        await hq.page.get_by_label(f"代码 {n + 1}", exact=True).fill(code)
        await hq.page.get_by_label(f"考核项 {n + 1}", exact=True).fill(text)
        await hq.page.get_by_label(f"权重 % {n + 1}", exact=True).fill(weight)
    await hq.page.get_by_role("button", name="保存考核表").click()
    forms = hq.page.get_by_role("table", name="考核表")
    await expect(forms.get_by_role("row").filter(has_text=name)).to_be_visible()


async def _hq_competitor_added_edited_and_retired(hq: BrowserUser, name: str) -> None:
    page = hq.page
    await hq.menu("竞争对手")
    await page.get_by_label("名称", exact=True).fill(name)
    await page.get_by_label("车型", exact=True).fill("H1")
    await page.keyboard.press("Enter")
    await page.get_by_role("button", name="添加竞争对手").last.click()
    listed = page.get_by_role("table", name="竞争对手名单").get_by_role("row")
    await expect(listed.filter(has_text=name)).to_be_visible()
    await page.get_by_role("button", name=f"编辑 {name}").click()
    renamed = f"{name}汽车"
    await page.get_by_label("名称", exact=True).fill(renamed)
    await page.get_by_label("车型", exact=True).fill("H2")
    await page.keyboard.press("Enter")
    # The tags' list stays open over the form's buttons until closed.
    await page.keyboard.press("Escape")
    await page.get_by_role("button", name="保存", exact=True).click()
    row = listed.filter(has_text=renamed)
    await expect(row.get_by_text("H1", exact=True)).to_be_visible()
    await expect(row.get_by_text("H2", exact=True)).to_be_visible()
    await hq.screenshot("hq-competitors")
    await hq.check_accessibility("HQ's competitors")
    await page.get_by_role("button", name=f"停用 {renamed}").click()
    await expect(listed.filter(has_text=renamed)).to_have_count(0)
    await page.get_by_label("显示已停用").check()
    retired = listed.filter(has_text=renamed)
    await expect(retired.get_by_text("已停用")).to_be_visible()
    await expect(retired.get_by_role("button", name=f"启用 {renamed}")).to_be_visible()


async def _meeting_subtotals_of_a_team_and_the_dealer(
    portal: Portal, boss: BrowserUser, manager: str, dealer: str, tag: str
) -> None:
    """A team of the dealer with a consultant of its own, who converts a lead today: the
    sales meeting sums the team's lines, then the dealer's (the department) with both
    consultants."""
    team = f"team-cm-{tag}"
    await _ok(
        portal,
        "hq.admin",
        "identity",
        "POST",
        "/orgs",
        {"id": team, "parent_id": dealer, "kind": "team", "name": f"CM team {tag}"},
    )
    member = f"cm{tag}.teamed"
    await _ok(
        portal,
        "hq.admin",
        "identity",
        "POST",
        "/users",
        {
            "username": member,
            "display_name": member,
            "password": DEMO_PASSWORD,
            "org_node": team,
            "roles": ["sales_consultant"],
        },
    )
    await _converted(portal, member, f"团队客户{tag}")
    # Business days may run ahead of UTC's: the page asks from yesterday to tomorrow too.
    around = {
        "from": f"{date.today() - timedelta(days=1)}",
        "to": f"{date.today() + timedelta(days=1)}",
    }

    async def summed() -> bool:
        meeting = await _ok(
            portal,
            manager,
            "kpi",
            "GET",
            f"/kpi/reports/sales-meeting?from={around['from']}&to={around['to']}",
        )
        levels = {(s["level"], s["node"]): s["consultants"] for s in meeting["subtotals"]}
        return levels.get(("team", team)) == 1 and levels.get(("dealer", dealer)) == 2

    assert await eventually(summed, timeout=90, interval=1.0), "the team's conversion reached kpi"
    await boss.menu("销售晨会")
    subtotals = boss.page.get_by_role("table", name="小计(团队、部门)").get_by_role("row")
    # Level, team or department, consultants, then the figures.
    team_row = subtotals.filter(has_text=team).get_by_role("cell")
    await expect(team_row.nth(0)).to_have_text("团队")
    await expect(team_row.nth(2)).to_have_text("1")
    dealer_row = subtotals.filter(has_text=dealer).get_by_role("cell")
    await expect(dealer_row.nth(0)).to_have_text("部门(经销商)")
    await expect(dealer_row.nth(2)).to_have_text("2")
    await boss.screenshot("dealer-sales-meeting-subtotals")
    await boss.check_accessibility("sales meeting")
