"""Writes of the customer's file: the timeline entries of the other services' events, whose
customer each subject is, the customers' vehicles and their plates."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from crm_leads.adapters.tables import customer_links, customer_timeline, customer_vehicles, leads
from crm_leads.domain.customer_file import TimelineEntry


async def customer_of_lead(session: AsyncSession, lead_id: UUID) -> UUID | None:
    found: UUID | None = await session.scalar(
        select(leads.c.customer_id).where(leads.c.id == lead_id)
    )
    return found


async def record_entry(
    session: AsyncSession,
    *,
    event_id: UUID,
    tenant: str,
    owner_org: str,
    entry: TimelineEntry,
    customer_id: UUID | None,
) -> None:
    """The entry, its subject's customer when the event names it (the first event naming it
    wins: a subject belongs to one customer), and the vehicle it names."""
    await session.execute(
        insert(customer_timeline)
        .values(
            event_id=event_id,
            tenant=tenant,
            owner_org=owner_org,
            customer_id=customer_id,
            subject_id=entry.subject_id,
            record_id=entry.record_id,
            kind=entry.kind,
            at=entry.at,
            vin=entry.vin,
            model_code=entry.model_code,
            details=entry.details,
        )
        .on_conflict_do_nothing(index_elements=[customer_timeline.c.event_id])
    )
    if customer_id is None:
        return
    await session.execute(
        insert(customer_links)
        .values(subject_id=entry.subject_id, tenant=tenant, customer_id=customer_id)
        .on_conflict_do_nothing(index_elements=[customer_links.c.subject_id])
    )
    if entry.vin is not None:
        delivered = entry.details.get("delivered_on")
        await add_vehicle(
            session,
            tenant=tenant,
            owner_org=owner_org,
            customer_id=customer_id,
            vin=entry.vin,
            model_code=entry.model_code,
            delivered_on=date.fromisoformat(delivered) if delivered else None,
            seen_at=entry.at,
        )


async def add_vehicle(
    session: AsyncSession,
    *,
    tenant: str,
    owner_org: str,
    customer_id: UUID,
    vin: str,
    model_code: str | None,
    delivered_on: date | None,
    seen_at: datetime,
    plate: str | None = None,
) -> None:
    """Adds the vehicle to the customer's, or completes what is known of it (a later ticket
    naming it keeps its delivery; a plate recorded replaces the one before)."""
    statement = insert(customer_vehicles).values(
        customer_id=customer_id,
        vin=vin,
        tenant=tenant,
        owner_org=owner_org,
        model_code=model_code,
        delivered_on=delivered_on,
        plate=plate,
        first_seen_at=seen_at,
    )
    excluded = statement.excluded
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[customer_vehicles.c.customer_id, customer_vehicles.c.vin],
            set_={
                "model_code": func.coalesce(excluded.model_code, customer_vehicles.c.model_code),
                "delivered_on": func.coalesce(
                    excluded.delivered_on, customer_vehicles.c.delivered_on
                ),
                "plate": func.coalesce(excluded.plate, customer_vehicles.c.plate),
                "first_seen_at": func.least(
                    excluded.first_seen_at, customer_vehicles.c.first_seen_at
                ),
            },
        )
    )
