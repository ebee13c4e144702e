"""HTTP API of tiered assessment (逐级考核): scoring forms, scores and their review."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, status
from pydantic import BaseModel, ConfigDict, Field

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.runtime.dependencies import Database, Now
from crm_common.runtime.paging import Page, Paging, page_of
from crm_kpi.application import assessments as commands
from crm_kpi.domain.assessments import FormContent, Status, Step
from crm_kpi.views import assessments as views
from crm_kpi.views.assessments import AssessmentPublic, FormPublic

router = APIRouter(prefix="/kpi", tags=["assessment"])
PERIOD = r"^\d{4}-(0[1-9]|1[0-2])$"
_FORBIDDEN: dict[int | str, dict[str, Any]] = {
    403: {"description": "The role lacks the function, or does not take this step"}
}
_STEP: dict[int | str, dict[str, Any]] = {
    **_FORBIDDEN,
    404: {"description": "No such form, assessment or person the caller scores"},
    409: {"description": "Out of the review's order, already scored, or a reviewer who took part"},
}


class Created(BaseModel):
    id: UUID


class ScoreCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    form_id: UUID
    subject_user: str = Field(min_length=1, max_length=64)
    period: str = Field(pattern=PERIOD, examples=["2026-11"])
    scores: dict[str, int] = Field(max_length=30, description="Each criterion's code: 0-100")
    comment: str | None = Field(default=None, max_length=2000)


class ReviewCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    step: Step
    approve: bool
    note: str | None = Field(default=None, max_length=2000)


class Reviewed(BaseModel):
    status: Status


@router.post(
    "/assessment-forms",
    status_code=status.HTTP_201_CREATED,
    response_model=Created,
    responses=_FORBIDDEN,
)
async def create_form(
    body: FormContent,
    principal: Annotated[Principal, requires("target.manage")],
    db: Database,
    now: Now,
) -> Created:
    """A scoring form of the sales planning department (HQ) for consultants or region
    managers: criteria with weights summing to 100."""
    return Created(id=await commands.create_form(UnitOfWork(db), principal, body, now=now))


@router.get("/assessment-forms", response_model=list[FormPublic], responses=_FORBIDDEN)
async def list_forms(
    principal: Annotated[Principal, requires("kpi.read")],
    db: Database,
    page: Annotated[Paging, page_of(default=100, most=200, deepest=10_000)],
) -> list[FormPublic]:
    return await views.forms(db, principal, limit=page.limit, offset=page.offset)


@router.post(
    "/assessments", status_code=status.HTTP_201_CREATED, response_model=Created, responses=_STEP
)
async def score(
    body: ScoreCreate,
    principal: Annotated[Principal, requires("target.manage")],
    db: Database,
    now: Now,
) -> Created:
    """Score a consultant of the caller's region (a region manager) or a region manager (the
    sales planning department) on a form for a month; a score the review returned is scored
    again here by the same scorer."""
    assessment_id = await commands.score(
        UnitOfWork(db),
        principal,
        commands.Score(body.form_id, body.subject_user, body.period, body.scores, body.comment),
        now=now,
    )
    return Created(id=assessment_id)


@router.post("/assessments/{assessment_id}/review", response_model=Reviewed, responses=_STEP)
async def review(
    assessment_id: UUID,
    body: ReviewCreate,
    principal: Annotated[Principal, requires("assessment.review")],
    db: Database,
    now: Now,
) -> Reviewed:
    """The sales VP (role ``sales_vp``) approves or returns a fresh score; then HR (role
    ``hr``), someone else, approves it (final) or returns it. The other step's reviewer gets
    403."""
    new_status = await commands.review(
        UnitOfWork(db), principal, assessment_id, body.step, body.approve, body.note, now=now
    )
    return Reviewed(status=new_status)


@router.get("/assessments", response_model=list[AssessmentPublic], responses=_FORBIDDEN)
async def list_assessments(
    principal: Annotated[Principal, requires("kpi.read")],
    db: Database,
    page: Page,
    period: Annotated[str | None, Query(pattern=PERIOD)] = None,
) -> list[AssessmentPublic]:
    """HQ's reviewers see every assessment; a scorer those they scored; a person their own
    once final."""
    return await views.assessments_of(
        db, principal, period=period, limit=page.limit, offset=page.offset
    )
