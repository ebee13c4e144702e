"""Commands of the leads service: one unit of work each, events through the outbox."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from crm_common.auth import Principal
from crm_common.contracts import new_event
from crm_common.contracts.events.leads.v1 import LeadCreated
from crm_common.db import UnitOfWork
from crm_common.policy import DataType, SharingLevel
from crm_common.policy.audit import record_personal_data_access
from crm_leads.adapters import repository
from crm_leads.domain.lead import Lead, LeadSource, register_lead


@dataclass(frozen=True, slots=True)
class CreateLead:
    customer_name: str
    phone: str
    source: LeadSource
    vehicle_interest: str | None


PERSONAL_FIELDS = ("customer_name", "phone")


async def create_lead(command: CreateLead, actor: Principal, uow: UnitOfWork, *, via: str) -> Lead:
    """``via`` names the entrypoint for the personal-data audit (e.g. ``POST /leads``)."""
    lead = register_lead(
        tenant=actor.tenant,
        owner_org=actor.org_node,
        customer_name=command.customer_name,
        phone=command.phone,
        source=command.source,
        vehicle_interest=command.vehicle_interest,
        created_by=actor.user_id,
        now=datetime.now(UTC),
    )
    async with uow:
        await repository.add_lead(uow.session, lead)
        await record_personal_data_access(
            uow.session,
            actor,
            action="create",
            resource_type=DataType.LEAD,
            resource_id=str(lead.id),
            owner_org=lead.owner_org,
            fields=PERSONAL_FIELDS,
            level=SharingLevel.FULL,
            endpoint=via,
        )
        await uow.publish(
            new_event(
                LeadCreated(
                    lead_id=lead.id,
                    dealer_id=lead.owner_org,
                    source=lead.source.value,
                    created_at=lead.created_at,
                ),
                tenant=lead.tenant,
                owner_org=lead.owner_org,
                actor=actor.user_id,
            )
        )
    return lead
