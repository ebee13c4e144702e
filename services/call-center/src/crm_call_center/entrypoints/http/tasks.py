"""HTTP API of call tasks: thin — parse, call one command or view, shape the answer."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from pydantic import AwareDatetime

from crm_call_center import views
from crm_call_center.application import tasks
from crm_call_center.application.tasks import Dialer, PushTask
from crm_call_center.domain.tasks import TaskKind
from crm_call_center.entrypoints.http.schemas import (
    CallTaskCreate,
    CallTaskPublic,
    CancellationDecision,
    CancellationRequest,
    DialRequest,
)
from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.runtime.dependencies import Database, Now, Work
from crm_common.runtime.paging import Paging, page_of

router = APIRouter(prefix="/call-tasks", tags=["call tasks"])
TaskReader = Annotated[Principal, requires("call.read")]
Caller = Annotated[Principal, requires("call.make")]
TaskManager = Annotated[Principal, requires("call.manage")]
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such task visible to the caller"}
}
_CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"description": "The task's state does not allow it (the detail says why)"}
}


def business_tz(request: Request) -> ZoneInfo:
    return ZoneInfo(request.app.state.settings.business_timezone)


def dialer(request: Request) -> Dialer | None:
    found: Dialer | None = request.app.state.dialer
    return found


async def _render(db: Database, principal: Principal, task_id: UUID) -> CallTaskPublic:
    task = await views.task_for(db, principal, task_id)
    if task is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "task not found")
    return CallTaskPublic.model_validate(task, from_attributes=True)


@router.get("", response_model=list[CallTaskPublic])
async def list_tasks(
    principal: TaskReader,
    db: Database,
    page: Annotated[Paging, page_of(default=100, most=500)],
    status_: Annotated[
        Literal["open", "cancel_requested", "cleared", "cancelled"] | None, Query(alias="status")
    ] = None,
    assignee: Annotated[str | None, Query(max_length=64)] = None,
    due_before: AwareDatetime | None = None,
) -> list[CallTaskPublic]:
    """Tasks the caller may see, soonest due first: a consultant's own; a manager's whole
    scope (every consultant's tasks, customers and progress)."""
    found = await views.tasks_of(
        db,
        principal,
        status=status_,
        assignee=assignee,
        due_before=due_before,
        limit=page.limit,
        offset=page.offset,
    )
    return [CallTaskPublic.model_validate(t, from_attributes=True) for t in found]


@router.get("/{task_id}", response_model=CallTaskPublic, responses=_NOT_FOUND)
async def get_task(task_id: UUID, principal: TaskReader, db: Database) -> CallTaskPublic:
    return await _render(db, principal, task_id)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=CallTaskPublic,
    responses={404: {"description": "No such agent in the caller's scope"}},
)
async def push_task(
    body: CallTaskCreate, principal: TaskManager, work: Work, db: Database
) -> CallTaskPublic:
    """A manager pushes a phone task to an agent of their scope by hand (rules push the rest);
    publishes ``call_center.CallTaskCreated``."""
    task = await tasks.push_task(
        work,
        principal,
        PushTask(
            kind=TaskKind(body.kind),
            assignee=body.assignee,
            due_at=body.due_at,
            customer_name=body.customer_name,
            phone=body.phone,
            lead_id=body.lead_id,
        ),
    )
    return await _render(db, principal, task.id)


@router.post(
    "/{task_id}/cancellation",
    response_model=CallTaskPublic,
    responses={**_NOT_FOUND, **_CONFLICT, 403: {"description": "Not the task's assignee"}},
)
async def request_cancellation(
    task_id: UUID, body: CancellationRequest, principal: Caller, work: Work, db: Database, now: Now
) -> CallTaskPublic:
    """The customer cannot be reached: the assignee asks the manager to cancel the task."""
    await tasks.request_cancellation(work, principal, task_id, body.reason, now=now)
    return await _render(db, principal, task_id)


@router.post(
    "/{task_id}/cancellation/decision",
    response_model=CallTaskPublic,
    responses={**_NOT_FOUND, **_CONFLICT},
)
async def decide_cancellation(
    task_id: UUID,
    body: CancellationDecision,
    principal: TaskManager,
    work: Work,
    db: Database,
    now: Now,
    tz: Annotated[ZoneInfo, Depends(business_tz)],
) -> CallTaskPublic:
    """Approved: the task is cleared. Rejected: it is due today and escalates if it is still
    open at the end of the day."""
    await tasks.decide_cancellation(
        work, principal, task_id, body.approved, now=now, business_tz=tz
    )
    return await _render(db, principal, task_id)


@router.post(
    "/{task_id}/dial",
    status_code=status.HTTP_202_ACCEPTED,
    responses={
        **_NOT_FOUND,
        403: {"description": "Not the task's assignee"},
        409: {"description": "The task has no number and none was given"},
        503: {"description": "The phone system is not configured or unreachable"},
    },
)
async def dial(
    task_id: UUID,
    body: DialRequest,
    principal: Caller,
    work: Work,
    found_dialer: Annotated[Dialer | None, Depends(dialer)],
) -> None:
    """Click-to-dial: the PBX rings the assignee's phone, then dials the customer; the call's
    record names the task, and its wrap-up (connected, disposition and notes) clears it."""
    await tasks.dial_task(work, principal, task_id, body.number, found_dialer)
