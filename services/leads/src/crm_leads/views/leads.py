"""Read side of leads: scoped by the shared policy, never by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field
from sqlalchemy import RowMapping, Select, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.policy import (
    SharingLevel,
    name_seen_at,
    personal_data_level,
    phone_seen_at,
)
from crm_common.policy.audit import audit_entries
from crm_leads.adapters import grade_scheme_store
from crm_leads.adapters.access import (
    lead_level,
    visible_leads,
)
from crm_leads.adapters.tables import lead_history, leads, pools
from crm_leads.domain.grades import GradeScheme
from crm_leads.domain.lead import LeadSource
from crm_leads.domain.origin import LeadOrigin
from crm_leads.domain.pool_rules import PoolRules
from crm_leads.views.lead_scores import BY_SCORE, SCORE_COLUMNS, LeadScorePublic, score_of, scored

Sessions = async_sessionmaker[AsyncSession]


class LeadPublic(BaseModel):
    id: UUID
    owner_org: str
    customer_id: UUID
    customer_name: str
    phone: str
    source: LeadSource
    vehicle_interest: str | None
    created_by: str
    created_at: datetime
    status: str
    owner_user: str | None = Field(description="None while the lead waits in a pool")
    ownership_origin: LeadOrigin | None = Field(
        description="How the owner's ownership arose (commission's lead origin); None while "
        "the lead waits in a pool",
    )
    pool_id: UUID | None
    routing_rule_id: UUID | None = Field(
        description="The routing rule that placed the lead when it arrived (its history names it)"
    )
    grade: str | None
    escalated_at: datetime | None = Field(
        description="When the lead, stuck in its grade, was escalated to the managers for "
        "reassignment (cleared by a new grade)"
    )
    nurture_since: datetime | None = Field(
        default=None,
        description="On the book's nurture list (handed to marketing) since then, owned by "
        "the list's owner; None: not nurtured",
    )
    next_follow_up_due: datetime | None
    last_follow_up_at: datetime | None
    protected_until: datetime | None = Field(
        description="Until then the previous owner may not claim it back"
    )
    origin_org: str | None = Field(description="The HQ/region node that distributed it")
    work_by: datetime | None = Field(
        description="A distributed lead not followed up by then goes back to origin_org"
    )

    def seen_at(self, level: SharingLevel) -> LeadPublic:
        """The lead as a caller at ``level`` sees it."""
        return self.model_copy(
            update={
                "customer_name": name_seen_at(level, self.customer_name),
                "phone": phone_seen_at(level, self.phone),
            }
        )


class ScoredLead(LeadPublic):
    """A lead in a list, with its predicted chance of converting."""

    score: LeadScorePublic | None = Field(
        description="None: no score yet (the lead is not open, or neither its dealer nor its "
        "region has history enough for a model)"
    )


class LeadOrder(StrEnum):
    """How a list of leads is ordered."""

    NEWEST = "newest"
    SCORE = "score"
    """Highest score first, leads with no score yet after them."""


@dataclass(frozen=True, slots=True)
class ShownLead:
    lead: LeadPublic
    """Its personal data masked where the caller's read is masked."""
    level: SharingLevel
    """How much of its personal data the caller sees (what an audit of the read records)."""


class HistoryEntry(BaseModel):
    kind: str
    actor: str
    from_user: str | None
    to_user: str | None
    reason: str | None
    rule: str | None
    at: datetime


class AuditEntryPublic(BaseModel):
    actor: str
    actor_org: str
    action: str
    fields: list[str]
    level: str
    endpoint: str
    at: datetime


def _with_shared_level(principal: Principal) -> Select[*tuple[Any, ...]]:
    return select(leads, lead_level(principal).label("shared_level"))


def _shown(principal: Principal, row: RowMapping) -> ShownLead:
    level = personal_data_level(
        principal,
        owner_user=row["owner_user"],
        owner_org=row["owner_org"],
        shared=SharingLevel(row["shared_level"]),
    )
    lead = LeadPublic.model_validate(dict(row))
    return ShownLead(lead.seen_at(level), level)


async def lead_for(sessions: Sessions, principal: Principal, lead_id: UUID) -> ShownLead | None:
    """The lead as the caller may see it; None when they may not see it at all."""
    async with sessions() as session:
        return await lead_seen_in(session, principal, lead_id)


async def lead_seen_in(
    session: AsyncSession, principal: Principal, lead_id: UUID
) -> ShownLead | None:
    """``lead_for`` inside the caller's transaction (a command's answer, as it leaves the lead)."""
    query = _with_shared_level(principal).where(leads.c.id == lead_id, visible_leads(principal))
    row = (await session.execute(query)).mappings().first()
    return None if row is None else _shown(principal, row)


async def leads_of(
    sessions: Sessions,
    principal: Principal,
    *,
    status: str | None,
    limit: int,
    offset: int,
    awaiting_reassignment: bool = False,
    order: LeadOrder = LeadOrder.NEWEST,
    nurture: bool = False,
) -> list[ScoredLead]:
    """The leads the caller may see (a consultant: their private sea), newest first or by
    score, each with its score, personal data masked where the caller may not see it in full.
    ``awaiting_reassignment``: only the open leads escalated for stalling in their grade that
    nobody has reassigned since (the re-assignment ladder's list for managers), longest
    escalated first. ``nurture``: only the open leads on the nurture list, longest there
    first."""
    query = (
        _with_shared_level(principal)
        .add_columns(*SCORE_COLUMNS)
        .select_from(scored())
        .where(visible_leads(principal))
    )
    if status is not None:
        query = query.where(leads.c.status == status)
    if nurture:
        query = query.where(leads.c.status == "open", leads.c.nurture_since.is_not(None)).order_by(
            leads.c.nurture_since
        )
    if awaiting_reassignment:
        query = query.where(
            leads.c.status == "open",
            leads.c.escalated_at.is_not(None),
            leads.c.owned_since <= leads.c.escalated_at,
        ).order_by(leads.c.escalated_at)
    if order is LeadOrder.SCORE:
        query = query.order_by(*BY_SCORE)
    query = query.order_by(leads.c.created_at.desc(), leads.c.id).limit(limit).offset(offset)
    async with sessions() as session:
        rows = (await session.execute(query)).mappings().all()
    return [
        ScoredLead(**_shown(principal, row).lead.model_dump(), score=score_of(row)) for row in rows
    ]


async def _is_visible(session: AsyncSession, principal: Principal, lead_id: UUID) -> bool:
    visible = await session.execute(
        select(leads.c.id).where(leads.c.id == lead_id, visible_leads(principal))
    )
    return visible.first() is not None


async def history_of(
    sessions: Sessions, principal: Principal, lead_id: UUID, *, limit: int, offset: int
) -> list[HistoryEntry] | None:
    """A page of the lead's changes, oldest first; None when the lead is not visible to the
    caller."""
    async with sessions() as session:
        if not await _is_visible(session, principal, lead_id):
            return None
        query = (
            select(lead_history)
            .where(lead_history.c.lead_id == lead_id)
            .order_by(lead_history.c.id)
            .limit(limit)
            .offset(offset)
        )
        rows = (await session.execute(query)).mappings().all()
    return [HistoryEntry.model_validate(dict(row)) for row in rows]


async def audit_of(
    sessions: Sessions, principal: Principal, lead_id: UUID, *, limit: int, offset: int
) -> list[AuditEntryPublic] | None:
    """A page of who read or changed the lead's personal data, oldest first (the entries of
    books whose records the caller sees in full); None when the lead is not visible to the
    caller."""
    async with sessions() as session:
        if not await _is_visible(session, principal, lead_id):
            return None
        entries = await audit_entries(session, principal, str(lead_id), limit=limit, offset=offset)
    return [AuditEntryPublic.model_validate(dict(entry)) for entry in entries]


async def grades_of(sessions: Sessions, principal: Principal, lead_id: UUID) -> GradeScheme | None:
    """The scheme the lead's follow-ups grade it by: its home pool's (the pool it waits in, or
    while owned the one it came from), as a follow-up applies it; None when the lead is not
    visible to the caller."""
    query = (
        select(pools.c.tenant, pools.c.owner_org, pools.c.rules)
        .select_from(leads.join(pools, pools.c.id == leads.c.home_pool_id))
        .where(leads.c.id == lead_id, visible_leads(principal))
    )
    async with sessions() as session:
        row = (await session.execute(query)).first()
        if row is None:
            return None
        tenant, book, rules = row
        name = PoolRules.model_validate(rules).grade_scheme
        return await grade_scheme_store.scheme_of(session, tenant, book, name)
