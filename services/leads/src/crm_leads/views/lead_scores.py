"""Read side of lead scoring: a lead's score beside it in the lists, and the models' quality
report. A score is shown with its lead only (whoever may see the lead sees it) and only while
the lead is in the book it was scored for; a model's report is a figure of its book, read at
the aggregate level the shared policy grants."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, Join, and_, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.policy import DataType, SharingLevel, visible_to
from crm_leads.adapters.tables import lead_score_models, lead_scores, leads
from crm_leads.domain.lead_scoring import ScoreModel, ScoreScope

Sessions = async_sessionmaker[AsyncSession]
STRONGEST_FACTORS = 8


class ScoreFactor(BaseModel):
    factor: str = Field(
        description="A feature: a count (calls, visits, test_drives, messages, receptions, "
        "grade_changes, hours_to_first_follow_up, no_follow_up, distributed) or a category "
        "(source=…, grade=…, origin=…, interest=…)"
    )
    effect: float = Field(
        description="Its effect on the log-odds of converting, against the average lead the "
        "model learnt from (positive raises the score)"
    )


class LeadScorePublic(BaseModel):
    """The chance the lead converts, by the model of its book, and why."""

    score: int = Field(ge=0, le=100, description="Chance of converting, in percent")
    factors: list[ScoreFactor] = Field(description="The largest effects, strongest first")
    model_version: int
    model_scope: ScoreScope = Field(
        description="dealer: the book's own model; region: its region's (the dealer has too "
        "little history of its own)"
    )
    scored_at: datetime


def scored() -> Join:
    """The leads with their scores, where they have one for their current book."""
    return leads.outerjoin(
        lead_scores,
        and_(
            lead_scores.c.lead_id == leads.c.id,
            lead_scores.c.owner_org == leads.c.owner_org,
        ),
    ).outerjoin(lead_score_models, lead_score_models.c.id == lead_scores.c.model_id)


SCORE_COLUMNS: tuple[ColumnElement[Any], ...] = (
    lead_scores.c.score.label("score_value"),
    lead_scores.c.factors.label("score_factors"),
    lead_scores.c.scored_at.label("scored_at"),
    lead_score_models.c.version.label("score_model_version"),
    lead_score_models.c.scope.label("score_model_scope"),
)
BY_SCORE = (lead_scores.c.score.desc().nulls_last(),)
"""Highest score first, leads with no score yet after them."""


def score_of(row: Any) -> LeadScorePublic | None:
    if row["score_value"] is None:
        return None
    return LeadScorePublic(
        score=row["score_value"],
        factors=row["score_factors"],
        model_version=row["score_model_version"],
        model_scope=row["score_model_scope"],
        scored_at=row["scored_at"],
    )


class CalibrationBinPublic(BaseModel):
    predicted: float = Field(description="Average predicted chance of the group's leads")
    observed: float = Field(description="Share of them that converted")
    leads: int


class ScoreModelReport(BaseModel):
    """One trained version of a book's model and its quality on the held-out month."""

    id: UUID
    owner_org: str = Field(description="The book (dealer, or region/HQ node) it learnt from")
    scope: ScoreScope
    version: int
    trained_at: datetime
    converted: int = Field(description="Converted leads it learnt from")
    lost: int = Field(description="Lost leads it learnt from")
    held_out_from: datetime = Field(
        description="Its quality is measured on the leads closed from then to its training, by "
        "a fit that did not see them"
    )
    held_out_leads: int
    auc: float = Field(description="Area under the ROC curve on the held-out month (0.5: chance)")
    brier: float = Field(description="Mean squared error of the predicted chance (0: perfect)")
    calibration: list[CalibrationBinPublic] = Field(
        description="The held-out leads in equal groups by score, lowest first"
    )
    in_use: bool = Field(
        description="Whether it scores leads: a model no better than chance does not, nor any "
        "but a book's newest version"
    )
    strongest_factors: list[ScoreFactor] = Field(
        description="Its largest weights (effect of one unit of the feature)"
    )


async def score_models(
    sessions: Sessions,
    principal: Principal,
    *,
    book: str | None,
    limit: int,
    offset: int,
) -> list[ScoreModelReport]:
    """The model versions of the books whose figures the caller may see, newest first."""
    m = lead_score_models
    newest = (
        select(m.c.tenant, m.c.owner_org, func.max(m.c.version).label("version"))
        .group_by(m.c.tenant, m.c.owner_org)
        .subquery()
    )
    query = select(m, newest.c.version.label("newest")).join(
        newest, and_(newest.c.tenant == m.c.tenant, newest.c.owner_org == m.c.owner_org)
    )
    query = query.where(
        visible_to(
            principal,
            DataType.LEAD,
            tenant=m.c.tenant,
            owner_org=m.c.owner_org,
            need=SharingLevel.AGGREGATE,
        )
    )
    if book is not None:
        query = query.where(m.c.owner_org == book)
    query = query.order_by(m.c.trained_at.desc(), m.c.owner_org, m.c.version.desc())
    async with sessions() as session:
        rows = (await session.execute(query.limit(limit).offset(offset))).mappings().all()
    return [
        ScoreModelReport.model_validate(
            {
                **row,
                "in_use": row["in_use"] and row["version"] == row["newest"],
                "strongest_factors": [
                    {"factor": f.factor, "effect": round(f.effect, 4)}
                    for f in ScoreModel.from_parameters(row["parameters"]).strongest(
                        STRONGEST_FACTORS
                    )
                ],
            }
        )
        for row in rows
    ]
