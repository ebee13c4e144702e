"""Commands on call tasks: pushed by rules or managers, cleared only by a call, cancelled only
with the manager's approval."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters import task_store
from crm_call_center.domain.tasks import (
    CallTask,
    ClearingCall,
    NotAClearingCall,
    NotTheAssignee,
    TaskKind,
)
from crm_common.auth import Principal
from crm_common.contracts.envelope import Envelope, EventData, new_event
from crm_common.contracts.events.call_center.v1 import (
    CallTaskCancelDecided,
    CallTaskCancelRequested,
    CallTaskCleared,
    CallTaskCreated,
    CallTaskEscalated,
    CallTaskHandedOver,
)
from crm_common.contracts.events.leads.v1 import ConsultantHandedOver
from crm_common.db import UnitOfWork
from crm_common.policy import hand_overs

ESCALATION_BATCH = 500


class TaskNotFound(LookupError):
    """No such task the caller may act on (answered 404)."""


class AssigneeNotFound(LookupError):
    """No agent of that name in the caller's scope (answered 404)."""


class PhoneSystemUnavailable(Exception):
    """The PBX is not configured or cannot be reached (answered 503)."""


class NumberUnknown(Exception):
    """The task has no number and none was given (answered 409)."""


class Dialer(Protocol):
    """The CTI port's click-to-dial: ring the agent's extension, then dial the customer."""

    async def dial(self, extension: str, number: str, variables: dict[str, str]) -> None: ...


def _event_fields(task: CallTask, at: datetime) -> dict[str, object]:
    return {
        "task_id": task.id,
        "dealer_id": task.owner_org,
        "kind": task.kind.value,
        "assignee": task.assignee,
        "lead_id": task.lead_id,
        "at": at,
    }


async def _publish(uow: UnitOfWork, task: CallTask, actor: str, events: list[EventData]) -> None:
    await uow.publish_about(events, tenant=task.tenant, owner_org=task.owner_org, actor=actor)


@dataclass(frozen=True, slots=True)
class PushTask:
    kind: TaskKind
    assignee: str
    due_at: datetime
    customer_name: str
    phone: str | None
    lead_id: UUID | None = None


async def push_task(uow: UnitOfWork, manager: Principal, command: PushTask) -> CallTask:
    """A manager pushes a task by hand to an agent of their scope."""
    async with uow:
        agent = await task_store.agent_in(uow.session, manager, command.assignee)
        if agent is None:
            raise AssigneeNotFound(f"no agent {command.assignee} in your scope")
        task = CallTask(
            id=uuid4(),
            tenant=manager.tenant,
            owner_org=agent[1],
            kind=command.kind,
            assignee=command.assignee,
            due_at=command.due_at,
            customer_name=command.customer_name,
            phone=command.phone,
            lead_id=command.lead_id,
        )
        await task_store.add_tasks(uow.session, [(task, None)])
        await _publish(
            uow,
            task,
            manager.user_id,
            [CallTaskCreated(**_event_fields(task, task.due_at), due_at=task.due_at, rule=None)],
        )
    return task


async def push_rule_tasks(
    uow: UnitOfWork, tasks: Sequence[tuple[CallTask, str]], *, actor: str
) -> int:
    """Tasks a rule pushes inside the caller's transaction, once per source key (their
    ``CallTaskCreated`` events written to the outbox in one statement: a call list's batch)."""
    created = set(await task_store.add_tasks(uow.session, tasks))
    await uow.publish(
        *(
            new_event(
                CallTaskCreated(
                    **_event_fields(task, task.due_at), due_at=task.due_at, rule=task.rule
                ),
                tenant=task.tenant,
                owner_org=task.owner_org,
                actor=actor,
            )
            for task, _ in tasks
            if task.id in created
        )
    )
    return len(created)


async def callback_for_grade(
    uow: UnitOfWork,
    *,
    tenant: str,
    dealer_id: str,
    lead_id: UUID,
    owner_user: str,
    due_at: datetime,
    graded_at: datetime,
    now: datetime,
) -> int:
    """The callback cadence of a lead's grade: the owner must call by the due date the grade
    set; an older callback of the lead not yet made is replaced. An owner handed over since
    the grading (the hand-over, on another topic, came first) is not the owner any more: the
    successor that hand-over chooses for the lead calls back."""
    handed = await hand_overs.finished_hand_over_since(
        uow.session, tenant, dealer_id, owner_user, graded_at
    )
    if handed is not None:
        owner_user = handed.successor_for(
            lead_id=lead_id, customer_id=None, record_id=lead_id
        ).user_id
    await task_store.supersede_callbacks(uow.session, tenant, lead_id, due_at, now)
    task = CallTask(
        id=uuid4(),
        tenant=tenant,
        owner_org=dealer_id,
        kind=TaskKind.LEAD_CALLBACK,
        assignee=owner_user,
        due_at=due_at,
        customer_name="",
        phone=None,
        lead_id=lead_id,
        rule="grade_cadence",
    )
    return await push_rule_tasks(
        uow, [(task, f"grade:{lead_id}:{due_at.isoformat()}")], actor="grade-cadence"
    )


async def clear_by_call(
    uow: UnitOfWork,
    *,
    tenant: str,
    task_id: UUID,
    call: ClearingCall,
    grade_after: str | None,
    now: datetime,
) -> bool:
    """Inside the wrap-up's transaction: a connected call with disposition and notes by the
    assignee clears the task it was dialled from; any other call is just an attempt."""
    task = await task_store.task_of_call(uow.session, tenant, task_id)
    if task is None:
        return False
    try:
        task.clear_by(call, now)
    except NotAClearingCall:
        return False
    await task_store.save_task(uow.session, task)
    await _publish(
        uow,
        task,
        call.agent_user or "",
        [
            CallTaskCleared(
                **_event_fields(task, now),
                call_id=call.call_id,
                disposition=call.disposition,
                on_time=task.on_time(now),
                grade_after=grade_after,
            )
        ],
    )
    return True


async def _task_for_change(uow: UnitOfWork, principal: Principal, task_id: UUID) -> CallTask:
    task = await task_store.task_for_change(
        uow.session, task_id, task_store.changeable_tasks(principal)
    )
    if task is None:
        raise TaskNotFound(f"task {task_id} not found")
    return task


async def request_cancellation(
    uow: UnitOfWork, actor: Principal, task_id: UUID, reason: str, *, now: datetime
) -> CallTask:
    async with uow:
        task = await _task_for_change(uow, actor, task_id)
        task.request_cancellation(actor.user_id, reason, now)
        await task_store.save_task(uow.session, task)
        await _publish(
            uow,
            task,
            actor.user_id,
            [CallTaskCancelRequested(**_event_fields(task, now), reason=reason)],
        )
    return task


async def decide_cancellation(
    uow: UnitOfWork,
    manager: Principal,
    task_id: UUID,
    approved: bool,
    *,
    now: datetime,
    business_tz: ZoneInfo,
) -> CallTask:
    async with uow:
        task = await _task_for_change(uow, manager, task_id)
        if task.assignee == manager.user_id:
            raise NotTheAssignee("a manager does not decide on their own task")
        task.decide_cancellation(manager.user_id, approved, now, business_tz)
        await task_store.save_task(uow.session, task)
        events: list[EventData] = [
            CallTaskCancelDecided(
                **_event_fields(task, now),
                approved=approved,
                decided_by=manager.user_id,
                due_at=None if approved else task.due_at,
            )
        ]
        if approved:
            events.append(
                CallTaskCleared(
                    **_event_fields(task, now),
                    call_id=None,
                    disposition="cancellation_approved",
                    on_time=task.on_time(now),
                )
            )
        await _publish(uow, task, manager.user_id, events)
    return task


async def dial_task(
    uow: UnitOfWork,
    actor: Principal,
    task_id: UUID,
    number: str | None,
    dialer: Dialer | None,
) -> None:
    """Click-to-dial from a task: the PBX rings the assignee's phone, then the customer; the
    call carries the task, so its record links to it."""
    async with uow:
        task = await _task_for_change(uow, actor, task_id)
        if task.assignee != actor.user_id:
            raise NotTheAssignee("only the assignee dials the task's calls")
        extension = await task_store.extension_of(uow.session, actor.tenant, actor.user_id)
    if dialer is None:
        raise PhoneSystemUnavailable("no phone system is configured for click-to-dial")
    to = number or task.phone
    if not to:
        raise NumberUnknown("the task has no number: give the number to dial")
    if extension is None:
        raise AssigneeNotFound("you have no phone extension in the call center")
    try:
        await dialer.dial(extension, to, {"TASK_ID": str(task.id)})
    except (OSError, ConnectionError, TimeoutError) as error:
        raise PhoneSystemUnavailable(f"the phone system did not take the call: {error}") from None


async def hand_over_tasks(uow: UnitOfWork, event: Envelope[ConsultantHandedOver]) -> int:
    """A leaver's hand-over as leads announces it: their open call tasks of the book go to the
    successors, a lead's or customer's to the successor of that lead (so a customer's calls
    stay with whoever now works the customer). A part that is not the final one moves only the
    tasks of the leads and customers it names. Each moved task publishes
    ``CallTaskHandedOver`` (by the manager who handed over). Returns the tasks moved."""
    handed = event.data
    # Kept for a grading of the leaver's still on its way (callback_for_grade).
    await hand_overs.keep_part(uow.session, event.tenant, handed)
    moved = 0
    for task in await task_store.open_tasks_of(
        uow.session, event.tenant, handed.dealer_id, handed.consultant
    ):
        about = {"lead_id": task.lead_id, "customer_id": task.customer_id}
        if not handed.final and not handed.names(**about):
            continue
        task.hand_over(handed.successor_for(**about, record_id=task.id).user_id)
        await task_store.save_task(uow.session, task)
        await _publish(
            uow,
            task,
            event.actor or "hand-over",
            [
                CallTaskHandedOver(
                    **_event_fields(task, handed.at),
                    previous_assignee=handed.consultant,
                    hand_over_id=handed.hand_over_id,
                )
            ],
        )
        moved += 1
    return moved


async def escalate_overdue(sessions: async_sessionmaker[AsyncSession], *, now: datetime) -> int:
    """End of day: tasks whose cancellation was rejected and that are still open escalate."""
    async with UnitOfWork(sessions) as uow:
        tasks = await task_store.tasks_to_escalate(uow.session, now, ESCALATION_BATCH)
        for task in tasks:
            task.escalate(now)
            await task_store.save_task(uow.session, task)
            await _publish(
                uow,
                task,
                "end-of-day",
                [CallTaskEscalated(**_event_fields(task, now), due_at=task.due_at)],
            )
    return len(tasks)
