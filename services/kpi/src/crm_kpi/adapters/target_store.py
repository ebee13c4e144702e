"""Targets as stored: the org nodes they hang on, and their upsert."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.db.tables import org_directory
from crm_kpi.adapters.target_tables import targets
from crm_kpi.domain.targets import OrgNode, Target


async def org_nodes(session: AsyncSession, tenant: str, ids: Sequence[str]) -> dict[str, OrgNode]:
    d = org_directory
    rows = await session.execute(
        select(d.c.id, d.c.path, d.c.dealer_id, d.c.kind).where(
            d.c.tenant == tenant, d.c.id.in_(ids)
        )
    )
    return {r.id: OrgNode(r.id, r.path, r.dealer_id, r.kind) for r in rows}


async def save_targets(
    session: AsyncSession,
    tenant: str,
    items: Sequence[tuple[Target, str | None]],
    *,
    set_by: str,
    now: datetime,
) -> None:
    """Upserts the targets, each with the dealer of its node. A consultant has one leaf per
    dealer: set under a team, it leaves the node it hung under before."""
    t, d = targets, org_directory
    for item, dealer in items:
        if item.user_id is not None:
            await session.execute(
                delete(t).where(
                    t.c.tenant == tenant,
                    t.c.user_id == item.user_id,
                    t.c.month == item.month,
                    t.c.measure == item.measure.value,
                    t.c.product_line == item.product_line,
                    t.c.org_node != item.org_node,
                    t.c.org_node.in_(
                        select(d.c.id).where(d.c.tenant == tenant, d.c.dealer_id == dealer)
                    ),
                )
            )
    statement = insert(t).values(
        [
            {
                "tenant": tenant,
                "org_node": item.org_node,
                "user_id": item.user_id,
                "product_line": item.product_line,
                "month": item.month,
                "measure": item.measure.value,
                "amount": item.amount,
                "set_by": set_by,
                "set_at": now,
            }
            for item, _ in items
        ]
    )
    await session.execute(
        statement.on_conflict_do_update(
            constraint="uq_targets_position",
            set_={
                "amount": statement.excluded.amount,
                "set_by": statement.excluded.set_by,
                "set_at": statement.excluded.set_at,
            },
        )
    )
