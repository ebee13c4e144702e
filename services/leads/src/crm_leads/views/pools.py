"""Read side of pools (公海): which pools the caller sees, what waits in one, and its fairness
report. Scoped by the shared policy and pool membership, never by hand."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, case, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.policy import DataType, SharingLevel, name_seen_at, phone_seen_at, visible_to
from crm_leads.adapters.access import (
    in_pools_open_to,
    managed_pools,
    pools_open_to,
    visible_leads,
)
from crm_leads.adapters.grade_scheme_store import scheme_of
from crm_leads.adapters.tables import LEAD_IS_OPEN, inline, lead_history, leads, pools
from crm_leads.domain.collusion import Handover, flagged_pairs
from crm_leads.domain.lead import LeadSource
from crm_leads.domain.pool_rules import AutoAssignment, PoolKind, PoolRules
from crm_leads.views.lead_scores import BY_SCORE, SCORE_COLUMNS, LeadScorePublic, score_of, scored

Sessions = async_sessionmaker[AsyncSession]


class PoolPublic(BaseModel):
    id: UUID
    owner_org: str
    name: str
    kind: PoolKind
    auto_assignment: AutoAssignment
    is_default: bool
    rules: PoolRules


class PooledLead(BaseModel):
    """A lead waiting in the public sea: enough to decide to claim it, personal data masked."""

    id: UUID
    customer_name: str
    phone: str
    source: LeadSource
    vehicle_interest: str | None
    region_hint: str | None = Field(description="The region node the customer is in")
    grade: str | None
    created_at: datetime
    released_at: datetime | None
    score: LeadScorePublic | None = Field(
        description="Its predicted chance of converting; None: no score yet"
    )


MOST_CONSULTANTS = 1_000
"""Consultants a pool's report lists: a dealer's pool has far fewer; the figures count all."""
MOST_PAIRS = 100
"""Flagged pairs a report lists, the most handovers first."""
MOST_PING_PONG_LEADS = 50
"""Leads a flagged pair is shown passing back and forth."""


class ConsultantFairness(BaseModel):
    user_id: str
    open_leads: int
    claimed: int
    assigned: int
    released: int
    recycle_rate: float | None = Field(description="Released / received within the window")


class FlaggedPairPublic(BaseModel):
    released_by: str
    claimed_by: str
    handovers: int
    ping_pong_leads: list[UUID] = Field(
        max_length=MOST_PING_PONG_LEADS,
        description=f"Leads passed back and forth, the first {MOST_PING_PONG_LEADS} by id",
    )
    last_at: datetime


class PoolReport(BaseModel):
    """Pool fairness and anti-collusion evidence over the last ``window_days``."""

    pool_id: UUID
    window_days: int
    waiting: int
    average_hours_waiting: float | None
    consultants: list[ConsultantFairness] = Field(
        max_length=MOST_CONSULTANTS,
        description=f"The first {MOST_CONSULTANTS:,} consultants by id (min and max count all)",
    )
    consultants_truncated: bool = Field(description="More consultants took part than listed")
    open_leads_min: int
    open_leads_max: int
    flagged_pairs: list[FlaggedPairPublic] = Field(
        max_length=MOST_PAIRS, description=f"The {MOST_PAIRS} pairs with the most handovers"
    )
    flagged_pairs_truncated: bool = Field(description="More pairs were flagged than listed")


def _pools_visible_to(principal: Principal) -> ColumnElement[bool]:
    """Pools the caller may claim from, and pools of the org nodes the caller manages."""
    managed = visible_to(
        principal, DataType.LEAD, tenant=pools.c.tenant, owner_org=pools.c.owner_org
    )
    return pools_open_to(principal) | managed


async def pools_for(
    sessions: Sessions, principal: Principal, *, limit: int, offset: int
) -> list[PoolPublic]:
    """A page of the pools the caller may claim from or manages, by book and name."""
    query = (
        select(pools)
        .where(_pools_visible_to(principal))
        .order_by(pools.c.owner_org, pools.c.name, pools.c.id)
        .limit(limit)
        .offset(offset)
    )
    async with sessions() as session:
        rows = (await session.execute(query)).mappings().all()
    return [PoolPublic.model_validate(dict(row)) for row in rows]


async def pool_for(sessions: Sessions, principal: Principal, pool_id: UUID) -> PoolPublic | None:
    query = select(pools).where(pools.c.id == pool_id, _pools_visible_to(principal))
    async with sessions() as session:
        row = (await session.execute(query)).mappings().first()
    return None if row is None else PoolPublic.model_validate(dict(row))


async def managed_pool(
    sessions: Sessions, principal: Principal, pool_id: UUID
) -> PoolPublic | None:
    """The pool if it belongs to a book the caller may change (not merely open to them)."""
    query = select(pools).where(pools.c.id == pool_id, managed_pools(principal))
    async with sessions() as session:
        row = (await session.execute(query)).mappings().first()
    return None if row is None else PoolPublic.model_validate(dict(row))


class PoolOrder(StrEnum):
    """How a pool's waiting leads are listed."""

    RECENTLY_RELEASED = "recently_released"
    NEWEST = "newest"
    OLDEST = "oldest"
    GRADE = "grade"
    """Hottest grade of the pool's scheme first, ungraded last."""
    REGION = "region"
    VEHICLE_INTEREST = "vehicle_interest"
    SOURCE = "source"
    SCORE = "score"
    """Highest predicted chance of converting first, leads with no score yet last."""


@dataclass(frozen=True, slots=True)
class PoolFilter:
    """A pool member's own criteria (DOMAIN.md: members claim by region, expertise...): every
    one given must hold."""

    regions: Sequence[str] = ()
    vehicle_interest: str | None = None
    """Words the lead's vehicle interest contains (case-insensitive)."""
    sources: Sequence[str] = ()
    grades: Sequence[str] = ()
    min_age_days: int | None = None
    max_age_days: int | None = None
    """Age: days since the lead came in."""


async def leads_in_pool(
    sessions: Sessions,
    principal: Principal,
    pool_id: UUID,
    *,
    limit: int,
    offset: int,
    now: datetime,
    narrowed: PoolFilter = PoolFilter(),
    order: PoolOrder = PoolOrder.RECENTLY_RELEASED,
) -> list[PooledLead]:
    """The public sea of one pool, narrowed and ordered as the member asks (by default the
    most recently released first); ties newest first. Personal data masked until someone
    claims the lead."""
    query = (
        select(leads, *SCORE_COLUMNS)
        .select_from(scored())
        .where(leads.c.pool_id == pool_id, leads.c.status == inline("open"))
        .where(in_pools_open_to(principal) | visible_leads(principal))
    )
    f = narrowed
    if f.regions:
        query = query.where(leads.c.region_hint.in_(f.regions))
    if f.vehicle_interest:
        query = query.where(
            leads.c.vehicle_interest.icontains(f.vehicle_interest.strip(), autoescape=True)
        )
    if f.sources:
        query = query.where(leads.c.source.in_(f.sources))
    if f.grades:
        query = query.where(leads.c.grade.in_(f.grades))
    if f.min_age_days is not None:
        query = query.where(leads.c.created_at <= now - timedelta(days=f.min_age_days))
    if f.max_age_days is not None:
        query = query.where(leads.c.created_at > now - timedelta(days=f.max_age_days + 1))
    async with sessions() as session:
        if order is PoolOrder.GRADE:
            pool = (
                await session.execute(
                    select(pools.c.tenant, pools.c.owner_org, pools.c.rules).where(
                        pools.c.id == pool_id
                    )
                )
            ).one()
            rules = PoolRules.model_validate(pool.rules)
            grades = await scheme_of(session, pool.tenant, pool.owner_org, rules.grade_scheme)
            codes = [g.code for g in grades.grades]
            first: tuple[Any, ...] = (
                case(
                    {code: rank for rank, code in enumerate(codes)},
                    value=leads.c.grade,
                    else_=len(codes),
                ),
            )
        else:
            first = {
                PoolOrder.RECENTLY_RELEASED: (leads.c.released_at.desc().nulls_last(),),
                PoolOrder.NEWEST: (),
                PoolOrder.OLDEST: (leads.c.created_at.asc(),),
                PoolOrder.REGION: (leads.c.region_hint.asc().nulls_last(),),
                PoolOrder.VEHICLE_INTEREST: (leads.c.vehicle_interest.asc().nulls_last(),),
                PoolOrder.SOURCE: (leads.c.source.asc(),),
                PoolOrder.SCORE: BY_SCORE,
            }[order]
        query = (
            query.order_by(*first, leads.c.created_at.desc(), leads.c.id)
            .limit(limit)
            .offset(offset)
        )
        rows = (await session.execute(query)).mappings().all()
    return [
        PooledLead.model_validate(
            {
                **row,
                "customer_name": name_seen_at(SharingLevel.MASKED, row["customer_name"]),
                "phone": phone_seen_at(SharingLevel.MASKED, row["phone"]),
                "score": score_of(row),
            }
        )
        for row in rows
    ]


async def pool_report(
    sessions: Sessions, pool_id: UUID, *, window_days: int, now: datetime
) -> PoolReport:
    """Fairness of one pool (who holds, receives and loses its leads; how long leads wait)
    and the anti-collusion evidence, over the window. The caller checked access to the pool."""
    since = now - timedelta(days=window_days)
    h = lead_history
    of_pool = select(leads.c.id).where(leads.c.home_pool_id == pool_id)
    async with sessions() as session:
        rules = PoolRules.model_validate(
            (await session.execute(select(pools.c.rules).where(pools.c.id == pool_id))).scalar()
        )
        waiting = (
            await session.execute(
                select(
                    func.count(),
                    func.avg(
                        func.extract(
                            "epoch",
                            literal(now) - func.coalesce(leads.c.released_at, leads.c.created_at),
                        )
                    ),
                ).where(leads.c.pool_id == pool_id, leads.c.status == inline("open"))
            )
        ).one()
        moves = await session.execute(
            select(h.c.kind, h.c.from_user, h.c.to_user, func.count())
            .where(
                h.c.lead_id.in_(of_pool),
                h.c.at >= since,
                h.c.kind.in_(["claimed", "assigned", "released"]),
            )
            .group_by(h.c.kind, h.c.from_user, h.c.to_user)
        )
        owned: dict[str, int] = dict(
            (
                await session.execute(
                    select(leads.c.owner_user, func.count())
                    .where(
                        leads.c.home_pool_id == pool_id,
                        leads.c.owner_user.is_not(None),
                        LEAD_IS_OPEN,
                    )
                    .group_by(leads.c.owner_user)
                )
            ).all()
        )
        handovers = [
            Handover(row.lead_id, row.from_user, row.to_user, row.at)
            for row in await session.execute(
                select(h.c.lead_id, h.c.from_user, h.c.to_user, h.c.at).where(
                    h.c.lead_id.in_(of_pool),
                    h.c.kind == inline("claimed"),
                    h.c.from_user.is_not(None),
                    h.c.at >= since,
                )
            )
        ]
    per_user: dict[str, dict[str, int]] = {}
    for kind, from_user, to_user, n in moves:
        user = from_user if kind == "released" else to_user
        if user is not None:
            per_user.setdefault(user, {"claimed": 0, "assigned": 0, "released": 0})[kind] += n
    for user in owned:
        per_user.setdefault(user, {"claimed": 0, "assigned": 0, "released": 0})
    consultants = []
    for user, counts in sorted(per_user.items()):
        received = counts["claimed"] + counts["assigned"]
        consultants.append(
            {
                "user_id": user,
                "open_leads": owned.get(user, 0),
                **counts,
                "recycle_rate": round(counts["released"] / received, 3) if received else None,
            }
        )
    holdings = [owned.get(user, 0) for user in per_user] or [0]
    average_seconds = waiting[1]
    pairs = flagged_pairs(
        handovers, rules.collusion.model_copy(update={"window_days": window_days}), now
    )
    return PoolReport.model_validate(
        {
            "pool_id": pool_id,
            "window_days": window_days,
            "waiting": waiting[0],
            "average_hours_waiting": None
            if average_seconds is None
            else round(float(average_seconds) / 3600, 1),
            "consultants": consultants[:MOST_CONSULTANTS],
            "consultants_truncated": len(consultants) > MOST_CONSULTANTS,
            "open_leads_min": min(holdings),
            "open_leads_max": max(holdings),
            "flagged_pairs": [
                {
                    "released_by": p.released_by,
                    "claimed_by": p.claimed_by,
                    "handovers": p.handovers,
                    "ping_pong_leads": list(p.ping_pong_leads[:MOST_PING_PONG_LEADS]),
                    "last_at": p.last_at,
                }
                for p in pairs[:MOST_PAIRS]
            ],
            "flagged_pairs_truncated": len(pairs) > MOST_PAIRS,
        }
    )
