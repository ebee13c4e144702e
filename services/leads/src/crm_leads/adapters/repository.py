from __future__ import annotations

from dataclasses import asdict

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_leads.adapters.tables import leads
from crm_leads.domain.lead import Lead


async def add_lead(session: AsyncSession, lead: Lead) -> None:
    row = asdict(lead)
    row["source"] = lead.source.value
    await session.execute(insert(leads).values(**row))
