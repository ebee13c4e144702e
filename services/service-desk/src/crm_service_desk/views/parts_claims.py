"""Read side of parts claims: a ticket's claims for those who see the ticket, and the claims
naming a parts maker for that maker (the ticket's number, VIN and subject; no customer)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, Field
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_service_desk.adapters import parts_claim_store


class PartsClaimPublic(BaseModel):
    id: UUID
    ticket_id: UUID
    number: str = Field(description="The ticket's number")
    vin: str | None
    subject: str = Field(description="The ticket's subject")
    dealer_id: str
    partner_id: str
    part_number: str
    quantity: int
    description: str
    status: Literal["filed", "accepted", "rejected", "more_information"]
    answer: str | None
    filed_by: str
    filed_at: datetime
    updated_at: datetime


def claim_public(row: Mapping[str, Any]) -> PartsClaimPublic:
    """A stored claim as the dealer and its maker see it (the dealer named ``dealer_id``)."""
    return PartsClaimPublic.model_validate({**row, "dealer_id": row["owner_org"]})


async def claims_of_ticket(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    ticket_id: UUID,
    *,
    limit: int,
    offset: int,
) -> list[PartsClaimPublic] | None:
    """A page of the ticket's claims; None when the ticket is not visible."""
    async with sessions() as session:
        rows = await parts_claim_store.claims_of_ticket(
            session, principal, ticket_id, limit=limit, offset=offset
        )
    return None if rows is None else [claim_public(row) for row in rows]


async def claims_of_maker(
    sessions: async_sessionmaker[AsyncSession],
    maker: Principal,
    *,
    status: str | None,
    limit: int,
    offset: int,
) -> list[PartsClaimPublic]:
    """A page of the claims naming the maker, newest first."""
    async with sessions() as session:
        rows = await parts_claim_store.claims_of_maker(
            session, maker, status=status, limit=limit, offset=offset
        )
    return [claim_public(row) for row in rows]
