"""Read side of single opportunities: the list, one opportunity with its stage history and
activities. Scoped by the shared policy; the customer's personal data masked below the full
level by the one rule every record of this read side follows (``shown``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar
from uuid import UUID

from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, RowMapping, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.policy import (
    DataType,
    SharingLevel,
    level_shared_with,
    name_seen_at,
    personal_data_level,
    phone_seen_at,
)
from crm_opportunities.adapters.access import visible_opportunities
from crm_opportunities.adapters.tables import activities, opportunities, stage_history

Sessions = async_sessionmaker[AsyncSession]
Shown = TypeVar("Shown", bound=BaseModel)
o = opportunities
MOST_MOVES = 200
"""Stage moves an opportunity shows: its latest; one moved back and forth for years has more."""
MOST_ACTIVITY_KINDS = 100
"""Kinds of activity an opportunity shows (a kind is a word its people choose)."""


class OpportunityPublic(BaseModel):
    id: UUID
    owner_org: str
    owner_user: str
    owner_team: str
    lead_id: UUID | None
    customer_id: UUID | None
    customer_name: str = Field(description="Masked unless the caller may see it in full")
    phone: str | None = Field(description="Masked unless the caller may see it in full")
    vehicle_interest: str | None
    model_code: str | None
    lead_origin: str
    pipeline_id: UUID
    stage: str
    probability: int
    stage_entered_at: datetime
    amount: Decimal
    currency: str
    expected_close_on: date | None
    status: str
    closed_at: datetime | None
    lost_reason: str | None
    competitor: str | None
    competitor_model: str | None
    evaluation_score: int | None = Field(description="Score of the latest evaluation")
    evaluation_max_score: int | None
    created_at: datetime


class StageHistoryEntry(BaseModel):
    from_stage: str | None
    to_stage: str
    changed_by: str
    changed_at: datetime


class OpportunityDetail(OpportunityPublic):
    history: list[StageHistoryEntry] = Field(
        max_length=MOST_MOVES,
        description=f"The latest {MOST_MOVES} stage moves, oldest first",
    )
    history_truncated: bool = Field(description="Older stage moves were left out of history")
    activities: list[str] = Field(
        max_length=MOST_ACTIVITY_KINDS,
        description=f"Kinds of activity recorded, alphabetically, the first {MOST_ACTIVITY_KINDS}",
    )
    activities_truncated: bool = Field(description="More kinds were recorded than activities shows")


@dataclass(frozen=True, slots=True)
class ShownOpportunity:
    opportunity: OpportunityDetail
    """Its personal data masked where the caller's read is masked."""
    level: SharingLevel
    """How much of its personal data the caller sees (what an audit of the read records)."""


def customer_level(principal: Principal) -> ColumnElement[int]:
    """How much of a record's personal data the principal may see (before field permissions),
    selected as ``shared_level`` beside the record for ``shown``."""
    return level_shared_with(principal, DataType.OPPORTUNITY, owner_org=o.c.owner_org)


def shown(
    principal: Principal, row: RowMapping, as_: type[Shown], **computed: Any
) -> tuple[Shown, SharingLevel]:
    """A record (with what is ``computed`` from it) as the caller may see it, and at which
    level: the customer's name and phone (where the record has one) masked below the full
    level."""
    record = {**row, **computed}
    level = personal_data_level(
        principal,
        owner_user=record["owner_user"],
        owner_org=record["owner_org"],
        shared=SharingLevel(record.pop("shared_level")),
    )
    record["customer_name"] = name_seen_at(level, record["customer_name"])
    if "phone" in record:
        record["phone"] = phone_seen_at(level, record["phone"])
    return as_.model_validate(record), level


async def opportunities_of(
    sessions: Sessions,
    principal: Principal,
    *,
    status: str | None,
    stage: str | None,
    owner_user: str | None,
    limit: int,
    offset: int,
) -> list[OpportunityPublic]:
    """Newest first, as far as the caller may see (masked where they may not see in full)."""
    query = (
        select(o, customer_level(principal).label("shared_level"))
        .where(visible_opportunities(principal))
        .order_by(o.c.created_at.desc(), o.c.id)
        .limit(limit)
        .offset(offset)
    )
    for column, value in (("status", status), ("stage", stage), ("owner_user", owner_user)):
        if value is not None:
            query = query.where(o.c[column] == value)
    async with sessions() as session:
        rows = (await session.execute(query)).mappings().all()
    return [shown(principal, row, OpportunityPublic)[0] for row in rows]


async def opportunity_for(
    session: AsyncSession, principal: Principal, opportunity_id: UUID
) -> ShownOpportunity | None:
    """The opportunity with its stage history (who moved it when) and the kinds of activity
    recorded, as the caller may see it; None when they may not see it at all. In the caller's
    transaction, which audits the read."""
    row = (
        (
            await session.execute(
                select(o, customer_level(principal).label("shared_level")).where(
                    o.c.id == opportunity_id, visible_opportunities(principal)
                )
            )
        )
        .mappings()
        .first()
    )
    if row is None:
        return None
    # One more than shown of each: whether any was left out.
    latest = [
        StageHistoryEntry.model_validate(dict(h))
        for h in (
            await session.execute(
                select(
                    stage_history.c.from_stage,
                    stage_history.c.to_stage,
                    stage_history.c.changed_by,
                    stage_history.c.changed_at,
                )
                .where(stage_history.c.opportunity_id == opportunity_id)
                .order_by(stage_history.c.id.desc())
                .limit(MOST_MOVES + 1)
            )
        ).mappings()
    ]
    kinds = list(
        (
            await session.execute(
                select(activities.c.kind)
                .where(activities.c.opportunity_id == opportunity_id)
                .distinct()
                .order_by(activities.c.kind)
                .limit(MOST_ACTIVITY_KINDS + 1)
            )
        ).scalars()
    )
    detail, level = shown(
        principal,
        row,
        OpportunityDetail,
        history=latest[:MOST_MOVES][::-1],
        history_truncated=len(latest) > MOST_MOVES,
        activities=kinds[:MOST_ACTIVITY_KINDS],
        activities_truncated=len(kinds) > MOST_ACTIVITY_KINDS,
    )
    return ShownOpportunity(detail, level)
