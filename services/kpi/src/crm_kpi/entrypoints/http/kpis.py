"""KPIs over HTTP: the catalogue (predefined KPIs and the custom definitions the caller sees),
their values, and custom definitions shared with roles, positions or users."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.runtime.dependencies import Database, Now
from crm_common.runtime.paging import MOST_REPORT_ROWS, WholeReport
from crm_kpi.application import kpi_definitions
from crm_kpi.domain.kpis import (
    FIELDS,
    GROUP_FIELDS,
    PREDEFINED,
    Grouping,
    KpiDefinition,
    KpiValue,
    Period,
    as_asked,
    check_span,
    predefined,
)
from crm_kpi.entrypoints.http.clock import BusinessToday
from crm_kpi.entrypoints.http.kpi_schemas import (
    Catalogue,
    DefinitionCreate,
    DefinitionPublic,
    FieldPublic,
    KpiValuePublic,
    KpiValues,
    ModulePublic,
    PredefinedPublic,
)
from crm_kpi.views import kpis as views

router = APIRouter(prefix="/kpi", tags=["kpis"])
From = Annotated[date, Query(alias="from", description="First business day, inclusive")]
To = Annotated[date, Query(alias="to", description="Last business day, inclusive (2 years max)")]
NOT_VISIBLE: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such definition the caller may see"}
}


def _definition(d: views.StoredDefinition) -> DefinitionPublic:
    return DefinitionPublic(
        id=d.id,
        name=d.name,
        owner_user=d.sharing.owner_user,
        owner_org=d.sharing.owner_org,
        definition=d.definition,
        shared_roles=sorted(d.sharing.roles),
        shared_nodes=sorted(d.sharing.nodes),
        shared_users=sorted(d.sharing.users),
        created_at=d.created_at,
    )


def _whole() -> WholeReport:
    """A KPI's values come whole: its reads stop one row past what an answer carries."""
    return WholeReport(
        most=MOST_REPORT_ROWS,
        narrow_by="from",
        how="ask for fewer days (from), or by a longer period or a coarser grouping",
    )


def _values(
    kpi: str,
    name: str,
    definition: KpiDefinition,
    date_from: date,
    date_to: date,
    values: list[KpiValue],
) -> KpiValues:
    return KpiValues(
        kpi=kpi,
        name=name,
        period=definition.period,
        group_by=definition.group_by,
        date_from=date_from,
        date_to=date_to,
        rows=[
            KpiValuePublic(
                period_start=v.period_start,
                group=v.group,
                value=v.value,
                numerator=v.numerator,
                denominator=v.denominator,
            )
            for v in values
        ],
    )


@router.get("/catalogue", response_model=Catalogue)
async def catalogue(
    principal: Annotated[Principal, requires("kpi.read")], db: Database
) -> Catalogue:
    """The predefined KPIs (with why those not available cannot be computed yet) and the custom
    definitions the caller owns or that are shared with them."""
    custom, custom_truncated = await views.definitions_visible_to(db, principal)
    return Catalogue(
        predefined=[
            PredefinedPublic(
                code=k.code,
                name_zh=k.name_zh,
                name_en=k.name_en,
                available=k.available,
                reason=k.reason,
                period=k.definition.period if k.definition else None,
                group_by=k.definition.group_by if k.definition else None,
            )
            for k in PREDEFINED
        ],
        custom=[_definition(d) for d in custom],
        custom_truncated=custom_truncated,
        modules=[
            ModulePublic(
                module=module,
                fields=[FieldPublic(name=name, kind=kind) for name, kind in fields.items()],
                groupings=[Grouping.NONE]
                + [g for g, column in GROUP_FIELDS.items() if column in fields],
            )
            for module, fields in FIELDS.items()
        ],
    )


@router.get(
    "/values/{code}",
    response_model=KpiValues,
    responses={
        404: {"description": "No such predefined KPI"},
        409: {"description": "Not available: no service produces its facts yet (detail: why)"},
    },
)
async def predefined_values(
    code: str,
    principal: Annotated[Principal, requires("kpi.read")],
    db: Database,
    date_from: From,
    date_to: To,
    today: BusinessToday,
    period: Period | None = None,
    group_by: Grouping | None = None,
) -> KpiValues:
    """A predefined KPI per period (and dealer, team or consultant), over the facts the caller
    may see: other dealers' at the aggregate level, a consultant's own."""
    check_span(date_from, date_to)
    kpi = predefined(code)
    if kpi is None:
        raise HTTPException(404, f"no predefined KPI {code!r}")
    if kpi.reason is not None:
        raise HTTPException(409, kpi.reason)
    definition = as_asked(kpi, period, group_by)
    values = await views.kpi_values(
        db,
        principal,
        definition,
        date_from=date_from,
        date_to=date_to,
        compare=kpi.compare,
        today=today,
        report=_whole(),
    )
    return _values(code, kpi.name_en, definition, date_from, date_to, values)


@router.post("/definitions", status_code=201, response_model=DefinitionPublic)
async def define_kpi(
    principal: Annotated[Principal, requires("kpi.define")],
    db: Database,
    body: DefinitionCreate,
    now: Now,
) -> DefinitionPublic:
    """A custom KPI: a module, conditions over its whitelisted fields, a count, sum or ratio,
    a period and a grouping; shared with roles (within the owner's dealer), org nodes (and
    everyone below them) or users. Each viewer sees its values over the facts they may see."""
    stored = await kpi_definitions.define_kpi(
        principal,
        UnitOfWork(db),
        name=body.name,
        definition=body.definition,
        roles=frozenset(body.shared_roles),
        nodes=frozenset(body.shared_nodes),
        users=frozenset(body.shared_users),
        now=now,
    )
    return _definition(stored)


async def _visible(
    db: Database, principal: Principal, definition_id: UUID
) -> views.StoredDefinition:
    found, _ = await views.definitions_visible_to(db, principal, definition_id)
    if not found:
        raise HTTPException(404, "no such KPI definition")
    return found[0]


@router.get("/definitions/{definition_id}/values", response_model=KpiValues, responses=NOT_VISIBLE)
async def definition_values(
    definition_id: UUID,
    principal: Annotated[Principal, requires("kpi.read")],
    db: Database,
    date_from: From,
    date_to: To,
    today: BusinessToday,
) -> KpiValues:
    """A custom KPI's values over the facts the caller may see."""
    check_span(date_from, date_to)
    stored = await _visible(db, principal, definition_id)
    values = await views.kpi_values(
        db,
        principal,
        stored.definition,
        date_from=date_from,
        date_to=date_to,
        today=today,
        report=_whole(),
    )
    return _values(str(stored.id), stored.name, stored.definition, date_from, date_to, values)


@router.delete(
    "/definitions/{definition_id}",
    status_code=204,
    responses={404: {"description": "No such definition of the caller's"}},
)
async def delete_definition(
    definition_id: UUID, principal: Annotated[Principal, requires("kpi.define")], db: Database
) -> None:
    """Only the owner deletes a definition; to anyone else it does not exist."""
    if not await kpi_definitions.delete_definition(principal, definition_id, UnitOfWork(db)):
        raise HTTPException(404, "no such KPI definition")
