"""Blind release (防抢单): a just-released lead goes to one of those who asked for it during the
draw, at random, instead of to the fastest click — no advantage in watching the pool."""

from __future__ import annotations

import random
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.contracts import new_event
from crm_common.contracts.events.leads.v1 import LeadClaimed
from crm_common.db import UnitOfWork
from crm_leads.adapters import draw_store, lead_store
from crm_leads.domain.lead import draw_winner

DRAW_BATCH = 200


async def close_draws(
    sessions: async_sessionmaker[AsyncSession],
    *,
    now: datetime,
    rng: random.Random | None = None,
) -> int:
    """Decides every draw that is over; a draw nobody entered leaves the lead to the first
    click. Returns how many leads went to a winner."""
    chance = rng or random.SystemRandom()
    awarded = 0
    while True:
        async with UnitOfWork(sessions) as uow:
            closed = await draw_store.draws_closed(uow.session, now=now, batch=DRAW_BATCH)
            for lead, entrants in closed:
                previous_owner = lead.previous_owner
                eligible = [e for e in entrants if e.user_id != previous_owner]
                if not eligible:
                    lead.draw_until = None
                    await lead_store.save_lead(uow.session, lead)
                    continue
                winner = draw_winner(eligible, chance)
                lead.award_draw(winner, len(eligible), now)
                await lead_store.save_lead(uow.session, lead)
                await uow.publish(
                    new_event(
                        LeadClaimed(
                            lead_id=lead.id,
                            dealer_id=lead.owner_org,
                            at=now,
                            pool_id=lead.home_pool_id,
                            owner_user=winner.user_id,
                            owner_team=winner.org_node,
                            previous_owner=previous_owner,
                        ),
                        tenant=lead.tenant,
                        owner_org=lead.owner_org,
                        actor="draw",
                    )
                )
                awarded += 1
        if len(closed) < DRAW_BATCH:
            return awarded
