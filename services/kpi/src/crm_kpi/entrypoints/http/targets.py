"""Sales targets over HTTP: each level sets the targets of the levels below it; the cascade of
a node (target, allocated, unallocated, actual, attainment, run-rate) and its month by day."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput
from crm_common.runtime.dependencies import Database, Now
from crm_kpi.application import targets as commands
from crm_kpi.domain.targets import ALL_PRODUCT_LINES, CascadeLine, Measure, target
from crm_kpi.entrypoints.http.clock import BusinessToday
from crm_kpi.entrypoints.http.commission_schemas import MONTH
from crm_kpi.entrypoints.http.target_schemas import (
    CascadeLinePublic,
    CascadePublic,
    DailyPublic,
    DayPublic,
    TargetsSet,
)
from crm_kpi.views import targets as views

router = APIRouter(prefix="/kpi", tags=["targets"])
Month = Annotated[str, Path(pattern=MONTH, description="YYYY-MM")]
Node = Annotated[
    str | None, Query(max_length=64, description="An org node; the caller's own if left out")
]
ProductLine = Annotated[str, Query(min_length=1, max_length=40, description="'*': all lines")]
NOT_VISIBLE: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such org node the caller may see"}
}


def _line(line: CascadeLine) -> CascadeLinePublic:
    return CascadeLinePublic(
        node=line.position.org_node,
        user_id=line.position.user_id,
        target=line.target,
        allocated=line.allocated,
        unallocated=line.unallocated,
        actual=line.actual,
        attainment_percent=line.attainment_percent,
        forecast=line.forecast,
    )


def _cascade(found: views.Cascade) -> CascadePublic:
    return CascadePublic(
        month=found.month,
        measure=found.measure,
        product_line=found.product_line,
        today=found.today,
        node=_line(found.node),
        children=[_line(c) for c in found.children],
        children_truncated=found.children_truncated,
    )


async def _read_cascade(
    db: async_sessionmaker[AsyncSession],
    principal: Principal,
    **query: Any,
) -> CascadePublic:
    return _cascade(await views.cascade(db, principal, **query))


@router.put(
    "/targets/{month}",
    response_model=list[CascadePublic],
    responses={422: {"description": "A target for a node not below the caller's, or invalid"}},
)
async def set_targets(
    now: Now,
    today: BusinessToday,
    principal: Annotated[Principal, requires("target.manage")],
    db: Database,
    month: Month,
    body: TargetsSet,
) -> list[CascadePublic]:
    """Sets (or replaces) targets of the month for org nodes below the caller's: HQ its regions
    (and itself), a region its dealers, a dealer its teams and consultants. Answers the cascade
    of the caller's node for each measure and product line set."""
    items = [
        target(
            org_node=item.node,
            user_id=item.user_id,
            month=month,
            measure=item.measure,
            product_line=item.product_line,
            amount=item.amount,
            field=f"targets[{n}].amount",
        )
        for n, item in enumerate(body.targets)
    ]
    await commands.set_targets(UnitOfWork(db), principal, items, now=now)
    cascades = sorted({(i.measure, i.product_line) for i in items})
    return [
        await _read_cascade(
            db,
            principal,
            month=month,
            node_id=None,
            measure=measure,
            product_line=line,
            today=today,
        )
        for measure, line in cascades
    ]


@router.get("/targets/{month}", response_model=CascadePublic, responses=NOT_VISIBLE)
async def read_cascade(
    today: BusinessToday,
    principal: Annotated[Principal, requires("kpi.read")],
    db: Database,
    month: Month,
    node: Node = None,
    measure: Measure = Measure.UNITS,
    product_line: ProductLine = ALL_PRODUCT_LINES,
) -> CascadePublic:
    """The node's target and its children's (nodes one level down and consultants at it):
    allocated, unallocated, actual, attainment and run-rate forecast. A caller sees its node
    and what lies below; a consultant their node's figures and their own leaf."""
    return await _read_cascade(
        db,
        principal,
        month=month,
        node_id=node,
        measure=measure,
        product_line=product_line,
        today=today,
    )


def _weights(value: str | None) -> list[Decimal] | None:
    if value is None:
        return None
    try:
        return [Decimal(part) for part in value.split(",")]
    except InvalidOperation:
        raise InvalidInput(
            "weekday_weights", "seven numbers, Monday first", location="query"
        ) from None


@router.get("/targets/{month}/daily", response_model=DailyPublic, responses=NOT_VISIBLE)
async def read_daily(
    principal: Annotated[Principal, requires("kpi.read")],
    db: Database,
    month: Month,
    node: Node = None,
    measure: Measure = Measure.UNITS,
    product_line: ProductLine = ALL_PRODUCT_LINES,
    consultant: Annotated[
        str | None, Query(max_length=64, description="A consultant's leaf at the node")
    ] = None,
    weekday_weights: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Seven weights, Monday first (e.g. 1,1,1,1,1,2,2); even if left out",
        ),
    ] = None,
) -> DailyPublic:
    """Execution by period: the month's target split into days, each day's actual and the
    attainment of the month so far."""
    found = await views.daily(
        db,
        principal,
        month=month,
        node_id=node,
        consultant=consultant,
        measure=measure,
        product_line=product_line,
        weekday_weights=_weights(weekday_weights),
    )
    return DailyPublic(
        month=found.month,
        measure=found.measure,
        product_line=found.product_line,
        node=found.position.org_node,
        user_id=found.position.user_id,
        target=found.target,
        days=[
            DayPublic(
                day=d.day,
                target=d.target,
                actual=d.actual,
                target_so_far=d.target_so_far,
                actual_so_far=d.actual_so_far,
                attainment_percent=d.attainment_percent,
            )
            for d in found.days
        ],
    )
