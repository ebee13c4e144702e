"""Read side of parts claims: a ticket's claims for those who see the ticket, and the claims
naming a parts maker for that maker (the ticket's number, VIN and subject; no customer)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_service_desk.adapters import parts_claim_store


async def claims_of_ticket(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    ticket_id: UUID,
    *,
    limit: int,
    offset: int,
) -> list[dict[str, Any]] | None:
    async with sessions() as session:
        return await parts_claim_store.claims_of_ticket(
            session, principal, ticket_id, limit=limit, offset=offset
        )


async def claims_of_maker(
    sessions: async_sessionmaker[AsyncSession],
    maker: Principal,
    *,
    status: str | None,
    limit: int,
    offset: int,
) -> list[dict[str, Any]]:
    async with sessions() as session:
        return await parts_claim_store.claims_of_maker(
            session, maker, status=status, limit=limit, offset=offset
        )
