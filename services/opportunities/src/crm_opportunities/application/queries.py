"""Queries that do more than read: one opportunity, and one finance or insurance application as
its partner sees it, whose reads of personal data are audited; and the pipelines list, which
gives a dealer its default pipeline on first need."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.policy import DataType
from crm_common.policy.audit import record_personal_data_access
from crm_common.policy.directory import dealer_of
from crm_opportunities.adapters import repository
from crm_opportunities.adapters.repository import PipelineListing
from crm_opportunities.application.opportunities import OpportunityNotFound
from crm_opportunities.domain.partner_application import ApplicationNotFound
from crm_opportunities.views.opportunities import OpportunityDetail, opportunity_for
from crm_opportunities.views.partners import PartnerApplicationView, application_for

PERSONAL_FIELDS = ("customer_name", "phone")


async def opportunity_shown(
    sessions: async_sessionmaker[AsyncSession], actor: Principal, opportunity_id: UUID
) -> OpportunityDetail:
    """The opportunity as the caller may see it — a read's answer and a command's alike —
    the read of its personal data audited in the same transaction."""
    async with sessions() as session, session.begin():
        found = await opportunity_for(session, actor, opportunity_id)
        if found is None:
            raise OpportunityNotFound("opportunity not found")
        await record_personal_data_access(
            session,
            actor,
            action="read",
            resource_type=DataType.OPPORTUNITY,
            resource_id=str(opportunity_id),
            owner_org=found.opportunity.owner_org,
            fields=PERSONAL_FIELDS,
            level=found.level,
            endpoint="GET /opportunities/{id}",
        )
    return found.opportunity


async def application_shown(
    sessions: async_sessionmaker[AsyncSession],
    partner: Principal,
    application_id: UUID,
    *,
    endpoint: str,
) -> PartnerApplicationView:
    """The application as its partner may see it — a read's answer and a status change's
    alike — the read of the customer's data audited in the same transaction."""
    async with sessions() as session, session.begin():
        found = await application_for(session, partner, application_id)
        if found is None:
            raise ApplicationNotFound("application not found")
        await record_personal_data_access(
            session,
            partner,
            action="read",
            resource_type=DataType.OPPORTUNITY,
            resource_id=str(found.opportunity_id),
            owner_org=found.application.dealer_id,
            fields=PERSONAL_FIELDS,
            level=found.level,
            endpoint=endpoint,
        )
    return found.application


async def pipelines_for(
    actor: Principal, uow: UnitOfWork, *, now: datetime, limit: int, offset: int
) -> list[PipelineListing]:
    """A page of the caller's dealer's pipelines (created from the nearest template, or the
    built-in one, until the dealer configures its own), oldest first, then of the templates
    above it (one per node above, nearest first); HQ's and a region's own templates."""
    async with uow:
        dealer = await dealer_of(uow.session, actor.tenant, actor.org_node)
        book = dealer or actor.org_node
        if dealer is not None:
            await repository.default_pipeline(uow.session, actor.tenant, dealer, now)
        own = await repository.pipelines_of(
            uow.session, actor.tenant, book, published=dealer is None, limit=limit, offset=offset
        )
        if dealer is None or len(own) == limit:
            return own
        # The page ends past the book's own pipelines: the templates follow them.
        own_count = (
            offset + len(own)
            if own
            else await repository.count_pipelines_of(uow.session, actor.tenant, book)
        )
        templates = await repository.templates_for(uow.session, actor.tenant, dealer)
        start = max(0, offset - own_count)
        return own + templates[start : start + limit - len(own)]
