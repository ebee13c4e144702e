"""Response bodies of the sales views: the pipeline board, funnel, forecast, stale list and
win/loss analysis. Money in the opportunity's currency (CNY unless the record says otherwise)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, Field

from crm_opportunities.domain.periods import Granularity, Grouping

_MASKED = "Masked unless the caller may see the customer's data in full"


class BoardCard(BaseModel):
    id: UUID
    customer_name: str = Field(description=_MASKED)
    vehicle_interest: str | None
    amount: Decimal
    currency: str
    probability: int
    expected_close_on: date | None
    age_days: int = Field(description="Whole days since the opportunity opened")
    days_in_stage: int = Field(description="Whole days since it entered its stage")
    stale: bool = Field(description="Days in stage exceed the stage's days-to-rot")
    owner_user: str
    owner_org: str


class BoardStage(BaseModel):
    code: str
    name: str
    probability: int | None = Field(description="Win probability of the stage, %")
    rot_days: int | None = Field(description="Days in the stage after which a card is stale")
    count: int = Field(description="Open opportunities in the stage")
    amount: Decimal
    cards: list[BoardCard] = Field(description="The first cards, longest in the stage first")


class PipelineBoard(BaseModel):
    pipeline_id: UUID
    name: str
    owner_org: str
    stages: list[BoardStage] = Field(description="Left to right, in the pipeline's order")


class StageName(BaseModel):
    code: str
    name: str


class FunnelStep(BaseModel):
    code: str
    reached: int = Field(description="Opportunities that entered the stage")
    open: int = Field(description="Opportunities open in the stage now")
    open_amount: Decimal
    converted: int | None = Field(
        description="Of those that reached the stage, how many reached the next one"
    )
    conversion_rate: float | None = Field(description="converted / reached")


class FunnelFigures(BaseModel):
    created: int
    amount: Decimal
    open: int
    open_amount: Decimal
    won: int
    won_amount: Decimal
    lost: int
    lost_amount: Decimal
    stages: list[FunnelStep]


class FunnelGroup(FunnelFigures):
    group: str | None = Field(description="Consultant, team, dealer or region id")


class Funnel(BaseModel):
    date_from: date
    date_to: date
    group_by: Grouping | None
    stages: list[StageName] = Field(description="The funnel's stages, top to bottom")
    total: FunnelFigures
    groups: list[FunnelGroup]


class ForecastPeriod(BaseModel):
    period_start: date = Field(description="First day of the month or ISO week")
    open_count: int = Field(description="Open opportunities expected to close in the period")
    pipeline_amount: Decimal
    weighted_amount: Decimal = Field(description="Sum of amount times the stage's win probability")
    won_count: int = Field(description="Opportunities won (closed) in the period")
    won_amount: Decimal
    planned_amount: Decimal = Field(description="Planned collections due in the period")
    collected_amount: Decimal = Field(description="Collected of those planned collections")
    expected_amount: Decimal = Field(description="won_amount + weighted_amount")


class ForecastGroup(BaseModel):
    group: str | None
    periods: list[ForecastPeriod]


class Forecast(BaseModel):
    date_from: date
    date_to: date
    period: Granularity
    group_by: Grouping | None
    periods: list[ForecastPeriod]
    groups: list[ForecastGroup]


class StaleOpportunity(BaseModel):
    id: UUID
    customer_name: str = Field(description=_MASKED)
    vehicle_interest: str | None
    amount: Decimal
    currency: str
    probability: int
    expected_close_on: date | None
    pipeline_id: UUID
    stage: str
    stage_name: str | None
    stage_entered_at: datetime
    days_in_stage: int
    rot_days: int
    owner_user: str
    owner_team: str
    owner_org: str


class LostReason(BaseModel):
    reason: str | None
    count: int


class CompetitorModel(BaseModel):
    model: str | None
    count: int


class Competitor(BaseModel):
    competitor: str
    count: int = Field(description="Opportunities lost to this competitor")
    amount: Decimal
    models: list[CompetitorModel]


class WinLossFigures(BaseModel):
    won: int
    won_amount: Decimal
    lost: int
    lost_amount: Decimal
    win_rate: float | None = Field(description="won / (won + lost); None when nothing closed")
    lost_reasons: list[LostReason] = Field(description="Most frequent first")
    competitors: list[Competitor] = Field(description="Most frequent first")


class WinLossGroup(WinLossFigures):
    group: str | None


class WinLoss(BaseModel):
    date_from: date
    date_to: date
    group_by: Grouping | None
    total: WinLossFigures
    groups: list[WinLossGroup]
