"""HTTP API of a node's service-desk configuration: categories, SLA policies, the working
calendar, the escalation ladder. Reads show what applies to the caller's book; writes set
the caller's own node's (``service.configure``)."""

from __future__ import annotations

from datetime import time
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from fastapi import APIRouter, status

from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_common.runtime.paging import Page
from crm_service_desk.application import configuration
from crm_service_desk.domain.escalation import Ladder, Step
from crm_service_desk.domain.sla import BusinessCalendar
from crm_service_desk.entrypoints.http.dependencies import (
    CONFLICT,
    FORBIDDEN,
    BusinessTimezone,
    Configurer,
    Database,
    TicketReader,
)
from crm_service_desk.entrypoints.http.schemas import (
    Calendar,
    CategoryCreate,
    EscalationLadder,
    LadderStep,
    SlaPolicies,
    WindowIn,
)
from crm_service_desk.views import tickets as views
from crm_service_desk.views.tickets import (
    CategoryPublic,
    SlaPolicyPublic,
)

router = APIRouter(tags=["configuration"])


@router.get("/ticket-categories", response_model=list[CategoryPublic], responses=FORBIDDEN)
async def list_categories(
    principal: TicketReader,
    db: Database,
    page: Page,
) -> list[CategoryPublic]:
    """The category tree the caller's book uses (its own and the nodes' above it), by code, a
    page at a time."""
    return await views.categories_for(db, principal, limit=page.limit, offset=page.offset)


@router.post(
    "/ticket-categories",
    status_code=status.HTTP_201_CREATED,
    response_model=CategoryPublic,
    responses={**FORBIDDEN, **CONFLICT},
)
async def add_category(body: CategoryCreate, principal: Configurer, db: Database) -> CategoryPublic:
    """A category of the caller's node, under a parent of its own or of a node above."""
    category_id: UUID = await configuration.add_category(
        configuration.NewCategory(body.code, body.name, body.default_priority, body.parent_code),
        principal,
        UnitOfWork(db),
    )
    categories = await views.categories_for(db, principal)
    return next(category for category in categories if category.id == category_id)


@router.get("/sla-policies", response_model=list[SlaPolicyPublic], responses=FORBIDDEN)
async def list_sla_policies(
    principal: TicketReader,
    db: Database,
    page: Page,
) -> list[SlaPolicyPublic]:
    """The SLA policies that apply to the caller's book (its own and those above it), a page
    at a time."""
    return await views.sla_policies_for(db, principal, limit=page.limit, offset=page.offset)


@router.put("/sla-policies", response_model=list[SlaPolicyPublic], responses=FORBIDDEN)
async def set_sla_policies(
    body: SlaPolicies, principal: Configurer, db: Database
) -> list[SlaPolicyPublic]:
    """Replace the caller's node's SLA policies (those of other nodes stay)."""
    policies = await configuration.set_sla_policies(
        [
            configuration.PolicyRule(
                r.category_code, r.priority, r.first_response_minutes, r.resolution_minutes
            )
            for r in body.policies
        ],
        principal,
        UnitOfWork(db),
    )
    return [
        SlaPolicyPublic(
            owner_org=p.owner_org,
            category_id=p.category_id,
            priority=p.priority,
            first_response_minutes=p.first_response_minutes,
            resolution_minutes=p.resolution_minutes,
        )
        for p in policies
    ]


def _windows(windows: list[WindowIn]) -> tuple[tuple[time, time], ...]:
    return tuple((w.opens, w.closes) for w in windows)


def _calendar_out(calendar: BusinessCalendar) -> Calendar:
    return Calendar(
        timezone=calendar.timezone.key,
        weekly={
            str(day): [WindowIn(opens=a, closes=b) for a, b in windows]
            for day, windows in sorted(calendar.weekly.items())
        },
        holidays=sorted(calendar.holidays),
        working_days={
            day: [WindowIn(opens=a, closes=b) for a, b in windows]
            for day, windows in sorted(calendar.working_days.items())
        },
    )


@router.get("/business-calendar", response_model=Calendar, responses=FORBIDDEN)
async def get_calendar(
    principal: TicketReader, db: Database, timezone: BusinessTimezone
) -> Calendar:
    """The working calendar the caller's book's SLAs count in (the nearest node's)."""
    return _calendar_out(await configuration.calendar_of(principal, UnitOfWork(db), timezone))


@router.put("/business-calendar", response_model=Calendar, responses=FORBIDDEN)
async def set_calendar(body: Calendar, principal: Configurer, db: Database) -> Calendar:
    """The caller's node's working hours, holidays and make-up working days; tickets opened
    from then on count their targets in it (open ones when their clock next moves)."""
    try:
        zone = ZoneInfo(body.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput("timezone", f"unknown time zone {body.timezone!r}") from None
    calendar = BusinessCalendar(
        timezone=zone,
        weekly={int(day): _windows(w) for day, w in body.weekly.items()},
        holidays=frozenset(body.holidays),
        working_days={day: _windows(w) for day, w in body.working_days.items()},
    )
    await configuration.set_calendar(calendar, principal, UnitOfWork(db))
    return _calendar_out(calendar)


def _ladder_out(ladder: Ladder) -> EscalationLadder:
    return EscalationLadder(
        steps=[
            LadderStep(name=s.name, target=s.target, percent=s.percent, action=s.action)
            for s in ladder.steps
        ],
        team_lead=ladder.team_lead,
    )


@router.get("/escalation-ladder", response_model=EscalationLadder, responses=FORBIDDEN)
async def get_ladder(principal: TicketReader, db: Database) -> EscalationLadder:
    """The escalation ladder (事件升级) of the caller's book (the nearest node's, else the
    default: notify at 75 %, team lead at breach, then dealer, region, HQ)."""
    return _ladder_out(await configuration.ladder_of(principal, UnitOfWork(db)))


@router.put("/escalation-ladder", response_model=EscalationLadder, responses=FORBIDDEN)
async def set_ladder(
    body: EscalationLadder, principal: Configurer, db: Database
) -> EscalationLadder:
    ladder = Ladder(
        tuple(Step(s.name, s.target, s.percent, s.action) for s in body.steps),
        team_lead=body.team_lead,
    )
    await configuration.set_ladder(ladder, principal, UnitOfWork(db))
    return _ladder_out(ladder)
