"""Event → fact projections. Each runs inside the inbox transaction of its consumer."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.dialects.postgresql import insert

from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.leads.v1 import LeadCreatedEvent
from crm_common.db import UnitOfWork
from crm_kpi.adapters.tables import lead_activity_facts, lead_facts
from crm_kpi.domain.facts import LeadEventData, business_day, lead_activity


async def record_leads_created(
    uow: UnitOfWork, events: Sequence[LeadCreatedEvent], timezone: str
) -> None:
    """One fact per created lead; a batch of events is one INSERT."""
    await uow.session.execute(
        insert(lead_facts)
        .values(
            [
                {
                    "event_id": event.id,
                    "lead_id": event.data.lead_id,
                    "tenant": event.tenant,
                    "owner_org": event.owner_org,
                    "dealer_id": event.data.dealer_id,
                    "source": event.data.source,
                    "day": business_day(event.data.created_at, timezone),
                    "occurred_at": event.occurred_at,
                }
                for event in events
            ]
        )
        .on_conflict_do_nothing()
    )


async def record_lead_activity(
    uow: UnitOfWork, events: Sequence[Envelope[LeadEventData]], timezone: str
) -> None:
    """One fact per lead transition; a batch of events is one INSERT."""
    rows = []
    for event in events:
        activity = lead_activity(event.data)
        rows.append(
            {
                "event_id": event.id,
                "lead_id": event.data.lead_id,
                "tenant": event.tenant,
                "owner_org": event.owner_org,
                "dealer_id": event.data.dealer_id,
                "consultant": activity.consultant,
                "activity": activity.activity,
                "detail": activity.detail,
                "day": business_day(event.data.at, timezone),
                "occurred_at": event.occurred_at,
            }
        )
    await uow.session.execute(insert(lead_activity_facts).values(rows).on_conflict_do_nothing())
