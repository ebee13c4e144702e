"""The statements over credit_splits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_opportunities.adapters.tables import credit_splits
from crm_opportunities.domain.credit_split import Share, SplitStatus


def _shares(raw: list[dict[str, str]]) -> tuple[Share, ...]:
    return tuple(Share(s["user_id"], s["team"], Decimal(s["share_percent"])) for s in raw)


async def split_of(
    session: AsyncSession, opportunity_id: UUID, *, lock: bool = False
) -> tuple[SplitStatus, tuple[Share, ...]] | None:
    query = select(credit_splits.c.status, credit_splits.c.shares).where(
        credit_splits.c.opportunity_id == opportunity_id
    )
    row = (await session.execute(query.with_for_update() if lock else query)).first()
    return None if row is None else (SplitStatus(row.status), _shares(row.shares))


async def propose(
    session: AsyncSession,
    *,
    opportunity_id: UUID,
    tenant: str,
    owner_org: str,
    shares: Sequence[Share],
    by: str,
    at: datetime,
) -> None:
    values = {
        "tenant": tenant,
        "owner_org": owner_org,
        "shares": [
            {"user_id": s.user_id, "team": s.team, "share_percent": str(s.share_percent)}
            for s in shares
        ],
        "status": SplitStatus.PENDING_APPROVAL.value,
        "proposed_by": by,
        "proposed_at": at,
        "decided_by": None,
        "decided_at": None,
        "note": None,
    }
    await session.execute(
        insert(credit_splits)
        .values(opportunity_id=opportunity_id, **values)
        .on_conflict_do_update(index_elements=["opportunity_id"], set_=values)
    )


async def record_decision(
    session: AsyncSession,
    opportunity_id: UUID,
    status: SplitStatus,
    *,
    by: str,
    at: datetime,
    note: str | None,
) -> None:
    await session.execute(
        update(credit_splits)
        .where(credit_splits.c.opportunity_id == opportunity_id)
        .values(status=status.value, decided_by=by, decided_at=at, note=note)
    )
