"""Which customers have open, won or lost opportunities, from opportunities' events: what the
"not won" and exclusion recycle rules read."""

from __future__ import annotations

from crm_common.contracts.envelope import Envelope, EventData
from crm_common.contracts.events.opportunities.v1 import (
    DealLost,
    DealWon,
    OpportunityOpened,
    OrderCancelled,
)
from crm_common.db import UnitOfWork
from crm_leads.adapters import customer_files

OPPORTUNITY_STATUS: dict[type[EventData], str] = {
    OpportunityOpened: "open",
    DealWon: "won",
    DealLost: "lost",
}


async def record_customer_opportunity(
    uow: UnitOfWork, event: Envelope[OpportunityOpened | DealWon | DealLost]
) -> None:
    if event.data.customer_id is None:
        return  # opened without a lead: no customer of leads to speak of
    await customer_files.record_customer_opportunity(
        uow.session,
        tenant=event.tenant,
        opportunity_id=event.data.opportunity_id,
        customer_id=event.data.customer_id,
        status=OPPORTUNITY_STATUS[type(event.data)],
        at=event.data.at,
    )


async def reopen_customer_opportunity(uow: UnitOfWork, event: Envelope[OrderCancelled]) -> None:
    await customer_files.reopen_customer_opportunity(
        uow.session, opportunity_id=event.data.opportunity_id, at=event.data.at
    )
