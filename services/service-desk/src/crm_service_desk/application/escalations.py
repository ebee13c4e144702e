"""The escalation sweep (事件升级): the worker applies the ladder's due steps to open tickets
in batches, each batch one transaction with a history row per step and a ``TicketEscalated``
per ticket escalated. Safe with several workers: each claims its batch with ``SKIP LOCKED``."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.contracts.envelope import new_event
from crm_common.contracts.events.service_desk.v1 import TicketEscalated
from crm_common.db import UnitOfWork
from crm_common.observability.context import bound_trace, new_trace
from crm_service_desk.adapters import repository
from crm_service_desk.application.tickets import BookRules, about_ticket, book_rules
from crm_service_desk.domain.escalation import Escalation, OrgChain, escalate
from crm_service_desk.domain.tickets import Ticket

SWEEP_BATCH = 1000
SWEEPER = "system:escalation-sweep"
SWEEP_LANES = 2
"""Batches a sweep works on at once (a connection each)."""


async def sweep_escalations(
    sessions: async_sessionmaker[AsyncSession],
    *,
    now: datetime,
    timezone: str,
    batch: int = SWEEP_BATCH,
) -> int:
    """Applies every step due by ``now``; returns how many steps were applied."""
    # One trace for everything one sweep does (its events' trace id), as a request has one.
    with bound_trace(new_trace()):
        return await _sweep(sessions, now=now, timezone=timezone, batch=batch)


async def _sweep(
    sessions: async_sessionmaker[AsyncSession], *, now: datetime, timezone: str, batch: int
) -> int:
    # A book's calendar, ladder and org chain are read once per sweep, not once per ticket.
    books: dict[tuple[str, str], tuple[BookRules, OrgChain]] = {}
    # Batches side by side, as two workers' sweeps would run them (each claims with SKIP
    # LOCKED): one is computed here while the database writes the other's rows.
    # A lane that fails stops the other; the batches not committed stay due.
    async with asyncio.TaskGroup() as lanes:
        applied = [
            lanes.create_task(
                _sweep_batches(sessions, books, now=now, timezone=timezone, batch=batch)
            )
            for _ in range(SWEEP_LANES)
        ]
    return sum(lane.result() for lane in applied)


async def _sweep_batches(
    sessions: async_sessionmaker[AsyncSession],
    books: dict[tuple[str, str], tuple[BookRules, OrgChain]],
    *,
    now: datetime,
    timezone: str,
    batch: int,
) -> int:
    applied = 0
    while True:
        async with UnitOfWork(sessions) as uow:
            due = await repository.claim_due_tickets(uow.session, now, batch)
            history: list[dict[str, Any]] = []
            events = []
            for ticket in due:
                key = (ticket.tenant, ticket.owner_org)
                if key not in books:
                    books[key] = (
                        await book_rules(uow, ticket.tenant, ticket.owner_org, timezone),
                        await repository.escalation_chain(
                            uow.session, ticket.tenant, ticket.owner_org
                        ),
                    )
                rules, chain = books[key]
                steps = escalate(ticket, rules.ladder, rules.calendar, chain, now)
                history.extend(_history(ticket, step, now) for step in steps)
                if steps:
                    # Several steps due at once (the ticket waited for a sweep): the last one
                    # is announced, naming who works the ticket and where it is raised to after
                    # them all — what the owner, the team lead and the org above act on; its
                    # level counts every step, the history keeps each one.
                    events.append(
                        new_event(
                            _escalated(ticket, steps[-1], now),
                            tenant=ticket.tenant,
                            owner_org=ticket.owner_org,
                            actor=SWEEPER,
                        )
                    )
            await repository.save_escalated(uow.session, due, history)
            await uow.publish(*events)
        applied += len(history)
        if len(due) < batch:
            return applied


def _history(ticket: Ticket, step: Escalation, now: datetime) -> dict[str, Any]:
    return {
        "ticket_id": ticket.id,
        "tenant": ticket.tenant,
        "at": now,
        "actor": SWEEPER,
        "action": "escalated",
        "rule": step.step.name,
        "detail": {
            "level": step.level,
            "action": step.step.action.value,
            "due_at": step.due_at.isoformat(),
            "owner_user": step.owner_user,
            "previous_owner": step.previous_owner,
            "raised_to_org": step.raised_to_org,
        },
    }


def _escalated(ticket: Ticket, step: Escalation, now: datetime) -> TicketEscalated:
    return TicketEscalated(
        **about_ticket(ticket, at=now),
        level=step.level,
        rule=step.step.name,
        action=step.step.action.value,
        target=step.step.target.value,
        owner_user=step.owner_user,
        raised_to_org=step.raised_to_org,
        breached=step.breached,
        due_at=step.due_at,
    )
