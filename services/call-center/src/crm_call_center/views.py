"""Read side of the call center: scoped by the shared policy, never by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import RowMapping, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters.access import call_level, visible_calls
from crm_call_center.adapters.tables import calls
from crm_common.auth import Principal
from crm_common.policy import SharingLevel, mask_phone, personal_data_level

Sessions = async_sessionmaker[AsyncSession]


@dataclass(frozen=True)
class CallView:
    """A call record as one reader may see it: the customer's number masked unless they may
    see it in full (the agent who had the call, the managers of the owning org)."""

    id: UUID
    owner_org: str
    direction: str
    customer_phone: str
    queue_id: UUID | None
    agent_user: str | None
    agent_extension: str | None
    extensions: list[str]
    started_at: datetime
    ring_at: datetime | None
    answered_at: datetime | None
    ended_at: datetime | None
    wait_seconds: int
    talk_seconds: int
    hold_seconds: int
    wrap_seconds: int | None
    connected: bool
    abandoned: bool
    callback_requested: bool
    system_disposition: str | None
    disposition: str | None
    notes: str | None
    has_recording: bool
    transfers: list[dict[str, Any]]
    customer_id: UUID | None
    lead_id: UUID | None
    opportunity_id: UUID | None
    ticket_id: UUID | None
    task_id: UUID | None
    personal_data_level: SharingLevel


def _seen_by(principal: Principal, row: RowMapping) -> CallView:
    level = personal_data_level(
        principal,
        owner_user=row["agent_user"],
        owner_org=row["owner_org"],
        shared=SharingLevel(row["shared_level"]),
    )
    fields = {name: row[name] for name in CallView.__dataclass_fields__ if name in row}
    phone = row["customer_phone"]
    return CallView(
        **{
            **fields,
            "customer_phone": phone if level >= SharingLevel.FULL else mask_phone(phone),
            "has_recording": row["recording_file"] is not None,
            "personal_data_level": level,
        }
    )


async def call_for(sessions: Sessions, principal: Principal, call_id: UUID) -> CallView | None:
    query = select(calls, call_level(principal).label("shared_level")).where(
        calls.c.id == call_id, visible_calls(principal)
    )
    async with sessions() as session:
        row = (await session.execute(query)).mappings().first()
    return None if row is None else _seen_by(principal, row)


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
) -> list[CallView]:
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
        rows = (await session.execute(query)).mappings().all()
    return [_seen_by(principal, row) for row in rows]
