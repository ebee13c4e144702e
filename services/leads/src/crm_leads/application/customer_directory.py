"""Who owns this phone number (the call center's screen pop, the service desk's new ticket):
the customer's open lead as the caller may see it, the read of its personal data audited."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.policy import DataType
from crm_common.policy.audit import record_personal_data_access
from crm_leads.application.handlers import PERSONAL_FIELDS
from crm_leads.views.customer_directory import PhoneOwner, phone_owner_in

LOOKUP_ENDPOINT = "grpc CustomerDirectory.LookupByPhone"


async def owner_of_phone(
    sessions: async_sessionmaker[AsyncSession], principal: Principal, phone: str
) -> PhoneOwner | None:
    """None when no open lead with this number is visible to the caller; a call router who
    may not see the lead learns only who works it (nothing read, nothing audited). Raises
    ``InvalidPhoneNumber``. The read and its audit entry commit together."""
    async with UnitOfWork(sessions) as uow:
        found = await phone_owner_in(uow.session, principal, phone)
        if found is None:
            return None
        if found.level is not None:
            await record_personal_data_access(
                uow.session,
                principal,
                action="read",
                resource_type=DataType.LEAD,
                resource_id=str(found.owner.lead_id),
                owner_org=found.owner.owner_org,
                fields=PERSONAL_FIELDS,
                level=found.level,
                endpoint=LOOKUP_ENDPOINT,
            )
    return found.owner
