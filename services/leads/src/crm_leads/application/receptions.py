"""The showroom reception form (客户接待表): every walk-in is recorded, and becomes or updates
the customer's lead — a visit verified at reception is real contact."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

from crm_common.auth import Principal
from crm_common.contracts.events.leads.v1 import ReceptionRecorded
from crm_common.db import UnitOfWork
from crm_common.policy.roles import has_function
from crm_common.policy.staff import staff_in_book
from crm_leads.adapters import book_store, reception_store
from crm_leads.application.handlers import (
    DEFAULT_BUSINESS_TZ,
    AssigneeNotFound,
    CreateLead,
    Registration,
    follow_up_in,
    publish_for,
    register_in,
    works_leads,
)
from crm_leads.domain.lead import FollowUp, FollowUpKind, Worker


@dataclass(frozen=True, slots=True)
class RecordReception:
    contact: CreateLead
    visitors: int
    companions: str | None
    interest: str | None
    arrived_at: datetime
    left_at: datetime | None
    received_by: str | None
    """The consultant who received them; None: the caller (a consultant)."""

    def is_complete(self) -> bool:
        """The form says what the visitors came for, who came with them (when they came in a
        party) and when they left: what reception-form completion (接待表完成率) counts."""
        party_named = self.visitors == 1 or bool(self.companions)
        return bool(self.interest) and party_named and self.left_at is not None


@dataclass(frozen=True, slots=True)
class Reception:
    id: UUID
    registration: Registration


async def record_reception(
    command: RecordReception,
    actor: Principal,
    uow: UnitOfWork,
    *,
    now: datetime,
    business_tz: ZoneInfo = DEFAULT_BUSINESS_TZ,
) -> Reception:
    """One transaction: the reception row, the lead (new, owned by the receiving consultant;
    or the customer's existing lead) and, when the receiver owns it, a verified visit."""
    async with uow:
        session = uow.session
        receiver = await _receiving_consultant(uow, command.received_by, actor)
        registration = await register_in(
            uow,
            command.contact,
            actor,
            owner=receiver,
            via="POST /receptions",
            now=now,
            business_tz=business_tz,
        )
        lead = registration.lead
        if receiver is not None and lead.owner_user == receiver.user_id:
            await follow_up_in(
                uow,
                lead,
                FollowUp(
                    kind=FollowUpKind.VISIT,
                    outcome=command.interest or "came to the showroom",
                    at=command.arrived_at,
                    by=receiver.user_id,
                    verified=True,
                ),
            )
        reception_id = uuid4()
        consultant = receiver.user_id if receiver else actor.user_id
        await reception_store.add_reception(
            session,
            reception_id=reception_id,
            lead=lead,
            consultant=consultant,
            visitors=command.visitors,
            companions=command.companions,
            interest=command.interest,
            source=command.contact.source,
            arrived_at=command.arrived_at,
            left_at=command.left_at,
            now=now,
        )
        await publish_for(
            uow,
            lead,
            actor.user_id,
            [
                ReceptionRecorded(
                    lead_id=lead.id,
                    dealer_id=lead.owner_org,
                    at=command.arrived_at,
                    reception_id=reception_id,
                    consultant=consultant,
                    visitors=command.visitors,
                    source=command.contact.source.value,
                    complete=command.is_complete(),
                )
            ],
        )
    return Reception(reception_id, registration)


async def _receiving_consultant(
    uow: UnitOfWork, named: str | None, actor: Principal
) -> Worker | None:
    if named is None or named == actor.user_id:
        return Worker(actor.user_id, actor.org_node) if works_leads(actor) else None
    book = await book_store.book_of(uow.session, actor.tenant, actor.org_node)
    member = await staff_in_book(uow.session, actor.tenant, named, book)
    if member is None or not has_function(member.roles, "lead.claim"):
        raise AssigneeNotFound(f"no active consultant {named!r} works in this dealer")
    return Worker(named, member.org_node)
