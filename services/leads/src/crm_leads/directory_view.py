"""The customer directory: who owns this phone number (the call center's screen pop)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.policy import DataType, SharingLevel, mask_name, mask_phone, personal_data_level
from crm_common.policy.audit import record_personal_data_access
from crm_leads.adapters.access import lead_level, visible_leads
from crm_leads.adapters.tables import leads
from crm_leads.application.handlers import PERSONAL_FIELDS
from crm_leads.domain.lead import LeadStatus, normalise_phone

LOOKUP_ENDPOINT = "grpc CustomerDirectory.LookupByPhone"


@dataclass(frozen=True)
class PhoneOwner:
    """The customer's open lead and who works it; name and phone masked unless the caller may
    see them in full."""

    customer_id: UUID
    lead_id: UUID
    customer_name: str
    phone: str
    owner_org: str
    owner_user: str | None
    status: str
    grade: str | None


async def lookup_by_phone(
    sessions: async_sessionmaker[AsyncSession], principal: Principal, phone: str
) -> PhoneOwner | None:
    """None when no open lead with this number is visible to the caller (unknown and hidden
    look the same). Raises ``InvalidPhoneNumber``. The read is audited."""
    query = (
        select(leads, lead_level(principal).label("shared_level"))
        .where(
            leads.c.tenant == principal.tenant,
            leads.c.phone == normalise_phone(phone),
            leads.c.status.in_((LeadStatus.OPEN.value, LeadStatus.LOSS_PENDING.value)),
            visible_leads(principal),
        )
        # Several dealers' books may hold the number: the most recent lead is the likely call.
        .order_by(leads.c.created_at.desc(), leads.c.id)
        .limit(1)
    )
    async with sessions() as session, session.begin():
        row = (await session.execute(query)).mappings().first()
        if row is None:
            return None
        level = personal_data_level(
            principal,
            owner_user=row["owner_user"],
            owner_org=row["owner_org"],
            shared=SharingLevel(row["shared_level"]),
        )
        await record_personal_data_access(
            session,
            principal,
            action="read",
            resource_type=DataType.LEAD,
            resource_id=str(row["id"]),
            owner_org=row["owner_org"],
            fields=PERSONAL_FIELDS,
            level=level,
            endpoint=LOOKUP_ENDPOINT,
        )
    full = level >= SharingLevel.FULL
    return PhoneOwner(
        customer_id=row["customer_id"],
        lead_id=row["id"],
        customer_name=row["customer_name"] if full else mask_name(row["customer_name"]),
        phone=row["phone"] if full else mask_phone(row["phone"]),
        owner_org=row["owner_org"],
        owner_user=row["owner_user"],
        status=row["status"],
        grade=row["grade"],
    )
