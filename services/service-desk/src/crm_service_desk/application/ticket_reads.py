"""What a caller is shown of one ticket: the ticket as they may read it, or its job as the
partner it names may read it; personal data masked where their read is masked, and the read
audited (as leads' ``lead_reads``)."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.policy import DataType
from crm_common.policy.audit import record_personal_data_access
from crm_service_desk.adapters.partner_store import PARTNER_DATA
from crm_service_desk.domain.tickets import TicketKind
from crm_service_desk.views import tickets as views
from crm_service_desk.views.partners import PartnerJobPublic, job_for
from crm_service_desk.views.tickets import TicketPublic

PERSONAL_FIELDS = ("customer_name", "customer_phone")


async def ticket_shown(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    ticket_id: UUID,
    *,
    endpoint: str,
) -> TicketPublic | None:
    """The ticket as the caller may read it, the read audited; None when they may not see
    it at all."""
    shown = await views.ticket_for(sessions, principal, ticket_id)
    if shown is None:
        return None
    ticket = shown.ticket
    async with UnitOfWork(sessions) as uow:
        await record_personal_data_access(
            uow.session,
            principal,
            action="read",
            resource_type=DataType.COMPLAINT
            if ticket.kind == TicketKind.COMPLAINT
            else DataType.TICKET,
            resource_id=str(ticket_id),
            owner_org=ticket.owner_org,
            fields=PERSONAL_FIELDS,
            level=shown.level,
            endpoint=endpoint,
        )
    return ticket


async def job_shown(
    sessions: async_sessionmaker[AsyncSession],
    partner: Principal,
    ticket_id: UUID,
    *,
    endpoint: str,
) -> PartnerJobPublic | None:
    """The job as the partner it names may read it, the read of the customer audited (one
    transaction: the read and its audit entry); None when it names another partner or none."""
    async with UnitOfWork(sessions) as uow:
        shown = await job_for(uow.session, partner, ticket_id)
        if shown is None:
            return None
        await record_personal_data_access(
            uow.session,
            partner,
            action="read",
            resource_type=PARTNER_DATA,
            resource_id=str(ticket_id),
            owner_org=shown.job.dealer_id,
            fields=PERSONAL_FIELDS,
            level=shown.level,
            endpoint=endpoint,
        )
    return shown.job
