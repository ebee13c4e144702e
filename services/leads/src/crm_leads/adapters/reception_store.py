"""Showroom receptions (客流登记) in PostgreSQL."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_leads.adapters.tables import receptions
from crm_leads.domain.lead import Lead, LeadSource


async def add_reception(
    session: AsyncSession,
    *,
    reception_id: UUID,
    lead: Lead,
    consultant: str,
    visitors: int,
    companions: str | None,
    interest: str | None,
    source: LeadSource,
    arrived_at: datetime,
    left_at: datetime | None,
    now: datetime,
) -> None:
    await session.execute(
        insert(receptions).values(
            id=reception_id,
            tenant=lead.tenant,
            owner_org=lead.owner_org,
            lead_id=lead.id,
            consultant=consultant,
            visitors=visitors,
            companions=companions,
            interest=interest,
            source=source.value,
            arrived_at=arrived_at,
            left_at=left_at,
            recorded_at=now,
        )
    )
