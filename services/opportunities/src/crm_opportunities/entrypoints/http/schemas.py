"""Request and answer bodies of the opportunities API (quotes and orders: sales_schemas)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, model_validator

from crm_opportunities.domain.evaluation import Question, Questionnaire
from crm_opportunities.domain.pipeline import Pipeline, Stage


class Request(BaseModel):
    """Tenancy and ownership come from the token: unknown fields are refused (422)."""

    model_config = ConfigDict(extra="forbid")


class OpportunityCreate(Request):
    customer_name: str = Field(min_length=1, max_length=200)
    phone: str | None = Field(default=None, max_length=20)
    vehicle_interest: str | None = Field(default=None, max_length=200)
    model_code: str | None = Field(default=None, max_length=40)
    amount: Decimal = Field(default=Decimal(0), ge=0, max_digits=14, decimal_places=2)
    expected_close_on: date | None = None


class StageMove(Request):
    stage: str = Field(min_length=1, max_length=40)


class ActivityCreate(Request):
    kind: str = Field(min_length=1, max_length=40, pattern=r"^[a-z][a-z0-9_]*$")
    note: str | None = Field(default=None, max_length=2000)


class TestDriveCreate(Request):
    model_code: str = Field(min_length=1, max_length=40)
    licence_number: str = Field(min_length=4, max_length=40)
    licence_checked: bool = Field(description="The driving licence was seen and is valid")
    started_at: datetime
    ended_at: datetime | None = None
    vehicle_vin: str | None = Field(default=None, min_length=17, max_length=17)
    rating: int | None = Field(default=None, ge=1, le=5)
    feedback: str | None = Field(default=None, max_length=2000)


class LossReport(Request):
    reason: str = Field(min_length=1, max_length=500)
    competitor: str | None = Field(default=None, max_length=200)
    competitor_model: str | None = Field(default=None, max_length=200)


class Reassignment(Request):
    to_user: str = Field(min_length=1, max_length=64)


class Recorded(BaseModel):
    id: UUID


class StagePublic(BaseModel):
    code: str
    name: str
    probability: int
    required_activities: list[str]
    rot_days: int | None


class PipelinePublic(BaseModel):
    id: UUID
    owner_org: str
    name: str
    is_default: bool
    is_template: bool = Field(description="Published by HQ or a region for its dealers to adopt")
    stages: list[StagePublic]


class TradeInCreate(Request):
    make: str = Field(min_length=1, max_length=80)
    model: str = Field(min_length=1, max_length=80)
    year: int = Field(ge=1980, le=2100)
    mileage_km: int = Field(ge=0, le=2_000_000)
    vin: str | None = Field(default=None, min_length=17, max_length=17)
    appraised_value: Decimal = Field(gt=0, max_digits=14, decimal_places=2)


class PipelineCreate(Request):
    name: str = Field(min_length=1, max_length=200)
    stages: tuple[Stage, ...] = Field(min_length=2, max_length=20)

    @model_validator(mode="after")
    def _valid_pipeline(self) -> PipelineCreate:
        Pipeline(stages=self.stages)
        return self

    def pipeline(self) -> Pipeline:
        return Pipeline(stages=self.stages)


class QuestionnaireCreate(Request):
    name: str = Field(min_length=1, max_length=200)
    questions: tuple[Question, ...] = Field(min_length=1, max_length=50)

    @model_validator(mode="after")
    def _valid_questionnaire(self) -> QuestionnaireCreate:
        Questionnaire(questions=self.questions)
        return self

    def questionnaire(self) -> Questionnaire:
        return Questionnaire(questions=self.questions)


class QuestionnairePublic(BaseModel):
    id: UUID
    owner_org: str
    name: str
    questions: list[Question]
    max_score: int


class EvaluationCreate(Request):
    questionnaire_id: UUID
    answers: dict[str, str] = Field(
        max_length=50, description="Question code → the code of the chosen answer"
    )


class EvaluationPublic(BaseModel):
    id: UUID
    questionnaire_id: UUID
    score: int
    max_score: int


class CreditShareProposal(Request):
    user_id: str = Field(min_length=1, max_length=64)
    share_percent: Decimal = Field(gt=0, le=100, decimal_places=2)


class CreditSplitProposal(Request):
    shares: list[CreditShareProposal] = Field(min_length=2, max_length=4)


class CreditSplitDecision(Request):
    approved: bool
    note: str | None = Field(default=None, max_length=500)
