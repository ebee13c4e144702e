"""Screen pop: when an agent's phone rings, who is calling — asked of leads' customer
directory with the agent's own token (scoped and masked by leads' policy: the brand hotline
learns only who owns a dealer's customer and the lead's status) and pushed to the agent."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters import call_store, presence_store, ringing_channel
from crm_call_center.adapters.customer_directory import CustomerDirectory, DirectoryRefused
from crm_call_center.domain.cti import Ringing
from crm_common.auth import Principal
from crm_common.clock import utc_now
from crm_common.db import UnitOfWork


@dataclass(frozen=True)
class ScreenPop:
    call_id: UUID
    direction: str
    rang_at: datetime
    pushed_at: datetime
    known: bool
    """False: an unknown caller — one call creates a lead (leads' POST /leads) or a ticket."""
    customer_phone: str
    customer_id: UUID | None
    lead_id: UUID | None
    customer_name: str
    owner_org: str
    owner_user: str
    owner_name: str
    """Who works the caller by name: as the call center knows its agents and the dealers'
    consultants who take calls (the names a transfer offers), else as leads knows whoever
    works the lead (an owner who takes no calls); empty while nobody works it. A staff
    member's name, never more of the customer than leads lets the agent see."""
    status: str
    grade: str
    routing_only: bool
    """The caller is a customer of a dealer that shares only figures: who works them and the
    lead's status, to put the call through — nothing else."""
    directory_unavailable: bool
    """Leads' directory did not answer in time: who calls is not known (they may well be a
    customer), so the console offers no new lead for them."""


class TokenRefused(Exception):
    """Leads no longer accepts the agent's token: the stream ends, the console reconnects."""


def _uuid(value: str) -> UUID | None:
    return UUID(value) if value else None


@asynccontextmanager
async def screen_pops(
    redis: Redis,
    sessions: async_sessionmaker[AsyncSession],
    directory: CustomerDirectory,
    agent: Principal,
) -> AsyncIterator[AsyncIterator[ScreenPop | None]]:
    """Listening to the agent's phone once entered (the subscription confirmed, so no call
    ringing from then on is missed, and the directory connected): pops for every call ringing
    it, None now and then when nothing rang (a heartbeat). A caller leads knows links the call
    to its lead and customer."""
    try:
        async with ringing_channel.listening(redis, agent.tenant, agent.user_id) as ringing:
            await directory.connect()
            yield _pops(ringing, sessions, directory, agent.tenant)
    finally:
        await directory.close()


async def _pops(
    ringing_calls: AsyncIterator[Ringing],
    sessions: async_sessionmaker[AsyncSession],
    directory: CustomerDirectory,
    tenant: str,
) -> AsyncIterator[ScreenPop | None]:
    async for ringing in ringing_calls:
        if ringing is ringing_channel.HEARTBEAT:
            yield None
            continue
        try:
            caller = await directory.lookup(ringing.customer_phone)
        except DirectoryRefused as refused:
            raise TokenRefused(str(refused)) from None
        lead_id, customer_id = _uuid(caller.lead_id), _uuid(caller.customer_id)
        owner_name = None
        if lead_id is not None or caller.owner_user:
            async with UnitOfWork(sessions) as uow:
                if lead_id is not None:
                    await call_store.link_call(
                        uow.session,
                        ringing.call_id,
                        lead_id,
                        customer_id,
                        popped_for=ringing.agent_user,
                    )
                if caller.owner_user:
                    owner_name = await presence_store.agent_name(
                        uow.session, tenant, caller.owner_user
                    )
        yield ScreenPop(
            call_id=ringing.call_id,
            direction=ringing.direction,
            rang_at=ringing.at,
            pushed_at=utc_now(),
            known=caller.found,
            customer_phone=caller.phone or ringing.customer_phone,
            customer_id=customer_id,
            lead_id=lead_id,
            customer_name=caller.customer_name,
            owner_org=caller.owner_org,
            owner_user=caller.owner_user,
            owner_name=owner_name or caller.owner_name,
            status=caller.status,
            grade=caller.grade,
            routing_only=caller.found and lead_id is None,
            directory_unavailable=not caller.looked_up,
        )
