"""The scheduled recycle sweep (回收): private leads nobody works drop back to their pool."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.contracts import new_event
from crm_common.contracts.events.leads.v1 import LeadRecycleDue, LeadReleased
from crm_common.db import UnitOfWork
from crm_leads.adapters.recycle_sweep import (
    SWEEP_ACTOR,
    all_pools,
    release_due_batch,
    remind_batch,
)
from crm_leads.domain.pool_rules import PoolRules
from crm_leads.domain.recycle import cutoffs

DEFAULT_BATCH = 5_000


async def sweep_recycle(
    sessions: async_sessionmaker[AsyncSession], *, now: datetime, batch: int = DEFAULT_BATCH
) -> int:
    """Releases every due lead of every pool, one batch per transaction (rows and their
    ``LeadReleased`` events commit together); returns how many were released."""
    async with sessions() as session:
        pools = await all_pools(session)
    total = 0
    for pool_id, raw_rules in pools:
        rules = PoolRules.model_validate(raw_rules)
        limits = cutoffs(rules.recycle, now)
        protection = timedelta(days=rules.claim.protection_days)
        while True:
            async with UnitOfWork(sessions) as uow:
                released = await release_due_batch(
                    uow.session, pool_id, limits, protection=protection, now=now, batch=batch
                )
                await uow.publish(
                    *(
                        new_event(
                            LeadReleased(
                                lead_id=r.lead_id,
                                dealer_id=r.owner_org,
                                at=now,
                                pool_id=r.pool_id,
                                previous_owner=r.previous_owner,
                                released_by=SWEEP_ACTOR,
                                rule=r.rule,
                                reason=f"recycled by rule {r.rule}",
                                protected_until=now + protection,
                            ),
                            tenant=r.tenant,
                            owner_org=r.owner_org,
                            actor=SWEEP_ACTOR,
                        )
                        for r in released
                    )
                )
            total += len(released)
            if len(released) < batch:
                break
    return total


async def send_recycle_reminders(
    sessions: async_sessionmaker[AsyncSession], *, now: datetime, batch: int = DEFAULT_BATCH
) -> int:
    """Owners hear ``reminder_days_before`` days ahead that a lead will drop back to the pool
    (``LeadRecycleDue``), once per clock: a follow-up or a new owner re-arms the reminder."""
    async with sessions() as session:
        pools = await all_pools(session)
    total = 0
    for pool_id, raw_rules in pools:
        rules = PoolRules.model_validate(raw_rules).recycle
        if rules.reminder_days_before == 0:
            continue
        ahead = timedelta(days=rules.reminder_days_before)
        while True:
            async with UnitOfWork(sessions) as uow:
                reminded = await remind_batch(
                    uow.session,
                    pool_id,
                    due_soon=cutoffs(rules, now, ahead=ahead),
                    due_now=cutoffs(rules, now),
                    now=now,
                    batch=batch,
                )
                await uow.publish(
                    *(
                        new_event(
                            LeadRecycleDue(
                                lead_id=r.lead_id,
                                dealer_id=r.owner_org,
                                at=now,
                                owner_user=r.owner_user,
                                due_by=now + ahead,
                            ),
                            tenant=r.tenant,
                            owner_org=r.owner_org,
                            actor=SWEEP_ACTOR,
                        )
                        for r in reminded
                    )
                )
            total += len(reminded)
            if len(reminded) < batch:
                break
    return total
