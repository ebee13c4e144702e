"""The escalation sweep on real PostgreSQL with a clock the test sets: each due step applied
once even with two sweeps at the same time, waiting tickets left alone, every step recorded
with its rule, and the steps a sweep applies to a ticket published as one event."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.db import UnitOfWork
from crm_common.db.tables import outbox
from crm_service_desk.adapters.tables import ticket_history, tickets
from crm_service_desk.application import tickets as commands
from crm_service_desk.application.escalations import sweep_escalations
from crm_service_desk.domain.tickets import Priority, WaitingFor

from .conftest import PEOPLE

Sessions = async_sessionmaker[AsyncSession]
ZONE = "Asia/Shanghai"
MONDAY_9 = datetime(2026, 11, 2, 9, 0, tzinfo=ZoneInfo(ZONE))


async def open_tickets(sessions: Sessions, count: int) -> list[str]:
    opened = []
    for n in range(count):
        ticket = await commands.open_new_ticket(
            commands.OpenTicket(subject=f"ticket {n}", priority=Priority.URGENT),
            PEOPLE.advisor,
            UnitOfWork(sessions),
            match=None,
            now=MONDAY_9,
            timezone=ZONE,
        )
        opened.append(str(ticket.id))
    return opened


async def escalations(sessions: Sessions) -> list[tuple[str, str]]:
    async with sessions() as session:
        rows = await session.execute(
            select(ticket_history.c.ticket_id, ticket_history.c.rule)
            .where(ticket_history.c.action == "escalated")
            .order_by(ticket_history.c.id)
        )
        return [(str(t), rule) for t, rule in rows]


async def published(sessions: Sessions) -> list[dict[str, Any]]:
    """The ``TicketEscalated`` events' data, in the order written."""
    async with sessions() as session:
        rows = await session.execute(
            select(outbox.c.payload)
            .where(outbox.c.event_type == "service-desk.TicketEscalated")
            .order_by(outbox.c.id)
        )
        return [payload["data"] for payload in rows.scalars()]


async def test_two_sweeps_at_once_apply_each_due_step_once(sessions: Sessions) -> None:
    opened = await open_tickets(sessions, 25)
    # Urgent: first response within 1 business hour (standard calendar from 08:30).
    nothing_yet = await sweep_escalations(
        sessions, now=MONDAY_9 + timedelta(minutes=30), timezone=ZONE
    )
    assert nothing_yet == 0
    breach = MONDAY_9 + timedelta(hours=1)
    counts = await asyncio.gather(
        sweep_escalations(sessions, now=breach, timezone=ZONE, batch=4),
        sweep_escalations(sessions, now=breach, timezone=ZONE, batch=4),
    )
    assert sum(counts) == 25
    assert sorted(await escalations(sessions)) == sorted(
        (t, "response_breach_notify_owner") for t in opened
    )
    assert sorted(e["ticket_id"] for e in await published(sessions)) == sorted(opened)
    assert await sweep_escalations(sessions, now=breach, timezone=ZONE) == 0


async def test_the_whole_ladder_raises_the_ticket_to_hq(sessions: Sessions) -> None:
    (ticket_id,) = await open_tickets(sessions, 1)
    applied = await sweep_escalations(sessions, now=MONDAY_9 + timedelta(days=14), timezone=ZONE)
    assert applied == 6
    assert [rule for _, rule in await escalations(sessions)] == [
        "response_breach_notify_owner",
        "resolution_75_notify_owner",
        "resolution_breach_team_lead",
        "resolution_125_dealer",
        "resolution_150_region",
        "resolution_200_hq",
    ]
    async with sessions() as session:
        row = (
            await session.execute(
                select(
                    tickets.c.raised_to_org, tickets.c.next_escalation_at, tickets.c.owner_user
                ).where(tickets.c.id == ticket_id)
            )
        ).one()
    assert (row.raised_to_org, row.next_escalation_at) == ("hq", None)
    # Six steps due at once are told by one event: the last step, with the ticket as they
    # all left it (its owner, raised to HQ).
    [told] = await published(sessions)
    assert (told["ticket_id"], told["level"], told["rule"], told["action"]) == (
        ticket_id,
        6,
        "resolution_200_hq",
        "raise_to_hq",
    )
    assert (told["owner_user"], told["raised_to_org"], told["breached"]) == (
        row.owner_user,
        "hq",
        True,
    )


async def test_a_waiting_ticket_is_left_alone(sessions: Sessions) -> None:
    (ticket_id,) = await open_tickets(sessions, 1)
    await commands.hold(
        UUID(ticket_id),
        WaitingFor.CUSTOMER,
        PEOPLE.advisor,
        UnitOfWork(sessions),
        now=MONDAY_9 + timedelta(minutes=10),
    )
    assert await sweep_escalations(sessions, now=MONDAY_9 + timedelta(days=3), timezone=ZONE) == 0
