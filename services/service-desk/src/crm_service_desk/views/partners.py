"""The jobs a repair or service partner sees: tickets whose job names it, with the customer
masked unless the dealer shares tickets with it in full (``application/ticket_reads.py``
audits the read of one job)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field
from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.policy import SharingLevel, name_seen_at, partner_level, phone_seen_at
from crm_service_desk.adapters.partner_store import PARTNER_DATA, jobs_of
from crm_service_desk.adapters.tables import ticket_history, tickets
from crm_service_desk.domain.tickets import PartnerStatus, Priority, TicketKind
from crm_service_desk.views.tickets import AppointmentOut

t = tickets
h = ticket_history


class PartnerJobPublic(BaseModel):
    """A ticket's job as its partner sees it: the customer masked unless the dealer shares
    tickets with the partner in full."""

    id: UUID
    number: str
    dealer_id: str
    kind: TicketKind
    status: str
    priority: Priority
    subject: str
    description: str
    customer_name: str | None
    customer_phone: str | None
    vin: str | None
    vehicle_model: str | None
    appointment: AppointmentOut | None
    partner_status: PartnerStatus | None
    instructions: str | None = Field(
        default=None, description="What the dealer asked for when it sent the job"
    )
    opened_at: datetime
    updated_at: datetime


def _jobs(partner: Principal) -> Select[Any]:
    return select(
        t.c.id,
        t.c.number,
        t.c.owner_org,
        t.c.kind,
        t.c.status,
        t.c.priority,
        t.c.subject,
        t.c.description,
        t.c.customer_name,
        t.c.customer_phone,
        t.c.vin,
        t.c.vehicle_model,
        t.c.appointment_at,
        t.c.appointment_minutes,
        t.c.appointment_place,
        t.c.partner_status,
        # What the dealer asked for when it last sent the job (served by the history's index).
        select(h.c.detail["instructions"].astext)
        .where(h.c.ticket_id == t.c.id, h.c.action == "sent_to_partner")
        .order_by(h.c.id.desc())
        .limit(1)
        .scalar_subquery()
        .label("instructions"),
        t.c.opened_at,
        t.c.updated_at,
        partner_level(
            partner.tenant, PARTNER_DATA, dealer_id=t.c.owner_org, partner_id=partner.org_node
        ).label("shared_level"),
    ).where(jobs_of(partner))


def _shown(row: Any) -> PartnerJobPublic:
    level = SharingLevel(row["shared_level"])
    appointment = None
    if row["appointment_at"] is not None:
        appointment = AppointmentOut(
            starts_at=row["appointment_at"],
            minutes=row["appointment_minutes"],
            place=row["appointment_place"],
        )
    return PartnerJobPublic.model_validate(
        {
            **row,
            "dealer_id": row["owner_org"],
            "customer_name": name_seen_at(level, row["customer_name"]),
            "customer_phone": phone_seen_at(level, row["customer_phone"]),
            "appointment": appointment,
        }
    )


async def jobs_of_partner(
    sessions: async_sessionmaker[AsyncSession],
    partner: Principal,
    *,
    partner_status: str | None,
    limit: int,
    offset: int,
) -> list[PartnerJobPublic]:
    """The partner's jobs, newest first."""
    query = _jobs(partner).order_by(t.c.opened_at.desc(), t.c.id).limit(limit).offset(offset)
    if partner_status is not None:
        query = query.where(t.c.partner_status == partner_status)
    async with sessions() as session:
        return [_shown(r) for r in (await session.execute(query)).mappings()]


@dataclass(frozen=True, slots=True)
class ShownJob:
    """One job as the partner may see it, and how much of the customer's data that is (what
    an audit of the read records)."""

    job: PartnerJobPublic
    level: SharingLevel


async def job_for(session: AsyncSession, partner: Principal, ticket_id: UUID) -> ShownJob | None:
    """One job of the partner (None: none it may see), read in the caller's transaction,
    which audits the read."""
    row = (await session.execute(_jobs(partner).where(t.c.id == ticket_id))).mappings().first()
    if row is None:
        return None
    return ShownJob(_shown(row), SharingLevel(row["shared_level"]))
