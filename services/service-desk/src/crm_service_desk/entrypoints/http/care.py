"""HTTP API of customer care (客户关怀): a node's rules and the actions they took."""

from __future__ import annotations

from uuid import UUID, uuid4

from fastapi import APIRouter, status

from crm_common.db import UnitOfWork
from crm_common.runtime.paging import Page, ShortPage
from crm_service_desk.application import care as commands
from crm_service_desk.domain.care import CareRule
from crm_service_desk.entrypoints.http.dependencies import (
    FORBIDDEN,
    NOT_FOUND,
    Configurer,
    Database,
    Now,
    TicketReader,
)
from crm_service_desk.entrypoints.http.schemas import CareRuleChange, CareRuleIn
from crm_service_desk.views import care as views
from crm_service_desk.views.care import CareActionPublic, CareRulePublic

router = APIRouter(tags=["customer care"])


@router.post(
    "/care-rules",
    status_code=status.HTTP_201_CREATED,
    response_model=CareRulePublic,
    responses=FORBIDDEN,
)
async def add_rule(
    body: CareRuleIn, principal: Configurer, db: Database, now: Now
) -> CareRulePublic:
    """A care rule of the caller's node (HQ's apply to every dealer below it): maintenance
    due (months or km since delivery or the last service), insurance renewal (N days before
    expiry), birthday, a changed customer value, a problem customer (N complaints in a
    window); by SMS, e-mail, or a care call task (``CareDue``). The worker scans hourly; each
    rule acts once per customer and period."""
    rule_id = await commands.add_rule(
        CareRule(
            id=uuid4(),
            kind=body.kind,
            segment=body.segment,
            action=body.action,
            message=body.message,
            months=body.months,
            km=body.km,
            days_before=body.days_before,
            window_days=body.window_days,
            complaints=body.complaints,
        ),
        principal,
        UnitOfWork(db),
        now=now,
    )
    rules = await views.rules_for(db, principal, rule_id=rule_id)
    return rules[0]


@router.put(
    "/care-rules/{rule_id}",
    response_model=CareRulePublic,
    responses={**FORBIDDEN, **NOT_FOUND},
)
async def change_rule(
    rule_id: UUID, body: CareRuleChange, principal: Configurer, db: Database, now: Now
) -> CareRulePublic:
    """New terms for a care rule of the caller's node, or the rule stopped (``active``:
    false) or started again; its kind stays. A rule of a node above (HQ's, a region's) is
    changed there only (404 here). An occasion the rule acted on already (a service cycle, a
    policy's expiry, a year's birthday) is not acted on again."""
    await commands.change_rule(
        rule_id,
        commands.RuleTerms(**body.model_dump()),
        principal,
        UnitOfWork(db),
        now=now,
    )
    rules = await views.rules_for(db, principal, rule_id=rule_id)
    return rules[0]


@router.get("/care-rules", response_model=list[CareRulePublic], responses=FORBIDDEN)
async def list_rules(
    principal: TicketReader,
    db: Database,
    page: Page,
) -> list[CareRulePublic]:
    """The care rules of the caller's book and the nodes above it, oldest first, a page at a
    time."""
    return await views.rules_for(db, principal, limit=page.limit, offset=page.offset)


@router.get("/care-actions", response_model=list[CareActionPublic], responses=FORBIDDEN)
async def list_actions(
    principal: TicketReader,
    db: Database,
    page: ShortPage,
) -> list[CareActionPublic]:
    """What the care rules did for the customers the caller may see, newest first."""
    return await views.actions_of(db, principal, limit=page.limit, offset=page.offset)
