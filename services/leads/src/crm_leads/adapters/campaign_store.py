"""Campaigns (a public lead form each) in PostgreSQL: only the hash of a form's key is kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import insert, text
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
class FormBook:
    """Where an active campaign's leads go."""

    tenant: str
    owner_org: str


async def active_form_book(
    session: AsyncSession, campaign_id: UUID, key_hash: str
) -> FormBook | None:
    """The book of the active campaign whose form key hashes to ``key_hash``, whatever its
    tenant: the public form names none. Through the owner's function (migration 0020), since
    the api's role sees only the tenants it acts for."""
    row = (
        await session.execute(
            text("SELECT book_tenant, book_org FROM campaign_form_book(:campaign, :key_hash)"),
            {"campaign": campaign_id, "key_hash": key_hash},
        )
    ).first()
    return None if row is None else FormBook(*row)
