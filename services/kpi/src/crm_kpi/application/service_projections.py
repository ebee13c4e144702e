"""The service desk's events as facts: tickets opened (with the customer, when the desk knew
them), resolved (on time or not) and escalated; surveys answered with their NPS and CSI."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.service_desk.v1 import (
    SurveyAnswered,
    TicketEscalated,
    TicketOpened,
    TicketResolved,
)
from crm_common.contracts.events.service_desk.v2 import TicketOpenedV2
from crm_common.db import UnitOfWork
from crm_kpi.adapters import service_facts
from crm_kpi.domain.facts import business_day
from crm_kpi.domain.service_facts import nps_point

TicketEvent = TicketOpened | TicketOpenedV2 | TicketResolved | TicketEscalated


async def record_ticket_facts(
    uow: UnitOfWork, events: Sequence[Envelope[TicketEvent]], timezone: str
) -> None:
    rows: list[dict[str, Any]] = []
    for event in events:
        data = event.data
        row: dict[str, Any] = {
            "event_id": event.id,
            "ticket_id": data.ticket_id,
            "tenant": event.tenant,
            "owner_org": event.owner_org,
            "dealer_id": data.dealer_id,
            "kind": data.kind,
            "day": business_day(data.at, timezone),
            "occurred_at": event.occurred_at,
            "channel": None,
            "priority": None,
            "category": None,
            "consultant": None,
            "targeted": False,
            "on_time": False,
            "customer_id": None,
        }
        if isinstance(data, TicketOpened | TicketOpenedV2):
            row |= {
                "activity": "opened",
                "channel": data.channel,
                "priority": data.priority,
                "category": data.category,
                "consultant": data.owner_user,
                "customer_id": data.customer_id,
            }
        elif isinstance(data, TicketResolved):
            row |= {
                "activity": "resolved",
                "consultant": data.resolved_by,
                "targeted": data.on_time is not None,
                "on_time": bool(data.on_time),
            }
        else:
            row |= {"activity": "escalated", "consultant": data.owner_user}
        rows.append(row)
    await service_facts.add_ticket_facts(uow.session, rows)


async def record_survey_facts(
    uow: UnitOfWork, events: Sequence[Envelope[SurveyAnswered]], timezone: str
) -> None:
    await service_facts.add_survey_facts(
        uow.session,
        [
            {
                "event_id": event.id,
                "survey_response_id": event.data.survey_response_id,
                "tenant": event.tenant,
                "owner_org": event.owner_org,
                "dealer_id": event.data.dealer_id,
                "trigger": event.data.trigger,
                "channel": event.data.channel,
                "nps": event.data.nps,
                "nps_point": nps_point(event.data.nps),
                "nps_answered": int(event.data.nps is not None),
                "csi": Decimal(str(event.data.csi or 0)),
                "csi_answered": int(event.data.csi is not None),
                "low_score": event.data.low_score,
                "day": business_day(event.data.at, timezone),
                "occurred_at": event.occurred_at,
            }
            for event in events
        ],
    )
