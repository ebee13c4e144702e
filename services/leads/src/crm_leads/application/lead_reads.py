"""What a caller is shown of one lead — a read's answer and every command's alike: the lead as
the caller may read it now, personal data masked where their read is masked, and the access to
it audited."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.policy import DataType, SharingLevel
from crm_common.policy.audit import record_personal_data_access
from crm_leads.application.handlers import PERSONAL_FIELDS
from crm_leads.domain.lead import Lead
from crm_leads.views import leads as views
from crm_leads.views.leads import LeadPublic, ShownLead


async def lead_shown(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    lead_id: UUID,
    *,
    endpoint: str,
    action: str = "read",
    left: Lead | None = None,
) -> LeadPublic | None:
    """The lead as the caller may read it, the read audited. ``left``: the lead as a command
    left it, answered fully masked when the caller may no longer read it (e.g. a consultant
    who released it). None: the caller may not see it and no command left it."""
    shown = await views.lead_for(sessions, principal, lead_id)
    if shown is None:
        if left is None:
            return None
        submitted = LeadPublic.model_validate(left, from_attributes=True)
        shown = ShownLead(submitted.seen_at(SharingLevel.MASKED), SharingLevel.MASKED)
    async with UnitOfWork(sessions) as uow:
        await record_personal_data_access(
            uow.session,
            principal,
            action=action,
            resource_type=DataType.LEAD,
            resource_id=str(lead_id),
            owner_org=shown.lead.owner_org,
            fields=PERSONAL_FIELDS,
            level=shown.level,
            endpoint=endpoint,
        )
    return shown.lead


async def command_answer(
    sessions: async_sessionmaker[AsyncSession], principal: Principal, lead: Lead, endpoint: str
) -> LeadPublic:
    """A command's answer: never more than a read would show the caller right after it (the
    action audited is the endpoint's last word: claim, assign...)."""
    action = endpoint.rsplit("/", 1)[-1]
    shown = await lead_shown(
        sessions, principal, lead.id, endpoint=endpoint, action=action, left=lead
    )
    assert shown is not None  # the lead a command left is always answered
    return shown
