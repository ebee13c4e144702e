"""Every portal page no other browser test opens, in a real browser: each reached through its
menu by the demo user who works with it (zh-CN), showing the records and figures the demo
users put in through the services' APIs beforehand (a named row, a figure, a chart's data — not
only the absence of an error), then checked by axe-core, kept as a screenshot
(.run/artifacts/portal/page-<page>.png) and held to the content security policy.

One browser context per user for the whole module (logged in once), one test per page, so a
page that fails names itself."""

from __future__ import annotations

import asyncio
import re
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from playwright.async_api import Browser, FilePayload, Locator, Page, expect

from crm_common.testing.kafka import eventually

from ..conftest import Spine
from ..sales import delivered, quote_issued
from ..test_call_center import webhook
from ..vehicles import CATALOG
from .conftest import ARTIFACTS, BrowserUser, Portal
from .test_call_center_supervisor import registered_agent

pytestmark = [pytest.mark.e2e, pytest.mark.integration]

DEALER = "dealer-sh-01"
DEALER_NAME, HQ_NAME = "Shanghai Pudong 4S", "Demo Motors HQ"
"""The demo tenant's org names, as the pages show the org a record belongs to."""


@dataclass(frozen=True)
class Customer:
    name: str
    phone: str


@dataclass(frozen=True)
class Demo:
    """What the demo users put in before the pages are opened (names unique to this run)."""

    tag: str
    followed_up: Customer
    """sh01.consultant1's lead, called back today (customer files, the sales meeting)."""
    converted: Customer
    """sh01.consultant1's lead converted to an opportunity (the funnel)."""
    pooled: Customer
    """A lead sh01's manager put in the dealer's pool (to assign)."""
    hq_lead: Customer
    """A lead of HQ's own book (HQ's customer files)."""
    default_pool: str
    consultant_target: int
    region_target: int
    article: str
    agreement: str
    vin: str
    care_message: str
    task_customer: str
    caller: str
    business_month: str
    """The month kpi counts today's figures in (its business timezone's, not the machine's)."""


class DemoUsers:
    """The demo users' API calls, each user logged in once (a login hashes the password, slow
    on a loaded machine)."""

    def __init__(self, portal: Portal) -> None:
        self.portal = portal
        self.tokens: dict[str, str] = {}

    async def call(
        self, user: str, service: str, method: str, path: str, body: Any = None
    ) -> httpx.Response:
        if user not in self.tokens:
            self.tokens[user] = await self.portal.token(user)
        async with self.portal.spine.client(service, self.tokens[user]) as client:
            return await client.request(method, path, json=body)

    async def ok(self, user: str, service: str, method: str, path: str, body: Any = None) -> Any:
        response = await self.call(user, service, method, path, body)
        assert response.status_code < 300, f"{user} {method} {path}: {response.text}"
        return response.json() if response.content else None

    async def once_known(
        self, user: str, service: str, method: str, path: str, body: Any = None
    ) -> Any:
        """A call the service refuses (404, 409, 503) until identity's events told it of the
        user or the org tree: repeated until it answers; any other refusal fails at once."""
        answers: list[httpx.Response] = []

        async def answered() -> bool:
            answers.append(await self.call(user, service, method, path, body))
            status = answers[-1].status_code
            assert status < 300 or status in (404, 409, 503), f"{path}: {answers[-1].text}"
            return status < 300

        done = await eventually(answered, timeout=60, interval=0.5)
        assert done, f"{user} {method} {path}: {answers[-1].text}"
        return answers[-1].json() if answers[-1].content else None

    async def lead(self, user: str, customer: Customer, source: str = "walk_in") -> str:
        lead = await self.ok(
            user,
            "leads",
            "POST",
            "/leads",
            {"customer_name": customer.name, "phone": customer.phone, "source": source},
        )
        return str(lead["id"])

    async def user_id(self, user: str) -> str:
        me = await self.ok(user, "identity", "GET", "/me")
        return str(me["user_id"])


def _phone(prefix: str) -> str:
    return f"{prefix}{secrets.randbelow(10**8):08d}"


@dataclass(frozen=True)
class Sales:
    followed_up: Customer
    converted: Customer
    converted_lead: str
    pooled: Customer
    hq_lead: Customer
    default_pool: str
    consultant_id: str


CONSULTANT = "sh01.consultant1"
CONSULTANT_TARGET, REGION_TARGET = 6, 240


async def _sales(api: DemoUsers, tag: str) -> Sales:
    """A consultant's leads (one called back, one converted), a lead in the dealer's pool and
    one of HQ's own; the month's targets of the consultant and of the East region; HQ's
    catalogue as the dealer has it."""
    followed_up = Customer(f"回访客户{tag}", _phone("139"))
    converted = Customer(f"成交客户{tag}", _phone("139"))
    pooled = Customer(f"公海客户{tag}", _phone("137"))
    hq_lead = Customer(f"官网客户{tag}", _phone("136"))
    followed_id = await api.lead(CONSULTANT, followed_up)
    await api.ok(
        CONSULTANT,
        "leads",
        "POST",
        f"/leads/{followed_id}/follow-ups",
        {"kind": "call", "outcome": "约周末到店", "grade": "intent", "call_seconds": 95},
    )
    converted_id = await api.lead(CONSULTANT, converted)
    await api.ok(CONSULTANT, "leads", "POST", f"/leads/{converted_id}/convert", {})
    await api.lead("sh01.manager", pooled, source="phone")
    await api.lead("hq.admin", hq_lead, source="oem_website")
    pools = await api.ok("sh01.manager", "leads", "GET", "/pools")
    default_pool = next(p["name"] for p in pools if p["is_default"])

    consultant_id = await api.user_id(CONSULTANT)
    month = date.today().strftime("%Y-%m")
    for user, target in (
        ("sh01.manager", {"node": DEALER, "user_id": consultant_id, "amount": CONSULTANT_TARGET}),
        ("hq.admin", {"node": "region-east", "amount": REGION_TARGET}),
    ):
        body = {"targets": [{**target, "measure": "units"}]}
        await api.once_known(user, "kpi", "PUT", f"/kpi/targets/{month}", body)
    published = await api.ok("hq.admin", "opportunities", "POST", "/catalog/publications", CATALOG)

    async def catalogue_arrived() -> bool:
        seen = await api.call(CONSULTANT, "opportunities", "GET", "/catalog")
        return seen.status_code == 200 and seen.json()["version"] >= published["version"]

    assert await eventually(catalogue_arrived, timeout=60), "the dealer received the catalogue"
    return Sales(followed_up, converted, converted_id, pooled, hq_lead, default_pool, consultant_id)


async def _service(api: DemoUsers, tag: str) -> tuple[str, str, str, str]:
    """HQ's knowledge-base article, an extended warranty on a vehicle, the dealer's birthday
    care rule, and its calls shared with the OEM as figures (the default, said in so many
    words): the article's title, the agreement's name, its VIN, the rule's message."""
    article = f"刹车异响 brake noise {tag}"
    await api.once_known(
        "hq.admin",
        "service-desk",
        "POST",
        "/knowledge-articles",
        {
            "title": article,
            "problem": "低速制动时前轮刹车异响",
            "solution": "检查刹车片厚度, 低于 3 mm 更换刹车片",
            "published": True,
        },
    )
    vin = f"LSVAU2180N{secrets.randbelow(10**7):07d}"
    agreement = f"延保 3 年 / 10 万公里 {tag}"
    today = date.today()
    await api.once_known(
        "sh01.service",
        "service-desk",
        "POST",
        "/service-agreements",
        {
            "kind": "extended_warranty",
            "name": agreement,
            "vin": vin,
            "categories": [],
            "valid_from": (today - timedelta(days=200)).isoformat(),
            "valid_until": (today + timedelta(days=900)).isoformat(),
            "max_km": 100_000,
        },
    )
    care_message = f"{{name}}您好, 祝您生日快乐! {tag}"
    await api.once_known(
        "sh01.admin",
        "service-desk",
        "POST",
        "/care-rules",
        {
            "kind": "birthday",
            "segment": "toc",
            "action": "sms",
            "days_before": 3,
            "message": care_message,
        },
    )
    # Complaints shared with the insurance partner: nothing, no wider than the default.
    for sharing in (
        {"data_type": "call", "direction": "dealer_to_oem", "level": "aggregate"},
        {
            "data_type": "complaint",
            "direction": "dealer_to_partner",
            "partner_id": "partner-insurance",
            "level": "none",
        },
    ):
        await api.ok("sh01.admin", "identity", "PUT", "/sharing", {**sharing, "dealer_id": DEALER})
    return article, agreement, vin, care_message


async def _calls(api: DemoUsers, tag: str) -> tuple[str, str]:
    """A renewal task the supervisor gives the hotline agent, and a call the agent answered
    (the cloud contact center's signed webhooks): the task's customer, the caller's number."""
    agent_id, extension = await registered_agent(api.portal, "cc.agent")
    task_customer = f"续保客户{tag}"
    await api.once_known(
        "cc.supervisor",
        "call-center",
        "POST",
        "/call-tasks",
        {
            "kind": "policy_renewal",
            "assignee": agent_id,
            "due_at": (datetime.now(UTC) + timedelta(days=2)).isoformat(),
            "customer_name": task_customer,
            "phone": _phone("133"),
        },
    )
    caller = _phone("138")
    call = {"call_id": f"pages-{tag}", "direction": "inbound"}
    start = datetime.now(UTC) - timedelta(minutes=5)
    for seconds, event in (
        (0, {"type": "call.created", "from": caller, "to": "4008001234"}),
        (1, {"type": "call.ringing", "agent_extension": extension}),
        (6, {"type": "call.answered", "agent_extension": extension}),
        (150, {"type": "call.ended", "agent_extension": extension}),
    ):
        at = (start + timedelta(seconds=seconds)).isoformat()
        await webhook(api.portal.spine, {**call, **event, "at": at})
    return task_customer, caller


COLLEAGUE = "sh01.consultant2"


async def _colleague_sale(api: DemoUsers, tag: str) -> str:
    """sh01.consultant1's colleague sells and delivers a car (the month's leaderboard): the
    colleague's user id."""
    opportunity = await api.once_known(
        COLLEAGUE,
        "opportunities",
        "POST",
        "/opportunities",
        {"customer_name": f"提车客户{tag}", "phone": _phone("135")},
    )

    async def seller(method: str, path: str, body: Any) -> Any:
        return await api.ok(COLLEAGUE, "opportunities", method, path, body)

    quote = await quote_issued(seller, opportunity["id"])
    await delivered(seller, quote, vin_prefix="LPG")
    return await api.user_id(COLLEAGUE)


@pytest.fixture(scope="module")
async def demo(portal: str, browser: Browser, spine: Spine) -> Demo:
    """The sales, service and call-center records each page is to show, put in by the demo
    users through the services (the three parts side by side); returns once every service
    that shows them has them."""
    api = DemoUsers(Portal(portal, browser, spine))
    tag = secrets.token_hex(3)
    (
        sales,
        (article, agreement, vin, care_message),
        (task_customer, caller),
        colleague_id,
    ) = await asyncio.gather(
        _sales(api, tag), _service(api, tag), _calls(api, tag), _colleague_sale(api, tag)
    )
    # kpi counts a fact on its business day (Asia/Shanghai): from 16:00 UTC on, tomorrow's date.
    today = datetime.now(ZoneInfo(spine.settings.business_timezone)).date()
    month = date.today().strftime("%Y-%m")  # the browser's month: what My targets asks for
    meeting_path = f"/kpi/reports/sales-meeting?from={today.isoformat()}&to={today.isoformat()}"

    missing: list[str] = []

    async def arrived() -> bool:
        """What reaches a service through another's events has: the opportunity the
        conversion opened, kpi's figures of the day, the call center's call."""
        missing.clear()
        opportunities = await api.ok(CONSULTANT, "opportunities", "GET", "/opportunities")
        if not any(o["lead_id"] == sales.converted_lead for o in opportunities):
            missing.append(f"opportunity of lead {sales.converted_lead}: {len(opportunities)} seen")
        meeting = await api.ok("sh01.manager", "kpi", "GET", meeting_path)
        mine = [line for line in meeting["lines"] if line["consultant"] == sales.consultant_id]
        if not mine or not mine[0]["callbacks"] or not mine[0]["converted"]:
            missing.append(f"sales meeting line {mine} of {meeting['lines']}")
        calls = await api.ok("cc.agent", "call-center", "GET", "/calls?limit=200")
        if not any(c["customer_phone"] == caller for c in calls):
            missing.append(f"call from {caller}: {[c['customer_phone'] for c in calls]}")
        board = await api.ok(CONSULTANT, "kpi", "GET", f"/kpi/leaderboards?month={month}")
        if not any(e["member"] == colleague_id for e in board["entries"]):
            missing.append(f"{COLLEAGUE}'s sale on the leaderboard: {board['entries']}")
        return not missing

    assert await eventually(arrived, timeout=90, interval=1.0), (
        f"the demo data reached every service: {missing}"
    )
    return Demo(
        tag=tag,
        followed_up=sales.followed_up,
        converted=sales.converted,
        pooled=sales.pooled,
        hq_lead=sales.hq_lead,
        default_pool=sales.default_pool,
        consultant_target=CONSULTANT_TARGET,
        region_target=REGION_TARGET,
        article=article,
        agreement=agreement,
        vin=vin,
        care_message=care_message,
        task_customer=task_customer,
        caller=caller,
        business_month=today.strftime("%Y-%m-01"),
    )


OpenAs = Callable[[str], Awaitable[BrowserUser]]


@pytest.fixture(scope="module")
async def users(portal: str, browser: Browser, spine: Spine) -> AsyncIterator[OpenAs]:
    """Each demo user logged in once, in a browser context of their own kept for the module."""
    portals = Portal(portal, browser, spine)
    opened: dict[str, BrowserUser] = {}

    async def open_as(username: str) -> BrowserUser:
        if username not in opened:
            opened[username] = await portals.open_as(username)
        return opened[username]

    yield open_as
    for user in opened.values():
        await user.page.context.close()


async def _search_customer(page: Page, customer: Customer, org: str) -> None:
    """The customer found by phone, the org whose customer they are by its name."""
    await page.get_by_label("电话", exact=True).fill(customer.phone)
    await page.get_by_role("button", name="查找", exact=True).click()
    row = page.get_by_role("row").filter(has_text=customer.name)
    await expect(row.get_by_role("cell", name=org, exact=True)).to_be_visible()


def _row(page: Page, text: str) -> Locator:
    return page.get_by_role("row").filter(has_text=text)


# ------------------------------------------------------------------ what each page shows


async def workspace_customers(page: Page, demo: Demo) -> None:
    await _search_customer(page, demo.followed_up, DEALER_NAME)


async def workspace_funnel(page: Page, demo: Demo) -> None:
    # The chart's data as ECharts describes it to a screen reader: the stages reached.
    chart = page.get_by_role("img", name=re.compile(r"“漏斗”.*的数据是[1-9]"))
    await expect(chart).to_be_visible()


async def workspace_targets(page: Page, demo: Demo) -> None:
    chart = page.get_by_role("img", name=re.compile(r"表示目标的.*的数据是0*\.?\d*[1-9]"))
    await expect(chart).to_be_visible()
    # The colleague who sold a car, by name on the month's board (not 同事, not a user id).
    board = page.get_by_role("table", name="排行榜")
    await expect(board.get_by_role("cell", name=COLLEAGUE, exact=True)).to_be_visible()


async def dealer_assign(page: Page, demo: Demo) -> None:
    # The pool shows a lead's customer masked until someone has it, its manager too.
    phone = demo.pooled.phone
    await expect(_row(page, f"{phone[:3]}****{phone[-4:]}")).to_be_visible()


async def dealer_pool_rules(page: Page, demo: Demo) -> None:
    await expect(page.get_by_text(f"规则 · {demo.default_pool}")).to_be_visible()
    await expect(page.get_by_label("保护期(天)")).not_to_have_value("")
    await expect(page.locator("[data-pool-waiting]")).to_have_text(re.compile(r"^[1-9]\d*$"))


async def dealer_imports(page: Page, demo: Demo) -> None:
    rows = f"姓名,电话,来源\n导入客户{demo.tag}a,{_phone('135')},walk_in\n"
    rows += f"导入客户{demo.tag}b,{_phone('135')},referral\n"
    upload: FilePayload = {
        "name": f"leads-{demo.tag}.csv",
        "mimeType": "text/csv",
        "buffer": rows.encode(),
    }
    await page.locator("input[type=file]").set_input_files(files=[upload])
    await expect(page.locator('[data-import-status="done"]')).to_be_visible(timeout=60_000)
    await expect(page.locator('[data-import-count="rows_created"]')).to_have_text("2")


async def dealer_customers(page: Page, demo: Demo) -> None:
    await _search_customer(page, demo.converted, DEALER_NAME)


async def dealer_hand_over(page: Page, demo: Demo) -> None:
    await page.get_by_label("离职顾问", exact=True).click()
    option = page.locator(".ant-select-dropdown:visible .ant-select-item-option")
    await expect(option.filter(has_text="sh01.consultant1")).to_be_visible()
    await page.keyboard.press("Escape")
    await expect(page.locator(".ant-select-dropdown:visible")).to_have_count(0)


async def dealer_meeting(page: Page, demo: Demo) -> None:
    row = _row(page, "sh01.consultant1")
    await expect(row).to_be_visible()
    await expect(page.get_by_role("img", name=re.compile(r"sh01\.consultant1"))).to_be_visible()


async def dealer_targets(page: Page, demo: Demo) -> None:
    row = _row(page, "sh01.consultant1")
    await expect(
        row.get_by_role("cell", name=str(demo.consultant_target), exact=True)
    ).to_be_visible()


async def _kpi_values(page: Page, demo: Demo, kpi_name: str) -> None:
    await page.get_by_role("button", name=kpi_name, exact=True).click()
    values = page.get_by_role("table", name=kpi_name)
    month = values.get_by_role("row").filter(has_text=demo.business_month)
    await expect(month.first).to_be_visible()


async def dealer_kpis(page: Page, demo: Demo) -> None:
    await _kpi_values(page, demo, "顾问线索转化率")


async def dealer_sharing(page: Page, demo: Demo) -> None:
    row = _row(page, "通话").filter(has_text="经销商 → 主机厂")
    await expect(row.get_by_role("cell", name="汇总数据", exact=True)).to_be_visible()
    await expect(row.get_by_role("cell", name="全部", exact=True)).to_be_visible()
    row = _row(page, "投诉").filter(has_text="经销商 → 合作伙伴")
    await expect(row.get_by_role("cell", name="Demo Insurance", exact=True)).to_be_visible()
    await expect(row.get_by_role("cell", name="不共享", exact=True)).to_be_visible()


async def dealer_users(page: Page, demo: Demo) -> None:
    await expect(_row(page, "sh01.consultant1").get_by_text("销售顾问")).to_be_visible()
    # A new colleague, in an org picked among those the dealer's admin may staff: the dealer,
    # not HQ or the region above it.
    username = f"sh01.new-{demo.tag}"
    await page.get_by_label("用户名", exact=True).fill(username)
    await page.get_by_label("显示名", exact=True).fill(f"新顾问 {demo.tag}")
    await page.get_by_label("密码", exact=True).fill(f"a-long-password-{demo.tag}")
    await page.get_by_label("角色", exact=True).click()
    options = page.locator(".ant-select-dropdown:visible .ant-select-item-option")
    await options.filter(has_text="销售顾问").first.click()
    await page.keyboard.press("Escape")
    await page.get_by_label("组织", exact=True).click()
    await expect(options.filter(has_text=f"{DEALER_NAME} · 经销商")).to_be_visible()
    await expect(options.filter(has_text=HQ_NAME)).to_have_count(0)
    await options.filter(has_text=f"{DEALER_NAME} · 经销商").click()
    await expect(page.locator(".ant-select-dropdown:visible")).to_have_count(0)
    await page.get_by_role("button", name="创建", exact=True).click()
    added = _row(page, username)
    await expect(added.get_by_role("cell", name=DEALER_NAME, exact=True)).to_be_visible()


async def service_care(page: Page, demo: Demo) -> None:
    rule = _row(page, demo.care_message)
    await expect(rule.locator('[data-care-kind="birthday"]')).to_be_visible()
    await expect(rule.get_by_role("cell", name=DEALER_NAME, exact=True)).to_be_visible()


async def hq_kpis(page: Page, demo: Demo) -> None:
    await _kpi_values(page, demo, "顾问线索转化率")


async def hq_commission(page: Page, demo: Demo) -> None:
    month = date.today().strftime("%Y-%m")
    await expect(page.get_by_text(f"提成单 · {month}")).to_be_visible()


async def hq_customers(page: Page, demo: Demo) -> None:
    await _search_customer(page, demo.hq_lead, HQ_NAME)


async def hq_catalogue(page: Page, demo: Demo) -> None:
    await expect(_row(page, "SUV X").filter(has_text="2.0T 豪华版")).to_be_visible()


async def hq_targets(page: Page, demo: Demo) -> None:
    row = _row(page, "East region")
    await expect(row.get_by_role("cell", name=str(demo.region_target), exact=True)).to_be_visible()


async def hq_org(page: Page, demo: Demo) -> None:
    await expect(page.get_by_text(f"{DEALER_NAME} · 经销商", exact=True)).to_be_visible()
    await expect(_row(page, "sh01.consultant1")).to_be_visible()


async def service_tasks(page: Page, demo: Demo) -> None:
    task = _row(page, demo.task_customer)
    await expect(task.get_by_role("cell", name="续保", exact=True)).to_be_visible()


async def service_calls(page: Page, demo: Demo) -> None:
    await expect(_row(page, demo.caller).get_by_text("呼入")).to_be_visible()


async def service_knowledge(page: Page, demo: Demo) -> None:
    await page.get_by_label("搜索知识库").fill(demo.tag)
    await page.get_by_label("搜索知识库").press("Enter")
    article = page.locator(f'[data-article="{demo.article}"]')
    # HQ's article, named as the dealer's staff know HQ.
    await expect(article.locator("[data-article-owner]")).to_have_text(HQ_NAME)


async def service_agreements(page: Page, demo: Demo) -> None:
    await page.get_by_label("按 VIN 查询").fill(demo.vin)
    await page.get_by_label("按 VIN 查询").press("Enter")
    row = _row(page, demo.agreement)
    await expect(row.get_by_text("延保", exact=True)).to_be_visible()
    await expect(row.get_by_role("cell", name=DEALER_NAME, exact=True)).to_be_visible()


@dataclass(frozen=True)
class Screen:
    user: str
    portal: str | None
    """The portal to switch to first (those with more than one), as the header's picker names it."""
    menu: str
    heading: str
    shows: Callable[[Page, Demo], Awaitable[None]]


WORKSPACE, DEALER_PORTAL, HQ, SERVICE = "销售工作台", "经销商管理", "总部门户", "服务与呼叫中心"
SCREENS: dict[str, Screen] = {
    "workspace-customers": Screen(
        "sh01.consultant1", WORKSPACE, "客户档案", "客户档案", workspace_customers
    ),
    "workspace-funnel": Screen(
        "sh01.consultant1", WORKSPACE, "销售漏斗", "销售漏斗", workspace_funnel
    ),
    "workspace-targets": Screen(
        "sh01.consultant1", WORKSPACE, "我的目标", "我的目标", workspace_targets
    ),
    "dealer-assign": Screen("sh01.manager", DEALER_PORTAL, "线索分配", "线索分配", dealer_assign),
    "dealer-pool-rules": Screen(
        "sh01.manager", DEALER_PORTAL, "线索池规则", "线索池规则", dealer_pool_rules
    ),
    "dealer-imports": Screen("sh01.manager", DEALER_PORTAL, "线索导入", "线索导入", dealer_imports),
    "dealer-customers": Screen(
        "sh01.manager", DEALER_PORTAL, "客户档案", "客户档案", dealer_customers
    ),
    "dealer-hand-over": Screen(
        "sh01.manager", DEALER_PORTAL, "离职交接", "离职交接", dealer_hand_over
    ),
    "dealer-meeting": Screen("sh01.manager", DEALER_PORTAL, "销售晨会", "销售晨会", dealer_meeting),
    "dealer-targets": Screen("sh01.manager", DEALER_PORTAL, "团队目标", "团队目标", dealer_targets),
    "dealer-kpis": Screen("sh01.manager", DEALER_PORTAL, "KPI 目录", "KPI 目录", dealer_kpis),
    "dealer-sharing": Screen("sh01.admin", DEALER_PORTAL, "数据共享", "数据共享", dealer_sharing),
    "dealer-users": Screen("sh01.admin", DEALER_PORTAL, "用户", "用户", dealer_users),
    "service-care": Screen("sh01.admin", SERVICE, "客户关怀规则", "客户关怀规则", service_care),
    "hq-kpis": Screen("hq.admin", HQ, "KPI 目录", "KPI 目录", hq_kpis),
    "hq-commission": Screen("hq.admin", HQ, "经销商提成", "经销商提成", hq_commission),
    "hq-customers": Screen("hq.admin", HQ, "客户档案", "客户档案", hq_customers),
    "hq-catalogue": Screen("hq.admin", HQ, "车型目录", "车型目录", hq_catalogue),
    "hq-targets": Screen("hq.admin", HQ, "目标分解", "目标分解", hq_targets),
    "hq-org": Screen("hq.admin", HQ, "组织架构", "组织架构", hq_org),
    "service-tasks": Screen("cc.agent", SERVICE, "外呼任务", "外呼任务", service_tasks),
    "service-calls": Screen("cc.agent", SERVICE, "通话记录", "通话记录", service_calls),
    "service-knowledge": Screen("sh01.service", SERVICE, "知识库", "知识库", service_knowledge),
    "service-agreements": Screen(
        "sh01.service", SERVICE, "服务合同", "服务合同", service_agreements
    ),
}


@pytest.mark.parametrize("name", SCREENS)
async def test_the_page_shows_the_demo_data(name: str, demo: Demo, users: OpenAs) -> None:
    screen = SCREENS[name]
    user = await users(screen.user)
    page = user.page
    violations_before = len(user.csp_violations)
    try:
        await page.keyboard.press("Escape")
        if screen.portal and await page.get_by_label("门户", exact=True).count():
            await user.choose("门户", screen.portal)
        await user.menu(screen.menu)
        await expect(page.get_by_role("heading", level=2, name=screen.heading)).to_be_visible()
        await screen.shows(page, demo)
        # Its charts drawn to the end, not caught mid-animation (a line still at zero).
        await expect(page.locator('div[role="img"]:not([data-chart-drawn])')).to_have_count(0)
        await user.screenshot(f"page-{name}")
        await user.check_accessibility(name)
    except BaseException:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        await page.screenshot(path=str(ARTIFACTS / f"page-{name}-failed.png"), full_page=True)
        raise
    assert user.csp_violations[violations_before:] == []
