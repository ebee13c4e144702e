"""Read side of surveys: designs and rules that apply to the caller's book, the surveys the
caller may see, and the analysis — NPS, CSI, response rate, per question — per dealer,
region or month, scoped by the shared policy at the figures (``aggregate``) level."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field
from sqlalchemy import (
    ColumnElement,
    FromClause,
    Text,
    case,
    cast,
    column,
    func,
    literal,
    select,
    true,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.db.tables import org_directory
from crm_common.policy import DataType, SharingLevel, visible_to
from crm_service_desk.adapters import repository
from crm_service_desk.adapters.tables import survey_designs, survey_responses, survey_rules
from crm_service_desk.domain.surveys import (
    DETRACTOR_AT_MOST,
    PROMOTER_AT_LEAST,
    SurveyChannel,
    Trigger,
    csi_of_total,
    nps_of_counts,
)

MOST_CHOICE_LENGTH = 40
"""An answer longer than this is free text, not one of a few choices: not counted per answer."""

Per = Literal["dealer", "region", "month", "total", "dealer_month", "region_month"]
"""How the analysis groups surveys; ``dealer_month`` and ``region_month``: per dealer (region)
and month at once, a chart's series in one request."""


class DesignPublic(BaseModel):
    id: UUID
    design_key: UUID
    version: int
    owner_org: str
    name: str
    questions: list[dict[str, object]]
    low_nps_at_most: int
    low_csi_below: float


class SurveyRulePublic(BaseModel):
    owner_org: str
    trigger: Trigger
    design_key: UUID
    channel: SurveyChannel
    link_days: int
    complaint_owner: str | None


class SurveyPublic(BaseModel):
    id: UUID
    owner_org: str
    design_id: UUID
    trigger: str
    channel: str
    customer_id: UUID | None
    vin: str | None
    ticket_id: UUID | None
    requested_at: datetime
    expires_at: datetime
    answered_at: datetime | None
    nps: int | None
    csi: float | None
    low_score: bool | None
    complaint_ticket_id: UUID | None


class SurveyGroup(BaseModel):
    group: str = Field(description="The dealer, region or month; 'total' for the total")
    month: str | None = Field(
        default=None, description="YYYY-MM with per=dealer_month or region_month"
    )
    sent: int
    answered: int
    response_rate: float = Field(description="% of the surveys sent that were answered")
    nps: float | None = Field(description="% promoters (9-10) - % detractors (0-6)")
    csi: float | None = Field(description="Mean CSI index, 0-100")
    low_scores: int
    questions: dict[str, dict[str, int]] = Field(description="Answers per option or score")


async def designs_for(
    sessions: async_sessionmaker[AsyncSession], principal: Principal, *, limit: int, offset: int
) -> list[DesignPublic]:
    """A page of every version of the designs of the caller's node and the nodes above it."""
    d = survey_designs
    async with sessions() as session:
        chain = await repository.books_above(session, principal.tenant, principal.org_node)
        query = (
            select(d)
            .where(d.c.tenant == principal.tenant, d.c.owner_org.in_(chain))
            .order_by(d.c.name, d.c.design_key, d.c.version)
            .limit(limit)
            .offset(offset)
        )
        rows = (await session.execute(query)).mappings()
        return [DesignPublic.model_validate(row) for row in rows]


async def rules_for(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[SurveyRulePublic]:
    """The survey rules of the caller's node and the nodes above it (a page with ``limit``)."""
    r = survey_rules
    async with sessions() as session:
        chain = await repository.books_above(session, principal.tenant, principal.org_node)
        query = (
            select(r)
            .where(r.c.tenant == principal.tenant, r.c.owner_org.in_(chain))
            .order_by(r.c.trigger, r.c.owner_org)
            .limit(limit)
            .offset(offset)
        )
        rows = (await session.execute(query)).mappings()
        return [SurveyRulePublic.model_validate(row) for row in rows]


def _visible(principal: Principal, need: SharingLevel) -> Any:
    r = survey_responses
    return visible_to(
        principal, DataType.TICKET, tenant=r.c.tenant, owner_org=r.c.owner_org, need=need
    )


async def surveys_of(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    answered: bool | None,
    limit: int,
    offset: int,
) -> list[SurveyPublic]:
    """A page of the surveys the caller may see as records, newest first."""
    r = survey_responses
    query = select(
        r.c.id,
        r.c.owner_org,
        r.c.design_id,
        r.c.trigger,
        r.c.channel,
        r.c.customer_id,
        r.c.vin,
        r.c.ticket_id,
        r.c.requested_at,
        r.c.expires_at,
        r.c.answered_at,
        r.c.nps,
        r.c.csi,
        r.c.low_score,
        r.c.complaint_ticket_id,
    ).where(_visible(principal, SharingLevel.MASKED))
    if answered is not None:
        query = query.where(r.c.answered_at.is_not(None) if answered else r.c.answered_at.is_(None))
    query = query.order_by(r.c.requested_at.desc(), r.c.id).limit(limit).offset(offset)
    async with sessions() as session:
        rows = (await session.execute(query)).mappings()
        return [SurveyPublic.model_validate(row) for row in rows]


async def analysis(
    sessions: async_sessionmaker[AsyncSession],
    principal: Principal,
    *,
    start: date,
    end: date,
    per: Per,
    design_key: UUID | None,
    timezone: str,
    limit: int,
    offset: int,
) -> list[SurveyGroup]:
    """Per group, a page of groups in the order of their keys: surveys sent and answered
    (response rate), NPS, CSI index, low scores, and for each question of the answers the
    distribution of its answers. Sent in [start, end)."""
    r, d = survey_responses, survey_designs
    zone = ZoneInfo(timezone)
    begin = datetime.combine(start, datetime.min.time(), zone)
    finish = datetime.combine(end, datetime.min.time(), zone)
    region = org_directory.alias("dealer_node")
    month = func.to_char(func.timezone(timezone, r.c.requested_at), "YYYY-MM")
    by, _, monthly = per.partition("_")
    group = cast(
        {
            "dealer": r.c.owner_org,
            "region": func.coalesce(region.c.parent_id, r.c.owner_org),
            "month": month,
            "total": literal("total"),
        }[by],
        Text,
    )
    # A group and month as one key: the month is fixed-width and the space sorts before any
    # character of a node's id, so the keys order as (group, month) pairs would.
    key = (group + " " + month if monthly else group).collate("C")
    # Keys compare byte by byte, as Python sorts them: the page and its order agree.
    surveys = r.join(d, d.c.id == r.c.design_id).outerjoin(
        region, (region.c.id == r.c.owner_org) & (region.c.tenant == r.c.tenant)
    )
    sent = [
        _visible(principal, SharingLevel.AGGREGATE),
        r.c.requested_at >= begin,
        r.c.requested_at < finish,
        *([d.c.design_key == design_key] if design_key is not None else []),
    ]
    answered = r.c.answered_at.is_not(None)
    # Each survey once, its group's key beside it: the groups are counted over this.
    each = (
        select(
            key.label("key"),
            group.label("group_name"),
            month.label("month"),
            answered.label("answered"),
            r.c.nps,
            r.c.csi,
            r.c.low_score,
        )
        .select_from(surveys)
        .where(*sent)
        .subquery("each")
    )
    e = each.c
    figures = (
        select(
            e.key,
            func.min(e.group_name).label("group_name"),
            func.min(e.month).label("month"),
            func.count().label("sent"),
            func.count().filter(e.answered).label("answered"),
            func.count(e.nps).filter(e.answered).label("nps_answers"),
            func.count().filter(e.answered, e.nps >= PROMOTER_AT_LEAST).label("promoters"),
            func.count().filter(e.answered, e.nps <= DETRACTOR_AT_MOST).label("detractors"),
            func.count(e.csi).filter(e.answered).label("csi_answers"),
            func.sum(e.csi).filter(e.answered).label("csi_total"),
            func.count().filter(e.answered, e.low_score).label("low_scores"),
        )
        .group_by(e.key)
        .order_by(e.key)
        .limit(limit)
        .offset(offset)
    )
    async with sessions() as session:
        groups = (await session.execute(figures)).all()
        questions = await _answer_counts(
            session, surveys, key, [*sent, answered], [g.key for g in groups]
        )
    return [
        SurveyGroup(
            group=g.group_name,
            month=g.month if monthly else None,
            sent=g.sent,
            answered=g.answered,
            response_rate=round(g.answered * 100 / g.sent, 2),
            nps=nps_of_counts(g.promoters, g.detractors, g.nps_answers),
            csi=csi_of_total(float(g.csi_total or 0), g.csi_answers),
            low_scores=g.low_scores,
            questions=questions.get(g.key, {}),
        )
        for g in groups
    ]


async def _answer_counts(
    session: AsyncSession,
    surveys: FromClause,
    key: ColumnElement[str],
    answered: list[ColumnElement[bool]],
    keys: list[str],
) -> dict[str, dict[str, dict[str, int]]]:
    """Per group key, question code and answer, how many answered surveys gave it — each
    option of a multiple choice counted apart; free text longer than a choice not counted."""
    if not keys:
        return {}
    r = survey_responses
    answer = (
        func.jsonb_each(r.c.answers)
        .table_valued(column("code", Text), column("value", JSONB))
        .render_derived("answer")
        .lateral()
    )
    items = case(
        (func.jsonb_typeof(answer.c.value) == "array", answer.c.value),
        else_=func.jsonb_build_array(answer.c.value),
    )
    item = (
        func.jsonb_array_elements_text(items)
        .table_valued(column("value", Text))
        .render_derived("item")
        .lateral()
    )
    each = (
        select(key.label("key"), answer.c.code, item.c.value.label("answer"))
        .select_from(surveys.join(answer, true()).join(item, true()))
        .where(*answered, key.in_(keys), func.char_length(item.c.value) <= MOST_CHOICE_LENGTH)
        .subquery("each_answer")
    )
    e = each.c
    rows = await session.execute(
        select(e.key, e.code, e.answer, func.count().label("answers"))
        .group_by(e.key, e.code, e.answer)
        .order_by(e.key, e.code, e.answer)
    )
    found: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for row in rows:
        found[row.key][row.code][row.answer] = row.answers
    return {k: dict(codes) for k, codes in found.items()}
