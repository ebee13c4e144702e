"""Leaderboards over HTTP: read from Redis, rebuilt from PostgreSQL when Redis lost them."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.runtime.dependencies import Cache, Database
from crm_kpi.application.leaderboards import MOST_ENTRIES, leaderboard
from crm_kpi.domain.leaderboards import Metric

router = APIRouter(prefix="/kpi", tags=["leaderboards"])


class LeaderboardEntry(BaseModel):
    rank: int = Field(description="1 is the best; equal scores share a rank")
    member: str = Field(description="Consultant (user id) or dealer (org node)")
    name: str | None = Field(
        default=None,
        description="The consultant's display name; None on the board of dealers and for a "
        "consultant whose name kpi has not learnt yet (identity.UserChanged version 2)",
    )
    score: Decimal
    team: str | None = Field(default=None, description="The consultant's team node")


class Leaderboard(BaseModel):
    month: str
    metric: Metric
    dealer_id: str = Field(description="The dealer whose consultants rank, or * for dealers")
    entries: list[LeaderboardEntry] = Field(
        max_length=MOST_ENTRIES, description=f"The best {MOST_ENTRIES:,}, best first"
    )
    entries_truncated: bool = Field(
        description="More were ranked than entries shows: ask for one dealer's consultants"
        " (dealer_id) for fewer"
    )


@router.get(
    "/leaderboards",
    response_model=Leaderboard,
    responses={
        403: {"description": "The role lacks kpi.read"},
        404: {"description": "No such board visible to the caller"},
    },
)
async def ranking_of_the_month(
    request: Request,
    principal: Annotated[Principal, requires("kpi.read")],
    db: Database,
    redis: Cache,
    month: Annotated[str, Query(pattern=r"^\d{4}-\d{2}$", description="YYYY-MM")],
    metric: Metric = Metric.UNITS,
    dealer_id: Annotated[str | None, Query(max_length=64)] = None,
) -> Leaderboard:
    """Consultants of a dealer (``dealer_id``) or dealers (without it) ranked by units won,
    revenue or gross margin in the month, net of cancelled orders. A consultant sees their own
    dealer's board limited to their team and themselves; the OEM sees the dealers that share
    figures with it; a region manager the dealers of the region. Consultants come with their
    display names: colleagues' names on a board the reader may see are staff data, not a
    customer's, so they need no ``user.read``."""
    namespace: str = request.app.state.settings.kafka_namespace
    board = await leaderboard(
        redis, namespace, db, principal, month=month, metric=metric, dealer_id=dealer_id
    )
    return Leaderboard(
        month=board.month,
        metric=board.metric,
        dealer_id=board.dealer_id,
        entries_truncated=board.truncated,
        entries=[
            LeaderboardEntry(
                rank=e.rank,
                member=e.member,
                name=board.names.get(e.member),
                score=e.score,
                team=board.teams.get(e.member),
            )
            for e in board.entries
        ],
    )
