"""Read side of competitors: the lists a caller may use, the competitors an opportunity meets,
and the win/loss report by competitor and model (the figures of the books the caller sees)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field
from sqlalchemy import and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.db.tables import org_directory
from crm_common.policy import DataType, SharingLevel, visible_to
from crm_common.runtime.paging import capped
from crm_opportunities.adapters.access import visible_opportunities
from crm_opportunities.adapters.tables import competitors, opportunities, opportunity_competitors
from crm_opportunities.domain.competition import (
    MAX_IN_PLAY,
    MAX_MODELS,
    ContestedDeal,
    Tally,
    tally_competition,
)
from crm_opportunities.domain.periods import ReportPeriod

Sessions = async_sessionmaker[AsyncSession]
o, c, oc = opportunities, competitors, opportunity_competitors


class CompetitorPublic(BaseModel):
    id: UUID
    owner_org: str = Field(description="The book whose list it is on (HQ's is every dealer's)")
    name: str
    models: list[str] = Field(max_length=MAX_MODELS, description="Capped where they are set")
    active: bool


def _lists_seen_by(principal: Principal) -> Any:
    """The lists of the books the caller sees, and of the nodes above the caller."""
    my_path = (
        select(org_directory.c.path)
        .where(org_directory.c.tenant == principal.tenant, org_directory.c.id == principal.org_node)
        .scalar_subquery()
    )
    above = select(org_directory.c.id).where(
        org_directory.c.tenant == principal.tenant,
        org_directory.c.path != my_path,
        func.starts_with(my_path, org_directory.c.path),
    )
    own_books = visible_to(
        principal,
        DataType.OPPORTUNITY,
        tenant=c.c.tenant,
        owner_org=c.c.owner_org,
        need=SharingLevel.AGGREGATE,
    )
    return or_(own_books, (c.c.tenant == principal.tenant) & c.c.owner_org.in_(above))


async def competitors_for(
    sessions: Sessions, principal: Principal, *, retired: bool, limit: int, offset: int
) -> list[CompetitorPublic]:
    """A page of the competitors on the lists the caller uses or sees, by book and name."""
    query = select(c).where(_lists_seen_by(principal))
    if not retired:
        query = query.where(c.c.active)
    query = query.order_by(c.c.owner_org, c.c.name, c.c.id).limit(limit).offset(offset)
    async with sessions() as session:
        rows = (await session.execute(query)).mappings().all()
    return [CompetitorPublic.model_validate(dict(row)) for row in rows]


async def competitor_for(
    sessions: Sessions, principal: Principal, competitor_id: UUID
) -> CompetitorPublic | None:
    query = select(c).where(c.c.id == competitor_id, _lists_seen_by(principal))
    async with sessions() as session:
        row = (await session.execute(query)).mappings().first()
    return None if row is None else CompetitorPublic.model_validate(dict(row))


class CompetitorInPlayPublic(BaseModel):
    competitor_id: UUID
    name: str
    models: list[str] = Field(max_length=MAX_MODELS, description="Capped where they are set")
    recorded_by: str


class CompetitorsInPlayPublic(BaseModel):
    """Whom an opportunity meets (at most ten competitors)."""

    opportunity_id: UUID
    competitors: list[CompetitorInPlayPublic] = Field(
        max_length=MAX_IN_PLAY, description="By name (capped where they are set)"
    )


async def in_play_on(
    sessions: Sessions, principal: Principal, opportunity_id: UUID
) -> CompetitorsInPlayPublic | None:
    """The competitors the opportunity meets, by name; None when the caller may not see it."""
    async with sessions() as session:
        visible = await session.execute(
            select(o.c.id).where(o.c.id == opportunity_id, visible_opportunities(principal))
        )
        if visible.first() is None:
            return None
        rows = await session.execute(
            select(oc.c.competitor_id, c.c.name, oc.c.models, oc.c.recorded_by)
            .join(c, c.c.id == oc.c.competitor_id)
            .where(oc.c.opportunity_id == opportunity_id)
            .order_by(c.c.name)
        )
        return CompetitorsInPlayPublic(
            opportunity_id=opportunity_id,
            competitors=[CompetitorInPlayPublic.model_validate(dict(r)) for r in rows.mappings()],
        )


class CompetitionFigures(BaseModel):
    open: int = Field(description="Open opportunities it is in play on (now)")
    open_amount: Decimal
    won: int = Field(description="Deals won in the period while it was in play")
    won_amount: Decimal
    lost: int = Field(
        description="Deals lost to it in the period: the loss names it, or it was in play and "
        "the loss names nobody"
    )
    lost_amount: Decimal
    win_rate: float | None = Field(description="won / (won + lost); None when none decided")


class CompetitorModelFigures(CompetitionFigures):
    model: str


MOST_COMPETITORS = 100
"""Competitors the report lists, the most contested: losses name them in free text too."""
MOST_MODELS = 50
"""Models of a competitor the report lists, the most contested."""


class CompetitorFigures(CompetitionFigures):
    competitor: str
    models: list[CompetitorModelFigures] = Field(
        max_length=MOST_MODELS, description=f"The {MOST_MODELS} most contested first"
    )
    models_truncated: bool = Field(description="More of its models were contested than listed")


class CompetitionReport(BaseModel):
    date_from: date
    date_to: date
    competitors: list[CompetitorFigures] = Field(
        max_length=MOST_COMPETITORS, description=f"The {MOST_COMPETITORS} most contested first"
    )
    competitors_truncated: bool = Field(
        description="More competitors were met than listed: ask for a shorter period for fewer"
    )


def _figures(tally: Tally) -> dict[str, Any]:
    return {
        "open": tally.open,
        "open_amount": tally.open_amount,
        "won": tally.won,
        "won_amount": tally.won_amount,
        "lost": tally.lost,
        "lost_amount": tally.lost_amount,
        "win_rate": tally.win_rate,
    }


async def competition(
    sessions: Sessions, principal: Principal, *, period: ReportPeriod, business_tz: ZoneInfo
) -> CompetitionReport:
    """Win/loss by competitor and model: the deals decided in the period and the open ones now,
    in the books whose figures the caller sees."""
    start, end = period.instants(business_tz)
    decided = and_(o.c.status.in_(("won", "lost")), o.c.closed_at >= start, o.c.closed_at < end)
    query = (
        select(
            o.c.id,
            o.c.status,
            o.c.amount,
            o.c.competitor,
            o.c.competitor_model,
            c.c.name,
            oc.c.models,
        )
        .select_from(
            o.outerjoin(oc, oc.c.opportunity_id == o.c.id).outerjoin(
                c, c.c.id == oc.c.competitor_id
            )
        )
        .where(
            o.c.tenant == principal.tenant,
            visible_opportunities(principal, need=SharingLevel.AGGREGATE),
            or_(o.c.status == "open", decided),
            or_(oc.c.competitor_id.is_not(None), o.c.competitor.is_not(None)),
        )
    )
    deals: dict[UUID, dict[str, Any]] = {}
    in_play: dict[UUID, dict[str, tuple[str, ...]]] = defaultdict(dict)
    async with sessions() as session:
        for row in await session.execute(query):
            deals[row.id] = {
                "status": row.status,
                "amount": row.amount,
                "lost_to": row.competitor if row.status == "lost" else None,
                "lost_to_model": row.competitor_model if row.status == "lost" else None,
            }
            if row.name is not None:
                in_play[row.id][row.name] = tuple(row.models)
    tallies, truncated = capped(
        tally_competition(
            ContestedDeal(in_play=in_play[deal_id], **deal) for deal_id, deal in deals.items()
        ),
        MOST_COMPETITORS,
    )
    models = {
        t.competitor: capped(
            sorted(t.models.items(), key=lambda item: (-item[1].contested, item[0])), MOST_MODELS
        )
        for t in tallies
    }
    return CompetitionReport(
        date_from=period.first_day,
        date_to=period.last_day,
        competitors=[
            CompetitorFigures(
                competitor=t.competitor,
                models=[
                    CompetitorModelFigures(model=model, **_figures(figures))
                    for model, figures in models[t.competitor][0]
                ],
                models_truncated=models[t.competitor][1],
                **_figures(t.figures),
            )
            for t in tallies
        ],
        competitors_truncated=truncated,
    )
