"""The nurture list (营销培育): "to marketing" hands a lead to the book's nurture list, owned
by the person the book's managers name, until a manager assigns it to a consultant again or
its owner releases it to the pool."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession

from crm_common.auth import Principal
from crm_common.contracts.envelope import EventData
from crm_common.contracts.events.leads.v2 import LeadGradedV2
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_common.policy.roles import has_function
from crm_common.policy.staff import staff_in_book
from crm_leads.adapters import book_store, lead_store, pool_store
from crm_leads.application.grade_schemes import scheme_of_pool
from crm_leads.application.handlers import assigned_event, lead_to_change, publish_for
from crm_leads.domain.grades import GradeScheme
from crm_leads.domain.lead import Lead, Worker


class NoNurtureOwner(Exception):
    """The book has nobody owning its nurture list (answered 409)."""


async def nurture_owner_of(actor: Principal, uow: UnitOfWork) -> tuple[str, str | None]:
    """The caller's book and who owns its nurture list."""
    async with uow:
        book = await book_store.book_of(uow.session, actor.tenant, actor.org_node)
        owner = await book_store.nurture_owner(uow.session, tenant=actor.tenant, owner_org=book)
    return book, owner


async def set_nurture_owner(
    owner: str | None, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> tuple[str, str | None]:
    """Names who owns the book's nurture list from now on (None: nobody — "to marketing" is a
    regrade and a release to the pool again); the leads already on it stay with their owner."""
    async with uow:
        session = uow.session
        book = await book_store.book_of(session, actor.tenant, actor.org_node)
        if owner is not None and await _worker(session, actor.tenant, book, owner) is None:
            raise InvalidInput(
                "owner", f"{owner!r} is not an active user of {book} who works leads"
            )
        await book_store.set_nurture_owner(
            session, tenant=actor.tenant, owner_org=book, owner=owner, now=now
        )
    return book, owner


async def _worker(session: AsyncSession, tenant: str, book: str, user_id: str) -> Worker | None:
    member = await staff_in_book(session, tenant, user_id, book)
    if member is None or not has_function(member.roles, "lead.work"):
        return None
    return Worker(user_id, member.org_node)


async def nurturer_of(session: AsyncSession, lead: Lead) -> Worker | None:
    """The nurture list's owner of the lead's book, while they still work there."""
    owner = await book_store.nurture_owner(session, tenant=lead.tenant, owner_org=lead.owner_org)
    return None if owner is None else await _worker(session, lead.tenant, lead.owner_org, owner)


def nurtured(
    lead: Lead, grades: GradeScheme, nurturer: Worker, actor: str, reason: str, now: datetime
) -> list[EventData]:
    """The lead regraded to its scheme's marketing grade (if it is not there yet) and handed to
    the nurture list's owner: its events."""
    events: list[EventData] = []
    previous = lead.owner_user
    grade_before = lead.grade
    marketing = grades.marketing_grade()
    if grade_before != marketing:
        lead.regrade(marketing, grades, actor, now)
        events.append(
            LeadGradedV2(
                lead_id=lead.id,
                dealer_id=lead.owner_org,
                at=now,
                owner_user=previous,
                previous_grade=grade_before,
                grade=marketing,
                upgrade=False,
                next_follow_up_due=lead.next_follow_up_due,
                follow_up_id=None,
                follow_up_kind=None,
            )
        )
    lead.to_nurture(nurturer, actor, reason, now)
    events.append(assigned_event(lead, previous, actor, reason))
    return events


async def hand_to_nurture(
    lead_id: UUID, reason: str, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> Lead:
    """Its owner or a manager hands the lead to marketing now, not only by the sweep's rule."""
    async with uow:
        session = uow.session
        lead = await lead_to_change(uow, lead_id, actor)
        nurturer = await nurturer_of(session, lead)
        if nurturer is None:
            raise NoNurtureOwner(
                "nobody owns this book's nurture list: a manager names them first "
                "(PUT /nurture-settings)"
            )
        grades = await scheme_of_pool(session, await pool_store.pool(session, lead.home_pool_id))
        events = nurtured(lead, grades, nurturer, actor.user_id, reason, now)
        await lead_store.save_lead(session, lead)
        await publish_for(uow, lead, actor.user_id, events)
    return lead
