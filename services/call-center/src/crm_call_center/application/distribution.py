"""Rule-pushed call lists: the calls rules ask for (a care call, a survey by phone, a policy
about to expire) become call tasks dealt out by the queue of their org node that takes the
kind, by its strategy. A call no queue can take yet waits, and the distribution sweep deals it
out once one can; nothing a rule asked for is dropped."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_call_center.adapters import queue_store
from crm_call_center.application.tasks import push_rule_tasks
from crm_call_center.domain.distribution import Strategy, deal_tasks
from crm_call_center.domain.tasks import CallTask, TaskKind, end_of
from crm_common.contracts.envelope import Envelope
from crm_common.contracts.events.service_desk.v1 import CareDue, SurveyRequested
from crm_common.db import UnitOfWork

SWEEP_BATCH = 500
DISTRIBUTOR = "distribution"


@dataclass(frozen=True, slots=True)
class RuleCall:
    """A call a rule asks for; ``source_key`` makes it once however often the rule fires."""

    tenant: str
    owner_org: str
    kind: TaskKind
    due_at: datetime
    customer_name: str
    phone: str | None
    rule: str
    reason: str | None
    source_key: str
    customer_id: UUID | None = None
    lead_id: UUID | None = None


@dataclass(frozen=True, slots=True)
class Pushed:
    dealt: int
    """Tasks created (a source key pushed before is not pushed again)."""
    waiting: list[RuleCall]
    """Calls no queue of their org could take."""
    waiting_added: int = 0
    """Of those, the ones not waiting already (a source key waits once)."""


def _task(call: RuleCall, assignee: str, queue_id: UUID) -> CallTask:
    return CallTask(
        id=uuid4(),
        tenant=call.tenant,
        owner_org=call.owner_org,
        kind=call.kind,
        assignee=assignee,
        due_at=call.due_at,
        customer_name=call.customer_name,
        phone=call.phone,
        lead_id=call.lead_id,
        customer_id=call.customer_id,
        rule=call.rule,
        reason=call.reason,
        queue_id=queue_id,
    )


async def _deal(uow: UnitOfWork, calls: Sequence[RuleCall]) -> Pushed:
    by_queue_kind: dict[tuple[str, str, TaskKind], list[RuleCall]] = defaultdict(list)
    for call in calls:
        by_queue_kind[(call.tenant, call.owner_org, call.kind)].append(call)
    made: list[tuple[CallTask, str]] = []
    waiting: list[RuleCall] = []
    # Queues are locked in one order, so two deals at once cannot deadlock.
    for (tenant, org, kind), group in sorted(by_queue_kind.items()):
        queue = await queue_store.queue_taking(uow.session, tenant, org, kind)
        if queue is None:
            waiting.extend(group)
            continue
        members = await queue_store.members(uow.session, tenant, queue["id"])
        dealt = deal_tasks(
            [c.kind for c in group], members, Strategy(queue["strategy"]), queue["last_assignee"]
        )
        for call, assignee in zip(group, dealt.assignees, strict=True):
            if assignee is None:
                waiting.append(call)
            else:
                made.append((_task(call, assignee, queue["id"]), call.source_key))
        if dealt.last_assignee != queue["last_assignee"]:
            await queue_store.update_queue(
                uow.session, queue["id"], last_assignee=dealt.last_assignee
            )
    created = await push_rule_tasks(uow, made, actor=DISTRIBUTOR)
    return Pushed(created, waiting)


def _waiting_row(call: RuleCall) -> dict[str, Any]:
    return {
        "id": uuid4(),
        "tenant": call.tenant,
        "owner_org": call.owner_org,
        "kind": call.kind.value,
        "due_at": call.due_at,
        "customer_name": call.customer_name,
        "phone": call.phone,
        "lead_id": call.lead_id,
        "customer_id": call.customer_id,
        "rule": call.rule,
        "reason": call.reason,
        "source_key": call.source_key,
    }


async def push_rule_calls(uow: UnitOfWork, calls: Sequence[RuleCall]) -> Pushed:
    """Inside the caller's transaction (a consumer's inbox batch): the calls dealt out by their
    queues, the rest kept waiting."""
    pushed = await _deal(uow, calls)
    added = await queue_store.add_waiting(uow.session, [_waiting_row(c) for c in pushed.waiting])
    return replace(pushed, waiting_added=added)


def _of_waiting(row: Any) -> RuleCall:
    return RuleCall(
        tenant=row["tenant"],
        owner_org=row["owner_org"],
        kind=TaskKind(row["kind"]),
        due_at=row["due_at"],
        customer_name=row["customer_name"],
        phone=row["phone"],
        rule=row["rule"],
        reason=row["reason"],
        source_key=row["source_key"],
        customer_id=row["customer_id"],
        lead_id=row["lead_id"],
    )


async def deal_waiting(
    sessions: async_sessionmaker[AsyncSession], *, batch: int = SWEEP_BATCH
) -> int:
    """The sweep: waiting calls whose org has a queue taking them now are dealt out; those
    still without an able member stay. Returns how many left the waiting list."""
    async with UnitOfWork(sessions) as uow:
        rows = await queue_store.waiting_to_deal(uow.session, batch)
        if not rows:
            return 0
        pushed = await _deal(uow, [_of_waiting(r) for r in rows])
        still = {c.source_key for c in pushed.waiting}
        gone = [r["id"] for r in rows if r["source_key"] not in still]
        await queue_store.remove_waiting(uow.session, gone)
    return len(gone)


CARE_TASKS: dict[str, TaskKind] = {
    "insurance_renewal": TaskKind.POLICY_RENEWAL,
    "maintenance_due": TaskKind.MAINTENANCE_DUE,
    "birthday": TaskKind.CARE,
    "value_changed": TaskKind.CARE,
    "problem_customer": TaskKind.CARE,
}
"""The call task each of the service desk's care rules asks for: a policy about to expire is
a renewal call, a vehicle due for maintenance a maintenance call, the rest care calls."""


def care_call(event: Envelope[CareDue], business_tz: ZoneInfo) -> RuleCall:
    care = event.data
    return RuleCall(
        tenant=event.tenant,
        owner_org=care.dealer_id,
        kind=CARE_TASKS[care.rule_kind],
        due_at=end_of(care.due_on, business_tz),
        customer_name=care.customer_name,
        phone=care.phone,
        rule=f"care:{care.rule_kind}",
        reason=care.reason,
        source_key=f"care:{care.care_action_id}",
        customer_id=care.customer_id,
    )


def survey_call(event: Envelope[SurveyRequested]) -> RuleCall | None:
    """A survey the service desk asks by phone (a link survey is none of ours)."""
    survey = event.data
    if survey.channel != "call":
        return None
    return RuleCall(
        tenant=event.tenant,
        owner_org=survey.dealer_id,
        kind=TaskKind.SURVEY,
        due_at=survey.expires_at,
        customer_name=survey.customer_name or "",
        phone=survey.phone,
        rule=f"survey:{survey.trigger}",
        reason=(
            f"Service survey after {survey.trigger.replace('_', ' ')} "
            f"(survey {survey.survey_response_id})"
        ),
        source_key=f"survey:{survey.survey_response_id}",
        customer_id=survey.customer_id,
    )
