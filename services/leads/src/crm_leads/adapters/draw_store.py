"""A just-released lead's lottery: who entered, and the leads whose draw is over."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_leads.adapters.lead_store import lead_from_row
from crm_leads.adapters.tables import draw_entries, leads
from crm_leads.domain.lead import Lead, Worker


async def enter_draw(session: AsyncSession, lead_id: UUID, worker: Worker, now: datetime) -> None:
    await session.execute(
        pg_insert(draw_entries)
        .values(lead_id=lead_id, user_id=worker.user_id, org_node=worker.org_node, entered_at=now)
        .on_conflict_do_nothing()
    )


async def draws_closed(
    session: AsyncSession, *, now: datetime, batch: int
) -> list[tuple[Lead, list[Worker]]]:
    """Leads whose draw is over, locked, with their entrants (whose entries are removed)."""
    rows = (
        (
            await session.execute(
                select(leads)
                .where(leads.c.draw_until <= now)
                .order_by(leads.c.draw_until)
                .limit(batch)
                .with_for_update(skip_locked=True)
            )
        )
        .mappings()
        .all()
    )
    found = []
    for row in rows:
        entries = await session.execute(
            delete(draw_entries)
            .where(draw_entries.c.lead_id == row["id"])
            .returning(draw_entries.c.user_id, draw_entries.c.org_node)
        )
        found.append((lead_from_row(row), [Worker(u, n) for u, n in entries]))
    return found


async def clear_draw_entries(session: AsyncSession, lead_id: UUID) -> None:
    await session.execute(delete(draw_entries).where(draw_entries.c.lead_id == lead_id))
