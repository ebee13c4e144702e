"""Storage of call tasks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_call_center.adapters.tables import agents, call_tasks
from crm_call_center.domain.tasks import CallTask, TaskKind, TaskStatus
from crm_common.auth import Principal
from crm_common.policy import DataType, changeable_by, visible_to

_COLUMNS = [f.name for f in fields(CallTask)]


def visible_tasks(principal: Principal) -> ColumnElement[bool]:
    """Assignees see their own tasks; managers the tasks of the org nodes their scope reaches."""
    return visible_to(
        principal,
        DataType.CALL,
        tenant=call_tasks.c.tenant,
        owner_org=call_tasks.c.owner_org,
        owner_user=call_tasks.c.assignee,
    )


def changeable_tasks(principal: Principal) -> ColumnElement[bool]:
    """The tasks the principal may act on: their own write scope over the task's book."""
    return changeable_by(
        principal,
        tenant=call_tasks.c.tenant,
        owner_org=call_tasks.c.owner_org,
        owner_user=call_tasks.c.assignee,
    )


def _row(task: CallTask) -> dict[str, Any]:
    row = {name: getattr(task, name) for name in _COLUMNS}
    row["kind"] = task.kind.value
    row["status"] = task.status.value
    return row


def task_of(row: Any) -> CallTask:
    values = {name: row[name] for name in _COLUMNS}
    values["kind"] = TaskKind(values["kind"])
    values["status"] = TaskStatus(values["status"])
    return CallTask(**values)


async def add_tasks(
    session: AsyncSession, tasks: Sequence[tuple[CallTask, str | None]]
) -> list[UUID]:
    """Inserts the tasks (each with its source key); a source key pushed before is skipped.
    Returns the ids inserted."""
    if not tasks:
        return []
    result = await session.execute(
        insert(call_tasks)
        .on_conflict_do_nothing(constraint="uq_call_tasks_source")
        .returning(call_tasks.c.id),
        [{**_row(task), "source_key": key} for task, key in tasks],
    )
    return list(result.scalars())


async def task_for_change(
    session: AsyncSession, task_id: UUID, allowed: ColumnElement[bool]
) -> CallTask | None:
    query = select(call_tasks).where(call_tasks.c.id == task_id, allowed).with_for_update()
    row = (await session.execute(query)).mappings().first()
    return None if row is None else task_of(row)


async def task_of_call(session: AsyncSession, tenant: str, task_id: UUID) -> CallTask | None:
    """The task a call was dialled from, locked (the call's agent is checked by the rule)."""
    query = (
        select(call_tasks)
        .where(call_tasks.c.tenant == tenant, call_tasks.c.id == task_id)
        .with_for_update()
    )
    row = (await session.execute(query)).mappings().first()
    return None if row is None else task_of(row)


async def save_task(session: AsyncSession, task: CallTask) -> None:
    values = _row(task)
    del values["id"]
    await session.execute(update(call_tasks).where(call_tasks.c.id == task.id).values(**values))


async def open_tasks_of(
    session: AsyncSession, tenant: str, book: str, assignee: str
) -> list[CallTask]:
    """The assignee's tasks of a book still to be called (or waiting for a cancellation's
    decision), locked, oldest first."""
    query = (
        select(call_tasks)
        .where(
            call_tasks.c.tenant == tenant,
            call_tasks.c.owner_org == book,
            call_tasks.c.assignee == assignee,
            call_tasks.c.status.in_([TaskStatus.OPEN.value, TaskStatus.CANCEL_REQUESTED.value]),
        )
        .order_by(call_tasks.c.due_at, call_tasks.c.id)
        .with_for_update()
    )
    return [task_of(row) for row in (await session.execute(query)).mappings()]


async def supersede_callbacks(
    session: AsyncSession, tenant: str, lead_id: UUID, due_at: datetime, now: datetime
) -> int:
    """Open callback tasks of a lead that a new grade's cadence (another due time) replaces."""
    result = await session.execute(
        update(call_tasks)
        .returning(call_tasks.c.id)
        .where(
            call_tasks.c.tenant == tenant,
            call_tasks.c.lead_id == lead_id,
            call_tasks.c.kind == TaskKind.LEAD_CALLBACK.value,
            call_tasks.c.status == TaskStatus.OPEN.value,
            call_tasks.c.rejected.is_(False),
            call_tasks.c.due_at != due_at,
        )
        .values(
            status=TaskStatus.CANCELLED.value,
            cancel_reason="superseded by the lead's new grade",
            cleared_at=now,
        )
    )
    return len(result.all())


async def tasks_to_escalate(session: AsyncSession, now: datetime, limit: int) -> list[CallTask]:
    query = (
        select(call_tasks)
        .where(
            call_tasks.c.status == TaskStatus.OPEN.value,
            call_tasks.c.rejected,
            call_tasks.c.escalated_at.is_(None),
            call_tasks.c.due_at <= now,
        )
        .order_by(call_tasks.c.due_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return [task_of(row) for row in (await session.execute(query)).mappings()]


async def extension_of(session: AsyncSession, tenant: str, user_id: str) -> str | None:
    extension: str | None = await session.scalar(
        select(agents.c.extension).where(
            agents.c.tenant == tenant, agents.c.user_id == user_id, agents.c.active
        )
    )
    return extension


async def agent_in(
    session: AsyncSession, principal: Principal, user_id: str
) -> tuple[str, str] | None:
    """(user, org) of an agent the principal's scope reaches: who a manager may push to."""
    row = (
        await session.execute(
            select(agents.c.user_id, agents.c.owner_org).where(
                agents.c.user_id == user_id,
                agents.c.active,
                changeable_by(principal, tenant=agents.c.tenant, owner_org=agents.c.owner_org),
            )
        )
    ).first()
    return None if row is None else (row.user_id, row.owner_org)
