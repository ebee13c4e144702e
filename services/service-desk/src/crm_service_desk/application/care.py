"""Customer care (客户关怀): rules per node, and the scan that fires them — an SMS or e-mail
queued for the notifier, or a care call (``CareDue``) for the call center — once per
customer, rule and period, even when two scans run at once (the action's key decides)."""

from __future__ import annotations

import asyncio
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.auth import Principal
from crm_common.contracts.envelope import Envelope, new_event
from crm_common.contracts.events.service_desk.v1 import CareDue, CareRuleSet
from crm_common.db import UnitOfWork
from crm_common.observability.context import bound_trace, new_trace
from crm_common.policy.directory import dealer_of
from crm_service_desk.adapters import care_store, repository, survey_store
from crm_service_desk.domain.care import (
    Candidate,
    CareAction,
    CareRule,
    Firing,
    RuleKind,
    Segment,
    fires,
    message_for,
)

CARE_SYSTEM = "system:care-scan"


_TERMS = (
    "kind",
    "segment",
    "action",
    "message",
    "months",
    "km",
    "days_before",
    "window_days",
    "complaints",
    "active",
)


async def add_rule(rule: CareRule, actor: Principal, uow: UnitOfWork, *, now: datetime) -> UUID:
    """A rule of the caller's book, published (``CareRuleSet``): a dealer that runs its own
    deployment receives the rules of the nodes above it."""
    async with uow:
        node = await repository.book_of(uow.session, actor.tenant, actor.org_node)
        values = {
            "id": rule.id,
            "tenant": actor.tenant,
            "owner_org": node,
            "kind": rule.kind.value,
            **_columns_of_terms(rule),
            "active": True,
            "created_by": actor.user_id,
            "created_at": now,
        }
        await care_store.add_rule(uow.session, values)
        await _publish_rule(uow, values, actor, now)
    return rule.id


def _columns_of_terms(rule: CareRule) -> dict[str, Any]:
    """A rule's terms as its row stores them: what adding it writes and a change replaces."""
    return {
        "segment": rule.segment.value,
        "action": rule.action.value,
        "message": rule.message,
        "months": rule.months,
        "km": rule.km,
        "days_before": rule.days_before,
        "window_days": rule.window_days,
        "complaints": rule.complaints,
    }


async def _publish_rule(
    uow: UnitOfWork, rule: dict[str, Any], actor: Principal, now: datetime
) -> None:
    book = rule["owner_org"]
    await uow.publish_about(
        [
            CareRuleSet(
                rule_id=rule["id"],
                org_node=book,
                dealer_id=await dealer_of(uow.session, actor.tenant, book),
                **{term: rule[term] for term in _TERMS},
                set_by=actor.user_id,
                at=now,
            )
        ],
        tenant=actor.tenant,
        owner_org=book,
        actor=actor.user_id,
    )


async def take_rule_from_hq(uow: UnitOfWork, event: Envelope[CareRuleSet]) -> None:
    """At a dealer's deployment: a rule of HQ or of the dealer's region, come down over the
    link, kept as it is there (under its id and node: the dealer's scan applies it to its
    books, and changes it nowhere but there). A redelivery, or the same terms again, changes
    nothing."""
    data = event.data
    await care_store.keep_rule(
        uow.session,
        {
            "id": data.rule_id,
            "tenant": event.tenant,
            "owner_org": data.org_node,
            **{term: getattr(data, term) for term in _TERMS},
            "created_by": data.set_by,
            "created_at": data.at,
        },
    )


class CareRuleNotFound(Exception):
    """No such rule of the caller's book (a rule of a node above is read, never changed)."""


@dataclass(frozen=True, slots=True)
class RuleTerms:
    """What a change of a rule replaces: everything but its kind (another kind is another
    rule)."""

    segment: Segment
    action: CareAction
    message: str
    months: int | None
    km: int | None
    days_before: int
    window_days: int
    complaints: int
    active: bool


async def change_rule(
    rule_id: UUID, terms: RuleTerms, actor: Principal, uow: UnitOfWork, *, now: datetime
) -> None:
    """New terms for a rule of the caller's book, or the rule stopped (``active`` false) or
    started again (404 for a rule of another book, a node above included). What it did
    stays done: an occasion it acted on (a service cycle, a policy's expiry, a year's
    birthday) is not acted on again under the new terms."""
    async with uow:
        book = await repository.book_of(uow.session, actor.tenant, actor.org_node)
        found = await care_store.rule_in_book(uow.session, actor.tenant, book, rule_id)
        if found is None:
            raise CareRuleNotFound("care rule not found")
        values = asdict(terms)
        active = values.pop("active")
        # The domain checks the terms against the rule's kind (a maintenance rule needs
        # months or km...).
        rule = CareRule(id=rule_id, kind=RuleKind(found["kind"]), **values)
        changes = {
            **_columns_of_terms(rule),
            "active": active,
            "changed_by": actor.user_id,
            "changed_at": now,
        }
        await care_store.change_rule(uow.session, rule_id, changes)
        await _publish_rule(uow, {**found, **changes}, actor, now)


def _candidate(row: Any) -> Candidate:
    return Candidate(
        customer_id=row.customer_id,
        segment=Segment(row.segment),
        name=row.name,
        birthday=row.birthday,
        insurance_expires_on=row.insurance_expires_on,
        value_changed_on=row.value_changed_on,
        vin=row.vin,
        delivered_on=row.delivered_on,
        last_service_on=row.last_service_on,
        mileage_km=row.mileage_km,
        complaints_in_window=row.complaints or 0,
    )


async def scan(sessions: async_sessionmaker[AsyncSession], *, now: datetime, timezone: str) -> int:
    """Every active rule over its node's customers; returns the actions taken now."""
    # One trace for everything one scan does (its events' trace id), as a request has one.
    with bound_trace(new_trace()):
        return await _scan(sessions, now=now, timezone=timezone)


async def _scan(sessions: async_sessionmaker[AsyncSession], *, now: datetime, timezone: str) -> int:
    zone = ZoneInfo(timezone)
    today = now.astimezone(zone).date()
    async with sessions() as session:
        rules = await care_store.active_rules(session)
    taken = 0
    for row in rules:
        rule = care_store.rule_from_row(row)
        async with sessions() as reader:
            # A batch's actions are written (on a connection of their own) while the next
            # batch is read and decided: the database and this process work side by side.
            writing: asyncio.Task[int] | None = None
            try:
                async for batch in care_store.candidates(
                    reader, row["tenant"], row["owner_org"], rule, today, zone
                ):
                    due = _due(rule, batch, today)
                    if writing is not None:
                        taken += await writing
                        writing = None
                    if due:
                        writing = asyncio.create_task(_act(sessions, row["tenant"], rule, due, now))
                if writing is not None:
                    taken += await writing
            finally:
                # The scan failed: a batch still being written is rolled back (its occasions
                # stay due for the next scan).
                if writing is not None and not writing.done():
                    writing.cancel()
    return taken


def _due(rule: CareRule, batch: list[Any], today: date) -> list[tuple[Any, Candidate, Firing]]:
    """The batch's candidates the rule fires for today, with the occasion."""
    due = []
    for row in batch:
        who = _candidate(row)
        firing = fires(rule, who, today)
        if firing is not None:
            due.append((row, who, firing))
    return due


async def _act(
    sessions: async_sessionmaker[AsyncSession],
    tenant: str,
    rule: CareRule,
    due: list[tuple[Any, Candidate, Firing]],
    now: datetime,
) -> int:
    async with UnitOfWork(sessions) as uow:
        # The occasions acted on already (every one of them, on a scan after the first) are
        # left out before anything is written; the key still decides between two scans.
        done = await care_store.periods_taken(
            uow.session, rule.id, [who.customer_id for _, who, _ in due]
        )
        fired = [
            (row, who, firing, uuid4())
            for row, who, firing in due
            if (who.customer_id, firing.period) not in done
        ]
        if not fired:
            return 0
        recorded = await care_store.record_actions(
            uow.session,
            [
                {
                    "id": action_id,
                    "tenant": tenant,
                    "owner_org": row.owner_org,
                    "rule_id": rule.id,
                    "customer_id": who.customer_id,
                    "period": firing.period,
                    "action": rule.action.value,
                    "due_on": firing.due_on,
                    "reason": firing.reason[:300],
                    "fired_at": now,
                }
                for row, who, firing, action_id in fired
            ],
        )
        events = []
        messages = []
        for row, who, firing, action_id in fired:
            if action_id not in recorded:
                continue  # another scan took this action first
            text = message_for(rule, who, firing)
            recipient = row.phone if rule.action is CareAction.SMS else row.email
            if rule.action is not CareAction.CALL and recipient is not None:
                messages.append(
                    {
                        "tenant": tenant,
                        "owner_org": row.owner_org,
                        "channel": rule.action.value,
                        "recipient": recipient,
                        "subject": firing.reason[:300],
                        "body": text,
                        "reference": f"care:{action_id}",
                        "created_at": now,
                        "next_attempt_at": now,
                    }
                )
                continue
            # A care call, or no contact for the message: the call center calls instead.
            events.append(
                new_event(
                    CareDue(
                        care_action_id=action_id,
                        rule_id=rule.id,
                        rule_kind=rule.kind.value,
                        segment=rule.segment.value,
                        dealer_id=row.owner_org,
                        customer_id=who.customer_id,
                        customer_name=who.name,
                        phone=row.phone,
                        vin=who.vin,
                        period=firing.period,
                        reason=text,
                        due_on=firing.due_on,
                    ),
                    tenant=tenant,
                    owner_org=row.owner_org,
                    actor=CARE_SYSTEM,
                )
            )
        await survey_store.queue_notifications(uow.session, messages)
        await uow.publish(*events)
    return len(recorded)
