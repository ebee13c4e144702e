"""Campaigns (a public lead form each) in PostgreSQL: only the hash of a form's key is kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from crm_leads.adapters.tables import campaigns


async def add_campaign(
    session: AsyncSession,
    *,
    campaign_id: UUID,
    tenant: str,
    book: str,
    name: str,
    key_hash: str,
    created_by: str,
    now: datetime,
) -> None:
    await session.execute(
        insert(campaigns).values(
            id=campaign_id,
            tenant=tenant,
            owner_org=book,
            name=name,
            key_hash=key_hash,
            active=True,
            created_by=created_by,
            created_at=now,
        )
    )


@dataclass(frozen=True, slots=True)
class FormKey:
    """Where an active campaign's leads go, and the hash of its form's key."""

    tenant: str
    owner_org: str
    key_hash: str


async def active_form_key(session: AsyncSession, campaign_id: UUID) -> FormKey | None:
    row = (
        await session.execute(
            select(campaigns.c.tenant, campaigns.c.owner_org, campaigns.c.key_hash).where(
                campaigns.c.id == campaign_id, campaigns.c.active
            )
        )
    ).first()
    return None if row is None else FormKey(*row)
