"""Commands on call records: what agents add to what the phone system recorded."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from crm_call_center.adapters import call_store
from crm_call_center.application.tasks import clear_by_call
from crm_call_center.domain.tasks import ClearingCall
from crm_common.auth import Principal
from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.call_center.v1 import (
    CallDispositionRecorded,
    CallTicketRequested,
)
from crm_common.contracts.events.service_desk.v1 import CallAttached
from crm_common.contracts.events.service_desk.v2 import TicketOpenedV2
from crm_common.db import UnitOfWork


class CallNotFound(LookupError):
    """No such call visible to the caller (answered 404)."""


class NotTheAgent(PermissionError):
    """Only the agent who had the call wraps it up (answered 403)."""


class CallNotWrappable(Exception):
    """Still going, or already wrapped up (answered 409)."""


def _facts_of(call: Mapping[Any, Any]) -> dict[str, Any]:
    """What every event about a call says of it."""
    return {
        "dealer_id": call["owner_org"],
        "direction": call["direction"],
        "customer_phone": call["customer_phone"],
        "agent_user": call["agent_user"],
        "queue_id": call["queue_id"],
        "lead_id": call["lead_id"],
        "customer_id": call["customer_id"],
        "task_id": call["task_id"],
    }


@dataclass(frozen=True, slots=True)
class RecordDisposition:
    disposition: str
    notes: str
    grade_after: str | None = None


async def record_disposition(
    call_id: UUID, command: RecordDisposition, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> None:
    """The agent's wrap-up of a finished call: its outcome and notes, once. Publishes
    ``call_center.CallDispositionRecorded``; a connected call dialled from a task clears it."""
    async with uow:
        call = await call_store.call_for_change(uow.session, actor, call_id)
        if call is None:
            raise CallNotFound(f"call {call_id} not found")
        if call["agent_user"] != actor.user_id:
            raise NotTheAgent("only the agent who had the call wraps it up")
        if call["ended_at"] is None:
            raise CallNotWrappable("the call is still going")
        if call["disposition"] is not None:
            raise CallNotWrappable("the call is already wrapped up")
        await call_store.update_call(
            uow.session,
            call_id,
            disposition=command.disposition,
            notes=command.notes,
            disposition_by=actor.user_id,
            disposition_at=now,
            wrap_seconds=max(0, round((now - call["ended_at"]).total_seconds())),
        )
        await uow.publish_about(
            [
                CallDispositionRecorded(
                    call_id=call_id,
                    **_facts_of(call),
                    connected=call["connected"],
                    talk_seconds=call["talk_seconds"],
                    disposition=command.disposition,
                    grade_after=command.grade_after,
                    at=now,
                )
            ],
            tenant=call["tenant"],
            owner_org=call["owner_org"],
            actor=actor.user_id,
        )
        if call["task_id"] is not None:
            await clear_by_call(
                uow,
                tenant=call["tenant"],
                task_id=call["task_id"],
                call=ClearingCall(
                    call_id=call_id,
                    agent_user=call["agent_user"],
                    connected=call["connected"],
                    disposition=command.disposition,
                    notes=command.notes,
                ),
                grade_after=command.grade_after,
                now=now,
            )


@dataclass(frozen=True, slots=True)
class RequestTicket:
    kind: str
    subject: str
    notes: str
    attach_to: UUID | None = None


async def request_ticket(
    call_id: UUID, command: RequestTicket, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> None:
    """Asks the service desk (``call_center.CallTicketRequested``) to open a ticket for the
    call, channel phone, or to add the call to an open ticket of the call's book."""
    async with uow:
        call = await call_store.call_for_change(uow.session, actor, call_id)
        if call is None:
            raise CallNotFound(f"call {call_id} not found")
        await uow.publish_about(
            [
                CallTicketRequested(
                    call_id=call_id,
                    **_facts_of(call),
                    ticket_kind=command.kind,
                    subject=command.subject,
                    notes=command.notes,
                    attach_to=command.attach_to,
                    requested_by=actor.user_id,
                    at=now,
                )
            ],
            tenant=call["tenant"],
            owner_org=call["owner_org"],
            actor=actor.user_id,
        )


async def link_ticket(
    uow: UnitOfWork, event: Envelope[TicketOpenedV2] | Envelope[CallAttached]
) -> None:
    """The ticket the service desk opened for a call (``TicketOpened`` version 2 names it),
    or the open ticket the call joined (``CallAttached``), goes on the call's record; a ticket
    linked already stays. A ticket naming no call of this tenant (opened elsewhere, or naming
    a call id typed by hand) links nothing."""
    opened = event.data
    if opened.call_id is None:
        return
    try:
        call_id = UUID(opened.call_id)
    except ValueError:
        return
    await call_store.link_ticket(uow.session, event.tenant, call_id, opened.ticket_id)
