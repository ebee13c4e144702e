"""Surveys on real PostgreSQL and Redis: a delivery sends the dealer's survey by a one-time
link, the customer answers it once on the public form, a low score opens a complaint with an
owner; answers are checked (422 naming the question); the analysis counts NPS and CSI."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, timedelta
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from fastapi import FastAPI
from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.contracts.envelope import Envelope, new_event
from crm_common.contracts.events.opportunities.v1 import VehicleDelivered
from crm_common.contracts.events.service_desk.v1 import SurveyDesignSet, SurveyRuleSet
from crm_common.db import UnitOfWork
from crm_common.db.tables import outbox
from crm_common.inbox.store import process_once
from crm_common.settings import Settings
from crm_common.testing.services import AsUser
from crm_service_desk.adapters.tables import (
    notifications,
    survey_designs,
    survey_responses,
    survey_rules,
)
from crm_service_desk.application.after_sales import vehicle_delivered
from crm_service_desk.entrypoints.consumers import subscriptions

from .conftest import PEOPLE, TENANT

Sessions = async_sessionmaker[AsyncSession]
QUESTIONS = [
    {"code": "recommend", "kind": "nps", "text": "您向朋友推荐我们的可能性"},
    {"code": "handover", "kind": "csi", "text": "交车过程满意度", "scale_max": 5, "weight": 2},
    {"code": "waiting", "kind": "csi", "text": "等待时间", "scale_max": 10},
    {"code": "channel", "kind": "single_choice", "text": "渠道", "options": ["web", "friend"]},
    {"code": "comment", "kind": "text", "text": "其他意见", "required": False},
]


async def configure(as_user: AsUser) -> str:
    async with as_user(PEOPLE.hq_admin) as hq:
        design = await hq.post(
            "/survey-designs", json={"name": "交车满意度", "questions": QUESTIONS}
        )
        assert design.status_code == 201, design.text
    key: str = design.json()["design_key"]
    async with as_user(PEOPLE.dealer_admin) as admin:
        rule = await admin.put(
            "/survey-rules/vehicle_delivered",
            json={"design_key": key, "channel": "link", "complaint_owner": "da1"},
        )
        assert rule.status_code == 200, rule.text
        profile = await admin.put(
            f"/customer-profiles/{CUSTOMER}",
            json={"name": "王伟", "segment": "toc", "phone": "138 0013 8000"},
        )
        assert profile.status_code == 200, profile.text
    return key


CUSTOMER = uuid.uuid4()


async def deliver(sessions: Sessions, order: uuid.UUID | None = None) -> None:
    event = new_event(
        VehicleDelivered(
            order_id=order or uuid.uuid4(),
            opportunity_id=uuid.uuid4(),
            dealer_id="dealer-a",
            at=datetime.now(UTC),
            customer_id=CUSTOMER,
            owner_user="c1",
            vin="LSVAU2180N2183295",
            model_code="SUV-X",
            delivered_on=date(2026, 11, 2),
        ),
        tenant=TENANT,
        owner_org="dealer-a",
        actor="c1",
    )
    async with UnitOfWork(sessions) as uow:
        await vehicle_delivered(uow, event, link_base_url="https://surveys.example/")


async def link_token(sessions: Sessions) -> str:
    async with sessions() as session:
        bodies = (await session.execute(select(notifications.c.body))).scalars().all()
    (body,) = bodies
    match = re.search(r"https://surveys\.example/public/surveys/([A-Za-z0-9_-]+)", body)
    assert match is not None, body
    return match.group(1)


def public_client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://service")


async def test_a_delivery_survey_answered_once_and_a_low_score_opens_a_complaint(
    as_user: AsUser, sessions: Sessions, desk_api: FastAPI
) -> None:
    await configure(as_user)
    order = uuid.uuid4()
    await deliver(sessions, order)
    await deliver(sessions, order)  # the event again: one survey per delivery
    token = await link_token(sessions)
    low: dict[str, Any] = {"recommend": 3, "handover": 2, "waiting": 4, "channel": "web"}
    async with public_client(desk_api) as public:
        form = await public.get(f"/public/surveys/{token}")
        assert form.status_code == 200, form.text
        assert [q["code"] for q in form.json()["questions"]] == [q["code"] for q in QUESTIONS]
        out_of_range = await public.post(
            f"/public/surveys/{token}/answers", json={"answers": {**low, "recommend": 11}}
        )
        assert [e["loc"] for e in out_of_range.json()["detail"]] == [["body", "answers.recommend"]]
        unknown = await public.post(
            f"/public/surveys/{token}/answers", json={"answers": {**low, "colour": "red"}}
        )
        assert unknown.status_code == 422
        answered = await public.post(f"/public/surveys/{token}/answers", json={"answers": low})
        assert answered.json() == {"low_score": True}
        again = await public.post(f"/public/surveys/{token}/answers", json={"answers": low})
        assert again.status_code == 409
        nobody = await public.get("/public/surveys/" + "x" * 32)
        assert nobody.status_code == 404
    async with as_user(PEOPLE.advisor) as advisor:
        complaints = (await advisor.get("/tickets", params={"kind": "complaint"})).json()
    assert len(complaints) == 1
    complaint = complaints[0]
    assert (complaint["owner_user"], complaint["channel"], complaint["priority"]) == (
        "da1",
        "survey",
        "high",
    )
    assert complaint["customer"]["customer_id"] == str(CUSTOMER)
    async with sessions() as session:
        types = (
            (await session.execute(select(outbox.c.event_type).order_by(outbox.c.id)))
            .scalars()
            .all()
        )
    # The design and the rule the dealer configured first go down the dealer link too.
    assert types == [
        "service-desk.SurveyDesignSet",
        "service-desk.SurveyRuleSet",
        "service-desk.SurveyRequested",
        "service-desk.TicketOpened",
        "service-desk.SurveyAnswered",
    ]


async def test_an_expired_link_and_too_many_tries(
    as_user: AsUser, sessions: Sessions, desk_api: FastAPI
) -> None:
    await configure(as_user)
    await deliver(sessions)
    token = await link_token(sessions)
    async with sessions() as session, session.begin():
        await session.execute(
            update(survey_responses).values(expires_at=datetime.now(UTC) - timedelta(minutes=1))
        )
    async with public_client(desk_api) as public:
        expired = await public.get(f"/public/surveys/{token}")
        assert expired.status_code == 409
        statuses = [(await public.get(f"/public/surveys/{token}")).status_code for _ in range(12)]
    assert statuses[-1] == 429


async def test_the_analysis_counts_nps_csi_and_the_response_rate(
    as_user: AsUser, sessions: Sessions, desk_api: FastAPI
) -> None:
    await configure(as_user)
    await deliver(sessions)
    await deliver(sessions)
    async with sessions() as session:
        surveys = (await session.execute(select(survey_responses.c.id))).scalars().all()
    async with as_user(PEOPLE.advisor) as advisor:
        promoter = await advisor.post(
            f"/surveys/{surveys[0]}/answers",
            json={"answers": {"recommend": 10, "handover": 5, "waiting": 10, "channel": "friend"}},
        )
        assert promoter.json() == {"low_score": False}
    today = datetime.now(UTC).date()
    async with as_user(PEOPLE.hq_analyst) as hq:
        groups = await hq.get(
            "/surveys/analysis",
            params={"from": str(today - timedelta(days=1)), "to": str(today + timedelta(days=2))},
        )
    assert groups.status_code == 200, groups.text
    (dealer,) = groups.json()
    assert (dealer["group"], dealer["sent"], dealer["answered"], dealer["response_rate"]) == (
        "dealer-a",
        2,
        1,
        50.0,
    )
    assert (dealer["nps"], dealer["csi"]) == (100.0, 100.0)
    assert dealer["questions"]["channel"] == {"friend": 1}
    # A page of groups at a time, in the order of their keys.
    async with as_user(PEOPLE.hq_analyst) as hq:
        period = {"from": str(today - timedelta(days=1)), "to": str(today + timedelta(days=2))}
        per_month = (await hq.get("/surveys/analysis", params={**period, "per": "month"})).json()
        # Months of the business time zone (the default, Shanghai's), where the surveys went out.
        month = datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m")
        assert [g["group"] for g in per_month] == [month]
        assert per_month[0]["sent"] == 2
        first = await hq.get("/surveys/analysis", params={**period, "limit": 1})
        assert [g["group"] for g in first.json()] == ["dealer-a"]
        beyond = await hq.get("/surveys/analysis", params={**period, "offset": 1})
        assert beyond.json() == []
        too_many = await hq.get("/surveys/analysis", params={**period, "limit": 501})
        assert too_many.status_code == 422
    # A chart's series in one request: per dealer and month, the unanswered survey sent a
    # month earlier.
    async with sessions() as session, session.begin():
        await session.execute(
            update(survey_responses)
            .where(survey_responses.c.id != surveys[0])
            .values(requested_at=survey_responses.c.requested_at - timedelta(days=31))
        )
    earlier = (datetime.now(ZoneInfo("Asia/Shanghai")) - timedelta(days=31)).strftime("%Y-%m")
    async with as_user(PEOPLE.hq_analyst) as hq:
        months = {"from": str(today - timedelta(days=62)), "to": str(today + timedelta(days=2))}
        series = await hq.get("/surveys/analysis", params={**months, "per": "dealer_month"})
        second = await hq.get(
            "/surveys/analysis", params={**months, "per": "dealer_month", "offset": 1}
        )
    assert series.status_code == 200, series.text
    assert [(g["group"], g["month"], g["sent"], g["nps"]) for g in series.json()] == [
        ("dealer-a", earlier, 1, None),
        ("dealer-a", month, 1, 100.0),
    ]
    assert [(g["group"], g["month"]) for g in second.json()] == [("dealer-a", month)]


async def test_answers_taken_in_a_call_reach_only_the_caller_s_own_write_scope(
    as_user: AsUser, sessions: Sessions
) -> None:
    """HQ and its call center above the dealer may not record the dealer's survey (their
    write scope reaches no dealer's book below them): 404, and the survey stays open."""
    await configure(as_user)
    await deliver(sessions)
    async with sessions() as session:
        [survey] = (await session.execute(select(survey_responses.c.id))).scalars().all()
    answers = {"answers": {"recommend": 9, "handover": 5, "waiting": 9, "channel": "web"}}
    for outsider in (PEOPLE.hq_admin, PEOPLE.agent, PEOPLE.other_advisor):
        async with as_user(outsider) as client:
            refused = await client.post(f"/surveys/{survey}/answers", json=answers)
        assert refused.status_code == 404, (outsider.user_id, refused.text)
    async with as_user(PEOPLE.advisor2) as advisor:
        recorded = await advisor.post(f"/surveys/{survey}/answers", json=answers)
    assert recorded.status_code == 200, recorded.text


async def test_the_analysis_counts_every_grouping_in_the_database(
    as_user: AsUser, sessions: Sessions
) -> None:
    """Each grouping, the total too, counted by the database: NPS from promoters and
    detractors, the CSI's mean, each option of a multiple choice apart, free text longer
    than a choice left out."""
    await configure(as_user)  # the customer's profile; the rule then takes this design
    async with as_user(PEOPLE.hq_admin) as hq:
        design = await hq.post(
            "/survey-designs",
            json={
                "name": "保养回访",
                "questions": [
                    {"code": "recommend", "kind": "nps", "text": "推荐"},
                    {"code": "visit", "kind": "csi", "text": "满意度", "scale_max": 5},
                    {
                        "code": "liked",
                        "kind": "multiple_choice",
                        "text": "满意之处",
                        "options": ["price", "service", "car"],
                    },
                    {"code": "comment", "kind": "text", "text": "意见", "required": False},
                ],
            },
        )
        assert design.status_code == 201, design.text
    async with as_user(PEOPLE.dealer_admin) as admin:
        rule = await admin.put(
            "/survey-rules/vehicle_delivered",
            json={
                "design_key": design.json()["design_key"],
                "channel": "link",
                "complaint_owner": "da1",
            },
        )
        assert rule.status_code == 200, rule.text
    for _ in range(3):
        await deliver(sessions)
    async with sessions() as session:
        surveys = (await session.execute(select(survey_responses.c.id))).scalars().all()
    long_comment = "交车时间比约定的晚了两个小时 销售顾问没有提前说明原因" * 2
    answers = [
        {"recommend": 10, "visit": 5, "liked": ["price", "service"], "comment": "很好"},
        {"recommend": 3, "visit": 2, "liked": ["service"], "comment": long_comment},
    ]
    async with as_user(PEOPLE.advisor) as advisor:
        for survey, given in zip(surveys, answers, strict=False):
            recorded = await advisor.post(f"/surveys/{survey}/answers", json={"answers": given})
            assert recorded.status_code == 200, recorded.text
    today = datetime.now(UTC).date()
    period = {"from": str(today - timedelta(days=1)), "to": str(today + timedelta(days=2))}
    figures = {
        "sent": 3,
        "answered": 2,
        "response_rate": 66.67,
        "nps": 0.0,
        "csi": 62.5,
        "low_scores": 1,
        "questions": {
            "comment": {"很好": 1},
            "liked": {"price": 1, "service": 2},
            "recommend": {"10": 1, "3": 1},
            "visit": {"2": 1, "5": 1},
        },
    }
    async with as_user(PEOPLE.hq_analyst) as hq:
        for per, group in (("total", "total"), ("dealer", "dealer-a"), ("region", "east")):
            answer = await hq.get("/surveys/analysis", params={**period, "per": per})
            assert answer.status_code == 200, answer.text
            assert answer.json() == [{"group": group, "month": None, **figures}], per
        beyond = await hq.get("/surveys/analysis", params={**period, "per": "total", "offset": 1})
        assert beyond.json() == []


async def test_designs_and_rules_are_published_and_a_dealer_keeps_hqs_once(
    as_user: AsUser, sessions: Sessions
) -> None:
    """HQ's design and rule as published (``SurveyDesignSet``, ``SurveyRuleSet``), then taken
    in at a dealer's own deployment as they come down — twice, as a redelivery would: the
    dealer's delivery sends HQ's survey, a low score's complaint owned at the dealer."""
    key = await configure(as_user)
    async with as_user(PEOPLE.hq_admin) as hq:
        hq_rule = await hq.put(
            "/survey-rules/ticket_resolved",
            json={"design_key": key, "channel": "call", "complaint_owner": None},
        )
        assert hq_rule.status_code == 200, hq_rule.text
    published = await published_configuration(sessions)
    [design] = [e["data"] for e in published if e["type"] == SurveyDesignSet.event_type]
    assert (design["org_node"], design["dealer_id"], design["version"]) == ("hq", None, 1)
    assert [q["code"] for q in design["questions"]] == [
        "recommend",
        "handover",
        "waiting",
        "channel",
        "comment",
    ]
    rules = [e["data"] for e in published if e["type"] == SurveyRuleSet.event_type]
    assert [(r["org_node"], r["dealer_id"], r["trigger"], r["channel"]) for r in rules] == [
        ("dealer-a", "dealer-a", "vehicle_delivered", "link"),
        ("hq", None, "ticket_resolved", "call"),
    ]

    # The same events at a dealer's own deployment, come down from HQ (a fresh database's
    # rows stand in for it: HQ's design and rules are dropped first).
    async with sessions() as session, session.begin():
        await session.execute(delete(survey_rules))
        await session.execute(delete(survey_designs))
    [subscription] = [
        s
        for s in subscriptions(Settings(env="test", service_name="service-desk"))
        if s.consumer.endswith(".survey-designs-from-hq")
    ]
    assert subscription.downlinked_only, "HQ's own designs and a dealer's stay where set"
    by_type = {h.event.event_type: h for h in subscription.handles}
    for payload in [*published, *published]:
        handles = by_type[payload["type"]]
        event = ENVELOPES[payload["type"]].model_validate(payload)
        await process_once(
            sessions, subscription.consumer, event, partial(handles.apply, events=[event])
        )
    async with sessions() as session:
        kept = (await session.execute(select(survey_rules))).mappings().all()
        versions = (await session.execute(select(survey_designs.c.id))).scalars().all()
    assert [str(v) for v in versions] == [design["design_id"]]
    assert sorted((r["owner_org"], r["trigger"], r["complaint_owner"]) for r in kept) == [
        ("dealer-a", "vehicle_delivered", None),
        ("hq", "ticket_resolved", None),
    ], "HQ's complaint owner is no user of the dealer's deployment"
    await deliver(sessions)
    assert await link_token(sessions), "the dealer sends the survey of HQ's design"


ENVELOPES: dict[str, type[Envelope[Any]]] = {
    SurveyDesignSet.event_type: Envelope[SurveyDesignSet],
    SurveyRuleSet.event_type: Envelope[SurveyRuleSet],
}


async def published_configuration(sessions: Sessions) -> list[dict[str, Any]]:
    """The survey configuration's events in the outbox, as published (whole envelopes)."""
    async with sessions() as session:
        rows = await session.execute(
            select(outbox.c.payload)
            .where(outbox.c.event_type.in_([SurveyDesignSet.event_type, SurveyRuleSet.event_type]))
            .order_by(outbox.c.id)
        )
        return list(rows.scalars())
