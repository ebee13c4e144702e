"""HTTP API of pools (公海): what waits in them, and their rules."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query, status

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.policy import mask_name, mask_phone
from crm_leads import views
from crm_leads.application.pools import configure_pool
from crm_leads.entrypoints.http.routes import Database
from crm_leads.entrypoints.http.schemas import PooledLead, PoolPublic, PoolSettings

router = APIRouter(prefix="/pools", tags=["pools"])
PoolReader = Annotated[Principal, requires("lead.read")]
PoolManager = Annotated[Principal, requires("pool.manage")]
_ERRORS: dict[int | str, dict[str, Any]] = {
    403: {"description": "The role lacks the function"},
    404: {"description": "No such pool visible to the caller"},
}


@router.get("", response_model=list[PoolPublic], responses={403: _ERRORS[403]})
async def list_pools(principal: PoolReader, db: Database) -> list[PoolPublic]:
    """Pools the caller may claim from, and the pools of the org nodes the caller manages."""
    return [PoolPublic.model_validate(dict(row)) for row in await views.pools_for(db, principal)]


@router.get("/{pool_id}/leads", response_model=list[PooledLead], responses=_ERRORS)
async def leads_in_pool(
    pool_id: UUID,
    principal: PoolReader,
    db: Database,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> list[PooledLead]:
    """The public sea of the pool, personal data masked until someone claims the lead."""
    if await views.pool_for(db, principal, pool_id) is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, detail="pool not found")
    rows = await views.leads_in_pool(db, principal, pool_id, limit=limit, offset=offset)
    return [
        PooledLead.model_validate(
            {
                **row,
                "customer_name": mask_name(row["customer_name"]),
                "phone": mask_phone(row["phone"]),
            }
        )
        for row in rows
    ]


@router.put("/{pool_id}", status_code=status.HTTP_204_NO_CONTENT, responses=_ERRORS)
async def configure(
    pool_id: UUID, body: PoolSettings, principal: PoolManager, db: Database
) -> None:
    """Set how the pool works: claim or assign-only, automatic assignment, and its rules
    (claim limits, protection period, recycle and anti-collusion rules)."""
    await configure_pool(
        pool_id,
        name=body.name,
        kind=body.kind,
        auto_assignment=body.auto_assignment,
        rules=body.rules,
        actor=principal,
        uow=UnitOfWork(db),
    )
