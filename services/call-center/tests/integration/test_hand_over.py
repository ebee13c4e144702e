"""A leaver's hand-over as leads announces it, on real PostgreSQL: their open call tasks of
the book (a cancellation awaiting its decision too) go to the successor of their lead, the
final part moves the rest, each announced by ``CallTaskHandedOver``; a cleared task, another
book's and a colleague's stay."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters import task_store
from crm_call_center.adapters.tables import call_tasks
from crm_call_center.application.tasks import callback_for_grade, hand_over_tasks
from crm_call_center.domain.tasks import CallTask, TaskKind, TaskStatus
from crm_call_center.entrypoints.consumers import push_grade_callback
from crm_common.contracts.envelope import new_event
from crm_common.contracts.events.leads.v1 import ConsultantHandedOver, Successor
from crm_common.contracts.events.leads.v2 import LeadGradedV2
from crm_common.db import UnitOfWork
from crm_common.db.tables import outbox

from .conftest import TENANT

NOW = datetime(2026, 11, 3, 2, 0, tzinfo=UTC)
Sessions = async_sessionmaker[AsyncSession]


def handed_over(final: bool, leads: dict[UUID, str]) -> Any:
    return new_event(
        ConsultantHandedOver(
            hand_over_id=UUID(int=7),
            dealer_id="dealer-a",
            consultant="leaver",
            successors=[Successor(user_id=u, org_node="dealer-a") for u in ("s1", "s2")],
            strategy="round_robin",
            reason="hand_over",
            leads=leads,
            customers={},
            part=0 if not final else 1,
            final=final,
            at=NOW,
        ),
        tenant=TENANT,
        owner_org="dealer-a",
        actor="m-a",
    )


async def callback(sessions: Sessions, lead: UUID, assignee: str, dealer: str = "dealer-a") -> None:
    async with UnitOfWork(sessions) as uow:
        await callback_for_grade(
            uow,
            tenant=TENANT,
            dealer_id=dealer,
            lead_id=lead,
            owner_user=assignee,
            due_at=NOW + timedelta(days=7),
            graded_at=NOW - timedelta(hours=1),
            now=NOW,
        )


async def test_the_leaver_s_open_tasks_go_to_the_successors(sessions: Sessions) -> None:
    named, converted, elsewhere, colleague_s = uuid4(), uuid4(), uuid4(), uuid4()
    await callback(sessions, named, "leaver")
    await callback(sessions, converted, "leaver")
    await callback(sessions, elsewhere, "leaver", dealer="dealer-b")
    await callback(sessions, colleague_s, "colleague")
    unreachable, done = uuid4(), uuid4()
    async with UnitOfWork(sessions) as uow:
        for task_id, status in (
            (unreachable, TaskStatus.CANCEL_REQUESTED),
            (done, TaskStatus.CLEARED),
        ):
            task = CallTask(
                id=task_id,
                tenant=TENANT,
                owner_org="dealer-a",
                kind=TaskKind.WIN_BACK,
                assignee="leaver",
                due_at=NOW,
                customer_name="韩雪",
                phone="13300133001",
                status=status,
            )
            await task_store.add_tasks(uow.session, [(task, None)])

    async with UnitOfWork(sessions) as uow:
        assert await hand_over_tasks(uow, handed_over(False, {named: "s2"})) == 1
    async with UnitOfWork(sessions) as uow:
        assert await hand_over_tasks(uow, handed_over(True, {})) == 2
    async with UnitOfWork(sessions) as uow:
        assert await hand_over_tasks(uow, handed_over(True, {})) == 0, "nothing left to move"

    async with sessions() as session:
        rows = (await session.execute(select(call_tasks))).mappings().all()
    by_lead = {r["lead_id"]: r["assignee"] for r in rows if r["lead_id"] is not None}
    by_id = {r["id"]: r["assignee"] for r in rows}
    assert by_lead[named] == "s2", "the successor leads named for the lead"
    assert by_lead[converted] in ("s1", "s2")
    assert by_lead[elsewhere] == "leaver", "another book's task is not this hand-over's"
    assert by_lead[colleague_s] == "colleague"
    assert by_id[unreachable] in ("s1", "s2"), "a cancellation waiting for its decision moves"
    assert by_id[done] == "leaver", "a cleared task keeps who made the call"
    expected = handed_over(True, {}).data.successor_for(
        lead_id=converted, customer_id=None, record_id=uuid4()
    )
    assert by_lead[converted] == expected.user_id, "the same successor as the lead's opportunity"
    async with sessions() as session:
        announced = (
            await session.execute(
                select(outbox.c.payload).where(
                    outbox.c.event_type == "call_center.CallTaskHandedOver"
                )
            )
        ).scalars()
        moves = {
            UUID(p["data"]["task_id"]): (p["data"]["previous_assignee"], p["data"]["assignee"])
            for p in announced
            if UUID(p["data"]["task_id"]) in by_id
        }
    moved = {i: ("leaver", a) for i, a in by_id.items() if a != "leaver" and a != "colleague"}
    assert moves == moved, "each moved task announced once, naming both assignees"


def graded(lead: UUID, at: datetime, owner: str = "leaver") -> Any:
    return new_event(
        LeadGradedV2(
            lead_id=lead,
            dealer_id="dealer-a",
            at=at,
            owner_user=owner,
            previous_grade="intent",
            grade="ready",
            upgrade=True,
            next_follow_up_due=at + timedelta(days=7),
            follow_up_id=uuid4(),
            follow_up_kind="call",
        ),
        tenant=TENANT,
        owner_org="dealer-a",
        actor=owner,
    )


async def test_a_grading_arriving_after_the_hand_over_makes_the_successor_s_callback(
    sessions: Sessions,
) -> None:
    """The leaver graded their leads just before the manager handed them over; the hand-over
    (another topic) reached the call center first. The callbacks are the successors' — the
    new owner of a lead the hand-over named, else the successor it chooses for the lead —,
    not the leaver's; a grading made after the hand-over (a consultant who came back) stays
    theirs."""
    named, unnamed, later = uuid4(), uuid4(), uuid4()
    for part in (handed_over(False, {named: "s2"}), handed_over(True, {})):
        async with UnitOfWork(sessions) as uow:
            await hand_over_tasks(uow, part)
    for event in (
        graded(named, NOW - timedelta(minutes=1)),
        graded(named, NOW - timedelta(minutes=1)),  # redelivered: still one task
        graded(unnamed, NOW - timedelta(minutes=2)),
        graded(later, NOW + timedelta(days=30)),
    ):
        async with UnitOfWork(sessions) as uow:
            await push_grade_callback(uow, event)
    async with sessions() as session:
        rows = (
            await session.execute(
                select(call_tasks.c.lead_id, call_tasks.c.assignee).where(
                    call_tasks.c.lead_id.in_([named, unnamed, later])
                )
            )
        ).all()
    chosen = ["s1", "s2"][unnamed.int % 2]
    assert sorted((str(lead), who) for lead, who in rows) == sorted(
        [(str(named), "s2"), (str(unnamed), chosen), (str(later), "leaver")]
    )
