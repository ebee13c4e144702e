"""HTTP API of surveys: designs, the rules that send them, answers taken in a call, the list
and the analysis; and the public one-time-link form (no login: the link's token is the key,
rate-limited, answered once)."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, HTTPException, Path, Query, status
from redis.asyncio import Redis

from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_common.redis.rate_limit import allow_request
from crm_common.runtime.paging import Page, ShortPage
from crm_service_desk.application import surveys as commands
from crm_service_desk.domain.surveys import Design, Question, Trigger
from crm_service_desk.entrypoints.http.dependencies import (
    CONFLICT,
    FORBIDDEN,
    NOT_FOUND,
    BusinessTimezone,
    Cache,
    Configurer,
    Database,
    Now,
    TicketReader,
    TicketWorker,
)
from crm_service_desk.entrypoints.http.schemas import (
    AnswerRecorded,
    DesignCreate,
    DesignCreated,
    PublicForm,
    SurveyAnswers,
    SurveyRuleIn,
)
from crm_service_desk.views import surveys as survey_views
from crm_service_desk.views.surveys import (
    DesignPublic,
    Per,
    SurveyGroup,
    SurveyPublic,
    SurveyRulePublic,
)

router = APIRouter(tags=["surveys"])
public = APIRouter(prefix="/public/surveys", tags=["public survey form"])
PUBLIC_TRIES_PER_MINUTE = 10
Token = Annotated[str, Path(min_length=20, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]


def _design(body: DesignCreate) -> Design:
    return Design(
        tuple(
            Question(q.code, q.kind, q.text, tuple(q.options), q.scale_max, q.weight, q.required)
            for q in body.questions
        ),
        low_nps_at_most=body.low_nps_at_most,
        low_csi_below=body.low_csi_below,
    )


@router.post(
    "/survey-designs",
    status_code=status.HTTP_201_CREATED,
    response_model=DesignCreated,
    responses=FORBIDDEN,
)
async def add_design(
    body: DesignCreate, principal: Configurer, db: Database, now: Now
) -> DesignCreated:
    """A survey design of the caller's node (HQ's and a region's are shared down)."""
    design_id, key, version = await commands.add_design(
        body.name, _design(body), principal, UnitOfWork(db), now=now
    )
    return DesignCreated(id=design_id, design_key=key, version=version)


@router.post(
    "/survey-designs/{design_key}/versions",
    status_code=status.HTTP_201_CREATED,
    response_model=DesignCreated,
    responses={**FORBIDDEN, **NOT_FOUND},
)
async def add_version(
    design_key: UUID, body: DesignCreate, principal: Configurer, db: Database, now: Now
) -> DesignCreated:
    """The next version of one of the node's designs; answers keep the version they answered."""
    design_id, key, version = await commands.add_design(
        body.name, _design(body), principal, UnitOfWork(db), now=now, design_key=design_key
    )
    return DesignCreated(id=design_id, design_key=key, version=version)


@router.get("/survey-designs", response_model=list[DesignPublic], responses=FORBIDDEN)
async def list_designs(
    principal: TicketReader,
    db: Database,
    page: Page,
) -> list[DesignPublic]:
    """Every version of the designs of the caller's node and the nodes above it, by name, a
    page at a time."""
    return await survey_views.designs_for(db, principal, limit=page.limit, offset=page.offset)


@router.put("/survey-rules/{trigger}", response_model=SurveyRulePublic, responses=FORBIDDEN)
async def set_rule(
    trigger: Trigger, body: SurveyRuleIn, principal: Configurer, db: Database, now: Now
) -> SurveyRulePublic:
    """Which design the caller's node sends on a trigger (vehicle_delivered, ticket_resolved,
    service_visit), by link (SMS/e-mail to the customer's after-sales contact) or call."""
    await commands.set_rule(
        commands.SurveyRule(
            trigger, body.design_key, body.channel, body.link_days, body.complaint_owner
        ),
        principal,
        UnitOfWork(db),
        now=now,
    )
    rules = await survey_views.rules_for(db, principal)
    return next(r for r in rules if r.trigger == trigger and r.design_key == body.design_key)


@router.get("/survey-rules", response_model=list[SurveyRulePublic], responses=FORBIDDEN)
async def list_rules(
    principal: TicketReader,
    db: Database,
    page: Page,
) -> list[SurveyRulePublic]:
    """The survey rules of the caller's node and the nodes above it, a page at a time."""
    return await survey_views.rules_for(db, principal, limit=page.limit, offset=page.offset)


@router.get("/surveys", response_model=list[SurveyPublic], responses=FORBIDDEN)
async def list_surveys(
    principal: TicketReader,
    db: Database,
    page: ShortPage,
    answered: bool | None = None,
) -> list[SurveyPublic]:
    return await survey_views.surveys_of(
        db, principal, answered=answered, limit=page.limit, offset=page.offset
    )


@router.post(
    "/surveys/{survey_id}/answers",
    response_model=AnswerRecorded,
    responses={**FORBIDDEN, **NOT_FOUND, **CONFLICT},
)
async def answer_in_call(
    survey_id: UUID,
    body: SurveyAnswers,
    principal: TicketWorker,
    db: Database,
    timezone: BusinessTimezone,
    now: Now,
) -> AnswerRecorded:
    """The answers taken in the survey call (a low score opens a complaint)."""
    low = await commands.answer_in_call(
        survey_id, body.answers, principal, UnitOfWork(db), now=now, timezone=timezone
    )
    return AnswerRecorded(low_score=low)


@router.get("/surveys/analysis", response_model=list[SurveyGroup], responses=FORBIDDEN)
async def analysis(
    principal: TicketReader,
    db: Database,
    timezone: BusinessTimezone,
    start: Annotated[date, Query(alias="from")],
    end: Annotated[date, Query(alias="to", description="Exclusive")],
    page: Page,
    per: Per = "dealer",
    design_key: UUID | None = None,
) -> list[SurveyGroup]:
    """NPS, CSI index, response rate and the answers per question, per dealer, region or
    month, or per dealer (region) and month at once (``dealer_month``, ``region_month``: a
    chart's series in one request), of the surveys sent in [from, to) — figures of every
    book sharing at least figures with the caller. A page of groups at a time, in the order
    of their keys (group, then month)."""
    if end <= start or (end - start).days > 366:
        raise InvalidInput("to", "after from, and at most a year later", location="query")
    return await survey_views.analysis(
        db,
        principal,
        start=start,
        end=end,
        per=per,
        design_key=design_key,
        timezone=timezone,
        limit=page.limit,
        offset=page.offset,
    )


async def _rate_limited(redis: Redis, token: str) -> None:
    decision = await allow_request(
        redis, f"survey-link:{token}", limit=PUBLIC_TRIES_PER_MINUTE, window_seconds=60
    )
    if not decision.allowed:
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            detail="too many tries for this link; retry later",
            headers={"Retry-After": str(decision.retry_after_seconds)},
        )


_PUBLIC_ANSWERS: dict[int | str, dict[str, object]] = {
    404: {"description": "No such survey link"},
    409: {"description": "Answered already, or expired"},
    429: {"description": "Too many tries for this link"},
}


@public.get("/{token}", response_model=PublicForm, responses=_PUBLIC_ANSWERS)
async def public_form(token: Token, cache: Cache, db: Database, now: Now) -> PublicForm:
    """The questions behind a one-time link (no login: the token in the URL is the key)."""
    await _rate_limited(cache, token)
    form = await commands.public_survey(UnitOfWork(db), token, now=now)
    return PublicForm.model_validate(form)


@public.post("/{token}/answers", response_model=AnswerRecorded, responses=_PUBLIC_ANSWERS)
async def public_answer(
    token: Token,
    body: SurveyAnswers,
    cache: Cache,
    db: Database,
    timezone: BusinessTimezone,
    now: Now,
) -> AnswerRecorded:
    """The customer's answer; a survey is answered once (409 after), until the link expires."""
    await _rate_limited(cache, token)
    low = await commands.answer_by_link(
        UnitOfWork(db), token, body.answers, now=now, timezone=timezone
    )
    return AnswerRecorded(low_score=low)
