"""The call center's record of a connected call is a verified call follow-up of the caller's
lead: real contact resets the recycle clock; in a pool that expects the phone system's
records a typed-in call no longer does."""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID, uuid4

import pytest
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from crm_common.contracts.envelope import new_event
from crm_common.contracts.events.call_center.v1 import CallCompleted
from crm_common.db import UnitOfWork
from crm_leads.adapters.tables import follow_ups, leads, pools
from crm_leads.application import handlers
from crm_leads.application.handlers import CreateLead, RecordFollowUp
from crm_leads.domain.lead import FollowUpKind, LeadSource
from crm_leads.domain.pool_rules import PoolRules
from crm_leads.entrypoints.consumers import record_connected_call

from .conftest import PEOPLE, TENANT

pytestmark = pytest.mark.integration
Sessions = async_sessionmaker[AsyncSession]
PHONE = "13800138000"
OWNER, COLLEAGUE = PEOPLE.consultant1.user_id, PEOPLE.consultant2.user_id


async def lead_with_rules(sessions: Sessions, now: datetime, **recycle: object) -> UUID:
    registration = await handlers.create_lead(
        CreateLead("王伟", PHONE, LeadSource.PHONE, None),
        PEOPLE.consultant1,
        UnitOfWork(sessions),
        via="test",
        now=now,
    )
    rules = PoolRules.model_validate({"recycle": recycle})
    async with sessions() as session, session.begin():
        await session.execute(update(pools).values(rules=rules.model_dump(mode="json")))
    return registration.lead.id


def completed_call(
    *, by: str, talk_seconds: int, ended_at: datetime, connected: bool = True, lead: UUID | None
) -> CallCompleted:
    return CallCompleted(
        call_id=uuid4(),
        dealer_id="dealer-a",
        direction="outbound",
        customer_phone=PHONE,
        agent_user=by,
        queue_id=None,
        lead_id=lead,
        customer_id=None,
        task_id=None,
        connected=connected,
        abandoned=False,
        started_at=ended_at - timedelta(seconds=talk_seconds + 10),
        answered_at=ended_at - timedelta(seconds=talk_seconds) if connected else None,
        ended_at=ended_at,
        wait_seconds=10,
        talk_seconds=talk_seconds,
        hold_seconds=0,
        disposition=None if connected else "no_answer",
    )


async def consume(sessions: Sessions, call: CallCompleted) -> None:
    async with UnitOfWork(sessions) as uow:
        await record_connected_call(
            uow, new_event(call, tenant=TENANT, owner_org="dealer-a", actor="cti")
        )


async def last_follow_up_at(sessions: Sessions, lead_id: UUID) -> datetime | None:
    async with sessions() as session:
        value: datetime | None = await session.scalar(
            select(leads.c.last_follow_up_at).where(leads.c.id == lead_id)
        )
        return value


async def test_a_connected_call_of_the_minimum_talk_time_resets_the_clock(
    sessions: Sessions, now: datetime
) -> None:
    lead_id = await lead_with_rules(
        sessions, now, real_contact_only=True, min_call_seconds=30, cti_calls_only=True
    )
    before = await last_follow_up_at(sessions, lead_id)
    later = now + timedelta(days=3)
    # Found by the number and the agent, the call names no lead.
    await consume(
        sessions,
        completed_call(by=PEOPLE.consultant1.user_id, talk_seconds=12, ended_at=later, lead=None),
    )
    assert await last_follow_up_at(sessions, lead_id) == before
    await consume(
        sessions,
        completed_call(by=PEOPLE.consultant1.user_id, talk_seconds=45, ended_at=later, lead=None),
    )
    assert await last_follow_up_at(sessions, lead_id) == later
    async with sessions() as session:
        recorded = (
            await session.execute(
                select(follow_ups.c.verified, follow_ups.c.call_seconds, follow_ups.c.resets_clock)
                .where(follow_ups.c.lead_id == lead_id, follow_ups.c.call_id.is_not(None))
                .order_by(follow_ups.c.call_seconds)
            )
        ).all()
    assert [tuple(r) for r in recorded] == [(True, 12, False), (True, 45, True)]


async def test_calls_of_others_and_unanswered_calls_are_not_contact(
    sessions: Sessions, now: datetime
) -> None:
    lead_id = await lead_with_rules(sessions, now, cti_calls_only=True)
    before = await last_follow_up_at(sessions, lead_id)
    later = now + timedelta(days=2)
    await consume(
        sessions,
        completed_call(
            by=PEOPLE.consultant2.user_id, talk_seconds=90, ended_at=later, lead=lead_id
        ),
    )
    await consume(
        sessions,
        completed_call(
            by=PEOPLE.consultant1.user_id,
            talk_seconds=0,
            ended_at=later,
            connected=False,
            lead=lead_id,
        ),
    )
    assert await last_follow_up_at(sessions, lead_id) == before


async def test_a_typed_in_call_no_longer_resets_the_clock_where_calls_come_from_the_pbx(
    sessions: Sessions, now: datetime
) -> None:
    typed = RecordFollowUp(FollowUpKind.CALL, "talked for ages", None, None, 600, True)
    lead_id = await lead_with_rules(sessions, now, cti_calls_only=True)
    before = await last_follow_up_at(sessions, lead_id)
    await handlers.record_follow_up(
        lead_id, typed, PEOPLE.consultant1, UnitOfWork(sessions), now=now + timedelta(days=1)
    )
    assert await last_follow_up_at(sessions, lead_id) == before
    trusting = PoolRules.model_validate({"recycle": {"cti_calls_only": False}})
    async with sessions() as session, session.begin():
        await session.execute(update(pools).values(rules=trusting.model_dump(mode="json")))
    later = now + timedelta(days=2)
    await handlers.record_follow_up(
        lead_id, typed, PEOPLE.consultant1, UnitOfWork(sessions), now=later
    )
    assert await last_follow_up_at(sessions, lead_id) == later
