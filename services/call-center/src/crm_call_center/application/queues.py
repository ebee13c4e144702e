"""Queues managed by the managers of an org node: the PBX queue they stand for, the routing
rules of its callers, the kinds of rule-pushed call tasks it deals out and how (round robin or
by skill), and its members."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID, uuid4

from redis.asyncio import Redis

from crm_call_center.adapters import presence_store, queue_store
from crm_call_center.domain.distribution import Strategy
from crm_call_center.domain.presence import MOST_QUEUES_OF_AGENT
from crm_call_center.domain.tasks import TaskKind
from crm_common.auth import Principal
from crm_common.db import UnitOfWork
from crm_common.errors import InvalidInput


class QueueNotFound(LookupError):
    """No such queue the caller may change (answered 404)."""


class QueueTaken(Exception):
    """The tenant has a queue of that PBX name already (answered 409)."""


@dataclass(frozen=True, slots=True)
class QueueSettings:
    """What a manager sets on a queue (all of it on creation; what is given on a change)."""

    name: str | None = None
    strategy: Strategy | None = None
    task_kinds: frozenset[TaskKind] | None = None
    skills: frozenset[str] | None = None
    overflow_queue_id: UUID | None = None
    overflow_after_seconds: int | None = None
    callback_after_seconds: int | None = None
    service_level_seconds: int | None = None


def _columns(settings: QueueSettings, given: frozenset[str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name in given:
        value = getattr(settings, name)
        if name == "strategy" and value is not None:
            value = value.value
        elif name in ("task_kinds", "skills") and value is not None:
            value = sorted(str(v) for v in value)
        values[name] = value
    return values


async def _check_overflow(
    uow: UnitOfWork, manager: Principal, overflow: UUID | None, itself: UUID
) -> None:
    if overflow is None:
        return
    if overflow == itself or await queue_store.queue_in(uow.session, manager, overflow) is None:
        raise InvalidInput("overflow_queue_id", "no other queue of yours has that id")


async def create_queue(
    uow: UnitOfWork, manager: Principal, pbx_queue: str, settings: QueueSettings
) -> UUID:
    """A queue of the manager's own org node (their hotline, their BDC)."""
    queue_id = uuid4()
    async with uow:
        await _check_overflow(uow, manager, settings.overflow_queue_id, queue_id)
        given = frozenset(QueueSettings.__dataclass_fields__)
        values = {k: v for k, v in _columns(settings, given).items() if v is not None}
        added = await queue_store.add_queue(
            uow.session,
            {
                **values,
                "id": queue_id,
                "tenant": manager.tenant,
                "owner_org": manager.org_node,
                "pbx_queue": pbx_queue,
            },
        )
        if not added:
            raise QueueTaken(f"a queue {pbx_queue} exists already")
    return queue_id


async def change_queue(
    uow: UnitOfWork,
    manager: Principal,
    queue_id: UUID,
    settings: QueueSettings,
    given: frozenset[str],
) -> None:
    """Changes the settings given (``None`` clears an optional one)."""
    async with uow:
        queue = await queue_store.queue_for_change(uow.session, manager, queue_id)
        if queue is None:
            raise QueueNotFound(f"queue {queue_id} not found")
        if "overflow_queue_id" in given:
            await _check_overflow(uow, manager, settings.overflow_queue_id, queue_id)
        for required in ("name", "strategy", "task_kinds", "skills", "service_level_seconds"):
            if required in given and getattr(settings, required) is None:
                raise InvalidInput(required, "cannot be cleared")
        if given:
            await queue_store.update_queue(uow.session, queue_id, **_columns(settings, given))


async def set_members(
    uow: UnitOfWork, redis: Redis, manager: Principal, queue_id: UUID, user_ids: frozenset[str]
) -> None:
    """Exactly these agents of the queue's org node are its members; the presence Redis serves
    (the routing's view of who is in which queue) follows."""
    async with uow:
        queue = await queue_store.queue_for_change(uow.session, manager, queue_id)
        if queue is None:
            raise QueueNotFound(f"queue {queue_id} not found")
        before = await presence_store.members_of(uow.session, manager.tenant, queue_id)
        found = await queue_store.set_members(
            uow.session, manager.tenant, queue_id, queue["owner_org"], user_ids
        )
        unknown = sorted(user_ids - found.keys())
        if unknown:
            raise InvalidInput(
                "user_ids", f"not agents of the queue's org node: {', '.join(unknown)}"
            )
        busy = sorted(user for user, queues in found.items() if queues > MOST_QUEUES_OF_AGENT)
        if busy:
            raise InvalidInput(
                "user_ids",
                f"in {MOST_QUEUES_OF_AGENT} queues already (the most an agent works in): "
                + ", ".join(busy),
            )
        changed = await presence_store.presences_of(
            uow.session, manager.tenant, before | set(user_ids)
        )
    for presence in changed:
        await presence_store.publish(redis, manager.tenant, presence)
