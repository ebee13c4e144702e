"""Queues on real PostgreSQL, Redis and Kafka: managed over the API by the managers of their
org node (404 to others, 409 for a PBX name taken, 422 naming the field); the service desk's
care calls and phone surveys consumed from Kafka through the shared inbox and dealt out by the
queue's strategy (once per event however often delivered), the calls no queue takes kept
waiting and dealt out once one can; callers routed through the signed routing webhook."""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest
from fastapi import FastAPI
from redis.asyncio import Redis
from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters.tables import agents, call_tasks, waiting_call_tasks
from crm_call_center.adapters.webhooks import sign
from crm_call_center.application import queues as queue_commands
from crm_call_center.application.distribution import deal_waiting
from crm_call_center.bootstrap import keep_pbx_queues
from crm_common.contracts.envelope import Envelope, new_event
from crm_common.contracts.events.service_desk.v1 import CareDue, SurveyRequested
from crm_common.db.tables import outbox
from crm_common.settings import Settings
from crm_common.testing.ami_server import AmiReplayServer
from crm_common.testing.infrastructure import Infrastructure
from crm_common.testing.kafka import eventually
from crm_common.testing.services import AsUser

from .conftest import PEOPLE, TENANT, WEBHOOK_SECRET, principal, publish
from .test_ami_adapter import connected

pytestmark = pytest.mark.integration

RENEWAL_2 = principal("renewal-a2", "dealer-a", "renewal_specialist", PEOPLE.renewal.data_scope)
DEALER_B_AGENT = "renewal-b"


@pytest.fixture
async def more_agents(
    infrastructure: Infrastructure, sessions: async_sessionmaker[AsyncSession]
) -> None:
    """A second renewal specialist at dealer-a and one at dealer-b, both ready."""
    async with sessions() as session, session.begin():
        await session.execute(
            insert(agents),
            [
                {
                    "tenant": TENANT,
                    "user_id": user,
                    "owner_org": org,
                    "display_name": user,
                    "extension": extension,
                    "skills": skills,
                }
                for user, org, extension, skills in (
                    (RENEWAL_2.user_id, "dealer-a", "8004", ["renewal", "survey"]),
                    (DEALER_B_AGENT, "dealer-b", "8005", ["renewal"]),
                )
            ],
        )
    redis = Redis.from_url(infrastructure.redis_url)
    try:  # the presence Redis serves is rebuilt from these rows
        await redis.delete(
            f"crm:call-center:presence:{TENANT}", f"crm:call-center:presence-built:{TENANT}"
        )
    finally:
        await redis.aclose()


RENEWAL_DESK = {
    "name": "Renewal desk",
    "pbx_queue": "renewal-a",
    "strategy": "round_robin",
    "task_kinds": ["policy_renewal", "care", "survey"],
}


async def test_managers_manage_their_own_nodes_queues(
    as_user: AsUser,
    sessions: async_sessionmaker[AsyncSession],
    more_agents: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async with (
        as_user(PEOPLE.dealer_manager) as manager,
        as_user(PEOPLE.other_dealer_manager) as outsider,
        as_user(PEOPLE.renewal) as agent,
    ):
        created = await manager.post("/queues", json=RENEWAL_DESK)
        assert created.status_code == 201, created.text
        queue = created.json()
        assert (queue["owner_org"], queue["members"], queue["strategy"]) == (
            "dealer-a",
            [],
            "round_robin",
        )
        queue_id = queue["id"]
        taken = await manager.post("/queues", json=RENEWAL_DESK)
        bad_strategy = await manager.post(
            "/queues", json={**RENEWAL_DESK, "pbx_queue": "x", "strategy": "random"}
        )
        foreign_overflow = await outsider.post(
            "/queues",
            json={**RENEWAL_DESK, "pbx_queue": "renewal-b", "overflow_queue_id": queue_id},
        )
        not_an_agent = await agent.post("/queues", json={**RENEWAL_DESK, "pbx_queue": "y"})
        assert (taken.status_code, bad_strategy.status_code) == (409, 422)
        assert bad_strategy.json()["detail"][0]["loc"][-1] == "strategy"
        assert foreign_overflow.status_code == 422
        assert "overflow_queue_id" in foreign_overflow.text
        assert not_an_agent.status_code == 403

        members = {"user_ids": [PEOPLE.renewal.user_id, RENEWAL_2.user_id]}
        foreign_member = await manager.put(
            f"/queues/{queue_id}/members", json={"user_ids": [DEALER_B_AGENT]}
        )
        assert foreign_member.status_code == 422
        assert DEALER_B_AGENT in foreign_member.text
        assert (await outsider.put(f"/queues/{queue_id}/members", json=members)).status_code == 404
        assert (await outsider.get(f"/queues/{queue_id}")).status_code == 404
        assert (await outsider.patch(f"/queues/{queue_id}", json={"name": "x"})).status_code == 404
        joined = await manager.put(f"/queues/{queue_id}/members", json=members)
        assert [m["user_id"] for m in joined.json()["members"]] == sorted(members["user_ids"])
        changed = await manager.patch(
            f"/queues/{queue_id}", json={"strategy": "skill", "callback_after_seconds": 90}
        )
        assert (changed.json()["strategy"], changed.json()["callback_after_seconds"]) == (
            "skill",
            90,
        )
        cleared = await manager.patch(f"/queues/{queue_id}", json={"name": None})
        assert cleared.status_code == 422
        # The agent sees their own node's queue, the routing's view of them includes it.
        seen = (await agent.get("/queues")).json()
        assert [q["id"] for q in seen["queues"]] == [queue_id]
        wallboard = (await manager.get("/agents")).json()["agents"]
        mine = next(a for a in wallboard if a["user_id"] == PEOPLE.renewal.user_id)
        assert mine["queue_ids"] == [queue_id]
        # One member leaves: exactly the members listed stay.
        left = await manager.put(
            f"/queues/{queue_id}/members", json={"user_ids": [RENEWAL_2.user_id]}
        )
        assert [m["user_id"] for m in left.json()["members"]] == [RENEWAL_2.user_id]
        assert (await outsider.get("/queues")).json()["queues"] == []
        board = (await manager.get("/queues")).json()
        assert (board["queues_truncated"], board["waiting_truncated"]) == (False, False)
        # An agent works in a bounded number of queues (every answer about them names all):
        # one more is refused naming the agent, and nothing changes.
        monkeypatch.setattr(queue_commands, "MOST_QUEUES_OF_AGENT", 0)
        too_many = await manager.put(f"/queues/{queue_id}/members", json=members)
        assert too_many.status_code == 422
        assert too_many.json()["detail"][0]["loc"][-1] == "user_ids"
        assert RENEWAL_2.user_id in too_many.text
        kept = (await manager.get(f"/queues/{queue_id}")).json()["members"]
        assert [m["user_id"] for m in kept] == [RENEWAL_2.user_id]


def care_due(
    dealer: str,
    customer: str,
    rule_kind: str = "insurance_renewal",
    due_on: date = date(2026, 12, 20),
) -> Envelope[Any]:
    return new_event(
        CareDue(
            care_action_id=uuid4(),
            rule_id=uuid4(),
            rule_kind=rule_kind,  # type: ignore[arg-type]
            segment="toc",
            dealer_id=dealer,
            customer_id=uuid4(),
            customer_name=customer,
            phone="13800138000",
            vin=None,
            period="2026-12",
            reason="The compulsory insurance expires on 2027-01-05",
            due_on=due_on,
        ),
        tenant=TENANT,
        owner_org=dealer,
        actor="care-sweep",
    )


def survey_requested(dealer: str, channel: str) -> Envelope[Any]:
    return new_event(
        SurveyRequested(
            survey_response_id=uuid4(),
            design_id=uuid4(),
            dealer_id=dealer,
            at=datetime.now(UTC),
            trigger="vehicle_delivered",
            channel=channel,  # type: ignore[arg-type]
            customer_id=uuid4(),
            customer_name="王芳",
            phone="13900139000",
            expires_at=datetime.now(UTC) + timedelta(days=7),
        ),
        tenant=TENANT,
        owner_org=dealer,
        actor="survey-rules",
    )


async def tasks_and_waiting(
    sessions: async_sessionmaker[AsyncSession],
) -> tuple[list[Any], list[Any]]:
    async with sessions() as session:
        tasks = (
            await session.execute(
                select(
                    call_tasks.c.assignee,
                    call_tasks.c.kind,
                    call_tasks.c.owner_org,
                    call_tasks.c.source_key,
                    call_tasks.c.queue_id,
                    call_tasks.c.reason,
                    call_tasks.c.due_at,
                ).order_by(call_tasks.c.created_at)
            )
        ).all()
        waiting = (
            await session.execute(select(waiting_call_tasks.c.owner_org, waiting_call_tasks.c.kind))
        ).all()
    return list(tasks), list(waiting)


async def test_care_calls_and_phone_surveys_from_kafka_are_dealt_out_by_the_queue(
    as_user: AsUser,
    sessions: async_sessionmaker[AsyncSession],
    more_agents: None,
    worker: Settings,
) -> None:
    async with as_user(PEOPLE.dealer_manager) as manager:
        queue_id = (await manager.post("/queues", json=RENEWAL_DESK)).json()["id"]
        members = {"user_ids": [PEOPLE.renewal.user_id, RENEWAL_2.user_id]}
        assert (await manager.put(f"/queues/{queue_id}/members", json=members)).is_success
    renewals = [care_due("dealer-a", f"客户{i}") for i in range(4)]
    phone_survey, link_survey = (
        survey_requested("dealer-a", "call"),
        survey_requested("dealer-a", "link"),
    )
    no_queue = care_due("dealer-b", "赵六")
    # Delivered twice (a producer retry, a rebalance): one task each.
    await publish(worker, [*renewals, renewals[0], phone_survey, link_survey, no_queue, no_queue])

    async def settled() -> tuple[list[Any], list[Any]] | None:
        found = await tasks_and_waiting(sessions)
        return found if len(found[0]) >= 5 and len(found[1]) >= 1 else None

    tasks, waiting = await eventually(settled)
    assert len(tasks) == 5
    assert [(w.owner_org, w.kind) for w in waiting] == [("dealer-b", "policy_renewal")]
    assert Counter(t.kind for t in tasks) == {"policy_renewal": 4, "survey": 1}
    # Round robin: the two members took turns.
    assert sorted(Counter(t.assignee for t in tasks).values()) == [2, 3]
    assert {t.queue_id for t in tasks} == {UUID(queue_id)}
    renewal = next(t for t in tasks if t.kind == "policy_renewal")
    assert renewal.reason == "The compulsory insurance expires on 2027-01-05"
    # Due by the end of the care action's day in the business's time zone (Shanghai).
    assert renewal.due_at == datetime(2026, 12, 20, 16, 0, tzinfo=UTC)
    survey = next(t for t in tasks if t.kind == "survey")
    assert survey.source_key == f"survey:{phone_survey.data.survey_response_id}"
    async with sessions() as session:
        created = await session.scalar(
            select(func.count()).where(outbox.c.event_type == "call_center.CallTaskCreated")
        )
    assert created == 5
    async with as_user(PEOPLE.dealer_manager) as manager:
        (desk_seen,) = (await manager.get("/queues")).json()["queues"]
    assert desk_seen["open_tasks"] == 5
    assert sorted(m["open_tasks"] for m in desk_seen["members"]) == [2, 3]

    # Dealer-b's manager sees what waits for a queue, makes one: the sweep deals it out.
    async with as_user(PEOPLE.other_dealer_manager) as other:
        board = (await other.get("/queues")).json()
        assert [(w["owner_org"], w["kind"], w["count"]) for w in board["waiting"]] == [
            ("dealer-b", "policy_renewal", 1)
        ]
        desk = await other.post(
            "/queues",
            json={**RENEWAL_DESK, "pbx_queue": "renewal-b", "strategy": "skill"},
        )
        assert await deal_waiting(sessions) == 0  # a queue without members takes nothing
        await other.put(f"/queues/{desk.json()['id']}/members", json={"user_ids": ["renewal-b"]})
    assert await deal_waiting(sessions) == 1
    tasks, waiting = await tasks_and_waiting(sessions)
    assert waiting == []
    assert [(t.assignee, t.owner_org) for t in tasks if t.owner_org == "dealer-b"] == [
        ("renewal-b", "dealer-b")
    ]


async def test_a_queue_dealing_by_skill_gives_each_task_to_a_member_with_its_skill(
    as_user: AsUser,
    sessions: async_sessionmaker[AsyncSession],
    more_agents: None,
    worker: Settings,
) -> None:
    async with as_user(PEOPLE.dealer_manager) as manager:
        desk = await manager.post("/queues", json={**RENEWAL_DESK, "strategy": "skill"})
        queue_id = desk.json()["id"]
        members = {"user_ids": [PEOPLE.renewal.user_id, RENEWAL_2.user_id]}
        await manager.put(f"/queues/{queue_id}/members", json=members)
    # renewal-a has no skills, renewal-a2 has renewal and survey; nobody has care.
    await publish(
        worker,
        [
            care_due("dealer-a", "甲"),
            care_due("dealer-a", "乙", rule_kind="birthday"),
            survey_requested("dealer-a", "call"),
        ],
    )

    async def settled() -> tuple[list[Any], list[Any]] | None:
        found = await tasks_and_waiting(sessions)
        return found if len(found[0]) >= 2 and len(found[1]) >= 1 else None

    tasks, waiting = await eventually(settled)
    assert sorted((t.kind, t.assignee) for t in tasks) == [
        ("policy_renewal", RENEWAL_2.user_id),
        ("survey", RENEWAL_2.user_id),
    ]
    assert [(w.owner_org, w.kind) for w in waiting] == [("dealer-a", "care")]
    # A renewal waits too (the queue stopped taking renewals when it came), due later than
    # the care call nobody can take: a sweep of one takes the renewal once the queue does.
    async with as_user(PEOPLE.dealer_manager) as manager:
        await manager.patch(f"/queues/{queue_id}", json={"task_kinds": ["care"]})
        await publish(worker, [care_due("dealer-a", "丙", due_on=date(2026, 12, 28))])

        async def renewal_waits() -> bool:
            _, waiting = await tasks_and_waiting(sessions)
            return len(waiting) == 2

        await eventually(renewal_waits)
        await manager.patch(f"/queues/{queue_id}", json={"task_kinds": ["care", "policy_renewal"]})
    assert await deal_waiting(sessions, batch=1) == 1
    _, waiting = await tasks_and_waiting(sessions)
    assert [(w.owner_org, w.kind) for w in waiting] == [("dealer-a", "care")]


async def route(api: FastAPI, body: dict[str, Any], secret: str = WEBHOOK_SECRET) -> Any:
    raw = json.dumps(body).encode()
    timestamp = str(int(time.time()))
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=api), base_url="http://service"
    ) as client:
        return await client.post(
            "/cti/webhooks/cloud-cc/route",
            content=raw,
            headers={
                "content-type": "application/json",
                "X-CRM-Timestamp": timestamp,
                "X-CRM-Signature": sign(secret.encode(), timestamp, raw),
            },
        )


async def test_a_waiting_caller_is_routed_by_the_queues_strategy(
    as_user: AsUser,
    call_center_api: FastAPI,
    sessions: async_sessionmaker[AsyncSession],
    more_agents: None,
) -> None:
    async with as_user(PEOPLE.dealer_manager) as manager:
        overflow = await manager.post(
            "/queues", json={"name": "Overflow", "pbx_queue": "overflow-a"}
        )
        desk = await manager.post(
            "/queues",
            json={
                **RENEWAL_DESK,
                "overflow_queue_id": overflow.json()["id"],
                "overflow_after_seconds": 30,
                "callback_after_seconds": 120,
            },
        )
        queue_id = desk.json()["id"]
        members = {"user_ids": [PEOPLE.renewal.user_id, RENEWAL_2.user_id]}
        await manager.put(f"/queues/{queue_id}/members", json=members)
        # Nobody ready: the queue's rules say what to do with the caller.
        asked = {"queue": "renewal-a", "waited_seconds": 5}
        assert (await route(call_center_api, asked)).json()["action"] == "wait"
        moved = (await route(call_center_api, {**asked, "waited_seconds": 45})).json()
        assert (moved["action"], moved["overflow_queue"]) == ("overflow", "overflow-a")
        offer = await route(call_center_api, {**asked, "waited_seconds": 300})
        assert offer.json()["action"] == "offer_callback"
        for who in (PEOPLE.renewal, RENEWAL_2):
            async with as_user(who) as agent:
                ready = await agent.put("/agents/me/state", json={"state": "ready"})
                assert ready.status_code == 200, ready.text
    # Round robin: the ready members in turn.
    answers = [(await route(call_center_api, asked)).json() for _ in range(3)]
    assert [(a["action"], a["agent_user"]) for a in answers] == [
        ("connect", PEOPLE.renewal.user_id),
        ("connect", RENEWAL_2.user_id),
        ("connect", PEOPLE.renewal.user_id),
    ]
    assert answers[1]["extension"] == "8004"
    unknown = await route(call_center_api, {**asked, "queue": "nope"})
    forged = await route(call_center_api, asked, secret="not-the-secret")
    assert (unknown.status_code, forged.status_code) == (422, 401)
    assert "queue" in unknown.text


async def test_an_asterisk_pbxs_queue_members_follow_the_crms(
    as_user: AsUser,
    sessions: async_sessionmaker[AsyncSession],
    call_center_database: str,
    more_agents: None,
) -> None:
    async with as_user(PEOPLE.dealer_manager) as manager:
        desk = await manager.post(
            "/queues", json={**RENEWAL_DESK, "strategy": "skill", "skills": ["renewal"]}
        )
        queue_id = desk.json()["id"]
        members = {"user_ids": [PEOPLE.renewal.user_id, RENEWAL_2.user_id]}
        await manager.put(f"/queues/{queue_id}/members", json=members)
        async with AmiReplayServer() as pbx, connected(pbx, sessions, call_center_database) as ami:
            stop = asyncio.Event()
            keeping = asyncio.create_task(keep_pbx_queues(ami, sessions, TENANT, stop))
            try:
                # renewal-a2 has the queue's skill: rung first; renewal-a only when it is busy.
                both = {"PJSIP/8003": 1, "PJSIP/8004": 0}
                await until_members(pbx, "renewal-a", both)
                await manager.put(
                    f"/queues/{queue_id}/members", json={"user_ids": [RENEWAL_2.user_id]}
                )
                await manager.patch(f"/queues/{queue_id}", json={"strategy": "round_robin"})
                await until_members(pbx, "renewal-a", {"PJSIP/8004": 0})
                # The PBX restarts without its dynamic members: told again after the login.
                await pbx.play([{"Directive": "restart"}])
                await until_members(pbx, "renewal-a", {"PJSIP/8004": 0})
            finally:
                stop.set()
                await keeping
        assert pbx.logins >= 2


async def until_members(pbx: AmiReplayServer, queue: str, expected: dict[str, int]) -> None:
    async def told() -> bool:
        return pbx.queue_members.get(queue) == expected

    await eventually(told)
    assert pbx.queue_members[queue] == expected
