"""Storage of queues, their members (agents listing them) and the rule-pushed tasks waiting
for a queue that takes them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import (
    ColumnElement,
    RowMapping,
    and_,
    any_,
    case,
    delete,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_call_center.adapters.tables import agents, call_tasks, queues, waiting_call_tasks
from crm_call_center.domain.distribution import TASK_SKILLS, Member, Strategy
from crm_call_center.domain.tasks import TaskKind, TaskStatus
from crm_common.auth import Principal
from crm_common.policy import changeable_by


def changeable_queues(principal: Principal) -> ColumnElement[bool]:
    """The queues a manager may change: those of the org nodes their write scope reaches."""
    return changeable_by(principal, tenant=queues.c.tenant, owner_org=queues.c.owner_org)


async def add_queue(session: AsyncSession, values: dict[str, Any]) -> bool:
    """False when the tenant has a queue of that PBX name already."""
    result = await session.execute(
        insert(queues)
        .values(**values)
        .on_conflict_do_nothing(constraint="uq_queues_pbx_queue")
        .returning(queues.c.id)
    )
    return result.first() is not None


async def queue_for_change(
    session: AsyncSession, principal: Principal, queue_id: UUID
) -> RowMapping | None:
    query = (
        select(queues)
        .where(queues.c.id == queue_id, changeable_queues(principal))
        .with_for_update()
    )
    return (await session.execute(query)).mappings().first()


async def update_queue(session: AsyncSession, queue_id: UUID, **values: Any) -> None:
    await session.execute(update(queues).where(queues.c.id == queue_id).values(**values))


async def queue_in(
    session: AsyncSession, principal: Principal, queue_id: UUID | None
) -> RowMapping | None:
    """A queue the principal may change, or None (also for no id)."""
    if queue_id is None:
        return None
    query = select(queues.c.id, queues.c.owner_org).where(
        queues.c.id == queue_id, changeable_queues(principal)
    )
    return (await session.execute(query)).mappings().first()


async def set_members(
    session: AsyncSession, tenant: str, queue_id: UUID, owner_org: str, user_ids: Iterable[str]
) -> dict[str, int]:
    """Makes exactly these agents (of the queue's own org node) its members; returns the ones
    found (an id not among them is no agent of that node) with how many queues each is in."""
    wanted = sorted(set(user_ids))
    joined = await session.execute(
        update(agents)
        .where(
            agents.c.tenant == tenant,
            agents.c.owner_org == owner_org,
            agents.c.user_id.in_(wanted),
        )
        .values(
            queue_ids=func.array_append(func.array_remove(agents.c.queue_ids, queue_id), queue_id)
        )
        .returning(agents.c.user_id, func.cardinality(agents.c.queue_ids))
    )
    found: dict[str, int] = {user: queues for user, queues in joined.all()}
    await session.execute(
        update(agents)
        .where(
            agents.c.tenant == tenant,
            any_(agents.c.queue_ids) == queue_id,
            agents.c.user_id.not_in(wanted),
        )
        .values(queue_ids=func.array_remove(agents.c.queue_ids, queue_id))
    )
    return found


async def queue_taking(
    session: AsyncSession, tenant: str, owner_org: str, kind: TaskKind
) -> RowMapping | None:
    """The queue of the org node that distributes tasks of this kind (the oldest, if several
    do), locked: its round-robin cursor moves with the deal."""
    query = (
        select(queues)
        .where(
            queues.c.tenant == tenant,
            queues.c.owner_org == owner_org,
            any_(queues.c.task_kinds) == kind.value,
        )
        .order_by(queues.c.created_at, queues.c.id)
        .limit(1)
        .with_for_update()
    )
    return (await session.execute(query)).mappings().first()


async def members(session: AsyncSession, tenant: str, queue_id: UUID) -> list[Member]:
    """The active agents of the queue with their skills and how many open tasks they have."""
    open_tasks = (
        select(func.count())
        .where(
            call_tasks.c.tenant == tenant,
            call_tasks.c.assignee == agents.c.user_id,
            call_tasks.c.status.in_([TaskStatus.OPEN.value, TaskStatus.CANCEL_REQUESTED.value]),
        )
        .scalar_subquery()
    )
    rows = await session.execute(
        select(agents.c.user_id, agents.c.skills, open_tasks.label("open_tasks")).where(
            agents.c.tenant == tenant, agents.c.active, any_(agents.c.queue_ids) == queue_id
        )
    )
    return [Member(r.user_id, frozenset(r.skills), r.open_tasks) for r in rows]


async def add_waiting(session: AsyncSession, rows: Sequence[dict[str, Any]]) -> int:
    if not rows:
        return 0
    result = await session.execute(
        insert(waiting_call_tasks)
        .on_conflict_do_nothing(constraint="uq_waiting_call_tasks_source")
        .returning(waiting_call_tasks.c.id),
        list(rows),
    )
    return len(result.all())


async def waiting_to_deal(session: AsyncSession, limit: int) -> list[RowMapping]:
    """Waiting tasks whose org node now has a queue listing their kind and an active member
    in it able to take them (by skill: with the kind's skill), oldest due first, locked
    (another sweep skips them). Tasks nobody can take yet are not selected, so they never
    fill the batch ahead of those somebody can."""
    w = waiting_call_tasks
    skill_needed = case({k.value: skill for k, skill in TASK_SKILLS.items()}, value=w.c.kind)
    able_queue = (
        select(queues.c.id)
        .join(
            agents,
            and_(agents.c.tenant == queues.c.tenant, any_(agents.c.queue_ids) == queues.c.id),
        )
        .where(
            queues.c.tenant == w.c.tenant,
            queues.c.owner_org == w.c.owner_org,
            any_(queues.c.task_kinds) == w.c.kind,
            agents.c.active,
            or_(
                queues.c.strategy != Strategy.SKILL.value,
                any_(agents.c.skills) == skill_needed,
            ),
        )
        .exists()
    )
    query = (
        select(w)
        .where(able_queue)
        .order_by(w.c.due_at, w.c.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list((await session.execute(query)).mappings())


async def remove_waiting(session: AsyncSession, ids: Sequence[UUID]) -> None:
    if ids:
        await session.execute(delete(waiting_call_tasks).where(waiting_call_tasks.c.id.in_(ids)))


async def queue_by_pbx_name(
    session: AsyncSession, tenant: str, pbx_queue: str
) -> RowMapping | None:
    """The queue the PBX knows by that name, locked (its caller cursor moves with the route)."""
    query = (
        select(queues)
        .where(queues.c.tenant == tenant, queues.c.pbx_queue == pbx_queue)
        .with_for_update()
    )
    return (await session.execute(query)).mappings().first()


async def pbx_name_of(session: AsyncSession, queue_id: UUID) -> str | None:
    name: str | None = await session.scalar(
        select(queues.c.pbx_queue).where(queues.c.id == queue_id)
    )
    return name


@dataclass(frozen=True, slots=True)
class PbxQueue:
    id: UUID
    pbx_queue: str
    strategy: str
    skills: frozenset[str]
    told: dict[str, int]
    members: list[tuple[str, str, frozenset[str]]]
    """(user id, extension, skills) of each active member."""


async def queues_for_pbx(session: AsyncSession, tenant: str) -> list[PbxQueue]:
    """Every queue of the tenant with its active members, for the PBX's copy."""
    rows = (
        await session.execute(
            select(
                queues.c.id,
                queues.c.pbx_queue,
                queues.c.strategy,
                queues.c.skills,
                queues.c.pbx_members,
            )
            .where(queues.c.tenant == tenant)
            .order_by(queues.c.pbx_queue)
        )
    ).all()
    people = (
        await session.execute(
            select(agents.c.user_id, agents.c.extension, agents.c.skills, agents.c.queue_ids).where(
                agents.c.tenant == tenant, agents.c.active
            )
        )
    ).all()
    return [
        PbxQueue(
            id=r.id,
            pbx_queue=r.pbx_queue,
            strategy=r.strategy,
            skills=frozenset(r.skills),
            told=dict(r.pbx_members),
            members=[
                (p.user_id, p.extension, frozenset(p.skills)) for p in people if r.id in p.queue_ids
            ],
        )
        for r in rows
    ]


async def told_pbx(session: AsyncSession, queue_id: UUID, members: dict[str, int]) -> None:
    await session.execute(update(queues).where(queues.c.id == queue_id).values(pbx_members=members))
