"""HTTP API of the nurture list (营销培育): who owns it, and handing a lead to marketing."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.runtime.dependencies import Database, Now
from crm_leads.application import lead_reads
from crm_leads.application import nurture as nurture_app
from crm_leads.entrypoints.http.schemas import (
    NurtureHandOff,
    NurtureSettings,
    NurtureSettingsSet,
)
from crm_leads.views.leads import LeadPublic

router = APIRouter(tags=["pools"])
BookManager = Annotated[Principal, requires("pool.manage")]
LeadWorker = Annotated[Principal, requires("lead.work")]
_FORBIDDEN: dict[int | str, dict[str, Any]] = {403: {"description": "The role lacks the function"}}


@router.get("/nurture-settings", response_model=NurtureSettings, responses=_FORBIDDEN)
async def nurture_settings(principal: BookManager, db: Database) -> NurtureSettings:
    """Who owns the caller's book's nurture list. The list itself: ``GET /leads?nurture=true``."""
    book, owner = await nurture_app.nurture_owner_of(principal, UnitOfWork(db))
    return NurtureSettings(book=book, owner=owner)


@router.put("/nurture-settings", response_model=NurtureSettings, responses=_FORBIDDEN)
async def set_nurture_settings(
    body: NurtureSettingsSet, principal: BookManager, db: Database, now: Now
) -> NurtureSettings:
    """Name who owns the book's nurture list (an active user of the book who works leads; 422
    naming ``owner`` otherwise), or nobody (null). Leads handed to marketing from then on —
    by the three-stage rules or by hand — go to them."""
    book, owner = await nurture_app.set_nurture_owner(
        body.owner, principal, UnitOfWork(db), now=now
    )
    return NurtureSettings(book=book, owner=owner)


@router.post(
    "/leads/{lead_id}/nurture",
    response_model=LeadPublic,
    responses={
        **_FORBIDDEN,
        404: {"description": "No such lead in the caller's write scope"},
        409: {"description": "Nobody owns the book's nurture list, or the lead is not open"},
    },
)
async def hand_to_nurture(
    lead_id: UUID, body: NurtureHandOff, principal: LeadWorker, db: Database, now: Now
) -> LeadPublic:
    """Hand the lead to marketing now (its owner or a manager): regraded to its scheme's grade
    for marketing and owned by the nurture list's owner until a manager assigns it to a
    consultant (``POST /leads/{id}/assign``) or the owner releases it to the pool."""
    lead = await nurture_app.hand_to_nurture(
        lead_id, body.reason, principal, UnitOfWork(db), now=now
    )
    return await lead_reads.command_answer(db, principal, lead, "POST /leads/{lead_id}/nurture")
