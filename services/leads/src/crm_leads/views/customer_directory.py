"""The customer directory: who owns this phone number (the call center's screen pop), read in
the transaction of ``application/customer_directory.py``, which audits the read."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth import Principal
from crm_common.db.tables import staff
from crm_common.policy import (
    SharingLevel,
    name_seen_at,
    personal_data_level,
    phone_seen_at,
)
from crm_common.policy.roles import has_function
from crm_leads.adapters.access import lead_level, visible_leads
from crm_leads.adapters.tables import LEAD_IS_OPEN, leads
from crm_leads.domain.lead import normalise_phone


@dataclass(frozen=True)
class PhoneOwner:
    """The customer's open lead and who works it; name and phone masked unless the caller may
    see them in full. For a call router who may not see the record (the dealer shares it with
    the OEM as figures only) just who works it: ids, name and phone empty."""

    customer_id: UUID | None
    lead_id: UUID | None
    customer_name: str
    phone: str
    owner_org: str
    owner_user: str | None
    owner_name: str | None
    """Who works the lead by their display name (leads' staff copy): a colleague's name, no
    customer's personal data, so the call router learns it with the id."""
    status: str
    grade: str | None


def routes_calls(principal: Principal) -> bool:
    """The brand hotline (坐席) puts a calling customer through to whoever works them, in any
    dealer of the tenant that shares at least figures with the OEM."""
    return has_function(principal.roles, "call.route")


@dataclass(frozen=True)
class FoundOwner:
    owner: PhoneOwner
    level: SharingLevel | None
    """How much of the customer's data the caller sees (what an audit of the read records);
    None: the call router learns who works the lead and no personal data."""


async def phone_owner_in(
    session: AsyncSession, principal: Principal, phone: str
) -> FoundOwner | None:
    """None when no open lead with this number is visible to the caller (unknown and hidden
    look the same); a call router also learns who works a lead it may not see, and nothing
    else. Raises ``InvalidPhoneNumber``."""
    visible = visible_leads(principal)
    owner_name = (
        select(staff.c.display_name)
        .where(staff.c.tenant == leads.c.tenant, staff.c.user_id == leads.c.owner_user)
        .scalar_subquery()
    )
    query = (
        select(
            leads,
            lead_level(principal).label("shared_level"),
            visible.label("visible"),
            owner_name.label("owner_name"),
        )
        .where(
            leads.c.tenant == principal.tenant,
            leads.c.phone == normalise_phone(phone),
            LEAD_IS_OPEN,
            or_(visible, lead_level(principal) >= SharingLevel.AGGREGATE.value)
            if routes_calls(principal)
            else visible,
        )
        # Several dealers' books may hold the number: the most recent lead is the likely call.
        .order_by(leads.c.created_at.desc(), leads.c.id)
        .limit(1)
    )
    row = (await session.execute(query)).mappings().first()
    if row is None:
        return None
    if not row["visible"] and row["shared_level"] < SharingLevel.MASKED:
        routing_only = PhoneOwner(
            customer_id=None,
            lead_id=None,
            customer_name="",
            phone="",
            owner_org=row["owner_org"],
            owner_user=row["owner_user"],
            owner_name=row["owner_name"],
            status=row["status"],
            grade=None,
        )
        return FoundOwner(routing_only, None)
    level = personal_data_level(
        principal,
        owner_user=row["owner_user"],
        owner_org=row["owner_org"],
        shared=SharingLevel(row["shared_level"]),
    )
    owner = PhoneOwner(
        customer_id=row["customer_id"],
        lead_id=row["id"],
        customer_name=name_seen_at(level, row["customer_name"]),
        phone=phone_seen_at(level, row["phone"]),
        owner_org=row["owner_org"],
        owner_user=row["owner_user"],
        owner_name=row["owner_name"],
        status=row["status"],
        grade=row["grade"],
    )
    return FoundOwner(owner, level)
