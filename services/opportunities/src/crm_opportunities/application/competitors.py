"""Managing the competitor list and recording the competitors an opportunity meets; each one
unit of work."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.policy.directory import dealer_of
from crm_opportunities.adapters import competitor_store
from crm_opportunities.adapters.access import changeable_competitors
from crm_opportunities.application.opportunities import opportunity_for_change
from crm_opportunities.domain.competition import InPlay, competitor_entry, competitors_in_play
from crm_opportunities.domain.opportunity import OpportunityClosed, OpportunityStatus


class CompetitorNotFound(LookupError):
    """No competitor on a list the caller may change (answered 404)."""


class CompetitorExists(Exception):
    """The book lists a competitor of that name already (answered 409)."""


async def add_competitor(
    name: str, models: Sequence[str], actor: Principal, uow: UnitOfWork, *, now: datetime
) -> UUID:
    """A competitor on the list of the caller's book: their dealer's, or for staff above the
    dealers their own node's (HQ's list is every dealer's)."""
    clean_name, clean_models = competitor_entry(name, models)
    async with uow:
        book = await dealer_of(uow.session, actor.tenant, actor.org_node) or actor.org_node
        added = await competitor_store.add(
            uow.session,
            tenant=actor.tenant,
            owner_org=book,
            name=clean_name,
            models=clean_models,
            now=now,
        )
        if added is None:
            raise CompetitorExists(f"{clean_name} is on the list already")
    return added


async def change_competitor(
    competitor_id: UUID,
    *,
    name: str,
    models: Sequence[str],
    active: bool,
    actor: Principal,
    uow: UnitOfWork,
    now: datetime,
) -> None:
    """Rename it, change its models, or retire it (``active`` false: no longer offered for new
    opportunities; the ones that met it keep it, and so do the reports)."""
    clean_name, clean_models = competitor_entry(name, models)
    async with uow:
        found = await competitor_store.book_of(
            uow.session, competitor_id, changeable_competitors(actor)
        )
        if found is None:
            raise CompetitorNotFound("competitor not found")
        tenant, book = found
        if await competitor_store.name_taken(uow.session, tenant, book, clean_name, competitor_id):
            raise CompetitorExists(f"{clean_name} is on the list already")
        await competitor_store.change(
            uow.session,
            competitor_id,
            name=clean_name,
            models=clean_models,
            active=active,
            now=now,
        )


async def record_competitors_in_play(
    opportunity_id: UUID,
    chosen: Sequence[InPlay],
    actor: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
) -> None:
    """The competitors the open opportunity meets (the whole list, replacing the last one),
    each from the list its dealer may use."""
    async with uow:
        opportunity = await opportunity_for_change(uow, opportunity_id, actor)
        if opportunity.status is not OpportunityStatus.OPEN:
            raise OpportunityClosed(f"opportunity is {opportunity.status.value}")
        known = await competitor_store.usable_by(
            uow.session, opportunity.tenant, opportunity.owner_org
        )
        await competitor_store.replace_in_play(
            uow.session,
            opportunity_id=opportunity.id,
            tenant=opportunity.tenant,
            owner_org=opportunity.owner_org,
            in_play=competitors_in_play(chosen, known),
            by=actor.user_id,
            now=now,
        )
