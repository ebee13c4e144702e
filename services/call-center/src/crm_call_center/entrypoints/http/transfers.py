"""Whom a call can be passed to, by name: the console's transfer directory."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from crm_call_center import views
from crm_call_center.entrypoints.http.schemas import TransferTargetPublic
from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.runtime.dependencies import Database
from crm_common.runtime.paging import Paging, first_of

router = APIRouter(prefix="/transfer-targets", tags=["calls"])


@router.get("", response_model=list[TransferTargetPublic])
async def transfer_targets(
    principal: Annotated[Principal, requires("call.make")],
    db: Database,
    page: Annotated[Paging, first_of(default=50, most=100)],
    search: Annotated[
        str, Query(max_length=100, description="Part of a name, user id or org")
    ] = "",
) -> list[TransferTargetPublic]:
    """Agents (the hotline's, the dealers' consultants with an extension) and queues of the
    tenant a call may be transferred to (``POST /calls/{call_id}/transfer`` takes ``kind`` and
    ``target`` as answered here), agents first, each with their org and state."""
    found = await views.transfer_targets(db, principal, search=search, limit=page.limit)
    return [TransferTargetPublic.model_validate(t, from_attributes=True) for t in found]
