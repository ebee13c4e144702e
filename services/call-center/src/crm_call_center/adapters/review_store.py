"""Storage of quality reviews and comments on recorded calls."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import RowMapping, insert, select
from sqlalchemy.dialects.postgresql import insert as upsert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_call_center.adapters.access import changeable_calls
from crm_call_center.adapters.tables import call_comments, call_reviews, calls
from crm_common.auth import Principal


async def call_for_review(
    session: AsyncSession, principal: Principal, call_id: UUID
) -> RowMapping | None:
    """The call if it is in the reviewer's own book (their write scope: what another org
    shares is never listened to), with what a review needs of it."""
    query = select(
        calls.c.id,
        calls.c.tenant,
        calls.c.owner_org,
        calls.c.source,
        calls.c.agent_user,
        calls.c.recording_file,
    ).where(calls.c.id == call_id, changeable_calls(principal))
    return (await session.execute(query)).mappings().first()


async def add_review(session: AsyncSession, review: dict[str, Any]) -> bool:
    """False when the reviewer has reviewed the call already."""
    result = await session.execute(
        upsert(call_reviews)
        .values(**review)
        .on_conflict_do_nothing(constraint="uq_call_reviews_reviewer")
        .returning(call_reviews.c.id)
    )
    return result.first() is not None


async def add_comment(session: AsyncSession, comment: dict[str, Any]) -> None:
    await session.execute(insert(call_comments).values(**comment))
