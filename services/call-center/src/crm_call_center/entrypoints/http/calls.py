"""HTTP API of call records: thin — parse, call one command or view, shape the answer."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, HTTPException, Query, status
from pydantic import AwareDatetime

from crm_call_center import views
from crm_call_center.application.calls import (
    RecordDisposition,
    RequestTicket,
    record_disposition,
    request_ticket,
)
from crm_call_center.entrypoints.http.schemas import CallPublic, DispositionCreate, TicketRequest
from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.runtime.dependencies import Database, Now, Work

router = APIRouter(prefix="/calls", tags=["calls"])
CallReader = Annotated[Principal, requires("call.read")]
CallMaker = Annotated[Principal, requires("call.make")]
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such call visible to the caller"}
}


@router.get("", response_model=list[CallPublic], responses={403: {"description": "No call.read"}})
async def list_calls(
    principal: CallReader,
    db: Database,
    agent_user: Annotated[str | None, Query(max_length=64)] = None,
    queue_id: UUID | None = None,
    direction: Literal["inbound", "outbound"] | None = None,
    connected: bool | None = None,
    started_from: AwareDatetime | None = None,
    started_before: AwareDatetime | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> list[CallPublic]:
    """Calls the caller may see, newest first: an agent's own, a supervisor's or manager's
    whole scope. Page with ``started_before`` (the last call's ``started_at``)."""
    rows = await views.calls_of(
        db,
        principal,
        agent_user=agent_user,
        queue_id=queue_id,
        direction=direction,
        connected=connected,
        started_from=started_from,
        started_before=started_before,
        limit=limit,
    )
    return [CallPublic.model_validate(row, from_attributes=True) for row in rows]


@router.get("/{call_id}", response_model=CallPublic, responses=_NOT_FOUND)
async def get_call(call_id: UUID, principal: CallReader, db: Database) -> CallPublic:
    call = await views.call_for(db, principal, call_id)
    if call is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "call not found")
    return CallPublic.model_validate(call, from_attributes=True)


@router.post(
    "/{call_id}/disposition",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={
        **_NOT_FOUND,
        403: {"description": "Not the agent who had the call"},
        409: {"description": "The call is still going or already wrapped up"},
    },
)
async def wrap_up_call(
    call_id: UUID, body: DispositionCreate, principal: CallMaker, work: Work, now: Now
) -> None:
    """The agent records the outcome and notes of a finished call (once); publishes
    ``call_center.CallDispositionRecorded``."""
    await record_disposition(
        call_id,
        RecordDisposition(body.disposition, body.notes, body.grade_after),
        principal,
        work,
        now=now,
    )


@router.post(
    "/{call_id}/ticket-request",
    status_code=status.HTTP_202_ACCEPTED,
    responses=_NOT_FOUND,
)
async def ask_for_ticket(
    call_id: UUID, body: TicketRequest, principal: CallMaker, work: Work, now: Now
) -> None:
    """During or after the call, the agent asks the service desk to open a ticket for it
    (channel phone, the caller's number, the lead the call is about) or to add the call to an
    open ticket of the call's book; publishes ``call_center.CallTicketRequested``, which the
    service desk applies once."""
    await request_ticket(
        call_id,
        RequestTicket(body.kind, body.subject, body.notes, body.attach_to),
        principal,
        work,
        now=now,
    )
