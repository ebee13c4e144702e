"""HTTP API of call records: thin — parse, call one command or view, shape the answer."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request, Response, status
from pydantic import AwareDatetime

from crm_call_center import views
from crm_call_center.application.call_control import (
    CallControl,
    TargetKind,
    TransferCall,
    hang_up_call,
    transfer_call,
)
from crm_call_center.application.calls import (
    RecordDisposition,
    RequestTicket,
    record_disposition,
    request_ticket,
)
from crm_call_center.application.quality import (
    ReviewCall,
    comment_on_call,
    open_recording,
    review_call,
)
from crm_call_center.entrypoints.http.schemas import (
    CallCommentCreate,
    CallPublic,
    CallReviewCreate,
    CallReviewsPublic,
    CallTransfer,
    DispositionCreate,
    TicketRequest,
)
from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.runtime.dependencies import Database, Now, Work
from crm_common.runtime.files import file_response
from crm_common.runtime.paging import Paging, first_of
from crm_common.storage import FileStore

router = APIRouter(prefix="/calls", tags=["calls"])
CallReader = Annotated[Principal, requires("call.read")]
CallMaker = Annotated[Principal, requires("call.make")]
Reviewer = Annotated[Principal, requires("call.review")]
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such call visible to the caller"}
}


@router.get("", response_model=list[CallPublic], responses={403: {"description": "No call.read"}})
async def list_calls(
    principal: CallReader,
    db: Database,
    page: Annotated[Paging, first_of(default=50, most=200)],
    agent_user: Annotated[str | None, Query(max_length=64)] = None,
    queue_id: UUID | None = None,
    direction: Literal["inbound", "outbound"] | None = None,
    connected: bool | None = None,
    recorded: bool | None = None,
    started_from: AwareDatetime | None = None,
    started_before: AwareDatetime | None = None,
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
        recorded=recorded,
        started_from=started_from,
        started_before=started_before,
        limit=page.limit,
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


def file_store(request: Request) -> FileStore:
    store: FileStore = request.app.state.file_store
    return store


def call_control(request: Request) -> CallControl | None:
    control: CallControl | None = request.app.state.call_control
    return control


@router.get(
    "/{call_id}/recording",
    response_class=Response,
    responses={
        200: {"content": {"audio/*": {}}, "description": "The whole recording"},
        206: {"content": {"audio/*": {}}, "description": "The byte range asked for"},
        403: {"description": "No call.review"},
        404: {"description": "No such call in the reviewer's book, or it has no recording"},
        416: {"description": "The range starts past the end of the recording"},
    },
)
async def listen_to_recording(
    call_id: UUID,
    principal: Reviewer,
    work: Work,
    store: Annotated[FileStore, Depends(file_store)],
    range_: Annotated[str | None, Header(alias="range", max_length=200)] = None,
) -> Response:
    """The call's recording, for reviewers of the call's own book (a sharing agreement never
    reaches it); answers range requests (206) so a player can seek. Every request is written
    to the personal-data audit first."""
    found = await open_recording(
        work, store, principal, call_id, endpoint="GET /calls/{call_id}/recording"
    )
    return file_response(store, found, range_)


async def _reviews(db: Database, principal: Principal, call_id: UUID) -> CallReviewsPublic:
    found = await views.reviews_of(db, principal, call_id)
    if found is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "call not found")
    return CallReviewsPublic.model_validate(found, from_attributes=True)


@router.get("/{call_id}/reviews", response_model=CallReviewsPublic, responses=_NOT_FOUND)
async def get_reviews(call_id: UUID, principal: CallReader, db: Database) -> CallReviewsPublic:
    """The QA form, the reviews and the comments of a call: for whoever may see the call (its
    agent reads them for coaching)."""
    return await _reviews(db, principal, call_id)


@router.post(
    "/{call_id}/reviews",
    status_code=status.HTTP_201_CREATED,
    response_model=CallReviewsPublic,
    responses={
        **_NOT_FOUND,
        403: {"description": "No call.review, or the reviewer's own call"},
        409: {"description": "No recording, or reviewed by this reviewer already"},
    },
)
async def score_call(
    call_id: UUID,
    body: CallReviewCreate,
    principal: Reviewer,
    work: Work,
    db: Database,
    now: Now,
) -> CallReviewsPublic:
    """A reviewer of the call's book scores the recorded call on the QA form, once."""
    await review_call(work, principal, call_id, ReviewCall(body.scores, body.comment), now=now)
    return await _reviews(db, principal, call_id)


@router.post(
    "/{call_id}/comments",
    status_code=status.HTTP_201_CREATED,
    response_model=CallReviewsPublic,
    responses={
        **_NOT_FOUND,
        403: {"description": "No call.review"},
        409: {"description": "The call has no recording"},
    },
)
async def comment_call(
    call_id: UUID,
    body: CallCommentCreate,
    principal: Reviewer,
    work: Work,
    db: Database,
    now: Now,
) -> CallReviewsPublic:
    """A reviewer's comment on a recorded call, at a moment of the recording or on the whole."""
    await comment_on_call(work, principal, call_id, body.text, body.at_second, now=now)
    return await _reviews(db, principal, call_id)


_CONTROL_RESPONSES: dict[int | str, dict[str, Any]] = {
    **_NOT_FOUND,
    409: {"description": "The caller is not on the call (any more), or the PBX refused"},
    501: {"description": "The call's phone system takes no commands (a cloud contact center)"},
    503: {"description": "The phone system is unreachable"},
}


@router.post(
    "/{call_id}/transfer",
    status_code=status.HTTP_202_ACCEPTED,
    responses={**_CONTROL_RESPONSES, 404: {"description": "No such call or target"}},
)
async def transfer(
    call_id: UUID,
    body: CallTransfer,
    principal: CallMaker,
    work: Work,
    control: Annotated[CallControl | None, Depends(call_control)],
) -> None:
    """The agent on the call passes the caller to another agent, a dealer's consultant or a
    queue, cold or warm; the transfer shows on the call once the PBX reports it."""
    await transfer_call(
        work,
        principal,
        call_id,
        TransferCall(TargetKind(body.target_kind), body.target, body.attended),
        control,
    )


@router.post(
    "/{call_id}/hangup", status_code=status.HTTP_202_ACCEPTED, responses=_CONTROL_RESPONSES
)
async def hang_up(
    call_id: UUID,
    principal: CallMaker,
    work: Work,
    control: Annotated[CallControl | None, Depends(call_control)],
) -> None:
    """The agent ends their leg of the call from the console."""
    await hang_up_call(work, principal, call_id, control)
