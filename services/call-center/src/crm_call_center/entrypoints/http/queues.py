"""Queues: managed by the managers of an org node, seen by its people."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, HTTPException, status

from crm_call_center import views
from crm_call_center.application import queues
from crm_call_center.application.queues import QueueSettings
from crm_call_center.domain.distribution import Strategy
from crm_call_center.entrypoints.http.schemas import (
    QueueBoard,
    QueueChange,
    QueueCreate,
    QueueMembers,
    QueuePublic,
)
from crm_common.auth import Principal
from crm_common.auth.http import requires
from crm_common.runtime.dependencies import Cache, Database, Work

router = APIRouter(prefix="/queues", tags=["queues"])
Reader = Annotated[Principal, requires("call.read")]
Manager = Annotated[Principal, requires("call.manage")]
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such queue the caller may see (or change)"}
}


def _settings(body: QueueCreate | QueueChange) -> QueueSettings:
    return QueueSettings(
        name=body.name,
        strategy=None if body.strategy is None else Strategy(body.strategy),
        task_kinds=None if body.task_kinds is None else frozenset(body.task_kinds),
        skills=None if body.skills is None else frozenset(body.skills),
        overflow_queue_id=body.overflow_queue_id,
        overflow_after_seconds=body.overflow_after_seconds,
        callback_after_seconds=body.callback_after_seconds,
        service_level_seconds=body.service_level_seconds,
    )


async def _render(db: Database, principal: Principal, queue_id: UUID) -> QueuePublic:
    found = (await views.queues_of(db, principal, queue_id)).queues
    if not found:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "queue not found")
    return QueuePublic.model_validate(found[0], from_attributes=True)


@router.get("", response_model=QueueBoard)
async def list_queues(principal: Reader, db: Database) -> QueueBoard:
    """The queues of the org nodes the caller may see (an agent: their own node's), each with
    its members and open tasks, and the rule-pushed tasks no queue takes yet."""
    return QueueBoard.model_validate(await views.queues_of(db, principal), from_attributes=True)


@router.get("/{queue_id}", response_model=QueuePublic, responses=_NOT_FOUND)
async def get_queue(queue_id: UUID, principal: Reader, db: Database) -> QueuePublic:
    return await _render(db, principal, queue_id)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=QueuePublic,
    responses={409: {"description": "The tenant has a queue of that PBX name already"}},
)
async def create_queue(
    body: QueueCreate, principal: Manager, work: Work, db: Database
) -> QueuePublic:
    """A queue of the manager's own org node: the PBX queue it stands for, its callers'
    routing, and the rule-pushed call tasks it deals out to its members."""
    queue_id = await queues.create_queue(work, principal, body.pbx_queue, _settings(body))
    return await _render(db, principal, queue_id)


@router.patch("/{queue_id}", response_model=QueuePublic, responses=_NOT_FOUND)
async def change_queue(
    queue_id: UUID, body: QueueChange, principal: Manager, work: Work, db: Database
) -> QueuePublic:
    await queues.change_queue(
        work, principal, queue_id, _settings(body), frozenset(body.model_fields_set)
    )
    return await _render(db, principal, queue_id)


@router.put("/{queue_id}/members", response_model=QueuePublic, responses=_NOT_FOUND)
async def set_members(
    queue_id: UUID, body: QueueMembers, principal: Manager, work: Work, db: Database, redis: Cache
) -> QueuePublic:
    """Exactly these agents of the queue's org node are its members (the routing's and the
    distribution's view follows at once)."""
    await queues.set_members(work, redis, principal, queue_id, frozenset(body.user_ids))
    return await _render(db, principal, queue_id)
