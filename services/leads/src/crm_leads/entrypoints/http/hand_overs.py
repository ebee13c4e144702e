"""HTTP API of a leaver's hand-over (离职交接)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.db import UnitOfWork
from crm_common.runtime.dependencies import Database, Now
from crm_leads.application.hand_over import HandOver, hand_over
from crm_leads.entrypoints.http.schemas import HandOverCreate, HandOverPublic

router = APIRouter(prefix="/hand-overs", tags=["leads"])
LeadManager = Annotated[Principal, requires("lead.assign")]
FOLLOWS = (
    "the leaver's opportunities (open, or won with an order still running) with their quotes "
    "and orders, and their open call tasks, go to the same successors in the opportunities "
    "and call-center services"
)


@router.post(
    "",
    response_model=HandOverPublic,
    responses={
        403: {"description": "The role lacks the function"},
        404: {"description": "The leaver or the successor does not work in the caller's book"},
        409: {"description": "No consultant of the book but the leaver could take over"},
    },
)
async def hand_over_leaver(
    body: HandOverCreate, principal: LeadManager, db: Database, now: Now
) -> HandOverPublic:
    """Hand everything a consultant of the caller's book works to a named ``successor``, or
    spread it by a ``strategy``: their open leads move now (each a ``leads.LeadAssigned``,
    its history a ``handed_over`` entry), the rest follows through
    ``leads.ConsultantHandedOver`` — each service moves its own records, a customer's
    opportunity and call tasks to the successor of its lead. The leaver may still be active
    or deactivated already."""
    done = await hand_over(
        HandOver(
            leaver=body.leaver,
            successor=body.successor,
            strategy=body.strategy,
            pool_id=body.pool_id,
        ),
        principal,
        UnitOfWork(db),
        now=now,
    )
    return HandOverPublic(
        hand_over_id=done.hand_over_id,
        book=done.book,
        leaver=done.leaver,
        successors=done.successors,
        strategy=done.strategy,
        leads_moved=done.leads_moved,
        follows=FOLLOWS,
    )
