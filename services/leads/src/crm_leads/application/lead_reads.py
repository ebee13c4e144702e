"""What a caller is shown of one lead — a read's answer and every command's alike: the lead as
the caller may read it now, personal data masked where their read is masked, and the access to
it audited."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.policy import DataType, SharingLevel
from crm_common.policy.audit import record_personal_data_access
from crm_leads.application import handlers
from crm_leads.application.handlers import PERSONAL_FIELDS, DrawEntry
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
    """The lead as the caller may read it, the read audited (one transaction: the read and
    its audit entry). ``left``: the lead as a command left it, answered fully masked when the
    caller may no longer read it (e.g. a consultant who released it). None: the caller may
    not see it and no command left it."""
    async with UnitOfWork(sessions) as uow:
        return await _shown_in(uow, principal, lead_id, endpoint=endpoint, action=action, left=left)


async def _shown_in(
    uow: UnitOfWork,
    principal: Principal,
    lead_id: UUID,
    *,
    endpoint: str,
    action: str,
    left: Lead | None,
) -> LeadPublic | None:
    shown = await views.lead_seen_in(uow.session, principal, lead_id)
    if shown is None:
        if left is None:
            return None
        submitted = LeadPublic.model_validate(left, from_attributes=True)
        shown = ShownLead(submitted.seen_at(SharingLevel.MASKED), SharingLevel.MASKED)
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


async def claim_answered(
    lead_id: UUID,
    principal: Principal,
    sessions: async_sessionmaker[AsyncSession],
    *,
    now: datetime,
    business_tz: ZoneInfo,
    endpoint: str,
) -> LeadPublic | DrawEntry:
    """A claim and its answer (``command_answer``'s, read and audited) in the claim's own
    transaction: the hottest command takes one pool connection and commits once, and its audit
    entry commits with it or not at all."""
    uow = UnitOfWork(sessions)
    action = endpoint.rsplit("/", 1)[-1]

    async def answer(lead: Lead) -> LeadPublic:
        shown = await _shown_in(
            uow, principal, lead.id, endpoint=endpoint, action=action, left=lead
        )
        assert shown is not None  # the lead a command left is always answered
        return shown

    return await handlers.claim_and_answer(
        lead_id, principal, uow, now=now, business_tz=business_tz, answer=answer
    )
