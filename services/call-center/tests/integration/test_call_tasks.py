"""Call tasks on real PostgreSQL with the API in process and the AMI server on loopback:
click-to-dial from a task, the resulting call's wrap-up clears it; an unreachable customer's
task cancelled, rejected → due today → escalated; a lead's grade pushes its callback."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import pytest
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters import task_store
from crm_call_center.adapters.tables import call_tasks
from crm_call_center.application.tasks import escalate_overdue
from crm_call_center.bootstrap import create_api
from crm_call_center.domain.cti import call_id_of
from crm_call_center.domain.tasks import CallTask, TaskKind
from crm_call_center.entrypoints.consumers import push_due_callback, push_grade_callback
from crm_common.contracts.envelope import new_event
from crm_common.contracts.events.leads.v1 import LeadCallbackDue, LeadGraded
from crm_common.db import UnitOfWork
from crm_common.db.tables import outbox
from crm_common.testing.ami_server import AmiReplayServer
from crm_common.testing.infrastructure import Infrastructure
from crm_common.testing.services import AsUser, api_in_process

from ..transcripts import TASK_ID, transcript
from .conftest import PEOPLE, TENANT, call_center_settings
from .test_ami_adapter import BASE, connected, until_ended

pytestmark = pytest.mark.integration


@pytest.fixture
async def ami() -> AsyncIterator[AmiReplayServer]:
    async with AmiReplayServer() as server:
        yield server


@pytest.fixture
async def api_with_pbx(
    infrastructure: Infrastructure,
    call_center_database: str,
    jwks_url: str,
    ami: AmiReplayServer,
    sessions: async_sessionmaker[AsyncSession],
) -> AsyncIterator[FastAPI]:
    settings = call_center_settings(
        call_center_database,
        redis_url=infrastructure.redis_url,
        jwks_url=jwks_url,
        cti_ami_host="127.0.0.1",
        cti_ami_port=ami.port,
        cti_ami_secret=ami.secret,
    )
    async with api_in_process(create_api, settings) as app:
        yield app


@pytest.fixture
def as_user(api_with_pbx: FastAPI, signing_key_pem: str) -> AsUser:
    return AsUser(api_with_pbx, signing_key_pem)


async def renewal_task(sessions: async_sessionmaker[AsyncSession], task_id: UUID) -> None:
    task = CallTask(
        id=task_id,
        tenant=TENANT,
        owner_org="dealer-a",
        kind=TaskKind.POLICY_RENEWAL,
        assignee=PEOPLE.renewal.user_id,
        due_at=datetime.now(UTC) + timedelta(days=3),
        customer_name="刘洋",
        phone="13300133000",
    )
    async with UnitOfWork(sessions) as uow:
        await task_store.add_tasks(uow.session, [(task, None)])


async def test_a_task_dialled_and_connected_is_cleared_by_the_wrap_up(
    as_user: AsUser,
    ami: AmiReplayServer,
    sessions: async_sessionmaker[AsyncSession],
    call_center_database: str,
) -> None:
    task_id = UUID(TASK_ID)
    await renewal_task(sessions, task_id)
    async with as_user(PEOPLE.renewal) as renewal, as_user(PEOPLE.agent1) as stranger:
        not_theirs = await stranger.post(f"/call-tasks/{task_id}/dial", json={})
        dialled = await renewal.post(f"/call-tasks/{task_id}/dial", json={})
        assert (not_theirs.status_code, dialled.status_code) == (404, 202)
        (originate,) = ami.originated
        assert (originate["Channel"], originate["Exten"]) == ("PJSIP/8003", "13300133000")
        assert originate["Variable"] == f"CRM_TASK_ID={TASK_ID}"
        # The PBX makes the call; its events carry the task's variable.
        async with connected(ami, sessions, call_center_database):
            await ami.play(transcript("outbound_answered_from_task"), base_time=BASE)
            call = await until_ended(sessions, "1733481000.61")
        assert call["task_id"] == task_id
        call_id = call_id_of(TENANT, "pbx", "1733481000.61")
        wrapped = await renewal.post(
            f"/calls/{call_id}/disposition",
            json={"disposition": "renewed", "notes": "Renews with the same cover"},
        )
        assert wrapped.status_code == 204
        cleared = (await renewal.get(f"/call-tasks/{task_id}")).json()
    assert (cleared["status"], cleared["cleared_by_call"]) == ("cleared", str(call_id))
    assert cleared["script"].startswith("Greet the customer")
    async with sessions() as session:
        types = set((await session.execute(select(outbox.c.event_type))).scalars())
    assert "call_center.CallTaskCleared" in types


async def test_an_unreachable_customers_task_cancelled_rejected_is_due_today_and_escalates(
    as_user: AsUser, sessions: async_sessionmaker[AsyncSession]
) -> None:
    task_id = uuid4()
    await renewal_task(sessions, task_id)
    reason = {"reason": "no answer three times"}
    async with as_user(PEOPLE.renewal) as renewal, as_user(PEOPLE.dealer_manager) as manager:
        seen_by_manager = await manager.get("/call-tasks")
        asked = await renewal.post(f"/call-tasks/{task_id}/cancellation", json=reason)
        asked_again = await renewal.post(f"/call-tasks/{task_id}/cancellation", json=reason)
        async with as_user(PEOPLE.other_dealer_manager) as outsider:
            foreign = await outsider.post(
                f"/call-tasks/{task_id}/cancellation/decision", json={"approved": True}
            )
        rejected = await manager.post(
            f"/call-tasks/{task_id}/cancellation/decision", json={"approved": False}
        )
    assert [t["id"] for t in seen_by_manager.json()] == [str(task_id)]
    assert seen_by_manager.json()[0]["phone"] == "13300133000"  # the dealer's manager: in full
    assert (asked.status_code, asked_again.status_code, foreign.status_code) == (200, 409, 404)
    assert rejected.status_code == 200
    task = rejected.json()
    assert (task["status"], task["rejected"]) == ("open", True)
    due = datetime.fromisoformat(task["due_at"])
    assert due - datetime.now(UTC) <= timedelta(days=1)
    assert await escalate_overdue(sessions, now=due - timedelta(seconds=1)) == 0
    assert await escalate_overdue(sessions, now=due) == 1
    assert await escalate_overdue(sessions, now=due + timedelta(hours=1)) == 0


async def test_a_task_without_a_pbx_cannot_be_dialled(
    call_center_api: FastAPI, signing_key_pem: str, sessions: async_sessionmaker[AsyncSession]
) -> None:
    task_id = uuid4()
    await renewal_task(sessions, task_id)
    async with AsUser(call_center_api, signing_key_pem)(PEOPLE.renewal) as renewal:
        response = await renewal.post(f"/call-tasks/{task_id}/dial", json={})
    assert response.status_code == 503


async def test_a_leads_grade_pushes_its_owners_callback_once_replacing_the_last(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    lead_id, now = uuid4(), datetime.now(UTC)

    def graded(due: datetime) -> LeadGraded:
        return LeadGraded(
            lead_id=lead_id,
            dealer_id="dealer-a",
            at=now,
            owner_user="c1",
            previous_grade=None,
            grade="intent",
            upgrade=True,
            next_follow_up_due=due,
        )

    first, second = graded(now + timedelta(days=3)), graded(now + timedelta(days=7))
    for data in (first, first, second):
        async with UnitOfWork(sessions) as uow:
            await push_grade_callback(
                uow, new_event(data, tenant=TENANT, owner_org="dealer-a", actor="c1")
            )
    async with sessions() as session:
        rows = (
            await session.execute(
                select(call_tasks.c.status, call_tasks.c.due_at).order_by(call_tasks.c.due_at)
            )
        ).all()
    assert [(r.status, r.due_at) for r in rows] == [
        ("cancelled", first.next_follow_up_due),
        ("open", second.next_follow_up_due),
    ]
    async with sessions() as session:
        created = await session.scalar(
            select(func.count()).where(outbox.c.event_type == "call_center.CallTaskCreated")
        )
    assert created == 2


async def test_a_callback_falling_due_has_its_task_once(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """Graded: the task exists already, the due callback adds none. A follow-up that kept the
    grade moved the due time without a LeadGraded: the due callback makes its task (and
    replaces the one of the older due time), once however often it is delivered."""
    lead_id, now = uuid4(), datetime.now(UTC)
    graded_due, kept_due = now + timedelta(days=7), now + timedelta(days=14)
    grading = LeadGraded(
        lead_id=lead_id,
        dealer_id="dealer-a",
        at=now,
        owner_user="c1",
        previous_grade=None,
        grade="ready_to_buy",
        upgrade=True,
        next_follow_up_due=graded_due,
    )
    async with UnitOfWork(sessions) as uow:
        await push_grade_callback(
            uow, new_event(grading, tenant=TENANT, owner_org="dealer-a", actor="c1")
        )

    def due(at: datetime) -> LeadCallbackDue:
        return LeadCallbackDue(
            lead_id=lead_id,
            dealer_id="dealer-a",
            at=at,
            owner_user="c1",
            grade="ready_to_buy",
            due_at=at,
        )

    for data in (due(graded_due), due(kept_due), due(kept_due)):
        async with UnitOfWork(sessions) as uow:
            await push_due_callback(
                uow, new_event(data, tenant=TENANT, owner_org="dealer-a", actor="recycle-sweep")
            )
    async with sessions() as session:
        rows = (
            await session.execute(
                select(call_tasks.c.status, call_tasks.c.due_at, call_tasks.c.assignee)
                .where(call_tasks.c.lead_id == lead_id)
                .order_by(call_tasks.c.due_at)
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        ("cancelled", graded_due, "c1"),
        ("open", kept_due, "c1"),
    ]
