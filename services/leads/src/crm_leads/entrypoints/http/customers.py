"""HTTP API of customer files."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.runtime.dependencies import Database, Now
from crm_leads.application.customers import merge_customers

router = APIRouter(prefix="/customers", tags=["customers"])
_ERRORS: dict[int | str, dict[str, Any]] = {
    403: {"description": "The role lacks the function"},
    404: {"description": "No such customer in a book the caller manages"},
    409: {"description": "Different books, or both customers have an open lead"},
}


class CustomerMerge(BaseModel):
    model_config = ConfigDict(extra="forbid")

    into: UUID


class CustomerMerged(BaseModel):
    customer_id: UUID
    moved_leads: list[UUID]


@router.post("/{customer_id}/merge", response_model=CustomerMerged, responses=_ERRORS)
async def merge_customer(
    customer_id: UUID,
    body: CustomerMerge,
    principal: Annotated[Principal, requires("lead.assign")],
    db: Database,
    now: Now,
) -> CustomerMerged:
    """Merge this customer file into another of the same dealer (the same person recorded
    twice): its leads move over, later submissions with its phone reach the merged customer,
    and the merge is audited and published (``leads.CustomerMerged``)."""
    merge = await merge_customers(customer_id, body.into, principal, UnitOfWork(db), now=now)
    return CustomerMerged(customer_id=merge.customer_id, moved_leads=merge.moved_leads)
