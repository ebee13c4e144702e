"""After-sales end to end through the real processes and Kafka, on a dealer made for this test
(it sets the dealer's SLA, calendar and ladder): a car sold and delivered in the opportunities
service; the delivery survey's one-time link reaches the customer by e-mail over SMTP; a low
score answered on the public form opens a complaint with its owner; nobody answers it, its
SLA breaches and the worker's sweep climbs the escalation ladder (owner told, team lead takes
it, the region); the team lead resolves it; kpi's complaint rate, NPS and on-time resolution
for the dealer show it; and a problem-customer care rule e-mails the customer exactly once
however often the care scan runs."""

from __future__ import annotations

import asyncio
import re
import secrets
from datetime import datetime
from email.header import decode_header, make_header
from email.message import Message
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from crm_common.testing.kafka import eventually

from .conftest import SWEEP_SECONDS, Spine
from .sales import delivered, quote_issued
from .test_lead_pools import login

# The complaint's SLA runs out in business minutes, not a fake clock's: a minute and a half of
# the test is waiting for it, on top of the spine's start when this test starts it.
pytestmark = [pytest.mark.e2e, pytest.mark.integration, pytest.mark.timeout(1200)]
PASSWORD = "a-long-password-17"
REGION = "region-north"
ZONE = ZoneInfo("Asia/Shanghai")
"""The spine's business time zone: kpi's months and the calendar's hours."""
ALL_DAY = [{"opens": "00:00", "closes": "23:59:59"}]
LADDER = [
    ("response_breach_notify_owner", "first_response", 100, "notify_owner"),
    ("resolution_breach_team_lead", "resolution", 100, "reassign_team_lead"),
    ("resolution_150_region", "resolution", 150, "raise_to_region"),
]
# Its own number: the spine is shared, and a lead on a phone other tests use would be theirs.
PHONE = f"138{secrets.randbelow(10**8):08d}"
QUESTIONS = [
    {"code": "recommend", "kind": "nps", "text": "您向朋友推荐我们的可能性"},
    {"code": "handover", "kind": "csi", "text": "交车过程满意度", "scale_max": 5},
]


async def ok(
    spine: Spine, service: str, token: str, method: str, path: str, body: Any = None
) -> Any:
    async with spine.client(service, token) as client:
        response = await client.request(method, path, json=body)
    assert response.status_code < 300, f"{method} {path}: {response.text}"
    return response.json() if response.content else None


async def once_known(
    spine: Spine, service: str, token: str, method: str, path: str, body: Any = None
) -> Any:
    """The call, retried until the service has heard of the new dealer and its people (the
    org tree and the staff come from identity through Kafka)."""

    async def answered() -> httpx.Response | None:
        async with spine.client(service, token) as client:
            response = await client.request(method, path, json=body)
        return response if response.status_code < 300 else None

    response = await eventually(answered, timeout=90, interval=1.0)
    assert response is not None, f"{method} {path} on {service} never succeeded"
    return response.json() if response.content else None


def _text(message: Message) -> str:
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes), "a single-part text message"
    return payload.decode(message.get_content_charset() or "utf-8").rstrip("\n")


def _subject(message: Message) -> str:
    return str(make_header(decode_header(message["Subject"])))


def received(spine: Spine, to: str) -> list[tuple[str, str]]:
    """(subject, text) of each message the SMTP server received for ``to``."""
    return [(_subject(m), _text(m)) for m in spine.mail.messages() if m["To"] == to]


async def dealer_with_people(spine: Spine) -> tuple[str, dict[str, tuple[str, str]]]:
    """A new dealer of the North region, and its consultant, service advisor and admin (the
    service team lead): user id and token by role."""
    hq = await login(spine, "hq.admin")
    tag = secrets.token_hex(3)
    dealer = f"dealer-as-{tag}"
    await ok(
        spine,
        "identity",
        hq,
        "POST",
        "/orgs",
        {"id": dealer, "parent_id": REGION, "kind": "dealer", "name": f"AS 4S {tag}"},
    )
    people = {}
    for role in ("sales_consultant", "service_advisor", "dealer_admin"):
        people[role] = await user_logged_in(spine, hq, dealer, f"as{tag}.{role}", role)
    return dealer, people


async def user_logged_in(
    spine: Spine, hq: str, org_node: str, username: str, role: str
) -> tuple[str, str]:
    """A user HQ's admin adds at ``org_node`` with ``role``: its id and its own access token."""
    created = await ok(
        spine,
        "identity",
        hq,
        "POST",
        "/users",
        {
            "username": username,
            "display_name": username,
            "password": PASSWORD,
            "org_node": org_node,
            "roles": [role],
        },
    )
    async with spine.client("identity") as client:
        token = await client.post("/auth/token", json={"username": username, "password": PASSWORD})
    assert token.status_code == 200, token.text
    return str(created["id"]), str(token.json()["access_token"])


async def kpi_of(spine: Spine, token: str, code: str, dealer: str) -> str | None:
    """The dealer's value of a kpi this month (None: no figure yet)."""
    today = datetime.now(ZONE).date()
    async with spine.client("kpi", token) as client:
        response = await client.get(
            f"/kpi/values/{code}",
            params={"from": today.replace(day=1).isoformat(), "to": today.isoformat()},
        )
    if response.status_code != 200:
        return None
    values = [row["value"] for row in response.json()["rows"] if row["group"] == dealer]
    return values[0] if values else None


async def kpis_become(
    spine: Spine, token: str, dealer: str, expected: dict[str, str]
) -> dict[str, str | None]:
    async def figures() -> dict[str, str | None] | None:
        found = {code: await kpi_of(spine, token, code, dealer) for code in expected}
        return found if found == expected else None

    seen = await eventually(figures, timeout=120, interval=1.0)
    return seen or {code: await kpi_of(spine, token, code, dealer) for code in expected}


async def test_a_low_delivery_score_becomes_an_escalated_complaint_kpi_counts_and_care_mails_once(
    spine: Spine,
) -> None:
    dealer, people = await dealer_with_people(spine)
    (_, consultant), (advisor_id, advisor), (lead_id, admin) = (
        people["sales_consultant"],
        people["service_advisor"],
        people["dealer_admin"],
    )
    analyst = await login(spine, "hq.analyst")
    email = f"owner-{secrets.token_hex(4)}@customer.example"

    # The dealer's service desk: open round the clock (the SLA clock runs whenever the test
    # does), a one-minute target for high-priority tickets, a ladder up to the region, the
    # delivery survey by link with the advisor owning what a low score opens, and a care rule
    # for customers with a complaint this month.
    hq = await login(spine, "hq.admin")
    design = await ok(
        spine,
        "service-desk",
        hq,
        "POST",
        "/survey-designs",
        {"name": "交车满意度", "questions": QUESTIONS},
    )
    await once_known(
        spine,
        "service-desk",
        admin,
        "PUT",
        "/business-calendar",
        {"timezone": ZONE.key, "weekly": {str(day): ALL_DAY for day in range(7)}},
    )
    await ok(
        spine,
        "service-desk",
        admin,
        "PUT",
        "/sla-policies",
        {"policies": [{"priority": "high", "first_response_minutes": 1, "resolution_minutes": 1}]},
    )
    await once_known(
        spine,
        "service-desk",
        admin,
        "PUT",
        "/escalation-ladder",
        {
            "steps": [
                {"name": name, "target": target, "percent": percent, "action": action}
                for name, target, percent, action in LADDER
            ],
            "team_lead": lead_id,
        },
    )
    await once_known(
        spine,
        "service-desk",
        admin,
        "PUT",
        "/survey-rules/vehicle_delivered",
        {"design_key": design["design_key"], "channel": "link", "complaint_owner": advisor_id},
    )
    care_rule = await ok(
        spine,
        "service-desk",
        admin,
        "POST",
        "/care-rules",
        {
            "kind": "problem_customer",
            "segment": "toc",
            "action": "email",
            "message": "{name}您好, 服务经理将致电了解您的问题",
            "window_days": 30,
            "complaints": 1,
        },
    )

    # The sale: a lead converted into an opportunity (its customer is leads' customer file),
    # the customer's after-sales file with their e-mail, then quote, order and delivery.
    lead = await once_known(
        spine,
        "leads",
        consultant,
        "POST",
        "/leads",
        {"customer_name": "赵敏", "phone": PHONE, "source": "walk_in"},
    )
    await ok(spine, "leads", consultant, "POST", f"/leads/{lead['id']}/convert", {})

    async def opened() -> dict[str, Any] | None:
        listed = await ok(spine, "opportunities", consultant, "GET", "/opportunities")
        return next((o for o in listed if o["lead_id"] == lead["id"]), None)

    opportunity = await eventually(opened, timeout=90, interval=1.0)
    assert opportunity is not None, "LeadConverted reached the opportunities worker"
    customer_id = lead["customer_id"]
    await ok(
        spine,
        "service-desk",
        advisor,
        "PUT",
        f"/customer-profiles/{customer_id}",
        {"name": "赵敏", "segment": "toc", "email": email},
    )

    async def seller(method: str, path: str, body: Any) -> Any:
        return await ok(spine, "opportunities", consultant, method, path, body)

    quote = await quote_issued(seller, opportunity["id"])
    await delivered(seller, quote, vin_prefix="LAS")

    # The survey's link arrives by e-mail; the customer answers the public form with a low
    # score.
    async def survey_mail() -> list[tuple[str, str]]:
        return [m for m in received(spine, email) if m[0] == "交车满意度"]

    mails = await eventually(survey_mail, timeout=90, interval=1.0)
    assert len(mails) == 1, f"one survey e-mail for the delivery: {received(spine, email)}"
    link = re.search(r"(http://\S+/public/surveys/[A-Za-z0-9_-]+)", mails[0][1])
    assert link is not None, mails[0][1]
    async with httpx.AsyncClient(timeout=30) as customer:
        form = await customer.get(link.group(1))
        assert form.status_code == 200, form.text
        assert [q["code"] for q in form.json()["questions"]] == ["recommend", "handover"]
        answered = await customer.post(
            f"{link.group(1)}/answers", json={"answers": {"recommend": 2, "handover": 2}}
        )
        assert answered.json() == {"low_score": True}, answered.text

    # The complaint it opened: the advisor owns it; nobody answers it within its minute.
    [complaint] = await ok(spine, "service-desk", advisor, "GET", "/tickets?kind=complaint")
    assert (complaint["owner_user"], complaint["channel"], complaint["priority"]) == (
        advisor_id,
        "survey",
        "high",
    )
    assert complaint["customer"]["customer_id"] == customer_id
    assert complaint["owner_org"] == dealer
    path = f"/tickets/{complaint['id']}"

    async def climbed() -> dict[str, Any] | None:
        ticket = await ok(spine, "service-desk", admin, "GET", path)
        return ticket if len(ticket["escalation_steps"]) == len(LADDER) else None

    # 150 % of a minute, and a sweep after it (a loaded machine may be late with both).
    escalated = await eventually(climbed, timeout=180 + 10 * SWEEP_SECONDS, interval=1.0)
    assert escalated is not None, "the sweep climbed the whole ladder"
    assert escalated["escalation_steps"] == [name for name, *_ in LADDER]
    assert (escalated["owner_user"], escalated["raised_to_org"]) == (lead_id, REGION)
    history = await ok(spine, "service-desk", admin, "GET", f"{path}/history")
    steps = [(h["rule"], h["actor"]) for h in history if h["rule"] is not None]
    assert [rule for rule, _ in steps] == [name for name, *_ in LADDER]
    assert all(actor.startswith("system:") for _, actor in steps), steps

    # The team lead it was handed to resolves it: the responsible owner and root cause first.
    await ok(
        spine,
        "service-desk",
        admin,
        "PUT",
        f"{path}/complaint",
        {"responsible_user": advisor_id, "root_cause": "交车时未讲解车机功能"},
    )
    resolved = await ok(
        spine, "service-desk", admin, "POST", f"{path}/resolution", {"resolution": "上门讲解"}
    )
    assert resolved["status"] == "resolved"

    # kpi: the dealer's one ticket is a complaint, its one survey a detractor, its one
    # resolution late.
    figures = await kpis_become(
        spine,
        analyst,
        dealer,
        {"complaint_rate": "1.0000", "nps": "-1.0000", "on_time_resolution": "0.0000"},
    )
    assert figures == {
        "complaint_rate": "1.0000",
        "nps": "-1.0000",
        "on_time_resolution": "0.0000",
    }

    # The care rule: the customer's complaint this month makes them a problem customer; one
    # e-mail, however many scans run after it.
    def care_mails() -> list[tuple[str, str]]:
        return [m for m in received(spine, email) if m[0] != "交车满意度"]

    async def cared() -> list[tuple[str, str]]:
        return care_mails()

    assert await eventually(cared, timeout=60, interval=1.0), "the care e-mail arrived"
    await asyncio.sleep(5 * SWEEP_SECONDS)
    assert care_mails() == [("1 complaints in 30 days", "赵敏您好, 服务经理将致电了解您的问题")]
    actions = await ok(spine, "service-desk", admin, "GET", "/care-actions")
    assert [(a["rule_id"], a["customer_id"], a["action"]) for a in actions] == [
        (care_rule["id"], customer_id, "email")
    ]
