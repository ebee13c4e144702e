"""Read side of the call center: scoped by the shared policy, never by hand."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from sqlalchemy import RowMapping, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters.access import call_level, visible_calls
from crm_call_center.adapters.tables import calls
from crm_common.auth import Principal

Sessions = async_sessionmaker[AsyncSession]


async def call_for(sessions: Sessions, principal: Principal, call_id: UUID) -> RowMapping | None:
    query = select(calls, call_level(principal).label("shared_level")).where(
        calls.c.id == call_id, visible_calls(principal)
    )
    async with sessions() as session:
        return (await session.execute(query)).mappings().first()


async def calls_of(
    sessions: Sessions,
    principal: Principal,
    *,
    agent_user: str | None,
    queue_id: UUID | None,
    direction: str | None,
    connected: bool | None,
    started_from: datetime | None,
    started_before: datetime | None,
    limit: int,
) -> Sequence[RowMapping]:
    """The calls the caller may see, newest first (page with ``started_before``)."""
    query = select(calls, call_level(principal).label("shared_level")).where(
        visible_calls(principal)
    )
    for column, value in (
        (calls.c.agent_user, agent_user),
        (calls.c.queue_id, queue_id),
        (calls.c.direction, direction),
        (calls.c.connected, connected),
    ):
        if value is not None:
            query = query.where(column == value)
    if started_from is not None:
        query = query.where(calls.c.started_at >= started_from)
    if started_before is not None:
        query = query.where(calls.c.started_at < started_before)
    query = query.order_by(calls.c.started_at.desc(), calls.c.id).limit(limit)
    async with sessions() as session:
        return (await session.execute(query)).mappings().all()
