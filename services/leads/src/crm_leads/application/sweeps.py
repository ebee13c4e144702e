"""The worker's scheduled pass over the pools. Every step is safe with several workers running
it at once (rows are taken with SKIP LOCKED), and each batch commits with its events."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.db import UnitOfWork
from crm_leads.application.distribution import return_unworked_distributions
from crm_leads.application.draws import close_draws
from crm_leads.application.recycle import (
    announce_due_callbacks,
    apply_staging_rules,
    send_recycle_reminders,
    sweep_recycle,
)

RETURN_BATCH = 500


async def sweep_pools(
    sessions: async_sessionmaker[AsyncSession], *, now: datetime
) -> dict[str, int]:
    """Decide closed blind-release draws, send unworked distributions back up, apply the
    three-stage grade rules, recycle due leads, remind owners of leads soon due, announce the
    callbacks falling due."""
    returned = 0
    while True:
        async with UnitOfWork(sessions) as uow:
            batch = await return_unworked_distributions(uow, now=now, batch=RETURN_BATCH)
        returned += batch
        if batch < RETURN_BATCH:
            break
    staged = await apply_staging_rules(sessions, now=now)
    return {
        "drawn": await close_draws(sessions, now=now),
        "returned": returned,
        **staged,
        "released": await sweep_recycle(sessions, now=now),
        "reminded": await send_recycle_reminders(sessions, now=now),
        "callbacks_due": await announce_due_callbacks(sessions, now=now),
    }
